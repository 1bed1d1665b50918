"""Working time a whole day at a time: kept by what decides it, summed over months and
years.

A plain rule (no count, positions, or times that change from day to day) opens
the same windows, at the same times of day, on every day it fires on. So the working
time inside a local day depends only on which of the days a window can reach back over
the rules fire on, and on the zone's clock on the days around it (one offset on most
days; on a day the clock changes, the change itself from midnight, which comes back
from year to year): a day's amount is measured once for each such pattern and kept,
by the exact walk or, where one rule's windows never overlap, by arithmetic away from
clock changes (see :mod:`cadence._dense`). A month's amount is kept by its length, the
rules' days in it, the pattern its previous days leave and its clock, a year's by the
same for its months: counting or spending working time across years costs a step a
year (at most 10,000 of them), not a step a window. The calendar's first and last days,
where windows are cut at its ends, are left to the exact walk.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta, tzinfo

from ._calendar import CALENDAR_CYCLE_YEARS, DAYS_IN_MONTH, MIN_YEAR, is_leap
from ._calendar import january_first as _january_first
from ._compile import CompiledRule, MonthRow
from ._dense import DenseRule, Measure
from ._evaluate import FIRST_ORDINAL, LAST_ORDINAL, Evaluator
from ._sets import LimitedEvaluator, Source
from ._tz import DayOffsets
from ._tzdb import ZoneSpans
from ._zones import EPOCH_ORDINAL, instant_of, is_fixed_offset, local_of

__all__ = ["DayTally", "day_tally"]

_MICRO = 1_000_000
_DAY = 86400 * _MICRO
_HOUR = 3600 * _MICRO
#: The most amounts kept of each kind (days, months, years): beyond, they are measured
#: again when met (a rule whose months all differ, such as one with week numbers).
_KEPT = 4096

_Flags = tuple[tuple[bool, ...], ...]  # per rule: whether it fires on each of some days
_Stretch = tuple[int, int, int, _Flags]  # first day, end day, working time, flags after


def day_tally(sources: Sequence[Source], zone: tzinfo, *, plain: bool,
              bounds: tuple[int | None, int | None],
              measure: Measure) -> DayTally | None:
    """A tally for the windows of ``sources`` (those with a length), or ``None`` where a
    day's working time is not decided by the days the rules fire on: ``plain`` says the
    schedule has no explicit dates or exclusions, ``bounds`` are its own (instants, in
    seconds; with the rules' own, they leave the days outside to the exact walk);
    ``measure(low, high, reach)`` is the exact working time between two instants
    (microseconds), walking from ``reach`` seconds before ``low``, or as far as a
    window can reach from anywhere with ``None``."""
    if not plain or not sources or not (
            is_fixed_offset(zone) or ZoneSpans.for_zone(zone) is not None):
        return None  # (a zone probed day by day would cost a probe a day)
    plans: list[CompiledRule] = []
    durations: list[int] = []
    start, end = bounds
    for source in sources:
        if isinstance(source, LimitedEvaluator):  # a rule's own bounds bound the tally
            walk = source.bounded_walk
            if walk is None:
                return None
            source, first, until = walk
            if first is not None:
                start = first if start is None else max(start, first)
            if until is not None:
                end = until if end is None else min(end, until)
        # Exactly a plain evaluator: counted or positioned rules fire on days their
        # tables do not show.
        if not isinstance(source, Evaluator) or type(source) is not Evaluator:
            return None
        plan = source.plan
        duration = plan.rule.duration
        if (duration is None or duration <= timedelta(0) or plan.varying_times
                or not len(plan.seconds_of_day)):
            return None
        plans.append(plan)
        durations.append(duration // timedelta(microseconds=1))
    tally = DayTally(plans, durations, zone, measure)
    if start is not None:  # days before a window can reach from the bound, exactly
        tally.first = max(tally.first, tally.day_of(start) + max(tally.back) + 2)
    if end is not None:
        tally.last = min(tally.last, tally.day_of(end) - 1)
    return tally


class DayTally:
    """Working time of whole local days, months and years (see the module's doc)."""

    __slots__ = ("_days", "_excluded", "_margin", "_measure", "_months", "_offsets", "_plans",
                 "_settled", "_year_clocks", "_years", "back", "dense", "first", "last",
                 "zone")

    def __init__(self, plans: Sequence[CompiledRule], durations: Sequence[int], zone: tzinfo,
                 measure: Measure) -> None:
        self._plans = tuple(plans)
        #: Arithmetic for a day's working time, where it applies.
        self.dense = DenseRule.of(plans, durations, zone, measure)
        self.zone = zone
        self._offsets = DayOffsets.of(zone)
        #: For each rule, how many days back a window reaching into a day can open (a
        #: day more where the clock changes: a wall-clock length is not a real one).
        fixed = is_fixed_offset(zone)
        self.back = tuple(-(-duration // _DAY) + (not fixed) for duration in durations)
        #: Days around a day whose clock its working time depends on.
        self._margin = max(self.back) + 1
        #: From the year after this one, the zone's changes repeat every 400 years.
        spans = None if fixed else ZoneSpans.for_zone(zone)
        settled = spans.settled() if spans is not None else None
        self._settled = (MIN_YEAR if settled is None else
                         date.fromordinal(min(settled // 86400 + EPOCH_ORDINAL, LAST_ORDINAL)
                                          ).year + 1)
        self._year_clocks: dict[int, object] = {}
        self._measure = measure
        self._days: dict[tuple[_Flags, object], int] = {}
        self._months: dict[object, tuple[int, _Flags]] = {}
        self._years: dict[object, tuple[int, _Flags]] = {}
        #: The first and last days each rule's excluded dates fall on (first > last: none).
        self._excluded = tuple((min(plan.excluded), max(plan.excluded)) if plan.excluded
                               else (1, 0) for plan in self._plans)
        reach = self._margin + 1
        #: The days [first, last) counted here: windows there are never cut by the
        #: calendar's ends.
        self.first = FIRST_ORDINAL + reach
        self.last = LAST_ORDINAL - reach

    def midnight(self, ordinal: int) -> int:
        """The instant (seconds) local day ``ordinal`` begins (the first of its
        midnights; the end of the jump where the clock skips it)."""
        return instant_of(datetime.fromordinal(ordinal), self.zone)[0]

    def day_of(self, instant: int) -> int:
        """The local day holding ``instant`` (seconds)."""
        return local_of(instant, self.zone).toordinal()

    def _clock(self, first: int, last: int) -> object:
        """What decides the clock of the days ``first`` to ``last`` and those around
        them that a window reaches: one offset (all of them plain), else each day's
        offset or, on a day it changes, its pieces of constant offset (from its
        midnight, on the wall clock read as UTC)."""
        offset = self._plain(first, last)
        if offset is not None:
            return offset
        low, high = first - self._margin, last + self._margin
        plain_span = self._offsets.plain_span
        span = None
        clocks: list[object] = []
        for day in range(low, high + 1):
            local = (day - EPOCH_ORDINAL) * 86400
            if span is None or not (span[0] <= local and local + 86400 <= span[1]):
                span = plain_span(local)  # (the day's span holds the next days too)
            clocks.append(span[2] if span is not None else self._changing(day, local))
        first_clock = clocks[0]
        if isinstance(first_clock, int) and clocks.count(first_clock) == len(clocks):
            return first_clock  # one offset, in spans that meet
        return tuple(clocks)

    def _plain(self, first: int, last: int) -> int | None:
        """The one offset of the days ``first`` to ``last`` and those around them that a
        window reaches, if one span of plain days holds them all."""
        low, high = first - self._margin, last + self._margin
        span = self._offsets.plain_span((low - EPOCH_ORDINAL) * 86400)
        if span is not None and span[1] >= (high + 1 - EPOCH_ORDINAL) * 86400:
            return span[2]
        return None

    def _changing(self, ordinal: int, local: int) -> object:
        """A day the clock changes on: its pieces of constant offset around it."""
        low, high = local - 3 * 86400, local + 4 * 86400
        return tuple((max(start, low) - local, min(end, high) - local, offset)
                     for start, end, offset in self._offsets.segments(ordinal)
                     if end > low and start < high)

    # -- counting and spending ----------------------------------------------------------

    def between(self, low: int, high: int) -> int:
        """Working time (microseconds) of the whole days ``[low, high)`` (ordinals
        within :attr:`first` and :attr:`last`)."""
        return sum(stretch[2] for stretch in self._stretches(low, high, self._flags(low), 0))

    def spend(self, low: int, high: int, remaining: int) -> tuple[int, int]:
        """``(day, left)``: the day from ``low`` (before ``high``) within which
        ``remaining`` working time (microseconds, more than none) is used up, and what
        is left of it at that day's start; ``(high, left)`` if the days run out first."""
        flags = self._flags(low)
        level = 0
        while True:
            for start, end, amount, after in self._stretches(low, high, flags, level):
                if amount >= remaining:
                    if end - start == 1:
                        return start, remaining
                    low, high, level = start, end, level + 1  # the same, finer
                    break
                remaining -= amount
                flags = after
            else:
                return high, remaining

    # -- stretches of days ----------------------------------------------------------

    def _stretches(self, low: int, high: int, flags: _Flags, level: int
                   ) -> Iterator[_Stretch]:
        """Consecutive stretches covering the days ``[low, high)``: whole years (at
        ``level`` 0), whole months (up to level 1), else single days, each with its
        working time and the flags after it; ``flags`` are those before ``low``."""
        day = low
        while day < high:
            when = date.fromordinal(day)
            year, month = when.year, when.month
            if when.day == 1:
                next_year = _january_first(year + 1)
                if level == 0 and month == 1 and next_year <= high:
                    amount, flags = self._year(year, day, flags)
                    yield day, next_year, amount, flags
                    day = next_year
                    continue
                length = _month_length(year, month)
                if level <= 1 and day + length <= high:
                    amount, flags = self._month(day, length, self._month_days(year, month),
                                                flags)
                    yield day, day + length, amount, flags
                    day += length
                    continue
            key, flags = _shift(flags, tuple(when.day in days
                                             for days in self._month_days(year, month)))
            yield day, day + 1, self._day(key, day), flags
            day += 1

    def _year(self, year: int, first: int, flags: _Flags) -> tuple[int, _Flags]:
        """Working time of ``year`` (its first day ``first``) after days with ``flags``."""
        tables = tuple(self._year_days(index, year) for index in range(len(self._plans)))
        key = (is_leap(year), tables, flags, self._year_clock(year, first))
        found = self._years.get(key)
        if found is None:
            total = 0
            by_month = [dict(table) for table in tables]
            for month in range(1, 13):
                length = _month_length(year, month)
                amount, flags = self._month(first, length, tuple(
                    rows.get(month, ()) for rows in by_month), flags)
                total += amount
                first += length
            found = (total, flags)
            if len(self._years) < _KEPT:
                self._years[key] = found
        return found

    def _year_clock(self, year: int, first: int) -> object:
        """What decides the clock of ``year`` (its first day ``first``): one offset, or
        each month's (see :meth:`_clock`); kept by the year's place in the 400-year
        cycle once the zone's changes repeat with it."""
        place = year % CALENDAR_CYCLE_YEARS if year > self._settled else None
        found = self._year_clocks.get(place) if place is not None else None
        if found is None:
            found = self._plain(first, _january_first(year + 1) - 1)
            if found is None:  # the clock changes: by month
                months, start = [], first
                for month in range(1, 13):
                    length = _month_length(year, month)
                    months.append(self._clock(start, start + length - 1))
                    start += length
                found = tuple(months)
            if place is not None:
                self._year_clocks[place] = found
        return found

    def _month(self, first: int, length: int, days: tuple[tuple[int, ...], ...],
               flags: _Flags) -> tuple[int, _Flags]:
        """Working time of a month (its first day ``first``) of ``length`` days, on
        whose ``days`` the rules fire, after days with ``flags``."""
        key = (length, days, flags, self._clock(first, first + length - 1))
        found = self._months.get(key)
        if found is None:
            total = 0
            sets = [frozenset(each) for each in days]
            for day in range(1, length + 1):
                today, flags = _shift(flags, tuple(day in each for each in sets))
                total += self._day(today, first + day - 1)
            found = (total, flags)
            if len(self._months) < _KEPT:
                self._months[key] = found
        return found

    def _day(self, key: _Flags, ordinal: int) -> int:
        """Working time of a day whose rules fire on the days ``key`` says (the day
        itself last), measured on day ``ordinal`` when not known yet."""
        clock = self._clock(ordinal, ordinal)
        found = self._days.get((key, clock))
        if found is None:
            low, high = self.midnight(ordinal) * _MICRO, self.midnight(ordinal + 1) * _MICRO
            if self.dense is not None:
                found = self.dense.between(low, high, self._fires,
                                           clock if isinstance(clock, int) else None)
            else:
                found = self._measure(low, high, None)
            if len(self._days) < _KEPT:
                self._days[key, clock] = found
        return found

    def part(self, low: int, high: int) -> int | None:
        """Working time between two instants (microseconds) of the days counted here,
        by arithmetic; ``None`` where it does not apply (then walk)."""
        dense = self._dense_within(low, high)
        return None if dense is None else dense.between(low, high, self._fires)

    def narrow(self, low: int, high: int, remaining: int) -> tuple[int, int, int | None]:
        """``(here, left, reach)``: an instant from ``low`` (before ``high``, both
        microseconds) at which at most an hour of windows is left to walk before
        ``remaining`` working time is used up (or ``high``), what is left of it there,
        and how far back (seconds) a walk from there must start (``None``: as far as a
        window can reach)."""
        dense = self._dense_within(low, high)
        if dense is None:
            return low, remaining, None
        while low < high:
            end = min(low + _HOUR, high)
            amount = dense.between(low, end, self._fires)
            if amount >= remaining:
                break
            remaining -= amount
            low = end
        return low, remaining, dense.reach(low, min(low + _HOUR, high))

    def _dense_within(self, low: int, high: int) -> DenseRule | None:
        """The arithmetic, if it applies and the instants ``low`` to ``high``
        (microseconds) lie in the days counted here (away from bounds and the
        calendar's ends, which it does not know)."""
        if (self.dense is None or self.day_of(low // _MICRO) < self.first
                or self.day_of(high // _MICRO) >= self.last):
            return None
        return self.dense

    def _fires(self, ordinal: int) -> bool:
        """Whether the (one) rule fires on day ``ordinal``."""
        when = date.fromordinal(ordinal)
        return when.day in dict(self._year_days(0, when.year)).get(when.month, ())

    def _flags(self, ordinal: int) -> _Flags:
        """Which of the days a window reaches back over before ``ordinal`` each rule
        fires on, oldest first."""
        found = []
        for index, back in enumerate(self.back):
            fires = []
            for day in range(ordinal - back, ordinal):
                when = date.fromordinal(day)
                fires.append(when.day in dict(self._year_days(index, when.year)).get(
                    when.month, ()))
            found.append(tuple(fires))
        return tuple(found)

    def _month_days(self, year: int, month: int) -> tuple[tuple[int, ...], ...]:
        """Each rule's days in ``year``-``month``."""
        return tuple(dict(self._year_days(index, year)).get(month, ())
                     for index in range(len(self._plans)))

    def _year_days(self, index: int, year: int) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """``(month, days)`` of each month of ``year`` on whose days rule ``index``
        fires, its excluded dates taken out."""
        plan = self._plans[index]
        january_first, rows = plan.year_rows(year)
        low, high = self._excluded[index]
        if low <= high and low < _january_first(year + 1) and january_first <= high:
            return _without(rows, january_first, plan.excluded)
        return tuple((row.month, row.days) for row in rows)


def _without(rows: Sequence[MonthRow], january_first: int, excluded: frozenset[int]
             ) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """``(month, days)`` of ``rows`` (of the year from ``january_first``) without the
    ``excluded`` days (ordinals)."""
    found = []
    for row in rows:
        day_zero = january_first + row.offset
        days = tuple(day for day in row.days if day_zero + day not in excluded)
        if days:
            found.append((row.month, days))
    return tuple(found)


def _shift(flags: _Flags, today: tuple[bool, ...]) -> tuple[_Flags, _Flags]:
    """``(the day's key, the flags after it)``: each rule's days before and the day."""
    key = tuple((*kept, fires) for kept, fires in zip(flags, today, strict=True))
    return key, tuple(days[1:] for days in key)


def _month_length(year: int, month: int) -> int:
    return DAYS_IN_MONTH[month] + (month == 2 and is_leap(year))
