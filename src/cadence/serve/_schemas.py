"""The HTTP API's JSON Schemas, kept in one place: the same dictionaries check every
request (:func:`request_problems`) and build the OpenAPI document (:func:`openapi`), so
the two cannot drift apart; the tests check every response against them.

The checker reads the small part of JSON Schema these schemas use (``type``, ``enum``,
``minimum``, ``maximum``, ``maxLength``, ``pattern``, ``properties``, ``required``,
``additionalProperties: false``, ``items``); each problem it finds is a JSON Pointer, a
code and a message, an unknown member with the closest known name.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from cadence import __version__, formats
from cadence._problems import pointer, schema_type
from cadence.dst import POLICIES
from cadence.errors import described

__all__ = ["MAX_HORIZON_DAYS", "MAX_N", "REQUESTS", "RESPONSES", "openapi",
           "request_problems"]

#: The most occurrences (or windows) one ``POST /v1/next`` lists.
MAX_N = 1000
#: The furthest ``POST /v1/diff`` compares when ``horizon_days`` is given (about 400 years).
MAX_HORIZON_DAYS = 146_097

_SOURCE: dict[str, Any] = {
    "type": ["string", "object", "array"],
    "description": "the schedule: text (cron, Quartz, systemd, RRULE, iCalendar) or a "
                   "vendor JSON payload, as a JSON value or as JSON text; never a file name",
}
_FORMAT: dict[str, Any] = {"type": "string", "enum": list(formats.names(readable=True)),
                           "description": "the source's format (default: recognized)"}
_ZONE: dict[str, Any] = {"type": "string", "maxLength": 200,
                         "description": "the schedule's zone, an IANA name (default: the "
                                        "source's own, else UTC)"}
_DST: dict[str, Any] = {"type": "string", "enum": sorted(POLICIES),
                        "description": "the DST policy (default: the format's)"}
_MOMENT: dict[str, Any] = {"type": "string", "maxLength": 64,
                           "description": "ISO 8601; without an offset, wall time in the "
                                          "schedule's zone"}
_READ = {"source": _SOURCE, "format": _FORMAT, "tz": _ZONE, "dst": _DST}


def _object(properties: dict[str, Any], *required: str) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(required),
            "additionalProperties": False}


_PROBLEM_ITEM = _object({
    "path": {"type": "string", "description": "a JSON Pointer into the payload (or the "
                                              "request body), empty for the whole"},
    "code": {"type": "string"}, "message": {"type": "string"},
    "severity": {"type": "string", "enum": ["error", "warning"]},
    "detail": {"type": "string"},
    "line": {"type": "integer", "description": "for a payload given as JSON text: the "
                                               "line the pointer's value starts on"},
    "column": {"type": "integer", "description": "and its column"}},
    "path", "code", "message", "severity")
_ISO = {"type": "string", "description": "ISO 8601 with the offset in the schedule's zone"}
_ISO_OR_NULL = {"type": ["string", "null"]}
_SECONDS_OR_NULL = {"type": ["number", "null"], "minimum": 0}
_DAY = _object({
    "date": {"type": "string", "description": "YYYY-MM-DD, a local day in the zone"},
    "weekday": {"type": "integer", "minimum": 1, "maximum": 7,
                "description": "ISO: 1 Monday .. 7 Sunday"},
    "occurrences": {"type": "integer", "minimum": 0},
    "exact": {"type": "boolean", "description": "false where counting stopped at "
                                                "cadence's cap (at least that many)"},
    "first": _ISO_OR_NULL, "last": _ISO_OR_NULL,
    "hours": {"type": "array", "items": {"type": ["number", "null"], "minimum": 0,
                                         "maximum": 1},
              "description": "the share of each elapsed hour of the day covered by "
                             "windows (23 or 25 on a clock-change day; empty without "
                             "windows; null where not counted)"},
    "workingSeconds": _SECONDS_OR_NULL},
    "date", "weekday", "occurrences", "exact", "first", "last", "hours", "workingSeconds")
_MONTH = _object({
    "month": {"type": "string"}, "year": {"type": "integer"},
    "monthNumber": {"type": "integer", "minimum": 1, "maximum": 12},
    "daysFiring": {"type": "integer", "minimum": 0},
    "occurrences": {"type": "integer", "minimum": 0}, "exact": {"type": "boolean"},
    "first": _ISO_OR_NULL, "last": _ISO_OR_NULL, "workingSeconds": _SECONDS_OR_NULL,
    "days": {"type": "array", "items": _DAY}},
    "month", "year", "monthNumber", "daysFiring", "occurrences", "exact", "first", "last",
    "workingSeconds", "days")

#: Each endpoint's request body.
REQUESTS: dict[str, dict[str, Any]] = {
    "parse": _object(dict(_READ), "source"),
    "next": _object({**_READ, "after": {**_MOMENT, "description": "list what comes after "
                                        "this moment (default: now); " + _MOMENT[
                                            "description"]},
                     "n": {"type": "integer", "minimum": 1, "maximum": MAX_N,
                           "description": f"how many (default 5, at most {MAX_N})"}},
                    "source"),
    "convert": _object({**_READ,
                        "to": {"type": "string",
                               "enum": list(formats.names(writable=True)),
                               "description": "the target format"},
                        "lossy": {"type": "boolean", "description": "write the closest "
                                  "schedule and list what was dropped (default false: a "
                                  "schedule the target cannot say is a 422)"},
                        "start": {**_MOMENT, "description": "convert the schedule as it "
                                  "runs from this moment (RRULE's DTSTART)"},
                        "duration": {"type": "string", "maxLength": 64,
                                     "description": "give each occurrence a window of "
                                                    "this ISO 8601 length (PT8H)"}},
                       "source", "to"),
    "validate": _object({"source": _SOURCE, "format": _FORMAT, "tz": _ZONE,
                         "at": {**_MOMENT, "description": "judge an end in the past from "
                                "this moment (default: not judged)"},
                         "envelope": {"type": "boolean", "description": "also answer the "
                                      "vendor's own error body"}}, "source"),
    "month": _object({**_READ, "month": {
        "type": "string", "pattern": "^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])$",
        "x-form": "YYYY-MM, from 0001-01 to 9999-12",
        "description": "the month shown, YYYY-MM (default: this month in the schedule's "
                       "zone)"}}, "source"),
    "diff": _object({"a": _SOURCE, "b": _SOURCE, "format_a": _FORMAT, "format_b": _FORMAT,
                     "tz": _ZONE, "dst": _DST,
                     "after": {**_MOMENT, "description": "compare from this moment "
                               "(default: now)"},
                     "horizon_days": {"type": "integer", "minimum": 1,
                                      "maximum": MAX_HORIZON_DAYS,
                                      "description": "compare no further than this"}},
                    "a", "b"),
}

#: Each endpoint's answer (status 200), and ``problem``: every error's body.
RESPONSES: dict[str, dict[str, Any]] = {
    "parse": _object({"format": {"type": "string"}, "zone": {"type": "string"},
                      "zone_from": {"type": "string", "enum": ["source", "tz", "default"],
                                    "description": "where the zone comes from: the source "
                                    "names it (and keeps it over tz), the request's tz, or "
                                    "neither (UTC)"},
                      "description": {"type": "string"},
                      "ir": {"type": "object", "description": "Schedule.to_json()"},
                      "lints": {"type": "array", "items": _PROBLEM_ITEM}},
                     "format", "zone", "zone_from", "description", "ir", "lints"),
    "next": _object({"format": {"type": "string"}, "zone": {"type": "string"},
                     "occurrences": {"type": "array", "items": _ISO},
                     "windows": {"type": "array", "items": _object(
                         {"start": _ISO, "end": _ISO}, "start", "end")}},
                    "format", "zone"),
    "convert": _object({"format": {"type": "string"},
                        "schedule": {"type": ["string", "object", "array"]},
                        "dropped": {"type": "array", "items": {"type": "string"}}},
                       "format", "schedule", "dropped"),
    "validate": _object({"format": {"type": "string"}, "valid": {"type": "boolean"},
                         "problems": {"type": "array", "items": _PROBLEM_ITEM},
                         "envelope": {"type": ["object", "null"],
                                      "description": "the vendor's error body (null for "
                                                     "a valid payload)"}},
                        "format", "valid", "problems"),
    "month": _object({"format": {"type": "string"}, "zone": {"type": "string"},
                      "windows": {"type": "boolean", "description": "whether the "
                                  "schedule's occurrences open windows (then each day's "
                                  "hours and working time are given)"},
                      "month": _MONTH}, "format", "zone", "windows", "month"),
    "diff": _object({"verdict": {"type": "string",
                                 "enum": ["equivalent", "different", "undecided"]},
                     "after": _ISO, "moment": _ISO_OR_NULL,
                     "side": {"type": ["string", "null"], "enum": ["a", "b", None]},
                     "until": _ISO_OR_NULL,
                     "stopped": {"type": ["string", "null"],
                                 "enum": ["horizon", "limit", None]}},
                    "verdict", "after", "moment", "side", "until", "stopped"),
    "problem": _object({
        "type": {"type": "string"}, "title": {"type": "string"},
        "status": {"type": "integer"}, "detail": {"type": "string"},
        "position": _object({"line": {"type": "integer", "description": "the source's "
                                      "line (counted from 1), where it can be told"},
                             "column": {"type": "integer"}, "length": {"type": "integer"},
                             "token": {"type": "string"}}, "column", "length", "token"),
        "problems": {"type": "array", "items": _PROBLEM_ITEM},
        "feature": {"type": "string"}, "target": {"type": "string"},
        "candidates": {"type": "array", "items": {"type": "string"}},
        "budget_seconds": {"type": "number"}}, "type", "title", "status", "detail"),
}

_SUMMARIES = {
    "parse": "Read a schedule: its normalized IR, English description and lints",
    "next": "The next occurrences (or windows) after a moment",
    "convert": "The schedule in another format",
    "validate": "Every problem of a payload, with JSON Pointers",
    "month": "A month of the schedule, day by day: occurrences, covered hours, working time",
    "diff": "Whether two schedules fire at the same instants, or the first difference",
}

#: Each endpoint's request example (an OpenAPI Example Object): the docs page at
#: ``/v1/docs`` fills its "Try it" box with it; the tests send each one and check the answer.
_EXAMPLES: dict[str, dict[str, Any]] = {
    "parse": {"summary": "Weekdays at 09:00 in Berlin",
              "value": {"source": "0 9 * * MON-FRI", "tz": "Europe/Berlin"}},
    "next": {"summary": "The next three runs after a moment",
             "value": {"source": "0 9 * * MON-FRI", "tz": "Europe/Berlin",
                       "after": "2026-12-04T12:00Z", "n": 3}},
    "convert": {"summary": "A cron line as an RRULE that starts on a given day",
                "value": {"source": "0 9 * * MON-FRI", "tz": "Europe/Berlin", "to": "rrule",
                          "start": "2026-12-07T00:00"}},
    "validate": {"summary": "A SailPoint campaign schedule with two values out of range, "
                            "and SailPoint's own error body",
                 "value": {"source": {"type": "WEEKLY",
                                      "hours": {"type": "LIST", "values": ["25"]},
                                      "days": {"type": "LIST", "values": ["2", "9"]},
                                      "timeZoneId": "Europe/Berlin"},
                           "format": "campaign", "envelope": True}},
    "month": {"summary": "December 2026 day by day",
              "value": {"source": "0 9 * * MON-FRI", "tz": "Europe/Berlin",
                        "month": "2026-12"}},
    "diff": {"summary": "Weekdays against weekdays and Saturdays",
             "value": {"a": "0 9 * * 1-5", "b": "0 9 * * 1-6", "tz": "Europe/Berlin",
                       "after": "2026-12-04T12:00Z"}},
}


def _fits(value: object, wanted: str) -> bool:
    found = schema_type(value)
    return found == wanted or (wanted == "number" and found == "integer")


def _python_pattern(pattern: str) -> str:
    """A JSON Schema (ECMA-262) pattern for Python's ``re``: ECMA's closing ``$`` matches
    only at the very end, Python's also before a final newline."""
    return pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") \
        else pattern


