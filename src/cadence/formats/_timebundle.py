"""How :mod:`cadence.formats.timebundle` checks payloads, imported when the format is first
used (see the format module for the rules)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from .._problems import Problem, did_you_mean, json_type, pointer
from ._checking import At, Problems
from ._contract import Checked

#: Each ``_for`` action and the status that goes with it.
ACTIONS: dict[str, str] = {"revision": "CREATED", "verification": "PENDING_VERIFICATION"}
#: The status values the API knows.
STATUSES: tuple[str, ...] = tuple(ACTIONS.values())
#: The properties of a status-change body.
FIELDS: tuple[str, ...] = ("_for", "status")

UNKNOWN_ACTION = "error.unknownControllerAction"
INVALID_ENUM_VALUE = "error.invalidEnumValue"
UNKNOWN_FIELD = "error.unknownField"
INVALID_BODY = "error.invalidRequestBody"

RESOURCE_NOT_FOUND = "error.resourceNotFound"

# The vendor's words (seed 003's error samples), each followed by the value it names:
# "Specified action is not supported: verify", "Invalid value for null".
_ACTION_PREFIX = "Specified action is not supported: "
_STATUS_PREFIX = "Invalid value for "
_NOT_FOUND = "Failed to load resource of type TimeBundle with Arguments [{id}]."
_SHOWN = 80  # an unknown property's name is cut to this in its message
_ACTIONS_SAID = ('"revision" (reopen the time bundle for changes) or "verification" '
                 '(submit it for verification)')


def check(payload: object, *, tz: str | tzinfo | None = None) -> Checked:
    """Every problem of a time-bundle status-change body (a dict or its JSON text).

    Never raises for any JSON value. ``tz`` is accepted like every format's, and unused:
    a status change has no times. :attr:`Checked.schedule` is always ``None``.

    >>> [p.code for p in check({"_for": "revision", "status": "CREATED", "note": 1}).problems]
    ['error.unknownField']
    >>> [(p.path, p.code) for p in check([]).problems]
    [('', 'error.invalidRequestBody')]
    """
    problems = Problems()
    body = problems.payload_object(payload, decoding="the time bundle status change",
                                   name="a status change", code=INVALID_BODY,
                                   example=' such as {"_for": "revision", "status": "CREATED"}')
    if body is not None:
        problems.known_fields(body, FIELDS, At(), "unknown property {key!r}{hint}",
                              code=UNKNOWN_FIELD, longest=_SHOWN,
                              otherwise=f" (its properties are {', '.join(FIELDS)})")
        action = _action(body.get("_for"), problems)
        _status(body.get("status"), action, problems)
    return problems.checked()


def _said(value: object) -> str:
    """A value as the vendor's messages name it: a string as it is, anything else as
    JSON (``null`` for a missing one)."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):  # pragma: no cover - JSON values dump
        return json_type(value)


def _hint(value: object, known: tuple[str, ...]) -> str:
    """``"(did you mean 'x'?) "`` for a string close to a known one, else ``""``."""
    hint = did_you_mean(value, known).strip() if isinstance(value, str) else ""
    return f"{hint} " if hint else ""


def _action(value: object, problems: Problems) -> str | None:
    path = pointer("_for")
    if isinstance(value, str) and value in ACTIONS:
        return value
    what = "_for is required" if value is None else "_for is"
    problems.error(path, UNKNOWN_ACTION, f"{_ACTION_PREFIX}{_said(value)}",
                   detail=f"{_hint(value, tuple(ACTIONS))}{what}: {_ACTIONS_SAID}")
    return None


def _status(value: object, action: str | None, problems: Problems) -> None:
    path = pointer("status")
    allowed = f'"{ACTIONS[action]}" with "_for": "{action}"' if action else (
        'CREATED (with "_for": "revision") or PENDING_VERIFICATION (with "_for": '
        '"verification")')
    if isinstance(value, str) and value in STATUSES:
        if action is None or ACTIONS[action] == value:
            return
        why = f'{value} does not go with "_for": "{action}"; the status is {allowed}'
    elif value is None:
        why = f"status is required: {allowed}"
    else:
        why = f"{_hint(value, STATUSES)}the status is {allowed}"
    problems.error(path, INVALID_ENUM_VALUE, f"{_STATUS_PREFIX}{_said(value)}", detail=why)


