"""The normalized recurrence IR that every format reads into and writes from.

- :class:`Rule` says which seconds of which days fire: times of day, months, years,
  day-of-month parts (:class:`MonthDays`) and day-of-week parts (:class:`Weekdays`)
  combined by AND or OR, the DST policy, a window length, excluded dates and an anchored
  :class:`Period` (RRULE's INTERVAL).
- :class:`Recurrence` is a whole schedule: a union of rules in a zone between bounds,
  with the source's spelling and metadata, which never take part in equality.

The IR is frozen and canonical: value sets are sorted tuples without duplicates, an
unrestricted day field is ``None``, and two rules that mean the same compare equal where
that is cheap to decide. Range checks live here so that no format can build a rule the
evaluator cannot run. Weekdays are numbered as Python numbers them: 0 = Monday ...
6 = Sunday.

RFC 5545's recurrence sets fit without another reshuffle: year days (BYYEARDAY) and
week numbers (BYWEEKNO) are further day filters of a :class:`Rule`, decided per year;
set positions (BYSETPOS) are a rule's choice among its occurrences in each period of
``position_unit``; a rule may carry its own bounds and a ``count`` (an RRULE line with
its own UNTIL or COUNT, an iCalendar event with its own DTSTART). What is true of the
whole union belongs to the :class:`Recurrence`: the zone, the bounds, explicit
:class:`Instance` values (RDATE, a moved event), excluded instants (EXDATE, a cancelled
event) and exclusion rules (EXRULE).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from itertools import chain
from types import MappingProxyType
from typing import Literal, NamedTuple, Protocol, TypeVar

from . import _calendar
from ._calendar import MAX_YEAR, MIN_YEAR, UNIT_SECONDS, WEEKDAY_NAMES, period_index
from ._moments import Moment, as_datetime, unplaceable
from ._zones import bound_seconds, is_fixed_offset, resolve_zone, zone_key, zone_name
from .errors import NeverFiresError, ScheduleError, described, duration_words

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "PERIOD_UNITS",
    "SET_FEATURES",
    "WEEKDAY_NAMES",
    "CronRule",
    "DayMatch",
    "DstFlags",
    "HasRecurrence",
    "Instance",
    "MonthDays",
    "Occurrences",
    "Period",
    "PeriodUnit",
    "Recurrence",
    "Rule",
    "Search",
    "SetFeature",
    "Weekdays",
    "at_or_after",
    "frozen",
    "interned",
    "occurrences",
    "period_index",
    "policy_free",
    "register_engine",
    "thawed",
]

DayMatch = Literal["and", "or"]
#: What a recurrence may use beyond plain rules (see :meth:`Recurrence.set_features`).
SetFeature = Literal["positions", "count", "rule_bounds", "dates", "excluded", "exclusions"]
SET_FEATURES: tuple[SetFeature, ...] = ("positions", "count", "rule_bounds", "dates",
                                        "excluded", "exclusions")
PeriodUnit = Literal["year", "month", "week", "day", "hour", "minute", "second"]
PERIOD_UNITS: tuple[PeriodUnit, ...] = (
    "year", "month", "week", "day", "hour", "minute", "second")


#: Value tuples already made canonical, by (values, low, high): rules share a few
#: value sets ((0,), every hour, every month...), and rules are built on every parse.
_CANONICAL: dict[tuple[tuple[int, ...], int, int], tuple[int, ...]] = {}
_CANONICAL_SIZE = 4096
#: The ids of the canonical tuples kept in :data:`_CANONICAL` (which keeps them alive,
#: so an id is never reused), by range: a rule checks its time parts by identity, without
#: hashing a 60-value tuple.
_KNOWN_IDS: dict[tuple[int, int], set[int]] = {(0, 59): set(), (0, 23): set(), (1, 12): set()}
_SIXTY, _TWENTY_FOUR, _TWELVE = _KNOWN_IDS[0, 59], _KNOWN_IDS[0, 23], _KNOWN_IDS[1, 12]


def _canonical(values: Iterable[int], low: int, high: int, what: str) -> tuple[int, ...]:
    key = (values, low, high) if type(values) is tuple else None
    if key is not None:
        found = _CANONICAL.get(key)
        if found is not None:
            return found
    result = tuple(sorted(set(values)))
    if result and not (low <= result[0] and result[-1] <= high):  # sorted: ends suffice
        value = next(value for value in result if not low <= value <= high)
        raise ScheduleError(f"{what} {value} is out of range {low}-{high}")
    if result == values:
        result = values  # already canonical: keep it
    if (key is not None and len(_CANONICAL) < _CANONICAL_SIZE
            and all(type(value) is int for value in result)):  # not bools, which equal ints
        _CANONICAL[key] = result
        known = _KNOWN_IDS.get((low, high))
        if known is not None:
            known.add(id(result))
    return result


#: object.__setattr__, looked up once: a frozen value sets its fields through it.
_put = object.__setattr__
_EVERY_MONTH = tuple(range(1, 13))
_Value = TypeVar("_Value")
#: Shared value objects by (kind, arguments): see :func:`interned`.
_INTERNED: dict[tuple[object, ...], object] = {}
_INTERNED_SIZE = 4096


def interned(kind: Callable[..., _Value], *args: object) -> _Value:
    """``kind(*args)``, shared: readers build the same few day and period values over
    and over (every Monday-to-Friday rule has the same :class:`Weekdays`), and these
    frozen values cost more to build than to look up.

    >>> interned(Weekdays, (0, 4)) is interned(Weekdays, (0, 4))
    True
    """
    key = (kind, *args)
    found = _INTERNED.get(key)
    if found is None:
        found = kind(*args)
        if len(_INTERNED) < _INTERNED_SIZE:
            _INTERNED[key] = found
    return found  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class MonthDays:
    """Days of the month a rule may fire on (the union of all parts).

    ``days``: plain day numbers 1-31; ``from_last``: ``n`` for ``L-n`` (``L`` is 0);
    ``nearest_weekday``: ``n`` for ``nW`` (the Monday-Friday day nearest day ``n``, within
    the month); ``last_weekday``: ``LW`` (the last Monday-Friday day of the month);
    ``nearest_weekday_from_last``: ``n`` (1-30) for Quartz's ``L-nW``, the Monday-Friday
    day nearest the n-th day before the last, within the month (``L-0W`` is ``LW``).
    """

    days: tuple[int, ...] = ()
    from_last: tuple[int, ...] = ()
    nearest_weekday: tuple[int, ...] = ()
    last_weekday: bool = False
    nearest_weekday_from_last: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "days", _canonical(self.days, 1, 31, "day-of-month"))
        object.__setattr__(
            self, "from_last", _canonical(self.from_last, 0, 30, "offset from the last day")
        )
        object.__setattr__(
            self,
            "nearest_weekday",
            _canonical(self.nearest_weekday, 1, 31, "nearest-weekday day"),
        )
        if self.nearest_weekday_from_last:
            offsets = set(self.nearest_weekday_from_last)
            if 0 in offsets:  # L-0W is LW, said one way only
                object.__setattr__(self, "last_weekday", True)
                offsets.discard(0)
            object.__setattr__(self, "nearest_weekday_from_last", _canonical(
                tuple(offsets), 1, 30, "offset of a nearest weekday from the last day"))

    @property
    def is_every_day(self) -> bool:
        return len(self.days) == 31

    def in_shape(self, length: int, first_weekday: int) -> set[int]:
        """The days these parts pick in a month of ``length`` days starting on
        ``first_weekday``."""
        return _calendar.shape_month_days(self.days, self.from_last, self.nearest_weekday,
                                          self.last_weekday, length, first_weekday,
                                          self.nearest_weekday_from_last)


@dataclass(frozen=True, slots=True)
class Weekdays:
    """Days of the week a rule may fire on (the union of all parts).

    ``days``: weekdays 0-6 (0 = Monday); ``nth``: ``(weekday, k)`` for the k-th such
    weekday of the month, k in 1-5, or counted from the end, -5 to -2 (RFC 5545's
    ``-3TH``); ``last``: weekdays that fire on their last occurrence in the month (an
    ``nth`` of -1 moves there, so the last weekday is said one way).
    """

    days: tuple[int, ...] = ()
    nth: tuple[tuple[int, int], ...] = ()
    last: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "days", _canonical(self.days, 0, 6, "weekday"))
        if not self.nth:
            object.__setattr__(self, "last", _canonical(self.last, 0, 6, "weekday"))
            return
        for weekday, k in self.nth:
            _canonical((weekday,), 0, 6, "weekday")
            _signed((k,), 5, "weekday ordinal")
        # The last of a weekday is said one way only: in ``last``, not as (weekday, -1).
        last = (*self.last, *(weekday for weekday, k in self.nth if k == -1))
        object.__setattr__(self, "last", _canonical(last, 0, 6, "weekday"))
        object.__setattr__(self, "nth", tuple(sorted({item for item in self.nth
                                                      if item[1] != -1})))

    @property
    def is_every_day(self) -> bool:
        return len(self.days) == 7

    def in_shape(self, length: int, first_weekday: int) -> set[int]:
        """The days these parts pick in a month of ``length`` days starting on
        ``first_weekday``."""
        return _calendar.shape_weekdays(self.days, self.nth, self.last, length, first_weekday)


@dataclass(frozen=True, slots=True)
class Period:
    """An anchored period: only every ``every``-th ``unit`` may fire (RRULE's INTERVAL).

    Periods are numbered from the start of the calendar (year 1 for years and months,
    0001-01-01 for days, weeks and shorter units, weeks starting on ``week_start``,
    0 = Monday), on the wall clock; a period fires when its number modulo ``every`` is
    ``phase``. Keeping the phase rather than the anchor date makes two rules that
    select the same periods compare equal.

    >>> fortnight = Period.anchored("week", 2, date(2026, 11, 23))
    >>> [fortnight.selects_week(date(2026, 11, day).toordinal()) for day in (23, 29, 30)]
    [True, True, False]
    """

    unit: PeriodUnit
    every: int
    phase: int
    week_start: int = 0

    def __post_init__(self) -> None:
        if self.unit not in PERIOD_UNITS:
            raise ScheduleError(f"unknown period unit {described(self.unit)}; use one of "
                                f"{', '.join(PERIOD_UNITS)}")
        if isinstance(self.every, bool) or not isinstance(self.every, int) or self.every < 1:
            raise ScheduleError(f"a period repeats every 1 or more {self.unit}s, "
                                f"not {described(self.every)}")
        _canonical((self.week_start,), 0, 6, "week start")
        object.__setattr__(self, "phase", self.phase % self.every)
        if self.unit != "week":
            object.__setattr__(self, "week_start", 0)

    @classmethod
    def anchored(cls, unit: PeriodUnit, every: int, anchor: date, second_of_day: int = 0,
                 week_start: int = 0) -> Period:
        """The period of ``unit`` repeating every ``every`` from the one holding ``anchor``
        (at ``second_of_day`` for sub-day units).

        >>> Period.anchored("month", 5, date(2026, 3, 15))
        Period(unit='month', every=5, phase=4, week_start=0)
        """
        return cls(unit, every, period_index(unit, anchor, second_of_day, week_start) % every,
                   week_start)

    def selects_week(self, ordinal: int) -> bool:
        """Whether the week holding day ``ordinal`` is one of the selected weeks."""
        return (ordinal - 1 - self.week_start) // 7 % self.every == self.phase

    def selects(self, day: date, second_of_day: int = 0) -> bool:
        """Whether the period holding ``day`` at ``second_of_day`` is selected."""
        return (period_index(self.unit, day, second_of_day, self.week_start) % self.every
                == self.phase)


class DstFlags(NamedTuple):
    """The three fields of :class:`Rule` that make its DST policy, in canonical form (a
    rule that is not fixed-time skips gaps and fires in both passes)."""

    fixed_time: bool
    skip_gaps: bool = False
    second_pass: bool = False

    @classmethod
    def of(cls, fixed_time: bool, skip_gaps: bool = False,
           second_pass: bool = False) -> DstFlags:
        """The flags as a rule built with them keeps them."""
        return cls(fixed_time, skip_gaps or not fixed_time, second_pass and fixed_time)


@dataclass(frozen=True, slots=True, init=False)
class Rule:
    """A calendar rule: which seconds of which days fire. Every format reads into rules
    (a cron string is one, a working calendar several).

    A day fires when its month (and year, if ``years`` is set) is listed and its
    day-of-month and day-of-week parts match, combined by ``day_match``
    (``None`` for a part means "every day"). ``fixed_time``, ``skip_gaps`` and
    ``second_pass`` spell the DST policy (:mod:`cadence.dst` names the usual ones):
    a fixed-time rule fires once in a repeated hour and, for a wall-clock time that a
    DST jump skips, at the first moment after the jump; other rules fire at every
    instant whose wall-clock time matches (both passes of a repeated hour, never in
    a skipped one).
    """

    seconds: tuple[int, ...]
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    months: tuple[int, ...] = _EVERY_MONTH
    month_days: MonthDays | None = None
    weekdays: Weekdays | None = None
    day_match: DayMatch = "and"
    years: tuple[int, ...] | None = None
    fixed_time: bool = True
    #: RFC 5545's policy for a fixed-time rule: a wall-clock time the clocks jump over
    #: does not fire at all (instead of firing right after the jump). Rules that are not
    #: fixed-time always skip such times.
    skip_gaps: bool = False
    #: Quartz's policy for a fixed-time rule: a repeated wall-clock time fires on its
    #: second pass (after the clocks go back) instead of its first.
    second_pass: bool = False
    #: Each occurrence opens a window this long, measured on the wall clock (``None``:
    #: occurrences are instants).
    duration: timedelta | None = None
    #: Local dates on which the rule does not fire (a calendar's exception days).
    excluded_dates: tuple[date, ...] = ()
    #: Only every n-th year/month/week/day/hour/minute/second fires (``None``: all).
    period: Period | None = None
    #: Days of the year (1 to 366, or -1 for the last) the rule is limited to (RFC 5545's
    #: BYYEARDAY; empty: any day).
    year_days: tuple[int, ...] = ()
    #: Weeks of the year (1 to 53, or -1 for the last) the rule is limited to: weeks start
    #: on ``week_start`` (0 = Monday) and week 1 holds at least four days of its year, as
    #: in ISO 8601 (RFC 5545's BYWEEKNO and WKST; empty: any week).
    week_numbers: tuple[int, ...] = ()
    week_start: int = 0
    #: ``(weekday, k)``: the k-th such weekday of the year (1 to 53, or -1 for the last),
    #: which a YEARLY RRULE without BYMONTH means by ``BYDAY=20MO`` (empty: any day).
    year_weekdays: tuple[tuple[int, int], ...] = ()
    #: RFC 5545's BYSETPOS: of the occurrences in each ``position_unit`` period (the
    #: RRULE's FREQ; weeks start on ``week_start``), only the n-th (1 to 366) and the
    #: n-th from the end (-366 to -1) fire. Counted on the wall clock, before the DST
    #: policy and excluded dates apply (empty: every occurrence fires).
    positions: tuple[int, ...] = ()
    position_unit: PeriodUnit | None = None
    #: This rule's own bounds as instants (UTC), besides the recurrence's: ``start``
    #: inclusive, ``end`` exclusive (an RRULE line with its own UNTIL, an iCalendar event
    #: with its own DTSTART; ``None``: unbounded).
    start: datetime | None = None
    end: datetime | None = None
    #: Only the first ``count`` occurrences at or after ``start`` fire (RFC 5545's COUNT;
    #: counted before excluded dates and instants remove any). Needs ``start``.
    count: int | None = None
    # Metadata only: never part of equality.
    notes: tuple[str, ...] = field(default=(), compare=False)

    def __init__(  # written out: rules are built on every parse, see _put
        self,
        seconds: tuple[int, ...],
        minutes: tuple[int, ...],
        hours: tuple[int, ...],
        months: tuple[int, ...] = _EVERY_MONTH,
        month_days: MonthDays | None = None,
        weekdays: Weekdays | None = None,
        day_match: DayMatch = "and",
        years: tuple[int, ...] | None = None,
        fixed_time: bool = True,
        skip_gaps: bool = False,
        second_pass: bool = False,
        duration: timedelta | None = None,
        excluded_dates: tuple[date, ...] = (),
        period: Period | None = None,
        year_days: tuple[int, ...] = (),
        week_numbers: tuple[int, ...] = (),
        week_start: int = 0,
        year_weekdays: tuple[tuple[int, int], ...] = (),
        positions: tuple[int, ...] = (),
        position_unit: PeriodUnit | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        count: int | None = None,
        notes: tuple[str, ...] = (),
    ) -> None:
        # Values already canonical are kept as they are, and those known to be (by
        # identity) are not even looked up.
        if not (id(seconds) in _SIXTY and id(minutes) in _SIXTY
                and id(hours) in _TWENTY_FOUR and id(months) in _TWELVE):
            seconds = _canonical(seconds, 0, 59, "second")
            minutes = _canonical(minutes, 0, 59, "minute")
            hours = _canonical(hours, 0, 23, "hour")
            months = _canonical(months, 1, 12, "month")
        if years is not None:
            years = _canonical(years, MIN_YEAR, MAX_YEAR, "year")
        if not (seconds and minutes and hours and months):
            name = next(name for name, values in (("seconds", seconds), ("minutes", minutes),
                                                  ("hours", hours), ("months", months))
                        if not values)
            raise ScheduleError(f"a rule needs at least one value in {name}")
        if years == ():
            raise ScheduleError("a rule needs at least one year when years are listed")
        if duration is not None:
            if duration < timedelta(0):
                raise ScheduleError(f"a window cannot last a negative time "
                                  f"({duration_words(duration)})")
            if not duration:
                duration = None
        if excluded_dates or type(excluded_dates) is not tuple:
            excluded_dates = tuple(sorted(set(excluded_dates)))
        if day_match not in ("and", "or"):
            raise ScheduleError(f"day_match must be 'and' or 'or', not {described(day_match)}")
        if month_days is not None and month_days.is_every_day:
            month_days = None
        if weekdays is not None and weekdays.is_every_day:
            weekdays = None
        # Every day OR anything is every day; AND with "every day" leaves the other part.
        if month_days is None or weekdays is None:
            if day_match == "or":
                month_days = weekdays = None
            day_match = "and"
        # Each field through its slot's own setter, bound once (see _RULE_SETTERS).
        (set_seconds, set_minutes, set_hours, set_months, set_month_days, set_weekdays,
         set_day_match, set_years, set_fixed_time, set_skip_gaps, set_second_pass,
         set_duration,
         set_excluded_dates, set_period, set_year_days, set_week_numbers, set_week_start,
         set_year_weekdays, set_positions, set_position_unit, set_start, set_end, set_count,
         set_notes) = _RULE_SETTERS
        set_seconds(self, seconds)
        set_minutes(self, minutes)
        set_hours(self, hours)
        set_months(self, months)
        set_month_days(self, month_days)
        set_weekdays(self, weekdays)
        set_day_match(self, day_match)
        set_years(self, years)
        set_fixed_time(self, fixed_time)
        set_skip_gaps(self, skip_gaps or not fixed_time)
        set_second_pass(self, second_pass and fixed_time)  # both passes fire otherwise
        set_duration(self, duration)
        set_excluded_dates(self, excluded_dates)
        set_period(self, period)
        set_year_days(self, year_days)
        set_week_numbers(self, week_numbers)
        set_week_start(self, week_start)
        set_year_weekdays(self, year_weekdays)
        set_positions(self, positions)
        set_position_unit(self, position_unit)
        set_start(self, start)
        set_end(self, end)
        set_count(self, count)
        set_notes(self, notes)
        if period is not None:
            _fold_period(self, period)
        if (year_days or week_numbers or year_weekdays or week_start or positions
                or position_unit):
            _canonical_year_parts(self)  # rare: cron and most formats have none
        if start is not None or end is not None or count is not None:
            _canonical_limits(self)
        if excluded_dates:
            set_excluded_dates(self, tuple(day for day in excluded_dates
                                           if self.fires_on(day)))

    @property
    def seconds_of_day(self) -> tuple[int, ...]:
        """Every time of day (seconds since midnight) the rule lists, ascending."""
        return tuple(hour * 3600 + minute * 60 + second for hour in self.hours
                     for minute in self.minutes for second in self.seconds)

    def days_of_shape(self, length: int, first_weekday: int) -> tuple[int, ...]:
        """The days the day parts pick in a month of ``length`` days whose day 1 is
        ``first_weekday`` (periods aside)."""
        every = set(range(1, length + 1))
        by_month_day = every if self.month_days is None else self.month_days.in_shape(
            length, first_weekday)
        by_weekday = every if self.weekdays is None else self.weekdays.in_shape(
            length, first_weekday)
        if self.day_match == "or":
            return tuple(sorted(by_month_day | by_weekday))
        return tuple(sorted(by_month_day & by_weekday))

    @property
    def dst_flags(self) -> DstFlags:
        """The fields that make the rule's DST policy."""
        return DstFlags(self.fixed_time, self.skip_gaps, self.second_pass)

    @property
    def is_limited(self) -> bool:
        """Whether the rule has its own bounds or a count."""
        return self.start is not None or self.end is not None or self.count is not None

    @property
    def has_year_parts(self) -> bool:
        """Whether days of the year or week numbers limit the rule: its days then depend
        on the year, not only on the month's shape."""
        return bool(self.year_days or self.week_numbers or self.year_weekdays)

    def days_in(self, year: int, month: int) -> tuple[int, ...]:
        """The days of ``year``-``month`` the day parts pick (periods aside)."""
        days = self.days_of_shape(*_calendar.month_shape(year, month))
        if not self.has_year_parts:
            return days
        return _calendar.in_year_parts(days, year, month, self.year_days, self.week_numbers,
                                       self.week_start, self.year_weekdays)

    def fires_on_some_day(self) -> bool:
        """Whether any day at all matches the months, years and day parts: decided on
        month shapes (or, with days of the year or week numbers, on the 14 kinds of year
        a 28-year run holds), never by searching."""
        if self.years is None and self._fires_in_every_kind_of_month():
            return True  # the usual rule, decided without laying out month shapes
        if not self.has_year_parts:
            return _calendar.fires_on_some_day(self.days_of_shape, self.months, self.years)
        years = self.years if self.years is not None else range(2001, 2029)
        return any(self.days_in(year, month) for year in years for month in self.months)

    def _fires_in_every_kind_of_month(self) -> bool:
        """A sufficient condition for :meth:`fires_on_some_day`: a day part that picks a
        day in every month of some year (a plain day up to 28, a weekday, the last day...),
        with no other part to meet."""
        if self.has_year_parts:
            return False
        month_days, weekdays = self.month_days, self.weekdays
        if month_days is None or (weekdays is not None and self.day_match == "or"):
            return True  # every weekday part falls in some month of every length >= 29
        if weekdays is not None:
            return False
        return bool((month_days.days and month_days.days[0] <= 28)
                    or (month_days.from_last and month_days.from_last[0] <= 27)
                    or (month_days.nearest_weekday and month_days.nearest_weekday[0] <= 28)
                    or month_days.last_weekday)

    def times_on(self, day: date) -> tuple[int, ...]:
        """The times of day (seconds) the rule fires at on ``day``, if the day matches
        (a period shorter than a day selects some of them)."""
        period = self.period
        if period is None or period.unit not in UNIT_SECONDS:
            return self.seconds_of_day
        return tuple(second for second in self.seconds_of_day if period.selects(day, second))

    def fires_on(self, day: date) -> bool:
        """Whether ``day`` is one of the rule's days, excluded dates, set positions and
        bounds aside (excluding any other day is a no-op, and dropping it keeps rules
        that mean the same equal)."""
        if day.month not in self.months or (self.years is not None
                                             and day.year not in self.years):
            return False
        if day.day not in self.days_in(day.year, day.month):
            return False
        period = self.period
        if period is not None and period.unit not in UNIT_SECONDS and not period.selects(day):
            return False
        return bool(self.times_on(day))


#: The name the IR's rule had when cron was its only source; kept so that code written
#: against cadence 0.1 still imports it.
CronRule = Rule


#: The setters of Rule's slots, in field order: calling a slot's own ``__set__`` skips
#: the attribute look-up that ``object.__setattr__`` makes for each of 24 fields.
_RULE_SETTERS = tuple(Rule.__dict__[name].__set__ for name in (
    "seconds", "minutes", "hours", "months", "month_days", "weekdays", "day_match", "years",
    "fixed_time", "skip_gaps", "second_pass", "duration", "excluded_dates", "period",
    "year_days", "week_numbers", "week_start", "year_weekdays", "positions", "position_unit",
    "start", "end", "count", "notes"))


def _canonical_year_parts(rule: Rule) -> None:
    put = object.__setattr__
    put(rule, "year_days", _signed(rule.year_days, 366, "day of the year"))
    put(rule, "week_numbers", _signed(rule.week_numbers, 53, "week number"))
    put(rule, "positions", _signed(rule.positions, 366, "set position"))
    if rule.positions and rule.position_unit not in PERIOD_UNITS:
        raise ScheduleError(f"set positions count in periods of one of "
                            f"{', '.join(PERIOD_UNITS)}, not {described(rule.position_unit)}")
    if not rule.positions:
        put(rule, "position_unit", None)
    _canonical((rule.week_start,), 0, 6, "week start")
    if not rule.week_numbers and rule.position_unit != "week":
        put(rule, "week_start", 0)
    year_weekdays = tuple(sorted(set(rule.year_weekdays)))
    for weekday, k in year_weekdays:
        _canonical((weekday,), 0, 6, "weekday")
        _signed((k,), 53, "weekday of the year")
    put(rule, "year_weekdays", year_weekdays)


def _in_utc(holder: object, what: str, *, whole: bool = False) -> None:
    """``holder``'s ``start`` and ``end`` as UTC instants (whole seconds with ``whole``)."""
    for name in ("start", "end"):
        moment = getattr(holder, name)
        if moment is None:
            continue
        if not isinstance(moment, datetime) or moment.utcoffset() is None:
            raise ScheduleError(f"{what} {name} is an instant: give a datetime with a zone")
        moment = moment.astimezone(timezone.utc)
        object.__setattr__(holder, name, moment.replace(microsecond=0) if whole else moment)


def _canonical_limits(rule: Rule) -> None:
    _in_utc(rule, "a rule's own")
    count = rule.count
    if count is not None:
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ScheduleError(f"a rule's count is a whole number of 1 or more, not {count}")
        if rule.start is None:
            raise ScheduleError("a rule with a count needs its own start: the occurrences "
                                "are counted from it")


def _signed(values: Iterable[int], high: int, what: str) -> tuple[int, ...]:
    """Values from 1 to ``high`` or from -``high`` to -1 (counting from the end), sorted."""
    result = tuple(sorted(set(values)))
    for value in result:
        if value == 0 or not -high <= value <= high:
            raise ScheduleError(f"{what} {value} is out of range 1-{high} (or -{high} to -1 "
                                "counting from the end)")
    return result


def _fold_period(rule: Rule, period: Period) -> None:
    """Say ``period`` with plain value sets where they can, so equal meanings compare equal.

    Every month of a period dividing 12 is the same month each year, every hour of a
    period dividing a day the same hours each day; those periods become month or time
    sets. What cannot fold stays a period.
    """
    put = object.__setattr__
    if period.every == 1:
        put(rule, "period", None)
        return
    if period.unit == "year" and rule.years is not None:
        kept = tuple(year for year in rule.years if year % period.every == period.phase)
        if not kept:
            raise NeverFiresError(f"no listed year is in the selected periods of every "
                                f"{period.every} years")
        put(rule, "years", kept)
        put(rule, "period", None)
    elif period.unit == "month" and 12 % period.every == 0:
        kept = tuple(month for month in rule.months
                     if (month - 1) % period.every == period.phase)
        if not kept:
            raise NeverFiresError(f"no listed month is in the selected periods of every "
                                f"{period.every} months")
        put(rule, "months", kept)
        put(rule, "period", None)
    elif period.unit in UNIT_SECONDS:
        length = UNIT_SECONDS[period.unit] * period.every
        if 86400 % length:
            return
        unit = UNIT_SECONDS[period.unit]
        phase = period.phase
        hours, minutes, seconds = rule.hours, rule.minutes, rule.seconds
        # A period that fits in the next larger unit selects values of its own unit
        # alone (every 15 minutes: the same minutes in every hour), a choice made
        # without going through every time of the day.
        if unit == 3600 or (unit == 60 and 3600 % length == 0) or (
                unit == 1 and 60 % length == 0):
            # Then value * unit % length // unit is value % every.
            every = period.every
            values = hours if unit == 3600 else minutes if unit == 60 else seconds
            kept = tuple(value for value in values if value % every == phase)
            if unit == 3600:
                hours = kept
            elif unit == 60:
                minutes = kept
            else:
                seconds = kept
            chosen = len(kept)
        else:  # the hour matters too unless the period fits in an hour
            times = [(h, m, s) for h in (hours if 3600 % length else (0,)) for m in minutes
                     for s in seconds if (h * 3600 + m * 60 + s) % length // unit == phase]
            if 3600 % length:
                hours = tuple(sorted({h for h, _, _ in times}))
            minutes = tuple(sorted({m for _, m, _ in times}))
            seconds = tuple(sorted({s for _, _, s in times}))
            chosen = (len(times) if len(minutes) * len(seconds) * (
                len(hours) if 3600 % length else 1) == len(times) else -1)
        if not chosen:
            raise NeverFiresError(f"no listed time of day is in the selected periods of every "
                                f"{period.every} {period.unit}s")
        if chosen > 0:
            put(rule, "hours", hours)
            put(rule, "minutes", minutes)
            put(rule, "seconds", seconds)
            put(rule, "period", None)


@dataclass(frozen=True, slots=True)
class Instance:
    """One explicit occurrence (RFC 5545's RDATE, or an iCalendar event moved by a
    RECURRENCE-ID): an instant, and where its window closes (``None``: an instant).
    Both are kept in UTC.

    >>> Instance(datetime(2026, 12, 24, 18, tzinfo=timezone(timedelta(hours=1))))
    Instance(start=datetime.datetime(2026, 12, 24, 17, 0, tzinfo=datetime.timezone.utc), end=None)
    """

    start: datetime
    end: datetime | None = None

    def __post_init__(self) -> None:
        _in_utc(self, "an explicit occurrence's", whole=True)
        if self.end is not None and self.end < self.start:
            raise ScheduleError(f"an explicit occurrence ends ({self.end.isoformat()}) "
                                f"before it starts ({self.start.isoformat()})")
        if self.end == self.start:  # a window of no length is an instant
            object.__setattr__(self, "end", None)


def _instants(values: Iterable[datetime], what: str) -> tuple[datetime, ...]:
    """Aware moments in UTC, whole seconds, sorted and without duplicates."""
    result = set()
    for moment in values:
        if not isinstance(moment, datetime) or moment.utcoffset() is None:
            raise ScheduleError(f"{what} are instants: give datetimes with a zone")
        result.add(moment.astimezone(timezone.utc).replace(microsecond=0))
    return tuple(sorted(result))


_NO_METADATA: Mapping[str, object] = MappingProxyType({})


#: Values that are immutable already (exact types: a subclass may add state).
_ATOMS: frozenset[type] = frozenset({str, int, float, bool, type(None), bytes})


def frozen(value: object) -> object:
    """A read-only deep copy of metadata: mappings become read-only mappings, lists and
    tuples tuples, sets frozensets (schedules are shared by the parse memo, so what one
    caller could change every later caller would see).

    >>> frozen({"tags": ["a", {"b": 1}]})["tags"]
    ('a', mappingproxy({'b': 1}))
    """
    kind = type(value)
    # Exact JSON types first: a payload is made of them, and the ABC tests are slow.
    if kind in _ATOMS:
        return value
    if isinstance(value, dict):
        return MappingProxyType({key: frozen(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple([frozen(item) for item in value])
    if isinstance(value, Mapping):
        return MappingProxyType({key: frozen(item) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(frozen(item) for item in value)
    if isinstance(value, (set, frozenset)):  # of hashable, so immutable, items
        return frozenset(value)
    return value


def thawed(value: object) -> object:
    """Frozen metadata as plain, writable values again (dicts, lists and sets), for a
    writer to put in a payload or for pickling.

    >>> thawed(frozen({"tags": ["a", {"b": 1}]}))
    {'tags': ['a', {'b': 1}]}
    """
    if isinstance(value, Mapping):
        return {key: thawed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [thawed(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return set(value)
    return value


class Recurrence:
    """A whole schedule as every format reads and writes it: a union of rules in a zone,
    between optional bounds, with what the source said besides its meaning.

    ``zone`` is resolved once (an IANA name, a tzinfo, or ``None`` for UTC). ``start``
    and ``end`` bound the occurrences (``start`` inclusive, ``end`` exclusive; a naive
    bound is wall time in the zone). ``format``, ``source``, ``spelling`` (opaque to the
    IR: each format keeps what it needs to write its source back as written) and
    ``metadata`` (what the source said besides the schedule, such as a timer's name)
    never take part in equality: two recurrences are equal when their rules (as a set),
    zone (its IANA key, or its offset for a fixed offset), bounds (as instants) and set
    parts are; in a zone with one UTC offset for all time the rules' DST policies are
    left out, as they change nothing there.

    The set parts follow RFC 5545: ``dates`` are explicit occurrences added to the union
    (RDATE), ``excluded`` instants are removed from it (EXDATE), and so is every
    occurrence of the ``exclusions`` rules (EXRULE). The bounds apply to all of them.

    >>> nine = Rule(seconds=(0,), minutes=(0,), hours=(9,))
    >>> Recurrence((nine,), "GMT") == Recurrence((nine, nine), None, format="cron")
    True
    """

    __slots__ = ("_end_seconds", "_key", "_start_seconds", "_zone_name", "dates", "end",
                 "excluded", "exclusions", "format", "metadata", "rules", "source", "spelling",
                 "start", "zone")

    rules: tuple[Rule, ...]
    zone: tzinfo
    start: datetime | None
    end: datetime | None
    format: str
    source: str
    spelling: object | None
    metadata: Mapping[str, object]
    dates: tuple[Instance, ...]
    excluded: tuple[datetime, ...]
    exclusions: tuple[Rule, ...]
    _zone_name: str
    _start_seconds: int | None
    _end_seconds: int | None
    _key: tuple[frozenset[Rule], Hashable, int | None, int | None, tuple[Instance, ...],
                tuple[datetime, ...], frozenset[Rule]] | None

    def __init__(self, rules: Rule | Iterable[Rule], zone: str | tzinfo | None = None, *,
                 start: Moment | None = None, end: Moment | None = None,
                 format: str = "ir", source: str = "", spelling: object | None = None,
                 metadata: Mapping[str, object] | None = None,
                 dates: Iterable[Instance] = (), excluded: Iterable[datetime] = (),
                 exclusions: Iterable[Rule] = ()) -> None:
        put = object.__setattr__
        put(self, "rules", (rules,) if isinstance(rules, Rule) else tuple(rules))
        # Most recurrences have no set parts: skip the sorting then.
        put(self, "dates", tuple(sorted(set(dates), key=_instance_order)) if dates else ())
        put(self, "excluded", _instants(excluded, "excluded occurrences") if excluded else ())
        put(self, "exclusions", tuple(exclusions))
        if not self.rules and not self.dates:
            raise ScheduleError("a schedule needs at least one rule or explicit date")
        for rules_of_a_kind in (self.rules, self.exclusions) if self.exclusions else (
                self.rules,):
            for rule in rules_of_a_kind:
                if not isinstance(rule, Rule):
                    raise ScheduleError(f"a schedule's rules are Rule values, not "
                                        f"{type(rule).__name__}")
        for instance in self.dates:
            if not isinstance(instance, Instance):
                raise ScheduleError(f"a schedule's explicit dates are Instance values, not "
                                    f"{type(instance).__name__}")
        resolved = resolve_zone(zone)
        put(self, "zone", resolved)
        put(self, "start", start if start is None or type(start) is datetime
            else as_datetime(start, "start"))
        put(self, "end", end if end is None or type(end) is datetime else as_datetime(end, "end"))
        put(self, "format", format)
        put(self, "source", source)
        put(self, "spelling", spelling)
        put(self, "metadata", frozen(metadata) if metadata else _NO_METADATA)
        put(self, "_zone_name", zone_name(resolved))
        put(self, "_start_seconds", self._bound(self.start, "start"))
        put(self, "_end_seconds", self._bound(self.end, "end"))
        put(self, "_key", None)  # built when first compared: hashing rules costs

    @classmethod
    def of_rule(cls, rule: Rule, zone: tzinfo, *, format: str, source: str,
                spelling: object | None) -> Recurrence:
        """The recurrence of one rule in a resolved zone, without bounds, set parts or
        metadata: what a text format reads on every parse, built without the checks
        that cannot fail for it.

        >>> nine = Rule(seconds=(0,), minutes=(0,), hours=(9,))
        >>> Recurrence.of_rule(nine, timezone.utc, format="ir", source="",
        ...                    spelling=None) == Recurrence(nine)
        True
        """
        if not isinstance(rule, Rule) or not isinstance(zone, tzinfo):
            return cls(rule, zone, format=format, source=source, spelling=spelling)
        self = object.__new__(cls)
        (set_rules, set_dates, set_excluded, set_exclusions, set_zone, set_start, set_end,
         set_format, set_source, set_spelling, set_metadata, set_zone_name,
         set_start_seconds, set_end_seconds, set_key) = _RECURRENCE_SETTERS
        set_rules(self, (rule,))
        set_dates(self, ())
        set_excluded(self, ())
        set_exclusions(self, ())
        set_zone(self, zone)
        set_start(self, None)
        set_end(self, None)
        set_format(self, format)
        set_source(self, source)
        set_spelling(self, spelling)
        set_metadata(self, _NO_METADATA)
        set_zone_name(self, zone_name(zone))
        set_start_seconds(self, None)
        set_end_seconds(self, None)
        set_key(self, None)
        return self

    def _bound(self, moment: datetime | None, name: str) -> int | None:
        try:
            return bound_seconds(moment, self.zone)
        except (OverflowError, ValueError):
            assert moment is not None
            raise ScheduleError(unplaceable(moment, name, self.zone_name)) from None

    @property
    def tz(self) -> tzinfo:
        """The zone (the name :class:`~cadence.Schedule` uses too)."""
        return self.zone

    @property
    def recurrence(self) -> Recurrence:
        """Itself: writers take a recurrence or anything that carries one."""
        return self

    @property
    def zone_name(self) -> str:
        return self._zone_name

    @property
    def start_seconds(self) -> int | None:
        """The start bound as an instant (whole seconds, a fraction rounded up)."""
        return self._start_seconds

    @property
    def end_seconds(self) -> int | None:
        """The end bound as an instant (whole seconds, a fraction rounded up)."""
        return self._end_seconds

    @property
    def has_set_parts(self) -> bool:
        """Whether explicit dates, excluded instants or exclusion rules take part."""
        return bool(self.dates or self.excluded or self.exclusions)

    def set_features(self) -> list[tuple[SetFeature, str, str]]:
        """``(key, feature, detail)`` for each RFC 5545 set feature this recurrence uses
        beyond plain rules (``feature`` and ``detail`` in words a refusal can quote);
        empty for most schedules."""
        found: list[tuple[SetFeature, str, str]] = []
        rules = (*self.rules, *self.exclusions)
        positioned = sorted({p for rule in rules for p in rule.positions})
        if positioned:
            found.append(("positions", "set positions (BYSETPOS)",
                          f" ({', '.join(map(str, positioned[:5]))})"))
        counts = sorted({rule.count for rule in rules if rule.count is not None})
        if counts:
            found.append(("count", "a count of occurrences (COUNT)",
                          f" ({', '.join(map(str, counts[:5]))})"))
        if any(rule.start is not None or rule.end is not None for rule in rules):
            found.append(("rule_bounds", "rules with bounds of their own",
                          " (each RRULE its own UNTIL, or events starting at different "
                          "times)"))
        if self.dates:
            found.append(("dates", "explicit dates (RDATE)", f" ({_many(self.dates, 'date')})"))
        if self.excluded:
            found.append(("excluded", "excluded instants (EXDATE)",
                          f" ({_many(self.excluded, 'instant')})"))
        if self.exclusions:
            found.append(("exclusions", "exclusion rules (EXRULE)",
                          f" ({_many(self.exclusions, 'rule')})"))
        return found

    @property
    def rule(self) -> Rule:
        """The rule, when there is exactly one (see :attr:`rules`)."""
        if len(self.rules) != 1:
            raise ScheduleError(
                f"this schedule is a union of {len(self.rules)} rules; use .rules")
        return self.rules[0]

    def with_rules(self, rules: Iterable[Rule], *, format: str | None = None,
                   source: str | None = None) -> Recurrence:
        """The same recurrence with other rules (the spelling stays: writers use it only
        where it still reads back as the new rules)."""
        return Recurrence(rules, self.zone, start=self.start, end=self.end,
                          format=self.format if format is None else format,
                          source=self.source if source is None else source,
                          spelling=self.spelling, metadata=self.metadata, dates=self.dates,
                          excluded=self.excluded, exclusions=self.exclusions)

    def with_bounds(self, start: Moment | None, end: Moment | None) -> Recurrence:
        """The same recurrence between other bounds (``None``: unbounded)."""
        return Recurrence(self.rules, self.zone, start=start, end=end, format=self.format,
                          source=self.source, spelling=self.spelling, metadata=self.metadata,
                          dates=self.dates, excluded=self.excluded,
                          exclusions=self.exclusions)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Recurrence is immutable; {name} cannot be set")

    def __reduce__(self) -> tuple[Callable[..., Recurrence], tuple[object, ...]]:
        # Pickled as what builds it again (the metadata as a plain dict): job stores,
        # process pools and task queues pickle schedules.
        return _rebuilt, (self.rules, self.zone, self.start, self.end, self.format,
                          self.source, self.spelling, thawed(self.metadata), self.dates,
                          self.excluded, self.exclusions)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Recurrence):
            return NotImplemented
        return self._equality_key() == other._equality_key()

    def __hash__(self) -> int:
        return hash(self._equality_key())

    def _equality_key(self) -> tuple[frozenset[Rule], Hashable, int | None, int | None,
                                     tuple[Instance, ...], tuple[datetime, ...],
                                     frozenset[Rule]]:
        key = self._key
        if key is None:
            rules, exclusions = self.rules, self.exclusions
            if is_fixed_offset(self.zone):  # no clock change: the DST policy means nothing
                rules = tuple(map(policy_free, rules))
                exclusions = tuple(map(policy_free, exclusions))
            # The zone by its key, offsets for a fixed offset (never by the free text a
            # tzinfo calls itself: two zones named "X" may be an hour apart).
            key = (frozenset(rules), zone_key(self.zone), self._start_seconds,
                   self._end_seconds, self.dates, self.excluded, frozenset(exclusions))
            object.__setattr__(self, "_key", key)
        return key

    def __repr__(self) -> str:
        return f"<Recurrence {self.format} {self.source!r} tz={self.zone_name!r}>"


def policy_free(rule: Rule) -> Rule:
    """``rule`` with the DST policy fields at their defaults (fixed-time, no skipped gaps,
    first pass), for comparing where the policy cannot matter or is checked apart.

    >>> rule = Rule((0,), tuple(range(0, 60, 15)), tuple(range(24)), fixed_time=False)
    >>> rule.fixed_time, policy_free(rule).fixed_time
    (False, True)
    """
    if rule.dst_flags == _FIXED_TIME:
        return rule
    return replace(rule, fixed_time=True, skip_gaps=False, second_pass=False)


_FIXED_TIME = DstFlags(True)


#: The setters of Recurrence's slots that :meth:`Recurrence.of_rule` sets, in its order
#: (as _RULE_SETTERS, and past the immutability guard of ``__setattr__``).
_RECURRENCE_SETTERS = tuple(Recurrence.__dict__[name].__set__ for name in (
    "rules", "dates", "excluded", "exclusions", "zone", "start", "end", "format", "source",
    "spelling", "metadata", "_zone_name", "_start_seconds", "_end_seconds", "_key"))


def _rebuilt(rules: tuple[Rule, ...], zone: tzinfo, start: datetime | None,
             end: datetime | None, format: str, source: str, spelling: object | None,
             metadata: dict[str, object], dates: tuple[Instance, ...],
             excluded: tuple[datetime, ...], exclusions: tuple[Rule, ...]) -> Recurrence:
    """A pickled :class:`Recurrence`, built again."""
    return Recurrence(rules, zone, start=start, end=end, format=format, source=source,
                      spelling=spelling, metadata=metadata, dates=dates, excluded=excluded,
                      exclusions=exclusions)


def _many(values: tuple[object, ...], noun: str) -> str:
    """``1 date``, ``3 dates``."""
    return f"{len(values)} {noun}{'' if len(values) == 1 else 's'}"


def _instance_order(instance: Instance) -> tuple[datetime, datetime]:
    return instance.start, instance.end or instance.start


class Occurrences(Protocol):
    """What a format may ask of a recurrence's occurrences while it reads or writes (an
    RRULE's COUNT, a campaign that expires before it fires). The engine provides it;
    formats receive it as a :data:`Search` and never import the engine."""

    def next(self, after: datetime | str) -> datetime | None: ...

    def prev(self, before: datetime | str) -> datetime | None: ...

    def iter_after(self, after: datetime | str) -> Iterator[datetime]: ...

    def iter_before(self, before: datetime | str) -> Iterator[datetime]: ...

    def between(self, start: datetime | str, end: datetime | str) -> list[datetime]: ...

    def matches(self, moment: datetime | str) -> bool: ...

    def next_window(self, after: datetime | str) -> tuple[datetime, datetime] | None: ...


#: How a format gets the occurrences of a recurrence it builds.
Search = Callable[[Recurrence], Occurrences]


class HasRecurrence(Protocol):
    """Anything that carries a recurrence: a :class:`Recurrence` itself, or a
    :class:`~cadence.Schedule`. Writers take either."""

    @property
    def recurrence(self) -> Recurrence: ...


_ENGINE: list[Search] = []


def register_engine(search: Search) -> None:
    """Called once by the engine (:mod:`cadence.schedule`) on import, so that formats can
    ask for occurrences without importing it."""
    _ENGINE[:] = [search]


def occurrences(recurrence: Recurrence) -> Occurrences:
    """The occurrences of ``recurrence``, from the registered engine."""
    if not _ENGINE:  # pragma: no cover - importing cadence registers it
        raise ScheduleError("no evaluation engine is registered; import cadence first")
    return _ENGINE[0](recurrence)


def at_or_after(found: Occurrences, moment: datetime) -> Iterator[datetime]:
    """The occurrences at ``moment`` or later, ascending: those strictly after a
    microsecond before it in elapsed time (on the wall clock, a second before 03:00 on a
    spring-forward day is a time that does not exist, read an hour later); from the
    first moment a datetime holds (or one whose instant, in UTC, is before year 1), those
    of its first second and on."""
    try:
        instant = moment if moment.tzinfo is None else moment.astimezone(timezone.utc)
        before = instant - timedelta(microseconds=1)
    except OverflowError:  # nothing is before it
        here = found.between(moment, moment + timedelta(seconds=1))
        return chain(here, found.iter_after(here[-1] if here else moment))
    return found.iter_after(before)
