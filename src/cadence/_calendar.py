"""Pure facts of the proleptic Gregorian calendar, decided once for every layer.

Nothing here imports cadence: month lengths and shapes, month and weekday names in the
spellings the formats use, the weekday nearest a day, ISO weeks, the numbering of
periods, and whether a day pattern matches some day at all.

Weekdays are numbered as Python numbers them: 0 = Monday ... 6 = Sunday. Day ordinal 1
(0001-01-01) is a Monday.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import date

__all__ = [
    "CALENDAR_CYCLE_YEARS",
    "DAYS_BEFORE_MONTH",
    "DAYS_IN_MONTH",
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTH_ABBREVIATIONS",
    "MONTH_NAMES",
    "UNITS_PER_CYCLE",
    "UNIT_SECONDS",
    "WEEKDAY_ABBREVIATIONS",
    "WEEKDAY_CODES",
    "WEEKDAY_NAMES",
    "days_in_month",
    "fires_on_some_day",
    "in_ascii_digits",
    "in_year_parts",
    "is_digits",
    "is_leap",
    "january_first",
    "month_shape",
    "nearest_weekday",
    "ordinal_word",
    "period_index",
    "position_word",
    "shape_month_days",
    "shape_weekdays",
    "week_number",
    "week_one_start",
    "weekday_of",
    "year_part_days",
]

MIN_YEAR = 1
MAX_YEAR = 9999

# A digit, in every format, is ASCII 0-9: regular expressions write ``[0-9]`` (never
# ``\d``) and text is checked with these before ``int()``, ``float()`` or ``Decimal()``.
# Python's own ``\d``, ``str.isdigit``, ``int()`` and ``Decimal()`` also take the digits
# of other scripts (full-width U+FF11, Arabic-Indic U+0663...) and ``int()`` and
# ``Decimal()`` take underscores (``"1_000"``); no vendor's reader does.


def is_digits(text: str) -> bool:
    """Whether ``text`` is one or more ASCII digits.

    >>> is_digits("12"), is_digits("\\uff11\\uff12"), is_digits("\\u0663"), is_digits("1_0")
    (True, False, False, False)
    >>> is_digits("")
    False
    """
    return text.isascii() and text.isdigit()


def in_ascii_digits(text: str) -> bool:
    """Whether number text (for ``float()`` or ``Decimal()``) writes its digits in ASCII
    0-9, without the underscores Python allows between them.

    >>> in_ascii_digits("-14.5e3"), in_ascii_digits("\\uff11\\uff12"), in_ascii_digits("1_000")
    (True, False, False)
    """
    return text.isascii() and "_" not in text


#: Days in each month of a common year (index 0 unused).
DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: Days of a common year before the first of each month (index 0 unused).
DAYS_BEFORE_MONTH = tuple(sum(DAYS_IN_MONTH[1:month]) for month in range(13))
#: The Gregorian calendar repeats every 400 years: a day pattern that matches nothing in
#: 400 consecutive years never matches again.
CALENDAR_CYCLE_YEARS = 400
#: How many periods of each day-level unit one 400-year cycle holds.
UNITS_PER_CYCLE = {"year": 400, "month": 4800, "week": 20871, "day": 146097}
#: Seconds in one period of each sub-day unit.
UNIT_SECONDS = {"hour": 3600, "minute": 60, "second": 1}

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
#: Cron's and Quartz's month names, January first.
MONTH_ABBREVIATIONS = tuple(name[:3].upper() for name in MONTH_NAMES)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Three-letter weekday names, Monday first (cron lists them Sunday first).
WEEKDAY_ABBREVIATIONS = tuple(name[:3].upper() for name in WEEKDAY_NAMES)
#: RFC 5545's two-letter weekday codes, Monday first.
WEEKDAY_CODES = tuple(name[:2].upper() for name in WEEKDAY_NAMES)


def is_leap(year: int) -> bool:
    """Whether ``year`` has a February 29th.

    >>> is_leap(2000), is_leap(2100), is_leap(2028)
    (True, False, True)
    """
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """How many days ``year``-``month`` has.

    >>> days_in_month(2028, 2), days_in_month(2027, 2), days_in_month(2027, 4)
    (29, 28, 30)
    """
    return 29 if month == 2 and is_leap(year) else DAYS_IN_MONTH[month]


def weekday_of(ordinal: int) -> int:
    """The weekday (0 = Monday) of day ``ordinal``."""
    return (ordinal - 1) % 7


def month_shape(year: int, month: int) -> tuple[int, int]:
    """``(length, weekday of day 1)``: all that decides which days of a month a rule of
    days-of-month and days-of-week picks.

    >>> month_shape(2026, 11)
    (30, 6)
    """
    return days_in_month(year, month), date(year, month, 1).weekday()


def nearest_weekday(day: int, length: int, first_weekday: int) -> int:
    """The Monday-Friday day nearest ``day`` in a month of ``length`` days whose day 1 is
    ``first_weekday``, never leaving the month (Quartz's ``W``).

    >>> nearest_weekday(1, 30, 5)  # the 1st is a Saturday: Monday the 3rd
    3
    """
    weekday = (first_weekday + day - 1) % 7
    if weekday == 5:  # Saturday: the Friday before, unless that is in the previous month
        return day - 1 if day > 1 else day + 2
    if weekday == 6:  # Sunday: the Monday after, unless that is in the next month
        return day + 1 if day < length else day - 2
    return day


def shape_month_days(days: Iterable[int], from_last: Iterable[int], nearest: Iterable[int],
                     last_weekday: bool, length: int, first_weekday: int,
                     nearest_from_last: Iterable[int] = ()) -> set[int]:
    """Days of a month shape picked by day-of-month parts: plain days, ``L-n`` offsets,
    ``nW``, ``LW`` and ``L-nW`` (the weekday nearest day ``length - n``).

    >>> sorted(shape_month_days([1], [0], [15], True, 30, 6))
    [1, 16, 30]
    >>> sorted(shape_month_days([], [], [], False, 30, 6, [2]))  # the 28th is a Saturday
    [27]
    """
    found = {nearest_weekday(length - offset, length, first_weekday)
             for offset in nearest_from_last if length - offset >= 1}
    if found:
        return found | shape_month_days(days, from_last, nearest, last_weekday, length,
                                        first_weekday)
    found = {day for day in days if day <= length}
    found.update(length - offset for offset in from_last if length - offset >= 1)
    found.update(nearest_weekday(day, length, first_weekday) for day in nearest
                 if day <= length)
    if last_weekday:
        found.add(nearest_weekday(length, length, first_weekday))
    return found


def shape_weekdays(days: Iterable[int], nth: Iterable[tuple[int, int]], last: Iterable[int],
                   length: int, first_weekday: int) -> set[int]:
    """Days of a month shape picked by day-of-week parts: weekdays, ``(weekday, k)`` for
    the k-th one (k 1-5) and the last of a weekday.

    >>> sorted(shape_weekdays([], [(0, 1)], [4], 30, 6))
    [2, 27]
    """
    found: set[int] = set()
    for weekday in days:
        found.update(range(1 + (weekday - first_weekday) % 7, length + 1, 7))
    for weekday, k in nth:
        first = 1 + (weekday - first_weekday) % 7
        # k from the start, or (negative) from the last such weekday of the month.
        day = first + 7 * (k - 1) if k > 0 else first + 7 * ((length - first) // 7 + k + 1)
        if 1 <= day <= length:
            found.add(day)
    for weekday in last:
        first = 1 + (weekday - first_weekday) % 7
        found.add(first + 7 * ((length - first) // 7))
    return found


def fires_on_some_day(days_of_shape: Callable[[int, int], Collection[int]],
                      months: Iterable[int], years: Iterable[int] | None = None) -> bool:
    """Whether a day pattern (``days_of_shape(length, first weekday)``) matches any day of
    the ``months`` (of the ``years``, or of any year): decided on month shapes, never by
    searching.

    >>> fires_on_some_day(lambda length, first: {30} & set(range(1, length + 1)), [2])
    False
    """
    if years is not None:
        return any(days_of_shape(*month_shape(year, month))
                   for year in years for month in months)
    for month in months:
        lengths = (28, 29) if month == 2 else (DAYS_IN_MONTH[month],)
        # Within the 400-year cycle every month starts on every weekday, with both
        # February lengths.
        if any(days_of_shape(length, first) for length in lengths for first in range(7)):
            return True
    return False


def period_index(unit: str, day: date, second_of_day: int = 0, week_start: int = 0) -> int:
    """The number of the ``unit`` period holding ``day`` at ``second_of_day``, counted
    from the start of the calendar on the wall clock (weeks start on ``week_start``).

    >>> period_index("month", date(2026, 3, 15)), period_index("week", date(1, 1, 7))
    (24314, 0)
    """
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


def position_word(k: int) -> str:
    """A position counted from the start or the end: ``20th``, ``last``, ``3rd-to-last``.

    >>> [position_word(k) for k in (1, 20, -1, -3)]
    ['1st', '20th', 'last', '3rd-to-last']
    """
    if k > 0:
        return ordinal_word(k)
    return "last" if k == -1 else f"{ordinal_word(-k)}-to-last"


def ordinal_word(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``22nd`` ...

    >>> [ordinal_word(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']
    """
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def january_first(year: int) -> int:
    """The ordinal of January 1st of ``year``, counted rather than built with ``date``
    (year 10000 has one too).

    >>> january_first(2026) == date(2026, 1, 1).toordinal()
    True
    """
    before = year - 1
    return before * 365 + before // 4 - before // 100 + before // 400 + 1


def week_one_start(year: int, week_start: int = 0) -> int:
    """The ordinal of the first day of week 1 of ``year``: the first week, starting on
    ``week_start`` (0 = Monday), with at least four of its days in the year (ISO 8601 when
    weeks start on Monday; RFC 5545's WKST moves the start).

    >>> date.fromordinal(week_one_start(2027)).isoformat()
    '2027-01-04'
    >>> week_one_start(10000) - week_one_start(9999)  # the year after 9999 still has a week 1
    364
    """
    # Counted, not built with date(): the last weeks of 9999 ask where year 10000 begins.
    first = january_first(year)
    before = (weekday_of(first) - week_start) % 7  # days of the week in last year
    start = first - before
    return start + 7 if before > 3 else start


def week_number(ordinal: int, week_start: int = 0) -> tuple[int, int]:
    """``(week number 1-53, weeks in its week-year)`` of day ``ordinal``; a week belongs
    to the year that holds at least four of its days, so early January can be in the last
    week of the year before and late December in week 1 of the next.

    >>> week_number(date(2027, 1, 1).toordinal()), week_number(date(2026, 12, 31).toordinal())
    ((53, 53), (53, 53))
    """
    year = date.fromordinal(ordinal).year
    first = week_one_start(year, week_start)
    if ordinal < first:
        year -= 1
        first = week_one_start(year, week_start)
    else:
        following = week_one_start(year + 1, week_start)
        if ordinal >= following:
            year, first = year + 1, following
    weeks = (week_one_start(year + 1, week_start) - first) // 7
    return (ordinal - first) // 7 + 1, weeks


def year_part_days(year: int, year_days: Collection[int], week_numbers: Collection[int],
                   week_start: int = 0, year_weekdays: Collection[tuple[int, int]] = ()
                   ) -> frozenset[int]:
    """The days of ``year`` (0 for January 1st) that its year parts leave, as
    :func:`in_year_parts` decides day by day, found from the parts instead: the cost
    grows with the days they name, not with the days of the year.

    >>> sorted(year_part_days(2026, [1, -1], []))
    [0, 364]
    >>> sorted(year_part_days(2027, [], [53]))  # 2027-01-01..03 are in 2026's week 53
    [0, 1, 2]
    """
    first_day = january_first(year)
    length = 366 if is_leap(year) else 365
    kept: set[int] | None = None
    if year_days:
        kept = {number - 1 if number > 0 else length + number for number in year_days
                if -length <= number <= length}
    if week_numbers:
        weeks_kept: set[int] = set()
        # The days of the year lie in the last week-year, this one and the next.
        for week_year in (year - 1, year, year + 1):
            first = week_one_start(week_year, week_start) - first_day
            weeks = (week_one_start(week_year + 1, week_start) - first_day - first) // 7
            for number in week_numbers:
                week = number if number > 0 else weeks + 1 + number
                if 1 <= week <= weeks:
                    start = first + 7 * (week - 1)
                    weeks_kept.update(range(max(start, 0), min(start + 7, length)))
        kept = weeks_kept if kept is None else kept & weeks_kept
    if year_weekdays:
        weekday_kept: set[int] = set()
        for weekday, k in year_weekdays:
            first = (weekday - weekday_of(first_day)) % 7
            count = (length - 1 - first) // 7 + 1
            if 1 <= k <= count:
                weekday_kept.add(first + 7 * (k - 1))
            elif -count <= k <= -1:
                weekday_kept.add(first + 7 * (count + k))
        kept = weekday_kept if kept is None else kept & weekday_kept
    return frozenset(kept or ())


def in_year_parts(days: Iterable[int], year: int, month: int, year_days: Collection[int],
                  week_numbers: Collection[int], week_start: int = 0,
                  year_weekdays: Collection[tuple[int, int]] = ()) -> tuple[int, ...]:
    """The ``days`` of ``year``-``month`` whose day of the year is one of ``year_days``,
    whose week is one of ``week_numbers`` and which are the k-th weekday of the year for
    a ``(weekday, k)`` of ``year_weekdays`` (an empty collection restricts nothing;
    negative numbers count from the end: -1 is the last day, the last week, the last
    Monday of the year).

    >>> in_year_parts(range(1, 32), 2026, 12, [-1, 350], [])
    (16, 31)
    >>> in_year_parts(range(1, 32), 2027, 1, [], [53])  # 2027-01-01..03 are in 2026's week 53
    (1, 2, 3)
    >>> in_year_parts(range(1, 31), 2026, 11, [], [], 0, [(0, -8), (0, 46)])  # Mondays
    (9, 16)
    """
    january_first = date(year, 1, 1).toordinal()
    length = 366 if is_leap(year) else 365
    day_zero = date(year, month, 1).toordinal() - 1
    kept = []
    for day in days:
        ordinal = day_zero + day
        if year_days:
            index = ordinal - january_first + 1
            if index not in year_days and index - length - 1 not in year_days:
                continue
        if week_numbers:
            number, weeks = week_number(ordinal, week_start)
            if number not in week_numbers and number - weeks - 1 not in week_numbers:
                continue
        if year_weekdays:
            index = ordinal - january_first  # 0-based day of the year
            weekday = weekday_of(ordinal)
            from_start = index // 7 + 1
            # This weekday's occurrences in the year: from its first day to the last.
            count = (length - 1 - index % 7) // 7 + 1
            if ((weekday, from_start) not in year_weekdays
                    and (weekday, from_start - count - 1) not in year_weekdays):
                continue
        kept.append(day)
    return tuple(kept)
