"""One VEVENT read into what it adds to a schedule: its rules, explicit instances and
exclusions, each with the event's window.

The recurrence lines are read by the RRULE reader: the event's DTSTART, RRULE, RDATE,
EXDATE and EXRULE properties are written out again as recurrence text (TZIDs as IANA
names) and given to :func:`~cadence.formats.rrule.parse_rrule`, whose errors are moved
back onto the .ics line they came from. What the calendar adds to RFC 5545's recurrence
text is done here: the instance at DTSTART always exists, and a DTSTART that the rules
do not match counts as the first of each COUNT (RFC 5545 3.3.10: "The DTSTART property
value always counts as the first occurrence").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo

from .._zones import zone_name
from ..errors import NeverFiresError, ParseError
from ..ir import Instance, Recurrence, Rule, occurrences
from ._ical_content import Component, Property, unescape_text
from ._ical_values import When, component_error, event_length, plus, read_when, zone_of
from ._rrule import parse_rrule

__all__ = ["Event", "Part", "read_event", "survey"]

_RECURRENCE = ("RRULE", "RDATE", "EXDATE", "EXRULE")
_ADDING = ("RRULE", "RDATE")


@dataclass(frozen=True, slots=True)
class Event:
    """A VEVENT before the zone of floating times is known."""

    component: Component
    start: When
    uid: str | None
    summary: str | None
    cancelled: bool
    #: RECURRENCE-ID: the instance of another event this one replaces.
    replaces: When | None
    #: Whether it has rules (RRULE or EXRULE), whose wall clock needs its zone.
    recurring: bool

    @property
    def line(self) -> int:
        return self.start.prop.line


@dataclass(slots=True)
class Part:
    """What one event adds to the schedule, in the event's zone."""

    event: Event
    zone: tzinfo
    start: datetime
    length: timedelta | None
    #: The end its RRULE lines share (UNTIL), if they share one.
    end: datetime | None = None
    rules: list[Rule] = field(default_factory=list)
    #: DTSTART and RDATE instances.
    dates: list[Instance] = field(default_factory=list)
    #: Instances moved here by RECURRENCE-ID overrides.
    moved: list[Instance] = field(default_factory=list)
    excluded: list[datetime] = field(default_factory=list)
    exclusions: list[Rule] = field(default_factory=list)

    def window(self, moment: datetime) -> Instance:
        """The instance at ``moment`` with the event's window."""
        return Instance(moment, plus(moment, self.length, self.zone))


def survey(component: Component) -> Event:
    """The event's DTSTART, identity and status, checked."""
    starts = component.every("DTSTART")
    if not starts:
        raise component_error(component, "the VEVENT has no DTSTART; every event needs "
                              "one, such as DTSTART;TZID=Europe/Berlin:20261123T090000")
    if len(starts) > 1:
        raise starts[1].error(f"DTSTART: the VEVENT has a DTSTART on line {starts[0].line} "
                              "already; keep one", length=max(1, len(starts[1].value)))
    replaces = component.first("RECURRENCE-ID")
    if replaces is not None:
        _check_override(component, replaces)
    status = component.first("STATUS")
    return Event(component, read_when(starts[0]), _text(component, "UID"),
                 _text(component, "SUMMARY"),
                 status is not None and status.value.upper() == "CANCELLED",
                 None if replaces is None else read_when(replaces),
                 any(component.every(name) for name in ("RRULE", "EXRULE")))


def _check_override(component: Component, replaces: Property) -> None:
    """An override replaces one instance: RANGE and recurrence lines are refused."""
    scope = replaces.param("RANGE")
    if scope is not None:
        at = replaces.source.upper().find("RANGE")
        raise replaces.error(
            f"RECURRENCE-ID: RANGE={scope} changes this and every later instance, which "
            "cadence does not read; export the series split in two events instead (most "
            "clients do when you edit 'this and following')",
            offset=at + 1 - replaces.column if at >= 0 else 0, length=len("RANGE"))
    for name in _RECURRENCE:
        found = component.first(name)
        if found is not None:
            raise found.error(f"{name}: an override (RECURRENCE-ID, line {replaces.line}) "
                              f"replaces one instance and cannot repeat; move the {name} "
                              "to the event it overrides", offset=1 - found.column,
                              length=len(name))


