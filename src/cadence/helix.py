"""BMC Helix time frames: what a GET answer says of a frame, computed for any moment.

Helix adds ``status``, ``lastRunTime`` and ``nextRunTime`` to a time frame it returns
(formats.md section 4). :func:`status` gives them for a given ``now``, and says apart
whether ``now`` is inside a window (``inWindow``).

``status`` is the frame's lifecycle state, not "inside a window now". The vendor's page
(seed 002) is the evidence: its ``GET /timeframes`` answer lists two frames with the
same schedule at the same moment, one ``"status": "ACTIVE"`` and one
``"status": "INACTIVE"``, so the status cannot follow from the schedule and the clock;
and it lists the values only ("The status parameter can have one of the following
values: ACTIVE, INACTIVE, EXPIRED"). cadence reads them so (assumptions where the page
is silent):

- ``EXPIRED``: ``now`` is at or after the time frame's end bound (00:00 local on the
  day after ``endsOn.endDate`` for a recurring frame, the closing of the window for a
  ``oneTime`` frame) and not inside a window: a window that opened on the end date and
  runs past midnight is the frame's last, and it expires when that window closes.
- otherwise the frame's stored ``status`` as it is (``ACTIVE``: enabled,
  ``INACTIVE``: disabled; a stored ``EXPIRED`` is the server's word and is kept), or
  ``ACTIVE`` when the frame has none (a frame as POSTed).
- ``inWindow`` (cadence's, not a Helix field): ``now`` is inside a window (a window is
  ``[opening, closing)``). A frame that is ``INACTIVE`` has windows all the same; the
  status says whether they are in effect.
- ``lastRunTime``: the opening of the latest window opening at or before ``now``
  (``None`` before the first one); ``nextRunTime``: the opening of the first window
  opening strictly after ``now`` (``None`` after the last one). Both are epoch
  milliseconds. The page's sample answer (``"lastRunTime": 1648452600000`` equal to
  ``"nextRunTime"``, 13:00 in Asia/Kolkata on 28 March 2022, before its ``startDate``
  and at no ``startTime``) matches no reading of its schedule, so it does not decide
  them; window openings are cadence's reading.

:func:`read_frames` reads every time frame of a GET answer (``{"message", "object":
[...]}``), each named; :func:`cadence.parse` reads a GET answer holding one frame and
refuses one holding several, pointing here.

>>> frame = {"name": "skip weekends", "schedule": {
...     "startTime": "16:49", "endTime": "16:51", "startDate": "19042022",
...     "endsOn": {"endDate": "19052022"},
...     "recurrence": {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": [2, 3, 4]}},
...     "timeZone": {"name": "Asia/Kolkata", "offset": "+05:30"}}}
>>> status(frame, "2022-04-19T16:50:00+05:30")  # doctest: +NORMALIZE_WHITESPACE
{'status': 'ACTIVE', 'inWindow': True, 'lastRunTime': 1650367140000,
 'nextRunTime': 1650453540000}
>>> status({**frame, "status": "INACTIVE"}, "2022-04-19T16:50:00+05:30")["status"]
'INACTIVE'
>>> status(frame, "2022-06-01T00:00:00+05:30")["status"]
'EXPIRED'
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Literal, NamedTuple, TypedDict

from ._api import as_schedule
from ._moments import Moment, as_datetime
from ._moments import now as current
from ._zones import instant_of
from .schedule import Schedule

__all__ = ["Frame", "Status", "TimeframeStatus", "read_frames", "status"]

TimeframeStatus = Literal["ACTIVE", "INACTIVE", "EXPIRED"]


class Status(TypedDict):
    """What :func:`status` answers: Helix's fields, spelled as Helix spells them, and
    cadence's ``inWindow``."""

    status: TimeframeStatus
    inWindow: bool
    lastRunTime: int | None
    nextRunTime: int | None


class Frame(NamedTuple):
    """One time frame of a payload: its name (``name``, else ``id``, else its JSON
    Pointer) and its schedule."""

    name: str
    schedule: Schedule


