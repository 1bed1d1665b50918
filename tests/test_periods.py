"""Anchored periods (RRULE's INTERVAL) and the DST policies, on the IR directly."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import cadence
from cadence import NeverFiresError, ScheduleError
from cadence._evaluate import policy_difference
from cadence.ir import PERIOD_UNITS, DstFlags, MonthDays, Period, Rule, Weekdays, period_index
from cadence.schedule import Schedule

UTC = ZoneInfo("UTC")


def _rule(**fields: object) -> Rule:
    base: dict[str, object] = {"seconds": (0,), "minutes": (0,), "hours": (9,)}
    base.update(fields)
    return Rule(**base)  # type: ignore[arg-type]


def _iso(schedule: Schedule, after: str, count: int) -> list[str]:
    found = []
    for moment in schedule.iter_after(after):
        found.append(moment.isoformat())
        if len(found) == count:
            break
    return found


# -- folding: periods that divide a day or a year are plain value sets ----------------------

def test_every_sixth_hour_from_one_folds_into_an_hour_list() -> None:
    rule = Rule(seconds=(0,), minutes=(0,), hours=tuple(range(24)),
                    period=Period.anchored("hour", 6, date(2026, 1, 1), 3600))
    assert rule.period is None
    assert rule.hours == (1, 7, 13, 19)


def test_every_third_month_from_february_folds_into_a_month_list() -> None:
    rule = _rule(period=Period.anchored("month", 3, date(2026, 2, 10)))
    assert rule.period is None
    assert rule.months == (2, 5, 8, 11)


def test_every_ninety_minutes_stays_a_period_because_it_is_not_a_product() -> None:
    rule = Rule(seconds=(0,), minutes=tuple(range(60)), hours=tuple(range(24)),
                    period=Period.anchored("minute", 90, date(2026, 1, 1)))
    assert rule.period == Period("minute", 90, 0)


_DIVIDING = [(unit, every) for unit, size in (("hour", 3600), ("minute", 60), ("second", 1))
             for every in range(2, 1441) if 86400 % (size * every) == 0]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_DIVIDING), st.data())
def test_a_sub_day_period_dividing_the_day_keeps_exactly_the_times_it_selects(
        period: tuple[str, int], data: st.DataObject) -> None:
    unit, every = period
    size = {"hour": 3600, "minute": 60, "second": 1}[unit]
    values = {name: tuple(data.draw(st.sets(st.integers(0, top), min_size=1, max_size=12),
                                    label=name))
              for name, top in (("hours", 23), ("minutes", 59), ("seconds", 59))}
    phase = data.draw(st.integers(0, every - 1), label="phase")
    chosen = {(h, m, s) for h in values["hours"] for m in values["minutes"]
              for s in values["seconds"]
              if (h * 3600 + m * 60 + s) % (size * every) // size == phase}
    if not chosen:
        with pytest.raises(NeverFiresError):
            Rule(**values, period=Period(unit, every, phase))  # type: ignore[arg-type]
        return
    rule = Rule(**values, period=Period(unit, every, phase))  # type: ignore[arg-type]
    kept = {(h, m, s) for h in rule.hours for m in rule.minutes for s in rule.seconds}
    if rule.period is not None:  # not a product of value sets: the period stays
        kept = {(h, m, s) for h, m, s in kept
                if (h * 3600 + m * 60 + s) % (size * every) // size == rule.period.phase}
    assert kept == chosen


def test_a_period_of_one_is_no_period() -> None:
    assert _rule(period=Period("week", 1, 0)).period is None


def test_years_listed_with_a_year_period_keep_the_selected_ones() -> None:
    rule = _rule(years=(2026, 2027, 2028, 2029), period=Period.anchored("year", 2, date(2027, 1,
                                                                                       1)))
    assert (rule.years, rule.period) == ((2027, 2029), None)


def test_a_period_that_selects_no_listed_month_never_fires() -> None:
    with pytest.raises(NeverFiresError, match="selected periods of every 2 months"):
        _rule(months=(1, 3, 5), period=Period.anchored("month", 2, date(2026, 2, 1)))


def test_equal_phases_from_different_anchors_compare_equal() -> None:
    a = _rule(period=Period.anchored("week", 2, date(2026, 11, 23)))
    b = _rule(period=Period.anchored("week", 2, date(2026, 12, 9)))
    assert a == b


@pytest.mark.parametrize(("every", "message"), [(0, "every 1 or more"), (-2, "every 1 or more")])
def test_a_period_must_repeat_at_least_every_one_unit(every: int, message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        Period("day", every, 0)


def test_an_unknown_period_unit_is_refused() -> None:
    with pytest.raises(ScheduleError, match="unknown period unit 'fortnight'"):
        Period("fortnight", 2, 0)  # type: ignore[arg-type]


# -- evaluation tables -----------------------------------------------------------------------

PERIOD_TABLE: list[tuple[Rule, str, list[str]]] = [
    # every 2nd week (weeks from Monday), Monday and Friday 09:00, anchored 2026-11-23
    (_rule(weekdays=Weekdays(days=(0, 4)),
           period=Period.anchored("week", 2, date(2026, 11, 23))),
     "2026-11-22T00:00Z",
     ["2026-11-23T09:00:00+00:00", "2026-11-27T09:00:00+00:00", "2026-12-07T09:00:00+00:00",
      "2026-12-11T09:00:00+00:00"]),
    # weeks starting Sunday move the Sunday into the selected week
    (_rule(weekdays=Weekdays(days=(6, 0)),
           period=Period.anchored("week", 2, date(2026, 11, 23), week_start=6)),
     "2026-11-20T00:00Z",
     ["2026-11-22T09:00:00+00:00", "2026-11-23T09:00:00+00:00", "2026-12-06T09:00:00+00:00",
      "2026-12-07T09:00:00+00:00"]),
    # every 10th day from 2026-02-25, across the end of February
    (_rule(period=Period.anchored("day", 10, date(2026, 2, 25))),
     "2026-02-25T00:00Z",
     ["2026-02-25T09:00:00+00:00", "2026-03-07T09:00:00+00:00", "2026-03-17T09:00:00+00:00"]),
    # every 5th month on the 31st: months without a 31st are skipped, not moved
    (_rule(month_days=MonthDays(days=(31,)), period=Period.anchored("month", 5, date(2026, 1, 1))),
     "2026-01-01T00:00Z",
     ["2026-01-31T09:00:00+00:00", "2028-07-31T09:00:00+00:00", "2028-12-31T09:00:00+00:00"]),
    # every 3rd year on February 29th: only leap years in the selected periods
    (_rule(months=(2,), month_days=MonthDays(days=(29,)),
           period=Period.anchored("year", 3, date(2024, 1, 1))),
     "2024-01-01T00:00Z",
     ["2024-02-29T09:00:00+00:00", "2036-02-29T09:00:00+00:00", "2048-02-29T09:00:00+00:00"]),
    # every 5th hour from 2026-11-23 09:00: the hours shift from day to day
    (Rule(seconds=(0,), minutes=(0,), hours=tuple(range(24)),
              period=Period.anchored("hour", 5, date(2026, 11, 23), 9 * 3600)),
     "2026-11-23T20:00Z",
     ["2026-11-24T00:00:00+00:00", "2026-11-24T05:00:00+00:00", "2026-11-24T10:00:00+00:00",
      "2026-11-24T15:00:00+00:00", "2026-11-24T20:00:00+00:00", "2026-11-25T01:00:00+00:00",
      "2026-11-25T06:00:00+00:00"]),
    # every 90th minute from midnight
    (Rule(seconds=(0,), minutes=tuple(range(60)), hours=tuple(range(24)),
              period=Period.anchored("minute", 90, date(2026, 1, 1))),
     "2026-01-01T22:00Z",
     ["2026-01-01T22:30:00+00:00", "2026-01-02T00:00:00+00:00", "2026-01-02T01:30:00+00:00"]),
]


@pytest.mark.parametrize(("rule", "after", "expected"), PERIOD_TABLE)
def test_periodic_rules_fire_at_the_tabled_instants(rule: Rule, after: str,
                                                    expected: list[str]) -> None:
    schedule = Schedule(rule, UTC, format="test", source="")
    # "after" is exclusive: start one second earlier so the first row can be included
    start = (datetime.fromisoformat(after.replace("Z", "+00:00")) - timedelta(seconds=1))
    assert _iso(schedule, start.isoformat(), len(expected)) == expected
    last = datetime.fromisoformat(expected[-1])
    backward = [moment.isoformat() for moment in
                islice(schedule.iter_before(last + timedelta(seconds=1)), len(expected))]
    assert backward == expected[::-1]


# -- an oracle: the definition of a period, checked day by day --------------------------------

ZONES = st.sampled_from(["UTC", "America/New_York", "Europe/Riga", "Australia/Lord_Howe"])


@st.composite
def periodic_rules(draw: st.DrawFn) -> Rule:
    unit = draw(st.sampled_from(PERIOD_UNITS))
    every = draw(st.integers(2, 9))
    anchor = draw(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
    second = draw(st.integers(0, 86399))
    small = unit in ("hour", "minute", "second")
    hours = tuple(range(24)) if small and draw(st.booleans()) else tuple(
        draw(st.sets(st.integers(0, 23), min_size=1, max_size=3)))
    minutes = tuple(range(60)) if unit in ("minute", "second") and draw(st.booleans()) else (
        tuple(draw(st.sets(st.integers(0, 59), min_size=1, max_size=2))))
    seconds = tuple(range(0, 60, 20)) if unit == "second" else (0,)
    weekdays = draw(st.none() | st.builds(Weekdays, days=st.sets(st.integers(0, 6),
                                                                 min_size=1, max_size=4)))
    try:
        return Rule(seconds=seconds, minutes=minutes, hours=hours, weekdays=weekdays,
                        period=Period.anchored(unit, every, anchor, second,
                                               draw(st.integers(0, 6))),
                        fixed_time=True, skip_gaps=True)
    except NeverFiresError:
        return Rule(seconds=seconds, minutes=minutes, hours=hours)


def _oracle(rule: Rule, first: date, days: int) -> list[datetime]:
    """Wall-clock times in ``days`` days from ``first``, from the definitions alone."""
    found = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        if rule.weekdays is not None and day.weekday() not in rule.weekdays.days:
            continue
        if day.month not in rule.months or (rule.years is not None
                                            and day.year not in rule.years):
            continue
        for hour in rule.hours:
            for minute in rule.minutes:
                for second in rule.seconds:
                    of_day = hour * 3600 + minute * 60 + second
                    period = rule.period
                    if period is not None and period_index(
                            period.unit, day, of_day, period.week_start
                    ) % period.every != period.phase:
                        continue
                    found.append(datetime.combine(day, datetime.min.time())
                                 + timedelta(seconds=of_day))
    return found


@settings(max_examples=120, deadline=None)
@given(periodic_rules(), st.dates(date(2024, 1, 1), date(2028, 12, 31)))
def test_periodic_rules_agree_with_the_definition_of_a_period(rule: Rule,
                                                             first: date) -> None:
    schedule = Schedule(rule, UTC, format="test", source="")
    start = datetime.combine(first, datetime.min.time(), UTC)
    days = 20
    got = [moment.replace(tzinfo=None) for moment in
           schedule.between(start, start + timedelta(days=days))]
    assert got == _oracle(rule, first, days)[: len(got)]
    assert len(got) == len(_oracle(rule, first, days))


@settings(max_examples=60, deadline=None)
@given(periodic_rules(), ZONES, st.datetimes(datetime(2024, 1, 1), datetime(2028, 12, 31)))
def test_periodic_rules_walk_forward_and_backward_alike(rule: Rule, zone: str,
                                                        moment: datetime) -> None:
    schedule = Schedule(rule, ZoneInfo(zone), format="test", source="")
    forward = []
    for found in schedule.iter_after(moment):
        forward.append(found)
        if len(forward) == 5:
            break
    if not forward:
        return
    backward = list(schedule.between(moment + timedelta(microseconds=1), forward[-1]
                                     + timedelta(seconds=1)))
    assert [t.timestamp() for t in backward] == [t.timestamp() for t in forward]
    reverse = []
    for found in schedule.iter_before(forward[-1] + timedelta(seconds=1)):
        reverse.append(found)
        if len(reverse) == len(forward):
            break
    assert [t.timestamp() for t in reverse[::-1]] == [t.timestamp() for t in forward]


# -- DST policies --------------------------------------------------------------------------------

NEW_YORK = ZoneInfo("America/New_York")
# America/New_York 2026: clocks jump 02:00 -> 03:00 on 2026-03-08 and fall back 02:00 -> 01:00
# on 2026-11-01.
YEAR_2026 = (int(datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp()),
             int(datetime(2027, 1, 1, tzinfo=timezone.utc).timestamp()))


def test_1_spring_a_time_in_the_gap_fires_after_the_jump_for_cron_and_not_for_rfc5545() -> None:
    cron = Schedule(_rule(minutes=(30,), hours=(2,)), NEW_YORK, format="test", source="")
    rfc = Schedule(_rule(minutes=(30,), hours=(2,), skip_gaps=True), NEW_YORK, format="test",
                   source="")
    assert str(cron.next("2026-03-08T00:00")) == "2026-03-08 03:00:00-04:00"
    assert str(rfc.next("2026-03-08T00:00")) == "2026-03-09 02:30:00-04:00"


def test_1_autumn_a_repeated_time_fires_once_under_both_fixed_time_policies() -> None:
    for skip in (False, True):
        rule = _rule(minutes=(30,), hours=(1,), skip_gaps=skip)
        schedule = Schedule(rule, NEW_YORK, format="test", source="")
        found = schedule.between("2026-11-01T00:00", "2026-11-02T00:00")
        assert [t.isoformat() for t in found] == ["2026-11-01T01:30:00-04:00"]


def test_policy_difference_finds_the_spring_gap_between_cron_and_rfc5545() -> None:
    found = policy_difference(_rule(minutes=(30,), hours=(2,)), NEW_YORK, DstFlags(True, True),
                              *YEAR_2026)
    assert found is not None
    assert (found.wall.isoformat(), found.skipped, found.fires, found.fires_other) == (
        "2026-03-08T02:30:00", True, 1, 0)


def test_policy_difference_finds_the_autumn_repeat_for_a_rule_firing_at_every_match() -> None:
    rule = _rule(minutes=(30,), hours=(1,), fixed_time=False)
    found = policy_difference(rule, NEW_YORK, DstFlags(True, True), *YEAR_2026)
    assert found is not None
    assert (found.wall.isoformat(), found.skipped, found.fires, found.fires_other) == (
        "2026-11-01T01:30:00", False, 2, 1)


def test_policies_agree_away_from_the_changes_and_in_utc() -> None:
    assert policy_difference(_rule(), NEW_YORK, DstFlags(True, True)) is None
    assert policy_difference(_rule(minutes=(30,), hours=(2,)), UTC, DstFlags(True, True)) is None
    assert policy_difference(_rule(minutes=(30,), hours=(2,), months=(1,)), NEW_YORK,
                             DstFlags(True, True), *YEAR_2026) is None


def test_skip_gaps_means_nothing_for_rules_that_fire_at_every_match() -> None:
    rule = _rule(fixed_time=False)
    assert rule.skip_gaps
    assert dataclasses.replace(rule, skip_gaps=False) == rule


# -- equivalence with windows ----------------------------------------------------------------


def test_windows_of_different_lengths_are_not_equivalent() -> None:
    a = cadence.parse("0 9 * * *").with_duration(timedelta(hours=2))
    b = cadence.parse("0 9 * * *").with_duration(timedelta(hours=3))
    found = cadence.first_difference(a, b, after="2026-01-01T00:00Z")
    assert found is not None
    assert found.isoformat() == "2026-01-01T09:00:00+00:00"
    assert cadence.equivalent(a, a.bounded(start="2000-01-01T00:00Z"), after="2026-01-01T00:00Z")


def test_an_excluded_date_the_rule_never_fires_on_is_dropped_from_the_rule() -> None:
    monday = _rule(weekdays=Weekdays(days=(0,)))
    assert dataclasses.replace(monday, excluded_dates=(date(2026, 1, 6),)) == monday
    kept = dataclasses.replace(monday, excluded_dates=(date(2026, 1, 5), date(2026, 1, 6)))
    assert kept.excluded_dates == (date(2026, 1, 5),)


# -- days of the year and week numbers (issue 11) ---------------------------------------

YEAR_PART_CASES = [
    # (rule parts, window, expected dates); weeks start on Monday unless week_start says.
    ({"weekdays": Weekdays(days=(0,)), "week_numbers": (20,)}, ("2026-01-01", "2030-01-01"),
     ["2026-05-11", "2027-05-17", "2028-05-15", "2029-05-14"]),  # RFC 5545: Monday of week 20
    ({"year_days": (1, 100, 200, -1)}, ("2026-01-01", "2027-01-02"),
     ["2026-01-01", "2026-04-10", "2026-07-19", "2026-12-31", "2027-01-01"]),
    ({"year_days": (-306,)}, ("2027-01-01", "2029-01-01"),  # 2028 is a leap year
     ["2027-03-01", "2028-03-01"]),
    # 2027-01-01..03 belong to 2026's week 53, and 2026-12-28..31 too.
    ({"week_numbers": (53,)}, ("2026-12-25", "2027-01-06"),
     ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02",
      "2027-01-03"]),
    # The last week of 2026 is week 53 (to Sunday 2027-01-03); 2027's is week 52, whose
    # Sunday is 2028-01-02.
    ({"week_numbers": (-1,), "weekdays": Weekdays(days=(6,))}, ("2026-01-01", "2028-01-03"),
     ["2027-01-03", "2028-01-02"]),
    # The 20th Monday and the last Friday of the year (YEARLY;BYDAY=20MO,-1FR).
    ({"year_weekdays": ((0, 20), (4, -1))}, ("2026-01-01", "2028-01-01"),
     ["2026-05-18", "2026-12-25", "2027-05-17", "2027-12-31"]),
    # 2026 has 53 Thursdays: the 53rd is the last.
    ({"year_weekdays": ((3, 53),)}, ("2026-01-01", "2028-01-01"), ["2026-12-31"]),
    # Weeks starting on Sunday (WKST=SU): 2026's week 1 starts on Sunday 2026-01-04.
    ({"week_numbers": (1,), "week_start": 6, "weekdays": Weekdays(days=(6,))},
     ("2026-01-01", "2027-01-01"), ["2026-01-04"]),
]


@pytest.mark.parametrize(("parts", "window", "expected"), YEAR_PART_CASES)
def test_days_of_the_year_and_week_numbers_pick_the_listed_days(
        parts: dict[str, Any], window: tuple[str, str], expected: list[str]) -> None:
    rule = Rule((0,), (0,), (9,), **parts)
    schedule = Schedule(rule, UTC, format="test", source="")
    found = schedule.between(f"{window[0]}T00:00Z", f"{window[1]}T00:00Z")
    assert [t.date().isoformat() for t in found] == expected
    backward = list(schedule.iter_before(f"{window[1]}T00:00Z"))[:len(expected)]
    assert [t.date().isoformat() for t in reversed(backward)] == expected


def test_a_rule_whose_year_parts_pick_no_day_never_fires() -> None:
    assert not Rule((0,), (0,), (9,), months=(1,), year_days=(-1,)).fires_on_some_day()
    assert not Rule((0,), (0,), (9,), months=(6,), week_numbers=(1,)).fires_on_some_day()
    assert Rule((0,), (0,), (9,), months=(12,), week_numbers=(1,)).fires_on_some_day()


@pytest.mark.parametrize(("parts", "message"), [
    ({"year_days": (0,)}, "day of the year 0 is out of range"),
    ({"year_days": (367,)}, "day of the year 367 is out of range"),
    ({"week_numbers": (-54,)}, "week number -54 is out of range"),
])
def test_year_parts_out_of_range_are_refused(parts: dict[str, Any], message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        Rule((0,), (0,), (9,), **parts)


def test_week_start_only_matters_with_week_numbers() -> None:
    assert Rule((0,), (0,), (9,), week_start=6) == Rule((0,), (0,), (9,))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(-53, 53).filter(bool)),
                min_size=1, max_size=3),
       st.sampled_from(["UTC", "Europe/Berlin"]))
def test_weekdays_counted_in_the_year_agree_with_dateutil(
        picked: list[tuple[int, int]], zone: str) -> None:
    from dateutil.rrule import YEARLY, rrule, weekday

    rule = Rule((0,), (0,), (9,), year_weekdays=tuple(picked))
    assume(rule.fires_on_some_day())
    schedule = Schedule(rule, ZoneInfo(zone), format="test", source="")
    expected = [moment.replace(tzinfo=ZoneInfo(zone)) for moment in rrule(
        YEARLY, byweekday=[weekday(day, k) for day, k in picked],
        dtstart=datetime(2020, 1, 1, 9), until=datetime(2036, 1, 2))]
    assert schedule.between("2020-01-01T00:00", "2036-01-02T00:00") == expected


_SIGNED_WEEKS = st.one_of(st.integers(1, 53), st.integers(-53, -1))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from([1, 2000, 2004, 2020, 2026, 2027, 2100, 9999]),
                 st.integers(1, 9999)),
       st.lists(st.one_of(st.integers(1, 366), st.integers(-366, -1)), max_size=4),
       st.lists(_SIGNED_WEEKS, max_size=3), st.integers(0, 6),
       st.lists(st.tuples(st.integers(0, 6), _SIGNED_WEEKS), max_size=3))
def test_the_days_year_parts_leave_are_found_as_day_by_day_checks_find_them(
        year: int, year_days: list[int], week_numbers: list[int], week_start: int,
        year_weekdays: list[tuple[int, int]]) -> None:
    """year_part_days (what the walk uses: the days the parts name) against
    in_year_parts (each day of each month checked), the definition."""
    from cadence._calendar import in_year_parts, year_part_days

    assume(year_days or week_numbers or year_weekdays)
    january_first = date(year, 1, 1).toordinal()
    expected = set()
    for month in range(1, 13):
        length = ((date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1))
                  - date(year, month, 1)).days if year < 9999 or month < 12 else 31
        for day in in_year_parts(range(1, length + 1), year, month, year_days, week_numbers,
                                 week_start, year_weekdays):
            expected.add(date(year, month, day).toordinal() - january_first)
    assert year_part_days(year, year_days, week_numbers, week_start,
                          year_weekdays) == expected
