"""Hostile input: only cadence's own errors come out, never a traceback or a hang.

Every parser and ``cadence.validate`` get arbitrary text, arbitrary JSON values, valid
examples with one mutation, and the hostile inputs of issue 6: huge integers, NaN and
Infinity, NUL bytes, lone surrogates, 100,000-deep nesting and 10,001-value lists. The
property is the same everywhere:

- ``cadence.parse`` returns a Schedule or raises a ``cadence.ScheduleError`` subclass
  (with a message), never another exception;
- ``cadence.validate`` returns a list of ``cadence.Problem`` and never raises, for every
  JSON value (and every string for the string formats).

The JSON formats are read from ``cadence.validate.JSON_FORMATS`` when the tests run,
so a new format is fuzzed without editing this file. The limits themselves
(``cadence.limits``) have table tests at the end.

"Every call returns in bounded time" is checked with a generous Hypothesis deadline
(5 s per example): it is a hang guard only, the tests never assert speed.

The fuzz corpus
---------------

``tests/fixtures/fuzz_corpus.json`` keeps inputs that broke cadence once (the note says
how) or are hostile on purpose; ``test_every_corpus_entry_...`` replays each through
``parse`` and ``validate`` with the property above. To add an entry, append an object
to the list:

- ``"format"``: a name from ``cadence.FORMATS`` (``"cron"``, ``"campaign"``, ...) or
  ``null`` (``parse`` decides; ``validate`` is then skipped);
- ``"input"``: the string or JSON value passed as it is. Big inputs are written as a
  generator object (``expand`` below): ``{"$nest": 100000, "in": "list"}`` (a value
  nested that deep), ``{"$repeat": "1,", "times": 10001}`` (a repeated string, or a
  list when the repeated thing is not a string), ``{"$list": "15", "times": 10001}``
  (a list of copies), ``{"$concat": [parts]}`` (strings joined), ``{"$pow10": 5000}``
  (an integer), ``{"$float": "nan"}``; JSON escapes
  such as ``"\\ud800"`` (a lone surrogate) and ``"\\u0000"`` are written as they are;
- ``"note"``: what broke and how it was fixed, or why the input is hostile;
- optionally ``"expect"``: the Problem code ``validate`` must report (JSON formats) or
  the name of the exception ``parse`` must raise (string formats), or ``"ok"``.
"""

from __future__ import annotations

import contextlib
import copy
import json
import operator
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cadence
import cadence.bentley
from cadence import limits
from cadence.validate import JSON_FORMATS

CORPUS_PATH = Path(__file__).parent / "fixtures" / "fuzz_corpus.json"
STRING_FORMATS: list[str | None] = [None, "cron", "quartz", "rrule"]

# The deadline is a hang guard (an example that takes 5 s is stuck), not a speed test.
# CADENCE_FUZZ_EXAMPLES=20000 fuzzes longer than CI does.
HARDENING = settings(
    max_examples=int(os.environ.get("CADENCE_FUZZ_EXAMPLES", "150")),
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
)


def json_formats() -> list[str]:
    """Every JSON format cadence knows now (new ones are picked up as they come)."""
    return sorted(JSON_FORMATS)


# -- the two properties ----------------------------------------------------------------


def parses_or_raises_a_schedule_error(source: object, format: str | None) -> None:
    """``parse`` gives a Schedule (which ``describe`` can put in words) or a
    ScheduleError with a message; nothing else."""
    try:
        schedule = cadence.parse(source, format=format)
    except cadence.ScheduleError as error:
        caught: cadence.ScheduleError | None = error
    else:
        assert isinstance(schedule, cadence.Schedule)
        with contextlib.suppress(cadence.ScheduleError):
            assert cadence.describe(schedule)
        return
    assert str(caught), f"{type(caught).__name__} without a message"
    if isinstance(caught, cadence.InvalidPayloadError):
        assert any(problem.is_error for problem in caught.problems)


def validate_returns_problems(payload: object, format: str) -> list[cadence.Problem]:
    """``validate`` returns Problems with a path, a code and a message; it never raises."""
    problems = cadence.validate(payload, format)
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, cadence.Problem)
        assert isinstance(problem.path, str)
        assert problem.path == "" or problem.path.startswith("/")
        assert problem.code
        assert problem.message
        assert problem.severity in ("error", "warning")
    return problems


def both_hold(payload: object, format: str) -> list[cadence.Problem]:
    """Both properties for a JSON format; ``parse`` fails exactly when there is an error
    (a format that is not a schedule, such as a status change, never parses)."""
    problems = validate_returns_problems(payload, format)
    parses_or_raises_a_schedule_error(payload, format)
    return problems


# -- strategies ------------------------------------------------------------------------

#: Every character but surrogates: control characters, NUL, any plane.
CHARACTERS = st.characters(exclude_categories=["Cs"])
LONE_SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)

