"""``cadence cal``: the month model, the terminal calendar (golden texts), the SVG (parsed,
and rendered to pixels by a real renderer), the command's options and errors."""

from __future__ import annotations

import argparse
import io
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pytest

import cadence
from cadence import Schedule
from cadence._month import MAX_COUNTED_PER_DAY, MAX_WINDOWS_WALKED, Month, month_of, year_of
from cadence._month_svg import month_svg, year_svg
from cadence._month_text import month_text, year_text
from cadence.cli import main
from cadence.cli._cal import add_cal_arguments, run_cal

FIXTURES = Path(__file__).parent / "fixtures"
SVG = "{http://www.w3.org/2000/svg}"

#: A BMC Helix time frame: 09:00-17:30, Monday to Friday, in Berlin (Helix counts
#: Sunday as day 1).
HELIX: dict[str, Any] = {"name": "office hours", "schedule": {
    "startTime": "09:00", "endTime": "17:30", "startDate": "01012026",
    "endsOn": {"endDate": "31122027"},
    "recurrence": {"frequency": "weekly",
                   "recurrenceSchedule": {"daysOfWeek": [2, 3, 4, 5, 6]}},
    "timeZone": {"name": "Europe/Berlin", "offset": "+01:00"}}}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def helix_file(tmp_path: Path) -> str:
    path = tmp_path / "frame.json"
    path.write_text(json.dumps(HELIX), encoding="utf-8")
    return str(path)


# -- golden texts ------------------------------------------------------------------------

WEEKDAYS_DECEMBER = """\
      December 2026 (Europe/Berlin)
Mo    Tu    We    Th    Fr    Sa    Su
       1(1)  2(1)  3(1)  4(1)  5     6
 7(1)  8(1)  9(1) 10(1) 11(1) 12    13
14(1) 15(1) 16(1) 17(1) 18(1) 19    20
21(1) 22(1) 23(1) 24(1) 25(1) 26    27
28(1) 29(1) 30(1) 31(1)

23 days fire, 23 occurrences
first 2026-12-01T09:00:00+01:00
last  2026-12-31T09:00:00+01:00
"""


LAST_DAY_FEBRUARY = """\
      February 2026 (Europe/Berlin)
Mo    Tu    We    Th    Fr    Sa    Su
                                     1
 2     3     4     5     6     7     8
 9    10    11    12    13    14    15
16    17    18    19    20    21    22
23    24    25    26    27    28(1)

1 day fires, 1 occurrence
first 2026-02-28T12:00:00+01:00
last  2026-02-28T12:00:00+01:00
"""


HOURLY_SPRING_FORWARD = """\
           March 2026 (Europe/Berlin)
Mo     Tu     We     Th     Fr     Sa     Su
                                           1(24)
 2(24)  3(24)  4(24)  5(24)  6(24)  7(24)  8(24)
 9(24) 10(24) 11(24) 12(24) 13(24) 14(24) 15(24)
16(24) 17(24) 18(24) 19(24) 20(24) 21(24) 22(24)
23(24) 24(24) 25(24) 26(24) 27(24) 28(24) 29(23)
30(24) 31(24)

31 days fire, 743 occurrences
first 2026-03-01T00:00:00+01:00
last  2026-03-31T23:00:00+02:00
"""


HELIX_OCTOBER = """\
       October 2026 (Europe/Berlin)
Mo    Tu    We    Th    Fr    Sa    Su
                   1(1)  2(1)  3     4
 5(1)  6(1)  7(1)  8(1)  9(1) 10    11
12(1) 13(1) 14(1) 15(1) 16(1) 17    18
19(1) 20(1) 21(1) 22(1) 23(1) 24    25
26(1) 27(1) 28(1) 29(1) 30(1) 31

22 days fire, 22 occurrences
first 2026-10-01T09:00:00+02:00
last  2026-10-30T09:00:00+01:00

hours since midnight: █ covered  ▓ over half  ▒ under half  ░ free
       0     6     12    18
Th 01  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Fr 02  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Sa 03  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Su 04  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Mo 05  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Tu 06  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
We 07  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Th 08  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Fr 09  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Sa 10  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Su 11  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Mo 12  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Tu 13  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
We 14  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Th 15  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Fr 16  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Sa 17  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Su 18  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Mo 19  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Tu 20  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
We 21  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Th 22  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Fr 23  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Sa 24  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Su 25  ░░░░░░░░░░░░░░░░░░░░░░░░░ 0 (25 h day)
Mo 26  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Tu 27  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
We 28  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Th 29  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Fr 30  ░░░░░░░░░████████▓░░░░░░  8 h 30 min
Sa 31  ░░░░░░░░░░░░░░░░░░░░░░░░  0
working time in October 2026: 187 h
"""


