"""Year tables kept by kind: ``CompiledRule._year_months`` computes a year's months of
matching days once per *kind* of year (``_year_key``: the weekday of January 1st, leap
years, where a period's cycle stands) and hands the same table to every later year of
that kind.

The properties draw rules of every shape the key has to tell apart (periods of years,
months, weeks with any week start, days and sub-day units, with any phase; days of the
year, week numbers counted from either end with any week start, weekdays counted in the
year), warm one compiled rule with many years (neighbours of every kind among them), and
check each year's table against the same rule compiled fresh for that year alone, and
against an oracle built day by day from the definitions: the rule's month shapes, the
year parts worked out with ``datetime`` on a year of the same 400-year cycle, and
``Period.selects``. A last property walks a Berlin schedule forward and backward over
the same years (the two walks fill their caches in opposite orders) and wants the same
instants.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from functools import cache
from itertools import islice, takewhile
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, event, example, given, reject, settings
from hypothesis import strategies as st

import cadence
from cadence import NeverFiresError
from cadence._calendar import january_first as _january_first
from cadence._compile import CompiledRule
from cadence.ir import MonthDays, Period, PeriodUnit, Rule, Weekdays
from cadence.schedule import Schedule

_Row = tuple[int, int, tuple[int, ...]]
_DAY_UNITS: tuple[PeriodUnit, ...] = ("year", "month", "week", "day")


# -- rules ------------------------------------------------------------------------------------

def _signed(top: int) -> st.SearchStrategy[int]:
    """1..top or -top..-1, the ends (where years differ) drawn often."""
    return (st.sampled_from([1, 2, top - 1, top, -1, -2, 1 - top, -top])
            | st.integers(1, top) | st.integers(-top, -1))


#: Day-level units twice as often as the sub-day ones.
_UNITS: tuple[PeriodUnit, ...] = (*_DAY_UNITS, *_DAY_UNITS, "hour", "minute")


@st.composite
def _periods(draw: st.DrawFn) -> Period:
    """A period of any unit, every, phase and week start (below a day, one that does not
    divide the day, so that it stays a period)."""
    unit = draw(st.sampled_from(_UNITS))
    if unit in _DAY_UNITS:
        every = draw(st.integers(2, 60))
    else:
        every = draw(st.sampled_from([5, 7, 9, 10, 11, 13, 25, 35, 49]) if unit == "hour"
                     else st.sampled_from([7, 11, 90, 100, 1000, 1441, 3000]))
    return Period(unit, every, draw(st.integers(0, 10_000)), draw(st.integers(0, 6)))


def _timed(draw: st.DrawFn, **parts: object) -> Rule:
    """A rule of ``parts`` at one or two times of day (02:30 and 02:59 are in Berlin's
    spring gap, and in its autumn fold), on the hour or not."""
    hours = draw(st.sets(st.sampled_from([0, 2, 3, 9, 14, 23]), min_size=1, max_size=2))
    minutes = draw(st.sets(st.sampled_from([0, 30, 59]), min_size=1, max_size=2))
    return Rule(seconds=(0,), minutes=tuple(minutes), hours=tuple(hours),
                **parts)  # type: ignore[arg-type]


@st.composite
def _any_rules(draw: st.DrawFn) -> Rule:
    """A rule with a period, year parts, or both, over any months and day parts."""
    months = tuple(range(1, 13)) if draw(st.booleans()) else tuple(
        draw(st.sets(st.integers(1, 12), min_size=1, max_size=6)))
    month_days = draw(st.none() | st.builds(
        MonthDays, days=st.sets(st.integers(1, 31), min_size=1, max_size=12).map(tuple),
        from_last=st.sets(st.integers(0, 30), max_size=2).map(tuple)))
    weekdays = draw(st.none() | st.builds(
        Weekdays, days=st.sets(st.integers(0, 6), min_size=1, max_size=5).map(tuple),
        nth=st.sets(st.tuples(st.integers(0, 6), st.sampled_from([1, 2, 3, 4, 5, -2, -5])),
                    max_size=2).map(tuple),
        last=st.sets(st.integers(0, 6), max_size=1).map(tuple)))
    year_days = tuple(draw(st.sets(_signed(366), min_size=1, max_size=4))
                      ) if draw(st.integers(0, 3)) == 0 else ()
    week_numbers = tuple(draw(st.sets(_signed(53), min_size=1, max_size=4))
                         ) if draw(st.integers(0, 2)) == 0 else ()
    year_weekdays = tuple(draw(st.sets(st.tuples(st.integers(0, 6), _signed(53)), min_size=1,
                                       max_size=3))) if draw(st.integers(0, 3)) == 0 else ()
    year_parts = bool(year_days or week_numbers or year_weekdays)
    period = draw(_periods()) if not year_parts or draw(st.booleans()) else None
    try:
        return _timed(draw, months=months, month_days=month_days, weekdays=weekdays,
                      day_match=draw(st.sampled_from(["and", "or"])), period=period,
                      year_days=year_days, week_numbers=week_numbers,
                      week_start=draw(st.integers(0, 6)), year_weekdays=year_weekdays)
    except NeverFiresError:  # a period that folds into a list with nothing in it
        reject()


@st.composite
def _week_rules(draw: st.DrawFn) -> Rule:
    """Week numbers alone (any week start), the first and last weeks often: whose days
    depend on the years around, not only on the year itself."""
    weeks = tuple(draw(st.sets(_signed(53), min_size=1, max_size=3)))
    return _timed(draw, week_numbers=weeks, week_start=draw(st.integers(0, 6)),
                  weekdays=draw(st.none() | st.builds(Weekdays, days=st.sets(
                      st.integers(0, 6), min_size=1, max_size=3).map(tuple))))


@st.composite
def _period_rules(draw: st.DrawFn) -> Rule:
    """A period of years, months, weeks or days over plain day parts: the kind of year
    is then its calendar and where the period's cycle stands."""
    unit = draw(st.sampled_from(_DAY_UNITS))
    period = Period(unit, draw(st.integers(2, 60)), draw(st.integers(0, 10_000)),
                    draw(st.integers(0, 6)))
    try:
        return _timed(
            draw, period=period,
            months=tuple(draw(st.sets(st.integers(1, 12), min_size=1))),
            weekdays=draw(st.none() | st.builds(
                Weekdays, days=st.sets(st.integers(0, 6), min_size=1).map(tuple))),
            month_days=draw(st.none() | st.builds(
                MonthDays, days=st.sets(st.integers(1, 31), min_size=1).map(tuple))))
    except NeverFiresError:  # every 2, 3, 4 or 6 months fold into the months listed
        reject()


