"""A dense rule's times of day, computed when asked instead of listed.

A rule that fires every second lists 86,400 times of day, and the walk would keep as
many ints and timedeltas (several megabytes). Its times are the product of its hours,
minutes and seconds, so the ``i``-th one is arithmetic: :class:`TimesOfDay` answers
``len``, indexing, slicing and ``bisect`` from the three lists, and :class:`Offsets`
makes the matching timedeltas one by one as the walk yields them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import timedelta
from itertools import islice
from typing import Protocol, overload

__all__ = ["Deltas", "Offsets", "TimesOfDay"]


class Deltas(Protocol):
    """Times of day as timedeltas, as the walk reads them: a tuple, or :class:`Offsets`."""

    def __len__(self) -> int: ...

    @overload
    def __getitem__(self, index: int, /) -> timedelta: ...

    @overload
    def __getitem__(self, index: slice, /) -> Iterable[timedelta]: ...

    def __iter__(self) -> Iterator[timedelta]: ...


class TimesOfDay(Sequence[int]):
    """Every ``hour * 3600 + minute * 60 + second`` of the lists, ascending (each list
    ascending and within its range). A slice is a view, walked as far as it is read.

    >>> times = TimesOfDay((0, 12), (0, 30), (0, 15, 30, 45))
    >>> len(times), times[5], times[-1], list(times[2:4]), list(reversed(times[:3]))
    (16, 1815, 45045, [30, 45], [30, 15, 0])
    """

    __slots__ = ("_hours", "_length", "_minutes", "_per_hour", "_seconds")

    def __init__(self, hours: tuple[int, ...], minutes: tuple[int, ...],
                 seconds: tuple[int, ...]) -> None:
        self._hours, self._minutes, self._seconds = hours, minutes, seconds
        self._per_hour = len(minutes) * len(seconds)
        self._length = len(hours) * self._per_hour

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...

    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        return _pick(self, range(self._length), index)

    def at(self, index: int) -> int:
        """The ``index``-th time (0 <= index < len)."""
        hour, rest = divmod(index, self._per_hour)
        minute, second = divmod(rest, len(self._seconds))
        return self._hours[hour] * 3600 + self._minutes[minute] * 60 + self._seconds[second]

    def __iter__(self) -> Iterator[int]:
        return self.from_index(0)

    def from_index(self, index: int) -> Iterator[int]:
        """The times from the ``index``-th on, ascending, field by field."""
        hour_at, rest = divmod(index, self._per_hour)
        minute_at, second_at = divmod(rest, len(self._seconds))
        minutes, seconds = self._minutes, self._seconds
        for hour in self._hours[hour_at:]:
            for minute in minutes[minute_at:]:
                base = hour * 3600 + minute * 60
                for second in seconds[second_at:]:
                    yield base + second
                second_at = 0
            minute_at = 0

    def down_from(self, index: int) -> Iterator[int]:
        """The times from the ``index``-th back to the first, descending."""
        if index < 0:
            return
        hour_at, rest = divmod(index, self._per_hour)
        minute_at, second_at = divmod(rest, len(self._seconds))
        minutes, seconds = self._minutes, self._seconds
        for hour in reversed(self._hours[:hour_at + 1]):
            for minute in reversed(minutes[:minute_at + 1]):
                base = hour * 3600 + minute * 60
                for second in reversed(seconds[:second_at + 1]):
                    yield base + second
                second_at = len(seconds) - 1
            minute_at = len(minutes) - 1


class _Span(Sequence[int]):
    """``times[start:stop]`` of a :class:`TimesOfDay`, without listing them."""

    __slots__ = ("_start", "_stop", "_times")

    def __init__(self, times: TimesOfDay, start: int, stop: int) -> None:
        self._times, self._start, self._stop = times, start, stop

    def __len__(self) -> int:
        return self._stop - self._start

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...

    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        return _pick(self._times, range(self._start, self._stop), index)

    def __iter__(self) -> Iterator[int]:
        return islice(self._times.from_index(self._start), len(self))

    def __reversed__(self) -> Iterator[int]:
        return islice(self._times.down_from(self._stop - 1), len(self))


def _pick(times: TimesOfDay, positions: range, index: int | slice) -> int | Sequence[int]:
    """``times`` at ``positions[index]``: a time, or a view of a run of them (range's own
    indexing gives negative indices, slices and IndexError their meaning)."""
    if isinstance(index, slice):
        picked = positions[index]
        if picked.step == 1:
            return _Span(times, picked.start, max(picked.start, picked.stop))
        return [times.at(position) for position in picked]
    return times.at(positions[index])


class Offsets:
    """``times`` as timedeltas from midnight (last first with ``reverse``), each made
    when it is read; a slice is an iterator, which is all the walk asks of it.

    >>> list(Offsets(TimesOfDay((1,), (0,), (0, 30)), reverse=True)[:1])
    [datetime.timedelta(seconds=3630)]
    """

    __slots__ = ("_reverse", "_times")

    def __init__(self, times: TimesOfDay, *, reverse: bool = False) -> None:
        self._times, self._reverse = times, reverse

    def __len__(self) -> int:
        return len(self._times)

    @overload
    def __getitem__(self, index: int) -> timedelta: ...

    @overload
    def __getitem__(self, index: slice) -> Iterator[timedelta]: ...

    def __getitem__(self, index: int | slice) -> timedelta | Iterator[timedelta]:
        length = len(self._times)
        if isinstance(index, slice):
            positions = range(*index.indices(length))
            if positions.step != 1 or not positions:
                return (self[position] for position in positions)
            times = self._times
            seconds = (times.down_from(length - 1 - positions.start) if self._reverse
                       else times.from_index(positions.start))
            return (timedelta(seconds=second) for second in islice(seconds, len(positions)))
        if index < 0:
            index += length
        if not 0 <= index < length:
            raise IndexError("time of day index out of range")
        return timedelta(seconds=self._times.at(length - 1 - index if self._reverse
                                                else index))

    def __iter__(self) -> Iterator[timedelta]:
        return self[:]
