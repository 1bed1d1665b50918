"""Table tests for 5-field cron syntax (formats.md section 1).

Every expectation was derived from the calendar (and cross-checked against cronsim where
its semantics agree with cadence's), never copied from cadence. Rows are in UTC unless
the row is about a time zone. Calendar facts used below:

* 2026-01-01 is a Thursday; 2026-02-15 and 2026-03-15 are Sundays; 2026-08-01 is a
  Saturday; 2026-05-31 and 2027-01-31 are Sundays; 2026-11-22 is a Sunday.
* Months of 2026 with five Mondays: March, June, August, November.
* 2100 is not a leap year, so after 2096 the next 29 February is in 2104.
"""

from __future__ import annotations

from datetime import datetime
from itertools import islice

import pytest

import cadence


def iso(moments: list[datetime]) -> list[str]:
    return [moment.isoformat() for moment in moments]


def first(source: str, start: str, count: int, **options: str) -> list[str]:
    schedule = cadence.parse(source, **options)  # type: ignore[arg-type]
    return iso(list(islice(schedule.iter_after(start), count)))


def last(source: str, end: str, count: int, **options: str) -> list[str]:
    schedule = cadence.parse(source, **options)  # type: ignore[arg-type]
    return iso(list(islice(schedule.iter_before(end), count)))


# --- next occurrences -------------------------------------------------------------------

