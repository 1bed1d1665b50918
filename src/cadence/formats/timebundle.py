"""Time bundle status changes (``PATCH /api/v1/{tenantId}/timeBundles/{id}``).

The body of that request (formats.md section 7, seed 003) says what to do with a time
bundle; it is not a schedule. Exactly two bodies are valid:

- ``{"_for": "revision", "status": "CREATED"}``: reopen the bundle for changes;
- ``{"_for": "verification", "status": "PENDING_VERIFICATION"}``: submit it.

:func:`check` reports every problem of a body with a JSON Pointer and a code, and its
:class:`~cadence.validate.Checked` never holds a schedule; ``cadence.parse`` refuses this
format. Every problem is an error. The codes are the vendor's two where they apply, and
cadence's own in the same style for the rest; the choices the vendor does not document
are marked [assume], and each is easy to change here:

- ``/_for``, ``error.unknownControllerAction`` [doc]: ``_for`` is neither ``revision``
  nor ``verification``, or not a string; also when it is missing or null [assume: no
  action is an unsupported action].
- ``/status``, ``error.invalidEnumValue`` [doc]: ``status`` is not an allowed value, not
  a string, or not the one that goes with ``_for``; also when it is missing or null
  (the vendor's "Missing or Invalid Field" sample answers a missing status so).
- ``/<name>``, ``error.unknownField`` [assume]: any other property is an error, not
  ignored.
- ``""``, ``error.invalidRequestBody`` [assume]: a JSON value that is not an object.
- ``""``, ``INVALID_JSON``: text that is not JSON, as in every JSON format.

Values are compared exactly, as Java enums are: ``"created"`` is not ``"CREATED"``
(the message suggests the right spelling).

>>> from cadence.formats.timebundle import check
>>> check({"_for": "verification", "status": "PENDING_VERIFICATION"}).problems
[]
>>> [(p.path, p.code) for p in check({"_for": "verify", "status": "CREATED"}).problems]
[('/_for', 'error.unknownControllerAction')]
>>> [(p.path, p.code) for p in check('{"_for": "revision", "status": "PENDING"}').problems]
[('/status', 'error.invalidEnumValue')]

The messages of the vendor's two codes are its own words, with the value sent: ``Specified
action is not supported: verify``, ``Invalid value for PENDING`` (``Invalid value for
null`` when ``status`` is missing, as in the vendor's sample); what cadence adds (the
did-you-mean, the allowed values) is the problem's ``detail``. :func:`not_found` builds
the vendor's ``error.resourceNotFound`` problem for an unknown time bundle id (an id in
the URL, which no body check can see).

:func:`envelope` renders the vendor's response body for the problems: its error body,
or its success body when there is no error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._contract import JsonMachinery, LintPaths, json_format, machinery_names

if TYPE_CHECKING:
    from ._timebundle import (
        ACTIONS,
        FIELDS,
        INVALID_BODY,
        INVALID_ENUM_VALUE,
        RESOURCE_NOT_FOUND,
        STATUSES,
        UNKNOWN_ACTION,
        UNKNOWN_FIELD,
        check,
        envelope,
        not_found,
    )

__all__ = [
    "ACTIONS",
    "FIELDS",
    "FORMAT",
    "INVALID_BODY",
    "INVALID_ENUM_VALUE",
    "RESOURCE_NOT_FOUND",
    "STATUSES",
    "UNKNOWN_ACTION",
    "UNKNOWN_FIELD",
    "check",
    "envelope",
    "looks_like_status_change",
    "not_found",
]


def looks_like_status_change(payload: object) -> bool:
    """Whether a JSON value is shaped as a status change: an object with ``_for`` (its
    ``status`` is a word other payloads use too). Only the keys are looked at;
    :func:`check` judges the rest.

    >>> looks_like_status_change({"_for": "revision"}), looks_like_status_change({})
    (True, False)
    """
    return isinstance(payload, dict) and "_for" in payload


def _machinery() -> JsonMachinery:
    from . import _timebundle

    return _timebundle


__getattr__, __dir__ = machinery_names(_machinery, __name__, __all__)


FORMAT = json_format(
    "timebundle-status", "SAP time-bundle status changes (JSON; validated, not a schedule)",
    machinery=_machinery, recognizes=looks_like_status_change,
    rank=80, lint=LintPaths(), not_a_schedule="a status change")
