"""cadence against cronsim (Debian cron's DST policy) on random 5-field expressions.

The expressions stay inside the syntax cronsim reads with the meaning cadence gives it
(see ``strategies_cron.cronsim_exprs``); the zones leave out Australia/Lord_Howe, where
cronsim mishandles 30-minute shifts. The first 12 occurrences after and before a random
start are compared as ISO strings, whose offsets tell the two passes of a repeated hour
apart.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from cronsim import CronSim, CronSimError
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

import cadence
from strategies_cron import CRONSIM_ZONES, Expr, cronsim_exprs, instants, is_ambiguous, take

COUNT = 12
# cronsim gives up when a step finds nothing within 50 years.
CRONSIM_HORIZON_YEARS = 50


def _canonical(moment: datetime) -> datetime:
    """The same instant with the wall-clock time and ``fold`` its zone gives it."""
    zone = moment.tzinfo
    assert zone is not None
    return moment.astimezone(timezone.utc).astimezone(zone)


class _CronSim(CronSim):
    """cronsim with the landing point of its day and month jumps made a real instant.

    For a job that is not fixed-time cronsim works on aware datetimes, and a jump to
    another day lands on ``datetime.combine(day, 00:00)`` (forward) or ``23:59:59``
    with ``fold=0`` (backward). Where the clocks change at midnight (Sao Paulo until
    2019) the first is a wall time that does not exist, which cronsim then returns
    as an occurrence, and the second is the first pass of a repeated hour, which
    makes it skip the second pass. Here the forward landing point becomes the first
    real instant of the day and the backward one its last.
    """

    def _land(self, *, last: bool) -> None:
        if self.dt.tzinfo is not None:  # naive: fixed-time job, wall-clock arithmetic
            self.dt = _canonical(self.dt.replace(fold=1) if last else self.dt)

    def advance_day(self) -> bool:
        moved = bool(super().advance_day())
        if moved:
            self._land(last=False)
        return moved

    def advance_month(self) -> None:
        before = self.dt
        super().advance_month()
        if self.dt is not before:
            self._land(last=False)

    def reverse_day(self) -> bool:
        moved = bool(super().reverse_day())
        if moved:
            self._land(last=True)
        return moved

    def reverse_month(self) -> None:
        before = self.dt
        super().reverse_month()
        if self.dt is not before:
            self._land(last=True)


def _cronsim(text: str, start: datetime, *, reverse: bool) -> list[datetime]:
    """Up to ``COUNT`` occurrences from cronsim; shorter when it gives up."""
    found: list[datetime] = []
    try:
        iterator = _CronSim(text, start, reverse=reverse)
        for _ in range(COUNT):
            found.append(next(iterator))
    except (StopIteration, CronSimError):
        pass
    return found


def _check_direction(expr: Expr, ours: list[datetime], theirs: list[datetime],
                     start: datetime, *, reverse: bool) -> None:
    mine = [moment.isoformat() for moment in ours]
    other = [moment.isoformat() for moment in theirs]
    if len(other) == len(mine):
        assert mine == other, (expr.text, start.isoformat(), reverse)
        return
    # cronsim stopped early: what it found is a prefix, and the next occurrence cadence
    # finds lies beyond cronsim's 50-year horizon.
    assert len(other) < len(mine), (expr.text, start.isoformat(), reverse, mine, other)
    assert mine[: len(other)] == other, (expr.text, start.isoformat(), reverse)
    reference = theirs[-1] if theirs else start
    gap_years = abs(ours[len(other)].year - reference.year)
    assert gap_years >= CRONSIM_HORIZON_YEARS, (expr.text, start.isoformat(), reverse, mine)


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Expr, str, datetime]:
    expr = draw(cronsim_exprs())
    zone_name = draw(st.sampled_from(CRONSIM_ZONES))
    instant = draw(instants(zone_name))
    micro = draw(st.sampled_from((0, 0, 0, 1, 500_000, 999_999)))
    start = datetime.fromtimestamp(instant, timezone.utc) + timedelta(microseconds=micro)
    return expr, zone_name, start.astimezone(ZoneInfo(zone_name))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_cases())
def test_matches_cronsim(case: tuple[Expr, str, datetime]) -> None:
    expr, zone_name, start = case
    # For a fixed-time job cronsim works in naive wall-clock time, so from a start in a
    # repeated hour it cannot tell the passes apart and may answer before the start.
    assume(not (expr.fixed_time and is_ambiguous(start)))
    event("fixed-time" if expr.fixed_time else "not fixed-time")
    if expr.dom is not None and expr.dow is not None:
        event("day-of-month OR day-of-week" if expr.day_or else "day-of-month AND day-of-week")
    try:
        schedule = cadence.parse(expr.text, tz=zone_name)
    except cadence.NeverFiresError:
        assert not expr.fires_on_some_day(), expr.text
        assert _cronsim(expr.text, start, reverse=False) == []
        assert _cronsim(expr.text, start, reverse=True) == []
        return
    forward = take(schedule.iter_after(start), COUNT)
    backward = take(schedule.iter_before(start), COUNT)
    _check_direction(expr, forward, _cronsim(expr.text, start, reverse=False), start,
                     reverse=False)
    _check_direction(expr, backward, _cronsim(expr.text, start, reverse=True), start,
                     reverse=True)


# Hand-picked cases around DST changes that random search finds only now and then.
DST_CASES = [
    # New York: 2:00 -> 3:00 on 2026-03-08, 2:00 -> 1:00 on 2026-11-01.
    ("30 2 * * *", "America/New_York", "2026-03-07T12:00:00+00:00"),
    ("0,30 2 * * *", "America/New_York", "2026-03-07T12:00:00+00:00"),
    ("*/30 2 * * *", "America/New_York", "2026-03-07T12:00:00+00:00"),
    ("30 1 * * *", "America/New_York", "2026-10-31T12:00:00+00:00"),
    ("*/30 1 * * *", "America/New_York", "2026-10-31T12:00:00+00:00"),
    ("0-59/10 0-23 * * *", "America/New_York", "2026-11-01T04:58:00+00:00"),
    ("0 */1 * * *", "America/New_York", "2026-11-01T04:30:00+00:00"),
    # Sao Paulo changed at midnight: 0:00 -> 1:00 on 2018-11-04.
    ("0 0 * * *", "America/Sao_Paulo", "2018-11-03T12:00:00+00:00"),
    ("15 0 4 11 *", "America/Sao_Paulo", "2018-11-01T12:00:00+00:00"),
    ("0 23 * * *", "America/Sao_Paulo", "2019-02-16T12:00:00+00:00"),
    # Riga: 3:00 -> 4:00 on 2026-03-29, 4:00 -> 3:00 on 2026-10-25.
    ("30 3 29 3 *", "Europe/Riga", "2026-03-28T00:00:00+00:00"),
    ("30 3 L * SUN", "Europe/Riga", "2026-10-20T00:00:00+00:00"),
    ("0 3 * * 0L", "Europe/Riga", "2026-10-20T00:00:00+00:00"),
    # Sydney: 3:00 -> 2:00 on 2026-04-05, 2:00 -> 3:00 on 2026-10-04.
    ("30 2 * * SUN#1", "Australia/Sydney", "2026-03-30T00:00:00+00:00"),
    ("30 2 * * SUN#1", "Australia/Sydney", "2026-09-30T00:00:00+00:00"),
]


@pytest.mark.parametrize(("text", "zone_name", "start_text"), DST_CASES)
def test_dst_cases_match_cronsim(text: str, zone_name: str, start_text: str) -> None:
    start = datetime.fromisoformat(start_text).astimezone(ZoneInfo(zone_name))
    schedule = cadence.parse(text, tz=zone_name)
    for reverse in (False, True):
        ours = take(schedule.iter_before(start) if reverse else schedule.iter_after(start),
                    COUNT)
        theirs = _cronsim(text, start, reverse=reverse)
        assert [m.isoformat() for m in ours] == [m.isoformat() for m in theirs], (
            text, zone_name, start_text, reverse)


# Where the clocks change at midnight, raw cronsim goes wrong for jobs that are not
# fixed-time (see ``_CronSim``); cadence's answers, written out.
MIDNIGHT_CASES = [
    # 1990-10-21 began with a gap (00:00 -> 01:00): the first hourly Sunday run is at
    # 01:00 -02:00; raw cronsim answers 00:00 -03:00, a wall time that never existed.
    ("0 * * * 0", "1990-10-20T23:59:00-03:00", False,
     ["1990-10-21T01:00:00-02:00", "1990-10-21T02:00:00-02:00"]),
    # ... and a job due only in the skipped hour does not run that day (raw cronsim
    # runs it at the nonexistent 00:00 -03:00).
    ("*/30 0 21 10 *", "1990-10-20T12:00:00-03:00", False,
     ["1991-10-21T00:00:00-02:00", "1991-10-21T00:30:00-02:00"]),
    # 1990-02-10 ended with 23:00-24:00 twice: both passes run, latest first backwards
    # (raw cronsim starts the day at 23:59:59 in the first pass and misses the second).
    ("0 * * * 1,2-7/2", "1990-02-11T00:00:01-03:00", True,
     ["1990-02-10T23:00:00-03:00", "1990-02-10T23:00:00-02:00",
      "1990-02-10T22:00:00-02:00"]),
]


@pytest.mark.parametrize(("text", "start_text", "reverse", "expected"), MIDNIGHT_CASES)
def test_midnight_dst_changes(text: str, start_text: str, reverse: bool,
                              expected: list[str]) -> None:
    zone = ZoneInfo("America/Sao_Paulo")
    start = datetime.fromisoformat(start_text).astimezone(zone)
    schedule = cadence.parse(text, tz=zone)
    found = take(schedule.iter_before(start) if reverse else schedule.iter_after(start),
                 len(expected))
    assert [moment.isoformat() for moment in found] == expected
    patched = _cronsim(text, start, reverse=reverse)[: len(expected)]
    assert [moment.isoformat() for moment in patched] == expected
