"""Working time: whole days counted by what decides them, to the microsecond, up to the
calendar's ends (issue 14, "Every call bounded")."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence.formats.cron import parse_cron
from cadence.schedule import Schedule

UTC = timezone.utc
START = datetime(2026, 1, 1, tzinfo=UTC)


class TooManyWindowsError(Exception):
    """A walk went window by window further than a test allows."""


@pytest.fixture
def windows_walked(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Call with a budget: every window a schedule makes from then on is counted, and
    one past the budget stops the walk (an old, window-by-window walk fails at once
    instead of running for minutes)."""
    made = Schedule._window

    def limit(budget: int) -> None:
        count = 0

        def counted(self: Schedule, evaluator: object, opening: datetime) -> object:
            nonlocal count
            count += 1
            if count > budget:
                raise TooManyWindowsError(f"more than {budget} windows walked")
            return made(self, evaluator, opening)  # type: ignore[arg-type]

        monkeypatch.setattr(Schedule, "_window", counted)

    return limit


def exactly(schedule: Schedule) -> Schedule:
    """The same schedule counting window by window (the reference)."""
    reference = Schedule(schedule.recurrence)
    reference._caches.day_tally = False  # a private switch of the cache
    return reference


# -- every call bounded ---------------------------------------------------------------

def test_sub_second_windows_count_a_day_by_its_windows(
        windows_walked: Callable[[int], None]) -> None:
    # Half-second windows were cut to nothing, and the walk went on to year 9999.
    windows_walked(10_000)
    every_minute = cadence.parse("* * * * *").with_duration(timedelta(milliseconds=500))
    assert every_minute.working_time_between(START, START + timedelta(days=1)) == timedelta(
        minutes=12)


def test_too_little_working_time_fails_fast(windows_walked: Callable[[int], None]) -> None:
    # One second a day: 10,000 hours would take 36 million days, past year 9999.
    windows_walked(1_000)
    sparse = cadence.parse("0 9 * * *").with_duration(timedelta(seconds=1))
    with pytest.raises(cadence.ScheduleError, match=r"less than 416 days 16 h of working "
                                                     r"time after .*it ends before the work"):
        sparse.add_working_time(START, timedelta(hours=10_000))
    # ... and 100 hours take 360,000 days, found as fast.
    assert sparse.add_working_time(START, timedelta(hours=100)) == datetime(
        2026 + 0, 1, 1, 9, 0, 1, tzinfo=UTC) + timedelta(days=359_999)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/Santiago", "Australia/Lord_Howe"])
def test_clock_changes_are_counted_by_kind_too(
        zone: str, windows_walked: Callable[[int], None]) -> None:
    windows_walked(2_000)
    sparse = cadence.parse("0 9 * * *", tz=zone).with_duration(timedelta(seconds=1))
    with pytest.raises(cadence.ScheduleError, match="it ends before the work does"):
        sparse.add_working_time(START, timedelta(hours=10_000))
    office = cadence.parse("0 9 * * MON-FRI", tz=zone).with_duration(timedelta(hours=8))
    assert office.working_time_between(datetime(2026, 1, 1), datetime(9026, 1, 1)) == (
        exactly_weekdays(date(2026, 1, 1), date(9026, 1, 1)) * timedelta(hours=8))


def test_a_window_by_window_walk_stops_at_its_budget(
        monkeypatch: pytest.MonkeyPatch, windows_walked: Callable[[int], None]) -> None:
    # An exclusion rule keeps whole days from being counted at once.
    monkeypatch.setattr(cadence.schedule, "MAX_WORKING_WINDOWS", 1_000)
    windows_walked(2_000)
    text = "DTSTART:20260101T000000Z\nRRULE:FREQ=MINUTELY\nEXRULE:FREQ=DAILY;BYHOUR=3"
    schedule = cadence.parse(text).with_duration(timedelta(seconds=1))
    with pytest.raises(cadence.ScheduleError, match=r"walked 1000 windows one by one up to "
                                                    r"2026-01-01T16:41.*count over a shorter"):
        schedule.add_working_time(START, timedelta(hours=1000))


def test_a_thousand_hours_of_one_second_a_minute(windows_walked: Callable[[int], None]) -> None:
    # 1,440 seconds a day: 1,000 hours end in the last second of the 2,500th day. The
    # windows walked are those of a few days (a window can open two days before).
    windows_walked(20_000)
    seconds = cadence.parse("* * * * *").with_duration(timedelta(seconds=1))
    assert seconds.add_working_time(START, timedelta(hours=1000)) == START + timedelta(
        days=2499, hours=23, minutes=59, seconds=1)
    windows_walked(20_000)
    assert seconds.working_time_between(START, START + timedelta(days=2500)) == timedelta(
        hours=1000)