def not_found(bundle_id: str) -> Problem:
    """The problem the API answers for a time bundle id it does not know (seed 003,
    "Time Bundle ID in URL is Invalid"): :func:`envelope` renders it as the vendor's
    ``error.resourceNotFound`` message. The id is in the URL, not the body, so no
    check finds this; a caller that knows the id is unknown builds it.

    >>> not_found("z20080415070308965427c0").message
    'Failed to load resource of type TimeBundle with Arguments [z20080415070308965427c0].'
    """
    return Problem("", RESOURCE_NOT_FOUND, _NOT_FOUND.format(id=bundle_id))


def _named(message: str, prefix: str, suffix: str = "") -> object:
    """The value a vendor message names after ``prefix`` (and before ``suffix``): JSON
    other than a string is read back (``null``, numbers), anything else is the text."""
    if not message.startswith(prefix) or not message.endswith(suffix):
        return None
    text = message[len(prefix):len(message) - len(suffix)]
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return text if isinstance(value, str) else value


def _message(problem: Problem) -> dict[str, Any]:
    arguments: dict[str, Any]
    key: str | None = "global"
    if problem.code == UNKNOWN_ACTION:
        arguments = {"action": _named(problem.message, _ACTION_PREFIX)}
    elif problem.code == INVALID_ENUM_VALUE:
        arguments = {"value": "status", "field": _named(problem.message, _STATUS_PREFIX)}
        key = None
    elif problem.code == RESOURCE_NOT_FOUND:
        prefix, suffix = _NOT_FOUND.split("{id}")
        arguments = {"type": "TimeBundle", "id": _named(problem.message, prefix, suffix)}
        key = "TimeBundle"
    elif problem.code == UNKNOWN_FIELD:
        name = problem.path[1:].replace("~1", "/").replace("~0", "~")
        arguments = {"field": name}
    else:
        arguments = {}
    message = {"type": "ERROR", "message": problem.message, "code": problem.code,
               "arguments": arguments, "key": key}
    if problem.detail:
        message["detail"] = problem.detail
    return message


def envelope(problems: Sequence[Problem], *, content: str | None = None) -> dict[str, Any]:
    """The time-bundle API's response body for ``problems``.

    With an error: ``{"hostId", "status": "ERROR", "content": None, "messages": [...],
    "count": -1}``, one message per error: ``{"type": "ERROR", "message", "code",
    "arguments", "key"}``. ``message`` is the problem's message: the vendor's words
    where its page gives them ("Specified action is not supported: verify", "Invalid
    value for null", "Failed to load resource of type TimeBundle with Arguments
    [...]."), never with cadence's additions, which go in a separate ``detail`` field
    of the message (only when cadence has something to add). ``arguments`` and ``key``
    follow the vendor's samples:

    - ``error.unknownControllerAction``: ``{"action": <the _for sent>}``, key ``"global"``;
    - ``error.invalidEnumValue``: ``{"value": "status", "field": <the status sent>}``
      (the property's name under ``value``, as in the vendor's sample), key ``None``;
    - ``error.resourceNotFound`` (see :func:`not_found`): ``{"type": "TimeBundle",
      "id": <the id>}``, key ``"TimeBundle"``;
    - ``error.unknownField``: ``{"field": <its name>}``; the others ``{}``; key
      ``"global"``.

    A value that was missing is ``None``. ``hostId`` is 32 hex digits derived from the
    problems, so the same problems give the same body.

    Without an error it is the success body, ``{"hostId", "status": "SUCCESS",
    "content", "messages": [], "count"}``: ``content`` is the time bundle's id when
    given (``count`` 1), else ``None`` (``count`` 0).

    >>> body = envelope(check({"_for": "verify", "status": "CREATED"}).problems)
    >>> body["status"], body["count"], body["messages"][0]["arguments"]
    ('ERROR', -1, {'action': 'verify'})
    >>> body["messages"][0]["message"]
    'Specified action is not supported: verify'
    >>> envelope([not_found("z20080415070308965427c0")])["messages"][0]["key"]
    'TimeBundle'
    >>> envelope([], content="z2011132219032001636478f")["status"]
    'SUCCESS'
    """
    import hashlib  # here, not at the top: only an envelope needs it

    errors = [problem for problem in problems if problem.is_error]
    seed = json.dumps([[p.path, p.code, p.message, p.detail] for p in errors] or [content])
    host_id = hashlib.sha256(seed.encode()).hexdigest()[:32]
    if not errors:
        return {"hostId": host_id, "status": "SUCCESS", "content": content, "messages": [],
                "count": 0 if content is None else 1}
    return {"hostId": host_id, "status": "ERROR", "content": None,
            "messages": [_message(problem) for problem in errors], "count": -1}
