"""Hypothesis strategies for cron and Quartz expressions, each with an independent meaning.

Every generated :class:`Expr` carries its text *and* what it means. The meaning is built
from the generator's own choices (a range ``a-b/n`` is ``range(a, b + 1, n)``), never by
parsing the text, so the matcher and the DST oracle below are independent of cadence's
parser and evaluator.

The DST oracle (:func:`fires_at`) states cadence's policy, which is Debian cron's:

* a *fixed-time* expression (minute and hour fields not starting with ``*``) fires once
  for a wall-clock time that occurs twice (at the first pass), and for a wall-clock time
  that a jump forward skips, at the first instant after the jump;
* any other expression fires at every real instant whose wall-clock time matches.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache
from itertools import islice
from typing import Literal, TypeVar
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

__all__ = [
    "CRONSIM_ZONES",
    "PROPERTY_ZONES",
    "DomSpec",
    "DowSpec",
    "Expr",
    "ProbedZone",
    "brute_force_between",
    "cron_exprs",
    "cronsim_exprs",
    "epoch",
    "fires_at",
    "instants",
    "is_ambiguous",
    "local",
    "offset_at",
    "property_exprs",
    "quartz_exprs",
    "take",
    "transitions",
    "wide_instants",
]

T = TypeVar("T")

CRONSIM_ZONES = (
    "UTC",
    "America/New_York",
    "Europe/Riga",
    "Europe/Berlin",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "Asia/Kathmandu",
)
# Lord Howe shifts by 30 minutes; Apia skipped the whole of 2011-12-30.
PROPERTY_ZONES = (*CRONSIM_ZONES, "Australia/Lord_Howe", "Pacific/Apia")

MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
DAY_NAMES = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")

_UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)
_NAIVE_EPOCH = datetime(1970, 1, 1)


def take(iterator: Iterable[T], count: int) -> list[T]:
    return list(islice(iterator, count))


# -- instants and zones ---------------------------------------------------------------


def epoch(moment: datetime) -> int:
    """Whole seconds since the epoch of an aware datetime (fractions dropped)."""
    return (moment - _EPOCH) // timedelta(seconds=1)


def local(instant: int, zone: tzinfo) -> datetime:
    """The aware wall-clock datetime of an instant (``fold=1`` in the second pass)."""
    return datetime.fromtimestamp(instant, zone)


class ProbedZone(tzinfo):
    """An IANA zone behind a plain ``tzinfo``: cadence cannot read its TZif file and has
    to find the zone's offset changes by probing (its path for other tzinfo types)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.zone = ZoneInfo(name)

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None if dt is None else dt.replace(tzinfo=self.zone).utcoffset()

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None if dt is None else dt.replace(tzinfo=self.zone).dst()

    def tzname(self, dt: datetime | None) -> str | None:
        return None if dt is None else dt.replace(tzinfo=self.zone).tzname()

    def fromutc(self, dt: datetime) -> datetime:
        return self.zone.fromutc(dt.replace(tzinfo=self.zone)).replace(tzinfo=self)

    def __repr__(self) -> str:
        return f"ProbedZone({self.name!r})"


def offset_at(instant: int, zone: tzinfo) -> int:
    delta = local(instant, zone).utcoffset()
    assert delta is not None
    return delta // timedelta(seconds=1)


def is_ambiguous(moment: datetime) -> bool:
    """Whether the wall-clock time of ``moment`` occurs twice (a repeated hour)."""
    other = moment.replace(fold=1 - moment.fold)
    return other.utcoffset() != moment.utcoffset()


@cache
def transitions(zone_name: str, first_year: int = 1988, last_year: int = 2062) -> tuple[int, ...]:
    """Instants (to the second) at which the zone's UTC offset changes, in the years given.

    Found by probing every 12 hours and bisecting; two changes within 12 hours would be
    missed, which no zone used here has in these years.
    """
    zone = ZoneInfo(zone_name)
    start = epoch(datetime(first_year, 1, 1, tzinfo=_UTC))
    end = epoch(datetime(last_year + 1, 1, 1, tzinfo=_UTC))
    found: list[int] = []
    step = 12 * 3600
    previous = offset_at(start, zone)
    for probe in range(start + step, end, step):
        current = offset_at(probe, zone)
        if current != previous:
            found.append(first_change(probe - step, probe, zone))
            previous = current
    return tuple(found)


