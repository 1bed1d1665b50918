"""BMC Helix time frames: windows, status, DST, and every validation rule."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence.formats.helix_timeframe import check, envelope
from cadence.helix import read_frames, status

IST = "+05:30"

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


def frame(**changes: Any) -> dict[str, Any]:
    """The example's schedule with some fields replaced (``None`` removes a field)."""
    body: dict[str, Any] = copy.deepcopy(EXAMPLE["schedule"])
    for key, value in changes.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def iso_windows(schedule: cadence.Schedule, start: str, end: str) -> list[tuple[str, str]]:
    return [(a.isoformat(), b.isoformat()) for a, b in schedule.windows_between(start, end)]


def codes(payload: object) -> list[tuple[str, str, str]]:
    return [(p.severity, p.path, p.code) for p in check(payload).problems]


def ms(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp()) * 1000


# -- the documented example ----------------------------------------------------------


def test_the_documented_example_opens_two_minute_windows_on_monday_to_wednesday() -> None:
    checked = check(EXAMPLE)
    assert checked.problems == []
    schedule = checked.schedule
    assert schedule is not None
    assert schedule.format == "helix"
    assert dict(schedule.metadata) == {"name": "skip weekends", "description": "skip weekends"}
    windows = iso_windows(schedule, "2022-01-01T00:00Z", "2023-01-01T00:00Z")
    # 19 April 2022 is a Tuesday; 2, 3, 4 = Monday, Tuesday, Wednesday.
    assert windows[:3] == [
        ("2022-04-19T16:49:00+05:30", "2022-04-19T16:51:00+05:30"),
        ("2022-04-20T16:49:00+05:30", "2022-04-20T16:51:00+05:30"),
        ("2022-04-25T16:49:00+05:30", "2022-04-25T16:51:00+05:30"),
    ]
    assert windows[-1] == ("2022-05-18T16:49:00+05:30", "2022-05-18T16:51:00+05:30")
    assert len(windows) == 14
    assert schedule.next_window("2022-05-18T16:49:00+05:30") is None
    assert schedule.next("2022-05-18T16:49:00+05:30") is None


@pytest.mark.parametrize(
    ("moment", "window"),
    [
        ("2022-04-19T16:48:59+05:30", None),
        ("2022-04-19T16:49:00+05:30", "2022-04-19T16:49:00+05:30"),
        ("2022-04-19T11:20:30Z", "2022-04-19T16:49:00+05:30"),
        ("2022-04-19T16:50:59.999+05:30", "2022-04-19T16:49:00+05:30"),
        ("2022-04-19T16:51:00+05:30", None),  # windows are [opening, closing)
        ("2022-04-21T16:50:00+05:30", None),  # Thursday
        ("2022-05-18T16:50:00+05:30", "2022-05-18T16:49:00+05:30"),
        ("2022-05-23T16:50:00+05:30", None),  # a Monday after the end date
    ],
)
def test_window_at_and_is_active(moment: str, window: str | None) -> None:
    schedule = cadence.parse(EXAMPLE, format="helix")
    found = schedule.window_at(moment)
    assert (found[0].isoformat() if found else None) == window
    assert schedule.is_active(moment) is (window is not None)


def run_times(last: int | None, following: int | None) -> dict[str, int | None]:
    return {"lastRunTime": last, "nextRunTime": following}


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2022-04-01T00:00:00+05:30",
         {"status": "ACTIVE", "inWindow": False,
          **run_times(None, ms("2022-04-19T16:49:00+05:30"))}),
        ("2022-04-19T16:49:00+05:30",
         {"status": "ACTIVE", "inWindow": True, **run_times(1650367140000, 1650453540000)}),
        ("2022-04-19T16:50:30+05:30",
         {"status": "ACTIVE", "inWindow": True, **run_times(1650367140000, 1650453540000)}),
        ("2022-04-22T09:00:00+05:30",
         {"status": "ACTIVE", "inWindow": False, **run_times(1650453540000, 1650885540000)}),
        # After the last window, still on the end date: not yet past it.
        ("2022-05-19T20:00:00+05:30",
         {"status": "ACTIVE", "inWindow": False, **run_times(1652872740000, None)}),
        ("2022-05-20T00:00:00+05:30",
         {"status": "EXPIRED", "inWindow": False, **run_times(1652872740000, None)}),
        ("2023-01-01T00:00:00Z",
         {"status": "EXPIRED", "inWindow": False, **run_times(1652872740000, None)}),
    ],
)
def test_status_at_several_moments(now: str, expected: dict[str, object]) -> None:
    """A frame as POSTed has no stored status: it is ACTIVE until it expires, and
    ``inWindow`` says whether ``now`` is inside a window."""
    assert status(EXAMPLE, now) == expected
    assert status(json.dumps(EXAMPLE), datetime.fromisoformat(now.replace("Z", "+00:00"))) \
        == expected
    assert status(cadence.parse(EXAMPLE, format="helix"), now) == expected


