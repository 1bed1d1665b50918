"""BMC Helix time frames: the ``status`` a GET answer carries, computed for any moment.

Helix adds ``status``, ``lastRunTime`` and ``nextRunTime`` to a time frame it returns
(formats.md section 4). cadence computes them for a given ``now`` (assumptions, since
Helix does not define them):

- ``ACTIVE``: ``now`` is inside a window (a window is ``[opening, closing)``).
- ``EXPIRED``: not inside a window and ``now`` is at or after the time frame's end
  bound: 00:00 local on the day after ``endsOn.endDate`` for a recurring frame, the
  closing of the window for a ``oneTime`` frame. A window that opened on the end date
  and runs past midnight keeps the frame ``ACTIVE`` until it closes.
- ``INACTIVE``: otherwise (before the first window, or between two windows).
- ``lastRunTime``: the opening of the latest window opening at or before ``now``
  (``None`` before the first one); ``nextRunTime``: the opening of the first window
  opening strictly after ``now`` (``None`` after the last one). Both are epoch
  milliseconds.

>>> frame = {"name": "skip weekends", "schedule": {
...     "startTime": "16:49", "endTime": "16:51", "startDate": "19042022",
...     "endsOn": {"endDate": "19052022"},
...     "recurrence": {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": [2, 3, 4]}},
...     "timeZone": {"name": "Asia/Kolkata", "offset": "+05:30"}}}
>>> status(frame, "2022-04-19T16:50:00+05:30")
{'status': 'ACTIVE', 'lastRunTime': 1650367140000, 'nextRunTime': 1650453540000}
>>> status(frame, "2022-06-01T00:00:00+05:30")["status"]
'EXPIRED'
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Literal, TypedDict

from ._api import parse
from ._moments import parse_iso
from ._zones import instant_of
from .errors import ScheduleError
from .schedule import Schedule

__all__ = ["Status", "TimeframeStatus", "status"]

TimeframeStatus = Literal["ACTIVE", "INACTIVE", "EXPIRED"]


class Status(TypedDict):
    """What :func:`status` answers, spelled as Helix spells it."""

    status: TimeframeStatus
    lastRunTime: int | None
    nextRunTime: int | None


_TICK = timedelta(microseconds=1)


def status(timeframe: object, now: datetime | str, *, tz: str | tzinfo | None = None
           ) -> Status:
    """``status``, ``lastRunTime`` and ``nextRunTime`` of a time frame at ``now``.

    ``timeframe``: a helix :class:`~cadence.Schedule`, or a time frame (or its
    ``schedule``) as a dict or JSON text, parsed with
    ``cadence.parse(timeframe, format="helix", tz=tz)`` (an invalid one raises
    :class:`cadence.InvalidPayloadError`). ``now``: an aware datetime, an ISO 8601
    string, or a naive one read as wall-clock time in the time frame's zone.

    >>> frame = {"startTime": "22:00", "endTime": "02:00", "startDate": "01032026",
    ...          "endsOn": {"endDate": "31032026"}, "recurrence": {"frequency": "daily"}}
    >>> status(frame, "2026-03-10T01:00Z")
    {'status': 'ACTIVE', 'lastRunTime': 1773093600000, 'nextRunTime': 1773180000000}
    """
    schedule = timeframe if isinstance(timeframe, Schedule) else parse(
        timeframe, format="helix", tz=tz)
    if isinstance(now, str):
        text = now
        try:
            now = parse_iso(text)
        except ValueError:
            raise ScheduleError(
                f"now: {text[:40]!r} is not an ISO 8601 date-time; "
                "write e.g. '2022-04-19T16:50:00+05:30'"
            ) from None
    if not isinstance(now, datetime):
        raise ScheduleError(
            f"now must be a datetime (or an ISO 8601 string), not {type(now).__name__}")
    zone = schedule.tz
    last = schedule.prev(now + _TICK)  # the latest opening at or before now
    following = schedule.next_window(now)
    inside = schedule.window_at(now) is not None
    state: TimeframeStatus
    if inside:
        state = "ACTIVE"
    elif schedule.end is not None and instant_of(now, zone) >= instant_of(schedule.end, zone):
        state = "EXPIRED"
    else:
        state = "INACTIVE"
    return {
        "status": state,
        "lastRunTime": _millis(last, zone),
        "nextRunTime": _millis(following[0], zone) if following is not None else None,
    }


def _millis(moment: datetime | None, zone: tzinfo) -> int | None:
    if moment is None:
        return None
    seconds, micro = instant_of(moment, zone)
    return seconds * 1000 + micro // 1000
