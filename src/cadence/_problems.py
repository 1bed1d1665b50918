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
    "json_type",
    "pointer",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a payload.

    ``path`` is a JSON Pointer (RFC 6901) into the payload (``""`` = the whole payload),
    ``code`` a stable identifier, ``message`` says what is wrong and what to do.

    >>> problem = Problem("/days/values/1", "VALUE_OUT_OF_RANGE", "day 32 is not 1-31")
    >>> problem.path, problem.severity
    ('/days/values/1', 'error')
    """

    path: str
    code: str
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class InvalidPayloadError(ScheduleError):
    """A JSON payload with errors; ``problems`` lists all of them (warnings too)."""

    def __init__(self, format: str, problems: Sequence[Problem]) -> None:
        self.format = format
        self.problems = list(problems)
        errors = [problem for problem in self.problems if problem.is_error]
        lines = [f"{format} payload is invalid ({len(errors)} error(s)):"]
        lines += [f"  {problem.path or '/'}: {problem.message} [{problem.code}]"
                  for problem in errors]
        super().__init__("\n".join(lines))


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


def json_type(value: object) -> str:
    """How a message names the JSON type of a value: "a string", "null", ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
