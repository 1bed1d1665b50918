"""Every offset change of every zone against a brute-force oracle of Debian cron's policy.

The oracle reads nothing of cadence: it finds each zone's offset changes with
``zoneinfo`` (a coarse scan, then bisection), reads the wall clock of every minute a few
hours either side, and states the policy plainly (see tests/test_dst.py):

- a rule whose minute or hour field starts with ``*`` fires at every instant whose wall
  time matches: both passes of a repeated time, never in a skipped one;
- a fixed-time rule fires at the first instant showing each matching wall time, and for
  matching wall times the clocks jump over, once, at the instant of the jump.

Cadence's ``between``, ``next``, ``prev`` and ``matches`` must then say the same. The
normal suite runs the zones named in issue 13 (a repeated interval across local
midnight lost its firings there); the ``slow`` mark runs every zone.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timezone
from functools import cache
from itertools import takewhile
from zoneinfo import ZoneInfo

import pytest

import cadence

FIRST_YEAR, LAST_YEAR = 1900, 2100
FIRST_INSTANT = int(datetime(FIRST_YEAR, 1, 1, tzinfo=timezone.utc).timestamp())
LAST_INSTANT = int(datetime(LAST_YEAR + 1, 1, 1, tzinfo=timezone.utc).timestamp())
# A zone's offset changes lie more than a week apart (a scan every six hours finds no
# more in 1900-2100).
_SCAN_STEP = 7 * 86400
_WINDOW = 4 * 3600  # checked either side of a change: longer than any repeated interval
_MARGIN = 1800  # the oracle's reach past the window: each edge has a firing beyond it

# (cron text, minutes, hours, fixed time): the oracle's own reading of each rule.
EVERY_HALF_HOUR = ("*/30 * * * *", frozenset({0, 30}), frozenset(range(24)), False)
FIXED_HALF_HOURS = ("0,30 0-23 * * *", frozenset({0, 30}), frozenset(range(24)), True)
HALF_PAST_MIDNIGHT = ("30 0 * * *", frozenset({30}), frozenset({0}), True)
RULES = (EVERY_HALF_HOUR, FIXED_HALF_HOURS, HALF_PAST_MIDNIGHT)
Rule = tuple[str, frozenset[int], frozenset[int], bool]

# The zones where the full sweep first found firings lost to repeated intervals across
# midnight (issue 13: 93 changes with the aliases Canada/Newfoundland and US/Arizona).
NAMED_ZONES = ("America/Goose_Bay", "America/St_Johns", "America/Moncton", "America/Phoenix",
               "Pacific/Guam", "Pacific/Saipan", "Antarctica/Casey")


def offset(zone: ZoneInfo, instant: int) -> int:
    moment = datetime.fromtimestamp(instant, zone)
    delta = moment.utcoffset()
    assert delta is not None
    return int(delta.total_seconds())


@cache
def changes(name: str) -> tuple[int, ...]:
    """The instants at which ``name``'s UTC offset changes, years 1900-2100."""
    zone = ZoneInfo(name)
    found = []
    before = offset(zone, FIRST_INSTANT)
    for probe in range(FIRST_INSTANT, LAST_INSTANT, _SCAN_STEP):
        after = offset(zone, probe + _SCAN_STEP)
        if after != before:
            found.append(change_in(zone, probe, probe + _SCAN_STEP))
        before = after
    return tuple(found)


def change_in(zone: ZoneInfo, low: int, high: int) -> int:
    """The first instant in ``(low, high]`` whose offset is not that of ``low``."""
    before = offset(zone, low)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if offset(zone, middle) == before else (low, middle)
    return high


def wall_matches(rule: Rule, wall: int) -> bool:
    """Whether wall time ``wall`` (local seconds since 1970) is one of ``rule``'s."""
    return wall % 60 == 0 and wall // 60 % 60 in rule[1] and wall // 3600 % 24 in rule[2]


Clock = list[tuple[int, int]]
"""``(instant, UTC offset)`` of every instant in a window that shows a whole minute on
the wall clock, ascending: the wall time is their sum."""


def clock(zone: ZoneInfo, low: int, high: int) -> Clock:
    offsets = {offset(zone, instant) for instant in range(low, high + 1, 900)}
    instants = sorted({instant for shift in offsets
                       for instant in range(low + (-low - shift) % 60, high, 60)})
    return [(instant, offset(zone, instant)) for instant in instants]


