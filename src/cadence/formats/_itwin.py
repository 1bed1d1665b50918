"""The iTwin platform's error body, shared by the EDFS and Bentley Schedules formats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._problems import Problem

__all__ = ["api_target", "itwin_envelope"]


def api_target(path: str) -> str | None:
    """How iTwin APIs name a field: ``/calendar/dayTypes/1/id`` ->
    ``calendar.dayTypes[1].id``; ``None`` for the whole payload.

    >>> api_target("/parameters/0/name")
    'parameters[0].name'
    """
    target = ""
    for part in path.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        target += f"[{part}]" if part.isdigit() else (f".{part}" if target else part)
    return target or None


def itwin_envelope(problems: Sequence[Problem], code: str, what: str) -> dict[str, Any]:
    """The iTwin platform error body (EDFS, Schedules) for the errors among ``problems``:
    ``{"error": {"code", "message", "details": [{"code", "message", "target"}]}}``."""
    errors = [problem for problem in problems if problem.is_error]
    details = [
        {
            "code": "MissingRequiredProperty" if problem.code == "REQUIRED" else "InvalidValue",
            "message": problem.message,
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
