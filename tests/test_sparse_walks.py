"""Sparse rules (issue 12): a rule that fires in few years jumps through the 400-year
cycle to the next year with matching days, and once a walk has gone far enough to pay
for it the plan lays out a whole cycle's occurrences and the walk goes straight from one
to the next (``CompiledRule.lay_out_cycle``, ``Evaluator._forward_cycle``). A wrong jump
would skip occurrences or invent some, so every walk here is checked against a brute
force that knows nothing of the engine: each day, one after the other, filtered with
``Rule.fires_on`` and ``Rule.times_on``, its wall-clock times turned into instants with
``zoneinfo`` under the rule's DST policy.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from itertools import islice
from unittest.mock import patch
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cadence
from cadence import _compile
from cadence._compile import CompiledRule
from cadence._evaluate import Evaluator
from cadence.ir import Rule
from cadence.schedule import Schedule
from strategies_cron import ProbedZone, epoch, first_change, offset_at

_EPOCH = datetime(1970, 1, 1)
_ONE_SECOND = timedelta(seconds=1)

#: Rules that fire in few years or few times a year, on leap days, on the days New York,
#: Berlin, Havana and Lord Howe change their clocks, with several times a day, with
#: years lists (Quartz), with periods of years and with year parts (RFC 5545); and (see
#: _EXCLUDED) with excluded dates. 9999-12-31 is a Friday.
_SOURCES: dict[str, tuple[str, str | None]] = {
    "leap Mondays": ("0 0 29 2 1", None),
    "leap Mondays, four times": ("0,30 0,12 29 2 1", None),
    "leap Sundays at 02:30": ("30 2 29 2 0", None),
    "leap days": ("0 0 29 2 *", None),
    "December 31st a Friday": ("0 0 31 12 5", None),
    # Too many for a laid-out cycle: the walks jump through the cycle's fruitful years.
    "leap days, twelve times": ("0 0-11 29 2 *", None),
    "leap Mondays, every minute of two hours": ("* 0-1 29 2 1", None),
    "December 31st a Friday, hourly": ("0 * 31 12 5", None),
    "New York's spring change, twice": ("30 1,2 8-14 3 0", None),
    "New York's spring weekend": ("30 2 7-14 3 6,0", None),
    "Friday 13th": ("0 0 13 * 5", None),
    "31st a Friday": ("0 9 31 * 5", None),
    "January 1st a Monday": ("0 0 1 1 1", None),
    "New York's spring change": ("30 2 8-14 3 0", None),
    "New York's autumn change": ("30 1 1-7 11 0", None),
    "Berlin's spring change": ("30 2 25-31 3 0", None),
    "Berlin's autumn change": ("30 2 25-31 10 0", None),
    "Havana's midnight change, leap years": ("0 0 8-14 3 0", None),
    "Lord Howe's change": ("15 2 1-7 10 0", None),
    "Quartz years": ("0 0 0 29 2 ? 1972-2099", "quartz"),
    "Quartz years, a few": ("0 30 2 ? 3 1L 1980,2001,2026,2099", "quartz"),
    "every third year": ("DTSTART:20000101T000000\n"
                         "RRULE:FREQ=YEARLY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29", "rrule"),
    "day 60 a Monday": ("DTSTART:20000101T000000\nRRULE:FREQ=YEARLY;BYYEARDAY=60;BYDAY=MO",
                        "rrule"),
    "week 53 Sundays": ("DTSTART:20000101T000000\nRRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=SU",
                        "rrule"),
}
#: Rules of _SOURCES without some of their dates (their walks go a day at a time).
_EXCLUDED = {"leap Mondays but three": ("leap Mondays", (date(16, 2, 29), date(2044, 2, 29),
                                                          date(9988, 2, 29)))}
#: Zones cadence reads from their tz database files, and one it has to probe.
_ZONES: list[tzinfo] = [timezone.utc, timezone(timedelta(hours=5, minutes=30)),
                        *(ZoneInfo(name) for name in ("Europe/Berlin", "America/New_York",
                                                      "America/Havana", "Australia/Lord_Howe")),
                        ProbedZone("America/New_York")]


def _rule(name: str) -> Rule:
    if name in _EXCLUDED:
        source, dates = _EXCLUDED[name]
        return replace(_rule(source), excluded_dates=dates)
    text, fmt = _SOURCES[name]
    parsed = (cadence.parse(text, fmt) if fmt else cadence.parse(text, day_match="and"))
    rule = parsed.recurrence.rules[0]
    return replace(rule, start=None, end=None, count=None)  # the bare rule: no DTSTART


# -- the brute force ---------------------------------------------------------------------------

def _offset(zone: tzinfo, moment: datetime) -> int:
    found = zone.utcoffset(moment)
    return int(found.total_seconds()) if found is not None else 0


def _wall_instants(wall: datetime, zone: tzinfo, fixed_time: bool, skip_gaps: bool
                   ) -> list[int]:
    """The instants a rule fires at for naive wall-clock time ``wall``: each real instant
    showing it (fixed-time rules: the first), and for a time the clocks jump over the end
    of the jump (fixed-time rules that do not skip gaps) or none."""
    local = (wall - _EPOCH) // _ONE_SECOND
    candidates = sorted({local - _offset(zone, wall.replace(tzinfo=zone, fold=fold))
                         for fold in (0, 1)})
    real = []
    for instant in candidates:
        try:
            shown = offset_at(instant, zone)
        except (OverflowError, ValueError):  # next to year 1 or 9999: no change there
            shown = local - instant
        if instant + shown == local:
            real.append(instant)
    if real:
        return real[:1] if fixed_time else real
    if not fixed_time or skip_gaps:
        return []
    low, high = candidates  # before the jump, and at or after its end
    return [first_change(low, high, zone)]


def _day_instants(rule: Rule, zone: tzinfo, day: date) -> list[int]:
    if not rule.fires_on(day) or day in rule.excluded_dates:
        return []
    found: set[int] = set()
    for second in rule.times_on(day):
        wall = datetime(day.year, day.month, day.day) + timedelta(seconds=second)
        found.update(_wall_instants(wall, zone, rule.fixed_time, rule.skip_gaps))
    return sorted(found)


def _days(start: date, step: int, rule: Rule) -> Iterator[date]:
    """Every day of the rule's months from ``start`` on (``step`` 1) or back (-1), to the
    calendar's end or past the rule's listed years."""
    year, month = start.year, start.month
    years = rule.years
    while 1 <= year <= 9999 and (years is None or (
            min(years) <= year if step < 0 else year <= max(years))):
        if month in rule.months:
            length = calendar.monthrange(year, month)[1]
            days = range(1, length + 1) if step > 0 else range(length, 0, -1)
            for number in days:
                day = date(year, month, number)
                if (day >= start) if step > 0 else (day <= start):
                    yield day
        month += step
        if not 1 <= month <= 12:
            year, month = year + step, 1 if step > 0 else 12


def _brute_after(rule: Rule, zone: tzinfo, after: int, count: int) -> list[int]:
    start = date.fromordinal(max(1, _local_ordinal(after) - 2))
    found: list[int] = []
    for day in _days(start, 1, rule):
        found.extend(instant for instant in _day_instants(rule, zone, day) if instant > after)
        if len(found) >= count:
            break
    return sorted(found)[:count]


def _brute_before(rule: Rule, zone: tzinfo, before: int, count: int) -> list[int]:
    start = date.fromordinal(min(date.max.toordinal(), _local_ordinal(before) + 2))
    found: list[int] = []
    for day in _days(start, -1, rule):
        found.extend(instant for instant in _day_instants(rule, zone, day) if instant < before)
        if len(found) >= count:
            break
    return sorted(found, reverse=True)[:count]


def _local_ordinal(instant: int) -> int:
    """The UTC date of ``instant`` (offsets are under a day: the brute force starts two
    days to the safe side of it)."""
    return max(1, min(date.max.toordinal(), instant // 86400 + _EPOCH.toordinal()))


def _instants(moments: Iterator[datetime], count: int) -> list[int]:
    return [epoch(moment) for moment in islice(moments, count)]


def _utc(year: int, day_of_year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=timezone.utc) + timedelta(days=day_of_year)


# -- the walks against it ----------------------------------------------------------------------

@contextmanager
def _eager_cycles() -> Iterator[None]:
    """Plans lay out their cycles at the first chance: the first run of barren years, or
    the second year with matching days (else a cycle of a few hundred occurrences waits
    for a long walk)."""
    with patch.object(_compile, "_CYCLE_AT_ONCE", _compile._CYCLE_SIZE), \
            patch.object(_compile, "_YEARS_BETWEEN_LAY_OUTS", 2):
        yield


#: Years anywhere, and next to where cycles meet (a cycle starts with year 2001 and
#: its fruitful years with 2004 for leap days, 2016 for leap Mondays) and to both ends.
_YEARS = st.integers(2, 9999) | st.sampled_from([
    2, 4, 5, 17, 399, 400, 401, 405, 417, 2000, 2001, 2004, 2005, 2017, 2026, 2388, 2389,
    2399, 2400, 9600, 9601, 9932, 9960, 9988, 9989, 9999])


@settings(max_examples=250, deadline=None)
@given(st.sampled_from(sorted([*_SOURCES, *_EXCLUDED])), st.sampled_from(_ZONES), _YEARS,
       st.integers(0, 364), st.booleans(), st.booleans(), st.integers(1, 12))
@example("leap Mondays", timezone.utc, 2026, 0, True, False, 8)
@example("leap days, twelve times", timezone.utc, 2005, 0, True, False, 14)
@example("leap Mondays but three", timezone.utc, 417, 0, True, False, 3)
@example("leap Mondays but three", timezone.utc, 2389, 0, True, False, 3)
@example("December 31st a Friday", timezone.utc, 9999, 100, True, False, 3)
@example("December 31st a Friday, hourly", timezone.utc, 9990, 0, True, False, 30)
@example("New York's spring weekend", ZoneInfo("America/New_York"), 2026, 0, True, False,
         12)
@example("leap Mondays", timezone.utc, 9900, 0, True, False, 8)
@example("New York's spring change", ZoneInfo("America/New_York"), 2026, 0, True, False, 12)
@example("New York's autumn change", ZoneInfo("America/New_York"), 2026, 0, False, False,
         12)
@example("Havana's midnight change, leap years", ZoneInfo("America/Havana"), 2026, 0,
         True, True, 12)
def test_walks_give_what_the_day_by_day_brute_force_gives(
        name: str, zone: tzinfo, year: int, day: int, fixed_time: bool, skip_gaps: bool,
        count: int) -> None:
    """Forward and backward from the same moment: on a fresh plan; on a fresh plan that
    lays out its cycle at the first chance (the walk, forward or backward, hands over to
    it as it goes); and again on that plan (the walks start in the cycle)."""
    rule = replace(_rule(name), fixed_time=fixed_time, skip_gaps=skip_gaps)
    moment = _utc(year, day)
    instant = epoch(moment)
    expected = (_brute_after(rule, zone, instant, count),
                _brute_before(rule, zone, instant, count))

    def walks(schedule: Schedule, backward_first: bool = False) -> tuple[list[int], list[int]]:
        if backward_first:
            backward = _instants(schedule.iter_before(moment), count)
            return _instants(schedule.iter_after(moment), count), backward
        forward = _instants(schedule.iter_after(moment), count)
        return forward, _instants(schedule.iter_before(moment), count)

    assert walks(Schedule(rule, zone)) == expected
    with _eager_cycles():
        eager = [Schedule(rule, zone), Schedule(rule, zone)]
        assert walks(eager[0]) == expected
        assert walks(eager[1], backward_first=True) == expected
    assert walks(eager[0]) == expected


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["leap Mondays", "Friday 13th", "New York's spring change",
                        "Berlin's autumn change", "leap Mondays, four times"]),
       st.sampled_from(_ZONES), _YEARS, st.integers(0, 364))
def test_a_long_walk_through_the_cycle_misses_nothing(name: str, zone: tzinfo, year: int,
                                                      day: int) -> None:
    """Many occurrences in one walk, across cycles and to the end of year 9999."""
    rule = _rule(name)
    moment = _utc(year, day)
    instant = epoch(moment)
    schedule = Schedule(rule, zone)
    assert _instants(schedule.iter_after(moment), 60) == _brute_after(rule, zone, instant, 60)
    assert _instants(schedule.iter_before(moment), 60) == _brute_before(rule, zone, instant,
                                                                         60)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(_SOURCES)), st.sampled_from(_ZONES), _YEARS,
       st.integers(0, 364), st.integers(0, 19), st.sampled_from([0, 1, -1]))
def test_between_stops_at_its_end_in_the_cycle(name: str, zone: tzinfo, year: int, day: int,
                                               last: int, past: int) -> None:
    """An end on an occurrence leaves it out; a second later takes it in."""
    rule = _rule(name)
    start = _utc(year, day)
    found = _brute_after(rule, zone, epoch(start) - 1, 20)
    if not found:
        return
    end = found[min(last, len(found) - 1)] + past
    with _eager_cycles():
        schedule = Schedule(rule, zone)
        for _ in islice(schedule.iter_after(start), 20):  # lays out the cycle if it can
            pass
    end_moment = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=end)
    expected = [instant for instant in found if instant < end]
    assert [epoch(moment) for moment in schedule.between(start, end_moment)] == expected
    bounded = schedule.bounded(end=end_moment)
    assert _instants(bounded.iter_after(start - _ONE_SECOND), 30) == expected


# -- tables ------------------------------------------------------------------------------------

def test_the_next_monday_leap_days() -> None:
    schedule = cadence.parse("0 0 29 2 1", day_match="and")
    assert [moment.isoformat() for moment in islice(schedule.iter_after("2026-01-01T00:00Z"),
                                                    5)] == [
        "2044-02-29T00:00:00+00:00", "2072-02-29T00:00:00+00:00", "2112-02-29T00:00:00+00:00",
        "2140-02-29T00:00:00+00:00", "2168-02-29T00:00:00+00:00"]


def test_monday_leap_days_at_both_ends_of_the_calendar() -> None:
    schedule = cadence.parse("0 0 29 2 1", day_match="and", tz="Europe/Berlin")
    assert [moment.date().isoformat() for moment in schedule.iter_after("9900-01-01T00:00Z")
            ] == ["9904-02-29", "9932-02-29", "9960-02-29", "9988-02-29"]
    assert [moment.date().isoformat() for moment in schedule.iter_before(
        "9999-12-31T00:00Z")][:3] == ["9988-02-29", "9960-02-29", "9932-02-29"]
    assert [moment.date().isoformat() for moment in schedule.iter_before(
        "0100-01-01T00:00Z")] == ["0072-02-29", "0044-02-29", "0016-02-29"]
    assert schedule.next("9988-03-01T00:00Z") is None


def test_the_last_day_of_year_9999_from_the_laid_out_cycle() -> None:
    schedule = cadence.parse("0 0 31 12 5", day_match="and")
    assert len(list(islice(schedule.iter_before("9999-06-01T00:00Z"), 10))) == 10
    plan = schedule._compile().evaluators[0].plan  # type: ignore[attr-defined]
    assert plan.cycle is not None  # the walk back laid it out
    assert [moment.date().isoformat() for moment in schedule.iter_after("9990-01-01T00:00Z")
            ] == ["9993-12-31", "9999-12-31"]


def test_friday_13ths_to_the_end_of_year_9999() -> None:
    schedule = cadence.parse("0 0 13 * 5", day_match="and")
    assert [moment.date().isoformat() for moment in schedule.iter_after("9998-01-01T00:00Z")
            ] == ["9998-02-13", "9998-03-13", "9998-11-13", "9999-08-13"]


# -- the plan ----------------------------------------------------------------------------------

def _walked_plan(source: str, years: int) -> CompiledRule:
    schedule = cadence.parse(source, day_match="and", tz="Europe/Berlin")
    evaluator = Evaluator(CompiledRule(schedule.recurrence.rules[0]), schedule.tz)
    end = epoch(datetime(2026 + years, 1, 1, tzinfo=timezone.utc))
    for _ in evaluator.forward(1767225600, end):  # 2026-01-01T00:00Z
        pass
    return evaluator.plan


@pytest.mark.parametrize("source", ["0 0 29 2 1", "0 0 1 1 *", "0 0 29 2 *", "0 0 13 * 5",
                                    "0 0,12 1 7 *"])
def test_a_sparse_rule_walked_for_years_lays_out_its_cycle(source: str) -> None:
    plan = _walked_plan(source, 200)
    assert plan.cycle is not None
    seconds, deltas = plan.cycle
    assert list(seconds) == sorted(set(seconds))
    assert [delta // _ONE_SECOND for delta in deltas] == list(seconds)


@pytest.mark.parametrize("source", ["0 0 * * *", "0 0 1 * *", "*/5 * * * *", "0 9 * * 1-5"])
def test_a_dense_rule_never_does(source: str) -> None:
    plan = CompiledRule(cadence.parse(source).recurrence.rules[0])
    assert not plan.lay_out_cycle(2026, 10**6)
    assert plan._fruitful_residues is None  # told by one year, without counting the cycle


def test_a_short_walk_of_a_yearly_rule_lays_out_nothing() -> None:
    """Nor counts the cycle: a single ``next`` (or a few) should not pay for it."""
    assert _walked_plan("0 0 1 1 *", 15)._fruitful_residues is None
    assert _walked_plan("0 0 1 1 *", 40).cycle is None


@pytest.mark.parametrize("name", ["Quartz years", "every third year"])
def test_rules_tied_to_years_walk_by_months(name: str) -> None:
    """Years lists and periods of years are not the same in every cycle."""
    plan = CompiledRule(_rule(name))
    assert not plan.lay_out_cycle(2044, 10**6)
    assert plan.cycle is None


def test_nor_do_rules_with_excluded_dates() -> None:
    plan = CompiledRule(replace(_rule("leap Mondays"), excluded_dates=(date(2044, 2, 29),)))
    assert not plan.lay_out_cycle(2044, 10**6)
