"""Exact UTC-offset history of IANA zones, read straight from their TZif files (RFC 8536).

The evaluator's fast path needs to know, for a local wall-clock time, the largest stretch of
wall time around it that maps to instants by subtracting one constant UTC offset. Probing
``zoneinfo`` for that is slow and can only find boundaries approximately, so this module
reads the zone's TZif data itself and computes those stretches exactly:

* explicit transitions come from the 64-bit (v2+) data block;
* later transitions come from the footer's POSIX TZ string, generated lazily one year's
  block at a time; the rule repeats every 400 Gregorian years, so at most 400 blocks are
  ever built and wall times up to year 9999 (and beyond) cost the same as recent ones;
* the result is spot-checked against ``zone.utcoffset``; any doubt yields ``None`` so the
  caller falls back to its slow, probing path.

Wall times are plain integers: seconds since 1970-01-01T00:00 *local*, i.e. the wall time's
fields read as if they were UTC. Unbounded span ends are the sentinels ``-10**15`` and
``10**15`` (about 31 million years either side of 1970); ``span_at`` is only meaningful for
walls between them.
"""

from __future__ import annotations

import itertools
import os
import re
import struct
import weakref
import zoneinfo
from bisect import bisect_right
from datetime import datetime, timedelta, tzinfo
from typing import Final, NamedTuple

__all__ = ["ZoneSpans"]

Span = tuple[int, int, int]
"""``(wall_start, wall_end (exclusive), UTC offset in seconds east)``."""

_NEG: Final = -(10**15)
_POS: Final = 10**15
_DAY: Final = 86_400
# Mean Gregorian year (146097 days / 400 years); calendar years drift from multiples of it
# by under two days, which the block margins below easily absorb.
_MEAN_YEAR: Final = 31_556_952
_EPOCH_DAY_FROM_0001: Final = 719_162  # days from 0001-01-01 to 1970-01-01
_CUM_DAYS: Final = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365)
# Explicit transitions hand over to the footer rule; blocks start this many years after the
# last explicit one so that every rule year a block looks at is safely past it.
_HANDOVER_YEARS: Final = 6
# Rule years generated on each side of a block's nominal year: the span around any wall in
# the block is bounded by transitions at most ~1 year + 1 week away, so 4 is ample.
_BLOCK_MARGIN: Final = 4
# TZ string rules only depend on the Gregorian calendar and weekdays, which repeat every
# 400 years (146097 days, a whole number of weeks), and 400 mean years are exactly that
# long; so blocks are cached for one cycle and shifted for the others.
_CYCLE: Final = 146_097 * _DAY
# Bounds the one-off spot check (~1 ms per zone); no zone has more than ~330 spans today.
_MAX_CHECKED_SPANS: Final = 600


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic on plain ints (works for any year, unlike datetime.date).


def _is_leap(year: int) -> bool:
    """Whether ``year`` is a proleptic Gregorian leap year."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_before_year(year: int) -> int:
    """Days from 1970-01-01 to ``year``-01-01 (negative before 1970)."""
    p = year - 1
    return 365 * p + p // 4 - p // 100 + p // 400 - _EPOCH_DAY_FROM_0001


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to the given date (``day`` may run past the month's end)."""
    leap_shift = 1 if month > 2 and _is_leap(year) else 0
    return _days_before_year(year) + _CUM_DAYS[month - 1] + leap_shift + day - 1


def _month_length(year: int, month: int) -> int:
    """Number of days in ``month`` of ``year``."""
    if month == 2 and _is_leap(year):
        return 29
    return _CUM_DAYS[month] - _CUM_DAYS[month - 1]


def _year_of_day(days: int) -> int:
    """The year containing the day ``days`` after 1970-01-01."""
    year = 1970 + days * 400 // 146_097
    while _days_before_year(year + 1) <= days:
        year += 1
    while _days_before_year(year) > days:
        year -= 1
    return year


# Walls that datetime can represent (years 1..9999), for the spot check.
_DT_MIN_WALL: Final = _days_before_year(1) * _DAY
_DT_MAX_WALL: Final = _days_before_year(10000) * _DAY - 1


# ---------------------------------------------------------------------------------------------
# POSIX TZ strings (TZif footers), RFC 8536 section 3.3.1.

