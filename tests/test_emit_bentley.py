"""Writing Bentley Schedules calendars from the IR: kept payloads, canonical ones, refusals."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence import Schedule, UnsupportedError
from cadence._zones import instant_of, resolve_zone, zone_name
from cadence.formats import _bentley_calendar as bentley_format
from cadence.formats.bentley_calendar import emit_bentley
from cadence.ir import CronRule, MonthDays, Period, Weekdays

OFF, WORK = "7efb...", "f98d..."
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
H = timedelta(hours=1)
UTC = resolve_zone("UTC")


def calendar(**changes: Any) -> dict[str, Any]:
    """The formats.md calendar with some properties replaced (``None`` deletes one)."""
    payload = copy.deepcopy(CALENDAR)
    for key, value in changes.items():
        if value is None:
            payload["calendar"].pop(key, None)
        else:
            payload["calendar"][key] = value
    return payload


def day_types(*blocks: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"id": OFF, "timeBlocks": []},
            {"id": WORK, "timeBlocks": [{"startTime": a, "endTime": b} for a, b in blocks]}]


def meaning(schedule: Schedule) -> tuple[frozenset[CronRule], str, int | None, int | None]:
    """Rules (DST policy aside), zone name and bounds: what a round trip keeps."""
    zone = schedule.tz
    return (frozenset(replace(rule, fixed_time=True, skip_gaps=False, second_pass=False)
                      for rule in schedule.rules),
            zone_name(zone), bound(schedule.start, zone), bound(schedule.end, zone))


def bound(moment: datetime | None, zone: tzinfo) -> int | None:
    if moment is None:
        return None
    seconds, micro = instant_of(moment, zone)
    return seconds + (1 if micro else 0)


def read_back(payload: dict[str, Any], schedule: Schedule) -> Schedule:
    """The payload parsed in the schedule's zone (a calendar names none)."""
    return cadence.parse(payload, format="bentley", tz=schedule.tz)


def rebuilt(schedule: Schedule, *, format: str = "ir", start: str | None = None,
            end: str | None = None) -> Schedule:
    """``schedule`` as if built from the IR: no payload to keep."""
    return Schedule(schedule.rules, schedule.tz, format=format, source="", start=start,
                    end=end, metadata=schedule.metadata)


def windows(text: str, duration: timedelta | None, tz: str = "UTC") -> Schedule:
    parsed = cadence.parse(text, tz=tz)
    return parsed.with_duration(duration) if duration else parsed


def rule(text: str, duration: timedelta | None = H, **changes: Any) -> CronRule:
    return replace(windows(text, duration).rule, **changes)


def union(*rules: CronRule, tz: tzinfo = UTC) -> Schedule:
    return Schedule(rules, tz, format="ir", source="")


# -- payloads read from Bentley come back as they were --------------------------------


def test_the_documented_calendar_comes_back_identical() -> None:
    assert emit_bentley(cadence.parse(CALENDAR, format="bentley")) == CALENDAR


KEPT: list[tuple[str, object, str | None]] = [
    ("the bare calendar object", CALENDAR["calendar"], None),
    ("a weekend day re-typed to a half day, in Berlin",
     calendar(dayTypes=[*CALENDAR["calendar"]["dayTypes"],
                        {"id": "half", "type": "Normal",
                         "timeBlocks": [{"startTime": "08:00", "endTime": "12:00"}]}],
              exceptions=[{"date": "2026-11-28T12:00:00Z", "dayTypeId": "half"},
                          {"date": "2026-11-30", "dayTypeId": "half"}]),
     "Europe/Berlin"),
    ("night blocks past midnight",
     calendar(dayTypes=[{"id": OFF, "timeBlocks": []},
                        {"id": WORK, "timeBlocks": [{"startTime": "22:00", "endTime": "06:00"},
                                                    {"startTime": "04:00", "endTime": "08:00"}]}],
              workingSecondsPerDay=None, exceptions=None), None),
    ("an evening block until 24:00",
     calendar(dayTypes=day_types(("18:00", "24:00")), workingSecondsPerDay=6 * 3600), None),
    ("two blocks every day in Riga",
     calendar(week=dict.fromkeys(WEEK_KEYS, WORK), exceptions=None, workingDaysPerWeek=7,
              dayTypes=[{"id": WORK, "timeBlocks": [
                  {"startTime": "02:00", "endTime": "05:00"},
                  {"startTime": "09:00", "endTime": "17:00"}]}],
              workingSecondsPerDay=11 * 3600), "Europe/Riga"),
    ("warnings and unknown properties stay",
     {**calendar(colour="blue", workingDaysPerWeek=6), "extra": 1}, None),
]