ICAL_NOVEMBER = """\
     November 2026 (America/New_York)
Mo    Tu    We    Th    Fr    Sa    Su
                                     1
 2(1)  3     4(2)  5     6(1)  7     8
 9(1) 10    11(1) 12    13(1) 14    15
16(1) 17    18(1) 19    20(1) 21    22
23(1) 24    25    26(1) 27    28    29
30

11 days fire, 12 occurrences
first 2026-11-02T09:30:00-05:00
last  2026-11-26T00:00:00-05:00

hours since midnight: █ covered  ▓ over half  ▒ under half  ░ free
       0     6     12    18
Su 01  ░░░░░░░░░░░░░░░░░░░░░░░░░ 0 (25 h day)
Mo 02  ░░░░░░░░░▒░░░░░░░░░░░░░░  15 min
Tu 03  ░░░░░░░░░░░░░░░░░░░░░░░░  0
We 04  ░░░░░░░░░▒░░░░░█░░░░░░░░  1 h 15 min
Th 05  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Fr 06  ░░░░░░░░░▒░░░░░░░░░░░░░░  15 min
Sa 07  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Su 08  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Mo 09  ░░░░░░░░░▒░░░░░░░░░░░░░░  15 min
Tu 10  ░░░░░░░░░░░░░░░░░░░░░░░░  0
We 11  ░░░░░░░░░▒░░░░░░░░░░░░░░  15 min
Th 12  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Fr 13  ░░░░░░░░░▒░░░░░░░░░░░░░░  15 min
Sa 14  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Su 15  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Mo 16  ░░░░░░░░░▒░░░░░░░░░░░░░░  15 min
Tu 17  ░░░░░░░░░░░░░░░░░░░░░░░░  0
We 18  ░░░░░░░░░▒░░░░░░░░░░░░░░  15 min
Th 19  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Fr 20  ░░░░░░░░░▒░░░░░░░░░░░░░░  15 min
Sa 21  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Su 22  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Mo 23  ░░░░░░░░░▒░░░░░░░░░░░░░░  15 min
Tu 24  ░░░░░░░░░░░░░░░░░░░░░░░░  0
We 25  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Th 26  ████████████████████████  24 h
Fr 27  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Sa 28  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Su 29  ░░░░░░░░░░░░░░░░░░░░░░░░  0
Mo 30  ░░░░░░░░░░░░░░░░░░░░░░░░  0
working time in November 2026: 27 h 30 min
"""