_NAME = r"(?:<[A-Za-z0-9+-]+>|[A-Za-z]+)"
_HMS = r"[+-]?[0-9]{1,3}(?::[0-9]{1,2}){0,2}"
_TZ_RE: Final = re.compile(
    rf"(?P<std>{_NAME})(?P<stdoff>{_HMS})"
    rf"(?:(?P<dst>{_NAME})(?P<dstoff>{_HMS})?(?:,(?P<start>[^,]+),(?P<end>[^,]+))?)?",
    re.ASCII,
)
_DATE_RE: Final = re.compile(
    rf"(?:J(?P<julian>[0-9]{{1,3}})|(?P<zero>[0-9]{{1,3}})"
    rf"|M(?P<m>[0-9]{{1,2}})\.(?P<w>[0-9])\.(?P<d>[0-9]))"
    rf"(?:/(?P<time>{_HMS}))?",
    re.ASCII,
)


def _hms_seconds(text: str, max_hours: int) -> int:
    """``[+-]hh[:mm[:ss]]`` as signed seconds; raises ValueError when out of range."""
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")]
    hours, minutes, seconds = [*parts, 0, 0][:3]
    if hours > max_hours or minutes > 59 or seconds > 59:
        raise ValueError(f"time out of range: {text!r}")
    return sign * (hours * 3600 + minutes * 60 + seconds)


class _DateRule(NamedTuple):
    """One end of the DST period: ``Jn``, ``n`` or ``Mm.w.d``, plus a local time."""

    form: str  # "J" (1..365, Feb 29 never counted), "n" (0..365), "M" (month.week.weekday)
    a: int  # n, or the month
    w: int  # week 1..5 (5 = last) for "M"
    d: int  # weekday 0..6 (0 = Sunday) for "M"
    time: int  # seconds after local midnight; RFC 8536 v3 allows -167h..167h

    def local_wall(self, year: int) -> int:
        """Wall seconds of this rule's moment in ``year``, in the time then in effect."""
        if self.form == "J":
            # Jn skips Feb 29, so from March on the day index shifts by one in leap years.
            leap_shift = 1 if self.a >= 60 and _is_leap(year) else 0
            days = _days_before_year(year) + self.a - 1 + leap_shift
        elif self.form == "n":
            days = _days_before_year(year) + self.a
        else:
            first = _days_from_civil(year, self.a, 1)
            weekday_first = (first + 4) % 7  # 1970-01-01 was a Thursday; 0 = Sunday
            day = first + (self.d - weekday_first) % 7 + 7 * (self.w - 1)
            if day >= first + _month_length(year, self.a):
                day -= 7  # week 5 means "last", which may be the 4th
            days = day
        return days * _DAY + self.time