FORWARD = [
    # names, case-insensitive
    pytest.param(
        "0 12 * jAn,JUL mOn", "2026-01-01T00:00Z",
        ["2026-01-05T12:00:00+00:00", "2026-01-12T12:00:00+00:00", "2026-01-19T12:00:00+00:00",
         "2026-01-26T12:00:00+00:00", "2026-07-06T12:00:00+00:00"],
        id="month-and-day-names-in-mixed-case",
    ),
    pytest.param(
        "30 6 * * Mon-fRi", "2026-11-20T12:00Z",
        ["2026-11-23T06:30:00+00:00", "2026-11-24T06:30:00+00:00", "2026-11-25T06:30:00+00:00",
         "2026-11-26T06:30:00+00:00", "2026-11-27T06:30:00+00:00"],
        id="a-range-of-day-names-skips-the-weekend",
    ),
    pytest.param(
        "0 0 1 feb-Apr *", "2026-01-01T00:00Z",
        ["2026-02-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00", "2026-04-01T00:00:00+00:00",
         "2027-02-01T00:00:00+00:00"],
        id="a-range-of-month-names",
    ),
    # lists
    pytest.param(
        "5,10,45 * * * *", "2026-01-01T00:07Z",
        ["2026-01-01T00:10:00+00:00", "2026-01-01T00:45:00+00:00", "2026-01-01T01:05:00+00:00",
         "2026-01-01T01:10:00+00:00", "2026-01-01T01:45:00+00:00"],
        id="a-list-of-minutes",
    ),
    pytest.param(
        "0 8,12,18 * * *", "2026-01-01T10:00Z",
        ["2026-01-01T12:00:00+00:00", "2026-01-01T18:00:00+00:00", "2026-01-02T08:00:00+00:00",
         "2026-01-02T12:00:00+00:00"],
        id="a-list-of-hours",
    ),
    pytest.param(
        "0 0 1,15 * *", "2026-01-01T00:00Z",
        ["2026-01-15T00:00:00+00:00", "2026-02-01T00:00:00+00:00", "2026-02-15T00:00:00+00:00",
         "2026-03-01T00:00:00+00:00"],
        id="a-list-of-days-of-month",
    ),
    pytest.param(
        "0 0 * * 6,0", "2026-11-22T00:00Z",
        ["2026-11-28T00:00:00+00:00", "2026-11-29T00:00:00+00:00", "2026-12-05T00:00:00+00:00",
         "2026-12-06T00:00:00+00:00"],
        id="the-edfs-weekend-example",
    ),
    # ranges
    pytest.param(
        "0 9-11 * * *", "2026-01-01T10:30Z",
        ["2026-01-01T11:00:00+00:00", "2026-01-02T09:00:00+00:00", "2026-01-02T10:00:00+00:00",
         "2026-01-02T11:00:00+00:00"],
        id="a-range-of-hours",
    ),
    pytest.param(
        "0 0 10-12 * *", "2026-01-11T00:00Z",
        ["2026-01-12T00:00:00+00:00", "2026-02-10T00:00:00+00:00", "2026-02-11T00:00:00+00:00",
         "2026-02-12T00:00:00+00:00"],
        id="a-range-of-days-of-month",
    ),
    pytest.param(
        "0 0 1 11-12 *", "2026-01-01T00:00Z",
        ["2026-11-01T00:00:00+00:00", "2026-12-01T00:00:00+00:00", "2027-11-01T00:00:00+00:00",
         "2027-12-01T00:00:00+00:00"],
        id="a-range-of-months",
    ),
    pytest.param(
        "0 0 * * 1-3", "2026-01-01T00:00Z",
        ["2026-01-05T00:00:00+00:00", "2026-01-06T00:00:00+00:00", "2026-01-07T00:00:00+00:00",
         "2026-01-12T00:00:00+00:00", "2026-01-13T00:00:00+00:00"],
        id="a-range-of-days-of-week",
    ),
    # steps
    pytest.param(
        "*/20 * * * *", "2026-01-01T00:50Z",
        ["2026-01-01T01:00:00+00:00", "2026-01-01T01:20:00+00:00", "2026-01-01T01:40:00+00:00",
         "2026-01-01T02:00:00+00:00", "2026-01-01T02:20:00+00:00"],
        id="a-star-step-of-minutes",
    ),
    pytest.param(
        "10-30/10 * * * *", "2026-01-01T00:00Z",
        ["2026-01-01T00:10:00+00:00", "2026-01-01T00:20:00+00:00", "2026-01-01T00:30:00+00:00",
         "2026-01-01T01:10:00+00:00", "2026-01-01T01:20:00+00:00"],
        id="a-range-step-of-minutes",
    ),
    pytest.param(
        "5/15 * * * *", "2026-01-01T00:00Z",
        ["2026-01-01T00:05:00+00:00", "2026-01-01T00:20:00+00:00", "2026-01-01T00:35:00+00:00",
         "2026-01-01T00:50:00+00:00", "2026-01-01T01:05:00+00:00"],
        id="a-value-step-of-minutes-runs-to-59",
    ),
    pytest.param(
        "0 */6 * * *", "2026-01-01T01:00Z",
        ["2026-01-01T06:00:00+00:00", "2026-01-01T12:00:00+00:00", "2026-01-01T18:00:00+00:00",
         "2026-01-02T00:00:00+00:00"],
        id="a-star-step-of-hours",
    ),
    pytest.param(
        "0 1-10/3 * * *", "2026-01-01T00:00Z",
        ["2026-01-01T01:00:00+00:00", "2026-01-01T04:00:00+00:00", "2026-01-01T07:00:00+00:00",
         "2026-01-01T10:00:00+00:00", "2026-01-02T01:00:00+00:00"],
        id="a-range-step-of-hours-includes-the-range-end",
    ),
    pytest.param(
        "0 0 */10 * *", "2026-01-01T00:00Z",
        ["2026-01-11T00:00:00+00:00", "2026-01-21T00:00:00+00:00", "2026-01-31T00:00:00+00:00",
         "2026-02-01T00:00:00+00:00", "2026-02-11T00:00:00+00:00"],
        id="a-star-step-of-days-counts-from-the-1st",
    ),
    pytest.param(
        "0 0 5/10 * *", "2026-01-01T00:00Z",
        ["2026-01-05T00:00:00+00:00", "2026-01-15T00:00:00+00:00", "2026-01-25T00:00:00+00:00",
         "2026-02-05T00:00:00+00:00"],
        id="a-value-step-of-days-of-month",
    ),
    pytest.param(
        "0 0 1 */4 *", "2026-01-01T00:00Z",
        ["2026-05-01T00:00:00+00:00", "2026-09-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00",
         "2027-05-01T00:00:00+00:00"],
        id="a-star-step-of-months",
    ),
    pytest.param(
        "0 0 1 2/5 *", "2026-01-01T00:00Z",
        ["2026-02-01T00:00:00+00:00", "2026-07-01T00:00:00+00:00", "2026-12-01T00:00:00+00:00",
         "2027-02-01T00:00:00+00:00"],
        id="a-value-step-of-months",
    ),
    pytest.param(
        "0 0 * * */3", "2026-01-01T00:00Z",
        ["2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00", "2026-01-07T00:00:00+00:00",
         "2026-01-10T00:00:00+00:00", "2026-01-11T00:00:00+00:00"],
        id="a-star-step-of-days-of-week-is-sun-wed-sat",
    ),
    pytest.param(
        "0 0 * * 2/2", "2026-01-01T00:00Z",
        ["2026-01-03T00:00:00+00:00", "2026-01-06T00:00:00+00:00", "2026-01-08T00:00:00+00:00",
         "2026-01-10T00:00:00+00:00", "2026-01-13T00:00:00+00:00"],
        id="a-value-step-of-days-of-week-is-tue-thu-sat",
    ),
    # Sunday is 0 and 7
    pytest.param(
        "0 0 * * 7", "2026-01-01T00:00Z",
        ["2026-01-04T00:00:00+00:00", "2026-01-11T00:00:00+00:00", "2026-01-18T00:00:00+00:00"],
        id="seven-is-sunday",
    ),
    pytest.param(
        "0 0 * * 0", "2026-01-01T00:00Z",
        ["2026-01-04T00:00:00+00:00", "2026-01-11T00:00:00+00:00", "2026-01-18T00:00:00+00:00"],
        id="zero-is-sunday",
    ),
    pytest.param(
        "0 0 * * 5-7", "2026-01-01T00:00Z",
        ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00",
         "2026-01-09T00:00:00+00:00", "2026-01-10T00:00:00+00:00"],
        id="a-range-ending-at-seven-includes-sunday",
    ),
    # macros
    pytest.param(
        "@yearly", "2026-06-01T00:00Z",
        ["2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00", "2029-01-01T00:00:00+00:00"],
        id="macro-yearly",
    ),
    pytest.param(
        "@annually", "2026-01-01T00:00Z",
        ["2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00", "2029-01-01T00:00:00+00:00"],
        id="macro-annually",
    ),
    pytest.param(
        "@monthly", "2026-01-15T00:00Z",
        ["2026-02-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00", "2026-04-01T00:00:00+00:00"],
        id="macro-monthly",
    ),
    pytest.param(
        "@weekly", "2026-01-01T00:00Z",
        ["2026-01-04T00:00:00+00:00", "2026-01-11T00:00:00+00:00", "2026-01-18T00:00:00+00:00"],
        id="macro-weekly-is-sunday-midnight",
    ),
    pytest.param(
        "@daily", "2026-01-01T00:00Z",
        ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00"],
        id="macro-daily",
    ),
    pytest.param(
        "@midnight", "2026-02-27T12:00Z",
        ["2026-02-28T00:00:00+00:00", "2026-03-01T00:00:00+00:00", "2026-03-02T00:00:00+00:00"],
        id="macro-midnight",
    ),
    pytest.param(
        "@hourly", "2026-12-31T22:30Z",
        ["2026-12-31T23:00:00+00:00", "2027-01-01T00:00:00+00:00", "2027-01-01T01:00:00+00:00"],
        id="macro-hourly-across-new-year",
    ),
    # L, L-n, nW, LW
    pytest.param(
        "0 0 L * *", "2026-01-15T00:00Z",
        ["2026-01-31T00:00:00+00:00", "2026-02-28T00:00:00+00:00", "2026-03-31T00:00:00+00:00",
         "2026-04-30T00:00:00+00:00"],
        id="L-is-the-last-day-of-each-month",
    ),
    pytest.param(
        "0 0 L 2 *", "2027-01-01T00:00Z",
        ["2027-02-28T00:00:00+00:00", "2028-02-29T00:00:00+00:00", "2029-02-28T00:00:00+00:00"],
        id="L-in-february-follows-leap-years",
    ),
    pytest.param(
        "0 0 L-3 * *", "2026-01-01T00:00Z",
        ["2026-01-28T00:00:00+00:00", "2026-02-25T00:00:00+00:00", "2026-03-28T00:00:00+00:00",
         "2026-04-27T00:00:00+00:00"],
        id="L-3-is-three-days-before-the-last",
    ),
    pytest.param(
        "0 0 15W * *", "2026-01-01T00:00Z",
        ["2026-01-15T00:00:00+00:00", "2026-02-16T00:00:00+00:00", "2026-03-16T00:00:00+00:00",
         "2026-04-15T00:00:00+00:00", "2026-05-15T00:00:00+00:00"],
        id="15W-moves-a-sunday-15th-to-monday",
    ),
    pytest.param(
        "0 0 15W * *", "2026-08-01T00:00Z",
        ["2026-08-14T00:00:00+00:00", "2026-09-15T00:00:00+00:00", "2026-10-15T00:00:00+00:00"],
        id="15W-moves-a-saturday-15th-to-friday",
    ),
    pytest.param(
        "0 0 1W * *", "2026-07-15T00:00Z",
        ["2026-08-03T00:00:00+00:00", "2026-09-01T00:00:00+00:00", "2026-10-01T00:00:00+00:00",
         "2026-11-02T00:00:00+00:00"],
        id="1W-on-a-saturday-1st-is-monday-3rd-not-the-previous-month",
    ),
    pytest.param(
        "0 0 31W 1,5 *", "2026-05-01T00:00Z",
        ["2026-05-29T00:00:00+00:00", "2027-01-29T00:00:00+00:00", "2027-05-31T00:00:00+00:00",
         "2028-01-31T00:00:00+00:00"],
        id="31W-on-a-sunday-31st-is-the-friday-before-not-the-next-month",
    ),
    pytest.param(
        "0 0 LW * *", "2026-01-01T00:00Z",
        ["2026-01-30T00:00:00+00:00", "2026-02-27T00:00:00+00:00", "2026-03-31T00:00:00+00:00",
         "2026-04-30T00:00:00+00:00", "2026-05-29T00:00:00+00:00"],
        id="LW-is-the-last-weekday-of-the-month",
    ),
    # nL, w#k
    pytest.param(
        "0 0 * * 5L", "2026-01-01T00:00Z",
        ["2026-01-30T00:00:00+00:00", "2026-02-27T00:00:00+00:00", "2026-03-27T00:00:00+00:00",
         "2026-04-24T00:00:00+00:00", "2026-05-29T00:00:00+00:00"],
        id="5L-is-the-last-friday",
    ),
    pytest.param(
        "0 0 * * MON#2", "2026-01-01T00:00Z",
        ["2026-01-12T00:00:00+00:00", "2026-02-09T00:00:00+00:00", "2026-03-09T00:00:00+00:00",
         "2026-04-13T00:00:00+00:00"],
        id="MON#2-is-the-second-monday",
    ),
    pytest.param(
        "0 0 * * 1#5", "2026-01-01T00:00Z",
        ["2026-03-30T00:00:00+00:00", "2026-06-29T00:00:00+00:00", "2026-08-31T00:00:00+00:00",
         "2026-11-30T00:00:00+00:00", "2027-03-29T00:00:00+00:00"],
        id="1#5-skips-months-without-a-fifth-monday",
    ),
    # wrap-around ranges
    pytest.param(
        "0 22-2 * * *", "2026-01-01T12:00Z",
        ["2026-01-01T22:00:00+00:00", "2026-01-01T23:00:00+00:00", "2026-01-02T00:00:00+00:00",
         "2026-01-02T01:00:00+00:00", "2026-01-02T02:00:00+00:00", "2026-01-02T22:00:00+00:00"],
        id="an-hour-range-wraps-past-midnight",
    ),
    pytest.param(
        "0 0 30-2 * *", "2026-01-15T00:00Z",
        ["2026-01-30T00:00:00+00:00", "2026-01-31T00:00:00+00:00", "2026-02-01T00:00:00+00:00",
         "2026-02-02T00:00:00+00:00", "2026-03-01T00:00:00+00:00", "2026-03-02T00:00:00+00:00"],
        id="a-day-of-month-range-wraps-past-the-31st",
    ),
    pytest.param(
        "0 0 1 11-2 *", "2026-03-01T00:00Z",
        ["2026-11-01T00:00:00+00:00", "2026-12-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00",
         "2027-02-01T00:00:00+00:00", "2027-11-01T00:00:00+00:00"],
        id="a-month-range-wraps-past-december",
    ),
    pytest.param(
        "0 0 * * FRI-MON", "2026-01-01T00:00Z",
        ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00",
         "2026-01-05T00:00:00+00:00", "2026-01-09T00:00:00+00:00"],
        id="a-day-name-range-wraps-past-saturday",
    ),
    pytest.param(
        "0 0 * * 6-1", "2026-01-01T00:00Z",
        ["2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00", "2026-01-05T00:00:00+00:00",
         "2026-01-10T00:00:00+00:00"],
        id="a-day-number-range-wraps-past-saturday",
    ),
    # day-of-month / day-of-week: Debian's rule
    pytest.param(
        "0 0 13 * 5", "2026-01-01T00:00Z",
        ["2026-01-02T00:00:00+00:00", "2026-01-09T00:00:00+00:00", "2026-01-13T00:00:00+00:00",
         "2026-01-16T00:00:00+00:00", "2026-01-23T00:00:00+00:00"],
        id="both-day-fields-restricted-means-or",
    ),
    pytest.param(
        "0 0 1-7 * 1", "2026-01-01T00:00Z",
        ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00",
         "2026-01-05T00:00:00+00:00", "2026-01-06T00:00:00+00:00", "2026-01-07T00:00:00+00:00",
         "2026-01-12T00:00:00+00:00", "2026-01-19T00:00:00+00:00"],
        id="first-week-or-mondays",
    ),
    pytest.param(
        "0 0 */2 * 1", "2026-01-01T00:00Z",
        ["2026-01-05T00:00:00+00:00", "2026-01-19T00:00:00+00:00", "2026-02-09T00:00:00+00:00",
         "2026-02-23T00:00:00+00:00", "2026-03-09T00:00:00+00:00"],
        id="a-day-of-month-starting-with-star-means-and",
    ),
    pytest.param(
        "0 0 1 * */2", "2026-01-01T00:00Z",
        ["2026-02-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00", "2026-08-01T00:00:00+00:00",
         "2026-09-01T00:00:00+00:00"],
        id="a-day-of-week-starting-with-star-means-and",
    ),
    pytest.param(
        "0 0 13 * *", "2026-01-01T00:00Z",
        ["2026-01-13T00:00:00+00:00", "2026-02-13T00:00:00+00:00", "2026-03-13T00:00:00+00:00"],
        id="an-unrestricted-day-of-week-leaves-the-day-of-month",
    ),
    # leap years and month ends
    pytest.param(
        "0 0 29 2 *", "2026-01-01T00:00Z",
        ["2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00", "2036-02-29T00:00:00+00:00",
         "2040-02-29T00:00:00+00:00"],
        id="29-february-only-in-leap-years",
    ),
    pytest.param(
        "0 0 29 2 *", "2096-03-01T00:00Z",
        ["2104-02-29T00:00:00+00:00", "2108-02-29T00:00:00+00:00"],
        id="2100-is-not-a-leap-year",
    ),
    pytest.param(
        "0 0 31 * *", "2026-01-01T00:00Z",
        ["2026-01-31T00:00:00+00:00", "2026-03-31T00:00:00+00:00", "2026-05-31T00:00:00+00:00",
         "2026-07-31T00:00:00+00:00", "2026-08-31T00:00:00+00:00"],
        id="the-31st-skips-short-months",
    ),
    pytest.param(
        "0 0 L * *", "2028-01-15T00:00Z",
        ["2028-01-31T00:00:00+00:00", "2028-02-29T00:00:00+00:00", "2028-03-31T00:00:00+00:00"],
        id="L-gives-29-february-in-a-leap-year",
    ),
    pytest.param(
        "0 0 30 1-3 *", "2026-01-01T00:00Z",
        ["2026-01-30T00:00:00+00:00", "2026-03-30T00:00:00+00:00", "2027-01-30T00:00:00+00:00"],
        id="the-30th-skips-february",
    ),
]


