"""Table tests for Quartz cron syntax (formats.md section 2).

``second minute hour day-of-month month day-of-week [year]``; day-of-week 1-7 with
1 = Sunday; exactly one of the day fields is ``?``; ``L`` alone in day-of-week is
Saturday; years 1970-2099. Expectations come from the calendar, not from cadence:
2026-01-01 is a Thursday, 2026-02-15 a Sunday, 2026-08-01 a Saturday; the fifth
Mondays of 2026 fall in March, June, August and November.
"""

from __future__ import annotations

import re
from datetime import datetime
from itertools import islice

import pytest

import cadence


def iso(moments: list[datetime]) -> list[str]:
    return [moment.isoformat() for moment in moments]


def first(source: str, start: str, count: int) -> list[str]:
    return iso(list(islice(cadence.parse(source).iter_after(start), count)))


FORWARD = [
    # the seconds field
    pytest.param(
        "*/15 * * * * ?", "2026-01-01T00:00:50Z",
        ["2026-01-01T00:01:00+00:00", "2026-01-01T00:01:15+00:00", "2026-01-01T00:01:30+00:00",
         "2026-01-01T00:01:45+00:00", "2026-01-01T00:02:00+00:00"],
        id="every-fifteen-seconds",
    ),
    pytest.param(
        "30 0 9 * * ?", "2026-01-01T00:00Z",
        ["2026-01-01T09:00:30+00:00", "2026-01-02T09:00:30+00:00", "2026-01-03T09:00:30+00:00"],
        id="thirty-seconds-past-nine",
    ),
    pytest.param(
        "0,30 15-16 10 * * ?", "2026-01-01T00:00Z",
        ["2026-01-01T10:15:00+00:00", "2026-01-01T10:15:30+00:00", "2026-01-01T10:16:00+00:00",
         "2026-01-01T10:16:30+00:00", "2026-01-02T10:15:00+00:00"],
        id="a-list-of-seconds-in-a-range-of-minutes",
    ),
    pytest.param(
        "0 0/20 * * * ?", "2026-01-01T00:10Z",
        ["2026-01-01T00:20:00+00:00", "2026-01-01T00:40:00+00:00", "2026-01-01T01:00:00+00:00",
         "2026-01-01T01:20:00+00:00"],
        id="minute-step-from-zero",
    ),
    pytest.param(
        "0 5/15 * * * ?", "2026-01-01T00:00Z",
        ["2026-01-01T00:05:00+00:00", "2026-01-01T00:20:00+00:00", "2026-01-01T00:35:00+00:00",
         "2026-01-01T00:50:00+00:00", "2026-01-01T01:05:00+00:00"],
        id="minute-step-from-five",
    ),
    pytest.param(
        "0 0 5,13,21 * * ?", "2026-01-01T06:00Z",
        ["2026-01-01T13:00:00+00:00", "2026-01-01T21:00:00+00:00", "2026-01-02T05:00:00+00:00",
         "2026-01-02T13:00:00+00:00"],
        id="the-sailpoint-example",
    ),
    # ? and 1 = Sunday numbering
    pytest.param(
        "0 0 0 ? * 1", "2026-01-01T00:00Z",
        ["2026-01-04T00:00:00+00:00", "2026-01-11T00:00:00+00:00", "2026-01-18T00:00:00+00:00"],
        id="day-of-week-1-is-sunday",
    ),
    pytest.param(
        "0 0 0 ? * 7", "2026-01-01T00:00Z",
        ["2026-01-03T00:00:00+00:00", "2026-01-10T00:00:00+00:00", "2026-01-17T00:00:00+00:00"],
        id="day-of-week-7-is-saturday",
    ),
    pytest.param(
        "0 0 0 ? * 2-6", "2026-01-02T00:00Z",
        ["2026-01-05T00:00:00+00:00", "2026-01-06T00:00:00+00:00", "2026-01-07T00:00:00+00:00",
         "2026-01-08T00:00:00+00:00", "2026-01-09T00:00:00+00:00"],
        id="day-of-week-2-6-is-monday-to-friday",
    ),
    pytest.param(
        "0 0 12 ? * mon-FRI", "2026-01-02T00:00Z",
        ["2026-01-02T12:00:00+00:00", "2026-01-05T12:00:00+00:00", "2026-01-06T12:00:00+00:00"],
        id="day-names-in-mixed-case",
    ),
    pytest.param(
        "0 0 0 ? * sun", "2026-01-01T00:00Z",
        ["2026-01-04T00:00:00+00:00", "2026-01-11T00:00:00+00:00"],
        id="sun-is-sunday",
    ),
    pytest.param(
        "0 0 0 1 jan,Jul ?", "2026-01-01T00:00Z",
        ["2026-07-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00", "2027-07-01T00:00:00+00:00"],
        id="month-names-with-a-question-mark-day-of-week",
    ),
    # L, nL, n#k in day-of-week
    pytest.param(
        "0 0 0 ? * L", "2026-01-01T00:00Z",
        ["2026-01-03T00:00:00+00:00", "2026-01-10T00:00:00+00:00", "2026-01-17T00:00:00+00:00"],
        id="L-alone-in-day-of-week-is-saturday",
    ),
    pytest.param(
        "0 0 0 ? * 6L", "2026-01-01T00:00Z",
        ["2026-01-30T00:00:00+00:00", "2026-02-27T00:00:00+00:00", "2026-03-27T00:00:00+00:00",
         "2026-04-24T00:00:00+00:00"],
        id="6L-is-the-last-friday",
    ),
    pytest.param(
        "0 0 0 ? * 6#3", "2026-01-01T00:00Z",
        ["2026-01-16T00:00:00+00:00", "2026-02-20T00:00:00+00:00", "2026-03-20T00:00:00+00:00",
         "2026-04-17T00:00:00+00:00"],
        id="6#3-is-the-third-friday",
    ),
    pytest.param(
        "0 0 0 ? * 2#5", "2026-01-01T00:00Z",
        ["2026-03-30T00:00:00+00:00", "2026-06-29T00:00:00+00:00", "2026-08-31T00:00:00+00:00"],
        id="2#5-skips-months-without-a-fifth-monday",
    ),
    # L, L-n, LW, nW in day-of-month
    pytest.param(
        "0 0 0 L * ?", "2026-01-15T00:00Z",
        ["2026-01-31T00:00:00+00:00", "2026-02-28T00:00:00+00:00", "2026-03-31T00:00:00+00:00"],
        id="L-is-the-last-day-of-the-month",
    ),
    pytest.param(
        "0 0 0 L-2 * ?", "2026-01-01T00:00Z",
        ["2026-01-29T00:00:00+00:00", "2026-02-26T00:00:00+00:00", "2026-03-29T00:00:00+00:00",
         "2026-04-28T00:00:00+00:00"],
        id="L-2-is-two-days-before-the-last",
    ),
    pytest.param(
        "0 0 0 L-30 * ?", "2026-01-01T00:00Z",
        ["2026-03-01T00:00:00+00:00", "2026-05-01T00:00:00+00:00", "2026-07-01T00:00:00+00:00"],
        id="L-30-exists-only-in-31-day-months",
    ),
    pytest.param(
        "0 0 0 LW * ?", "2026-01-01T00:00Z",
        ["2026-01-30T00:00:00+00:00", "2026-02-27T00:00:00+00:00", "2026-03-31T00:00:00+00:00",
         "2026-04-30T00:00:00+00:00", "2026-05-29T00:00:00+00:00"],
        id="LW-is-the-last-weekday",
    ),
    pytest.param(
        "0 0 0 15W * ?", "2026-01-01T00:00Z",
        ["2026-01-15T00:00:00+00:00", "2026-02-16T00:00:00+00:00", "2026-03-16T00:00:00+00:00"],
        id="15W-is-the-weekday-nearest-the-15th",
    ),
    pytest.param(
        "0 0 0 1W * ?", "2026-07-15T00:00Z",
        ["2026-08-03T00:00:00+00:00", "2026-09-01T00:00:00+00:00"],
        id="1W-on-a-saturday-is-monday-3rd",
    ),
    # the year field
    pytest.param(
        "0 0 0 1 1 ? *", "2026-01-01T00:00Z",
        ["2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00"],
        id="year-star",
    ),
    # wrap-around ranges
    pytest.param(
        "0 0 22-2 * * ?", "2026-01-01T12:00Z",
        ["2026-01-01T22:00:00+00:00", "2026-01-01T23:00:00+00:00", "2026-01-02T00:00:00+00:00",
         "2026-01-02T01:00:00+00:00", "2026-01-02T02:00:00+00:00", "2026-01-02T22:00:00+00:00"],
        id="an-hour-range-wraps-past-midnight",
    ),
    pytest.param(
        "0 0 0 30-2 * ?", "2026-01-15T00:00Z",
        ["2026-01-30T00:00:00+00:00", "2026-01-31T00:00:00+00:00", "2026-02-01T00:00:00+00:00",
         "2026-02-02T00:00:00+00:00", "2026-03-01T00:00:00+00:00", "2026-03-02T00:00:00+00:00"],
        id="a-day-of-month-range-wraps-past-the-31st",
    ),
    pytest.param(
        "0 0 0 1 NOV-FEB ?", "2026-03-01T00:00Z",
        ["2026-11-01T00:00:00+00:00", "2026-12-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00",
         "2027-02-01T00:00:00+00:00", "2027-11-01T00:00:00+00:00"],
        id="a-month-range-wraps-past-december",
    ),
    pytest.param(
        "0 0 0 ? * FRI-MON", "2026-01-01T00:00Z",
        ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00",
         "2026-01-05T00:00:00+00:00", "2026-01-09T00:00:00+00:00"],
        id="a-day-name-range-wraps-past-saturday",
    ),
    pytest.param(
        "0 0 0 ? * 6-2", "2026-01-01T00:00Z",
        ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00",
         "2026-01-05T00:00:00+00:00", "2026-01-09T00:00:00+00:00"],
        id="a-day-number-range-6-2-is-friday-to-monday",
    ),
    pytest.param(
        "50-10/10 0 0 * * ?", "2026-01-01T00:00Z",
        ["2026-01-01T00:00:10+00:00", "2026-01-01T00:00:50+00:00", "2026-01-02T00:00:00+00:00",
         "2026-01-02T00:00:10+00:00"],
        id="a-stepped-second-range-wraps-past-59",
    ),
]


