"""Messages say lengths in words and moments in ISO 8601, never in Python's reprs (issue
15): "less than 2873563 days, 5:14:28.965517" and "after 2026-12-05
09:55:40.439227+00:00" were what a user saw."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import cadence
from cadence import bentley
from cadence.errors import duration_words, moment_words

UTC = timezone.utc


@pytest.mark.parametrize(("length", "words"), [
    (timedelta(hours=2, minutes=30), "2 h 30 min"),
    (timedelta(days=3, hours=4), "3 days 4 h"),
    (timedelta(days=1), "1 day"),
    (timedelta(seconds=0.5), "0.5 s"),
    (timedelta(seconds=90), "1 min 30 s"),
    (timedelta(0), "0 s"),
    (timedelta(microseconds=1), "0.000001 s"),
    (-timedelta(hours=1), "-1 h"),
    (timedelta(days=2873563, seconds=18868, microseconds=965517),
     "2873563 days 5 h 14 min 28.965517 s"),
    (timedelta.max, "999999999 days 23 h 59 min 59.999999 s"),
])
def test_a_length_is_said_in_words(length: timedelta, words: str) -> None:
    assert duration_words(length) == words


@pytest.mark.parametrize(("moment", "words"), [
    (datetime(2026, 12, 5, 9, 55, 40, 439227, tzinfo=UTC), "2026-12-05T09:55:40.439227+00:00"),
    (datetime(2026, 12, 5, 9, 55), "2026-12-05T09:55:00"),
    (datetime(2026, 3, 8, 2, 30, tzinfo=timezone(timedelta(hours=-5))),
     "2026-03-08T02:30:00-05:00"),
])
def test_a_moment_is_shown_in_iso_8601(moment: datetime, words: str) -> None:
    assert moment_words(moment) == words


#: What a Python repr of a timedelta, a datetime or an object looks like in a message.
REPRS = [re.compile(pattern) for pattern in (
    r"\d+ days?, \d+:\d\d",  # str(timedelta(days=1, hours=1)): "1 day, 1:00:00"
    r"(?<![\dT])\d{1,2}:\d\d:\d\d",  # str(timedelta(hours=8)): "8:00:00" (not an ISO time)
    r"(?<![\dT])\d{1,2}:\d\d:\d\d\.\d",  # str(timedelta(seconds=1.5)): "0:00:01.500000"
    r"\d{4}-\d\d-\d\d \d\d:\d\d",  # str(datetime): "2026-12-05 09:55:40+00:00"
    r"datetime\.", r"timedelta\(", r"<.* object at", r"\\x",
)]

OFFICE = "0 9 * * MON-FRI"
WEEK = dict.fromkeys(("mondayDayTypeId", "tuesdayDayTypeId", "wednesdayDayTypeId",
                      "thursdayDayTypeId", "fridayDayTypeId"), "work")
CALENDAR = {"calendar": {
    "dayTypes": [{"id": "off", "type": "NonWorking", "timeBlocks": []},
                 {"id": "work", "type": "Normal",
                  "timeBlocks": [{"startTime": "09:00", "endTime": "17:00"}]}],
    "week": {**WEEK, "saturdayDayTypeId": "off", "sundayDayTypeId": "off"}}}
RULE = {"rule": {"rate": 14.5, "unit": "Meter"}}


def _quietly(call: Callable[[], object]) -> object:
    """``call()`` with its deprecation warning silenced (the suite makes warnings errors)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return call()


def office(length: str = "PT8H") -> cadence.Schedule:
    return cadence.parse(OFFICE).with_duration(length)


def ending() -> cadence.Schedule:
    return office().bounded(end="2026-12-05T09:55:40.439227+00:00")


