"""The iTwin platform's error bodies, shared by the EDFS and Bentley Schedules formats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._calendar import is_digits
from .._problems import Problem, errors_for_body

__all__ = ["api_target", "itwin_envelope", "itwin_error"]


def api_target(path: str) -> str | None:
    """How iTwin APIs name a field: ``/calendar/dayTypes/1/id`` ->
    ``calendar.dayTypes[1].id``; ``None`` for the whole payload.

    >>> api_target("/parameters/0/name")
    'parameters[0].name'
    """
    target = ""
    for part in path.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        target += f"[{part}]" if is_digits(part) else (f".{part}" if target else part)
    return target or None


def itwin_envelope(problems: Sequence[Problem], code: str, what: str, format: str
                   ) -> dict[str, Any]:
    """The iTwin platform's detailed error body (EDFS, seed 000's ``DetailedError``) for
    the errors among ``problems``: ``{"error": {"code", "message", "details": [{"code",
    "message", "target"}]}}``; :class:`~cadence.errors.ScheduleError` without an error."""
    errors = errors_for_body(problems, format)
    details = [
        {
            "code": "MissingRequiredProperty" if problem.code == "REQUIRED" else "InvalidValue",
            "message": problem.explained,
            "target": api_target(problem.path),
        }
        for problem in errors
    ]
    count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
    return {
        "error": {
            "code": code,
            "message": f"The {what} request is invalid: {count}.",
            "details": details,
        }
    }


def itwin_error(problems: Sequence[Problem], code: str, format: str) -> dict[str, Any]:
    """The iTwin platform's plain error body (Bentley Schedules, seed 001's ``Error
    Response``): ``{"error": {"code", "message", "target"}}`` for the first error, and
    cadence's ``problems`` beside it listing every error as ``{"path", "code",
    "message"}``; :class:`~cadence.errors.ScheduleError` without an error.

    >>> itwin_error([Problem("/calendar/week", "REQUIRED", "week is required")],
    ...             "InvalidSchedulesRequest", "bentley")  # doctest: +NORMALIZE_WHITESPACE
    {'error': {'code': 'InvalidSchedulesRequest', 'message': 'week is required',
               'target': 'calendar.week'},
     'problems': [{'path': '/calendar/week', 'code': 'REQUIRED',
                   'message': 'week is required'}]}
    """
    errors = errors_for_body(problems, format)
    first = errors[0]
    return {
        "error": {"code": code, "message": first.explained, "target": api_target(first.path)},
        "problems": [{"path": p.path, "code": p.code, "message": p.explained} for p in errors],
    }
