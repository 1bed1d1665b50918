"""Whether two schedules fire at the same instants, and where they first differ.

:func:`compare` gives one of three answers (:class:`Comparison`): equivalent (proven),
the first difference, or no difference found before a moment where the comparison had
to stop. Identical IRs are equivalent at once. Two schedules that are one schedule
between different bounds (in a zone of one offset, whatever their DST policies) differ
exactly at the first occurrence within one's bounds and outside the other's: a search
on each side decides. Two that differ only in their rules' DST policies differ first on
the first clock-change day where the policies fire differently: found from the rules,
then that day is walked. Otherwise both occurrence streams are walked from ``after``: past
the moment where what does not repeat has passed, both
schedules come back every 400 years or a multiple of it (:mod:`cadence._repeats`), so
agreeing over one such period from there, and over the calendar's last days (where
zones end at different instants), proves agreement for ever. Walking to the end of the
calendar proves it too. The walk compares at most :data:`MAX_COMPARED` occurrences and
says where it stopped instead of answering slowly or wrongly
(:data:`cadence.limits.MAX_COMPARED`: about a second of walking).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone, tzinfo
from math import lcm
from typing import Literal, NamedTuple

from ._api import Source, as_schedule
from ._durations import Duration, as_duration
from ._evaluate import union_policy_difference
from ._moments import Moment, as_datetime, now
from ._repeats import repetition
from ._zones import instant_of, is_fixed_offset
from .errors import ScheduleError, duration_words
from .ir import Recurrence, policy_free
from .limits import MAX_COMPARED
from .schedule import Schedule

__all__ = ["MAX_COMPARED", "Comparison", "compare", "equivalent", "first_difference"]

Side = Literal["a", "b"]
Verdict = Literal["equivalent", "different", "undecided"]
Stop = Literal["horizon", "limit"]

#: The calendar's first instant in UTC, and its first moment in the zone farthest ahead.
_CALENDAR_START = int((datetime(1, 1, 1, tzinfo=timezone.utc)
                       - datetime(1970, 1, 1, tzinfo=timezone.utc)).total_seconds())
_AHEAD = 14 * 3600
_FIRST_WALL = datetime(1, 1, 1, tzinfo=timezone(timedelta(seconds=_AHEAD)))
#: The last instant the calendar holds in any zone, and where its last days begin.
_CALENDAR_END = int((datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
                     - datetime(1970, 1, 1, tzinfo=timezone.utc)).total_seconds()) + 86400
_LAST_DAYS = 4 * 86400
#: How many occurrences a walk compares between two calls of its progress callback.
_REPORT_EVERY = 4096


@dataclass(frozen=True, slots=True)
class Comparison:
    """What comparing two schedules from ``after`` on found.

    ``verdict``: ``"equivalent"`` (proven: they fire at the same instants, and open the
    same windows, at every moment after ``after``), ``"different"`` (``moment`` is the
    first occurrence only one has, ``side`` says which: ``"a"`` or ``"b"``) or
    ``"undecided"`` (no difference before ``until``, where the comparison stopped:
    ``stopped`` is ``"horizon"`` when the horizon asked for ended there, ``"limit"`` when
    :data:`MAX_COMPARED` occurrences were compared).
    """

    verdict: Verdict
    after: datetime
    moment: datetime | None = None
    side: Side | None = None
    until: datetime | None = None
    stopped: Stop | None = None

    def to_json(self) -> dict[str, str | None]:
        """The comparison as JSON, moments in ISO 8601 (``cadence diff --json``, the
        HTTP API's ``/v1/diff``)."""
        def iso(moment: datetime | None) -> str | None:
            return moment.isoformat() if moment is not None else None

        return {"verdict": self.verdict, "after": self.after.isoformat(),
                "moment": iso(self.moment), "side": self.side, "until": iso(self.until),
                "stopped": self.stopped}


def compare(
    a: Source,
    b: Source,
    *,
    after: Moment | None = None,
    horizon: Duration | None = None,
    format: str | None = None,
    tz: str | tzinfo | None = None,
    dst: str | None = None,
    progress: Callable[[float], None] | None = None,
) -> Comparison:
    """Compare ``a`` and ``b`` strictly after ``after`` (default: now), no further than
    ``after + horizon`` when a horizon (a timedelta or ISO 8601 text, ``"P30D"``) is
    given.

    ``a`` and ``b``: schedules, or what :func:`cadence.parse` reads, each read with
    ``format``, ``tz`` and ``dst`` (which must agree with a side given as a parsed
    schedule: they cannot change it, and are never silently ignored). ``progress``, if
    given, is called now and then (every :data:`_REPORT_EVERY` occurrences walked) with
    the fraction of the walk done, from 0 to 1 (for a progress bar: the walk may take a
    second or more).

    Schedules with windows (a duration) are compared window by window, for the windows
    opening strictly after ``after`` (those :meth:`~cadence.Schedule.next_window`
    gives): both the opening and the closing must agree; the difference is the opening
    of the first window only one side has, never before ``after``.

    >>> import cadence
    >>> found = compare(cadence.parse("0 0 9 1 1 ? 2040"), cadence.parse("0 0 10 1 1 ? 2040"),
    ...                 after="2026-01-01T00:00Z")
    >>> found.verdict, found.moment.isoformat(), found.side
    ('different', '2040-01-01T09:00:00+00:00', 'a')
    """
    a = as_schedule(a, format, tz=tz, dst=dst, name="a")
    b = as_schedule(b, format, tz=tz, dst=dst, name="b")
    if horizon is not None:
        horizon = as_duration(horizon, "horizon")
        if horizon <= timedelta(0):
            raise ScheduleError(f"horizon must be positive, not {duration_words(horizon)}; "
                                "give a length such as P30D, or None to compare as far as a "
                                "proof needs")
    start = as_datetime(after, "after") if after is not None else now()
    if start.tzinfo is None:
        start = start.replace(tzinfo=a.tz)
    if a == b:  # the same rules, zone and bounds: decided on the IR
        return Comparison("equivalent", start)
    begin = instant_of(start, a.tz)[0]
    reach = None
    if horizon is not None:
        try:
            reach = instant_of(start + horizon, a.tz)[0]
        except OverflowError:  # the horizon reaches past year 9999: compare to the end
            reach = None
    if not (_has_windows(a) or _has_windows(b)) and _unbounded(a.recurrence) == _unbounded(
            b.recurrence):
        walked = _apart_by_bounds(a, b, begin)
        if walked.verdict == "different" and reach is not None and walked.at >= reach:
            return Comparison("undecided", start, until=_moment(reach), stopped="horizon")
        return walked.comparison(start) if walked.verdict == "different" else Comparison(
            "equivalent", start)
    if _apart_by_policy_only(a.recurrence, b.recurrence):
        decided = _policy_comparison(a, b, begin, reach, start)
        if decided is not None:
            return decided
    proof, tail_too = _proof_end(a, b, begin)
    limit, stop = proof, None
    if reach is not None and (limit is None or reach < limit):
        limit, stop = reach, "horizon"
    walked = _walk(a, b, begin, limit, MAX_COMPARED, progress)
    if walked.verdict == "equivalent" and stop is None and tail_too:
        # Periods past the calendar's end are cut short at different instants by zones.
        tail = max(begin, _CALENDAR_END - _LAST_DAYS - _longest_window(a, b))
        walked = _walk(a, b, tail, None, MAX_COMPARED - walked.compared, progress)
    if walked.verdict != "equivalent":
        return walked.comparison(start)
    if stop == "horizon":
        assert limit is not None
        return Comparison("undecided", start, until=_moment(limit), stopped="horizon")
    return Comparison("equivalent", start)


def _apart_by_policy_only(a: Recurrence, b: Recurrence) -> bool:
    """Whether ``a`` and ``b`` are one schedule but for their rules' DST policies, with
    nothing whose occurrences depend on the policy but the rules' times of day (no
    counts, set positions, dates or exclusions): they then differ only on days the
    clocks change. (A set position picks among a period's occurrences, so a time the
    policies place differently may be one it never picks.)"""
    if len(a.rules) != len(b.rules) or any(
            recurrence.dates or recurrence.excluded or recurrence.exclusions
            or any(rule.count is not None or rule.positions for rule in recurrence.rules)
            for recurrence in (a, b)):
        return False
    return a.with_rules([policy_free(rule) for rule in a.rules]) == b.with_rules(
        [policy_free(rule) for rule in b.rules])


def _policy_comparison(a: Schedule, b: Schedule, begin: int, reach: int | None,
                       start: datetime) -> Comparison | None:
    """Two schedules apart by their DST policies only: the first clock-change day on
    which they fire differently is found from the rules, then walked (one day's
    occurrences), so every minute in New York against the same minutes under another
    policy is decided at once instead of after a year of minutes. ``None`` if that day's
    walk finds no difference after all: the general comparison then decides."""
    recurrence = a.recurrence
    low = max(begin + 1, recurrence.start_seconds if recurrence.start_seconds is not None
              else begin + 1)
    high = recurrence.end_seconds
    if reach is not None:
        high = reach if high is None else min(high, reach)
    pairs = [(own, other.dst_flags) for own, other in zip(a.rules, b.rules, strict=True)]
    found = union_policy_difference(pairs, a.tz, low, high)
    if found is None:
        if reach is not None and (high is None or reach <= high):
            return Comparison("undecided", start, until=_moment(reach), stopped="horizon")
        return Comparison("equivalent", start)
    # The schedules agree before that day: the walk starts a day before the time found.
    day_before = instant_of(found.wall.replace(tzinfo=a.tz), a.tz)[0] - 86400
    walked = _walk(a, b, max(begin, day_before), high, MAX_COMPARED)
    if walked.verdict == "equivalent":
        return None
    return walked.comparison(start)


def _proof_end(a: Schedule, b: Schedule, begin: int) -> tuple[int | None, bool]:
    """How far from ``begin`` the walk must agree to prove agreement for ever (``None``:
    to the end of the calendar), and whether the calendar's last days need a walk too."""
    of_a, of_b = repetition(a.recurrence), repetition(b.recurrence)
    if of_a is None or of_b is None:
        return None, False
    settled = max(begin, of_a[0] if of_a[0] is not None else begin,
                  of_b[0] if of_b[0] is not None else begin)
    end = settled + lcm(of_a[1], of_b[1]) + 2 * 86400 + _longest_window(a, b)
    return (end, True) if end < _CALENDAR_END - _LAST_DAYS else (None, False)


def _apart_by_bounds(a: Schedule, b: Schedule, begin: int) -> _Walked:
    """``a`` and ``b`` are one schedule between different bounds: they differ exactly
    at the first occurrence after ``begin`` within one's bounds and outside the other's,
    which each side finds with one search."""
    found: list[tuple[int, datetime, Side]] = []
    sides: tuple[tuple[Schedule, Schedule, Side], ...] = ((a, b, "a"), (b, a, "b"))
    for one, other, side in sides:
        for low, high in _outside(_bounds(one), _bounds(other)):
            low = max(low, begin + 1)
            if low >= high:
                continue
            moment = next(one.iter_after(_moment(low - 1)), None)
            if moment is not None and (at := instant_of(moment, a.tz)[0]) < high:
                found.append((at, moment, side))
    if not found:
        return _Walked("equivalent", 0)
    at, moment, side = min(found, key=lambda item: item[0])
    return _Walked("different", 0, moment, side, at=at)


def _bounds(schedule: Schedule) -> tuple[int, int]:
    """The schedule's bounds in seconds, ``[start, end)``, the calendar's where it has none."""
    recurrence = schedule.recurrence
    start, end = recurrence.start_seconds, recurrence.end_seconds
    return (-_CALENDAR_END if start is None else start,
            _CALENDAR_END if end is None else end)


def _outside(inside: tuple[int, int], other: tuple[int, int]) -> list[tuple[int, int]]:
    """The parts of ``inside`` outside ``other`` (half-open intervals)."""
    return [(inside[0], min(inside[1], other[0])), (max(inside[0], other[1]), inside[1])]


def _unbounded(recurrence: Recurrence) -> Recurrence:
    """``recurrence`` without its bounds, and in a zone of one fixed offset without its
    DST policy, which no clock change ever calls on."""
    if is_fixed_offset(recurrence.zone):
        recurrence = recurrence.with_rules(
            [replace(rule, fixed_time=True, skip_gaps=False) for rule in recurrence.rules])
    return recurrence.with_bounds(None, None)


def _longest_window(a: Schedule, b: Schedule) -> int:
    return max((-(-rule.duration // timedelta(seconds=1)) for rule in (*a.rules, *b.rules)
                if rule.duration is not None), default=0)


Keyed = tuple[tuple[int, int], datetime]
"""``((start, end), moment)``: an instant's start and end are its seconds; a window's
start is in seconds and its end in microseconds (a 1.5 s window is not a 2 s one)."""


class _Walked(NamedTuple):
    """What walking two streams found, and how many items it compared."""

    verdict: Verdict
    compared: int
    moment: datetime | None = None
    side: Side | None = None
    until: int | None = None
    at: int = 0

    def comparison(self, start: datetime) -> Comparison:
        if self.verdict == "different":
            return Comparison("different", start, moment=self.moment, side=self.side)
        assert self.until is not None
        return Comparison("undecided", start, until=_moment(self.until), stopped="limit")


def _walk(a: Schedule, b: Schedule, begin: int, limit: int | None, budget: int,
          progress: Callable[[float], None] | None = None) -> _Walked:
    """Walk both schedules' streams strictly after ``begin`` together, up to ``limit``
    (``None``: their end): the first item only one side has; at most ``budget`` items.
    ``progress`` hears the share of :data:`MAX_COMPARED` spent (the walks of one
    comparison share it), or of the way to ``limit`` if that is further along."""
    spent = MAX_COMPARED - budget
    if _has_windows(a) or _has_windows(b):
        left, right = _windows(a, begin + 1), _windows(b, begin + 1)
    else:
        moment = _moment(begin)
        left, right = _instants(a, moment), _instants(b, moment)
    next_left, next_right = next(left, None), next(right, None)
    for compared in range(budget):
        if next_left is None and next_right is None:
            return _Walked("equivalent", compared)
        first = min(found[0] for found in (next_left, next_right) if found is not None)
        if limit is not None and first[0] >= limit:
            return _Walked("equivalent", compared)
        if not compared % _REPORT_EVERY and progress is not None:
            done = (spent + compared) / MAX_COMPARED
            if limit is not None:
                done = max(done, (first[0] - begin) / max(limit - begin, 1))
            progress(done)
        if next_left is not None and next_right is not None and next_left[0] == next_right[0]:
            next_left, next_right = next(left, None), next(right, None)
            continue
        if next_right is None or (next_left is not None and next_left[0] < next_right[0]):
            assert next_left is not None
            return _Walked("different", compared, next_left[1], "a")
        return _Walked("different", compared, next_right[1], "b")
    ahead = [found[0][0] for found in (next_left, next_right) if found is not None]
    return _Walked("undecided", budget, until=min(ahead) if ahead else _CALENDAR_END)


def _has_windows(schedule: Schedule) -> bool:
    return any(rule.duration is not None for rule in schedule.rules)


def _instants(schedule: Schedule, start: datetime) -> Iterator[Keyed]:
    for moment in schedule.iter_after(start):
        seconds = instant_of(moment, moment.tzinfo or timezone.utc)[0]
        yield (seconds, seconds), moment


def _windows(schedule: Schedule, moment: int) -> Iterator[Keyed]:
    """Each window opening at or after ``moment``, once: as :meth:`Schedule.next_window`
    takes them, a window already open then is not compared (its opening is before)."""
    last: tuple[int, int] | None = None
    for window in schedule._windows_from(moment):
        if window.start < moment:
            continue
        key = (window.start, window.end_micro)
        if key != last:
            yield key, window.opening
        last = key


def _moment(seconds: int) -> datetime:
    """An instant in seconds as an aware UTC datetime (the calendar's end at most); an
    instant before year 1 in UTC (the first hours of the calendar in a zone ahead of
    UTC) at the wall clock of UTC+14:00, the farthest ahead any zone is."""
    if seconds >= _CALENDAR_START:
        return datetime.fromtimestamp(min(seconds, _CALENDAR_END - 86400), timezone.utc)
    return _FIRST_WALL + timedelta(seconds=max(seconds, _CALENDAR_START - _AHEAD)
                                   - _CALENDAR_START + _AHEAD)


def first_difference(
    a: Source,
    b: Source,
    *,
    after: Moment | None = None,
    horizon: Duration | None = None,
    format: str | None = None,
    tz: str | tzinfo | None = None,
    dst: str | None = None,
) -> datetime | None:
    """The first moment after ``after`` where exactly one of the schedules fires, or
    ``None`` if none was found (see :func:`compare` for whether that proves they agree).

    >>> import cadence
    >>> a, b = cadence.parse("0 9 * * 1-5"), cadence.parse("0 9 * * MON,TUE,WED,THU,FRI,SAT")
    >>> first_difference(a, b, after="2026-11-22T00:00Z").isoformat()
    '2026-11-28T09:00:00+00:00'
    """
    return compare(a, b, after=after, horizon=horizon, format=format, tz=tz, dst=dst).moment


def equivalent(
    a: Source,
    b: Source,
    *,
    after: Moment | None = None,
    horizon: Duration | None = None,
    format: str | None = None,
    tz: str | tzinfo | None = None,
    dst: str | None = None,
) -> bool:
    """Whether ``a`` and ``b`` are proven to fire at the same instants after ``after``:
    ``False`` when they differ, and also when the comparison stopped before a proof (a
    horizon shorter than the proof needs, or the limit; :func:`compare` says which).

    >>> import cadence
    >>> equivalent(cadence.parse("*/15 * * * *"), cadence.parse("0,15,30,45 * * * *"))
    True
    >>> equivalent("0 9 * * 1-5", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0")
    True
    """
    return compare(a, b, after=after, horizon=horizon, format=format, tz=tz,
                   dst=dst).verdict == "equivalent"
