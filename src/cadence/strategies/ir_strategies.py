"""Strategies for :class:`cadence.Schedule` objects built directly from the IR:
:func:`schedules`, with :data:`SCHEDULE_FEATURES`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Literal

from hypothesis import strategies as st

from .._zones import resolve_zone
from ..ir import MonthDays, Period, PeriodUnit, Rule, Weekdays
from ..schedule import Schedule
from ._drawing import LONGEST_MONTH, UNIVERSAL_DAY, distinct, maybe
from ._options import chosen_from, zone_names

__all__ = ["SCHEDULE_FEATURES", "schedules"]

#: IR features of :func:`schedules`: ``seconds``, ``L`` (last day, ``L-n``, last weekday
#: of the month), ``W`` (nearest weekday, last weekday), ``#`` (n-th weekday), ``or``
#: (day-of-month OR day-of-week), ``years``, ``windows`` (a duration), ``periods``
#: (every n-th year/month/week/day), ``excluded_dates``, ``bounds`` (start and end),
#: ``unions`` (several rules).
SCHEDULE_FEATURES = frozenset({"seconds", "L", "W", "#", "or", "years", "windows", "periods",
                               "excluded_dates", "bounds", "unions"})

def _month_days(draw: st.DrawFn, features: frozenset[str]) -> MonthDays:
    """Month days with one that every month has."""
    kinds = ["days"] + (["from_last"] if "L" in features else []) + (
        ["nearest", "last_weekday"] if "W" in features else [])
    first = draw(st.sampled_from(kinds))
    days = draw(st.lists(st.integers(1, LONGEST_MONTH), max_size=3))
    from_last: list[int] = draw(st.lists(st.integers(0, LONGEST_MONTH - 1), max_size=2)) if (
        "L" in features) else []
    nearest: list[int] = draw(st.lists(st.integers(1, LONGEST_MONTH), max_size=2)) if (
        "W" in features) else []
    last_weekday = maybe(draw, "W" in features)
    if first == "days":
        days.append(draw(st.integers(1, UNIVERSAL_DAY)))
    elif first == "from_last":
        from_last.append(draw(st.integers(0, UNIVERSAL_DAY - 1)))
    elif first == "nearest":
        nearest.append(draw(st.integers(1, UNIVERSAL_DAY)))
    else:
        last_weekday = True
    return MonthDays(days=tuple(days), from_last=tuple(from_last),
                     nearest_weekday=tuple(nearest), last_weekday=last_weekday)


def _weekdays(draw: st.DrawFn, features: frozenset[str], years: bool) -> Weekdays:
    kinds = ["days"] + (["nth"] if "#" in features else []) + (
        ["last"] if "L" in features else [])
    chosen = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=len(kinds),
                           unique=True))
    days = distinct(draw, 0, 6, 5) if "days" in chosen else []
    nth = draw(st.lists(st.tuples(st.integers(0, 6), st.integers(1, 4 if years else 5)),
                        min_size=1, max_size=2)) if "nth" in chosen else []
    last = distinct(draw, 0, 6, 2) if "last" in chosen else []
    return Weekdays(days=tuple(days), nth=tuple(nth), last=tuple(last))


#: Periods that never fold into value sets, so none can miss every listed value: every
#: 2-3 years, 5 or 7 months, 2-4 weeks, and days prime to 7.
_PERIODS: tuple[tuple[PeriodUnit, int], ...] = (
    ("year", 2), ("year", 3), ("month", 5), ("month", 7), ("week", 2), ("week", 3),
    ("week", 4), ("day", 2), ("day", 3), ("day", 5))


def _values(draw: st.DrawFn, high: int, most: int) -> tuple[int, ...]:
    if draw(st.integers(0, 4)) == 0:
        return tuple(range(high + 1))
    return tuple(distinct(draw, 0, high, most))


@st.composite
def _rule(draw: st.DrawFn, features: frozenset[str], dated: bool) -> Rule:
    """A rule that fires on some day; ``dated`` rules may list years."""
    years = tuple(distinct(draw, 1970, 2099, 4)) if maybe(
        draw, dated and "years" in features) else None
    months = tuple(range(1, 13)) if draw(st.booleans()) else tuple(
        distinct(draw, 1, 12, 6))
    shape = draw(st.sampled_from(("every day", "month days", "weekdays", "both")))
    month_days = weekdays = None
    day_match: Literal["and", "or"] = "and"
    if shape == "month days":
        month_days = _month_days(draw, features)
    elif shape == "weekdays":
        weekdays = _weekdays(draw, features, years is not None)
    elif shape == "both" and "or" in features:
        month_days = _month_days(draw, features)
        weekdays = _weekdays(draw, features, years is not None)
        day_match = "or"
    elif shape == "both":  # AND: a run of 7 days holds every weekday ("first Monday")
        first = draw(st.integers(1, 22))
        month_days = MonthDays(days=tuple(range(first, first + 7)))
        weekdays = Weekdays(days=tuple(distinct(draw, 0, 6, 3)))
    fixed_time = draw(st.booleans())
    duration = timedelta(minutes=draw(st.integers(1, 24 * 60))) if maybe(
        draw, "windows" in features) else None
    period = None
    if maybe(draw, years is None and "periods" in features):
        unit, every = draw(st.sampled_from(_PERIODS))
        anchor = draw(st.dates(date(1990, 1, 1), date(2040, 12, 31)))
        period = Period.anchored(unit, every, anchor)
    excluded = tuple(draw(st.lists(st.dates(date(2000, 1, 1), date(2040, 12, 31)),
                                   max_size=3))) if maybe(
        draw, "excluded_dates" in features) else ()
    # The three named DST policies (cadence.dst): cron's two kinds, RFC 5545's, Quartz's.
    skip_gaps = fixed_time and draw(st.booleans())
    return Rule(
        seconds=_values(draw, 59, 3) if maybe(draw, "seconds" in features) else (0,),
        minutes=_values(draw, 59, 4), hours=_values(draw, 23, 4), months=months,
        month_days=month_days, weekdays=weekdays, day_match=day_match, years=years,
        fixed_time=fixed_time, skip_gaps=skip_gaps,
        second_pass=skip_gaps and draw(st.booleans()),
        duration=duration, excluded_dates=excluded, period=period,
    )


@st.composite
def _schedule(draw: st.DrawFn, features: frozenset[str], zones: tuple[str, ...]
              ) -> Schedule:
    zone = resolve_zone(draw(st.sampled_from(zones)))
    bounded = maybe(draw, "bounds" in features)
    count = draw(st.integers(1, 3)) if maybe(draw, "unions" in features) else 1
    rules = [draw(_rule(features, not bounded)) for _ in range(count)]
    start = end = None
    if bounded:  # long enough for any rule to fire (a 5th Monday of February: 28 years)
        begin = draw(st.datetimes(datetime(1990, 1, 1), datetime(2040, 12, 31)))
        start = begin.replace(tzinfo=zone)
        end = begin.replace(year=begin.year + 60, day=min(begin.day, 28), tzinfo=zone)
    return Schedule(rules, zone, format="ir", source="", start=start, end=end)


def schedules(*, zones: Sequence[str] | None = None, features: Collection[str] | None = None
              ) -> st.SearchStrategy[Schedule]:
    """:class:`cadence.Schedule` objects built directly from the IR (``format="ir"``).

    ``zones`` are the zones to draw from (default UTC); ``features`` come from
    :data:`SCHEDULE_FEATURES`. Every schedule fires: day parts always hold a day every
    month has, ANDed day parts always meet, listed years leave the weekday ordinals at
    most 4, periods never fold away every listed value, bounds span 60 years. Times of
    day, months, the DST policy (``fixed_time``, ``skip_gaps``, ``second_pass``) are always drawn.

    >>> schedules(zones=["America/New_York"], features={"windows", "unions"}).validate()
    """
    chosen = chosen_from(features, SCHEDULE_FEATURES, "features")
    names = zone_names(zones) or ("UTC",)
    return _schedule(chosen, names)


#: Schedules are IR objects, the payload of no format that cadence reads: there is no
#: format name to draw them for.
STRATEGIES: Mapping[str, Callable[..., st.SearchStrategy[Any]]] = {}
