"""iCalendar property values for the event reader: the zone a ``TZID`` names, DATE and
DATE-TIME values, and the window of an event (RFC 5545 3.3.4, 3.3.5, 3.3.6, 3.6.1).

Every error points at the property's line through :meth:`Property.error`.

>>> from ._ical_content import read_components
>>> [calendar] = read_components("BEGIN:VCALENDAR\\nBEGIN:VEVENT\\n"
...     "DTSTART;TZID=W. Europe Standard Time:20261123T090000\\nDURATION:PT45M\\n"
...     "END:VEVENT\\nEND:VCALENDAR")
>>> [event] = calendar.children
>>> start = read_when(event.first("DTSTART"))
>>> start.instant(UTC).isoformat(), event_length(start, event, UTC)
('2026-11-23T09:00:00+01:00', datetime.timedelta(seconds=2700))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache

from .._windows_zones import iana_zone
from .._zones import UTC, instant_of, local_of, resolve_zone, zone_name
from ..errors import ParseError, ZoneError
from ._ical_content import Component, Property
from ._rrule import parse_duration

__all__ = ["When", "component_error", "event_length", "plus", "read_duration", "read_when",
           "tzid_zone", "zone_of"]

_VALUE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})(Z)?)?")
_TZID_HELP = ("use an IANA zone name such as Europe/Berlin, a Windows zone name such as "
              "W. Europe Standard Time, or a vendor prefix ending in an IANA name such as "
              "/example.com/2026/Europe/Berlin")


@lru_cache(maxsize=256)
def tzid_zone(name: str) -> tzinfo | None:
    """The zone a TZID names, or ``None``: an IANA name, a Windows name (as Outlook
    writes), or a ``/vendor/.../Area/City`` name whose tail is an IANA name. Cached:
    a calendar repeats a handful of TZIDs on every line.

    >>> [zone_name(tzid_zone(name)) for name in ("Asia/Tokyo", "India Standard Time",
    ...                                          "/citadel.org/20190914_1/Europe/Paris")]
    ['Asia/Tokyo', 'Asia/Kolkata', 'Europe/Paris']
    >>> print(tzid_zone("Mars Standard Time"))
    None
    """
    text = name.strip()
    candidates = [iana_zone(text), text]
    if text.startswith("/"):
        parts = [part for part in text.split("/") if part]
        candidates += ["/".join(parts[-size:]) for size in (3, 2, 1) if len(parts) > size]
    for candidate in candidates:
        if not candidate:
            continue
        try:
            return resolve_zone(candidate, where="TZID", local=False)
        except ZoneError:
            continue
    return None


def zone_of(prop: Property) -> tzinfo | None:
    """The zone of ``prop``'s TZID parameter (``None`` without one); an unknown TZID is a
    ParseError pointing at it."""
    name = prop.param("TZID")
    if name is None:
        return None
    zone = tzid_zone(name)
    if zone is None:
        at = prop.source.find(name)
        raise prop.error(f"{prop.name}: unknown TZID {name!r}; {_TZID_HELP}",
                         offset=at + 1 - prop.column if at >= 0 else 0,
                         length=max(1, len(name)))
    return zone


@dataclass(frozen=True, slots=True)
class When:
    """A DATE or DATE-TIME value: its wall clock and its zone (``None``: a floating
    time, read in the zone the calendar reader picks)."""

    wall: datetime
    is_date: bool
    zone: tzinfo | None
    prop: Property

    def instant(self, floating: tzinfo) -> datetime:
        """The moment, in its zone (a local time a DST jump skips is read with the
        offset before the jump, as RFC 5545 3.3.5 says; a repeated one in its first
        pass)."""
        zone = self.zone or floating
        return local_of(instant_of(self.wall, zone)[0], zone)


def read_when(prop: Property) -> When:
    """``prop``'s value as a DATE or DATE-TIME, with its TZID."""
    value = prop.value
    found = _VALUE.fullmatch(value)
    if found is None:
        raise prop.error(f"{prop.name}: {value!r} is not a date (YYYYMMDD) or a date-time "
                         "(YYYYMMDDTHHMMSS, ending in Z for UTC); write it as "
                         "20261123T090000", length=max(1, len(value)))
    year, month, day, hour, minute, second, utc = found.groups()
    is_date = hour is None
    kind = prop.param("VALUE")
    if kind is not None and kind.upper() not in ("DATE", "DATE-TIME"):
        raise prop.error(f"{prop.name}: VALUE={kind} is not DATE or DATE-TIME")
    if kind is not None and (kind.upper() == "DATE") != is_date:
        example = "date-time such as 20261123T090000" if is_date else "date such as 20261123"
        raise prop.error(f"{prop.name}: {value} does not match VALUE={kind}; write a "
                         f"{example}", length=len(value))
    try:
        wall = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                        int(second or 0))
    except ValueError as exc:
        raise prop.error(f"{prop.name}: {value} is not a real date and time ({exc})",
                         length=len(value)) from None
    zone = zone_of(prop)
    if utc:
        if zone is not None:
            raise prop.error(f"{prop.name}: a UTC time (ending in Z) cannot also have a "
                             "TZID; drop one of them", length=len(value))
        zone = UTC
    return When(wall, is_date, zone, prop)


