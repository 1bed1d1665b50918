"""Time zones: finding them by name, and mapping wall-clock days to instants.

Instants are whole seconds since the Unix epoch (UTC). A *plain* local day has one UTC
offset from its first to its last second, so its wall-clock times map to instants by
subtracting that offset; the evaluator's fast path runs on plain days only. Days with a
DST change are split into *segments* of constant offset, found by probing the zone.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ZoneError
from .tzdb import ZoneSpans

__all__ = [
    "EPOCH_ORDINAL",
    "UTC",
    "DayOffsets",
    "Segment",
    "Span",
    "instant_of",
    "resolve_zone",
    "zone_name",
]

UTC = ZoneInfo("UTC")
EPOCH_ORDINAL = datetime(1970, 1, 1).toordinal()
_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=timezone.utc)
_ONE_SECOND = timedelta(seconds=1)
_FIXED_ZONE_KEYS = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu",
     "Etc/GMT", "GMT", "Etc/Greenwich", "Greenwich", "GMT0", "Etc/GMT0", "GMT+0", "GMT-0",
     "Etc/GMT+0", "Etc/GMT-0"}
)

Segment = tuple[int, int, int]
"""``(first instant, end instant (exclusive), UTC offset in seconds)``."""


def resolve_zone(zone: str | tzinfo | None, *, where: str = "tz") -> tzinfo:
    """A tzinfo for an IANA name, a tzinfo (returned as is) or ``None`` (UTC).

    >>> resolve_zone("Europe/Riga")
    zoneinfo.ZoneInfo(key='Europe/Riga')
    """
    if zone is None:
        return UTC
    if isinstance(zone, tzinfo):
        return zone
    if not isinstance(zone, str):
        raise ZoneError(f"{where}: a time zone must be an IANA name such as 'Europe/Berlin', "
                        f"not {type(zone).__name__}")
    name = zone.strip()
    if not name:
        raise ZoneError(f"{where}: the time zone name is empty; use an IANA name such as "
                        "'Europe/Berlin' or 'UTC'")
    if len(name) > 255 or "\x00" in name:
        raise ZoneError(f"{where}: {name[:40]!r}... is not a time zone name")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError) as exc:
        hint = _suggest(name)
        raise ZoneError(
            f"{where}: unknown time zone {name!r}; use an IANA name such as "
            f"'Europe/Berlin' or 'UTC'{hint}"
        ) from exc


def _suggest(name: str) -> str:
    lowered = name.lower()
    try:
        from zoneinfo import available_timezones

        for key in sorted(available_timezones()):
            if key.lower() == lowered:
                return f" (did you mean {key!r}?)"
    except (OSError, ValueError):
        return ""
    return ""


def zone_name(zone: tzinfo) -> str:
    """The IANA key of a zone where it has one, else its ``tzname``."""
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    if zone is timezone.utc:
        return "UTC"
    return str(zone)


def is_fixed_offset(zone: tzinfo) -> bool:
    if isinstance(zone, timezone):
        return True
    key = getattr(zone, "key", None)
    return isinstance(key, str) and (
        key in _FIXED_ZONE_KEYS or key.startswith("Etc/GMT")
    )


def instant_of(moment: datetime, zone: tzinfo) -> tuple[int, int]:
    """``(whole seconds since the epoch, microseconds)`` of ``moment``.

    A naive moment is wall-clock time in ``zone`` (its ``fold`` picks the pass of a
    repeated hour).
    """
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
    offset = aware.utcoffset()
    if offset is None:  # a tzinfo that returns None: treat its wall clock as UTC
        offset = timedelta(0)
    naive = aware.replace(tzinfo=None)
    days = naive.toordinal() - EPOCH_ORDINAL
    seconds = days * 86400 + naive.hour * 3600 + naive.minute * 60 + naive.second
    return seconds - _seconds(offset), naive.microsecond


def _seconds(offset: timedelta) -> int:
    return offset.days * 86400 + offset.seconds


_MIN_INSTANT = (datetime(1, 1, 2).toordinal() - EPOCH_ORDINAL) * 86400
_MAX_INSTANT = (datetime(9999, 12, 30).toordinal() - EPOCH_ORDINAL) * 86400


def local_of(instant: int, zone: tzinfo) -> datetime:
    """The aware wall-clock datetime of an instant (``fold`` set in a repeated hour).

    Instants within a day of the ends of years 1-9999 are clamped so that no zone's
    offset can push the result out of ``datetime``'s range.
    """
    clamped = min(max(instant, _MIN_INSTANT), _MAX_INSTANT)
    return (_EPOCH_UTC + timedelta(seconds=clamped)).astimezone(zone)


Span = tuple[int, int, int]
"""``(first local second, end local second (exclusive), UTC offset)``: wall-clock time in
which every time exists once and maps to an instant by subtracting the offset."""

_FOREVER = 10**15


class DayOffsets:
    """Where a zone's wall clock runs plainly (one offset, no gap, no repeat), and the
    constant-offset segments of the days where it does not."""

    __slots__ = ("_cache", "_fixed", "_spans", "zone")

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self._fixed: int | None = None
        if is_fixed_offset(zone):
            probe = datetime(2000, 1, 1, tzinfo=zone).utcoffset()
            self._fixed = _seconds(probe) if probe is not None else 0
        # Exact spans from the zone's tz database file where it can be read; other
        # tzinfo implementations are probed day by day.
        self._spans = ZoneSpans.for_zone(zone) if self._fixed is None else None
        self._cache: dict[int, int | None] = {}

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
        return _seconds(first)

    def offset_at(self, instant: int) -> int:
        moment = local_of(instant, self.zone)
        offset = moment.utcoffset()
        return _seconds(offset) if offset is not None else 0

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