def listed_frame(id_end: str, name: str, state: str) -> dict[str, Any]:
    """One element of the seed's ``GET /timeframes`` answer; both have this schedule."""
    return {"id": f"68f1c644-3594-11ec-9a65-3515b2f79aa{id_end}", "name": name,
            "description": "EPS", "schedule": {
                "startTime": "16:49", "endTime": "16:51", "startDate": "19042022",
                "endsOn": {"endDate": "19052022"},
                "recurrence": {"frequency": "daily", "recurrenceSchedule": {"days": "all"}},
                "timeZone": {"name": "Asia/Kolkata", "offset": "+05:30"}},
            "status": state, "lastRunTime": 1648452600000, "nextRunTime": 1648452600000}


#: The seed's ``GET /timeframes`` answer (002, "Get details of all time frames").
LISTED: dict[str, Any] = {
    "message": "[Successfully found timeframes]",
    "object": [listed_frame("d", "Exclude weekends", "ACTIVE"),
               listed_frame("e", "Weekly time frame", "INACTIVE")],
}


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2022-04-20T16:50:00+05:30", [
            ("Exclude weekends", {"status": "ACTIVE", "inWindow": True,
                                  **run_times(ms("2022-04-20T16:49:00+05:30"),
                                              ms("2022-04-21T16:49:00+05:30"))}),
            ("Weekly time frame", {"status": "INACTIVE", "inWindow": True,
                                   **run_times(ms("2022-04-20T16:49:00+05:30"),
                                               ms("2022-04-21T16:49:00+05:30"))})]),
        ("2022-05-20T00:00:00+05:30", [
            ("Exclude weekends", {"status": "EXPIRED", "inWindow": False,
                                  **run_times(ms("2022-05-19T16:49:00+05:30"), None)}),
            ("Weekly time frame", {"status": "EXPIRED", "inWindow": False,
                                   **run_times(ms("2022-05-19T16:49:00+05:30"), None)})]),
    ],
)
def test_status_is_the_frames_lifecycle_not_whether_a_window_is_open(
        now: str, expected: list[tuple[str, dict[str, object]]]) -> None:
    """Seed 002, GET /timeframes, "Successful response": two frames with the same
    ``"schedule"`` in one answer, ``"name": "Exclude weekends"`` with
    ``"status": "ACTIVE"`` and ``"name": "Weekly time frame"`` with
    ``"status": "INACTIVE"``, both ``"lastRunTime": 1648452600000`` and
    ``"nextRunTime": 1648452600000``; "The status parameter can have one of the
    following values: ACTIVE, INACTIVE, EXPIRED". Same schedule, same moment, different
    status: the status is the frame's state (enabled, disabled, past its end), and
    being inside a window is a field of its own."""
    answers = [(name, status(schedule, now)) for name, schedule in read_frames(LISTED)]
    assert answers == expected


def test_a_stored_status_is_kept_until_the_end() -> None:
    stored = {**EXAMPLE, "status": "INACTIVE"}
    assert status(stored, "2022-04-19T16:50:00+05:30")["status"] == "INACTIVE"
    assert status(stored, "2022-05-20T00:00:00+05:30")["status"] == "EXPIRED"
    assert status({**EXAMPLE, "status": "EXPIRED"}, "2022-04-19T16:50:00+05:30")[
        "status"] == "EXPIRED"


def test_status_millisecond_values_are_the_window_openings() -> None:
    assert ms("2022-04-19T16:49:00+05:30") == 1650367140000
    assert ms("2022-04-20T16:49:00+05:30") == 1650453540000
    assert ms("2022-04-25T16:49:00+05:30") == 1650885540000
    assert ms("2022-05-18T16:49:00+05:30") == 1652872740000


def test_status_reads_a_naive_now_in_the_frames_zone() -> None:
    assert status(EXAMPLE, datetime(2022, 4, 19, 16, 50))["status"] == "ACTIVE"
    assert status(EXAMPLE, "2022-04-19T16:50")["status"] == "ACTIVE"


def test_status_rejects_invalid_payloads_and_bad_moments() -> None:
    with pytest.raises(cadence.InvalidPayloadError) as caught:
        status(frame(startDate="31022022"), "2022-04-19T00:00Z")
    assert caught.value.problems[0].code == "INVALID_TIMEFRAME_START_DATE"
    with pytest.raises(cadence.ScheduleError, match="ISO 8601"):
        status(EXAMPLE, "yesterday")
    with pytest.raises(cadence.ScheduleError, match="datetime"):
        status(EXAMPLE, [12])  # type: ignore[arg-type]
    with pytest.raises(cadence.ScheduleError, match="not a boolean"):
        status(EXAMPLE, True)


# -- daily, monthly, oneTime, past midnight ----------------------------------------


def test_daily_frames_run_every_day_including_the_start_and_end_dates() -> None:
    schedule = cadence.parse(
        frame(recurrence={"frequency": "Daily", "recurrenceSchedule": {"days": "all"}},
              startDate="01012024", endsOn={"endDate": "03012024"}, timeZone=None),
        format="helix")
    assert str(schedule.tz) == "UTC"
    assert iso_windows(schedule, "2023-12-01T00:00Z", "2024-02-01T00:00Z") == [
        ("2024-01-01T16:49:00+00:00", "2024-01-01T16:51:00+00:00"),
        ("2024-01-02T16:49:00+00:00", "2024-01-02T16:51:00+00:00"),
        ("2024-01-03T16:49:00+00:00", "2024-01-03T16:51:00+00:00"),
    ]


