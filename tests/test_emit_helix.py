"""Writing BMC Helix time frames from the IR: kept payloads, canonical ones, refusals."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence import Schedule, UnsupportedError
from cadence._zones import instant_of, resolve_zone, zone_name
from cadence.formats import _helix_timeframe as helix_format
from cadence.formats.helix_timeframe import emit_helix
from cadence.ir import MonthDays, Period, Rule, Weekdays

#: The time frame of formats.md section 4, as written there.
EXAMPLE: dict[str, Any] = {
    "name": "skip weekends",
    "description": "skip weekends",
    "schedule": {
        "startTime": "16:49",
        "endTime": "16:51",
        "startDate": "19042022",
        "endsOn": {"endDate": "19052022"},
        "recurrence": {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": [2, 3, 4]}},
        "timeZone": {"name": "Asia/Kolkata", "offset": "+05:30"},
    },
}
OFF, WORK = "7efb...", "f98d..."
WEEK_KEYS = ("sundayDayTypeId", "mondayDayTypeId", "tuesdayDayTypeId", "wednesdayDayTypeId",
             "thursdayDayTypeId", "fridayDayTypeId", "saturdayDayTypeId")


def body(**changes: Any) -> dict[str, Any]:
    """The example's schedule object with some fields replaced (``None`` removes one)."""
    found: dict[str, Any] = copy.deepcopy(EXAMPLE["schedule"])
    for key, value in changes.items():
        if value is None:
            found.pop(key, None)
        else:
            found[key] = value
    return found


def meaning(schedule: Schedule) -> tuple[frozenset[Rule], str, int | None, int | None]:
    """Rules (DST policy aside), zone name and bounds: what a round trip keeps."""
    zone = schedule.tz
    return (frozenset(replace(rule, fixed_time=True, skip_gaps=False, second_pass=False)
                      for rule in schedule.rules),
            zone_name(zone), bound(schedule.start, zone), bound(schedule.end, zone))


def bound(moment: datetime | None, zone: tzinfo) -> int | None:
    """A bound as a schedule keeps it: whole seconds, a fraction rounded up."""
    if moment is None:
        return None
    seconds, micro = instant_of(moment, zone)
    return seconds + (1 if micro else 0)


def bounded(schedule: Schedule, start: str | None, end: str | None, *,
            format: str = "cron") -> Schedule:
    """``schedule`` with other bounds (and a format, so no payload is kept)."""
    return Schedule(schedule.rules, schedule.tz, format=format, source="", start=start, end=end,
                    metadata=schedule.metadata)


def cron(text: str, duration: timedelta | None, start: str | None = "2026-01-01T00:00Z",
         end: str | None = "2027-01-01T00:00Z", tz: str = "UTC") -> Schedule:
    parsed = cadence.parse(text, tz=tz)
    return bounded(parsed.with_duration(duration) if duration else parsed, start, end,
                   format=parsed.format)


def calendar(week: dict[str, str], blocks: list[tuple[str, str]],
             exceptions: list[dict[str, str]] | None = None) -> Schedule:
    payload = {"calendar": {
        "id": "1e67...", "name": "Standard",
        "dayTypes": [{"id": OFF, "type": "NonWorking", "timeBlocks": []},
                     {"id": WORK, "type": "Normal",
                      "timeBlocks": [{"startTime": a, "endTime": b} for a, b in blocks]}],
        "week": week, "exceptions": exceptions or []}}
    return cadence.parse(payload, format="bentley", tz="Europe/Berlin")


EVERY_DAY = dict.fromkeys(WEEK_KEYS, WORK)
WORK_WEEK = {**EVERY_DAY, "sundayDayTypeId": OFF, "saturdayDayTypeId": OFF}
H = timedelta(hours=1)


# -- payloads read from Helix come back as they were ---------------------------------


