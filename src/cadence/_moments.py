"""ISO 8601 moments given as arguments: read in one place, with one message."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from math import isfinite
from typing import TypeAlias

from .errors import ScheduleError, described, moment_words

__all__ = ["Moment", "as_datetime", "now", "parse_iso", "unplaceable"]

#: What an argument that names a moment accepts: a datetime, ISO 8601 text, or POSIX
#: seconds (``time.time()``).
Moment: TypeAlias = "datetime | str | float"

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def parse_iso(text: str) -> datetime:
    """A datetime from ISO 8601 text (``Z`` for UTC); ``ValueError`` if it is not one.

    >>> parse_iso("2026-11-22T09:00Z").isoformat()
    '2026-11-22T09:00:00+00:00'
    """
    return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))


def now() -> datetime:
    """The current moment, aware, in UTC: what a moment left out means."""
    return datetime.now(timezone.utc)


def as_datetime(moment: object, name: str) -> datetime:
    """A datetime argument, which may also be given as an ISO 8601 string or as POSIX
    seconds (an int or float, read in UTC); ``name`` says which argument it is in the
    error.

    >>> as_datetime(1_800_000_000.5, "after").isoformat()
    '2027-01-15T08:00:00.500000+00:00'
    >>> as_datetime("soon", "after")
    Traceback (most recent call last):
    cadence.errors.ScheduleError: after: 'soon' is not an ISO 8601 date-time; write e.g. ...
    """
    if isinstance(moment, str):
        try:
            return parse_iso(moment)
        except ValueError:
            raise ScheduleError(
                f"{name}: {moment[:40]!r} is not an ISO 8601 date-time; "
                "write e.g. '2026-11-22T09:00:00+01:00'"
            ) from None
    if isinstance(moment, int | float) and not isinstance(moment, bool):
        return _from_posix(moment, name)
    if not isinstance(moment, datetime):
        kind = "a boolean" if isinstance(moment, bool) else type(moment).__name__
        raise ScheduleError(f"{name} must be a datetime, ISO 8601 text or POSIX seconds "
                            f"(an int or float), not {kind}")
    return moment


def _from_posix(seconds: float, name: str) -> datetime:
    """POSIX seconds as an aware UTC datetime (to the microsecond)."""
    if isinstance(seconds, float) and not isfinite(seconds):
        raise ScheduleError(f"{name}: {seconds} is not a moment; POSIX seconds are a "
                            "finite number, such as time.time()")
    try:
        return _EPOCH + timedelta(seconds=seconds)
    except OverflowError:
        pass
    shown = f"{seconds:.6g}" if isinstance(seconds, float) else described(seconds)
    raise ScheduleError(f"{name}: POSIX seconds {shown} fall outside the years 1-9999; "
                        "give seconds from -62135596800 to 253402300799")


def unplaceable(moment: datetime, name: str, zone: str) -> str:
    """The message for a moment that falls outside the calendar (years 1-9999) once
    placed in ``zone`` (the schedule's, for a naive moment, or its own offset).

    >>> unplaceable(datetime(9999, 12, 31, 23), "after", "Asia/Tokyo")[:66]
    'after: 9999-12-31T23:00:00 falls outside the years 1-9999 in Asia/'

    """
    where = f" in {zone}" if moment.tzinfo is None else ""
    return (f"{name}: {moment_words(moment)} falls outside the years 1-9999{where}; give a "
            "moment within them")
