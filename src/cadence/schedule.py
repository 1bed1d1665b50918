"""The public :class:`Schedule`: IR rules in a zone, with their evaluators."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, tzinfo
from itertools import takewhile
from types import MappingProxyType

from .compile import CompiledRule
from .errors import ScheduleError
from .evaluate import Evaluator
from .formats.cron import CronSource
from .ir import CronRule
from .tz import instant_of, zone_name

__all__ = ["Schedule"]


class Schedule:
    """A compiled schedule: ask it for occurrences.

    Results are aware datetimes in the schedule's zone (:attr:`tz`). Arguments may be
    aware (any zone) or naive; a naive datetime is wall-clock time in the schedule's
    zone, with ``fold=1`` selecting the second pass of a repeated hour.

    >>> from datetime import datetime
    >>> import cadence
    >>> s = cadence.parse("0 9 * * MON-FRI", tz="Europe/Berlin")
    >>> s.next(datetime(2026, 11, 21, 12, 0)).isoformat()
    '2026-11-23T09:00:00+01:00'
    """

    __slots__ = (
        "_end", "_evaluators", "_zone", "end", "format", "metadata", "rules", "source", "spelling",
    )

    def __init__(
        self,
        rules: CronRule | Sequence[CronRule],
        zone: tzinfo,
        *,
        format: str,
        source: str,
        spelling: CronSource | None = None,
        end: datetime | str | None = None,
        metadata: Mapping[str, object] | None = None,
    ) -> None:
        self.rules: tuple[CronRule, ...] = (rules,) if isinstance(rules, CronRule) else tuple(
            rules)
        if not self.rules:
            raise ScheduleError("a schedule needs at least one rule")
        self.format = format
        self.source = source
        self.spelling = spelling
        self._zone = zone
        #: What the source said besides the schedule (an EDFS timer's name, ...), kept
        #: so that it can be written back. Not part of equality.
        self.metadata: Mapping[str, object] = MappingProxyType(dict(metadata or {}))
        self._evaluators = tuple(Evaluator(CompiledRule(rule), zone) for rule in self.rules)
        #: No occurrence at or after this moment (``None``: none until year 9999).
        self.end = _as_datetime(end, "end") if end is not None else None
        self._end: int | None = None
        if self.end is not None:
            seconds, micro = self._instant(self.end, "end")
            self._end = seconds + (1 if micro else 0)

    @property
    def rule(self) -> CronRule:
        """The schedule's rule, when it has exactly one (see :attr:`rules`)."""
        if len(self.rules) != 1:
            raise ScheduleError(
                f"this schedule is a union of {len(self.rules)} rules; use .rules"
            )
        return self.rules[0]

    @property
    def tz(self) -> tzinfo:
        """The zone occurrences are computed and returned in."""
        return self._zone

    def _forward(self, after: int) -> Iterator[datetime]:
        streams = [evaluator.forward(after) for evaluator in self._evaluators]
        found = streams[0] if len(streams) == 1 else _union(streams, self._zone, reverse=False)
        if self._end is None:
            return found
        end, zone = self._end, self._zone
        return takewhile(lambda moment: instant_of(moment, zone)[0] < end, found)

    def _backward(self, before: int) -> Iterator[datetime]:
        if self._end is not None:
            before = min(before, self._end)
        streams = [evaluator.backward(before) for evaluator in self._evaluators]
        return streams[0] if len(streams) == 1 else _union(streams, self._zone, reverse=True)

    def next(self, after: datetime | str) -> datetime | None:
        """The first occurrence strictly after ``after``; ``None`` past year 9999.

        >>> import cadence
        >>> cadence.parse("0 0 * * 6,0").next("2026-11-22T00:00:00+00:00").isoformat()
        '2026-11-28T00:00:00+00:00'
        """
        return next(self.iter_after(after), None)

    def prev(self, before: datetime | str) -> datetime | None:
        """The last occurrence strictly before ``before``; ``None`` before year 1.

        >>> import cadence
        >>> cadence.parse("0 0 * * 6,0").prev("2026-11-22T00:00:00+00:00").isoformat()
        '2026-11-21T00:00:00+00:00'
        """
        return next(self.iter_before(before), None)

    def iter_after(self, after: datetime | str) -> Iterator[datetime]:
        """Occurrences strictly after ``after``, ascending, lazily."""
        seconds, _ = self._instant(after, "after")
        return self._forward(seconds)

    def iter_before(self, before: datetime | str) -> Iterator[datetime]:
        """Occurrences strictly before ``before``, descending, lazily."""
        seconds, micro = self._instant(before, "before")
        return self._backward(seconds + (1 if micro else 0))

    def between(self, start: datetime | str, end: datetime | str) -> list[datetime]:
        """Occurrences ``t`` with ``start <= t < end``, ascending.

        >>> import cadence
        >>> s = cadence.parse("0 12 1 * *")
        >>> [t.date().isoformat() for t in s.between("2026-01-01T00:00Z", "2026-04-01T00:00Z")]
        ['2026-01-01', '2026-02-01', '2026-03-01']
        """
        first, first_micro = self._instant(start, "start")
        last, last_micro = self._instant(end, "end")
        limit = last + (1 if last_micro else 0)  # occurrences are whole seconds
        result = []
        for moment in self._forward(first - (0 if first_micro else 1)):
            if instant_of(moment, self.tz)[0] >= limit:
                break
            result.append(moment)
        return result

    def matches(self, moment: datetime | str) -> bool:
        """Whether ``moment`` is an occurrence (to the second; fractions never match).

        >>> import cadence
        >>> cadence.parse("30 2 * * *", tz="America/New_York").matches("2026-03-08T03:00-04:00")
        True
        """
        seconds, micro = self._instant(moment, "moment")
        if micro:
            return False
        found = next(self._forward(seconds - 1), None)
        return found is not None and instant_of(found, self.tz)[0] == seconds

    def _instant(self, moment: datetime | str, name: str) -> tuple[int, int]:
        moment = _as_datetime(moment, name)
        try:
            return instant_of(moment, self._zone)
        except (OverflowError, ValueError) as exc:
            raise ScheduleError(f"{name}: {moment!r} cannot be placed in time: {exc}") from None

    def __repr__(self) -> str:
        return f"<Schedule {self.format} {self.source!r} tz={zone_name(self.tz)!r}>"

    def _key(self) -> tuple[frozenset[CronRule], str, int | None]:
        return frozenset(self.rules), zone_name(self._zone), self._end

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Schedule):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


def _as_datetime(moment: object, name: str) -> datetime:
    """A datetime argument, which may also be given as an ISO 8601 string."""
    if isinstance(moment, str):
        try:
            return datetime.fromisoformat(moment.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ScheduleError(
                f"{name}: {moment[:40]!r} is not an ISO 8601 date-time; "
                "write e.g. '2026-11-22T09:00:00+01:00'"
            ) from None
    if not isinstance(moment, datetime):
        raise ScheduleError(
            f"{name} must be a datetime (or an ISO 8601 string), not {type(moment).__name__}"
        )
    return moment


def _union(streams: Iterable[Iterator[datetime]], zone: tzinfo, *, reverse: bool
           ) -> Iterator[datetime]:
    """Several ordered occurrence streams as one, each instant once."""
    previous: int | None = None
    merged = heapq.merge(*streams, key=lambda moment: instant_of(moment, zone)[0],
                         reverse=reverse)
    for moment in merged:
        instant = instant_of(moment, zone)[0]
        if instant != previous:
            previous = instant
            yield moment