def test_cadence_finish_of_a_huge_quantity_fails_fast(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        windows_walked: Callable[[int], None]) -> None:
    from cadence.cli import main
    from test_cli import CALENDAR, RULE  # a Bentley calendar with an exception date

    (tmp_path / "rule.json").write_text(json.dumps(RULE), encoding="utf-8")
    (tmp_path / "calendar.json").write_text(json.dumps(CALENDAR), encoding="utf-8")
    windows_walked(1_000)
    code = main(["finish", "--calendar", str(tmp_path / "calendar.json"), "--rule",
                 str(tmp_path / "rule.json"), "--quantity", "1e9", "--at",
                 "2026-01-01T00:00Z"])
    assert code == 2
    assert "it ends before the work does" in capsys.readouterr().err
    assert main(["finish", "--calendar", str(tmp_path / "calendar.json"), "--rule",
                 str(tmp_path / "rule.json"), "--quantity", "1e7", "--at",
                 "2026-01-01T00:00Z"]) == 0
    assert capsys.readouterr().out == "2356-06-08T16:10:20.689655+00:00\n"


def test_working_time_across_centuries_walks_a_few_days(
        windows_walked: Callable[[int], None]) -> None:
    windows_walked(1_000)
    office = cadence.parse("0 9 * * MON-FRI").with_duration(timedelta(hours=8))
    week = office.working_time_between(START, START + timedelta(weeks=1))
    assert week == timedelta(hours=40)
    # 2026-01-01 to 9026-01-01: 7,000 years, a whole number of 400-year cycles (2,800
    # years: 146,097 days, 104,355 weekdays) and 4,200 years more.
    assert office.working_time_between(START, "9026-01-01T00:00Z") == exactly_weekdays(
        date(2026, 1, 1), date(9026, 1, 1)) * timedelta(hours=8)


def exactly_weekdays(first: date, last: date) -> int:
    """Weekdays in ``[first, last)``, counted by whole weeks."""
    days = last.toordinal() - first.toordinal()
    weeks, rest = divmod(days, 7)
    start = first.weekday()
    return weeks * 5 + sum((start + day) % 7 < 5 for day in range(rest))


# -- to the microsecond -----------------------------------------------------------------

def test_a_window_and_a_half_second_counts_one_and_a_half() -> None:
    blink = cadence.parse("0 9 * * *").with_duration(timedelta(seconds=1.5))
    day = datetime(2026, 11, 23, tzinfo=UTC)
    assert blink.working_time_between(day, day + timedelta(days=1)) == timedelta(seconds=1.5)
    assert blink.add_working_time(day, timedelta(seconds=2)) == datetime(
        2026, 11, 24, 9, 0, 0, 500_000, tzinfo=UTC)
    opening = datetime(2026, 11, 23, 9, tzinfo=UTC)
    closing = datetime(2026, 11, 23, 9, 0, 1, 500_000, tzinfo=UTC)
    assert blink.window_at(opening + timedelta(seconds=1.4)) == (opening, closing)
    assert blink.window_at(opening + timedelta(seconds=1.6)) is None
    assert blink.windows_between(day, day + timedelta(days=1)) == [(opening, closing)]
    assert blink.windows_between(opening + timedelta(seconds=1.6), day + timedelta(days=1)) == []
    assert blink.next_window(day) == (opening, closing)


# -- the calendar's ends ---------------------------------------------------------------

