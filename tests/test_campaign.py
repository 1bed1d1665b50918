"""SailPoint campaign-template schedules: occurrences, every rejection, the 400 envelope."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cadence
from cadence._calendar import fires_on_some_day
from cadence._zones import zone_name
from cadence.formats import _campaign as campaign_module
from cadence.formats.campaign import JAVA_SHORT_IDS, check, envelope
from cadence.ir import MonthDays
from cadence.validate import Problem

JSON = dict[str, Any]
AFTER = "2026-11-22T00:00Z"
END = "END"  # no further occurrence


def sel(*values: object, kind: str = "LIST", interval: object = None) -> JSON:
    selector: JSON = {"type": kind, "values": list(values)}
    if interval is not None:
        selector["interval"] = interval
    return selector


def rng(start: object, end: object, interval: object = None) -> JSON:
    return sel(start, end, kind="RANGE", interval=interval)


def payload(kind: str = "MONTHLY", **fields: object) -> JSON:
    base: JSON = {"type": kind, "hours": sel("17"), "days": sel("15")}
    for name, value in fields.items():
        if value is ...:
            base.pop(name, None)
        else:
            base[name] = value
    return base


def occurrences(body: object, after: str = AFTER, count: int = 4) -> list[str]:
    checked = check(body)
    errors = [problem for problem in checked.problems if problem.is_error]
    assert not errors
    assert checked.schedule is not None
    stream = checked.schedule.iter_after(after)
    return [moment.isoformat() for moment in (next(stream, None) for _ in range(count))
            if moment is not None]


def codes(body: object) -> list[tuple[str, str, str]]:
    return [(p.severity, p.path, p.code) for p in check(body).problems]


# -- the five official examples ----------------------------------------------------------

OFFICIAL = [
    ('{"type":"MONTHLY","hours":{"type":"LIST","values":["17"]},'
     '"days":{"type":"LIST","values":["15"]}}',
     ["2026-12-15T17:00:00+00:00", "2027-01-15T17:00:00+00:00",
      "2027-02-15T17:00:00+00:00", "2027-03-15T17:00:00+00:00"]),
    ('{"type":"ANNUALLY","hours":{"type":"LIST","values":["0"]},'
     '"days":{"type":"LIST","values":["--01-01"]}}',
     ["2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00",
      "2029-01-01T00:00:00+00:00", "2030-01-01T00:00:00+00:00"]),
    ('{"type":"ANNUALLY","hours":{"type":"LIST","values":["1"]},'
     '"days":{"type":"LIST","values":["1"]},'
     '"months":{"type":"LIST","values":["1"],"interval":3}}',
     ["2027-01-01T01:00:00+00:00", "2027-04-01T01:00:00+00:00",
      "2027-07-01T01:00:00+00:00", "2027-10-01T01:00:00+00:00"]),
    ('{"type":"ANNUALLY","hours":{"type":"LIST","values":["1"]},'
     '"days":{"type":"LIST","values":["--03-12","--12-05"]}}',
     ["2026-12-05T01:00:00+00:00", "2027-03-12T01:00:00+00:00",
      "2027-12-05T01:00:00+00:00", "2028-03-12T01:00:00+00:00"]),
    ('{"type":"CALENDAR","hours":{"type":"LIST","values":["1"]},'
     '"days":{"type":"LIST","values":["2020-02-18"]}}',
     []),
]


@pytest.mark.parametrize(("text", "expected"), OFFICIAL)
def test_official_examples_fire_when_the_docs_say(text: str, expected: list[str]) -> None:
    assert occurrences(text) == expected
    assert occurrences(json.loads(text)) == expected


def test_the_calendar_example_fires_once_on_its_date() -> None:
    assert occurrences(OFFICIAL[4][0], after="2020-01-01T00:00Z") == [
        "2020-02-18T01:00:00+00:00"]


def test_cst_is_chicago_with_its_daylight_saving_time() -> None:
    # America/Chicago: CDT from 2027-03-14 02:00 (-06:00 -> -05:00).
    body = json.loads(OFFICIAL[0][0]) | {"timeZoneId": "CST"}
    assert occurrences(body) == [
        "2026-12-15T17:00:00-06:00", "2027-01-15T17:00:00-06:00",
        "2027-02-15T17:00:00-06:00", "2027-03-15T17:00:00-05:00"]


def test_a_skipped_hour_fires_right_after_the_jump() -> None:
    # America/Chicago 2027-03-14: 02:00 CST -> 03:00 CDT; 02:00 does not exist that day.
    body = payload("WEEKLY", days=sel("1"), hours=sel("2"), timeZoneId="CST")
    assert occurrences(body, after="2027-03-07T03:00-06:00", count=2) == [
        "2027-03-14T03:00:00-05:00", "2027-03-21T02:00:00-05:00"]


# -- the forms of every field ------------------------------------------------------------

FORMS = [
    # (fields, after, expected occurrences)
    ({"hours": sel("8", interval=3)}, "2026-11-15T00:00Z",
     ["2026-11-15T08:00:00+00:00", "2026-11-15T11:00:00+00:00", "2026-11-15T14:00:00+00:00",
      "2026-11-15T17:00:00+00:00", "2026-11-15T20:00:00+00:00", "2026-11-15T23:00:00+00:00",
      "2026-12-15T08:00:00+00:00"]),
    ({"hours": sel("5", "12", "17")}, "2026-11-15T00:00Z",
     ["2026-11-15T05:00:00+00:00", "2026-11-15T12:00:00+00:00",
      "2026-11-15T17:00:00+00:00"]),
    ({"hours": rng("9", "17", interval=4)}, "2026-11-15T00:00Z",
     ["2026-11-15T09:00:00+00:00", "2026-11-15T13:00:00+00:00",
      "2026-11-15T17:00:00+00:00", "2026-12-15T09:00:00+00:00"]),
    ({"hours": rng("22", "3", interval=2)}, "2026-11-14T00:00Z",
     ["2026-11-15T00:00:00+00:00", "2026-11-15T02:00:00+00:00",
      "2026-11-15T22:00:00+00:00", "2026-12-15T00:00:00+00:00"]),
    ({"days": sel("L")}, AFTER,
     ["2026-11-30T17:00:00+00:00", "2026-12-31T17:00:00+00:00",
      "2027-01-31T17:00:00+00:00", "2027-02-28T17:00:00+00:00"]),
    ({"days": sel("L-1")}, AFTER,
     ["2026-11-29T17:00:00+00:00", "2026-12-30T17:00:00+00:00",
      "2027-01-30T17:00:00+00:00", "2027-02-27T17:00:00+00:00"]),
    ({"days": rng("20", "L"), "hours": sel("0")}, "2027-02-26T12:00Z",
     ["2027-02-27T00:00:00+00:00", "2027-02-28T00:00:00+00:00",
      "2027-03-20T00:00:00+00:00"]),
    ({"days": rng("20", "L-1"), "hours": sel("0")}, "2028-02-26T12:00Z",
     ["2028-02-27T00:00:00+00:00", "2028-02-28T00:00:00+00:00",
      "2028-03-20T00:00:00+00:00"]),
    ({"days": rng("20", "L-1"), "hours": sel("0")}, "2027-02-26T12:00Z",
     ["2027-02-27T00:00:00+00:00", "2027-03-20T00:00:00+00:00"]),
    ({"days": rng("L-2", "L"), "hours": sel("0")}, "2027-02-25T12:00Z",
     ["2027-02-26T00:00:00+00:00", "2027-02-27T00:00:00+00:00",
      "2027-02-28T00:00:00+00:00", "2027-03-29T00:00:00+00:00"]),
    ({"days": sel("1", interval=10), "hours": sel("0")}, "2026-12-01T12:00Z",
     ["2026-12-11T00:00:00+00:00", "2026-12-21T00:00:00+00:00",
      "2026-12-31T00:00:00+00:00", "2027-01-01T00:00:00+00:00"]),
    ({"days": rng("30", "2"), "hours": sel("0")}, "2027-02-26T12:00Z",
     ["2027-03-01T00:00:00+00:00", "2027-03-02T00:00:00+00:00",
      "2027-03-30T00:00:00+00:00"]),
    ({"days": rng("L-1", "2"), "hours": sel("0")}, "2027-02-26T12:00Z",
     ["2027-02-27T00:00:00+00:00", "2027-02-28T00:00:00+00:00",
      "2027-03-01T00:00:00+00:00", "2027-03-02T00:00:00+00:00",
      "2027-03-30T00:00:00+00:00"]),
    ({"days": rng("L-1", "3", interval=2), "hours": sel("0")}, "2027-02-26T12:00Z",
     ["2027-02-27T00:00:00+00:00", "2027-03-01T00:00:00+00:00",
      "2027-03-03T00:00:00+00:00", "2027-03-30T00:00:00+00:00"]),
    ({"days": rng("L-4", "L", interval=2), "hours": sel("0")}, "2027-02-22T12:00Z",
     ["2027-02-24T00:00:00+00:00", "2027-02-26T00:00:00+00:00",
      "2027-02-28T00:00:00+00:00", "2027-03-27T00:00:00+00:00"]),
    ({"days": sel("L-6", interval=3), "hours": sel("0")}, "2027-02-21T12:00Z",
     ["2027-02-22T00:00:00+00:00", "2027-02-25T00:00:00+00:00",
      "2027-02-28T00:00:00+00:00", "2027-03-25T00:00:00+00:00"]),
    # WEEKLY: 1 = Sunday; 2026-11-22 is a Sunday.
    ({"type": "WEEKLY", "days": sel("1", "7"), "hours": sel("0")}, AFTER,
     ["2026-11-28T00:00:00+00:00", "2026-11-29T00:00:00+00:00",
      "2026-12-05T00:00:00+00:00"]),
    ({"type": "WEEKLY", "days": rng("2", "6", interval=2), "hours": sel("0")}, AFTER,
     ["2026-11-23T00:00:00+00:00", "2026-11-25T00:00:00+00:00",
      "2026-11-27T00:00:00+00:00", "2026-11-30T00:00:00+00:00"]),
    ({"type": "ANNUALLY", "months": rng("7", "12", interval=2), "days": sel("1"),
      "hours": sel("0")}, AFTER,
     ["2027-07-01T00:00:00+00:00", "2027-09-01T00:00:00+00:00",
      "2027-11-01T00:00:00+00:00", "2028-07-01T00:00:00+00:00"]),
    ({"type": "ANNUALLY", "months": sel("2", "3"), "days": sel("L"), "hours": sel("0")},
     AFTER,
     ["2027-02-28T00:00:00+00:00", "2027-03-31T00:00:00+00:00",
      "2028-02-29T00:00:00+00:00"]),
    ({"type": "ANNUALLY", "days": sel("--02-29"), "hours": sel("0")}, AFTER,
     ["2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00"]),
    ({"type": "CALENDAR", "days": sel("2027-05-02", "2027-05-09", "2026-12-24"),
      "hours": sel("6")}, AFTER,
     ["2026-12-24T06:00:00+00:00", "2027-05-02T06:00:00+00:00",
      "2027-05-09T06:00:00+00:00", END]),
    # expiration: "the time after which this schedule will no longer occur" (inclusive)
    ({"expiration": "2027-01-15T16:59:59Z"}, AFTER, ["2026-12-15T17:00:00+00:00", END]),
    ({"expiration": "2027-01-15T17:00:00Z"}, AFTER,
     ["2026-12-15T17:00:00+00:00", "2027-01-15T17:00:00+00:00", END]),
    ({"expiration": "2027-01-15T17:00:01Z"}, AFTER,
     ["2026-12-15T17:00:00+00:00", "2027-01-15T17:00:00+00:00", END]),
    ({"expiration": "2027-01-15T11:00:00", "timeZoneId": "America/Chicago"}, AFTER,
     ["2026-12-15T17:00:00-06:00", END]),
    ({"expiration": "2027-01-15T11:00:01-06:00", "timeZoneId": "America/Chicago"}, AFTER,
     ["2026-12-15T17:00:00-06:00", END]),
    ({"expiration": "2027-01-15T16:59:59.999-06:00", "timeZoneId": "America/Chicago"}, AFTER,
     ["2026-12-15T17:00:00-06:00", END]),
    ({"expiration": "2027-01-15T17:00:00", "timeZoneId": "America/Chicago"}, AFTER,
     ["2026-12-15T17:00:00-06:00", "2027-01-15T17:00:00-06:00", END]),
    ({"expiration": "2027-01-15T17:00:01-06:00", "timeZoneId": "America/Chicago"}, AFTER,
     ["2026-12-15T17:00:00-06:00", "2027-01-15T17:00:00-06:00", END]),
]


@pytest.mark.parametrize(("fields", "after", "expected"), FORMS)
def test_each_field_form_fires_as_documented(
    fields: JSON, after: str, expected: list[str]
) -> None:
    """``END`` closes a finite stream: nothing follows the occurrences listed before it."""
    body = payload() | fields
    found = occurrences(body, after=after, count=len(expected))
    assert found == [moment for moment in expected if moment != END]


def test_two_annual_dates_are_a_union_never_a_cross_product() -> None:
    schedule = check(payload("ANNUALLY", hours=sel("1"), days=sel("--03-12", "--12-05"))
                     ).schedule
    assert schedule is not None
    assert [(rule.months, rule.month_days) for rule in schedule.rules] == [
        ((3,), MonthDays(days=(12,))), ((12,), MonthDays(days=(5,)))]
    assert not schedule.matches("2026-03-05T01:00Z")
    assert not schedule.matches("2026-12-12T01:00Z")


def test_calendar_dates_of_one_month_share_a_rule() -> None:
    schedule = check(payload("CALENDAR", days=sel("2027-05-09", "2027-05-02", "2028-05-02"))
                     ).schedule
    assert schedule is not None
    assert [(rule.years, rule.months, rule.month_days) for rule in schedule.rules] == [
        ((2027,), (5,), MonthDays(days=(2, 9))), ((2028,), (5,), MonthDays(days=(2,)))]


def test_occurrences_are_on_the_hour_with_fixed_time_rules() -> None:
    schedule = check(payload()).schedule
    assert schedule is not None
    rule = schedule.rule
    assert (rule.seconds, rule.minutes, rule.fixed_time) == ((0,), (0,), True)


# -- zones ---------------------------------------------------------------------------------

ZONES = [
    ("CST", "America/Chicago"), ("PST", "America/Los_Angeles"), ("IST", "Asia/Kolkata"),
    ("JST", "Asia/Tokyo"), ("ECT", "Europe/Paris"), ("EST", "Etc/GMT+5"),
    ("MST", "Etc/GMT+7"), ("HST", "Etc/GMT+10"), ("Europe/Riga", "Europe/Riga"),
    ("UTC", "UTC"),
]


@pytest.mark.parametrize(("zone_id", "key"), ZONES)
def test_time_zone_ids_are_java_short_ids_or_iana_names(zone_id: str, key: str) -> None:
    schedule = check(payload(timeZoneId=zone_id)).schedule
    assert schedule is not None
    assert zone_name(schedule.tz) == key


def test_est_is_a_fixed_offset_as_in_java() -> None:
    assert occurrences(payload(timeZoneId="EST"), after="2027-06-01T00:00Z", count=1) == [
        "2027-06-15T17:00:00-05:00"]


def test_every_java_short_id_resolves() -> None:
    assert len(JAVA_SHORT_IDS) == 28
    for zone_id in JAVA_SHORT_IDS:
        assert check(payload(timeZoneId=zone_id)).schedule is not None, zone_id


def test_zone_precedence_is_time_zone_id_then_tz_then_utc() -> None:
    def key(body: JSON, tz: str | None) -> str:
        schedule = check(body, tz=tz).schedule
        assert schedule is not None
        return zone_name(schedule.tz)

    assert key(payload(timeZoneId="JST"), "Europe/Berlin") == "Asia/Tokyo"
    assert key(payload(), "Europe/Berlin") == "Europe/Berlin"
    assert key(payload(), None) == "UTC"


def test_a_bad_tz_argument_is_a_problem_not_an_exception() -> None:
    assert codes(payload()) == []
    assert [p.code for p in check(payload(), tz="Mars/Base").problems] == ["UNKNOWN_ZONE"]


# -- rejections ------------------------------------------------------------------------------

REJECTIONS: list[tuple[str, object, str, str]] = [
    # (why, payload, path, code)
    ("payload not an object", [], "", "INVALID_TYPE"),
    ("payload not JSON", "{nope", "", "INVALID_JSON"),
    ("missing type", payload(type=...), "/type", "MISSING_FIELD"),
    ("null type", payload(type=None), "/type", "MISSING_FIELD"),
    ("type not a string", payload(type=3), "/type", "INVALID_TYPE"),
    ("unknown type", payload("HOURLY"), "/type", "UNKNOWN_TYPE"),
    ("DAILY is not a type", payload("DAILY"), "/type", "UNKNOWN_TYPE"),
    ("missing hours", payload(hours=...), "/hours", "MISSING_FIELD"),
    ("missing days", payload(days=...), "/days", "MISSING_FIELD"),
    ("unknown field", payload(minutes=sel("0")), "/minutes", "UNKNOWN_FIELD"),
    ("unknown selector field", payload(hours={**sel("1"), "step": 2}), "/hours/step",
     "UNKNOWN_FIELD"),
    ("selector not an object", payload(hours=["17"]), "/hours", "INVALID_TYPE"),
    ("selector type missing", payload(hours={"values": ["1"]}), "/hours/type",
     "MISSING_FIELD"),
    ("selector type unknown", payload(hours=sel("1", kind="SET")), "/hours/type",
     "UNKNOWN_SELECTOR_TYPE"),
    ("values missing", payload(hours={"type": "LIST"}), "/hours/values", "MISSING_FIELD"),
    ("values not a list", payload(hours={"type": "LIST", "values": "17"}), "/hours/values",
     "INVALID_TYPE"),
    ("values empty", payload(days=sel()), "/days/values", "EMPTY_VALUES"),
    ("value not a string", payload(hours=sel("1", 2.5)), "/hours/values/1", "INVALID_TYPE"),
    ("value null", payload(hours=sel(None)), "/hours/values/0", "INVALID_TYPE"),
    ("duplicate value", payload(hours=sel("8", "9", "08")), "/hours/values/2",
     "DUPLICATE_VALUE"),
    ("RANGE with one value", payload(hours=sel("8", kind="RANGE")), "/hours/values",
     "RANGE_NEEDS_TWO_VALUES"),
    ("RANGE with three values", payload(hours=sel("8", "9", "10", kind="RANGE")),
     "/hours/values", "RANGE_NEEDS_TWO_VALUES"),
    ("LIST of several values with an interval", payload(hours=sel("8", "9", interval=2)),
     "/hours/interval", "AMBIGUOUS_INTERVAL"),
    ("interval zero", payload(hours=sel("8", interval=0)), "/hours/interval",
     "INTERVAL_OUT_OF_RANGE"),
    ("interval a string", payload(hours=sel("8", interval="3")), "/hours/interval",
     "INVALID_TYPE"),
    ("interval a boolean", payload(hours=sel("8", interval=True)), "/hours/interval",
     "INVALID_TYPE"),
    ("hour 24", payload(hours=sel("1", "24")), "/hours/values/1", "VALUE_OUT_OF_RANGE"),
    ("hour not a number", payload(hours=sel("noon")), "/hours/values/0", "INVALID_VALUE"),
    ("hour with spaces", payload(hours=sel(" 8")), "/hours/values/0", "INVALID_VALUE"),
    ("day 32", payload(days=sel("1", "32")), "/days/values/1", "VALUE_OUT_OF_RANGE"),
    ("day 0", payload(days=sel("0")), "/days/values/0", "VALUE_OUT_OF_RANGE"),
    ("L-31", payload(days=sel("L-31")), "/days/values/0", "VALUE_OUT_OF_RANGE"),
    ("LW is not documented", payload(days=sel("LW")), "/days/values/0", "INVALID_VALUE"),
    ("weekday 8", payload("WEEKLY", days=sel("8")), "/days/values/0", "VALUE_OUT_OF_RANGE"),
    ("weekday 0", payload("WEEKLY", days=sel("0")), "/days/values/0", "VALUE_OUT_OF_RANGE"),
    ("weekday name", payload("WEEKLY", days=sel("MON")), "/days/values/0", "INVALID_VALUE"),
    ("WEEKLY L", payload("WEEKLY", days=sel("L")), "/days/values/0", "INVALID_VALUE"),
    ("month 13", payload("ANNUALLY", months=sel("13")), "/months/values/0",
     "VALUE_OUT_OF_RANGE"),
    ("months with MONTHLY", payload(months=sel("1")), "/months", "FIELD_NOT_ALLOWED"),
    ("months with WEEKLY", payload("WEEKLY", days=sel("2"), months=sel("1")), "/months",
     "FIELD_NOT_ALLOWED"),
    ("months not an object", payload("ANNUALLY", months="1"), "/months", "INVALID_TYPE"),
    ("CALENDAR with RANGE days", payload("CALENDAR", days=rng("2027-01-01", "2027-01-05")),
     "/days/type", "RANGE_NOT_ALLOWED"),
    ("CALENDAR with an interval", payload("CALENDAR", days=sel("2027-01-01", interval=7)),
     "/days/interval", "INTERVAL_NOT_ALLOWED"),
    ("CALENDAR with a day number", payload("CALENDAR", days=sel("15")), "/days/values/0",
     "INVALID_VALUE"),
    ("CALENDAR 2021-02-30", payload("CALENDAR", days=sel("2021-02-30")), "/days/values/0",
     "IMPOSSIBLE_DATE"),
    ("CALENDAR 2021-13-01", payload("CALENDAR", days=sel("2021-13-01")), "/days/values/0",
     "IMPOSSIBLE_DATE"),
    ("CALENDAR year 0", payload("CALENDAR", days=sel("0000-01-01")), "/days/values/0",
     "IMPOSSIBLE_DATE"),
    ("ANNUALLY RANGE over --MM-DD", payload("ANNUALLY", days=rng("--03-01", "--03-05")),
     "/days/type", "RANGE_NOT_ALLOWED"),
    ("ANNUALLY --02-30", payload("ANNUALLY", days=sel("--02-30")), "/days/values/0",
     "IMPOSSIBLE_DATE"),
    ("ANNUALLY --13-01", payload("ANNUALLY", days=sel("--13-01")), "/days/values/0",
     "IMPOSSIBLE_DATE"),
    ("ANNUALLY day number without months", payload("ANNUALLY", days=sel("15")),
     "/days/values/0", "INVALID_VALUE"),
    ("ANNUALLY --MM-DD with months", payload("ANNUALLY", months=sel("3"),
                                             days=sel("--03-02")),
     "/days/values/0", "INVALID_VALUE"),
    ("MONTHLY with a date", payload(days=sel("2027-01-01")), "/days/values/0",
     "INVALID_VALUE"),
    ("ANNUALLY February 30th never fires", payload("ANNUALLY", months=sel("2"),
                                                   days=sel("30")),
     "/days", "NEVER_FIRES"),
    ("expiration not a date-time", payload(expiration="next tuesday"), "/expiration",
     "INVALID_EXPIRATION"),
    ("expiration a number", payload(expiration=1767225600), "/expiration", "INVALID_TYPE"),
    ("expiration before the only date", payload("CALENDAR", days=sel("2027-05-02"),
                                                expiration="2027-05-01T00:00:00Z"),
     "/expiration", "NEVER_FIRES"),
    ("unknown zone", payload(timeZoneId="Mars/Olympus_Mons"), "/timeZoneId",
     "UNKNOWN_ZONE"),
    ("zone not a string", payload(timeZoneId=-6), "/timeZoneId", "INVALID_TYPE"),
    ("RANGE to L-1 that February cannot express", payload(days=rng("28", "L-1")),
     "/days/values", "UNSUPPORTED_DAY_RANGE"),
    ("RANGE from L back to L-2", payload(days=rng("L", "L-2")), "/days/values",
     "UNSUPPORTED_DAY_RANGE"),
    ("RANGE from a day to an L-n before it in every month", payload(days=rng("30", "L-5")),
     "/days", "NEVER_FIRES"),
]


@pytest.mark.parametrize("expiration", [
    "0001-01-01T00:00:00Z", "0001-01-01T03:00:00", "0004-03-01T00:00:00Z",
    "0400-12-31T00:00:00", "0402-01-01T00:00:00Z", "2027-01-01T00:00:00+05:30"])
@pytest.mark.parametrize("body", [
    payload("WEEKLY", days=sel("1"), hours=sel("2"), timeZoneId="CST"),
    payload("ANNUALLY", days=sel("--02-29")),
    payload("ANNUALLY", months=sel("2"), days=sel("29"), hours=sel("0")),
    payload("MONTHLY", days=rng("20", "L"), timeZoneId="Pacific/Kiritimati"),
    payload("CALENDAR", days=sel("0001-01-01", "0300-06-01")),
])
def test_an_expiration_has_an_occurrence_before_it_when_a_walk_back_finds_one(
        body: JSON, expiration: str) -> None:
    # The checker decides most expirations without walking: it must agree with the walk.
    unbounded = check(body).schedule
    assert unbounded is not None
    # At or before the expiration: an occurrence exactly at it counts.
    walked = next(unbounded.iter_before(_as_moment(expiration, unbounded.tz)
                                        + timedelta(seconds=1)), None)
    codes = [problem.code for problem in check(body | {"expiration": expiration}).problems
             if problem.is_error]
    assert codes == ([] if walked is not None else ["NEVER_FIRES"])


def _as_moment(text: str, zone: tzinfo) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


@pytest.mark.parametrize(("why", "body", "path", "code"), REJECTIONS,
                         ids=[row[0] for row in REJECTIONS])
def test_each_rejection_names_its_path_and_code(
    why: str, body: object, path: str, code: str
) -> None:
    checked = check(body)
    errors = [(p.path, p.code) for p in checked.problems if p.is_error]
    assert (path, code) in errors, why
    assert checked.schedule is None


def test_daily_is_rejected_with_how_to_write_every_day_and_no_invented_history() -> None:
    """The seed (SailPoint's PUT /campaign-templates/{id}/schedule page) lists "Possible
    values: [WEEKLY, MONTHLY, ANNUALLY, CALENDAR]" and says nothing of when or whether
    DAILY was ever a type (issue 13: no invented vendor history)."""
    [problem] = [p for p in check(payload("DAILY")).problems if p.code == "UNKNOWN_TYPE"]
    assert problem.message == (
        'DAILY is not a campaign schedule type (WEEKLY, MONTHLY, ANNUALLY, CALENDAR); for '
        'every day write "type": "WEEKLY" with days {"type": "RANGE", "values": ["1", "7"]}')
    assert "removed" not in problem.message
    assert "20" not in problem.message.split(";")[0]  # no year in the reason


def test_unknown_fields_get_a_did_you_mean() -> None:
    messages = {p.path: p.message for p in check(payload(timezoneId="CST", hour=sel("1"),
                                                         expirationDate="x")).problems}
    assert "did you mean 'timeZoneId'" in messages["/timezoneId"]
    assert "did you mean 'hours'" in messages["/hour"]
    assert "did you mean 'expiration'" in messages["/expirationDate"]


def test_every_problem_is_reported_not_only_the_first() -> None:
    body = {"type": "CALENDAR", "months": sel("1"), "hours": sel("25", "-1"),
            "days": rng("2021-02-30", "x"), "timeZoneId": "Nowhere", "extra": 1}
    assert sorted((p.path, p.code) for p in check(body).problems) == [
        ("/days/type", "RANGE_NOT_ALLOWED"),
        ("/days/values/0", "IMPOSSIBLE_DATE"),
        ("/days/values/1", "INVALID_VALUE"),
        ("/extra", "UNKNOWN_FIELD"),
        ("/hours/values/0", "VALUE_OUT_OF_RANGE"),
        ("/hours/values/1", "INVALID_VALUE"),
        ("/months", "FIELD_NOT_ALLOWED"),
        ("/timeZoneId", "UNKNOWN_ZONE"),
    ]


def test_paths_escape_json_pointer_characters() -> None:
    assert ("error", "/a~1b~0c", "UNKNOWN_FIELD") in codes(payload() | {"a/b~c": 1})


# -- warnings --------------------------------------------------------------------------------

WARNINGS = [
    (payload(hours=rng("9", "5")), "/hours/values", "RANGE_WRAPS", '["9", "17"]'),
    (payload(days=rng("25", "5")), "/days/values", "RANGE_WRAPS", '["5", "25"]'),
    (payload("ANNUALLY", months=rng("11", "2"), days=sel("1")), "/months/values",
     "RANGE_WRAPS", "11-12 and 1-2"),
    (payload(days=rng("L", "5")), "/days/values", "RANGE_WRAPS", "L and 1-5"),
    (payload("ANNUALLY", days=sel("--02-29")), "/days/values/0", "LEAP_DAY_ONLY",
     "every 4 years"),
    (payload(hours=sel(17)), "/hours/values/0", "VALUE_NOT_STRING", '"17"'),
    (payload(expiration="2027-01-01"), "/expiration", "EXPIRATION_DATE_ONLY", "midnight"),
    (payload("ANNUALLY", months=sel("2", "3"), days=sel("30")), "/months",
     "MONTH_NEVER_FIRES", "February"),
]


@pytest.mark.parametrize(("body", "path", "code", "hint"), WARNINGS)
def test_warnings_keep_the_schedule_and_say_what_was_meant(
    body: JSON, path: str, code: str, hint: str
) -> None:
    checked = check(body)
    assert checked.schedule is not None
    [problem] = checked.problems
    assert (problem.severity, problem.path, problem.code) == ("warning", path, code)
    assert hint in problem.message


def test_a_wrapping_hour_range_fires_late_and_early() -> None:
    schedule = check(payload(hours=rng("9", "5"))).schedule
    assert schedule is not None
    assert schedule.rule.hours == (0, 1, 2, 3, 4, 5, *range(9, 24))


def test_interval_counts_across_a_wrap() -> None:
    schedule = check(payload("ANNUALLY", months=rng("11", "3", interval=2), days=sel("1"))
                     ).schedule
    assert schedule is not None
    assert schedule.rule.months == (1, 3, 11)


# -- the 400 envelope ------------------------------------------------------------------------


def test_the_envelope_is_sailpoints_error_response() -> None:
    problems = check(payload(hours=rng("9", "5"), days=sel("32"), timeZoneId="X")).problems
    body = envelope(problems)
    assert set(body) == {"detailCode", "trackingId", "messages", "causes"}
    assert body["detailCode"] == "400.1 Bad Request Content"
    assert re.fullmatch(r"[0-9a-f]{32}", body["trackingId"])
    assert body["trackingId"] != envelope(problems)["trackingId"]
    for entry in [*body["messages"], *body["causes"]]:
        assert set(entry) == {"locale", "localeOrigin", "text"}
        assert (entry["locale"], entry["localeOrigin"]) == ("en-US", "DEFAULT")
    assert len(body["messages"]) == 1
    texts = sorted(cause["text"] for cause in body["causes"])
    assert len(texts) == 2  # the RANGE_WRAPS warning is not a cause
    assert texts[0].startswith("/days/values/0: ")
    assert texts[1].startswith("/timeZoneId: ")
    json.dumps(body)


def test_the_envelope_of_the_whole_payload_names_the_root() -> None:
    body = envelope([Problem("", "INVALID_TYPE", "not an object")])
    assert body["causes"][0]["text"] == "/: not an object [INVALID_TYPE]"


# -- properties ------------------------------------------------------------------------------


def _resolves(document: object, path: str) -> bool:
    if path == "":
        return True
    node = document
    for raw in path[1:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0]


def _numbers(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(str)


def _selector(values: st.SearchStrategy[str], *, ranges: bool = True
              ) -> st.SearchStrategy[JSON]:
    lists = st.lists(values, min_size=1, max_size=4, unique=True).map(lambda v: sel(*v))
    stepped = st.tuples(values, st.integers(1, 12)).map(lambda t: sel(t[0], interval=t[1]))
    if not ranges:
        return lists
    ranged = st.tuples(values, values, st.none() | st.integers(1, 6)).map(
        lambda t: rng(t[0], t[1], interval=t[2]))
    return lists | stepped | ranged


_HOURS = _selector(_numbers(0, 23))
_MONTH_DAYS = _selector(_numbers(1, 31) | st.sampled_from(["L", "L-1", "L-2", "L-7"]))
_MM_DD = st.dates().map(lambda d: d.strftime("--%m-%d"))
_DATES = st.dates(min_value=date(2000, 1, 1)).map(
    lambda d: d.isoformat())


@st.composite
def campaign_payloads(draw: st.DrawFn) -> JSON:
    """A valid-looking campaign schedule payload."""
    kind = draw(st.sampled_from(["WEEKLY", "MONTHLY", "ANNUALLY", "ANNUALLY", "CALENDAR"]))
    body: JSON = {"type": kind, "hours": draw(_HOURS)}
    if kind == "WEEKLY":
        body["days"] = draw(_selector(_numbers(1, 7)))
    elif kind == "MONTHLY":
        body["days"] = draw(_MONTH_DAYS)
    elif kind == "CALENDAR":
        body["days"] = draw(_selector(_DATES, ranges=False))
    elif draw(st.booleans()):
        body["months"] = draw(_selector(_numbers(1, 12)))
        body["days"] = draw(_MONTH_DAYS)
    else:
        body["days"] = draw(_selector(_MM_DD, ranges=False))
    if draw(st.booleans()):
        body["timeZoneId"] = draw(st.sampled_from(
            ["CST", "EST", "IST", "Europe/Berlin", "Australia/Lord_Howe", "UTC"]))
    if draw(st.integers(0, 3)) == 0:
        body["expiration"] = draw(st.datetimes(
            min_value=datetime(2000, 1, 1),
            max_value=datetime(2100, 1, 1),
        )).isoformat(timespec="seconds") + draw(st.sampled_from(["", "Z", "+05:30"]))
    return body


_JSON_LEAVES = (st.none() | st.booleans() | st.integers(-(2**40), 2**40)
                | st.floats(allow_nan=False) | st.text(max_size=12))
_JSON = st.recursive(
    _JSON_LEAVES,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@st.composite
def mutated_payloads(draw: st.DrawFn) -> JSON:
    """A campaign payload with a few random edits: keys dropped, added or replaced."""
    body: JSON = json.loads(json.dumps(draw(campaign_payloads())))
    for _ in range(draw(st.integers(1, 3))):
        containers: list[dict[str, Any] | list[Any]] = [body]
        for value in body.values():
            if isinstance(value, dict):
                containers.append(value)
                if isinstance(value.get("values"), list):
                    containers.append(value["values"])
        target = draw(st.sampled_from(containers))
        junk = draw(_JSON | st.sampled_from(["L", "L-0", "--02-30", "DAILY", "RANGE", 0, -1]))
        replace = draw(st.booleans())
        if isinstance(target, list):
            if target and replace:
                target[draw(st.integers(0, len(target) - 1))] = junk
            else:
                target.append(junk)
        elif target and replace:
            key = draw(st.sampled_from(sorted(target)))
            if draw(st.booleans()):
                del target[key]
            else:
                target[key] = junk
        else:
            key = draw(st.sampled_from(["type", "months", "interval", "values", "Hours", "x"]))
            target[key] = junk
    return body


def _check_paths(body: object) -> None:
    checked = check(body)
    has_error = any(problem.is_error for problem in checked.problems)
    assert (checked.schedule is None) == has_error
    for problem in checked.problems:
        assert problem.severity in ("error", "warning")
        assert re.fullmatch(r"[A-Z][A-Z_]*", problem.code)
        assert problem.message
        if problem.code == "MISSING_FIELD":
            assert _resolves(body, _parent(problem.path)), problem
        else:
            assert _resolves(body, problem.path), problem


_SETTINGS = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(campaign_payloads())
def test_a_rule_said_to_fire_in_every_month_fires_in_each_of_its_months(body: JSON) -> None:
    # The checker trusts this shortcut instead of asking month shapes.
    checked = check(body)
    for rule in checked.schedule.rules if checked.schedule is not None else ():
        if campaign_module._in_every_month(rule):
            assert all(fires_on_some_day(rule.days_of_shape, (month,), rule.years)
                       for month in rule.months), rule


@_SETTINGS
@given(campaign_payloads())
def test_valid_payloads_build_schedules_that_fire_on_the_hour(body: JSON) -> None:
    checked = check(body)
    errors = {p.code for p in checked.problems if p.is_error}
    assert errors <= {"NEVER_FIRES", "UNSUPPORTED_DAY_RANGE"}, checked.problems
    _check_paths(body)
    if checked.schedule is None:
        return
    hours = set().union(*(rule.hours for rule in checked.schedule.rules))
    for moment in [checked.schedule.next("2024-06-01T00:00Z"),
                   checked.schedule.prev("2024-06-01T00:00Z")]:
        if moment is not None:
            assert (moment.minute, moment.second) == (0, 0)
            # A fixed-time rule moves a skipped hour to the first moment after the jump.
            assert moment.hour in hours or moment.hour - 1 in hours or moment.hour - 1 < 0


@_SETTINGS
@given(mutated_payloads())
def test_schedule_iff_no_error_and_every_path_resolves(body: JSON) -> None:
    _check_paths(body)


@_SETTINGS
@given(_JSON)
def test_check_never_raises_for_any_json_value(value: object) -> None:
    _check_paths(value)
    check(json.dumps(value))
    check(json.dumps(value).encode())


# -- expiration is inclusive (issue 13) ---------------------------------------------------


@pytest.mark.parametrize(("expiration", "tz", "last", "written"), [
    ("2027-01-15T17:00:00Z", None, "2027-01-15T17:00:00+00:00", "2027-01-15T17:00:00+00:00"),
    ("2027-01-15T16:59:59Z", None, "2026-12-15T17:00:00+00:00", "2027-01-15T16:59:59+00:00"),
    ("2027-01-15T17:00:00", "America/Chicago", "2027-01-15T17:00:00-06:00",
     "2027-01-15T17:00:00"),
    ("2027-01-15T17:00:00.250Z", None, "2027-01-15T17:00:00+00:00",
     "2027-01-15T17:00:00+00:00"),
])
def test_an_occurrence_at_the_expiration_fires_and_the_expiration_is_written_back(
        expiration: str, tz: str | None, last: str, written: str) -> None:
    """Seed 004, ``expiration``: "Specifies the time after which this schedule will no
    longer occur." An occurrence exactly at the expiration is not after it: it fires."""
    body = payload(expiration=expiration) | ({"timeZoneId": tz} if tz else {})
    schedule = cadence.parse(body, format="campaign")
    found = schedule.prev("2030-01-01T00:00:00Z")
    assert found is not None
    assert found.isoformat() == last
    assert schedule.next(found) is None
    # Written from the IR (not the payload as read), the expiration says the same second.
    rebuilt = cadence.Schedule(schedule.rules, schedule.tz, end=schedule.end)
    emitted = cadence.emit(rebuilt, "campaign")
    assert isinstance(emitted, dict)
    assert emitted["expiration"] == written
    assert cadence.parse(emitted, format="campaign").end == schedule.end