def test_a_missing_zone_takes_the_tz_argument() -> None:
    body = frame(timeZone=None, recurrence={"frequency": "daily"})
    schedule = cadence.parse(body, format="helix", tz="Europe/Berlin")
    assert str(schedule.next("2022-04-19T00:00Z")) == "2022-04-19 16:49:00+02:00"
    assert codes({**body}) == []
    assert check(body, tz="Mars/Olympus").problems[0].code == "INVALID_TIMEFRAME_TIME_ZONE"


def test_windows_past_midnight_close_on_the_next_day() -> None:
    schedule = cadence.parse(
        frame(startTime="22:00", endTime="02:00", startDate="01032026",
              endsOn={"endDate": "02032026"}, recurrence={"frequency": "daily"},
              timeZone={"name": "Europe/Berlin", "offset": "+01:00"}),
        format="helix")
    assert iso_windows(schedule, "2026-01-01T00:00Z", "2027-01-01T00:00Z") == [
        ("2026-03-01T22:00:00+01:00", "2026-03-02T02:00:00+01:00"),
        ("2026-03-02T22:00:00+01:00", "2026-03-03T02:00:00+01:00"),
    ]
    # The window that opened on the end date keeps the frame active past midnight.
    assert status(schedule, "2026-03-03T01:00:00+01:00")["status"] == "ACTIVE"
    assert status(schedule, "2026-03-03T02:00:00+01:00")["status"] == "EXPIRED"


def test_equal_start_and_end_times_make_a_24_hour_window() -> None:
    schedule = cadence.parse(
        frame(startTime="08:00", endTime="08:00", recurrence={"frequency": "daily"},
              timeZone=None), format="helix")
    assert schedule.rule.duration == timedelta(hours=24)
    assert schedule.is_active("2022-04-20T07:59:59Z")


def test_monthly_frames_repeat_on_the_start_day_unless_days_are_given() -> None:
    schedule = cadence.parse(
        frame(startDate="15012026", endsOn={"endDate": "31032026"},
              recurrence={"frequency": "MONTHLY"}, timeZone=None),
        format="helix")
    assert [a for a, _ in iso_windows(schedule, "2026-01-01T00:00Z", "2027-01-01T00:00Z")] == [
        "2026-01-15T16:49:00+00:00", "2026-02-15T16:49:00+00:00", "2026-03-15T16:49:00+00:00",
    ]
    listed = cadence.parse(
        frame(startDate="15012026", endsOn={"endDate": "31032026"}, timeZone=None,
              recurrence={"frequency": "monthly",
                          "recurrenceSchedule": {"daysOfMonth": [1, 31]}}),
        format="helix")
    assert [a[:10] for a, _ in iso_windows(listed, "2026-01-01T00:00Z", "2027-01-01T00:00Z")
            ] == ["2026-01-31", "2026-02-01", "2026-03-01", "2026-03-31"]
    assert codes(frame(startDate="31012026", recurrence={"frequency": "monthly"},
                       endsOn={"endDate": "31122026"}, timeZone=None)) == [
        ("warning", "/startDate", "DAY_NOT_IN_EVERY_MONTH")]


def test_one_time_frames_are_one_window_from_start_to_end() -> None:
    body = frame(startDate="14122020", startTime="17:27", endTime="09:00",
                 endsOn={"endDate": "16122020"}, recurrence={"frequency": "oneTime"},
                 timeZone={"name": "America/New_York", "offset": "-05:00"})
    schedule = cadence.parse(body, format="helix")
    assert iso_windows(schedule, "2000-01-01T00:00Z", "2100-01-01T00:00Z") == [
        ("2020-12-14T17:27:00-05:00", "2020-12-16T09:00:00-05:00")]
    assert status(schedule, "2020-12-15T00:00:00-05:00") == {
        "status": "ACTIVE", "inWindow": True, "lastRunTime": ms("2020-12-14T17:27:00-05:00"),
        "nextRunTime": None}
    assert status(schedule, "2020-12-16T09:00:00-05:00")["status"] == "EXPIRED"
    assert status(schedule, "2020-12-14T17:26:00-05:00") == {
        "status": "ACTIVE", "inWindow": False, "lastRunTime": None,
        "nextRunTime": ms("2020-12-14T17:27:00-05:00")}
    # The same day with the end time before the start time: the window would be negative.
    same_day = {**body, "endsOn": {"endDate": "14122020"}}
    assert codes(same_day) == [("error", "/endTime", "TIMEFRAME_END_BEFORE_START")]


# -- DST -------------------------------------------------------------------------------


