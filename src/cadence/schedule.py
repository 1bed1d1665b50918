"""The public :class:`Schedule`: an IR rule in a zone, with its evaluator."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, tzinfo

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

    __slots__ = ("_evaluator", "format", "rule", "source", "spelling")

    def __init__(
        self,
        rule: CronRule,
        zone: tzinfo,
        *,
        format: str,
        source: str,
        spelling: CronSource | None = None,
    ) -> None:
        self.rule = rule
        self.format = format
        self.source = source
        self.spelling = spelling
        self._evaluator = Evaluator(CompiledRule(rule), zone)

    @property
    def tz(self) -> tzinfo:
        """The zone occurrences are computed and returned in."""
        return self._evaluator.zone

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
        return self._evaluator.forward(seconds)

    def iter_before(self, before: datetime | str) -> Iterator[datetime]:
        """Occurrences strictly before ``before``, descending, lazily."""
        seconds, micro = self._instant(before, "before")
        return self._evaluator.backward(seconds + (1 if micro else 0))

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
        for moment in self._evaluator.forward(first - (0 if first_micro else 1)):
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
        found = next(self._evaluator.forward(seconds - 1), None)
        return found is not None and instant_of(found, self.tz)[0] == seconds

    def _instant(self, moment: datetime | str, name: str) -> tuple[int, int]:
        if isinstance(moment, str):
            text = moment
            try:
                moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
            except ValueError:
                raise ScheduleError(
                    f"{name}: {text[:40]!r} is not an ISO 8601 date-time; "
                    "write e.g. '2026-11-22T09:00:00+01:00'"
                ) from None
        if not isinstance(moment, datetime):
            raise ScheduleError(
                f"{name} must be a datetime (or an ISO 8601 string), "
                f"not {type(moment).__name__}"
            )
        try:
            return instant_of(moment, self.tz)
        except (OverflowError, ValueError) as exc:
            raise ScheduleError(f"{name}: {moment!r} cannot be placed in time: {exc}") from None

    def __repr__(self) -> str:
        return f"<Schedule {self.format} {self.source!r} tz={zone_name(self.tz)!r}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Schedule):
            return NotImplemented
        return self.rule == other.rule and zone_name(self.tz) == zone_name(other.tz)

    def __hash__(self) -> int:
        return hash((self.rule, zone_name(self.tz)))
