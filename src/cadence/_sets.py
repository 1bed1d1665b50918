"""Occurrence sources for what RFC 5545 adds to plain rules.

:class:`~cadence._evaluate.Evaluator` walks one plain rule. Around it:

- :class:`PositionedEvaluator` keeps the n-th occurrences of each period (BYSETPOS),
  picking them on the wall clock from both ends of the period, so the cost per period
  depends on the positions asked for, not on how many occurrences the period holds;
- :class:`LimitedEvaluator` applies a rule's own bounds and its COUNT. The count is
  found by counting as the walk goes (with a mark every :data:`MARK_EVERY` occurrences,
  so a later question resumes from the nearest one); nothing is counted up front, so
  reading a rule with ``COUNT=1000000`` costs what ``COUNT=10`` does;
- :class:`DatesEvaluator` yields explicit instances (RDATE);
- :func:`without` removes excluded instants and the occurrences of exclusion rules.

Every source answers ``forward(after)`` / ``backward(before)`` over instants (whole
seconds) and says where a window it opened closes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime, tzinfo
from itertools import islice
from typing import Protocol

from ._calendar import DAYS_IN_MONTH, UNIT_SECONDS, is_leap
from ._compile import CompiledRule
from ._evaluate import FIRST_ORDINAL, LAST_ORDINAL, Evaluator
from ._zones import EPOCH_ORDINAL, instant_of, local_of
from .errors import ScheduleError
from .ir import Instance, Rule
from .limits import MAX_REMOVED_IN_A_ROW

__all__ = ["DatesEvaluator", "LimitedEvaluator", "PositionedEvaluator", "Source", "source_for",
           "without"]

#: A counted rule remembers where every MARK_EVERY-th occurrence falls.
MARK_EVERY = 1024
_MICRO = 1_000_000
#: Periods in a row with times but none at the asked positions after which a walk takes
#: the positions to pick nothing ever again (the calendar repeats every 400 years: a year
#: period sees every kind of year in 400, a month every kind of month in 4,800).
BARREN_PERIODS = {"year": 400, "month": 4800, "week": 20_871, "day": 146_097,
                  "hour": 24 * 60, "minute": 24 * 60, "second": 24 * 60}


class Source(Protocol):
    """What the schedule asks of each part of a union."""

    #: The rule behind the occurrences (``None`` for explicit dates).
    rule: Rule | None
    #: How many whole seconds (rounded up) a window this source opens can last, at
    #: most (0: instants).
    reach: int

    def forward(self, after: int, until: int | None = None) -> Iterator[datetime]:
        """Occurrences at instants after ``after`` and before ``until``, ascending."""

    def backward(self, before: int) -> Iterator[datetime]: ...

    def window_end(self, opening: datetime, start: int) -> int:
        """Where the window opened at ``opening`` (instant ``start``) closes, in
        microseconds since the epoch (``start`` itself for an instant)."""


def source_for(rule: Rule, zone: tzinfo) -> Source:
    """The occurrences of ``rule`` in ``zone``: a plain evaluator for a plain rule."""
    if rule.count is not None and rule.excluded_dates:
        # COUNT counts before excluded dates remove any: count on the rule without them.
        inner = _walker(replace(rule, excluded_dates=()), zone)
        return LimitedEvaluator(inner, rule, zone)
    walker = _walker(rule, zone)
    return LimitedEvaluator(walker, rule, zone) if rule.is_limited else walker


def _walker(rule: Rule, zone: tzinfo) -> Source:
    plan = CompiledRule(rule)
    return PositionedEvaluator(plan, zone) if rule.positions else Evaluator(plan, zone)


def _local(instant: int, zone: tzinfo) -> int:
    """Local seconds since 1970-01-01T00:00 at ``instant`` (clamped to the calendar)."""
    offset = local_of(instant, zone).utcoffset()
    return instant + (int(offset.total_seconds()) if offset is not None else 0)


def _day(ordinal: int, *, forward: bool) -> date | None:
    """Where a walk from day ``ordinal`` starts: clamped into the calendar, or ``None``
    when it would start past the end it walks towards."""
    if ordinal > LAST_ORDINAL if forward else ordinal < FIRST_ORDINAL:
        return None
    return date.fromordinal(min(max(ordinal, FIRST_ORDINAL), LAST_ORDINAL))


class PositionedEvaluator:
    """The occurrences a rule keeps by position in each period (RFC 5545's BYSETPOS).

    Candidates are the rule's wall-clock times (its excluded dates and the DST policy
    apply after the choice, as RFC 5545 counts positions in the expanded set); the
    n-th is found walking forward from the period's start, the n-th from the end
    walking back from its end.
    """

    __slots__ = ("_ahead", "_behind", "_picks", "_walk", "plan", "reach", "rule", "zone")

    def __init__(self, plan: CompiledRule, zone: tzinfo) -> None:
        self.plan = plan
        self.rule: Rule | None = plan.rule
        self.zone = zone
        self._walk = Evaluator(plan, zone)  # for wall clock -> instants and windows
        self._picks: dict[object, tuple[int, ...]] = {}
        self.reach = self._walk.reach
        positions = plan.rule.positions
        self._ahead = max((p for p in positions if p > 0), default=0)
        self._behind = -min((p for p in positions if p < 0), default=0)
        if min(abs(p) for p in positions) > _most_per_period(plan):
            self._ahead = self._behind = 0  # no period holds that many times: none fires

    def window_end(self, opening: datetime, start: int) -> int:
        return self._walk.window_end(opening, start)

    def _period(self, local: int) -> tuple[int, int]:
        """``[low, high)`` local seconds of the period holding local second ``local``."""
        rule = self.plan.rule
        unit = rule.position_unit
        if unit in UNIT_SECONDS:
            size = UNIT_SECONDS[unit]
            low = local // size * size
            return low, low + size
        ordinal = local // 86400 + EPOCH_ORDINAL
        if unit == "day":
            first, length = ordinal, 1
        elif unit == "week":
            first, length = ordinal - (ordinal - 1 - rule.week_start) % 7, 7
        else:
            day = date.fromordinal(ordinal)
            if unit == "month":
                first = ordinal - day.day + 1
                length = 29 if day.month == 2 and is_leap(day.year) else DAYS_IN_MONTH[day.month]
            else:
                first = date(day.year, 1, 1).toordinal()
                length = 366 if is_leap(day.year) else 365
        return (first - EPOCH_ORDINAL) * 86400, (first + length - EPOCH_ORDINAL) * 86400

    def _walls_forward(self, local: int) -> Iterator[int]:
        """The rule's wall-clock times at or after ``local``, ascending."""
        day = _day(local // 86400 + EPOCH_ORDINAL, forward=True)
        if day is None:
            return
        plan = self.plan
        for _, _, _, found in plan.days_forward(day.year, day.month, day.day):
            base = (found - EPOCH_ORDINAL) * 86400
            seconds = plan.times_on(found)[0]
            yield from (base + second for second in
                        seconds[bisect_left(seconds, local - base) if base < local else 0:])

    def _walls_backward(self, local: int) -> Iterator[int]:
        """The rule's wall-clock times before ``local``, descending."""
        day = _day((local - 1) // 86400 + EPOCH_ORDINAL, forward=False)
        if day is None:
            return
        plan = self.plan
        for _, _, _, found in plan.days_backward(day.year, day.month, day.day):
            base = (found - EPOCH_ORDINAL) * 86400
            seconds = plan.times_on(found)[0]
            kept = seconds[:bisect_left(seconds, local - base)] if local - base < 86400 else (
                seconds)
            yield from (base + second for second in reversed(kept))

    def _shape(self, low: int) -> object | None:
        """What the picked times of the period starting at local second ``low`` depend
        on, when that is less than the period itself (``None``: no such key)."""
        plan = self.plan
        if plan.filtered or plan.years is not None or plan.varying_times:
            return None  # year parts, periods and years tie the times to the period
        unit = plan.rule.position_unit
        if unit in UNIT_SECONDS:
            return low % 86400
        if unit == "day":
            return "day"
        day = date.fromordinal(low // 86400 + EPOCH_ORDINAL)
        if unit == "year":
            return day.weekday(), is_leap(day.year)
        length = 29 if day.month == 2 and is_leap(day.year) else DAYS_IN_MONTH[day.month]
        if unit == "month":
            return day.month, day.weekday(), length
        following = day.month % 12 + 1  # a week may reach into the next month
        return (day.month, day.day, day.weekday(), length,
                29 if following == 2 and is_leap(day.year + (day.month == 12))
                else DAYS_IN_MONTH[following])

    def _picked(self, low: int, high: int) -> tuple[int, ...]:
        """The wall-clock times the positions pick in ``[low, high)``, as offsets from
        ``low``; periods of the same shape pick the same offsets."""
        key = self._shape(low)
        if key is not None:
            found = self._picks.get(key)
            if found is not None:
                return found
        first: list[int] = []
        for wall in islice(self._walls_forward(low), self._ahead):
            if wall >= high:
                break
            first.append(wall)
        last: list[int] = []
        for wall in islice(self._walls_backward(high), self._behind):
            if wall < low:
                break
            last.append(wall)
        walls: set[int] = set()
        for position in self.plan.rule.positions:
            picked = first if position > 0 else last
            index = abs(position) - 1
            if index < len(picked):
                walls.add(picked[index] - low)
        result = tuple(sorted(walls))
        if key is not None and len(self._picks) < 10_000:
            self._picks[key] = result
        return result

    def _chosen(self, low: int, high: int) -> list[int]:
        """The instants the positions pick in the period ``[low, high)``, ascending."""
        excluded = self.plan.excluded
        instants: set[int] = set()
        for offset in self._picked(low, high):
            wall = low + offset
            if not excluded or wall // 86400 + EPOCH_ORDINAL not in excluded:
                instants.update(self._walk.instants_at(wall))
        return sorted(instants)

    def _barren_limit(self) -> int:
        unit = self.plan.rule.position_unit
        assert unit is not None
        return BARREN_PERIODS[unit] * max(1, self.plan.cycle_years // 400)

    def _periods(self, cursor: int, *, forward: bool) -> Iterator[list[int]]:
        """The instants picked in each period that has times, period after period from
        local second ``cursor`` (in walking order), until the positions have picked
        nothing for :data:`BARREN_PERIODS` periods in a row."""
        walls = self._walls_forward if forward else self._walls_backward
        barren, limit = 0, self._barren_limit()
        while self._ahead or self._behind:
            found = next(walls(cursor), None)
            if found is None:
                return
            low, high = self._period(found)
            chosen = self._chosen(low, high)
            barren = 0 if chosen else barren + 1
            if barren > limit:
                return
            yield chosen if forward else chosen[::-1]
            cursor = high if forward else low

    def forward(self, after: int, until: int | None = None) -> Iterator[datetime]:
        zone = self.zone
        floor = after
        # A wall clock a day early covers any offset.
        for chosen in self._periods(_local(after, zone) - 86400, forward=True):
            for instant in chosen:
                if instant > floor:
                    if until is not None and instant >= until:
                        return
                    floor = instant
                    yield local_of(instant, zone)

    def backward(self, before: int) -> Iterator[datetime]:
        zone = self.zone
        ceiling = before
        for chosen in self._periods(_local(before, zone) + 86400, forward=False):
            for instant in chosen:
                if instant < ceiling:
                    ceiling = instant
                    yield local_of(instant, zone)


def _most_per_period(plan: CompiledRule) -> int:
    """An upper bound on the rule's times in one period of its positions' unit: a
    position beyond it never picks anything."""
    rule = plan.rule
    times = plan.seconds_of_day
    unit = rule.position_unit
    if unit in UNIT_SECONDS:
        size = UNIT_SECONDS[unit]
        buckets: dict[int, int] = {}
        for second in times:
            buckets[second // size] = buckets.get(second // size, 0) + 1
        return max(buckets.values())
    weekdays = rule.weekdays
    kinds = 7
    if weekdays is not None and rule.month_days is None:
        kinds = len({*weekdays.days, *(day for day, _ in weekdays.nth), *weekdays.last})
    days = {"day": 1, "week": min(7, kinds), "month": 31 if kinds == 7 else 5 * kinds,
            "year": 366}[unit or "year"]
    return days * len(times)


class LimitedEvaluator:
    """A rule's own bounds and its count, around the walk of the rule.

    Marks ``(instant, n)`` say that the n-th occurrence (from 0) falls at ``instant``;
    they are laid as the counting goes, so each question resumes from the nearest one.
    """

    __slots__ = ("_end", "_excluded", "_inner", "_last", "_marks", "_start", "count",
                 "reach", "rule", "zone")

    def __init__(self, inner: Source, rule: Rule, zone: tzinfo) -> None:
        self._inner = inner
        self.rule: Rule | None = rule
        self.zone = zone
        self.reach = inner.reach
        self._start = _whole(rule.start)
        self._end = _whole(rule.end)
        self.count = rule.count
        self._excluded = frozenset(day.toordinal() for day in rule.excluded_dates)
        self._marks: list[tuple[int, int]] = []
        #: The instant of the last counted occurrence, once the counting got there.
        self._last: int | None = None

    def window_end(self, opening: datetime, start: int) -> int:
        return self._inner.window_end(opening, start)

    @property
    def bounded_walk(self) -> tuple[Source, int | None, int | None] | None:
        """``(the rule's walk, its first instant, its end)`` when bounds alone limit
        it, or ``None`` when it has a count."""
        return None if self.count is not None else (self._inner, self._start, self._end)

    def _counted_before(self, limit: int) -> int:
        """How many occurrences fall in ``[start, limit)``, at most ``count``."""
        count, start = self.count, self._start
        assert count is not None
        assert start is not None
        if limit <= start:
            return 0
        marks = self._marks
        index = bisect_left(marks, (limit,)) - 1  # the last mark before ``limit``
        if index >= 0:
            at, seen = marks[index]
            stream = self._inner.forward(at)
            seen += 1  # the mark's own occurrence lies before ``limit``
        else:
            stream, seen = self._inner.forward(start - 1), 0
        zone = self.zone
        for moment in stream:
            instant = instant_of(moment, zone)[0]
            if instant >= limit:
                return seen
            if seen % MARK_EVERY == 0 and (not marks or marks[-1][0] < instant):
                marks.append((instant, seen))
            seen += 1
            if seen == count:
                self._last = instant
                return count
        return seen

    def forward(self, after: int, until: int | None = None) -> Iterator[datetime]:
        if self._start is not None:
            after = max(after, self._start - 1)
        if self._end is not None:
            until = self._end if until is None else min(until, self._end)
        stream = self._inner.forward(after, until)
        if self.count is not None:
            if self._last is not None and after >= self._last:
                return iter(())
            stream = islice(stream, self.count - self._counted_before(after + 1))
        return self._kept(stream, None, reverse=False)

    def backward(self, before: int) -> Iterator[datetime]:
        if self._end is not None:
            before = min(before, self._end)
        if self.count is not None:
            if self._last is None:
                self._counted_before(before)
            if self._last is not None:
                before = min(before, self._last + 1)
        return self._kept(self._inner.backward(before), self._start, reverse=True)

    def _kept(self, stream: Iterator[datetime], bound: int | None, *, reverse: bool
              ) -> Iterator[datetime]:
        zone, excluded = self.zone, self._excluded
        for moment in stream:
            if bound is not None:
                instant = instant_of(moment, zone)[0]
                if (instant < bound) if reverse else (instant >= bound):
                    return
            if excluded and moment.toordinal() in excluded:
                continue
            yield moment


def _whole(moment: datetime | None) -> int | None:
    """Whole seconds of an aware instant, a fraction rounded up."""
    if moment is None:
        return None
    seconds = int(moment.timestamp() // 1)
    return seconds + (1 if moment.microsecond else 0)


class DatesEvaluator:
    """Explicit instances (RFC 5545's RDATE), each with its own window."""

    __slots__ = ("_ends", "_moments", "_starts", "reach", "rule", "zone")

    def __init__(self, dates: Sequence[Instance], zone: tzinfo) -> None:
        self.rule: Rule | None = None
        self.zone = zone
        ends: dict[int, int] = {}  # microseconds, by the opening's instant
        for instance in dates:
            start = int(instance.start.timestamp())
            end = start * _MICRO
            if instance.end is not None:
                seconds, micro = instant_of(instance.end, zone)
                end = seconds * _MICRO + micro
            ends[start] = max(end, ends.get(start, end))  # the union: the longest
        self._starts = sorted(ends)
        self._ends = [ends[start] for start in self._starts]
        self._moments = [local_of(start, zone) for start in self._starts]
        self.reach = max((-(-end // _MICRO) - start for start, end in ends.items()), default=0)

    def window_end(self, opening: datetime, start: int) -> int:
        index = bisect_left(self._starts, start)
        if index < len(self._starts) and self._starts[index] == start:
            return max(self._ends[index], start * _MICRO)
        return start * _MICRO

    def forward(self, after: int, until: int | None = None) -> Iterator[datetime]:
        starts = self._starts
        stop = len(starts) if until is None else bisect_left(starts, until)
        return iter(self._moments[bisect_right(starts, after):stop])

    def backward(self, before: int) -> Iterator[datetime]:
        return reversed(self._moments[:bisect_left(self._starts, before)])


def without(stream: Iterable[datetime], excluded: frozenset[int],
            exclusions: Sequence[Source], zone: tzinfo, *, reverse: bool
            ) -> Iterator[datetime]:
    """``stream`` (ascending, or descending with ``reverse``) without the ``excluded``
    instants and the occurrences of the ``exclusions``, each walked alongside once."""
    heads: list[int | None] = []
    walks: list[Iterator[datetime]] = []
    started = False
    removed = 0  # in a row: an EXRULE covering its RRULE would otherwise walk to 9999
    for moment in stream:
        instant = instant_of(moment, zone)[0]
        if removed > MAX_REMOVED_IN_A_ROW:
            raise ScheduleError(
                f"the exclusions (EXRULE, EXDATE) removed more than {MAX_REMOVED_IN_A_ROW} "
                f"occurrences in a row up to {moment.isoformat()}; cadence stops there: "
                "check that the EXRULE does not cover the whole RRULE")
        if instant in excluded:
            removed += 1
            continue
        if not started:  # start the exclusions where the stream starts
            started = True
            for exclusion in exclusions:
                walk = (exclusion.backward(instant + 1) if reverse
                        else exclusion.forward(instant - 1))
                walks.append(walk)
                heads.append(_instant_or_none(next(walk, None), zone))
        hit = False
        for index, walk in enumerate(walks):
            head = heads[index]
            while head is not None and (head > instant if reverse else head < instant):
                head = _instant_or_none(next(walk, None), zone)
            heads[index] = head
            hit = hit or head == instant
        if hit:
            removed += 1
        else:
            removed = 0
            yield moment


def _instant_or_none(moment: datetime | None, zone: tzinfo) -> int | None:
    return None if moment is None else instant_of(moment, zone)[0]