TOKENS = [
    *"0123456789*/-,?#LW@ \t\n\r=;:+_.\"'\x00é",
    "MON", "FRI", "SUN", "JAN", "DEC", "L-", "LW", "5L", "15W", "#5", "@daily", "@reboot",
    "CRON_TZ=", "CRON_TZ=Europe/Riga ", "TZ=Nowhere/Zone ", "99999999999", "-0",
    "DTSTART:", "DTSTART;TZID=America/New_York:", "20260308T023000", "00010101T000000Z",
    "99991231T235959Z", "RRULE:", "FREQ=", "DAILY", "SECONDLY", "HOURLY", "YEARLY",
    "INTERVAL=", "1000000", "COUNT=", "UNTIL=", "BYDAY=", "-1FR", "2MO", "BYMONTHDAY=",
    "BYHOUR=", "BYSETPOS=", "WKST=", "EXDATE:", "EXDATE;VALUE=DATE:", "RDATE:", "\\n",
]

VALID_STRINGS: list[tuple[str | None, str]] = [
    ("cron", "0 9 * * MON-FRI"),
    ("cron", "CRON_TZ=Europe/Berlin */15 9-17 * * 1-5"),
    ("cron", "0 0 L-2 * *"),
    ("cron", "0 0 15W * 5L"),
    ("quartz", "0 30 9 ? * MON-FRI"),
    ("quartz", "0 0 0 ? 2 MON#4 2027"),
    ("quartz", "30 0 12 LW * ? 1970-2099/50"),
    (None, "@daily"),
    ("rrule", "DTSTART;TZID=Europe/Berlin:20261123T090000\n"
              "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=4"),
    ("rrule", "DTSTART:20260131T120000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2"),
    ("rrule", "DTSTART;TZID=America/New_York:20261101T013000\n"
              "RRULE:FREQ=HOURLY;INTERVAL=5;UNTIL=20261201T000000Z\n"
              "EXDATE;TZID=America/New_York:20261102T013000"),
    ("rrule", "FREQ=YEARLY;BYMONTH=2;BYDAY=-1FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0"),
]

#: Valid payloads: the formats.md and README examples (a format added later without an
#: example here is still fuzzed with arbitrary values).
VALID_PAYLOADS: dict[str, list[Any]] = {
    "campaign": [
        {"type": "MONTHLY", "hours": {"type": "LIST", "values": ["17"]},
         "days": {"type": "LIST", "values": ["15"]}},
        {"type": "ANNUALLY", "hours": {"type": "LIST", "values": ["1"]},
         "days": {"type": "LIST", "values": ["1"]},
         "months": {"type": "LIST", "values": ["1"], "interval": 3}},
        {"type": "ANNUALLY", "hours": {"type": "LIST", "values": ["1"]},
         "days": {"type": "LIST", "values": ["--03-12", "--12-05"]}, "timeZoneId": "CST"},
        {"type": "CALENDAR", "hours": {"type": "LIST", "values": ["1"]},
         "days": {"type": "LIST", "values": ["2020-02-18"]}},
        {"type": "WEEKLY", "hours": {"type": "RANGE", "values": ["9", "5"]},
         "days": {"type": "LIST", "values": ["2", "6"]},
         "expiration": "2030-01-01T00:00:00Z"},
    ],
    "edfs": [
        {"id": "t1", "name": "SAP_WORK_ORDERS at 00:00 on Saturday and Sunday",
         "cronStr": "0 0 * * 6,0", "enabled": True, "packageUniqueName": "SAP_WORK_ORDERS",
         "parameters": [{"name": "site", "value": "north"}]},
    ],
    "helix": [
        {"name": "skip weekends", "description": "skip weekends", "schedule": {
            "startTime": "16:49", "endTime": "16:51", "startDate": "19042022",
            "endsOn": {"endDate": "19052022"},
            "recurrence": {"frequency": "weekly",
                           "recurrenceSchedule": {"daysOfWeek": [2, 3, 4]}},
            "timeZone": {"name": "Asia/Kolkata", "offset": "+05:30"}}},
        {"startTime": "22:00", "endTime": "06:00", "startDate": "01012026",
         "endsOn": {"endDate": "31122026"},
         "recurrence": {"frequency": "monthly",
                        "recurrenceSchedule": {"daysOfMonth": [1, 15, 31]}},
         "timeZone": {"name": "America/New_York"}},
    ],
    "bentley": [
        {"calendar": {"id": "1e67", "name": "Standard", "parentId": None, "dayTypes": [
            {"id": "7efb", "description": "Non-Working Day", "type": "NonWorking",
             "timeBlocks": []},
            {"id": "f98d", "description": "Normal Working Day", "type": "Normal",
             "timeBlocks": [{"startTime": "09:00", "endTime": "17:00"}]}],
            "week": {"sundayDayTypeId": "7efb", "mondayDayTypeId": "f98d",
                     "tuesdayDayTypeId": "f98d", "wednesdayDayTypeId": "f98d",
                     "thursdayDayTypeId": "f98d", "fridayDayTypeId": "f98d",
                     "saturdayDayTypeId": "7efb"},
            "exceptions": [{"date": "2024-04-03T12:00:00Z", "dayTypeId": "7efb"}],
            "workingDaysPerWeek": 5, "workingSecondsPerDay": 28800}},
    ],
    "timebundle-status": [
        {"_for": "revision", "status": "CREATED"},
        {"_for": "verification", "status": "PENDING_VERIFICATION"},
    ],
}

