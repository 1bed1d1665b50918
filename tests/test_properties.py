"""Properties of cadence alone, checked against an independent matcher and DST oracle.

The expressions cover cronsim's syntax and what cronsim lacks: ``W``, ``L-n``, ``LW``,
wrap-around ranges and Quartz strings with seconds, ``?`` and years. Their meaning comes
from the generator (``strategies_cron``), not from cadence's parser; ``fires_at`` states
the DST policy instant by instant and ``brute_force_between`` walks every minute of a
window. A quarter of the cases hand cadence the zone as a plain ``tzinfo`` wrapper
(``ProbedZone``), which sends it down its probing path instead of reading TZif data.
Instants are compared as epoch seconds, never as same-zone datetimes (Python
compares those by wall clock and ignores ``fold``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from itertools import pairwise

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import cadence
from strategies_cron import (
    PROPERTY_ZONES,
    DomSpec,
    DowSpec,
    Expr,
    ProbedZone,
    brute_force_between,
    epoch,
    fires_at,
    local,
    offset_at,
    property_exprs,
    take,
    transitions,
    wide_instants,
)

COUNT = 10
DAY = 86400


@lru_cache(maxsize=4096)
def _fires_on_some_day(expr: Expr) -> bool:
    return expr.fires_on_some_day()


def _schedule(expr: Expr, zone_name: str, probed: bool = False) -> cadence.Schedule | None:
    """The parsed schedule; ``None`` (after checking the error) if it never fires.

    ``probed``: give cadence the zone as a :class:`ProbedZone`, whose offset changes it
    must find by probing instead of reading the TZif file.
    """
    zone: str | tzinfo = ProbedZone(zone_name) if probed else zone_name
    if not _fires_on_some_day(expr):
        with pytest.raises(cadence.NeverFiresError):
            cadence.parse(expr.text, tz=zone)
        return None
    return cadence.parse(expr.text, tz=zone)


def _check_result(expr: Expr, zone: tzinfo, moment: datetime) -> int:
    """Check one occurrence against the oracle; return its instant."""
    instant = epoch(moment)
    assert moment.microsecond == 0, moment
    assert moment.tzinfo is zone, (moment, zone)
    expected = local(instant, zone)
    # A real wall-clock time, with the fold that tells the two passes of a repeated hour.
    assert (moment.isoformat(), moment.fold) == (expected.isoformat(), expected.fold), (
        expr.text, moment)
    wall = moment.replace(tzinfo=None)
    if not expr.wall_matches(wall):
        # Only a fixed-time job moved out of a DST gap may show another wall-clock time,
        # and then it runs at the first instant after the jump.
        assert expr.fixed_time, (expr.text, moment.isoformat())
        assert offset_at(instant - 1, zone) < offset_at(instant, zone), (
            expr.text, moment.isoformat())
    assert fires_at(expr, zone, instant), (expr.text, moment.isoformat())
    return instant


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _isos(moments: list[datetime]) -> list[str]:
    return [moment.isoformat() for moment in moments]


Case = tuple[Expr, str, bool, datetime]


@st.composite
def _cases(draw: st.DrawFn) -> Case:
    """An expression, a zone (a quarter of the time probed) and a UTC start."""
    expr = draw(property_exprs())
    zone_name = draw(st.sampled_from(PROPERTY_ZONES))
    probed = draw(st.integers(0, 3)) == 0
    instant = draw(wide_instants(zone_name))
    micro = draw(st.sampled_from((0, 0, 0, 1, 999_999)))
    start = datetime.fromtimestamp(instant, timezone.utc) + timedelta(microseconds=micro)
    return expr, zone_name, probed, start


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_cases())
def test_iteration_is_consistent(case: Case) -> None:
    """Forward, backward, between, next, prev and matches tell one story.

    The first 10 occurrences after ``t`` strictly increase (as instants), lie after
    ``t``, fire by the oracle and are canonical aware datetimes in the schedule's zone;
    ``iter_before`` from just past the 10th gives them back reversed; ``between`` gives
    them (plus ``t`` itself if it is an occurrence); ``next``/``prev`` step between
    neighbours; ``matches`` holds for each and, one second later, exactly when the
    oracle says so. The same the other way round from ``t``.
    """
    expr, zone_name, probed, start_utc = case
    schedule = _schedule(expr, zone_name, probed)
    if schedule is None:
        return
    zone = schedule.tz
    start = start_utc.astimezone(zone)
    instant = epoch(start)
    whole = start.microsecond == 0
    start_fires = fires_at(expr, zone, instant)  # at the start's whole second

    forward = take(schedule.iter_after(start), COUNT)
    points = [_check_result(expr, zone, moment) for moment in forward]
    event(f"{expr.dialect}, {'fixed-time' if expr.fixed_time else 'not fixed-time'}")
    event(f"{len(forward)} occurrences after the start")
    assert all(point > instant for point in points)
    assert all(a < b for a, b in pairwise(points)), _isos(forward)
    # Other spellings of the start: naive wall clock (with its fold), UTC, ISO string.
    assert _isos(take(schedule.iter_after(start.replace(tzinfo=None)), 3)) == _isos(forward[:3])
    assert _isos(take(schedule.iter_after(start_utc), 3)) == _isos(forward[:3])
    assert _iso(schedule.next(start.isoformat())) == (forward[0].isoformat() if forward else None)

    if forward:
        end = local(points[-1] + 1, zone)
        backward = take(schedule.iter_before(end), len(forward))
        assert _isos(backward[::-1]) == _isos(forward)
        head = [local(instant, zone)] if start_fires and whole else []
        assert _isos(schedule.between(start, end)) == _isos(head + forward)
        before_first = schedule.prev(forward[0])
        if start_fires:
            assert before_first is not None
            assert epoch(before_first) == instant
        else:
            assert before_first is None or epoch(before_first) < instant
        # next(prev(t)): the occurrence at t if there is one, else the first after t.
        before_start = schedule.prev(start)
        if before_start is not None:
            at_or_after = head[0] if head else forward[0]
            assert _iso(schedule.next(before_start)) == at_or_after.isoformat()
        for earlier, later in pairwise(forward):
            assert _iso(schedule.prev(later)) == earlier.isoformat()
            assert _iso(schedule.next(earlier)) == later.isoformat()
        for index, (moment, point) in enumerate(zip(forward, points, strict=True)):
            assert schedule.matches(moment)
            assert schedule.matches(moment.astimezone(timezone.utc))
            assert not schedule.matches(moment + timedelta(microseconds=1))
            one_later = local(point + 1, zone)
            expected = fires_at(expr, zone, point + 1)
            if index + 1 < len(points):
                assert expected == (points[index + 1] == point + 1)
            assert schedule.matches(one_later) == expected, (expr.text, one_later.isoformat())

    backward_from_start = take(schedule.iter_before(start), COUNT)
    back_points = [_check_result(expr, zone, moment) for moment in backward_from_start]
    limit = instant if whole else instant + 1  # strictly before the start
    assert all(point < limit for point in back_points)
    assert all(a > b for a, b in pairwise(back_points)), _isos(backward_from_start)
    if backward_from_start:
        if not whole:  # a start with a fraction of a second comes after its whole second
            assert (back_points[0] == instant) == fires_at(expr, zone, instant)
        assert _iso(schedule.prev(start)) == backward_from_start[0].isoformat()
        again = take(schedule.iter_after(local(back_points[-1] - 1, zone)), len(back_points))
        assert _isos(again[::-1]) == _isos(backward_from_start)


Window = tuple[Expr, str, bool, int, bool]


@st.composite
def _windows(draw: st.DrawFn) -> Window:
    expr = draw(property_exprs())
    zone_name = draw(st.sampled_from(PROPERTY_ZONES))
    probed = draw(st.integers(0, 3)) == 0
    near_occurrence = draw(st.integers(0, 2)) == 0
    return expr, zone_name, probed, draw(wide_instants(zone_name)), near_occurrence


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_windows())
def test_between_matches_brute_force(case: Window) -> None:
    """``between`` over a window equals a minute-by-minute walk with the oracle.

    The window is 3 days for cron, 26 hours for Quartz (second resolution), centred on
    the drawn instant (often an offset change); a third of the time it is moved to
    hold the first occurrence after that instant, so that sparse expressions are seen
    firing too.
    """
    expr, zone_name, probed, instant, near_occurrence = case
    schedule = _schedule(expr, zone_name, probed)
    if schedule is None:
        return
    zone = schedule.tz
    length = 3 * DAY if expr.dialect == "cron" else 26 * 3600
    start = instant - length // 2
    if near_occurrence:
        upcoming = schedule.next(local(instant, zone))
        if upcoming is not None and upcoming.year < 9999:
            start = epoch(upcoming) - instant % (length - 3600)
    end = start + length
    found = schedule.between(local(start, zone), local(end, zone))
    for moment in found[:20]:
        _check_result(expr, zone, moment)
    expected = brute_force_between(expr, zone, start, end)
    event(f"{expr.dialect}, {'fixed-time' if expr.fixed_time else 'not fixed-time'}")
    event("window with occurrences" if expected else "empty window")
    year = local(start, zone).year
    if any(start <= change < end for change in transitions(zone_name, year - 1, year + 1)):
        event("window with an offset change")
    # ISO strings with offsets: the same instants, shown as the zone shows them.
    assert _isos(found) == [local(point, zone).isoformat() for point in expected], (
        expr.text, zone_name, local(start, zone).isoformat())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_cases())
def test_matches_agrees_with_oracle(case: Case) -> None:
    """``matches`` at a random instant, and at the next occurrence and its neighbours."""
    expr, zone_name, probed, start_utc = case
    schedule = _schedule(expr, zone_name, probed)
    if schedule is None:
        return
    zone = schedule.tz
    instant = epoch(start_utc)
    upcoming = schedule.next(start_utc)
    probes = {instant, instant + 1, instant - 1}
    if upcoming is not None:
        point = epoch(upcoming)
        probes |= {point - 1, point, point + 1, point + 60, point + 3600}
    for probe in sorted(probes):
        expected = fires_at(expr, zone, probe)
        assert schedule.matches(local(probe, zone)) == expected, (expr.text, probe)
        assert schedule.matches(datetime.fromtimestamp(probe, timezone.utc)) == expected


def _days_only(expr: Expr) -> Expr:
    """The same day fields (and years) at one time of day: 00:00:00."""
    time_fields = ("0", "0") if expr.dialect == "cron" else ("0", "0", "0")
    fields = (*time_fields, *expr.fields[len(time_fields):])
    midnight = frozenset({0})
    return replace(expr, text=" ".join(fields), fields=fields, seconds=midnight,
                   minutes=midnight, hours=midnight, fixed_time=True)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(property_exprs(), st.integers(1970, 2097))
def test_days_match_brute_force(expr: Expr, first_year: int) -> None:
    """Over two whole years (in UTC), cadence fires on exactly the days the matcher
    accepts: the calendar rules (L, L-n, W, LW, nL, n#k, the OR rule, years) day by day,
    including month ends that random minute windows rarely reach."""
    days = _days_only(expr)
    schedule = _schedule(days, "UTC")
    if schedule is None:
        return
    if days.years is not None:  # start in a listed year, so that something can match
        listed = sorted(days.years)
        first_year = min(listed[first_year % len(listed)], 2097)
    start, end = date(first_year, 1, 1), date(first_year + 2, 1, 1)
    found = schedule.between(datetime(first_year, 1, 1, tzinfo=timezone.utc),
                             datetime(first_year + 2, 1, 1, tzinfo=timezone.utc))
    assert all(moment.time() == time(0) for moment in found)
    expected = [start + timedelta(days=n) for n in range((end - start).days)
                if days.day_matches(start + timedelta(days=n))]
    event("days found" if expected else "no day in these two years")
    assert [moment.date() for moment in found] == expected, days.text


# -- never firing ---------------------------------------------------------------------

_SPARSE_DOM: tuple[tuple[str, DomSpec], ...] = (
    ("29", DomSpec(days=frozenset({29}))),
    ("30", DomSpec(days=frozenset({30}))),
    ("31", DomSpec(days=frozenset({31}))),
    ("30,31", DomSpec(days=frozenset({30, 31}))),
    ("29-31/2", DomSpec(days=frozenset({29, 31}))),
    ("L-28", DomSpec(from_last=frozenset({28}))),
    ("L-29", DomSpec(from_last=frozenset({29}))),
    ("L-30", DomSpec(from_last=frozenset({30}))),
    ("30W", DomSpec(nearest=frozenset({30}))),
    ("31W", DomSpec(nearest=frozenset({31}))),
)
# Day-of-month sets that start with '*' (so cron ANDs them with the weekday).
_STARRED_DOM: tuple[tuple[str, frozenset[int]], ...] = (
    ("*/29", frozenset({1, 30})),
    ("*/30", frozenset({1, 31})),
    ("*/14", frozenset({1, 15, 29})),
    ("*/15", frozenset({1, 16, 31})),
)


_SHORT_MONTHS: tuple[frozenset[int], ...] = (
    frozenset({2}), frozenset({4}), frozenset({2, 4}), frozenset({2, 9}),
    frozenset({6, 11}), frozenset({4, 6, 9, 11}),
)


@st.composite
def _sparse_exprs(draw: st.DrawFn) -> Expr:
    """Expressions on the edge of never firing: short months, 5th weekdays, years."""
    months = draw(st.sampled_from(_SHORT_MONTHS))
    month_text = ",".join(str(month) for month in sorted(months))
    kind = draw(st.sampled_from(("dom", "and", "quartz_dom", "quartz_dow")))
    cron_weekday = draw(st.integers(0, 6))  # cron number, 0 = Sunday
    weekday = (cron_weekday + 6) % 7
    k = draw(st.sampled_from((4, 5)))
    if kind == "dom":
        dom_text, dom = draw(st.sampled_from(_SPARSE_DOM))
        return Expr(text=f"0 0 {dom_text} {month_text} *", dialect="cron",
                    seconds=frozenset({0}), minutes=frozenset({0}), hours=frozenset({0}),
                    months=months, dom=dom, dow=None, day_or=False, fixed_time=True)
    if kind == "and":
        dom_text, days = draw(st.sampled_from(_STARRED_DOM))
        return Expr(text=f"0 0 {dom_text} {month_text} {cron_weekday}#{k}", dialect="cron",
                    seconds=frozenset({0}), minutes=frozenset({0}), hours=frozenset({0}),
                    months=months, dom=DomSpec(days=days),
                    dow=DowSpec(nth=frozenset({(weekday, k)})), day_or=False, fixed_time=True)
    first = draw(st.integers(1995, 2040))
    years = frozenset(range(first, first + draw(st.integers(0, 3))  + 1))
    year_text = f"{first}-{max(years)}"
    if kind == "quartz_dom":
        dom_text, dom = draw(st.sampled_from(_SPARSE_DOM))
        return Expr(text=f"0 0 0 {dom_text} {month_text} ? {year_text}", dialect="quartz",
                    seconds=frozenset({0}), minutes=frozenset({0}), hours=frozenset({0}),
                    months=months, dom=dom, dow=None, day_or=False, fixed_time=True,
                    years=years)
    quartz_weekday = cron_weekday + 1
    return Expr(text=f"0 0 0 ? {month_text} {quartz_weekday}#{k} {year_text}",
                dialect="quartz", seconds=frozenset({0}), minutes=frozenset({0}),
                hours=frozenset({0}), months=months, dom=None,
                dow=DowSpec(nth=frozenset({(weekday, k)})), day_or=False, fixed_time=True,
                years=years)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_sparse_exprs())
def test_never_fires_exactly_when_no_day_matches(expr: Expr) -> None:
    """``NeverFiresError`` exactly for expressions no day of any year matches.

    (Every other test checks the same through ``_schedule``; the expressions here sit
    on the edge: short months, fifth weekdays, a few Quartz years.)
    """
    event("fires" if _fires_on_some_day(expr) else "never fires")
    if _fires_on_some_day(expr):
        schedule = cadence.parse(expr.text, tz="UTC")
        found = schedule.next(datetime(2000, 1, 1, tzinfo=timezone.utc)) or schedule.prev(
            datetime(2000, 1, 1, tzinfo=timezone.utc))
        assert found is not None
        assert expr.wall_matches(found.replace(tzinfo=None))
    else:
        with pytest.raises(cadence.NeverFiresError):
            cadence.parse(expr.text, tz="UTC")


# -- every offset change of a few years, minute by minute ---------------------------------


def _every_day(text: str, seconds: Iterable[int], minutes: Iterable[int],
               hours: Iterable[int]) -> Expr:
    fields = tuple(text.split())
    minute_field, hour_field = fields[-5:-3] if len(fields) == 6 else fields[:2]
    return Expr(text=text, dialect="cron" if len(fields) == 5 else "quartz",
                seconds=frozenset(seconds), minutes=frozenset(minutes),
                hours=frozenset(hours), months=frozenset(range(1, 13)), dom=None, dow=None,
                day_or=False, fixed_time=not (minute_field.startswith("*")
                                              or hour_field.startswith("*")),
                fields=fields)


DENSE_EXPRS = (
    _every_day("* * * * *", {0}, range(60), range(24)),
    _every_day("0-59 0-23 * * *", {0}, range(60), range(24)),  # every minute, fixed-time
    _every_day("0,30 * * * *", {0}, {0, 30}, range(24)),
    _every_day("0,15,30,45 0-4,23 * * *", {0}, {0, 15, 30, 45}, {0, 1, 2, 3, 4, 23}),
    _every_day("*/20 * * * * ?", {0, 20, 40}, range(60), range(24)),
    _every_day("0/20 0-59 0-23 * * ?", {0, 20, 40}, range(60), range(24)),
)
# Kathmandu's 15-minute shift, Apia's lost day, Sao Paulo's midnight changes, this
# decade, and a year far enough ahead to come from the zone's rule for the future.
CHANGE_YEARS = (1986, 2011, 2018, 2026, 2300)


@pytest.mark.parametrize("probed", [False, True], ids=["tzif", "probed"])
@pytest.mark.parametrize("zone_name", PROPERTY_ZONES)
def test_offset_changes_brute_force(zone_name: str, probed: bool) -> None:
    """Around every offset change of the years above, ``between`` over 2 hours either
    side equals the minute-by-minute oracle, for dense cron and Quartz expressions with
    and without the fixed-time policy."""
    changes = [change for year in CHANGE_YEARS for change in transitions(zone_name, year, year)]
    for expr in DENSE_EXPRS:
        schedule = _schedule(expr, zone_name, probed)
        assert schedule is not None
        zone = schedule.tz
        for change in changes:
            start, end = change - 2 * 3600, change + 2 * 3600
            found = schedule.between(local(start, zone), local(end, zone))
            expected = brute_force_between(expr, zone, start, end)
            # ISO strings with offsets: the same instants, shown as the zone shows them.
            assert _isos(found) == [local(point, zone).isoformat() for point in expected], (
                expr.text, local(change, zone).isoformat())


# -- written-out cases in zones cronsim cannot check -------------------------------------

ZONE_CHANGE_CASES = [
    # Apia skipped 2011-12-30 entirely (-10:00 -> +14:00): a fixed-time job due that day
    # runs at the first instant after the jump, other jobs do not run that day.
    ("0 12 * * *", "Pacific/Apia", "2011-12-29T00:00-10:00", "2012-01-01T00:00+14:00",
     ["2011-12-29T12:00:00-10:00", "2011-12-31T00:00:00+14:00", "2011-12-31T12:00:00+14:00"]),
    ("*/30 12 * * *", "Pacific/Apia", "2011-12-29T00:00-10:00", "2012-01-01T00:00+14:00",
     ["2011-12-29T12:00:00-10:00", "2011-12-29T12:30:00-10:00", "2011-12-31T12:00:00+14:00",
      "2011-12-31T12:30:00+14:00"]),
    ("0 0 0 30 12 ?", "Pacific/Apia", "2011-12-29T00:00-10:00", "2012-01-01T00:00+14:00",
     ["2011-12-31T00:00:00+14:00"]),
    # Lord Howe moves by 30 minutes: 2:00 -> 2:30 on 2026-10-04, 2:00 -> 1:30 on 2026-04-05.
    ("15 2 * * *", "Australia/Lord_Howe", "2026-10-03T12:00+10:30", "2026-10-05T00:00+11:00",
     ["2026-10-04T02:30:00+11:00"]),
    ("*/15 2 * * *", "Australia/Lord_Howe", "2026-10-03T12:00+10:30",
     "2026-10-05T00:00+11:00", ["2026-10-04T02:30:00+11:00", "2026-10-04T02:45:00+11:00"]),
    ("45 1 * * *", "Australia/Lord_Howe", "2026-04-04T12:00+11:00", "2026-04-05T12:00+10:30",
     ["2026-04-05T01:45:00+11:00"]),
    ("*/15 1 * * *", "Australia/Lord_Howe", "2026-04-04T12:00+11:00",
     "2026-04-05T12:00+10:30",
     ["2026-04-05T01:00:00+11:00", "2026-04-05T01:15:00+11:00", "2026-04-05T01:30:00+11:00",
      "2026-04-05T01:45:00+11:00", "2026-04-05T01:30:00+10:30", "2026-04-05T01:45:00+10:30"]),
    # Kathmandu moved from +05:30 to +05:45 at 1986-01-01 00:00, skipping 15 minutes.
    ("5 0 1 1 *", "Asia/Kathmandu", "1985-12-31T00:00+05:30", "1986-01-02T00:00+05:45",
     ["1986-01-01T00:15:00+05:45"]),
    ("*/5 0 1 1 *", "Asia/Kathmandu", "1985-12-31T00:00+05:30", "1986-01-01T00:30+05:45",
     ["1986-01-01T00:15:00+05:45", "1986-01-01T00:20:00+05:45",
      "1986-01-01T00:25:00+05:45"]),
    ("*/20 * * * * ?", "Asia/Kathmandu", "1985-12-31T23:59:30+05:30",
     "1986-01-01T00:15:30+05:45",
     ["1985-12-31T23:59:40+05:30", "1986-01-01T00:15:00+05:45",
      "1986-01-01T00:15:20+05:45"]),
    # Fixed-time with seconds: every skipped second maps to the one instant after the jump.
    ("*/20 5 0 * * ?", "Asia/Kathmandu", "1985-12-31T23:59:00+05:30",
     "1986-01-01T00:16:00+05:45", ["1986-01-01T00:15:00+05:45"]),
]


@pytest.mark.parametrize(("text", "zone_name", "start", "end", "expected"), ZONE_CHANGE_CASES)
def test_unusual_zone_changes(text: str, zone_name: str, start: str, end: str,
                              expected: list[str]) -> None:
    # Debian cron's policy for every row, the Quartz strings included (Quartz's own
    # policy skips these gaps: tests/test_dst_policies.py).
    schedule = cadence.parse(text, tz=zone_name, dst="cron")
    assert _isos(schedule.between(start, end)) == expected
    found = take(schedule.iter_before(end), len(expected) + 1)
    assert _isos(found[: len(expected)][::-1]) == expected
