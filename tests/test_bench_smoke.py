"""Smoke test of ``benchmarks/bench_next.py``: a quick run on three expressions.

Nothing here looks at timings: only the table's shape and that cadence and cronsim
produce the same occurrences.
"""

from __future__ import annotations

import io
from types import ModuleType

import pytest

from bench_loader import load_benchmark

EXPRESSIONS = ("*/15 9-17 * * 1-5", "30 2 * * *", "0 0 * * 5L")
ZONES = ("UTC", "America/New_York")
N = 50


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_benchmark("bench_next")


@pytest.fixture(scope="module")
def table(bench: ModuleType) -> str:
    argv = ["--quick", "--n", str(N), "--zones", ",".join(ZONES)]
    for expr in EXPRESSIONS:
        argv += ["--expr", expr]
    out = io.StringIO()
    assert bench.main(argv, out=out) == 0
    return out.getvalue()


def test_the_table_has_one_row_per_expression_and_zone(bench: ModuleType, table: str) -> None:
    rows = list(bench.iter_rows(table))
    assert [(row[0], row[1]) for row in rows] == [
        (expr, zone) for zone in ZONES for expr in EXPRESSIONS
    ]
    for row in rows:
        assert len(row) == 10, row
        assert row[2] == str(N)
        cadence_rate, cronsim_rate, ratio = row[3], row[4], row[7]
        assert cadence_rate.replace(",", "").isdigit(), row
        assert cronsim_rate.replace(",", "").isdigit(), row  # neither "diff" nor "n/a"
        assert ratio.endswith("x"), row


def test_the_summary_lines_are_printed(table: str) -> None:
    assert "median cadence/cronsim: all " in table
    for zone in ZONES:
        assert f"; {zone} " in table
    assert "median cadence/croniter:" in table
    assert "median cadence/APS3:" in table


@pytest.mark.parametrize("zone_name", ZONES)
@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_cadence_first_occurrences_equal_cronsim(
    bench: ModuleType, expr: str, zone_name: str
) -> None:
    libraries = {lib.key: lib for lib in bench.libraries()}
    zone = bench.zone_of(zone_name)
    start = bench.START.replace(tzinfo=zone)
    for window in [start, *bench.dst_windows(zone, start)]:
        ours = libraries["cadence"].translate(expr).produce(zone, window, 20)
        theirs = libraries["cronsim"].translate(expr).produce(zone, window, 20)
        assert len(ours) == 20
        assert [t.isoformat() for t in ours] == [t.isoformat() for t in theirs], window
