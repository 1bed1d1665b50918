"""compare(), equivalent() and first_difference(): on the IR where possible, else by
streams walked as far as a proof needs."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence import limits
from cadence._equivalence import MAX_COMPARED
from cadence.schedule import Schedule


@pytest.mark.parametrize(
    ("a", "b", "tz_a", "tz_b"),
    [
        ("*/15 * * * *", "0,15,30,45 * * * *", None, None),
        ("0 9 * * 1-5", "0 9 * * MON-FRI", None, None),
        ("0 0 1 1 *", "@yearly", None, None),
        ("0 0 0 ? * 2-6", "0 0 * * 1-5", None, None),  # Quartz vs cron
        ("0 9 * * *", "0 9 * * *", "Europe/Riga", "Europe/Riga"),
    ],
)
def test_schedules_that_mean_the_same_are_equivalent(
    a: str, b: str, tz_a: str | None, tz_b: str | None
) -> None:
    assert cadence.equivalent(cadence.parse(a, tz=tz_a), cadence.parse(b, tz=tz_b),
                              after="2026-01-01T00:00Z")


@pytest.mark.parametrize(
    ("a", "b", "tz_b", "moment", "side"),
    [
        ("0 9 * * 1-5", "0 9 * * 1-6", None, "2026-01-03T09:00:00+00:00", "b"),
        ("0 0 28-31 * *", "0 0 L * *", None, "2026-01-28T00:00:00+00:00", "a"),
        # The same wall clock in two zones differs from the first occurrence on.
        ("0 9 * * *", "0 9 * * *", "Europe/Riga", "2026-01-01T09:00:00+02:00", "b"),
        # 11:00 in Riga is 09:00 UTC in winter only; summer time splits them.
        ("0 9 * * *", "0 11 * * *", "Europe/Riga", "2026-03-29T11:00:00+03:00", "b"),
        # Leap days only show up in leap years.
        ("0 0 29 2 *", "0 0 1 3 *", None, "2026-03-01T00:00:00+00:00", "b"),
    ],
)
def test_the_first_difference_names_the_moment_and_side(
    a: str, b: str, tz_b: str | None, moment: str, side: str
) -> None:
    found = cadence.compare(cadence.parse(a), cadence.parse(b, tz=tz_b),
                            after="2026-01-01T00:00Z")
    assert found.moment is not None
    assert (found.verdict, found.moment.isoformat(), found.side) == ("different", moment, side)
    first = cadence.first_difference(cadence.parse(a), cadence.parse(b, tz=tz_b),
                                     after="2026-01-01T00:00Z")
    assert first is not None
    assert first.isoformat() == moment
    assert not cadence.equivalent(cadence.parse(a), cadence.parse(b, tz=tz_b),
                                  after="2026-01-01T00:00Z")


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


# Differences past the 8 years the comparison used to stop at: a year field, a bound,
# a count, an interval of years, a leap day of a century year. The zone's last explicit
# clock change (2087 in Casablanca) is walked past too.
@pytest.mark.parametrize(
    ("a", "b", "tz", "moment", "side"),
    [
        ("0 0 9 1 1 ? 2040", "0 0 10 1 1 ? 2040", None, "2040-01-01T09:00:00+00:00", "a"),
        ("0 0 9 1 1 ? 2040", "0 0 9 1 1 ? 2040,2041", None, "2041-01-01T09:00:00+00:00", "b"),
        ("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;UNTIL=23000101T000000Z", "0 9 * * *",
         None, "2300-01-01T09:00:00+00:00", "b"),
        ("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;COUNT=20000", "0 9 * * *", None,
         "2080-10-04T09:00:00+00:00", "b"),
        ("DTSTART:20260101T000000Z\nRRULE:FREQ=YEARLY;INTERVAL=400", "0 0 1 1 *", None,
         "2027-01-01T00:00:00+00:00", "b"),
        # Feb 29 skips 2100, 2200 and 2300, and comes back in 2400.
        ("DTSTART:20260101T000000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;"
         "UNTIL=24000101T000000Z", "0 0 29 2 *", None, "2400-02-29T00:00:00+00:00", "b"),
        ("0 9 * * *", "DTSTART;TZID=Africa/Casablanca:20260101T090000\nRRULE:FREQ=DAILY;"
         "UNTIL=21000101T000000Z", "Africa/Casablanca", "2100-01-01T09:00:00+01:00", "a"),
    ],
)
def test_a_difference_however_far_is_found(
    a: str, b: str, tz: str | None, moment: str, side: str
) -> None:
    found = cadence.compare(cadence.parse(a, tz=tz),
                            cadence.parse(b, tz=tz),
                            after="2026-01-01T00:00Z")
    assert (found.verdict, _iso(found.moment), found.side) == ("different", moment, side)
    assert not cadence.equivalent(cadence.parse(a, tz=tz), cadence.parse(b, tz=tz),
                                  after="2026-01-01T00:00Z")


# Different IRs that mean the same: proven by walking one repeating period (400 years,
# or the multiple of it an interval needs) from where everything that does not repeat
# has passed.
@pytest.mark.parametrize(
    ("a", "b", "tz"),
    [
        ("DTSTART;TZID=Europe/Riga:20200101T090000\nRRULE:FREQ=DAILY", "0 9 * * *",
         "Europe/Riga"),
        ("DTSTART:20260101T000000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
         "0 0 L * *", None),
        ("DTSTART:20240101T000000Z\nRRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",
         "0 0 29 2 *", None),
        ("0 0 9 1 1 ? 2040", "DTSTART:20400101T090000Z\nRRULE:FREQ=YEARLY;COUNT=1", None),
    ],
)
def test_schedules_that_mean_the_same_are_proven_equivalent(
    a: str, b: str, tz: str | None
) -> None:
    left, right = cadence.parse(a, tz=tz), cadence.parse(b, tz=tz)
    assert left != right  # not decided on the IR
    found = cadence.compare(left, right, after="2026-01-01T00:00Z")
    assert (found.verdict, found.moment, found.until) == ("equivalent", None, None)


@pytest.mark.parametrize(
    ("a", "b", "horizon", "verdict", "until", "stopped"),
    [
        # Feb 29 only shows up in 2028: a horizon that ends before says no more.
        ("0 0 29 2 *", "0 0 1 3 *", 300, "undecided", "2027-12-27T00:00:00+00:00",
         "horizon"),
        # Different DST policies (Quartz's second pass, RFC 5545's first) that agree at
        # every second until the clocks go back in October: the limit stops the walk
        # 2,000,000 seconds in.
    ],
)
def test_a_comparison_that_stops_says_where_and_why(
    a: str, b: str, horizon: int | None, verdict: str, until: str, stopped: str
) -> None:
    left, right = cadence.parse(a, tz="Europe/Riga"), cadence.parse(b, tz="Europe/Riga")
    found = cadence.compare(left, right, after="2027-03-02T00:00Z" if horizon else
                            "2026-01-01T00:00Z",
                            horizon=timedelta(days=horizon) if horizon else None)
    assert (found.verdict, _iso(found.until), found.stopped) == (verdict, until, stopped)
    if horizon:  # (walking to the limit again costs seconds)
        assert not cadence.equivalent(left, right, after=found.after,
                                      horizon=timedelta(days=horizon))
        assert cadence.first_difference(left, right, after=found.after,
                                        horizon=timedelta(days=horizon)) is None


def test_the_limit_is_the_number_of_occurrences_compared() -> None:
    assert MAX_COMPARED == limits.MAX_COMPARED == 300_000


def test_a_walk_to_the_limit_stops_after_about_a_second_of_occurrences() -> None:
    """Every minute against the same minutes split over two rules: no proof short of
    400 years of minutes, so the walk stops at the limit, 300,000 minutes on (2,000,000
    minutes, 6 to 16 seconds, before the limit was a budget)."""
    every_minute = cadence.parse("* * * * *", tz="Europe/Berlin")
    rule = every_minute.rules[0]
    halves = Schedule((replace(rule, minutes=tuple(range(30))),
                       replace(rule, minutes=tuple(range(30, 60)))), every_minute.tz,
                      format="ir", source="")
    found = cadence.compare(every_minute, halves, after="2026-01-01T00:00Z")
    assert (found.verdict, found.stopped) == ("undecided", "limit")
    assert found.until == datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(
        minutes=MAX_COMPARED + 1)


@pytest.mark.parametrize(
    ("a", "b", "tz"),
    [
        ("* * * * * ?", "* * * * * ?", "Europe/Riga"),
        # In a zone of one offset the DST policy never matters.
        ("* * * * * ?", "* 0-59 0-23 * * ?", None),
        ("0 * * * *", "FREQ=HOURLY;BYMINUTE=0;BYSECOND=0", "Etc/GMT-3"),
    ],
)
def test_the_same_ir_is_equivalent_without_walking(a: str, b: str, tz: str | None) -> None:
    assert cadence.equivalent(cadence.parse(a, tz=tz), cadence.parse(b, tz=tz),
                              after="2026-01-01T00:00Z")


@pytest.mark.parametrize(
    ("a", "b", "after", "verdict", "moment"),
    [
        # The same rules once the bounds pass: only up to the last bound is walked.
        ("0 * * * *", "DTSTART:20200101T000000Z\nRRULE:FREQ=HOURLY;BYMINUTE=0;BYSECOND=0",
         "2026-01-01T00:00Z", "equivalent", None),
        ("0 * * * *", "DTSTART:20200101T000000Z\nRRULE:FREQ=HOURLY;BYMINUTE=0;BYSECOND=0",
         "2019-01-01T00:00Z", "different", "2019-01-01T01:00:00+00:00"),
        # Different ends with no occurrence between them; then one between.
        ("DTSTART:20270101T090000Z\nRRULE:FREQ=DAILY;UNTIL=20300101T000000Z",
         "DTSTART:20270101T090000Z\nRRULE:FREQ=DAILY;UNTIL=20291231T090000Z",
         "2026-01-01T00:00Z", "equivalent", None),
        ("DTSTART:20270101T090000Z\nRRULE:FREQ=DAILY;UNTIL=20300101T000000Z",
         "DTSTART:20270101T090000Z\nRRULE:FREQ=DAILY;UNTIL=20300101T090000Z",
         "2026-01-01T00:00Z", "different", "2030-01-01T09:00:00+00:00"),
    ],
)
def test_schedules_that_differ_in_their_bounds_alone_are_walked_past_them(
    a: str, b: str, after: str, verdict: str, moment: str | None
) -> None:
    found = cadence.compare(cadence.parse(a), cadence.parse(b), after=after)
    assert (found.verdict, _iso(found.moment)) == (verdict, moment)


def test_bad_arguments_are_schedule_errors() -> None:
    with pytest.raises(cadence.ScheduleError, match=r"^a: give a Schedule, .* not int$"):
        cadence.equivalent(42, cadence.parse("0 0 * * *"))  # type: ignore[arg-type]
    with pytest.raises(cadence.ScheduleError, match="positive"):
        cadence.equivalent(cadence.parse("0 0 * * *"), cadence.parse("0 1 * * *"),
                           horizon=timedelta(0))


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["0 9 * * 1-5", "*/20 8-10 * * *", "0 0 L * *", "30 2 * * 0", "0 12 1 */2 *"]),
    st.sampled_from(["UTC", "America/New_York", "Australia/Lord_Howe"]),
)
def test_a_schedule_is_equivalent_to_its_own_cron_emission(text: str, zone: str) -> None:
    schedule = cadence.parse(text, tz=zone)
    again = cadence.parse(cadence.emit(schedule, "cron"))
    assert cadence.equivalent(schedule, again, after="2026-01-01T00:00Z")


@pytest.mark.parametrize("after", ["2026-01-01T09:00Z", "2026-01-01T12:00Z",
                                   "2026-01-01T16:30Z"])
def test_a_window_open_at_after_is_not_a_difference_before_after(after: str) -> None:
    """Windows are compared as ``next_window`` gives them, opening strictly after
    ``after``: the 8-hour and 7-hour windows of 2026-01-01 opened at 09:00, before (or
    at) ``after``, so the first difference is the next day's opening (it was
    2026-01-01T09:00, before ``after``)."""
    nine = cadence.parse("0 9 * * *")
    eight_hours, seven_hours = (nine.with_duration(timedelta(hours=hours)) for hours in (8, 7))
    moment = cadence.first_difference(eight_hours, seven_hours, after=after)
    assert moment is not None
    assert moment.isoformat() == "2026-01-02T09:00:00+00:00"
    assert moment == eight_hours.next_window(after)[0]  # type: ignore[index]
    assert cadence.compare(eight_hours, seven_hours, after=after).side == "b"


def test_schedules_apart_by_their_dst_policy_only_are_decided_on_the_change_days() -> None:
    """Every second under Quartz's policy (a repeated time fires on its second pass)
    and under RFC 5545's (on its first): they part at the first repeated hour, found
    from the rules instead of walking a year of seconds (which stopped at the limit)."""
    quartz = cadence.parse("* * * * * ?", tz="Europe/Riga")
    rrule = cadence.parse("FREQ=SECONDLY", tz="Europe/Riga")
    found = cadence.compare(quartz, rrule, after="2026-01-01T00:00Z")
    assert (found.verdict, found.side) == ("different", "b")
    assert found.moment is not None
    assert found.moment.isoformat() == "2026-10-25T03:00:00+03:00"
    every_minute = cadence.parse("* * * * *", tz="America/New_York")
    minutely = cadence.parse("FREQ=MINUTELY;BYSECOND=0", tz="America/New_York")
    moment = cadence.first_difference(every_minute, minutely, after="2026-01-01T00:00Z")
    assert moment is not None
    assert moment.isoformat() == "2026-11-01T01:00:00-05:00"
    assert cadence.equivalent(every_minute, cadence.parse(
        "FREQ=MINUTELY;BYSECOND=0", tz="America/New_York", dst="cron"),
        after="2026-01-01T00:00Z")
    short = cadence.compare(quartz, rrule, after="2026-01-01T00:00Z",
                            horizon=timedelta(days=30))
    assert (short.verdict, short.stopped) == ("undecided", "horizon")


def test_windows_that_differ_below_a_second_are_different() -> None:
    """Windows end to the microsecond (issue 14): a 1.5 s window is not a 2 s one,
    although both end within the same second."""
    daily = cadence.parse("0 9 * * *")
    a = daily.with_duration(timedelta(seconds=1.5))
    b = daily.with_duration(timedelta(seconds=2))
    found = cadence.compare(a, b, after="2026-01-01T00:00Z")
    assert (found.verdict, found.moment.isoformat() if found.moment else None) == (
        "different", "2026-01-01T09:00:00+00:00")
    assert cadence.equivalent(a, daily.with_duration(timedelta(milliseconds=1500)))


def test_set_positions_keep_the_policy_shortcut_from_claiming_equivalence() -> None:
    """A set position picks among a month's occurrences, so a time the two DST policies
    place differently may be one it never picks: such rules take the general walk,
    which says undecided within the horizon and finds the real difference beyond."""
    text = ("DTSTART;TZID=Europe/Berlin:20260101T000000\n"
            "RRULE:FREQ=MONTHLY;BYDAY=SU;BYHOUR=2,3;BYMINUTE=30;BYSETPOS=8,9")
    a = cadence.parse(text, format="rrule", dst="quartz")
    b = cadence.parse(text, format="rrule", dst="rfc5545")
    near = cadence.compare(a, b, after="2029-11-01T00:00Z", horizon=timedelta(days=900))
    assert near.verdict == "undecided"
    far = cadence.compare(a, b, after="2029-11-01T00:00Z")
    assert (far.verdict, far.moment.isoformat() if far.moment else None) == (
        "different", "2032-10-31T02:30:00+02:00")