LAST_DAY_YEAR = """\
                        2026 (Europe/Berlin)

       January                February                March
Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su
          1  2  3  4                      1                      1
 5  6  7  8  9 10 11    2  3  4  5  6  7  8    2  3  4  5  6  7  8
12 13 14 15 16 17 18    9 10 11 12 13 14 15    9 10 11 12 13 14 15
19 20 21 22 23 24 25   16 17 18 19 20 21 22   16 17 18 19 20 21 22
26 27 28 29 30 31*     23 24 25 26 27 28*     23 24 25 26 27 28 29
                                              30 31*

        April                   May                    June
Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su
       1  2  3  4  5                1  2  3    1  2  3  4  5  6  7
 6  7  8  9 10 11 12    4  5  6  7  8  9 10    8  9 10 11 12 13 14
13 14 15 16 17 18 19   11 12 13 14 15 16 17   15 16 17 18 19 20 21
20 21 22 23 24 25 26   18 19 20 21 22 23 24   22 23 24 25 26 27 28
27 28 29 30*           25 26 27 28 29 30 31*  29 30*

         July                  August               September
Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su
       1  2  3  4  5                   1  2       1  2  3  4  5  6
 6  7  8  9 10 11 12    3  4  5  6  7  8  9    7  8  9 10 11 12 13
13 14 15 16 17 18 19   10 11 12 13 14 15 16   14 15 16 17 18 19 20
20 21 22 23 24 25 26   17 18 19 20 21 22 23   21 22 23 24 25 26 27
27 28 29 30 31*        24 25 26 27 28 29 30   28 29 30*
                       31*

       October                November               December
Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su
          1  2  3  4                      1       1  2  3  4  5  6
 5  6  7  8  9 10 11    2  3  4  5  6  7  8    7  8  9 10 11 12 13
12 13 14 15 16 17 18    9 10 11 12 13 14 15   14 15 16 17 18 19 20
19 20 21 22 23 24 25   16 17 18 19 20 21 22   21 22 23 24 25 26 27
26 27 28 29 30 31*     23 24 25 26 27 28 29   28 29 30 31*
                       30*

month      days occurrences
January       1           1
February      1           1
March         1           1
April         1           1
May           1           1
June          1           1
July          1           1
August        1           1
September     1           1
October       1           1
November      1           1
December      1           1
2026         12          12
"""



@pytest.mark.parametrize(("argv", "golden"), [
    (["0 9 * * MON-FRI", "--tz", "Europe/Berlin", "--month", "2026-12"], WEEKDAYS_DECEMBER),
    (["0 0 12 L * ?", "--format", "quartz", "--tz", "Europe/Berlin", "--month", "2026-02"],
     LAST_DAY_FEBRUARY),
    # Berlin springs forward on 2026-03-29 (02:00 CET -> 03:00 CEST): 23 hours, 23 times.
    (["0 * * * *", "--tz", "Europe/Berlin", "--month", "2026-03"], HOURLY_SPRING_FORWARD),
    (["0 0 12 L * ?", "--format", "quartz", "--tz", "Europe/Berlin", "--year", "2026"],
     LAST_DAY_YEAR),
], ids=["cron-weekdays", "quartz-last-day", "dst-month", "year"])
def test_the_calendar_prints_as_its_golden_text(
        capsys: pytest.CaptureFixture[str], argv: list[str], golden: str) -> None:
    assert run(capsys, "cal", *argv) == (0, golden, "")


def test_a_helix_time_frame_shows_its_hours_and_a_25_hour_day(
        capsys: pytest.CaptureFixture[str], helix_file: str) -> None:
    # Berlin falls back on 2026-10-25 (03:00 CEST -> 02:00 CET): that day has 25 hours.
    assert run(capsys, "cal", helix_file, "--format", "helix", "--month", "2026-10") == (
        0, HELIX_OCTOBER, "")


def test_icalendar_events_show_their_counts_hours_and_all_day_event(
        capsys: pytest.CaptureFixture[str]) -> None:
    # New York falls back on 2026-11-01; the all-day holiday covers 2026-11-26.
    source = str(FIXTURES / "ical" / "google.ics")
    assert run(capsys, "cal", source, "--month", "2026-11") == (0, ICAL_NOVEMBER, "")


#: A Bentley working calendar: two blocks a day, Monday to Friday, with two days off.
BENTLEY: dict[str, Any] = {"calendar": {
    "id": "1e67...", "name": "Standard", "parentId": None,
    "dayTypes": [
        {"id": "off", "description": "Non-Working Day", "type": "NonWorking",
         "timeBlocks": []},
        {"id": "work", "description": "Normal Working Day", "type": "Normal",
         "timeBlocks": [{"startTime": "08:00", "endTime": "12:00"},
                        {"startTime": "13:00", "endTime": "17:00"}]}],
    "week": {"sundayDayTypeId": "off", "mondayDayTypeId": "work",
             "tuesdayDayTypeId": "work", "wednesdayDayTypeId": "work",
             "thursdayDayTypeId": "work", "fridayDayTypeId": "work",
             "saturdayDayTypeId": "off"},
    "exceptions": [{"date": "2026-12-24T12:00:00Z", "dayTypeId": "off"},
                   {"date": "2026-12-25T12:00:00Z", "dayTypeId": "off"}],
    "workingDaysPerWeek": 5, "workingSecondsPerDay": 28800}}