def read_frames(payload: object, *, tz: str | tzinfo | None = None) -> list[Frame]:
    """Every time frame of ``payload``, named, in order.

    ``payload``: a ``GET /timeframes`` answer (``{"message", "object": [...]}``, one
    :class:`Frame` per element), a ``GET /timeframes/<id>`` answer (``{"message",
    "object": {...}}``), a time frame or its ``schedule``; a dict or JSON text. Raises
    :class:`cadence.InvalidPayloadError` listing every problem of every frame, with
    paths from the payload's root (``/object/1/schedule/startDate``).

    >>> listed = {"message": "[Successfully found timeframes]", "object": [
    ...     {"name": "mornings", "status": "ACTIVE", "schedule": {
    ...         "startTime": "09:00", "endTime": "10:00", "startDate": "01012026",
    ...         "endsOn": {"endDate": "31012026"}, "recurrence": {"frequency": "daily"}}},
    ...     {"name": "noons", "status": "INACTIVE", "schedule": {
    ...         "startTime": "12:00", "endTime": "13:00", "startDate": "01012026",
    ...         "endsOn": {"endDate": "31012026"}, "recurrence": {"frequency": "daily"}}}]}
    >>> [(name, status(frame, "2026-01-05T12:30Z")["status"])
    ...  for name, frame in read_frames(listed)]
    [('mornings', 'ACTIVE'), ('noons', 'INACTIVE')]
    """
    from .formats.helix_timeframe import read_frames as read

    return [Frame(name, Schedule(recurrence)) for name, recurrence in read(payload, tz=tz)]


_TICK = timedelta(microseconds=1)


def status(timeframe: object, now: Moment | None = None, *,
           tz: str | tzinfo | None = None) -> Status:
    """``status``, ``inWindow``, ``lastRunTime`` and ``nextRunTime`` of a time frame at
    ``now`` (see the module for what each means).

    ``timeframe``: a helix :class:`~cadence.Schedule`, or a time frame (or its
    ``schedule``, or a GET answer holding one frame) as a dict or JSON text, parsed with
    ``cadence.parse(timeframe, format="helix", tz=tz)`` (an invalid one raises
    :class:`cadence.InvalidPayloadError`; for a GET answer listing several frames, take
    each from :func:`read_frames`). ``now``: an aware datetime, ISO 8601 text or POSIX
    seconds (default: the current moment), or a naive datetime read as wall-clock time
    in the time frame's zone.

    >>> frame = {"startTime": "22:00", "endTime": "02:00", "startDate": "01032026",
    ...          "endsOn": {"endDate": "31032026"}, "recurrence": {"frequency": "daily"}}
    >>> status(frame, "2026-03-10T01:00Z")  # doctest: +NORMALIZE_WHITESPACE
    {'status': 'ACTIVE', 'inWindow': True, 'lastRunTime': 1773093600000,
     'nextRunTime': 1773180000000}
    >>> status(frame, "2026-03-10T12:00Z")["inWindow"]
    False
    """
    schedule = as_schedule(timeframe, None if isinstance(timeframe, Schedule) else "helix",
                           tz=tz, name="timeframe")
    now = current() if now is None else as_datetime(now, "now")
    zone = schedule.tz
    last = schedule.prev(_just_after(now))  # the latest opening at or before now
    following = schedule.next_window(now)
    inside = schedule.window_at(now) is not None
    stored = schedule.metadata.get("status")
    state: TimeframeStatus = "ACTIVE"
    if stored == "INACTIVE" or stored == "EXPIRED":
        state = stored
    if (not inside and schedule.end is not None
            and instant_of(now, zone) >= instant_of(schedule.end, zone)):
        state = "EXPIRED"
    return {
        "status": state,
        "inWindow": inside,
        "lastRunTime": _millis(last, zone),
        "nextRunTime": _millis(following[0], zone) if following is not None else None,
    }


def _just_after(now: datetime) -> datetime:
    """The moment a tick after ``now``; the calendar's last instant itself (no tick
    after it), since an opening is a whole second and cannot fall on its fraction."""
    try:
        return now + _TICK
    except OverflowError:
        return now


def _millis(moment: datetime | None, zone: tzinfo) -> int | None:
    if moment is None:
        return None
    seconds, micro = instant_of(moment, zone)
    return seconds * 1000 + micro // 1000
