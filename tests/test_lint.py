"""Lints: warnings about valid schedules that are probably not what was meant.

Each lint has a table of payloads that trigger it (code, severity, path and a piece of
the message) and a table of near misses that must not, across the formats it applies to.
"""

from __future__ import annotations

import importlib
import io
import json
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import cadence
from cadence.cli import main
from cadence.lint import CODES, lint

NOW = "2026-01-01T00:00:00+00:00"
README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def campaign(days: list[str], hours: list[str] | None = None, kind: str = "MONTHLY",
             **extra: Any) -> dict[str, Any]:
    return {"type": kind, "hours": {"type": "LIST", "values": hours or ["9"]},
            "days": {"type": "LIST", "values": days}, **extra}


def helix(start_time: str = "09:00", end_time: str = "10:00", start_date: str = "01012026",
          end_date: str = "31122027", recurrence: dict[str, Any] | None = None,
          zone: dict[str, str] | None = None) -> dict[str, Any]:
    return {"name": "frame", "schedule": {
        "startTime": start_time, "endTime": end_time, "startDate": start_date,
        "endsOn": {"endDate": end_date},
        "recurrence": recurrence or {"frequency": "daily", "recurrenceSchedule": {"days": "all"}},
        "timeZone": zone or {"name": "Europe/Berlin", "offset": "+01:00"}}}


def bentley(start: str, end: str) -> dict[str, Any]:
    days = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
    return {"calendar": {
        "dayTypes": [{"id": "work", "type": "Normal",
                      "timeBlocks": [{"startTime": start, "endTime": end}]}],
        "week": {f"{day}DayTypeId": "work" for day in days}}}


def codes(payload: object, format: str, tz: str | None = None,
          now: str | None = None) -> list[str]:
    return [problem.code for problem in cadence.validate(payload, format, tz=tz, now=now)]


# -- one table for every lint ------------------------------------------------------------
# (lint code, payload, format, tz, now, path, a piece of the message)

