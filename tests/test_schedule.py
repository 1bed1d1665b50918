"""Schedules made of several rules, and schedules with an end."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

import cadence
from cadence.formats.cron import parse_cron
from cadence.schedule import Schedule

CHICAGO = ZoneInfo("America/Chicago")


def rule(text: str) -> cadence.Rule:
    return parse_cron(text)[0]


def isos(moments: object) -> list[str]:
    assert isinstance(moments, list)
    return [moment.isoformat() for moment in moments]


def test_a_union_yields_each_rule_in_time_order_and_each_instant_once() -> None:
    # March 12th and December 5th at 01:00; the December rule is given twice.
    schedule = Schedule(
        [rule("0 1 12 3 *"), rule("0 1 5 12 *"), rule("0 1 5 12 *")], CHICAGO,
        format="test", source="test",
    )
    forward = list(zip(range(4), schedule.iter_after("2026-01-01T00:00Z"), strict=False))
    assert [moment.isoformat() for _, moment in forward] == [
        "2026-03-12T01:00:00-05:00",
        "2026-12-05T01:00:00-06:00",
        "2027-03-12T01:00:00-06:00",
        "2027-12-05T01:00:00-06:00",
    ]
    backward = schedule.iter_before("2027-12-05T01:00:01-06:00")
    assert [next(backward).isoformat() for _ in range(3)] == [
        "2027-12-05T01:00:00-06:00",
        "2027-03-12T01:00:00-06:00",
        "2026-12-05T01:00:00-06:00",
    ]


def test_a_union_of_overlapping_rules_counts_shared_instants_once() -> None:
    schedule = Schedule([rule("0 9 * * 1-5"), rule("0 9 * * 5-6")], ZoneInfo("UTC"),
                        format="test", source="test")
    assert isos(schedule.between("2026-11-20T00:00Z", "2026-11-24T00:00Z")) == [
        "2026-11-20T09:00:00+00:00",  # Friday: both rules
        "2026-11-21T09:00:00+00:00",  # Saturday
        "2026-11-23T09:00:00+00:00",  # Monday
    ]


def test_nothing_fires_at_or_after_the_end() -> None:
    schedule = Schedule(rule("0 0 * * *"), ZoneInfo("UTC"), format="test", source="test",
                        end="2026-11-25T00:00Z")
    assert isos(schedule.between("2026-11-22T12:00Z", "2026-12-31T00:00Z")) == [
        "2026-11-23T00:00:00+00:00",
        "2026-11-24T00:00:00+00:00",
    ]
    assert schedule.next("2026-11-24T00:00Z") is None
    previous = schedule.prev("2027-01-01T00:00Z")
    assert previous is not None
    assert previous.isoformat() == "2026-11-24T00:00:00+00:00"
    assert not schedule.matches("2026-11-25T00:00Z")


def test_a_fractional_end_still_admits_the_whole_second_before_it() -> None:
    schedule = Schedule(rule("0 0 * * *"), ZoneInfo("UTC"), format="test", source="test",
                        end="2026-11-25T00:00:00.5+00:00")
    last = schedule.prev("2030-01-01T00:00Z")
    assert last is not None
    assert last.isoformat() == "2026-11-25T00:00:00+00:00"


def test_rule_of_a_union_asks_for_rules() -> None:
    schedule = Schedule([rule("0 1 * * *"), rule("0 2 * * *")], CHICAGO, format="test",
                        source="test")
    with pytest.raises(cadence.ScheduleError, match="union of 2 rules"):
        _ = schedule.rule
    assert len(schedule.rules) == 2


def test_schedules_with_the_same_rules_zone_and_end_are_equal() -> None:
    first = Schedule([rule("0 1 * * *"), rule("0 2 * * *")], CHICAGO, format="a", source="a")
    second = Schedule([rule("0 2 * * *"), rule("0 1 * * *")], CHICAGO, format="b", source="b")
    assert first == second
    assert hash(first) == hash(second)
    assert first != Schedule([rule("0 1 * * *")], CHICAGO, format="a", source="a")