@pytest.mark.parametrize(("payload", "tz"), [case[1:] for case in KEPT],
                         ids=[case[0] for case in KEPT])
def test_a_parsed_calendar_comes_back_as_it_was_written(payload: object, tz: str | None
                                                        ) -> None:
    assert emit_bentley(cadence.parse(payload, format="bentley", tz=tz)) == payload


def test_a_calendar_read_from_json_text_comes_back_as_its_object() -> None:
    assert emit_bentley(cadence.parse(json.dumps(CALENDAR), format="bentley")) == CALENDAR


def test_a_changed_meaning_is_written_canonically_keeping_ids_and_name() -> None:
    longer = cadence.parse(CALENDAR, format="bentley").with_duration(9 * H)
    emitted = emit_bentley(longer)
    cal = emitted["calendar"]
    assert (cal["id"], cal["name"], cal["parentId"]) == ("1e67...", "Standard", None)
    assert cal["dayTypes"][1]["timeBlocks"] == [{"startTime": "09:00", "endTime": "18:00"}]
    assert cal["workingSecondsPerDay"] == 9 * 3600
    assert meaning(read_back(emitted, longer)) == meaning(longer)


# -- schedules from elsewhere: canonical calendars --------------------------------------

NON_WORKING = {"id": "non-working", "description": "Non-Working Day", "type": "NonWorking",
               "timeBlocks": []}


def working(number: int, *blocks: tuple[str, str]) -> dict[str, Any]:
    return {"id": f"working-{number}",
            "description": "Working Day " + ", ".join(f"{a}-{b}" for a, b in blocks),
            "type": "Normal",
            "timeBlocks": [{"startTime": a, "endTime": b} for a, b in blocks]}


def week(*ids: str) -> dict[str, str]:
    """The week from Sunday to Saturday."""
    return dict(zip(WEEK_KEYS, ids, strict=True))