TRIGGERS: list[tuple[str, object, str, str | None, str | None, str, str]] = [
    # 1. a RANGE that wraps (campaign's own check)
    ("RANGE_WRAPS", campaign(["15"], kind="MONTHLY") | {
        "hours": {"type": "RANGE", "values": ["9", "5"]}}, "campaign", None, None,
     "/hours/values", 'did you mean ["9", "17"]'),
    ("RANGE_WRAPS", campaign(["15"]) | {"days": {"type": "RANGE", "values": ["25", "5"]}},
     "campaign", None, None, "/days/values", "wraps around"),
    # 2. day-of-month OR day-of-week
    ("DAY_OF_MONTH_OR_WEEKDAY", "0 0 13 * 5", "cron", None, None, "",
     "on the 13th of every month and on every Friday"),
    ("DAY_OF_MONTH_OR_WEEKDAY", "0 0 1-7 * MON", "cron", None, None, "",
     "for only the first Monday of the month write '1#1'"),
    ("DAY_OF_MONTH_OR_WEEKDAY", {"cronStr": "0 0 13 * 5"}, "edfs", None, None, "/cronStr",
     "fires when EITHER matches"),
    # 3. a day 29-31 that some listed month lacks
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 31 * *", "cron", None, None, "",
     "fires in 7 of its 12 months only; for the last day of every month write L"),
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 29 * *", "cron", None, None, "",
     "February (except in leap years), so the schedule skips February in common years"),
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 1,31 * *", "cron", None, None, "",
     "in those months it fires on the other days only"),
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 31W * *", "cron", None, None, "", "day 31 does not exist"),
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 9 30 * ?", "quartz", None, None, "",
     "day 30 does not exist in February"),
    ("DAY_NOT_IN_EVERY_MONTH", {"cronStr": "0 0 31 * *"}, "edfs", None, None, "/cronStr",
     "April, June, September or November"),
    ("DAY_NOT_IN_EVERY_MONTH", "RRULE:FREQ=MONTHLY;BYMONTHDAY=30;BYHOUR=9;BYMINUTE=0;"
     "BYSECOND=0", "rrule", None, None, "", "write BYMONTHDAY=-1"),
    ("DAY_NOT_IN_EVERY_MONTH", campaign(["31"]), "campaign", None, None, "/days",
     'write "L"'),
    ("DAY_NOT_IN_EVERY_MONTH", campaign(["1", "31"], kind="ANNUALLY", months={
        "type": "LIST", "values": ["1", "4"]}), "campaign", None, None, "/days",
     "day 31 does not exist in April, so in those months it fires on the other days only"),
    ("DAY_NOT_IN_EVERY_MONTH", helix(recurrence={
        "frequency": "monthly", "recurrenceSchedule": {"daysOfMonth": [31]}}), "helix", None,
     None, "/schedule/recurrence/recurrenceSchedule/daysOfMonth", "does not exist"),
    # 4. a fixed time in a DST gap or overlap
    ("TIME_IN_DST_GAP", "30 2 * * *", "cron", "America/New_York", NOW, "",
     "02:30 does not exist in America/New_York on 2026-03-08: the clocks jump from 02:00 "
     "to 03:00; the job fires right after the jump, at 03:00 (UTC-04:00)"),
    ("TIME_IN_DST_GAP", "0 30 2 * * ?", "quartz", "America/New_York", NOW, "",
     "on 2026-03-08"),
    ("TIME_IN_DST_GAP", {"cronStr": "30 2 * * *"}, "edfs", "Europe/Berlin", NOW, "/cronStr",
     "02:30 does not exist in Europe/Berlin on 2026-03-29"),
    ("TIME_IN_DST_GAP", "DTSTART;TZID=America/New_York:20260101T023000\nRRULE:FREQ=DAILY",
     "rrule", None, NOW, "", "RFC 5545 skips it, so there is no occurrence that day"),
    ("TIME_IN_DST_GAP", campaign(["1"], ["2"], kind="WEEKLY", timeZoneId="CST"), "campaign",
     None, NOW, "/hours", "02:00 does not exist in America/Chicago on 2026-03-08"),
    ("TIME_IN_DST_GAP", helix(start_time="02:30", end_time="04:00"), "helix", None, NOW,
     "/schedule/startTime", "the window opens right after the jump, at 03:00"),
    ("TIME_IN_DST_GAP", bentley("02:30", "10:00"), "bentley", "Europe/Berlin", NOW,
     "/calendar/dayTypes", "02:30 (work: 02:30-10:00) does not exist"),
    ("TIME_IN_DST_GAP", "0 12 * * *", "cron", "Pacific/Apia", "2011-06-01T00:00Z", "",
     "the clocks jump from 2011-12-30 00:00 to 2011-12-31 00:00"),
    ("TIME_IN_DST_OVERLAP", "30 1 * * *", "cron", "America/New_York", NOW, "",
     "01:30 happens twice in America/New_York on 2026-11-01: the clocks go back from 02:00 "
     "to 01:00; the job fires once, on the first pass (UTC-04:00)"),
    ("TIME_IN_DST_OVERLAP", "45 1 * * *", "cron", "Australia/Lord_Howe", NOW, "",
     "the clocks go back from 02:00 to 01:30"),
    ("TIME_IN_DST_OVERLAP", "30 23 * * *", "cron", "America/Santiago", NOW, "",
     "the clocks go back from 2026-04-05 00:00 to 2026-04-04 23:00"),
    ("TIME_IN_DST_OVERLAP", helix(start_time="02:30", end_time="04:00"), "helix", None, NOW,
     "/schedule/startTime", "the window opens once, on the first pass (UTC+02:00)"),
    # 5. an end in the past (with now=)
    ("END_IN_PAST", campaign(["15"], expiration="2025-06-01T00:00:00Z"), "campaign", None,
     NOW, "/expiration", "(its expiration), before now (2026-01-01T00:00:00+00:00)"),
    ("END_IN_PAST", campaign(["2020-02-18"], kind="CALENDAR"), "campaign", None, NOW,
     "/days", "its last occurrence was 2020-02-18T09:00:00+00:00"),
    ("END_IN_PAST", helix(start_date="01012024", end_date="31122024"), "helix", None, NOW,
     "/schedule/endsOn/endDate", "(endsOn.endDate)"),
    ("END_IN_PAST", "RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0;UNTIL=20250101T000000Z",
     "rrule", None, NOW, "", "it never fires again"),
    ("END_IN_PAST", "DTSTART:20250101T090000Z\nRRULE:FREQ=DAILY;COUNT=3", "rrule", None, NOW,
     "", "its last occurrence was 2025-01-03T09:00:00+00:00"),
    ("END_IN_PAST", "0 0 9 1 1 ? 2020-2024", "quartz", None, NOW, "",
     "no occurrence after now"),
    # 6. a time-zone offset that disagrees with the zone (Helix's own check)
    ("TIMEZONE_OFFSET_MISMATCH", helix(zone={"name": "Europe/Berlin", "offset": "+05:00"}),
     "helix", None, None, "/schedule/timeZone/offset", "the zone name decides"),
    # 7. '*' minutes in a job that looks daily
    ("MINUTE_WILDCARD", "* 3 * * *", "cron", None, None, "",
     "fires every minute of 03:00-03:59 (60 times a day); for once at 03:00 write "
     "'0 3 * * *'"),
    ("MINUTE_WILDCARD", "* 3,15 * * *", "cron", None, None, "", "(120 times a day)"),
    ("MINUTE_WILDCARD", "0 * 3 * * ?", "quartz", None, None, "", "write '0 0 3 * * ?'"),
    ("MINUTE_WILDCARD", "CRON_TZ=Europe/Berlin * 0 * * *", "cron", None, None, "",
     "write 'CRON_TZ=Europe/Berlin 0 0 * * *'"),
    ("MINUTE_WILDCARD", {"cronStr": "* 3 * * *"}, "edfs", None, None, "/cronStr",
     "write '0 3 * * *'"),
    # 8. an EDFS timer named after another schedule (seed 000's naming, cronStr changed)
    ("TIMER_NAME_CONTRADICTS_CRON", {"name": "SAP_WORK_ORDERS at 00:00 on Saturday and Sunday",
                                     "cronStr": "0 6 * * 6,0"}, "edfs", None, None, "/name",
     "rename it to 'SAP_WORK_ORDERS at 06:00 on Saturday and Sunday' or fix cronStr"),
    ("TIMER_NAME_CONTRADICTS_CRON", {"name": "Nightly at 22:00", "cronStr": "0 23 * * *"},
     "edfs", None, None, "/name", "says 'at 22:00' but its cronStr '0 23 * * *' runs "
     "'at 23:00'"),
]

