"""Smoke test of ``benchmarks/bench_compat.py``: a quick run; timings are not looked at."""

from __future__ import annotations

import io
from types import ModuleType

import pytest

from bench_loader import load_benchmark

pytest.importorskip("croniter", reason="the benchmark measures against croniter")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_benchmark("bench_compat")


def test_a_quick_run_prints_one_row_per_shape_and_the_medians(bench: ModuleType) -> None:
    out = io.StringIO()
    assert bench.main(["--quick"], out=out) == 0
    lines = out.getvalue().splitlines()
    rows = [line for line in lines if line[:24].rstrip() in dict(bench.SHAPES)]
    assert [row[:24].rstrip() for row in rows] == [shape for shape, _ in bench.SHAPES]
    assert all(row.count("x") >= 3 for row in rows)  # a ratio in every column
    for name, _, _ in bench.COLUMNS:
        assert any(line.startswith(f"{name}: croniter/facade median ") for line in lines)


@pytest.mark.parametrize("index", range(len(load_benchmark("bench_compat").SHAPES)))
def test_the_facade_and_croniter_give_the_same_naive_occurrences(bench: ModuleType,
                                                                 index: int) -> None:
    expression, size = bench.SHAPES[index]
    count = min(size, 300)
    for _, ret_type, start in bench.COLUMNS[:2]:
        ours = bench.walk(bench.facade.croniter, expression, count, ret_type, start)
        assert ours == bench.walk(bench._real(), expression, count, ret_type, start)
