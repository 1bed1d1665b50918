#!/usr/bin/env python
"""croniter facade speed: ``cadence.compat.croniter`` against croniter, ``get_next``.

Run ``python benchmarks/bench_compat.py`` (``--help`` for the options).

For each shape, both make one iterator from the same start and call ``get_next`` N
times, as floats and as datetimes (naive UTC; and in Europe/Berlin with an aware
start); a cell is calls per second, the best of ``--repeat`` runs with the garbage
collector off. The ratio is croniter's time over the facade's (above 1: the facade is
faster). Each cell first checks that both give the same N occurrences; where they
differ the ratio is marked ``*`` and left out of the median: ``30 2 * * *`` in Berlin
crosses 2026-10-25, where croniter fires the repeated 02:30 twice and the facade once,
as Debian cron does. Standard library, cadence and croniter only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import timeit
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from importlib import metadata
from typing import Any, TextIO
from zoneinfo import ZoneInfo

import cadence
from cadence.compat import croniter as facade

BERLIN = ZoneInfo("Europe/Berlin")
#: ``(expression, N)``: from every second to a few times a year, with croniter's
#: seconds and year fields, ``L``, ``#`` and ``W``.
SHAPES: tuple[tuple[str, int], ...] = (
    ("* * * * *", 2000),
    ("*/5 * * * *", 2000),
    ("0 9 * * mon-fri", 2000),
    ("30 2 * * *", 2000),
    ("0 0 1,15 * *", 1000),
    ("2 4 1 * wed", 1000),
    ("0 0 L * *", 1000),
    ("0 0 * * 5#3,L5", 1000),
    ("0 9 15W * *", 1000),
    ("* * * * * */15", 2000),
    ("0 0 1 1 * 0 2030-2099", 60),
)
START = datetime(2026, 1, 5, 9, 7, 30)
#: The ret_type and start each column uses.
COLUMNS: tuple[tuple[str, type, datetime], ...] = (
    ("float", float, START),
    ("datetime", datetime, START),
    ("Berlin", datetime, START.replace(tzinfo=BERLIN)),
)


def _real() -> Any:
    import croniter  # the peer, loaded only to be measured

    return croniter.croniter


def walk(kind: Any, expression: str, count: int, ret_type: type, start: datetime
         ) -> list[Any]:
    itr = kind(expression, start)
    return [itr.get_next(ret_type) for _ in range(count)]


def _best(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds (timeit turns the collector off)."""
    return min(timeit.repeat(run, number=1, repeat=repeat))


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--quick", action="store_true", help="N at most 100, one run")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    real = _real()
    print(f"cadence {cadence.__version__}, croniter {metadata.version('croniter')}, "
          f"start {START.isoformat()}; calls per second and croniter/facade", file=out)
    print(f"{'expression':24} {'N':>5} " + " ".join(
        f"{name + ' cadence':>16} {'croniter':>9} {'ratio':>7}" for name, _, _ in COLUMNS),
        file=out)
    ratios: dict[str, list[float]] = {name: [] for name, _, _ in COLUMNS}
    for expression, size in SHAPES:
        count = min(size, 100) if args.quick else size
        cells = []
        for name, ret_type, start in COLUMNS:
            same = (walk(facade.croniter, expression, count, ret_type, start)
                    == walk(real, expression, count, ret_type, start))
            ours = _best(partial(walk, facade.croniter, expression, count, ret_type, start),
                         repeat)
            theirs = _best(partial(walk, real, expression, count, ret_type, start), repeat)
            if same:
                ratios[name].append(theirs / ours)
            ratio = f"{theirs / ours:.2f}x" + ("" if same else "*")
            cells.append(f"{count / ours:>16,.0f} {count / theirs:>9,.0f} {ratio:>7}")
        print(f"{expression:24} {count:>5} " + " ".join(cells), file=out)
    print("* the occurrences differ (DST: croniter fires a repeated wall time twice)",
          file=out)
    for name, found in ratios.items():
        if found:
            print(f"{name}: croniter/facade median {statistics.median(found):.2f}x, "
                  f"lowest {min(found):.2f}x (n={len(found)})", file=out)
    print(f"run at {datetime.now().isoformat(timespec='seconds')}", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
