"""Time zones by name, and moments as instants: one answer for every format.

Which names mean UTC is decided here and nowhere else: every alias of UTC (``UTC``,
``Etc/UTC``, ``GMT``, ``Etc/GMT``, ``Z``, ``Zulu`` ...) resolves to the one zone
:data:`UTC`, so every reader, writer and description sees the name ``"UTC"``.

Instants are whole seconds since the Unix epoch (UTC).

``"local"`` given as ``tz`` is this machine's zone (:func:`local_zone`), found by its
IANA name so that its clock changes are right; a source never names it (a ``CRON_TZ=``
or ``TZID`` of "local" is refused: the same text would mean another zone elsewhere).
"""

from __future__ import annotations

import os
import re
from collections.abc import Hashable, Mapping
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ZoneError

__all__ = [
    "EPOCH_ORDINAL",
    "UTC",
    "UTC_NAMES",
    "bound_seconds",
    "instant_of",
    "is_fixed_offset",
    "is_utc",
    "local_of",
    "local_zone",
    "pytz_zone",
    "resolve_zone",
    "wall_time_in",
    "zone_key",
    "zone_name",
]

UTC = ZoneInfo("UTC")
EPOCH_ORDINAL = datetime(1970, 1, 1).toordinal()
_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=timezone.utc)
#: Every name that means UTC itself (not merely an offset of zero at times).
UTC_NAMES = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu",
     "Z", "Etc/GMT", "GMT", "Etc/Greenwich", "Greenwich", "GMT0", "Etc/GMT0", "GMT+0",
     "GMT-0", "Etc/GMT+0", "Etc/GMT-0"}
)
_UTC_KEYS = frozenset(name.upper() for name in UTC_NAMES)


def resolve_zone(zone: str | tzinfo | None, *, where: str = "tz", local: bool = True,
                 offsets: bool | None = None) -> tzinfo:
    """A tzinfo for an IANA name, a tzinfo (as it is) or ``None`` (UTC); every name of
    UTC gives :data:`UTC`, and a tzinfo that is UTC under another name is named "UTC" by
    :func:`zone_name`. ``"local"`` is this machine's zone
    (:func:`local_zone`, looked up on every call: it is never kept); a reader resolving
    a zone its source names passes ``local=False``, which refuses it. A fixed offset as
    :func:`zone_name` writes it (``UTC+05:30``) is read where ``offsets`` says (default:
    as ``local``): a source never names one (POSIX ``TZ`` reads ``UTC+05:30`` as five
    and a half hours *behind* UTC), the IR's JSON form does.

    >>> resolve_zone("Europe/Riga")
    zoneinfo.ZoneInfo(key='Europe/Riga')
    >>> resolve_zone("GMT") is resolve_zone("Z") is resolve_zone(None) is UTC
    True
    """
    if zone is None:
        return UTC
    if isinstance(zone, tzinfo):
        # Kept as given (``datetime.timezone.utc`` is the fastest UTC there is); every
        # name of UTC still reads as "UTC" through zone_name and is_utc.
        if type(zone) is not ZoneInfo and not isinstance(zone, timezone):
            named = pytz_zone(zone)
            if named is not None:
                return named
            _check_offset(zone, where)
        return zone
    if not isinstance(zone, str):
        raise ZoneError(f"{where}: a time zone must be an IANA name such as 'Europe/Berlin', "
                        f"not {type(zone).__name__}")
    found = _RESOLVED.get(zone)
    if found is not None:
        return found
    if zone.strip() == LOCAL:  # (never kept in _RESOLVED: the machine's may change)
        if local:
            return local_zone(where=where)
        raise ZoneError(f"{where}: {zone.strip()!r} is not a zone a source can name (it "
                        "would mean another zone on another machine); use an IANA name "
                        "such as 'Europe/Berlin' ('local' is for tz= and --tz only)")
    if local if offsets is None else offsets:  # (never kept: sources must not see them)
        offset = _offset_zone(zone.strip(), where)
        if offset is not None:
            return offset
    found = _resolve_name(zone, where)
    if len(_RESOLVED) < _RESOLVED_SIZE:
        _RESOLVED[zone] = found
    return found


