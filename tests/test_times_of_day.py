"""A dense rule's times of day are computed when asked (cadence._times); every way the
walks read them must give what the listed tuple gives."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cadence._times import Offsets, TimesOfDay


def _values(high: int) -> st.SearchStrategy[tuple[int, ...]]:
    return st.sets(st.integers(0, high), min_size=1, max_size=6).map(
        lambda found: tuple(sorted(found)))


@settings(max_examples=300, deadline=None)
@given(_values(23), _values(59), _values(59), st.data())
def test_times_of_day_read_as_the_listed_tuple(hours: tuple[int, ...],
                                               minutes: tuple[int, ...],
                                               seconds: tuple[int, ...],
                                               data: st.DataObject) -> None:
    listed = tuple(h * 3600 + m * 60 + s for h in hours for m in minutes for s in seconds)
    times = TimesOfDay(hours, minutes, seconds)
    assert len(times) == len(listed)
    assert tuple(times) == listed
    index = data.draw(st.integers(-len(listed), len(listed) - 1))
    assert times[index] == listed[index]
    start = data.draw(st.integers(-len(listed) - 2, len(listed) + 2))
    stop = data.draw(st.integers(-len(listed) - 2, len(listed) + 2))
    span = times[start:stop]
    assert tuple(span) == listed[start:stop]
    assert tuple(reversed(span)) == tuple(reversed(listed[start:stop]))
    assert len(span) == len(listed[start:stop])
    assert tuple(times[start:]) == listed[start:]
    assert tuple(times[:stop]) == listed[:stop]
    assert tuple(span[1:]) == listed[start:stop][1:]
    probe = data.draw(st.integers(-1, 86400))
    assert bisect_left(times, probe) == bisect_left(listed, probe)
    assert bisect_right(times, probe) == bisect_right(listed, probe)
    deltas = tuple(timedelta(seconds=second) for second in listed)
    forward, backward = Offsets(times), Offsets(times, reverse=True)
    assert len(forward) == len(deltas)
    assert tuple(forward[start:stop]) == deltas[start:stop]
    assert tuple(backward[start:stop]) == deltas[::-1][start:stop]
    assert tuple(forward) == deltas
    assert forward[index] == deltas[index]
    assert backward[index] == deltas[::-1][index]
