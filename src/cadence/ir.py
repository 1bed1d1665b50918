"""The normalized recurrence IR that every format parses into.

The IR is frozen and canonical: value sets are sorted tuples without duplicates, an
unrestricted day field is ``None``, and two rules that mean the same compare equal where
that is cheap to decide. Range checks live here so that no format can build a rule the
evaluator cannot run.

Weekdays are numbered as Python numbers them: 0 = Monday ... 6 = Sunday.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

from .errors import NeverFiresError, ScheduleError

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "PERIOD_UNITS",
    "WEEKDAY_NAMES",
    "CronRule",
    "DayMatch",
    "MonthDays",
    "Period",
    "PeriodUnit",
    "Weekdays",
]

DayMatch = Literal["and", "or"]
PeriodUnit = Literal["year", "month", "week", "day", "hour", "minute", "second"]
PERIOD_UNITS: tuple[PeriodUnit, ...] = (
    "year", "month", "week", "day", "hour", "minute", "second")
#: Seconds in one period of each sub-day unit.
UNIT_SECONDS = {"hour": 3600, "minute": 60, "second": 1}

MIN_YEAR = 1
MAX_YEAR = 9999
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _canonical(values: Iterable[int], low: int, high: int, what: str) -> tuple[int, ...]:
    result = tuple(sorted(set(values)))
    for value in result:
        if not low <= value <= high:
            raise ScheduleError(f"{what} {value} is out of range {low}-{high}")
    return result


@dataclass(frozen=True, slots=True)
class MonthDays:
    """Days of the month a rule may fire on (the union of all parts).

    ``days``: plain day numbers 1-31; ``from_last``: ``n`` for ``L-n`` (``L`` is 0);
    ``nearest_weekday``: ``n`` for ``nW`` (the Monday-Friday day nearest day ``n``, within
    the month); ``last_weekday``: ``LW`` (the last Monday-Friday day of the month).
    """

    days: tuple[int, ...] = ()
    from_last: tuple[int, ...] = ()
    nearest_weekday: tuple[int, ...] = ()
    last_weekday: bool = False

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

    @property
    def is_every_day(self) -> bool:
        return len(self.days) == 31


@dataclass(frozen=True, slots=True)
class Weekdays:
    """Days of the week a rule may fire on (the union of all parts).

    ``days``: weekdays 0-6 (0 = Monday); ``nth``: ``(weekday, k)`` for the k-th such
    weekday of the month, k in 1-5; ``last``: weekdays that fire on their last
    occurrence in the month.
    """

    days: tuple[int, ...] = ()
    nth: tuple[tuple[int, int], ...] = ()
    last: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "days", _canonical(self.days, 0, 6, "weekday"))
        object.__setattr__(self, "last", _canonical(self.last, 0, 6, "weekday"))
        nth = tuple(sorted(set(self.nth)))
        for weekday, k in nth:
            _canonical((weekday,), 0, 6, "weekday")
            _canonical((k,), 1, 5, "weekday ordinal")
        object.__setattr__(self, "nth", nth)

    @property
    def is_every_day(self) -> bool:
        return len(self.days) == 7


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
            raise ScheduleError(f"unknown period unit {self.unit!r}; use one of "
                                f"{', '.join(PERIOD_UNITS)}")
        if isinstance(self.every, bool) or not isinstance(self.every, int) or self.every < 1:
            raise ScheduleError(f"a period repeats every 1 or more {self.unit}s, "
                                f"not {self.every!r}")
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


def period_index(unit: PeriodUnit, day: date, second_of_day: int = 0,
                 week_start: int = 0) -> int:
    """The number of the ``unit`` period holding ``day`` at ``second_of_day``."""
    ordinal = day.toordinal()
    if unit == "year":
        return day.year
    if unit == "month":
        return day.year * 12 + day.month - 1
    if unit == "week":
        return (ordinal - 1 - week_start) // 7
    if unit == "day":
        return ordinal
    return ((ordinal - 1) * 86400 + second_of_day) // UNIT_SECONDS[unit]


@dataclass(frozen=True, slots=True)
class CronRule:
    """A calendar rule: which seconds of which days fire.

    A day fires when its month (and year, if ``years`` is set) is listed and its
    day-of-month and day-of-week parts match, combined by ``day_match``
    (``None`` for a part means "every day"). ``fixed_time`` selects the DST policy:
    a fixed-time rule fires once in a repeated hour and, for a wall-clock time that a
    DST jump skips, at the first moment after the jump; other rules fire at every
    instant whose wall-clock time matches (both passes of a repeated hour, never in
    a skipped one).
    """

    seconds: tuple[int, ...]
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    months: tuple[int, ...] = tuple(range(1, 13))
    month_days: MonthDays | None = None
    weekdays: Weekdays | None = None
    day_match: DayMatch = "and"
    years: tuple[int, ...] | None = None
    fixed_time: bool = True
    #: RFC 5545's policy for a fixed-time rule: a wall-clock time the clocks jump over
    #: does not fire at all (instead of firing right after the jump). Rules that are not
    #: fixed-time always skip such times.
    skip_gaps: bool = False
    #: Each occurrence opens a window this long, measured on the wall clock (``None``:
    #: occurrences are instants).
    duration: timedelta | None = None
    #: Local dates on which the rule does not fire (a calendar's exception days).
    excluded_dates: tuple[date, ...] = ()
    #: Only every n-th year/month/week/day/hour/minute/second fires (``None``: all).
    period: Period | None = None
    # Metadata only: never part of equality.
    notes: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "seconds", _canonical(self.seconds, 0, 59, "second"))
        put(self, "minutes", _canonical(self.minutes, 0, 59, "minute"))
        put(self, "hours", _canonical(self.hours, 0, 23, "hour"))
        put(self, "months", _canonical(self.months, 1, 12, "month"))
        if self.years is not None:
            put(self, "years", _canonical(self.years, MIN_YEAR, MAX_YEAR, "year"))
        for name in ("seconds", "minutes", "hours", "months"):
            if not getattr(self, name):
                raise ScheduleError(f"a rule needs at least one value in {name}")
        if self.years == ():
            raise ScheduleError("a rule needs at least one year when years are listed")
        if self.duration is not None:
            if self.duration < timedelta(0):
                raise ScheduleError(f"a window cannot last a negative time ({self.duration})")
            if not self.duration:
                put(self, "duration", None)
        put(self, "excluded_dates", tuple(sorted(set(self.excluded_dates))))
        if self.day_match not in ("and", "or"):
            raise ScheduleError(f"day_match must be 'and' or 'or', not {self.day_match!r}")
        month_days = self.month_days
        weekdays = self.weekdays
        if month_days is not None and month_days.is_every_day:
            month_days = None
        if weekdays is not None and weekdays.is_every_day:
            weekdays = None
        # Every day OR anything is every day; AND with "every day" leaves the other part.
        if self.day_match == "or" and (month_days is None or weekdays is None):
            month_days = weekdays = None
        if month_days is None or weekdays is None:
            put(self, "day_match", "and")
        put(self, "month_days", month_days)
        put(self, "weekdays", weekdays)
        if not self.fixed_time:
            put(self, "skip_gaps", True)
        if self.period is not None:
            _fold_period(self, self.period)
        if self.excluded_dates:
            put(self, "excluded_dates", _firing_dates(self))


def _firing_dates(rule: CronRule) -> tuple[date, ...]:
    """The excluded dates on which the rule would fire: excluding any other is a no-op,
    and dropping it keeps rules that mean the same equal."""
    from .compile import CompiledRule  # compile builds on the IR; only this check needs it

    plan = CompiledRule(replace(rule, excluded_dates=()))
    return tuple(
        day for day in rule.excluded_dates
        if day.month in rule.months and (rule.years is None or day.year in rule.years)
        and day.day in plan.month_days(day.year, day.month)
        and plan.times_on(day.toordinal())[0]
    )


def _fold_period(rule: CronRule, period: Period) -> None:
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
        chosen = [(h, m, s) for h in rule.hours for m in rule.minutes for s in rule.seconds
                  if (h * 3600 + m * 60 + s) % length // unit == period.phase]
        hours = sorted({h for h, _, _ in chosen})
        minutes = sorted({m for _, m, _ in chosen})
        seconds = sorted({s for _, _, s in chosen})
        if not chosen:
            raise NeverFiresError(f"no listed time of day is in the selected periods of every "
                                f"{period.every} {period.unit}s")
        if len(hours) * len(minutes) * len(seconds) == len(chosen):
            put(rule, "hours", tuple(hours))
            put(rule, "minutes", tuple(minutes))
            put(rule, "seconds", tuple(seconds))
            put(rule, "period", None)
