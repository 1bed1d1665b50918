"""How a JSON format's ``check`` reports what is wrong: one collector, a few shape rules.

Every JSON format finds *every* problem of a payload, each with a JSON Pointer, and
builds its recurrence only when none is an error. They all say the same small things:
the payload is not JSON, is not an object, has an unknown field (did you mean ...?),
lacks a required one, has one of the wrong JSON type, names a zone that does not exist.
This module says each of them once.

Why a collector and not a base class: the checkers differ in shape. Campaign and Helix
walk a payload with state (the ``tz`` argument, where the schedule sits), so they are
classes; EDFS, time bundles and Bentley are a handful of functions. A :class:`Problems`
that a checker holds, or passes down, serves both without an inheritance tree, and a
reader sees the same calls everywhere: ``problems.error``, ``problems.required``,
``problems.typed``, ``problems.known_fields``.

Each vendor words its problems its own way, and their error envelopes depend on the
codes and the words, so the helpers never choose a wording: the code and the message
(or its template) are arguments. What the helpers do choose is the *shape* of a
message, so that one problem reads alike everywhere: ``"<expected>, not <JSON type>"``.

>>> problems = Problems()
>>> timer = problems.payload_object('{"cronstr": 5}', decoding="the timer", name="a timer")
>>> problems.known_fields(timer, ("cronStr",), At(), "unknown field {key!r}{hint}")
>>> [(p.path, p.code, p.message) for p in problems.found]
[('/cronstr', 'UNKNOWN_FIELD', "unknown field 'cronstr' (did you mean 'cronStr'?)")]
>>> problems.has_errors, problems.checked().recurrence
(True, None)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, TypeVar

from .._json_input import decode_payload
from .._problems import Problem, Severity, did_you_mean, json_type, pointer
from .._zones import resolve_zone
from ..errors import ScheduleError
from ..ir import Recurrence
from ._contract import Checked

__all__ = ["At", "Problems"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class At:
    """Where a checker is in a payload: ``at("days", 0)`` is the JSON Pointer of a part
    below it, ``at.below("days")`` the place one level down.

    >>> at = At(("calendar",))
    >>> at("week", "mondayDayTypeId"), at.below("dayTypes", 2)("id"), at()
    ('/calendar/week/mondayDayTypeId', '/calendar/dayTypes/2/id', '/calendar')
    """

    parts: tuple[str | int, ...] = ()

    def __call__(self, *parts: str | int) -> str:
        return pointer(*self.parts, *parts)

    def below(self, *parts: str | int) -> At:
        return At((*self.parts, *parts))


class Problems:
    """Every problem a check has found so far, in the order found (``found``)."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    # -- reporting ---------------------------------------------------------------------

    def error(self, path: str, code: str, message: str, *, detail: str = "") -> None:
        self.found.append(Problem(path, code, message, detail=detail))

    def warning(self, path: str, code: str, message: str) -> None:
        self.found.append(Problem(path, code, message, "warning"))

    def add(self, *problems: Problem) -> None:
        """Problems found elsewhere (a limit, another check) as they are."""
        self.found.extend(problems)

    @property
    def has_errors(self) -> bool:
        # Asked several times per check, mostly of nothing found: no generator then.
        return bool(self.found) and any(problem.is_error for problem in self.found)

    def checked(self, recurrence: Recurrence | None = None) -> Checked:
        """What the check found: the recurrence only when no problem is an error. The
        :class:`Checked` shares ``found``, so a warning added later still shows."""
        return Checked(self.found, None if self.has_errors else recurrence)

    # -- the payload -------------------------------------------------------------------

    def payload_object(self, payload: object, *, decoding: str, name: str,
                       example: str = "", code: str = "INVALID_TYPE") -> dict[Any, Any] | None:
        """The payload as a JSON object: JSON text is decoded first (``decoding`` names
        it in a failure); any other value is ``"<name> is a JSON object<example>, not
        ..."``."""
        ok, value = decode_payload(payload, decoding, self.found)
        if not ok:
            return None
        if not isinstance(value, dict):
            self.error("", code, f"{name} is a JSON object{example}, not {json_type(value)}")
            return None
        return value

    def zone(self, tz: str | tzinfo | None, *, code: str = "INVALID_TIME_ZONE"
             ) -> tzinfo | None:
        """The zone of the ``tz`` argument, or ``None`` with a problem at the root."""
        try:
            return resolve_zone(tz)
        except ScheduleError as exc:
            self.error("", code, str(exc))
            return None

    # -- fields ------------------------------------------------------------------------

    def known_fields(self, obj: Mapping[Any, Any], known: Sequence[str], at: At,
                     message: str, *, code: str = "UNKNOWN_FIELD", severity: Severity = "error",
                     otherwise: str | None = None, longest: int | None = None) -> None:
        """A problem for each key of ``obj`` that is not ``known``.

        ``message`` is a template with ``{key}`` (the key; cut to ``longest``
        characters when given) and ``{hint}``: the did-you-mean, else ``otherwise``,
        which by default lists the known fields.
        """
        if otherwise is None:
            otherwise = f" (known: {', '.join(known)})"
        for key in obj:
            if key in known:
                continue
            hint = did_you_mean(str(key), list(known)) or otherwise
            shown = key if longest is None else str(key)[:longest]
            self.found.append(Problem(at(str(key)), code, message.format(key=shown, hint=hint),
                                      severity))

    def required(self, path: str, value: object, code: str, message: str) -> bool:
        """Whether ``value`` is there; absent or ``null`` is a problem saying ``message``."""
        if value is None:
            self.error(path, code, message)
            return False
        return True

    def typed(self, path: str, value: object, kind: type[T] | tuple[type[T], ...],
              expected: str, *, code: str = "INVALID_TYPE", after: str = "") -> T | None:
        """``value`` when it is of ``kind``, else ``None`` and ``"<expected>, not <its JSON
        type><after>"``. A JSON boolean is never a number (Python's ``bool`` is an
        ``int``), and ``null`` is of no kind: callers settle absent fields first."""
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool)):
            return value
        self.error(path, code, f"{expected}, not {json_type(value)}{after}")
        return None

    def object_at(self, path: str, value: object, expected: str, *,
                  code: str = "INVALID_TYPE") -> dict[Any, Any] | None:
        """``value`` when it is a JSON object, else ``"<expected>, not ..."``."""
        return self.typed(path, value, dict, expected, code=code)
