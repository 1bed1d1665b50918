"""The normalized recurrence IR that every format parses into.

The IR is frozen and canonical: value sets are sorted tuples without duplicates, an
unrestricted day field is ``None``, and two rules that mean the same compare equal where
that is cheap to decide. Range checks live here so that no format can build a rule the
evaluator cannot run.

Weekdays are numbered as Python numbers them: 0 = Monday ... 6 = Sunday.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from .errors import ScheduleError

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "WEEKDAY_NAMES",
    "CronRule",
    "DayMatch",
    "MonthDays",
    "Weekdays",
]

DayMatch = Literal["and", "or"]

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
    #: Each occurrence opens a window this long, measured on the wall clock (``None``:
    #: occurrences are instants).
    duration: timedelta | None = None
    #: Local dates on which the rule does not fire (a calendar's exception days).
    excluded_dates: tuple[date, ...] = ()
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