@pytest.mark.parametrize(("source", "start", "expected"), FORWARD)
def test_next_occurrences_follow_the_calendar(
    source: str, start: str, expected: list[str]
) -> None:
    assert first(source, start, len(expected)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("0 0 12 1 1 ? 2027", ["2027-01-01T12:00:00+00:00"], id="a-single-year"),
        pytest.param(
            "0 0 0 1 1 ? 2027-2029",
            ["2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00",
             "2029-01-01T00:00:00+00:00"],
            id="a-range-of-years",
        ),
        pytest.param(
            "0 0 0 1 1 ? 2027,2030",
            ["2027-01-01T00:00:00+00:00", "2030-01-01T00:00:00+00:00"],
            id="a-list-of-years",
        ),
        pytest.param("0 0 0 1 1 ? 2099", ["2099-01-01T00:00:00+00:00"], id="the-last-year"),
        pytest.param(
            "0 0 0 29 2 ? 2026-2033",
            ["2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00"],
            id="leap-days-in-a-range-of-years",
        ),
    ],
)
def test_a_year_field_ends_the_schedule(source: str, expected: list[str]) -> None:
    assert iso(list(cadence.parse(source).iter_after("2026-01-01T00:00Z"))) == expected


@pytest.mark.parametrize(
    ("source", "start"),
    [
        pytest.param("0 0 12 1 1 ? 2027", "2027-01-01T12:00Z", id="after-the-single-occurrence"),
        pytest.param("0 0 0 1 1 ? 2027-2029", "2029-01-01T00:00Z", id="after-the-range"),
        pytest.param("0 0 0 ? * 6L 2099", "2099-12-25T00:00Z", id="after-the-last-friday-of-2099"),
    ],
)
def test_next_is_none_after_the_last_year(source: str, start: str) -> None:
    assert cadence.parse(source).next(start) is None