def test_the_documented_time_frame_comes_back_identical() -> None:
    assert emit_helix(cadence.parse(EXAMPLE, format="helix")) == EXAMPLE


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "only a name", "schedule": body()},
        {**EXAMPLE, "id": "68f1c644", "status": "ACTIVE", "lastRunTime": 1, "nextRunTime": 2},
        {"schedule": body(recurrence={"frequency": "DAILY"}, timeZone=None)},
        {"schedule": body(recurrence={"frequency": "monthly"}, startDate="31012026",
                          endsOn={"endDate": "31122026"})},
        {"schedule": body(recurrence=None, timeZone={"id": "Asia/Kolkata"},
                          recurrencePattern={"recurrence": "WEEKLY",
                                             "details": {"daysOfWeek": [4, 2, 3]}})},
        {"schedule": body(startDate="14122020", startTime="17:27", endTime="09:00",
                          endsOn={"endDate": "16122020"}, recurrence={"frequency": "oneTime"},
                          timeZone={"name": "America/New_York", "offset": "-05:00"})},
        {"schedule": body(startTime="8:00", endTime="08:00", recurrence={"frequency": "daily"})},
        {"schedule": body(endsOn={"endDate": "31129999"})},
    ],
)
def test_a_parsed_time_frame_comes_back_as_it_was_written(payload: dict[str, Any]) -> None:
    assert emit_helix(cadence.parse(payload, format="helix")) == payload


def test_a_bare_schedule_object_comes_back_wrapped_in_a_time_frame() -> None:
    assert emit_helix(cadence.parse(body(), format="helix")) == {"schedule": body()}


def test_a_frame_read_in_a_tz_zone_gets_that_zone_written_in() -> None:
    plain = body(timeZone=None, recurrence={"frequency": "daily"})
    schedule = cadence.parse({"name": "n", "schedule": plain}, format="helix",
                             tz="Europe/Berlin")
    assert emit_helix(schedule) == {
        "name": "n", "schedule": {**plain, "timeZone": {"name": "Europe/Berlin"}}}


def test_a_changed_meaning_is_written_canonically_with_the_name_and_description() -> None:
    longer = cadence.parse(EXAMPLE, format="helix").with_duration(H)
    assert longer.format == "helix"
    assert emit_helix(longer) == {
        "name": "skip weekends", "description": "skip weekends",
        "schedule": {**EXAMPLE["schedule"], "endTime": "17:49",
                     "recurrence": {"frequency": "weekly",
                                    "recurrenceSchedule": {"daysOfWeek": [2, 3, 4]}}}}


# -- schedules from elsewhere: canonical time frames ------------------------------------


def frame(start_time: str, end_time: str, start_date: str, end_date: str,
          recurrence: dict[str, Any], zone: str = "UTC", offset: str = "+00:00"
          ) -> dict[str, Any]:
    return {"startTime": start_time, "endTime": end_time, "startDate": start_date,
            "endsOn": {"endDate": end_date}, "recurrence": recurrence,
            "timeZone": {"name": zone, "offset": offset}}


