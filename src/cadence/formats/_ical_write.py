"""Writing a schedule as an iCalendar object: the VEVENTs of :mod:`._ical_plan`, their
recurrence lines from the ``rrule`` writer, CRLF line ends and lines folded at 75 octets
(RFC 5545 3.1)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo

from .._durations import duration_text
from .._zones import UTC, is_utc, zone_name
from ..errors import UnsupportedError, duration_words
from ..ir import HasRecurrence, Instance, Recurrence, Rule
from ._ical_plan import Group, plan
from ._readback import zone_name_round_trips
from ._rrule import emit_rrule

__all__ = ["emit_ical", "fold"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def emit_ical(source: HasRecurrence) -> str:
    """``source`` as an iCalendar object (see :mod:`cadence.formats.ical`).

    >>> import cadence
    >>> s = cadence.parse("DTSTART;TZID=Europe/Berlin:20261123T090000\\n"
    ...                   "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2").with_duration(timedelta(hours=1))
    >>> print(emit_ical(s).replace("\\r\\n", "\\n"), end="")
    BEGIN:VCALENDAR
    VERSION:2.0
    PRODID:-//cadence//cadence//EN
    BEGIN:VEVENT
    UID:...@cadence
    DTSTAMP:20261123T080000Z
    DTSTART;TZID=Europe/Berlin:20261123T090000
    DURATION:PT1H
    RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0;COUNT=2
    END:VEVENT
    END:VCALENDAR
    """
    schedule = source.recurrence
    name = zone_name(schedule.zone)
    if not zone_name_round_trips(name):
        raise UnsupportedError("ical", f"the time zone {name!r}",
                               "; TZID needs an IANA zone name")
    identities = _identities(schedule.metadata)
    groups = plan(schedule, identities)
    if schedule.exclusions and len(groups) > 1:
        raise UnsupportedError("ical", "exclusion rules (EXRULE) beside other events",
                               f" ({len(groups)} events, one per window length and "
                               "start); an EXRULE belongs to one VEVENT")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cadence//cadence//EN"]
    for index, group in enumerate(groups):
        body = _event_body(group, schedule, first=index == 0)
        identity = identities.pop(group.start.timestamp(), {})
        lines += ["BEGIN:VEVENT", *_identity_lines(identity, body, group.start), *body,
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event_body(group: Group, schedule: Recurrence, *, first: bool) -> list[str]:
    """DTSTART, DURATION and the recurrence lines of one VEVENT."""
    zone = schedule.zone
    rules, day_line = _excluded_days(group.rules)
    excluded = schedule.excluded if first else ()
    dates = group.dates
    if not rules and not dates and (excluded or schedule.exclusions):
        dates = [Instance(group.start)]  # the RRULE writer needs something to exclude from
    start_line = _start_line(group.start, zone)
    recurrence: list[str] = []
    if rules or dates:
        written = _rrule_lines(Recurrence(rules, zone, start=group.start, end=schedule.end,
                                          dates=dates, excluded=excluded,
                                          exclusions=schedule.exclusions, format="ical"))
        if written[0] != start_line:  # the RRULE writer moved DTSTART: it anchors there
            raise UnsupportedError("ical", f"an event starting at {group.start.isoformat()}",
                                   f"; its rules anchor at {written[0]}")
        recurrence = written[1:]
    if day_line:
        recurrence.append(day_line)
    length = [] if group.length is None else [f"DURATION:{_duration(group.length)}"]
    return [start_line, *length, *recurrence]


def _rrule_lines(sub: Recurrence) -> list[str]:
    """The ``rrule`` writer's lines (DTSTART first), its refusals said for ical."""
    try:
        lines = emit_rrule(sub).split("\n")
    except UnsupportedError as exc:
        raise UnsupportedError("ical", exc.feature,
                               message="ical: " + str(exc).removeprefix("rrule: ")) from None
    assert lines[0].startswith("DTSTART")  # the sub-schedule always has a start
    return lines


