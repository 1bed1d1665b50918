"""The work behind each endpoint, in plain Python: a checked request body in, the JSON
answer out, or a :class:`RequestError` / cadence error that :mod:`._app` turns into a
problem body. Every call here runs in a worker thread, within the request's time budget.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import cadence
from cadence import (
    AmbiguousFormatError,
    InvalidPayloadError,
    ParseError,
    ScheduleError,
    UnsupportedError,
    ZoneError,
    formats,
)
from cadence._json_positions import Positions
from cadence._moments import now
from cadence._month import month_of
from cadence.limits import (
    MAX_ICAL_LENGTH,
    MAX_PAYLOAD_BYTES,
    deep_text_problem,
    payload_problem,
)
from cadence.schedule import Schedule

from ._schemas import request_problems

__all__ = ["MAX_BODY_BYTES", "WORK", "RequestError", "answer"]

#: The largest request body read (413 past it): room for the largest source any format
#: reads (iCalendar's 4 MiB, cadence.limits.MAX_ICAL_LENGTH), escaped in JSON, and the
#: request's other members.
MAX_BODY_BYTES = 2 * max(MAX_ICAL_LENGTH, MAX_PAYLOAD_BYTES)


#: Characters of the offending token a ParseError's answer shows.
_TOKEN = 40


class RequestError(Exception):
    """A request cadence does not answer: its status, title and one-line detail, the
    problems with their JSON Pointers, and the problem body's other members."""

    def __init__(self, status: int, slug: str, title: str, detail: str,
                 problems: list[dict[str, Any]] | None = None, **more: Any) -> None:
        super().__init__(detail)
        self.status, self.slug, self.title, self.detail = status, slug, title, detail
        self.problems, self.more = problems, more