def test_a_bentley_calendar_shows_its_blocks_and_days_off(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps(BENTLEY), encoding="utf-8")
    code, out, _ = run(capsys, "cal", str(path), "--format", "bentley", "--month", "2026-12")
    lines = out.splitlines()
    assert code == 0
    assert lines[5] == "21(2) 22(2) 23(2) 24    25    26    27"
    assert "Tu 01  ░░░░░░░░████░████░░░░░░░  8 h" in lines
    assert "Th 24  ░░░░░░░░░░░░░░░░░░░░░░░░  0" in lines
    assert lines[-1] == "working time in December 2026: 168 h"


# -- colour --------------------------------------------------------------------------------


def weekdays() -> Schedule:
    return cadence.parse("0 9 * * MON-FRI", tz="Europe/Berlin")


def test_colour_shows_firing_days_in_reverse_video_and_keeps_the_layout() -> None:
    month = month_of(weekdays(), 2026, 12)
    coloured = month_text(month, colour=True)
    assert "\x1b[7m 1\x1b[0m(1)" in coloured
    assert "\x1b[7m 5" not in coloured
    assert "\x1b[7m 6" not in coloured
    assert coloured.replace("\x1b[7m", "").replace("\x1b[0m", "") == month_text(month)
    assert "\x1b" not in month_text(month)


def test_colour_in_the_year_view_replaces_the_star() -> None:
    months = year_of(weekdays(), 2026)
    plain, coloured = year_text(months), year_text(months, colour=True)
    assert " 1*" in plain
    assert "*" not in coloured
    assert coloured.count("\x1b[7m") == sum(month.firing_days for month in months) == 261


def test_a_pipe_gets_no_colour(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cal", "0 9 * * MON-FRI", "--month", "2026-12")
    assert code == 0
    assert "\x1b" not in out
    assert " 1(1)" in out


def in_a_terminal(*argv: str, no_colour: bool) -> bytes:
    """What ``cadence`` writes to a pseudo-terminal, as a person at a terminal sees it."""
    import os
    import pty
    import subprocess
    import sys

    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    environment["TERM"] = "xterm"
    if no_colour:
        environment["NO_COLOR"] = "1"
    leader, follower = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "cadence", *argv], stdout=follower,
                          stderr=subprocess.PIPE, env=environment) as process:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closes with the program
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(timeout=60) == 0
    os.close(leader)
    return shown


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize(("no_colour", "reversed_days"), [(False, 23), (True, 0)])
def test_a_terminal_gets_colour_unless_no_color_is_set(no_colour: bool,
                                                       reversed_days: int) -> None:
    shown = in_a_terminal("cal", "0 9 * * MON-FRI", "--tz", "Europe/Berlin", "--month",
                          "2026-12", no_colour=no_colour)
    assert shown.count(b"\x1b[7m") == reversed_days
    assert b"23 days fire, 23 occurrences" in shown


def test_hour_strips_are_shaded_in_colour() -> None:
    office = weekdays().with_duration(timedelta(hours=8))
    coloured = month_text(month_of(office, 2026, 12), colour=True)
    assert "\x1b[32m█\x1b[0m" in coloured


def test_weeks_can_start_on_sunday() -> None:
    text = month_text(month_of(weekdays(), 2026, 12), sunday=True)
    assert text.splitlines()[1:3] == ["Su    Mo    Tu    We    Th    Fr    Sa",
                                      "             1(1)  2(1)  3(1)  4(1)  5"]


# -- the model -----------------------------------------------------------------------------


def test_the_model_counts_each_day_with_its_first_and_last() -> None:
    month = month_of(cadence.parse("0 9,17 * * MON", tz="Europe/Berlin"), 2026, 12)
    firing = [(day.date.isoformat(), day.occurrences, day.first.isoformat(),
               day.last.isoformat()) for day in month.days if day.first and day.last]
    assert firing == [
        ("2026-12-07", 2, "2026-12-07T09:00:00+01:00", "2026-12-07T17:00:00+01:00"),
        ("2026-12-14", 2, "2026-12-14T09:00:00+01:00", "2026-12-14T17:00:00+01:00"),
        ("2026-12-21", 2, "2026-12-21T09:00:00+01:00", "2026-12-21T17:00:00+01:00"),
        ("2026-12-28", 2, "2026-12-28T09:00:00+01:00", "2026-12-28T17:00:00+01:00"),
    ]
    assert (month.firing_days, month.occurrences, month.exact, month.working) == (
        4, 8, True, None)


