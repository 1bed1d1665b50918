#!/usr/bin/env python
"""Batch expansion: ``cadence.expand`` in one process, N processes and a Dask cluster,
against a croniter loop, in rows per second.

Run ``python benchmarks/bench_expand.py`` (``--help`` for the options). The schedules
are ``--schedules`` distinct cron lines of the shapes people write
(``realistic_crons.py``), in UTC, expanded over one day, ``--day`` (so the loop of
croniter, which has no zone rules of cadence's, is compared on the same instants).
Each way is timed once, from the texts to the last row counted:

- cadence, 1 process: ``cadence.expand(texts, start, end)``;
- cadence, N processes: the same with ``workers=N`` (``--workers``, default the number of
  CPUs; the pool's start-up is counted);
- cadence, Dask: the same with ``client=`` a ``dask.distributed.LocalCluster`` of N worker
  processes, one thread each (the cluster is started beforehand and not counted);
- croniter: for each line, ``croniter(line, start - 1 s, day_or=...)`` and ``get_next``
  until the day ends (``day_or`` set by Vixie cron's rule, as cadence reads the lines).

Every way must give the same number of rows (a sample of schedules is compared row for
row with croniter); the table gives seconds, rows per second and each way's rate over
croniter's. Standard library, cadence, croniter and dask[distributed] (the Dask line is
skipped without it).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

import cadence
from realistic_crons import expressions

UTC = timezone.utc
#: Lines compared row for row with croniter.
SAMPLE = 300


def vixie_day_or(line: str) -> bool:
    """croniter's ``day_or`` for Vixie cron's rule: the day fields are ORed only when
    neither starts with ``*``."""
    fields = line.split()
    return not (fields[2].startswith("*") or fields[4].startswith("*"))


def croniter_rows(lines: Sequence[str], start: datetime, end: datetime) -> int:
    """Rows of a croniter loop: ``get_next`` until the end, for each line."""
    from croniter import croniter

    before = start - timedelta(seconds=1)
    count = 0
    for line in lines:
        walk = croniter(line, before, day_or=vixie_day_or(line))
        while walk.get_next(datetime) < end:
            count += 1
    return count


def croniter_times(line: str, start: datetime, end: datetime) -> list[datetime]:
    from croniter import croniter

    walk = croniter(line, start - timedelta(seconds=1), day_or=vixie_day_or(line))
    found = []
    while (moment := walk.get_next(datetime)) < end:
        found.append(moment)
    return found


def cadence_rows(lines: Sequence[str], start: datetime, end: datetime, **spread: Any) -> int:
    schedules = dict(enumerate(lines))
    return sum(1 for _ in cadence.expand(schedules, start, end, **spread))


def timed(work: Callable[[], int]) -> tuple[float, int]:
    began = time.perf_counter()
    rows = work()
    return time.perf_counter() - began, rows


def same_rows_as_croniter(lines: Sequence[str], start: datetime, end: datetime) -> bool:
    """The sample's rows, line for line, against croniter's."""
    ours = [[row.occurrence for row in cadence.expand({0: line}, start, end)]
            for line in lines]
    return ours == [croniter_times(line, start, end) for line in lines]


def load_average() -> str:
    """The machine's load over the last minute (where the system tells it)."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (AttributeError, OSError):
        return "unknown"


def dask_client(workers: int) -> tuple[Any, Any] | None:
    """A LocalCluster of ``workers`` processes and its client, or None without Dask.
    The workers import cadence from where this process does."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        return None
    source = str(Path(cadence.__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [source, *filter(None, [os.environ.get("PYTHONPATH")])])
    local: Any = LocalCluster  # (Dask's functions are not typed)
    connect: Any = Client
    cluster = local(n_workers=workers, processes=True, threads_per_worker=1,
                    dashboard_address=":0")
    return cluster, connect(cluster)


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--schedules", type=int, default=100_000,
                        help="distinct cron lines (default 100,000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="processes for the pool and the Dask cluster (default: CPUs)")
    parser.add_argument("--day", default="2026-12-07", help="the day expanded (UTC)")
    parser.add_argument("--seed", type=int, default=20261206, help="the lines' random seed")
    args = parser.parse_args(argv)
    lines = expressions(args.schedules, random.Random(args.seed))
    start = datetime.fromisoformat(args.day).replace(tzinfo=UTC)
    end = start + timedelta(days=1)
    agree = same_rows_as_croniter(lines[:SAMPLE], start, end)  # (and the warm-up)
    load_before = load_average()

    results: list[tuple[str, float | None, int | None]] = []
    results.append(("croniter loop", *timed(lambda: croniter_rows(lines, start, end))))
    results.append(("cadence, 1 process", *timed(lambda: cadence_rows(lines, start, end))))
    results.append((f"cadence, {args.workers} processes",
                    *timed(lambda: cadence_rows(lines, start, end, workers=args.workers))))
    dask = dask_client(args.workers)
    if dask is None:
        results.append(("cadence, Dask: skipped, dask[distributed] is not installed", None,
                        None))
    else:
        cluster, client = dask
        try:
            results.append((f"cadence, Dask LocalCluster ({args.workers} workers)",
                            *timed(lambda: cadence_rows(lines, start, end, client=client))))
        finally:
            client.close()
            cluster.close()

    counts = {rows for _, _, rows in results if rows is not None}
    print(f"cadence {cadence.__version__}, croniter {metadata.version('croniter')}, Python "
          f"{platform.python_version()}, {os.cpu_count()} CPUs", file=out)
    print(f"{len(lines):,} schedules (realistic cron lines, UTC) over {args.day}: "
          f"{max(counts):,} rows", file=out)
    baseline = results[0][1]
    assert baseline is not None
    print(f"{'way':44} {'seconds':>8} {'rows/s':>11} {'vs croniter':>11}", file=out)
    for what, seconds, rows in results:
        if seconds is None or rows is None:
            print(what, file=out)
            continue
        print(f"{what:44} {seconds:8.2f} {rows / seconds:11,.0f} "
              f"{baseline / seconds:10.2f}x", file=out)
    print(f"load average before and after: {load_before} and {load_average()} (other work "
          "on the machine takes CPUs from the processes measured)", file=out)
    print(f"rows: {'the same' if len(counts) == 1 else 'DIFFER'} for every way; the first "
          f"{min(SAMPLE, len(lines))} schedules row for row against croniter: "
          f"{'the same' if agree else 'DIFFER'}", file=out)
    return 0 if len(counts) == 1 and agree else 1


if __name__ == "__main__":
    sys.exit(main())
