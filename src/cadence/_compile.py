"""IR -> lookup tables the evaluator walks.

A rule compiles to the sorted times of day it fires at and a cache of the matching
days of each month. Which days of a month match depends only on the month's length and
the weekday of its first day (its *shape*), so at most 28 day sets are ever computed.

Without a period or a list of years, a rule's days depend on the year's place in the
400-year Gregorian cycle alone: a walk that meets barren years jumps to the cycle's next
year with matching days, and a rule with few occurrences (15 in 400 years for a leap day
that is a Monday) lays out a whole cycle of them once, which the evaluator walks
straight from one occurrence to the next.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from functools import cache
from math import gcd

from ._calendar import (
    CALENDAR_CYCLE_YEARS,
    DAYS_BEFORE_MONTH,
    DAYS_IN_MONTH,
    MAX_YEAR,
    MIN_YEAR,
    UNIT_SECONDS,
    UNITS_PER_CYCLE,
    is_leap,
    year_part_days,
)
from ._calendar import january_first as _january_first  # locals take the plain name
from ._times import Deltas, Offsets, TimesOfDay
from .ir import Period, Rule

__all__ = ["EVERY_DAY", "CompiledRule", "Cycle", "day_parts_number", "shape_days"]

_DELTAS: dict[int, timedelta] = {}
#: Times of day (seconds, and the same as timedeltas) by (hours, minutes, seconds),
#: shared by rules with the same time parts: every ``* * * * *`` needs the same 1,440.
#: Tables longer than _SHARED_TIMES_SIZE are not kept (every second of the day would
#: hold 86,400 of each).
_TIME_TABLES: dict[tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]],
                   tuple[tuple[int, ...], tuple[timedelta, ...]]] = {}
_TIME_TABLES_SIZE = 1024
_SHARED_TIMES_SIZE = 1440
#: Day offsets whose times of day a rule with a sub-day period keeps.
_TIMES_CACHE_SIZE = 4096
#: The most occurrences a month's precomputed offsets hold (a month of an every-minute
#: rule would need 44,640: those months are walked a day at a time instead).
_MONTH_DELTAS_SIZE = 2048
#: Kinds of year whose tables a rule keeps (years with weekly periods have many kinds).
_YEAR_CACHE_SIZE = 4096

_MonthOffsets = tuple[tuple[int, ...], tuple[timedelta, ...]]


class MonthRow:
    """One month of a year's table: its matching days, where its day 0 lies from
    January 1st, and its occurrences as offsets from its first midnight (laid out when
    a walk first needs them: a single ``next`` needs one month's, not a year's)."""

    __slots__ = ("days", "laid_out", "month", "offset")

    def __init__(self, month: int, offset: int, days: tuple[int, ...]) -> None:
        self.month = month
        self.offset = offset
        self.days = days
        self.laid_out: _MonthOffsets | None = None


_YearTable = tuple[MonthRow, ...]
#: A 400-year cycle's occurrences: local seconds from its first midnight, and the same
#: as timedeltas (see :meth:`CompiledRule.lay_out_cycle`).
Cycle = tuple[tuple[int, ...], tuple[timedelta, ...]]
#: The first day of each month as a day of the year (0 for January 1st), common and
#: leap years.
_MONTH_STARTS = {leap: tuple(DAYS_BEFORE_MONTH[month] + (leap and month > 2)
                             for month in range(1, 13)) for leap in (False, True)}


def _delta(second_of_day: int) -> timedelta:
    """A shared timedelta per second of the day: schedules reuse the same few thousand."""
    found = _DELTAS.get(second_of_day)
    if found is None:
        found = _DELTAS[second_of_day] = timedelta(seconds=second_of_day)
    return found


class CompiledRule:
    """Lookup tables for one :class:`Rule`; pure apart from its caches."""

    __slots__ = (
        "_cycle_days",
        "_cycle_tried",
        "_deltas",
        "_deltas_reversed",
        "_fruitful_residues",
        "_last_year_parts",
        "_month_deltas",
        "_parts_number",
        "_residues",
        "_shape_cache",
        "_times_cache",
        "_times_key",
        "_year_cache",
        "_year_parts_cache",
        "cycle",
        "cycle_years",
        "excluded",
        "filtered",
        "months",
        "period",
        "rule",
        "seconds_of_day",
        "varying_times",
        "year_parts",
        "years",
    )

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self._times_key = (rule.hours, rule.minutes, rule.seconds)
        shared = _TIME_TABLES.get(self._times_key)
        self.seconds_of_day: Sequence[int]
        self._deltas: Deltas | None = None
        self._deltas_reversed: Deltas | None = None
        if shared is not None:
            self.seconds_of_day, self._deltas = shared
        elif len(rule.hours) * len(rule.minutes) * len(rule.seconds) > _SHARED_TIMES_SIZE:
            # Too many to list (every second of the day is 86,400): computed when asked.
            dense = TimesOfDay(rule.hours, rule.minutes, rule.seconds)
            self.seconds_of_day = dense
            self._deltas, self._deltas_reversed = Offsets(dense), Offsets(dense, reverse=True)
        else:
            self.seconds_of_day = tuple(hour * 3600 + minute * 60 + second
                                        for hour in rule.hours
                                        for minute in rule.minutes
                                        for second in rule.seconds)
        self.months = rule.months
        self.years = rule.years
        #: Ordinals of the dates the rule skips (empty for most rules).
        self.excluded = frozenset(day.toordinal() for day in rule.excluded_dates)
        self._shape_cache: dict[int, tuple[int, ...]] = {}
        self._parts_number: int | None = None  # see day_parts_number
        #: Years of the 400-year cycle with a matching day (as ``(year - 1) % 400``) and
        #: the matching days the cycle holds, once a walk needs them.
        self._fruitful_residues: tuple[int, ...] | None = None
        self._cycle_days = 0
        #: A rule with few occurrences: all of a 400-year cycle's, once a walk has been
        #: through a few years (see :meth:`lay_out_cycle`).
        self.cycle: Cycle | None = None
        self._cycle_tried = False
        self._month_deltas: dict[tuple[int, ...],
                                  tuple[tuple[int, ...], tuple[timedelta, ...]]] = {}
        #: Days of the year the year parts leave, by kind of year (see _year_kind).
        self._year_parts_cache: dict[tuple[int, bool, bool, bool], frozenset[int]] = {}
        self._last_year_parts: tuple[int, frozenset[int]] = (0, frozenset())
        self.period = rule.period
        self.year_parts = rule.has_year_parts
        #: Whether a month's days need more than its shape: year parts or a period.
        self.filtered = self.year_parts or self.period is not None
        #: Whether the times of day depend on the day (a period shorter than a day that
        #: does not divide it, such as every 5 hours).
        self.varying_times = self.period is not None and self.period.unit in UNIT_SECONDS
        self._times_cache: dict[int, tuple[tuple[int, ...], tuple[timedelta, ...],
                                           tuple[timedelta, ...]]] = {}
        self._residues: tuple[int, list[int], frozenset[int]] | None = None
        #: Each kind of year's months with matching days (see :meth:`_year_months`).
        self._year_cache: dict[tuple[int, ...], _YearTable] = {}
        #: After this many years without a matching day, none ever comes.
        self.cycle_years = CALENDAR_CYCLE_YEARS * _cycle_factor(self.period)

    def times_on(self, ordinal: int) -> tuple[Sequence[int], Deltas, Deltas]:
        """``(seconds of day, deltas, deltas reversed)`` that fire on day ``ordinal``."""
        period = self.period
        if not self.varying_times or period is None:
            return self.seconds_of_day, self.deltas, self.deltas_reversed
        unit = UNIT_SECONDS[period.unit]
        length = unit * period.every
        offset = (ordinal - 1) * 86400 % length
        found = self._times_cache.get(offset)
        if found is None:
            seconds = self._seconds_in_phase(offset, unit, length, period.phase)
            deltas = tuple(_delta(second) for second in seconds)
            found = (seconds, deltas, deltas[::-1])
            # A long period has as many day offsets as days in its cycle: cache a few.
            if len(self._times_cache) < _TIMES_CACHE_SIZE:
                self._times_cache[offset] = found
        return found

    def _seconds_in_phase(self, offset: int, unit: int, length: int, phase: int
                          ) -> tuple[int, ...]:
        """The times of day (seconds) that fall in a selected period, on a day that
        starts ``offset`` seconds into the ``length``-second cycle of periods."""
        every_second = self.seconds_of_day
        if 86400 // length + 2 >= len(every_second):  # many short periods: test each time
            return tuple(second for second in every_second
                         if (offset + second) % length // unit == phase)
        # The selected period is [start, start + unit) of the day, shifted by cycles.
        start = phase * unit - offset
        start += ((-start - unit) // length + 1) * length  # the first one ending after 0
        found: list[int] = []
        while start < 86400:
            low = bisect_left(every_second, max(start, 0))
            high = bisect_left(every_second, min(start + unit, 86400))
            found.extend(every_second[low:high])
            start += length
        return tuple(found)

    def fires_at_some_time(self) -> bool:
        """Whether some day has a time that fires (a sub-day period can select none)."""
        period = self.period
        if not self.varying_times or period is None:
            return True
        length = UNIT_SECONDS[period.unit] * period.every
        days = length // gcd(length, 86400)
        return any(self.times_on(1 + day)[0] for day in range(days))

    @property
    def deltas(self) -> Deltas:
        """Each time of day as an offset from midnight, for wall-clock arithmetic."""
        if self._deltas is None:
            deltas = self._deltas = tuple(map(_delta, self.seconds_of_day))
            if len(_TIME_TABLES) < _TIME_TABLES_SIZE and isinstance(self.seconds_of_day, tuple):
                _TIME_TABLES[self._times_key] = (self.seconds_of_day, deltas)
            return deltas
        return self._deltas

    @property
    def deltas_reversed(self) -> Deltas:
        if self._deltas_reversed is None:
            self._deltas_reversed = tuple(self.deltas)[::-1]
        return self._deltas_reversed

    def month_days(self, year: int, month: int) -> tuple[int, ...]:
        """Matching days of ``year``-``month``, ascending."""
        return self._days_of(_january_first(year), is_leap(year), month)[1]

    def _days_of(
        self, january_first: int, leap: bool, month: int
    ) -> tuple[int, tuple[int, ...]]:
        """``(ordinal of the month's day 0, matching days)`` for a month of a year."""
        first_ordinal = january_first + DAYS_BEFORE_MONTH[month]
        length = DAYS_IN_MONTH[month]
        if leap and month >= 2:
            first_ordinal += month > 2
            length += month == 2
        # Ordinal 1 (0001-01-01) was a Monday, weekday 0.
        first_weekday = (first_ordinal - 1) % 7
        shape = first_weekday * 32 + length
        days = self._shape_cache.get(shape)
        if days is None:
            days = self._shape_cache[shape] = self._days_of_shape(length, first_weekday)
        if days and self.filtered:  # one test on the hot path for every later filter
            days = self._filter(days, january_first, first_ordinal - 1, month)
        return first_ordinal - 1, days

    def _days_of_shape(self, length: int, first_weekday: int) -> tuple[int, ...]:
        """The rule's days in a month shape, from the cache shared by rules with the
        same day parts."""
        if self._parts_number is None:
            self._parts_number = day_parts_number(self.rule)
        return shape_days(self.rule, self._parts_number, length, first_weekday)

    def _filter(self, days: tuple[int, ...], january_first: int, day_zero: int, month: int
                ) -> tuple[int, ...]:
        """The ``days`` of a month that the rule's year parts and period leave."""
        if self.year_parts:  # days of the year and week numbers depend on the year
            allowed = self._year_part_days(january_first)
            offset = day_zero - january_first
            days = tuple(day for day in days if offset + day in allowed)
        period = self.period
        if period is not None and days and not self.varying_times:
            days = _in_period(period, days, day_zero, january_first, month)
        elif days and self.varying_times:
            days = self._days_with_times(days, day_zero)
        return days

    def _year_part_days(self, january_first: int) -> frozenset[int]:
        """The days of the year holding ``january_first`` (0 for January 1st) that the
        rule's year parts leave, kept by kind of year."""
        last = self._last_year_parts
        if last[0] == january_first:  # a year's months ask one after the other
            return last[1]
        year = date.fromordinal(january_first).year
        key = _year_kind(year, january_first)
        found = self._year_parts_cache.get(key)
        if found is None:
            rule = self.rule
            found = year_part_days(year, rule.year_days, rule.week_numbers, rule.week_start,
                                   rule.year_weekdays)
            self._year_parts_cache[key] = found  # at most 112 kinds
        self._last_year_parts = (january_first, found)
        return found

    def _days_with_times(self, days: tuple[int, ...], day_zero: int) -> tuple[int, ...]:
        """The ``days`` of a month (day 0 = ordinal ``day_zero``) on which a sub-day
        period leaves some time of day: the walk then skips the others a month at a
        time instead of a day at a time (every 10**6 hours would visit every day)."""
        cycle, residues, good = self._residue_table()
        if len(residues) == cycle:
            return days
        if cycle <= 62 or 8 * len(residues) >= cycle:
            return tuple(day for day in days if (day_zero + day - 1) % cycle in good)
        start = day_zero % cycle  # the residue of day 1
        keep: set[int] = set()
        for low, high, shift in ((start, start + 31, 0), (0, start + 31 - cycle, cycle)):
            index = bisect_left(residues, low)
            while index < len(residues) and residues[index] < high:
                keep.add(residues[index] + shift - start + 1)
                index += 1
        return tuple(day for day in days if day in keep)

    def _residue_table(self) -> tuple[int, list[int], frozenset[int]]:
        """``(cycle, residues, the same as a set)``: day ordinal ``d`` of a rule with a
        sub-day period has some time of day that fires iff ``(d - 1) % cycle`` is one
        of the residues (the period's phase at midnight repeats every ``cycle`` days)."""
        if self._residues is None:
            period = self.period
            assert period is not None
            unit = UNIT_SECONDS[period.unit]
            length = unit * period.every
            start = period.phase * unit
            step = gcd(length, 86400)  # midnights fall on multiples of it in the cycle
            cycle = length // step
            inverse = pow(86400 // step, -1, cycle) if cycle > 1 else 0
            offsets: set[int] = set()
            for second in self.seconds_of_day:
                # Midnight offsets o (multiples of step) with (o + second) in the period.
                low = start - second
                first = -(-low // step) * step
                offsets.update((offset % length) // step
                               for offset in range(first, low + unit, step))
            residues = sorted({offset * inverse % cycle for offset in offsets})
            self._residues = (cycle, residues, frozenset(residues))
        return self._residues

    def _year_at_or_after(self, year: int) -> int | None:
        if self.years is None:
            return year if year <= MAX_YEAR else None
        index = bisect_left(self.years, year)
        return self.years[index] if index < len(self.years) else None

    def _year_at_or_before(self, year: int) -> int | None:
        if self.years is None:
            return year if year >= MIN_YEAR else None
        index = bisect_right(self.years, year)
        return self.years[index - 1] if index else None

    def days_forward(self, year: int, month: int, day: int) -> Iterator[tuple[int, int, int, int]]:
        """Matching days on or after the given date: ``(year, month, day, ordinal)``.

        Stops after year 9999, at the end of the listed years, or after a whole
        calendar cycle without a match.
        """
        for current, month_of, day_zero, days, start, _ in self.months_forward(year, month, day):
            for matching in days[start:]:
                yield current, month_of, matching, day_zero + matching

    def months_forward(self, year: int, month: int, day: int, hand_over: bool = False
                       ) -> Iterator[tuple[int, int, int, tuple[int, ...], int, MonthRow]]:
        """The months with matching days on or after the given date: ``(year, month,
        ordinal of the month's day 0, matching days, index of the first one on or after
        the date, the month's row)``. Stops as :meth:`days_forward` does, and with
        ``hand_over`` also between two years once the rule has a :attr:`cycle` (the
        walk then goes on through it)."""
        years = _YearSteps(self, 1, hand_over)
        current = self._year_at_or_after(year)
        if current != year:
            month, day = 1, 1
        while current is not None:
            found = False
            january_first = _january_first(current)
            rows = (self._year_months(current, january_first) if month == 1
                    else self._months_from(current, january_first, month))
            for row in rows:
                month_of, days = row.month, row.days
                if month_of < month:
                    continue
                start = bisect_left(days, day) if month_of == month else 0
                if start < len(days):
                    found = True
                    yield current, month_of, january_first + row.offset, days, start, row
            month, day = 1, 1
            current = years.after(current, found)

    def _fruitful_year(self, year: int, step: int) -> int | None:
        """The first year from ``year`` on (``step`` 1) or back (-1) with a matching day,
        within years 1-9999, for a rule whose days depend on the year's place in the
        400-year cycle alone."""
        residues = self._fruitful_cycle()
        if not residues:
            return None
        residue = (year - 1) % CALENDAR_CYCLE_YEARS
        cycle_start = year - residue
        if step > 0:
            index = bisect_left(residues, residue)
            found = (cycle_start + residues[index] if index < len(residues)
                     else cycle_start + CALENDAR_CYCLE_YEARS + residues[0])
            return found if found <= MAX_YEAR else None
        index = bisect_right(residues, residue)
        found = (cycle_start + residues[index - 1] if index
                 else cycle_start - CALENDAR_CYCLE_YEARS + residues[-1])
        return found if found >= MIN_YEAR else None

    def _fruitful_cycle(self) -> tuple[int, ...]:
        """The years of the 400-year cycle with a matching day, as ``(year - 1) % 400``
        (also counting the cycle's matching days into ``_cycle_days``), for a rule with
        no period: one table per kind of year. Shared by rules with the same months and
        day parts."""
        residues = self._fruitful_residues
        if residues is None:
            key = self._shared_key()
            shared = _CENSUSES.get(key) if key is not None else None
            if shared is None:
                found: list[int] = []
                total = 0
                for kind_residues in _kind_residues().values():
                    year = _CYCLE_FIRST_YEAR + kind_residues[0]
                    days = sum(len(row.days) for row in self._year_months(
                        year, _january_first(year)))
                    if days:
                        found.extend(kind_residues)
                        total += days * len(kind_residues)
                shared = (tuple(sorted(found)), total)
                if key is not None and len(_CENSUSES) < _SHARED_CYCLES_SIZE:
                    _CENSUSES[key] = shared
            residues, self._cycle_days = shared
            self._fruitful_residues = residues
        return residues

    def _shared_key(self) -> tuple[object, ...] | None:
        """What a rule's cycle of days depends on, for rules without year parts (whose
        days depend on the year parts too): its months and its day parts."""
        if self.filtered:
            return None
        if self._parts_number is None:
            self._parts_number = day_parts_number(self.rule)
        return (self._parts_number, self.months) if self._parts_number >= 0 else None

    def lay_out_cycle(self, year: int, walked: int) -> bool:
        """Lay out every occurrence of a 400-year cycle as :attr:`cycle`, for a rule with
        few (at most ``_CYCLE_SIZE``; no period, years or excluded dates), once a walk
        has been through ``walked`` years with matching days (``year`` the last): when
        laying them out costs about what walking those years did. Whether the rule has
        them now.

        The cycle is ``(local seconds from the cycle's first midnight, the same as
        timedeltas)``, ascending; cycles start on January 1st of years 1, 401, 801...
        """
        if self.cycle is not None:
            return True
        if (self._cycle_tried or self.period is not None or self.years is not None
                or self.excluded):
            return False
        times = len(self.seconds_of_day)
        if self._fruitful_residues is None and times * CALENDAR_CYCLE_YEARS * sum(
                len(row.days) for row in self._year_months(year, _january_first(year))
        ) > _DENSE_YEAR_FACTOR * _CYCLE_SIZE:  # a dense rule, told without counting
            self._cycle_tried = True
            return False
        residues = self._fruitful_cycle()
        occurrences = self._cycle_days * times
        if occurrences > _CYCLE_SIZE:
            self._cycle_tried = True
            return False
        if occurrences > max(_CYCLE_AT_ONCE, _LAID_OUT_PER_YEAR * walked):
            return False
        key = self._shared_key()
        shared_key = (key, self._times_key) if key is not None else None
        cycle = _CYCLES.get(shared_key) if shared_key is not None else None
        if cycle is None:
            # A year's occurrences from its January 1st, once per kind of year, then each
            # year's moved to where its January 1st lies in the cycle.
            by_kind: dict[tuple[int, bool, bool, bool], tuple[list[int], list[timedelta]]] = {}
            kinds, starts = _cycle_kinds(), _cycle_starts()
            seconds: list[int] = []
            deltas: list[timedelta] = []
            for residue in residues:
                kind, january_first = kinds[residue]
                in_year = by_kind.get(kind)
                if in_year is None:
                    offsets = [(row.offset + day) * 86400 + second for row in self._year_months(
                        _CYCLE_FIRST_YEAR + residue, january_first) for day in row.days
                        for second in self.seconds_of_day]
                    in_year = by_kind[kind] = (offsets, [timedelta(seconds=offset)
                                                         for offset in offsets])
                start, start_delta = starts[residue]
                seconds.extend(map(start.__add__, in_year[0]))
                deltas.extend(map(start_delta.__add__, in_year[1]))
            cycle = (tuple(seconds), tuple(deltas))
            if shared_key is not None and len(_CYCLES) < _SHARED_CYCLES_SIZE:
                _CYCLES[shared_key] = cycle
        self.cycle = cycle
        return True

    def year_rows(self, year: int) -> tuple[int, _YearTable]:
        """``(ordinal of January 1st, a row for each month with matching days)`` of
        ``year`` (no rows for a year the rule does not list); the rows are kept by kind
        of year (see :meth:`_year_months`), so a walk over years meets each kind once."""
        january_first = _january_first(year)
        if self._year_at_or_after(year) != year:
            return january_first, ()
        return january_first, self._year_months(year, january_first)

    def _months_from(self, year: int, january_first: int, month: int
                     ) -> Iterable[MonthRow]:
        """The rows of ``year`` from ``month`` on: from its table when that is kept,
        else made one by one (a single ``next`` then makes one or two, not twelve)."""
        leap = is_leap(year)
        key = self._year_key(year, january_first, leap)
        if (key is not None and key in self._year_cache) or self.year_parts:
            return self._year_months(year, january_first)
        months = self.months
        return self._rows(january_first, leap, months[bisect_left(months, month):])

    def _rows(self, january_first: int, leap: bool, months: Iterable[int]
              ) -> Iterator[MonthRow]:
        """A :class:`MonthRow` for each of ``months`` with a matching day."""
        for month in months:
            day_zero, days = self._days_of(january_first, leap, month)
            if days:
                yield MonthRow(month, day_zero - january_first, days)

    def _year_months(self, year: int, january_first: int) -> _YearTable:
        """A :class:`MonthRow` for each month of ``year`` with a matching day.

        Which days match depends on the kind of year alone (the weekday of January 1st,
        whether it is a leap year, and for year parts whether the years around it are:
        week numbers reach into them) and on where a period's cycle stands: tables are
        kept by those, so a walk over many years computes each kind once.
        """
        leap = is_leap(year)
        key = self._year_key(year, january_first, leap)
        table = self._year_cache.get(key) if key is not None else None
        if table is None:
            months = self.months
            if self.year_parts:  # only the months holding a day the year parts leave
                starts = _MONTH_STARTS[leap]
                held = {bisect_right(starts, day) for day in self._year_part_days(
                    january_first)}
                months = tuple(month for month in months if month in held)
            table = tuple(self._rows(january_first, leap, months))
            if key is not None and len(self._year_cache) < _YEAR_CACHE_SIZE:
                self._year_cache[key] = table
        return table

    def _year_key(self, year: int, january_first: int, leap: bool) -> tuple[int, ...] | None:
        """What a year's table depends on (``None``: too many kinds to keep)."""
        kind = _year_kind(year, january_first) if self.year_parts else (
            (january_first - 1) % 7, leap)
        period = self.period
        if self.varying_times:
            cycle = self._residue_table()[0]
            return (*kind, january_first % cycle) if cycle <= _YEAR_CACHE_SIZE else None
        if period is None:
            return kind
        every = period.every
        if period.unit == "year":
            return (*kind, year % every == period.phase)
        if period.unit == "month":
            return (*kind, year * 12 % every)
        cycle = every * 7 if period.unit == "week" else every
        return (*kind, january_first % cycle) if cycle <= _YEAR_CACHE_SIZE else None

    @property
    def walks_by_month(self) -> bool:
        """Whether a month's occurrences can be laid out at once (few times a day, the
        same every day, no excluded dates): see :meth:`month_offsets`."""
        return (not self.varying_times and not self.excluded
                and 31 * len(self.seconds_of_day) <= _MONTH_DELTAS_SIZE)

    def laid_out(self, row: MonthRow) -> _MonthOffsets:
        """The row's :meth:`month_offsets`, kept on the row."""
        found = row.laid_out
        if found is None:
            found = row.laid_out = self.month_offsets(row.days)
        return found

    def month_offsets(self, days: tuple[int, ...]
                      ) -> tuple[tuple[int, ...], tuple[timedelta, ...]]:
        """Every occurrence of a month with these matching days as seconds from the
        month's first midnight and as the same offsets in timedeltas, ascending."""
        found = self._month_deltas.get(days)
        if found is None:
            seconds = tuple((day - 1) * 86400 + second for day in days
                            for second in self.seconds_of_day)
            # A day's offset plus a time's: adding timedeltas is quicker than building
            # each from its seconds.
            times = self.deltas
            found = (seconds, tuple(_DAY_DELTAS[day] + time for day in days for time in times))
            if len(self._month_deltas) < 64:
                self._month_deltas[days] = found
        return found

    def days_backward(self, year: int, month: int, day: int, hand_over: bool = False
                      ) -> Iterator[tuple[int, int, int, int]]:
        """Matching days on or before the given date, newest first; stops as
        :meth:`months_forward` does."""
        years = _YearSteps(self, -1, hand_over)
        current = self._year_at_or_before(year)
        if current != year:
            month, day = 12, 31
        while current is not None:
            found = False
            january_first = _january_first(current)
            for row in reversed(self._year_months(current, january_first)):
                month_of, days = row.month, row.days
                if month_of > month:
                    continue
                stop = bisect_right(days, day) if month_of == month else len(days)
                if stop:
                    found = True
                    day_zero = january_first + row.offset
                    for matching in reversed(days[:stop]):
                        yield current, month_of, matching, day_zero + matching
            month, day = 12, 31
            current = years.after(current, found)


class _YearSteps:
    """Where a walk over the years (``step`` 1 forward, -1 backward) goes next: to the
    next year, or through the 400-year cycle to the next year with matching days; with
    ``hand_over``, nowhere once the plan has laid out its cycle, through which the walk
    then goes on."""

    __slots__ = ("barren", "fruitful", "hand_over", "plan", "step")

    def __init__(self, plan: CompiledRule, step: int, hand_over: bool) -> None:
        self.plan = plan
        self.step = step
        self.hand_over = hand_over
        self.barren = 0  # years without matching days in a row
        self.fruitful = 0  # years with matching days in all

    def after(self, year: int, found: bool) -> int | None:
        """The year after ``year`` (where the walk ``found`` matching days or not), or
        ``None``: past the calendar, after a whole cycle without a match, or handed over."""
        plan = self.plan
        if found:
            self.barren = 0
            self.fruitful += 1
            asks = not self.fruitful % _YEARS_BETWEEN_LAY_OUTS
        else:
            self.barren += 1
            if self.barren > plan.cycle_years:
                return None
            asks = self.barren == _BARREN_BEFORE_JUMPING
        if self.hand_over and asks and plan.lay_out_cycle(year, self.fruitful):
            return None
        step = self.step
        # Through the cycle once a few barren years come in a row (a leap day that is a
        # Monday fires one year in 28) or the cycle's barren years are known, if the
        # rule's days depend on the year's place in the cycle alone.
        residues = plan._fruitful_residues
        if ((self.barren >= _BARREN_BEFORE_JUMPING
             or (residues is not None and len(residues) < CALENDAR_CYCLE_YEARS))
                and plan.period is None and plan.years is None):
            self.barren = 0
            return plan._fruitful_year(year + step, step)
        return (plan._year_at_or_after(year + 1) if step > 0
                else plan._year_at_or_before(year - 1))


def _year_kind(year: int, january_first: int) -> tuple[int, bool, bool, bool]:
    """What decides the days a year's year parts pick: the weekday of January 1st,
    whether the year is a leap year, and whether the years around it are (week numbers
    reach into the week-years before and after)."""
    return (january_first - 1) % 7, is_leap(year), is_leap(year - 1), is_leap(year + 1)


#: Day ``n`` of a month as an offset from its first midnight.
_DAY_DELTAS = tuple(timedelta(days=day - 1) for day in range(32))
#: Days each rule's day parts pick in each month shape, shared by rules with the same
#: day parts (most rules have none, or Monday to Friday...).
_SHAPES: dict[tuple[int, int, int], tuple[int, ...]] = {}
_SHAPES_SIZE = 8192


#: A number for each rule's day parts, so that the shape cache's keys hash quickly.
_DAY_PARTS: dict[tuple[object, ...], int] = {}


def shape_days(rule: Rule, number: int, length: int, first_weekday: int
               ) -> tuple[int, ...]:
    """The days ``rule``'s day parts pick in a month of ``length`` days whose day 1 is
    ``first_weekday``, from the cache shared by rules with the same day parts (whose
    :func:`day_parts_number` is ``number``)."""
    if number < 0:
        return rule.days_of_shape(length, first_weekday)
    key = (number, length, first_weekday)
    found = _SHAPES.get(key)
    if found is None:
        found = rule.days_of_shape(length, first_weekday)
        if len(_SHAPES) < _SHAPES_SIZE:
            _SHAPES[key] = found
    return found


#: Every day of a month, by its length.
EVERY_DAY = {length: tuple(range(1, length + 1)) for length in (28, 29, 30, 31)}


def day_parts_number(rule: Rule) -> int:
    """The number of the rule's day parts in :data:`_DAY_PARTS` (-1: not kept)."""
    month_days, weekdays = rule.month_days, rule.weekdays
    # Rules read from text share their day parts: found by identity first, without
    # hashing them (the table keeps them alive, so an id there is never reused).
    key = (id(month_days), id(weekdays), rule.day_match)
    known = _PARTS_BY_ID.get(key)
    if known is not None and known[1] is month_days and known[2] is weekdays:
        return known[0]
    parts = (month_days, weekdays, rule.day_match)
    number = _DAY_PARTS.get(parts)
    if number is None:
        if len(_DAY_PARTS) >= _SHAPES_SIZE:
            return -1
        number = _DAY_PARTS[parts] = len(_DAY_PARTS)
    if len(_PARTS_BY_ID) < _SHAPES_SIZE:
        _PARTS_BY_ID[key] = (number, month_days, weekdays)
    return number


_PARTS_BY_ID: dict[tuple[int, int, str], tuple[int, object, object]] = {}


#: Barren years in a row after which a walk jumps through the cycle (a yearly rule
#: never has that many; a leap day that is a Monday has 27).
_BARREN_BEFORE_JUMPING = 3
#: The most occurrences a laid-out cycle holds (a yearly rule has 400, a leap day that
#: is a Monday 15 a time of day; one a month would be 4,800).
_CYCLE_SIZE = 1024
#: A year with more occurrences than this many cycles' worth shows a dense rule before
#: its cycle is counted.
_DENSE_YEAR_FACTOR = 4
#: Laying out a cycle costs about what walking this many of its occurrences does: a
#: walk lays it out once it has been through that many years with matching days per
#: occurrence laid out (a yearly rule's after 50 years, a single ``next`` never), or
#: at once for a cycle of _CYCLE_AT_ONCE occurrences or fewer.
_LAID_OUT_PER_YEAR = 8
_CYCLE_AT_ONCE = 64
#: How often (in years with matching days) a walk asks whether to lay out its cycle,
#: besides at each jump over barren years.
_YEARS_BETWEEN_LAY_OUTS = 16
#: The 400-year cycles' fruitful years and laid-out occurrences shared by rules with the
#: same months and day parts (and times of day), by :meth:`CompiledRule._shared_key`.
_CENSUSES: dict[tuple[object, ...], tuple[tuple[int, ...], int]] = {}
_CYCLES: dict[tuple[object, ...], Cycle] = {}
_SHARED_CYCLES_SIZE = 256
#: Years 2001-2400 stand for every 400-year cycle: cycles start with year 1, whose
#: January 1st is ordinal 1.
_CYCLE_FIRST_YEAR = 2001
_CYCLE_FIRST_ORDINAL = _january_first(_CYCLE_FIRST_YEAR)


@cache
def _cycle_kinds() -> tuple[tuple[tuple[int, bool, bool, bool], int], ...]:
    """``(kind of year, its January 1st)`` for years 2001-2400: every place in the
    400-year cycle (``(year - 1) % 400`` is the index)."""
    return tuple((_year_kind(year, _january_first(year)), _january_first(year))
                 for year in range(_CYCLE_FIRST_YEAR, _CYCLE_FIRST_YEAR + CALENDAR_CYCLE_YEARS))


@cache
def _kind_residues() -> dict[tuple[int, bool, bool, bool], tuple[int, ...]]:
    """The places in the 400-year cycle of each kind of year."""
    found: dict[tuple[int, bool, bool, bool], list[int]] = {}
    for residue, (kind, _) in enumerate(_cycle_kinds()):
        found.setdefault(kind, []).append(residue)
    return {kind: tuple(residues) for kind, residues in found.items()}


@cache
def _cycle_starts() -> tuple[tuple[int, timedelta], ...]:
    """Where each year's January 1st lies from the first midnight of its 400-year cycle:
    ``(seconds, the same as a timedelta)``."""
    return tuple(((january_first - _CYCLE_FIRST_ORDINAL) * 86400,
                  timedelta(days=january_first - _CYCLE_FIRST_ORDINAL))
                 for _, january_first in _cycle_kinds())


def _in_period(period: Period, days: tuple[int, ...], day_zero: int, january_first: int,
               month: int) -> tuple[int, ...]:
    """The ``days`` of a month (day 0 at ordinal ``day_zero``) in selected periods."""
    every, phase = period.every, period.phase
    if period.unit == "year":
        year = date.fromordinal(january_first).year
        return days if year % every == phase else ()
    if period.unit == "month":
        year = date.fromordinal(january_first).year
        return days if (year * 12 + month - 1) % every == phase else ()
    if period.unit == "week":
        start = 1 + period.week_start
        return tuple(day for day in days if (day_zero + day - start) // 7 % every == phase)
    return tuple(day for day in days if (day_zero + day) % every == phase)


def _cycle_factor(period: Period | None) -> int:
    """How many 400-year cycles pass before days and periods line up again."""
    if period is None:
        return 1
    if period.unit in UNITS_PER_CYCLE:
        return period.every // gcd(period.every, UNITS_PER_CYCLE[period.unit])
    length = UNIT_SECONDS[period.unit] * period.every
    days = length // gcd(length, 86400)
    return days // gcd(days, UNITS_PER_CYCLE["day"])