NEAR_MISSES: list[tuple[str, object, str, str | None, str | None]] = [
    ("RANGE_WRAPS", campaign(["15"]) | {"hours": {"type": "RANGE", "values": ["9", "17"]}},
     "campaign", None, None),
    ("RANGE_WRAPS", campaign(["15"]) | {"days": {"type": "RANGE", "values": ["20", "L"]}},
     "campaign", None, None),
    ("DAY_OF_MONTH_OR_WEEKDAY", "0 0 13 * *", "cron", None, None),
    ("DAY_OF_MONTH_OR_WEEKDAY", "0 0 */2 * 1", "cron", None, None),  # '*'-led: AND
    ("DAY_OF_MONTH_OR_WEEKDAY", "0 0 0 13 * ?", "quartz", None, None),
    ("DAY_OF_MONTH_OR_WEEKDAY", {"cronStr": "0 0 * * 5"}, "edfs", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 31 1,3,5 *", "cron", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 28 * *", "cron", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 20-31 * *", "cron", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 */2 * *", "cron", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 L * *", "cron", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 31 * 5", "cron", None, None),  # OR: Fridays fill in
    ("DAY_NOT_IN_EVERY_MONTH", "0 0 0 29 2 ? 2028", "quartz", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", {"cronStr": "0 0 30 1,3 *"}, "edfs", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=9;BYMINUTE=0;"
     "BYSECOND=0", "rrule", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", campaign(["L"]), "campaign", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", campaign(["15"]) | {
        "days": {"type": "RANGE", "values": ["20", "L"]}}, "campaign", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", campaign(["31"], kind="ANNUALLY", months={
        "type": "LIST", "values": ["1", "3"]}), "campaign", None, None),
    ("DAY_NOT_IN_EVERY_MONTH", helix(recurrence={
        "frequency": "monthly", "recurrenceSchedule": {"daysOfMonth": [15]}}), "helix", None,
     None),
    ("TIME_IN_DST_GAP", "30 2 * * 1-5", "cron", "America/New_York", None),  # Sundays only
    ("TIME_IN_DST_GAP", "30 3 * * *", "cron", "America/New_York", None),
    ("TIME_IN_DST_GAP", "*/30 * * * *", "cron", "America/New_York", None),  # not fixed-time
    ("TIME_IN_DST_GAP", "30 2 * * *", "cron", "UTC", None),
    ("TIME_IN_DST_GAP", "30 2 * * *", "cron", "Europe/Moscow", NOW),  # no DST since 2011
    ("TIME_IN_DST_GAP", "RRULE:FREQ=HOURLY;BYMINUTE=30;BYSECOND=0", "rrule",
     "America/New_York", None),  # every hour: a gap cannot be avoided
    ("TIME_IN_DST_GAP", {"cronStr": "30 2 * * *"}, "edfs", None, NOW),  # UTC
    ("TIME_IN_DST_GAP", campaign(["2"], ["2"], kind="WEEKLY", timeZoneId="CST"), "campaign",
     None, NOW),  # Mondays
    ("TIME_IN_DST_GAP", helix(start_time="02:30", end_time="04:00", start_date="01042026",
                              end_date="30092026"), "helix", None, NOW),  # within the bounds
    ("TIME_IN_DST_GAP", bentley("09:00", "17:00"), "bentley", "Europe/Berlin", NOW),
    ("TIME_IN_DST_OVERLAP", "30 2 * * *", "cron", "America/New_York", NOW),
    ("TIME_IN_DST_OVERLAP", "30 1 * * *", "cron", "America/Phoenix", NOW),  # no DST
    ("TIME_IN_DST_OVERLAP", "0 * * * *", "cron", "America/New_York", NOW),
    ("END_IN_PAST", campaign(["15"], expiration="2025-06-01T00:00:00Z"), "campaign", None,
     None),  # no now: off
    ("END_IN_PAST", campaign(["15"], expiration="2026-06-01T00:00:00Z"), "campaign", None, NOW),
    ("END_IN_PAST", helix(start_date="01012024", end_date="31122024"), "helix", None,
     "2024-12-31T09:30:00+01:00"),  # the last window is still open
    ("END_IN_PAST", "RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0;UNTIL=20270101T000000Z",
     "rrule", None, NOW),
    ("END_IN_PAST", "0 0 9 1 1 ? 2020-2030", "quartz", None, NOW),
    ("END_IN_PAST", "0 9 * * *", "cron", None, NOW),
    ("TIMEZONE_OFFSET_MISMATCH", helix(), "helix", None, None),
    ("MINUTE_WILDCARD", "0 3 * * *", "cron", None, None),
    ("MINUTE_WILDCARD", "* 9-17 * * *", "cron", None, None),
    ("MINUTE_WILDCARD", "* * * * *", "cron", None, None),
    ("MINUTE_WILDCARD", "*/5 3 * * *", "cron", None, None),
    ("MINUTE_WILDCARD", "@daily", "cron", None, None),
    ("MINUTE_WILDCARD", "0 0 3 * * ?", "quartz", None, None),
    ("MINUTE_WILDCARD", {"cronStr": "0 3 * * *"}, "edfs", None, None),
    ("TIMER_NAME_CONTRADICTS_CRON", {"name": "SAP_WORK_ORDERS at 00:00 on Saturday and Sunday",
                                     "cronStr": "0 0 * * 6,0"}, "edfs", None, None),
    ("TIMER_NAME_CONTRADICTS_CRON", {"name": "x AT 00:00 on Monday, Wednesday, and Friday.",
                                     "cronStr": "0 0 * * MON,WED,FRI"}, "edfs", None, None),
    ("TIMER_NAME_CONTRADICTS_CRON", {"name": "Nightly at 22:00", "cronStr": "0 22 * * 1-5"},
     "edfs", None, None),  # stops short: incomplete, not contradictory
    ("TIMER_NAME_CONTRADICTS_CRON", {"name": "Meet at the gate", "cronStr": "0 6 * * *"},
     "edfs", None, None),  # no description in the name
]


