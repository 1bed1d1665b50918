"""iTwin EDFS timers: the cron string in UTC, the other fields kept, every problem found."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence.formats.edfs import check
from cadence.ir import thawed
from cadence.schedule import Schedule

SEED_TIMER: dict[str, Any] = {
    "id": "00000000-0000-0000-0000-000000000000",
    "name": "SAP_WORK_ORDERS at 00:00 on Saturday and Sunday",
    "packageUniqueName": "SAP_WORK_ORDERS",
    "cronStr": "0 0 * * 6,0",
    "enabled": True,
    "parameters": [{"name": "Parameter", "value": "Value"}],
}


@pytest.mark.parametrize(
    ("cron", "occurrences", "description"),
    [
        ("0 0 * * 6,0",
         ["2026-11-28T00:00:00+00:00", "2026-11-29T00:00:00+00:00", "2026-12-05T00:00:00+00:00"],
         "At 00:00 on Saturday and Sunday."),
        ("15 14 1 * *",
         ["2026-12-01T14:15:00+00:00", "2027-01-01T14:15:00+00:00", "2027-02-01T14:15:00+00:00"],
         "At 14:15 on day-of-month 1."),
        ("0 22 * * 1-5",
         ["2026-11-23T22:00:00+00:00", "2026-11-24T22:00:00+00:00", "2026-11-25T22:00:00+00:00"],
         "At 22:00 on every day-of-week from Monday through Friday."),
    ],
)
def test_the_documented_timers_fire_and_read_as_their_names(
    cron: str, occurrences: list[str], description: str
) -> None:
    schedule = cadence.parse({**SEED_TIMER, "cronStr": cron}, format="edfs")
    found = schedule.iter_after("2026-11-22T00:00:00+00:00")
    assert [next(found).isoformat() for _ in occurrences] == occurrences
    assert cadence.describe(schedule) == description


def test_the_other_timer_fields_are_kept_for_writing_back() -> None:
    schedule = cadence.parse(json.dumps(SEED_TIMER), format="edfs")
    assert thawed(schedule.metadata) == {k: v for k, v in SEED_TIMER.items() if k != "cronStr"}
    assert schedule.format == "edfs"


def test_a_disabled_timer_still_parses() -> None:
    schedule = cadence.parse({"cronStr": "0 9 * * *", "enabled": False}, format="edfs")
    assert schedule.metadata["enabled"] is False
    assert cadence.validate({"cronStr": "0 9 * * *", "enabled": False}, "edfs") == []


def test_tz_moves_the_timer_out_of_utc() -> None:
    schedule = cadence.parse({"cronStr": "0 9 * * *"}, format="edfs", tz="Europe/Riga")
    first = schedule.next("2026-11-22T00:00Z")
    assert first is not None
    assert first.isoformat() == "2026-11-22T09:00:00+02:00"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({}, [("/cronStr", "REQUIRED")]),
        ({"cronStr": None}, [("/cronStr", "REQUIRED")]),
        ({"cronStr": 5}, [("/cronStr", "INVALID_TYPE")]),
        ({"cronStr": "61 * * * *"}, [("/cronStr", "INVALID_CRON")]),
        ({"cronStr": "0 0 * * * *"}, [("/cronStr", "INVALID_CRON")]),
        ({"cronStr": "0 0 30 2 *"}, [("/cronStr", "NEVER_FIRES")]),
        ({"cronStr": "CRON_TZ=Europe/Riga 0 0 * * *"}, [("/cronStr", "INVALID_CRON")]),
        ({"cronStr": "0 0 * * *", "enabled": "yes"}, [("/enabled", "INVALID_TYPE")]),
        ({"cronStr": "0 0 * * *", "name": 7}, [("/name", "INVALID_TYPE")]),
        ({"cronStr": "0 0 * * *", "parameters": {}}, [("/parameters", "INVALID_TYPE")]),
        ({"cronStr": "0 0 * * *", "parameters": [1]}, [("/parameters/0", "INVALID_TYPE")]),
        ({"cronStr": "0 0 * * *", "enabeld": True}, [("/enabeld", "UNKNOWN_FIELD")]),
        ({"cronStr": "0 0 * * *", "a/b": 1}, [("/a~1b", "UNKNOWN_FIELD")]),
        ([], [("", "INVALID_TYPE")]),
        ("{", [("", "INVALID_JSON")]),
        (
            {"cronstr": "0 0 * * *", "enabled": 1, "parameters": "x"},
            [("/cronstr", "UNKNOWN_FIELD"), ("/enabled", "INVALID_TYPE"),
             ("/parameters", "INVALID_TYPE"), ("/cronStr", "REQUIRED")],
        ),
    ],
)
def test_every_problem_is_reported_with_its_path_and_code(
    payload: object, expected: list[tuple[str, str]]
) -> None:
    problems = cadence.validate(payload, "edfs")
    assert [(problem.path, problem.code) for problem in problems] == expected
    assert all(problem.severity == "error" and problem.message for problem in problems)
    assert check(payload).schedule is None
    with pytest.raises(cadence.ScheduleError):
        cadence.parse(payload, format="edfs")


def test_an_unknown_field_suggests_the_known_one() -> None:
    (problem,) = cadence.validate({"cronStr": "0 0 * * *", "enabeld": True}, "edfs")
    assert "did you mean 'enabled'?" in problem.message


def test_the_edfs_envelope_has_the_api_shape() -> None:
    problems = cadence.validate({"cronStr": "61 * * * *", "parameters": [1]}, "edfs")
    body = cadence.envelope(problems, "edfs")
    assert body["error"]["code"] == "InvalidTimerRequest"
    assert body["error"]["message"] == "The timer request is invalid: 2 problems."
    assert [(d["code"], d["target"]) for d in body["error"]["details"]] == [
        ("InvalidValue", "parameters[0]"),
        ("InvalidValue", "cronStr"),
    ]
    assert re.search("minute 61 is out of range", body["error"]["details"][1]["message"])
    missing = cadence.envelope(cadence.validate({}, "edfs"), "edfs")
    assert missing["error"]["details"][0]["code"] == "MissingRequiredProperty"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)
CRON_STRINGS = st.sampled_from(
    ["0 0 * * 6,0", "15 14 1 * *", "*/5 * * * *", "0 0 30 2 *", "61 * * * *", "@daily", "", "x"]
)
TIMERS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=5) | JSON,
        "name": st.text(max_size=5),
        "packageUniqueName": st.text(max_size=5),
        "cronStr": CRON_STRINGS | JSON,
        "enabled": st.booleans() | JSON,
        "parameters": st.lists(st.fixed_dictionaries({"name": st.text(max_size=3)}), max_size=2)
        | JSON,
        "extra": JSON,
    },
)


@settings(max_examples=300, deadline=None)
@given(TIMERS | JSON)
def test_validate_accepts_exactly_what_parse_accepts(payload: object) -> None:
    problems = cadence.validate(payload, "edfs")
    if any(problem.is_error for problem in problems):
        with pytest.raises(cadence.InvalidPayloadError) as caught:
            cadence.parse(payload, format="edfs")
        assert caught.value.problems == problems
    else:
        assert cadence.parse(payload, format="edfs").format == "edfs"


# -- timer names (issue 13) --------------------------------------------------------------

@pytest.mark.parametrize(("package", "cron", "name"), [
    ("SAP_WORK_ORDERS", "0 0 * * 6,0", "SAP_WORK_ORDERS at 00:00 on Saturday and Sunday"),
    ("SAP_WORK_ORDERS", "0 0 * * SAT,SUN", "SAP_WORK_ORDERS at 00:00 on Saturday and Sunday"),
    ("Timer", "15 14 1 * *", "Timer at 14:15 on day-of-month 1"),
    ("NIGHTLY", "0 22 * * 1-5", "NIGHTLY at 22:00 on every day-of-week from Monday through Friday"),
    ("X", "*/15 * * * *", "X at every 15th minute"),
])
def test_a_timer_is_named_as_the_api_names_it(package: str, cron: str, name: str) -> None:
    """Seed 000 (the timer the API answers with)::

        { "id": "00000000-0000-0000-0000-000000000000", "name": "SAP_WORK_ORDERS at 00:00
        on Saturday and Sunday", "packageUniqueName": "SAP_WORK_ORDERS", "cronStr":
        "0 0 * * 6,0", "enabled": true, ... }
    """
    assert cadence.edfs.timer_name(package, cron) == name


@pytest.mark.parametrize(("package", "cron", "error", "fragment"), [
    ("", "0 0 * * *", cadence.ScheduleError, "package must be the package's unique name"),
    (None, "0 0 * * *", cadence.ScheduleError, "not NoneType"),
    ("X", "0 0 * *", cadence.ParseError, "a cron expression has 5 fields"),
    ("X", "CRON_TZ=Europe/Berlin 0 0 * * *", cadence.ParseError, "remove the CRON_TZ= prefix"),
    ("X", 5, cadence.ParseError, "cron must be a 5-field cron string"),
])
def test_a_timer_name_of_a_bad_argument_says_what_to_give(
        package: Any, cron: Any, error: type[Exception], fragment: str) -> None:
    with pytest.raises(error, match=re.escape(fragment)):
        cadence.edfs.timer_name(package, cron)


@pytest.mark.parametrize(("source", "name"), [
    (lambda: cadence.parse("0 0 * * 6,0"), "Timer at 00:00 on Saturday and Sunday"),
    (lambda: cadence.parse({"packageUniqueName": "SAP_WORK_ORDERS", "cronStr": "0 0 * * 6,0",
                            "name": None}, format="edfs"),
     "SAP_WORK_ORDERS at 00:00 on Saturday and Sunday"),
    (lambda: cadence.parse("0 0 0 ? * SAT,SUN", format="quartz"),
     "Timer at 00:00 on Saturday and Sunday"),
])
def test_emit_names_a_timer_that_has_no_name(source: Any, name: str) -> None:
    """Seed 000: ``"name": "SAP_WORK_ORDERS at 00:00 on Saturday and Sunday",
    "packageUniqueName": "SAP_WORK_ORDERS", "cronStr": "0 0 * * 6,0"``."""
    schedule = source()
    if schedule.format == "edfs":  # no source text: written from the IR, fields kept
        schedule = Schedule(schedule.rules, schedule.tz, format="edfs", source="",
                            metadata=schedule.metadata)
    emitted = cadence.emit(schedule, "edfs")
    assert isinstance(emitted, dict)
    assert emitted["name"] == name


def test_a_named_timer_keeps_its_name_and_an_unchanged_timer_comes_back_as_it_was() -> None:
    assert cadence.emit(cadence.parse(SEED_TIMER, format="edfs"), "edfs") == SEED_TIMER
    unnamed = {"cronStr": "0 0 * * 6,0"}
    assert cadence.emit(cadence.parse(unnamed, format="edfs"), "edfs") == unnamed


# -- parameters (issue 13) ---------------------------------------------------------------


@pytest.mark.parametrize(("parameters", "expected"), [
    ([{"name": "Parameter", "value": "Value"}], []),
    ([{"name": "Parameter"}, {"value": "Value"}, {}], []),
    ([{"name": 1, "value": None}],
     [("/parameters/0/name", "INVALID_TYPE", "a parameter's name must be a string, not a number"),
      ("/parameters/0/value", "INVALID_TYPE", "a parameter's value must be a string, not null")]),
    ([{"name": "a", "valeu": "b"}],
     [("/parameters/0/valeu", "UNKNOWN_FIELD",
       "unknown parameter field 'valeu' (did you mean 'value'?); a parameter has a name and a "
       "value only")]),
    ([{"name": "a"}, {"iTwinRoleName": "string"}],
     [("/parameters/1/iTwinRoleName", "UNKNOWN_FIELD",
       "unknown parameter field 'iTwinRoleName' (known: name, value); a parameter has a name "
       "and a value only")]),
    (["Parameter"],
     [("/parameters/0", "INVALID_TYPE", 'each parameter is an object such as {"name": '
       '"Parameter", "value": "Value"}, not a string')]),
])
def test_each_parameter_is_checked_as_the_schema_says(
        parameters: list[Any], expected: list[tuple[str, str, str]]) -> None:
    """Seed 000, ``EdfTimerParameterDto``: ``{ "type": "object", "properties": { "name":
    { "type": "string", ... }, "value": { "type": "string", ... } },
    "additionalProperties": false }`` (the page's ``example`` with ``iTwinRoleName``
    contradicts its own schema; the schema wins)."""
    problems = cadence.validate({"cronStr": "0 0 * * *", "parameters": parameters}, "edfs")
    assert [(p.path, p.code, p.message) for p in problems] == expected
