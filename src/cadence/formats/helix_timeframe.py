"""BMC Helix Operations Management time frames: recurring windows in a time zone.

A time frame (``POST /timeframe-service/api/v1.0/timeframes``) is
``{"name", "description", "schedule"}``; its ``schedule`` says when event policies are
in effect, as *windows* (formats.md section 4). :func:`check` accepts the whole time
frame, a GET answer's object (``id``, ``status``, ``lastRunTime``, ``nextRunTime`` are
known read-only fields), the ``schedule`` object alone, or a whole GET answer
(``{"message", "object"}``, the object one time frame or an array of them); it reports
every problem with a JSON Pointer into the payload, and builds a window
:class:`~cadence.Schedule` (``format="helix"``) when no problem is an error and the
payload holds one time frame. An answer listing several has no one schedule
(:attr:`Checked.refused` says so, and ``cadence.parse`` raises it): :func:`read_frames`
reads each, named.

>>> from cadence.formats.helix_timeframe import check
>>> tf = {"name": "skip weekends", "schedule": {
...     "startTime": "16:49", "endTime": "16:51", "startDate": "19042022",
...     "endsOn": {"endDate": "19052022"},
...     "recurrence": {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": [2, 3, 4]}},
...     "timeZone": {"name": "Asia/Kolkata", "offset": "+05:30"}}}
>>> checked = check(tf)
>>> checked.problems
[]
>>> [t.isoformat() for t in checked.schedule.next_window("2022-04-19T00:00+05:30")]
['2022-04-19T16:49:00+05:30', '2022-04-19T16:51:00+05:30']
>>> [(p.path, p.code) for p in check({"schedule": {**tf["schedule"], "startDate": "31022022"}}
...                                   ).problems]
[('/schedule/startDate', 'INVALID_TIMEFRAME_START_DATE')]

What the vendor documents is followed; where it is silent cadence assumes ([assume] in
formats.md; each is easy to change here):

- ``startTime`` / ``endTime`` are ``HH:MM`` on a 24-hour clock (``H:MM`` is accepted).
  A window lasts from ``startTime`` to ``endTime`` on the wall clock; when ``endTime``
  is at or before ``startTime`` the window runs past midnight into the next day, so
  ``endTime == startTime`` is a 24-hour window.
- ``startDate`` and ``endsOn.endDate`` are ``DDMMYYYY`` (``19042022`` = 19 April 2022).
  Both are required (Helix answers ``INVALID_TIMEFRAME_END_DATE`` for an empty end
  date); impossible dates (``31022022``) are errors. Windows open on or after the start
  date (00:00 local) and no window opens after the end date (it may close on the day
  after it). An end date before the start date is ``TIMEFRAME_END_BEFORE_START``.
- ``recurrence.frequency``: ``oneTime``, ``daily``, ``weekly``, ``monthly``, compared
  case-insensitively (``one_time`` and ``one time`` also read as ``oneTime``).
  ``recurrenceSchedule``: daily ``{"days": "all"}`` (optional); weekly
  ``{"daysOfWeek": [1-7]}`` (required, 1 = Sunday .. 7 = Saturday, Java ``Calendar``
  numbering); monthly ``{"daysOfMonth": [1-31]}``, else the start date's day of the
  month. A monthly day 29-31 is skipped in shorter months (a warning says so).
  A field that belongs to another frequency (``daysOfWeek`` on a daily frame) is
  ignored with a ``IGNORED_TIMEFRAME_FIELD`` warning; a field no frequency knows is an
  ``UNKNOWN_TIMEFRAME_FIELD`` error.
- ``oneTime`` is one window from startDate+startTime to endDate+endTime; it must end
  after it starts. Its schedule's ``end`` bound is that closing moment, so the frame
  is ``EXPIRED`` (see :func:`cadence.helix.status`) as soon as the window closes.
- Blackout-policy spelling is read too: ``recurrencePattern`` instead of
  ``recurrence``, holding ``recurrence`` (the frequency as a string, or an object like
  ``recurrence``) and ``details`` instead of ``recurrenceSchedule``; ``timeZone.id``
  instead of ``timeZone.name``. Using both spellings at once is an error.
- ``timeZone.name`` (an IANA name) decides the zone; ``offset`` (``+HH:MM``) is only
  compared with the zone's UTC offset at the start date and start time, and a
  disagreement is a ``TIMEZONE_OFFSET_MISMATCH`` *warning*. Without ``timeZone`` the
  ``tz`` argument is used, else UTC. A ``timeZone`` without a name is an error: an
  offset cannot say when daylight saving time changes.
- DST: windows open at ``startTime`` once a day; a start time that a DST jump skips
  opens at the end of the jump, one in a repeated hour opens on its first pass. A
  window lasts its length on the wall clock (an end in a skipped hour moves to the end
  of the jump), so it can be an hour shorter or longer on the days the clocks change.
- A time frame whose dates hold no window at all is valid, with a
  ``TIMEFRAME_HAS_NO_WINDOW`` warning.
- ``name``, ``description`` and ``id`` must be strings; ``status`` one of ``ACTIVE``,
  ``INACTIVE``, ``EXPIRED`` (the values the page lists); ``lastRunTime`` and
  ``nextRunTime`` whole epoch milliseconds. They are kept in :attr:`Schedule.metadata`
  (:func:`cadence.helix.status` reads the stored ``status``). ``null`` for an optional
  field means it is absent.
- A GET answer's ``message`` must be a string; its ``object`` a time frame or a
  non-empty array of them. Helix's error answer (``{"message", "errorCode"}``) is
  refused as what it is.
- :func:`envelope`: Helix returns one ``{"message", "errorCode"}`` object, so the
  first error's code is used, with that code's message as Helix words it (seed 002:
  "End date is empty or not valid in Timeframe.", "Recurrence repeat or frequency is
  empty or not valid in Timeframe."); every error, with its path and cadence's
  message, is in a separate field, ``problems``. A valid frame has no error body.

:func:`emit_helix` writes a :class:`~cadence.Schedule` back as a time frame: the
original payload while a helix schedule's meaning is unchanged, else a canonical one
built from the IR; what a time frame cannot say raises
:class:`~cadence.errors.UnsupportedError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._contract import Dst, JsonMachinery, LintPaths, json_format, machinery_names

if TYPE_CHECKING:
    from ..ir import HasRecurrence
    from ._helix_timeframe import (
        FREQUENCIES,
        MESSAGES,
        STATUSES,
        check,
        emit_helix,
        envelope,
        read_frames,
    )

__all__ = ["FREQUENCIES", "MESSAGES", "STATUSES", "check", "emit_helix", "envelope",
           "looks_like_helix", "read_frames"]

#: The keys of what :func:`check` reads that no other format's payload has at its top: a
#: time frame's ``schedule``, the fields of a schedule object alone, a GET answer's
#: ``object`` and Helix's error answer's ``errorCode`` (which the check names as such).
_OWN_KEYS = frozenset({"schedule", "startTime", "endTime", "startDate", "endsOn",
                       "recurrence", "recurrencePattern", "timeZone", "object", "errorCode"})


def looks_like_helix(payload: object) -> bool:
    """Whether a JSON value is shaped as a Helix time frame, its ``schedule`` alone, or a
    GET answer (``{"message", "object"}``). Only the keys are looked at; :func:`check`
    judges the rest.

    >>> looks_like_helix({"name": "x", "schedule": {}}), looks_like_helix({"name": "x"})
    (True, False)
    """
    return isinstance(payload, dict) and not _OWN_KEYS.isdisjoint(payload)


def _machinery() -> JsonMachinery:
    from . import _helix_timeframe

    return _helix_timeframe


__getattr__, __dir__ = machinery_names(_machinery, __name__, __all__)


def _write(source: HasRecurrence) -> dict[str, Any]:
    from ._helix_timeframe import emit_helix

    return emit_helix(source)


FORMAT = json_format(
    "helix", "BMC Helix time frames (JSON windows)",
    machinery=_machinery, recognizes=looks_like_helix, write=_write,
    rank=60, lint=LintPaths(days="/recurrence", time="/startTime", end="/endsOn/endDate",
                            wrapper="schedule", answer="object",
                            end_words="endsOn.endDate", start_words="startDate"),
    dst=Dst("cron", "assumption (the seed says nothing of DST): a time frame's window is "
                    "never lost, so a start the clocks skip opens right after the jump and "
                    "a repeated start opens once, on its first pass"))
