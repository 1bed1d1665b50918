"""systemd calendar events (``OnCalendar=``): reading, writing, and systemd-analyze as oracle.

Expectations in the tables were derived from the calendar and checked with systemd 252's
``systemd-analyze calendar``; the differential test asks it again on every run where it is
installed. Calendar facts used below: 2026-01-01 is a Thursday; 2026-01-05 and 2026-05-25
are Mondays; 2026-03-08 and 2026-11-01 are the American DST days, 2026-03-29 and
2026-10-25 the European ones; 2028 is the next leap year.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from functools import cache
from itertools import islice

import pytest
from hypothesis import given, settings

import cadence
from cadence._zones import resolve_zone
from cadence.errors import NeverFiresError, ParseError, ScheduleError, UnsupportedError
from cadence.formats.systemd import (
    NAME,
    SystemdSpelling,
    looks_like_systemd,
    read_systemd,
    write_systemd,
)
from cadence.ir import CronRule, MonthDays, Period, Weekdays
from cadence.schedule import Schedule
from cadence.strategies import Invalid, cron_expressions, systemd_calendar_events

UTC = timezone.utc
ANALYZE = shutil.which("systemd-analyze")
needs_analyze = pytest.mark.skipif(ANALYZE is None,
                                   reason="systemd-analyze is not installed: no oracle")


def schedule_of(text: str) -> Schedule:
    read = read_systemd(text)
    return Schedule(read.rules, read.zone, format=NAME, source=text)


def first(text: str, start: str, count: int) -> list[str]:
    return [moment.isoformat() for moment in islice(schedule_of(text).iter_after(start), count)]


# --- reading: next occurrences ---------------------------------------------------------

FORWARD = [
    pytest.param("Mon..Fri 09:00", "2026-01-01T12:00Z",
                 ["2026-01-02T09:00:00+00:00", "2026-01-05T09:00:00+00:00",
                  "2026-01-06T09:00:00+00:00"], id="a-weekday-range-skips-the-weekend"),
    pytest.param("sat,SUNDAY 10:30", "2026-01-01T00:00Z",
                 ["2026-01-03T10:30:00+00:00", "2026-01-04T10:30:00+00:00",
                  "2026-01-10T10:30:00+00:00"], id="weekday-names-in-any-case-and-length"),
    pytest.param("Wed, 17:48", "2026-01-01T00:00Z",
                 ["2026-01-07T17:48:00+00:00", "2026-01-14T17:48:00+00:00"],
                 id="a-trailing-comma-after-the-weekdays-is-allowed"),
    pytest.param("*-*-1,15 06:00", "2026-01-01T07:00Z",
                 ["2026-01-15T06:00:00+00:00", "2026-02-01T06:00:00+00:00",
                  "2026-02-15T06:00:00+00:00"], id="a-list-of-days"),
    pytest.param("*-*-1/7", "2026-01-01T00:00Z",
                 ["2026-01-08T00:00:00+00:00", "2026-01-15T00:00:00+00:00",
                  "2026-01-22T00:00:00+00:00", "2026-01-29T00:00:00+00:00",
                  "2026-02-01T00:00:00+00:00"], id="a-day-repetition-runs-to-the-months-end"),
    pytest.param("2026..2030/2-03-01", "2026-06-01T00:00Z",
                 ["2028-03-01T00:00:00+00:00", "2030-03-01T00:00:00+00:00"],
                 id="a-year-range-with-a-repetition-ends-at-its-last-year"),
    pytest.param("*-*~1", "2026-01-01T00:00Z",
                 ["2026-01-31T00:00:00+00:00", "2026-02-28T00:00:00+00:00",
                  "2026-03-31T00:00:00+00:00"], id="tilde-one-is-the-last-day-of-the-month"),
    pytest.param("*-02~07/1", "2026-01-01T00:00Z",
                 ["2026-02-22T00:00:00+00:00", "2026-02-23T00:00:00+00:00",
                  "2026-02-24T00:00:00+00:00"], id="tilde-with-a-repetition-is-the-last-days"),
    pytest.param("*-*~7/2", "2026-01-01T00:00Z",
                 ["2026-01-25T00:00:00+00:00", "2026-01-27T00:00:00+00:00",
                  "2026-01-29T00:00:00+00:00", "2026-01-31T00:00:00+00:00",
                  "2026-02-22T00:00:00+00:00"], id="tilde-repetitions-run-towards-the-end"),
    pytest.param("*-*~03..10/2", "2026-01-01T00:00Z",
                 ["2026-01-23T00:00:00+00:00", "2026-01-25T00:00:00+00:00",
                  "2026-01-27T00:00:00+00:00", "2026-01-29T00:00:00+00:00",
                  "2026-02-20T00:00:00+00:00"],
                 id="a-tilde-range-repeats-from-its-first-value"),
    pytest.param("*-*~*", "2026-01-01T00:00Z",
                 ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00"],
                 id="tilde-star-is-every-day"),
    pytest.param("*-*~26/25", "2026-01-01T00:00Z",
                 ["2026-01-06T00:00:00+00:00", "2026-01-31T00:00:00+00:00",
                  "2026-02-03T00:00:00+00:00"], id="a-tilde-repetition-that-reaches-the-end"),
    pytest.param("Mon-Fri 9:00", "2026-01-01T12:00Z",
                 ["2026-01-02T09:00:00+00:00", "2026-01-05T09:00:00+00:00"],
                 id="a-weekday-range-with-a-dash"),
    pytest.param("@1700000000 Europe/Berlin", "2023-01-01T00:00Z",
                 ["2023-11-14T22:13:20+00:00"], id="an-epoch-with-a-zone-is-still-utc"),
    pytest.param("Mon *-05~07/1 12:00", "2026-01-01T00:00Z",
                 ["2026-05-25T12:00:00+00:00", "2027-05-31T12:00:00+00:00"],
                 id="the-last-monday-in-may"),
    pytest.param("03-05", "2026-01-01T00:00Z",
                 ["2026-03-05T00:00:00+00:00", "2027-03-05T00:00:00+00:00"],
                 id="the-month-day-short-form"),
    pytest.param("26-12-25 8:00", "2026-01-01T00:00Z", ["2026-12-25T08:00:00+00:00"],
                 id="a-two-digit-year-is-in-this-century"),
    pytest.param("*-02-29 12:00", "2026-01-01T00:00Z",
                 ["2028-02-29T12:00:00+00:00", "2032-02-29T12:00:00+00:00"],
                 id="the-29th-of-february-waits-for-a-leap-year"),
    pytest.param("*:0/15", "2026-01-01T00:05Z",
                 ["2026-01-01T00:15:00+00:00", "2026-01-01T00:30:00+00:00",
                  "2026-01-01T00:45:00+00:00", "2026-01-01T01:00:00+00:00"],
                 id="a-minute-repetition"),
    pytest.param("9..17/4:00", "2026-01-01T00:00Z",
                 ["2026-01-01T09:00:00+00:00", "2026-01-01T13:00:00+00:00",
                  "2026-01-01T17:00:00+00:00", "2026-01-02T09:00:00+00:00"],
                 id="an-hour-range-with-a-repetition"),
    pytest.param("*-*-* 12:00:00/20", "2026-01-01T00:00Z",
                 ["2026-01-01T12:00:00+00:00", "2026-01-01T12:00:20+00:00",
                  "2026-01-01T12:00:40+00:00", "2026-01-02T12:00:00+00:00"],
                 id="a-seconds-repetition"),
    pytest.param("*-*-* 1:2:3.000000", "2026-01-01T00:00Z", ["2026-01-01T01:02:03+00:00"],
                 id="a-zero-fraction-of-a-second-is-a-whole-second"),
    pytest.param("weekly Europe/Berlin", "2026-01-01T00:00Z",
                 ["2026-01-05T00:00:00+01:00", "2026-01-12T00:00:00+01:00"],
                 id="a-shorthand-with-a-zone"),
    pytest.param("quarterly", "2026-01-01T00:00Z",
                 ["2026-04-01T00:00:00+00:00", "2026-07-01T00:00:00+00:00",
                  "2026-10-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00"],
                 id="quarterly-is-the-first-of-every-third-month"),
    pytest.param("@1395716396", "2014-01-01T00:00Z", ["2014-03-25T02:59:56+00:00"],
                 id="epoch-seconds-are-one-moment-in-utc"),
    # DST: systemd's policy is RFC 5545's (see the module docstring).
    pytest.param("*-*-* 02:30 America/New_York", "2026-03-08T06:00Z",
                 ["2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00"],
                 id="a-time-in-the-spring-gap-does-not-fire"),
    pytest.param("*-*-* 01:30 America/New_York", "2026-11-01T04:00Z",
                 ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"],
                 id="a-repeated-time-fires-once-on-its-first-pass"),
    pytest.param("*:0/30 America/New_York", "2026-11-01T04:00Z",
                 ["2026-11-01T00:30:00-04:00", "2026-11-01T01:00:00-04:00",
                  "2026-11-01T01:30:00-04:00", "2026-11-01T02:00:00-05:00"],
                 id="a-repetition-skips-the-second-pass-of-the-repeated-hour"),
]


@pytest.mark.parametrize(("text", "start", "expected"), FORWARD)
def test_an_expression_fires_at_the_expected_moments(text: str, start: str,
                                                     expected: list[str]) -> None:
    assert first(text, start, len(expected) + 1)[:len(expected)] == expected
    assert len(first(text, start, len(expected) + 1)) >= len(expected)


def test_a_date_that_passed_fires_no_more() -> None:
    assert first("2026..2030/2-03-01", "2030-06-01T00:00Z", 1) == []


def test_a_trailing_zone_wins_over_the_tz_argument() -> None:
    assert read_systemd("12:00 Asia/Tokyo", tz="Europe/Berlin").zone == resolve_zone("Asia/Tokyo")
    assert read_systemd("12:00", tz="Europe/Berlin").zone == resolve_zone("Europe/Berlin")
    assert read_systemd("12:00").zone == resolve_zone("UTC")
    assert read_systemd("12:00 utc", tz="Europe/Berlin").zone == resolve_zone("UTC")


def test_the_reader_uses_systemds_dst_policy_and_keeps_the_spelling() -> None:
    read = read_systemd(" mon..fri 9:00 Europe/Berlin ")
    assert read.rules[0].fixed_time
    assert read.rules[0].skip_gaps
    assert read.spelling == SystemdSpelling(" mon..fri 9:00 Europe/Berlin ", "Europe/Berlin",
                                            "Mon..Fri *-*-* 09:00:00 Europe/Berlin")


@pytest.mark.parametrize(("text", "normalized"), [
    ("minutely", "*-*-* *:*:00"), ("hourly", "*-*-* *:00:00"), ("daily", "*-*-* 00:00:00"),
    ("weekly", "Mon *-*-* 00:00:00"), ("monthly", "*-*-01 00:00:00"),
    ("quarterly", "*-01,04,07,10-01 00:00:00"), ("semiannually", "*-01,07-01 00:00:00"),
    ("yearly", "*-01-01 00:00:00"), ("annually", "*-01-01 00:00:00"),
    ("daily UTC", "*-*-* 00:00:00 UTC"), ("*:2/3", "*-*-* *:02/3:00"),
    ("Sat,Thu,Mon..Wed,Sat..Sun", "Mon..Thu,Sat,Sun *-*-* 00:00:00"),
    ("Mon,Sun 12-*-* 2,1:23", "Mon,Sun 2012-*-* 01,02:23:00"),
    ("Wed..Wed,Wed *-1", "Wed *-*-01 00:00:00"),
    ("*-*~03..10/2", "*-*~03..09/2 00:00:00"), ("*-*~*", "*-*-* 00:00:00"),
    ("*-*~1..28/2", "*-*~01..27/2 00:00:00"), ("Mon-Fri 9:00", "Mon..Fri *-*-* 09:00:00"),
    ("Sat-Sun,Mon", "Mon,Sat,Sun *-*-* 00:00:00"),
    ("@1700000000 UTC", "2023-11-14 22:13:20 UTC"),
    ("@1700000000 Europe/Berlin", "2023-11-14 22:13:20 UTC"),
])
def test_the_normalized_form_is_the_one_systemd_prints(text: str, normalized: str) -> None:
    assert read_systemd(text).spelling.normalized == normalized
    if ANALYZE is not None:
        assert systemd_normalized(text) == normalized


# --- reading: errors ---------------------------------------------------------------------

ERRORS = [
    # text, field, column, words in the message
    ("*-*-* 24:00", "hour", 7, ["hour 24", "0-23"]),
    ("*-*-* 23:60", "minute", 10, ["minute 60", "0-59"]),
    ("*-*-* 1:2:60", "second", 11, ["second 60"]),
    ("*-13-1", "month", 3, ["month 13", "1-12"]),
    ("*-*-32", "day", 5, ["day 32", "1-31"]),
    ("*-*-0", "day", 5, ["day 0"]),
    ("1969-*-*", "year", 1, ["year 1969", "1970-2199"]),
    ("10000-01-01", "year", 1, ["year 10000", "1970-2199"]),
    ("*-*~29", "day", 5, ["~29", "~28"]),
    # systemd lowers the limit of a "~" list's items by 3 from one item to the next.
    ("*-*~1,26", "day", 7, ["second item", "~26", "at most ~25", "second OnCalendar="]),
    ("*-*~26,1", "day", 5, ["second item", "at most ~25"]),
    ("*-*~1,2,23", "day", 9, ["third item", "~23", "at most ~22"]),
    ("*-*~1,2..26", "day", 7, ["second item", "at most ~25"]),
    ("*:*:5..5", "second", 5, ["single second", "write 5"]),
    ("@1700000000 Mars/Olympus", "time zone", 13, ["unknown time zone"]),
    ("Fri..Mon", "weekday", 1, ["backwards", "Fri..Sun,Mon..Mon"]),
    ("Tues 12:00", "weekday", 1, ["unknown weekday 'Tues'", "Mon"]),
    ("Mon-Fri..Sat", "weekday", 1, ["one '..' or one '-'", "Mon..Sat"]),
    ("Mon-Tue-Wed", "weekday", 1, ["not a weekday range", "Mon..Fri"]),
    ("Fri-Mon", "weekday", 1, ["backwards", "Fri..Sun,Mon..Mon"]),
    ("daily 12:00", "weekday", 1, ["shorthand 'daily'", "alone"]),
    ("*-*-* 12:00 Europe/Nowhere", "time zone", 13, ["unknown time zone", "IANA"]),
    ("*-*-* 12:00 CEST", "time zone", 13, ["unknown time zone", "IANA"]),
    ("*-*-* 05:40:23.5", "second", 13, ["fractions of a second", "whole seconds"]),
    ("*-*-* 05.5:40", "hour", 7, ["no fraction", "only seconds"]),
    ("*:*/15", "minute", 3, ["not from '*'", "00/15"]),
    ("20/5:00", "hour", 1, ["repeats past", "23"]),
    ("*-*-* 1:2:3/0", "second", 13, ["repetition of 0"]),
    ("5..3:00", "hour", 1, ["backwards", "3..5"]),
    ("*,5:00", "hour", 1, ["'*' already matches every hour"]),
    ("*-*-* 12:0x", "minute", 11, ["unexpected 'x'", "minute"]),
    ("Mon *-*-* 12:00 UTC UTC", "time zone", 20, ["unexpected"]),
    ("@99999999999", "year", 2, ["out of range", "2199"]),
]


@pytest.mark.parametrize(("text", "field", "column", "words"), ERRORS,
                         ids=[row[0] for row in ERRORS])
def test_a_malformed_expression_is_a_parse_error_naming_field_and_column(
        text: str, field: str, column: int, words: list[str]) -> None:
    with pytest.raises(ParseError) as caught:
        read_systemd(text)
    error = caught.value
    assert (error.field, error.column) == (field, column), str(error)
    for word in words:
        assert word in error.reason, error.reason
    assert "Traceback" not in str(error)
    assert "Lexeme(" not in str(error)


#: Refused by cadence though systemd reads them (see the module docstring of the reader).
CADENCE_ONLY_ERRORS = {"*-*-* 05:40:23.5"}


@needs_analyze
@pytest.mark.parametrize("text", [row[0] for row in ERRORS if row[0] not in CADENCE_ONLY_ERRORS])
def test_systemd_analyze_refuses_the_malformed_expressions_too(text: str) -> None:
    assert systemd_normalized(text) is None


@pytest.mark.parametrize("text", ["", "   ", "a\nb"])
def test_empty_or_multi_line_text_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError):
        read_systemd(text)


@pytest.mark.parametrize("text", ["*-02-30", "Mon 2026-01-06", "*-04-31 12:00 Europe/Berlin"])
def test_an_expression_that_never_fires_is_refused(text: str) -> None:
    with pytest.raises(NeverFiresError, match="never fires"):
        read_systemd(text)


# --- sniffing ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Mon..Fri 9:00", True), ("*-*-* 00:00:00", True), ("2026-03-05", True),
    ("*:0/15", True), ("*-*~1", True), ("daily", True), ("weekly Europe/Berlin", True),
    ("0 9 * * 1-5", False), ("*/15 * * * *", False), ("0 0 12 ? * MON-FRI", False),
    ("0 0 12 * * ? 2026", False), ("@daily", False), ("CRON_TZ=UTC 0 9 * * *", False),
    ("FREQ=DAILY;BYHOUR=9", False), ("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", False),
    ('{"type": "daily"}', False), ("", False),
])
def test_sniffing_claims_only_what_cannot_be_cron_or_rrule(text: str, expected: bool) -> None:
    assert looks_like_systemd(text) is expected


# --- differential against systemd-analyze ------------------------------------------------

_ELAPSE = re.compile(r"(?:Next elapse|Iter\. #\d+): \w{3} (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC")

# expression, base time (UTC), iterations
DIFFERENTIAL = [
    ("Mon..Fri 09:00", "2026-01-01 00:00", 6),
    ("Sat,Sun 10:30", "2026-01-01 00:00", 4),
    ("monday *-12-* 17:00", "2026-06-01 00:00", 4),
    ("Mon,Wed..Fri *-*-* 12:00:15", "2026-01-01 00:00", 5),
    ("Tue..Sat,Mon 08:00", "2026-01-01 00:00", 7),
    ("Fri *-*-13", "2026-01-01 00:00", 3),
    ("Wed, 17:48", "2026-01-01 00:00", 2),
    ("*-*-1,15 06:00", "2026-01-01 00:00", 4),
    ("Mon *-*-01..07 12:00", "2026-01-01 00:00", 4),
    ("*-*-1/7", "2026-01-01 00:00", 6),
    ("*-*-5..20/5 18:00", "2026-01-01 00:00", 5),
    ("2026..2030/2-03-01", "2026-06-01 00:00", 3),
    ("*-02-29 12:00", "2026-01-01 00:00", 3),
    ("2027-01..03-15", "2026-01-01 00:00", 4),
    ("*-01/3-01", "2026-01-01 00:00", 4),
    ("*-*~1", "2026-01-01 00:00", 4),
    ("*-02~07/1", "2026-01-01 00:00", 8),
    ("*-*~7/2", "2026-01-01 00:00", 5),
    ("*-*~1..7/3", "2026-01-01 00:00", 5),
    ("Mon *-05~07/1", "2026-01-01 00:00", 3),
    ("Fri *-*~01..07 17:00", "2026-01-01 00:00", 3),
    ("03-05", "2026-01-01 00:00", 2),
    ("26-12-25 8:00", "2026-01-01 00:00", 2),
    ("*:0/15", "2026-01-01 00:05", 5),
    ("9..17:00", "2026-01-01 00:00", 10),
    ("9..17/2:30", "2026-01-01 00:00", 6),
    ("*-*-* 12:00:00/20", "2026-01-01 00:00", 4),
    ("*-*-* *:*:0/10", "2026-01-01 00:00", 4),
    ("12,14,13,12:20,10,30", "2026-01-01 00:00", 10),
    ("05:40", "2026-01-01 00:00", 2),
    ("*-*-* 1:2:3.000000", "2026-01-01 00:00", 2),
    ("minutely", "2026-01-01 00:00", 3),
    ("hourly", "2026-01-01 00:00", 3),
    ("daily", "2026-01-01 00:00", 3),
    ("weekly", "2026-01-01 00:00", 3),
    ("monthly", "2026-01-01 00:00", 3),
    ("quarterly", "2026-01-01 00:00", 3),
    ("semiannually", "2026-01-01 00:00", 3),
    ("yearly", "2026-01-01 00:00", 3),
    ("annually", "2026-01-01 00:00", 3),
    ("@1395716396", "2014-01-01 00:00", 2),
    ("daily UTC", "2026-01-01 00:00", 3),
    ("Mon 12:00 utc", "2026-01-01 00:00", 3),
    ("*-*~03..10/2", "2026-01-01 00:00", 8),
    ("*-*~*", "2026-01-01 00:00", 3),
    ("*-*~1..28/2", "2026-02-01 00:00", 15),
    ("*-*~26/25", "2026-01-01 00:00", 4),
    ("*-*~1,25", "2026-01-01 00:00", 4),
    ("*-*~1,2..25", "2026-01-01 00:00", 4),
    ("*:*:5..5/1", "2026-01-01 00:00", 2),
    ("Mon-Fri 9:00", "2026-01-01 00:00", 6),
    ("Sat-Sun,Mon 9:00", "2026-01-01 00:00", 4),
    ("@1700000000 UTC", "2023-01-01 00:00", 2),
    ("@1700000000 Europe/Berlin", "2023-01-01 00:00", 2),
    ("01/16:2..37:08,18 America/New_York", "2026-03-02 00:00", 4),
    ("*-*-* 09:00 Europe/Berlin", "2026-03-27 00:00", 4),
    ("weekly Pacific/Auckland", "2026-01-01 00:00", 3),
    ("Mon 2026-01-05 Europe/Berlin", "2026-01-01 00:00", 2),
    ("*-*-* 02:30 America/New_York", "2026-03-07 00:00", 4),
    ("*-*-* 01:30 America/New_York", "2026-10-31 00:00", 4),
    ("*:0/30 America/New_York", "2026-11-01 04:00", 8),
    ("*:0/30 America/New_York", "2026-03-08 06:00", 6),
    ("*:0/30 Europe/Berlin", "2026-10-25 00:00", 6),
    ("2..3:00 Europe/Berlin", "2026-03-28 00:00", 6),
    ("Sun *-*-* 02:30 Europe/Berlin", "2026-03-20 00:00", 2),
    ("*-*-* 01:45 Australia/Lord_Howe", "2026-04-04 00:00", 3),
    ("*-*-* 02:15 Australia/Lord_Howe", "2026-10-03 00:00", 3),
]


@cache
def systemd_elapses(text: str, base: str, count: int) -> tuple[str, ...]:
    """What systemd-analyze says, as UTC ISO strings (one run per expression)."""
    assert ANALYZE is not None
    done = subprocess.run(
        [ANALYZE, "calendar", f"--iterations={count}", f"--base-time={base}:00 UTC", text],
        env={**os.environ, "TZ": "UTC", "LC_ALL": "C"}, capture_output=True, text=True,
        timeout=20, check=True)
    return tuple(datetime.fromisoformat(found).replace(tzinfo=UTC).isoformat()
                 for found in _ELAPSE.findall(done.stdout))


@cache
def systemd_normalized(text: str) -> str | None:
    """The normalized form systemd-analyze prints, or None where it refuses the text."""
    assert ANALYZE is not None
    done = subprocess.run([ANALYZE, "calendar", text],
                          env={**os.environ, "TZ": "UTC", "LC_ALL": "C"}, capture_output=True,
                          text=True, timeout=20, check=False)
    if done.returncode != 0:
        return None
    found = re.search(r"Normalized form: (.*)", done.stdout)
    assert found is not None, done.stdout
    return found.group(1)


def cadence_elapses(text: str, base: str, count: int) -> list[str]:
    start = datetime.fromisoformat(base).replace(tzinfo=UTC)
    return [moment.astimezone(UTC).isoformat()
            for moment in islice(schedule_of(text).iter_after(start), count)]


def test_the_differential_covers_at_least_forty_expressions() -> None:
    assert len({text for text, _, _ in DIFFERENTIAL}) >= 40


@needs_analyze
@pytest.mark.parametrize(("text", "base", "count"), DIFFERENTIAL,
                         ids=[f"{row[0]}@{row[1]}" for row in DIFFERENTIAL])
def test_cadence_agrees_with_systemd_analyze(text: str, base: str, count: int) -> None:
    expected = systemd_elapses(text, base, count)
    assert expected, f"systemd-analyze found no elapse for {text!r}"
    assert cadence_elapses(text, base, count) == list(expected)


@needs_analyze
def test_systemd_differs_from_every_policy_from_a_base_time_in_a_second_pass() -> None:
    # 06:10 UTC is 01:10 EST, the second pass of New York's repeated hour: systemd goes on
    # in that pass (06:30 UTC), while cadence, whose policy is per instant, does not.
    text, base = "*:0/30 America/New_York", "2026-11-01 06:10"
    assert systemd_elapses(text, base, 2) == ("2026-11-01T06:30:00+00:00",
                                              "2026-11-01T07:00:00+00:00")
    assert cadence_elapses(text, base, 2) == ["2026-11-01T07:00:00+00:00",
                                              "2026-11-01T07:30:00+00:00"]


@needs_analyze
@pytest.mark.parametrize(("text", "base", "missed", "witness_base", "witness"), [
    # Hours 1 and 17 from 19:00 the day before (in New York): systemd 252 steps the hour to
    # 1 + 2*16 = 33, normalizes that to 09:00 on the 1st of March, and resets the hour only
    # when the day changes within a month, so it skips 01:02:08 EST (06:02:08 UTC), which it
    # matches from a base just before it. systemd/systemd#22665 and #40260 are this bug's
    # family (a repetition carried into the next month or year). cadence is right.
    ("01/16:2..37:08,18 America/New_York", "2026-03-01 00:00", "2026-03-01T06:02:08+00:00",
     "2026-03-01 06:00", "2026-03-01T06:02:08+00:00"),
    ("01/16:2:08", "2026-02-28 19:00", "2026-03-01T01:02:08+00:00",
     "2026-03-01 01:00", "2026-03-01T01:02:08+00:00"),
    # A minute carried into the next day: systemd never fires "*:00/50" at midnight,
    # though minute 00 fires in every other hour.
    ("*:00/50", "2026-03-01 23:55", "2026-03-02T00:00:00+00:00",
     "2026-03-02 00:55", "2026-03-02T01:00:00+00:00"),
    # A day carried into the next year (#40260): days 8, 27 and 9..28.
    ("*-*-9..28,08/19 7:48", "2026-12-31 15:05", "2027-01-08T07:48:00+00:00",
     "2027-01-08 07:00", "2027-01-08T07:48:00+00:00"),
])
def test_systemd_skips_a_moment_it_matches_after_carrying_a_repetition(
        text: str, base: str, missed: str, witness_base: str, witness: str) -> None:
    assert cadence_elapses(text, base, 1) == [missed]
    assert systemd_elapses(text, base, 1)[0] > missed
    assert systemd_elapses(text, witness_base, 1) == (witness,)
    assert cadence_elapses(text, witness_base, 1) == [witness]


@needs_analyze
@settings(max_examples=30, deadline=None)
@given(systemd_calendar_events(zones=["UTC", "Europe/Berlin", "America/New_York"]))
def test_any_generated_event_fires_as_systemd_says(text: str) -> None:
    # A base far from a month's end in every zone: from just before a local month or year
    # rollover systemd 252 skips elapses (systemd/systemd#22665, see the row above).
    expected = systemd_elapses(text, "2026-01-14 12:00", 3)
    assert cadence_elapses(text, "2026-01-14 12:00", 3) == list(expected)


@needs_analyze
@settings(max_examples=30, deadline=None)
@given(systemd_calendar_events(zones=["UTC", "Europe/Berlin"], valid=False))
def test_any_near_miss_is_refused_by_both(invalid: Invalid) -> None:
    assert systemd_normalized(invalid.payload) is None
    with pytest.raises(ScheduleError):
        read_systemd(invalid.payload)


# --- writing -----------------------------------------------------------------------------

BERLIN = resolve_zone("Europe/Berlin")
NEW_YORK = resolve_zone("America/New_York")
ZONE_STARTS = {  # a quiet day, and the days before each DST change of 2026 and 2027
    "UTC": ["2026-01-01T00:00"],
    "Europe/Berlin": ["2026-01-01T00:00", "2026-03-28T00:00", "2026-10-24T00:00",
                      "2027-03-27T00:00"],
    "America/New_York": ["2026-01-01T00:00", "2026-03-07T00:00", "2026-10-31T00:00",
                         "2027-03-13T00:00"],
}


def same_occurrences(one: Schedule, other: Schedule, zone: str, count: int = 300) -> None:
    for start in ZONE_STARTS[zone]:
        assert list(islice(one.iter_after(start), count)) == list(
            islice(other.iter_after(start), count)), start


def without_day_spelling(rule: CronRule) -> CronRule:
    """The parts of a rule that written systemd text keeps as they are."""
    return replace(rule, month_days=None, weekdays=None, day_match="and", fixed_time=True,
                   skip_gaps=True)


def check_round_trip(cron: str, zone: str) -> str | None:
    """The systemd text of a cron rule, checked to mean the same, or None if refused."""
    original = cadence.parse(cron, format="cron", tz=zone)
    refused: UnsupportedError | None = None
    try:
        written = cadence.emit(original, NAME)  # with the read-back DST policy check
    except UnsupportedError as error:
        refused = error
    if refused is not None:
        assert refused.target == NAME
        return None
    assert isinstance(written, str)
    text = written
    read = read_systemd(text)
    assert read.zone == original.tz
    assert [without_day_spelling(rule) for rule in read.rules] == [
        without_day_spelling(rule) for rule in original.rules]
    again = Schedule(read.rules, read.zone, format=NAME, source=text)
    same_occurrences(original, again, zone)
    return text


ROUND_TRIPS = [
    ("0 9 * * 1-5", "Europe/Berlin", "Mon..Fri *-*-* 09:00:00 Europe/Berlin"),
    ("*/15 9-17 * * *", "UTC", "*-*-* 09..17:00/15:00"),
    ("30 6 1,15 * *", "America/New_York", "*-*-01,15 06:30:00 America/New_York"),
    ("0 0 L * *", "UTC", "*-*~01 00:00:00"),
    ("0 12 * * 1#1", "Europe/Berlin", "Mon *-*-01..07 12:00:00 Europe/Berlin"),
    ("0 18 * * 5L", "UTC", "Fri *-*~01..07 18:00:00"),
    ("0 0 1 */3 *", "UTC", "*-01,04,07,10-01 00:00:00"),
    ("0 4 * * 0", "America/New_York", "Sun *-*-* 04:00:00 America/New_York"),
    # Berlin's clocks jumped over midnight on 1893-04-01 (LMT to CET): cron fires right
    # after the jump, systemd's policy skips the time, so the conversion is refused.
    ("@monthly", "Europe/Berlin", None),
    ("@monthly", "America/New_York", "*-*-01 00:00:00 America/New_York"),
    ("0 0 1 * 1", "UTC", None),  # day-of-month OR day-of-week
    ("0 0 15W * *", "UTC", None),  # nearest weekday
    ("30 2 * * *", "Europe/Berlin", None),  # cron fires after the spring jump
    ("*/30 * * * *", "America/New_York", None),  # cron fires in both passes
    ("*/30 * * * *", "UTC", "*-*-* *:00/30:00"),  # no DST: nothing to lose
]


@pytest.mark.parametrize(("cron", "zone", "expected"), ROUND_TRIPS,
                         ids=[f"{row[0]}@{row[1]}" for row in ROUND_TRIPS])
def test_a_cron_rule_is_written_to_mean_the_same_or_refused(cron: str, zone: str,
                                                            expected: str | None) -> None:
    assert check_round_trip(cron, zone) == expected


@settings(max_examples=100, deadline=None)
@given(cron_expressions(zones=["UTC", "Europe/Berlin", "America/New_York"]))
def test_any_cron_expression_is_written_faithfully_or_refused(text: str) -> None:
    match = re.match(r"CRON_TZ=(\S+)\s+(.*)", text)
    zone, body = (match.group(1), match.group(2)) if match else ("UTC", text)
    check_round_trip(body, zone)


def test_a_read_expression_is_written_back_as_written() -> None:
    read = read_systemd("mon..fri 9:00 Europe/Berlin")
    assert write_systemd(read.rules, read.zone, spelling=read.spelling) == (
        "mon..fri 9:00 Europe/Berlin")
    # Another zone: the spelling no longer says it, so the normalized form is written.
    assert write_systemd(read.rules, NEW_YORK, spelling=read.spelling) == (
        "Mon..Fri *-*-* 09:00:00 America/New_York")


def test_a_spelling_without_a_zone_gets_the_zone_appended() -> None:
    read = read_systemd("daily", tz="Europe/Berlin")
    assert write_systemd(read.rules, read.zone, spelling=read.spelling) == "daily Europe/Berlin"


def test_an_outdated_spelling_is_not_used() -> None:
    read = read_systemd("daily")
    hourly = read_systemd("hourly")
    assert write_systemd(hourly.rules, hourly.zone, spelling=read.spelling) == (
        "*-*-* *:00:00")


DAILY = CronRule(seconds=(0,), minutes=(0,), hours=(9,), fixed_time=True, skip_gaps=True)
REFUSALS = [
    pytest.param([DAILY, replace(DAILY, hours=(10,))], "UTC", "a union of 2 rules",
                 id="several-rules"),
    pytest.param([replace(DAILY, month_days=MonthDays(days=(1,)), weekdays=Weekdays(days=(0,)),
                          day_match="or")], "UTC", "day-of-month OR day-of-week",
                 id="day-of-month-or-day-of-week"),
    pytest.param([replace(DAILY, month_days=MonthDays(nearest_weekday=(15,)))], "UTC",
                 "nW", id="nearest-weekday"),
    pytest.param([replace(DAILY, month_days=MonthDays(last_weekday=True))], "UTC", "LW",
                 id="last-weekday-of-the-month"),
    pytest.param([replace(DAILY, weekdays=Weekdays(nth=((0, 1), (4, 2))))], "UTC",
                 "#k with different ordinals", id="nth-weekdays-with-different-ordinals"),
    pytest.param([replace(DAILY, weekdays=Weekdays(days=(2,), last=(4,)))], "UTC",
                 "last weekday of the month beside other weekdays",
                 id="last-weekday-beside-plain-weekdays"),
    pytest.param([replace(DAILY, period=Period.anchored("week", 2, date(2026, 1, 5)))], "UTC",
                 "period", id="period"),
    pytest.param([replace(DAILY, duration=timedelta(hours=2))], "UTC", "a window",
                 id="window"),
    pytest.param([replace(DAILY, excluded_dates=(date(2026, 12, 25),))], "UTC",
                 "excluded dates (2026-12-25)", id="excluded-dates"),
    pytest.param([replace(DAILY, years=(2300,))], "UTC", "year 2300", id="a-year-after-2199"),
    pytest.param([replace(DAILY, month_days=MonthDays(days=(1,), from_last=(0,)))], "UTC",
                 "from the start and from the end", id="days-from-both-ends"),
    pytest.param([replace(DAILY, month_days=MonthDays(from_last=(29,)))], "UTC",
                 "30th last day", id="a-day-too-far-from-the-end"),
    pytest.param([replace(DAILY, month_days=MonthDays(from_last=(0, 1, 25)))], "UTC",
                 "the days ~01,02,26", id="a-tilde-list-systemd-refuses"),
    pytest.param([replace(DAILY, hours=(2,), minutes=(30,), skip_gaps=False)],
                 "Europe/Berlin", "the DST policy", id="cron-dst-policy-in-a-gap"),
    pytest.param([replace(DAILY, hours=(1,), minutes=(30,), fixed_time=False)],
                 "America/New_York", "the DST policy",
                 id="every-instant-policy-in-a-repeated-hour"),
]


@pytest.mark.parametrize(("rules", "zone", "feature"), REFUSALS)
def test_what_one_oncalendar_expression_cannot_say_is_refused_by_name(
        rules: list[CronRule], zone: str, feature: str) -> None:
    # Through cadence.emit, whose read-back check refuses a DST policy that would move an
    # occurrence (the same check for every target).
    with pytest.raises(UnsupportedError) as caught:
        cadence.emit(Schedule(rules, resolve_zone(zone)), NAME)
    assert caught.value.target == NAME
    assert feature in caught.value.feature, caught.value.feature
    assert str(caught.value).startswith(f"systemd: {caught.value.feature} cannot be expressed")


@pytest.mark.parametrize(("offsets", "written"), [
    ((0, 25), "*-*~26/25 09:00:00"),  # "~01,26" is refused by systemd
    ((2, 4, 6, 8), "*-*~03..09/2 09:00:00"),
    ((0, 1, 2, 4), "*-*~01..03,05 09:00:00"),
])
def test_days_from_the_end_are_written_as_systemd_reads_them(offsets: tuple[int, ...],
                                                             written: str) -> None:
    rule = replace(DAILY, month_days=MonthDays(from_last=offsets))
    assert cadence.emit(Schedule(rule, resolve_zone("UTC")), NAME) == written
    assert read_systemd(written).rules[0].month_days == MonthDays(from_last=offsets)
    if ANALYZE is not None:
        assert systemd_normalized(written) is not None


def test_a_different_dst_policy_is_written_where_the_zone_never_changes_offset() -> None:
    cron_policy = replace(DAILY, hours=(2,), minutes=(30,), skip_gaps=False)
    assert cadence.emit(Schedule(cron_policy, resolve_zone("Asia/Tokyo")), NAME) == (
        "*-*-* 02:30:00 Asia/Tokyo")
    # In Berlin 02:30 falls in the spring gap, so the same rule is refused there.
    with pytest.raises(UnsupportedError):
        cadence.emit(Schedule(cron_policy, BERLIN), NAME)
