"""``cadence.parse``: any supported source -> :class:`Schedule`, through the registry."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo
from functools import lru_cache
from typing import TypeAlias

from . import formats
from ._zones import resolve_zone, zone_name
from .errors import ParseError, ScheduleError, described
from .formats import Context, Format
from .ir import DayMatch, Recurrence, Rule
from .schedule import Schedule

__all__ = ["FORMATS", "Source", "as_schedule", "describe", "is_valid", "parse"]

#: The formats cadence reads.
FORMATS = formats.names(readable=True)


def parse(
    source: object,
    format: str | None = None,
    *,
    tz: str | tzinfo | None = None,
    day_match: DayMatch | None = None,
    dst: str | None = None,
) -> Schedule:
    """Compile a schedule expression.

    ``format``: ``"cron"`` (5 fields), ``"quartz"`` (6-7 fields), ``"rrule"``, a JSON
    format (``"edfs"``, ...; a dict or JSON text, raising
    :class:`cadence.InvalidPayloadError` listing every problem), any other name in
    :data:`FORMATS`, or ``None`` to recognize the source by its content
    (:func:`cadence.formats.recognize`: RRULE lines, iCalendar, systemd events, cron or
    Quartz by the number of fields; a payload, or text starting with ``{`` or ``[``, by
    its keys, raising :class:`cadence.errors.AmbiguousFormatError` when they do not
    tell). A byte order mark before text is ignored. ``tz``: the zone (IANA name,
    ``"local"`` for this machine's zone, or tzinfo) unless the source names one
    (:func:`cadence.formats.named_zone`); default UTC. ``day_match``: ``"and"`` /
    ``"or"`` to override how day-of-month and day-of-week combine (default: Debian
    cron's rule). ``dst``: the DST policy, a name in :data:`cadence.dst.POLICIES`
    (default: the format's, see :mod:`cadence.dst`).

    Raises :class:`cadence.ParseError` for text that cannot be read and
    :class:`cadence.NeverFiresError` for an expression with no occurrence at all.

    >>> import cadence
    >>> cadence.parse("0 30 9 ? * MON-FRI", format="quartz", tz="Europe/Berlin")
    <Schedule quartz '0 30 9 ? * MON-FRI' tz='Europe/Berlin'>
    """
    if (type(source) is str and (format is None or type(format) is str)
            and (day_match is None or type(day_match) is str)
            and (dst is None or type(dst) is str)):
        # The common call, straight to the reader (or to the memo of parsed text).
        if tz is None or (type(tz) is str and tz != "local"):  # (local: looked up anew)
            return _parse_cached(source, format, tz, day_match, dst)
        if isinstance(tz, tzinfo):
            return _parse_text(source, format, tz, day_match, dst)
    if isinstance(source, str):
        return _parse_text(source, format, tz, day_match, dst)
    chosen = formats.get(format) if format is not None else None
    if chosen is None and isinstance(source, dict | list):
        chosen, source = formats.recognized(source)
    _check(chosen, day_match, dst)
    if chosen is not None and chosen.kind == "json":
        return Schedule(_read(chosen, source, Context(tz=tz), dst))
    raise ParseError(
        f"a {format or 'cron'} expression must be a string, not {type(source).__name__}", ""
    )


def _check(chosen: Format | None, day_match: object, dst: object) -> None:
    """Refuse a day match other than "and" or "or", an unknown DST policy, and a format
    that holds no schedule."""
    if day_match is not None and day_match not in ("and", "or"):
        raise ScheduleError(f"day_match must be 'and' or 'or', not {described(day_match)}")
    if dst is not None:
        from . import dst as policies

        policies.get(dst)
    if chosen is not None and not chosen.is_schedule:
        raise ScheduleError(
            f"{chosen.name} is {chosen.not_a_schedule}, not a schedule; use "
            f"cadence.validate(body, {chosen.name!r}) and "
            f"cadence.envelope(problems, {chosen.name!r})"
        )


@lru_cache(maxsize=512)
def _parse_cached(
    source: str, format: str | None, tz: str | None, day_match: DayMatch | None,
    dst: str | None
) -> Schedule:
    return _parse_text(source, format, tz, day_match, dst)


def _parse_text(
    source: str, format: str | None, tz: str | tzinfo | None, day_match: DayMatch | None,
    dst: str | None
) -> Schedule:
    """A text source, checked as :func:`parse` checks any source.

    The common text goes straight to its reader, as fast as it can go; only when that
    fails does a byte order mark or JSON (what the sniffers and the readers do not look
    for) send the text to :func:`cadence.formats.recognized`, whose answer, or error,
    is then the one that counts."""
    chosen = formats.sniff(source) if format is None else formats.get(format)
    _check(chosen, day_match, dst)
    try:  # (inline, not a call of _schedule: a call costs a fresh parse about 0.7%)
        if chosen.kind == "json":
            return Schedule(_read(chosen, source, Context(tz), dst))
        return Schedule(_read(chosen, source, _context(tz, day_match, format is None), dst))
    except ScheduleError:
        if not _may_read_otherwise(source, format):
            raise
    if format is None:
        chosen, read = formats.recognized(source)
        _check(chosen, day_match, dst)
    else:
        read = formats.without_bom(source)
    return _schedule(chosen, read, format, tz, day_match, dst)


def _may_read_otherwise(source: str, format: str | None) -> bool:
    """Whether text that did not read may read without its byte order mark, or as JSON
    (text whose first character other than blank space is ``{`` or ``[``)."""
    return source[:1] == formats.BOM or (format is None and source.lstrip()[:1] in ("{", "["))


def _schedule(chosen: Format, source: object, format: str | None, tz: str | tzinfo | None,
              day_match: DayMatch | None, dst: str | None) -> Schedule:
    if chosen.kind == "json":
        return Schedule(_read(chosen, source, Context(tz), dst))
    return Schedule(_read(chosen, source, _context(tz, day_match, format is None), dst))


def _context(tz: str | tzinfo | None, day_match: DayMatch | None, sniffed: bool) -> Context:
    """The context of a text parse, shared by parses that say the same (every parse in
    one zone says the same)."""
    key = (tz, day_match, sniffed)
    try:
        found = _CONTEXTS.get(key)
    except TypeError:  # a tzinfo that cannot be hashed
        return Context(tz, day_match, sniffed)
    if found is None:
        found = Context(tz, day_match, sniffed)
        if len(_CONTEXTS) < 256:
            _CONTEXTS[key] = found
    return found


_CONTEXTS: dict[tuple[str | tzinfo | None, DayMatch | None, bool], Context] = {}



def _read(chosen: Format, source: object, context: Context, dst: str | None) -> Recurrence:
    if chosen.read is None:
        raise ScheduleError(f"cadence writes {chosen.name} but does not read it")
    read = chosen.read(source, context)
    if dst is None:
        return read
    from .dst import applied  # only when a policy is chosen: parse stays light

    return applied(read, dst)


# -- what every function that takes a schedule takes ------------------------------------------

#: What every public function that takes a schedule accepts: what :func:`parse` reads
#: (text, a JSON payload as a dict or JSON text), or a :class:`Schedule`.
Source: TypeAlias = "Schedule | str | Mapping[str, object]"


def as_schedule(source: object, format: str | None = None, *,
                tz: str | tzinfo | None = None, dst: str | None = None,
                name: str = "schedule") -> Schedule:
    """``source`` as a :class:`Schedule`: one is returned unchanged, anything else is
    read by :func:`parse` with the same keywords. Keywords given with a schedule must
    agree with it (a schedule is already read, in its zone: ``tz`` cannot change it, and
    is never silently ignored). ``name`` says which argument it is in an error.

    >>> import cadence
    >>> daily = cadence.parse("0 9 * * *")
    >>> as_schedule(daily) is daily, as_schedule("0 9 * * *", tz="Europe/Berlin").tz
    (True, zoneinfo.ZoneInfo(key='Europe/Berlin'))
    >>> as_schedule(daily, tz="Asia/Tokyo")
    Traceback (most recent call last):
    cadence.errors.ScheduleError: schedule: tz='Asia/Tokyo' does not apply to a parsed ...
    """
    if not isinstance(source, Schedule):
        if format is None and not isinstance(source, str | dict):
            raise ScheduleError(f"{name}: give a Schedule, a schedule's text or a JSON "
                                f"payload (a dict), not {type(source).__name__}")
        return parse(source, format, tz=tz, dst=dst)
    if format is None and tz is None and dst is None:  # the common call: nothing to agree
        return source
    zone = None if tz is None else zone_name(resolve_zone(tz))
    said = [(key, given, mine) for key, given, mine in (
        ("format", format, source.format), ("tz", zone, source.recurrence.zone_name),
        ("dst", dst, source.dst)) if given is not None and given != mine]
    if said:
        key, given, mine = said[0]
        raise ScheduleError(
            f"{name}: {key}={described(given)} does not apply to a parsed schedule "
            f"({key} {mine}); pass the text or payload to have it read that way, or leave "
            f"{key} out")
    return source


def is_valid(source: object, format: str | None = None, *,
             tz: str | tzinfo | None = None, day_match: DayMatch | None = None,
             dst: str | None = None) -> bool:
    """Whether :func:`parse` reads ``source`` (croniter's ``is_valid``): ``False`` for
    what it refuses, whatever its type, never an exception. A :class:`Schedule` is valid
    (when the keywords agree with it, as in :func:`as_schedule`).

    >>> import cadence
    >>> cadence.is_valid("0 9 * * MON-FRI"), cadence.is_valid("61 * * * *"), cadence.is_valid(None)
    (True, False, False)
    """
    try:
        if isinstance(source, Schedule):
            as_schedule(source, format, tz=tz, dst=dst)
            return day_match is None
        parse(source, format, tz=tz, day_match=day_match, dst=dst)
    except (ScheduleError, TypeError, ValueError, OverflowError, RecursionError):
        return False
    return True


def describe(source: Source | Rule, format: str | None = None, *,
             tz: str | tzinfo | None = None, dst: str | None = None) -> str:
    """An English sentence saying when ``source`` fires, in the style of crontab.guru
    (see :mod:`cadence.formats.text`): a schedule, what :func:`parse` reads (with the
    same keywords), or one :class:`~cadence.ir.Rule`.

    >>> import cadence
    >>> cadence.describe("0 22 * * 1-5")
    'At 22:00 on every day-of-week from Monday through Friday.'
    >>> cadence.describe({"cronStr": "0 9 * * *"}, "edfs")
    'At 09:00.'
    """
    from .formats.text import describe as english

    if isinstance(source, Rule) and (format, tz, dst) == (None, None, None):
        return english(source)
    return english(as_schedule(source, format, tz=tz, dst=dst))
