"""Bentley Schedules (v10): calendars as working windows, rules as production rates."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import cadence
from cadence import bentley
from cadence.formats.bentley_calendar import CALENDAR_FIELDS, check, check_rule, envelope

UTC = timezone.utc
OFF = "7efb..."
WORK = "f98d..."
WEEK_KEYS = ("sundayDayTypeId", "mondayDayTypeId", "tuesdayDayTypeId", "wednesdayDayTypeId",
             "thursdayDayTypeId", "fridayDayTypeId", "saturdayDayTypeId")

#: The calendar of formats.md section 6, as written there.
CALENDAR: dict[str, Any] = {"calendar": {
    "id": "1e67...", "name": "Standard", "parentId": None,
    "dayTypes": [
        {"id": OFF, "description": "Non-Working Day", "type": "NonWorking", "timeBlocks": []},
        {"id": WORK, "description": "Normal Working Day", "type": "Normal",
         "timeBlocks": [{"startTime": "09:00", "endTime": "17:00"}]},
    ],
    "week": {"sundayDayTypeId": OFF, "mondayDayTypeId": WORK, "tuesdayDayTypeId": WORK,
             "wednesdayDayTypeId": WORK, "thursdayDayTypeId": WORK, "fridayDayTypeId": WORK,
             "saturdayDayTypeId": OFF},
    "exceptions": [{"date": "2024-04-03T12:00:00Z", "dayTypeId": OFF}],
    "workingDaysPerWeek": 5, "workingSecondsPerDay": 28800,
}}
#: The rule of seed 001.
RULE: dict[str, Any] = {"rule": {
    "deleted": False, "description": "Road", "id": "0d514705-f736-4555-998a-71323c837735",
    "parentId": None, "rate": 14.5, "unit": "Meter", "userDefinedId": "RUL00010",
}}


def calendar(**changes: Any) -> dict[str, Any]:
    """The formats.md calendar with some properties replaced (``None`` deletes one)."""
    payload = copy.deepcopy(CALENDAR)
    for key, value in changes.items():
        if value is None:
            payload["calendar"].pop(key, None)
        else:
            payload["calendar"][key] = value
    return payload


def iso(windows: list[tuple[datetime, datetime]]) -> list[tuple[str, str]]:
    return [(a.isoformat(), b.isoformat()) for a, b in windows]


# -- the documented calendar and rule -----------------------------------------------


def test_the_documented_calendar_is_valid_and_its_windows_are_the_working_days() -> None:
    checked = check(CALENDAR)
    assert checked.problems == []
    schedule = checked.schedule
    assert schedule is not None
    assert schedule.format == "bentley"
    assert schedule.metadata["name"] == "Standard"
    assert iso(schedule.windows_between("2026-11-21T00:00Z", "2026-11-28T00:00Z")) == [
        (f"2026-11-{day}T09:00:00+00:00", f"2026-11-{day}T17:00:00+00:00")
        for day in (23, 24, 25, 26, 27)
    ]
    assert schedule.is_active("2026-11-23T09:00Z")
    assert schedule.is_active("2026-11-23T16:59:59Z")
    assert not schedule.is_active("2026-11-23T17:00Z")
    assert not schedule.is_active("2026-11-28T12:00Z")  # Saturday
    assert iso([schedule.next_window("2026-11-27T17:00Z")]) == [
        ("2026-11-30T09:00:00+00:00", "2026-11-30T17:00:00+00:00")]


def test_the_exception_date_is_not_worked() -> None:
    schedule = cadence.parse(CALENDAR, format="bentley")
    assert [a.date().isoformat() for a, _ in
            schedule.windows_between("2024-04-01T00:00Z", "2024-04-06T00:00Z")] == [
        "2024-04-01", "2024-04-02", "2024-04-04", "2024-04-05"]
    assert not schedule.is_active("2024-04-03T12:00Z")
    assert schedule.is_active("2024-04-10T12:00Z")


def test_an_exception_can_make_a_weekend_day_work_with_its_own_blocks() -> None:
    payload = calendar(
        dayTypes=[*CALENDAR["calendar"]["dayTypes"],
                  {"id": "half", "type": "Normal",
                   "timeBlocks": [{"startTime": "08:00", "endTime": "12:00"}]}],
        exceptions=[{"date": "2026-11-28T12:00:00Z", "dayTypeId": "half"},
                    {"date": "2026-11-30", "dayTypeId": "half"}],
    )
    schedule = cadence.parse(payload, format="bentley", tz="Europe/Berlin")
    assert iso(schedule.windows_between("2026-11-27T00:00+01:00", "2026-12-01T00:00+01:00")) == [
        ("2026-11-27T09:00:00+01:00", "2026-11-27T17:00:00+01:00"),
        ("2026-11-28T08:00:00+01:00", "2026-11-28T12:00:00+01:00"),
        ("2026-11-30T08:00:00+01:00", "2026-11-30T12:00:00+01:00"),
    ]


def test_the_documented_finish_and_its_exception_variant() -> None:
    assert bentley.duration(RULE, 145, "Meter") == timedelta(hours=10)
    end = bentley.finish(CALENDAR, RULE, 145, "Meter", "2026-11-23T09:00Z")
    assert end.isoformat() == "2026-11-24T11:00:00+00:00"
    tuesday_off = calendar(exceptions=[{"date": "2026-11-24T12:00:00Z", "dayTypeId": OFF}])
    end = bentley.finish(tuesday_off, RULE, 145, "Meter", datetime(2026, 11, 23, 9, tzinfo=UTC))
    assert end.isoformat() == "2026-11-25T11:00:00+00:00"
    schedule = bentley.parse_calendar(tuesday_off, tz="America/New_York")
    end = bentley.finish(schedule, RULE, 145, "Meter", "2026-11-23T09:00-05:00")
    assert end.isoformat() == "2026-11-25T11:00:00-05:00"
    with pytest.raises(cadence.ScheduleError, match="already parsed"):
        bentley.finish(schedule, RULE, 145, "Meter", "2026-11-23T09:00Z", tz="UTC")


def test_blocks_past_midnight_and_until_24_00() -> None:
    night = calendar(dayTypes=[
        {"id": OFF, "timeBlocks": []},
        {"id": WORK, "timeBlocks": [{"startTime": "22:00", "endTime": "06:00"},
                                    {"startTime": "04:00", "endTime": "08:00"}]},
    ], workingSecondsPerDay=None, exceptions=None)
    checked = check(night)
    assert checked.problems == []
    schedule = checked.schedule
    assert schedule is not None
    # Friday's night block runs into Saturday, a non-working day.
    assert schedule.is_active("2026-11-28T05:59Z")
    assert not schedule.is_active("2026-11-28T06:00Z")
    # Thursday's night block and Friday 04:00-08:00 overlap: that time counts once.
    assert schedule.working_time_between("2026-11-27T00:00Z", "2026-11-28T12:00Z") == (
        timedelta(hours=8 + 8))
    evening = bentley.parse_calendar(calendar(dayTypes=day_types(("18:00", "24:00")),
                                              workingSecondsPerDay=6 * 3600))
    assert iso([evening.window_at("2026-11-23T23:59:59Z")]) == [  # type: ignore[list-item]
        ("2026-11-23T18:00:00+00:00", "2026-11-24T00:00:00+00:00")]


def test_a_dst_calendar_keeps_wall_clock_blocks() -> None:
    every_day = dict.fromkeys(WEEK_KEYS, WORK)
    payload = calendar(week=every_day, exceptions=None, workingDaysPerWeek=7,
                       dayTypes=[{"id": WORK, "timeBlocks": [
                           {"startTime": "02:00", "endTime": "05:00"},
                           {"startTime": "09:00", "endTime": "17:00"}]}],
                       workingSecondsPerDay=11 * 3600)
    schedule = bentley.parse_calendar(payload, tz="Europe/Riga")
    # 2026-03-29: 03:00 EET jumps to 04:00 EEST, so 02:00-05:00 lasts two hours.
    assert iso(schedule.windows_between("2026-03-29T00:00+02:00", "2026-03-29T06:00+03:00")) == [
        ("2026-03-29T02:00:00+02:00", "2026-03-29T05:00:00+03:00")]
    assert schedule.working_time_between("2026-03-28T00:00+02:00", "2026-03-30T00:00+03:00") == (
        timedelta(hours=11 + 10))
    # 2026-10-25: 04:00 EEST falls back to 03:00 EET, so the block lasts four hours.
    assert schedule.working_time_between("2026-10-25T00:00+03:00", "2026-10-25T08:00+02:00") == (
        timedelta(hours=4))
    end = schedule.add_working_time("2026-03-29T02:30+02:00", timedelta(hours=2))
    assert end.isoformat() == "2026-03-29T09:30:00+03:00"


# -- durations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "quantity", "expected"),
    [
        (14.5, 145, timedelta(hours=10)),
        (3, 1, timedelta(minutes=20)),
        (0.1, 0.3, timedelta(hours=3)),  # exact: no 2.9999999 hours
        (7, 1, timedelta(microseconds=514285714)),  # 1/7 h = 514285714.28... us
        ("2.5", Decimal("5"), timedelta(hours=2)),
        (Fraction(1, 3), "1", timedelta(hours=3)),
        (14.5, 0, timedelta(0)),
        (0.1, 1, timedelta(hours=10)),
    ],
)
def test_durations_are_exact(rate: object, quantity: object, expected: timedelta) -> None:
    rule = {"rate": rate, "unit": "Each"} if not isinstance(rate, str | Fraction) else (
        bentley.Rule(Fraction(str(rate)), "Each"))
    assert bentley.duration(rule, quantity, "Each") == expected


@pytest.mark.parametrize(
    ("rule", "quantity", "unit", "error", "match"),
    [
        (RULE, 145, "Feet", bentley.UnitMismatchError, "in Feet but the rule's rate is in Meter"),
        ({"rate": 0, "unit": "Meter"}, 1, "Meter", bentley.InvalidRateError, "above 0"),
        ({"rate": -2, "unit": "Meter"}, 1, "Meter", bentley.InvalidRateError, "above 0"),
        ({"rate": "fast", "unit": "Meter"}, 1, "Meter", bentley.InvalidRateError, "number"),
        ({"unit": "Meter"}, 1, "Meter", bentley.InvalidRateError, "rate is required"),
        (bentley.Rule(Fraction(0), "Meter"), 1, "Meter", bentley.InvalidRateError, "above 0"),
        ({"rule": {**RULE["rule"], "deleted": True}}, 1, "Meter", bentley.DeletedRuleError,
         "deleted"),
        (RULE, -1, "Meter", bentley.InvalidQuantityError, "negative"),
        (RULE, "lots", "Meter", bentley.InvalidQuantityError, "finite number"),
        (RULE, float("nan"), "Meter", bentley.InvalidQuantityError, "finite number"),
        (RULE, True, "Meter", bentley.InvalidQuantityError, "finite number"),
        (RULE, 10**19, "Meter", bentley.InvalidQuantityError, "longer than"),
        # Bounded before any exact arithmetic (cadence.limits, issue 14): '1e999999' would
        # build a million-digit integer.
        (RULE, "1e999999", "Meter", bentley.InvalidQuantityError,
         r"between 1e-20 and 1e20 \(0 aside\), not one with exponent 999999"),
        (RULE, 10**30, "Meter", bentley.InvalidQuantityError, "not one with exponent 30"),
        (RULE, 10**4000, "Meter", bentley.InvalidQuantityError, "not one with exponent 4000"),
        (RULE, 1e-25, "Meter", bentley.InvalidQuantityError, "not one with exponent -25"),
        (RULE, "1.234567890123456789012345678901", "Meter", bentley.InvalidQuantityError,
         "at most 30 significant digits, not 31"),
        ({"rate": 1e-99, "unit": "Meter"}, 1, "Meter", bentley.InvalidRateError,
         "rate must be a number between 1e-20 and 1e20"),
        (bentley.Rule(Fraction(1, 10**40), "Meter"), 1, "Meter", bentley.InvalidRateError,
         "not one with exponent -40"),
        (RULE, 1, "Metre", bentley.UnknownUnitError, "did you mean 'Meter'"),
        (RULE, 1, 3, bentley.UnknownUnitError, "string"),
        ({"rate": 1, "unit": "Parsec"}, 1, "Meter", bentley.UnknownUnitError, "Parsec"),
        (bentley.Rule(Fraction(1), "Parsec"), 1, "Meter", bentley.UnknownUnitError, "Parsec"),
        (bentley.Rule(float("inf"), "Meter"), 1, "Meter",  # type: ignore[arg-type]
         bentley.InvalidRateError, "above 0"),
        ({"rate": 1, "unit": "Meter", "id": 5}, 1, "Meter", bentley.InvalidRuleError, "id"),
        ("[1, 2]", 1, "Meter", bentley.InvalidRuleError, "JSON object"),
    ],
)
def test_duration_errors(rule: object, quantity: object, unit: object,
                         error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as caught:
        bentley.duration(rule, quantity, unit)
    assert isinstance(caught.value, cadence.ScheduleError)


def test_check_rule_reports_every_problem_with_paths() -> None:
    assert check_rule(RULE) == []
    assert check_rule(json.dumps(RULE["rule"])) == []
    problems = check_rule({"rule": {"rate": True, "unit": None, "deleted": "no", "colour": 1}})
    assert [(p.path, p.code, p.severity) for p in problems] == [
        ("/rule/colour", "UNKNOWN_FIELD", "warning"),
        ("/rule/deleted", "INVALID_TYPE", "error"),
        ("/rule/rate", "INVALID_TYPE", "error"),
        ("/rule/unit", "REQUIRED", "error"),
    ]
    deleted = check_rule({"rate": 1, "unit": "Each", "deleted": True})
    assert [(p.path, p.code, p.severity) for p in deleted] == [
        ("/deleted", "DELETED_RULE", "warning")]
    assert [p.code for p in check_rule({"rule": []})] == ["INVALID_TYPE"]
    assert [p.code for p in check_rule("{")] == ["INVALID_JSON"]


def test_a_rule_is_not_a_calendar() -> None:
    checked = check(RULE)
    assert checked.schedule is None
    assert [(p.path, p.code) for p in checked.problems] == [("/rule", "NOT_A_CALENDAR")]


# -- calendar validation ----------------------------------------------------------------


def day_types(*blocks: tuple[Any, Any]) -> list[dict[str, Any]]:
    return [{"id": OFF, "timeBlocks": []},
            {"id": WORK, "timeBlocks": [{"startTime": a, "endTime": b} for a, b in blocks]}]


def dotted(path: str) -> str:
    """How the Schedules API names the field at a JSON Pointer (``target``)."""
    target = path[1:].replace("/", ".")
    for part in ("0", "1", "2"):
        target = target.replace(f".{part}.", f"[{part}].")
        if target.endswith(f".{part}"):
            target = target[: -len(part) - 1] + f"[{part}]"
    return target


@pytest.mark.parametrize(
    ("changes", "path", "code"),
    [
        ({"dayTypes": None}, "/calendar/dayTypes", "REQUIRED"),
        ({"dayTypes": {}}, "/calendar/dayTypes", "INVALID_TYPE"),
        ({"dayTypes": [*day_types(("09:00", "17:00")), 3]}, "/calendar/dayTypes/2",
         "INVALID_TYPE"),
        ({"dayTypes": [{"timeBlocks": []}, *day_types(("09:00", "17:00"))]},
         "/calendar/dayTypes/0/id", "REQUIRED"),
        ({"dayTypes": [*day_types(("09:00", "17:00")), {"id": OFF, "timeBlocks": []}]},
         "/calendar/dayTypes/2/id", "DUPLICATE_ID"),
        ({"dayTypes": [{"id": OFF}, *day_types(("09:00", "17:00"))[1:]]},
         "/calendar/dayTypes/0/timeBlocks", "REQUIRED"),
        ({"dayTypes": day_types(("25:00", "26:00"))},
         "/calendar/dayTypes/1/timeBlocks/0/startTime", "INVALID_TIME"),
        ({"dayTypes": day_types(("09:00", "17:60"))},
         "/calendar/dayTypes/1/timeBlocks/0/endTime", "INVALID_TIME"),
        ({"dayTypes": day_types(("9:00", "17:00"))},
         "/calendar/dayTypes/1/timeBlocks/0/startTime", "INVALID_TIME"),
        ({"dayTypes": day_types(("24:00", "17:00"))},
         "/calendar/dayTypes/1/timeBlocks/0/startTime", "INVALID_TIME"),
        ({"dayTypes": day_types((900, "17:00"))},
         "/calendar/dayTypes/1/timeBlocks/0/startTime", "INVALID_TYPE"),
        ({"dayTypes": day_types(("09:00", None))},
         "/calendar/dayTypes/1/timeBlocks/0/endTime", "REQUIRED"),
        ({"dayTypes": day_types(("09:00", "09:00"))},
         "/calendar/dayTypes/1/timeBlocks/0/endTime", "EMPTY_BLOCK"),
        ({"dayTypes": day_types(("13:00", "17:00"), ("09:00", "13:30"))},
         "/calendar/dayTypes/1/timeBlocks/0", "OVERLAPPING_BLOCKS"),
        ({"dayTypes": day_types(("20:00", "02:00"), ("21:00", "22:00"))},
         "/calendar/dayTypes/1/timeBlocks/1", "OVERLAPPING_BLOCKS"),
        ({"week": None}, "/calendar/week", "REQUIRED"),
        ({"week": "Mon-Fri"}, "/calendar/week", "INVALID_TYPE"),
        ({"week": {**CALENDAR["calendar"]["week"], "mondayDayTypeId": None}},
         "/calendar/week/mondayDayTypeId", "REQUIRED"),
        ({"week": {**CALENDAR["calendar"]["week"], "fridayDayTypeId": "nope"}},
         "/calendar/week/fridayDayTypeId", "UNKNOWN_DAY_TYPE"),
        ({"exceptions": {}}, "/calendar/exceptions", "INVALID_TYPE"),
        ({"exceptions": ["2024-04-03"]}, "/calendar/exceptions/0", "INVALID_TYPE"),
        ({"exceptions": [{"date": "2024-04-03T12:00:00Z", "dayTypeId": "holiday"}]},
         "/calendar/exceptions/0/dayTypeId", "UNKNOWN_DAY_TYPE"),
        ({"exceptions": [{"date": "2024-02-30T12:00:00Z", "dayTypeId": OFF}]},
         "/calendar/exceptions/0/date", "INVALID_DATE"),
        ({"exceptions": [{"date": "April 3rd", "dayTypeId": OFF}]},
         "/calendar/exceptions/0/date", "INVALID_DATE"),
        ({"exceptions": [{"dayTypeId": OFF}]},
         "/calendar/exceptions/0/date", "REQUIRED"),
        ({"exceptions": [{"date": "2024-04-03T12:00:00Z", "dayTypeId": OFF},
                         {"date": "2024-04-03T00:00:00Z", "dayTypeId": WORK}]},
         "/calendar/exceptions/1/date", "DUPLICATE_EXCEPTION"),
        ({"workingDaysPerWeek": "5"}, "/calendar/workingDaysPerWeek", "INVALID_TYPE"),
        ({"workingDaysPerWeek": 8}, "/calendar/workingDaysPerWeek", "INVALID_VALUE"),
        ({"workingSecondsPerDay": -1}, "/calendar/workingSecondsPerDay", "INVALID_VALUE"),
        ({"name": 7}, "/calendar/name", "INVALID_TYPE"),
        ({"week": dict.fromkeys(WEEK_KEYS, OFF), "exceptions": None,
          "workingDaysPerWeek": None, "workingSecondsPerDay": None},
         "/calendar", "NO_WORKING_TIME"),
    ],
)
def test_each_calendar_error_is_reported_at_its_path(
    changes: dict[str, Any], path: str, code: str
) -> None:
    payload = calendar(**changes)
    checked = check(payload)
    assert checked.schedule is None
    errors = [p for p in checked.problems if p.is_error]
    assert (path, code) in [(p.path, p.code) for p in errors]
    body = envelope(checked.problems)
    assert body["error"] == {"code": "InvalidSchedulesRequest", "message": errors[0].message,
                             "target": dotted(errors[0].path)}
    assert {"path": path, "code": code,
            "message": errors[[p.path for p in errors].index(path)].message} in body["problems"]
    with pytest.raises(cadence.InvalidPayloadError):
        cadence.parse(payload, format="bentley")


def test_all_problems_are_reported_at_once() -> None:
    payload = calendar(
        dayTypes=day_types(("09:00", "25:00")),
        week={**CALENDAR["calendar"]["week"], "sundayDayTypeId": "x", "colour": "red"},
        exceptions=[{"date": "nope", "dayTypeId": "y"}],
    )
    found = {(p.path, p.code) for p in check(payload).problems}
    assert found >= {
        ("/calendar/dayTypes/1/timeBlocks/0/endTime", "INVALID_TIME"),
        ("/calendar/week/sundayDayTypeId", "UNKNOWN_DAY_TYPE"),
        ("/calendar/week/colour", "UNKNOWN_FIELD"),
        ("/calendar/exceptions/0/date", "INVALID_DATE"),
        ("/calendar/exceptions/0/dayTypeId", "UNKNOWN_DAY_TYPE"),
    }


def test_bare_calendar_objects_and_json_text_are_accepted() -> None:
    bare = check(CALENDAR["calendar"])
    assert bare.problems == []
    assert check(json.dumps(CALENDAR)).schedule == bare.schedule
    bad = check({**CALENDAR["calendar"], "week": None})
    assert [p.path for p in bad.problems] == ["/week"]
    assert envelope(bad.problems)["error"]["target"] == "week"


@pytest.mark.parametrize(
    ("payload", "code"),
    [("{", "INVALID_JSON"), ("[]", "INVALID_TYPE"), (None, "INVALID_TYPE"),
     ({"calendar": None}, "REQUIRED"), ({"calendar": 3}, "INVALID_TYPE")],
)
def test_payloads_that_are_not_calendars(payload: object, code: str) -> None:
    checked = check(payload)
    assert checked.schedule is None
    assert [p.code for p in checked.problems] == [code]


def test_a_bad_zone_is_an_error() -> None:
    checked = check(CALENDAR, tz="Mars/Olympus")
    assert checked.schedule is None
    assert [p.code for p in checked.problems] == ["INVALID_TIME_ZONE"]


# -- warnings -------------------------------------------------------------------------


def test_derived_figures_that_disagree_with_the_blocks_are_warnings() -> None:
    checked = check(calendar(workingDaysPerWeek=6, workingSecondsPerDay=30000))
    assert checked.schedule is not None
    assert [(p.path, p.code, p.severity) for p in checked.problems] == [
        ("/calendar/workingDaysPerWeek", "WORKING_DAYS_MISMATCH", "warning"),
        ("/calendar/workingSecondsPerDay", "WORKING_SECONDS_MISMATCH", "warning"),
    ]
    days, seconds = (p.message for p in checked.problems)
    assert "give 5 working day(s) (Monday, Tuesday, Wednesday, Thursday, Friday)" in days
    assert "give 28800 seconds per working day" in seconds
    uneven = calendar(
        dayTypes=[*day_types(("09:00", "17:00")),
                  {"id": "short", "timeBlocks": [{"startTime": "09:00", "endTime": "13:00"}]}],
        week={**CALENDAR["calendar"]["week"], "fridayDayTypeId": "short"},
    )
    message = next(p.message for p in check(uneven).problems)
    assert "Monday 28800 s" in message
    assert "Friday 14400 s" in message
    with pytest.raises(cadence.ScheduleError, match="no error among the problems"):
        envelope(check(uneven).problems)  # warnings alone: no error body


def test_other_warnings() -> None:
    payload = calendar(colour="blue", dayTypes=[
        {"id": OFF, "type": "NonWorking", "timeBlocks": [
            {"startTime": "10:00", "endTime": "11:00", "note": 1}]},
        {"id": WORK, "type": "Normal", "timeBlocks": [{"startTime": "09:00", "endTime": "17:00"}]},
        {"id": "idle", "type": "Normal", "timeBlocks": []},
        {"id": "odd", "type": "Holiday", "timeBlocks": []},
    ], workingDaysPerWeek=None, workingSecondsPerDay=None)
    payload["extra"] = 1
    checked = check(payload)
    assert checked.schedule is not None
    assert [(p.path, p.code) for p in checked.problems if not p.is_error] == [
        ("/extra", "UNKNOWN_FIELD"),
        ("/calendar/colour", "UNKNOWN_FIELD"),
        ("/calendar/dayTypes/0/timeBlocks/0/note", "UNKNOWN_FIELD"),
        ("/calendar/dayTypes/0/timeBlocks", "NON_WORKING_WITH_BLOCKS"),
        ("/calendar/dayTypes/2/timeBlocks", "NORMAL_WITHOUT_BLOCKS"),
        ("/calendar/dayTypes/3/type", "UNKNOWN_DAY_TYPE_KIND"),
    ]
    assert all(not p.is_error for p in checked.problems)
    # The NonWorking day type's block is still working time (blocks decide).
    assert checked.schedule.is_active("2026-11-22T10:30Z")


def test_envelope_shape() -> None:
    """Seed 001, "Error": "Contains error information." with ``code`` ("One of a
    server-defined set of error codes."), ``target`` ("The target of the error.") and
    ``message`` ("A human-readable representation of the error."); "Error Response":
    ``error``, "Error information." The 404 sample: ``{"error": {"code":
    "ScheduleNotFound", "message": "Requested Schedule is not available.", "target":
    "scheduleId"}}``. One error in the vendor's body; cadence's list beside it."""
    problems = check(calendar(week=None, name=1)).problems
    assert envelope(problems) == {
        "error": {"code": "InvalidSchedulesRequest",
                  "message": "calendar: name must be a string, not a number",
                  "target": "calendar.name"},
        "problems": [
            {"path": "/calendar/name", "code": "INVALID_TYPE",
             "message": "calendar: name must be a string, not a number"},
            {"path": "/calendar/week", "code": "REQUIRED",
             "message": "week is required: the day type of each weekday"},
        ],
    }
    assert envelope(check("[]").problems)["error"]["target"] is None
    with pytest.raises(cadence.ScheduleError, match="no error"):
        envelope([])
    assert cadence.envelope(problems, "bentley") == envelope(problems)


# -- properties -------------------------------------------------------------------------

ZONES = ("UTC", "Europe/Riga", "America/New_York", "Australia/Lord_Howe")


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def blocks(draw: st.DrawFn) -> list[dict[str, str]]:
    points = sorted(draw(st.sets(st.integers(0, 96), max_size=6)))
    points = [15 * point for point in points]
    found = [{"startTime": hhmm(a), "endTime": hhmm(b)}
             for a, b in zip(points[::2], points[1::2], strict=False)]
    last = points[-1] if points else 0
    if last < 1440 - 15 and draw(st.booleans()):  # one block past midnight
        start = draw(st.integers(last // 15, 95)) * 15
        if start > 0:
            end = draw(st.integers(0, start // 15 - 1)) * 15
            found.append({"startTime": hhmm(start), "endTime": hhmm(end)})
    return found


@st.composite
def calendars(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 3))
    ids = [f"type-{index}" for index in range(count)]
    types = [{"id": ident, "type": "Normal", "timeBlocks": draw(blocks())} for ident in ids]
    week = {key: draw(st.sampled_from(ids)) for key in WEEK_KEYS}
    days = draw(st.sets(st.dates(date(2026, 1, 1), date(2026, 12, 31)), max_size=6))
    exceptions = [{"date": f"{day.isoformat()}T12:00:00Z", "dayTypeId": draw(st.sampled_from(ids))}
                  for day in sorted(days)]
    return {"calendar": {"dayTypes": types, "week": week, "exceptions": exceptions}}


moments = st.datetimes(datetime(2026, 1, 1), datetime(2026, 12, 20), timezones=st.just(UTC))


@settings(max_examples=60, deadline=None)
@given(calendars(), st.sampled_from(ZONES), moments,
       st.timedeltas(timedelta(0), timedelta(hours=60)))
def test_adding_working_time_then_measuring_it_gives_it_back(
    payload: dict[str, Any], zone: str, start: datetime, amount: timedelta
) -> None:
    schedule = check(payload, tz=zone).schedule
    assume(schedule is not None)
    assert schedule is not None
    try:
        end = schedule.add_working_time(start, amount)
    except cadence.ScheduleError:
        # Only exception days work and they hold less than ``amount`` after ``start``
        # (found by Hypothesis): the refusal must be true, and there is nothing to measure.
        assert schedule.working_time_between(start, "9999-12-30T00:00Z") < amount
        return
    assert end >= start
    assert schedule.working_time_between(start, end) == amount


@settings(max_examples=60, deadline=None)
@given(calendars(), st.sampled_from(ZONES), moments)
def test_is_active_agrees_with_window_at_and_working_time(
    payload: dict[str, Any], zone: str, moment: datetime
) -> None:
    schedule = check(payload, tz=zone).schedule
    assume(schedule is not None)
    assert schedule is not None
    window = schedule.window_at(moment)
    assert schedule.is_active(moment) == (window is not None)
    if window is not None:
        assert window[0] <= moment < window[1]
    tick = timedelta(microseconds=1)
    assert schedule.working_time_between(moment, moment + tick) == (
        tick if window is not None else timedelta(0))


BAD_TIMES = st.sampled_from(["24:00", "25:00", "09:60", "9:00", "", None, 900, "00:00"])


@st.composite
def maybe_broken_calendars(draw: st.DrawFn) -> dict[str, Any]:
    payload = draw(calendars())
    cal = payload["calendar"]
    choice = draw(st.integers(0, 5))
    if choice == 1 and cal["dayTypes"][0]["timeBlocks"]:
        cal["dayTypes"][0]["timeBlocks"][0]["startTime"] = draw(BAD_TIMES)
    elif choice == 2:
        cal["week"]["mondayDayTypeId"] = draw(st.sampled_from(["type-0", "type-9", None, 1]))
    elif choice == 3 and cal["exceptions"]:
        cal["exceptions"].append(dict(cal["exceptions"][0]))
    elif choice == 4:
        cal["workingSecondsPerDay"] = draw(st.integers(-1, 90000))
        cal["workingDaysPerWeek"] = draw(st.integers(-1, 8))
    elif choice == 5:
        cal["dayTypes"].append({"id": draw(st.sampled_from(["type-0", "new"])),
                                "timeBlocks": draw(blocks())})
    return payload


@settings(max_examples=150, deadline=None)
@given(maybe_broken_calendars())
def test_a_schedule_exactly_when_there_is_no_error(payload: dict[str, Any]) -> None:
    checked = check(payload)
    has_error = any(p.is_error for p in checked.problems)
    assert (checked.schedule is not None) == (not has_error)
    assert all(p.path == "" or p.path.startswith("/") for p in checked.problems)
    if has_error:
        assert envelope(checked.problems)["error"]["code"] == "InvalidSchedulesRequest"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from([*CALENDAR_FIELDS, "calendar", "rule", "x", "date",
                                        "dayTypeId", "timeBlocks", "startTime", "rate"]),
                      inner, max_size=5),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_check_never_raises_for_any_json_value(payload: object) -> None:
    checked = check(payload)
    assert (checked.schedule is not None) == (not any(p.is_error for p in checked.problems))
    check_rule(payload)
    check(json.dumps(payload))


def test_a_rate_beyond_the_bounds_is_a_problem_at_its_path() -> None:
    """cadence.limits.MAX_QUANTITY_EXPONENT: a rate of 1e-99 units per hour would make
    every duration a computation on 100-digit numbers."""
    assert [(p.path, p.code, p.message) for p in check_rule({"rule": {
        "rate": 1e-99, "unit": "Meter"}})] == [
        ("/rule/rate", "NUMBER_OUT_OF_RANGE",
         "rule: rate must be a number between 1e-20 and 1e20 (0 aside), not one with "
         "exponent -99")]


def test_cadence_finish_refuses_a_huge_quantity_at_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cadence.cli import main

    (tmp_path / "rule.json").write_text(json.dumps(RULE), encoding="utf-8")
    (tmp_path / "calendar.json").write_text(json.dumps(CALENDAR), encoding="utf-8")
    code = main(["finish", "--calendar", str(tmp_path / "calendar.json"), "--rule",
                 str(tmp_path / "rule.json"), "--quantity", "1e999999", "--at",
                 "2026-01-01T00:00Z"])
    # Checked as the command line is read, before either file is (issue 15).
    assert code == 2
    assert capsys.readouterr().err.endswith(
        "cadence finish: error: argument --quantity: the quantity must be a number between "
        "1e-20 and 1e20 (0 aside), not one with exponent 999999\n")


# -- the size of the rules a calendar makes (cadence.limits) ---------------------------


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def many_blocks_calendar(blocks: int, months: int, *, week_type: str = OFF,
                         exception_type: str = "shifts") -> dict[str, Any]:
    """One-second blocks (at even seconds) on a day type that ``months`` exceptions, one
    in each month from 2000-01, re-type to (or ``exception_type``)."""
    times = [{"startTime": _clock(2 * i), "endTime": _clock(2 * i + 1)} for i in range(blocks)]
    exceptions = [{"date": f"{2000 + i // 12:04d}-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                   "dayTypeId": exception_type} for i in range(months)]
    week = dict.fromkeys(WEEK_KEYS, OFF) | {"mondayDayTypeId": week_type}
    return {"calendar": {
        "dayTypes": [{"id": OFF, "type": "NonWorking", "timeBlocks": []},
                     {"id": "shifts", "type": "Normal", "timeBlocks": times}],
        "week": week, "exceptions": exceptions}}


@pytest.mark.parametrize("size", [300, 1000])
def test_blocks_times_exception_months_are_bounded_before_any_rule_is_built(
        size: int) -> None:
    """cadence.limits.MAX_CALENDAR_RULES: a rule has one time block and days that are a
    product of years, months and days, so 300 blocks re-typed in 300 months made 90,000
    rules (3 s, 159 MB), 1,000 x 1,000 (a 95 KB payload) 1.5 GB."""
    import tracemalloc

    from cadence import limits

    payload = many_blocks_calendar(size, size)
    assert len(json.dumps(payload)) < limits.MAX_PAYLOAD_BYTES
    tracemalloc.start()
    try:
        problems = cadence.validate(payload, "bentley")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000
    assert [(p.path, p.code) for p in problems] == [("/calendar/exceptions",
                                                     "CALENDAR_TOO_LARGE")]
    assert f"the calendar makes {size * size} rules" in problems[0].message
    assert f"at most {limits.MAX_CALENDAR_RULES}" in problems[0].message
    with pytest.raises(cadence.InvalidPayloadError):
        cadence.parse(payload, format="bentley")


def test_a_calendar_at_the_rule_limit_agrees_with_a_small_equivalent() -> None:
    from cadence import limits

    # 100 blocks on Mondays and in 99 exception months: 100 + 100 * 99 rules.
    payload = many_blocks_calendar(100, 99, week_type="shifts")
    schedule = cadence.parse(payload, format="bentley")
    assert len(schedule.recurrence.rules) == limits.MAX_CALENDAR_RULES
    one_more = many_blocks_calendar(100, 100, week_type="shifts")
    assert [p.code for p in cadence.validate(one_more, "bentley")] == ["CALENDAR_TOO_LARGE"]
    blocks = [(_clock(2 * i), _clock(2 * i + 1)) for i in range(100)]
    for index in (0, 62, 93):  # exception dates, each checked against itself alone
        small = many_blocks_calendar(100, 0, week_type="shifts")
        small["calendar"]["exceptions"] = [payload["calendar"]["exceptions"][index]]
        day = date.fromisoformat(small["calendar"]["exceptions"][0]["date"])
        for moment in (day, day + timedelta(days=1), day + timedelta(days=7)):
            start, end = f"{moment}T00:00Z", f"{moment}T23:59Z"
            got = schedule.windows_between(start, end)
            assert got == cadence.parse(small, format="bentley").windows_between(start, end)
            if moment == day or moment.weekday() == 0:
                assert [(a.strftime("%H:%M:%S"), b.strftime("%H:%M:%S"))
                        for a, b in got] == blocks
            else:
                assert got == []


def test_blocks_times_the_exception_dates_they_skip_are_bounded() -> None:
    """cadence.limits.MAX_CALENDAR_SKIPS: each weekly block's rule lists the exception
    dates on its weekdays; 1,000 blocks and 10,000 exceptions took 75 s."""
    from cadence import limits

    payload = many_blocks_calendar(1000, 0, week_type="shifts")
    first = date(2000, 1, 3)  # a Monday
    payload["calendar"]["exceptions"] = [
        {"date": (first + timedelta(weeks=i)).isoformat(), "dayTypeId": OFF}
        for i in range(limits.MAX_CALENDAR_SKIPS // 1000 + 1)]
    problems = cadence.validate(payload, "bentley")
    assert [(p.path, p.code) for p in problems] == [("/calendar/exceptions",
                                                     "CALENDAR_TOO_LARGE")]
    assert "skip 101000 exception dates" in problems[0].message
    payload["calendar"]["exceptions"].pop()
    assert cadence.validate(payload, "bentley") == []


# -- messages name bad values without repr ------------------------------------------

_HUGE = 10**5000  # repr() of a container holding it raises ValueError (4,300 digits)
_METER_RULE = {"rate": 1, "unit": "Meter"}


@pytest.mark.parametrize("call", [
    pytest.param(lambda: bentley.duration(_METER_RULE, [_HUGE], "Meter"), id="quantity-list"),
    pytest.param(lambda: bentley.duration(_METER_RULE, {"x": _HUGE}, "Meter"),
                 id="quantity-object"),
    pytest.param(lambda: bentley.duration(_METER_RULE, 1, [_HUGE]), id="unit-list"),
    pytest.param(lambda: bentley.duration([_HUGE], 1, "Meter"), id="rule-list"),
    pytest.param(lambda: bentley.duration({"x": _HUGE}, 1, "Meter"), id="rule-object"),
    pytest.param(lambda: bentley.parse_rule([_HUGE]), id="parse-list"),
    pytest.param(lambda: bentley.parse_rule({"x": _HUGE}), id="parse-object"),
    pytest.param(lambda: bentley.parse_rule(bentley.Rule([_HUGE], "Meter")),  # type: ignore[arg-type]
                 id="rule-rate-list"),
    pytest.param(lambda: bentley.parse_rule(bentley.Rule({"x": _HUGE}, "Meter")),  # type: ignore[arg-type]
                 id="rule-rate-object"),
    pytest.param(lambda: bentley.parse_rule(bentley.Rule(Fraction(1), [_HUGE])),  # type: ignore[arg-type]
                 id="rule-unit-list"),
    pytest.param(lambda: bentley.duration({"rate": 1, "unit": "Meter", "deleted": True,
                                           "id": "x" * 10_000}, 1, "Meter"), id="long-id"),
])
def test_bad_values_are_named_in_short_messages_never_by_repr(call: Any) -> None:
    with pytest.raises(cadence.ScheduleError) as caught:
        call()
    assert len(str(caught.value)) < 400
    assert "0000000000" not in str(caught.value)