@pytest.mark.parametrize(("code", "payload", "format", "tz", "now", "path", "fragment"),
                         TRIGGERS)
def test_each_lint_warns_where_it_applies(code: str, payload: object, format: str,
                                          tz: str | None, now: str | None, path: str,
                                          fragment: str) -> None:
    problems = cadence.validate(payload, format, tz=tz, now=now)
    assert not [problem for problem in problems if problem.is_error]
    found = [problem for problem in problems if problem.code == code]
    assert len(found) == 1, problems
    assert found[0].severity == "warning"
    assert found[0].path == path
    assert fragment in found[0].message


@pytest.mark.parametrize(("code", "payload", "format", "tz", "now"), NEAR_MISSES)
def test_no_lint_warns_about_a_near_miss(code: str, payload: object, format: str,
                                         tz: str | None, now: str | None) -> None:
    problems = cadence.validate(payload, format, tz=tz, now=now)
    assert not [problem for problem in problems if problem.is_error]
    assert code not in [problem.code for problem in problems]


def test_every_lint_has_a_trigger_and_a_near_miss() -> None:
    assert {row[0] for row in TRIGGERS} == set(CODES)
    assert {row[0] for row in NEAR_MISSES} == set(CODES)


def test_every_code_is_documented_in_the_readme_and_the_module() -> None:
    section = README.split("\n## Lints\n", 1)[1].split("\n## ", 1)[0]
    module = importlib.import_module("cadence.lint")  # cadence.lint is the function
    for code in CODES:
        assert f"| `{code}` |" in section
        assert code in (module.__doc__ or "")