def _rules() -> st.SearchStrategy[Rule]:
    return _any_rules() | _period_rules() | _week_rules()


@st.composite
def _year_runs(draw: st.DrawFn) -> list[int]:
    """Years to ask a compiled rule for, in order: the target year last, after random
    years and the years around it (every kind of year, and kinds met again), shuffled."""
    target = draw(st.sampled_from([1, 2, 4, 400, 2019, 2030, 9998, 9999])
                  | st.integers(1, 9999), label="target year")
    around = [year for year in range(target - 20, target + 21) if 1 <= year <= 9999
              and year != target]
    others = draw(st.lists(st.integers(1, 9999), max_size=20), label="other years")
    warm = draw(st.permutations([*around, *others]), label="warm-up order")
    return [*warm, target]


# -- oracles ----------------------------------------------------------------------------------

def _same_cycle(year: int) -> int:
    """A year in 2000-2399 with the same calendar as ``year`` (weekdays and leap years
    repeat every 400 years), so that the years before and after it exist as dates."""
    return 2000 + (year - 2000) % 400


def _week_one(year: int, week_start: int) -> date:
    """The first day of week 1 of ``year``: the first week (starting on ``week_start``)
    with four or more days in the year."""
    january_first = date(year, 1, 1)
    back = (january_first.weekday() - week_start) % 7
    start = january_first - timedelta(days=back)
    return start if 7 - back >= 4 else start + timedelta(days=7)


def _week_of(day: date, week_start: int) -> tuple[int, int]:
    """``(week number, weeks in its week-year)`` of ``day``."""
    owner = day.year
    if day < _week_one(owner, week_start):
        owner -= 1
    elif day >= _week_one(owner + 1, week_start):
        owner += 1
    first = _week_one(owner, week_start)
    number = (day - first).days // 7 + 1
    weeks = (_week_one(owner + 1, week_start) - first).days // 7
    if week_start == 0:  # ISO 8601: datetime knows the answer
        assert (number, weeks) == (day.isocalendar()[1],
                                   date(owner, 12, 28).isocalendar()[1])
    return number, weeks


