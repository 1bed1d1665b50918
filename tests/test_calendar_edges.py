"""Moments at the calendar's very edges (0001-01-01T00:00 and 9999-12-31T23:59:59.999999,
in UTC and in zones 14 hours ahead and 12 behind) get an answer or a cadence error from
every public entry point that takes a moment, never a built-in OverflowError or
ValueError (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

import cadence
from cadence import bentley, helix
from cadence.lint import lint

FIRST, LAST = "0001-01-01T00:00:00", "9999-12-31T23:59:59.999999"
MOMENTS: list[datetime | str] = [
    *(wall + zone for wall in (FIRST, LAST) for zone in ("Z", "+14:00", "-12:00")),
    FIRST, LAST,  # naive: wall time in the schedule's zone
    datetime.min.replace(tzinfo=timezone(timedelta(hours=14))),
    datetime.max.replace(tzinfo=timezone(timedelta(hours=-12))),
]
ZONES = ["UTC", "Etc/GMT-14", "Etc/GMT+12"]  # UTC, 14 hours ahead, 12 behind
FRAME = {"startTime": "22:00", "endTime": "02:00", "startDate": "01032026",
         "endsOn": {"endDate": "31032026"}, "recurrence": {"frequency": "daily"}}
RULE = {"rate": 1, "unit": "Hour"}


def _schedule(zone: str, windows: bool) -> cadence.Schedule:
    schedule = cadence.parse("0 9 * * *", tz=zone)
    return schedule.with_duration(timedelta(hours=8)) if windows else schedule


def _between(schedule: cadence.Schedule, moment: datetime | str) -> object:
    early = str(moment).startswith("0001")
    if early:
        return schedule.between(moment, "0001-01-03T00:00Z")
    return schedule.between("9999-12-30T00:00Z", moment)


ENTRY_POINTS: dict[str, Callable[[cadence.Schedule, datetime | str], object]] = {
    "next": lambda schedule, moment: schedule.next(moment),
    "prev": lambda schedule, moment: schedule.prev(moment),
    "between": _between,
    "matches": lambda schedule, moment: schedule.matches(moment),
    "window_at": lambda schedule, moment: schedule.window_at(moment),
    "next_window": lambda schedule, moment: schedule.next_window(moment),
    "helix.status": lambda schedule, moment: helix.status(FRAME, moment, tz=schedule.tz),
    "bentley.finish": lambda schedule, moment: bentley.finish(schedule, RULE, 1, "Hour",
                                                              moment),
    "lint now": lambda schedule, moment: lint(schedule, now=moment),
    "compare after": lambda schedule, moment: cadence.compare(
        schedule, schedule.bounded(start="2026-01-01T00:00Z"), after=moment),
    "first_difference after": lambda schedule, moment: cadence.first_difference(
        schedule, schedule.bounded(end="0001-01-05T00:00Z"), after=moment),
}


@pytest.mark.parametrize("windows", [False, True], ids=["instants", "windows"])
@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("entry", list(ENTRY_POINTS.values()), ids=list(ENTRY_POINTS))
def test_a_moment_at_the_calendars_edge_gets_an_answer_or_a_cadence_error(
        entry: Callable[[cadence.Schedule, datetime | str], object], zone: str,
        windows: bool) -> None:
    schedule = _schedule(zone, windows)
    for moment in MOMENTS:
        try:
            entry(schedule, moment)
        except cadence.ScheduleError:
            pass
        except (OverflowError, ValueError, TypeError) as error:
            pytest.fail(f"{moment}: {type(error).__name__}: {error}")


def test_the_status_at_the_calendars_last_instant_has_no_next_run() -> None:
    found = helix.status(FRAME, LAST)
    assert found == {"status": "EXPIRED", "inWindow": False,
                     "lastRunTime": helix.status(FRAME, "2026-04-01T00:00Z")["lastRunTime"],
                     "nextRunTime": None}
    endless = {**FRAME, "endsOn": {"endDate": "31129999"}}
    assert helix.status(endless, LAST)["nextRunTime"] is None
    assert helix.status(endless, LAST)["status"] == "ACTIVE"


def test_schedules_apart_only_by_a_bound_differ_from_the_calendars_first_hours() -> None:
    ahead = cadence.parse("0 9 * * *", tz="Etc/GMT-14")
    later = ahead.bounded(start="0001-01-02T00:00+14:00")
    found = cadence.compare(ahead, later, after=FIRST)
    assert (found.verdict, found.moment) == (
        "different", datetime(1, 1, 1, 9, tzinfo=ahead.tz))
    plain = cadence.parse("0 9 * * *")
    assert cadence.first_difference(plain, plain.bounded(start="2026-01-01T00:00Z"),
                                    after=FIRST + "+14:00") == datetime(1, 1, 1, 9,
                                                                        tzinfo=plain.tz)
