"""The shared reporting of the JSON checkers: each helper reports in the vendor's words
(code and message are arguments) and in one shape, ``"<expected>, not <JSON type>"``."""

from __future__ import annotations

from datetime import timezone
from typing import Any

import pytest

from cadence._problems import Problem
from cadence.formats._checking import At, Problems
from cadence.ir import Recurrence, Rule


def found(problems: Problems) -> list[tuple[str, str, str, str]]:
    return [(p.path, p.code, p.message, p.severity) for p in problems.found]


@pytest.mark.parametrize(("parts", "below", "pointer"), [
    ((), (), ""),
    (("days",), (), "/days"),
    (("days", 0), (), "/days/0"),
    (("a/b",), ("c~d",), "/c~0d/a~1b"),
    (("id",), ("calendar", "dayTypes", 2), "/calendar/dayTypes/2/id"),
])
def test_at_joins_the_place_and_the_parts_into_an_escaped_json_pointer(
        parts: tuple[str | int, ...], below: tuple[str | int, ...], pointer: str) -> None:
    assert At().below(*below)(*parts) == pointer


def test_errors_and_warnings_are_kept_in_the_order_found() -> None:
    problems = Problems()
    problems.warning("/a", "W", "first")
    problems.error("/b", "E", "second")
    problems.add(Problem("/c", "X", "third", "warning"))
    assert found(problems) == [("/a", "W", "first", "warning"), ("/b", "E", "second", "error"),
                               ("/c", "X", "third", "warning")]


@pytest.mark.parametrize(("severities", "has_errors"), [
    ((), False),
    (("warning",), False),
    (("warning", "error"), True),
])
def test_only_an_error_makes_has_errors_true(severities: tuple[Any, ...],
                                             has_errors: bool) -> None:
    problems = Problems()
    problems.add(*(Problem("", "C", "m", severity) for severity in severities))
    assert problems.has_errors is has_errors


def test_checked_holds_the_recurrence_only_when_no_problem_is_an_error() -> None:
    recurrence = Recurrence(Rule(seconds=(0,), minutes=(0,), hours=(9,)), timezone.utc)
    problems = Problems()
    problems.warning("", "W", "a warning")
    assert problems.checked(recurrence).recurrence is recurrence
    problems.error("", "E", "an error")
    assert problems.checked(recurrence).recurrence is None


def test_checked_shares_the_list_so_a_later_warning_still_shows() -> None:
    problems = Problems()
    checked = problems.checked()
    problems.warning("", "W", "later")
    assert [p.code for p in checked.problems] == ["W"]


@pytest.mark.parametrize(("payload", "expected"), [
    ({"a": 1}, []),
    ('{"a": 1}', []),
    (b'{"a": 1}', []),
    ("[]", [("", "INVALID_TYPE", "a timer is a JSON object, not an array", "error")]),
    (None, [("", "INVALID_TYPE", "a timer is a JSON object, not null", "error")]),
    ("{", [("", "INVALID_JSON", "the timer is not JSON: Expecting property name enclosed in "
                                "double quotes at line 1, column 2", "error")]),
])
def test_payload_object_decodes_json_text_and_wants_an_object(
        payload: object, expected: list[tuple[str, str, str, str]]) -> None:
    problems = Problems()
    value = problems.payload_object(payload, decoding="the timer", name="a timer")
    assert found(problems) == expected
    assert (value == {"a": 1}) is (not expected)


def test_payload_object_takes_the_vendors_code_and_example() -> None:
    problems = Problems()
    problems.payload_object(3, decoding="the body", name="a body", code="error.invalidBody",
                            example=' such as {"x": 1}')
    assert found(problems) == [("", "error.invalidBody",
                                'a body is a JSON object such as {"x": 1}, not a number',
                                "error")]


@pytest.mark.parametrize(("tz", "code", "expected"), [
    (None, "INVALID_TIME_ZONE", []),
    ("Europe/Berlin", "INVALID_TIME_ZONE", []),
    ("Mars/Base", "INVALID_TIME_ZONE", ["INVALID_TIME_ZONE"]),
    ("Mars/Base", "UNKNOWN_ZONE", ["UNKNOWN_ZONE"]),
])
def test_zone_resolves_the_tz_argument_or_reports_it_at_the_root(
        tz: str | None, code: str, expected: list[str]) -> None:
    problems = Problems()
    zone = problems.zone(tz, code=code)
    assert [p.code for p in problems.found] == expected
    assert (zone is None) is bool(expected)
    assert all(p.path == "" for p in problems.found)


