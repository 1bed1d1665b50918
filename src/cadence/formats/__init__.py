"""The format registry: every format module here, found rather than listed.

Each public module of this package names its :class:`~cadence.formats._contract.Format`
``FORMAT`` (or several as ``FORMATS``). :func:`registry` imports the modules once and
keeps their formats by name, in the order they sniff. Adding a format is adding a
module: no list elsewhere changes.

The first parse fills the registry, so a format module is cheap to import: its reader
and writer, unless they are small, wait in a private module until the format is used
(``rrule.py`` declares the format, ``_rrule.py`` reads and writes it).

Every source says its format by its content (:func:`recognize`): text by the text
formats' ``sniff`` (cron when none claims it), JSON (a payload, or text that starts with
``{`` or ``[``) by the JSON formats' ``recognizes``, which look at its keys. A payload
that no JSON format recognizes, or that several do, raises
:class:`~cadence.errors.AmbiguousFormatError` naming the candidates.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from datetime import timedelta, timezone
from functools import cache
from types import MappingProxyType

from ..errors import AmbiguousFormatError, ScheduleError, described
from ._contract import Checked, Context, Dst, Format, LintPaths, Written

__all__ = [
    "BOM",
    "Checked",
    "Context",
    "Dst",
    "Format",
    "LintPaths",
    "Written",
    "get",
    "named_zone",
    "names",
    "recognize",
    "recognized",
    "registry",
    "sniff",
    "without_bom",
]


@cache
def registry() -> Mapping[str, Format]:
    """Every format, by name, in the order of their ranks (how they are listed and
    asked to sniff)."""
    found: list[Format] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if module.name.startswith("_"):
            continue
        # What the module defines, not getattr: a name it lacks would load its machinery.
        defined = vars(importlib.import_module(f"{__name__}.{module.name}"))
        single = defined.get("FORMAT")
        found.extend([single] if isinstance(single, Format) else [])
        found.extend(item for item in defined.get("FORMATS", ()) if isinstance(item, Format))
    found.sort(key=lambda fmt: (fmt.rank, fmt.name))
    return MappingProxyType({fmt.name: fmt for fmt in found})


def names(*, readable: bool = False, writable: bool = False, kind: str | None = None,
          schedules: bool = False) -> tuple[str, ...]:
    """The names of the formats that read, write, are of ``kind`` or hold schedules."""
    return tuple(
        fmt.name for fmt in registry().values()
        if (not readable or fmt.check is not None)
        and (not writable or fmt.write is not None)
        and (kind is None or fmt.kind == kind)
        and (not schedules or fmt.is_schedule)
    )


def get(name: object, *, verb: str = "reads", readable: bool = True,
        writable: bool = False) -> Format:
    """The format called ``name``, or a :class:`ScheduleError` listing the known ones."""
    fmt = registry().get(name) if isinstance(name, str) else None
    if (fmt is None or (readable and fmt.check is None)
            or (writable and fmt.write is None)):
        known = names(readable=readable, writable=writable)
        raise ScheduleError(f"unknown format {described(name)}; cadence {verb} "
                            f"{', '.join(known)}")
    return fmt


def sniff(text: str) -> Format:
    """The first text format, in rank order, that recognizes ``text``; else the fallback
    format (cron)."""
    sniffers, fallback = _sniffers()
    for recognizes, fmt in sniffers:
        if recognizes(text):
            return fmt
    return fallback


@cache
def _sniffers() -> tuple[tuple[tuple[Callable[[str], bool], Format], ...], Format]:
    """The sniffers in rank order and the fallback, found once: sniffing runs on every
    parse without a format."""
    found = registry().values()
    return (tuple((fmt.sniff, fmt) for fmt in found if fmt.sniff is not None),
            next(fmt for fmt in found if fmt.fallback))


# -- recognizing a source ---------------------------------------------------------------

#: A UTF-8 byte order mark, as it reads once decoded: editors on Windows put it first.
BOM = "\ufeff"


def without_bom(text: str) -> str:
    """``text`` without a leading byte order mark (a BOM is not part of any format)."""
    return text[1:] if text[:1] == BOM else text


def recognize(source: object) -> Format:
    """The format of ``source``, told by its content.

    Text starts without a byte order mark (one is ignored); text whose first character
    other than blank space is ``{`` or ``[`` is JSON, decoded within
    :mod:`cadence.limits`, and is recognized as a payload is; other text is the first
    text format that sniffs it, in rank order, else cron (which tells cron from Quartz
    by the number of fields). A payload (a decoded JSON value) is the JSON format that
    recognizes its shape. Raises :class:`~cadence.errors.AmbiguousFormatError` when no
    JSON format recognizes a payload, or several do, and a
    :class:`~cadence.errors.ScheduleError` for JSON text that does not decode.

    >>> recognize('\ufeff{"cronStr": "0 9 * * *"}').name, recognize("0 9 * * *").name
    ('edfs', 'cron')
    """
    return recognized(source)[0]


def recognized(source: object, *, where: str | None = None) -> tuple[Format, object]:
    """``(format, what its reader reads)``: :func:`recognize`'s answer, with the text
    without its byte order mark, or the payload that JSON text decodes to (decoded
    once). ``where`` names the text in a decoding error (a file's name, say)."""
    if isinstance(source, str):
        text = without_bom(source)
        first = text.lstrip()[:1]
        if first not in ("{", "["):
            return sniff(text), text
        from .._json_input import load_json  # (json only for JSON: cron stays light)

        source = load_json(text, where=where or f"text starting with {first!r}")
    elif isinstance(source, bytes | bytearray):
        raise ScheduleError("a source is text or a decoded JSON payload, not bytes: "
                            "decode it first (UTF-8)")
    return _by_shape(source), source


def _by_shape(payload: object) -> Format:
    """The one JSON format that recognizes ``payload`` (a decoded JSON value)."""
    json_formats = [fmt for fmt in registry().values() if fmt.recognizes is not None]
    found = [fmt for fmt in json_formats if _recognizes(fmt, payload)]
    if len(found) == 1:
        return found[0]
    candidates = tuple(fmt.name for fmt in (found or json_formats))
    if found:
        said = (f"this JSON {_kind(payload)} has keys of {', '.join(candidates[:-1])} and "
                f"{candidates[-1]}; give --format (format= in Python): "
                f"{' or '.join(candidates)}")
    else:
        said = (f"no format recognizes this JSON {_kind(payload)}{_keys(payload)}; give "
                f"--format (format= in Python), one of {', '.join(candidates)}")
    raise AmbiguousFormatError(said, candidates)


def _recognizes(fmt: Format, payload: object) -> bool:
    assert fmt.recognizes is not None
    try:
        return fmt.recognizes(payload)
    except Exception:  # a recognizer never raises; one that does has not recognized it
        return False


def _kind(payload: object) -> str:
    return ("object" if isinstance(payload, dict) else "array" if isinstance(payload, list)
            else "value")


def _keys(payload: object) -> str:
    """What a message says of an object's keys: the first few, or that it has none."""
    if not isinstance(payload, dict):
        return f" ({described(payload)})" if not isinstance(payload, list) else ""
    if not payload:
        return " (it has no keys)"
    shown = [described(key) for key in list(payload)[:_KEYS_SHOWN]]
    more = f" and {len(payload) - _KEYS_SHOWN} more" if len(payload) > _KEYS_SHOWN else ""
    return f" (its keys: {', '.join(shown)}{more})"


_KEYS_SHOWN = 5


# -- the zone a source names --------------------------------------------------------------

#: A zone no source names: a source read with it as ``tz`` and still in it named none.
#: (An offset of almost a day, not a ZoneInfo, so no reader's own zone is ever it.)
_NO_ZONE_NAMED = timezone(timedelta(hours=23, minutes=59, seconds=59), "no zone named")


def named_zone(source: object, format: Format | str | None = None) -> str | None:
    """The zone ``source`` names itself, which wins over ``tz=`` (and ``--tz``); ``None``
    when it names none, so that ``tz=`` decides (else UTC).

    Each reader takes "the zone unless the source names one" from its context; this
    reads ``source`` once with a zone no source names and sees whether it was kept, so
    every format answers as its reader decides: cron's ``CRON_TZ=``, a ``TZID`` or a
    UTC ``Z`` in RRULE and iCalendar, systemd's trailing zone, a campaign's
    ``timeZoneId``, a Helix ``timeZone``. EDFS timers and Bentley calendars never name
    one, nor does a format that holds no schedule. The answer is the zone's name as
    :attr:`cadence.Schedule.tz` would print it (``"UTC"`` for every name of UTC).
    ``format`` is a :class:`Format` or a name, else recognized (:func:`recognize`). A
    source that does not read raises what parsing it raises.

    >>> named_zone("CRON_TZ=Europe/Berlin 0 9 * * *"), named_zone("0 9 * * *")
    ('Europe/Berlin', None)
    >>> named_zone({"cronStr": "0 9 * * *"}), named_zone('{"type": "WEEKLY", "timeZoneId": '
    ...     '"CST", "hours": {"type": "LIST", "values": ["9"]}, "days": {"type": "LIST", '
    ...     '"values": ["2"]}}')
    (None, 'America/Chicago')
    """
    from .._zones import zone_name

    if format is None:
        fmt, source = recognized(source)
    else:
        fmt = format if isinstance(format, Format) else get(format)
        source = without_bom(source) if isinstance(source, str) else source
    if fmt.read is None:
        return None
    sniffed = format is None
    try:
        zone = fmt.read(source, Context(_NO_ZONE_NAMED, sniffed=sniffed)).zone
    except ScheduleError:
        # Read in no zone but its own, or not at all (an iCalendar with floating events
        # beside ones with a TZID reads only without tz=): the error is the plain read's.
        return zone_name(fmt.read(source, Context(None, sniffed=sniffed)).zone)
    return None if zone is _NO_ZONE_NAMED else zone_name(zone)