def test_a_new_york_window_across_both_dst_changes() -> None:
    schedule = cadence.parse(
        frame(startTime="01:30", endTime="02:30", startDate="07032026",
              endsOn={"endDate": "02112026"}, recurrence={"frequency": "daily"},
              timeZone={"name": "America/New_York", "offset": "-05:00"}),
        format="helix")
    # Spring (8 March 2026, 02:00 -> 03:00): the window opens at 01:30 EST; its end,
    # 02:30, does not exist, so it closes at the end of the jump (03:00 EDT): 30 minutes.
    assert iso_windows(schedule, "2026-03-07T00:00-05:00", "2026-03-10T00:00-04:00") == [
        ("2026-03-07T01:30:00-05:00", "2026-03-07T02:30:00-05:00"),
        ("2026-03-08T01:30:00-05:00", "2026-03-08T03:00:00-04:00"),
        ("2026-03-09T01:30:00-04:00", "2026-03-09T02:30:00-04:00"),
    ]
    # Autumn (1 November 2026, 02:00 EDT -> 01:00 EST): 01:30 happens twice; the window
    # opens on the first pass (EDT) and closes at 02:30 EST: two real hours.
    windows = schedule.windows_between("2026-10-31T00:00-04:00", "2026-11-03T00:00-05:00")
    assert [(a.isoformat(), b.isoformat()) for a, b in windows] == [
        ("2026-10-31T01:30:00-04:00", "2026-10-31T02:30:00-04:00"),
        ("2026-11-01T01:30:00-04:00", "2026-11-01T02:30:00-05:00"),
        ("2026-11-02T01:30:00-05:00", "2026-11-02T02:30:00-05:00"),
    ]
    assert windows[1][1] - windows[1][0] == timedelta(hours=1)  # on the wall clock
    assert (windows[1][1].timestamp() - windows[1][0].timestamp()) == 7200
    assert schedule.is_active("2026-11-01T01:45:00-05:00")  # the second pass is inside


# -- blackout spelling -----------------------------------------------------------------


def test_the_blackout_policy_spelling_reads_the_same() -> None:
    blackout = frame(recurrence=None, timeZone={"id": "Asia/Kolkata", "offset": IST},
                     recurrencePattern={"recurrence": "WEEKLY",
                                        "details": {"daysOfWeek": [2, 3, 4]}})
    assert codes(blackout) == []
    assert cadence.parse(blackout, format="helix") == cadence.parse(EXAMPLE, format="helix")
    nested = frame(recurrence=None, recurrencePattern={
        "recurrence": {"frequency": "weekly", "details": {"daysOfWeek": [4, 3, 2]}}})
    assert cadence.parse(nested, format="helix") == cadence.parse(EXAMPLE, format="helix")
    one_time = frame(recurrence=None, recurrencePattern={"recurrence": "oneTime"},
                     endsOn={"endDate": "20042022"})
    assert codes(one_time) == []
    both = frame(recurrencePattern={"recurrence": "daily"})
    assert codes(both) == [("error", "/recurrencePattern", "INVALID_TIMEFRAME_FREQUENCY")]