def pytz_zone(zone: tzinfo) -> ZoneInfo | None:
    """The IANA zone a pytz zone names: pytz's own tzinfo gives the right offsets only
    through its ``localize`` (arithmetic on its datetimes keeps a stale offset), and no
    payload can say which zone it is; its ``zone`` attribute is the IANA key."""
    name = getattr(zone, "zone", None)
    if not (isinstance(name, str) and hasattr(zone, "localize")):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _offset_zone(name: str, where: str) -> timezone | None:
    """A fixed UTC offset as :func:`zone_name` writes one (``UTC+05:30``), so that every
    zone cadence writes reads back; ``None`` for any other name."""
    found = _OFFSET_NAME.fullmatch(name)
    if found is None:
        return None
    sign, hours, minutes, seconds, micro = found.groups()
    length = timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0),
                       microseconds=int(micro or 0))
    if length >= timedelta(hours=24):
        raise ZoneError(f"{where}: the offset of {name!r} is not less than 24 hours; give "
                        "an offset such as 'UTC+05:30'")
    return timezone(-length if sign == "-" else length)


def _check_offset(zone: tzinfo, where: str) -> None:
    """Refuse a tzinfo that gives no UTC offset: its wall clock is no instant, and
    ``datetime.astimezone`` refuses it on every call."""
    try:
        offset = datetime(2000, 1, 1, tzinfo=zone).utcoffset()
    except Exception as exc:
        # (the zone's own message is not shown: it is user code, of any length)
        raise ZoneError(f"{where}: the {type(zone).__name__} time zone fails to give a UTC "
                        f"offset (its utcoffset raised {type(exc).__name__}); use an IANA "
                        "name such as 'Europe/Berlin', or a zoneinfo.ZoneInfo") from None
    if offset is None:
        raise ZoneError(f"{where}: the {type(zone).__name__} time zone gives no UTC offset "
                        "(its utcoffset returns None), so its wall clock names no instant; "
                        "use an IANA name such as 'Europe/Berlin', a zoneinfo.ZoneInfo, or "
                        "datetime.timezone(timedelta(hours=...)) for a fixed offset")


#: Zone names already resolved: every text with a TZID names its zone again.
_RESOLVED: dict[str, tzinfo] = {}
_RESOLVED_SIZE = 1024
#: The names of zones already named (ZoneInfo objects: their key is fixed).
#: Names of zones already named (datetime's UTC is asked for most often of all).
_NAMES: dict[tzinfo, str] = {timezone.utc: "UTC"}


def _resolve_name(zone: str, where: str) -> tzinfo:
    name = zone.strip()
    if not name:
        raise ZoneError(f"{where}: the time zone name is empty; use an IANA name such as "
                        "'Europe/Berlin' or 'UTC'")
    if len(name) > 255 or "\x00" in name:
        raise ZoneError(f"{where}: {name[:40]!r}... is not a time zone name")
    if name.upper() in _UTC_KEYS:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError) as exc:
        hint = _suggest(name)
        raise ZoneError(
            f"{where}: unknown time zone {name!r}; use an IANA name such as "
            f"'Europe/Berlin' or 'UTC'{hint}"
        ) from exc


#: A fixed UTC offset as :func:`zone_name` names it: ``UTC+05:30``, ``UTC-03:00``.
_OFFSET_NAME = re.compile(
    r"UTC([+-])([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{6}))?)?", re.ASCII)

#: The ``tz`` that names this machine's zone.
LOCAL = "local"
#: Where the machine keeps its zone's name, when ``TZ`` does not say it (Debian and
#: Ubuntu write it to /etc/timezone; every systemd system links /etc/localtime into the
#: zone database).
ETC_TIMEZONE = "/etc/timezone"
ETC_LOCALTIME = "/etc/localtime"