DAILY = {"frequency": "daily", "recurrenceSchedule": {"days": "all"}}
CANONICAL: list[tuple[str, Callable[[], Schedule], dict[str, Any]]] = [
    ("a weekday office window in Berlin",
     lambda: cron("30 9 * * MON-FRI", 8 * H, "2026-01-01T00:00+01:00",
                  "2027-01-01T00:00+01:00", "Europe/Berlin"),
     {"schedule": frame("09:30", "17:30", "01012026", "31122026",
                        {"frequency": "weekly",
                         "recurrenceSchedule": {"daysOfWeek": [2, 3, 4, 5, 6]}},
                        "Europe/Berlin", "+01:00")}),
    ("a nightly window past midnight",
     lambda: cron("0 22 * * *", 4 * H),
     {"schedule": frame("22:00", "02:00", "01012026", "31122026", DAILY)}),
    ("a whole-day window",
     lambda: cron("0 8 * * *", 24 * H),
     {"schedule": frame("08:00", "08:00", "01012026", "31122026", DAILY)}),
    ("a weekend window (Sunday is 1, Saturday 7)",
     lambda: cron("0 10 * * SAT,SUN", 2 * H),
     {"schedule": frame("10:00", "12:00", "01012026", "31122026",
                        {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": [1, 7]}})}),
    ("a monthly window on listed days",
     lambda: cron("15 6 1,15,31 * *", 45 * timedelta(minutes=1)),
     {"schedule": frame("06:15", "07:00", "01012026", "31122026",
                        {"frequency": "monthly",
                         "recurrenceSchedule": {"daysOfMonth": [1, 15, 31]}})}),
    ("one window on one date is a oneTime frame",
     lambda: bounded(cadence.parse("0 27 17 14 12 ? 2020", tz="America/New_York")
                     .with_duration(timedelta(hours=39, minutes=33)),
                     "2020-12-14T00:00-05:00", "2020-12-16T09:00-05:00"),
     {"schedule": frame("17:27", "09:00", "14122020", "16122020", {"frequency": "oneTime"},
                        "America/New_York", "-05:00")}),
    ("the offset is the zone's on the start date at the start time",
     lambda: cron("0 12 * * *", H, "2026-07-01T00:00+02:00", "2026-08-01T00:00+02:00",
                  "Europe/Berlin"),
     {"schedule": frame("12:00", "13:00", "01072026", "31072026", DAILY, "Europe/Berlin",
                        "+02:00")}),
    ("a Bentley calendar of one daily window",
     lambda: bounded(calendar(EVERY_DAY, [("09:00", "17:00")]), "2026-01-01T00:00+01:00",
                     "2026-02-01T00:00+01:00", format="bentley"),
     {"name": "Standard",
      "schedule": frame("09:00", "17:00", "01012026", "31012026", DAILY, "Europe/Berlin",
                        "+01:00")}),
    ("a Bentley calendar of one window on weekdays",
     lambda: bounded(calendar(WORK_WEEK, [("22:00", "06:00")]), "2026-01-01T00:00+01:00",
                     "2026-02-01T00:00+01:00", format="bentley"),
     {"name": "Standard",
      "schedule": frame("22:00", "06:00", "01012026", "31012026",
                        {"frequency": "weekly",
                         "recurrenceSchedule": {"daysOfWeek": [2, 3, 4, 5, 6]}},
                        "Europe/Berlin", "+01:00")}),
    ("a fraction of a second before midnight is that midnight (bounds are whole seconds)",
     lambda: cron("0 8 * * *", H, "2025-12-31T23:59:59.5Z", "2026-01-02T00:00Z"),
     {"schedule": frame("08:00", "09:00", "01012026", "01012026", DAILY)}),
    ("the same rule twice is one rule",
     lambda: Schedule([cron("0 8 * * *", H).rule] * 2, resolve_zone("UTC"), format="cron",
                      source="", start="2026-01-01T00:00Z", end="2026-01-02T00:00Z"),
     {"schedule": frame("08:00", "09:00", "01012026", "01012026", DAILY)}),
]


@pytest.mark.parametrize(("build", "expected"), [case[1:] for case in CANONICAL],
                         ids=[case[0] for case in CANONICAL])
def test_schedules_from_other_sources_give_the_expected_time_frame(
    build: Callable[[], Schedule], expected: dict[str, Any]
) -> None:
    schedule = build()
    emitted = emit_helix(schedule)
    assert emitted == expected
    assert meaning(cadence.parse(emitted, format="helix")) == meaning(schedule)


# -- what a time frame cannot say -------------------------------------------------------

NO_WINDOW = ("; a time frame's windows run from startTime to endTime (give the schedule a "
             "duration: Schedule.with_duration, or convert --duration)")
ONCE = "; a time frame opens one window a day, at startTime"
PLAIN_DAYS = "; daysOfMonth lists plain days"
PLAIN_WEEKDAYS = "; daysOfWeek lists plain weekdays"
UNSUPPORTED: list[tuple[str, Callable[[], Schedule], str]] = [
    ("an instant schedule", lambda: cron("0 9 * * *", None),
     "helix: instants (occurrences without a window) cannot be expressed" + NO_WINDOW),
    ("two windows a day (a union)",
     lambda: bounded(calendar(EVERY_DAY, [("08:00", "12:00"), ("13:00", "17:00")]),
                     "2026-01-01T00:00+01:00", "2026-02-01T00:00+01:00"),
     "helix: a union of 2 rules cannot be expressed; a time frame is one window a day"),
    ("seconds", lambda: cron("30 0 9 * * ?", H),
     "helix: seconds other than 0 cannot be expressed (second 30); startTime is HH:MM"),
    ("several minutes", lambda: cron("0,30 9 * * *", H),
     "helix: more than one minute cannot be expressed (minutes 0,30)" + ONCE),
    ("several hours", lambda: cron("0 9,17 * * *", H),
     "helix: more than one hour cannot be expressed (hours 9,17)" + ONCE),
    ("a window of whole seconds", lambda: cron("0 9 * * *", timedelta(seconds=90)),
     "helix: a window of 1 minute 30 seconds cannot be expressed; startTime and endTime are "
     "HH:MM, so windows last whole minutes"),
    ("a recurring window longer than a day", lambda: cron("0 9 * * *", 25 * H),
     "helix: a window of 25 hours cannot be expressed; a recurring time frame's window lasts "
     "24 hours at most"),
    ("excluded dates",
     lambda: bounded(calendar(WORK_WEEK, [("09:00", "17:00")],
                              [{"date": "2026-01-06", "dayTypeId": OFF}]),
                     "2026-01-01T00:00+01:00", "2026-02-01T00:00+01:00"),
     "helix: excluded dates (2026-01-06) cannot be expressed; a time frame has no exception "
     "days"),
    ("an anchored period",
     lambda: Schedule(replace(cron("0 9 * * MON", H).rule,
                              period=Period.anchored("week", 2, date(2026, 1, 5))),
                      resolve_zone("UTC"), format="cron", source="",
                      start="2026-01-01T00:00Z", end="2027-01-01T00:00Z"),
     "helix: an anchored period (every 2 weeks) cannot be expressed; a time frame repeats "
     "every day, every week or every month"),
    ("months", lambda: cron("0 9 * 1-6 *", H),
     "helix: months (1,2,3,4,5,6) cannot be expressed; a recurring time frame runs in every "
     "month"),
    ("the last day of the month", lambda: cron("0 9 L * *", H),
     "helix: days counted from the end of the month (L) cannot be expressed" + PLAIN_DAYS),
    ("a day before the last", lambda: cron("0 9 L-3 * *", H),
     "helix: days counted from the end of the month (L-3) cannot be expressed" + PLAIN_DAYS),
    ("the nearest weekday", lambda: cron("0 9 15W * *", H),
     "helix: the weekday nearest a day of the month (15W) cannot be expressed" + PLAIN_DAYS),
    ("the last weekday", lambda: cron("0 9 LW * *", H),
     "helix: the last weekday of the month (LW) cannot be expressed" + PLAIN_DAYS),
    ("an nth weekday", lambda: cron("0 9 * * MON#2", H),
     "helix: nth weekdays of the month (2nd Monday) cannot be expressed" + PLAIN_WEEKDAYS),
    ("a last weekday of the month", lambda: cron("0 9 * * 5L", H),
     "helix: last weekdays of the month (last Friday) cannot be expressed" + PLAIN_WEEKDAYS),
    ("days of the month or of the week", lambda: cron("0 9 1 * MON", H),
     "helix: days of the month (1) OR days of the week (Monday) cannot be expressed; a time "
     "frame repeats on weekdays or on days of the month, not both"),
    ("years that are not one date", lambda: cron("0 0 9 * * ? 2027", H),
     "helix: years (2027) cannot be expressed; only a oneTime time frame is tied to a year, "
     "and it is one window on one date"),
    ("a date that does not exist",
     lambda: Schedule(Rule((0,), (0,), (9,), months=(2,), month_days=MonthDays((30,)),
                               years=(2027,), duration=H), resolve_zone("UTC"),
                      format="ir", source="", start="2027-02-01T00:00Z",
                      end="2027-03-01T00:00Z"),
     "helix: a date that does not exist (2027-02-30) cannot be expressed"),
    ("a rule that selects no weekday",
     lambda: Schedule(Rule((0,), (0,), (9,), weekdays=Weekdays(), duration=H),
                      resolve_zone("UTC"), format="ir", source="", start="2027-02-01T00:00Z",
                      end="2027-03-01T00:00Z"),
     "helix: a rule that selects no day at all cannot be expressed"),
    ("no start bound", lambda: cron("0 9 * * *", H, start=None),
     "helix: a schedule without a start date cannot be expressed; Helix time frames need "
     "startDate"),
    ("a start bound after midnight", lambda: cron("0 9 * * *", H, start="2026-01-01T08:00Z"),
     "helix: a start bound at 2026-01-01T08:00:00+00:00 cannot be expressed; a time frame "
     "starts at 00:00 on its startDate"),
    ("a start bound at midnight elsewhere",
     lambda: cron("0 9 * * *", H, start="2026-01-01T00:00Z", end="2027-01-01T00:00+01:00",
                  tz="Europe/Berlin"),
     "helix: a start bound at 2026-01-01T00:00:00+00:00 cannot be expressed; a time frame "
     "starts at 00:00 on its startDate"),
    ("an end bound after midnight", lambda: cron("0 9 * * *", H, end="2026-06-30T18:00Z"),
     "helix: an end bound at 2026-06-30T18:00:00+00:00 cannot be expressed; a recurring time "
     "frame ends at 00:00 on the day after its endsOn.endDate"),
    ("an end bound at the start bound",
     lambda: cron("0 9 * * *", H, end="2026-01-01T00:00Z"),
     "helix: an end bound at 2026-01-01T00:00:00+00:00 cannot be expressed; endsOn.endDate "
     "(the day before it) would precede startDate (01012026)"),
    ("a oneTime start bound before its date",
     lambda: bounded(cadence.parse("0 0 9 14 12 ? 2020").with_duration(H),
                     "2020-12-13T00:00Z", "2020-12-14T10:00Z"),
     "helix: a start bound at 2020-12-13T00:00:00+00:00 cannot be expressed; a oneTime time "
     "frame starts at 00:00 on the day its window opens (2020-12-14)"),
    ("a oneTime end bound after its window",
     lambda: bounded(cadence.parse("0 0 9 14 12 ? 2020").with_duration(H),
                     "2020-12-14T00:00Z", "2020-12-15T00:00Z"),
     "helix: an end bound at 2020-12-15T00:00:00+00:00 cannot be expressed; a oneTime time "
     "frame ends when its window closes (2020-12-14T10:00:00+00:00)"),
    ("a zone without an IANA name",
     lambda: Schedule(cron("0 9 * * *", H).rule, timezone(timedelta(hours=2)), format="cron",
                      source="", start="2026-01-01T00:00+02:00", end="2026-02-01T00:00+02:00"),
     "helix: the zone 'UTC+02:00' cannot be expressed; timeZone.name needs an IANA zone name"),
]


@pytest.mark.parametrize(("build", "message"), [case[1:] for case in UNSUPPORTED],
                         ids=[case[0] for case in UNSUPPORTED])
def test_what_a_time_frame_cannot_say_is_refused_by_name(build: Callable[[], Schedule],
                                                         message: str) -> None:
    with pytest.raises(UnsupportedError) as caught:
        emit_helix(build())
    assert str(caught.value) == message
    assert caught.value.target == "helix"


# -- round trips ----------------------------------------------------------------------

ZONES = ["UTC", "Asia/Kolkata", "America/New_York", "Europe/London", "Australia/Lord_Howe",
         "America/Santiago"]


@st.composite
def timeframes(draw: st.DrawFn) -> dict[str, Any]:
    """Valid time frames (a oneTime frame always ends a day or more after it starts)."""
    start = draw(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
    frequency = draw(st.sampled_from(["oneTime", "daily", "weekly", "monthly"]))
    end = start + timedelta(days=draw(st.integers(1 if frequency == "oneTime" else 0, 90)))
    recurrence: dict[str, Any] = {"frequency": frequency}
    if frequency == "weekly":
        recurrence["recurrenceSchedule"] = {
            "daysOfWeek": draw(st.lists(st.integers(1, 7), min_size=1, max_size=7))}
    elif frequency == "monthly" and draw(st.booleans()):
        recurrence["recurrenceSchedule"] = {
            "daysOfMonth": draw(st.lists(st.integers(1, 31), min_size=1, max_size=5))}
    times = st.tuples(st.integers(0, 23), st.integers(0, 59)).map(
        lambda hm: f"{hm[0]:02d}:{hm[1]:02d}")
    found: dict[str, Any] = {
        "startTime": draw(times), "endTime": draw(times),
        "startDate": start.strftime("%d%m%Y"), "endsOn": {"endDate": end.strftime("%d%m%Y")},
        "recurrence": recurrence,
    }
    if draw(st.booleans()):
        found["timeZone"] = {"name": draw(st.sampled_from(ZONES))}
    if draw(st.booleans()):
        return {"name": "n", "description": "d", "schedule": found}
    return found


@settings(max_examples=100, deadline=None)
@given(payload=timeframes(), zone=st.sampled_from(ZONES))
def test_parse_emit_parse_keeps_rules_zone_and_bounds(payload: dict[str, Any],
                                                      zone: str) -> None:
    schedule = cadence.parse(payload, format="helix", tz=zone)
    emitted = emit_helix(schedule)
    assert meaning(cadence.parse(emitted, format="helix")) == meaning(schedule)
    # Built from the IR alone (no payload to keep), the meaning is the same too.
    rebuilt = bounded(schedule, schedule.start.isoformat() if schedule.start else None,
                      schedule.end.isoformat() if schedule.end else None, format="ir")
    canonical = emit_helix(rebuilt)
    assert meaning(cadence.parse(canonical, format="helix")) == meaning(schedule)
    assert emit_helix(cadence.parse(canonical, format="helix")) == canonical


def test_a_payload_that_would_read_back_differently_is_refused(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(helix_format, "_recurrence", lambda rule: {"frequency": "daily"})
    with pytest.raises(UnsupportedError) as caught:
        emit_helix(cron("0 9 * * MON", H))
    assert str(caught.value) == (
        "helix: the time frame written for this schedule reads back with other rules; a time "
        "frame cannot express it exactly")


def test_the_canonical_payload_has_no_warnings_about_its_offset() -> None:
    schedule = cron("30 1 * * *", H, "2026-03-29T00:00Z", "2026-11-01T00:00Z",
                    "Europe/London")
    emitted = emit_helix(schedule)
    assert emitted["schedule"]["timeZone"] == {"name": "Europe/London", "offset": "+00:00"}
    # 01:30 is in London's spring gap (2026-03-29) and autumn overlap (2026-10-25): the
    # DST lints say so; nothing is said about the offset.
    assert [(p.code, p.severity) for p in cadence.validate(emitted, "helix",
                                                           since="2026-01-01T00:00Z")] == [
        ("TIME_IN_DST_GAP", "warning"), ("TIME_IN_DST_OVERLAP", "warning")]


def test_bounds_keep_their_instants_across_a_midnight_dst_change() -> None:
    # Santiago's clocks jump from 00:00 to 01:00 on 2026-09-06: that day starts at 01:00.
    schedule = cron("0 9 * * *", H, "2026-09-06T00:00-04:00", "2026-09-10T00:00-03:00",
                    "America/Santiago")
    emitted = emit_helix(schedule)
    assert emitted["schedule"]["startDate"] == "06092026"
    again = cadence.parse(emitted, format="helix")
    assert meaning(again) == meaning(schedule)
    assert again.start is not None
    assert instant_of(again.start, again.tz) == instant_of(
        datetime.fromisoformat("2026-09-06T01:00-03:00"), again.tz)


def test_a_schedule_without_an_end_is_written_with_the_last_date_there_is() -> None:
    schedule = cron("0 9 * * *", H, end=None)
    written = emit_helix(schedule)
    assert written["schedule"]["endsOn"] == {"endDate": "31129999"}
    again = cadence.parse(written, format="helix")
    assert again.end is None
    assert frozenset(again.rules) == frozenset(schedule.rules)
