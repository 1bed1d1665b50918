"""Lazy forward and backward search over a compiled rule.

The search walks matching *days* (jumping year -> month -> day through the compiled
tables) and, within a day, the sorted times of day. A plain day (one UTC offset all
day) yields its times directly; a day with a DST change maps each wall-clock time
through the zone's segments and the rule's DST policy. Cost per occurrence does not
depend on how far away the occurrence is: a rule with few occurrences is walked, once
its plan has laid them out, through a table of a 400-year cycle's occurrences.

Instants are compared as whole seconds since the epoch, never as datetimes: two aware
datetimes with the same tzinfo compare by wall clock and ignore ``fold``.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Generator, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise
from typing import NamedTuple

from ._calendar import CALENDAR_CYCLE_YEARS, UNITS_PER_CYCLE
from ._compile import CompiledRule, Cycle
from ._tz import DayOffsets, Segment
from ._zones import EPOCH_ORDINAL, instant_of, local_of
from .ir import MAX_YEAR, MIN_YEAR, DstFlags, Rule
from .limits import MAX_KEPT_CHANGE_OCCURRENCES

__all__ = ["FIRST_ORDINAL", "LAST_ORDINAL", "ClockChange", "Evaluator", "PolicyDifference",
           "clock_changes", "policy_difference", "union_policy_difference"]

#: The most occurrences per DST-change day an evaluator keeps: every quarter of an
#: hour (a day of a rule that fires every minute holds 1,440 datetimes, 190 KB). A
#: denser rule's change days are walked lazily each time, never laid out.
_KEPT_TRANSITION_DAY = 96
#: "No end": an instant after every instant datetime can hold.
_NO_LIMIT = 10**15
_MICRO = 1_000_000
# The evaluator answers for wall-clock dates within these bounds.
FIRST_ORDINAL = _FIRST_ORDINAL = datetime(MIN_YEAR, 1, 1).toordinal()
LAST_ORDINAL = _LAST_ORDINAL = datetime(MAX_YEAR, 12, 31).toordinal()
_CYCLE_DAYS = UNITS_PER_CYCLE["day"]  # days in 400 years
#: The 400-year cycle holding year 9999 (cycles start with year 1), and the local
#: seconds from its first midnight to the end of year 9999.
_LAST_CYCLE = (_LAST_ORDINAL - 1) // _CYCLE_DAYS
_LAST_CYCLE_SECONDS = (_LAST_ORDINAL - _LAST_CYCLE * _CYCLE_DAYS) * 86400


class Evaluator:
    """Occurrences of one rule in one zone."""

    __slots__ = ("_kept", "_offsets", "_transition_cache", "plan", "reach", "rule", "zone")

    def __init__(self, plan: CompiledRule, zone: tzinfo) -> None:
        self.plan = plan
        self.rule: Rule | None = plan.rule
        self.zone = zone
        self._offsets = DayOffsets.of(zone)
        self._transition_cache: dict[int, tuple[tuple[int, datetime], ...]] = {}
        self._kept = 0  # occurrences in the cache
        duration = plan.rule.duration
        #: How far back a window still open at a moment can have opened (a DST shift
        #: moves its end by up to a day): 0 for instants.
        self.reach = int(duration.total_seconds()) + 2 * 86400 if duration else 0

    def window_end(self, opening: datetime, start: int) -> int:
        """Where (microseconds since the epoch) the window opened at ``opening``
        (instant ``start``) closes: the rule's duration later on the wall clock, to the
        microsecond; an end in a DST gap moves to the end of the jump, one in a repeated
        hour takes its first pass, one past year 9999 ends at the calendar's end."""
        duration = self.plan.rule.duration
        if duration is None:
            return start * _MICRO
        try:
            wall = opening.replace(tzinfo=None) + duration
        except OverflowError:  # the window runs past year 9999
            # (its last whole second, as the calendar's end is shown everywhere)
            seconds = instant_of(datetime.max.replace(tzinfo=self.zone), self.zone)[0]
            return max(seconds, start) * _MICRO
        end = self.wall_instant(wall)
        # The fraction of a second counts unless the whole second is in a gap (then the
        # window ends where the jump does, a whole second).
        micro = wall.microsecond if wall.microsecond and self._on_wall(end, wall) else 0
        return max(end * _MICRO + micro, start * _MICRO)

    def _on_wall(self, instant: int, wall: datetime) -> bool:
        """Whether ``instant`` shows the whole second of ``wall`` on the wall clock."""
        return local_of(instant, self.zone).replace(tzinfo=None) == wall.replace(microsecond=0)

    def instants_at(self, local: int) -> list[int]:
        """The instants at which the rule fires for wall-clock time ``local`` (local
        seconds since 1970-01-01T00:00), under its DST policy."""
        ordinal = local // 86400 + EPOCH_ORDINAL
        span = self._offsets.plain_span((ordinal - EPOCH_ORDINAL) * 86400)
        if span is not None:
            return [local - span[2]]
        rule = self.plan.rule
        return _wall_to_instants(local, self._offsets.segments(ordinal), rule.dst_flags)

    # -- the two walks -------------------------------------------------------------

    def forward(self, after: int, until: int | None = None) -> Iterator[datetime]:
        """Occurrences at instants strictly after ``after`` (and before ``until``),
        ascending."""
        limit = _NO_LIMIT if until is None else until
        cycle = self.plan.cycle
        if cycle is not None:
            return self._forward_cycle(cycle, after, limit)
        if self.plan.walks_by_month:
            return self._forward_months(after, limit)
        return self._forward_days(after, limit)

    def _forward_months(self, after: int, limit: int) -> Iterator[datetime]:
        """The forward walk a month at a time: a month with one UTC offset throughout
        yields its occurrences as its first midnight plus precomputed offsets (wall-clock
        arithmetic, right while the offset holds); a month with a DST change goes by
        :meth:`_changing_month`, and the first month by days. A rule with few
        occurrences goes on through its 400-year cycle once the plan has laid it out."""
        plan = self.plan
        zone = self.zone
        plain_span = self._offsets.plain_span
        span_start = span_end = offset = 0
        floor = after  # every instant yielded from here on is greater than this
        laid_out = plan.laid_out
        first = True
        for year, month, day_zero, days, start, row in plan.months_forward(
                *self._wall_date(after, -1), hand_over=True):
            if first and row.laid_out is None:
                # The first month a day at a time: a single ``next`` then lays out
                # no month at all.
                first = False
                floor = yield from self._walk_days(
                    ((year, month, day, day_zero + day) for day in days[start:]), floor,
                    limit)
                if floor >= limit:
                    return
                continue
            first = False
            month_start = (day_zero + 1 - EPOCH_ORDINAL) * 86400  # local seconds
            low = month_start + (days[start] - 1) * 86400
            high = month_start + days[-1] * 86400
            if not (span_start <= low and high <= span_end):
                span = plain_span(low)
                if span is not None:
                    span_start, span_end, offset = span
            if span_start <= low and high <= span_end:
                seconds, deltas = row.laid_out or laid_out(row)
                index = bisect_right(seconds, floor + offset - month_start)
                reached = limit <= high - offset  # the limit falls in this month
                stop = (bisect_left(seconds, limit + offset - month_start) if reached
                        else len(deltas))
                if index < stop:
                    base = datetime(year, month, 1, 0, 0, 0, 0, zone)
                    yield from map(base.__add__, deltas[index:stop] if index or reached
                                   else deltas)
                    floor = month_start + seconds[stop - 1] - offset
                if reached:
                    return
                continue
            # A month with a DST change: its plain stretches as blocks, its change days
            # one by one.
            floor = yield from self._changing_month(year, month, month_start, low, high,
                                                    row.days, row.laid_out or laid_out(row),
                                                    floor, limit)
            if floor >= limit:
                return
        if plan.cycle is not None:  # the walk handed over between two years
            yield from self._forward_cycle(plan.cycle, floor, limit)

    def _forward_cycle(self, cycle: Cycle, floor: int, limit: int) -> Iterator[datetime]:
        """The forward walk through the plan's laid-out 400-year ``cycle``: straight from
        one occurrence to the next however many years lie between, each the first
        midnight of its cycle (``number`` from year 1) plus its offset (wall-clock
        arithmetic, right on a plain day); a day with an offset change goes by
        :meth:`_changes_forward`, and the walk stops at the end of year 9999."""
        seconds, deltas = cycle
        zone = self.zone
        plain_span = self._offsets.plain_span
        span_start = span_end = offset = 0
        number, first_day = divmod(self._wall_ordinal(floor, -1) - 1, _CYCLE_DAYS)
        index = bisect_left(seconds, first_day * 86400)
        while number <= _LAST_CYCLE:
            cycle_local = (number * _CYCLE_DAYS + 1 - EPOCH_ORDINAL) * 86400
            base = datetime(number * CALENDAR_CYCLE_YEARS + 1, 1, 1, 0, 0, 0, 0, zone)
            end = (len(seconds) if number < _LAST_CYCLE
                   else bisect_left(seconds, _LAST_CYCLE_SECONDS))
            while index < end:
                local = cycle_local + seconds[index]
                day_start = local - local % 86400
                if not span_start <= day_start <= span_end - 86400:
                    span = plain_span(day_start)
                    if span is None:
                        for instant, moment in self._changes_forward(
                                day_start // 86400 + EPOCH_ORDINAL, floor):
                            if instant > floor:
                                if instant >= limit:
                                    return
                                floor = instant
                                yield moment
                        index = bisect_left(seconds, day_start + 86400 - cycle_local, index)
                        continue
                    span_start, span_end, offset = span
                instant = local - offset
                if instant > floor:
                    if instant >= limit:
                        return
                    floor = instant
                    yield base + deltas[index]
                index += 1
            number += 1
            index = 0

    def _changing_month(self, year: int, month: int, month_start: int, low: int, high: int,
                        days: tuple[int, ...],
                        laid_out: tuple[tuple[int, ...], tuple[timedelta, ...]], floor: int,
                        limit: int) -> Generator[datetime, None, int]:
        """The occurrences of a month with an offset change, from its day starting at
        local second ``low`` to the end of its day ending at ``high``: each stretch of
        whole days with one offset is a block of the month's laid-out occurrences, each
        day with a change goes through :meth:`_changes_forward`. Returns as
        :meth:`_walk_days` does."""
        seconds, deltas = laid_out
        plain_span = self._offsets.plain_span
        base: datetime | None = None
        local = low
        while local < high:
            span = plain_span(local)
            if span is None:  # this day changes offset
                day = (local - month_start) // 86400 + 1
                index = bisect_left(days, day)
                if index == len(days) or days[index] != day:  # not one of the rule's days
                    local += 86400
                    continue
                for instant, moment in self._changes_forward(
                        local // 86400 + EPOCH_ORDINAL, floor):
                    if instant > floor:
                        if instant >= limit:
                            return limit
                        floor = instant
                        yield moment
                local += 86400
                continue
            offset = span[2]
            # The whole days from ``local`` that the stretch holds.
            piece_end = min(high, local + (span[1] - local) // 86400 * 86400)
            first = max(bisect_left(seconds, local - month_start),
                        bisect_right(seconds, floor + offset - month_start))
            last = bisect_left(seconds, piece_end - month_start)
            stop = bisect_left(seconds, limit + offset - month_start)
            if first < min(last, stop):
                if base is None:
                    base = datetime(year, month, 1, 0, 0, 0, 0, self.zone)
                yield from map(base.__add__, deltas[first:min(last, stop)])
                floor = month_start + seconds[min(last, stop) - 1] - offset
            if stop < last:
                return limit
            local = piece_end
        return floor

    def _forward_days(self, after: int, limit: int) -> Iterator[datetime]:
        """The forward walk a day at a time."""
        yield from self._walk_days(self.plan.days_forward(*self._wall_date(after, -1)), after,
                                   limit)

    def _walk_days(self, days: Iterable[tuple[int, int, int, int]], floor: int, limit: int
                   ) -> Generator[datetime, None, int]:
        """The occurrences on ``days`` (``(year, month, day, ordinal)``, ascending) at
        instants after ``floor`` and before ``limit``; returns the last instant yielded
        (else ``floor``), or ``limit`` once the walk has reached it."""
        plan = self.plan
        deltas = plan.deltas
        seconds_of_day = plan.seconds_of_day
        count = len(deltas)
        zone = self.zone
        plain_span = self._offsets.plain_span
        excluded = plan.excluded
        varying = plan.varying_times
        span_start = span_end = offset = 0
        for year, month, day, ordinal in days:
            if excluded and ordinal in excluded:
                continue
            if varying:
                seconds_of_day, deltas, _ = plan.times_on(ordinal)
                if not deltas:
                    continue
                count = len(deltas)
            local_start = (ordinal - EPOCH_ORDINAL) * 86400
            if not span_start <= local_start <= span_end - 86400:
                span = plain_span(local_start)
                if span is None:
                    for instant, moment in self._changes_forward(ordinal, floor):
                        if instant > floor:
                            if instant >= limit:
                                return limit
                            floor = instant
                            yield moment
                    continue
                span_start, span_end, offset = span
            index = bisect_right(seconds_of_day, floor + offset - local_start)
            reached = limit <= local_start + 86400 - offset  # the limit falls in this day
            stop = bisect_left(seconds_of_day, limit + offset - local_start) if reached else (
                count)
            if index < stop:
                base = datetime(year, month, day, 0, 0, 0, 0, zone)
                # Aware datetime + timedelta is wall-clock arithmetic: right on a plain
                # day, and five times faster than the datetime constructor.
                yield from map(base.__add__, deltas[index:stop] if index or reached
                               else deltas)
                floor = local_start + seconds_of_day[stop - 1] - offset
            if reached:
                return limit
        return floor

    def backward(self, before: int) -> Iterator[datetime]:
        """Occurrences at instants strictly before ``before``, descending."""
        cycle = self.plan.cycle
        if cycle is not None:
            return self._backward_cycle(cycle, before)
        return self._backward_days(before)

    def _backward_days(self, before: int) -> Iterator[datetime]:
        """The backward walk a day at a time, on through the 400-year cycle once the
        plan has laid it out."""
        plan = self.plan
        deltas = plan.deltas_reversed
        seconds_of_day = plan.seconds_of_day
        count = len(deltas)
        first_second = seconds_of_day[0]
        zone = self.zone
        plain_span = self._offsets.plain_span
        excluded = plan.excluded
        varying = plan.varying_times
        span_start = span_end = offset = 0
        ceiling = before  # every instant yielded from here on is smaller than this
        for year, month, day, ordinal in plan.days_backward(*self._wall_date(before, 1),
                                                            hand_over=True):
            if excluded and ordinal in excluded:
                continue
            if varying:
                seconds_of_day, _, deltas = plan.times_on(ordinal)
                if not deltas:
                    continue
                count, first_second = len(deltas), seconds_of_day[0]
            local_start = (ordinal - EPOCH_ORDINAL) * 86400
            if not span_start <= local_start <= span_end - 86400:
                span = plain_span(local_start)
                if span is None:
                    for instant, moment in self._changes_backward(ordinal, ceiling):
                        if instant < ceiling:
                            ceiling = instant
                            yield moment
                    continue
                span_start, span_end, offset = span
            index = bisect_left(seconds_of_day, ceiling + offset - local_start)
            if index > 0:
                base = datetime(year, month, day, 0, 0, 0, 0, zone)
                yield from map(base.__add__, deltas[count - index:] if index < count else deltas)
                ceiling = local_start + first_second - offset
        if plan.cycle is not None:  # the walk handed over between two years
            yield from self._backward_cycle(plan.cycle, ceiling)

    def _backward_cycle(self, cycle: Cycle, ceiling: int) -> Iterator[datetime]:
        """:meth:`_forward_cycle` backward."""
        seconds, deltas = cycle
        zone = self.zone
        plain_span = self._offsets.plain_span
        span_start = span_end = offset = 0
        number, last_day = divmod(self._wall_ordinal(ceiling, 1) - 1, _CYCLE_DAYS)
        index = bisect_left(seconds, (last_day + 1) * 86400) - 1
        while number >= 0:
            cycle_local = (number * _CYCLE_DAYS + 1 - EPOCH_ORDINAL) * 86400
            base = datetime(number * CALENDAR_CYCLE_YEARS + 1, 1, 1, 0, 0, 0, 0, zone)
            while index >= 0:
                local = cycle_local + seconds[index]
                day_start = local - local % 86400
                if not span_start <= day_start <= span_end - 86400:
                    span = plain_span(day_start)
                    if span is None:
                        for instant, moment in self._changes_backward(
                                day_start // 86400 + EPOCH_ORDINAL, ceiling):
                            if instant < ceiling:
                                ceiling = instant
                                yield moment
                        index = bisect_left(seconds, day_start - cycle_local, 0, index) - 1
                        continue
                    span_start, span_end, offset = span
                instant = local - offset
                if instant < ceiling:
                    ceiling = instant
                    yield base + deltas[index]
                index -= 1
            number -= 1
            index = len(seconds) - 1

    def _wall_date(self, instant: int, shift: int) -> tuple[int, int, int]:
        """The local date of ``instant`` moved by ``shift`` days, within years 1-9999.

        The walk starts a day early (forward) or late (backward): around a DST change at
        midnight an instant's wall-clock date can be a day off from its neighbours'.
        Instants outside the range start the walk at its edge; the walk's floor or
        ceiling then filters what lies on the wrong side.
        """
        moment = date.fromordinal(self._wall_ordinal(instant, shift))
        return moment.year, moment.month, moment.day

    def _wall_ordinal(self, instant: int, shift: int) -> int:
        """The ordinal of :meth:`_wall_date`."""
        # The offset at a clamped instant: near the ends of the calendar the instant
        # itself may not be representable as a datetime, but the offset is the same.
        offset = local_of(instant, self.zone).utcoffset()
        offset_seconds = int(offset.total_seconds()) if offset is not None else 0
        ordinal = (instant + offset_seconds) // 86400 + EPOCH_ORDINAL + shift
        return min(max(ordinal, _FIRST_ORDINAL), _LAST_ORDINAL)

    def wall_instant(self, wall: datetime) -> int:
        """The instant of a naive wall-clock time under the fixed-time policy: the first
        pass of a repeated time, the end of the jump for a skipped one."""
        ordinal = wall.toordinal()
        local = ((ordinal - EPOCH_ORDINAL) * 86400 + wall.hour * 3600 + wall.minute * 60
                 + wall.second)
        span = self._offsets.plain_span((ordinal - EPOCH_ORDINAL) * 86400)
        if span is not None:
            return local - span[2]
        instants = _wall_to_instants(local, self._offsets.segments(ordinal), _FIXED)
        return instants[0] if instants else local

    # -- days with a DST change ------------------------------------------------------

    def _changes_forward(self, ordinal: int, after: int) -> Iterable[tuple[int, datetime]]:
        """``(instant, datetime)`` of the occurrences on the run of DST-change days
        holding day ``ordinal`` (see :meth:`DayOffsets.change_run`), ascending, from
        the first after instant ``after`` (a kept run answers whole: the caller skips
        what it has passed).

        The walks visit days in wall-clock order and keep what they yield ascending; a
        repeated interval across midnight puts one date's occurrences among the next
        one's, so every day of the run answers with the whole run's occurrences."""
        kept = self._kept_run(ordinal)
        if kept is not None:
            return kept
        return self._run_moments(ordinal, after, False)

    def _changes_backward(self, ordinal: int, before: int
                          ) -> Iterable[tuple[int, datetime]]:
        """:meth:`_changes_forward` backward: descending, from the last before ``before``."""
        kept = self._kept_run(ordinal)
        if kept is not None:
            return reversed(kept)
        return self._run_moments(ordinal, before, True)

    def _kept_run(self, ordinal: int) -> tuple[tuple[int, datetime], ...] | None:
        """A sparse rule's run, laid out once and kept (a dense rule's run is walked
        lazily each time instead: ``None``)."""
        cache = self._transition_cache
        cached = cache.get(ordinal)
        if cached is not None:
            return cached
        plan = self.plan
        first, last = self._offsets.change_run(ordinal)
        times = sum(len(plan.times_on(day)[0]) for day in range(first, last + 1))
        if times > _KEPT_TRANSITION_DAY * (last - first + 1):
            return None
        result = tuple(self._run_moments(ordinal, -_NO_LIMIT, False))
        # (an empty run counts as one: its entry takes room too)
        if self._kept + max(len(result), 1) > MAX_KEPT_CHANGE_OCCURRENCES:
            cache.clear()
            self._kept = 0
        cache[ordinal] = result
        self._kept += max(len(result), 1)
        return result

    def _run_moments(self, ordinal: int, bound: int, reverse: bool
                     ) -> Iterator[tuple[int, datetime]]:
        """The occurrences of the run of change days holding ``ordinal``, after
        ``bound`` ascending (before it descending with ``reverse``): each day's
        instants come lazily, segment by segment, and the days are merged."""
        plan = self.plan
        rule = plan.rule
        first, last = self._offsets.change_run(ordinal)
        days = [_day_instants(day, self._offsets.segments(day), plan.times_on(day)[0],
                              rule.dst_flags, bound, reverse)
                for day in range(first, last + 1)
                if day == ordinal or _fires_on(rule, plan, day)]
        zone = self.zone
        previous = None
        for instant in heapq.merge(*days, reverse=reverse):
            if instant != previous:  # two days' walls can meet at one instant
                previous = instant
                yield instant, local_of(instant, zone)


def _day_instants(ordinal: int, segments: list[Segment], times: Sequence[int],
                  flags: DstFlags, bound: int, reverse: bool) -> Iterator[int]:
    """The instants at which the wall-clock ``times`` of change day ``ordinal`` fire
    (as :func:`_wall_to_instants` maps each), after ``bound`` ascending or before it
    descending, without laying out the day: the times a segment holds map by its
    offset, and only the times no segment holds (a gap) are mapped one by one."""
    local_start = (ordinal - EPOCH_ORDINAL) * 86400
    local_end = local_start + 86400
    # Each segment's wall clock on this day: [begin + offset, end + offset).
    walls = [(max(begin + offset, local_start), min(end + offset, local_end))
             for begin, end, offset in segments]
    fixed_time, skip_gaps, second_pass = flags
    # (first instant, 1, offset, wall lo, wall hi): the times in [lo, hi) minus offset;
    # (instant, 0, 0, 0, 0): one instant a jumped-over time moves to.
    pieces: list[tuple[int, int, int, int, int]] = []
    for index, (low, high) in enumerate(walls):
        kept = [(low, high)] if low < high else []
        if fixed_time:  # a repeated wall time fires in one pass only
            for other in walls[:index] if not second_pass else walls[index + 1:]:
                kept = [piece for lo, hi in kept for piece in _minus(lo, hi, *other)]
        offset = segments[index][2]
        pieces += [(lo - offset, 1, offset, lo, hi) for lo, hi in kept]
    if fixed_time and not skip_gaps:  # a time the clocks jump over fires after the jump
        jumped: set[int] = set()
        for lo, hi in _uncovered(walls, local_start, local_end):
            for index in range(bisect_left(times, lo - local_start),
                               bisect_left(times, hi - local_start)):
                jumped.update(_wall_to_instants(local_start + times[index], segments, flags))
        pieces += [(instant, 0, 0, 0, 0) for instant in jumped]
    pieces.sort(reverse=reverse)
    for instant, kind, offset, lo, hi in pieces:
        if not kind:
            if (instant < bound) if reverse else (instant > bound):
                yield instant
            continue
        low_index = bisect_left(times, lo - local_start)
        high_index = bisect_left(times, hi - local_start)
        if reverse:
            high_index = min(high_index, bisect_left(times, bound + offset - local_start))
            for index in range(high_index - 1, low_index - 1, -1):
                yield local_start + times[index] - offset
        else:
            low_index = max(low_index, bisect_right(times, bound + offset - local_start))
            for index in range(low_index, high_index):
                yield local_start + times[index] - offset


def _minus(low: int, high: int, other_low: int, other_high: int) -> list[tuple[int, int]]:
    """The interval ``[low, high)`` without ``[other_low, other_high)``: 0 to 2 pieces."""
    if other_high <= low or high <= other_low or other_low >= other_high:
        return [(low, high)]
    return [piece for piece in ((low, other_low), (other_high, high)) if piece[0] < piece[1]]


def _uncovered(intervals: list[tuple[int, int]], low: int, high: int
               ) -> Iterator[tuple[int, int]]:
    """The parts of ``[low, high)`` that no interval covers, ascending."""
    at = low
    for start, end in sorted(intervals):
        if start > at:
            yield at, min(start, high)
        at = max(at, end)
        if at >= high:
            return
    if at < high:
        yield at, high


def _wall_to_instants(wall: int, segments: list[Segment], flags: DstFlags) -> list[int]:
    """Instants at which the wall-clock time ``wall`` (local seconds) fires.

    Fixed-time rules fire once: in the first pass of a repeated time (the second with
    ``second_pass``, Quartz's rule), and at the end of a skipped interval for a time the
    clocks jump over (unless ``skip_gaps``, RFC 5545's and Quartz's rule). Other rules
    fire at each real instant showing that wall-clock time, and not at all in a skipped
    interval.
    """
    fixed_time, skip_gaps, second_pass = flags
    real = [wall - offset for begin, end, offset in segments if begin <= wall - offset < end]
    if real:
        if not fixed_time:
            return real
        return real[-1:] if second_pass else real[:1]
    if not fixed_time or skip_gaps:
        return []
    for index in range(1, len(segments)):
        before, after = segments[index - 1], segments[index]
        if wall - before[2] >= before[1] and wall - after[2] < after[0]:
            return [after[0]]
    return []


#: A window's end, a wall-clock time: the first pass of a repeated time, the end of a jump.
_FIXED = DstFlags(True)


class PolicyDifference(NamedTuple):
    """A wall-clock time where two DST policies disagree, and how often each fires."""

    wall: datetime
    skipped: bool  #: the clocks jump over ``wall`` (else it is repeated)
    fires: int  #: how often the rule fires at ``wall`` under its own policy
    fires_other: int  #: ... and under the other policy


def policy_difference(rule: Rule, zone: tzinfo, flags: DstFlags,
                      low: int | None = None, high: int | None = None
                      ) -> PolicyDifference | None:
    """The first wall-clock time at which ``rule`` fires differently in ``zone`` if its DST
    policy were ``flags``, between instants ``low`` and ``high``.

    Policies only differ at times inside a DST gap or a repeated hour, so only days with
    an offset change are looked at; plain stretches of the zone are jumped over whole.

    >>> from cadence.ir import DstFlags, Rule
    >>> from zoneinfo import ZoneInfo
    >>> rule = Rule(seconds=(0,), minutes=(30,), hours=(2,))
    >>> year_2026 = 1767225600  # 2026-01-01T00:00Z
    >>> policy_difference(rule, ZoneInfo("Europe/Berlin"), DstFlags(True, True),
    ...                   year_2026, year_2026 + 86400 * 365).wall.isoformat()
    '2026-03-29T02:30:00'
    """
    return union_policy_difference([(rule, flags)], zone, low, high)


def union_policy_difference(rules: Sequence[tuple[Rule, DstFlags]], zone: tzinfo,
                            low: int | None = None, high: int | None = None
                            ) -> PolicyDifference | None:
    """Like :func:`policy_difference` for a union: each ``(rule, flags)`` gets another
    policy, and the union's occurrences on each day are compared as a set (a time one
    rule no longer fires may still come from another)."""
    if all(rule.dst_flags == DstFlags.of(*flags) for rule, flags in rules):
        return None
    offsets = DayOffsets.of(zone)
    plans = [(rule, CompiledRule(rule), DstFlags.of(*flags)) for rule, flags in rules]
    agreeing: set[_DayShape] = set()  # day shapes already seen to fire alike
    for ordinal in _changing_days(offsets, low, high):
        found = _day_difference(plans, offsets, ordinal, low, high, agreeing)
        if found is not None:
            return found
    return None


def _changing_days(offsets: DayOffsets, low: int | None, high: int | None) -> Iterator[int]:
    """Ordinals of the local days with an offset change around instants ``[low, high)``
    (years 1-9999 when unbounded), ascending; plain stretches are jumped over whole."""
    first = (_FIRST_ORDINAL - EPOCH_ORDINAL) * 86400
    last = (_LAST_ORDINAL - EPOCH_ORDINAL) * 86400
    if low is not None:
        first = max(first, (low - 86400) // 86400 * 86400)
    if high is not None:
        last = min(last, high + 86400)
    local = first
    while local <= last:
        span = offsets.plain_span(local)
        if span is not None:
            following = span[1] // 86400 * 86400
            local = following if following > local else local + 86400
            continue
        yield local // 86400 + EPOCH_ORDINAL
        local += 86400


def _fires_on(rule: Rule, plan: CompiledRule, ordinal: int) -> bool:
    day = date.fromordinal(ordinal)
    return not (day.month not in rule.months
                or (rule.years is not None and day.year not in rule.years)
                or ordinal in plan.excluded or day.day not in plan.month_days(day.year,
                                                                              day.month))


#: What decides whether two DST policies fire alike on a day: its segments, relative to
#: the day's local midnight, and the times each firing rule has around its changes.
_DayShape = tuple[tuple[Segment, ...], tuple[tuple[int, tuple[int, ...]], ...]]
#: Instants further than this from a day's local midnight show no wall time of that day.
_DAY_REACH = 2 * 86400


def _changed_times(times: Sequence[int], segments: Sequence[Segment], local: int
                   ) -> tuple[int, ...]:
    """The ``times`` (seconds of day) that a DST policy may move: those in a skipped or
    repeated wall-clock interval of the day, or at its end (where a skipped time is
    moved to). Any other time has one instant, whatever the policy."""
    found: list[int] = []
    for before, after in pairwise(segments):
        begin = before[1] + min(before[2], after[2]) - local
        end = before[1] + max(before[2], after[2]) - local
        found.extend(times[bisect_left(times, begin):bisect_right(times, end)])
    return tuple(sorted(set(found)))


def _day_difference(plans: Sequence[tuple[Rule, CompiledRule, DstFlags]],
                    offsets: DayOffsets, ordinal: int, low: int | None, high: int | None,
                    agreeing: set[_DayShape]) -> PolicyDifference | None:
    """Where the policies differ on day ``ordinal``, if they do. Only the times around
    the day's changes are compared (the rest fire alike), and a day whose shape
    (``agreeing``) was already seen to fire alike is not compared again: the zone's
    changes repeat a few patterns, so a rule over centuries compares a few days."""
    segments = offsets.segments(ordinal)
    local = (ordinal - EPOCH_ORDINAL) * 86400
    moved = [(index, _changed_times(plan.times_on(ordinal)[0], segments, local))
             for index, (rule, plan, _) in enumerate(plans) if _fires_on(rule, plan, ordinal)]
    moved = [(index, seconds) for index, seconds in moved if seconds]
    if not moved:
        return None
    whole = ((low is None or low <= local - _DAY_REACH)
             and (high is None or local + _DAY_REACH < high))
    shape = (tuple((max(begin - local, -_DAY_REACH), min(end - local, _DAY_REACH), offset)
                   for begin, end, offset in segments), tuple(moved))
    if whole and shape in agreeing:
        return None
    # (second of day, instants under the rule's own policy, under the other policy)
    fired: list[tuple[int, list[int], list[int]]] = []
    for index, seconds in moved:
        rule, _, flags = plans[index]
        for second in seconds:
            fired.append((second,
                          _wall_to_instants(local + second, segments, rule.dst_flags),
                          _wall_to_instants(local + second, segments, flags)))

    def inside(instants: set[int]) -> set[int]:
        return {instant for instant in instants
                if (low is None or instant >= low) and (high is None or instant < high)}

    # The day's occurrences are a set: a time shifted out of a gap onto a time that
    # fires anyway changes nothing.
    changed = (inside({i for _, own, _ in fired for i in own})
               ^ inside({i for _, _, other in fired for i in other}))
    if not changed:
        if whole:
            agreeing.add(shape)
        return None
    for second, own, other in sorted(fired):
        if changed & {*own, *other}:
            wall = local + second
            skipped = not any(begin <= wall - offset < end for begin, end, offset in segments)
            return PolicyDifference(datetime.fromordinal(ordinal) + timedelta(seconds=second),
                                    skipped, len(own), len(other))
    return None


class ClockChange(NamedTuple):
    """A wall-clock time at which a rule fires on a day its zone changes offset, and that
    change: the time is skipped (a gap) or repeated (an overlap)."""

    wall: datetime  #: the rule's time, naive wall clock
    skipped: bool  #: the clocks jump over ``wall`` (else it happens twice)
    begin: datetime  #: where the skipped or repeated wall-clock interval begins ...
    end: datetime  #: ... and ends (exclusive), naive wall clock
    offset_before: int  #: UTC offset (seconds) before the change
    offset_after: int  #: ... and after it


def clock_changes(rule: Rule, zone: tzinfo, low: int | None = None,
                  high: int | None = None) -> Iterator[ClockChange]:
    """For each offset change of ``zone`` at an instant in ``[low, high)``, ascending: the
    first time of ``rule`` that the change skips or repeats, on a day the rule fires.

    Only days with an offset change are looked at; plain stretches of the zone are jumped
    over whole, and the rule's times are found in each skipped or repeated interval by
    bisection, so the cost does not grow with the number of times per day.

    >>> from zoneinfo import ZoneInfo
    >>> rule = Rule(seconds=(0,), minutes=(30,), hours=(2,))
    >>> year_2026 = 1767225600  # 2026-01-01T00:00Z
    >>> change = next(clock_changes(rule, ZoneInfo("America/New_York"), year_2026))
    >>> change.wall.isoformat(), change.skipped, change.end.isoformat()
    ('2026-03-08T02:30:00', True, '2026-03-08T03:00:00')
    """
    offsets = DayOffsets.of(zone)
    plan = CompiledRule(rule)
    seen: set[int] = set()  # change instants already reported (segments span days)
    for ordinal in _changing_days(offsets, low, high):
        local = (ordinal - EPOCH_ORDINAL) * 86400
        if _fires_on(rule, plan, ordinal):
            times = plan.times_on(ordinal)[0]
            for before, after in pairwise(offsets.segments(ordinal)):
                change = before[1]
                if (change in seen or (low is not None and change < low)
                        or (high is not None and change >= high)):
                    continue
                shift = after[2] - before[2]
                if not shift:
                    continue
                begin = change + min(before[2], after[2])  # local seconds
                end = change + max(before[2], after[2])
                index = bisect_left(times, begin - local)
                if index < len(times) and local + times[index] < end:
                    seen.add(change)
                    yield ClockChange(_naive(local + times[index]), shift > 0, _naive(begin),
                                      _naive(end), before[2], after[2])


def _naive(local: int) -> datetime:
    """A naive wall-clock datetime from local seconds since 1970-01-01T00:00."""
    return datetime(1970, 1, 1) + timedelta(seconds=local)