@pytest.mark.parametrize(
    ("source", "start"),
    [
        pytest.param("0 0 12 1 1 ? 2027", "2027-01-01T12:00Z", id="at-the-single-occurrence"),
        pytest.param("0 0 0 1 1 ? 2027-2029", "2027-01-01T00:00Z", id="at-the-first-of-a-range"),
    ],
)
def test_prev_is_none_before_the_first_year(source: str, start: str) -> None:
    assert cadence.parse(source).prev(start) is None


BACKWARD = [
    pytest.param(
        "*/15 * * * * ?", "2026-01-01T00:00:10Z",
        ["2026-01-01T00:00:00+00:00", "2025-12-31T23:59:45+00:00", "2025-12-31T23:59:30+00:00"],
        id="every-fifteen-seconds",
    ),
    pytest.param(
        "0 0 0 ? * 6#3", "2026-05-01T00:00Z",
        ["2026-04-17T00:00:00+00:00", "2026-03-20T00:00:00+00:00", "2026-02-20T00:00:00+00:00"],
        id="third-fridays",
    ),
    pytest.param(
        "0 0 0 ? * L", "2026-01-18T00:00Z",
        ["2026-01-17T00:00:00+00:00", "2026-01-10T00:00:00+00:00", "2026-01-03T00:00:00+00:00"],
        id="saturdays",
    ),
    pytest.param(
        "0 0 0 LW * ?", "2026-06-01T00:00Z",
        ["2026-05-29T00:00:00+00:00", "2026-04-30T00:00:00+00:00", "2026-03-31T00:00:00+00:00"],
        id="last-weekdays",
    ),
    pytest.param(
        "0 0 0 1 1 ? 2027,2030", "2031-01-01T00:00Z",
        ["2030-01-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00"],
        id="a-list-of-years",
    ),
]