@pytest.mark.parametrize(("source", "start", "expected"), FORWARD)
def test_next_occurrences_follow_the_calendar(
    source: str, start: str, expected: list[str]
) -> None:
    assert first(source, start, len(expected)) == expected


@pytest.mark.parametrize(("source", "start", "expected"), FORWARD)
def test_next_returns_the_first_of_iter_after(
    source: str, start: str, expected: list[str]
) -> None:
    found = cadence.parse(source).next(start)
    assert found is not None
    assert found.isoformat() == expected[0]


DAY_MATCH = [
    pytest.param(
        "0 0 13 * 5", "and", "2026-01-01T00:00Z",
        ["2026-02-13T00:00:00+00:00", "2026-03-13T00:00:00+00:00", "2026-11-13T00:00:00+00:00",
         "2027-08-13T00:00:00+00:00", "2028-10-13T00:00:00+00:00"],
        id="and-makes-13-5-friday-the-13th",
    ),
    pytest.param(
        "0 0 1-7 * 1", "and", "2026-01-01T00:00Z",
        ["2026-01-05T00:00:00+00:00", "2026-02-02T00:00:00+00:00", "2026-03-02T00:00:00+00:00",
         "2026-04-06T00:00:00+00:00"],
        id="and-makes-1-7-monday-the-first-monday",
    ),
    pytest.param(
        "0 0 */2 * 1", "or", "2026-01-01T00:00Z",
        ["2026-01-03T00:00:00+00:00", "2026-01-05T00:00:00+00:00", "2026-01-07T00:00:00+00:00",
         "2026-01-09T00:00:00+00:00", "2026-01-11T00:00:00+00:00", "2026-01-12T00:00:00+00:00"],
        id="or-makes-star-2-monday-odd-days-or-mondays",
    ),
    pytest.param(
        "0 0 13 * 5", "or", "2026-01-01T00:00Z",
        ["2026-01-02T00:00:00+00:00", "2026-01-09T00:00:00+00:00", "2026-01-13T00:00:00+00:00",
         "2026-01-16T00:00:00+00:00"],
        id="or-is-the-default-when-both-fields-are-restricted",
    ),
    pytest.param(
        "0 0 * * 1", "or", "2026-01-01T00:00Z",
        ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00"],
        id="or-with-a-star-day-of-month-is-every-day",
    ),
]