def test_weeks_are_laid_out_from_monday() -> None:
    weeks = month_of(weekdays(), 2026, 2).weeks()
    assert [day.date.day if day else None for day in weeks[0]] == [
        None, None, None, None, None, None, 1]
    assert len(weeks) == 5


@pytest.mark.parametrize(("month", "day", "hours"), [
    (3, 29, 23),  # Berlin springs forward
    (10, 25, 25),  # ... and falls back
    (6, 15, 24),
])
def test_a_day_has_as_many_hour_slots_as_hours_elapse(month: int, day: int,
                                                      hours: int) -> None:
    office = weekdays().with_duration(timedelta(hours=8))
    assert month_of(office, 2026, month).days[day - 1].hour_count == hours


def test_a_night_shift_covers_the_hours_after_midnight_of_the_next_day() -> None:
    # 22:00 + 8 h every day: the shift opened on 30 September covers 1 October's first
    # six hours; on the 25-hour day the shift ends at 06:00 CET, seven hours in.
    night = cadence.parse("0 22 * * *", tz="Europe/Berlin").with_duration(timedelta(hours=8))
    month = month_of(night, 2026, 10)
    first, autumn = month.days[0], month.days[24]
    assert first.hours == (1.0,) * 6 + (0.0,) * 16 + (1.0,) * 2
    assert autumn.hours == (1.0,) * 7 + (0.0,) * 16 + (1.0,) * 2
    assert (first.working, autumn.working) == (timedelta(hours=8), timedelta(hours=9))


@pytest.mark.parametrize(("zone", "year", "month", "working"), [
    # instants before 1970 are negative
    ("Europe/Berlin", 1969, 12, timedelta(hours=31 * 8)),
    # no shift before the calendar's first day (Tokyo's 0001-01-01 begins in the year 0)
    ("Asia/Tokyo", 1, 1, timedelta(hours=30 * 8 + 2)),
    # the last shift closes where the calendar ends, at 9999-12-31T23:59:59
    ("Asia/Tokyo", 9999, 12, timedelta(hours=31 * 8) - timedelta(seconds=1)),
])
def test_hours_are_counted_at_any_date_of_the_calendar(zone: str, year: int, month: int,
                                                      working: timedelta) -> None:
    night = cadence.parse("0 22 * * *", tz=zone).with_duration(timedelta(hours=8))
    counted = month_of(night, year, month)
    assert counted.working == working
    assert all(None not in day.hours for day in counted.days)


@pytest.mark.parametrize(("zone", "last"), [
    ("UTC", "9999-12-31T23:59:59+00:00"),
    ("Asia/Tokyo", "9999-12-31T23:59:59+09:00"),
    # west of Greenwich the calendar's last second comes first on the local clock
    ("America/Los_Angeles", "9999-12-31T15:59:59-08:00"),
])
def test_a_dense_last_month_ends_at_the_calendars_last_second(zone: str, last: str) -> None:
    # (the float timestamp of datetime.max rounds up into the year 10000: it crashed)
    month = month_of(cadence.parse("* * * * * ?", format="quartz", tz=zone), 9999, 12)
    assert not month.exact
    assert month.last is not None
    assert month.last.isoformat() == last


def test_a_partly_covered_hour_has_its_share() -> None:
    office = cadence.parse("30 8 * * *", tz="UTC").with_duration(timedelta(minutes=45))
    day = month_of(office, 2026, 12).days[0]
    assert day.hours[8:10] == (0.5, 0.25)
    assert day.working == timedelta(minutes=45)