def local_zone(*, where: str = "tz", environ: Mapping[str, str] | None = None,
               timezone_file: str = ETC_TIMEZONE, localtime: str = ETC_LOCALTIME
               ) -> tzinfo:
    """This machine's zone, by its IANA name (a ``ZoneInfo``, so its DST is right):
    the ``TZ`` environment variable when it names an IANA zone (a leading ``:`` is
    allowed, and an empty ``TZ`` is UTC, as the C library reads it); else the name in
    /etc/timezone; else the name the /etc/localtime link points to below a zoneinfo
    directory (``/usr/share/zoneinfo/Europe/Berlin``). A :class:`ZoneError` when none
    names a zone. ``environ`` and the two paths are for tests (default: this process's
    environment and the system's files).

    >>> local_zone(environ={"TZ": ":Asia/Tokyo"})
    zoneinfo.ZoneInfo(key='Asia/Tokyo')
    """
    env = os.environ if environ is None else environ
    candidates: list[str | None] = []
    if "TZ" in env:
        told = env["TZ"].removeprefix(":").strip()
        if not told:
            return UTC
        candidates.append(_zone_key(told) if told.startswith("/") else told)
    candidates += [_first_line(timezone_file), _linked_key(localtime)]
    for name in candidates:
        found = _known_zone(name)
        if found is not None:
            return found
    said = f"TZ={env['TZ']!r} names no IANA zone, " if "TZ" in env else "TZ is not set, "
    raise ZoneError(f"{where}: 'local' asks for this machine's time zone, but none is found "
                    f"({said}{timezone_file} names none, and {localtime} is no link into "
                    "a zoneinfo directory); give an IANA name such as 'Europe/Berlin'")


def _known_zone(name: str | None) -> tzinfo | None:
    """The zone ``name`` names (every name of UTC gives :data:`UTC`), or ``None``."""
    if not name or len(name) > 255 or "\x00" in name:
        return None
    if name.upper() in _UTC_KEYS:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        return None


def _first_line(path: str) -> str | None:
    """The first line of a small text file, stripped, or ``None``."""
    try:
        with open(path, encoding="utf-8") as file:
            return file.readline(256).strip()
    except (OSError, UnicodeError, ValueError):
        return None


def _linked_key(path: str) -> str | None:
    """The zone key a link into a zoneinfo directory names: the link's own target first
    (a zone file may itself link to another name), then the file it ends at."""
    try:
        target = os.readlink(path)
    except (OSError, ValueError):
        return None
    named = _zone_key(os.path.normpath(os.path.join(os.path.dirname(path), target)))
    if _known_zone(named) is not None:
        return named
    return _zone_key(os.path.realpath(path))


def _zone_key(path: str) -> str | None:
    """``Europe/Berlin`` of ``/usr/share/zoneinfo/Europe/Berlin``: what follows the
    last ``zoneinfo`` directory of a path (and its ``posix/`` or ``right/``), or ``None``
    for a path that has none."""
    parts = path.replace(os.sep, "/").split("/")
    if "zoneinfo" not in parts[:-1]:
        return None
    key = "/".join(parts[len(parts) - parts[::-1].index("zoneinfo"):])
    for variant in ("posix/", "right/"):
        key = key.removeprefix(variant)
    return key or None


def _names_utc(zone: tzinfo) -> bool:
    if zone is timezone.utc:
        return True
    if isinstance(zone, timezone):
        return not zone.utcoffset(None)
    key = getattr(zone, "key", None)
    return isinstance(key, str) and key.upper() in _UTC_KEYS


def _suggest(name: str) -> str:
    lowered = name.lower()
    try:
        from zoneinfo import available_timezones

        for key in sorted(available_timezones()):
            if key.lower() == lowered:
                return f" (did you mean {key!r}?)"
    except (OSError, ValueError):
        return ""
    return ""


