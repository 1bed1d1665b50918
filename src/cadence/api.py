"""``cadence.parse``: any supported source -> :class:`Schedule`."""

from __future__ import annotations

from datetime import tzinfo
from functools import lru_cache

from .errors import ParseError, ScheduleError
from .formats.cron import Dialect, parse_cron
from .formats.rrule import looks_like_rrule, parse_rrule
from .ir import DayMatch
from .schedule import Schedule
from .tz import resolve_zone
from .validate import JSON_FORMATS, STRING_FORMATS, InvalidPayloadError, check

__all__ = ["FORMATS", "parse"]

FORMATS = (*STRING_FORMATS, *JSON_FORMATS)
#: JSON formats that validate but hold no schedule, and what they are instead.
NOT_SCHEDULES = {"timebundle-status": "a status change"}


def parse(
    source: object,
    format: str | None = None,
    *,
    tz: str | tzinfo | None = None,
    day_match: DayMatch | None = None,
) -> Schedule:
    """Compile a schedule expression.

    ``format``: ``"cron"`` (5 fields), ``"quartz"`` (6-7 fields) or ``None`` to decide by
    the number of fields; a JSON format (``"edfs"``, ...) takes a dict or JSON text and
    raises :class:`cadence.InvalidPayloadError` listing every problem. ``tz``: the zone
    (IANA name or tzinfo) unless the string has a ``CRON_TZ=`` prefix; default UTC.
    ``day_match``: ``"and"`` / ``"or"`` to override how day-of-month and day-of-week
    combine (default: Debian cron's rule).

    Raises :class:`cadence.ParseError` for text that cannot be read and
    :class:`cadence.NeverFiresError` for an expression with no occurrence at all.

    >>> import cadence
    >>> cadence.parse("0 30 9 ? * MON-FRI", format="quartz", tz="Europe/Berlin")
    <Schedule quartz '0 30 9 ? * MON-FRI' tz='Europe/Berlin'>
    """
    if format is not None and format not in FORMATS:
        raise ScheduleError(
            f"unknown format {format!r}; cadence reads {', '.join(FORMATS)}"
        )
    if day_match is not None and day_match not in ("and", "or"):
        raise ScheduleError(f"day_match must be 'and' or 'or', not {day_match!r}")
    if format in NOT_SCHEDULES:
        raise ScheduleError(
            f"{format} is {NOT_SCHEDULES[format]}, not a schedule; use "
            f"cadence.validate(body, {format!r}) and cadence.envelope(problems, {format!r})"
        )
    if format in JSON_FORMATS:
        checked = check(source, format, tz=tz)
        if checked.schedule is None:
            raise InvalidPayloadError(format, checked.problems)
        return checked.schedule
    if isinstance(source, dict):
        raise ScheduleError(
            "a JSON payload needs its format: parse(payload, format=...) with one of "
            + ", ".join(name for name in JSON_FORMATS if name not in NOT_SCHEDULES)
        )
    if not isinstance(source, str):
        raise ParseError(
            f"a {format or 'cron'} expression must be a string, not {type(source).__name__}", ""
        )
    if tz is None or isinstance(tz, str):
        return _parse_cached(source, format, tz, day_match)
    return _parse(source, format, tz, day_match)


@lru_cache(maxsize=512)
def _parse_cached(
    source: str, format: str | None, tz: str | None, day_match: DayMatch | None
) -> Schedule:
    return _parse(source, format, tz, day_match)


def _parse(
    source: str, format: str | None, tz: str | tzinfo | None, day_match: DayMatch | None
) -> Schedule:
    if format == "rrule" or (format is None and looks_like_rrule(source)):
        if day_match is not None:
            raise ScheduleError("day_match applies to cron strings; RRULE parts always "
                                "combine with AND")
        return parse_rrule(source, tz=tz)
    dialect: Dialect | None = (
        "cron" if format == "cron" else "quartz" if format == "quartz" else None
    )
    rule, prefix_zone, spelling = parse_cron(source, dialect=dialect, day_match=day_match)
    zone = prefix_zone if prefix_zone is not None else resolve_zone(tz)
    return Schedule(rule, zone, format=spelling.dialect, source=source, spelling=spelling)