def request_problems(body: object, endpoint: str) -> list[dict[str, str]]:
    """What is wrong with ``body`` as ``endpoint``'s request: problem items (path, code,
    message, severity), empty when it is well formed."""
    found: list[dict[str, str]] = []
    _check(body, REQUESTS[endpoint], "", found)
    return found


def _problem(path: str, code: str, message: str) -> dict[str, str]:
    return {"path": path, "code": code, "message": message, "severity": "error"}


def _check(value: object, schema: dict[str, Any], path: str,
           found: list[dict[str, str]]) -> None:
    wanted = schema.get("type")
    if wanted is not None:
        kinds = wanted if isinstance(wanted, list) else [wanted]
        if not any(_fits(value, kind) for kind in kinds):
            where = "must be" if path else "the request body must be"
            found.append(_problem(path, "WRONG_TYPE",
                                  f"{where} {' or '.join(kinds)}, not "
                                  f"{schema_type(value)}"))
            return
    if "enum" in schema and value not in schema["enum"]:
        known = [choice for choice in schema["enum"] if isinstance(choice, str)]
        close = difflib.get_close_matches(value, known, n=1) if isinstance(value, str) \
            else []
        hint = f" (did you mean {close[0]}?)" if close else ""
        found.append(_problem(path, "UNKNOWN_VALUE",
                              f"{described(value)} is not one of {', '.join(known)}{hint}"))
        return
    if isinstance(value, str) and len(value) > schema.get("maxLength", len(value)):
        found.append(_problem(path, "TOO_LONG", f"at most {schema['maxLength']} characters"))
    if isinstance(value, str) and "pattern" in schema \
            and re.search(_python_pattern(schema["pattern"]), value) is None:
        form = schema.get("x-form", "the pattern " + schema["pattern"])
        found.append(_problem(path, "BAD_FORMAT", f"must be written {form}, not "
                              f"{described(value[:40])}"))
    if isinstance(value, int) and not isinstance(value, bool):
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            found.append(_problem(path, "OUT_OF_RANGE",
                                  f"must be between {low} and {high}, not {described(value)}"))
    if isinstance(value, dict) and "properties" in schema:
        _check_object(value, schema, path, found)
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            _check(item, schema["items"], f"{path}/{index}", found)