@pytest.mark.parametrize(("source", "end", "expected"), BACKWARD)
def test_previous_occurrences_follow_the_calendar(
    source: str, end: str, expected: list[str]
) -> None:
    found = iso(list(islice(cadence.parse(source).iter_before(end), len(expected) + 1)))
    assert found[: len(expected)] == expected


MATCHES = [
    pytest.param("30 0 9 * * ?", "2026-01-01T09:00:30+00:00", True, id="the-right-second"),
    pytest.param("30 0 9 * * ?", "2026-01-01T09:00:00+00:00", False, id="the-wrong-second"),
    pytest.param("0 0 0 ? * 1", "2026-01-04T00:00:00+00:00", True, id="1-on-a-sunday"),
    pytest.param("0 0 0 ? * 1", "2026-01-05T00:00:00+00:00", False, id="1-on-a-monday"),
    pytest.param("0 0 0 ? * L", "2026-01-03T00:00:00+00:00", True, id="L-on-a-saturday"),
    pytest.param("0 0 0 ? * L", "2026-01-31T00:00:00+00:00", True, id="L-on-the-last-saturday"),
    pytest.param("0 0 0 ? * L", "2026-01-30T00:00:00+00:00", False, id="L-not-on-the-31st-eve"),
    pytest.param("0 0 0 ? * 6L", "2026-01-30T00:00:00+00:00", True, id="6L-last-friday"),
    pytest.param("0 0 0 ? * 6#3", "2026-01-16T00:00:00+00:00", True, id="6#3-third-friday"),
    pytest.param("0 0 0 ? * 6#3", "2026-01-09T00:00:00+00:00", False, id="6#3-second-friday"),
    pytest.param("0 0 12 1 1 ? 2027", "2027-01-01T12:00:00+00:00", True, id="in-the-year"),
    pytest.param("0 0 12 1 1 ? 2027", "2028-01-01T12:00:00+00:00", False, id="outside-the-year"),
]


@pytest.mark.parametrize(("source", "moment", "expected"), MATCHES)
def test_matches_agrees_with_the_calendar(source: str, moment: str, expected: bool) -> None:
    assert cadence.parse(source).matches(moment) is expected


def test_a_quartz_schedule_in_a_zone_fires_on_wall_clock_time() -> None:
    schedule = cadence.parse("0 30 9 ? * MON-FRI", format="quartz", tz="Europe/Berlin")
    assert iso(list(islice(schedule.iter_after("2026-11-21T12:00:00+01:00"), 3))) == [
        "2026-11-23T09:30:00+01:00",
        "2026-11-24T09:30:00+01:00",
        "2026-11-25T09:30:00+01:00",
    ]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("0 0 0 ? 2 MON#5 2027", id="no-fifth-monday-in-february-2027"),
        pytest.param("0 0 0 30 2 ?", id="30-february"),
        pytest.param("0 0 0 31 4,6,9,11 ?", id="31st-of-30-day-months"),
        pytest.param("0 0 0 29 2 ? 2097-2099", id="no-leap-year-in-the-range"),
    ],
)
def test_a_schedule_that_never_fires_is_rejected(source: str) -> None:
    with pytest.raises(cadence.NeverFiresError):
        cadence.parse(source)