# -- behaviour around the table ----------------------------------------------------------


def test_a_warning_never_makes_a_payload_invalid() -> None:
    payload = campaign(["31"], ["2"], kind="MONTHLY", timeZoneId="CST",
                       expiration="2025-06-01T00:00:00Z")
    problems = cadence.validate(payload, "campaign", now=NOW)
    assert {problem.code for problem in problems} == {"DAY_NOT_IN_EVERY_MONTH",
                                                      "END_IN_PAST"}
    assert cadence.parse(payload, format="campaign").rules
    with pytest.raises(cadence.ScheduleError, match="no error among the problems"):
        cadence.envelope(problems, "campaign")  # no 400 body for warnings alone


def test_an_invalid_payload_is_not_linted() -> None:
    problems = cadence.validate(campaign(["31"], ["25"]), "campaign")
    assert [problem.code for problem in problems] == ["VALUE_OUT_OF_RANGE"]


def test_lint_of_a_parsed_schedule_is_what_validate_adds() -> None:
    schedule = cadence.parse("* 3 13 * 5")
    assert lint(schedule) == cadence.validate("* 3 13 * 5", "cron")
    assert [problem.code for problem in lint(schedule)] == ["DAY_OF_MONTH_OR_WEEKDAY",
                                                            "MINUTE_WILDCARD"]


def test_lint_paths_can_be_put_below_a_prefix() -> None:
    schedule = cadence.parse({"cronStr": "* 3 * * *"}, format="edfs")
    assert [problem.path for problem in lint(schedule, prefix="/timers/0")] == [
        "/timers/0/cronStr"]


def test_a_checker_warning_that_says_the_same_is_not_repeated() -> None:
    leap = campaign(["--02-29"], kind="ANNUALLY")
    assert codes(leap, "campaign") == ["LEAP_DAY_ONLY"]
    months = campaign(["30"], kind="ANNUALLY", months={"type": "LIST", "values": ["1", "2"]})
    assert codes(months, "campaign") == ["MONTH_NEVER_FIRES"]
    frame = helix(recurrence={"frequency": "monthly",
                              "recurrenceSchedule": {"daysOfMonth": [30]}})
    assert codes(frame, "helix") == ["DAY_NOT_IN_EVERY_MONTH"]


def test_json_text_and_a_bare_helix_schedule_get_the_same_lints() -> None:
    frame = helix(start_time="02:30", end_time="04:00")
    as_text = cadence.validate(json.dumps(frame), "helix", now=NOW)
    assert as_text == cadence.validate(frame, "helix", now=NOW)
    bare = cadence.validate(frame["schedule"], "helix", now=NOW)
    assert [problem.path for problem in bare] == ["/startTime", "/startTime"]


def test_a_bare_bentley_calendar_points_at_its_day_types() -> None:
    calendar = bentley("02:30", "10:00")["calendar"]
    assert [(p.path, p.code) for p in cadence.validate(calendar, "bentley",
                                                       tz="Europe/Berlin", now=NOW)] == [
        ("/dayTypes", "TIME_IN_DST_GAP"), ("/dayTypes", "TIME_IN_DST_OVERLAP")]


@pytest.mark.parametrize("now", [
    NOW,
    "2026-01-01T00:00:00",  # naive: wall time in the schedule's zone
    datetime(2026, 1, 1, tzinfo=timezone.utc),
])
def test_now_is_an_aware_or_naive_datetime_or_iso_text(now: str | datetime) -> None:
    expired = "RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0;UNTIL=20250101T000000Z"
    assert [problem.code for problem in lint(cadence.parse(expired), now=now)] == [
        "END_IN_PAST"]


def test_without_now_no_end_is_judged_past() -> None:
    expired = campaign(["15"], expiration="2000-01-01T00:00:00Z")
    assert codes(expired, "campaign") == []
    assert codes(expired, "campaign", now=NOW) == ["END_IN_PAST"]
    # since only moves the DST window
    assert cadence.validate(expired, "campaign", since=NOW) == []


