"""RFC 5545 recurrence text (``DTSTART``, ``RRULE``, ``RDATE``, ``EXDATE``, ``EXRULE``)
read into the IR and written back.

Reading follows RFC 5545 as python-dateutil implements it, with these choices:

- ``DTSTART`` is the first moment considered and counts only if the rule matches it
  (RFC 5545 leaves an unsynchronized DTSTART undefined). Its fields fill in what the
  rule leaves out (the time of day of a DAILY rule, the weekday of a WEEKLY one...).
  Without DTSTART every such part must be given, and the zone comes from ``tz=``.
- Local times that a DST jump skips do not occur, and a repeated local time occurs
  once, in its first pass (RFC 5545, 3.3.10 and 3.3.5). dateutil returns skipped local
  times as if they existed; cadence does not. A DTSTART, UNTIL or EXDATE value in a
  skipped hour is read with the offset before the jump (3.3.5: 02:30 in New York's
  spring gap is 03:30 EDT); INTERVAL still counts from DTSTART's wall clock.
- ``COUNT`` stays a count on its rule: the engine counts as it walks (with marks every
  thousand occurrences), so reading ``COUNT=1000000`` costs what ``COUNT=10`` does.
  Skipped local times are not counted (dateutil counts them). ``UNTIL`` is inclusive;
  a date-only UNTIL means midnight, as in dateutil. Each RRULE line has its own COUNT
  or UNTIL; an UNTIL every line shares (and no RDATE) is the schedule's end.
- ``BYDAY`` values are a union, plain and numbered alike (``BYDAY=MO,-1WE``: every
  Monday and the last Wednesday). dateutil intersects the two kinds.
- ``BYSETPOS`` (any list of -366..-1 and 1..366) picks among the wall-clock times of
  each FREQ period (weeks start on WKST), before the DST policy and EXDATE apply, as
  dateutil does; the first or last weekday of the month and the n-th of one weekday
  are read as such, so that other formats can say them.
- The set (RFC 5545 3.8.5): several ``RRULE`` lines and ``RDATE`` values (DATE,
  DATE-TIME with TZID, floating or UTC, and PERIOD, which opens a window) are a union;
  ``EXDATE`` and ``EXRULE`` (deprecated by RFC 5545, read as RFC 2445 defines it)
  remove from it. An EXDATE of DATE values removes whole days; one of DATE-TIME values
  removes those instants (when they name every time a lone rule fires on a day, that
  day is read as excluded). DTSTART bounds the whole set: an RDATE before it is not an
  occurrence (RFC 5545 calls DTSTART the first instance; dateutil returns it).
- ``BYYEARDAY`` and ``BYWEEKNO`` (weeks starting on ``WKST``) follow RFC 5545's table
  (3.3.10): ``BYYEARDAY`` with YEARLY, HOURLY, MINUTELY and SECONDLY, ``BYWEEKNO`` with
  YEARLY only; anything else is a ParseError. They pick days like the other parts (a
  YEARLY rule's days are the intersection of its parts), and DTSTART then gives no
  month or day: ``FREQ=YEARLY;BYWEEKNO=20`` is all seven days of week 20.

>>> import cadence
>>> s = cadence.parse("DTSTART;TZID=Europe/Berlin:20261123T090000\\n"
...                   "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=3")
>>> [t.isoformat() for t in s.iter_after("2026-11-01T00:00+01:00")]
['2026-11-23T09:00:00+01:00', '2026-11-27T09:00:00+01:00', '2026-12-07T09:00:00+01:00']
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from ..errors import ParseError, ScheduleError
from ..ir import SET_FEATURES
from ..limits import MAX_COUNT, MAX_RRULE_LENGTH
from ._contract import RFC5545_DST, Context, LintPaths, machinery_names, text_format

if TYPE_CHECKING:
    from ..ir import HasRecurrence, Recurrence
    from ._rrule import emit_rrule, parse_duration, parse_rrule, whole_days

__all__ = ["MAX_COUNT", "MAX_RRULE_LENGTH", "emit_rrule", "looks_like_rrule", "parse_duration",
           "parse_rrule", "whole_days"]


def looks_like_rrule(text: str) -> bool:
    """Whether ``text`` is recurrence text rather than a cron string.

    >>> looks_like_rrule("FREQ=DAILY;BYHOUR=9"), looks_like_rrule("0 9 * * *")
    (True, False)
    """
    head = text.lstrip()[:8].upper()
    return head.startswith(("DTSTART", "RRULE", "EXDATE", "FREQ=", "RDATE", "EXRULE"))


def _machinery() -> ModuleType:
    from . import _rrule

    return _rrule


__getattr__, __dir__ = machinery_names(_machinery, __name__, __all__)


def _read(source: object, context: Context) -> Recurrence:
    if context.day_match is not None:
        raise ScheduleError("day_match applies to cron strings; RRULE parts always "
                            "combine with AND")
    if not isinstance(source, str):
        raise ParseError(f"recurrence text must be a string, not {type(source).__name__}", "")
    from ._rrule import parse_rrule

    return parse_rrule(source, tz=context.tz)


def _write(source: HasRecurrence) -> str:
    from ._rrule import emit_rrule

    return emit_rrule(source)


FORMAT = text_format("rrule", "RFC 5545 recurrence text (DTSTART, RRULE, RDATE, EXDATE, "
                     "EXRULE lines)", read=_read, write=_write, sniff=looks_like_rrule,
                     rank=30, says=frozenset(SET_FEATURES),
                     lint=LintPaths(last_day="BYMONTHDAY=-1", end_words="UNTIL",
                                    start_words="DTSTART"),
                     dst=RFC5545_DST)