def _parse_date_rule(text: str) -> _DateRule:
    """Parse ``date[/time]`` of a TZ string rule; raises ValueError when invalid."""
    m = _DATE_RE.fullmatch(text)
    if m is None:
        raise ValueError(f"bad rule date: {text!r}")
    time = _hms_seconds(m["time"], 167) if m["time"] else 7200  # POSIX default 02:00
    if m["julian"] is not None:
        n = int(m["julian"])
        if not 1 <= n <= 365:
            raise ValueError(f"bad Jn day: {text!r}")
        return _DateRule("J", n, 0, 0, time)
    if m["zero"] is not None:
        n = int(m["zero"])
        if not 0 <= n <= 365:
            raise ValueError(f"bad n day: {text!r}")
        return _DateRule("n", n, 0, 0, time)
    month, week, weekday = int(m["m"]), int(m["w"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= week <= 5 and 0 <= weekday <= 6):
        raise ValueError(f"bad Mm.w.d: {text!r}")
    return _DateRule("M", month, week, weekday, time)


class _Footer(NamedTuple):
    """A parsed TZ string; offsets are seconds east of UTC (POSIX signs are inverted)."""

    std: int
    dst: int | None = None
    start: _DateRule | None = None
    end: _DateRule | None = None

    def year_transitions(self, year: int) -> list[tuple[int, int, int]]:
        """``(instant, order, offset after)`` of the DST start and end of rule ``year``."""
        assert self.dst is not None
        assert self.start is not None
        assert self.end is not None
        # The start time is in standard time, the end time in daylight time (POSIX).
        start = self.start.local_wall(year) - self.std
        end = self.end.local_wall(year) - self.dst
        # On a tie an end sorts before a start, so e.g. all-year DST stays in effect.
        return [(start, 1, self.dst), (end, 0, self.std)]

    def transitions(self, first_year: int, last_year: int) -> list[tuple[int, int]]:
        """Raw ``(instant, offset after)`` of rule years ``first_year..last_year``, sorted."""
        raw: list[tuple[int, int, int]] = []
        for year in range(first_year, last_year + 1):
            raw.extend(self.year_transitions(year))
        raw.sort()
        return [(t, off) for t, _, off in raw]


def _parse_footer(text: str) -> _Footer:
    """Parse a TZif footer TZ string; raises ValueError for anything unsupported."""
    m = _TZ_RE.fullmatch(text)
    if m is None:
        raise ValueError(f"unsupported TZ string: {text!r}")
    std = -_hms_seconds(m["stdoff"], 24)
    if m["dst"] is None:
        return _Footer(std)
    dst = -_hms_seconds(m["dstoff"], 24) if m["dstoff"] else std + 3600
    if m["start"] is None:
        # POSIX leaves the default rule implementation-defined; RFC 8536 forbids omitting it.
        raise ValueError(f"DST without a rule: {text!r}")
    return _Footer(std, dst, _parse_date_rule(m["start"]), _parse_date_rule(m["end"]))


# ---------------------------------------------------------------------------------------------
# TZif files.


class _TZif(NamedTuple):
    """The parts of a TZif file this module uses."""

    times: list[int]  # transition instants, strictly increasing
    offsets: list[int]  # UTC offset after each transition
    type_offsets: list[int]  # utoff of each local time type
    type_isdst: list[int]
    footer: str | None  # None for a v1-only file


_HEADER: Final = struct.Struct(">4sc15x6L")


def _parse_tzif(data: bytes) -> _TZif | None:
    """Parse TZif bytes (v1..v4), or None when malformed, unsupported or has leap seconds."""
    if len(data) < _HEADER.size:
        return None
    magic, version, isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = _HEADER.unpack_from(
        data, 0
    )
    if magic != b"TZif" or version not in (b"\0", b"2", b"3", b"4"):
        return None
    pos = _HEADER.size
    time_size = 4
    if version != b"\0":
        # Skip the 32-bit v1 block; the 64-bit block after it is authoritative.
        pos += timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt
        if len(data) < pos + _HEADER.size:
            return None
        magic, _v, isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = _HEADER.unpack_from(
            data, pos
        )
        if magic != b"TZif":
            return None
        pos += _HEADER.size
        time_size = 8
    if leapcnt:
        return None  # "right/" zones: wall arithmetic would need leap-second tables
    if typecnt == 0 or charcnt == 0:
        return None
    end = pos + timecnt * (time_size + 1) + typecnt * 6 + charcnt
    end += leapcnt * (time_size + 4) + isstdcnt + isutcnt
    if len(data) < end:
        return None
    fmt = "q" if time_size == 8 else "l"
    times = list(struct.unpack_from(f">{timecnt}{fmt}", data, pos))
    pos += timecnt * time_size
    indices = list(data[pos : pos + timecnt])
    pos += timecnt
    type_offsets: list[int] = []
    type_isdst: list[int] = []
    for i in range(typecnt):
        utoff, isdst, abbrind = struct.unpack_from(">lBB", data, pos + 6 * i)
        if utoff == -(2**31) or isdst > 1 or abbrind >= charcnt:
            return None
        type_offsets.append(utoff)
        type_isdst.append(isdst)
    if any(i >= typecnt for i in indices):
        return None
    if any(a >= b for a, b in itertools.pairwise(times)):
        return None
    footer: str | None = None
    if version != b"\0":
        rest = data[end:]
        if rest[:1] == b"\n":
            stop = rest.find(b"\n", 1)
            if stop < 0:
                return None
            footer = rest[1:stop].decode("ascii")
        elif rest:
            return None
        else:
            footer = ""  # truncated after the data block: treat as an empty footer
    return _TZif(times, [type_offsets[i] for i in indices], type_offsets, type_isdst, footer)


def _read_tzif(key: str) -> bytes | None:
    """The TZif bytes for ``key``, found the way zoneinfo finds them, or None."""
    parts = key.split("/")
    if not key or os.path.isabs(key) or "\\" in key or "\0" in key:
        return None
    if any(p in ("", ".", "..") for p in parts):
        return None
    for directory in zoneinfo.TZPATH:
        path = os.path.join(directory, key)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                return f.read()
    import importlib.resources  # here: with pathlib, 4 ms that a system with zone files skips

    try:
        resource = importlib.resources.files("tzdata").joinpath("zoneinfo")
    except ModuleNotFoundError:
        return None
    for part in parts:  # one joinpath per part: multi-argument joinpath needs Python 3.11
        resource = resource.joinpath(part)
    if not resource.is_file():
        return None
    return resource.read_bytes()


# ---------------------------------------------------------------------------------------------
# From transitions to unambiguous wall spans.


def _normalize(before: int, raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop transitions superseded at the same instant or that keep the offset unchanged."""
    out: list[tuple[int, int]] = []
    current = before
    last = len(raw) - 1
    for i, (t, off) in enumerate(raw):
        if i < last and raw[i + 1][0] == t:
            continue
        if off != current:
            out.append((t, off))
            current = off
    return out


def _sweep(before: int, transitions: list[tuple[int, int]]) -> list[Span]:
    """Wall spans covered by exactly one offset segment, merged when the offset agrees.

    Each segment of constant offset covers the wall interval [T_k + o_k, T_k+1 + o_k); a
    wall covered by no segment is in a gap, one covered twice is in an overlap. Counting
    coverage rather than applying the per-transition max/min formula stays exact even if
    transitions are closer together than the offset jumps.
    """
    events: list[tuple[int, int, int]] = []
    lo, off = _NEG, before
    for t, new in transitions:
        hi = t + off
        if lo < hi:
            events += ((lo, 1, off), (hi, -1, off))
        lo, off = t + new, new
    if lo < _POS:
        events += ((lo, 1, off), (_POS, -1, off))
    events.sort()
    spans: list[Span] = []
    count = total = 0
    i, n = 0, len(events)
    while i < n:
        here = events[i][0]
        while i < n and events[i][0] == here:
            count += events[i][1]
            total += events[i][1] * events[i][2]
            i += 1
        if i == n:
            break
        there = events[i][0]
        if count == 1:  # exactly one segment: total is its offset
            if spans and spans[-1][1] == here and spans[-1][2] == total:
                spans[-1] = (spans[-1][0], there, total)
            else:
                spans.append((here, there, total))
    # Clamp to the sentinels (TZif files may hold "big bang" transitions near -2**59).
    return [(max(s, _NEG), min(e, _POS), o) for s, e, o in spans if e > _NEG and s < _POS]


# ---------------------------------------------------------------------------------------------


class ZoneSpans:
    """Exact UTC-offset history of one IANA zone, read from its TZif data."""

    __slots__ = ("_blocks", "_footer", "_limit", "_spans", "_starts")

    def __init__(self, spans: list[Span], limit: int, footer: _Footer | None) -> None:
        """Spans exact for walls below ``limit``; ``footer`` (with DST) answers the rest."""
        self._spans = spans
        self._starts = [s for s, _, _ in spans]
        self._limit = limit
        self._footer = footer
        self._blocks: dict[int, tuple[list[int], list[Span]]] = {}  # at most 400 entries

    @classmethod
    def for_zone(cls, zone: tzinfo) -> ZoneSpans | None:
        """The spans of a zoneinfo.ZoneInfo zone, or None when that can't be done exactly
        (not a ZoneInfo, no key, TZif file not found, unreadable/unsupported data, or the data
        disagrees with zone.utcoffset on a spot check). Never raises.

        Cached twice at module level: the parsed file per key, and the spot-checked answer
        per zone object (weakly), so repeated calls cost a dictionary lookup and a zone built
        by ``ZoneInfo.from_file(f, key=k)`` from other data than ``k``'s file is refused.
        """
        try:
            if not isinstance(zone, zoneinfo.ZoneInfo):
                return None
            try:
                return _BY_ZONE[zone]
            except KeyError:
                pass
            key = zone.key
            if not isinstance(key, str):
                return None  # ZoneInfo.from_file without a key: no file to re-read
            if key in _BY_KEY:
                parsed = _BY_KEY[key]
            else:
                data = _read_tzif(key)
                parsed = None if data is None else cls._from_tzif(data)
                _BY_KEY[key] = parsed
            # Checked per zone object: from_file(..., key=k) or a subclass may not match
            # the file that k names.
            result = parsed if parsed is not None and parsed._agrees_with(zone) else None
            _BY_ZONE[zone] = result
            return result
        except Exception:  # exactness or nothing: any surprise means "use the slow path"
            return None

    @classmethod
    def _from_tzif(cls, data: bytes) -> ZoneSpans | None:
        """Spans from TZif bytes without checking them against zoneinfo; None if unsure."""
        try:
            tz = _parse_tzif(data)
            if tz is None:
                return None
            footer = _parse_footer(tz.footer) if tz.footer else None
        except ValueError:
            return None
        times, offsets = tz.times, tz.offsets
        if times:
            # zoneinfo uses the first non-DST type before the first transition; RFC 8536
            # says type 0. Only proceed when both agree.
            types = zip(tz.type_offsets, tz.type_isdst, strict=True)
            before = next((off for off, isdst in types if not isdst), None)
            if before != tz.type_offsets[0]:
                return None
        elif footer is not None:
            before = footer.std  # no transitions: the footer rules all time
        elif len(set(tz.type_offsets)) == 1:
            before = tz.type_offsets[0]
        else:
            return None  # no transitions, no footer, several offsets: which one applies?
        raw = list(zip(times, offsets, strict=True))

        if footer is not None and footer.dst is not None and footer.dst != footer.std:
            probe = cls._block_of(footer, 30)
            if len(probe[1]) == 1:
                # The rule never changes the offset (e.g. all-year DST "0/0,J365/25").
                footer = _Footer(probe[1][0][2])
        if footer is None or footer.dst is None or footer.dst == footer.std:
            # Constant offset after the last transition.
            if footer is not None:
                after = footer.std if footer.dst is None else footer.dst
                if times and after != offsets[-1]:
                    return None  # footer contradicts the data: not exact
                if not times:
                    before = after
            return cls(_sweep(before, _normalize(before, raw)), _POS, None)

        if not times:
            # DST rule with no explicit history: every wall is answered from blocks.
            return cls([], _NEG, footer)
        last = times[-1]
        last_year = _year_of_day(last // _DAY)
        handover = last_year + _HANDOVER_YEARS
        rule = footer.transitions(last_year - 2, handover + _BLOCK_MARGIN)
        state = None
        for t, off in rule:
            if t <= last:
                state = off
        if state != offsets[-1]:
            return None  # the footer does not continue the explicit data seamlessly
        raw += [(t, off) for t, off in rule if t > last]
        spans = _sweep(before, _normalize(before, raw))
        return cls(spans, _days_before_year(handover) * _DAY, footer)

    @staticmethod
    def _block_of(footer: _Footer, n: int) -> tuple[list[int], list[Span]]:
        """Spans for walls in [n, n + 1) mean years after 1970, from the footer rule alone."""
        year = 1970 + n
        rule = footer.transitions(year - _BLOCK_MARGIN, year + _BLOCK_MARGIN)
        # The first raw transition only anchors the state; spans near the block's far edges
        # are therefore unreliable, but no wall of this block can fall in them.
        before = rule[0][1]
        spans = _sweep(before, _normalize(before, rule[1:]))
        return [s for s, _, _ in spans], spans

    def span_at(self, wall: int) -> tuple[int, int, int] | None:
        """`wall` = local wall-clock seconds since 1970-01-01T00:00 *local* (i.e. the wall
        time's fields read as if they were UTC). Returns (wall_start, wall_end, offset) = the
        maximal half-open wall interval [wall_start, wall_end) containing `wall` in which every
        wall time exists exactly once (no DST gap, no repeated/overlap time) and maps to
        instant `w - offset` (offset in seconds east of UTC, constant over the interval).
        Returns None when `wall` itself is in a gap (does not exist) or in an overlap
        (exists twice). Use very large sentinels (e.g. +-10**15) for unbounded ends."""
        if wall < self._limit:
            i = bisect_right(self._starts, wall) - 1
            if i >= 0:
                span = self._spans[i]
                if wall < span[1]:
                    return span
            return None
        cycles, rest = divmod(wall, _CYCLE)
        n = rest // _MEAN_YEAR
        block = self._blocks.get(n)
        if block is None:
            block = self._far_block(n)
        starts, spans = block
        i = bisect_right(starts, rest) - 1
        if i >= 0:
            span = spans[i]
            if rest < span[1]:
                if cycles == 0:
                    return span
                shift = cycles * _CYCLE
                return (span[0] + shift, span[1] + shift, span[2])
        return None

    def spans_between(self, low: int, high: int) -> list[Span]:
        """Every span that meets the wall interval ``[low, high)``, in order.

        The walls between two neighbouring spans are a gap or an overlap: the place of
        one offset change.
        """
        found: list[Span] = []
        if low < self._limit:
            starts, spans = self._starts, self._spans
            index = max(bisect_right(starts, low) - 1, 0)
            while index < len(spans) and spans[index][0] < min(high, self._limit):
                if spans[index][1] > low:
                    found.append(spans[index])
                index += 1
        if high > self._limit:
            wall = max(low, self._limit)
            while wall < high:
                cycles, rest = divmod(wall, _CYCLE)
                n = rest // _MEAN_YEAR
                starts, spans = self._blocks.get(n) or self._far_block(n)
                shift = cycles * _CYCLE
                block_end = shift + (n + 1) * _MEAN_YEAR
                for start, end, offset in spans:
                    start, end = start + shift, end + shift
                    if end > wall and start < min(high, block_end + _DAY):
                        if found and start < found[-1][1]:
                            continue  # already taken from the previous block
                        found.append((start, end, offset))
                wall = block_end
        return found

    def settled(self) -> int | None:
        """The wall from which the offsets repeat every 400 years (``None``: always): where
        the footer's rule takes over, or the last change of a zone whose offset then stays."""
        if self._footer is not None:
            return None if self._limit == _NEG else self._limit
        return self._spans[-1][0] if len(self._spans) > 1 else None

    def _far_block(self, n: int) -> tuple[list[int], list[Span]]:
        """Build and cache block ``n`` of the 400-year cycle (footers with DST only)."""
        assert self._footer is not None
        lo, hi = n * _MEAN_YEAR, (n + 1) * _MEAN_YEAR
        # Keep only the few spans this block's walls can fall in.
        spans = [sp for sp in self._block_of(self._footer, n)[1] if sp[1] > lo and sp[0] < hi]
        block = [s for s, _, _ in spans], spans
        self._blocks[n] = block
        return block

    def _agrees_with(self, zone: tzinfo) -> bool:
        """Spot-check spans against ``zone.utcoffset``: inside both ends, and just outside.

        Checks every explicit-history span (or an even sample of them), plus the spans
        around a few far-future dates that exercise the footer rule.
        """
        spans = [sp for sp in self._spans if sp[1] > _DT_MIN_WALL and sp[0] <= _DT_MAX_WALL]
        if len(spans) > _MAX_CHECKED_SPANS:
            step = len(spans) / _MAX_CHECKED_SPANS
            spans = [spans[int(i * step)] for i in range(_MAX_CHECKED_SPANS)] + spans[-8:]
        for year in (2037, 2100, 2401, 5000, 9998):
            for month in (1, 4, 7, 10):
                span = self.span_at(_days_from_civil(year, month, 15) * _DAY + 43_200)
                if span is not None:
                    spans.append(span)
        epoch = datetime(1970, 1, 1, tzinfo=zone)
        for start, end, off in spans:
            expected = timedelta(seconds=off)
            for wall, inside in ((start, True), (end - 1, True), (start - 1, False), (end, False)):
                if not _DT_MIN_WALL <= wall <= _DT_MAX_WALL:
                    continue
                dt = epoch + timedelta(seconds=wall)
                fold0, fold1 = dt.utcoffset(), dt.replace(fold=1).utcoffset()
                unique = fold0 == fold1 == expected
                if unique != inside:
                    return False
        return True


# Parsed (unchecked) spans per key, and the checked answer per ZoneInfo object. ZoneInfo
# caches its instances, so the usual ZoneInfo(key) pays for the spot check only once.
_BY_KEY: dict[str, ZoneSpans | None] = {}
_BY_ZONE: weakref.WeakKeyDictionary[tzinfo, ZoneSpans | None] = weakref.WeakKeyDictionary()