@pytest.mark.parametrize(("source", "day_match", "start", "expected"), DAY_MATCH)
def test_day_match_overrides_debians_rule(
    source: str, day_match: str, start: str, expected: list[str]
) -> None:
    assert first(source, start, len(expected), day_match=day_match) == expected


# --- previous occurrences ---------------------------------------------------------------

BACKWARD = [
    pytest.param(
        "0 0 L * *", "2026-04-01T00:00Z",
        ["2026-03-31T00:00:00+00:00", "2026-02-28T00:00:00+00:00", "2026-01-31T00:00:00+00:00",
         "2025-12-31T00:00:00+00:00"],
        id="last-days-of-month",
    ),
    pytest.param(
        "0 0 29 2 *", "2030-01-01T00:00Z",
        ["2028-02-29T00:00:00+00:00", "2024-02-29T00:00:00+00:00", "2020-02-29T00:00:00+00:00"],
        id="leap-days",
    ),
    pytest.param(
        "0 0 29 2 *", "2104-03-01T00:00Z",
        ["2104-02-29T00:00:00+00:00", "2096-02-29T00:00:00+00:00"],
        id="leap-days-skip-2100",
    ),
    pytest.param(
        "0 0 * * 5L", "2026-06-01T00:00Z",
        ["2026-05-29T00:00:00+00:00", "2026-04-24T00:00:00+00:00", "2026-03-27T00:00:00+00:00"],
        id="last-fridays",
    ),
    pytest.param(
        "*/20 * * * *", "2026-01-01T00:30Z",
        ["2026-01-01T00:20:00+00:00", "2026-01-01T00:00:00+00:00", "2025-12-31T23:40:00+00:00"],
        id="every-20-minutes-across-new-year",
    ),
    pytest.param(
        "0 0 15W * *", "2026-04-01T00:00Z",
        ["2026-03-16T00:00:00+00:00", "2026-02-16T00:00:00+00:00", "2026-01-15T00:00:00+00:00"],
        id="nearest-weekdays-to-the-15th",
    ),
    pytest.param(
        "0 0 * * 1#5", "2027-01-01T00:00Z",
        ["2026-11-30T00:00:00+00:00", "2026-08-31T00:00:00+00:00", "2026-06-29T00:00:00+00:00",
         "2026-03-30T00:00:00+00:00"],
        id="fifth-mondays",
    ),
    pytest.param(
        "0 22-2 * * *", "2026-01-02T01:30Z",
        ["2026-01-02T01:00:00+00:00", "2026-01-02T00:00:00+00:00", "2026-01-01T23:00:00+00:00",
         "2026-01-01T22:00:00+00:00", "2026-01-01T02:00:00+00:00"],
        id="a-wrapping-hour-range",
    ),
    pytest.param(
        "0 0 13 * 5", "2026-02-01T00:00Z",
        ["2026-01-30T00:00:00+00:00", "2026-01-23T00:00:00+00:00", "2026-01-16T00:00:00+00:00",
         "2026-01-13T00:00:00+00:00", "2026-01-09T00:00:00+00:00"],
        id="13th-or-fridays",
    ),
    pytest.param(
        "0 0 * * *", "2026-01-02T00:00Z",
        ["2026-01-01T00:00:00+00:00", "2025-12-31T00:00:00+00:00"],
        id="strictly-before-the-argument",
    ),
    pytest.param(
        "0 0 1W * *", "2026-11-01T00:00Z",
        ["2026-10-01T00:00:00+00:00", "2026-09-01T00:00:00+00:00", "2026-08-03T00:00:00+00:00"],
        id="1W-never-moves-into-the-previous-month",
    ),
]


