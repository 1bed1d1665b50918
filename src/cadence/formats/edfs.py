"""Bentley iTwin EDFS timers (``EdfTimer``): a 5-field cron string plus timer fields.

An EdfTimer is ``{"id", "name", "packageUniqueName", "cronStr", "enabled",
"parameters"}`` (formats.md section 5; the API's schema allows no other properties).
Only ``cronStr`` is needed to compute occurrences. It is Unix cron evaluated in UTC
unless ``tz=`` says otherwise, which is our documented assumption: the API never names
a zone. Every other field is kept in :attr:`Schedule.metadata` so that it can be
written back. A disabled timer still parses, because its schedule is well defined.

>>> checked = check({"name": "nightly", "cronStr": "0 22 * * 1-5", "enabled": False})
>>> checked.problems, checked.schedule.metadata["enabled"]
([], False)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from ..errors import NeverFiresError, ParseError
from ..ir import CronRule
from ..schedule import Schedule
from ..validate import (
    Checked,
    Problem,
    decode_payload,
    did_you_mean,
    itwin_envelope,
    json_type,
    pointer,
    zone_or_problem,
)
from .cron import CronSource, parse_cron

__all__ = ["FIELDS", "check", "envelope"]

#: Property -> JSON type name, as the EdfTimer schema declares them.
FIELDS: dict[str, str] = {
    "id": "string",
    "name": "string",
    "packageUniqueName": "string",
    "cronStr": "string",
    "enabled": "boolean",
    "parameters": "array",
}
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "array": (list,),
}


def check(payload: object, *, tz: str | tzinfo | None = None) -> Checked:
    """Every problem of an EdfTimer payload, and its schedule when there is no error."""
    checked = Checked()
    problems = checked.problems
    ok, payload = decode_payload(payload, "the EDFS timer", problems)
    if not ok:
        return checked
    if not isinstance(payload, dict):
        problems.append(Problem("", "INVALID_TYPE",
                                f"an EDFS timer is a JSON object, not {json_type(payload)}"))
        return checked
    for key in payload:
        if key not in FIELDS:
            hint = did_you_mean(str(key), list(FIELDS)) or f" (known: {', '.join(FIELDS)})"
            problems.append(Problem(pointer(str(key)), "UNKNOWN_FIELD",
                                    f"unknown timer field {key!r}{hint}"))
    for key, kind in FIELDS.items():
        value = payload.get(key)
        if value is None:
            continue  # absent or null: only cronStr is required, checked below
        if not isinstance(value, _PYTHON_TYPES[kind]) or (kind != "boolean" and isinstance(
                value, bool)):
            problems.append(Problem(pointer(key), "INVALID_TYPE",
                                    f"{key} must be a {kind}, not {json_type(value)}"))
    parameters = payload.get("parameters")
    if isinstance(parameters, list):
        for index, parameter in enumerate(parameters):
            if not isinstance(parameter, dict):
                problems.append(Problem(pointer("parameters", index), "INVALID_TYPE",
                                        "each parameter is an object such as "
                                        '{"name": "...", "value": "..."}'))
    zone = zone_or_problem(tz, problems)
    cron = _read_cron(payload.get("cronStr"), problems)
    if cron is None or zone is None or any(problem.is_error for problem in problems):
        return checked
    rule, spelling = cron
    checked.schedule = Schedule(
        rule, zone, format="edfs", source=json.dumps(payload, sort_keys=True),
        spelling=spelling,
        metadata={key: value for key, value in payload.items() if key != "cronStr"},
    )
    return checked


def _read_cron(cron_text: object, problems: list[Problem]) -> tuple[CronRule, CronSource] | None:
    path = pointer("cronStr")
    if cron_text is None:
        problems.append(Problem(path, "REQUIRED",
                                "cronStr is required: a 5-field cron string such as "
                                "'0 22 * * 1-5' (minute hour day-of-month month day-of-week)"))
        return None
    if not isinstance(cron_text, str):
        return None  # already reported as INVALID_TYPE
    try:
        rule, prefix_zone, spelling = parse_cron(cron_text, dialect="cron")
    except NeverFiresError as exc:
        problems.append(Problem(path, "NEVER_FIRES", str(exc)))
        return None
    except ParseError as exc:
        problems.append(Problem(path, "INVALID_CRON", str(exc)))
        return None
    if prefix_zone is not None:
        problems.append(Problem(path, "INVALID_CRON",
                                "EDFS timers run in UTC: remove the CRON_TZ= prefix"))
        return None
    return rule, spelling


def envelope(problems: Sequence[Problem]) -> dict[str, Any]:
    """The EDFS error body: ``{"error": {"code", "message", "details": [...]}}``.

    >>> envelope([Problem("/cronStr", "INVALID_CRON", "minute 61 is out of range")])["error"]
    ... # doctest: +NORMALIZE_WHITESPACE
    {'code': 'InvalidTimerRequest', 'message': 'The timer request is invalid: 1 problem.',
     'details': [{'code': 'InvalidValue', 'message': 'minute 61 is out of range',
                  'target': 'cronStr'}]}
    """
    return itwin_envelope(problems, "InvalidTimerRequest", "timer")