@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "Etc/GMT+12", "Etc/GMT-14"])
@pytest.mark.parametrize("expression", ["0 * * * *", "30 23 * * *", "0 0 * * *"])
def test_windows_at_the_calendar_ends_close_after_they_open(zone: str, expression: str) -> None:
    schedule = cadence.parse(expression, tz=zone).with_duration(timedelta(hours=3))
    tz = schedule.tz
    last = datetime.max.replace(microsecond=0)
    for start, end in [(datetime(1, 1, 1, tzinfo=tz), datetime(1, 1, 3, tzinfo=tz)),
                       (datetime(9999, 12, 29, tzinfo=tz), datetime(9999, 12, 31, 23, tzinfo=tz))]:
        found = schedule.windows_between(start, end)
        assert found
        for opening, closing in found:
            # Three hours on the wall clock, or to the calendar's last second.
                wall = opening.replace(tzinfo=None)
                assert closing.replace(tzinfo=None) == (
                    last if wall > last - timedelta(hours=3) else wall + timedelta(hours=3))


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "Etc/GMT+12", "Etc/GMT-14"])
@pytest.mark.parametrize("hours", [1, 5, 30])
def test_working_time_never_ends_before_it_starts(zone: str, hours: int) -> None:
    schedule = cadence.parse("0 * * * *", tz=zone).with_duration(timedelta(hours=3))
    start = datetime(9999, 12, 30, 12, tzinfo=ZoneInfo(zone))
    # Some 36 hours of windows are left on the calendar, one after the other.
    end = schedule.add_working_time(start, timedelta(hours=hours))
    assert end == start + timedelta(hours=hours)
    assert schedule.working_time_between(start, end) == timedelta(hours=hours)
    with pytest.raises(cadence.ScheduleError, match="it ends before the work does"):
        schedule.add_working_time(start, timedelta(hours=40))


# -- the same answers as window by window ------------------------------------------------

EXPRESSIONS = ["0 9 * * *", "0 9 * * MON-FRI", "*/7 * * * *", "0 22 * * MON-FRI", "0 0 1 * *",
               "30 8 29 2 *", "0 9,13 * * 1-5", "0 * 1-3 * *", "15 3 * 1,6 SUN", "0 12 L * *",
               "0 9 * * 1#2", "0 9 1W * *"]
DURATIONS = [timedelta(seconds=1.5), timedelta(minutes=90), timedelta(hours=8),
             timedelta(hours=30), timedelta(days=3, seconds=7), timedelta(milliseconds=500),
             timedelta(days=1)]
ZONES: list[tzinfo] = [ZoneInfo("UTC"), ZoneInfo("Etc/GMT+12"), ZoneInfo("Etc/GMT-14"),
                       timezone(timedelta(hours=5, minutes=30)), ZoneInfo("Europe/Berlin")]


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    rules = []
    for _ in range(draw(st.integers(1, 2))):
        rule = parse_cron(draw(st.sampled_from(EXPRESSIONS)))[0]
        excluded = draw(st.lists(st.dates(date(2026, 1, 1), date(2026, 3, 1)), max_size=3))
        rules.append(replace(rule, duration=draw(st.sampled_from(DURATIONS)),
                             excluded_dates=tuple(sorted(set(excluded)))))
    return Schedule(rules, draw(st.sampled_from(ZONES)))


@settings(max_examples=40, deadline=None)
@given(schedule=schedules(),
       base=st.sampled_from([datetime(2026, 1, 1), datetime(1, 1, 3), datetime(9999, 10, 1)]),
       offset=st.timedeltas(timedelta(0), timedelta(days=30)),
       span=st.timedeltas(timedelta(0), timedelta(days=25)),
       work=st.timedeltas(timedelta(0), timedelta(days=4)))
def test_day_by_day_counts_what_window_by_window_does(
        schedule: Schedule, base: datetime, offset: timedelta, span: timedelta,
        work: timedelta) -> None:
    start = (base + offset).replace(tzinfo=schedule.tz)
    end = start + span
    reference = exactly(schedule)

    def add(calendar: Schedule) -> datetime | None:
        try:
            return calendar.add_working_time(start, work)
        except cadence.ScheduleError:
            return None

    # The reference walks window by window as far as it must (centuries of a daily
    # 1.5 s window), past the budget that stops such walks in use.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cadence.schedule, "MAX_WORKING_WINDOWS", 10**7)
        assert schedule.working_time_between(start, end) == reference.working_time_between(
            start, end)
        assert add(schedule) == add(reference)