# -- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"startDate": "31022022"}, [("error", "/startDate", "INVALID_TIMEFRAME_START_DATE")]),
        ({"startDate": "2022-04-19"},
         [("error", "/startDate", "INVALID_TIMEFRAME_START_DATE")]),
        ({"startDate": 19042022}, [("error", "/startDate", "INVALID_TIMEFRAME_START_DATE")]),
        ({"startDate": "19132022"}, [("error", "/startDate", "INVALID_TIMEFRAME_START_DATE")]),
        ({"endsOn": {"endDate": "31042022"}},
         [("error", "/endsOn/endDate", "INVALID_TIMEFRAME_END_DATE")]),
        ({"endsOn": {"endDate": ""}},
         [("error", "/endsOn/endDate", "INVALID_TIMEFRAME_END_DATE")]),
        ({"endsOn": None}, [("error", "/endsOn", "INVALID_TIMEFRAME_END_DATE")]),
        ({"endsOn": "19052022"}, [("error", "/endsOn", "INVALID_TIMEFRAME_END_DATE")]),
        ({"endsOn": {"endDate": "18042022"}},
         [("error", "/endsOn/endDate", "TIMEFRAME_END_BEFORE_START")]),
        ({"startTime": "24:00"}, [("error", "/startTime", "INVALID_TIMEFRAME_START_TIME")]),
        ({"startTime": "4pm"}, [("error", "/startTime", "INVALID_TIMEFRAME_START_TIME")]),
        ({"startTime": None}, [("error", "/startTime", "INVALID_TIMEFRAME_START_TIME")]),
        ({"endTime": "16:60"}, [("error", "/endTime", "INVALID_TIMEFRAME_END_TIME")]),
        ({"endTime": 1651}, [("error", "/endTime", "INVALID_TIMEFRAME_END_TIME")]),
        ({"recurrence": {"frequency": "hourly"}},
         [("error", "/recurrence/frequency", "INVALID_TIMEFRAME_FREQUENCY")]),
        ({"recurrence": {"frequency": ""}},
         [("error", "/recurrence/frequency", "INVALID_TIMEFRAME_FREQUENCY")]),
        ({"recurrence": {}}, [("error", "/recurrence/frequency", "INVALID_TIMEFRAME_FREQUENCY")]),
        ({"recurrence": None}, [("error", "/recurrence", "INVALID_TIMEFRAME_FREQUENCY")]),
        ({"recurrence": ["weekly"]}, [("error", "/recurrence", "INVALID_TIMEFRAME_FREQUENCY")]),
        ({"recurrence": {"frequency": "weekly"}},
         [("error", "/recurrence/recurrenceSchedule/daysOfWeek",
           "INVALID_TIMEFRAME_DAYS_OF_WEEK")]),
        ({"recurrence": {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": [0, 8]}}},
         [("error", "/recurrence/recurrenceSchedule/daysOfWeek/0",
           "INVALID_TIMEFRAME_DAYS_OF_WEEK"),
          ("error", "/recurrence/recurrenceSchedule/daysOfWeek/1",
           "INVALID_TIMEFRAME_DAYS_OF_WEEK")]),
        ({"recurrence": {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": []}}},
         [("error", "/recurrence/recurrenceSchedule/daysOfWeek",
           "INVALID_TIMEFRAME_DAYS_OF_WEEK")]),
        ({"recurrence": {"frequency": "weekly",
                         "recurrenceSchedule": {"daysOfWeek": ["2", True]}}},
         [("error", "/recurrence/recurrenceSchedule/daysOfWeek/0",
           "INVALID_TIMEFRAME_DAYS_OF_WEEK"),
          ("error", "/recurrence/recurrenceSchedule/daysOfWeek/1",
           "INVALID_TIMEFRAME_DAYS_OF_WEEK")]),
        ({"recurrence": {"frequency": "monthly",
                         "recurrenceSchedule": {"daysOfMonth": [0, 32]}}},
         [("error", "/recurrence/recurrenceSchedule/daysOfMonth/0",
           "INVALID_TIMEFRAME_DAYS_OF_MONTH"),
          ("error", "/recurrence/recurrenceSchedule/daysOfMonth/1",
           "INVALID_TIMEFRAME_DAYS_OF_MONTH")]),
        ({"recurrence": {"frequency": "daily", "recurrenceSchedule": {"days": "weekdays"}}},
         [("error", "/recurrence/recurrenceSchedule/days", "INVALID_TIMEFRAME_DAYS")]),
        ({"recurrence": {"frequency": "daily", "recurrenceSchedule": "all"}},
         [("error", "/recurrence/recurrenceSchedule", "INVALID_TIMEFRAME_FREQUENCY")]),
        ({"recurrence": {"frequency": "daily", "recurrenceSchedule": {"daysOfWeek": [2]}}},
         [("warning", "/recurrence/recurrenceSchedule/daysOfWeek", "IGNORED_TIMEFRAME_FIELD")]),
        ({"recurrence": {"frequency": "daily", "recurrenceSchedule": {"dayz": "all"}}},
         [("error", "/recurrence/recurrenceSchedule/dayz", "UNKNOWN_TIMEFRAME_FIELD")]),
        ({"recurrence": {"frequency": "daily", "repeat": 2}},
         [("error", "/recurrence/repeat", "UNKNOWN_TIMEFRAME_FIELD")]),
        ({"timeZone": {"name": "Asia/Calcutta_", "offset": IST}},
         [("error", "/timeZone/name", "INVALID_TIMEFRAME_TIME_ZONE")]),
        ({"timeZone": {"name": 5}}, [("error", "/timeZone/name", "INVALID_TIMEFRAME_TIME_ZONE")]),
        ({"timeZone": {"offset": IST}}, [("error", "/timeZone", "INVALID_TIMEFRAME_TIME_ZONE")]),
        ({"timeZone": "Asia/Kolkata"}, [("error", "/timeZone", "INVALID_TIMEFRAME_TIME_ZONE")]),
        ({"timeZone": {"name": "Asia/Kolkata", "offset": "IST"}},
         [("error", "/timeZone/offset", "INVALID_TIMEFRAME_TIME_ZONE")]),
        ({"timeZone": {"name": "Asia/Kolkata", "id": "Europe/Paris"}},
         [("error", "/timeZone/id", "INVALID_TIMEFRAME_TIME_ZONE")]),
        ({"timeZone": {"name": "Asia/Kolkata", "offset": "+05:00"}},
         [("warning", "/timeZone/offset", "TIMEZONE_OFFSET_MISMATCH")]),
        ({"timeZone": {"name": "Asia/Kolkata", "offset": IST, "dst": False}},
         [("error", "/timeZone/dst", "UNKNOWN_TIMEFRAME_FIELD")]),
        ({"startDte": "19042022"}, [("error", "/startDte", "UNKNOWN_TIMEFRAME_FIELD")]),
        ({"endsOn": {"endDate": "19052022", "after": 3}},
         [("error", "/endsOn/after", "UNKNOWN_TIMEFRAME_FIELD")]),
        ({"recurrence": {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": [1]}},
          "endsOn": {"endDate": "23042022"}},
         [("warning", "", "TIMEFRAME_HAS_NO_WINDOW")]),
    ],
)
def test_each_rule_reports_its_path_and_code(changes: dict[str, Any],
                                             expected: list[tuple[str, str, str]]) -> None:
    body = frame(**changes)
    assert codes(body) == expected
    prefixed = [(sev, "/schedule" + path, code) for sev, path, code in expected]
    assert codes({"name": "n", "schedule": body}) == prefixed
    has_error = any(sev == "error" for sev, _, _ in expected)
    assert (check(body).schedule is None) is has_error
    for problem in check(body).problems:
        assert problem.message


def test_the_offset_is_compared_on_the_start_date() -> None:
    # New York is -05:00 in January and -04:00 in July.
    winter = frame(startDate="15012026", endsOn={"endDate": "15082026"},
                   timeZone={"name": "America/New_York", "offset": "-05:00"})
    summer = {**winter, "startDate": "15072026"}
    assert codes(winter) == []
    assert codes(summer) == [("warning", "/timeZone/offset", "TIMEZONE_OFFSET_MISMATCH")]
    assert check(summer).schedule is not None


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("{not json", [("error", "", "INVALID_JSON")]),
        ([], [("error", "", "INVALID_TIMEFRAME")]),
        (None, [("error", "", "INVALID_TIMEFRAME")]),
        ({}, [("error", "/schedule", "INVALID_TIMEFRAME_SCHEDULE")]),
        ({"name": "x", "schedule": "daily"},
         [("error", "/schedule", "INVALID_TIMEFRAME_SCHEDULE")]),
        ({"name": 3, "description": [], "schedule": EXAMPLE["schedule"]},
         [("error", "/name", "INVALID_TIMEFRAME_NAME"),
          ("error", "/description", "INVALID_TIMEFRAME_DESCRIPTION")]),
        ({**EXAMPLE, "owner": "me"}, [("error", "/owner", "UNKNOWN_TIMEFRAME_FIELD")]),
        ({**EXAMPLE, "id": "68f1c644", "status": "ACTIVE", "lastRunTime": 1,
          "nextRunTime": 2}, []),
    ],
)
def test_payload_shapes(payload: object, expected: list[tuple[str, str, str]]) -> None:
    assert codes(payload) == expected


def test_all_problems_are_reported_at_once() -> None:
    body = {"startTime": "25:00", "endTime": "x", "startDate": "31022022",
            "endsOn": {"endDate": "00002022"}, "recurrence": {"frequency": "yearly"},
            "timeZone": {"name": "Nowhere/City"}}
    assert [code for _, _, code in codes(body)] == [
        "INVALID_TIMEFRAME_START_TIME", "INVALID_TIMEFRAME_END_TIME",
        "INVALID_TIMEFRAME_START_DATE", "INVALID_TIMEFRAME_END_DATE",
        "INVALID_TIMEFRAME_FREQUENCY", "INVALID_TIMEFRAME_TIME_ZONE",
    ]
    messages = " ".join(p.message for p in check(body).problems)
    assert "February 2022 has no day 31" in messages
    assert "did you mean" in " ".join(p.message for p in check(frame(startDte="x")).problems)


def test_parse_raises_with_every_problem_and_validate_lists_them() -> None:
    bad = {"schedule": frame(startDate="31022022", recurrence={"frequency": "yearly"})}
    with pytest.raises(cadence.InvalidPayloadError) as caught:
        cadence.parse(bad, format="helix")
    assert [p.code for p in caught.value.problems] == [
        "INVALID_TIMEFRAME_START_DATE", "INVALID_TIMEFRAME_FREQUENCY"]
    assert cadence.validate(bad, "helix") == caught.value.problems


@pytest.mark.parametrize(
    ("changes", "error_code", "message", "paths"),
    [
        ({"endsOn": {"endDate": "31022022"}, "recurrence": {"frequency": "x"},
          "timeZone": {"name": "Asia/Kolkata", "offset": "+01:00"}},
         "INVALID_TIMEFRAME_END_DATE", "End date is empty or not valid in Timeframe.",
         ["/endsOn/endDate", "/recurrence/frequency"]),
        ({"recurrence": None}, "INVALID_TIMEFRAME_FREQUENCY",
         "Recurrence repeat or frequency is empty or not valid in Timeframe.",
         ["/recurrence"]),
        ({"endsOn": None}, "INVALID_TIMEFRAME_END_DATE",
         "End date is empty or not valid in Timeframe.", ["/endsOn"]),
    ],
)
def test_the_envelope_message_is_helixs_and_cadences_problems_are_apart(
        changes: dict[str, Any], error_code: str, message: str, paths: list[str]) -> None:
    """Seed 002, POST /timeframes, "Unsuccessful responses", Scenario 1: ``{"message":
    "End date is empty or not valid in Timeframe.", "errorCode":
    "INVALID_TIMEFRAME_END_DATE"}``; Scenario 2: ``{"message": "Recurrence repeat or
    frequency is empty or not valid in Timeframe.", "errorCode":
    "INVALID_TIMEFRAME_FREQUENCY"}``. The vendor's message word for word; every error,
    with its path, in cadence's own field."""
    problems = check(frame(**changes)).problems
    body = envelope(problems)
    assert (body["message"], body["errorCode"]) == (message, error_code)
    errors = [p for p in problems if p.is_error]
    assert body["problems"] == [{"path": p.path, "code": p.code, "message": p.message}
                                for p in errors]
    assert [p["path"] for p in body["problems"]] == paths  # warnings are not errors
    assert cadence.envelope(problems, "helix") == body


@pytest.mark.parametrize("problems", [[], check(frame(timeZone={
    "name": "Asia/Kolkata", "offset": "+01:00"})).problems])
def test_a_valid_frame_has_no_error_body(problems: list[Any]) -> None:
    """Seed 002: Helix answers a valid POST with ``{"message": "[Successfully created
    timeframe.]", "object": {"id": ...}}``, an id only the server gives."""
    assert all(not p.is_error for p in problems)
    with pytest.raises(cadence.ScheduleError, match="no error among the problems"):
        envelope(problems)
    with pytest.raises(cadence.ScheduleError, match="no error among the problems"):
        cadence.envelope(problems, "helix")


# -- properties ------------------------------------------------------------------------

ZONES = ["UTC", "Asia/Kolkata", "America/New_York", "Europe/London", "Australia/Lord_Howe",
         "America/Santiago"]


@st.composite
def timeframes(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.dates(min_value=datetime(2020, 1, 1).date(),
                          max_value=datetime(2030, 12, 31).date()))
    end = start + timedelta(days=draw(st.integers(0, 90)))
    frequency = draw(st.sampled_from(["oneTime", "daily", "weekly", "monthly", "DAILY"]))
    recurrence: dict[str, Any] = {"frequency": frequency}
    if frequency == "weekly":
        recurrence["recurrenceSchedule"] = {
            "daysOfWeek": draw(st.lists(st.integers(1, 7), min_size=1, max_size=7))}
    elif frequency == "monthly" and draw(st.booleans()):
        recurrence["recurrenceSchedule"] = {
            "daysOfMonth": draw(st.lists(st.integers(1, 31), min_size=1, max_size=5))}
    times = st.tuples(st.integers(0, 23), st.integers(0, 59)).map(
        lambda hm: f"{hm[0]:02d}:{hm[1]:02d}")
    body: dict[str, Any] = {
        "startTime": draw(times), "endTime": draw(times),
        "startDate": start.strftime("%d%m%Y"), "endsOn": {"endDate": end.strftime("%d%m%Y")},
        "recurrence": recurrence,
    }
    if draw(st.booleans()):
        body["timeZone"] = {"name": draw(st.sampled_from(ZONES))}
    return body


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8,
)
KEYS = ["startTime", "endTime", "startDate", "endsOn", "recurrence", "timeZone",
        "recurrencePattern", "name"]


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    body = draw(timeframes())
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(KEYS))
        if draw(st.booleans()):
            body.pop(key, None)
        else:
            body[key] = draw(JSON | st.sampled_from(
                ["31022022", "24:00", "weekly", {"frequency": "x"}, {"endDate": "1"}]))
    return body