def _check_object(value: dict[str, Any], schema: dict[str, Any], path: str,
                  found: list[dict[str, str]]) -> None:
    known: dict[str, Any] = schema["properties"]
    for name in schema.get("required", ()):
        if name not in value:
            found.append(_problem(f"{path}/{name}", "MISSING", f"{name} is required"))
    for name, member in value.items():
        at = path + pointer(name)
        if name in known:
            _check(member, known[name], at, found)
        elif schema.get("additionalProperties") is False:
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = (f"did you mean {close[0]}?" if close
                    else f"known: {', '.join(known)}")
            found.append(_problem(at, "UNKNOWN_FIELD",
                                  f"unknown field {described(name)} ({hint})"))


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the API, built from :data:`REQUESTS` and
    :data:`RESPONSES`."""
    problem = {"description": "an RFC 9457 problem",
               "content": {"application/problem+json": {
                   "schema": {"$ref": "#/components/schemas/problem"}}}}
    paths: dict[str, Any] = {}
    for name, summary in _SUMMARIES.items():
        paths[f"/v1/{name}"] = {"post": {
            "operationId": name, "summary": summary,
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{name}_request"},
                "examples": {name: _EXAMPLES[name]}}}},
            "responses": {
                "200": {"description": "the answer", "content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/{name}_response"}}}},
                **dict.fromkeys(("400", "413", "422", "503"), problem)}}}
    paths["/v1/openapi.json"] = {"get": {
        "operationId": "openapi", "summary": "This document",
        "responses": {"200": {"description": "the OpenAPI document",
                              "content": {"application/json": {}}}}}}
    schemas: dict[str, Any] = {f"{name}_request": schema for name, schema in REQUESTS.items()}
    schemas.update({f"{name}_response": schema for name, schema in RESPONSES.items()
                    if name != "problem"})
    schemas["problem"] = RESPONSES["problem"]
    return {"openapi": "3.1.0",
            "info": {"title": "cadence", "version": __version__,
                     "description": "Read, evaluate, convert, validate and compare "
                                    "schedule expressions."},
            "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
            "paths": paths, "components": {"schemas": schemas}}