@pytest.mark.parametrize("text", [
    "DTSTART:20250101T090000Z\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
    "DTSTART:20250101T090000Z\nRRULE:FREQ=DAILY;UNTIL=20250301T000000Z",
    "DTSTART;TZID=Europe/Berlin:20250101T220000\nRRULE:FREQ=WEEKLY;BYDAY=FR,SA;UNTIL=20250601T000000Z",
])
@pytest.mark.parametrize("duration", [timedelta(hours=8), timedelta(hours=30)])
def test_bounded_rules_are_counted_by_day_inside_their_bounds(
        text: str, duration: timedelta) -> None:
    schedule = cadence.parse(text, format="rrule").with_duration(duration)
    reference = exactly(schedule)
    for start, end in [("2024-12-25T00:00Z", "2025-03-03T05:00Z"),
                       ("2025-01-02T10:00Z", "2025-07-01T00:00Z")]:
        assert schedule.working_time_between(start, end) == reference.working_time_between(
            start, end)
        for days in (1, 20, 60):
            try:
                expected: datetime | None = reference.add_working_time(start, timedelta(days=days))
            except cadence.ScheduleError:
                expected = None
            if expected is None:
                with pytest.raises(cadence.ScheduleError, match="ends before the work"):
                    schedule.add_working_time(start, timedelta(days=days))
            else:
                assert schedule.add_working_time(start, timedelta(days=days)) == expected


def test_dense_plain_rules_count_a_day_and_its_ends_however_many_windows() -> None:
    """Two every-second rules with half-second windows: two days less two seconds hold
    no whole day, so both ends are counted window by window (345,600 windows). That walk
    is bounded by the day, so MAX_WORKING_WINDOWS, which stops unbounded walks, does
    not apply to it."""
    text = ("DTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY\n"
            "RRULE:FREQ=SECONDLY;BYSECOND=0,30")
    schedule = cadence.parse(text, format="rrule").with_duration(timedelta(milliseconds=500))
    assert schedule.working_time_between("2026-03-01T00:00:01Z", "2026-03-02T23:59:59Z") == (
        timedelta(hours=48, seconds=-2) / 2)


def test_a_dense_rule_in_a_zone_with_dst_walks_only_around_each_kind_of_change(
        windows_walked: Callable[[int], None]) -> None:
    """Every second for a millisecond in New York: 50 hours of working time take 5.7
    years and a dozen clock changes. Days are counted by arithmetic; only the hours
    around a change are walked, once for each kind (spring, autumn), and an hour or so
    at each end: fewer windows than one day holds (86,400). The days next to each change
    were walked whole, a few days' windows a change (2.8 million windows, half a
    minute)."""
    windows_walked(25_000)
    dense = cadence.parse("* * * * * ?", format="quartz", tz="America/New_York"
                          ).with_duration(timedelta(milliseconds=1))
    assert dense.add_working_time("2000-01-01T00:00Z", "PT50H").isoformat() == (
        "2005-09-14T13:59:59.001000-04:00")
    windows_walked(25_000)
    assert dense.working_time_between("2000-01-01T00:00Z", "2005-09-14T17:59:59.001Z") == (
        timedelta(hours=50))


@pytest.mark.parametrize(("zone", "around"), [
    ("America/New_York", "2026-03-08"), ("America/New_York", "2026-11-01"),
    ("Europe/Berlin", "2026-03-29"), ("Australia/Lord_Howe", "2026-04-05"),
    ("Australia/Lord_Howe", "2026-10-04"),
    ("Europe/Moscow", "2011-03-27"), ("Europe/Moscow", "2014-10-26"),
    ("Pacific/Apia", "2011-12-30"),  # a whole day skipped
])
@pytest.mark.parametrize(("text", "duration", "works"), [
    ("*/10 * * * * ?", timedelta(seconds=3), ("PT1H0.5S", "PT9H")),
    ("*/10 * * * * ?", timedelta(seconds=10), ("PT1H", "PT30H")),
    ("0 * * * * ?", timedelta(milliseconds=1), ("PT1.5S", "PT3.501S")),
])
def test_dense_days_counted_by_arithmetic_agree_with_the_walk(
        zone: str, around: str, text: str, duration: timedelta, works: tuple[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows that never overlap, counted by arithmetic away from a clock change and
    walked near it: the same as window by window, for the days around changes of every
    size (half an hour, a zone's last change, a skipped day) and for work ending there."""
    monkeypatch.setattr(cadence.schedule, "MAX_WORKING_WINDOWS", 10**7)  # (the reference)
    schedule = cadence.parse(text, format="quartz", tz=zone).with_duration(duration)
    reference = exactly(schedule)
    middle = datetime.fromisoformat(around).replace(tzinfo=ZoneInfo(zone))
    for start, end in [(middle - timedelta(days=2, minutes=7), middle + timedelta(days=3)),
                       (middle - timedelta(days=6), middle + timedelta(hours=30, seconds=1))]:
        assert schedule.working_time_between(start, end) == reference.working_time_between(
            start, end)
        for work in works:
            assert schedule.add_working_time(start, work) == reference.add_working_time(
                start, work)