@settings(max_examples=80, deadline=None)
@given(body=st.one_of(timeframes(), mutated()), wrap=st.booleans())
def test_a_schedule_exactly_when_there_is_no_error(body: dict[str, Any], wrap: bool) -> None:
    payload = {"name": "n", "schedule": body} if wrap else body
    checked = check(payload)
    has_error = any(problem.is_error for problem in checked.problems)
    assert (checked.schedule is None) is has_error
    assert all(problem.path == "" or problem.path.startswith("/")
               for problem in checked.problems)


@settings(max_examples=40, deadline=None)
@given(body=timeframes(), offsets=st.lists(st.integers(-2 * 86400, 100 * 86400),
                                           min_size=1, max_size=4))
def test_is_active_agrees_with_window_at_and_status(body: dict[str, Any],
                                                    offsets: list[int]) -> None:
    checked = check(body)
    if checked.schedule is None:
        assert any(p.code == "TIMEFRAME_END_BEFORE_START" for p in checked.problems)
        return
    schedule = checked.schedule
    assert schedule.start is not None
    for offset in offsets:
        moment = schedule.start + timedelta(seconds=offset)
        window = schedule.window_at(moment)
        assert schedule.is_active(moment) is (window is not None)
        if window is not None:
            assert window[0] <= moment < window[1]
        answer = status(schedule, moment)
        assert answer["inWindow"] is (window is not None)
        if window is not None:
            assert answer["status"] == "ACTIVE"
        if answer["lastRunTime"] is not None:
            assert answer["lastRunTime"] <= moment.timestamp() * 1000
        if answer["nextRunTime"] is not None:
            assert answer["nextRunTime"] > moment.timestamp() * 1000
            assert answer["status"] != "EXPIRED"


