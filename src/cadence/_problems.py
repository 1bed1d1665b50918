"""Problems found in a payload: what, where (a JSON Pointer) and how to fix it.

Dependency-free: every layer that reports problems (the limits, the format checkers,
the lints, :func:`cadence.validate`) builds on this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .errors import ScheduleError

__all__ = [
    "InvalidPayloadError",
    "Problem",
    "Severity",
    "did_you_mean",
    "errors_for_body",
    "json_type",
    "pointer",
    "schema_type",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, repr=False)
class Problem:
    """One thing wrong with a payload.

    ``path`` is a JSON Pointer (RFC 6901) into the payload (``""`` = the whole payload),
    ``code`` a stable identifier, ``message`` says what is wrong and what to do. Where
    the vendor's page gives the words for a problem, ``message`` is those words as the
    vendor writes them, and ``detail`` holds what cadence adds (a hint, what is allowed);
    ``explained`` is both, for people.

    >>> problem = Problem("/days/values/1", "VALUE_OUT_OF_RANGE", "day 32 is not 1-31")
    >>> problem.path, problem.severity
    ('/days/values/1', 'error')
    >>> Problem("/_for", "error.unknownControllerAction",
    ...         "Specified action is not supported: verify",
    ...         detail="did you mean 'verification'?").explained
    "Specified action is not supported: verify; did you mean 'verification'?"
    """

    path: str
    code: str
    message: str
    severity: Severity = "error"
    detail: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def explained(self) -> str:
        """The message, then cadence's detail when there is one."""
        return f"{self.message}; {self.detail}" if self.detail else self.message

    def to_json(self) -> dict[str, str]:
        """The problem as JSON: path, code, message and severity, and ``detail`` only
        when cadence adds one (``cadence validate --json``, the HTTP API)."""
        shown = {"path": self.path, "code": self.code, "message": self.message,
                 "severity": self.severity}
        if self.detail:
            shown["detail"] = self.detail
        return shown

    def __repr__(self) -> str:
        detail = f", detail={self.detail!r}" if self.detail else ""
        return (f"Problem(path={self.path!r}, code={self.code!r}, message={self.message!r}, "
                f"severity={self.severity!r}{detail})")


class InvalidPayloadError(ScheduleError):
    """A JSON payload with errors; ``problems`` lists all of them (warnings too)."""

    def __init__(self, format: str, problems: Sequence[Problem]) -> None:
        self.format = format
        self.problems = list(problems)
        errors = [problem for problem in self.problems if problem.is_error]
        lines = [f"{format} payload is invalid ({len(errors)} error(s)):"]
        lines += [f"  {problem.path or '/'}: {problem.explained} [{problem.code}]"
                  for problem in errors]
        super().__init__("\n".join(lines))

    @property
    def one_line(self) -> str:
        """The errors on one line, each after its JSON Pointer, joined by ``; ``."""
        errors = [f"{problem.path or '/'}: {problem.explained}"
                  for problem in self.problems if problem.is_error]
        return f"{self.format} payload is invalid: " + "; ".join(errors)


def errors_for_body(problems: Sequence[Problem], format: str) -> list[Problem]:
    """The errors among ``problems``, for a vendor's error body; :class:`ScheduleError`
    when there is none, since no vendor answers a valid request with an error.

    >>> errors_for_body([Problem("/x", "W", "odd", "warning")], "helix")
    Traceback (most recent call last):
    ...
    cadence.errors.ScheduleError: helix: no error among the problems, so there is no error body...
    """
    errors = [problem for problem in problems if problem.is_error]
    if not errors:
        raise ScheduleError(
            f"{format}: no error among the problems, so there is no error body to render, and "
            f"cadence has no success body for {format} (it renders one only where the "
            "vendor's page documents one that cadence can fill, as for timebundle-status); "
            "check that the payload is invalid (any(p.is_error for p in problems)) before "
            "asking for its envelope")
    return errors


def pointer(*parts: str | int) -> str:
    """A JSON Pointer from path parts, escaping ``~`` and ``/`` as RFC 6901 says.

    >>> pointer("days", "values", 1)
    '/days/values/1'
    >>> pointer("a/b", "c~d")
    '/a~1b/c~0d'
    """
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def did_you_mean(word: str, known: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known word, or ``""``."""
    for candidate in known:
        if candidate.lower() == word.lower():
            return f" (did you mean {candidate!r}?)"
    import difflib  # here: only a misspelled name needs it, and every start-up would pay

    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(word.lower(), [k.lower() for k in known], n=1,
                                          cutoff=0.6)
        close = [k for k in known if close and k.lower() == close[0]]
    return f" (did you mean {close[0]!r}?)" if close else ""


def schema_type(value: object) -> str:
    """A decoded JSON value's type in JSON Schema's words: "null", "boolean", "integer",
    "number", "string", "array", "object" (another Python type: its own name)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


#: How a message names each JSON type (integers and other numbers are all numbers).
_SAID = {"null": "null", "boolean": "a boolean", "integer": "a number", "number": "a number",
         "string": "a string", "array": "an array", "object": "an object"}


def json_type(value: object) -> str:
    """How a message names the JSON type of a value: "a string", "null", ..."""
    found = schema_type(value)
    return _SAID.get(found, found)
