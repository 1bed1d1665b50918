#!/usr/bin/env python
"""RRULE occurrences per second: cadence against python-dateutil's ``rrulestr``.

Run ``python benchmarks/bench_rrule.py`` (``--help`` for the options). For each rule
of the corpus, both libraries parse the text (DTSTART with a TZID) and produce N
occurrences; a cell is the best of ``--repeat`` runs, construction included, with the
garbage collector off. dateutil works on naive wall-clock times and attaches the zone
afterwards; cadence returns aware datetimes and follows RFC 5545 across DST changes,
and the run checks that both give the same wall-clock times: a row where they differ
is marked ``diff`` and left out of the median (``FREQ=HOURLY;INTERVAL=5`` does: dateutil
returns 02:00 on the day Berlin's clocks jump from 02:00 to 03:00, which does not
exist). Standard library, cadence and python-dateutil only.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from importlib import metadata
from itertools import islice
from typing import TextIO
from zoneinfo import ZoneInfo

import cadence

ZONE = "Europe/Berlin"
BERLIN = ZoneInfo(ZONE)
START = "20260105T090000"
#: ``(rule, N)``: from every few minutes to a few times a year.
CORPUS: tuple[tuple[str, int], ...] = (
    ("FREQ=MINUTELY;INTERVAL=15", 2000),
    ("FREQ=HOURLY;INTERVAL=5", 2000),
    ("FREQ=DAILY", 2000),
    ("FREQ=DAILY;BYHOUR=9,12,17;BYMINUTE=0,30", 2000),
    ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", 2000),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR", 2000),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", 1000),
    ("FREQ=MONTHLY;BYDAY=2MO", 1000),
    ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", 1000),
    ("FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31", 300),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", 200),
)


def _text(rule: str) -> str:
    return f"DTSTART;TZID={ZONE}:{START}\nRRULE:{rule}"


def cadence_run(rule: str, count: int) -> list[datetime]:
    """The first ``count`` occurrences from DTSTART (included when the rule matches it)."""
    # A tzinfo (not a name) keeps cadence.parse's memo of parsed text out of the timing.
    schedule = cadence.parse(_text(rule), "rrule", tz=BERLIN)
    assert schedule.start is not None
    first = schedule.start
    found = [first] if schedule.matches(first) else []
    found += islice(schedule.iter_after(first), count - len(found))
    return found


def dateutil_run(rule: str, count: int) -> list[datetime]:
    from dateutil.rrule import rrulestr

    return list(islice(rrulestr(f"DTSTART:{START}\nRRULE:{rule}"), count))


def same_walls(rule: str, count: int) -> bool:
    """Whether both give the same wall-clock times (dateutil's are naive)."""
    ours = [moment.replace(tzinfo=None) for moment in cadence_run(rule, count)]
    return ours == dateutil_run(rule, count)


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.disable()
        began = time.perf_counter()
        run()
        elapsed = time.perf_counter() - began
        gc.enable()
        best = min(best, elapsed)
    return best


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--quick", action="store_true", help="N=100, one run")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    print(f"cadence {cadence.__version__}, python-dateutil {metadata.version('python-dateutil')}"
          f", zone {ZONE}, DTSTART {START}; occurrences per second, parse included", file=out)
    print(f"{'rule':48} {'N':>5} {'cadence':>11} {'dateutil':>11} {'ratio':>8}", file=out)
    ratios: list[float] = []
    for rule, size in CORPUS:
        count = 100 if args.quick else size
        same = same_walls(rule, count)  # also the warm-up: the grammar is loaded once
        ours = count / _best(partial(cadence_run, rule, count), repeat)
        theirs = count / _best(partial(dateutil_run, rule, count), repeat)
        ratio = f"{ours / theirs:.2f}x" if same else "diff"
        if same:
            ratios.append(ours / theirs)
        print(f"{rule:48} {count:>5} {ours:>11,.0f} {theirs:>11,.0f} {ratio:>8}", file=out)
    if ratios:
        print(f"median cadence/dateutil: {statistics.median(ratios):.2f}x (n={len(ratios)})",
              file=out)
    print(f"run at {datetime.now().isoformat(timespec='seconds')}", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
