"""The public :class:`Schedule`: IR rules in a zone, with their evaluators."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from itertools import islice, takewhile
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from . import limits
from ._first import FirstAfter, is_plain
from ._moments import Moment, as_datetime, now, unplaceable
from ._sets import DatesEvaluator, Source, source_for, without
from ._tz import DayOffsets
from ._zones import instant_of, local_of
from .errors import ScheduleError, TooManyResultsError, duration_words, moment_words
from .ir import Recurrence, Rule, register_engine
from .limits import MAX_WORKING_WINDOWS

if TYPE_CHECKING:  # working time is imported by the calls that count it
    from ._durations import Duration
    from ._working import DayTally

__all__ = ["Schedule", "as_datetime"]

_T = TypeVar("_T")

_MICRO = 1_000_000
#: How many windows a working-time walk takes between two calls of its progress callback.
_REPORT_EVERY = 4096
#: object.__setattr__: a Schedule sets its own slots past its immutability guard.


class _Compiled(NamedTuple):
    """What a schedule walks: one source per rule (and one for explicit dates), the
    excluded instants (whole seconds) and the exclusion rules' sources."""

    evaluators: tuple[Source, ...]
    excluded: frozenset[int]
    exclusions: tuple[Source, ...]


class _Caches:
    """What a schedule works out when first asked (a schedule read to be converted,
    described or validated is never walked). The schedule is immutable; its caches are
    not, and live here so that making a schedule sets four slots, not eight (each set
    past the immutability guard costs a call). Class attributes are the defaults: a
    new instance costs no assignment."""

    compiled: _Compiled | None = None
    day_tally: DayTally | Literal[False] | None = None  # see Schedule._tally
    first: FirstAfter | Literal[False] | None = None  # see Schedule.next
    #: ``next``'s last answer: (asked after, the answer's instant, the answer).
    last: tuple[int, int, datetime] | None = None


class Window(NamedTuple):
    """One window: instants (whole seconds; the end rounded up), the exact end in
    microseconds since the epoch, and the datetimes shown to users."""

    start: int
    end: int
    opening: datetime
    closing: datetime
    end_micro: int


def _quartz_start(recurrence: Recurrence, start: int | None) -> int:
    """Where a Quartz string's occurrences begin: Quartz's ``CronExpression`` fills an
    absent (or ``*``) year field with the years from 1970 (its first year, the year
    field's low end), so nothing fires before 1970-01-01 00:00 in the trigger's zone."""
    zone = recurrence.zone
    try:
        first = _QUARTZ_FIRST[zone]
    except (KeyError, TypeError):  # TypeError: a tzinfo that cannot be hashed
        from .formats.cron import YEAR

        first = instant_of(datetime(YEAR.low, 1, 1), zone)[0]
        if len(_QUARTZ_FIRST) < 1000:
            with suppress(TypeError):
                _QUARTZ_FIRST[zone] = first
    return first if start is None else max(start, first)


#: Quartz's first instant by zone: every Quartz schedule asks, most in a few zones.
_QUARTZ_FIRST: dict[tzinfo, int] = {}


