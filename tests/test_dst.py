"""DST behaviour: Debian cron's documented policy, as cronsim implements it.

A job is "fixed-time" unless its minute or hour field starts with ``*``. A fixed-time
job whose wall time falls in a skipped interval runs at the first valid moment after
the jump; in a repeated interval it runs once, in the first pass. Other jobs run at
every real instant showing a matching wall time: in both passes of a repeated
interval and not at all in a skipped one.

The rows are numbered spring/autumn pairs per zone, in the style of cronsim's tests.
Every expectation was worked out from the zone's transitions (listed above each
block, checked against zoneinfo) and cross-checked with cronsim except where cronsim
is known to be wrong (Lord Howe's spring-forward day, see below).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

import pytest

import cadence

RIGA = "Europe/Riga"
NEW_YORK = "America/New_York"
LORD_HOWE = "Australia/Lord_Howe"
KATHMANDU = "Asia/Kathmandu"


def iso(moments: list[datetime]) -> list[str]:
    return [moment.isoformat() for moment in moments]


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


FORWARD = [
    # Europe/Riga, EET +02:00 / EEST +03:00.
    #   spring 2026-03-29: 03:00 +02:00 -> 04:00 +03:00 (01:00Z); 03:00-04:00 is skipped
    #   autumn 2026-10-25: 04:00 +03:00 -> 03:00 +02:00 (01:00Z); 03:00-04:00 is repeated
    pytest.param(
        RIGA, "30 3 * * *", "2026-03-28T12:00:00+02:00",
        ["2026-03-29T04:00:00+03:00", "2026-03-30T03:30:00+03:00"],
        id="riga-1-spring-a-fixed-time-in-the-gap-runs-at-the-jump",
    ),
    pytest.param(
        RIGA, "30 3 * * *", "2026-10-24T12:00:00+03:00",
        ["2026-10-25T03:30:00+03:00", "2026-10-26T03:30:00+02:00"],
        id="riga-1-autumn-a-fixed-time-in-the-overlap-runs-once-first-pass",
    ),
    pytest.param(
        RIGA, "15,45 3 * * *", "2026-03-29T00:00:00+02:00",
        ["2026-03-29T04:00:00+03:00", "2026-03-30T03:15:00+03:00", "2026-03-30T03:45:00+03:00"],
        id="riga-2-spring-two-fixed-times-in-the-gap-run-once-at-the-jump",
    ),
    pytest.param(
        RIGA, "0 3,4 * * *", "2026-03-29T00:00:00+02:00",
        ["2026-03-29T04:00:00+03:00", "2026-03-30T03:00:00+03:00", "2026-03-30T04:00:00+03:00"],
        id="riga-2-spring-a-skipped-time-and-the-jump-time-run-once",
    ),
    pytest.param(
        RIGA, "30 2-4 * * *", "2026-03-29T00:00:00+02:00",
        ["2026-03-29T02:30:00+02:00", "2026-03-29T04:00:00+03:00", "2026-03-29T04:30:00+03:00"],
        id="riga-3-spring-a-fixed-hour-range-across-the-gap",
    ),
    pytest.param(
        RIGA, "30 2-4 * * *", "2026-10-25T00:00:00+03:00",
        ["2026-10-25T02:30:00+03:00", "2026-10-25T03:30:00+03:00", "2026-10-25T04:30:00+02:00"],
        id="riga-3-autumn-a-fixed-hour-range-across-the-overlap",
    ),
    pytest.param(
        RIGA, "0 * * * *", "2026-03-29T01:30:00+02:00",
        ["2026-03-29T02:00:00+02:00", "2026-03-29T04:00:00+03:00", "2026-03-29T05:00:00+03:00"],
        id="riga-4-spring-hourly-skips-the-missing-hour",
    ),
    pytest.param(
        RIGA, "0 * * * *", "2026-10-25T01:30:00+03:00",
        ["2026-10-25T02:00:00+03:00", "2026-10-25T03:00:00+03:00", "2026-10-25T03:00:00+02:00",
         "2026-10-25T04:00:00+02:00", "2026-10-25T05:00:00+02:00"],
        id="riga-4-autumn-hourly-runs-in-both-passes",
    ),
    pytest.param(
        RIGA, "*/30 * * * *", "2026-03-29T02:00:00+02:00",
        ["2026-03-29T02:30:00+02:00", "2026-03-29T04:00:00+03:00", "2026-03-29T04:30:00+03:00"],
        id="riga-5-spring-every-30-minutes-skips-the-missing-hour",
    ),
    pytest.param(
        RIGA, "*/30 * * * *", "2026-10-25T02:30:00+03:00",
        ["2026-10-25T03:00:00+03:00", "2026-10-25T03:30:00+03:00", "2026-10-25T03:00:00+02:00",
         "2026-10-25T03:30:00+02:00", "2026-10-25T04:00:00+02:00"],
        id="riga-5-autumn-every-30-minutes-runs-in-both-passes",
    ),
    # America/New_York, EST -05:00 / EDT -04:00.
    #   spring 2026-03-08: 02:00 -05:00 -> 03:00 -04:00 (07:00Z); 02:00-03:00 is skipped
    #   autumn 2026-11-01: 02:00 -04:00 -> 01:00 -05:00 (06:00Z); 01:00-02:00 is repeated
    pytest.param(
        NEW_YORK, "30 2 * * *", "2026-03-07T12:00:00-05:00",
        ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"],
        id="new-york-1-spring-a-fixed-time-in-the-gap-runs-at-the-jump",
    ),
    pytest.param(
        NEW_YORK, "30 1 * * *", "2026-10-31T12:00:00-04:00",
        ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"],
        id="new-york-1-autumn-a-fixed-time-in-the-overlap-runs-once-first-pass",
    ),
    pytest.param(
        NEW_YORK, "0 2 * * *", "2026-03-07T12:00:00-05:00",
        ["2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00"],
        id="new-york-2-spring-the-skipped-hour-itself-runs-at-the-jump",
    ),
    pytest.param(
        NEW_YORK, "0 1 * * *", "2026-10-31T12:00:00-04:00",
        ["2026-11-01T01:00:00-04:00", "2026-11-02T01:00:00-05:00"],
        id="new-york-2-autumn-the-start-of-the-overlap-runs-once",
    ),
    pytest.param(
        NEW_YORK, "0 * * * *", "2026-03-08T00:30:00-05:00",
        ["2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T04:00:00-04:00"],
        id="new-york-3-spring-hourly-skips-the-missing-hour",
    ),
    pytest.param(
        NEW_YORK, "0 * * * *", "2026-11-01T00:30:00-04:00",
        ["2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00",
         "2026-11-01T03:00:00-05:00"],
        id="new-york-3-autumn-hourly-runs-in-both-passes",
    ),
    pytest.param(
        NEW_YORK, "*/30 * * * *", "2026-03-08T01:00:00-05:00",
        ["2026-03-08T01:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:30:00-04:00"],
        id="new-york-4-spring-every-30-minutes-skips-the-missing-hour",
    ),
    pytest.param(
        NEW_YORK, "*/30 * * * *", "2026-11-01T00:45:00-04:00",
        ["2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:00:00-05:00",
         "2026-11-01T01:30:00-05:00", "2026-11-01T02:00:00-05:00"],
        id="new-york-4-autumn-every-30-minutes-runs-in-both-passes",
    ),
    # "fixed-time" means neither the minute nor the hour field STARTS with "*":
    # 0-59/30 is fixed, */30 is not, although both name the same minutes.
    pytest.param(
        NEW_YORK, "0-59/30 1 * * *", "2026-11-01T00:45:00-04:00",
        ["2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:00:00-05:00"],
        id="new-york-5-autumn-a-stepped-range-is-fixed-time-and-runs-once",
    ),
    pytest.param(
        NEW_YORK, "*/30 1 * * *", "2026-11-01T00:45:00-04:00",
        ["2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:00:00-05:00",
         "2026-11-01T01:30:00-05:00", "2026-11-02T01:00:00-05:00"],
        id="new-york-5-autumn-a-star-step-is-not-fixed-time-and-runs-twice",
    ),
    pytest.param(
        NEW_YORK, "0-59/30 2 * * *", "2026-03-08T00:45:00-05:00",
        ["2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00", "2026-03-09T02:30:00-04:00"],
        id="new-york-6-spring-a-stepped-range-is-fixed-time-and-runs-at-the-jump",
    ),
    pytest.param(
        NEW_YORK, "*/30 2 * * *", "2026-03-08T00:45:00-05:00",
        ["2026-03-09T02:00:00-04:00", "2026-03-09T02:30:00-04:00", "2026-03-10T02:00:00-04:00"],
        id="new-york-6-spring-a-star-step-is-not-fixed-time-and-skips-the-day",
    ),
    pytest.param(
        NEW_YORK, "@hourly", "2026-11-01T00:30:00-04:00",
        ["2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00"],
        id="new-york-7-autumn-the-hourly-macro-runs-in-both-passes",
    ),
    pytest.param(
        NEW_YORK, "@daily", "2026-03-07T12:00:00-05:00",
        ["2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00"],
        id="new-york-7-spring-the-daily-macro-is-untouched",
    ),
    # Australia/Lord_Howe, +10:30 standard / +11:00 daylight: a 30-minute shift.
    #   autumn 2026-04-05: 02:00 +11:00 -> 01:30 +10:30 (15:00Z on 04-04); 01:30-02:00 repeated
    #   spring 2026-10-04: 02:00 +10:30 -> 02:30 +11:00 (15:30Z on 10-03); 02:00-02:30 skipped
    #   spring 1997-10-26 (then the last Sunday of October): 02:00 +10:30 -> 02:30 +11:00
    pytest.param(
        LORD_HOWE, "15 2 * * *", "2026-10-03T12:00:00+10:30",
        ["2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"],
        id="lord-howe-1-spring-a-fixed-time-in-the-half-hour-gap-runs-at-the-jump",
    ),
    pytest.param(
        LORD_HOWE, "45 1 * * *", "2026-04-04T12:00:00+11:00",
        ["2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30"],
        id="lord-howe-1-autumn-a-fixed-time-in-the-half-hour-overlap-runs-once",
    ),
    pytest.param(
        LORD_HOWE, "0 2 * * *", "2026-10-03T12:00:00+10:30",
        ["2026-10-04T02:30:00+11:00", "2026-10-05T02:00:00+11:00"],
        id="lord-howe-2-spring-the-skipped-start-runs-at-the-jump",
    ),
    pytest.param(
        LORD_HOWE, "30 1 * * *", "2026-04-04T12:00:00+11:00",
        ["2026-04-05T01:30:00+11:00", "2026-04-06T01:30:00+10:30"],
        id="lord-howe-2-autumn-the-start-of-the-overlap-runs-once",
    ),
    pytest.param(
        LORD_HOWE, "0 * * * *", "2026-10-04T00:30:00+10:30",
        ["2026-10-04T01:00:00+10:30", "2026-10-04T03:00:00+11:00", "2026-10-04T04:00:00+11:00"],
        id="lord-howe-3-spring-hourly-skips-the-missing-two-o-clock",
    ),
    pytest.param(
        LORD_HOWE, "0 * * * *", "2026-04-05T00:30:00+11:00",
        ["2026-04-05T01:00:00+11:00", "2026-04-05T02:00:00+10:30", "2026-04-05T03:00:00+10:30"],
        id="lord-howe-3-autumn-hourly-never-repeats-as-no-full-hour-repeats",
    ),
    pytest.param(
        LORD_HOWE, "*/15 * * * *", "2026-10-04T01:40:00+10:30",
        ["2026-10-04T01:45:00+10:30", "2026-10-04T02:30:00+11:00", "2026-10-04T02:45:00+11:00",
         "2026-10-04T03:00:00+11:00"],
        id="lord-howe-4-spring-every-15-minutes-skips-the-missing-half-hour",
    ),
    pytest.param(
        LORD_HOWE, "*/15 * * * *", "2026-04-05T01:20:00+11:00",
        ["2026-04-05T01:30:00+11:00", "2026-04-05T01:45:00+11:00", "2026-04-05T01:30:00+10:30",
         "2026-04-05T01:45:00+10:30", "2026-04-05T02:00:00+10:30"],
        id="lord-howe-4-autumn-every-15-minutes-runs-in-both-passes",
    ),
    pytest.param(
        LORD_HOWE, "*/30 * * * *", "2026-04-05T01:00:00+11:00",
        ["2026-04-05T01:30:00+11:00", "2026-04-05T01:30:00+10:30", "2026-04-05T02:00:00+10:30"],
        id="lord-howe-5-autumn-every-30-minutes-runs-in-both-passes",
    ),
    # cronsim 2.8 gets these two wrong: on the spring-forward day it yields only 08:39
    # and 08:52, and starts "0 */3" at 06:00.
    pytest.param(
        LORD_HOWE, "*/13 8 * * 7L", "1997-10-26T00:00:00+10:30",
        ["1997-10-26T08:00:00+11:00", "1997-10-26T08:13:00+11:00", "1997-10-26T08:26:00+11:00",
         "1997-10-26T08:39:00+11:00", "1997-10-26T08:52:00+11:00", "1997-11-30T08:00:00+11:00"],
        id="lord-howe-6-spring-1997-every-13-minutes-at-8-on-the-last-sunday",
    ),
    pytest.param(
        LORD_HOWE, "0 */3 * * *", "1997-10-26T00:00:00+10:30",
        ["1997-10-26T03:00:00+11:00", "1997-10-26T06:00:00+11:00", "1997-10-26T09:00:00+11:00"],
        id="lord-howe-6-spring-1997-every-3-hours-after-the-jump",
    ),
    # Asia/Kathmandu: on 1986-01-01 at 00:00 +05:30 (1985-12-31T18:30Z) clocks moved to
    # 00:15 +05:45, so the wall times 00:00-00:15 of that day never existed. The zone
    # has never repeated a wall time, so there is no overlap row.
    pytest.param(
        KATHMANDU, "5 0 * * *", "1985-12-31T12:00:00+05:30",
        ["1986-01-01T00:15:00+05:45", "1986-01-02T00:05:00+05:45"],
        id="kathmandu-1-a-fixed-time-in-the-quarter-hour-gap-runs-at-the-jump",
    ),
    pytest.param(
        KATHMANDU, "0 0 * * *", "1985-12-30T12:00:00+05:30",
        ["1985-12-31T00:00:00+05:30", "1986-01-01T00:15:00+05:45", "1986-01-02T00:00:00+05:45"],
        id="kathmandu-1-a-skipped-midnight-runs-at-the-jump",
    ),
    pytest.param(
        KATHMANDU, "0,15 0 * * *", "1985-12-31T12:00:00+05:30",
        ["1986-01-01T00:15:00+05:45", "1986-01-02T00:00:00+05:45", "1986-01-02T00:15:00+05:45"],
        id="kathmandu-2-a-skipped-time-and-the-jump-time-run-once",
    ),
    pytest.param(
        KATHMANDU, "0 0 1 1 *", "1985-06-01T00:00:00+05:30",
        ["1986-01-01T00:15:00+05:45", "1987-01-01T00:00:00+05:45"],
        id="kathmandu-2-yearly-at-the-missing-midnight",
    ),
    pytest.param(
        KATHMANDU, "0 * * * *", "1985-12-31T22:30:00+05:30",
        ["1985-12-31T23:00:00+05:30", "1986-01-01T01:00:00+05:45", "1986-01-01T02:00:00+05:45"],
        id="kathmandu-3-hourly-skips-the-missing-midnight",
    ),
    pytest.param(
        KATHMANDU, "*/15 * * * *", "1985-12-31T23:30:00+05:30",
        ["1985-12-31T23:45:00+05:30", "1986-01-01T00:15:00+05:45", "1986-01-01T00:30:00+05:45"],
        id="kathmandu-4-every-15-minutes-skips-the-missing-quarter",
    ),
    pytest.param(
        KATHMANDU, "30 23 31 12 *", "1985-12-31T00:00:00+05:30",
        ["1985-12-31T23:30:00+05:30", "1986-12-31T23:30:00+05:45"],
        id="kathmandu-5-the-evening-before-the-shift-is-untouched",
    ),
]


@pytest.mark.parametrize(("zone", "source", "start", "expected"), FORWARD)
def test_forward_iteration_follows_debians_dst_policy(
    zone: str, source: str, start: str, expected: list[str]
) -> None:
    schedule = cadence.parse(source, tz=zone)
    assert iso(list(islice(schedule.iter_after(start), len(expected)))) == expected


@pytest.mark.parametrize(("zone", "source", "start", "expected"), FORWARD)
def test_backward_iteration_over_the_same_span_agrees_with_forward(
    zone: str, source: str, start: str, expected: list[str]
) -> None:
    schedule = cadence.parse(source, tz=zone)
    end = instant(expected[-1]) + timedelta(seconds=1)
    backward = iso(list(islice(schedule.iter_before(end), len(expected))))
    assert backward[::-1] == expected
    prior = schedule.prev(expected[0])
    assert prior is None or prior <= instant(start)


@pytest.mark.parametrize(("zone", "source", "start", "expected"), FORWARD)
def test_every_dst_occurrence_matches(
    zone: str, source: str, start: str, expected: list[str]
) -> None:
    schedule = cadence.parse(source, tz=zone)
    assert all(schedule.matches(moment) for moment in expected)


# A whole local day around each transition: how many occurrences it holds follows from
# the day's length (23 h, 25 h, 23.5 h, 24.5 h, 23 h 45 min) and which wall times repeat.
DAYS = [
    pytest.param(RIGA, "*/30 * * * *", "2026-03-29T00:00:00+02:00", "2026-03-30T00:00:00+03:00",
                 46, id="riga-spring-every-30-minutes"),
    pytest.param(RIGA, "0 * * * *", "2026-03-29T00:00:00+02:00", "2026-03-30T00:00:00+03:00",
                 23, id="riga-spring-hourly"),
    pytest.param(RIGA, "*/30 * * * *", "2026-10-25T00:00:00+03:00", "2026-10-26T00:00:00+02:00",
                 50, id="riga-autumn-every-30-minutes"),
    pytest.param(RIGA, "0 * * * *", "2026-10-25T00:00:00+03:00", "2026-10-26T00:00:00+02:00",
                 25, id="riga-autumn-hourly"),
    pytest.param(RIGA, "30 3 * * *", "2026-10-25T00:00:00+03:00", "2026-10-26T00:00:00+02:00",
                 1, id="riga-autumn-fixed-time"),
    pytest.param(NEW_YORK, "*/30 * * * *", "2026-03-08T00:00:00-05:00",
                 "2026-03-09T00:00:00-04:00", 46, id="new-york-spring-every-30-minutes"),
    pytest.param(NEW_YORK, "*/30 * * * *", "2026-11-01T00:00:00-04:00",
                 "2026-11-02T00:00:00-05:00", 50, id="new-york-autumn-every-30-minutes"),
    pytest.param(NEW_YORK, "0 * * * *", "2026-11-01T00:00:00-04:00",
                 "2026-11-02T00:00:00-05:00", 25, id="new-york-autumn-hourly"),
    pytest.param(NEW_YORK, "30 1 * * *", "2026-11-01T00:00:00-04:00",
                 "2026-11-02T00:00:00-05:00", 1, id="new-york-autumn-fixed-time"),
    pytest.param(NEW_YORK, "30 2 * * *", "2026-03-08T00:00:00-05:00",
                 "2026-03-09T00:00:00-04:00", 1, id="new-york-spring-fixed-time"),
    pytest.param(LORD_HOWE, "*/15 * * * *", "2026-10-04T00:00:00+10:30",
                 "2026-10-05T00:00:00+11:00", 94, id="lord-howe-spring-every-15-minutes"),
    pytest.param(LORD_HOWE, "*/30 * * * *", "2026-10-04T00:00:00+10:30",
                 "2026-10-05T00:00:00+11:00", 47, id="lord-howe-spring-every-30-minutes"),
    pytest.param(LORD_HOWE, "0 * * * *", "2026-10-04T00:00:00+10:30",
                 "2026-10-05T00:00:00+11:00", 23, id="lord-howe-spring-hourly"),
    pytest.param(LORD_HOWE, "*/15 * * * *", "2026-04-05T00:00:00+11:00",
                 "2026-04-06T00:00:00+10:30", 98, id="lord-howe-autumn-every-15-minutes"),
    pytest.param(LORD_HOWE, "*/30 * * * *", "2026-04-05T00:00:00+11:00",
                 "2026-04-06T00:00:00+10:30", 49, id="lord-howe-autumn-every-30-minutes"),
    pytest.param(LORD_HOWE, "0 * * * *", "2026-04-05T00:00:00+11:00",
                 "2026-04-06T00:00:00+10:30", 24, id="lord-howe-autumn-hourly"),
    pytest.param(LORD_HOWE, "0 */3 * * *", "1997-10-26T00:00:00+10:30",
                 "1997-10-27T00:00:00+11:00", 8, id="lord-howe-1997-spring-every-3-hours"),
    pytest.param(LORD_HOWE, "*/13 8 * * 7L", "1997-10-26T00:00:00+10:30",
                 "1997-10-27T00:00:00+11:00", 5, id="lord-howe-1997-spring-last-sunday"),
    pytest.param(KATHMANDU, "*/15 * * * *", "1985-12-31T18:30:00+00:00",
                 "1986-01-02T00:00:00+05:45", 95, id="kathmandu-every-15-minutes"),
    pytest.param(KATHMANDU, "0 * * * *", "1985-12-31T18:30:00+00:00",
                 "1986-01-02T00:00:00+05:45", 23, id="kathmandu-hourly"),
    pytest.param(KATHMANDU, "0 0 * * *", "1985-12-31T18:30:00+00:00",
                 "1986-01-02T00:00:00+05:45", 1, id="kathmandu-midnight"),
]


@pytest.mark.parametrize(("zone", "source", "start", "end", "count"), DAYS)
def test_a_dst_day_holds_the_right_number_of_occurrences_both_ways(
    zone: str, source: str, start: str, end: str, count: int
) -> None:
    schedule = cadence.parse(source, tz=zone)
    forward = schedule.between(start, end)
    floor = instant(start)
    backward = []
    for moment in schedule.iter_before(end):
        if moment < floor:
            break
        backward.append(moment)
    assert len(forward) == count
    assert iso(backward[::-1]) == iso(forward)
    stamps = [moment.timestamp() for moment in forward]
    assert stamps == sorted(set(stamps))  # strictly increasing: no duplicates


# Naive arguments are wall-clock times in the schedule's zone; fold=1 picks the
# second pass of a repeated time.
NAIVE = [
    pytest.param(NEW_YORK, "*/30 * * * *", "next", datetime(2026, 11, 1, 1, 30),
                 "2026-11-01T01:00:00-05:00", id="new-york-fold-0-is-the-first-pass"),
    pytest.param(NEW_YORK, "*/30 * * * *", "next", datetime(2026, 11, 1, 1, 30, fold=1),
                 "2026-11-01T02:00:00-05:00", id="new-york-fold-1-is-the-second-pass"),
    pytest.param(NEW_YORK, "30 1 * * *", "next", datetime(2026, 11, 1, 1, 0),
                 "2026-11-01T01:30:00-04:00", id="new-york-fixed-time-before-the-first-pass"),
    pytest.param(NEW_YORK, "30 1 * * *", "next", datetime(2026, 11, 1, 1, 0, fold=1),
                 "2026-11-02T01:30:00-05:00", id="new-york-fixed-time-from-the-second-pass"),
    pytest.param(NEW_YORK, "0 * * * *", "prev", datetime(2026, 11, 1, 1, 30),
                 "2026-11-01T01:00:00-04:00", id="new-york-prev-from-the-first-pass"),
    pytest.param(NEW_YORK, "0 * * * *", "prev", datetime(2026, 11, 1, 1, 30, fold=1),
                 "2026-11-01T01:00:00-05:00", id="new-york-prev-from-the-second-pass"),
    pytest.param(NEW_YORK, "0 9 * * *", "next", datetime(2026, 3, 8, 0, 0),
                 "2026-03-08T09:00:00-04:00", id="new-york-spring-day-morning"),
    pytest.param(RIGA, "*/30 * * * *", "next", datetime(2026, 10, 25, 3, 30),
                 "2026-10-25T03:00:00+02:00", id="riga-fold-0-is-the-first-pass"),
    pytest.param(RIGA, "*/30 * * * *", "next", datetime(2026, 10, 25, 3, 30, fold=1),
                 "2026-10-25T04:00:00+02:00", id="riga-fold-1-is-the-second-pass"),
    pytest.param(LORD_HOWE, "*/15 * * * *", "next", datetime(2026, 4, 5, 1, 45),
                 "2026-04-05T01:30:00+10:30", id="lord-howe-fold-0-is-the-first-pass"),
    pytest.param(LORD_HOWE, "*/15 * * * *", "next", datetime(2026, 4, 5, 1, 45, fold=1),
                 "2026-04-05T02:00:00+10:30", id="lord-howe-fold-1-is-the-second-pass"),
    pytest.param(LORD_HOWE, "*/15 * * * *", "prev", datetime(2026, 4, 5, 1, 30, fold=1),
                 "2026-04-05T01:45:00+11:00", id="lord-howe-prev-from-the-second-pass"),
    pytest.param(KATHMANDU, "0 0 * * *", "next", datetime(1985, 12, 31, 12, 0),
                 "1986-01-01T00:15:00+05:45", id="kathmandu-naive-before-the-shift"),
]


@pytest.mark.parametrize(("zone", "source", "method", "argument", "expected"), NAIVE)
def test_a_naive_argument_is_wall_clock_time_in_the_schedule_zone(
    zone: str, source: str, method: str, argument: datetime, expected: str
) -> None:
    assert answer(zone, source, method, argument).isoformat() == expected


def answer(zone: str, source: str, method: str, argument: datetime | str) -> datetime:
    """What ``next`` or ``prev`` (``method``) of ``source`` in ``zone`` says."""
    schedule = cadence.parse(source, tz=zone)
    found = schedule.next(argument) if method == "next" else schedule.prev(argument)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("zone", "source", "argument", "expected"),
    [
        pytest.param(NEW_YORK, "*/30 * * * *", datetime(2026, 11, 1, 1, 30, fold=1), True,
                     id="every-30-minutes-in-the-second-pass"),
        pytest.param(NEW_YORK, "30 1 * * *", datetime(2026, 11, 1, 1, 30), True,
                     id="fixed-time-in-the-first-pass"),
        pytest.param(NEW_YORK, "30 1 * * *", datetime(2026, 11, 1, 1, 30, fold=1), False,
                     id="fixed-time-not-in-the-second-pass"),
    ],
)
def test_matches_reads_a_naive_argument_with_its_fold(
    zone: str, source: str, argument: datetime, expected: bool
) -> None:
    assert cadence.parse(source, tz=zone).matches(argument) is expected


@pytest.mark.parametrize(
    ("zone", "source", "moment", "expected"),
    [
        pytest.param(NEW_YORK, "30 2 * * *", "2026-03-08T03:00:00-04:00", True,
                     id="a-skipped-fixed-time-matches-at-the-jump"),
        pytest.param(NEW_YORK, "30 2 * * *", "2026-03-08T02:30:00-05:00", False,
                     id="the-instant-2-30-est-is-3-30-edt-and-does-not-match"),
        pytest.param(NEW_YORK, "0 * * * *", "2026-03-08T03:00:00-04:00", True,
                     id="hourly-after-the-jump"),
        pytest.param(NEW_YORK, "30 1 * * *", "2026-11-01T01:30:00-04:00", True,
                     id="a-fixed-time-in-the-first-pass"),
        pytest.param(NEW_YORK, "30 1 * * *", "2026-11-01T01:30:00-05:00", False,
                     id="a-fixed-time-not-in-the-second-pass"),
        pytest.param(NEW_YORK, "*/30 * * * *", "2026-11-01T06:30:00+00:00", True,
                     id="every-30-minutes-in-the-second-pass-given-in-utc"),
        pytest.param(LORD_HOWE, "15 2 * * *", "2026-10-04T02:30:00+11:00", True,
                     id="lord-howe-a-skipped-fixed-time-matches-at-the-jump"),
        pytest.param(LORD_HOWE, "0 * * * *", "2026-10-04T02:30:00+11:00", False,
                     id="lord-howe-hourly-does-not-run-at-the-jump"),
        pytest.param(KATHMANDU, "0 0 * * *", "1986-01-01T00:15:00+05:45", True,
                     id="kathmandu-the-missing-midnight-matches-at-the-jump"),
    ],
)
def test_matches_follows_the_dst_policy(
    zone: str, source: str, moment: str, expected: bool
) -> None:
    assert cadence.parse(source, tz=zone).matches(moment) is expected


def test_results_are_in_the_schedule_zone_whatever_the_argument_zone() -> None:
    schedule = cadence.parse("*/30 * * * *", tz=NEW_YORK)
    found = schedule.next("2026-11-01T06:00:00+00:00")  # 01:00 EST, the second pass
    assert found is not None
    assert found.isoformat() == "2026-11-01T01:30:00-05:00"
    assert found.utcoffset() == ZoneInfo(NEW_YORK).utcoffset(found)


# Repeated intervals across local midnight (issue 13): the second pass of one date's
# evening comes after the first pass of the next date's morning.
#   Antarctica/Casey 2010-03-04 15:00Z: 2010-03-05 02:00 +11:00 -> 2010-03-04 23:00 +08:00;
#     2010-03-04 23:00 to 2010-03-05 02:00 is repeated
#   America/St_Johns 1987-10-25 02:31Z: 00:01 -02:30 -> 1987-10-24 23:01 -03:30;
#     1987-10-24 23:01 to 1987-10-25 00:01 is repeated
#   America/Goose_Bay 1988-10-30 02:01Z: 00:01 -02:00 -> 1988-10-29 22:01 -04:00;
#     1988-10-29 22:01 to 1988-10-30 00:01 is repeated
CASEY = "Antarctica/Casey"
ST_JOHNS = "America/St_Johns"
GOOSE_BAY = "America/Goose_Bay"

ACROSS_MIDNIGHT = [
    pytest.param(CASEY, "* * * * *", "next", "2010-03-04T12:59:00Z", "2010-03-05T00:00:00+11:00",
                 id="casey-1-next-goes-on-into-the-first-pass-after-midnight"),
    pytest.param(CASEY, "* * * * *", "prev", "2010-03-04T13:01:00Z", "2010-03-05T00:00:00+11:00",
                 id="casey-1-prev-from-the-first-pass-after-midnight"),
    pytest.param(CASEY, "* * * * *", "prev", "2010-03-04T15:30:00Z", "2010-03-04T23:29:00+08:00",
                 id="casey-2-prev-from-the-second-pass-before-midnight"),
    pytest.param(CASEY, "* * * * *", "next", "2010-03-04T14:59:00Z", "2010-03-04T23:00:00+08:00",
                 id="casey-2-next-from-the-first-pass-into-the-second"),
    pytest.param(CASEY, "30 0 * * *", "next", "2010-03-04T12:00:00Z", "2010-03-05T00:30:00+11:00",
                 id="casey-3-a-fixed-time-runs-in-the-first-pass"),
    pytest.param(CASEY, "30 0 * * *", "next", "2010-03-04T13:30:00Z", "2010-03-06T00:30:00+08:00",
                 id="casey-3-a-fixed-time-does-not-run-in-the-second-pass"),
    pytest.param(ST_JOHNS, "*/30 * * * *", "next", "1987-10-25T02:00:00Z",
                 "1987-10-25T00:00:00-02:30", id="st-johns-1-next-keeps-the-first-midnight"),
    pytest.param(ST_JOHNS, "*/30 * * * *", "prev", "1987-10-25T03:00:00Z",
                 "1987-10-25T00:00:00-02:30", id="st-johns-1-prev-finds-the-first-midnight"),
    pytest.param(ST_JOHNS, "0 0 * * *", "next", "1987-10-25T02:30:00Z",
                 "1987-10-26T00:00:00-03:30", id="st-johns-2-a-fixed-midnight-runs-once"),
    pytest.param(GOOSE_BAY, "*/30 * * * *", "next", "1988-10-30T01:30:00Z",
                 "1988-10-30T00:00:00-02:00", id="goose-bay-1-next-keeps-the-first-midnight"),
    pytest.param(GOOSE_BAY, "*/30 * * * *", "prev", "1988-10-30T02:30:00Z",
                 "1988-10-30T00:00:00-02:00", id="goose-bay-1-prev-finds-the-first-midnight"),
    pytest.param(GOOSE_BAY, "30 0 * * *", "prev", "1988-10-30T04:30:00Z",
                 "1988-10-29T00:30:00-02:00",
                 id="goose-bay-2-half-past-midnight-exists-only-after-the-jump"),
]


@pytest.mark.parametrize(("zone", "source", "method", "argument", "expected"), ACROSS_MIDNIGHT)
def test_a_repeated_interval_across_midnight_keeps_both_dates_firings(
    zone: str, source: str, method: str, argument: str, expected: str
) -> None:
    found = answer(zone, source, method, argument)
    assert found.isoformat() == expected
    assert cadence.parse(source, tz=zone).matches(found)


ACROSS_MIDNIGHT_SPANS = [
    pytest.param(CASEY, "*/30 * * * *", "2010-03-04T11:30:00Z", "2010-03-04T18:30:00Z",
                 ["2010-03-04T22:30:00+11:00", "2010-03-04T23:00:00+11:00",
                  "2010-03-04T23:30:00+11:00", "2010-03-05T00:00:00+11:00",
                  "2010-03-05T00:30:00+11:00", "2010-03-05T01:00:00+11:00",
                  "2010-03-05T01:30:00+11:00", "2010-03-04T23:00:00+08:00",
                  "2010-03-04T23:30:00+08:00", "2010-03-05T00:00:00+08:00",
                  "2010-03-05T00:30:00+08:00", "2010-03-05T01:00:00+08:00",
                  "2010-03-05T01:30:00+08:00", "2010-03-05T02:00:00+08:00"],
                 id="casey-every-30-minutes-both-passes"),
    pytest.param(CASEY, "30 0 * * *", "2010-03-04T00:00:00Z", "2010-03-06T00:00:00Z",
                 ["2010-03-05T00:30:00+11:00", "2010-03-06T00:30:00+08:00"],
                 id="casey-a-fixed-time-once"),
    pytest.param(ST_JOHNS, "*/30 * * * *", "1987-10-25T01:30:00Z", "1987-10-25T04:00:00Z",
                 ["1987-10-24T23:00:00-02:30", "1987-10-24T23:30:00-02:30",
                  "1987-10-25T00:00:00-02:30", "1987-10-24T23:30:00-03:30",
                  "1987-10-25T00:00:00-03:30"],
                 id="st-johns-every-30-minutes-both-passes"),
    pytest.param(ST_JOHNS, "0 0 * * *", "1987-10-24T00:00:00Z", "1987-10-26T12:00:00Z",
                 ["1987-10-24T00:00:00-02:30", "1987-10-25T00:00:00-02:30",
                  "1987-10-26T00:00:00-03:30"],
                 id="st-johns-a-fixed-midnight-once"),
    pytest.param(GOOSE_BAY, "*/30 * * * *", "1988-10-30T01:00:00Z", "1988-10-30T04:30:00Z",
                 ["1988-10-29T23:00:00-02:00", "1988-10-29T23:30:00-02:00",
                  "1988-10-30T00:00:00-02:00", "1988-10-29T22:30:00-04:00",
                  "1988-10-29T23:00:00-04:00", "1988-10-29T23:30:00-04:00",
                  "1988-10-30T00:00:00-04:00"],
                 id="goose-bay-every-30-minutes-both-passes"),
]


@pytest.mark.parametrize(("zone", "source", "start", "end", "expected"), ACROSS_MIDNIGHT_SPANS)
def test_between_and_backward_agree_across_a_repeated_midnight(
    zone: str, source: str, start: str, end: str, expected: list[str]
) -> None:
    schedule = cadence.parse(source, tz=zone)
    assert iso(schedule.between(start, end)) == expected
    floor = instant(start)
    backward = [moment for moment in islice(schedule.iter_before(end), len(expected) + 1)
                if moment >= floor]
    assert iso(backward[::-1]) == expected
    assert all(schedule.matches(moment) for moment in expected)


def _spring_forward_days(years: range) -> list[datetime]:
    """New York's spring-forward days (second Sunday of March, since 2007)."""
    days = []
    for year in years:
        day = datetime(year, 3, 8)
        days.append(day + timedelta(days=(6 - day.weekday()) % 7))
    return days


