"""``Schedule.next`` answers one plain rule without compiling it (``cadence._first``);
it must agree with the compiled walk everywhere, DST changes and calendar ends included.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cadence
from cadence._first import UNKNOWN, FirstAfter, is_plain
from cadence._moments import as_datetime
from cadence._zones import instant_of
from cadence.strategies.ir_strategies import schedules
from strategies_cron import PROPERTY_ZONES, wide_instants

_FEATURES = {"seconds", "L", "W", "#", "or", "years", "windows", "bounds"}
_ZONES = (*PROPERTY_ZONES, "Antarctica/Troll", "Asia/Kathmandu", "Etc/GMT-14")


def _walked(schedule: cadence.Schedule, after: datetime) -> datetime | None:
    """The compiled walk's answer (what ``next`` gave before the fast path)."""
    return next(schedule.iter_after(after), None)


def _same(found: datetime | None, expected: datetime | None) -> None:
    if expected is None or found is None:
        assert found is expected
        return
    assert (found.isoformat(), found.fold, found.tzinfo) == (
        expected.isoformat(), expected.fold, expected.tzinfo)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_next_agrees_with_the_compiled_walk(data: st.DataObject) -> None:
    schedule = data.draw(schedules(zones=_ZONES, features=_FEATURES))
    zone_name = schedule.recurrence.zone_name
    instant = data.draw(wide_instants(zone_name if zone_name in _ZONES else "UTC"))
    after = datetime.fromtimestamp(instant, timezone.utc) + timedelta(
        microseconds=data.draw(st.sampled_from((0, 0, 1, 999_999))))
    _same(schedule.next(after), _walked(schedule, after))


@pytest.mark.parametrize(("expression", "zone", "after", "expected"), [
    # Later the same day, the next day, the next month, the next year.
    ("30 9 * * *", "UTC", "2026-06-01T09:29:59Z", "2026-06-01T09:30:00+00:00"),
    ("30 9 * * *", "UTC", "2026-06-01T09:30:00Z", "2026-06-02T09:30:00+00:00"),
    ("0 0 1 * *", "Europe/Berlin", "2026-06-01T12:00Z", "2026-07-01T00:00:00+02:00"),
    ("0 0 1 1 *", "UTC", "2026-06-01T12:00Z", "2027-01-01T00:00:00+00:00"),
    ("59 23 31 12 *", "UTC", "2026-12-31T23:58:59Z", "2026-12-31T23:59:00+00:00"),
    # Leap days, the last day, a weekday ordinal, nearest weekday.
    ("0 12 29 2 *", "UTC", "2026-06-01T00:00Z", "2028-02-29T12:00:00+00:00"),
    ("0 9 L * *", "UTC", "2028-02-01T00:00Z", "2028-02-29T09:00:00+00:00"),
    ("0 9 * * 1#2", "UTC", "2026-06-01T00:00Z", "2026-06-08T09:00:00+00:00"),
    ("0 9 15W * *", "UTC", "2026-08-01T00:00Z", "2026-08-14T09:00:00+00:00"),
    # A DST change on the way is the walk's: 02:30 is skipped on 2026-03-29 in Berlin.
    ("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00Z", "2026-03-29T03:00:00+02:00"),
    ("*/30 * * * *", "Europe/Berlin", "2026-10-25T00:10Z", "2026-10-25T02:30:00+02:00"),
    # Both passes of a repeated hour for an every-minute rule.
    ("*/30 * * * *", "Europe/Berlin", "2026-10-25T00:31Z", "2026-10-25T02:00:00+01:00"),
    # Sydney: offset change in April, far from the instant, no effect.
    ("0 6 * * 1-5", "Australia/Sydney", "2026-06-05T21:00Z", "2026-06-08T06:00:00+10:00"),
])
def test_next_table(expression: str, zone: str, after: str, expected: str) -> None:
    schedule = cadence.parse(expression, tz=zone)
    found = schedule.next(after)
    assert found is not None
    assert found.isoformat() == expected
    _same(found, _walked(schedule, as_datetime(after, "after")))


def test_plain_rules_answer_and_others_defer() -> None:
    """The fast path answers the common case itself (so the table above tests it), and
    leaves DST-change days and the ends of the calendar to the walk."""
    plain = cadence.parse("30 9 * * *", tz="Europe/Berlin").rule
    zone = cadence.parse("30 9 * * *", tz="Europe/Berlin").tz
    assert is_plain(plain)
    june = instant_of(datetime(2026, 6, 1, 12, tzinfo=timezone.utc), zone)[0]
    assert FirstAfter(plain, zone)(june)[1] is not None
    change_day = instant_of(datetime(2026, 3, 28, 12, tzinfo=timezone.utc), zone)[0]
    assert FirstAfter(plain, zone)(change_day) == UNKNOWN
    late = instant_of(datetime(9999, 6, 1, tzinfo=timezone.utc), zone)[0]
    assert FirstAfter(plain, zone)(late) == UNKNOWN
    periodic = cadence.parse("DTSTART:20260105T090000Z\nRRULE:FREQ=DAILY;INTERVAL=2",
                             format="rrule").rule
    assert not is_plain(periodic)


@given(st.integers(0, 86400 * 2))
@example(86399)
def test_bounds_hold(offset: int) -> None:
    """A recurrence's bounds apply to the quick answer as to the walk."""
    schedule = cadence.parse("*/7 * * * *").bounded(start="2026-06-01T10:00:03Z",
                                                    end="2026-06-02T10:00:00Z")
    after = datetime(2026, 6, 1, tzinfo=timezone.utc) + timedelta(seconds=offset)
    _same(schedule.next(after), _walked(schedule, after))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_asking_one_schedule_again_and_again_agrees_with_the_walk(data: st.DataObject) -> None:
    """``next`` keeps its last answer for the moments before it: asked in any order,
    around earlier answers and between them, it still agrees with the walk."""
    schedule = data.draw(schedules(zones=_ZONES, features=_FEATURES))
    zone_name = schedule.recurrence.zone_name
    start = data.draw(wide_instants(zone_name if zone_name in _ZONES else "UTC"))
    moments = [datetime.fromtimestamp(start, timezone.utc)]
    for _ in range(data.draw(st.integers(1, 8))):
        previous = schedule.next(moments[-1])
        step = data.draw(st.sampled_from(("answer", "just before", "back", "ahead")))
        if previous is not None and step == "answer":
            moments.append(previous)
        elif previous is not None and step == "just before":
            moments.append(previous - timedelta(microseconds=1))
        elif step == "back":
            moments.append(moments[-1] - timedelta(seconds=data.draw(st.integers(1, 10**6))))
        else:
            moments.append(moments[-1] + timedelta(seconds=data.draw(st.integers(1, 10**6))))
    for moment in moments:
        _same(schedule.next(moment), _walked(schedule, moment))
