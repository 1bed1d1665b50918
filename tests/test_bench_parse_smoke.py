"""Smoke test of ``benchmarks/bench_parse.py``: a tiny run prints one line per target;
timings are not looked at."""

from __future__ import annotations

import io
import random
import sys
from datetime import datetime, timezone

import pytest

from bench_loader import load_benchmark


def test_a_tiny_run_prints_every_target() -> None:
    bench = load_benchmark("bench_parse")
    out = io.StringIO()
    assert bench.main(["--texts", "3", "--distinct", "30", "--memory", "20",
                       "--processes", "1"], out=out) == 0
    lines = [line for line in out.getvalue().splitlines() if "target >=" in line]
    assert [line.split("  ")[0] for line in lines] == [
        "fresh parse + next, median (cronsim/cadence)",
        "fresh parse + next, worst shape (cronsim)", "fresh parse + next, median (croniter)",
        "memoized parse + next (cronsim/cadence)", "30 distinct, one next each (cronsim)",
        "import cadence (croniter/cadence)",
        "cadence next -n 1 (1.2 x croniter script / cadence)",
        "cadence --help (1.2 x croniter script / cadence)",
        "memory per schedule (cronsim/cadence)", "largest schedule used (100 KB/size)",
        "pickle of a typical schedule (1 KB/size)",
        "bounded iteration (worst, over unbounded)", "between() (worst, over raw iteration)",
        "sparse: 0 0 * * * / 0 0 29 2 1 per occurrence",
        "validate campaign (jsonschema/cadence)"]
    verdicts = [[word for word in ("holds", "MISSES", "skipped") if word in line]
                for line in lines]
    assert all(len(found) == 1 for found in verdicts), lines


def test_the_campaign_line_says_why_it_is_skipped_without_jsonschema(
        monkeypatch: pytest.MonkeyPatch) -> None:
    bench = load_benchmark("bench_parse")
    monkeypatch.setitem(sys.modules, "jsonschema", None)  # import jsonschema: ImportError
    out = io.StringIO()
    bench.campaign_validation(lambda *_: None, out, 1)
    assert "skipped  jsonschema is not installed" in out.getvalue()


def test_every_shape_reads_in_cadence_and_every_peer_text_in_the_peers() -> None:
    bench = load_benchmark("bench_parse")
    rng = random.Random(1)
    for shape in bench.SHAPES:
        for text in bench._texts(shape, 3, rng):
            bench._cadence(bench.ZONES[1], "quartz" if bench._quartz(shape) else "cron")(text)
            peer = bench._peer_text(text)
            if peer is not None:
                bench._cronsim(peer)
                bench._croniter(peer)


def test_realistic_expressions_are_different_and_read_everywhere() -> None:
    """The million-expression line's generator: distinct texts every peer reads."""
    import croniter
    import cronsim

    import cadence

    realistic = load_benchmark("realistic_crons")
    texts = realistic.expressions(2000, random.Random(7))
    assert len(set(texts)) == len(texts) == 2000
    assert texts == realistic.expressions(2000, random.Random(7))  # reproducible
    after = datetime(2026, 6, 1, tzinfo=timezone.utc)
    for text in texts[:300]:
        expected = next(cronsim.CronSim(text, after))
        assert cadence.parse(text, "cron", tz="UTC").next(after) == expected, text
        # croniter reads every text, though not always alike: '*/2' in day-of-month
        # with a weekday makes it OR the day fields, where Vixie cron ANDs them.
        assert isinstance(croniter.croniter(text, after).get_next(datetime), datetime)