def zone_name(zone: tzinfo) -> str:
    """The zone's name as every format writes it: the IANA key of a ``ZoneInfo``
    (``"UTC"`` for every name of UTC); for a ``datetime.timezone``, its offset
    (``"UTC+03:00"``), never the free text it was given as a name; for any other tzinfo,
    what it calls itself and its type, which no format reads back as an IANA zone.

    >>> zone_name(timezone(timedelta(hours=3), "Europe/Berlin"))
    'UTC+03:00'
    """
    try:
        return _NAMES[zone]
    except (KeyError, TypeError):  # TypeError: a tzinfo that cannot be hashed
        pass
    if zone is timezone.utc:
        return "UTC"
    key = getattr(zone, "key", None)
    if isinstance(zone, ZoneInfo) and isinstance(key, str):
        name = "UTC" if key.upper() in _UTC_KEYS else key
        if len(_NAMES) < _RESOLVED_SIZE:
            _NAMES[zone] = name  # a ZoneInfo's key never changes
        return name
    if isinstance(zone, timezone):
        name = _offset_name(zone)
        if len(_NAMES) < _RESOLVED_SIZE:
            _NAMES[zone] = name  # timezones are equal by offset, which is all it says
        return name
    return _other_name(zone)


def _offset_name(zone: timezone) -> str:
    """A fixed offset's canonical name, as ``timezone(offset)`` gives it unnamed."""
    offset = zone.utcoffset(None)
    return "UTC" if not offset else str(timezone(offset))


def _other_name(zone: tzinfo) -> str:
    """A tzinfo that is neither a ZoneInfo nor a timezone: nothing tells which zone it
    is, so its name keeps its type beside what it calls itself (never a bare IANA name,
    which a writer would put in a payload as that zone)."""
    kind = type(zone).__name__
    for moment in (None, datetime(2000, 1, 1)):
        try:
            label = zone.tzname(moment)
        except Exception:
            continue
        if isinstance(label, str) and label.strip():
            return f"{label.strip()[:64]} ({kind})"
    return kind


def zone_key(zone: tzinfo) -> Hashable:
    """What makes two zones the same zone, for equality and hashing: the name of a
    ``ZoneInfo`` or a ``datetime.timezone`` (see :func:`zone_name`: a fixed offset is
    its offset), and any other tzinfo itself, by its own equality (or its identity when
    it cannot be hashed): its offsets cannot be compared for all time.

    >>> zone_key(timezone(timedelta(hours=1), "X")) == zone_key(timezone(timedelta(hours=2), "X"))
    False
    """
    if isinstance(zone, (ZoneInfo, timezone)) and (
            not isinstance(zone, ZoneInfo) or isinstance(zone.key, str)):
        return zone_name(zone)
    try:
        hash(zone)
    except TypeError:
        return ("tzinfo", id(zone))
    return zone


def is_utc(zone: tzinfo) -> bool:
    """Whether ``zone`` is UTC itself, under any of its names (a ``datetime.timezone``
    of offset zero is, whatever it is called)."""
    return _names_utc(zone)


def is_fixed_offset(zone: tzinfo) -> bool:
    """Whether ``zone`` has one UTC offset for all time (UTC, ``Etc/GMT+5``, a
    ``datetime.timezone``)."""
    if isinstance(zone, timezone) or _names_utc(zone):
        return True
    key = getattr(zone, "key", None)
    return isinstance(key, str) and key.startswith("Etc/GMT")


def instant_of(moment: datetime, zone: tzinfo) -> tuple[int, int]:
    """``(whole seconds since the epoch, microseconds)`` of ``moment``.

    A naive moment is wall-clock time in ``zone`` (its ``fold`` picks the pass of a
    repeated hour).
    """
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
    try:  # datetime's own arithmetic, in C
        elapsed = aware - _EPOCH_UTC
    except TypeError:  # a tzinfo whose utcoffset is None: naive, so wall time in zone
        try:
            elapsed = moment.replace(tzinfo=zone) - _EPOCH_UTC
        except TypeError:  # the zone too (resolve_zone refuses one): read as UTC
            elapsed = moment.replace(tzinfo=timezone.utc) - _EPOCH_UTC
    return elapsed.days * 86400 + elapsed.seconds, elapsed.microseconds


