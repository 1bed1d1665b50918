"""How :mod:`cadence.formats.edfs` checks payloads, reads them into the IR and writes
them, imported when the format is first used (see the format module for the rules)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from .._problems import Problem, pointer
from .._zones import is_utc, zone_name
from ..errors import NeverFiresError, ParseError, UnsupportedError
from ..ir import HasRecurrence, Recurrence, Rule
from . import _wording as wording
from ._checking import At, Problems
from ._contract import Checked
from ._itwin import itwin_envelope
from ._readback import error_messages, policy_free_rules
from .cron import CronSource, emit_cron, parse_cron, split_zone_prefix

#: Property -> JSON type name, as the EdfTimer schema declares them.
FIELDS: dict[str, str] = {
    "id": "string",
    "name": "string",
    "packageUniqueName": "string",
    "cronStr": "string",
    "enabled": "boolean",
    "parameters": "array",
}
_PYTHON_TYPES: dict[str, type] = {"string": str, "boolean": bool, "array": list}


def check(payload: object, *, tz: str | tzinfo | None = None) -> Checked:
    """Every problem of an EdfTimer payload, and its schedule when there is no error."""
    problems = Problems()
    timer = problems.payload_object(payload, decoding="the EDFS timer", name="an EDFS timer")
    if timer is None:
        return problems.checked()
    problems.known_fields(timer, list(FIELDS), At(), "unknown timer field {key!r}{hint}")
    for key, kind in FIELDS.items():
        value = timer.get(key)
        if value is not None:  # absent or null: only cronStr is required, checked below
            problems.typed(pointer(key), value, _PYTHON_TYPES[kind], f"{key} must be a {kind}")
    parameters = timer.get("parameters")
    if isinstance(parameters, list):
        for index, parameter in enumerate(parameters):
            if not isinstance(parameter, dict):
                problems.error(pointer("parameters", index), "INVALID_TYPE",
                               'each parameter is an object such as {"name": "...", "value": '
                               '"..."}')
    zone = problems.zone(tz)
    cron = _read_cron(timer.get("cronStr"), problems)
    if cron is None or zone is None:
        return problems.checked()
    rule, spelling = cron
    return problems.checked(Recurrence(
        rule, zone, format="edfs", source=json.dumps(timer, sort_keys=True), spelling=spelling,
        metadata={key: value for key, value in timer.items() if key != "cronStr"},
    ))


def _read_cron(cron_text: object, problems: Problems) -> tuple[Rule, CronSource] | None:
    path = pointer("cronStr")
    if not problems.required(path, cron_text, "REQUIRED",
                             "cronStr is required: a 5-field cron string such as '0 22 * * 1-5' "
                             "(minute hour day-of-month month day-of-week)"):
        return None
    if not isinstance(cron_text, str):
        return None  # already reported as INVALID_TYPE
    try:
        rule, prefix_zone, spelling = parse_cron(cron_text, dialect="cron")
    except NeverFiresError as exc:
        problems.error(path, "NEVER_FIRES", str(exc))
        return None
    except ParseError as exc:
        problems.error(path, "INVALID_CRON", str(exc))
        return None
    if prefix_zone is not None:
        problems.error(path, "INVALID_CRON", "EDFS timers run in UTC: remove the CRON_TZ= prefix")
        return None
    return rule, spelling


def envelope(problems: Sequence[Problem]) -> dict[str, Any]:
    """The EDFS error body, seed 000's ``Detailed Error Response``: ``{"error": {"code",
    "message", "details": [...]}}``, one detail per error. With no error there is no
    error body (the API answers a valid timer with the timer):
    :class:`~cadence.errors.ScheduleError`.

    >>> envelope([Problem("/cronStr", "INVALID_CRON", "minute 61 is out of range")])["error"]
    ... # doctest: +NORMALIZE_WHITESPACE
    {'code': 'InvalidTimerRequest', 'message': 'The timer request is invalid: 1 problem.',
     'details': [{'code': 'InvalidValue', 'message': 'minute 61 is out of range',
                  'target': 'cronStr'}]}
    """
    return itwin_envelope(problems, "InvalidTimerRequest", "timer", "edfs")


# -- emitting ----------------------------------------------------------------------------

_TARGET = "edfs"


def emit_edfs(source: HasRecurrence) -> dict[str, Any]:
    """An EdfTimer payload (plain JSON values) for ``schedule``.

    A schedule read from a timer gives that timer back while its meaning is unchanged;
    any other is a timer whose ``cronStr`` is written from the IR, with the other timer
    fields (``id``, ``name``, ...) of a schedule read from EDFS. Timers run in UTC: any
    other zone, bounds, windows and unions raise :class:`~cadence.errors.UnsupportedError`.
    The DST policy is kept where a cron string can say it (a minute or hour field starting
    with ``*``), else the string is fixed-time: the caller checks whether that matters.

    >>> import cadence
    >>> emit_edfs(cadence.parse("0 22 * * MON-FRI"))
    {'cronStr': '0 22 * * MON-FRI'}
    >>> emit_edfs(cadence.parse("0 22 * * MON-FRI", tz="Europe/Riga"))
    Traceback (most recent call last):
    ...
    cadence.errors.UnsupportedError: edfs: the time zone Europe/Riga cannot be expressed; ...
    """
    schedule = source.recurrence
    kept = _kept_timer(schedule)
    if kept is not None:
        return kept
    name = zone_name(schedule.tz)
    if not is_utc(schedule.tz):
        raise UnsupportedError(_TARGET, f"the time zone {name}",
                               "; EDFS timers run in UTC (CRON_TZ= is rejected)")
    for what, bound in (("a start bound", schedule.start), ("an end bound", schedule.end)):
        if bound is not None:
            raise UnsupportedError(_TARGET, what, f" ({bound.isoformat()})")
    rules = list(dict.fromkeys(schedule.rules))
    for rule in rules:
        _refuse_rule(rule)
    if len(rules) != 1:
        raise UnsupportedError(_TARGET, f"a union of {len(rules)} rules",
                               "; a timer has one cron string")
    timer: dict[str, Any] = {}
    for key in FIELDS:
        if key == "cronStr":
            timer[key] = _cron_text(schedule)
        elif schedule.format == _TARGET and key in schedule.metadata:
            timer[key] = json.loads(json.dumps(schedule.metadata[key]))
    _verify(timer, schedule)
    return timer


def _kept_timer(schedule: Recurrence) -> dict[str, Any] | None:
    """The timer as read, when the schedule came from one and still means it exactly."""
    if schedule.format != _TARGET:
        return None
    again = check(schedule.source).recurrence
    if again is None or again != schedule or dict(again.metadata) != dict(schedule.metadata):
        return None
    timer: dict[str, Any] = json.loads(schedule.source)
    return timer


def _refuse_rule(rule: Rule) -> None:
    """What a cron string cannot say and :func:`emit_rule` would not catch in our words."""
    refused = wording.plain_occurrence_refusal(rule)
    if refused is not None:
        raise UnsupportedError(_TARGET, *refused)


def _cron_text(schedule: Recurrence) -> str:
    """``cronStr``: the cron spelling as read if unchanged, else canonical; no prefix."""
    try:
        text = emit_cron(schedule)
    except UnsupportedError as exc:
        raise _relabelled(exc) from None
    zone, _, body = split_zone_prefix(text)
    return text[body:].strip() if zone is not None else text


def _relabelled(exc: UnsupportedError) -> UnsupportedError:
    """A cron emitter's refusal, said of the timer (its ``cronStr`` is that cron string)."""
    text = str(exc)
    head = f"{exc.target}:"
    message = f"{_TARGET}:{text[len(head):]}" if text.startswith(head) else f"{_TARGET}: {text}"
    return UnsupportedError(_TARGET, exc.feature, message=message)


def _verify(timer: dict[str, Any], schedule: Recurrence) -> None:
    """Read ``timer`` back; a difference is a gap in this emitter, never dropped silently."""
    checked = check(timer)
    if checked.recurrence is None:
        raise UnsupportedError(_TARGET, "this schedule", message=(
            f"edfs: this schedule cannot be expressed exactly: the timer written for it is "
            f"not valid ({error_messages(checked, paths=True)})"))
    if policy_free_rules(checked.recurrence.rules) != policy_free_rules(schedule.rules):
        raise UnsupportedError(_TARGET, "this schedule", message=(
            f"edfs: this schedule cannot be expressed exactly: cronStr "
            f"{timer['cronStr']!r} reads back with other rules"))