def _start_line(moment: datetime, zone: tzinfo) -> str:
    """DTSTART for an event of one instance: in the schedule's zone, or in UTC when
    the wall clock is ambiguous (the second pass of a repeated hour)."""
    wall = moment.astimezone(zone)
    if is_utc(zone) or (wall.fold and wall.replace(fold=0).utcoffset() != wall.utcoffset()):
        return "DTSTART:" + moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"DTSTART;TZID={zone_name(zone)}:" + wall.strftime("%Y%m%dT%H%M%S")


def _excluded_days(rules: Sequence[Rule]) -> tuple[list[Rule], str]:
    """Excluded days of several rules as ``EXDATE;VALUE=DATE`` (which the reader gives
    to every rule of the event) when that says exactly each rule's own; else left to the
    RRULE writer, which lists the excluded instants (for a lone rule, the way calendar
    clients write them, and the reader takes instants naming a whole day as that day)."""
    days: set[date] = {day for rule in rules for day in rule.excluded_dates}
    if len(rules) == 1:  # instants, as calendar clients write them: read back as days
        return list(rules), ""
    if not days or any(replace(rule, excluded_dates=tuple(days)) != rule for rule in rules):
        return list(rules), ""
    line = "EXDATE;VALUE=DATE:" + ",".join(day.strftime("%Y%m%d") for day in sorted(days))
    return [replace(rule, excluded_dates=()) for rule in rules], line


def _duration(length: timedelta) -> str:
    """An RFC 5545 DURATION value: ``PT1H30M``, ``P1D``, ``P2W``."""
    if length.microseconds:
        raise UnsupportedError("ical", f"a window of {duration_words(length)}",
                               "; DURATION counts whole seconds")
    days, rest = divmod(int(length.total_seconds()), 86400)
    if not rest and days % 7 == 0:
        return f"P{days // 7}W"
    return duration_text(length)


# -- identity ----------------------------------------------------------------------------


def _identities(metadata: Mapping[str, object]) -> dict[float, Mapping[str, object]]:
    """The UID and SUMMARY of each event read from a calendar, by its DTSTART (the first
    event of those starting together)."""
    events = metadata.get("events")
    found: dict[float, Mapping[str, object]] = {}
    if not isinstance(events, Sequence) or isinstance(events, str):
        return found
    for event in events:
        start = event.get("start") if isinstance(event, Mapping) else None
        try:
            moment = datetime.fromisoformat(start) if isinstance(start, str) else None
        except ValueError:
            moment = None
        if isinstance(event, Mapping) and moment is not None and moment.tzinfo is not None:
            found.setdefault(moment.timestamp(), event)
    return found


def _identity_lines(identity: Mapping[str, object], body: list[str],
                    start: datetime) -> list[str]:
    """UID, DTSTAMP (DTSTART in UTC: the same schedule is always written the same) and
    SUMMARY."""
    uid = identity.get("uid")
    if not isinstance(uid, str) or not uid:
        uid = hashlib.sha256("\n".join(body).encode()).hexdigest()[:24] + "@cadence"
    try:
        stamp = start.astimezone(UTC)
    except OverflowError:  # a start in year 1 east of UTC: its instant is before year 1
        stamp = datetime.min  # (DTSTAMP only stamps the event: the earliest UTC can say)
    lines = [f"UID:{_escaped(uid)}", "DTSTAMP:" + stamp.strftime("%Y%m%dT%H%M%SZ")]
    summary = identity.get("summary")
    if isinstance(summary, str):
        lines.append(f"SUMMARY:{_escaped(summary)}")
    return lines


def _escaped(text: str) -> str:
    """A TEXT value with RFC 5545's escapes (3.3.11)."""
    if _CONTROL.search(text):
        raise UnsupportedError("ical", "a summary or UID with control characters",
                               "; iCalendar TEXT holds only line breaks and tabs")
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """``line`` folded into pieces of at most 75 octets, each after the first starting
    with a space (RFC 5545 3.1); a character is never split.

    >>> [len(piece.encode()) for piece in fold("SUMMARY:" + "é" * 80).split("\\r\\n")]
    [74, 75, 21]
    """
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [" "], 1, 75
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n".join(pieces)
