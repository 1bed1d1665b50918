"""systemd calendar events (``OnCalendar=``, systemd.time(7)), read into the IR and written
from it.

Supported, as systemd 252 reads it (``systemd-analyze calendar`` settled each point):

* a weekday part: ``Mon``..``Sun`` or full names, any case, lists and ranges with ``..``
  or ``-`` (``Mon-Fri``) that do not wrap (``Fri..Mon`` is refused), a trailing comma
  (``Wed, 17:48``);
* a date part ``YYYY-MM-DD`` or ``MM-DD``: ``*``, lists, ``a..b`` ranges, repetitions
  ``v/r`` (``v``, ``v+r``, ... up to the field's end; systemd refuses one whose first
  repetition already passes the end, such as ``20/5`` for hours) and ``a..b/r``;
  two-digit years (``12`` is 2012, ``70``-``99`` are 19xx); years 1970-2199 only;
  ``~n`` for the n-th last day (``~01`` is the last, n up to 28), whose repetitions run
  towards the month's end (``~07/2`` is ``~07,~05,~03,~01``) while a range's run from its
  first value (``~03..10/2`` is ``~03,~05,~07,~09``); ``~*`` is every day; systemd checks
  the items of a ``~`` list in ascending order against a limit 3 lower for each item
  before (``~28``, ``~25``, ``~22``, ...), so ``~1,26`` is refused, and cadence with it;
  a seconds range of one second (``*:*:5..5``) is refused as systemd refuses it;
* a time part ``HH:MM[:SS]`` with the same components (seconds default to 00); a
  fraction of a second is read only when it rounds to zero at 6 decimals, as systemd
  rounds it;
* the shorthands ``minutely`` ... ``annually``, ``@<epoch seconds>`` (a trailing zone is
  checked and changes nothing: the moment is in UTC), and a trailing time zone (``UTC``
  in any case, or an IANA name).

The weekday part and the date part combine with AND.

DST policy: RFC 5545's (``fixed_time=True, skip_gaps=True``). With ``TZ=UTC``,
``systemd-analyze calendar --base-time="2026-03-08 06:00 UTC" "*-*-* 02:30
America/New_York"`` answers 2026-03-09 06:30 UTC: the skipped 02:30 does not fire.
``*:0/30 America/New_York`` from 2026-11-01 04:00 UTC answers 04:30, 05:00, 05:30, 07:00:
the repeated hour fires on its first pass only, and ``01:30`` likewise fires once, at
05:30 UTC (Europe/Berlin on 2026-10-25 behaves the same way).

One behaviour no IR policy reproduces: systemd computes the next elapse from the wall
clock of its base time, so from a base time *inside* the second pass of a repeated hour
it fires in that second pass (``*:0/30 America/New_York`` from 2026-11-01 06:10 UTC, which
is 01:10 EST, answers 06:30 UTC). A timer that keeps running never starts there (from
05:30 UTC the next elapse is 07:00), so cadence keeps the first-pass policy.

A systemd 252 bug cadence does not copy: a repetition that carries over two units skips
moments it matches. ``01/16:02:08`` from 19:00 on the last day of a month steps the hour
to 33, lands on 09:00 of the 1st and misses 01:02:08 there; ``*:00/50`` never fires at
midnight (systemd/systemd#22665 and #40260 are this family). cadence fires at them.

What the IR cannot say, and systemd can: fractions of a second, and a time zone that
is not an IANA name (a local abbreviation). Both are refused with a ParseError. Two
small liberties: blanks around the expression are stripped (systemd-analyze refuses
them, a unit file strips them), and a ``*`` year is any year, where systemd stops at 2199.

Writing leaves the DST policy to the read-back check every target shares
(:func:`cadence.emit`): a rule under cron's policy is refused where the zone has a gap at
one of its times (any year, 1893's switch to CET in Berlin at midnight included).
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import TYPE_CHECKING

from ..errors import ParseError, ScheduleError, UnsupportedError
from ..ir import Recurrence
from ..limits import MAX_CRON_LENGTH
from ._contract import Context, Dst, LintPaths, machinery_names, text_format
from ._systemd_words import NAME, SHORTHANDS

if TYPE_CHECKING:
    from ..ir import HasRecurrence
    from ._systemd import SystemdRead, SystemdSpelling, read_systemd, write_systemd

__all__ = [
    "FORMAT",
    "NAME",
    "SHORTHANDS",
    "SystemdRead",
    "SystemdSpelling",
    "looks_like_systemd",
    "read_systemd",
    "write_systemd",
]


# -- sniffing ---------------------------------------------------------------------------

_CLOCK = re.compile(
    r"(?:^|[\s,.])(?:[0-9]{1,2}|\*)(?:\.\.[0-9]+)?(?:/[0-9]+)?:(?:[0-9]{1,2}|\*)")
_DATE = re.compile(
    r"(?:^|\s)(?:[0-9]{4}|\*)-(?:[0-9.,/]+|\*)[-~](?:[0-9.,/]+|\*)(?:\s|$)")
#: What RRULE, cron's TZ= prefix and JSON have and a systemd event never does (one
#: regular expression: sniffing runs on every parse without a format).
_NOT_SYSTEMD = re.compile(r"[=;{}\[\]\"'\n\r]")


def looks_like_systemd(text: str) -> bool:
    """Whether ``text`` is surely a systemd calendar event rather than cron, Quartz or
    RRULE text: it has a clock time ``HH:MM``, ``..``, ``~``, a date ``YYYY-MM-DD`` /
    ``*-*-*``, or is a shorthand word (optionally with a zone).

    >>> [looks_like_systemd(t) for t in ("Mon..Fri 9:00", "daily", "0 9 * * 1-5", "@daily")]
    [True, True, False, False]
    """
    if not isinstance(text, str):
        return False
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_CRON_LENGTH or stripped.startswith("@"):
        return False
    if _NOT_SYSTEMD.search(stripped):
        return False
    if stripped[0].isalpha():  # a shorthand, alone or with a zone
        words = stripped.split()
        if words[0].lower() in SHORTHANDS and len(words) <= 2:
            return True
    if ".." in stripped or "~" in stripped:
        return True
    # The regular expressions run only where their mark is there (cron has no ':').
    if ":" in stripped and _CLOCK.search(stripped):
        return True
    return stripped.count("-") >= 2 and _DATE.search(stripped) is not None


def _machinery() -> ModuleType:
    from . import _systemd

    return _systemd


__getattr__, __dir__ = machinery_names(_machinery, __name__, __all__)


# -- the format ---------------------------------------------------------------------------


def _read(source: object, context: Context) -> Recurrence:
    if context.day_match is not None:
        raise ScheduleError("day_match applies to cron strings; a systemd calendar event "
                            "always combines its weekdays and date with AND")
    if not isinstance(source, str):
        raise ParseError(f"a systemd calendar event must be a string, not "
                         f"{type(source).__name__}", "")
    from ._systemd import read_systemd

    read = read_systemd(source, tz=context.tz)
    return Recurrence(read.rules, read.zone, format=NAME, source=source,
                      spelling=read.spelling)


def _write(source: HasRecurrence) -> str:
    recurrence = source.recurrence
    for name, bound in (("start", recurrence.start), ("end", recurrence.end)):
        if bound is not None:
            article = "an" if name == "end" else "a"
            raise UnsupportedError(NAME, f"{article} {name} bound ({bound.isoformat()})",
                                   "; OnCalendar= has no bounds")
    from ._systemd import SystemdSpelling, write_systemd

    spelling = recurrence.spelling
    return write_systemd(recurrence.rules, recurrence.zone,
                         spelling=spelling if isinstance(spelling, SystemdSpelling) else None)


FORMAT = text_format(NAME, "systemd calendar events (OnCalendar=, systemd.time(7))",
                     read=_read, write=_write, sniff=looks_like_systemd, rank=35,
                     lint=LintPaths(last_day="~01"),
                     dst=Dst("rfc5545", "systemd.time(7) and systemd-analyze calendar: a time "
                                        "the clocks skip does not elapse, a repeated time "
                                        "elapses once, on its first pass (RFC 5545's reading)"))
