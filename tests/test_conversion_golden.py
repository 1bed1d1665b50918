"""The golden conversion table: every seed example written in every target format.

``tests/fixtures/seeds.json`` holds the vendor documentation's examples (and RFC 5545's);
``tests/fixtures/conversions.json`` holds, for each seed and target, the expected output
or the expected :class:`cadence.UnsupportedError` message. After a deliberate change,
regenerate the table with ``python tests/test_conversion_golden.py --write`` and review
the diff cell by cell before committing it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import cadence
from cadence.convert import EMIT_FORMATS

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS: list[dict[str, Any]] = json.loads((FIXTURES / "seeds.json").read_text("utf-8"))
TABLE_PATH = FIXTURES / "conversions.json"


def _cell(seed: dict[str, Any], target: str) -> dict[str, Any]:
    schedule = cadence.parse(seed["source"], seed["format"])
    try:
        written = cadence.emit(schedule, target)
    except cadence.UnsupportedError as exc:
        return {"error": str(exc)}
    return {"output": written}


def _table() -> dict[str, dict[str, dict[str, Any]]]:
    return {seed["name"]: {target: _cell(seed, target) for target in EMIT_FORMATS}
            for seed in SEEDS}


EXPECTED: dict[str, dict[str, dict[str, Any]]] = (
    json.loads(TABLE_PATH.read_text("utf-8")) if TABLE_PATH.exists() else {})


def test_the_table_covers_every_seed_in_every_target() -> None:
    assert sorted(EXPECTED) == sorted(seed["name"] for seed in SEEDS)
    for name, cells in EXPECTED.items():
        assert sorted(cells) == sorted(EMIT_FORMATS), name


@pytest.mark.parametrize("seed", SEEDS, ids=[seed["name"] for seed in SEEDS])
@pytest.mark.parametrize("target", EMIT_FORMATS)
def test_each_seed_converts_to_the_golden_cell(seed: dict[str, Any], target: str) -> None:
    assert _cell(seed, target) == EXPECTED[seed["name"]][target]


@pytest.mark.parametrize("seed", SEEDS, ids=[seed["name"] for seed in SEEDS])
@pytest.mark.parametrize("target", [t for t in EMIT_FORMATS if t != "text"])
def test_each_written_cell_reads_back_to_the_same_occurrences(seed: dict[str, Any],
                                                               target: str) -> None:
    cell = EXPECTED[seed["name"]][target]
    if "output" not in cell:
        return
    source = cadence.parse(seed["source"], seed["format"])
    written = cell["output"]
    if target == "crontab":
        rules = [rule for line in written.splitlines()
                 for rule in cadence.parse(line, "cron", tz=source.tz).rules]
        again = cadence.Schedule(rules, source.tz, format="crontab", source=written)
    else:
        again = cadence.parse(written, target, tz=source.tz)
    after = source.start or "2026-01-01T00:00Z"
    assert cadence.equivalent(again, source, after=after)
    assert cadence.equivalent(again, source, after="1990-01-01T00:00Z")


def test_a_seed_written_to_its_own_format_comes_back_as_written() -> None:
    for seed in SEEDS:
        cell = EXPECTED[seed["name"]][seed["format"]]
        assert cell == {"output": seed["source"]}, seed["name"]


if __name__ == "__main__":  # pragma: no cover - regenerating the golden table
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python tests/test_conversion_golden.py --write")
    TABLE_PATH.write_text(json.dumps(_table(), indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {TABLE_PATH}")