#: Field names of every format, so that random objects reach the checkers' code.
FIELD_NAMES = sorted({
    "type", "days", "hours", "months", "values", "interval", "expiration", "timeZoneId",
    "id", "name", "cronStr", "enabled", "parameters", "value", "schedule", "startTime",
    "endTime", "startDate", "endsOn", "endDate", "recurrence", "frequency", "details",
    "recurrenceSchedule", "recurrencePattern", "daysOfWeek", "daysOfMonth", "timeZone",
    "offset", "calendar", "dayTypes", "timeBlocks", "week", "mondayDayTypeId",
    "exceptions", "date", "dayTypeId", "workingDaysPerWeek", "workingSecondsPerDay",
    "rule", "rate", "unit", "deleted", "_for", "status",
})

#: Values that break naive code: numbers at the edges, odd strings, empty containers.
HOSTILE_LEAVES: list[Any] = [
    None, True, False, 0, -1, 1, 7, 31, 10**20, 10**400, 10**4299, -(10**4299),
    1e308, -1e308, 5e-324, float("nan"), float("inf"), float("-inf"), 0.5, -0.0,
    "", " ", "\x00", "\ud800", "\udfff\ud800", "\U0010ffff", "9" * 100, "L", "L-0", "L-31",
    "--02-29", "--02-30", "2020-02-30", "24:00", "00:00", "23:59", "99:99", "19042022",
    "31022022", "+05:30", "+99:99", "-14:00", "1e400", "NaN", "Infinity", "CST", "UTC",
    "Mars/Base", "Europe/Berlin", "LIST", "RANGE", "WEEKLY", "oneTime", "monthly",
    "0 0 30 2 *", "61 * * * *", "Meter", "NonWorking", "Normal", "revision", "CREATED",
    [], {}, [[]], [{}], ["1", "1"], ["20", "L"],
]

LEAVES = (
    st.none() | st.booleans() | st.integers() | st.floats()
    | st.text(CHARACTERS | LONE_SURROGATES, max_size=12) | st.sampled_from(HOSTILE_LEAVES)
)


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=8)
    return st.lists(children, max_size=5) | st.dictionaries(keys, children, max_size=6)


JSON_VALUES = st.recursive(LEAVES, _containers, max_leaves=30)