W1, W2, W3, NW = "working-1", "working-2", "working-3", "non-working"
CANONICAL: list[tuple[str, Callable[[], Schedule], dict[str, Any]]] = [
    ("the documented calendar built from the IR",
     lambda: rebuilt(cadence.parse(CALENDAR, format="bentley")),
     {"calendar": {"name": "Standard",
                   "dayTypes": [NON_WORKING, working(1, ("09:00", "17:00"))],
                   "week": week(NW, W1, W1, W1, W1, W1, NW),
                   "exceptions": [{"date": "2024-04-03T12:00:00Z", "dayTypeId": NW}],
                   "workingDaysPerWeek": 5, "workingSecondsPerDay": 28800}}),
    ("a cron window on weekdays",
     lambda: windows("0 9 * * MON-FRI", 8 * H, "Europe/Berlin"),
     {"calendar": {"dayTypes": [NON_WORKING, working(1, ("09:00", "17:00"))],
                   "week": week(NW, W1, W1, W1, W1, W1, NW), "exceptions": [],
                   "workingDaysPerWeek": 5, "workingSecondsPerDay": 28800}}),
    ("a nightly window past midnight every day",
     lambda: windows("0 22 * * *", 8 * H),
     {"calendar": {"dayTypes": [working(1, ("22:00", "06:00"))],
                   "week": week(W1, W1, W1, W1, W1, W1, W1), "exceptions": [],
                   "workingDaysPerWeek": 7, "workingSecondsPerDay": 28800}}),
    ("a whole day is 00:00-24:00",
     lambda: windows("0 0 * * SUN", 24 * H),
     {"calendar": {"dayTypes": [working(1, ("00:00", "24:00")), NON_WORKING],
                   "week": week(W1, NW, NW, NW, NW, NW, NW), "exceptions": [],
                   "workingDaysPerWeek": 1, "workingSecondsPerDay": 86400}}),
    ("seconds are written as HH:MM:SS",
     lambda: windows("30 15 8 * * ?", H),
     {"calendar": {"dayTypes": [working(1, ("08:15:30", "09:15:30"))],
                   "week": week(W1, W1, W1, W1, W1, W1, W1), "exceptions": [],
                   "workingDaysPerWeek": 7, "workingSecondsPerDay": 3600}}),
    ("two windows on the same weekdays are one day type with two blocks",
     lambda: union(rule("0 13 * * MON-FRI", 4 * H), rule("0 8 * * MON-FRI", 4 * H)),
     {"calendar": {"dayTypes": [NON_WORKING, working(1, ("08:00", "12:00"), ("13:00", "17:00"))],
                   "week": week(NW, W1, W1, W1, W1, W1, NW), "exceptions": [],
                   "workingDaysPerWeek": 5, "workingSecondsPerDay": 28800}}),
    ("equal windows in separate rules get separate day types",
     lambda: union(rule("0 9 * * MON", 8 * H), rule("0 9 * * TUE", 8 * H),
                   rule("0 9 * * WED", 4 * H)),
     {"calendar": {"dayTypes": [NON_WORKING, working(1, ("09:00", "17:00")),
                                working(2, ("09:00", "17:00")), working(3, ("09:00", "13:00"))],
                   "week": week(NW, W1, W2, W3, NW, NW, NW), "exceptions": [],
                   "workingDaysPerWeek": 3}}),
    ("dates re-typed to working days, and an excluded date",
     lambda: union(rule("0 9 * * MON-FRI", 8 * H,
                        excluded_dates=(date(2026, 11, 30), date(2026, 12, 1))),
                   rule("0 0 8 28,30 11 ? 2026", 4 * H),
                   rule("0 0 8 5 12 ? 2026", 4 * H), rule("0 0 8 6 12 ? 2026", 4 * H)),
     {"calendar": {"dayTypes": [NON_WORKING, working(1, ("09:00", "17:00")),
                                working(2, ("08:00", "12:00")), working(3, ("08:00", "12:00"))],
                   "week": week(NW, W1, W1, W1, W1, W1, NW),
                   "exceptions": [{"date": "2026-11-28T12:00:00Z", "dayTypeId": W2},
                                  {"date": "2026-11-30T12:00:00Z", "dayTypeId": W2},
                                  {"date": "2026-12-01T12:00:00Z", "dayTypeId": NW},
                                  {"date": "2026-12-05T12:00:00Z", "dayTypeId": W2},
                                  {"date": "2026-12-06T12:00:00Z", "dayTypeId": W3}],
                   "workingDaysPerWeek": 5, "workingSecondsPerDay": 28800}}),
    ("a calendar with working time only on exception dates",
     lambda: union(rule("0 0 8 24 12 ? 2026", 2 * H)),
     {"calendar": {"dayTypes": [NON_WORKING, working(1, ("08:00", "10:00"))],
                   "week": week(NW, NW, NW, NW, NW, NW, NW),
                   "exceptions": [{"date": "2026-12-24T12:00:00Z", "dayTypeId": W1}],
                   "workingDaysPerWeek": 0, "workingSecondsPerDay": 0}}),
]


