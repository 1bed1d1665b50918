#!/usr/bin/env python
"""RRULE speed: cadence against python-dateutil's ``rrulestr``, in three tables.

Run ``python benchmarks/bench_rrule.py`` (``--help`` for the options).

1. Iteration: for each recurrence of the corpus (DTSTART with a TZID, then RRULE,
   RDATE, EXDATE and EXRULE lines; dateutil reads them with ``forceset=True``), both
   produce N occurrences from an object parsed beforehand. A cell is occurrences per
   second, the best of ``--repeat`` runs with the garbage collector off.
2. Parsing: microseconds per parse of texts neither library has seen: each parse gets
   its own DTSTART (the corpus's, moved by a day and a second per text, so that every
   rule differs), and cadence is given a tzinfo, not a name, so that its memo of
   parsed text stays out of the timing. A cell is the mean over ``PARSES`` texts, the
   best of ``--repeat`` x 10 runs.
3. COUNT: parsing ``COUNT=10`` against ``COUNT=1000000``.

Ratios are dateutil's time over cadence's (above 1: cadence is faster). dateutil works
on naive wall-clock times and attaches the zone afterwards; cadence returns aware
datetimes and follows RFC 5545 across DST changes, and the run checks that both give
the same wall-clock times: a row where they differ is marked ``diff`` and left out of
the median (``FREQ=HOURLY;INTERVAL=5`` does: dateutil returns 02:00 on the day Berlin's
clocks jump from 02:00 to 03:00, which does not exist). Standard library, cadence and
python-dateutil only.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from functools import partial
from importlib import metadata
from itertools import islice
from typing import TextIO
from zoneinfo import ZoneInfo

import cadence

ZONE = "Europe/Berlin"
BERLIN = ZoneInfo(ZONE)
START = "20260105T090000"
#: ``(recurrence lines after DTSTART, N)``: from every few minutes to a few times a
#: year, with RFC 5545's year parts, set positions and sets. Dates without TZID are
#: wall times in DTSTART's zone, for both libraries.
CORPUS: tuple[tuple[str, int], ...] = (
    ("RRULE:FREQ=MINUTELY;INTERVAL=15", 2000),
    ("RRULE:FREQ=HOURLY;INTERVAL=5", 2000),
    ("RRULE:FREQ=DAILY", 2000),
    ("RRULE:FREQ=DAILY;BYHOUR=9,12,17;BYMINUTE=0,30", 2000),
    ("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", 2000),
    ("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR", 2000),
    ("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1", 1000),
    ("RRULE:FREQ=MONTHLY;BYDAY=2MO", 1000),
    ("RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", 1000),
    ("RRULE:FREQ=MONTHLY;BYDAY=TU,WE,TH;BYSETPOS=3", 1000),
    ("RRULE:FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31", 300),
    ("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", 200),
    ("RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", 300),
    ("RRULE:FREQ=YEARLY;BYWEEKNO=1,26,-1;BYDAY=MO,FR;WKST=SU", 300),
    ("RRULE:FREQ=YEARLY;BYYEARDAY=1,100,200,-1", 300),
    ("RRULE:FREQ=YEARLY;BYDAY=20MO", 300),
    ("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17;BYMINUTE=0;BYSETPOS=1,-1", 2000),
    ("RRULE:FREQ=DAILY;COUNT=5000\nRRULE:FREQ=WEEKLY;BYDAY=SA;BYHOUR=12;UNTIL=20300101T000000",
     2000),
    ("RRULE:FREQ=DAILY\nEXRULE:FREQ=WEEKLY;BYDAY=SA,SU\n"
     "RDATE:20260110T100000,20260418T100000\nEXDATE:20260106T090000,20260203T090000", 2000),
)


#: Texts per parse timing (each run parses this many texts never seen before).
PARSES = 20
_FIRST = datetime.strptime(START, "%Y%m%dT%H%M%S")
_fresh = iter(range(1, 10**9))


def _text(body: str, start: str = START) -> str:
    return f"DTSTART;TZID={ZONE}:{start}\n{body}"


def fresh_starts(count: int) -> list[str]:
    """``count`` DTSTART values never used before in this process."""
    return [(_FIRST + timedelta(days=step % 700, seconds=step)).strftime("%Y%m%dT%H%M%S")
            for step in islice(_fresh, count)]


def _label(body: str) -> str:
    """The row's name: its lines joined by " + ", without the RRULE: prefixes."""
    return " + ".join(line.removeprefix("RRULE:") for line in body.split("\n"))