EVERY_YEAR = {"since": "1970-01-01T00:00Z", "until": "2100-01-01T00:00Z"}
MOSCOW = "30 2 * * *"  # Europe/Moscow has had no DST since 2011


def test_now_or_since_moves_the_window_the_dst_lints_look_at() -> None:
    moscow = cadence.parse(MOSCOW, tz="Europe/Moscow")
    assert lint(moscow, now=NOW) == lint(moscow, since=NOW) == []
    assert lint(moscow, now="2005-01-01T00:00Z")[0].message.startswith(
        "02:30 does not exist in Europe/Moscow on 2005-03-27")
    assert lint(moscow, now=NOW, since="2005-01-01T00:00Z") == lint(
        moscow, now="2005-01-01T00:00Z")  # the window follows since, not now
    assert [problem.code for problem in lint(moscow, **EVERY_YEAR)] == [
        "TIME_IN_DST_GAP", "TIME_IN_DST_OVERLAP"]
    assert "on 1985-03-31" in lint(moscow, **EVERY_YEAR)[0].message


def test_until_asks_for_more_than_ten_years() -> None:
    moscow = cadence.parse(MOSCOW, tz="Europe/Moscow")
    assert lint(moscow, since="1970-01-01T00:00Z") == []  # its DST began in 1981
    found = lint(moscow, since="1970-01-01T00:00Z", until="1990-01-01T00:00Z")
    assert "on 1985-03-31" in found[0].message
    assert lint(moscow, since="2011-04-01T00:00Z", until="2100-01-01T00:00Z") == []
    new_york = cadence.parse("30 2 * * *", tz="America/New_York")
    [gap] = cadence.validate("30 2 * * *", "cron", tz="America/New_York", **EVERY_YEAR)
    assert "on 1970-04-26" in gap.message
    assert lint(new_york, **EVERY_YEAR) == [gap]
    [apia] = cadence.validate("0 12 * * *", "cron", tz="Pacific/Apia", **EVERY_YEAR)
    assert "the clocks jump from 2011-12-30 00:00 to 2011-12-31 00:00" in apia.message


def test_without_now_or_since_the_dst_lints_look_at_the_ten_years_from_today(
        monkeypatch: pytest.MonkeyPatch) -> None:
    afternoon = datetime(2005, 6, 1, 15, 30, tzinfo=timezone.utc).timestamp()
    module = importlib.import_module("cadence.lint")
    moscow = cadence.parse(MOSCOW, tz="Europe/Moscow")
    monkeypatch.setattr(module, "time", SimpleNamespace(time=lambda: afternoon))
    found = lint(moscow)
    monkeypatch.undo()
    assert found == lint(moscow, since="2005-06-01T00:00Z")
    assert [problem.message.split(": ")[0] for problem in found] == [
        "02:30 does not exist in Europe/Moscow on 2006-03-26",
        "02:30 happens twice in Europe/Moscow on 2005-10-30"]


def test_a_schedule_that_starts_later_gets_its_own_ten_years() -> None:
    later = cadence.parse("30 2 * * *", tz="America/New_York").bounded(
        start="2040-01-01T00:00-05:00")
    assert "on 2040-03-11" in lint(later, now=NOW)[0].message
    ended = cadence.parse("30 2 * * *", tz="America/New_York").bounded(
        end="2020-01-01T00:00-05:00")
    assert lint(ended, since=NOW) == []
    assert "on 1970-04-26" in lint(ended, **EVERY_YEAR)[0].message


def test_an_until_not_after_since_is_the_callers_error() -> None:
    with pytest.raises(cadence.ScheduleError, match=(
            r"until: 2020-01-01T00:00:00\+00:00 is not after since "
            r"\(2026-01-01T00:00:00\+00:00\); give a later until")):
        cadence.validate("0 9 * * *", "cron", since=NOW, until="2020-01-01T00:00Z")
    with pytest.raises(cadence.ScheduleError, match="until: 'soon' is not an ISO 8601"):
        cadence.validate("0 9 * * *", "cron", until="soon")


def test_a_bad_now_is_the_callers_error() -> None:
    with pytest.raises(cadence.ScheduleError, match="now: 'yesterday' is not an ISO 8601"):
        cadence.validate("0 9 * * *", "cron", now="yesterday")


# -- the command line -----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_lint_exits_0_when_nothing_is_found(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "lint", "0 3 * * *", "--at", NOW) == (0, "", "")


