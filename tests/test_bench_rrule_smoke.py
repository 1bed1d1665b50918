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
    assert [row[:62].rstrip() for row in rows] == [bench._label(body)[:62].rstrip()
                                                   for body, _ in bench.CORPUS]
    # N=100 stays clear of Berlin's spring gap, where one row differs (see the docstring)
    assert not any(" diff " in row for row in rows)
    assert any(line.startswith("median iteration dateutil/cadence: ") for line in lines)
    assert any(line.startswith("median parse dateutil/cadence: ") for line in lines)
    assert sum(line.startswith("parse FREQ=MINUTELY;COUNT=") for line in lines) == 2


@pytest.mark.parametrize("index", range(len(load_benchmark("bench_rrule").CORPUS)))
def test_cadence_and_dateutil_give_the_same_wall_times(bench: ModuleType, index: int) -> None:
    body, _ = bench.CORPUS[index]
    assert bench.same_walls(body, 200)


def test_the_documented_dst_difference_shows_over_the_full_count(bench: ModuleType) -> None:
    assert not bench.same_walls("RRULE:FREQ=HOURLY;INTERVAL=5", 2000)
