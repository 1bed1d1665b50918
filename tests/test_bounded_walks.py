"""Bounds stop the walk where they fall: a schedule's end bound and ``between``'s end
are handed to each source, which cuts its month or day of occurrences at the bound
instead of testing every occurrence. The cut must give exactly what testing every
occurrence gives, on DST-change days and at the edges of months, days and repeats."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import islice
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence.schedule import Schedule

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Havana",
         "UTC"]
CRONS = ["0 9 * * MON", "*/15 * * * *", "0 9 * * *", "30 2 * * *", "0,30 0-3 * * SUN",
         "0 0 29 2 *", "*/7 1-2 * * *", "0 12 L * *"]
RRULES = ["RRULE:FREQ=HOURLY;INTERVAL=5", "RRULE:FREQ=MONTHLY;BYDAY=TU,WE,TH;BYSETPOS=3",
          "RRULE:FREQ=DAILY;COUNT=40\nRRULE:FREQ=WEEKLY;BYDAY=SA;BYHOUR=12",
          "RRULE:FREQ=DAILY\nEXRULE:FREQ=WEEKLY;BYDAY=SA,SU\nRDATE:20260110T100000",
          "RRULE:FREQ=MINUTELY;INTERVAL=20;BYHOUR=1,2,3"]
#: Instants around the 2026 spring and autumn changes of the zones above, and others.
MOMENTS = st.one_of(
    st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 2, 1)),
    st.sampled_from([datetime(2026, 3, 8, 6, 59, 59), datetime(2026, 3, 29, 1, 0),
                     datetime(2026, 10, 25, 0, 30), datetime(2026, 11, 1, 5, 0),
                     datetime(2026, 4, 5, 1, 30), datetime(2026, 3, 1, 0, 0)]),
).map(lambda moment: moment.replace(tzinfo=timezone.utc))


def _schedule(source: str, zone: str) -> Schedule:
    if source.startswith("RRULE"):
        return cadence.parse(f"DTSTART;TZID={zone}:20260101T000000\n{source}", "rrule")
    return cadence.parse(source, tz=zone)


def _instants(moments: list[datetime]) -> list[float]:
    return [moment.timestamp() for moment in moments]


def _filtered(schedule: Schedule, after: datetime, end: datetime) -> list[datetime]:
    """The occurrences after ``after`` and before ``end``, testing each one."""
    found = []
    for moment in schedule.iter_after(after):
        if moment >= end:
            break
        found.append(moment)
    return found


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CRONS + RRULES), st.sampled_from(ZONES), MOMENTS,
       st.integers(0, 86400 * 40), st.integers(0, 999_999))
def test_between_cuts_at_its_end_as_testing_each_occurrence_does(
        source: str, zone: str, start: datetime, span: int, micro: int) -> None:
    schedule = _schedule(source, zone)
    end = start + timedelta(seconds=span, microseconds=micro)
    # between takes its start: what comes after the microsecond before it.
    assert _instants(schedule.between(start, end)) == _instants(
        _filtered(schedule, start - timedelta(microseconds=1), end))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CRONS + RRULES), st.sampled_from(ZONES), MOMENTS,
       st.integers(0, 86400 * 40))
def test_an_end_bound_stops_the_walk_where_it_falls(source: str, zone: str,
                                                    start: datetime, span: int) -> None:
    schedule = _schedule(source, zone)
    end = start + timedelta(seconds=span)
    bounded = schedule.bounded(end=end)
    walked = list(islice(bounded.iter_after(start), 5000))
    assert _instants(walked) == _instants(_filtered(schedule, start, end))[:5000]
    following = bounded.next(end - timedelta(seconds=1))
    assert following is None or following < end


def test_an_end_on_the_repeated_hour_keeps_the_first_pass_only() -> None:
    # New York repeats 01:00-02:00 on 2026-11-01; 01:30 EDT is 05:30Z, 01:30 EST 06:30Z.
    schedule = cadence.parse("*/30 1 * * *", tz="America/New_York")
    zone = ZoneInfo("America/New_York")
    found = schedule.between("2026-11-01T04:00Z", "2026-11-01T06:30Z")
    assert [moment.astimezone(timezone.utc).isoformat() for moment in found] == [
        "2026-11-01T05:00:00+00:00", "2026-11-01T05:30:00+00:00",
        "2026-11-01T06:00:00+00:00"]
    assert found[-1].tzinfo is zone
    assert found[-1].fold == 1


#: Zones whose clocks change at midnight, at odd hours, by half an hour, or twice.
_CHANGING = ["Europe/Berlin", "America/Havana", "Australia/Lord_Howe", "America/Santiago",
             "Africa/Casablanca", "Asia/Tehran", "America/St_Johns", "Antarctica/Troll"]
_MONTHLY_WALKS = ["0 9 * * MON-FRI", "30 0 * * *", "0,30 0-3 * * *", "15 2 * * SUN",
                  "0 0 L * *", "0 1 1-7 * SAT", "45 23 * * *", "0 12 29 2 *"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_MONTHLY_WALKS), st.sampled_from(_CHANGING),
       st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1)),
       st.booleans())
def test_the_month_walk_gives_what_the_day_walk_gives(source: str, zone: str,
                                                      start: datetime, bounded: bool) -> None:
    """The month walk lays out whole months and cuts months with an offset change into
    stretches; the day walk, one day at a time, is its oracle."""
    from cadence._evaluate import _NO_LIMIT, Evaluator

    evaluator = cadence.parse(source, tz=zone)._compile().evaluators[0]
    assert isinstance(evaluator, Evaluator)
    assert evaluator.plan.walks_by_month
    after = int(start.replace(tzinfo=timezone.utc).timestamp())
    limit = after + 86400 * 800 if bounded else _NO_LIMIT
    by_month = list(islice(evaluator._forward_months(after, limit), 1500))
    by_day = list(islice(evaluator._forward_days(after, limit), 1500))
    assert _instants(by_month) == _instants(by_day)
    assert [moment.fold for moment in by_month] == [moment.fold for moment in by_day]


_SPARSE = ["0 0 29 2 1", "0 9 31 * 5", "0 0 13 * 5", "30 2 29 2 *", "0 0 1 1 1", "0 12 L 2 0"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_SPARSE), st.sampled_from(["UTC", "Europe/Berlin", "America/Havana"]),
       st.integers(1, 9700))
def test_a_sparse_walk_jumps_to_the_years_that_fire_and_misses_none(
        source: str, zone: str, year: int) -> None:
    """A rule that fires in few years jumps through the 400-year cycle to the next year
    with a matching day, forward and backward, and goes on through its laid-out cycle:
    the two walks agree (tests/test_sparse_walks.py checks both against brute force)."""
    schedule = cadence.parse(source, tz=zone, day_match="and")
    start = datetime(year, 1, 1, tzinfo=timezone.utc)
    forward = list(islice(schedule.iter_after(start), 12))
    if not forward:
        last = schedule.prev(datetime(9999, 12, 1, tzinfo=timezone.utc))
        assert last is None or last <= start
        return
    backward = []
    for moment in schedule.iter_before(forward[-1] + timedelta(seconds=1)):
        if moment <= start:
            break
        backward.append(moment)
    assert _instants(forward) == _instants(backward[::-1])
