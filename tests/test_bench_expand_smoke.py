"""Smoke test of ``benchmarks/bench_expand.py``: a small run prints a row per way, and
every way gives croniter's rows; timings are not looked at."""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone

import pytest

from bench_loader import load_benchmark


@pytest.mark.integration  # it starts a Dask LocalCluster
def test_a_small_run_prints_every_way_with_the_same_rows() -> None:
    pytest.importorskip("distributed", reason="Dask's distributed scheduler is not installed")
    bench = load_benchmark("bench_expand")
    out = io.StringIO()
    assert bench.main(["--schedules", "200", "--workers", "2"], out=out) == 0
    lines = out.getvalue().splitlines()
    assert re.fullmatch(r"200 schedules \(realistic cron lines, UTC\) over 2026-12-07: "
                        r"[\d,]+ rows", lines[1]), lines[1]
    ways = [line[:44].rstrip() for line in lines[3:-2]]
    assert ways == ["croniter loop", "cadence, 1 process", "cadence, 2 processes",
                    "cadence, Dask LocalCluster (2 workers)"]
    assert lines[-2].startswith("load average before and after: ")
    for line in lines[3:-2]:
        assert re.search(r" [\d.]+ +[\d,]+ +[\d.]+x$", line), line
    assert lines[-1] == ("rows: the same for every way; the first 200 schedules row for "
                         "row against croniter: the same")


def test_the_croniter_loop_reads_the_day_fields_as_vixie_cron_does() -> None:
    bench = load_benchmark("bench_expand")
    start = datetime(2026, 12, 1, tzinfo=timezone.utc)
    end = datetime(2027, 1, 1, tzinfo=timezone.utc)
    # */2 in the day of month: AND with the weekday (Vixie), where croniter would OR
    assert [moment.day for moment in bench.croniter_times("0 0 */2 * 1", start, end)] == [
        7, 21]
    assert bench.same_rows_as_croniter(["0 0 */2 * 1", "0 0 13 * 5", "*/20 9-10 * * *"],
                                       start, end)
