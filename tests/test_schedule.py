"""Schedules made of several rules, and schedules with an end."""

from __future__ import annotations

from datetime import timedelta
from itertools import islice
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


# -- Lists are bounded (issue 14): between and windows_between stop at MAX_RESULTS ------

EVERY_SECOND = "* * * * * ?"


def _peak(call: object) -> tuple[object, int]:
    """What ``call()`` returns or raises, and the peak of memory it traced."""
    import tracemalloc

    tracemalloc.start()
    try:
        try:
            result: object = call()  # type: ignore[operator]
        except cadence.ScheduleError as error:
            result = error
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_between_of_a_month_of_seconds_is_refused_at_the_limit() -> None:
    """30 days of an every-second schedule are 2.6 million datetimes (176 MB): the call
    stops once MAX_RESULTS is crossed, with an error naming the lazy way."""
    from cadence import limits

    schedule = cadence.parse(EVERY_SECOND, "quartz")
    with pytest.raises(cadence.TooManyResultsError) as caught:
        schedule.between("2026-01-01T00:00Z", "2026-01-31T00:00Z")
    assert str(caught.value) == (
        "between would list more than 100,000 occurrences from 2026-01-01T00:00:00+00:00 "
        "to 2026-01-31T00:00:00+00:00 (cadence.limits.MAX_RESULTS); ask for a shorter "
        "range, or walk them lazily with iter_after(start) and stop at the end")
    assert limits.MAX_RESULTS == 100_000


def test_between_and_windows_between_list_up_to_the_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from cadence import limits

    monkeypatch.setattr(limits, "MAX_RESULTS", 60)
    schedule = cadence.parse(EVERY_SECOND, "quartz")
    minute = schedule.between("2026-01-01T00:00Z", "2026-01-01T00:01Z")
    assert len(minute) == 60
    assert minute[-1].isoformat() == "2026-01-01T00:00:59+00:00"
    error, peak = _peak(lambda: schedule.between("2026-01-01T00:00Z", "2026-01-02T00:00Z"))
    assert isinstance(error, cadence.TooManyResultsError)
    assert "more than 60 occurrences" in str(error)
    assert peak < 200_000  # the whole day is 86,400 datetimes, 6 MB
    # Windows are looked for from a day and a window's length back: every minute here.
    windows = cadence.parse("0 * * * * ?", "quartz").with_duration(timedelta(seconds=30))
    assert len(windows.windows_between("2026-01-01T00:00Z", "2026-01-01T01:00Z")) == 60
    error, peak = _peak(lambda: windows.windows_between("2026-01-01T00:00Z",
                                                        "2026-01-11T00:00Z"))
    assert isinstance(error, cadence.TooManyResultsError)
    assert "windows_between would list more than 60 windows" in str(error)
    assert "iter_windows(start)" in str(error)
    assert peak < 200_000  # the ten days are 14,400 windows, 2 MB


def test_iter_windows_walks_what_windows_between_lists() -> None:
    office = cadence.parse("0 9 * * MON-FRI").with_duration(timedelta(hours=8))
    listed = office.windows_between("2026-11-23T12:00Z", "2026-12-05T00:00Z")
    walked = list(islice(office.iter_windows("2026-11-23T12:00Z"), len(listed) + 1))
    assert walked[:-1] == listed
    assert len(listed) == 10
    assert walked[-1][0].isoformat() == "2026-12-07T09:00:00+00:00"
