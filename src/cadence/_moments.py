"""ISO 8601 moments given as arguments: read in one place, with one message."""

from __future__ import annotations

from datetime import datetime

from .errors import ScheduleError

__all__ = ["as_datetime", "parse_iso"]


def parse_iso(text: str) -> datetime:
    """A datetime from ISO 8601 text (``Z`` for UTC); ``ValueError`` if it is not one.

    >>> parse_iso("2026-11-22T09:00Z").isoformat()
    '2026-11-22T09:00:00+00:00'
    """
    return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))


def as_datetime(moment: object, name: str) -> datetime:
    """A datetime argument, which may also be given as an ISO 8601 string; ``name`` says
    which argument it is in the error.

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
    if not isinstance(moment, datetime):
        raise ScheduleError(
            f"{name} must be a datetime (or an ISO 8601 string), not {type(moment).__name__}"
        )
    return moment