@settings(max_examples=150, deadline=None)
@given(payload=JSON)
def test_never_raises_for_any_json_value(payload: object) -> None:
    checked = check(payload)
    assert checked.schedule is None or not any(p.is_error for p in checked.problems)
    check(json.dumps(payload))


# -- GET answers as input -------------------------------------------------------------

#: The seed's ``GET /timeframes/<TIMEFRAME_ID>`` answer: one frame under ``object``.
FOUND: dict[str, Any] = {"message": "Timeframe entry found.", "object": LISTED["object"][0]}


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (FOUND, ["2022-04-19T16:49:00+05:30", "2022-04-20T16:49:00+05:30"]),
        (json.dumps(FOUND), ["2022-04-19T16:49:00+05:30", "2022-04-20T16:49:00+05:30"]),
        ({**LISTED, "object": LISTED["object"][1:]},
         ["2022-04-19T16:49:00+05:30", "2022-04-20T16:49:00+05:30"]),
    ],
)
def test_a_get_answer_holding_one_frame_parses_as_that_frame(
        payload: object, expected: list[str]) -> None:
    """Seed 002, GET /timeframes/<TIMEFRAME_ID>, "Successful response":
    ``{"message": "Timeframe entry found.", "object": {"id": ..., "name": "Exclude
    weekends", ..., "schedule": {...}, "status": "ACTIVE", ...}}``; GET /timeframes
    answers ``{"message": "[Successfully found timeframes]", "object": [ ... ]}``."""
    schedule = cadence.parse(payload, format="helix")
    assert [t.isoformat() for t in schedule.iter_after("2022-04-19T00:00+05:30")][:2] == expected
    assert schedule.metadata["status"] in ("ACTIVE", "INACTIVE")