def long_texts(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Strings up to 72,000 characters, around the 1 KiB and 64 KiB limits."""
    return st.builds(operator.mul, st.text(alphabet, min_size=1, max_size=8),
                     st.sampled_from([100, 128, 1024, 1025, 8192, 9000]))


@st.composite
def mutated_strings(draw: st.DrawFn) -> tuple[str | None, str]:
    """A valid string example with one character replaced, deleted or inserted."""
    format, text = draw(st.sampled_from(VALID_STRINGS))
    index = draw(st.integers(0, len(text)))
    char = draw(st.sampled_from(TOKENS) | st.text(CHARACTERS | LONE_SURROGATES,
                                                  min_size=1, max_size=1))
    action = draw(st.sampled_from(["replace", "delete", "insert"]))
    if action == "replace":
        text = text[:index] + char + text[index + 1:]
    elif action == "delete":
        text = text[:index] + text[index + 1:]
    else:
        text = text[:index] + char + text[index:]
    return draw(st.sampled_from([format, None])), text


def _slots(payload: Any) -> list[tuple[Any, Any]]:
    """Every ``(container, key)`` of a payload, found without recursion."""
    slots: list[tuple[Any, Any]] = []
    stack = [payload]
    while stack:
        container = stack.pop()
        keys = range(len(container)) if isinstance(container, list) else list(container)
        for key in keys:
            slots.append((container, key))
            if isinstance(container[key], dict | list):
                stack.append(container[key])
    return slots


@st.composite
def mutated_payloads(draw: st.DrawFn, format: str) -> Any:
    """A valid example of ``format`` with one value replaced, removed, added or changed
    by one character."""
    examples = VALID_PAYLOADS.get(format) or [{}]
    payload = copy.deepcopy(draw(st.sampled_from(examples)))
    slots = _slots(payload)
    if not slots:
        return draw(JSON_VALUES)
    container, key = draw(st.sampled_from(slots))
    action = draw(st.sampled_from(["replace", "replace", "delete", "add", "one character"]))
    if action == "replace":
        container[key] = draw(st.sampled_from(HOSTILE_LEAVES) | JSON_VALUES)
    elif action == "delete":
        del container[key]
    elif action == "add":
        value = draw(st.sampled_from(HOSTILE_LEAVES))
        if isinstance(container, list):
            container.insert(key, value)
        else:
            container[draw(st.sampled_from(FIELD_NAMES) | st.text(max_size=6))] = value
    elif isinstance(container[key], str) and container[key]:
        text = container[key]
        index = draw(st.integers(0, len(text) - 1))
        container[key] = text[:index] + draw(st.text(CHARACTERS, min_size=1, max_size=1)) \
            + text[index + 1:]
    else:
        container[key] = draw(st.sampled_from(HOSTILE_LEAVES))
    return payload


@st.composite
def json_texts(draw: st.DrawFn) -> str:
    """JSON text of a value (NaN and Infinity as Python writes them), sometimes cut or
    with one character changed, and numbers JSON text alone can hold (1e400)."""
    value = draw(JSON_VALUES | st.sampled_from(
        [example for examples in VALID_PAYLOADS.values() for example in examples]))
    try:
        text = json.dumps(value, ensure_ascii=draw(st.booleans()))
    except ValueError:  # an integer Python will not write (more than 4300 digits)
        text = "1" * 5000
    action = draw(st.sampled_from(["as it is", "cut", "one character", "huge numbers"]))
    if action == "cut" and text:
        text = text[:draw(st.integers(0, len(text) - 1))]
    elif action == "one character" and text:
        index = draw(st.integers(0, len(text) - 1))
        text = text[:index] + draw(st.sampled_from(TOKENS)) + text[index + 1:]
    elif action == "huge numbers":
        text = text.replace("1", draw(st.sampled_from(["1e400", "-1e400", "1" * 5000,
                                                       "NaN", "Infinity", "1E-400"])))
    return text


# -- arbitrary text into every string format -------------------------------------------


@HARDENING
@given(
    text=st.text(CHARACTERS, max_size=80)
    | st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)
    | long_texts(CHARACTERS),
    format=st.sampled_from(STRING_FORMATS),
)
def test_arbitrary_text_parses_or_raises_a_schedule_error_in_every_string_format(
    text: str, format: str | None
) -> None:
    parses_or_raises_a_schedule_error(text, format)
    if format is not None:
        validate_returns_problems(text, format)


@HARDENING
@given(
    text=st.text(CHARACTERS | LONE_SURROGATES, min_size=1, max_size=40)
    | st.lists(st.sampled_from([*TOKENS, "\ud800", "\udc00", "\x00"]), max_size=30).map(
        "".join),
    format=st.sampled_from(STRING_FORMATS),
)
def test_text_with_lone_surrogates_and_nul_bytes_raises_only_schedule_errors(
    text: str, format: str | None
) -> None:
    parses_or_raises_a_schedule_error(text, format)
    if format is not None:
        validate_returns_problems(text, format)


@HARDENING
@given(mutated_strings())
def test_a_valid_string_with_one_character_changed_raises_only_schedule_errors(
    case: tuple[str | None, str],
) -> None:
    format, text = case
    parses_or_raises_a_schedule_error(text, format)
    if format is not None:
        validate_returns_problems(text, format)


# -- arbitrary text and values into every JSON format ----------------------------------


@HARDENING
@given(
    text=st.text(CHARACTERS | LONE_SURROGATES, max_size=60) | json_texts()
    | long_texts(st.sampled_from(list("[]{}\"0,:"))),
    data=st.data(),
)
def test_arbitrary_text_is_a_list_of_problems_for_every_json_format(
    text: str, data: st.DataObject
) -> None:
    format = data.draw(st.sampled_from(json_formats()))
    both_hold(text, format)
    both_hold(text.encode("utf-8", "surrogatepass"), format)


@HARDENING
@given(payload=JSON_VALUES, data=st.data())
def test_arbitrary_json_values_are_a_list_of_problems_for_every_json_format(
    payload: Any, data: st.DataObject
) -> None:
    format = data.draw(st.sampled_from(json_formats()))
    both_hold(payload, format)


@HARDENING
@given(data=st.data())
def test_a_valid_payload_with_one_value_changed_is_a_list_of_problems(
    data: st.DataObject,
) -> None:
    format = data.draw(st.sampled_from(json_formats()))
    payload = data.draw(mutated_payloads(format))
    problems = both_hold(payload, format)
    if any(problem.is_error for problem in problems):
        with pytest.raises(cadence.ScheduleError):
            cadence.parse(payload, format=format)


@settings(max_examples=30, deadline=timedelta(seconds=5))
@given(payload=JSON_VALUES)
def test_string_formats_validate_any_json_value_without_raising(payload: Any) -> None:
    for format in ("cron", "quartz", "rrule"):
        validate_returns_problems(payload, format)
    parses_or_raises_a_schedule_error(payload, None)


def test_the_valid_examples_are_valid() -> None:
    """The fuzzers start from real payloads: each example parses (or, for a format that
    is not a schedule, validates) without an error."""
    for format, examples in VALID_PAYLOADS.items():
        if format not in JSON_FORMATS:
            continue
        for example in examples:
            assert not [p for p in cadence.validate(example, format) if p.is_error], example
    for dialect, text in VALID_STRINGS:
        cadence.parse(text, format=dialect)


# -- the hostile inputs of issue 6, for every format -----------------------------------


def nested(depth: int, kind: str = "list") -> Any:
    """A value nested ``depth`` levels deep, built without recursion."""
    value: Any = []
    for _ in range(depth - 1):
        value = [value] if kind == "list" else {"a": value}
    return value


def inside(format: str, value: Any) -> Any:
    """``value`` under an unknown key of a valid example of ``format`` (or alone)."""
    examples = VALID_PAYLOADS.get(format)
    if not examples:
        return {"extra": value}
    payload = copy.deepcopy(examples[0])
    payload["extra"] = value
    return payload


@pytest.mark.parametrize("format", json_formats())
@pytest.mark.parametrize("kind", ["list", "object"])
def test_a_value_nested_100000_deep_is_a_depth_problem_not_a_recursion_error(
    format: str, kind: str
) -> None:
    for payload in (nested(100_000, kind), inside(format, nested(100_000, kind))):
        problems = both_hold(payload, format)
        assert [problem.code for problem in problems] == ["PAYLOAD_TOO_DEEP"]
        assert problems[0].path.count("/") == limits.MAX_DEPTH


@pytest.mark.parametrize("format", json_formats())
def test_json_text_nested_100000_deep_is_a_depth_problem_with_its_position(
    format: str,
) -> None:
    texts = {"[" * 100_000 + "]" * 100_000: "line 1, column 65",
             '{"a":' * 100_000 + "1" + "}" * 100_000: "line 1, column 321",
             '{"name":\n ' + "[" * 100_000: "line 2, column 65"}
    for text, position in texts.items():
        problems = both_hold(text, format)
        assert [problem.code for problem in problems] == ["PAYLOAD_TOO_DEEP"]
        assert position in problems[0].message


def test_64_levels_are_read_and_65_are_a_depth_problem() -> None:
    assert limits.payload_problem(nested(limits.MAX_DEPTH)) is None
    deep = limits.payload_problem(nested(limits.MAX_DEPTH + 1, "object"))
    assert deep is not None
    assert (deep.code, deep.path) == ("PAYLOAD_TOO_DEEP", "/a" * limits.MAX_DEPTH)
    assert limits.payload_problem(json.loads("[" * 64 + "]" * 64)) is None


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**8), 10**8) | st.floats()
    | st.text(max_size=6) | st.sampled_from([{1, 2}, b"x", ("t",)]),
    lambda children: st.lists(children, max_size=5) | st.tuples(children)
    | st.dictionaries(st.text(max_size=3) | st.integers(0, 3), children, max_size=5),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_the_quick_pass_over_a_payload_passes_exactly_what_the_walk_passes(value: Any) -> None:
    # Small limits, so that every one of them is crossed now and then.
    with pytest.MonkeyPatch.context() as patch:
        for name, small in (("MAX_DEPTH", 3), ("MAX_LIST_LENGTH", 3),
                            ("MAX_OBJECT_MEMBERS", 3), ("MAX_PAYLOAD_BYTES", 60),
                            ("_TOO_BIG", 10**6)):
            patch.setattr(limits, name, small)
        quick = limits._size_within(value, 1, limits.MAX_PAYLOAD_BYTES)
        assert (quick is None) == (limits._first_problem(value) is not None)
        assert limits.payload_problem(value) == limits._first_problem(value)


def test_a_python_list_that_contains_itself_ends_the_walk() -> None:
    loop: list[Any] = []
    loop.append(loop)
    problem = limits.payload_problem({"days": loop})
    assert problem is not None
    assert problem.code == "PAYLOAD_TOO_DEEP"
    assert cadence.validate({"days": loop}, "campaign")[0].code == "PAYLOAD_TOO_DEEP"


def _set(payload: Any, path: str, value: Any) -> Any:
    payload = copy.deepcopy(payload)
    *parents, last = [int(part) if part.isdigit() else part for part in path.split("/")[1:]]
    target = payload
    for part in parents:
        target = target[part]
    target[last] = value
    return payload


#: Where each format has a list: (format, path, a value the list may repeat).
LISTS = [
    pytest.param("campaign", "/days/values", "15", id="campaign-days-values"),
    pytest.param("campaign", "/hours/values", "17", id="campaign-hours-values"),
    pytest.param("edfs", "/parameters", {"name": "a", "value": "b"}, id="edfs-parameters"),
    pytest.param("helix", "/schedule/recurrence/recurrenceSchedule/daysOfWeek", 2,
                 id="helix-days-of-week"),
    pytest.param("bentley", "/calendar/dayTypes",
                 {"id": "x", "type": "NonWorking", "timeBlocks": []}, id="bentley-day-types"),
    pytest.param("bentley", "/calendar/dayTypes/1/timeBlocks",
                 {"startTime": "09:00", "endTime": "10:00"}, id="bentley-time-blocks"),
    pytest.param("bentley", "/calendar/exceptions",
                 {"date": "2024-04-03", "dayTypeId": "7efb"}, id="bentley-exceptions"),
]


@pytest.mark.parametrize(("format", "path", "item"), LISTS)
def test_a_list_of_10001_values_is_a_list_problem_at_its_path(
    format: str, path: str, item: Any
) -> None:
    payload = _set(VALID_PAYLOADS[format][0], path, [item] * (limits.MAX_LIST_LENGTH + 1))
    problems = both_hold(payload, format)
    assert [(problem.path, problem.code) for problem in problems] == [(path, "LIST_TOO_LONG")]
    assert "10001 values" in problems[0].message
    text_problems = both_hold(json.dumps(payload), format)
    assert [(problem.path, problem.code) for problem in text_problems] == [
        (path, "LIST_TOO_LONG")]


@pytest.mark.parametrize(("format", "path", "item"), LISTS)
def test_a_list_of_10000_values_is_within_the_limit(format: str, path: str, item: Any) -> None:
    payload = _set(VALID_PAYLOADS[format][0], path, [item] * limits.MAX_LIST_LENGTH)
    codes = {problem.code for problem in both_hold(payload, format)}
    assert not codes & set(limits.CODES)


@pytest.mark.parametrize("format", json_formats())
def test_a_payload_over_1_mib_is_refused_as_text_and_as_a_value(format: str) -> None:
    big = "x" * limits.MAX_PAYLOAD_BYTES
    for payload in (inside(format, big), json.dumps(inside(format, big)),
                    json.dumps(inside(format, big)).encode(),
                    inside(format, {"a": ["ab"] * 9_000, "b": ["é" * 120] * 4_200}),
                    inside(format, {f"k{i}": "v" * 200 for i in range(6_000)})):
        problems = both_hold(payload, format)
        assert [problem.code for problem in problems] == ["PAYLOAD_TOO_LARGE"], problems
        assert "1048576" in problems[0].message


def test_the_size_of_text_counts_utf8_bytes() -> None:
    multibyte = '"' + "é" * (limits.MAX_PAYLOAD_BYTES // 2 + 1) + '"'
    assert len(multibyte) < limits.MAX_PAYLOAD_BYTES
    assert cadence.validate(multibyte, "edfs")[0].code == "PAYLOAD_TOO_LARGE"


@pytest.mark.parametrize("format", json_formats())
def test_integers_beyond_4300_digits_are_a_number_problem(format: str) -> None:
    value = inside(format, {"n": 10**limits.MAX_NUMBER_DIGITS})
    problems = both_hold(value, format)
    assert [(problem.path, problem.code) for problem in problems] == [
        ("/extra/n", "NUMBER_TOO_LARGE")]
    text_problems = both_hold('{"n": ' + "1" * 5000 + "}", format)
    assert [problem.code for problem in text_problems] == ["NUMBER_TOO_LARGE"]


@pytest.mark.parametrize("format", json_formats())
@pytest.mark.parametrize("text", ["1e400", "-1e400", "NaN", "Infinity", "-Infinity",
                                  '{"a": NaN}', '{"rate": 1e400}', "\x00", '"\\u0000"',
                                  '"\\ud800"', '{"\\udc00": "\\ud800"}', "\ufeff{}", ""])
def test_odd_json_text_is_a_list_of_problems(format: str, text: str) -> None:
    both_hold(text, format)


@pytest.mark.parametrize("format", json_formats())
@pytest.mark.parametrize(
    "value",
    [pytest.param({1, 2}, id="a-set"), pytest.param({1: "a"}, id="an-int-key"),
     pytest.param({("a",): 1}, id="a-tuple-key"), pytest.param(datetime(2026, 1, 1), id="a-date"),
     pytest.param(b"bytes", id="bytes-in-a-value"), pytest.param(object(), id="an-object")],
)
def test_python_values_json_cannot_carry_are_problems(format: str, value: Any) -> None:
    problems = both_hold(inside(format, value), format)
    assert [problem.code for problem in problems] == ["NOT_JSON"]


# -- the limits on strings --------------------------------------------------------------


@pytest.mark.parametrize(("format", "text"), [("cron", "0 9 * * MON-FRI"),
                                               ("quartz", "0 30 9 ? * MON-FRI")])
def test_a_cron_string_of_1024_characters_is_read_and_1025_are_refused(
    format: str, text: str
) -> None:
    padded = text + " " * (limits.MAX_CRON_LENGTH - len(text))
    cadence.parse(padded, format=format)
    with pytest.raises(cadence.ParseError, match="1025 characters long; cadence reads at "
                       "most 1024"):
        cadence.parse(padded + " ", format=format)
    assert cadence.validate(padded + " ", format)[0].code == "INVALID_EXPRESSION"


def test_rrule_text_of_64_kib_is_read_and_one_more_character_is_refused() -> None:
    rule = "RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0\n"
    padded = rule + " " * (limits.MAX_RRULE_LENGTH - len(rule))
    cadence.parse(padded, format="rrule")
    with pytest.raises(cadence.ParseError, match="cadence reads at most 65536"):
        cadence.parse(padded + " ", format="rrule")


@pytest.mark.parametrize(("part", "value"), [("BYHOUR", "9"), ("BYMINUTE", "0")])
def test_an_rrule_list_of_10001_values_is_refused_and_10000_are_read(
    part: str, value: str
) -> None:
    parts = {"BYHOUR": "9", "BYMINUTE": "0", "BYSECOND": "0"}
    for count, refused in ((limits.MAX_LIST_LENGTH, False),
                           (limits.MAX_LIST_LENGTH + 1, True)):
        parts[part] = ",".join([value] * count)
        text = "FREQ=DAILY;" + ";".join(f"{name}={values}" for name, values in parts.items())
        if not refused:
            cadence.parse(text, format="rrule")
            continue
        with pytest.raises(cadence.ParseError) as caught:
            cadence.parse(text, format="rrule")
        assert caught.value.field == part
        assert "at most 10000 values" in str(caught.value)


def test_an_exdate_list_of_10001_values_is_refused() -> None:
    # 10,001 dates do not fit in 64 KiB; the list limit is checked before the values.
    text = ("DTSTART:20260101\nRRULE:FREQ=DAILY\nEXDATE;VALUE=DATE:"
            + ",".join(["1"] * (limits.MAX_LIST_LENGTH + 1)))
    with pytest.raises(cadence.ParseError, match="EXDATE lists 10001 values") as caught:
        cadence.parse(text)
    assert caught.value.field == "EXDATE"


def test_rrule_lines_and_counts_have_limits() -> None:
    start = "DTSTART:20260101T000000Z\n"
    cadence.parse(start + "RRULE:FREQ=DAILY;BYHOUR=1\n" * limits.MAX_RRULE_LINES)
    with pytest.raises(cadence.ParseError,
                       match="33 RRULE and EXRULE lines; cadence reads at most 32"):
        cadence.parse(start + "RRULE:FREQ=DAILY;BYHOUR=1\n" * (limits.MAX_RRULE_LINES + 1))
    # COUNT is counted lazily, so lines may each count up to MAX_COUNT; beyond is refused.
    cadence.parse(start + f"RRULE:FREQ=SECONDLY;COUNT={limits.MAX_COUNT}\n" * 2)
    with pytest.raises(cadence.ParseError, match="COUNT value 1000001 is out of range"):
        cadence.parse(start + f"RRULE:FREQ=SECONDLY;COUNT={limits.MAX_COUNT + 1}")


@pytest.mark.parametrize(
    ("call", "error"),
    [
        pytest.param(lambda: cadence.bentley.finish(
            inside("bentley", nested(100_000)), {"rate": 1, "unit": "Meter"}, 1, "Meter",
            "2026-11-23T09:00Z"), cadence.InvalidPayloadError, id="a-deep-calendar"),
        pytest.param(lambda: cadence.bentley.duration(
            {"rate": 1, "unit": "Meter", "x": nested(100_000)}, 1, "Meter"),
            cadence.bentley.InvalidRuleError, id="a-deep-rule"),
        pytest.param(lambda: cadence.bentley.duration(
            {"rate": -(10**5000), "unit": "Meter"}, 1, "Meter"),
            cadence.bentley.InvalidRateError, id="a-5001-digit-rate"),
        pytest.param(lambda: cadence.bentley.duration(
            {"rate": 1, "unit": "Meter"}, -(10**5000), "Meter"),
            cadence.bentley.InvalidQuantityError, id="a-5001-digit-quantity"),
        pytest.param(lambda: cadence.bentley.duration(
            {"rate": 10**400, "unit": "Meter"}, 10**4000, "Meter"),
            cadence.bentley.InvalidRateError, id="a-rate-beyond-floats"),
    ],
)
def test_bentley_durations_of_hostile_payloads_raise_bentley_errors(
    call: Callable[[], object], error: type[Exception]
) -> None:
    """Bugs: a deep calendar raised RecursionError in ``finish`` (it skipped the limits),
    and huge numbers raised ValueError or OverflowError while the message was written."""
    with pytest.raises(error):
        call()


def test_the_cli_prints_a_lone_surrogate_of_a_payload_escaped(tmp_path: Path) -> None:
    """Bug: ``cadence validate`` printed the path ``/\\ud800`` to stdout and died with a
    UnicodeEncodeError traceback."""
    payload = tmp_path / "surrogate.json"
    payload.write_text('{"\\ud800": 1}', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "cadence", "validate", str(payload),
                          "--format", "campaign"], capture_output=True, check=False)
    assert run.returncode == 1, run.stderr
    assert b": error: /\\ud800: " in run.stdout
    assert b"Traceback" not in run.stderr


def test_the_readme_states_the_limits() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("Limits"):][:8000]
    for name in ("MAX_CRON_LENGTH", "MAX_RRULE_LENGTH", "MAX_LIST_LENGTH", "MAX_DEPTH",
                 "MAX_PAYLOAD_BYTES"):
        assert name in section, name
    for code in limits.CODES:
        assert code in section, code


# -- the fuzz corpus -------------------------------------------------------------------


def expand(value: Any) -> Any:
    """A corpus input with its generator objects (see the module docstring) built."""
    if isinstance(value, list):
        return [expand(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "$nest" in value:
        return nested(value["$nest"], value.get("in", "list"))
    if "$repeat" in value:
        repeated = expand(value["$repeat"])
        if isinstance(repeated, str):
            return repeated * value["times"]
        return [repeated] * value["times"]
    if "$list" in value:
        return [expand(value["$list"])] * value["times"]
    if "$concat" in value:
        return "".join(expand(part) for part in value["$concat"])
    if "$pow10" in value:
        return 10 ** value["$pow10"]
    if "$float" in value:
        return float(value["$float"])
    return {key: expand(item) for key, item in value.items()}


def _corpus() -> list[Any]:
    entries: list[Any] = json.loads(CORPUS_PATH.read_text(encoding="utf-8"))
    return [pytest.param(entry, id=f"{index:03d}-{entry['format']}")
            for index, entry in enumerate(entries)]


def test_the_corpus_entries_are_well_formed() -> None:
    entries = json.loads(CORPUS_PATH.read_text(encoding="utf-8"))
    assert len(entries) >= 50
    for entry in entries:
        assert set(entry) <= {"format", "input", "note", "expect"}, entry
        assert entry["format"] is None or entry["format"] in cadence.FORMATS \
            or entry["format"] in VALID_PAYLOADS, entry
        assert entry["note"], entry


@pytest.mark.parametrize("entry", _corpus())
def test_every_corpus_entry_parses_or_raises_a_schedule_error_and_validates(
    entry: dict[str, Any],
) -> None:
    format = entry["format"]
    if format is not None and format not in cadence.FORMATS:
        pytest.skip(f"{format} is not a format of this cadence")
    source = expand(entry["input"])
    expected = entry.get("expect")
    if format in JSON_FORMATS:
        problems = both_hold(source, format)
        if expected == "ok":
            assert not [problem for problem in problems if problem.is_error], problems
        elif expected is not None:
            assert expected in [problem.code for problem in problems], problems
        return
    if expected is None:
        parses_or_raises_a_schedule_error(source, format)
    elif expected == "ok":
        cadence.parse(source, format=format)
    else:
        with pytest.raises(cadence.ScheduleError) as error:
            cadence.parse(source, format=format)
        assert type(error.value).__name__ == expected, error.value
    if format is not None:
        validate_returns_problems(source, format)


@pytest.mark.parametrize(
    ("text", "bound", "words"),
    [
        ("DTSTART;TZID=Pacific/Apia:00010101T123059\nRRULE:INTERVAL=5;WKST=SA;FREQ=WEEKLY",
         None, "counted from the week of 0001-01-01"),
        ("DTSTART:99990101T000000Z\nRRULE:FREQ=WEEKLY;INTERVAL=1000000", "9999-12-31T00:00Z",
         "counted from a week after the year 9999"),
        ("DTSTART:99990101T000000Z\nRRULE:FREQ=DAILY;INTERVAL=1000000", "9999-12-31T00:00Z",
         "counted from a day after the year 9999"),
        ("DTSTART:99990101T000000Z\nRRULE:FREQ=HOURLY;INTERVAL=999999", "9999-12-31T00:00Z",
         "counted from an hour after the year 9999"),
    ],
)
def test_periods_that_begin_outside_years_1_to_9999_are_described(
    text: str, bound: str | None, words: str
) -> None:
    """Bug (found by fuzzing RRULE text): ``describe`` raised ValueError or OverflowError
    for a week that begins before 0001-01-01 or a first period after 9999."""
    schedule = cadence.parse(text)
    if bound is not None:
        schedule = schedule.bounded(start=bound)
    assert words in cadence.describe(schedule)