def cadence_parse(body: str, start: str = START) -> cadence.Schedule:
    return cadence.parse(_text(body, start), "rrule", tz=BERLIN)


def dateutil_parse(body: str, start: str = START) -> Iterable[datetime]:
    from dateutil.rrule import rrulestr

    return rrulestr(f"DTSTART:{start}\n{body}", forceset=True)  # type: ignore[no-any-return]


def parse_time(parse: Callable[[str, str], object], body: str, repeat: int) -> float:
    """Seconds per parse of a text never seen before (see the module docstring)."""
    best = float("inf")
    for _ in range(repeat):
        texts = fresh_starts(PARSES)
        gc.disable()
        began = time.perf_counter()
        for start in texts:
            parse(body, start)
        elapsed = time.perf_counter() - began
        gc.enable()
        best = min(best, elapsed / PARSES)
    return best


def cadence_walk(schedule: cadence.Schedule, count: int) -> list[datetime]:
    """The first ``count`` occurrences from DTSTART (included when it is one)."""
    assert schedule.start is not None
    return list(islice(schedule.iter_after(schedule.start - timedelta(seconds=1)), count))


def dateutil_walk(rule: Iterable[datetime], count: int) -> list[datetime]:
    return list(islice(rule, count))


def same_walls(body: str, count: int) -> bool:
    """Whether both give the same wall-clock times (dateutil's are naive)."""
    ours = [moment.replace(tzinfo=None) for moment in cadence_walk(cadence_parse(body), count)]
    return ours == dateutil_walk(dateutil_parse(body), count)


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
          f", zone {ZONE}, DTSTART {START}", file=out)
    print(f"{'recurrence':62} {'N':>5} {'cadence/s':>10} {'dateutil/s':>10} {'ratio':>7} "
          f"{'parse us':>8} {'dateutil':>8} {'ratio':>6}", file=out)
    walks: list[float] = []
    parses: list[float] = []
    for body, size in CORPUS:
        count = 100 if args.quick else size
        same = same_walls(body, count)  # also the warm-up: the grammar is loaded once
        ours = _best(partial(cadence_walk, cadence_parse(body), count), repeat)
        theirs = _best(partial(dateutil_walk, dateutil_parse(body), count), repeat)
        ours_parse = parse_time(cadence_parse, body, repeat * 10)
        theirs_parse = parse_time(dateutil_parse, body, repeat * 10)
        if same:
            walks.append(theirs / ours)
        parses.append(theirs_parse / ours_parse)
        ratio = f"{theirs / ours:.2f}x" if same else "diff"
        print(f"{_label(body)[:62]:62} {count:>5} {count / ours:>10,.0f} "
              f"{count / theirs:>10,.0f} {ratio:>7} {ours_parse * 1e6:>8.0f} "
              f"{theirs_parse * 1e6:>8.0f} {theirs_parse / ours_parse:>5.2f}x", file=out)
    if walks:
        print(f"median iteration dateutil/cadence: {statistics.median(walks):.2f}x "
              f"(n={len(walks)})", file=out)
    print(f"median parse dateutil/cadence: {statistics.median(parses):.2f}x "
          f"(n={len(parses)})", file=out)
    for count in (10, 1_000_000):
        body = f"RRULE:FREQ=MINUTELY;COUNT={count}"
        ours_parse = parse_time(cadence_parse, body, repeat * 10)
        theirs_parse = parse_time(dateutil_parse, body, repeat * 10)
        print(f"parse FREQ=MINUTELY;COUNT={count}: cadence {ours_parse * 1e6:.0f} us, "
              f"dateutil {theirs_parse * 1e6:.0f} us", file=out)
    print(f"run at {datetime.now().isoformat(timespec='seconds')}", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