@pytest.mark.parametrize(("build", "expected"), [case[1:] for case in CANONICAL],
                         ids=[case[0] for case in CANONICAL])
def test_schedules_from_other_sources_give_the_expected_calendar(
    build: Callable[[], Schedule], expected: dict[str, Any]
) -> None:
    schedule = build()
    emitted = emit_bentley(schedule)
    assert emitted == expected
    assert meaning(read_back(emitted, schedule)) == meaning(schedule)
    assert cadence.validate(emitted, "bentley") == []


# -- what a calendar cannot say -------------------------------------------------------

HELIX: dict[str, Any] = {
    "startTime": "16:49", "endTime": "16:51", "startDate": "19042022",
    "endsOn": {"endDate": "19052022"},
    "recurrence": {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": [2, 3, 4]}},
    "timeZone": {"name": "Asia/Kolkata", "offset": "+05:30"}}
PLAIN = "; a calendar's week maps plain weekdays"
DATES = "; exceptions are single dates"


def one(text: str, duration: timedelta | None = H, **changes: Any) -> Callable[[], Schedule]:
    return lambda: union(rule(text, duration, **changes))


UNSUPPORTED: list[tuple[str, Callable[[], Schedule], str]] = [
    ("a Helix time frame's start bound", lambda: cadence.parse(HELIX, format="helix"),
     "bentley: a start bound (2022-04-19T00:00:00+05:30) cannot be expressed; a calendar has "
     "no start or end date"),
    ("an end bound", lambda: rebuilt(windows("0 9 * * *", H), end="2027-01-01T00:00Z"),
     "bentley: an end bound (2027-01-01T00:00:00+00:00) cannot be expressed; a calendar has no "
     "start or end date"),
    ("an instant schedule", lambda: windows("0 9 * * *", None),
     "bentley: instants (occurrences without a window) cannot be expressed; a calendar's time "
     "blocks are windows (give the schedule a duration: Schedule.with_duration, or convert "
     "--duration)"),
    ("several start times in one rule", lambda: windows("0 9,13 * * *", H),
     "bentley: more than one start time in a rule cannot be expressed (hours 9,13; minutes 0; "
     "seconds 0); a time block opens once a day, and each block is its own rule"),
    ("an anchored period", one("0 9 * * MON", H,
                               period=Period.anchored("week", 2, date(2026, 1, 5))),
     "bentley: an anchored period (every 2 weeks) cannot be expressed; a calendar's week "
     "repeats every week"),
    ("a window of a fraction of a second", one("0 9 * * *", timedelta(seconds=1.5)),
     "bentley: a window of 1.5 s cannot be expressed; time blocks are whole seconds "
     "(HH:MM:SS)"),
    ("a window longer than a day", one("0 9 * * *", 25 * H),
     "bentley: a window of 1 day 1 h cannot be expressed; a time block lasts 24 hours at "
     "most ('00:00'-'24:00')"),
    ("a whole day that does not start at midnight", one("0 9 * * *", 24 * H),
     "bentley: a 24-hour window opening at 09:00 cannot be expressed; only the block "
     "'00:00'-'24:00' lasts a whole day"),
    ("months", one("0 9 * 1-6 *"),
     "bentley: months (1,2,3,4,5,6) cannot be expressed; a calendar's week repeats in every "
     "month"),
    ("days of every month", one("0 9 1,15 * *"),
     "bentley: days of the month (1,15) cannot be expressed; a calendar repeats weekly, and its "
     "exceptions are single dates"),
    ("the last day of the month", one("0 9 L * *"),
     "bentley: days counted from the end of the month (L) cannot be expressed" + DATES),
    ("the nearest weekday", one("0 9 15W * *"),
     "bentley: the weekday nearest a day of the month (15W) cannot be expressed" + DATES),
    ("the last weekday", one("0 9 LW * *"),
     "bentley: the last weekday of the month (LW) cannot be expressed" + DATES),
    ("an nth weekday", one("0 9 * * MON#2"),
     "bentley: nth weekdays of the month (2nd Monday) cannot be expressed" + PLAIN),
    ("a last weekday of the month", one("0 9 * * 5L"),
     "bentley: last weekdays of the month (last Friday) cannot be expressed" + PLAIN),
    ("days of the month or of the week", one("0 9 1 * MON"),
     "bentley: days of the month (1) OR days of the week (Monday) cannot be expressed; a rule "
     "follows the week or lists exception dates, not both"),
    ("a year without dates", one("0 0 9 * * ? 2027"),
     "bentley: years (2027) cannot be expressed; only exception dates are tied to a year"),
    ("dates in two months in one rule", one("0 0 9 3 4,5 ? 2026"),
     "bentley: dates in more than one month in one rule (years 2026; months 4,5) cannot be "
     "expressed; the exception dates of one day type in one month make one rule per time "
     "block"),
    ("excluded dates on a rule of dates", one("0 0 9 3 4 ? 2026", H,
                                              excluded_dates=(date(2026, 4, 3),)),
     "bentley: excluded dates on a rule of dates (2026-04-03) cannot be expressed; only weekly "
     "rules skip exception dates"),
    ("a date that does not exist",
     lambda: union(CronRule((0,), (0,), (9,), months=(2,), month_days=MonthDays((30,)),
                            years=(2027,), duration=H)),
     "bentley: a date that does not exist (2027-02-30) cannot be expressed"),
    ("a rule that selects no weekday",
     lambda: union(CronRule((0,), (0,), (9,), weekdays=Weekdays(), duration=H)),
     "bentley: a rule that selects no day at all cannot be expressed"),
    ("overlapping sets of weekdays",
     lambda: union(rule("0 9 * * MON-FRI", 8 * H), rule("0 18 * * MON", H)),
     "bentley: rules on overlapping sets of weekdays (Monday, Tuesday, Wednesday, Thursday, "
     "Friday; Monday) cannot be expressed; a calendar gives each weekday one day type"),
    ("overlapping windows on the same weekdays",
     lambda: union(rule("0 9 * * MON,TUE", 8 * H), rule("0 12 * * MON,TUE", H)),
     "bentley: overlapping windows on Monday, Tuesday (09:00-17:00 and 12:00-13:00) cannot be "
     "expressed; the time blocks of a day type must not overlap"),
    ("different excluded dates on the same weekdays",
     lambda: union(rule("0 9 * * MON", H, excluded_dates=(date(2026, 1, 5),)),
                   rule("0 13 * * MON", H)),
     "bentley: different excluded dates among the rules on Monday (none; 2026-01-05) cannot be "
     "expressed; the rules of one day type skip the same exception dates"),
    ("windows added to a working day",
     lambda: union(rule("0 9 * * MON-FRI", 8 * H), rule("0 0 18 5 1 ? 2026", H)),
     "bentley: windows added on 2026-01-05 while its Monday windows still run cannot be "
     "expressed; an exception re-types the whole day, so the weekday's rules must exclude that "
     "date"),
    ("overlapping sets of dates",
     lambda: union(rule("0 0 8 3,4 1 ? 2026", H), rule("0 0 10 4,5 1 ? 2026", H)),
     "bentley: rules on overlapping sets of dates (2026-01-03, 2026-01-04; 2026-01-04, "
     "2026-01-05) cannot be expressed; an exception re-types a date to one day type"),
]


@pytest.mark.parametrize(("build", "message"), [case[1:] for case in UNSUPPORTED],
                         ids=[case[0] for case in UNSUPPORTED])
def test_what_a_calendar_cannot_say_is_refused_by_name(build: Callable[[], Schedule],
                                                       message: str) -> None:
    with pytest.raises(UnsupportedError) as caught:
        emit_bentley(build())
    assert str(caught.value) == message
    assert caught.value.target == "bentley"


def test_a_payload_that_would_read_back_differently_is_refused(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bentley_format, "_clock", lambda seconds: "10:00" if seconds == 9 * 3600
                        else f"{seconds // 3600 % 24:02d}:00")
    with pytest.raises(UnsupportedError) as caught:
        emit_bentley(windows("0 9 * * MON", 8 * H))
    assert str(caught.value) == (
        "bentley: the calendar written for this schedule reads back with other rules; a "
        "calendar cannot express it exactly")


def test_the_dst_policy_does_not_matter() -> None:
    loose = union(replace(rule("0 9 * * MON-FRI", 8 * H), fixed_time=False))
    emitted = emit_bentley(loose)
    assert emitted["calendar"]["week"]["mondayDayTypeId"] == W1
    assert meaning(read_back(emitted, loose)) == meaning(loose)


def test_a_weekday_set_given_as_every_day_is_the_whole_week() -> None:
    schedule = union(rule("0 9 * * *", H, weekdays=Weekdays(tuple(range(7)))))
    assert set(emit_bentley(schedule)["calendar"]["week"].values()) == {W1}


# -- round trips ----------------------------------------------------------------------

ZONES = ("UTC", "Europe/Riga", "America/New_York", "Australia/Lord_Howe")


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def blocks(draw: st.DrawFn) -> list[dict[str, str]]:
    """Non-overlapping blocks on a quarter-hour grid, maybe one past midnight."""
    points = [15 * point for point in sorted(draw(st.sets(st.integers(0, 96), max_size=6)))]
    found = [{"startTime": hhmm(a), "endTime": hhmm(b)}
             for a, b in zip(points[::2], points[1::2], strict=False)]
    last = points[-1] if points else 0
    if last < 1440 - 15 and draw(st.booleans()):
        start = draw(st.integers(last // 15, 95)) * 15
        if start > 0:
            end = draw(st.integers(0, start // 15 - 1)) * 15
            found.append({"startTime": hhmm(start), "endTime": hhmm(end)})
    return found


@st.composite
def calendars(draw: st.DrawFn) -> dict[str, Any]:
    ids = [f"type-{index}" for index in range(draw(st.integers(1, 3)))]
    types = [{"id": ident, "timeBlocks": draw(blocks())} for ident in ids]
    if not any(kind["timeBlocks"] for kind in types):
        types[0]["timeBlocks"] = [{"startTime": "09:00", "endTime": "17:00"}]
    week = {key: draw(st.sampled_from(ids)) for key in WEEK_KEYS}
    days = draw(st.sets(st.dates(date(2026, 1, 1), date(2026, 12, 31)), max_size=6))
    exceptions = [{"date": f"{day.isoformat()}T12:00:00Z", "dayTypeId": draw(st.sampled_from(ids))}
                  for day in sorted(days)]
    found = {"dayTypes": types, "week": week, "exceptions": exceptions}
    return {"calendar": found} if draw(st.booleans()) else found


def has_working_time(payload: dict[str, Any]) -> bool:
    cal = payload.get("calendar", payload)
    working = {kind["id"] for kind in cal["dayTypes"] if kind["timeBlocks"]}
    used: Sequence[str] = [*cal["week"].values(), *(e["dayTypeId"] for e in cal["exceptions"])]
    return bool(working & set(used))


@settings(max_examples=100, deadline=None)
@given(payload=calendars().filter(has_working_time), zone=st.sampled_from(ZONES))
def test_parse_emit_parse_keeps_rules_and_zone(payload: dict[str, Any], zone: str) -> None:
    schedule = cadence.parse(payload, format="bentley", tz=zone)
    assert emit_bentley(schedule) == payload
    # Built from the IR alone (no payload to keep), the meaning is the same too.
    canonical = emit_bentley(rebuilt(schedule))
    again = read_back(canonical, schedule)
    assert meaning(again) == meaning(schedule)
    assert emit_bentley(again) == canonical