def expected_firings(zone: ZoneInfo, rule: Rule, walls: Clock) -> list[int]:
    """The oracle: the instants of the window ``walls`` at which ``rule`` fires."""
    offsets = {shift for _, shift in walls}
    fired: set[int] = set()
    for index, (moment, shift) in enumerate(walls):
        before, before_offset = walls[index - 1]
        if rule[3] and index and shift > before_offset:  # the clocks jumped forward
            fired.update(jump_firing(zone, rule, before, moment))
        wall = moment + shift
        if wall_matches(rule, wall) and not (rule[3] and any(
                wall - other < moment and offset(zone, wall - other) == other
                for other in offsets)):  # a fixed time fires in the first pass only
            fired.add(moment)
    return sorted(fired)


def jump_firing(zone: ZoneInfo, rule: Rule, before: int, after: int) -> list[int]:
    """A fixed-time rule's firing at a forward jump between instants ``before`` and
    ``after``: once, at the jump, if the clocks skip a wall time of the rule."""
    jump = change_in(zone, before, after)
    skipped_from = jump - 1 + offset(zone, jump - 1) + 1  # wall times, as local seconds
    skipped_to = jump + offset(zone, jump)
    first = skipped_from + (-skipped_from) % 60
    return [jump] if any(wall_matches(rule, wall)
                         for wall in range(first, skipped_to, 60)) else []


def instant(moment: datetime | None) -> int | None:
    return None if moment is None else int(moment.timestamp())


def disagreements(name: str, change: int, probes: str) -> list[str]:
    """What cadence says differently from the oracle around the change at ``change``.

    ``between`` and backward iteration cover the window, and next, prev and matches are
    asked from the seconds around the change; then, by ``probes``: "every minute" asks
    them from every minute of the window and every second near the change as well,
    "firings" asks for each firing from either side and matches it, "matches" only
    matches each firing (the full sweep's lighter load).
    """
    zone = ZoneInfo(name)
    low, high = change - _WINDOW, change + _WINDOW
    # Firings a little outside the window answer next and prev at its edges.
    walls = clock(zone, low - _MARGIN, high + _MARGIN)
    points = {change - 1, change, change + 1}
    if probes == "every minute":
        points.update(range(low, high, 60), range(change - 120, change + 120))
    problems = []
    for rule in RULES:
        schedule = schedule_for(name, rule[0])
        expected = expected_firings(zone, rule, walls)
        inside = [moment for moment in expected if low <= moment < high]
        forward = [instant(moment) for moment in schedule.between(utc(low), utc(high))]
        backward = [instant(moment) for moment in takewhile(
            lambda moment: moment >= utc(low), schedule.iter_before(utc(high)))][::-1]
        for method, walked in (("between", forward), ("iter_before", backward)):
            if walked != inside:
                problems.append(f"{rule[0]!r} {method}: {iso(walked)} != {iso(inside)}")
        asked = [(method, point) for point in sorted(points)
                 for method in ("next", "prev", "matches")]
        if probes == "firings":
            asked += [(method, moment + step) for moment in inside
                      for method, step in (("next", -1), ("prev", 1), ("matches", 0))]
        elif probes == "matches":
            asked += [("matches", moment) for moment in inside]
        for method, point in asked:
            if method == "matches":
                found: object = schedule.matches(utc(point))
                answer: object = point in expected
            elif method == "next":
                found = instant(schedule.next(utc(point)))
                answer = next((moment for moment in expected if moment > point), None)
            else:
                found = instant(schedule.prev(utc(point)))
                answer = next((moment for moment in reversed(expected) if moment < point),
                              None)
            if answer is not None and found != answer:
                problems.append(f"{rule[0]!r} {method}({iso([point])}): {found} != {answer}")
    return [f"{name} around {iso([change])}: {problem}" for problem in problems]


@cache
def schedule_for(name: str, source: str) -> cadence.Schedule:
    return cadence.parse(source, tz=name)


def utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def iso(instants: list[int | None] | list[int]) -> str:
    return ", ".join("None" if moment is None else utc(moment).isoformat().replace(
        "+00:00", "Z") for moment in instants)


def sweep(names: tuple[str, ...], probes: str) -> list[str]:
    return [problem for name in names for change in changes(name)
            for problem in disagreements(name, change, probes)]


