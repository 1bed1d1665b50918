"""Working time of a dense rule counted by arithmetic instead of window by window.

When a schedule is one rule whose windows are no longer than the gaps between its
openings (so no two overlap, as every second for a millisecond), the working time
between two instants is the number of windows wholly inside times the duration, plus
what the windows cut at the two ends add. That holds where the zone keeps one offset
far enough around (an opening is then its wall-clock time less the offset and a window
lasts exactly its duration); around a clock change, within the duration and the size of
the changes nearby, the exact walk measures, reaching back no further than a window
opened there can reach (not the day or two it must allow for anywhere).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from datetime import tzinfo
from itertools import pairwise

from ._compile import CompiledRule
from ._tz import DayOffsets
from ._zones import EPOCH_ORDINAL, is_fixed_offset, local_of

__all__ = ["DenseRule"]

_MICRO = 1_000_000
_DAY_SECONDS = 86400

#: ``measure(low, high, reach)``: the exact walk's working time between two instants
#: (microseconds), starting ``reach`` seconds before ``low`` (``None``: as far back as
#: a window can reach from anywhere).
Measure = Callable[[int, int, int | None], int]


class DenseRule:
    """Working time of one rule's windows that never overlap (see the module's doc)."""

    __slots__ = ("_duration", "_fixed", "_measure", "_offsets", "_times", "walked", "zone")

    def __init__(self, times: Sequence[int], duration: int, zone: tzinfo,
                 measure: Measure) -> None:
        self._times = times
        self._duration = duration
        self.zone = zone
        self._offsets = DayOffsets.of(zone)
        self._fixed = is_fixed_offset(zone)
        self._measure = measure
        #: How many stretches the exact walk measured (work done, for tests).
        self.walked = 0

    @classmethod
    def of(cls, plans: Sequence[CompiledRule], durations: Sequence[int], zone: tzinfo,
           measure: Measure) -> DenseRule | None:
        """The arithmetic for one rule's windows (``durations`` in microseconds), or
        ``None`` where there are several rules or windows may overlap."""
        if len(plans) != 1:
            return None
        times, duration = plans[0].seconds_of_day, durations[0]
        if not len(times) or duration <= 0:
            return None
        # The gap after the last opening of a day is at least to the next day's first.
        gap = _DAY_SECONDS - times[-1] + times[0]
        previous = None
        for time in times:  # (ascending)
            if previous is not None and time - previous < gap:
                gap = time - previous
                if gap * _MICRO < duration:
                    return None
            previous = time
        return cls(times, duration, zone, measure) if gap * _MICRO >= duration else None

    def between(self, low: int, high: int, fires: Callable[[int], bool],
                offset: int | None = None) -> int:
        """Working time ``[low, high)`` (microseconds); ``fires(ordinal)`` tells whether
        the rule fires on a local day; ``offset``: the zone's one offset all around, if
        known."""
        if offset is not None or self._fixed:
            if offset is None:
                offset = self._offsets.offset_at(low // _MICRO)
            return self._plain(low, high, offset, fires)
        changes = self._changes(low, high)
        if not changes:
            return self._plain(low, high, self._offsets.offset_at(low // _MICRO), fires)
        margin = self._duration + sum(size for _, size in changes) * _MICRO + _MICRO
        reach = -(-margin // _MICRO) + 1
        total, here = 0, low
        for change, _ in changes:
            near, far = change * _MICRO - margin, change * _MICRO + margin
            if far <= here or near >= high:
                continue
            if near > here:
                total += self._plain(here, near, self._offsets.offset_at(here // _MICRO), fires)
                here = near
            end = min(far, high)
            self.walked += 1
            total += self._measure(here, end, reach)
            here = end
        if here < high:
            total += self._plain(here, high, self._offsets.offset_at(here // _MICRO), fires)
        return total

    def reach(self, low: int, high: int) -> int:
        """How far back (seconds) a window open within ``[low, high)`` can have opened."""
        size = 0 if self._fixed else sum(size for _, size in self._changes(low, high))
        return -(-(self._duration + size * _MICRO) // _MICRO) + 2

    def _changes(self, low: int, high: int) -> list[tuple[int, int]]:
        """``(instant, size)`` (seconds) of the clock changes near ``[low, high)``,
        merged and ascending: those of the local days around its ends."""
        if self._fixed:
            return []
        first = local_of(low // _MICRO, self.zone).toordinal() - 1
        last = local_of(high // _MICRO, self.zone).toordinal() + 1
        found: dict[int, int] = {}
        for ordinal in range(first, last + 1):
            segments = self._offsets.segments(ordinal)
            for (_, change, before), (_, _, after) in pairwise(segments):
                if before != after:
                    found[change] = abs(after - before)
        return sorted(found.items())

    def _plain(self, low: int, high: int, offset: int, fires: Callable[[int], bool]) -> int:
        """Working time ``[low, high)`` where every opening is its wall-clock time less
        ``offset`` and every window lasts the duration."""
        if high <= low:
            return 0
        duration = self._duration
        total = duration * len(self._openings(low, high - duration, offset, fires))
        for opening in self._openings(low - duration + 1, low - 1, offset, fires):
            total += min(opening + duration, high) - low  # (cut at the start)
        for opening in self._openings(max(low, high - duration + 1), high - 1, offset,
                                      fires):
            total += high - opening  # (cut at the end)
        return total

    def _openings(self, low: int, high: int, offset: int, fires: Callable[[int], bool]
                  ) -> _Openings:
        """The openings (microseconds) within ``[low, high]``."""
        return _Openings(self._times, -(-low // _MICRO) + offset, high // _MICRO + offset,
                         offset, fires)


class _Openings:
    """Openings between two local seconds (inclusive), counted without listing them
    unless iterated (a few, at the ends of a stretch)."""

    __slots__ = ("_offset", "_pieces")

    def __init__(self, times: Sequence[int], low: int, high: int, offset: int,
                 fires: Callable[[int], bool]) -> None:
        self._offset = offset
        self._pieces: list[tuple[int, Sequence[int], int, int]] = []
        if high < low:
            return
        for day in range(low // _DAY_SECONDS, high // _DAY_SECONDS + 1):
            if not fires(day + EPOCH_ORDINAL):
                continue
            midnight = day * _DAY_SECONDS
            first = bisect_left(times, low - midnight)
            end = bisect_right(times, high - midnight)
            if first < end:
                self._pieces.append((midnight, times, first, end))

    def __len__(self) -> int:
        return sum(end - first for _, _, first, end in self._pieces)

    def __iter__(self) -> Iterator[int]:
        for midnight, times, first, end in self._pieces:
            for index in range(first, end):
                yield (midnight + times[index] - self._offset) * _MICRO
