"""Problems with JSON paths, and the vendors' error envelopes.

Each JSON format module (``cadence.formats.<name>``) provides

- ``check(payload, *, tz=None) -> Checked``: every problem of a payload, and the
  schedule when there is no error. Parsing and validation both call it, so there is
  one rule set, never two drifting copies;
- ``envelope(problems) -> dict``: the vendor's own error body.
"""

from __future__ import annotations

import difflib
import importlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

from .errors import ScheduleError
from .limits import MAX_NUMBER_DIGITS, LimitError, deep_text_problem, payload_problem
from .limits import MAX_PAYLOAD_BYTES as MAX_PAYLOAD_BYTES  # re-exported for the CLI
from .limits import text_size_problem as _text_size_problem

if TYPE_CHECKING:
    from .schedule import Schedule

__all__ = [
    "JSON_FORMATS",
    "Checked",
    "InvalidPayloadError",
    "Problem",
    "api_target",
    "decode_payload",
    "did_you_mean",
    "envelope",
    "itwin_envelope",
    "json_type",
    "load_json",
    "pointer",
    "validate",
    "zone_or_problem",
]

Severity = Literal["error", "warning"]

#: JSON formats and the modules that check them.
JSON_FORMATS: dict[str, str] = {
    "campaign": "cadence.formats.campaign",
    "edfs": "cadence.formats.edfs",
    "helix": "cadence.formats.helix",
    "bentley": "cadence.formats.bentley",
    "timebundle-status": "cadence.formats.timebundle",
}
STRING_FORMATS = ("cron", "quartz", "rrule")


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


@dataclass(slots=True)
class Checked:
    """What a format's ``check`` found: problems, and the schedule if none is an error."""

    problems: list[Problem] = field(default_factory=list)
    schedule: Schedule | None = None


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


def load_json(text: str | bytes, *, where: str = "payload") -> Any:
    """Parse JSON text, turning every failure into a :class:`ScheduleError`; text or a
    value beyond :mod:`cadence.limits` raises its subclass
    :class:`~cadence.limits.LimitError`, whose ``problem`` names the limit.

    >>> load_json("[" * 100_000 + "]" * 100_000)
    Traceback (most recent call last):
    cadence.limits.LimitError: payload nests arrays and objects more than 64 levels deep ...
    """
    too_large = _text_size_problem(text, where)
    if too_large is not None:
        raise LimitError(too_large)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScheduleError(
            f"{where} is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise LimitError(deep_text_problem(text, where)) from None
    except (UnicodeDecodeError, ValueError) as exc:
        if "integer string conversion" in str(exc):  # Python's limit on digits
            raise LimitError(Problem(
                "", "NUMBER_TOO_LARGE", f"{where} has an integer of more than "
                f"{MAX_NUMBER_DIGITS} digits; cadence reads integers of at most "
                f"{MAX_NUMBER_DIGITS} digits: use a smaller number")) from None
        raise ScheduleError(f"{where} is not JSON: {exc}") from None
    problem = payload_problem(value)
    if problem is not None:
        raise LimitError(problem)
    return value


def _module(format: str) -> ModuleType:
    return importlib.import_module(JSON_FORMATS[format])


def check(payload: object, format: str, *, tz: str | tzinfo | None = None) -> Checked:
    """Run the format's checker: all problems, plus the schedule when there is no error."""
    if format not in JSON_FORMATS:
        known = ", ".join([*STRING_FORMATS, *JSON_FORMATS])
        raise ScheduleError(f"unknown format {format!r}; cadence validates {known}")
    checker: Callable[..., Checked] = _module(format).check
    if not isinstance(payload, str | bytes):  # JSON text is measured by load_json
        too_much = payload_problem(payload)
        if too_much is not None:
            return Checked([too_much])
    return checker(payload, tz=tz)


def validate(payload: object, format: str, *, tz: str | tzinfo | None = None,
             now: datetime | str | None = None) -> list[Problem]:
    """Every problem of ``payload`` in ``format``; it is valid when none is an error.

    Never raises for any JSON value (a JSON string is parsed first); an unknown
    ``format`` is the caller's error and raises :class:`ScheduleError`. A payload that
    parses is also linted (:mod:`cadence.lint`): warnings about what is valid but
    probably not meant. ``now`` turns on the lint for an end in the past; without it
    the answer does not depend on the current time.

    >>> validate("0 0 30 2 *", "cron")[0].code
    'NEVER_FIRES'
    >>> [(p.code, p.severity) for p in validate("* 3 * * *", "cron")]
    [('MINUTE_WILDCARD', 'warning')]
    """
    if format in STRING_FORMATS:
        return _validate_string(payload, format, tz, now)
    checked = check(payload, format, tz=tz)
    if checked.schedule is None:
        return checked.problems
    from .lint import lint_checked

    return lint_checked(checked.problems, checked.schedule, payload, now=now)


def _validate_string(payload: object, format: str, tz: str | tzinfo | None,
                     now: datetime | str | None = None) -> list[Problem]:
    from .api import parse
    from .errors import NeverFiresError, ParseError
    from .lint import lint

    if not isinstance(payload, str):
        return [Problem("", "INVALID_TYPE",
                        f"a {format} expression is a string, not {type(payload).__name__}")]
    try:
        schedule = parse(payload, format=format, tz=tz)
    except NeverFiresError as exc:
        return [Problem("", "NEVER_FIRES", str(exc))]
    except ParseError as exc:
        return [Problem("", "INVALID_EXPRESSION", str(exc))]
    except ScheduleError as exc:
        return [Problem("", "INVALID_ZONE", str(exc))]
    return lint(schedule, now=now)


def envelope(problems: Sequence[Problem], format: str) -> dict[str, Any]:
    """The vendor's own error body for ``problems`` (see each format module)."""
    if format not in JSON_FORMATS:
        raise ScheduleError(
            f"no vendor error envelope for {format!r}; formats with one: "
            + ", ".join(JSON_FORMATS)
        )
    render: Callable[[Sequence[Problem]], dict[str, Any]] = _module(format).envelope
    return render(problems)


def did_you_mean(word: str, known: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known word, or ``""``."""
    for candidate in known:
        if candidate.lower() == word.lower():
            return f" (did you mean {candidate!r}?)"
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


def decode_payload(payload: object, what: str, problems: list[Problem]) -> tuple[bool, object]:
    """``(ok, payload)``: JSON text decoded (a failure becomes an ``INVALID_JSON``
    problem and ``ok`` is false); any other value is returned as it is."""
    if isinstance(payload, str | bytes):
        try:
            return True, load_json(payload, where=what)
        except LimitError as exc:
            problems.append(exc.problem)
            return False, None
        except ScheduleError as exc:
            problems.append(Problem("", "INVALID_JSON", str(exc)))
            return False, None
    return True, payload


def zone_or_problem(tz: str | tzinfo | None, problems: list[Problem]) -> tzinfo | None:
    """The zone for ``tz=``, or ``None`` with an ``INVALID_TIME_ZONE`` problem."""
    from .tz import resolve_zone

    try:
        return resolve_zone(tz)
    except ScheduleError as exc:
        problems.append(Problem("", "INVALID_TIME_ZONE", str(exc)))
        return None
