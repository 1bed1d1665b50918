"""How :mod:`cadence.formats.edfs` checks payloads, reads them into the IR and writes
them, imported when the format is first used (see the format module for the rules)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from .._problems import Problem, pointer
from .._zones import is_utc, zone_name
from ..errors import NeverFiresError, ParseError, ScheduleError, UnsupportedError
from ..ir import HasRecurrence, Recurrence, Rule, thawed
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
#: The properties of one ``parameters`` item (``EdfTimerParameterDto``), both strings.
PARAMETER_FIELDS = ("name", "value")
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
            _check_parameter(parameter, At(("parameters", index)), problems)
    zone = problems.zone(tz)
    cron = _read_cron(timer.get("cronStr"), problems)
    if cron is None or zone is None:
        return problems.checked()
    rule, spelling = cron
    return problems.checked(Recurrence(
        rule, zone, format="edfs", source=json.dumps(timer, sort_keys=True), spelling=spelling,
        metadata={key: value for key, value in timer.items() if key != "cronStr"},
    ))


def _check_parameter(parameter: object, at: At, problems: Problems) -> None:
    """One ``parameters`` item, as the seed's ``EdfTimerParameterDto`` schema says: an
    object whose ``name`` and ``value`` are strings, with no other property
    (``additionalProperties: false``; neither is required). The seed's ``example`` shows
    other properties (``iTwinRoleName`` ...): it contradicts its own schema, which wins."""
    item = problems.object_at(at(), parameter, 'each parameter is an object such as '
                              '{"name": "Parameter", "value": "Value"}')
    if item is None:
        return
    problems.known_fields(item, PARAMETER_FIELDS, at,
                          "unknown parameter field {key!r}{hint}; a parameter has a name and a "
                          "value only", longest=40)
    for key in PARAMETER_FIELDS:
        if key in item:
            problems.typed(at(key), item[key], str, f"a parameter's {key} must be a string")


def _read_cron(cron_text: object, problems: Problems) -> tuple[Rule, CronSource] | None:
    path = pointer("cronStr")
    if not problems.required(path, cron_text, "REQUIRED",
                             "cronStr is required: a 5-field cron string such as '0 22 * * 1-5' "
                             "(minute hour day-of-month month day-of-week)"):
        return None
    if not isinstance(cron_text, str):
        return None  # already reported as INVALID_TYPE
    try:
        return _cron(cron_text)
    except NeverFiresError as exc:
        problems.error(path, "NEVER_FIRES", exc.one_line)
    except ParseError as exc:
        problems.error(path, "INVALID_CRON", exc.one_line)
    return None


def _cron(cron_text: str) -> tuple[Rule, CronSource]:
    """A ``cronStr``: 5-field cron, in UTC (no ``CRON_TZ=`` prefix)."""
    rule, prefix_zone, spelling = parse_cron(cron_text, dialect="cron")
    if prefix_zone is not None:
        raise ParseError("EDFS timers run in UTC: remove the CRON_TZ= prefix", cron_text,
                         column=1, field="time zone")
    return rule, spelling


# -- timer names -------------------------------------------------------------------------

#: The package a timer is named after when its payload names none (the API's own
#: examples name timers "<package> at ..." and "Timer at 14:15 on day-of-month 1").
DEFAULT_PACKAGE = "Timer"


def timer_name(package: str, cron: str) -> str:
    """The name the EDFS API gives a timer: the package's unique name, then when
    ``cron`` fires in the words of :func:`cadence.describe` (first letter lower-cased,
    no full stop).

    >>> timer_name("SAP_WORK_ORDERS", "0 0 * * 6,0")
    'SAP_WORK_ORDERS at 00:00 on Saturday and Sunday'
    """
    if not isinstance(package, str) or not package.strip():
        shown = repr(package) if isinstance(package, str) else type(package).__name__
        raise ScheduleError(f"timer_name: package must be the package's unique name (a "
                            f"non-empty string such as 'SAP_WORK_ORDERS'), not {shown}")
    if not isinstance(cron, str):
        raise ParseError(f"timer_name: cron must be a 5-field cron string such as "
                         f"'0 0 * * 6,0', not {type(cron).__name__}", "")
    rule, _ = _cron(cron)
    return f"{package.strip()} {cron_words(rule)}"


def cron_words(rule: Rule) -> str:
    """When a timer's rule fires, as its name says it: ``at 00:00 on Saturday and
    Sunday`` (a timer runs in UTC and has no bounds: nothing else is said)."""
    from ._text import describe

    text = describe(rule).removesuffix(".")
    return text[:1].lower() + text[1:]


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
    fields (``id``, ``name``, ...) of a schedule read from EDFS, and named as the API
    names timers when it has no name (:func:`timer_name`). Timers run in UTC: any
    other zone, bounds, windows and unions raise :class:`~cadence.errors.UnsupportedError`.
    The DST policy is kept where a cron string can say it (a minute or hour field starting
    with ``*``), else the string is fixed-time: the caller checks whether that matters.

    >>> import cadence
    >>> emit_edfs(cadence.parse("0 22 * * MON-FRI"))
    ... # doctest: +NORMALIZE_WHITESPACE
    {'name': 'Timer at 22:00 on every day-of-week from Monday through Friday',
     'cronStr': '0 22 * * MON-FRI'}
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
    fields = schedule.metadata if schedule.format == _TARGET else {}
    for key in FIELDS:
        if key == "cronStr":
            timer[key] = _cron_text(schedule)
        elif key in fields:
            timer[key] = thawed(fields[key])  # a copy the caller may change
        if key == "name" and timer.get(key) is None:  # the API's own naming
            package = fields.get("packageUniqueName")
            named = package if isinstance(package, str) and package.strip() else DEFAULT_PACKAGE
            timer[key] = f"{named.strip()} {cron_words(rules[0])}"
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