def first_change(low: int, high: int, zone: tzinfo) -> int:
    """The instant in ``(low, high]`` at which the zone's UTC offset changes, by
    bisection (one change lies between them)."""
    before = offset_at(low, zone)
    while high - low > 1:
        middle = (low + high) // 2
        if offset_at(middle, zone) == before:
            low = middle
        else:
            high = middle
    return high


_EDGES = (0, 1, -1, 59, 60, -60, 61, 1799, 1800, -1800, 3599, 3600, -3600, 3601, 5400, 7200)


def _year_start(year: int) -> int:
    return epoch(datetime(year, 1, 1, tzinfo=_UTC))


@st.composite
def instants(draw: st.DrawFn, zone_name: str, first_year: int = 1990,
             last_year: int = 2060) -> int:
    """Epoch seconds in the years given, often on or near a UTC offset change."""
    low, high = _year_start(first_year), _year_start(last_year + 1) - 1
    changes = [t for t in transitions(zone_name, first_year - 1, last_year + 1)
               if low <= t <= high]
    mode = draw(st.sampled_from(("uniform", "day", "edge", "edge")) if changes
                else st.just("uniform"))
    if mode == "uniform":
        return draw(st.integers(low, high))
    change = draw(st.sampled_from(changes))
    if mode == "day":
        return change + draw(st.integers(-36 * 3600, 36 * 3600))
    return change + draw(st.sampled_from(_EDGES)) + 60 * draw(st.integers(-90, 90))


@st.composite
def wide_instants(draw: st.DrawFn, zone_name: str) -> int:
    """Mostly 1990-2060; else 1930-1989 (older rules, Kathmandu's 1986 shift) or any year
    up to 9990 (offsets from the zone's rule for the future)."""
    era = draw(st.sampled_from(("recent", "recent", "recent", "past", "future")))
    if era == "recent":
        return draw(instants(zone_name))
    if era == "past":
        return draw(instants(zone_name, 1930, 1989))
    year = draw(st.integers(2061, 2200) | st.integers(2061, 9990))
    return draw(instants(zone_name, year, year))


# -- the meaning of an expression --------------------------------------------------------


def _last_weekday(year: int, month: int) -> int:
    length = calendar.monthrange(year, month)[1]
    weekday = date(year, month, length).weekday()
    return length - max(0, weekday - 4)  # Saturday: -1, Sunday: -2


def _nearest_weekday(year: int, month: int, day: int) -> int | None:
    """Quartz ``nW``: the Monday-Friday day nearest ``day`` without leaving the month."""
    length = calendar.monthrange(year, month)[1]
    if day > length:
        return None
    weekday = date(year, month, day).weekday()
    if weekday == 5:
        return day - 1 if day > 1 else day + 2
    if weekday == 6:
        return day + 1 if day < length else day - 2
    return day


@dataclass(frozen=True)
class DomSpec:
    """Day-of-month parts (a union)."""

    days: frozenset[int] = frozenset()
    from_last: frozenset[int] = frozenset()  # 'L' is 0, 'L-3' is 3
    nearest: frozenset[int] = frozenset()  # '15W'
    last_weekday: bool = False  # 'LW'

    def matches(self, day: date) -> bool:
        length = calendar.monthrange(day.year, day.month)[1]
        if day.day in self.days or (length - day.day) in self.from_last:
            return True
        if self.last_weekday and day.day == _last_weekday(day.year, day.month):
            return True
        return any(_nearest_weekday(day.year, day.month, n) == day.day for n in self.nearest)

    def union(self, other: DomSpec) -> DomSpec:
        return DomSpec(self.days | other.days, self.from_last | other.from_last,
                       self.nearest | other.nearest, self.last_weekday or other.last_weekday)


