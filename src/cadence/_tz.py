"""Mapping wall-clock days to instants, DST changes included (the engine's side of zones;
finding zones by name is :mod:`cadence._zones`).

Instants are whole seconds since the Unix epoch (UTC). A *plain* local day has one UTC
offset from its first to its last second, so its wall-clock times map to instants by
subtracting that offset; the evaluator's fast path runs on plain days only. Days with a
DST change are split into *segments* of constant offset, found by probing the zone.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from itertools import pairwise

from ._tzdb import ZoneSpans
from ._zones import (
    EPOCH_ORDINAL,
    is_fixed_offset,
    local_of,
    offset_seconds,
)

__all__ = ["DayOffsets", "Segment", "Span"]

_ONE_SECOND = timedelta(seconds=1)

Segment = tuple[int, int, int]
"""``(first instant, end instant (exclusive), UTC offset in seconds)``."""


Span = tuple[int, int, int]
"""``(first local second, end local second (exclusive), UTC offset)``: wall-clock time in
which every time exists once and maps to an instant by subtracting the offset."""

_FOREVER = 10**15


#: How many days either side of a DST-change day :meth:`DayOffsets.change_run` looks:
#: tzdata's longest repeated interval is a day (Alaska in 1867).
_RUN_REACH = 7
#: The calendar's days (years 1-9999) a run stays within.
_FIRST_RUN_ORDINAL = 1
_LAST_RUN_ORDINAL = datetime.max.toordinal()

#: Zones whose DayOffsets are shared (a program uses a few; the cap bounds the rest).
_SHARED_SIZE = 256
_SHARED: dict[tzinfo, DayOffsets] = {}


class DayOffsets:
    """Where a zone's wall clock runs plainly (one offset, no gap, no repeat), and the
    constant-offset segments of the days where it does not."""

    __slots__ = ("_cache", "_fixed", "_recent", "_spans", "zone")

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self._fixed: int | None = None
        if is_fixed_offset(zone):
            probe = datetime(2000, 1, 1, tzinfo=zone).utcoffset()
            self._fixed = offset_seconds(probe) if probe is not None else 0
        # Exact spans from the zone's tz database file where it can be read; other
        # tzinfo implementations are probed day by day.
        self._spans = ZoneSpans.for_zone(zone) if self._fixed is None else None
        self._cache: dict[int, int | None] = {}
        #: The plain span :meth:`plain_day` found last: the next question is mostly in it.
        self._recent: Span | None = None

    @classmethod
    def of(cls, zone: tzinfo) -> DayOffsets:
        """The zone's shared instance: every schedule in a zone asks the same questions,
        and a zone probed day by day keeps its answers for all of them."""
        try:
            return _SHARED[zone]
        except (KeyError, TypeError):  # TypeError: a tzinfo that cannot be hashed
            pass
        found = cls(zone)
        try:
            if len(_SHARED) >= _SHARED_SIZE:
                _SHARED.clear()
            _SHARED[zone] = found
        except TypeError:
            pass
        return found

    def plain_span(self, local_start: int) -> Span | None:
        """A span containing the whole local day starting at ``local_start`` (local
        seconds since 1970-01-01T00:00), or ``None`` if that day has a DST change."""
        if self._fixed is not None:
            return -_FOREVER, _FOREVER, self._fixed
        if self._spans is not None:
            span = self._spans.span_at(local_start)
            if span is None or span[1] < local_start + 86400:
                return None
            return span
        ordinal = local_start // 86400 + EPOCH_ORDINAL
        cache = self._cache
        if ordinal in cache:
            offset = cache[ordinal]
        else:
            offset = self._probe(ordinal)
            if len(cache) > 200_000:
                cache.clear()
            cache[ordinal] = offset
        if offset is None:
            return None
        return local_start, local_start + 86400, offset

    def change_run(self, ordinal: int) -> tuple[int, int]:
        """The first and last ordinals of the consecutive local days with an offset change
        around day ``ordinal`` (itself one).

        A repeated interval that spans a local midnight repeats wall times of two dates:
        the second pass of the earlier date's evening comes after the first pass of the
        later date's morning, so their occurrences must be ordered together. Both dates
        change offset, and so do all the dates such an interval touches. The run is cut
        at :data:`_RUN_REACH` days each side, far beyond any zone's repeated interval,
        so that a tzinfo whose offset never settles does not walk the calendar.
        """
        first = last = ordinal
        while (ordinal - first < _RUN_REACH and first > _FIRST_RUN_ORDINAL
               and self.plain_span((first - 1 - EPOCH_ORDINAL) * 86400) is None):
            first -= 1
        while (last - ordinal < _RUN_REACH and last < _LAST_RUN_ORDINAL
               and self.plain_span((last + 1 - EPOCH_ORDINAL) * 86400) is None):
            last += 1
        return first, last

    def _probe(self, ordinal: int) -> int | None:
        zone = self.zone
        day = datetime.fromordinal(ordinal)
        start = day.replace(tzinfo=zone)
        first = start.utcoffset()
        if first is None:
            return 0
        if start.replace(fold=1).utcoffset() != first:
            return None
        if ordinal < datetime.max.toordinal():
            end = datetime.fromordinal(ordinal + 1).replace(tzinfo=zone)
            if end.utcoffset() != first:
                return None
        return offset_seconds(first)

    def plain_day(self, instant: int) -> tuple[int, int, int] | None:
        """``(local start of the day holding instant, end of the plain span holding that
        day, offset)`` if the whole day has one offset, else None (local seconds)."""
        fixed = self._fixed
        if fixed is not None:
            local = instant + fixed
            return local - local % 86400, _FOREVER, fixed
        span = self._recent
        # An instant whose wall time (by a span's offset) falls in that span is there.
        if span is None or not span[0] <= instant + span[2] < span[1]:
            local = instant + self.offset_at(instant)
            span = self.plain_span(local - local % 86400)
            if span is None:
                return None
            self._recent = span
        local = instant + span[2]
        day = local - local % 86400
        if day < span[0] or day + 86400 > span[1]:
            return None
        return day, span[1], span[2]

    def offset_at(self, instant: int) -> int:
        moment = local_of(instant, self.zone)
        offset = moment.utcoffset()
        return offset_seconds(offset) if offset is not None else 0

    def segments(self, ordinal: int) -> list[Segment]:
        """Constant-offset pieces of time around the local day ``ordinal``.

        They cover every instant whose wall-clock time can fall on that day (UTC
        offsets stay within +-16 hours). Changes are found by probing every hour and
        bisecting to the second.
        """
        local_start = (ordinal - EPOCH_ORDINAL) * 86400
        if self._spans is not None:
            exact = _segments_from_spans(self._spans, local_start)
            if exact is not None:
                return exact
        low = local_start - 16 * 3600
        high = local_start + 40 * 3600
        offsets: list[tuple[int, int]] = []  # (instant where this offset begins, offset)
        previous = self.offset_at(low)
        offsets.append((low, previous))
        probe = low
        while probe < high:
            step = min(3600, high - probe)
            current = self.offset_at(probe + step)
            if current != previous:
                lo, hi = probe, probe + step  # offset(lo) == previous, offset(hi) != previous
                while hi - lo > 1:
                    mid = (lo + hi) // 2
                    if self.offset_at(mid) == previous:
                        lo = mid
                    else:
                        hi = mid
                offsets.append((hi, self.offset_at(hi)))
                previous = offsets[-1][1]
                if previous != current:  # another change within the same hour
                    probe = hi
                    continue
            probe += step
        result: list[Segment] = []
        for index, (begin, offset) in enumerate(offsets):
            end = offsets[index + 1][0] if index + 1 < len(offsets) else high + 1
            result.append((begin, end, offset))
        return result


def _segments_from_spans(spans: ZoneSpans, local_start: int) -> list[Segment] | None:
    """Constant-offset pieces of time around a local day, from exact spans.

    Between two neighbouring spans lies one offset change at instant ``T``: the earlier
    span's wall clock runs until ``T`` plus the smaller offset, the later one's starts at
    ``T`` plus the larger. ``None`` when neighbours disagree on ``T`` (changes closer
    together than their size): the caller then probes.
    """
    nearby = spans.spans_between(local_start - 2 * 86400, local_start + 3 * 86400)
    if not nearby:
        return None
    segments: list[Segment] = []
    begin = -_FOREVER
    for (_, end, offset), (next_start, _, next_offset) in pairwise(nearby):
        change = end - min(offset, next_offset)
        if change != next_start - max(offset, next_offset) or change <= begin:
            return None
        segments.append((begin, change, offset))
        begin = change
    segments.append((begin, _FOREVER, nearby[-1][2]))
    return segments
