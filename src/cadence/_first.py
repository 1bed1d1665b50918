"""The first occurrence after an instant, without compiling the rule.

The call users make most is "parse this, give me the next run". Compiling a rule (its
tables, its evaluator, a generator walk) costs more than answering that one question,
so :class:`FirstAfter` answers it directly for one plain rule: it jumps field by field
(month, day, hour, minute, second) from the instant's wall-clock time, on days that have
one UTC offset throughout. Anything else (a DST change on the way, periods, year parts,
positions, counts, excluded dates, the ends of the calendar, no match within a year) is
:data:`UNKNOWN`, and the caller walks the compiled rule as usual.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime, tzinfo
from typing import Final

from ._calendar import DAYS_IN_MONTH
from ._compile import EVERY_DAY, day_parts_number, shape_days
from ._tz import DayOffsets
from ._zones import EPOCH_ORDINAL
from .ir import Rule

__all__ = ["UNKNOWN", "FirstAfter", "is_plain"]

#: "Walk the compiled rule": this module does not answer.
UNKNOWN: Final = (0, None)
#: Instants this module answers after: years 2 to 9998, away from the clamping at the
#: calendar's ends.
_LOWEST = (date(2, 1, 1).toordinal() - EPOCH_ORDINAL) * 86400
_HIGHEST = (date(9998, 1, 1).toordinal() - EPOCH_ORDINAL) * 86400
#: How many months ahead it looks before leaving the search to the walk.
_MONTHS_AHEAD = 13


def is_plain(rule: Rule) -> bool:
    """Whether :class:`FirstAfter` can answer for ``rule`` (on plain days)."""
    return (rule.period is None and not rule.excluded_dates and not rule.positions
            and rule.count is None and rule.start is None and rule.end is None
            and not rule.has_year_parts)


class FirstAfter:
    """The first occurrence of one plain rule (see :func:`is_plain`) in a zone."""

    __slots__ = ("_first_time", "_hours", "_minutes", "_months", "_number",
                 "_offsets", "_rule", "_seconds", "_years", "_zone")

    def __init__(self, rule: Rule, zone: tzinfo) -> None:
        self._rule = rule
        self._zone = zone
        self._offsets = DayOffsets.of(zone)
        self._hours, self._minutes, self._seconds = rule.hours, rule.minutes, rule.seconds
        self._months, self._years = rule.months, rule.years
        self._first_time = rule.hours[0] * 3600 + rule.minutes[0] * 60 + rule.seconds[0]
        #: The number of the rule's day parts in the shared shape cache (None: every day).
        self._number = (None if rule.month_days is None and rule.weekdays is None
                        else day_parts_number(rule))

    def __call__(self, after: int) -> tuple[int, datetime | None]:
        """``(instant, datetime)`` of the first occurrence strictly after instant
        ``after``, or :data:`UNKNOWN`."""
        if not _LOWEST <= after <= _HIGHEST:
            return UNKNOWN
        plain = self._offsets.plain_day(after)
        if plain is None:  # the day changes offset: the walk knows
            return UNKNOWN
        day_start, span_end, offset = plain
        second = after + offset - day_start
        ordinal = day_start // 86400 + EPOCH_ORDINAL
        today = date.fromordinal(ordinal)
        year, month, day = today.year, today.month, today.day
        day_zero = ordinal - day  # the ordinal of the month's day 0
        years, months, number = self._years, self._months, self._number
        for _ in range(_MONTHS_AHEAD):
            length = DAYS_IN_MONTH[month] if month != 2 else 28 + (
                year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
            if month in months and (years is None or year in years):
                days = (EVERY_DAY[length] if number is None  # ordinal 1 was a Monday
                        else shape_days(self._rule, number, length, day_zero % 7))
                index = bisect_left(days, day)
                if index < len(days) and days[index] == day:
                    time = _time_after(self._hours, self._minutes, self._seconds, second)
                    if time is not None:
                        return (day_start + time - offset,
                                datetime(year, month, day, time // 3600, time // 60 % 60,
                                         time % 60, 0, self._zone))
                    index += 1
                if index < len(days):
                    found = days[index]
                    start = (day_zero + found - EPOCH_ORDINAL) * 86400
                    if start + 86400 > span_end:
                        return UNKNOWN  # a DST change on the way: the walk knows
                    time = self._first_time
                    return (start + time - offset,
                            datetime(year, month, found, time // 3600, time // 60 % 60,
                                     time % 60, 0, self._zone))
            day_zero += length
            day, second = 1, -1
            month += 1
            if month == 13:
                year, month = year + 1, 1
            day_start = (day_zero + 1 - EPOCH_ORDINAL) * 86400
            if day_start + 86400 > span_end:
                return UNKNOWN  # later days are past a DST change: the walk knows
        return UNKNOWN


def _time_after(hours: tuple[int, ...], minutes: tuple[int, ...], seconds: tuple[int, ...],
                second_of_day: int) -> int | None:
    """The first time of day (seconds) the rule lists after ``second_of_day`` (-1: from
    midnight), field by field."""
    if second_of_day < 0:
        return hours[0] * 3600 + minutes[0] * 60 + seconds[0]
    hour, rest = divmod(second_of_day, 3600)
    minute, second = divmod(rest, 60)
    at_hour = bisect_left(hours, hour)
    if at_hour < len(hours) and hours[at_hour] == hour:
        at_minute = bisect_left(minutes, minute)
        if at_minute < len(minutes) and minutes[at_minute] == minute:
            at_second = bisect_right(seconds, second)
            if at_second < len(seconds):
                return second_of_day - second + seconds[at_second]
            at_minute += 1
        if at_minute < len(minutes):
            return hour * 3600 + minutes[at_minute] * 60 + seconds[0]
        at_hour += 1
    if at_hour < len(hours):
        return hours[at_hour] * 3600 + minutes[0] * 60 + seconds[0]
    return None