# column: the 1-based column the caret points at; a tuple lists the acceptable columns
# where pointing at the whole field or at the offending token are both right.
REJECTED = [
    pytest.param("0 0 0 ? * ?", "day-of-week", (7, 11), id="question-mark-in-both-day-fields"),
    pytest.param("0 0 0 1 * 2", "day-of-week", (7, 11), id="question-mark-in-neither"),
    pytest.param("0 0 0 * * *", "day-of-week", (7, 11), id="star-in-both-day-fields"),
    pytest.param("0 0 0 ? * 0", "day-of-week", 11, id="day-of-week-0"),
    pytest.param("0 0 0 ? * 0-3", "day-of-week", 11, id="a-range-from-day-0"),
    pytest.param("0 0 0 ? * 8", "day-of-week", 11, id="day-of-week-8"),
    pytest.param("0 0 0 1 1 ? 1969", "year", 13, id="year-1969"),
    pytest.param("0 0 0 1 1 ? 2100", "year", 13, id="year-2100"),
    pytest.param("0 0 0 1 1 ? 2000,2100", "year", 18, id="year-2100-in-a-list"),
    pytest.param("0 0 0 ? * L,2", "day-of-week", 11, id="L-first-in-a-list-of-days"),
    pytest.param("0 0 0 ? * 2,L", "day-of-week", (11, 13), id="L-last-in-a-list-of-days"),
    pytest.param("0 0 0 ? * 6L,2", "day-of-week", 11, id="nL-in-a-list-of-days"),
    pytest.param("0 0 0 L,15 * ?", "day-of-month", 7, id="L-in-a-list-of-days-of-month"),
    pytest.param("0 0 0 ? * 6#6", "day-of-week", (11, 13), id="hash-6"),
    pytest.param("0 0 0 ? * 6#0", "day-of-week", (11, 13), id="hash-0"),
    pytest.param("0 0 0 L-31 * ?", "day-of-month", (7, 9), id="L-31"),
    pytest.param("0 0 0 32 * ?", "day-of-month", 7, id="day-of-month-32"),
    pytest.param("60 0 0 * * ?", "second", 1, id="second-60"),
    pytest.param("0 60 0 * * ?", "minute", 3, id="minute-60"),
    pytest.param("0 0 24 * * ?", "hour", 5, id="hour-24"),
    pytest.param("0 0 0 ? 13 1", "month", 9, id="month-13"),
]


@pytest.mark.parametrize(("source", "field", "column"), REJECTED)
def test_invalid_quartz_is_rejected_at_the_right_field_and_column(
    source: str, field: str, column: int | tuple[int, ...]
) -> None:
    with pytest.raises(cadence.ParseError) as caught:
        cadence.parse(source, format="quartz")
    assert caught.value.field == field
    columns = column if isinstance(column, tuple) else (column,)
    assert caught.value.column in columns
    assert caught.value.source == source


# -- what Quartz's CronExpression refuses, cadence refuses with Quartz's reason (issue 13) --

# (expression, field, column of the step, Quartz's own message)
TOO_LARGE_STEPS = [
    ("0/120 0 0 * * ?", "second", 3, "Increment > 60 : 120"),
    ("*/60 * * * * ?", "second", 3, "Increment > 60 : 60"),
    ("0 5/60 * * * ?", "minute", 5, "Increment > 60 : 60"),
    ("0 0 0/24 * * ?", "hour", 7, "Increment > 24 : 24"),
    ("0 0 0 1/32 * ?", "day-of-month", 9, "Increment > 31 : 32"),
    ("0 0 0 ? 0/120 *", "month", 11, "Increment > 12 : 120"),
    ("0 0 0 ? * 1/8", "day-of-week", 13, "Increment > 7 : 8"),
    ("0 0 0 ? * 0/120", "day-of-week", 13, "Increment > 7 : 120"),
    ("0 0 0 ? * MON-FRI/8", "day-of-week", 19, "Increment > 7 : 8"),
]