@pytest.mark.parametrize(("source", "end", "expected"), BACKWARD)
def test_previous_occurrences_follow_the_calendar(
    source: str, end: str, expected: list[str]
) -> None:
    assert last(source, end, len(expected)) == expected


@pytest.mark.parametrize(("source", "end", "expected"), BACKWARD)
def test_prev_returns_the_first_of_iter_before(
    source: str, end: str, expected: list[str]
) -> None:
    found = cadence.parse(source).prev(end)
    assert found is not None
    assert found.isoformat() == expected[0]


@pytest.mark.parametrize(
    ("source", "start", "end"),
    [
        pytest.param("0 0 15W * *", "2026-01-01T00:00Z", "2028-01-01T00:00Z", id="15W"),
        pytest.param("0 0 LW * *", "2026-01-01T00:00Z", "2028-01-01T00:00Z", id="LW"),
        pytest.param("0 0 * * 1#5", "2026-01-01T00:00Z", "2030-01-01T00:00Z", id="1#5"),
        pytest.param("30 */5 * * 5L", "2026-01-01T00:00Z", "2027-01-01T00:00Z", id="5L"),
        pytest.param("0 22-2 30-2 * *", "2026-01-01T00:00Z", "2026-06-01T00:00Z", id="wraps"),
        pytest.param("0 0 13 * 5", "2026-01-01T00:00Z", "2027-01-01T00:00Z", id="or-rule"),
    ],
)
def test_backward_iteration_mirrors_forward_iteration(source: str, start: str, end: str) -> None:
    schedule = cadence.parse(source)
    forward = iso(schedule.between(start, end))
    floor = datetime.fromisoformat(start.replace("Z", "+00:00"))
    backward = []
    for moment in schedule.iter_before(end):
        if moment < floor:
            break
        backward.append(moment.isoformat())
    assert forward
    assert backward[::-1] == forward