@dataclass(frozen=True)
class DowSpec:
    """Day-of-week parts (a union); weekdays as Python numbers them (0 = Monday)."""

    days: frozenset[int] = frozenset()
    nth: frozenset[tuple[int, int]] = frozenset()  # (weekday, k) for 'n#k'
    last: frozenset[int] = frozenset()  # 'nL'

    def matches(self, day: date) -> bool:
        weekday = day.weekday()
        if weekday in self.days or (weekday, (day.day - 1) // 7 + 1) in self.nth:
            return True
        length = calendar.monthrange(day.year, day.month)[1]
        return weekday in self.last and day.day + 7 > length

    def union(self, other: DowSpec) -> DowSpec:
        return DowSpec(self.days | other.days, self.nth | other.nth, self.last | other.last)


@dataclass(frozen=True)
class Expr:
    """An expression's text and its meaning."""

    text: str
    dialect: Literal["cron", "quartz"]
    seconds: frozenset[int]
    minutes: frozenset[int]
    hours: frozenset[int]
    months: frozenset[int]
    dom: DomSpec | None  # None: every day ('*' or '?')
    dow: DowSpec | None
    day_or: bool  # Debian cron: both day fields restricted and neither starts with '*'
    fixed_time: bool
    years: frozenset[int] | None = None
    fields: tuple[str, ...] = ()  # the text's fields, in order
    sorted_seconds: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sorted_seconds", tuple(sorted(self.seconds)))

    def day_matches(self, day: date) -> bool:
        if day.month not in self.months or (self.years is not None
                                            and day.year not in self.years):
            return False
        if self.dialect == "quartz" and day.year < 1970:  # Quartz's years start in 1970
            return False
        by_dom = self.dom is None or self.dom.matches(day)
        by_dow = self.dow is None or self.dow.matches(day)
        return (by_dom or by_dow) if self.day_or else (by_dom and by_dow)

    def minute_matches(self, wall: datetime) -> bool:
        """Whether the wall-clock minute matches (every field but the second)."""
        return (wall.minute in self.minutes and wall.hour in self.hours
                and self.day_matches(wall.date()))

    def wall_matches(self, wall: datetime) -> bool:
        return wall.second in self.seconds and self.minute_matches(wall)

    def fires_on_some_day(self) -> bool:
        """Whether any day matches: the years 2001-2028 hold every kind of year."""
        years = sorted(self.years) if self.years is not None else range(2001, 2029)
        for year in years:
            for month in sorted(self.months):
                length = calendar.monthrange(year, month)[1]
                if any(self.day_matches(date(year, month, d)) for d in range(1, length + 1)):
                    return True
        return False


# -- the DST oracle and the brute-force enumeration --------------------------------------


def _skipped_wall_matches(expr: Expr, wall_start: int, wall_end: int) -> bool:
    """Whether a wall-clock second in ``[wall_start, wall_end)`` (local epoch) matches."""
    minute = wall_start - wall_start % 60
    while minute < wall_end:
        wall = _NAIVE_EPOCH + timedelta(seconds=minute)
        if expr.minute_matches(wall) and any(
            wall_start <= minute + second < wall_end for second in expr.seconds
        ):
            return True
        minute += 60
    return False


def _plain(zone: tzinfo) -> tzinfo:
    """The zone itself, for the oracle: a :class:`ProbedZone` only routes cadence."""
    return zone.zone if isinstance(zone, ProbedZone) else zone


def in_its_pass(expr: Expr, moment: datetime) -> bool:
    """Whether a matching wall-clock ``moment`` (aware, from ``local``) fires by the pass
    it is in: Debian cron fires a fixed time on the first pass of a repeated time and
    other rules on both; Quartz fires every time on its second (or only) pass."""
    if expr.dialect == "quartz":
        return moment.fold == 1 or moment.replace(fold=1).utcoffset() == moment.utcoffset()
    return not expr.fixed_time or moment.fold == 0


def fires_at(expr: Expr, zone: tzinfo, instant: int) -> bool:
    """Whether ``expr`` in ``zone`` fires at ``instant`` (epoch seconds), by the policy
    of its dialect (cadence.dst: cron's for cron, Quartz's for Quartz)."""
    zone = _plain(zone)
    moment = local(instant, zone)
    if expr.wall_matches(moment.replace(tzinfo=None)) and in_its_pass(expr, moment):
        return True
    if not expr.fixed_time or expr.dialect == "quartz":  # Quartz skips a gap's times
        return False
    before, after = offset_at(instant - 1, zone), offset_at(instant, zone)
    # A jump forward ends at ``instant``: wall times [instant + before, instant + after)
    # never happened, and a fixed-time job due in them runs now.
    return after > before and _skipped_wall_matches(expr, instant + before, instant + after)


def brute_force_between(expr: Expr, zone: tzinfo, start: int, end: int) -> list[int]:
    """Every instant in ``[start, end)`` at which ``expr`` fires, by walking the minutes.

    Within a UTC minute with one offset and one ``fold`` (and no change at its start) all
    seconds share the wall-clock minute, so only the expression's seconds are looked at;
    any other minute is checked second by second with :func:`fires_at`.
    """
    zone = _plain(zone)
    found: list[int] = []
    first = start - start % 60
    previous = local(first - 1, zone).utcoffset()
    for minute in range(first, end, 60):
        head, tail = local(minute, zone), local(minute + 59, zone)
        offset = head.utcoffset()
        assert offset is not None
        assert offset.seconds % 60 == 0, "whole-minute offsets only"
        if offset == previous and tail.utcoffset() == offset and tail.fold == head.fold:
            if expr.minute_matches(head.replace(tzinfo=None)) and in_its_pass(expr, head):
                found.extend(
                    minute + second for second in expr.sorted_seconds
                    if start <= minute + second < end
                )
        else:
            found.extend(
                instant for instant in range(max(minute, start), min(minute + 60, end))
                if fires_at(expr, zone, instant)
            )
        previous = tail.utcoffset()
    return found


# -- generating fields ------------------------------------------------------------------


@dataclass(frozen=True)
class FieldInfo:
    low: int
    high: int
    names: tuple[str, ...] = ()
    name_base: int = 0
    cycle_high: int | None = None  # wrap-around ranges run to here, then from low
    hot: tuple[int, ...] = ()  # values drawn more often (DST hours, month ends)


SECOND = FieldInfo(0, 59, hot=(0, 1, 30, 59))
MINUTE = FieldInfo(0, 59, hot=(0, 1, 15, 30, 45, 59))
HOUR = FieldInfo(0, 23, hot=(0, 1, 2, 3, 4, 23))
DOM = FieldInfo(1, 31, hot=(1, 2, 15, 28, 29, 30, 31))
MONTH = FieldInfo(1, 12, MONTH_NAMES, 1, hot=(2, 3, 4, 9, 10, 11, 12))
CRON_DOW = FieldInfo(0, 7, DAY_NAMES, 0, cycle_high=6)
QUARTZ_DOW = FieldInfo(1, 7, DAY_NAMES, 1, cycle_high=7)
YEAR = FieldInfo(1970, 2099, hot=(1990, 2000, 2024, 2025, 2026, 2040, 2060))

SAFE_KINDS = ("num", "num", "range", "range_step", "star_step", "start_step")
WRAP_KINDS = (*SAFE_KINDS, "wrap", "wrap_step")


def _cased(draw: st.DrawFn, name: str) -> str:
    return draw(st.sampled_from((name, name.lower(), name.title())))


def _bound(draw: st.DrawFn, spec: FieldInfo, value: int) -> str:
    index = value - spec.name_base
    if spec.names and 0 <= index < len(spec.names) and draw(st.booleans()):
        return _cased(draw, spec.names[index])
    return str(value)


def _value(draw: st.DrawFn, spec: FieldInfo, low: int | None = None,
           high: int | None = None) -> int:
    low = spec.low if low is None else low
    high = spec.high if high is None else high
    hot = [v for v in spec.hot if low <= v <= high]
    if hot and bool(draw(st.booleans())):
        return draw(st.sampled_from(hot))
    return draw(st.integers(low, high))


def _step(draw: st.DrawFn, spec: FieldInfo) -> int:
    # At most the field's top: Quartz refuses larger steps ('Increment > 60 : 60').
    return draw(st.integers(1, min(spec.high - spec.low + 1, spec.high)) | st.integers(1, 6))


@st.composite
def _item(draw: st.DrawFn, spec: FieldInfo, kinds: Sequence[str]) -> tuple[str, list[int]]:
    """One list item of a numeric field: its text and its values (in field numbering)."""
    kind = draw(st.sampled_from(kinds))
    if kind in ("wrap", "wrap_step") and spec.cycle_high is None:
        kind = "range"
    if kind == "num":
        value = _value(draw, spec)
        return _bound(draw, spec, value), [value]
    if kind == "star":
        return "*", list(range(spec.low, spec.high + 1))
    if kind == "star_step":
        step = _step(draw, spec)
        return f"*/{step}", list(range(spec.low, spec.high + 1, step))
    if kind == "start_step":
        start, step = _value(draw, spec), _step(draw, spec)
        return f"{_bound(draw, spec, start)}/{step}", list(range(start, spec.high + 1, step))
    if kind in ("wrap", "wrap_step"):
        assert spec.cycle_high is not None
        start = _value(draw, spec, spec.low + 1, spec.cycle_high)
        end = _value(draw, spec, spec.low, start - 1)
        values = list(range(start, spec.cycle_high + 1)) + list(range(spec.low, end + 1))
        text = f"{_bound(draw, spec, start)}-{_bound(draw, spec, end)}"
        if kind == "wrap":
            return text, values
        step = _step(draw, spec)
        return f"{text}/{step}", values[::step]
    if kind == "range":
        start = _value(draw, spec)
        end = _value(draw, spec, start, spec.high)
        return f"{_bound(draw, spec, start)}-{_bound(draw, spec, end)}", list(
            range(start, end + 1))
    assert kind == "range_step"
    # Only a < b: cronsim reads 'a-a/n' as 'a/n'.
    start = _value(draw, spec, spec.low, spec.high - 1)
    end = _value(draw, spec, start + 1, spec.high)
    step = _step(draw, spec)
    text = f"{_bound(draw, spec, start)}-{_bound(draw, spec, end)}/{step}"
    return text, list(range(start, end + 1, step))


@st.composite
def _numeric_field(draw: st.DrawFn, spec: FieldInfo, kinds: Sequence[str],
                   star_led: bool | None = None) -> tuple[str, frozenset[int]]:
    """A whole numeric field; ``star_led`` forces whether its text starts with '*'."""
    if star_led is None:
        star_led = draw(st.booleans())
    if star_led:
        first = draw(st.sampled_from(("*", "*", "*/")))
        if first == "*":
            text, values = "*", list(range(spec.low, spec.high + 1))
        else:
            text, values = draw(_item(spec, ("star_step",)))
    else:
        text, values = draw(_item(spec, kinds))
    parts, all_values = [text], set(values)
    if text != "*":
        for extra_text, extra_values in draw(st.lists(_item(spec, (*kinds, "star_step")),
                                                      max_size=2)):
            parts.append(extra_text)
            all_values.update(extra_values)
    return ",".join(parts), frozenset(all_values)


def _cron_weekday(value: int) -> int:
    return (value + 6) % 7  # cron 0/7 = Sunday -> Python 6


def _quartz_weekday(value: int) -> int:
    return (value + 5) % 7  # Quartz 1 = Sunday -> Python 6, 7 = Saturday -> 5


DomPart = tuple[str, DomSpec]
DowPart = tuple[str, DowSpec]


@st.composite
def _dom_special(draw: st.DrawFn, extended: bool) -> DomPart:
    kinds = ("L", "LW", "L-n", "nW") if extended else ("L", "LW")
    kind = draw(st.sampled_from(kinds))
    if kind == "L":
        return "L", DomSpec(from_last=frozenset({0}))
    if kind == "LW":
        return "LW", DomSpec(last_weekday=True)
    if kind == "L-n":
        offset = draw(st.integers(1, 6) | st.integers(1, 30))
        return f"L-{offset}", DomSpec(from_last=frozenset({offset}))
    day = _value(draw, DOM)
    return f"{day}W", DomSpec(nearest=frozenset({day}))


@st.composite
def _dom_field(draw: st.DrawFn, *, extended: bool, wrap: bool,
               special_alone: bool) -> DomPart:
    """A restricted day-of-month field (never '*')."""
    kinds = WRAP_KINDS if wrap else SAFE_KINDS
    shape = draw(st.sampled_from(("numeric", "numeric", "star_step", "special", "mixed")))
    if shape == "star_step" or (shape == "mixed" and special_alone):
        text, values = draw(_numeric_field(DOM, kinds, star_led=True))
        return text, DomSpec(days=values)
    if shape == "numeric":
        text, values = draw(_numeric_field(DOM, kinds, star_led=False))
        return text, DomSpec(days=values)
    if shape == "special" or special_alone:
        return draw(_dom_special(extended))
    parts: list[DomPart] = draw(st.lists(
        st.one_of(_dom_special(extended),
                  _item(DOM, kinds).map(lambda p: (p[0], DomSpec(days=frozenset(p[1]))))),
        min_size=2, max_size=3))
    spec = DomSpec()
    for _, part in parts:
        spec = spec.union(part)
    return ",".join(text for text, _ in parts), spec


@st.composite
def _dow_special(draw: st.DrawFn, quartz: bool) -> DowPart:
    spec_info = QUARTZ_DOW if quartz else CRON_DOW
    to_weekday = _quartz_weekday if quartz else _cron_weekday
    value = draw(st.integers(spec_info.low, spec_info.high))
    if draw(st.booleans()):
        return f"{value}L", DowSpec(last=frozenset({to_weekday(value)}))
    k = draw(st.integers(1, 5))
    return f"{_bound(draw, spec_info, value)}#{k}", DowSpec(
        nth=frozenset({(to_weekday(value), k)}))


@st.composite
def _dow_field(draw: st.DrawFn, *, quartz: bool, wrap: bool) -> DowPart:
    """A restricted day-of-week field (never '*')."""
    spec_info = QUARTZ_DOW if quartz else CRON_DOW
    to_weekday = _quartz_weekday if quartz else _cron_weekday
    kinds = WRAP_KINDS if wrap else SAFE_KINDS
    shape = draw(st.sampled_from(("numeric", "numeric", "star_step", "special", "mixed")))
    if quartz and shape == "mixed":
        shape = "special"
    if quartz and shape == "special" and draw(st.integers(0, 4)) == 0:
        return _cased(draw, "L"), DowSpec(days=frozenset({5}))  # Quartz 'L' alone: Saturday
    if shape in ("numeric", "star_step"):
        text, values = draw(_numeric_field(spec_info, kinds, star_led=shape == "star_step"))
        return text, DowSpec(days=frozenset(map(to_weekday, values)))
    if shape == "special":
        return draw(_dow_special(quartz))
    parts: list[DowPart] = draw(st.lists(
        st.one_of(_dow_special(quartz), _item(spec_info, kinds).map(
            lambda p: (p[0], DowSpec(days=frozenset(map(to_weekday, p[1])))))),
        min_size=2, max_size=3))
    spec = DowSpec()
    for _, part in parts:
        spec = spec.union(part)
    return ",".join(text for text, _ in parts), spec


@st.composite
def _minute_and_hour(
    draw: st.DrawFn, kinds: Sequence[str]
) -> tuple[str, frozenset[int], str, frozenset[int]]:
    """Minute and hour fields, half the time fixed-time (neither starts with '*')."""
    if draw(st.booleans()):
        minute_led, hour_led = False, False
    else:
        minute_led, hour_led = draw(st.sampled_from(((True, False), (False, True), (True, True))))
    minute_text, minutes = draw(_numeric_field(MINUTE, kinds, star_led=minute_led))
    hour_text, hours = draw(_numeric_field(HOUR, kinds, star_led=hour_led))
    return minute_text, minutes, hour_text, hours


@st.composite
def _cron(draw: st.DrawFn, *, extended: bool) -> Expr:
    kinds = WRAP_KINDS if extended else SAFE_KINDS
    minute_text, minutes, hour_text, hours = draw(_minute_and_hour(kinds))
    month_text, months = draw(_numeric_field(MONTH, kinds))
    days = draw(st.sampled_from(
        ("any", "dom", "dow", "or", "or", "and_dom_star", "and_dow_star")))
    dom_text, dow_text = "*", "*"
    dom: DomSpec | None = None
    dow: DowSpec | None = None
    if days in ("dom", "or"):
        dom_text, dom = draw(_dom_field(extended=extended, wrap=extended, special_alone=False))
    if days in ("dow", "or"):
        dow_text, dow = draw(_dow_field(quartz=False, wrap=extended))
    if days == "and_dom_star":  # '*/2' day-of-month with a restricted day-of-week: AND
        dom_text, values = draw(_numeric_field(DOM, kinds, star_led=True))
        dom = DomSpec(days=values)
        dow_text, dow = draw(_dow_field(quartz=False, wrap=extended))
    if days == "and_dow_star":
        dom_text, dom = draw(_dom_field(extended=extended, wrap=extended, special_alone=False))
        dow_text, values = draw(_numeric_field(CRON_DOW, kinds, star_led=True))
        dow = DowSpec(days=frozenset(map(_cron_weekday, values)))
    day_or = not dom_text.startswith("*") and not dow_text.startswith("*")
    fields = (minute_text, hour_text, dom_text, month_text, dow_text)
    return Expr(
        text=" ".join(fields),
        dialect="cron",
        seconds=frozenset({0}),
        minutes=minutes,
        hours=hours,
        months=months,
        dom=dom,
        dow=dow,
        day_or=day_or,
        fixed_time=not (minute_text.startswith("*") or hour_text.startswith("*")),
        fields=fields,
    )


def cronsim_exprs() -> st.SearchStrategy[Expr]:
    """5-field expressions in the syntax cronsim reads with the meaning cadence gives.

    Numbers, names, lists, ranges ``a-b`` (a <= b), steps ``*/n``, ``a/n`` and ``a-b/n``
    (a < b), day-of-month ``L`` and ``LW``, day-of-week 0-7, ``nL`` and ``n#k``.
    """
    return _cron(extended=False)


def cron_exprs() -> st.SearchStrategy[Expr]:
    """5-field expressions with cadence's extensions: ``W``, ``L-n``, wrap-around ranges."""
    return _cron(extended=True)


@st.composite
def quartz_exprs(draw: st.DrawFn) -> Expr:
    """6- and 7-field Quartz expressions: seconds, '?', Quartz weekdays, years."""
    second_text, seconds = draw(_numeric_field(SECOND, WRAP_KINDS))
    minute_text, minutes, hour_text, hours = draw(_minute_and_hour(WRAP_KINDS))
    month_text, months = draw(_numeric_field(MONTH, WRAP_KINDS))
    dom: DomSpec | None = None
    dow: DowSpec | None = None
    choice = draw(st.sampled_from(("dom", "dow", "dom_star", "dow_star")))
    if choice == "dom":
        dom_text, dom = draw(_dom_field(extended=True, wrap=True, special_alone=True))
        dow_text = "?"
    elif choice == "dow":
        dom_text = "?"
        dow_text, dow = draw(_dow_field(quartz=True, wrap=True))
    elif choice == "dom_star":
        dom_text, dow_text = "*", "?"
    else:
        dom_text, dow_text = "?", "*"
    fields = [second_text, minute_text, hour_text, dom_text, month_text, dow_text]
    years: frozenset[int] | None = None
    year_choice = draw(st.sampled_from(("none", "star", "restricted", "restricted")))
    if year_choice == "star":
        fields.append("*")
    elif year_choice == "restricted":
        year_text, years = draw(_numeric_field(YEAR, SAFE_KINDS, star_led=False))
        fields.append(year_text)
    return Expr(
        text=" ".join(fields),
        dialect="quartz",
        seconds=seconds,
        minutes=minutes,
        hours=hours,
        months=months,
        dom=dom,
        dow=dow,
        day_or=False,
        fixed_time=not (minute_text.startswith("*") or hour_text.startswith("*")),
        years=years,
        fields=tuple(fields),
    )


def property_exprs() -> st.SearchStrategy[Expr]:
    """Everything cadence reads: cronsim's syntax, the extensions, and Quartz."""
    return st.one_of(cronsim_exprs(), cron_exprs(), quartz_exprs())
