"""Smoke test of ``benchmarks/bench_rrule.py``: a quick run; timings are not looked at."""

from __future__ import annotations

import io
from types import ModuleType

import pytest

from bench_loader import load_benchmark


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_benchmark("bench_rrule")


def test_a_quick_run_prints_one_row_per_rule_and_the_median(bench: ModuleType) -> None:
    out = io.StringIO()
    assert bench.main(["--quick"], out=out) == 0
    lines = out.getvalue().splitlines()
    rows = [line for line in lines if line.startswith("FREQ=")]
    assert [row.split()[0] for row in rows] == [rule for rule, _ in bench.CORPUS]
    # N=100 stays clear of Berlin's spring gap, where one row differs (see the docstring)
    assert not any(row.endswith("diff") for row in rows)
    assert any(line.startswith("median cadence/dateutil: ") for line in lines)


@pytest.mark.parametrize("rule", ["FREQ=DAILY", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                                  "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"])
def test_cadence_and_dateutil_give_the_same_wall_times(bench: ModuleType, rule: str) -> None:
    assert bench.same_walls(rule, 50)


def test_the_documented_dst_difference_shows_over_the_full_count(bench: ModuleType) -> None:
    assert not bench.same_walls("FREQ=HOURLY;INTERVAL=5", 2000)