class CountingSchedule(Schedule):
    """A schedule that counts the occurrences and windows walked from it."""

    walked: ClassVar[list[int]] = [0]

    def iter_after(self, after: datetime | str | float | None = None) -> Iterator[datetime]:
        for moment in super().iter_after(after):
            self.walked[0] += 1
            yield moment

    def iter_windows(self, start: datetime | str | float | None = None
                     ) -> Iterator[tuple[datetime, datetime]]:
        for window in super().iter_windows(start):
            self.walked[0] += 1
            yield window


def test_a_dense_schedule_is_counted_to_a_bound_per_day() -> None:
    every_second = CountingSchedule(cadence.parse("FREQ=SECONDLY", tz="UTC").recurrence)
    CountingSchedule.walked[0] = 0
    month = month_of(every_second, 2026, 2)
    assert CountingSchedule.walked[0] <= 28 * (MAX_COUNTED_PER_DAY + 1)
    assert {(day.occurrences, day.exact) for day in month.days} == {(MAX_COUNTED_PER_DAY,
                                                                     False)}
    assert month.last is not None
    assert month.last.isoformat() == "2026-02-28T23:59:59+00:00"
    assert "28 days fire, more than 42000 occurrences" in month_text(month)
    assert " 1(1500+)" in month_text(month)


def test_every_minute_of_a_25_hour_day_is_counted_exactly() -> None:
    month = month_of(cadence.parse("* * * * *", tz="Europe/Berlin"), 2026, 10)
    assert (month.days[24].occurrences, month.exact, month.occurrences) == (
        1500, True, 31 * 1440 + 60)


def test_dense_windows_stop_the_window_walk_and_say_so() -> None:
    dense = CountingSchedule(cadence.parse("FREQ=SECONDLY", tz="UTC").with_duration(
        timedelta(seconds=2)).recurrence)
    CountingSchedule.walked[0] = 0
    month = month_of(dense, 2026, 2)
    # the count walk (a bound per day) and the window walk (one day's bound)
    assert CountingSchedule.walked[0] <= 29 * (MAX_COUNTED_PER_DAY + 1)
    assert month.days[0].hours[0] is None
    assert month.days[27].hours == (None,) * 24
    # The window open at midnight (opened at 23:59:59) counts as the day's first: the
    # cap's windows cover the day's first 1,500 seconds.
    assert month.working == timedelta(seconds=MAX_COUNTED_PER_DAY)
    text = month_text(month)
    assert "? not counted" in text
    assert "working time in February 2026: at least 25 min" in text


def test_a_year_of_dense_windows_shares_one_budget_of_windows() -> None:
    every_minute = CountingSchedule(cadence.parse("* * * * *", tz="UTC").with_duration(
        timedelta(seconds=30)).recurrence)
    CountingSchedule.walked[0] = 0
    months = year_of(every_minute, 2026)
    assert CountingSchedule.walked[0] <= 365 * (MAX_COUNTED_PER_DAY + 1) + MAX_WINDOWS_WALKED + 1
    assert months[0].working == timedelta(minutes=31 * 24 * 60 / 2)
    assert None not in months[0].days[-1].hours
    assert months[11].days[0].hours[0] is None
    table = year_text(months).splitlines()
    assert table[-13] == "January      31       44640                   372 h"
    assert table[-1].endswith("  at least 416 h 40 min")
    assert table[-2] == "December     31       44640             not counted"


def test_explicit_dates_alone_make_a_calendar() -> None:
    dates = "RDATE:20261224T180000Z,20261231T230000Z"
    month = month_of(cadence.parse(dates, format="rrule"), 2026, 12)
    assert [day.date.day for day in month.days if day.fires] == [24, 31]


def test_a_month_that_does_not_exist_is_refused() -> None:
    with pytest.raises(cadence.ScheduleError, match="there is no month 2026-13"):
        month_of(weekdays(), 2026, 13)


# -- JSON --------------------------------------------------------------------------------