@pytest.mark.parametrize(("source", "field", "column", "reason"), TOO_LARGE_STEPS)
def test_a_step_larger_than_its_field_is_refused_with_quartz_reason(
        source: str, field: str, column: int, reason: str) -> None:
    """Quartz's own tests (``CronExpressionTest``): ``new CronExpression("0 0 0 ? * 0/120")``
    fails with ``"Increment > 7 : 120"``, and ``"0 0 0 ? 0/120 *"`` with ``"Increment >
    12 : 120"``; ``CronExpression`` refuses steps over 59 (seconds, minutes), 23 (hours),
    31 (days of the month), 12 (months) and 7 (weekdays)."""
    with pytest.raises(cadence.ParseError) as caught:
        cadence.parse(source, format="quartz")
    assert caught.value.field == field
    assert caught.value.column == column
    assert f"'{reason}'" in str(caught.value)
    assert "use a step of at most" in str(caught.value)


@pytest.mark.parametrize(("source", "expected"), [
    ("0/59 0 0 1 1 ? 2027", ["2027-01-01T00:00:00+00:00", "2027-01-01T00:00:59+00:00"]),
    ("0 0 0/23 1 1 ? 2027", ["2027-01-01T00:00:00+00:00", "2027-01-01T23:00:00+00:00"]),
    ("0 0 0 ? 1 1/7 2027", ["2027-01-03T00:00:00+00:00", "2027-01-10T00:00:00+00:00",
                            "2027-01-17T00:00:00+00:00"]),  # Sundays
    ("0 0 0 1/31 1,3 ? 2027", ["2027-01-01T00:00:00+00:00", "2027-03-01T00:00:00+00:00"]),
    ("0 0 0 1 1/12 ? 2027-2028", ["2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00"]),
])
def test_a_step_as_large_as_quartz_allows_is_read(source: str, expected: list[str]) -> None:
    assert first(source, "2026-12-31T00:00Z", 3) == expected


# -- without a year field Quartz fires from 1970 ------------------------------------------


@pytest.mark.parametrize(("source", "tz", "before", "expected"), [
    ("0 0 0 * * ?", "UTC", "1970-01-02T00:00:00Z", "1970-01-01T00:00:00+00:00"),
    ("0 0 0 * * ?", "UTC", "1970-01-01T00:00:00Z", None),
    ("0 0 0 * * ?", "UTC", "1960-06-01T00:00:00Z", None),
    ("0 0 0 * * ? *", "UTC", "1969-12-31T12:00:00Z", None),
    ("0 0 0 * * ?", "Europe/Berlin", "1970-01-01T00:00:01+01:00", "1970-01-01T00:00:00+01:00"),
    ("0 0 0 * * ?", "Europe/Berlin", "1970-01-01T00:00:00+01:00", None),
])
def test_without_a_year_field_quartz_fires_from_1970(source: str, tz: str, before: str,
                                                     expected: str | None) -> None:
    """Quartz's ``CronExpression`` fills an absent or ``*`` year field with the years
    from 1970 (the year field is "empty, 1970-2099", formats.md section 2): nothing
    fires before 1970-01-01 00:00 in the trigger's zone. Cron has no such floor."""
    schedule = cadence.parse(source, format="quartz", tz=tz)
    found = schedule.prev(before)
    assert (found.isoformat() if found is not None else None) == expected
    assert not schedule.matches("1969-12-31T00:00:00+00:00")
    assert cadence.parse("0 0 * * *").prev("1960-06-01T00:00:00Z") is not None


def test_before_1970_a_quartz_schedule_starts_in_1970() -> None:
    schedule = cadence.parse("0 0 0 1 * ?", format="quartz")
    assert first("0 0 0 1 * ?", "1969-11-15T00:00Z", 2) == [
        "1970-01-01T00:00:00+00:00", "1970-02-01T00:00:00+00:00"]
    assert iso(schedule.between("1969-01-01T00:00Z", "1970-03-01T00:00Z")) == [
        "1970-01-01T00:00:00+00:00", "1970-02-01T00:00:00+00:00"]


# -- emit(..., "quartz") never writes CRON_TZ= -------------------------------------------


