"""Zone ids as the Java-based vendors read them: ``java.time.ZoneId.of(id, SHORT_IDS)``.

SailPoint (``timeZoneId``) and BMC Helix (``timeZone.name``) run on Java and hand the
text to ``ZoneId``; both formats read it through :func:`java_zone` alone, so that one
spelling means the same in both. What ``ZoneId.of`` accepts (its Javadoc, JDK 8 on):

- ``Z``: UTC;
- an offset (``ZoneOffset.of``): a sign and ``h``, ``hh``, ``hh:mm``, ``hhmm``,
  ``hh:mm:ss`` or ``hhmmss``, at most 18:00 either way (``+5``, ``+05:30``,
  ``-08:00:00``);
- ``UTC``, ``GMT`` and ``UT`` alone (UTC), or followed by such an offset (``UTC+5``,
  ``GMT-03:30``, ``UT+01:00``);
- any other id is a region id: two or more characters matching
  ``[A-Za-z][A-Za-z0-9~/._+-]+``, looked up *case-sensitively* in the zone database
  (``Europe/Berlin``; ``europe/berlin`` is unknown).

The vendors' pages do not say whether the alias map is passed; SailPoint's own example
is ``"CST"``, which only ``ZoneId.of(id, ZoneId.SHORT_IDS)`` (or the legacy
``java.util.TimeZone``) accepts, so cadence accepts the ``SHORT_IDS`` aliases in both
formats, before anything else, exactly as spelled: EST, MST and HST are the fixed offsets
-05:00, -07:00 and -10:00 there, the others region ids (:data:`SHORT_IDS`).

The zone given back: UTC for every zero offset; ``Etc/GMT∓h`` (IANA) for an offset of
whole hours from -12 to +14, so that it can be written back as a region id; otherwise a
``datetime.timezone`` of that offset; the region's zone for a region id.

>>> java_zone("CST", where="timeZoneId")
zoneinfo.ZoneInfo(key='America/Chicago')
>>> java_zone("UTC+5", where="timeZoneId"), java_zone("+05:30", where="timeZoneId")
(zoneinfo.ZoneInfo(key='Etc/GMT-5'), datetime.timezone(datetime.timedelta(seconds=19800)))
>>> java_zone("asia/kolkata", where="timeZone.name")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
cadence.errors.ZoneError: timeZone.name: unknown time zone 'asia/kolkata' (did you mean ...
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

from .._problems import did_you_mean
from .._zones import UTC, resolve_zone
from ..errors import ScheduleError, ZoneError

__all__ = ["SHORT_IDS", "java_zone"]

#: ``java.time.ZoneId.SHORT_IDS`` as its Javadoc lists it (JDK 8 onwards): the legacy
#: three-letter ids, each an alias of a region id or (EST, MST, HST) of a fixed offset.
SHORT_IDS: Mapping[str, str] = {
    "ACT": "Australia/Darwin",
    "AET": "Australia/Sydney",
    "AGT": "America/Argentina/Buenos_Aires",
    "ART": "Africa/Cairo",
    "AST": "America/Anchorage",
    "BET": "America/Sao_Paulo",
    "BST": "Asia/Dhaka",
    "CAT": "Africa/Harare",
    "CNT": "America/St_Johns",
    "CST": "America/Chicago",
    "CTT": "Asia/Shanghai",
    "EAT": "Africa/Addis_Ababa",
    "ECT": "Europe/Paris",
    "EST": "-05:00",
    "HST": "-10:00",
    "IET": "America/Indiana/Indianapolis",
    "IST": "Asia/Kolkata",
    "JST": "Asia/Tokyo",
    "MIT": "Pacific/Apia",
    "MST": "-07:00",
    "NET": "Asia/Yerevan",
    "NST": "Pacific/Auckland",
    "PLT": "Asia/Karachi",
    "PNT": "America/Phoenix",
    "PRT": "America/Puerto_Rico",
    "PST": "America/Los_Angeles",
    "SST": "Pacific/Guadalcanal",
    "VST": "Asia/Ho_Chi_Minh",
}

_PREFIXES = ("UTC", "GMT", "UT")
_REGION = re.compile(r"[A-Za-z][A-Za-z0-9~/._+-]+")
#: ``ZoneOffset.of``: what follows the sign (h, hh, hhmm, hh:mm, hhmmss, hh:mm:ss).
_OFFSET = re.compile(r"[0-9]{1,2}|[0-9]{4}|[0-9]{6}|[0-9]{2}:[0-9]{2}(:[0-9]{2})?")
_OFFSET_FORMS = "'+h', '+hh', '+hh:mm', '+hhmm', '+hh:mm:ss' or '+hhmmss' (or '-')"
_ACCEPTED = ("use an IANA name such as 'Europe/Berlin' (case matters), a Java short id such "
             "as 'CST', 'Z', an offset such as '+05:30', or 'UTC', 'GMT' or 'UT' with or "
             "without an offset ('UTC+5')")


def java_zone(text: str, *, where: str) -> tzinfo:
    """The zone ``ZoneId.of(text, ZoneId.SHORT_IDS)`` names, or a :class:`ZoneError`
    saying why Java would refuse ``text`` (``where`` names the field)."""
    zone_id = SHORT_IDS.get(text, text)
    if zone_id == "Z":
        return UTC
    if zone_id[:1] in ("+", "-"):
        return _offset(zone_id, zone_id, where)
    for prefix in _PREFIXES:
        if zone_id == prefix:
            return UTC
        if zone_id.startswith(prefix) and zone_id[len(prefix):len(prefix) + 1] in ("+", "-"):
            return _offset(zone_id[len(prefix):], text, where)
    if _REGION.fullmatch(zone_id) is None or zone_id not in _region_ids():
        hint = did_you_mean(text.strip(), sorted({*_region_ids(), *SHORT_IDS, *_PREFIXES}))
        shown = repr(text[:40]) + ("..." if len(text) > 40 else "")
        raise ZoneError(f"{where}: unknown time zone {shown}{hint}; {_ACCEPTED}")
    try:
        return resolve_zone(zone_id, where=where)
    except ScheduleError:  # pragma: no cover - a listed zone whose data will not load
        raise ZoneError(f"{where}: the time zone {zone_id!r} cannot be loaded; "
                        f"{_ACCEPTED}") from None


def _offset(offset: str, text: str, where: str) -> tzinfo:
    """``ZoneOffset.of(offset)`` (``offset`` starts with its sign)."""
    if _OFFSET.fullmatch(offset[1:]) is None:
        raise ZoneError(f"{where}: {text[:40]!r} is not an offset Java reads; write "
                        f"{_OFFSET_FORMS}, e.g. '+05:30'")
    digits = offset[1:].replace(":", "")
    hours = int(digits[:2])
    minutes, seconds = int(digits[2:4] or 0), int(digits[4:6] or 0)
    if hours > 18 or minutes > 59 or seconds > 59 or (hours == 18 and (minutes or seconds)):
        raise ZoneError(f"{where}: the offset in {text!r} is out of range: Java's offsets "
                        "run from -18:00 to +18:00 (minutes and seconds 0-59)")
    sign = -1 if offset[0] == "-" else 1
    total = sign * (hours * 3600 + minutes * 60 + seconds)
    if total == 0:
        return UTC
    if not minutes and not seconds and -12 <= sign * hours <= 14:
        return ZoneInfo(f"Etc/GMT{-sign * hours:+d}")  # POSIX signs: Etc/GMT-5 is +05:00
    return timezone(timedelta(seconds=total))


@cache
def _region_ids() -> frozenset[str]:
    """The region ids the zone database knows (as Java's tzdb provider would)."""
    from zoneinfo import available_timezones

    return frozenset(available_timezones())