def offset_seconds(offset: timedelta) -> int:
    """A UTC offset in whole seconds."""
    return offset.days * 86400 + offset.seconds


def bound_seconds(moment: datetime | None, zone: tzinfo) -> int | None:
    """A bound as schedules keep it: whole seconds, a fraction rounded up (a naive
    ``moment`` is wall time in ``zone``).

    >>> bound_seconds(datetime(1970, 1, 1, 0, 0, 1, 500), timezone.utc)
    2
    >>> bound_seconds(None, timezone.utc) is None
    True
    """
    if moment is None:
        return None
    seconds, micro = instant_of(moment, zone)
    return seconds + (1 if micro else 0)


def wall_time_in(wall: datetime, zone: tzinfo) -> datetime:
    """The aware datetime a naive wall-clock time names in ``zone`` (RFC 5545 3.3.5):
    the first pass of a repeated time, and for a time the clocks skip, the moment the
    offset before the jump gives, shown on the wall clock after it (02:30 in New York's
    spring gap is 03:30 EDT).

    >>> from zoneinfo import ZoneInfo
    >>> wall_time_in(datetime(2026, 3, 8, 2, 30), ZoneInfo("America/New_York")).isoformat()
    '2026-03-08T03:30:00-04:00'
    """
    aware = wall.replace(tzinfo=zone)
    if type(zone) is ZoneInfo and not wall.fold:
        # PEP 495: the two passes' offsets differ only around a change, and the
        # first is the smaller only in a gap; elsewhere the wall time is the answer.
        first, second = zone.utcoffset(wall), zone.utcoffset(wall.replace(fold=1))
        if first is not None and second is not None and not first < second:
            return aware
    elif isinstance(zone, timezone):
        return aware
    return local_of(instant_of(wall, zone)[0], zone)


_MIN_INSTANT = (datetime(1, 1, 2).toordinal() - EPOCH_ORDINAL) * 86400
_MAX_INSTANT = (datetime(9999, 12, 30).toordinal() - EPOCH_ORDINAL) * 86400


def local_of(instant: int, zone: tzinfo) -> datetime:
    """The aware wall-clock datetime of an instant (``fold`` set in a repeated hour).

    Near the calendar's ends, where the instant in UTC lies outside years 1-9999 but
    its wall-clock time does not (in a zone with a large offset), the wall clock is the
    instant plus the offset of the calendar's nearest whole day; a wall-clock time past
    the calendar is the calendar's first or last microsecond.

    >>> local_of(253402300740, timezone.utc).isoformat()  # the calendar's last minute
    '9999-12-31T23:59:00+00:00'
    >>> local_of(253402300800, timezone(timedelta(hours=-12))).isoformat()
    '9999-12-31T12:00:00-12:00'
    >>> local_of(253402300800, timezone.utc).isoformat()  # past the calendar
    '9999-12-31T23:59:59.999999+00:00'
    """
    if _MIN_INSTANT <= instant <= _MAX_INSTANT:
        return (_EPOCH_UTC + timedelta(seconds=instant)).astimezone(zone)
    try:
        return (_EPOCH_UTC + timedelta(seconds=instant)).astimezone(zone)
    except (OverflowError, ValueError):
        pass
    clamped = min(max(instant, _MIN_INSTANT), _MAX_INSTANT)
    near = (_EPOCH_UTC + timedelta(seconds=clamped)).astimezone(zone)
    try:  # the offset holds: no zone changes its clock in the calendar's first or last day
        wall = near.replace(tzinfo=None) + timedelta(seconds=instant - clamped)
    except OverflowError:
        wall = datetime.max if instant > clamped else datetime.min
    return wall.replace(tzinfo=zone)