def test_a_get_answer_listing_several_frames_is_read_with_read_frames() -> None:
    """Seed 002, GET /timeframes: ``"object": [`` two time frames ``]``: one schedule
    per frame, named by its ``name``; ``parse`` points there."""
    with pytest.raises(cadence.ScheduleError, match=r"2 time frames \('Exclude weekends', "
                       r"'Weekly time frame'\).*cadence\.helix\.read_frames"):
        cadence.parse(LISTED, format="helix")
    assert [name for name, _ in read_frames(LISTED)] == ["Exclude weekends", "Weekly time frame"]
    assert [p.code for p in cadence.validate(LISTED, "helix")] == []
    unnamed = {"object": [{k: v for k, v in LISTED["object"][0].items() if k != "name"},
                          {"schedule": EXAMPLE["schedule"]}]}
    assert [name for name, _ in read_frames(unnamed)] == [
        "68f1c644-3594-11ec-9a65-3515b2f79aad", "/object/1"]
    assert [name for name, _ in read_frames(EXAMPLE)] == ["skip weekends"]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({**LISTED, "object": [LISTED["object"][0],
                               {**LISTED["object"][1], "status": "ENABLED",
                                "schedule": frame(startDate="31022022")}]},
         [("error", "/object/1/status", "INVALID_TIMEFRAME_STATUS"),
          ("error", "/object/1/schedule/startDate", "INVALID_TIMEFRAME_START_DATE")]),
        ({"message": "Timeframe entry found.", "object": {**EXAMPLE, "lastRunTime": "soon"}},
         [("error", "/object/lastRunTime", "INVALID_TIMEFRAME_RUN_TIME")]),
        ({"message": "x", "object": []}, [("error", "/object", "INVALID_TIMEFRAME")]),
        ({"message": "x", "object": "frame"}, [("error", "/object", "INVALID_TIMEFRAME")]),
        ({"message": 5, "object": [EXAMPLE, 7]},
         [("error", "/message", "INVALID_TIMEFRAME"), ("error", "/object/1", "INVALID_TIMEFRAME")]),
        ({"message": "No timeframe entry found for name testTimeframe.", "errorCode": "404"},
         [("error", "", "INVALID_TIMEFRAME")]),
        ({**EXAMPLE, "id": 7}, [("error", "/id", "INVALID_TIMEFRAME_ID")]),
    ],
)
def test_get_answers_report_problems_from_the_answers_root(
        payload: object, expected: list[tuple[str, str, str]]) -> None:
    assert codes(payload) == expected
    with pytest.raises(cadence.InvalidPayloadError) as caught:
        read_frames(payload)
    assert [(p.severity, p.path, p.code) for p in caught.value.problems] == expected


@pytest.mark.parametrize(
    ("payload", "paths"),
    [
        (EXAMPLE, ["/schedule/endsOn/endDate"]),
        (FOUND, ["/object/schedule/endsOn/endDate"]),
        ({**LISTED, "object": LISTED["object"][:1]}, ["/object/0/schedule/endsOn/endDate"]),
        (LISTED, ["/object/0/schedule/endsOn/endDate", "/object/1/schedule/endsOn/endDate"]),
        ({"object": [EXAMPLE["schedule"], EXAMPLE]},
         ["/object/0/endsOn/endDate", "/object/1/schedule/endsOn/endDate"]),
    ],
)
def test_lints_of_a_get_answer_point_into_the_answer(payload: object, paths: list[str]) -> None:
    """Seed 002: GET answers hold the time frame under ``"object"``, one (``GET
    /timeframes/<TIMEFRAME_ID>``) or an array (``GET /timeframes``); each frame is
    linted where it is."""
    found = cadence.validate(payload, "helix", now="2026-01-01T00:00Z")
    assert [(p.path, p.code) for p in found] == [(path, "END_IN_PAST") for path in paths]