def _local_micro(micros: int, zone: tzinfo) -> datetime:
    seconds, micro = divmod(micros, _MICRO)
    return local_of(seconds, zone).replace(microsecond=micro)


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

    __slots__ = ("_caches", "_end", "_start", "recurrence")

    recurrence: Recurrence
    _start: int | None
    _end: int | None
    _caches: _Caches

    def __init__(
        self,
        rules: Recurrence | Rule | Sequence[Rule],
        zone: tzinfo | None = None,
        *,
        format: str = "ir",
        source: str = "",
        spelling: object | None = None,
        start: Moment | None = None,
        end: Moment | None = None,
        metadata: Mapping[str, object] | None = None,
    ) -> None:
        if isinstance(rules, Recurrence):
            recurrence = rules
        else:
            recurrence = Recurrence(rules, zone, start=start, end=end, format=format,
                                    source=source, spelling=spelling, metadata=metadata)
        # Set past the immutability guard (see __setattr__), through the slots' own
        # setters: the cheapest way past it, and a schedule is made on every parse.
        _SET_RECURRENCE(self, recurrence)  # what every format reads and writes
        first = recurrence.start_seconds
        if recurrence.format == "quartz":
            first = _quartz_start(recurrence, first)
        _SET_START(self, first)
        _SET_END(self, recurrence.end_seconds)
        _SET_CACHES(self, _Caches())

    def __setattr__(self, name: str, value: object) -> None:
        # ``parse`` hands one schedule to every caller of the same text: a change made by
        # one would be seen by all.
        raise AttributeError(
            f"a Schedule is immutable; {name} cannot be set. Make a changed copy instead: "
            "schedule.bounded(start, end), schedule.with_duration(duration), or "
            "Schedule(recurrence.with_rules(rules))")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Schedule is immutable; {name} cannot be deleted")

    def __reduce__(self) -> tuple[type[Schedule], tuple[Recurrence]]:
        # A schedule is its recurrence: the evaluators are compiled again when needed.
        return Schedule, (self.recurrence,)

    def to_json(self) -> dict[str, Any]:
        """What the schedule means as JSON values (str, int, bool, None, list, dict), in
        the versioned form ``docs/ir-json.md`` documents: a job store or an HTTP answer
        keeps it instead of the source text, and :meth:`from_json` reads it back.

        Canonical: schedules that compare equal give the same JSON, apart from
        ``source`` (the format and text it was read from, kept as information). Raises
        :class:`~cadence.ZoneError` for a zone that is neither an IANA zone nor a fixed
        UTC offset.

        >>> import cadence
        >>> cadence.parse("0 9 * * 1-5", tz="Europe/Berlin").to_json()["rules"][0]["weekdays"]
        {'days': ['MO', 'TU', 'WE', 'TH', 'FR']}
        """
        from ._ir_json import recurrence_to_json  # loaded when asked

        return recurrence_to_json(self.recurrence)

    @classmethod
    def from_json(cls, data: Mapping[str, object] | str | bytes) -> Schedule:
        """The schedule a JSON form (:meth:`to_json`'s, or its JSON text) says.

        Every problem is raised at once as :class:`~cadence.InvalidPayloadError`, each
        with its JSON Pointer: a newer version of the form, unknown or missing keys,
        values of the wrong type, what the IR refuses (hour 25), JSON text that does not
        decode or crosses :mod:`cadence.limits`, a schedule that can never fire
        (``NEVER_FIRES``, as :func:`cadence.parse` refuses such a text). The source text
        is read again in its format: when it means what the JSON says, the schedule has
        it and its spelling (writers write it back as it was written); otherwise it has
        neither (an empty :attr:`source`; the text kept as information in
        ``metadata["former_source"]``). The metadata travels in the JSON.

        >>> import cadence
        >>> s = cadence.parse("0 9 * * 1-5", tz="Europe/Berlin")
        >>> again = cadence.Schedule.from_json(s.to_json())
        >>> again == s, again.spelling == s.spelling
        (True, True)
        """
        from ._ir_json import recurrence_from_json  # loaded when asked

        return cls(recurrence_from_json(data, reread=_reread,
                                        never_fires_words=_never_fires_words))

    def _compile(self) -> _Compiled:
        compiled = self._caches.compiled
        if compiled is None:
            recurrence = self.recurrence
            zone = recurrence.zone
            sources: list[Source] = [source_for(rule, zone) for rule in recurrence.rules]
            if recurrence.dates:
                sources.append(DatesEvaluator(recurrence.dates, zone))
            compiled = _Compiled(
                tuple(sources),
                frozenset(int(moment.timestamp()) for moment in recurrence.excluded),
                tuple(source_for(rule, zone) for rule in recurrence.exclusions))
            self._caches.compiled = compiled
        return compiled

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.recurrence.rules

    @property
    def format(self) -> str:
        """The format the schedule was read from (``"ir"`` when built from rules)."""
        return self.recurrence.format

    @property
    def source(self) -> str:
        return self.recurrence.source

    @property
    def spelling(self) -> object | None:
        return self.recurrence.spelling

    @property
    def metadata(self) -> Mapping[str, object]:
        """What the source said besides the schedule (an EDFS timer's name, ...), kept
        so that it can be written back. Not part of equality."""
        return self.recurrence.metadata

    @property
    def start(self) -> datetime | None:
        """No occurrence before this moment (``None``: none before year 1)."""
        return self.recurrence.start

    @property
    def end(self) -> datetime | None:
        """No occurrence at or after this moment (``None``: none until year 9999)."""
        return self.recurrence.end

    @property
    def rule(self) -> Rule:
        """The schedule's rule, when it has exactly one (see :attr:`rules`)."""
        return self.recurrence.rule

    @property
    def dst(self) -> str | None:
        """The name of the DST policy its rules follow (see :mod:`cadence.dst`), or
        ``None`` when they follow different ones."""
        from .dst import of  # the policies are named only when asked

        names = {getattr(of(rule), "name", None) for rule in self.rules}
        return names.pop() if len(names) == 1 else None

    @property
    def tz(self) -> tzinfo:
        """The zone occurrences are computed and returned in."""
        return self.recurrence.zone

    def _forward(self, after: int, evaluators: Sequence[Source] | None = None,
                 until: int | None = None) -> Iterator[datetime]:
        """Occurrences after instant ``after`` and before ``until`` (and the end bound):
        each source stops at the bound itself, where it knows its instants."""
        if self._start is not None:
            after = max(after, self._start - 1)
        if self._end is not None:
            until = self._end if until is None else min(until, self._end)
        compiled = self._compile()
        streams = [evaluator.forward(after, until)
                   for evaluator in evaluators or compiled.evaluators]
        found = streams[0] if len(streams) == 1 else _union(streams, self.tz, reverse=False)
        if compiled.excluded or compiled.exclusions:  # after the bound: it ends the walk
            found = without(found, compiled.excluded, compiled.exclusions, self.tz,
                            reverse=False)
        return found

    def _backward(self, before: int, evaluators: Sequence[Source] | None = None
                  ) -> Iterator[datetime]:
        if self._end is not None:
            before = min(before, self._end)
        compiled = self._compile()
        streams = [evaluator.backward(before) for evaluator in evaluators or compiled.evaluators]
        found = streams[0] if len(streams) == 1 else _union(streams, self.tz, reverse=True)
        if self._start is not None:
            start, zone = self._start, self.tz
            found = takewhile(lambda moment: instant_of(moment, zone)[0] >= start, found)
        if compiled.excluded or compiled.exclusions:
            found = without(found, compiled.excluded, compiled.exclusions, self.tz,
                            reverse=True)
        return found

    # -- windows -------------------------------------------------------------------

    def _window(self, evaluator: Source, opening: datetime) -> Window:
        """The window an occurrence opens (see each source's ``window_end``)."""
        start = instant_of(opening, self.tz)[0]
        if not evaluator.reach:
            return Window(start, start, opening, opening, start * _MICRO)
        end = evaluator.window_end(opening, start)
        closing = opening if end == start * _MICRO else self._closing(end)
        return Window(start, -(-end // _MICRO), opening, closing, end)

    def _closing(self, end: int) -> datetime:
        """The wall-clock time a window closes at ``end`` (microseconds); a window that
        would run past the calendar ends at the calendar's end."""
        return _local_micro(end, self.tz)

    def _windows_from(self, moment: int, *, lasting: bool = False, reach: int | None = None
                      ) -> Iterator[Window]:
        """Windows still open at or after ``moment`` (seconds), in order of opening;
        with ``lasting``, only those of rules whose windows have a length. Windows that
        open together come longest first, whatever the order of the rules (as explicit
        dates at one instant keep the longest). ``reach``: how long before ``moment``
        (seconds) a window still open at it can have opened, where the caller knows."""
        streams = [self._rule_windows(evaluator, moment, reach)
                   for evaluator in self._compile().evaluators
                   if not lasting or evaluator.reach]
        merged = heapq.merge(*streams, key=lambda window: (window.start, -window.end_micro))
        return (window for window in merged
                if window.end > moment or window.start >= moment)

    def _rule_windows(self, evaluator: Source, moment: int, reach: int | None = None
                      ) -> Iterator[Window]:
        if reach is None:
            reach = self._reach_before(evaluator, moment)
        for opening in self._forward(moment - reach,
                                     (evaluator,)):
            yield self._window(evaluator, opening)

    def _reach_before(self, evaluator: Source, moment: int) -> int:
        """How long before ``moment`` a window of ``evaluator`` still open at it can have
        opened: its reach, which allows for a clock change moving its end by up to a
        day, or just its duration where the zone keeps one offset from that far back
        until as far ahead (so an every-second rule does not walk two days of windows
        before the first one that matters)."""
        reach = max(evaluator.reach, 1)
        rule = evaluator.rule
        if rule is None or rule.duration is None:
            return reach
        plain = DayOffsets.of(self.tz).plain_day(moment - reach)
        if plain is None or plain[1] - plain[2] <= moment + reach:
            return reach
        return max(-(-rule.duration // timedelta(seconds=1)), 1)

    def window_at(self, moment: Moment) -> tuple[datetime, datetime] | None:
        """The window ``[start, end)`` containing ``moment``, or ``None``: of several, the
        last to open (and of those opening together, the longest).

        An instant schedule's windows have no length: they contain their own instant.

        >>> import cadence
        >>> cal = cadence.parse("0 9 * * MON-FRI")
        >>> cal.window_at("2026-11-23T09:00Z")[0].isoformat()
        '2026-11-23T09:00:00+00:00'
        """
        seconds, micro = self._instant(moment, "moment")
        found: Window | None = None
        for evaluator in self._compile().evaluators:
            for window in self._windows_back(evaluator, seconds):
                here = seconds * _MICRO + micro
                inside = (window.start * _MICRO <= here < window.end_micro
                          if window.end > window.start
                          else window.start == seconds and not micro)
                if inside and (found is None or (window.start, window.end_micro)
                               > (found.start, found.end_micro)):
                    found = window
        return (found.opening, found.closing) if found is not None else None

    def _windows_back(self, evaluator: Source, seconds: int) -> Iterator[Window]:
        """The windows of ``evaluator`` that may hold instant ``seconds``: a rule's
        windows all last as long, so the last one opened is the only candidate; explicit
        dates each have their own, so every one within reach is."""
        openings = self._backward(seconds + 1, (evaluator,))
        if evaluator.rule is not None:
            opening = next(openings, None)
            if opening is not None:
                yield self._window(evaluator, opening)
            return
        for opening in openings:
            window = self._window(evaluator, opening)
            if window.start < seconds - evaluator.reach:
                return
            yield window

    def is_active(self, moment: Moment) -> bool:
        """Whether ``moment`` lies in one of the schedule's windows."""
        return self.window_at(moment) is not None

    def next_window(self, after: Moment | None = None) -> tuple[datetime, datetime] | None:
        """The first window opening strictly after ``after`` (default: now)."""
        seconds, _ = self._instant(now() if after is None else after, "after")
        for window in self._windows_from(seconds + 1):
            if window.start > seconds:
                return window.opening, window.closing
        return None

    def windows_between(self, start: Moment, end: Moment
                        ) -> list[tuple[datetime, datetime]]:
        """Every window that overlaps ``[start, end)``, in order of opening (not clipped);
        more than :data:`cadence.limits.MAX_RESULTS` is a :class:`TooManyResultsError`
        (:meth:`iter_windows` walks any number)."""
        first, first_micro = self._instant(start, "start")
        last, last_micro = self._instant(end, "end")
        limit = last + (1 if last_micro else 0)
        windows = takewhile(lambda window: window.start < limit,
                            self._windows_open_at(first, first_micro))
        return self._listed(((window.opening, window.closing) for window in windows),
                            ("windows_between", "windows", "iter_windows"), first, limit)

    def _working_intervals(self, moment: int, *, limited: bool = True,
                           reach: int | None = None) -> Iterator[tuple[int, int]]:
        """Working time ``[a, b)`` (microseconds) from the windows open at or after
        ``moment`` (seconds), as disjoint pieces in order: time covered by several
        windows counts once. ``limited``: at most MAX_WORKING_WINDOWS windows (a walk
        that is not bounded by a day of the day tally); ``reach``: see :meth:`_windows_from`.

        Pieces, not merged intervals, so that windows overlapping without end (a daily
        window longer than a day) still yield lazily.
        """
        covered = None
        budget = MAX_WORKING_WINDOWS if limited else -1
        for walked, window in enumerate(self._windows_from(moment, lasting=True, reach=reach)):
            if walked == budget:
                raise ScheduleError(
                    f"counting working time walked {MAX_WORKING_WINDOWS} windows one by one "
                    f"up to {window.opening.isoformat()} and stopped there "
                    "(cadence.limits.MAX_WORKING_WINDOWS): this schedule's exclusion rules, "
                    "explicit dates, counts, set positions or sub-day intervals keep whole "
                    "days from being counted at once; count over a shorter span")
            opened = window.start * _MICRO
            begin = opened if covered is None else max(opened, covered)
            if window.end_micro > begin:
                yield begin, window.end_micro
                covered = window.end_micro
            elif covered is None or window.end_micro > covered:
                covered = window.end_micro

    def add_working_time(self, start: Moment, duration: Duration, *,
                         progress: Callable[[float], None] | None = None) -> datetime:
        """The moment at which ``duration`` of working time, counted inside the
        schedule's windows from ``start``, is used up. ``progress``, if given, hears the
        fraction of ``duration`` counted now and then while windows are walked one by
        one (a schedule whose days cannot be counted whole may take seconds).

        ``duration``: a timedelta or ISO 8601 text (``"PT10H"``).

        >>> import cadence
        >>> office = cadence.parse("0 9 * * MON-FRI").with_duration("PT8H")
        >>> office.add_working_time("2026-11-23T09:00Z", "PT10H").isoformat()
        '2026-11-24T11:00:00+00:00'
        """
        if type(duration) is not timedelta:
            from ._durations import as_duration

            duration = as_duration(duration)
        if duration < timedelta(0):
            raise ScheduleError("duration must not be negative; count from an earlier start")
        seconds, micro = self._instant(start, "start")
        here = begun = seconds * _MICRO + micro
        remaining = duration // timedelta(microseconds=1)
        if remaining == 0:
            return _local_micro(here, self.tz)
        if not any(evaluator.reach for evaluator in self._compile().evaluators):
            raise ScheduleError(
                "this schedule's occurrences are instants, so it has no working time; "
                "give its rules a duration (e.g. schedule.with_duration(\"PT8H\"))"
            )
        tally = self._tally()
        reach = None
        if tally is not None:
            # Exactly up to the first whole day, then whole days, years and months at a
            # time, then exactly again within the day the work ends in.
            first_day = max(tally.day_of(seconds) + 1, tally.first)
            if first_day < tally.last:
                midnight = tally.midnight(first_day)
                here, remaining, reach = tally.narrow(here, midnight * _MICRO, remaining)
                found, remaining = self._spend(here, remaining, midnight, limited=False,
                                               reach=reach)
                if found is not None:
                    return _local_micro(found, self.tz)
                day, remaining = tally.spend(first_day, tally.last, remaining)
                here, remaining, reach = tally.narrow(
                    tally.midnight(day) * _MICRO, tally.midnight(day + 1) * _MICRO, remaining)
        # With the tally, what is left ends within a day (or the calendar's last few).
        found, _ = self._spend(here, remaining, None, limited=tally is None,
                               progress=progress, total=duration // timedelta(microseconds=1),
                               reach=reach)
        if found is None:
            raise ScheduleError(
                f"the schedule has less than {duration_words(duration)} of working time "
                f"after {moment_words(_local_micro(begun, self.tz))}; it ends before the "
                "work does"
            )
        return _local_micro(found, self.tz)

    def _spend(self, here: int, remaining: int, until: int | None, *, limited: bool = True,
               progress: Callable[[float], None] | None = None, total: int = 1,
               reach: int | None = None) -> tuple[int | None, int]:
        """Where ``remaining`` working time from ``here`` (microseconds) is used up,
        walking window by window, and ``0``; or ``None`` and what is left of it when
        instant ``until`` (seconds) or the schedule's end comes first. ``progress``
        hears the share of ``total`` spent (the work's whole working time); ``reach``:
        see :meth:`_windows_from`."""
        limit = None if until is None else until * _MICRO
        for walked, (begin, finish) in enumerate(
                self._working_intervals(here // _MICRO, limited=limited, reach=reach)):
            if progress is not None and not walked % _REPORT_EVERY:
                progress(1 - remaining / total)
            if limit is not None:
                if begin >= limit:
                    break
                finish = min(finish, limit)
            begin = max(begin, here)
            available = finish - begin
            if available <= 0:
                continue
            if remaining <= available:
                return begin + remaining, 0
            remaining -= available
        return None, remaining

    def working_time_between(self, start: Moment, end: Moment, *,
                             progress: Callable[[float], None] | None = None) -> timedelta:
        """Working time inside the schedule's windows between two moments (negative if
        ``end`` is before ``start``). ``progress``, if given, hears the fraction of the
        span counted now and then while windows are walked one by one."""
        first, first_micro = self._instant(start, "start")
        last, last_micro = self._instant(end, "end")
        low, high = first * _MICRO + first_micro, last * _MICRO + last_micro
        if high < low:
            return -self.working_time_between(end, start, progress=progress)
        tally = self._tally()
        if tally is not None:
            # The whole days between, a year or a month at a time; their ends exactly.
            first_day = max(tally.day_of(first) + 1, tally.first)
            last_day = min(tally.day_of(last), tally.last)
            if first_day <= last_day:  # (two ends in adjoining days: no day between)
                middle = tally.between(first_day, last_day)
                return timedelta(microseconds=(
                    self._measure_part(tally, low, tally.midnight(first_day) * _MICRO)
                    + middle + self._measure_part(tally, tally.midnight(last_day) * _MICRO,
                                                  high)))
        return timedelta(microseconds=self._measure(low, high, progress=progress))

    def _measure_part(self, tally: DayTally, low: int, high: int) -> int:
        """Working time within a day (or less) at the ends of the tally's days: by its
        arithmetic where that applies, else window by window."""
        found = tally.part(low, high)
        return self._measure_day(low, high) if found is None else found

    def _measure_day(self, low: int, high: int, reach: int | None = None) -> int:
        """Working time within a day (or less), window by window, however dense;
        ``reach``: see :meth:`_windows_from`."""
        return self._measure(low, high, limited=False, reach=reach)

    def _measure(self, low: int, high: int, *, limited: bool = True,
                 progress: Callable[[float], None] | None = None,
                 reach: int | None = None) -> int:
        """Working time between two instants (microseconds), window by window;
        ``progress`` hears the share of the span behind."""
        total = 0
        for walked, (begin, finish) in enumerate(
                self._working_intervals(low // _MICRO, limited=limited, reach=reach)):
            if begin >= high:
                break
            if progress is not None and not walked % _REPORT_EVERY:
                progress(max(0, begin - low) / max(high - low, 1))
            total += max(0, min(finish, high) - max(begin, low))
        return total

    def _tally(self) -> DayTally | None:
        """Working time by whole days, where the schedule's days decide it (see
        :mod:`cadence._working`), else ``None``: then it is walked window by window."""
        tally = self._caches.day_tally
        if tally is None:
            from ._working import day_tally

            compiled = self._compile()
            tally = day_tally(
                [evaluator for evaluator in compiled.evaluators if evaluator.reach], self.tz,
                plain=not (compiled.excluded or compiled.exclusions),
                bounds=(self._start, self._end), measure=self._measure_day) or False
            self._caches.day_tally = tally
        return tally or None

    @property
    def has_windows(self) -> bool:
        """Whether some occurrence opens a window: a rule with a duration, or a date with
        an end (an iCalendar event's)."""
        recurrence = self.recurrence
        return (any(rule.duration is not None for rule in recurrence.rules)
                or any(instance.end is not None for instance in recurrence.dates))

    def with_duration(self, duration: Duration | None) -> Schedule:
        """The same schedule whose occurrences open windows of ``duration``: a timedelta,
        ISO 8601 text (``"PT8H"``, ``"P1DT2H30M"``), or ``None`` for instants.

        >>> import cadence
        >>> cadence.parse("0 9 * * MON-FRI").with_duration("PT8H").describe()
        'At 09:00 on every day-of-week from Monday through Friday, for 8 hours.'
        """
        if duration is not None and type(duration) is not timedelta:
            from ._durations import as_duration

            duration = as_duration(duration)
        return Schedule(self.recurrence.with_rules(
            replace(rule, duration=duration) for rule in self.rules))

    def describe(self) -> str:
        """The schedule in English, in the style of crontab.guru (see
        :func:`cadence.describe`).

        >>> import cadence
        >>> cadence.parse("0 22 * * 1-5").describe()
        'At 22:00 on every day-of-week from Monday through Friday.'
        """
        from .formats.text import describe  # the English writer, loaded when asked

        return describe(self)

    #: cronsim's name for :meth:`describe`.
    explain = describe

    def bounded(self, start: Moment | None = None,
                end: Moment | None = None) -> Schedule:
        """The same schedule with no occurrence before ``start`` or at or after ``end``
        (a bound given as ``None`` keeps the current one; a naive bound is wall time in
        the schedule's zone).

        >>> import cadence
        >>> s = cadence.parse("0 9 * * *").bounded(start="2026-11-23T00:00Z")
        >>> s.prev("2026-11-24T00:00Z").isoformat(), s.prev("2026-11-23T09:00Z")
        ('2026-11-23T09:00:00+00:00', None)
        """
        return Schedule(self.recurrence.with_bounds(
            self.start if start is None else start, self.end if end is None else end))

    def next(self, after: Moment | None = None) -> datetime | None:
        """The first occurrence strictly after ``after`` (a datetime, ISO 8601 text or
        POSIX seconds; default: now); ``None`` past year 9999.

        >>> import cadence
        >>> cadence.parse("0 0 * * 6,0").next("2026-11-22T00:00:00+00:00").isoformat()
        '2026-11-28T00:00:00+00:00'
        """
        seconds = self._instant(now() if after is None else after, "after")[0]
        caches = self._caches
        last = caches.last
        if last is not None and last[0] <= seconds < last[1]:
            return last[2]  # asked again before the answer came: the same answer
        first = caches.first
        if first is None:
            first = caches.first = self._first_after()
        found: datetime | None = None
        if first:  # answered without compiling, where it can be
            instant, found = first(seconds if self._start is None
                                   else max(seconds, self._start - 1))
            if found is not None and self._end is not None and instant >= self._end:
                return None
        if found is None:
            found = next(self._forward(seconds), None)
            if found is None:
                return None
            instant = instant_of(found, self.tz)[0]
        caches.last = (seconds, instant, found)
        return found

    def _first_after(self) -> FirstAfter | Literal[False]:
        """The quick answer to ``next`` for a schedule of one plain rule (False: none)."""
        recurrence = self.recurrence
        if len(recurrence.rules) != 1 or recurrence.has_set_parts:
            return False
        rule = recurrence.rules[0]
        return FirstAfter(rule, recurrence.zone) if is_plain(rule) else False

    def prev(self, before: Moment | None = None) -> datetime | None:
        """The last occurrence strictly before ``before`` (default: now); ``None`` before
        year 1.

        >>> import cadence
        >>> cadence.parse("0 0 * * 6,0").prev("2026-11-22T00:00:00+00:00").isoformat()
        '2026-11-21T00:00:00+00:00'
        """
        return next(self.iter_before(before), None)

    def iter_after(self, after: Moment | None = None) -> Iterator[datetime]:
        """Occurrences strictly after ``after`` (default: now), ascending, lazily."""
        seconds, _ = self._instant(now() if after is None else after, "after")
        return self._forward(seconds)

    def iter_before(self, before: Moment | None = None) -> Iterator[datetime]:
        """Occurrences strictly before ``before`` (default: now), descending, lazily."""
        seconds, micro = self._instant(now() if before is None else before, "before")
        return self._backward(seconds + (1 if micro else 0))

    def between(self, start: Moment, end: Moment) -> list[datetime]:
        """Occurrences ``t`` with ``start <= t < end``, ascending; more than
        :data:`cadence.limits.MAX_RESULTS` is a :class:`TooManyResultsError`
        (:meth:`iter_after` walks any number).

        >>> import cadence
        >>> s = cadence.parse("0 12 1 * *")
        >>> [t.date().isoformat() for t in s.between("2026-01-01T00:00Z", "2026-04-01T00:00Z")]
        ['2026-01-01', '2026-02-01', '2026-03-01']
        """
        first, first_micro = self._instant(start, "start")
        last, last_micro = self._instant(end, "end")
        limit = last + (1 if last_micro else 0)  # occurrences are whole seconds
        return self._listed(self._forward(first - (0 if first_micro else 1), until=limit),
                            ("between", "occurrences", "iter_after"), first, limit)

    def iter_windows(self, start: Moment | None = None) -> Iterator[tuple[datetime, datetime]]:
        """Every window still open at ``start`` (default: now) or opening later, in order
        of opening, lazily (:meth:`windows_between` without an end)."""
        first, first_micro = self._instant(now() if start is None else start, "start")
        return ((window.opening, window.closing)
                for window in self._windows_open_at(first, first_micro))

    def _windows_open_at(self, seconds: int, micro: int) -> Iterator[Window]:
        """Windows still open at the moment (to the microsecond) or opening later."""
        low = seconds * _MICRO + micro
        return (window for window in self._windows_from(seconds)
                if window.end_micro > low or window.start * _MICRO >= low)

    def _listed(self, items: Iterable[_T], names: tuple[str, str, str], first: int,
                limit: int) -> list[_T]:
        """``items`` as a list of at most MAX_RESULTS, stopping as soon as one more
        comes; past it, an error naming the call, what it lists, the range (instants
        ``first`` to ``limit``) and the lazy call that walks it instead."""
        found = list(islice(items, limits.MAX_RESULTS + 1))
        if len(found) <= limits.MAX_RESULTS:
            return found
        call, what, lazily = names
        begin, end = (local_of(instant, self.tz).isoformat() for instant in (first, limit))
        raise TooManyResultsError(
            f"{call} would list more than {limits.MAX_RESULTS:,} {what} from {begin} to "
            f"{end} (cadence.limits.MAX_RESULTS); ask for a shorter range, or walk them "
            f"lazily with {lazily}(start) and stop at the end")

    def matches(self, moment: Moment) -> bool:
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

    def _instant(self, moment: Moment, name: str) -> tuple[int, int]:
        if type(moment) is not datetime:  # every call asks: skip the checks for a datetime
            moment = as_datetime(moment, name)
        try:
            return instant_of(moment, self.tz)
        except (OverflowError, ValueError):
            raise ScheduleError(unplaceable(moment, name, self.recurrence.zone_name)) from None

    def __repr__(self) -> str:
        return f"<Schedule {self.format} {self.source!r} tz={self.recurrence.zone_name!r}>"

    def __eq__(self, other: object) -> bool:
        # A schedule means its recurrence: it equals the recurrence it wraps.
        if isinstance(other, Recurrence):
            return self.recurrence == other
        if not isinstance(other, Schedule):
            return NotImplemented
        return self.recurrence == other.recurrence

    def __hash__(self) -> int:
        return hash(self.recurrence)


def _reread(target: Recurrence) -> Recurrence | None:
    """``target``'s source text read again as its format in its zone, under the DST
    policy its rules follow (``dst=`` chose it at parse; the text does not say it), or
    ``None`` when it does not read: what :meth:`Schedule.from_json` keeps the spelling
    of when it still means ``target``."""
    from . import formats  # the registry, loaded by every parse already

    chosen = formats.registry().get(target.format)
    if chosen is None or chosen.read is None:
        return None
    try:
        read = chosen.read(target.source, formats.Context(target.zone))
    except ScheduleError:
        return None
    policy = Schedule(target).dst
    if read == target or policy is None:
        return read
    from .dst import applied  # only for a schedule whose policy was chosen

    return applied(read, policy)


def _never_fires_words(rule: Rule) -> str | None:
    """Why ``rule`` fires on no day, in the words every format's refusal uses."""
    from .formats._firing import never_fires_reason  # loaded by every parse already

    return never_fires_reason(rule)


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


_SET_RECURRENCE, _SET_START, _SET_END, _SET_CACHES = (
    Schedule.__dict__[name].__set__ for name in ("recurrence", "_start", "_end", "_caches"))

register_engine(Schedule)