def test_json_prints_the_model(capsys: pytest.CaptureFixture[str], helix_file: str) -> None:
    code, out, _ = run(capsys, "cal", helix_file, "--format", "helix", "--month", "2026-10",
                       "--json")
    shown = json.loads(out)
    assert code == 0
    assert (shown["zone"], shown["weekStart"], shown["windows"]) == (
        "Europe/Berlin", "monday", True)
    (month,) = shown["months"]
    assert {key: month[key] for key in ("month", "daysFiring", "occurrences", "exact",
                                        "workingSeconds")} == {
        "month": "2026-10", "daysFiring": 22, "occurrences": 22, "exact": True,
        "workingSeconds": 22 * 8.5 * 3600}
    first, autumn = month["days"][0], month["days"][24]
    assert first == {"date": "2026-10-01", "weekday": 4, "occurrences": 1, "exact": True,
                     "first": "2026-10-01T09:00:00+02:00",
                     "last": "2026-10-01T09:00:00+02:00",
                     "hours": [0.0] * 9 + [1.0] * 8 + [0.5] + [0.0] * 6,
                     "workingSeconds": 30600.0}
    assert (len(autumn["hours"]), autumn["occurrences"], autumn["first"]) == (25, 0, None)


def test_json_of_a_year_has_twelve_months_and_instants_have_no_hours(
        capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, "cal", "0 9 * * *", "--year", "2026", "--json")
    shown = json.loads(out)
    assert [month["month"] for month in shown["months"]] == [
        f"2026-{number:02d}" for number in range(1, 13)]
    assert shown["windows"] is False
    assert shown["months"][0]["days"][0]["hours"] == []
    assert shown["months"][0]["workingSeconds"] is None


# -- SVG ---------------------------------------------------------------------------------