@cache
def distinct_zones() -> tuple[str, ...]:
    """One name for each set of zones whose offsets agree 1900-2100 (a link and the zone
    it names answer alike)."""
    found: dict[tuple[int, ...], str] = {}
    for name in sorted(zoneinfo.available_timezones()):
        zone = ZoneInfo(name)
        moments = changes(name)
        key = (offset(zone, FIRST_INSTANT), *moments, *(offset(zone, at) for at in moments))
        found.setdefault(key, name)
    return tuple(found.values())


# The oracle itself, on changes worked out by hand, two hours either side.
ORACLE = [
    pytest.param("America/New_York", ("30 2 * * *", frozenset({30}), frozenset({2}), True),
                 "2026-03-08T07:00:00Z", ["2026-03-08T07:00:00Z"],
                 id="new-york-spring-a-skipped-fixed-time-fires-at-the-jump"),
    pytest.param("America/New_York", ("0 * * * *", frozenset({0}), frozenset(range(24)), False),
                 "2026-03-08T07:00:00Z",
                 ["2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z",
                  "2026-03-08T08:00:00Z"],
                 id="new-york-spring-hourly-skips-the-missing-hour"),
    pytest.param("America/New_York", EVERY_HALF_HOUR, "2026-11-01T06:00:00Z",
                 ["2026-11-01T04:00:00Z", "2026-11-01T04:30:00Z", "2026-11-01T05:00:00Z",
                  "2026-11-01T05:30:00Z", "2026-11-01T06:00:00Z", "2026-11-01T06:30:00Z",
                  "2026-11-01T07:00:00Z", "2026-11-01T07:30:00Z"],
                 id="new-york-autumn-both-passes"),
    pytest.param("America/New_York", ("30 1 * * *", frozenset({30}), frozenset({1}), True),
                 "2026-11-01T06:00:00Z", ["2026-11-01T05:30:00Z"],
                 id="new-york-autumn-a-fixed-time-in-the-first-pass"),
    pytest.param("Antarctica/Casey", HALF_PAST_MIDNIGHT, "2010-03-04T15:00:00Z",
                 ["2010-03-04T13:30:00Z"], id="casey-a-fixed-time-in-the-first-pass"),
    pytest.param("Asia/Kathmandu", ("0 0 * * *", frozenset({0}), frozenset({0}), True),
                 "1985-12-31T18:30:00Z", ["1985-12-31T18:30:00Z"],
                 id="kathmandu-a-skipped-midnight-fires-at-the-jump"),
]


@pytest.mark.parametrize(("name", "rule", "change", "expected"), ORACLE)
def test_the_oracle_states_the_policy(name: str, rule: Rule, change: str,
                                      expected: list[str]) -> None:
    moment = int(datetime.fromisoformat(change.replace("Z", "+00:00")).timestamp())
    zone = ZoneInfo(name)
    found = expected_firings(zone, rule, clock(zone, moment - 7200, moment + 7200))
    assert [utc(at).isoformat().replace("+00:00", "Z") for at in found] == expected


@pytest.mark.parametrize("name", NAMED_ZONES)
def test_every_change_of_the_named_zones_agrees_with_the_oracle(name: str) -> None:
    assert sweep((name,), "firings") == []


# Repeated intervals across local midnight (the first three), a day the clocks skip and
# a quarter of an hour skipped at midnight: asked about minute by minute.
MINUTE_BY_MINUTE = [
    pytest.param("Antarctica/Casey", "2010-03-04T15:00:00Z", id="casey-2010-back-3-hours"),
    pytest.param("America/St_Johns", "1987-10-25T02:31:00Z", id="st-johns-1987-autumn"),
    pytest.param("America/Goose_Bay", "1988-10-30T02:01:00Z", id="goose-bay-1988-back-2-hours"),
    pytest.param("Pacific/Apia", "2011-12-30T10:00:00Z", id="apia-2011-skips-a-day"),
    pytest.param("Asia/Kathmandu", "1985-12-31T18:30:00Z", id="kathmandu-1986-midnight"),
]


@pytest.mark.parametrize(("name", "change"), MINUTE_BY_MINUTE)
def test_the_oracle_agrees_minute_by_minute(name: str, change: str) -> None:
    moment = int(datetime.fromisoformat(change.replace("Z", "+00:00")).timestamp())
    assert moment in changes(name)
    assert disagreements(name, moment, "every minute") == []


SHARDS = 8  # the sweep in pieces, for pytest -n


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_change_of_every_zone_agrees_with_the_oracle(shard: int) -> None:
    assert sweep(distinct_zones()[shard::SHARDS], "matches") == []
