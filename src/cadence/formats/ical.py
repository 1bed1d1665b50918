"""iCalendar events (``.ics``, RFC 5545) read as a schedule of windows, and written back.

Reading (``format="ical"``, or sniffed from text starting with ``BEGIN:VCALENDAR``):

- Every VEVENT of every VCALENDAR takes part; VTODO, VJOURNAL, VALARM and the rest are
  ignored, and so are VTIMEZONE definitions: a TZID is resolved by name. A TZID is an
  IANA name, a Windows name (``W. Europe Standard Time``, as Outlook writes) or a
  ``/vendor/.../Area/City`` name whose tail is an IANA name; anything else is an error.
  Floating times (and all-day dates) are read in ``tz=``, else in the zone of the first
  recurring event that has one, else in UTC.
- An event needs DTSTART. Its window is DTEND - DTSTART (on the wall clock when both are
  in one zone), or DURATION, or one day for an all-day (DATE) event without either; a
  date-time without either is an instant. Every occurrence opens that window, measured on
  the wall clock as every cadence window is; an RDATE PERIOD keeps its own.
- The recurrence lines (RRULE, several allowed, RDATE, EXDATE, EXRULE) are read as the
  ``rrule`` format reads them, with one difference calendar clients agree on: **the
  instance at DTSTART always exists**. When the rules do not match DTSTART, it is added
  as an instance, and since RFC 5545 3.3.10 says "the DTSTART property value always
  counts as the first occurrence", each COUNT includes it (a Tuesday DTSTART with
  ``FREQ=WEEKLY;BYDAY=WE;COUNT=3`` is that Tuesday and two Wednesdays). Recurrence text
  read as ``rrule`` follows python-dateutil instead: there DTSTART counts only when the
  rule matches it. An event without RRULE or RDATE is the one instance at DTSTART.
- Several events are a union. One event keeps its DTSTART as the schedule's start, as
  RRULE text does; with several, each event's rules start at its own DTSTART and the
  schedule has no start. Recurring events share one zone (a schedule has one): events
  in different zones are an error naming both. Events that do not repeat are instants
  and join any zone. EXRULE is refused in a calendar of several recurring events, since
  it would remove occurrences of every one; an EXDATE removes its instant from the union.
- An override (a VEVENT with the UID of an event and a RECURRENCE-ID) removes the
  instance it names and, unless it is ``STATUS:CANCELLED``, adds its own DTSTART with its
  own window. An override that keeps the start and changes only the window adds that
  window beside the event's (both stay: an instance cannot be removed and kept).
  ``RANGE=THISANDFUTURE`` is refused. A cancelled event contributes nothing, overrides
  included; an override without its event is a single instance.
- UID, SUMMARY and DTSTART (ISO 8601) of each event are kept as ``metadata["events"]``
  (in the order of DTSTART), so that writing can keep them on the event starting there.

Writing (:func:`emit_ical`) makes one VEVENT per window length and start (rules that
share both go together), with UID (the read one, else one derived from the content),
DTSTAMP (DTSTART in UTC, so the output is deterministic), SUMMARY when it was read,
DTSTART, DURATION and the recurrence lines as the ``rrule`` format writes them. Explicit
instances join an event with their window, or keep theirs as ``RDATE;VALUE=PERIOD``.
DTSTART is always an instance, so it is the first occurrence at or after the schedule's
start; a schedule without a start is refused unless it is only explicit instances.
All-day events are written as midnight date-times with ``DURATION:P1D``.

>>> import cadence
>>> standup = cadence.parse("BEGIN:VCALENDAR\\nBEGIN:VEVENT\\n"
...     "DTSTART;TZID=W. Europe Standard Time:20261124T093000\\nDURATION:PT15M\\n"
...     "RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=3\\nEND:VEVENT\\nEND:VCALENDAR")
>>> [t.isoformat() for t in standup.iter_after("2026-11-01T00:00Z")]
['2026-11-24T09:30:00+01:00', '2026-11-25T09:30:00+01:00', '2026-12-02T09:30:00+01:00']
>>> standup.window_at("2026-11-25T09:40+01:00")[1].isoformat()
'2026-11-25T09:45:00+01:00'
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from ..errors import ScheduleError
from ..ir import SET_FEATURES
from ._contract import RFC5545_DST, Context, LintPaths, machinery_names, text_format

if TYPE_CHECKING:
    from ..ir import HasRecurrence, Recurrence
    from ._ical import emit_ical, parse_ical

__all__ = ["emit_ical", "looks_like_ical", "parse_ical"]


def looks_like_ical(text: str) -> bool:
    """Whether ``text`` is an iCalendar object (a byte order mark and blank space
    before it are allowed, the case is not minded).

    >>> looks_like_ical("\\ufeff\\r\\nbegin:vcalendar\\r\\n"), looks_like_ical("0 9 * * *")
    (True, False)
    """
    return text.lstrip("\ufeff \t\r\n")[:15].upper() == "BEGIN:VCALENDAR"


def _machinery() -> ModuleType:
    from . import _ical

    return _ical


__getattr__, __dir__ = machinery_names(_machinery, __name__, __all__)


def _read(source: object, context: Context) -> Recurrence:
    if context.day_match is not None:
        raise ScheduleError("day_match applies to cron strings; an iCalendar RRULE's parts "
                            "always combine with AND")
    from ._ical import parse_ical

    return parse_ical(source, tz=context.tz)


def _write(source: HasRecurrence) -> str:
    from ._ical_write import emit_ical

    return emit_ical(source)


FORMAT = text_format("ical", "iCalendar events (.ics): VEVENTs as windows", read=_read,
                     write=_write, sniff=looks_like_ical, rank=18,
                     says=frozenset(SET_FEATURES),
                     lint=LintPaths(last_day="BYMONTHDAY=-1", end_words="UNTIL",
                                    start_words="DTSTART"),
                     dst=RFC5545_DST)