def cells(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {rect.attrib["data-date"]: rect for rect in root.iter(f"{SVG}rect")
            if "day" in rect.attrib.get("class", "").split()}


def firing_dates(svg: str) -> set[str]:
    return {day for day, rect in cells(svg).items()
            if "firing" in rect.attrib["class"].split()}


def test_the_svg_fills_exactly_the_firing_days(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    target = tmp_path / "december.svg"
    code, out, err = run(capsys, "cal", "0 9 * * MON-FRI", "--tz", "Europe/Berlin",
                         "--month", "2026-12", "--svg", str(target))
    assert (code, out, err) == (0, "", "")
    svg = target.read_text(encoding="utf-8")
    weekdays_of_december = {f"2026-12-{day:02d}" for day in range(1, 32)
                            if date(2026, 12, day).weekday() < 5}
    assert firing_dates(svg) == weekdays_of_december
    assert len(cells(svg)) == 31
    fills = {rect.attrib["fill"] for day, rect in cells(svg).items()
             if day in weekdays_of_december}
    assert len(fills) == 1
    assert fills != {cells(svg)["2026-12-05"].attrib["fill"]}
    assert cells(svg)["2026-12-01"].attrib["data-count"] == "1"


def test_the_svg_of_a_year_fills_the_last_day_of_each_month() -> None:
    svg = year_svg(year_of(cadence.parse("0 0 12 L * ?", format="quartz"), 2026))
    assert firing_dates(svg) == {
        date(2026, month, 1).replace(day=[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
            month - 1]).isoformat() for month in range(1, 13)}
    assert len(cells(svg)) == 365


def test_the_svg_draws_an_hour_strip_per_day_for_windows() -> None:
    schedule = cadence.parse(json.dumps(HELIX), format="helix")
    svg = month_svg(month_of(schedule, 2026, 10))
    strips = {group.attrib["data-date"]: group for group in ET.fromstring(svg).iter(f"{SVG}g")
              if group.attrib.get("class") == "hours"}
    assert len(strips) == 31
    backgrounds = [rect for rect in strips["2026-10-25"] if "fill-opacity" not in rect.attrib]
    assert len(backgrounds) == 25
    shares = [rect.attrib["fill-opacity"] for rect in strips["2026-10-01"]
              if "fill-opacity" in rect.attrib]
    assert shares == ["1.000"] * 8 + ["0.500"]


def test_the_svg_escapes_its_text_and_is_the_same_every_time() -> None:
    zone = "Etc/GMT-14"  # the zone is text in the title; escaping keeps the XML whole
    month = month_of(cadence.parse("0 9 * * *", tz=zone), 2026, 12)
    svg = month_svg(month)
    assert svg == month_svg(month)
    titles = [text.text for text in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "December 2026 (Etc/GMT-14)" in titles
    escaped = month_svg(Month(2026, 12, "<&>", False, month.days))
    assert "December 2026 (<&>)" in [text.text
                                     for text in ET.fromstring(escaped).iter(f"{SVG}text")]


def test_svg_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cal", "0 9 1 * *", "--month", "2026-12", "--svg", "-")
    assert code == 0
    assert firing_dates(out) == {"2026-12-01"}


def test_svg_to_standard_output_and_json_do_not_mix(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "cal", "0 9 1 * *", "--svg", "-", "--json")
    assert (code, out) == (2, "")
    assert "--svg - and --json both print to standard output" in err


def test_svg_to_a_file_and_json_together(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    target = tmp_path / "cal.svg"
    code, out, _ = run(capsys, "cal", "0 9 1 * *", "--month", "2026-12", "--svg",
                       str(target), "--json")
    assert code == 0
    assert json.loads(out)["months"][0]["daysFiring"] == 1
    assert firing_dates(target.read_text(encoding="utf-8")) == {"2026-12-01"}


def pixel_of(png: bytes, x: int, y: int) -> tuple[int, ...]:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return tuple(image.convert("RGB").getpixel((x, y)))


def test_the_rendered_svg_shows_firing_days_in_another_colour() -> None:
    import resvg_py  # the test extra's renderer (resvg, a wheel with no system library)

    svg = month_svg(month_of(weekdays(), 2026, 12))
    png = bytes(resvg_py.svg_to_bytes(svg_string=svg))

    def inside(day: str) -> tuple[int, ...]:  # a cell's top right: no text there
        rect = cells(svg)[day]
        x, y = int(rect.attrib["x"]), int(rect.attrib["y"])
        return pixel_of(png, x + int(rect.attrib["width"]) - 8, y + 8)

    firing = {inside(day) for day in ("2026-12-01", "2026-12-15", "2026-12-31")}
    quiet = {inside(day) for day in ("2026-12-05", "2026-12-06", "2026-12-27")}
    assert len(firing) == 1
    assert len(quiet) == 1
    assert firing != quiet
    assert quiet == {(255, 255, 255)}


# -- the command ---------------------------------------------------------------------------


def cal_namespace(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_cal_arguments(parser)
    return parser.parse_args(list(argv))


def test_the_default_month_is_todays(capsys: pytest.CaptureFixture[str]) -> None:
    code = run_cal(cal_namespace(), weekdays(), colour=False, today=date(2026, 12, 6))
    out = capsys.readouterr().out
    assert code == 0
    assert out == WEEKDAYS_DECEMBER


def test_run_cal_colours_when_told(capsys: pytest.CaptureFixture[str]) -> None:
    run_cal(cal_namespace("--month", "2026-12"), weekdays(), colour=True,
            today=date(2000, 1, 1))
    assert "\x1b[7m" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "message"), [
    (["--month", "2026-13"], "argument --month: '2026-13' is not a month: the year runs "
                             "0001-9999 and the month 01-12, e.g. 2026-12"),
    (["--month", "2026-1"], "'2026-1' is not a month: write YYYY-MM"),
    (["--month", "december"], "'december' is not a month"),
    (["--month", "0000-01"], "'0000-01' is not a month"),
    (["--year", "20260"], "argument --year: '20260' is not a year: write four digits"),
    (["--year", "\uff12\uff10\uff12\uff16"], "is not a year"),
    (["--month", "2026-12", "--year", "2026"], "not allowed with argument"),
])
def test_a_bad_month_or_year_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                              argv: list[str], message: str) -> None:
    assert main(["cal", "0 9 * * *", *argv]) == 2
    assert message in capsys.readouterr().err


def test_an_svg_that_cannot_be_written_is_exit_2(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    target = tmp_path / "missing" / "cal.svg"
    code, out, err = run(capsys, "cal", "0 9 * * *", "--month", "2026-12", "--svg",
                         str(target))
    assert (code, out) == (2, "")
    assert err.startswith(f"cadence: error: cannot write the SVG to {target}: ")


def test_a_bad_schedule_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "cal", "0 61 * * *", "--month", "2026-12")
    assert code == 2
    assert "hour 61 is out of range" in err