def _text(component: Component, name: str) -> str | None:
    prop = component.first(name)
    return None if prop is None else unescape_text(prop.value, prop)


def read_event(event: Event, floating: tzinfo) -> Part:
    """What ``event`` adds, reading floating times in ``floating``."""
    zone = event.start.zone or floating
    start = event.start.instant(floating)
    part = Part(event, zone, start, event_length(event.start, event.component, floating))
    if not any(prop.name in _RECURRENCE for prop in event.component.properties):
        part.dates.append(part.window(start))
        return part
    read = _recurrence(event, floating)
    part.end = read.end
    part.excluded = list(read.excluded)
    part.exclusions = list(read.exclusions)
    part.dates = [part.window(instance.start) if instance.end is None else instance
                  for instance in read.dates]
    rules = list(read.rules)
    if not _fires_at(rules, zone, start):
        # The instance at DTSTART exists anyway, and it is the first of each COUNT.
        part.dates.append(part.window(start))
        rules = [replace(rule, count=rule.count - 1) if rule.count else rule
                 for rule in rules if rule.count != 1]
    part.rules = [replace(rule, duration=part.length) for rule in rules]
    return part


def _fires_at(rules: list[Rule], zone: tzinfo, moment: datetime) -> bool:
    """Whether one of ``rules`` fires at ``moment`` (excluded dates aside: an excluded
    DTSTART is still the first instance, removed)."""
    if not rules:
        return False
    plain = [replace(rule, excluded_dates=()) for rule in rules]
    return occurrences(Recurrence(plain, zone)).matches(moment)


def _recurrence(event: Event, floating: tzinfo) -> Recurrence:
    """The event's recurrence lines read by the RRULE reader, errors moved to their
    .ics line."""
    start = event.start.prop
    lines = [(_content_line(start), start)]
    lines += [(_content_line(prop), prop) for prop in event.component.properties
              if prop.name in _RECURRENCE]
    if not any(prop.name in _ADDING for _, prop in lines[1:]):
        # EXDATE or EXRULE alone: the recurrence set is DTSTART itself.
        lines.append(("RDATE" + _content_line(start)[len("DTSTART"):], start))
    text = "\n".join(line for line, _ in lines)
    try:
        return parse_rrule(text, tz=floating)
    except ParseError as exc:
        raise _moved(exc, lines, event) from None
    except NeverFiresError as exc:
        prop = next((prop for line, prop in lines[1:] if repr(line) in str(exc)), None)
        if prop is None:  # the whole event is cancelled, not one rule silent
            raise NeverFiresError(f"line {start.line}: this event never takes place: "
                                  f"{str(exc).removeprefix('the schedule never fires: ')}"
                                  ) from None
        raise NeverFiresError(f"line {prop.line}: {exc}; the event still takes place at "
                              "DTSTART, but its rule adds nothing: fix or remove the rule"
                              ) from None


def _moved(exc: ParseError, lines: list[tuple[str, Property]], event: Event) -> ParseError:
    """``exc`` pointing at the .ics property whose recurrence line it is about."""
    for line, prop in lines:
        if line.strip() != exc.source:
            continue
        offset = (exc.column or 1) - 1 - (len(line) - len(prop.value))
        if offset < 0:  # in the name or parameters, which were written anew
            offset = 1 - prop.column
        return prop.error(exc.reason, offset=offset, length=exc.length)
    return component_error(event.component, exc.reason)


def _content_line(prop: Property) -> str:
    """``prop`` as recurrence text: TZIDs as IANA names, non-standard parameters left
    out (they say nothing about when)."""
    params = ""
    for key, values in prop.params.items():
        if key.startswith("X-"):
            continue
        if key == "TZID":
            zone = zone_of(prop)
            assert zone is not None
            values = (zone_name(zone),)
        params += f";{key}=" + ",".join(f'"{value}"' if any(c in value for c in ":;,")
                                         else value for value in values)
    return f"{prop.name}{params}:{prop.value}"