# --- matches ----------------------------------------------------------------------------

MATCHES = [
    pytest.param("0 0 * * 6,0", "2026-11-28T00:00:00+00:00", True, id="a-saturday"),
    pytest.param("0 0 * * 6,0", "2026-11-27T00:00:00+00:00", False, id="a-friday"),
    pytest.param("0 0 * * 6,0", "2026-11-28T00:00:30+00:00", False, id="thirty-seconds-late"),
    pytest.param("0 0 * * 6,0", "2026-11-28T00:00:00.500000+00:00", False, id="a-fraction-late"),
    pytest.param("0 0 * * 6,0", "2026-11-28T01:00:00+01:00", True, id="same-instant-other-zone"),
    pytest.param("0 0 * * 7", "2026-01-04T00:00:00+00:00", True, id="seven-is-sunday"),
    pytest.param("0 0 L 2 *", "2028-02-29T00:00:00+00:00", True, id="L-on-a-leap-day"),
    pytest.param("0 0 L 2 *", "2028-02-28T00:00:00+00:00", False, id="L-not-the-day-before"),
    pytest.param("0 0 13 * 5", "2026-01-16T00:00:00+00:00", True, id="or-rule-a-friday"),
    pytest.param("0 0 13 * 5", "2026-01-13T00:00:00+00:00", True, id="or-rule-a-tuesday-13th"),
    pytest.param("0 0 */2 * 1", "2026-01-12T00:00:00+00:00", False, id="and-rule-even-monday"),
    pytest.param("0 0 */2 * 1", "2026-01-19T00:00:00+00:00", True, id="and-rule-odd-monday"),
    pytest.param("0 0 15W * *", "2026-02-16T00:00:00+00:00", True, id="15W-moved-to-monday"),
    pytest.param("0 0 15W * *", "2026-02-15T00:00:00+00:00", False, id="15W-not-the-sunday"),
    pytest.param("0 0 1W * *", "2026-08-03T00:00:00+00:00", True, id="1W-monday-3rd"),
    pytest.param("0 0 1W * *", "2026-08-01T00:00:00+00:00", False, id="1W-not-the-saturday"),
    pytest.param("0 0 1W * *", "2026-07-31T00:00:00+00:00", False, id="1W-not-previous-month"),
    pytest.param("0 0 31W * *", "2026-05-29T00:00:00+00:00", True, id="31W-friday-29th"),
    pytest.param("0 0 31W * *", "2026-06-01T00:00:00+00:00", False, id="31W-not-next-month"),
    pytest.param("0 0 * * 1#5", "2026-03-30T00:00:00+00:00", True, id="a-fifth-monday"),
    pytest.param("0 0 * * 1#5", "2026-03-23T00:00:00+00:00", False, id="a-fourth-monday"),
    pytest.param("0 0 * * 5L", "2026-01-30T00:00:00+00:00", True, id="last-friday"),
    pytest.param("0 0 * * 5L", "2026-01-23T00:00:00+00:00", False, id="not-last-friday"),
    pytest.param("0 22-2 * * *", "2026-01-02T01:00:00+00:00", True, id="wrap-hour-inside"),
    pytest.param("0 22-2 * * *", "2026-01-02T03:00:00+00:00", False, id="wrap-hour-outside"),
    pytest.param("@hourly", "2026-01-02T03:00:00+00:00", True, id="hourly-on-the-hour"),
    pytest.param("@hourly", "2026-01-02T03:01:00+00:00", False, id="hourly-off-the-hour"),
]