def _body(raw: bytes, endpoint: str) -> dict[str, Any]:
    """The request body, decoded and checked against the endpoint's schema."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RequestError(400, "bad-json", "The body is not UTF-8 text",
                           f"byte {exc.start + 1} is not UTF-8") from None
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RequestError(400, "bad-json", "The body is not JSON",
                           f"{exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise RequestError(400, "bad-json", "The body is not JSON cadence reads",
                           deep_text_problem(text, "the body").message) from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise RequestError(400, "bad-json", "The body is not JSON cadence reads",
                           str(exc).split(";")[0]) from None
    # The depth limit holds whatever the process's recursion limit is (json.loads gives
    # up at that limit only, and a test runner or a library may have raised it).
    deep = payload_problem(body)
    if deep is not None and deep.code == "PAYLOAD_TOO_DEEP":
        raise RequestError(400, "bad-json", "The body is not JSON cadence reads",
                           deep_text_problem(text, "the body").message)
    problems = request_problems(body, endpoint)
    if problems:
        raise RequestError(400, "bad-request", "The request does not fit the schema",
                           "; ".join(f"{p['path'] or '/'}: {p['message']}"
                                     for p in problems[:5]), problems)
    assert isinstance(body, dict)
    return body


def answer(endpoint: str, raw: bytes) -> dict[str, Any]:
    """``endpoint``'s answer to the request body ``raw``; a cadence error raises the
    :class:`RequestError` that says it (422), its place in the source found here, in
    the worker thread, where the body is at hand."""
    body = _body(raw, endpoint)
    try:
        return WORK[endpoint](body)
    except ScheduleError as exc:
        raise _unanswered(exc, body) from None


def _unanswered(exc: ScheduleError, body: dict[str, Any]) -> RequestError:
    """A cadence error as a 422; a ParseError shows its reason, its line and column and
    the offending token, never the whole source."""
    if isinstance(exc, ParseError):
        if exc.column is None:
            return RequestError(422, "parse-error", "The schedule cannot be read", exc.reason)
        token = exc.source[exc.column - 1:exc.column - 1 + max(1, exc.length)][:_TOKEN]
        line = _source_line(body, exc)
        where = f"line {line}, column {exc.column}" if line and line > 1 \
            else f"column {exc.column}"
        position = {"column": exc.column, "length": exc.length, "token": token}
        if line is not None:
            position["line"] = line
        return RequestError(422, "parse-error", "The schedule cannot be read",
                            f"{exc.reason} ({where})", position=position)
    if isinstance(exc, InvalidPayloadError):
        errors = [problem for problem in exc.problems if problem.is_error]
        return RequestError(422, "invalid-payload", f"The {exc.format} payload is invalid",
                            exc.one_line, _problems(errors, body.get("source"), exc.format))
    if isinstance(exc, UnsupportedError):
        return RequestError(422, "unsupported", f"{exc.target} cannot say this schedule",
                            exc.one_line, feature=exc.feature, target=exc.target)
    if isinstance(exc, AmbiguousFormatError):
        return RequestError(422, "ambiguous-format", "The source's format is not recognized",
                            exc.one_line, candidates=list(exc.candidates))
    if isinstance(exc, ZoneError):
        return RequestError(422, "unknown-zone", "The zone cannot be used", exc.one_line)
    return RequestError(422, "schedule-error", "The schedule cannot be used", exc.one_line)


def _read(body: dict[str, Any], key: str = "source", format_key: str = "format"
          ) -> Schedule:
    return cadence.parse(body[key], format=body.get(format_key), tz=body.get("tz"),
                         dst=body.get("dst"))


def _source_line(body: dict[str, Any], error: ParseError) -> int | None:
    """The line of the request's source that ``error`` is about (a ParseError names the
    line it read, not where that line is in a text of several), or ``None``."""
    for key in ("source", "a", "b"):
        text = body.get(key)
        if isinstance(text, str):
            lines = text.splitlines()
            if error.source in lines:
                return lines.index(error.source) + 1
    return None


def _problems(found: list[cadence.Problem], source: object = None,
              format: str | None = None) -> list[dict[str, Any]]:
    """The problems as JSON; of a payload given as JSON text, with the line and column
    each points at (a problem with a pointer means the text was read as JSON)."""
    where = Positions(source).of if isinstance(source, str) and format is not None \
        and formats.get(format).kind == "json" and any(problem.path for problem in found) \
        else None
    shown: list[dict[str, Any]] = []
    for problem in found:
        item: dict[str, Any] = dict(problem.to_json())
        if where is not None:
            item["line"], item["column"] = where(problem.path)
        shown.append(item)
    return shown


def _zone(schedule: Schedule) -> str:
    return schedule.recurrence.zone_name


def parse(body: dict[str, Any]) -> dict[str, Any]:
    schedule = _read(body)
    named = formats.named_zone(body["source"], schedule.format)
    return {"format": schedule.format, "zone": _zone(schedule),
            "zone_from": "source" if named else "tz" if body.get("tz") else "default",
            "description": schedule.describe(), "ir": schedule.to_json(),
            "lints": _problems(cadence.lint(schedule))}


def next_(body: dict[str, Any]) -> dict[str, Any]:
    schedule = _read(body)
    after, count = body.get("after") or now(), body.get("n", 5)
    shown: dict[str, Any] = {"format": schedule.format, "zone": _zone(schedule)}
    if schedule.has_windows:
        shown["windows"] = [{"start": start.isoformat(), "end": end.isoformat()}
                            for start, end in itertools.islice(
                                schedule.iter_windows(after), count)]
    else:
        shown["occurrences"] = [moment.isoformat() for moment in itertools.islice(
            schedule.iter_after(after), count)]
    return shown


def convert(body: dict[str, Any]) -> dict[str, Any]:
    schedule = _read(body)
    if body.get("duration") is not None:
        schedule = schedule.with_duration(body["duration"])
    dropped: list[str] = []
    if body.get("lossy"):
        written, dropped = cadence.convert(schedule, to=body["to"], start=body.get("start"),
                                           lossy=True)
    else:
        written = cadence.convert(schedule, to=body["to"], start=body.get("start"))
    return {"format": body["to"], "schedule": written, "dropped": list(dropped)}


def validate(body: dict[str, Any]) -> dict[str, Any]:
    given = body.get("format")
    if given is None:
        chosen, payload = formats.recognized(body["source"])
        format = chosen.name
    else:
        format, payload = given, body["source"]
    problems = cadence.validate(payload, format, tz=body.get("tz"), now=body.get("at"))
    invalid = any(problem.is_error for problem in problems)
    shown: dict[str, Any] = {"format": format, "valid": not invalid,
                             "problems": _problems(problems, body["source"], format)}
    if body.get("envelope"):
        try:
            shown["envelope"] = cadence.envelope(problems, format)
        except ScheduleError:
            if invalid:  # no envelope for this format at all: say so
                raise
            shown["envelope"] = None  # valid: no vendor error body
    return shown


def month(body: dict[str, Any]) -> dict[str, Any]:
    schedule = _read(body)
    if body.get("month") is not None:  # (the schema has checked YYYY-MM)
        year, number = int(body["month"][:4]), int(body["month"][5:])
    else:
        today = now().astimezone(schedule.tz)
        year, number = today.year, today.month
    shown = month_of(schedule, year, number)
    return {"format": schedule.format, "zone": _zone(schedule),
            "windows": shown.windows, "month": shown.to_json()}


def diff(body: dict[str, Any]) -> dict[str, Any]:
    a, b = _read(body, "a", "format_a"), _read(body, "b", "format_b")
    days = body.get("horizon_days")
    found = cadence.compare(a, b, after=body.get("after") or now(),
                            horizon=timedelta(days=days) if days is not None else None)
    return found.to_json()


#: Each endpoint's work.
WORK: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "parse": parse, "next": next_, "convert": convert, "validate": validate, "month": month,
    "diff": diff}