def test_lint_prints_each_finding_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "lint", "* 3 13 * 5", "--at", NOW)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("<argument>:1:1: warning: day-of-month '13' and day-of-week '5' "
                               "are both")
    assert lines[0].endswith("[DAY_OF_MONTH_OR_WEEKDAY]")
    assert lines[1].endswith("write '0 3 13 * 5' [MINUTE_WILDCARD]")


def test_lint_uses_tz_and_now(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", "30 2 * * *", "--tz", "America/New_York", "--at", NOW)
    assert code == 1
    assert out.startswith("<argument>:1:1: warning: 02:30 does not exist in America/New_York "
                          "on 2026-03-08")
    assert out.rstrip().endswith("[TIME_IN_DST_GAP]")


def test_lint_and_validate_take_the_dst_window(capsys: pytest.CaptureFixture[str]) -> None:
    window = ["--since", "1970-01-01T00:00Z", "--until", "2100-01-01T00:00Z"]
    code, out, _ = run(capsys, "lint", "30 2 * * *", "--tz", "America/New_York", "--at", NOW,
                       *window)
    assert code == 1
    assert out.startswith("<argument>:1:1: warning: 02:30 does not exist in America/New_York "
                          "on 1970-04-26")
    code, out, _ = run(capsys, "validate", "30 2 * * *", "--format", "cron", "--tz",
                       "America/New_York", "--since", "2030-01-01T00:00Z")
    assert code == 0
    assert out.startswith("<argument>:1:1: warning: 02:30 does not exist in "
                          "America/New_York on 2030-03-10")
    code, out, _ = run(capsys, "validate", MOSCOW, "--format", "cron", "--tz",
                       "Europe/Moscow", *window)
    assert (code, out.splitlines()[-1]) == (0, "valid")
    assert "on 1985-03-31" in out


def test_lint_json_prints_an_array(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", "FREQ=MONTHLY;BYMONTHDAY=31;BYHOUR=9;BYMINUTE=0;"
                       "BYSECOND=0", "--json", "--at", NOW)
    assert code == 1
    [finding] = json.loads(out)
    assert finding["code"] == "DAY_NOT_IN_EVERY_MONTH"
    assert (finding["path"], finding["severity"]) == ("", "warning")


def test_lint_reads_json_formats_from_files_and_stdin(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "campaign.json"
    path.write_text(json.dumps(campaign(["15"], expiration="2025-06-01T00:00:00Z")))
    code, out, _ = run(capsys, "lint", str(path), "--format", "campaign", "--at", NOW)
    assert code == 1
    # The problem's line and column in the file, then its JSON Pointer.
    assert out.startswith(f"{path}:1:")
    assert ": warning: /expiration: the schedule ends at 2025-06-01T00:00:00+00:00" in out
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"cronStr": "0 3 * * *"})))
    assert run(capsys, "lint", "-", "--format", "edfs", "--at", NOW) == (0, "", "")


def test_lint_counts_errors_as_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", "0 0 30 2 *", "--at", NOW)
    assert code == 1
    assert out.rstrip().endswith("[NEVER_FIRES]")


@pytest.mark.parametrize(("argv", "message"), [
    (["lint", "missing.json", "--format", "campaign"], "cannot read missing.json"),
    (["lint", "0 9 * * *", "--at", "yesterday"], "argument --at: 'yesterday' is not an ISO 8601"),
    (["lint", "0 9 * * *", "--tz", "Nowhere/Zone"], "unknown time zone 'Nowhere/Zone'"),
    (["lint", "0 9 * * *", "--since", "1970"], "argument --since: '1970' is not an ISO 8601"),
    (["validate", "0 9 * * *", "--format", "cron", "--until", "x"],
     "argument --until: 'x' is not an ISO 8601"),
    (["validate", "0 9 * * *", "--format", "cron", "--since", NOW, "--until", "2020-01-01"],
     "is not after since (2026-01-01T00:00:00+00:00)"),
])
def test_lint_exits_2_when_the_input_is_unreadable(
        capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err


def test_lint_exits_2_for_a_file_that_is_not_json(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "timer.json"
    path.write_text("{not json")
    code, _, err = run(capsys, "lint", str(path), "--format", "edfs")
    assert code == 2
    assert "is not JSON" in err


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe",
                                  "America/Santiago", "Asia/Tehran", "Pacific/Apia",
                                  "Europe/Dublin"])
