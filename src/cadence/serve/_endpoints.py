"""The work behind each endpoint, in plain Python: a checked request body in, the JSON
answer out, or a :class:`RequestError` / cadence error that :mod:`._app` turns into a
problem body. Every call here runs in a worker thread, within the request's time budget.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import cadence
from cadence import formats
from cadence._moments import now
from cadence._month import month_of
from cadence.errors import ParseError, ScheduleError
from cadence.limits import (
    MAX_ICAL_LENGTH,
    MAX_PAYLOAD_BYTES,
    deep_text_problem,
    payload_problem,
)
from cadence.schedule import Schedule

from ._schemas import request_problems

__all__ = ["MAX_BODY_BYTES", "WORK", "RequestError", "answer", "source_line"]

#: The largest request body read (413 past it): room for the largest source any format
#: reads (iCalendar's 4 MiB, cadence.limits.MAX_ICAL_LENGTH), escaped in JSON, and the
#: request's other members.
MAX_BODY_BYTES = 2 * max(MAX_ICAL_LENGTH, MAX_PAYLOAD_BYTES)


class RequestError(Exception):
    """A request that is not well formed: its status, title and one-line detail, and
    the problems with their JSON Pointers into the body."""

    def __init__(self, status: int, slug: str, title: str, detail: str,
                 problems: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail)
        self.status, self.slug, self.title, self.detail = status, slug, title, detail
        self.problems = problems


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
    """``endpoint``'s answer to the request body ``raw``."""
    return WORK[endpoint](_body(raw, endpoint))


def _read(body: dict[str, Any], key: str = "source", format_key: str = "format"
          ) -> Schedule:
    return cadence.parse(body[key], format=body.get(format_key), tz=body.get("tz"),
                         dst=body.get("dst"))


def source_line(raw: bytes, error: ParseError) -> int | None:
    """The line of the request's source that ``error`` is about (a ParseError names the
    line it read, not where that line is in a text of several), or ``None``."""
    try:
        body = json.loads(raw.decode("utf-8-sig"))
    except ValueError:
        return None
    for key in ("source", "a", "b"):
        text = body.get(key) if isinstance(body, dict) else None
        if isinstance(text, str):
            lines = text.splitlines()
            if error.source in lines:
                return lines.index(error.source) + 1
    return None


def _problems(found: list[cadence.Problem]) -> list[dict[str, str]]:
    shown = []
    for problem in found:
        item = {"path": problem.path, "code": problem.code, "message": problem.message,
                "severity": problem.severity}
        if problem.detail:
            item["detail"] = problem.detail
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
                             "problems": _problems(problems)}
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

    def iso(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment is not None else None

    return {"verdict": found.verdict, "after": found.after.isoformat(),
            "moment": iso(found.moment), "side": found.side, "until": iso(found.until),
            "stopped": found.stopped}


#: Each endpoint's work.
WORK: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "parse": parse, "next": next_, "convert": convert, "validate": validate, "month": month,
    "diff": diff}