@pytest.mark.parametrize(("source", "tz", "expression", "zone_id"), [
    ("0 9 * * 1-5", "Europe/Berlin", "0 0 9 ? * 2-6", "Europe/Berlin"),
    ("CRON_TZ=Asia/Kolkata 0 30 9 ? * MON-FRI", None, "0 30 9 ? * MON-FRI", "Asia/Kolkata"),
    ("0 0 9 * * ?", None, "0 0 9 * * ?", "UTC"),
    ("CRON_TZ=UTC 0 0 9 * * ?", None, "0 0 9 * * ?", "UTC"),
])
def test_the_zone_goes_beside_a_quartz_expression_never_in_it(
        source: str, tz: str | None, expression: str, zone_id: str) -> None:
    """A Quartz ``CronExpression`` has no zone field; the trigger carries the zone
    (``CronScheduleBuilder.inTimeZone``)."""
    from cadence import quartz_trigger

    schedule = cadence.parse(source, tz=tz)
    assert quartz_trigger(schedule) == (expression, zone_id)
    if zone_id == "UTC":
        assert cadence.emit(schedule, "quartz") == expression
    else:
        with pytest.raises(cadence.UnsupportedError,
                           match=f"the time zone {zone_id} cannot be expressed; a Quartz "
                                 "expression has no zone") as caught:
            cadence.emit(schedule, "quartz")
        assert "quartz_trigger" in str(caught.value)


# -- L-nW: the weekday nearest the n-th day before the last ------------------------------


@pytest.mark.parametrize(("source", "start", "expected"), [
    # 2026-11-28 (L-2 of a 30-day month) is a Saturday: Friday the 27th
    ("0 0 0 L-2W * ?", "2026-11-01T00:00Z",
     ["2026-11-27T00:00:00+00:00", "2026-12-29T00:00:00+00:00", "2027-01-29T00:00:00+00:00",
      "2027-02-26T00:00:00+00:00"]),
    # 2026-02-28 (L-0 of February) is a Saturday: L-0W is LW, Friday the 27th
    ("0 0 0 L-0W 2 ?", "2026-01-01T00:00Z",
     ["2026-02-27T00:00:00+00:00", "2027-02-26T00:00:00+00:00", "2028-02-29T00:00:00+00:00",
      "2029-02-28T00:00:00+00:00"]),
    # 2026-05-30 (L-1 of May) is a Saturday; 2026-08-30 a Sunday: Monday the 31st
    ("0 0 12 L-1W 5,8 ? 2026", "2026-01-01T00:00Z",
     ["2026-05-29T12:00:00+00:00", "2026-08-31T12:00:00+00:00"]),
    # L-27W in February 2027 is the 1st, a Monday; L-30W in a 31-day month is the 1st,
    # and 2026-08-01 is a Saturday: Monday the 3rd (never the month before)
    ("0 0 0 L-27W 2 ? 2027", "2027-01-01T00:00Z", ["2027-02-01T00:00:00+00:00"]),
    ("0 0 0 L-30W 8 ? 2026", "2026-01-01T00:00Z", ["2026-08-03T00:00:00+00:00"]),
])
def test_l_n_w_is_the_weekday_nearest_the_nth_day_before_the_last(
        source: str, start: str, expected: list[str]) -> None:
    """Quartz's ``CronExpression`` reads ``L-n`` (an offset from the last day, at most
    30) and then a ``W``: the weekday nearest that day, never leaving the month (a
    Saturday on the 1st moves to Monday the 3rd, a Sunday on the last day to Friday)."""
    assert first(source, start, len(expected) + 1)[:4] == expected


def test_l_n_w_reads_writes_and_describes_as_quartz_says() -> None:
    schedule = cadence.parse("0 0 9 L-2W * ?", format="quartz")
    assert cadence.emit(schedule, "quartz") == "0 0 9 L-2W * ?"
    assert cadence.emit(cadence.Schedule(schedule.rules, schedule.tz), "quartz") == (
        "0 0 9 L-2W * ?")
    assert cadence.describe(schedule) == (
        "At 09:00 on the weekday nearest the 3rd-to-last day of the month.")
    for target in ("cron", "rrule", "systemd", "campaign", "edfs"):
        with pytest.raises(cadence.UnsupportedError, match=r"\(L-2W\) cannot be expressed"):
            cadence.emit(schedule, target)


@pytest.mark.parametrize(("source", "format", "fragment"), [
    ("0 0 L-2W * *", "cron", "(Quartz also reads 'L-2W')"),
    ("0 0 0 L-31W * ?", "quartz", "the offset from the last day is at most 30"),
    ("0 0 0 L-2W,15 * ?", "quartz", "only alone in day-of-month"),
])
def test_l_n_w_where_quartz_would_not_read_it_is_refused(source: str, format: str,
                                                         fragment: str) -> None:
    with pytest.raises(cadence.ParseError, match=re.escape(fragment)):
        cadence.parse(source, format=format)
