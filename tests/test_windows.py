"""Windows: occurrences that last, past midnight and across DST, and working time."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence.formats.cron import parse_cron
from cadence.schedule import Schedule


def windowed(text: str, duration: timedelta, zone: str = "UTC", **rule_changes: object
             ) -> Schedule:
    from dataclasses import replace

    rule = replace(parse_cron(text)[0], duration=duration, **rule_changes)  # type: ignore[arg-type]
    return Schedule(rule, ZoneInfo(zone), format="test", source=text)


def pair(window: tuple[datetime, datetime] | None) -> tuple[str, str] | None:
    return None if window is None else (window[0].isoformat(), window[1].isoformat())


NIGHT_SHIFT = windowed("0 22 * * MON-FRI", timedelta(hours=8), "Europe/Riga")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-23T21:59:59+02:00", None),
        ("2026-11-23T22:00:00+02:00", ("2026-11-23T22:00:00+02:00", "2026-11-24T06:00:00+02:00")),
        ("2026-11-24T05:59:59+02:00", ("2026-11-23T22:00:00+02:00", "2026-11-24T06:00:00+02:00")),
        ("2026-11-24T06:00:00+02:00", None),
        # Friday night runs into Saturday morning; Saturday night has no shift.
        ("2026-11-28T03:00:00+02:00", ("2026-11-27T22:00:00+02:00", "2026-11-28T06:00:00+02:00")),
        ("2026-11-28T23:00:00+02:00", None),
    ],
)
def test_a_window_runs_past_midnight(moment: str, expected: tuple[str, str] | None) -> None:
    assert pair(NIGHT_SHIFT.window_at(moment)) == expected
    assert NIGHT_SHIFT.is_active(moment) is (expected is not None)


# Europe/Riga: 2026-03-29 03:00 -> 04:00 (EET -> EEST); 2026-10-25 04:00 -> 03:00.
@pytest.mark.parametrize(
    ("text", "hours", "after", "expected"),
    [
        # 8 wall-clock hours over the spring jump last 7 real hours.
        ("0 0 * * *", 8, "2026-03-28T12:00+02:00",
         ("2026-03-29T00:00:00+02:00", "2026-03-29T08:00:00+03:00")),
        # ... and over the autumn repeat 9 real hours.
        ("0 0 * * *", 8, "2026-10-24T12:00+03:00",
         ("2026-10-25T00:00:00+03:00", "2026-10-25T08:00:00+02:00")),
        # A start in the gap opens at the end of the jump and lasts its wall-clock length.
        ("30 3 * * *", 1, "2026-03-28T12:00+02:00",
         ("2026-03-29T04:00:00+03:00", "2026-03-29T05:00:00+03:00")),
        # An end in the repeated hour takes its first pass.
        ("30 2 * * *", 1, "2026-10-24T12:00+03:00",
         ("2026-10-25T02:30:00+03:00", "2026-10-25T03:30:00+03:00")),
    ],
)
def test_windows_across_dst_follow_the_wall_clock(
    text: str, hours: int, after: str, expected: tuple[str, str]
) -> None:
    schedule = windowed(text, timedelta(hours=hours), "Europe/Riga")
    assert pair(schedule.next_window(after)) == expected


def test_windows_between_lists_overlapping_windows_unclipped() -> None:
    found = NIGHT_SHIFT.windows_between("2026-11-24T05:00+02:00", "2026-11-25T23:00+02:00")
    assert [pair(window) for window in found] == [
        ("2026-11-23T22:00:00+02:00", "2026-11-24T06:00:00+02:00"),
        ("2026-11-24T22:00:00+02:00", "2026-11-25T06:00:00+02:00"),
        ("2026-11-25T22:00:00+02:00", "2026-11-26T06:00:00+02:00"),
    ]


def test_an_instant_schedule_has_zero_length_windows() -> None:
    schedule = cadence.parse("0 9 * * *")
    assert pair(schedule.window_at("2026-11-23T09:00Z")) == (
        "2026-11-23T09:00:00+00:00", "2026-11-23T09:00:00+00:00")
    assert schedule.window_at("2026-11-23T09:00:01Z") is None
    assert schedule.working_time_between("2026-11-01T00:00Z", "2026-12-01T00:00Z") == (
        timedelta(0))


OFFICE = windowed("0 9 * * MON-FRI", timedelta(hours=8))


@pytest.mark.parametrize(
    ("start", "hours", "finish"),
    [
        ("2026-11-23T09:00Z", 10, "2026-11-24T11:00:00+00:00"),
        ("2026-11-23T07:00Z", 8, "2026-11-23T17:00:00+00:00"),  # starts before the window
        ("2026-11-27T16:00Z", 2, "2026-11-30T10:00:00+00:00"),  # over the weekend
        ("2026-11-23T12:00Z", 0, "2026-11-23T12:00:00+00:00"),
    ],
)
def test_add_working_time_counts_only_window_time(start: str, hours: int, finish: str) -> None:
    assert OFFICE.add_working_time(start, timedelta(hours=hours)).isoformat() == finish


def test_an_excluded_date_moves_the_finish() -> None:
    holiday = windowed("0 9 * * MON-FRI", timedelta(hours=8),
                       excluded_dates=(date(2026, 11, 24),))
    finish = holiday.add_working_time("2026-11-23T09:00Z", timedelta(hours=10))
    assert finish.isoformat() == "2026-11-25T11:00:00+00:00"


def test_working_time_between_sums_window_overlap() -> None:
    assert OFFICE.working_time_between("2026-11-23T12:00Z", "2026-11-24T10:30Z") == (
        timedelta(hours=6, minutes=30))
    assert OFFICE.working_time_between("2026-11-24T10:30Z", "2026-11-23T12:00Z") == (
        -timedelta(hours=6, minutes=30))


def test_overlapping_windows_count_once() -> None:
    rules = [parse_cron("0 9 * * *")[0], parse_cron("0 12 * * *")[0]]
    from dataclasses import replace

    schedule = Schedule([replace(rules[0], duration=timedelta(hours=4)),
                         replace(rules[1], duration=timedelta(hours=4))],
                        ZoneInfo("UTC"), format="test", source="test")
    assert schedule.working_time_between("2026-11-23T00:00Z", "2026-11-24T00:00Z") == (
        timedelta(hours=7))


def test_an_instant_schedule_has_no_working_time_to_add() -> None:
    with pytest.raises(cadence.ScheduleError, match="no working time"):
        cadence.parse("* * * * *").add_working_time("2026-11-23T09:00Z", timedelta(hours=1))
    mixed = Schedule([OFFICE.rule, parse_cron("* * * * *")[0]], ZoneInfo("UTC"),
                     format="test", source="test")
    assert mixed.add_working_time("2026-11-23T09:00Z", timedelta(hours=1)).isoformat() == (
        "2026-11-23T10:00:00+00:00")


def test_bad_working_time_arguments_are_schedule_errors() -> None:
    with pytest.raises(cadence.ScheduleError, match="must not be negative"):
        OFFICE.add_working_time("2026-11-23T09:00Z", timedelta(hours=-1))
    ending = Schedule(OFFICE.rule, ZoneInfo("UTC"), format="test", source="test",
                      end="2026-11-24T00:00Z")
    with pytest.raises(cadence.ScheduleError, match="less than"):
        ending.add_working_time("2026-11-23T09:00Z", timedelta(hours=10))


CALENDAR_RULES = st.lists(
    st.tuples(
        st.sampled_from(["0 9 * * MON-FRI", "30 13 * * 1,3", "0 22 * * *", "15 6 1-10 * *",
                         "0 0 * * SAT", "45 23 * * 5"]),
        st.integers(min_value=15, max_value=36 * 60),
    ),
    min_size=1, max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(
    CALENDAR_RULES,
    st.sampled_from(["UTC", "Europe/Riga", "America/New_York", "Australia/Lord_Howe"]),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1),
                 timezones=st.just(timezone.utc)),
    st.integers(min_value=0, max_value=60 * 60 * 24 * 20),
)
def test_working_time_between_inverts_add_working_time(
    rules: list[tuple[str, int]], zone: str, start: datetime, seconds: int
) -> None:
    from dataclasses import replace

    schedule = Schedule(
        [replace(parse_cron(text)[0], duration=timedelta(minutes=minutes))
         for text, minutes in rules],
        ZoneInfo(zone), format="test", source="test",
    )
    work = timedelta(seconds=seconds)
    finish = schedule.add_working_time(start, work)
    assert schedule.working_time_between(start, finish) == work
    assert finish >= start


@settings(max_examples=60, deadline=None)
@given(
    CALENDAR_RULES,
    st.sampled_from(["UTC", "Europe/Riga", "America/New_York", "Australia/Lord_Howe"]),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1),
                 timezones=st.just(timezone.utc)),
)
def test_is_active_agrees_with_window_at_and_working_time(
    rules: list[tuple[str, int]], zone: str, moment: datetime
) -> None:
    from dataclasses import replace

    schedule = Schedule(
        [replace(parse_cron(text)[0], duration=timedelta(minutes=minutes))
         for text, minutes in rules],
        ZoneInfo(zone), format="test", source="test",
    )
    window = schedule.window_at(moment)
    assert schedule.is_active(moment) is (window is not None)
    # A one-microsecond slice: a longer one can run past the end of the window.
    tick = timedelta(microseconds=1)
    busy = schedule.working_time_between(moment, moment + tick) == tick
    assert busy is (window is not None)
    if window is not None:
        assert window[0] <= moment < window[1]


@pytest.mark.parametrize("reverse", [False, True])
def test_windows_opening_together_come_longest_first_whatever_the_rule_order(
        reverse: bool) -> None:
    short = windowed("0 9 * * *", timedelta(hours=1)).rule
    long = windowed("0 9 * * MON", timedelta(hours=3)).rule
    rules = [long, short] if reverse else [short, long]
    union = Schedule(rules, ZoneInfo("UTC"), format="test")
    assert pair(union.next_window("2026-11-22T12:00Z")) == (  # Monday the 23rd
        "2026-11-23T09:00:00+00:00", "2026-11-23T12:00:00+00:00")
    assert pair(union.window_at("2026-11-23T09:30Z")) == (
        "2026-11-23T09:00:00+00:00", "2026-11-23T12:00:00+00:00")
    assert [pair(found) for found in union.windows_between("2026-11-23T00:00Z",
                                                           "2026-11-24T00:00Z")] == [
        ("2026-11-23T09:00:00+00:00", "2026-11-23T12:00:00+00:00"),
        ("2026-11-23T09:00:00+00:00", "2026-11-23T10:00:00+00:00")]


@pytest.mark.parametrize(("expression", "zone", "expected"), [
    # Issue 13: the last days' windows closed "00:00 of the same day" (a clamped instant).
    ("0 9 * * *", "UTC", [("9999-12-29T09:00:00+00:00", "9999-12-29T14:00:00+00:00"),
                          ("9999-12-30T09:00:00+00:00", "9999-12-30T14:00:00+00:00"),
                          ("9999-12-31T09:00:00+00:00", "9999-12-31T14:00:00+00:00")]),
    # A window that would run past the calendar ends at the calendar's end.
    ("0 22 * * *", "UTC", [("9999-12-28T22:00:00+00:00", "9999-12-29T03:00:00+00:00"),
                           ("9999-12-29T22:00:00+00:00", "9999-12-30T03:00:00+00:00"),
                           ("9999-12-30T22:00:00+00:00", "9999-12-31T03:00:00+00:00"),
                           ("9999-12-31T22:00:00+00:00", "9999-12-31T23:59:59+00:00")]),
    ("0 22 * * *", "Asia/Tokyo", [("9999-12-29T22:00:00+09:00", "9999-12-30T03:00:00+09:00"),
                                  ("9999-12-30T22:00:00+09:00", "9999-12-31T03:00:00+09:00"),
                                  ("9999-12-31T22:00:00+09:00", "9999-12-31T23:59:59+09:00")]),
])
def test_windows_at_the_end_of_the_calendar_close_after_they_open(
        expression: str, zone: str, expected: list[tuple[str, str]]) -> None:
    schedule = cadence.parse(expression, tz=zone).with_duration(timedelta(hours=5))
    # Until 23:59 on the calendar's last day, on the schedule's wall clock.
    found = schedule.windows_between("9999-12-29T00:00Z", datetime(9999, 12, 31, 23, 59))
    assert [(opening.isoformat(), closing.isoformat()) for opening, closing in found] == expected
    last_opening, last_closing = found[-1]
    assert schedule.window_at(last_opening + timedelta(hours=1)) == (last_opening, last_closing)
    assert schedule.next_window(found[-2][0]) == (last_opening, last_closing)