@cache
def _weekdays_of(year: int, weekday: int) -> list[date]:
    """Every day of ``year`` that falls on ``weekday``, in order."""
    days = (date(year, 1, 1) + timedelta(days=n) for n in range(366))
    return [day for day in days if day.year == year and day.weekday() == weekday]


def _in_year_parts(rule: Rule, day: date) -> bool:
    """Whether the day's place in its year is one the rule's year parts name (each list
    counted from the start or, negative, from the end)."""
    length = 366 if calendar.isleap(day.year) else 365
    index = day.timetuple().tm_yday
    if rule.year_days and not ({index, index - length - 1} & set(rule.year_days)):
        return False
    if rule.week_numbers:
        number, weeks = _week_of(day, rule.week_start)
        if not {number, number - weeks - 1} & set(rule.week_numbers):
            return False
    if rule.year_weekdays:
        same = _weekdays_of(day.year, day.weekday())
        position = same.index(day)
        counted = {(day.weekday(), position + 1), (day.weekday(), position - len(same))}
        if not counted & set(rule.year_weekdays):
            return False
    return True


def _in_period(rule: Rule, day: date) -> bool:
    """Whether the rule's period selects ``day``: a selected day-level period, or, below
    a day, some time of the day in a selected period."""
    period = rule.period
    if period is None:
        return True
    if period.unit in _DAY_UNITS:
        return period.selects(day)
    return bool(rule.times_on(day))


def _expected(rule: Rule, year: int) -> list[_Row]:
    """The year's table from the definitions, day by day."""
    proxy = _same_cycle(year)
    rows = []
    january_first = date(year, 1, 1).toordinal()
    for month in rule.months:
        first_weekday, length = calendar.monthrange(year, month)
        shaped = rule.days_of_shape(length, first_weekday)
        in_year = tuple(day for day in shaped if _in_year_parts(rule, date(proxy, month, day)))
        assert rule.days_in(year, month) == in_year, (year, month)
        days = tuple(day for day in in_year if _in_period(rule, date(year, month, day)))
        if days:
            rows.append((month, date(year, month, 1).toordinal() - 1 - january_first, days))
    return rows


def _describe(rule: Rule, rows: list[_Row]) -> None:
    """Statistics: what the drawn rules hold, and whether the year has any day."""
    period = rule.period
    event(f"period: {period.unit if period else None}")
    event(f"year parts: {rule.has_year_parts}")
    event(f"days in the year: {'some' if rows else 'none'}")


def _table(compiled: CompiledRule, year: int) -> list[_Row]:
    """``_year_months`` without its offsets, after checking them."""
    rows = []
    for row in compiled._year_months(year, _january_first(year)):
        if compiled.walks_by_month:
            assert compiled.laid_out(row)[0] == tuple(
                (day - 1) * 86400 + second for day in row.days
                for second in compiled.seconds_of_day)
        rows.append((row.month, row.offset, row.days))
    return rows


# -- properties -------------------------------------------------------------------------------

@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rules(), _year_runs())
def test_each_years_table_is_what_the_rule_compiled_for_that_year_alone_gives(
        rule: Rule, years: list[int]) -> None:
    warm = CompiledRule(rule)
    for year in years:
        assert _table(warm, year) == _table(CompiledRule(rule), year), year
    _describe(rule, _table(warm, years[-1]))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rules(), _year_runs())
@example(Rule(seconds=(0,), minutes=(0,), hours=(9,), week_numbers=(-53,)), [2019])
@example(Rule(seconds=(0,), minutes=(0,), hours=(9,), week_numbers=(53, -1), week_start=6),
         [9999])
@example(Rule(seconds=(0,), minutes=(0,), hours=(9,), week_numbers=(52, 1)), [1])
def test_a_fresh_years_table_lists_the_days_the_definitions_pick(rule: Rule,
                                                                 years: list[int]) -> None:
    # Fresh tables for a few years (the target last), each from a new compiled rule.
    for year in (*years[:3], years[-1]):
        assert _table(CompiledRule(rule), year) == _expected(rule, year), year


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rules(), _year_runs())
def test_a_warmed_years_table_lists_the_days_the_definitions_pick(rule: Rule,
                                                                  years: list[int]) -> None:
    warm = CompiledRule(rule)
    for year in years:
        _table(warm, year)
    assert _table(warm, years[-1]) == _expected(rule, years[-1])