ERRORS: list[tuple[str, Callable[[], object]]] = [
    # durations: malformed, of the wrong type, negative, too long
    ("malformed duration", lambda: office("PT8X")),
    ("duration with years", lambda: office("P1Y")),
    ("duration as a number", lambda: office(8)),  # type: ignore[arg-type]
    ("negative duration", lambda: cadence.parse(OFFICE).with_duration("-PT1H")),
    ("negative timedelta", lambda: cadence.parse(OFFICE).with_duration(timedelta(hours=-1))),
    ("huge duration", lambda: office("P9999999999D")),
    ("negative working time", lambda: office().add_working_time("2026-12-01T00:00Z", "-PT1H")),
    ("working time past the end",
     lambda: ending().add_working_time("2026-12-01T09:55:40.439227Z", timedelta.max / 3)),
    ("working time of an instant schedule",
     lambda: cadence.parse(OFFICE).add_working_time("2026-12-01T00:00Z", "PT1H")),
    ("working time too sparse",
     lambda: cadence.parse("0 9 * * *").with_duration("PT1S").add_working_time(
         datetime(2026, 1, 1, tzinfo=UTC), timedelta(hours=10_000))),
    # moments: unreadable, of the wrong type, out of range
    ("moment unreadable", lambda: office().next("soon")),
    ("moment a boolean", lambda: office().next(True)),
    ("moment not a number", lambda: office().next(float("nan"))),
    ("moment past year 9999 in seconds", lambda: office().next(1e12)),
    ("moment before year 1 in seconds", lambda: office().prev(-1e12)),
    ("lint until before since", lambda: cadence.lint(
        OFFICE, since=datetime(2030, 1, 1, 0, 0, 0, 5, tzinfo=UTC), until=1.5)),
    ("too many results", lambda: cadence.parse("* * * * * *", format="quartz").between(
        "2026-01-01T00:00Z", "2026-12-31T00:00Z")),
    # equivalence with horizons
    ("horizon of zero", lambda: cadence.compare(OFFICE, "0 9 * * *", horizon="PT0S")),
    ("horizon negative", lambda: cadence.compare(OFFICE, "0 9 * * *",
                                                 horizon=timedelta(days=-3, hours=-4))),
    ("horizon malformed", lambda: cadence.compare(OFFICE, "0 9 * * *", horizon="3 days")),
    ("horizon as a number", lambda: cadence.compare(OFFICE, "0 9 * * *", horizon=3)),  # type: ignore[arg-type]
    # Bentley: a quantity whose working time overflows, a calendar that runs out
    ("bentley finish overflow", lambda: bentley.finish(CALENDAR, RULE, 10**16, "Meter",
                                                       "2026-11-23T09:00Z")),
    ("bentley finish past the end", lambda: bentley.finish(
        bentley.parse_calendar(CALENDAR).bounded(end="2026-12-05T09:55:40.439227+00:00"),
        RULE, 10**6, "Meter", "2026-11-23T09:00Z")),
    # conversions that drop or refuse a window
    ("systemd window", lambda: cadence.emit(office("PT8H"), "systemd")),
    ("bentley window of a fraction", lambda: cadence.emit(office("PT1.5S"), "bentley")),
    ("bentley window over a day", lambda: cadence.emit(office("P1DT1H"), "bentley")),
    ("ical window of a fraction", lambda: cadence.emit(
        office("PT1.5S").bounded(start="2026-12-01T00:00Z"), "ical")),
    ("DST conflict", lambda: cadence.emit(cadence.parse("30 2 * * *", tz="America/New_York"),
                                          "rrule")),
    # sources every function takes
    ("lint of a bad source", lambda: cadence.lint(42)),  # type: ignore[arg-type]
    ("describe with a contradicting zone",
     lambda: cadence.describe(cadence.parse(OFFICE), tz="Asia/Tokyo")),
    ("convert with two formats", lambda: _quietly(lambda: cadence.convert(
        OFFICE, "quartz", "cron", from_="quartz"))),
    ("helix status at a bad moment", lambda: cadence.helix.status(
        {"startTime": "09:00", "endTime": "10:00", "startDate": "01012026",
         "endsOn": {"endDate": "31012026"}, "recurrence": {"frequency": "daily"}},
        [1])),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("name", "call"), ERRORS, ids=[name for name, _ in ERRORS])
def test_each_error_path_raises_a_cadence_error_without_a_repr(
        name: str, call: Callable[[], Any]) -> None:
    with pytest.raises(cadence.ScheduleError) as caught:
        call()
    message = str(caught.value)
    assert message
    shown = [pattern.pattern for pattern in REPRS if pattern.search(message)]
    assert shown == [], f"{name}: {message}"


@pytest.mark.parametrize(("call", "expected"), [
    (lambda: ending().add_working_time("2026-12-01T09:55:40.439227Z", "P400D"),
     "the schedule has less than 400 days of working time after "
     "2026-12-01T09:55:40.439227+00:00; it ends before the work does"),
    (lambda: cadence.parse(OFFICE).with_duration(timedelta(hours=-1)),
     "a window cannot last a negative time (-1 h)"),
    (lambda: cadence.compare(OFFICE, "0 9 * * *", horizon=-timedelta(days=3, hours=4)),
     "horizon must be positive, not -3 days 4 h; give a length such as P30D, or None to "
     "compare as far as a proof needs"),
    (lambda: cadence.emit(office("P1DT1H"), "bentley"),
     "bentley: a window of 1 day 1 h cannot be expressed; a time block lasts 24 hours at "
     "most ('00:00'-'24:00')"),
    (lambda: cadence.emit(office("PT0.5S"), "systemd"),
     "systemd: a window of 0.5 s cannot be expressed, only its start"),
    (lambda: cadence.lint(OFFICE, since=datetime(2030, 1, 1, 0, 0, 0, 5, tzinfo=UTC),
                          until=1.5),
     "until: 1970-01-01T00:00:01.500000+00:00 is not after since "
     "(2030-01-01T00:00:00.000005+00:00); give a later until, or none for the ten years "
     "from since"),
    (lambda: office().next(1e12),
     "after: POSIX seconds 1e+12 fall outside the years 1-9999; give seconds from "
     "-62135596800 to 253402300799"),
])
def test_messages_say_lengths_and_moments_so(call: Callable[[], object], expected: str
                                             ) -> None:
    with pytest.raises(cadence.ScheduleError) as caught:
        call()
    assert str(caught.value) == expected