@pytest.mark.parametrize(("source", "moment", "expected"), MATCHES)
def test_matches_agrees_with_the_calendar(source: str, moment: str, expected: bool) -> None:
    assert cadence.parse(source).matches(moment) is expected


# --- between ----------------------------------------------------------------------------

BETWEEN = [
    pytest.param(
        "0 0 * * 6,0", "2026-11-22T00:00Z", "2026-12-06T00:00Z",
        ["2026-11-22T00:00:00+00:00", "2026-11-28T00:00:00+00:00", "2026-11-29T00:00:00+00:00",
         "2026-12-05T00:00:00+00:00"],
        id="start-is-included-end-is-excluded",
    ),
    pytest.param(
        "0 12 1 * *", "2026-01-01T00:00Z", "2026-04-01T00:00Z",
        ["2026-01-01T12:00:00+00:00", "2026-02-01T12:00:00+00:00", "2026-03-01T12:00:00+00:00"],
        id="noon-on-the-first",
    ),
    pytest.param(
        "0 0 29 2 *", "2026-01-01T00:00Z", "2028-01-01T00:00Z", [],
        id="nothing-in-the-span",
    ),
    pytest.param(
        "* * * * *", "2026-01-01T00:00:00.500000+00:00", "2026-01-01T00:03:00+00:00",
        ["2026-01-01T00:01:00+00:00", "2026-01-01T00:02:00+00:00"],
        id="a-fractional-start-excludes-its-whole-second",
    ),
    pytest.param(
        "* * * * *", "2026-01-01T00:01:00+00:00", "2026-01-01T00:02:00.000001+00:00",
        ["2026-01-01T00:01:00+00:00", "2026-01-01T00:02:00+00:00"],
        id="a-fractional-end-includes-its-whole-second",
    ),
    pytest.param(
        "* * * * *", "2026-01-01T00:01:00+00:00", "2026-01-01T00:01:00+00:00", [],
        id="an-empty-span",
    ),
    pytest.param(
        "* * * * *", "2026-01-01T00:05:00+00:00", "2026-01-01T00:01:00+00:00", [],
        id="a-reversed-span",
    ),
    pytest.param(
        "0 0 1 * *", "2026-01-01T01:00:00+01:00", "2026-03-01T00:00:00+00:00",
        ["2026-01-01T00:00:00+00:00", "2026-02-01T00:00:00+00:00"],
        id="bounds-in-another-zone",
    ),
]