def test_change_days_of_a_dense_rule_are_not_laid_out() -> None:
    """Issue 14: each DST-change day an every-second rule was walked through was laid out
    whole (86,400 occurrences, 13 MB) even for a single ``next``: one call per
    spring-forward day of 300 years took 53 s. Only what the walk reaches is made now;
    the answers are those of brute force (every real second fires)."""
    import tracemalloc

    schedule = cadence.parse("* * * * * ?", "quartz", tz=NEW_YORK)
    zone = ZoneInfo(NEW_YORK)
    days = _spring_forward_days(range(2030, 2080))
    schedule.next(days[0].replace(tzinfo=zone))  # imports and tables, outside the count
    tracemalloc.start()
    try:
        answers = [schedule.next(day.replace(hour=1, minute=59, second=59, tzinfo=zone))
                   for day in days]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000  # one laid-out day is 13 MB
    assert [answer.isoformat() if answer else None for answer in answers] == [
        day.replace(hour=3).isoformat() + "-04:00" for day in days]
    second = timedelta(seconds=1)
    for day in days[:3]:
        change = day.replace(hour=7, tzinfo=ZoneInfo("UTC"))  # 02:00 EST
        for moment in (change - timedelta(hours=3), change - 2 * second, change - second,
                       change, change + second, change + timedelta(hours=5)):
            assert schedule.next(moment) == moment + second
            assert schedule.prev(moment) == moment - second
            assert list(islice(schedule.iter_before(moment), 3)) == [
                moment - second * k for k in (1, 2, 3)]