def read_duration(prop: Property) -> timedelta:
    """A DURATION value (RFC 5545 3.3.6), forward in time."""
    try:
        length = parse_duration(prop.value)
    except OverflowError:
        raise prop.error(f"{prop.name}: {prop.value} is longer than cadence can count; an "
                         "event lasts at most a few thousand years",
                         length=len(prop.value)) from None
    if length is None:
        raise prop.error(f"{prop.name}: {prop.value!r} is not an RFC 5545 duration; write "
                         "one such as PT1H30M, P1D or P2W", length=max(1, len(prop.value)))
    if length < timedelta(0):
        raise prop.error(f"{prop.name}: {prop.value} is negative; an event's window runs "
                         "forward from DTSTART: drop the '-'", length=len(prop.value))
    return length


def event_length(start: When, event: Component, floating: tzinfo) -> timedelta | None:
    """How long the event's window lasts (``None``: an instant): DTEND - DTSTART on the
    wall clock when both are in one zone, else in elapsed time; or DURATION; or, for a
    DATE start without either, one day (RFC 5545 3.6.1)."""
    end_prop = event.first("DTEND")
    duration_prop = event.first("DURATION")
    if end_prop is not None and duration_prop is not None:
        raise duration_prop.error(f"DURATION: the VEVENT has DTEND (line {end_prop.line}) "
                                  "and DURATION; RFC 5545 allows one of them: keep one",
                                  length=max(1, len(duration_prop.value)))
    if duration_prop is not None:
        length = read_duration(duration_prop)
    elif end_prop is not None:
        end = read_when(end_prop)
        same_zone = (end.zone is None and start.zone is None) or (
            end.zone is not None and start.zone is not None
            and zone_name(end.zone) == zone_name(start.zone))
        length = (end.wall - start.wall if same_zone
                  else end.instant(floating) - start.instant(floating))
        if length < timedelta(0):
            raise end_prop.error(f"DTEND: the event ends ({end_prop.value}) before it starts "
                                 f"({start.prop.value}, line {start.prop.line}); make DTEND "
                                 "later than DTSTART", length=len(end_prop.value))
    else:
        return timedelta(days=1) if start.is_date else None
    return length or None


def plus(moment: datetime, length: timedelta | None, zone: tzinfo) -> datetime | None:
    """Where a window of ``length`` opened at ``moment`` closes, on ``zone``'s wall clock
    (``None``: an instant has no window); past the year 9999, where the calendar ends."""
    if length is None:
        return None
    try:
        wall = moment.astimezone(zone).replace(tzinfo=None) + length
    except OverflowError:
        wall = datetime.max.replace(microsecond=0)
    return local_of(instant_of(wall, zone)[0], zone)


def component_error(component: Component, reason: str) -> ParseError:
    """A ParseError at a component's BEGIN line."""
    return ParseError(f"line {component.line}: {reason}", f"BEGIN:{component.name}")
