"""Whether two schedules fire at the same instants, and where they first differ.

Decided on the IR where that is cheap (the same rules in the same zone with the same
bounds are equivalent), otherwise by walking both occurrence streams over a horizon.
The walk has an explicit limit on how many occurrences it compares; past it, it says
so instead of answering slowly or wrongly.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Literal

from ._moments import as_datetime
from ._zones import instant_of
from .errors import ScheduleError
from .schedule import Schedule

__all__ = ["DEFAULT_HORIZON", "MAX_COMPARED", "Difference", "equivalent", "first_difference"]

#: Long enough to cover leap years and every DST rule of the zones in use.
DEFAULT_HORIZON = timedelta(days=8 * 366)
#: How many occurrences the stream comparison looks at before it gives up.
MAX_COMPARED = 2_000_000

Side = Literal["a", "b"]


class Difference(tuple[datetime, Side]):
    """``(moment, side)``: the first occurrence only one schedule has, and which one."""

    __slots__ = ()

    @property
    def moment(self) -> datetime:
        return self[0]

    @property
    def side(self) -> Side:
        return self[1]


def difference(
    a: Schedule,
    b: Schedule,
    *,
    after: datetime | str | None = None,
    horizon: timedelta = DEFAULT_HORIZON,
) -> Difference | None:
    """The first occurrence strictly after ``after`` (default: now) and before
    ``after + horizon`` that only one of ``a`` and ``b`` has, with its side.

    Schedules with windows (a duration) are compared window by window: both the
    opening and the closing must agree; the difference is the opening of the first
    window only one side has.
    """
    if not isinstance(a, Schedule) or not isinstance(b, Schedule):
        raise ScheduleError("equivalence compares two cadence Schedules (use cadence.parse)")
    if not isinstance(horizon, timedelta) or horizon <= timedelta(0):
        raise ScheduleError("horizon must be a positive timedelta")
    if a == b:  # the same rules, zone and bounds: decided on the IR
        return None
    start = as_datetime(after, "after") if after is not None else datetime.now(timezone.utc)
    if start.tzinfo is None:
        start = start.replace(tzinfo=a.tz)
    try:
        limit: int | None = instant_of(start + horizon, a.tz)[0]
    except OverflowError:  # the horizon reaches past year 9999: compare to the end
        limit = None
    if _has_windows(a) or _has_windows(b):
        moment = instant_of(start, a.tz)[0] + 1
        return _first_mismatch(_windows(a, moment), _windows(b, moment), limit, "windows",
                               start)
    return _first_mismatch(_instants(a, start), _instants(b, start), limit, "occurrences",
                           start)


Keyed = tuple[tuple[int, int], datetime]
"""``((start, end) in seconds, moment)``: an occurrence is a window with no length."""


def _has_windows(schedule: Schedule) -> bool:
    return any(rule.duration is not None for rule in schedule.rules)


def _instants(schedule: Schedule, start: datetime) -> Iterator[Keyed]:
    for moment in schedule.iter_after(start):
        seconds = instant_of(moment, moment.tzinfo or timezone.utc)[0]
        yield (seconds, seconds), moment


def _windows(schedule: Schedule, moment: int) -> Iterator[Keyed]:
    """Each window open at or after ``moment``, once."""
    last: tuple[int, int] | None = None
    for window in schedule._windows_from(moment):
        key = (window.start, window.end)
        if key != last:
            yield key, window.opening
        last = key


def _first_mismatch(left: Iterator[Keyed], right: Iterator[Keyed], limit: int | None,
                    what: str, start: datetime) -> Difference | None:
    """Walk two ordered streams together: the first item only one side has, if any before
    ``limit``; at most :data:`MAX_COMPARED` items are compared."""
    next_left, next_right = next(left, None), next(right, None)
    for _ in range(MAX_COMPARED):
        if next_left is None and next_right is None:
            return None
        first = min(found[0] for found in (next_left, next_right) if found is not None)
        if limit is not None and first[0] >= limit:
            return None
        if next_left is not None and next_right is not None and next_left[0] == next_right[0]:
            next_left, next_right = next(left, None), next(right, None)
            continue
        if next_right is None or (next_left is not None and next_left[0] < next_right[0]):
            assert next_left is not None
            return Difference((next_left[1], "a"))
        return Difference((next_right[1], "b"))
    raise ScheduleError(
        f"the schedules agree on their first {MAX_COMPARED} {what} after {start}; "
        "compare over a shorter horizon to decide"
    )


def first_difference(
    a: Schedule,
    b: Schedule,
    *,
    after: datetime | str | None = None,
    horizon: timedelta = DEFAULT_HORIZON,
) -> datetime | None:
    """The first moment after ``after`` where exactly one of the schedules fires, or
    ``None`` if they agree over the horizon.

    >>> import cadence
    >>> a, b = cadence.parse("0 9 * * 1-5"), cadence.parse("0 9 * * MON,TUE,WED,THU,FRI,SAT")
    >>> first_difference(a, b, after="2026-11-22T00:00Z").isoformat()
    '2026-11-28T09:00:00+00:00'
    """
    found = difference(a, b, after=after, horizon=horizon)
    return found.moment if found is not None else None


def equivalent(
    a: Schedule,
    b: Schedule,
    *,
    after: datetime | str | None = None,
    horizon: timedelta = DEFAULT_HORIZON,
) -> bool:
    """Whether ``a`` and ``b`` fire at the same instants over the horizon.

    >>> import cadence
    >>> equivalent(cadence.parse("*/15 * * * *"), cadence.parse("0,15,30,45 * * * *"),
    ...            after="2026-01-01T00:00Z", horizon=timedelta(days=30))
    True
    """
    return difference(a, b, after=after, horizon=horizon) is None
