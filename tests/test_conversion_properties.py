"""Round trips through every target format, on random schedules of the IR.

Two properties, for each target F:

- when ``emit(s, F)`` writes something, reading it back gives a schedule that fires
  (and opens windows) exactly when ``s`` does;
- when it refuses, the refusal was needed: the closest schedule F can say
  (``lossy=True``) fires differently from ``s`` somewhere.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import cadence
from cadence import UnsupportedError, emit
from cadence._evaluate import policy_difference
from cadence._zones import instant_of, resolve_zone
from cadence.convert import EMIT_FORMATS, Emitted
from cadence.ir import DstFlags, MonthDays, Period, Rule, Weekdays
from cadence.schedule import Schedule

TARGETS = [target for target in EMIT_FORMATS if target != "text"]
ZONES = ["UTC", "America/New_York", "Europe/Berlin"]
AFTER = datetime(2025, 12, 1)
HORIZON = timedelta(days=5 * 366)
POLICIES = (DstFlags(True, True), DstFlags(True), DstFlags(False, True),
            DstFlags(True, True, True))


def _subset(values: list[int], most: int) -> st.SearchStrategy[tuple[int, ...]]:
    return st.lists(st.sampled_from(values), min_size=1, max_size=most, unique=True).map(
        lambda chosen: tuple(sorted(chosen)))


MONTH_DAYS = st.one_of(
    st.none(), st.none(),
    _subset([1, 2, 15, 28, 29, 30, 31], 3).map(lambda days: MonthDays(days=days)),
    st.just(MonthDays(from_last=(0,))), st.just(MonthDays(from_last=(2,))),
    st.just(MonthDays(last_weekday=True)), st.just(MonthDays(nearest_weekday=(15,))),
    st.just(MonthDays(nearest_weekday=(1,))),
)
WEEKDAYS = st.one_of(
    st.none(), st.none(),
    _subset(list(range(7)), 4).map(lambda days: Weekdays(days=days)),
    st.tuples(st.integers(0, 6), st.integers(1, 5)).map(lambda nth: Weekdays(nth=(nth,))),
    st.integers(0, 6).map(lambda day: Weekdays(last=(day,))),
)


@st.composite
def rules(draw: st.DrawFn) -> Rule:
    period = None
    if draw(st.integers(0, 5)) == 0:
        unit = draw(st.sampled_from(["year", "month", "week", "day", "hour", "minute"]))
        period = Period.anchored(unit, draw(st.integers(2, 3)), date(2026, 1, 5),  # type: ignore[arg-type]
                                 draw(st.sampled_from([0, 3600, 9 * 3600 + 30 * 60])),
                                 draw(st.sampled_from([0, 0, 6])))
    fields: dict[str, Any] = {
        "seconds": draw(st.sampled_from([(0,), (0,), (0,), (30,), (0, 30)])),
        "minutes": draw(st.sampled_from([(0,), (0,), (30,), (0, 30), (0, 15, 30, 45)])),
        "hours": draw(_subset([0, 1, 2, 3, 9, 17, 23], 3)),
        "months": draw(st.one_of(st.just(tuple(range(1, 13))), _subset(list(range(1, 13)), 4))),
        "month_days": draw(MONTH_DAYS),
        "weekdays": draw(WEEKDAYS),
        "day_match": draw(st.sampled_from(["and", "or"])),
        "years": draw(st.sampled_from([None, None, None, (2027,), (2027, 2028)])),
        "fixed_time": draw(st.booleans()),
        "skip_gaps": draw(st.booleans()),
        "duration": draw(st.sampled_from([None, None, None, timedelta(hours=1),
                                          timedelta(minutes=90)])),
        "excluded_dates": draw(st.sampled_from([(), (), (), (date(2026, 12, 25),)])),
        "period": period,
        # Issue 11: days of the year and week numbers (rare, so the rest stays covered).
        "year_days": draw(st.sampled_from([(), (), (), (), (), (1, 100, -1), (60,)])),
        "week_numbers": draw(st.sampled_from([(), (), (), (), (), (1, 20), (-1,), (53,)])),
        "week_start": draw(st.sampled_from([0, 0, 6])),
        "year_weekdays": draw(st.sampled_from([(), (), (), (), (), ((0, 20),), ((4, -1),)])),
    }
    try:
        rule = Rule(**fields)
    except cadence.ScheduleError:
        assume(False)
        raise
    assume(rule.fires_on_some_day())
    return rule


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    zone = resolve_zone(draw(st.sampled_from(ZONES)))
    chosen = draw(st.lists(rules(), min_size=1, max_size=2))
    start = draw(st.sampled_from([None, None, datetime(2026, 2, 1)]))
    end = draw(st.sampled_from([None, None, datetime(2029, 1, 1)]))
    schedule = Schedule(chosen, zone, format="ir", source="", start=start, end=end)
    assume(schedule.next(AFTER) is not None)
    return schedule


def _read_back(written: Emitted, target: str, schedule: Schedule) -> Schedule:
    if target == "crontab":
        assert isinstance(written, str)
        rules = [rule for line in written.splitlines()
                 for rule in cadence.parse(line, "cron", tz=schedule.tz).rules]
        return Schedule(rules, schedule.tz, format="crontab", source=written)
    return cadence.parse(written, target, tz=schedule.tz)


def _witnesses(schedule: Schedule, other: Schedule) -> list[datetime]:
    """Moments from which a difference, if any, shows within a few days: the start of
    the horizon, the neighbours of each bound, and where DST policies part."""
    found = [AFTER]
    for first in (schedule.next(AFTER), other.next(AFTER)):
        if first is not None:
            found.append(first - timedelta(seconds=1))
    for bound in (schedule.start, other.start):
        before = other.prev(bound) if bound is not None else None
        if before is not None:
            found.append(before - timedelta(seconds=1))
    for bound in (schedule.end, other.end):
        if bound is not None:
            found.append(bound - timedelta(days=2))
    low = instant_of(schedule.start, schedule.tz)[0] if schedule.start else None
    high = instant_of(schedule.end, schedule.tz)[0] if schedule.end else None
    for rule in schedule.rules:
        for flags in POLICIES:
            conflict = policy_difference(rule, schedule.tz, flags, low, high)
            if conflict is not None:
                found.append(conflict.wall - timedelta(days=2))
    return found


def _strays(a: Schedule, b: Schedule) -> bool:
    """Whether some rule of ``a`` fires, within ``a``'s bounds, where ``b`` does not:
    each rule's first occurrences from 1990 are checked, so rare days show too."""
    for rule in a.rules:
        # The rule with what the whole set says (bounds, explicit dates, exclusions).
        alone = Schedule(a.recurrence.with_rules([rule]))
        for count, moment in enumerate(alone.iter_after(datetime(1990, 1, 1))):
            if count == 1500:
                break
            if not b.matches(moment):
                return True
    return False