def test_every_clock_change_found_is_a_gap_or_a_repeat_in_zoneinfo(zone: str) -> None:
    from zoneinfo import ZoneInfo

    from cadence._evaluate import clock_changes
    from cadence.ir import Rule

    tz = ZoneInfo(zone)
    rule = Rule(seconds=(0,), minutes=(0, 15, 30, 45), hours=tuple(range(24)))
    changes = list(clock_changes(rule, tz, 0, 4102444800))
    assert changes
    for change in changes:
        wall = change.wall.replace(tzinfo=tz)
        there_and_back = wall.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None)
        if change.skipped:
            assert there_and_back != change.wall, change
        else:
            assert wall.utcoffset() != wall.replace(fold=1).utcoffset(), change
        assert change.begin <= change.wall < change.end


@pytest.mark.parametrize("zone", ["America/New_York", "Australia/Lord_Howe", "America/Santiago",
                                  "Pacific/Apia", "Europe/Dublin", "Africa/Casablanca",
                                  "Antarctica/Troll", "Europe/Moscow"])
def test_rules_no_change_can_meet_are_passed_over_without_changing_the_answer(
        zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("cadence.lint")
    expressions = [f"{second} {minute} {hour} {days}" for second in ("0", "30")
                   for minute in ("0", "59") for hour in ("0", "1", "2", "3", "23", "1-4")
                   for days in ("* * ?", "? 3,11 SUN", "2 1,4,7,10 ?", "? * SUN 2027")]
    schedules = [cadence.parse(text, "quartz", tz=zone) for text in expressions]
    windows = [{"since": "1900-01-01T00:00Z", "until": "2150-01-01T00:00Z"}, {"since": NOW}]
    quick = [lint(schedule, **window) for schedule in schedules for window in windows]
    monkeypatch.setattr(module, "_changed_times", lambda *_: None)  # search every rule
    assert quick == [lint(schedule, **window) for schedule in schedules for window in windows]
    assert any(quick)


def test_a_zone_that_cannot_be_hashed_is_linted_too() -> None:
    class Unhashable(tzinfo):  # no tz database behind it, and no hash to keep it by
        __hash__ = None  # type: ignore[assignment]

        def utcoffset(self, moment: datetime | None) -> timedelta:
            return timedelta(hours=1)

        def dst(self, moment: datetime | None) -> timedelta:
            return timedelta(0)

        def tzname(self, moment: datetime | None) -> str:
            return "+01"

    assert [problem.code for problem in lint(cadence.parse("* 2 * * *", tz=Unhashable()),
                                             since=NOW)] == ["MINUTE_WILDCARD"]


def test_the_dst_lints_say_what_the_evaluator_does() -> None:
    gap = cadence.parse("30 2 * * *", tz="America/New_York")
    assert [t.isoformat() for t in gap.between("2026-03-08T00:00-05:00",
                                               "2026-03-09T00:00-04:00")] == [
        "2026-03-08T03:00:00-04:00"]
    overlap = cadence.parse("30 1 * * *", tz="America/New_York")
    assert [t.isoformat() for t in overlap.between("2026-11-01T00:00-04:00",
                                                   "2026-11-02T00:00-05:00")] == [
        "2026-11-01T01:30:00-04:00"]
    rfc = cadence.parse("DTSTART;TZID=America/New_York:20260101T023000\nRRULE:FREQ=DAILY")
    assert rfc.between("2026-03-08T00:00-05:00", "2026-03-09T00:00-04:00") == []


@pytest.mark.parametrize(
    ("months", "message"),
    [
        # Parsing refuses such a rule alone; in a union built by hand it is one silent part.
        ((2,), "day 30 does not exist in February, so this part of the schedule never "
               "fires (the others still do); remove it or pick days that exist"),
        ((1, 2), "day 30 does not exist in February, so the schedule fires in 1 of its 2 "
                 "months only"),
    ],
)
def test_a_day_no_month_of_a_rule_has_is_named_as_a_silent_part(
    months: tuple[int, ...], message: str
) -> None:
    from cadence.ir import MonthDays, Recurrence, Rule

    day_30 = Rule((0,), (0,), (9,), months=months, month_days=MonthDays(days=(30,)))
    schedule = cadence.Schedule(Recurrence([day_30, Rule((0,), (0,), (12,))]))
    found = cadence.lint(schedule, now="2026-01-01T00:00Z")
    assert [(p.code, p.message) for p in found] == [("DAY_NOT_IN_EVERY_MONTH", message)]
