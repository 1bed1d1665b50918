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

_ACTION_PREFIX = "Specified action is not supported: "
_STATUS_PREFIX = "Invalid value for status: "
_SHOWN = 80  # longer offending values are named by their JSON type in messages
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


def _shown(value: object) -> str:
    """A value as JSON (it can be read back), or its JSON type when it is too long."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return json_type(value)
    return text if len(text) <= _SHOWN else json_type(value)


def _action(value: object, problems: Problems) -> str | None:
    path = pointer("_for")
    if not problems.required(path, value, UNKNOWN_ACTION, f"_for is required: {_ACTIONS_SAID}"):
        return None
    if isinstance(value, str) and value in ACTIONS:
        return value
    hint = did_you_mean(value, list(ACTIONS)) if isinstance(value, str) else ""
    problems.error(path, UNKNOWN_ACTION,
                   f"{_ACTION_PREFIX}{_shown(value)}{hint}; _for is {_ACTIONS_SAID}")
    return None


def _status(value: object, action: str | None, problems: Problems) -> None:
    path = pointer("status")
    allowed = f'"{ACTIONS[action]}" with "_for": "{action}"' if action else (
        'CREATED (with "_for": "revision") or PENDING_VERIFICATION (with "_for": '
        '"verification")')
    if not problems.required(path, value, INVALID_ENUM_VALUE, f"status is required: {allowed}"):
        return
    if isinstance(value, str) and value in STATUSES:
        if action is None or ACTIONS[action] == value:
            return
        problems.error(path, INVALID_ENUM_VALUE,
                       f"{_STATUS_PREFIX}{_shown(value)} does not go with "
                       f'"_for": "{action}"; the status is {allowed}')
        return
    hint = did_you_mean(value, STATUSES) if isinstance(value, str) else ""
    problems.error(path, INVALID_ENUM_VALUE,
                   f"{_STATUS_PREFIX}{_shown(value)}{hint}; the status is {allowed}")


def _quoted_value(message: str, prefix: str) -> object:
    """The offending value a message quotes as JSON after ``prefix`` (``None`` if none)."""
    if not message.startswith(prefix):
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(message, len(prefix))
    except ValueError:
        return None
    return value


def _message(problem: Problem) -> dict[str, Any]:
    arguments: dict[str, Any]
    key: str | None = "global"
    if problem.code == UNKNOWN_ACTION:
        arguments = {"action": _quoted_value(problem.message, _ACTION_PREFIX)}
    elif problem.code == INVALID_ENUM_VALUE:
        arguments = {"value": "status", "field": _quoted_value(problem.message, _STATUS_PREFIX)}
        key = None
    elif problem.code == UNKNOWN_FIELD:
        name = problem.path[1:].replace("~1", "/").replace("~0", "~")
        arguments = {"field": name}
    else:
        arguments = {}
    return {"type": "ERROR", "message": problem.message, "code": problem.code,
            "arguments": arguments, "key": key}


def envelope(problems: Sequence[Problem], *, content: str | None = None) -> dict[str, Any]:
    """The time-bundle API's response body for ``problems``.

    With an error: ``{"hostId", "status": "ERROR", "content": None, "messages": [...],
    "count": -1}``, one message per error: ``{"type": "ERROR", "message", "code",
    "arguments", "key"}``. ``arguments`` and ``key`` follow the vendor's samples:

    - ``error.unknownControllerAction``: ``{"action": <the _for sent>}``, key ``"global"``;
    - ``error.invalidEnumValue``: ``{"value": "status", "field": <the status sent>}``
      (the property's name under ``value``, as in the vendor's sample), key ``None``;
    - ``error.unknownField``: ``{"field": <its name>}``; the others ``{}``; key
      ``"global"``.

    A value that was missing, or too long to quote, is ``None``. ``hostId`` is 32 hex
    digits derived from the problems, so the same problems give the same body.

    Without an error it is the success body, ``{"hostId", "status": "SUCCESS",
    "content", "messages": [], "count"}``: ``content`` is the time bundle's id when
    given (``count`` 1), else ``None`` (``count`` 0).

    >>> body = envelope(check({"_for": "verify", "status": "CREATED"}).problems)
    >>> body["status"], body["count"], body["messages"][0]["arguments"]
    ('ERROR', -1, {'action': 'verify'})
    >>> envelope([], content="z2011132219032001636478f")["status"]
    'SUCCESS'
    """
    import hashlib  # here, not at the top: only an envelope needs it

    errors = [problem for problem in problems if problem.is_error]
    seed = json.dumps([[p.path, p.code, p.message] for p in errors] or [content])
    host_id = hashlib.sha256(seed.encode()).hexdigest()[:32]
    if not errors:
        return {"hostId": host_id, "status": "SUCCESS", "content": content, "messages": [],
                "count": 0 if content is None else 1}
    return {"hostId": host_id, "status": "ERROR", "content": None,
            "messages": [_message(problem) for problem in errors], "count": -1}
