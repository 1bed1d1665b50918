"""How :mod:`cadence.formats.ical` reads iCalendar events into the IR (the writer is
:mod:`._ical_write`), imported when the format is first used (see the format module
for what is read and how)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, tzinfo

from .._zones import UTC, resolve_zone, zone_name
from ..errors import ParseError
from ..ir import Instance, Recurrence, Rule
from ._ical_content import read_components
from ._ical_events import Event, Part, read_event, survey
from ._ical_values import component_error
from ._ical_write import emit_ical as emit_ical  # handed out by cadence.formats.ical
from ._rrule import whole_days

_LEAD = re.compile(r"\ufeff?[ \t\r\n]+")


def parse_ical(source: object, *, tz: str | tzinfo | None = None) -> Recurrence:
    """The events of iCalendar text as one recurrence (see the module's description)."""
    if not isinstance(source, str):
        raise ParseError(f"iCalendar text must be a string, not {type(source).__name__}; "
                         "decode a file's bytes as UTF-8 first", "")
    # What the sniffer skips (a byte order mark, blank space) goes, its line breaks stay:
    # errors keep saying the lines as an editor numbers them.
    lead = _LEAD.match(source)
    text = "\n" * lead.group().count("\n") + source[lead.end():] if lead else source
    calendars = read_components(text)
    components = [child for calendar in calendars for child in calendar.children
                  if child.name == "VEVENT"]
    if not components:
        raise ParseError(f"line {calendars[0].line}: the calendar has no VEVENT; cadence "
                         "reads a calendar's events (VTODO, VJOURNAL and the rest are "
                         "ignored): add a VEVENT with a DTSTART", "BEGIN:VCALENDAR")
    events = [survey(component) for component in components]
    parts = _parts(events, _floating_zone(events, tz))
    if not parts:
        raise component_error(components[0], "every VEVENT of the calendar is cancelled "
                              "(STATUS:CANCELLED), so it has no occurrence; remove the "
                              "status from the events that take place")
    return _recurrence(parts, source)


def _parts(events: list[Event], floating: tzinfo) -> list[Part]:
    """What each event adds, its overrides applied; cancelled events add nothing."""
    masters: dict[str, Event] = {}
    parts: dict[int, Part] = {}  # by the line of the event's DTSTART
    for event in events:
        if event.replaces is not None:
            continue
        if event.uid is not None:
            masters.setdefault(event.uid, event)
        if not event.cancelled:
            parts[event.line] = read_event(event, floating)
    for event in events:
        if event.replaces is None:
            continue
        master = masters.get(event.uid) if event.uid is not None else None
        if master is None:  # an override alone is just an instance
            if not event.cancelled:
                parts[event.line] = read_event(event, floating)
        elif master.line in parts:  # a cancelled event takes its overrides with it
            _override(parts[master.line], event, floating)
    return list(parts.values())


def _floating_zone(events: list[Event], tz: str | tzinfo | None) -> tzinfo:
    """Where floating times are read: ``tz=``, else the zone of the first recurring
    event that names one (a floating time in a calendar means the calendar's own)."""
    if tz is not None:
        return resolve_zone(tz)
    for event in events:
        if event.recurring and event.replaces is None and event.start.zone is not None:
            return event.start.zone
    return UTC


def _override(part: Part, event: Event, floating: tzinfo) -> None:
    """An instance of ``part``'s event replaced (or cancelled) by ``event``."""
    assert event.replaces is not None
    original = event.replaces.instant(part.zone)
    if event.cancelled:
        part.excluded.append(original)
        return
    [moved] = read_event(event, floating).dates
    if moved.start != original:
        part.excluded.append(original)  # removes every instance at that instant
    elif moved == part.window(original):
        return  # only other properties changed (a location, a description)
    part.moved.append(moved)


def _recurrence(parts: list[Part], source: str) -> Recurrence:
    recurring = [part for part in parts if part.event.recurring]
    _check_zones(recurring)
    zone = (recurring or parts)[0].zone
    metadata = {"events": tuple(_identity(part) for part in
                                sorted(parts, key=lambda part: (part.start, part.event.line)))}
    only = parts[0]
    if len(parts) == 1 and all(_within(only, moved.start) for moved in only.moved):
        # Said as the RRULE reader says the same text, so that writing reads back equal:
        # with explicit dates the rules keep their UNTIL, and instants that remove a
        # whole day of a lone rule are that day excluded.
        rules, end, dates = only.rules, only.end, [*only.dates, *only.moved]
        if dates and end is not None:
            rules = [replace(rule, end=_earlier(rule.end, end)) for rule in rules]
            end = None
        excluded = only.excluded
        if len(rules) == 1 and excluded:
            rules, excluded = whole_days(rules[0], excluded, zone,
                                         {instance.start for instance in dates})
        return Recurrence(rules, zone, start=only.start, end=end, dates=dates,
                          excluded=excluded, exclusions=only.exclusions, format="ical",
                          source=source, metadata=metadata)
    if len(recurring) > 1:
        _refuse_exclusions(parts)
    return Recurrence(
        [_bounded(rule, part) for part in parts for rule in part.rules], zone,
        dates=[instance for part in parts for instance in _dates(part)],
        excluded=[moment for part in parts for moment in part.excluded],
        exclusions=[_bounded(rule, part) for part in parts for rule in part.exclusions],
        format="ical", source=source, metadata=metadata)


def _within(part: Part, moment: datetime) -> bool:
    return part.start <= moment and (part.end is None or moment < part.end)


def _dates(part: Part) -> list[Instance]:
    """An event's instances: its RDATEs between its DTSTART and UNTIL (as one event's
    start and end bound them), and every moved instance."""
    return [*(instance for instance in part.dates if _within(part, instance.start)),
            *part.moved]


def _bounded(rule: Rule, part: Part) -> Rule:
    """``rule`` starting at its event's DTSTART and ending at its UNTIL."""
    return replace(rule, start=part.start, end=_earlier(rule.end, part.end))


def _earlier(first: datetime | None, second: datetime | None) -> datetime | None:
    """The earlier of two ends (``None``: no end)."""
    if first is None or second is None:
        return second if first is None else first
    return min(first, second)


def _check_zones(recurring: list[Part]) -> None:
    for part in recurring[1:]:
        first = recurring[0]
        if zone_name(part.zone) != zone_name(first.zone):
            prop = part.event.start.prop
            raise prop.error(
                f"DTSTART: this event repeats in {zone_name(part.zone)}, but the event on "
                f"line {first.event.line} repeats in {zone_name(first.zone)}; a schedule "
                "has one time zone: give every recurring event the same TZID (floating "
                "times are read in tz=, else in the first recurring event's zone)",
                length=max(1, len(prop.value)))


def _refuse_exclusions(parts: list[Part]) -> None:
    for part in parts:
        found = part.event.component.first("EXRULE")
        if found is not None:
            raise found.error("EXRULE: this calendar has several recurring events, and an "
                              "exclusion rule would remove occurrences of every one of "
                              "them; list the instances to remove as EXDATE instead",
                              offset=1 - found.column, length=len("EXRULE"))


def _identity(part: Part) -> dict[str, str]:
    """UID and SUMMARY, with DTSTART (ISO 8601) to find the event again when writing."""
    found = {"uid": part.event.uid, "summary": part.event.summary,
             "start": part.start.isoformat()}
    return {key: value for key, value in found.items() if value is not None}