@pytest.mark.parametrize(("source", "start", "end", "expected"), BETWEEN)
def test_between_returns_start_inclusive_end_exclusive(
    source: str, start: str, end: str, expected: list[str]
) -> None:
    assert iso(cadence.parse(source).between(start, end)) == expected


# --- CRON_TZ and tz= --------------------------------------------------------------------

ZONED = [
    pytest.param(
        "CRON_TZ=Europe/Riga 0 9 * * *", None, "2026-01-01T00:00Z",
        ["2026-01-01T09:00:00+02:00", "2026-01-02T09:00:00+02:00"],
        id="cron-tz-prefix-in-winter",
    ),
    pytest.param(
        "CRON_TZ=Europe/Riga 0 9 * * *", None, "2026-07-01T00:00Z",
        ["2026-07-01T09:00:00+03:00", "2026-07-02T09:00:00+03:00"],
        id="cron-tz-prefix-in-summer",
    ),
    pytest.param(
        "CRON_TZ=Europe/Riga 0 9 * * *", "America/New_York", "2026-01-01T00:00Z",
        ["2026-01-01T09:00:00+02:00", "2026-01-02T09:00:00+02:00"],
        id="cron-tz-prefix-wins-over-tz-argument",
    ),
    pytest.param(
        "0 9 * * *", "Asia/Kathmandu", "2026-01-01T00:00Z",
        ["2026-01-01T09:00:00+05:45", "2026-01-02T09:00:00+05:45"],
        id="tz-argument-with-an-odd-offset",
    ),
    pytest.param(
        "0 9 * * *", "America/New_York", "2026-01-01T00:00Z",
        ["2026-01-01T09:00:00-05:00", "2026-01-02T09:00:00-05:00"],
        id="tz-argument-west-of-utc",
    ),
]


@pytest.mark.parametrize(("source", "zone", "start", "expected"), ZONED)
def test_occurrences_are_wall_clock_times_in_the_schedule_zone(
    source: str, zone: str | None, start: str, expected: list[str]
) -> None:
    schedule = cadence.parse(source, tz=zone)
    found = list(islice(schedule.iter_after(start), len(expected)))
    assert iso(found) == expected
    assert all(moment.tzinfo is schedule.tz for moment in found)


def test_cron_tz_prefix_sets_the_schedule_zone() -> None:
    schedule = cadence.parse("CRON_TZ=Europe/Riga 0 9 * * *", tz="America/New_York")
    assert str(schedule.tz) == "Europe/Riga"


# --- the end of the calendar ------------------------------------------------------------

END = [
    pytest.param("0 0 31 12 *", "9999-12-31T00:00Z", None, id="after-the-last-31-december"),
    pytest.param(
        "0 0 31 12 *", "9999-12-30T00:00Z", "9999-12-31T00:00:00+00:00",
        id="the-last-31-december",
    ),
    pytest.param("0 0 29 2 *", "9996-03-01T00:00Z", None, id="no-leap-day-after-9996"),
    pytest.param("* * * * *", "9999-12-31T23:59Z", None, id="after-the-last-minute"),
    pytest.param(
        "* * * * *", "9999-12-31T23:58Z", "9999-12-31T23:59:00+00:00", id="the-last-minute"
    ),
]


@pytest.mark.parametrize(("source", "start", "expected"), END)
def test_next_is_none_past_year_9999(source: str, start: str, expected: str | None) -> None:
    found = cadence.parse(source).next(start)
    assert (found.isoformat() if found is not None else None) == expected


@pytest.mark.parametrize(
    ("source", "end", "expected"),
    [
        pytest.param("0 0 1 1 *", "0001-01-02T00:00Z", "0001-01-01T00:00:00+00:00",
                     id="the-first-1-january"),
        pytest.param("0 0 1 1 *", "0001-01-01T00:00Z", None, id="before-the-first-1-january"),
        pytest.param("59 23 * * *", "0001-01-01T12:00Z", None, id="before-the-first-evening"),
    ],
)
def test_prev_is_none_before_year_1(source: str, end: str, expected: str | None) -> None:
    found = cadence.parse(source).prev(end)
    assert (found.isoformat() if found is not None else None) == expected


def test_iter_after_stops_at_the_end_of_year_9999() -> None:
    schedule = cadence.parse("0 0 * * *")
    assert iso(list(schedule.iter_after("9999-12-29T00:00Z"))) == [
        "9999-12-30T00:00:00+00:00",
        "9999-12-31T00:00:00+00:00",
    ]