_LIMIT = 1500
_BERLIN = ZoneInfo("Europe/Berlin")


def _both_ways(rule: Rule, first: int, last: int) -> tuple[list[datetime], list[datetime]]:
    """Instants from the start of year ``first`` to the end of year ``last`` in Berlin,
    walked forward and (by another schedule, so its caches fill the other way round)
    backward; at most ``_LIMIT`` forward, the backward walk from where that one ends."""
    low = datetime(first, 1, 1, tzinfo=timezone.utc)
    high = datetime(last + 1, 1, 1, tzinfo=timezone.utc)
    forward = list(islice(takewhile(lambda moment: moment < high, Schedule(
        rule, _BERLIN).iter_after(low - timedelta(seconds=1))), _LIMIT))
    if len(forward) == _LIMIT:
        high = forward[-1] + timedelta(seconds=1)
    backward = Schedule(rule, _BERLIN).iter_before(high)
    return forward, list(takewhile(lambda moment: moment >= low,
                                   islice(backward, _LIMIT + 1)))[::-1]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rules(), st.integers(1971, 9960) | st.sampled_from([2010, 9970]),
       st.integers(0, 30))
def test_walking_forward_and_backward_over_years_finds_the_same_instants_in_berlin(
        rule: Rule, first: int, span: int) -> None:
    forward, backward = _both_ways(rule, first, min(first + span, 9998))
    assert forward == backward


# -- the bug the properties found -------------------------------------------------------------

def _plain(week_numbers: Sequence[int]) -> Rule:
    return Rule(seconds=(0,), minutes=(0,), hours=(9,), week_numbers=tuple(week_numbers))


def test_the_definitions_put_late_december_in_week_minus_53_only_before_a_53_week_year(
) -> None:
    # 2019-12-30 starts week 1 of 2020, a 53-week year (a leap year from a Wednesday):
    # week -53. 2030-12-30 starts week 1 of 2031, a 52-week year: week -52. Both 2019
    # and 2030 start on a Tuesday, are common years, and follow common years.
    assert _expected(_plain([-53]), 2019) == [(12, 333, (30, 31))]
    assert _expected(_plain([-53]), 2030) == []
    # (2030's own week 1, January 1st to 6th, is its week -52 too.)
    assert _expected(_plain([-52]), 2030) == [(1, -1, (1, 2, 3, 4, 5, 6)),
                                              (12, 333, (30, 31))]


# Late December can lie in the next week-year's week -53: whether it does depends on
# whether the year after is a leap year, so that belongs to the kind of year a table is
# kept by (2019 and 2030 start on a Tuesday and are common years after common years;
# only 2020 is a leap year).
@pytest.mark.parametrize(("warmed", "asked"), [(2030, 2019), (2019, 2030)])
def test_a_late_december_week_of_a_53_week_year_is_not_taken_from_its_kind(
        warmed: int, asked: int) -> None:
    compiled = CompiledRule(_plain([-53]))
    _table(compiled, warmed)
    assert _table(compiled, asked) == _table(CompiledRule(_plain([-53])), asked)


def test_a_byweekno_minus_53_schedule_answers_alike_whatever_it_was_asked_before() -> None:
    # What users see: from 2019 to 2030 the rule fires in week 1 of 2020 and of 2026
    # (53-week years), never on 2030-12-30 (week 1 of 2031, a 52-week year: week -52).
    # A schedule walked from 2019 also fires on 2030-12-30 and -31; one asked about
    # December 2030 first loses 2019-12-30 and -31.
    text = "DTSTART:20190101T090000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=-53"
    recurrence = cadence.parse(text, "rrule").recurrence
    expected = ["2019-12-30", "2019-12-31", *(f"2020-01-0{day}" for day in range(1, 6)),
                "2025-12-29", "2025-12-30", "2025-12-31",
                *(f"2026-01-0{day}" for day in range(1, 5))]
    walked, asked = Schedule(recurrence), Schedule(recurrence)
    asked.next("2030-12-01T00:00Z")
    for schedule in (walked, asked):
        found = schedule.between("2019-01-01T00:00Z", "2031-01-01T00:00Z")
        assert [moment.date().isoformat() for moment in found] == expected