def _differs(a: Schedule, b: Schedule) -> bool:
    for moment in _witnesses(a, b):
        horizon = HORIZON if moment == AFTER else timedelta(days=5)
        if cadence.first_difference(a, b, after=moment, horizon=horizon) is not None:
            return True
    return _strays(a, b) or _strays(b, a)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.filter_too_much])
@given(schedules(), st.sampled_from(TARGETS))
def test_what_is_written_reads_back_the_same_and_what_is_refused_had_to_be(
        schedule: Schedule, target: str) -> None:
    refusal: UnsupportedError | None = None
    try:
        written = emit(schedule, target)
    except UnsupportedError as caught:
        refusal = caught
    if refusal is not None:
        assert refusal.target in (target, "cron")  # crontab lines are cron's
        try:
            closest, dropped = emit(schedule, target, lossy=True)
        except UnsupportedError:
            return  # nothing droppable makes the target able to say it
        assert dropped
        assert _differs(schedule, _read_back(closest, target, schedule)), (dropped, closest)
        return
    again = _read_back(written, target, schedule)
    assert not _differs(schedule, again), written


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.filter_too_much])
@given(schedules())
def test_the_english_text_of_every_schedule_reads_as_one_sentence(schedule: Schedule) -> None:
    text = emit(schedule, "text")
    assert isinstance(text, str)
    assert text.startswith("At ")
    assert text.endswith(".")