@pytest.mark.parametrize(("obj", "kwargs", "expected"), [
    ({"cronStr": "x"}, {}, []),
    ({"cronstr": 1}, {},
     [("/cronstr", "UNKNOWN_FIELD", "unknown field 'cronstr' (did you mean 'cronStr'?)",
       "error")]),
    ({"zzz": 1}, {},
     [("/zzz", "UNKNOWN_FIELD", "unknown field 'zzz' (known: cronStr, enabled)", "error")]),
    ({"zzz": 1}, {"otherwise": ""},
     [("/zzz", "UNKNOWN_FIELD", "unknown field 'zzz'", "error")]),
    ({"zzz": 1}, {"code": "error.unknownField", "severity": "warning", "otherwise": " (none)"},
     [("/zzz", "error.unknownField", "unknown field 'zzz' (none)", "warning")]),
    ({"abcdefgh": 1}, {"longest": 3, "otherwise": ""},
     [("/abcdefgh", "UNKNOWN_FIELD", "unknown field 'abc'", "error")]),
    ({7: 1}, {"otherwise": ""}, [("/7", "UNKNOWN_FIELD", "unknown field 7", "error")]),
])
def test_known_fields_reports_each_unknown_key_in_the_callers_words(
        obj: dict[Any, Any], kwargs: dict[str, Any],
        expected: list[tuple[str, str, str, str]]) -> None:
    problems = Problems()
    problems.known_fields(obj, ("cronStr", "enabled"), At(), "unknown field {key!r}{hint}",
                          **kwargs)
    assert found(problems) == expected


def test_known_fields_reports_below_the_place_it_is_given() -> None:
    problems = Problems()
    problems.known_fields({"x": 1}, ("y",), At(("days",)), "{key}", otherwise="")
    assert [p.path for p in problems.found] == ["/days/x"]


@pytest.mark.parametrize(("value", "present"), [
    (None, False), (0, True), ("", True), (False, True), ([], True),
])
def test_required_reports_only_an_absent_or_null_value(value: object, present: bool) -> None:
    problems = Problems()
    assert problems.required("/type", value, "MISSING_FIELD", "type is required") is present
    assert found(problems) == ([] if present else
                               [("/type", "MISSING_FIELD", "type is required", "error")])


@pytest.mark.parametrize(("value", "kind", "kept"), [
    ("9", str, True),
    (9, str, False),
    (3, int, True),
    (True, int, False),
    (False, bool, True),
    (1.5, (int, float), True),
    (True, (int, float), False),
    ([], list, True),
    (None, str, False),
    ({}, dict, True),
])
def test_typed_keeps_a_value_of_its_kind_and_never_takes_a_boolean_for_a_number(
        value: object, kind: Any, kept: bool) -> None:
    problems = Problems()
    result = problems.typed("/x", value, kind, "x is a thing")
    assert (result is not None) is kept
    assert problems.has_errors is not kept


@pytest.mark.parametrize(("value", "kwargs", "expected"), [
    (5, {}, ("/x", "INVALID_TYPE", "x is a string, not a number", "error")),
    (None, {}, ("/x", "INVALID_TYPE", "x is a string, not null", "error")),
    ([], {"code": "INVALID_TIMEFRAME_NAME"},
     ("/x", "INVALID_TIMEFRAME_NAME", "x is a string, not an array", "error")),
    (True, {"after": " (write it quoted)"},
     ("/x", "INVALID_TYPE", "x is a string, not a boolean (write it quoted)", "error")),
])
def test_typed_says_what_was_expected_and_the_json_type_it_got(
        value: object, kwargs: dict[str, Any], expected: tuple[str, str, str, str]) -> None:
    problems = Problems()
    problems.typed("/x", value, str, "x is a string", **kwargs)
    assert found(problems) == [expected]


@pytest.mark.parametrize(("value", "expected"), [
    ({"a": 1}, []),
    ("x", [("/week", "REQUIRED", "week must be an object, not a string", "error")]),
])
def test_object_at_wants_a_json_object(value: object,
                                       expected: list[tuple[str, str, str, str]]) -> None:
    problems = Problems()
    result = problems.object_at("/week", value, "week must be an object", code="REQUIRED")
    assert found(problems) == expected
    assert (result is value) is (not expected)
