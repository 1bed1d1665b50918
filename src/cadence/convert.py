"""Writing a schedule in another format: :func:`emit` and :func:`convert`.

Emitters work from the IR; what a target cannot express raises
:class:`~cadence.errors.UnsupportedError` naming the feature. Every result is read back
and compared with the schedule: where the target's DST policy differs from the
schedule's (cron shifts a time skipped by a DST jump, RFC 5545 drops it) and that
changes an occurrence in the schedule's zone, the conversion is refused too.

With ``lossy=True`` the fewest droppable features (bounds, a window's length, excluded
days, years, seconds, the DST policy) are dropped instead, and named in the returned
list.

>>> import cadence
>>> cadence.convert("0 30 9 ? * MON-FRI", to="cron")
'30 9 * * 1-5'
>>> cadence.emit(cadence.parse("0 0 1 * * ? 2027"), "cron", lossy=True)
('0 1 * * *', ['years (2027)'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from itertools import combinations
from typing import Any, Literal, overload

from . import dst, formats
from ._api import Source, as_schedule, parse
from ._evaluate import PolicyDifference, policy_difference, union_policy_difference
from ._moments import Moment, as_datetime
from ._zones import bound_seconds, zone_name
from .errors import (
    ParseError,
    ScheduleError,
    UnsupportedError,
    described,
    duration_words,
    moment_words,
)
from .formats import Written
from .formats._readback import policy_free
from .formats.cron import QuartzTrigger
from .ir import DstFlags, Recurrence, Rule
from .schedule import Schedule

__all__ = ["EMIT_FORMATS", "JSON_TARGETS", "Emitted", "JsonTarget", "TextTarget", "convert",
           "emit", "reads_back"]

#: What :func:`emit` returns: text for string formats, a dict for JSON formats.
Emitted = Written

#: The formats :func:`emit` writes.
EMIT_FORMATS = formats.names(writable=True)
#: The targets written as JSON objects.
JSON_TARGETS = formats.names(writable=True, kind="json")

#: The targets written as text, and those written as JSON objects, for type checkers
#: (``emit(s, "cron")`` is a ``str``, ``emit(s, "edfs")`` a dict). A type checker needs
#: them spelled out; tests/test_api_edges.py checks that they are the registry's.
TextTarget = Literal["cron", "crontab", "ical", "quartz", "rrule", "systemd", "text"]
JsonTarget = Literal["campaign", "edfs", "helix", "bentley"]
_Json = dict[str, Any]


@overload
def emit(schedule: Source, format: TextTarget, *, lossy: Literal[False] = False,
         tz: str | tzinfo | None = None, dst: str | None = None) -> str: ...


@overload
def emit(schedule: Source, format: JsonTarget, *, lossy: Literal[False] = False,
         tz: str | tzinfo | None = None, dst: str | None = None) -> _Json: ...


@overload
def emit(schedule: Source, format: str, *, lossy: Literal[False] = False,
         tz: str | tzinfo | None = None, dst: str | None = None) -> Emitted: ...


@overload
def emit(schedule: Source, format: TextTarget, *, lossy: Literal[True],
         tz: str | tzinfo | None = None, dst: str | None = None) -> tuple[str, list[str]]: ...


@overload
def emit(schedule: Source, format: JsonTarget, *, lossy: Literal[True],
         tz: str | tzinfo | None = None, dst: str | None = None
         ) -> tuple[_Json, list[str]]: ...


@overload
def emit(schedule: Source, format: str, *, lossy: Literal[True],
         tz: str | tzinfo | None = None, dst: str | None = None
         ) -> tuple[Emitted, list[str]]: ...


@overload
def emit(schedule: Source, format: str, *, lossy: bool,
         tz: str | tzinfo | None = None, dst: str | None = None
         ) -> Emitted | tuple[Emitted, list[str]]: ...


def emit(schedule: Source, format: str, *, lossy: bool = False,
         tz: str | tzinfo | None = None, dst: str | None = None
         ) -> Emitted | tuple[Emitted, list[str]]:
    """``schedule`` written in ``format``: one of :data:`EMIT_FORMATS`.

    ``schedule``: a :class:`~cadence.Schedule`, or text or a payload that
    :func:`cadence.parse` reads (in zone ``tz``, with DST policy ``dst``; to name the
    format it is read from, use :func:`convert`). String formats give a string
    (:data:`TextTarget`), JSON formats a dict (:data:`JsonTarget`). A schedule parsed from
    the same format keeps its spelling while its meaning is unchanged. Raises
    :class:`~cadence.errors.UnsupportedError` for what the target cannot say; with
    ``lossy=True`` returns ``(result, dropped)`` where ``dropped`` names what was left
    out (the fewest of: start and end bounds, a window's length, excluded days, years,
    seconds, the DST policy); anything else still raises.

    >>> import cadence
    >>> emit(cadence.parse("@daily"), "quartz")
    '0 0 0 * * ?'
    >>> emit("0 17 15 * *", "campaign")["days"]
    {'type': 'LIST', 'values': ['15']}
    """
    schedule = as_schedule(schedule, tz=tz, dst=dst)
    if format not in EMIT_FORMATS:
        raise ScheduleError(
            f"unknown format {described(format)}; cadence writes {', '.join(EMIT_FORMATS)}")
    if not reads_back(format):  # English: nothing to read back, nothing dropped
        written = _writer(format)(schedule)
        return (written, []) if lossy else written
    schedule = _counts_as_bounds(schedule, format)
    if lossy:
        return _emit_lossy(schedule, format)
    try:
        return _emit_checked(schedule, format, keep_policy=True)
    except UnsupportedError:
        simpler = _simplified(schedule)
        if simpler is None:
            raise
        return _emit_checked(simpler, format, keep_policy=True)


def _counts_as_bounds(schedule: Schedule, format: str) -> Schedule:
    """For a target without COUNT or rules with bounds of their own: each count said as
    the end after its last occurrence, and bounds every rule shares said as the
    schedule's. Counting happens here, when writing, never when reading."""
    says = formats.get(format, verb="writes", readable=False, writable=True).says
    recurrence = schedule.recurrence
    if ("count" in says and "rule_bounds" in says) or not any(
            rule.is_limited for rule in (*recurrence.rules, *recurrence.exclusions)):
        return schedule
    rules = [_uncounted(rule, recurrence.zone) for rule in recurrence.rules]
    exclusions = [_uncounted(rule, recurrence.zone) for rule in recurrence.exclusions]
    start, end = recurrence.start, recurrence.end
    if "rule_bounds" not in says and rules and len({(r.start, r.end) for r in rules}) == 1:
        shared = rules[0]
        zone = recurrence.zone
        if shared.start is not None and (recurrence.start_seconds is None
                                         or recurrence.start_seconds < shared.start.timestamp()):
            start = shared.start.astimezone(zone)
        if shared.end is not None and (recurrence.end_seconds is None
                                       or shared.end.timestamp() < recurrence.end_seconds):
            end = shared.end.astimezone(zone)
        rules = [replace(rule, start=None, end=None) for rule in rules]
    return Schedule(Recurrence(rules, recurrence.zone, start=start, end=end,
                               format=recurrence.format, source=recurrence.source,
                               spelling=recurrence.spelling, metadata=recurrence.metadata,
                               dates=recurrence.dates, excluded=recurrence.excluded,
                               exclusions=exclusions))


def _uncounted(rule: Rule, zone: tzinfo) -> Rule:
    """``rule`` with its count said as an end just after its last counted occurrence."""
    if rule.count is None:
        return rule
    counted = Schedule(Recurrence(replace(rule, excluded_dates=()), zone))
    last = next(counted.iter_before(datetime.max.replace(tzinfo=timezone.utc)), None)
    end = None if last is None else last + timedelta(seconds=1)
    if end is not None and rule.end is not None and rule.end < end:
        end = rule.end
    return replace(rule, count=None, end=end)


def _simplified(schedule: Schedule) -> Schedule | None:
    """The same occurrences said more simply, or ``None`` if nothing simplifies: rules
    that differ only in excluded dates merge (excluding the dates all of them exclude),
    and bounds that remove no occurrence (a start before the first one, an end after
    the last) go."""
    merged: dict[Rule, set[date]] = {}
    for rule in schedule.rules:
        key = replace(rule, excluded_dates=()) if rule.excluded_dates else rule
        if key in merged:
            merged[key] &= set(rule.excluded_dates)
        else:
            merged[key] = set(rule.excluded_dates)
    candidates = [replace(rule, excluded_dates=tuple(days)) if days else rule
                  for rule, days in merged.items()]
    rules = _uncovered(candidates, schedule.tz)
    start, end = schedule.start, schedule.end
    zone = schedule.tz
    if start is not None and Schedule(rules, zone, format="ir", source="", end=end
                                      ).prev(start) is None:
        start = None
    if end is not None and Schedule(rules, zone, format="ir", source="", start=start
                                    ).next(end - timedelta(seconds=1)) is None:
        end = None
    if (start, end, rules) == (schedule.start, schedule.end, schedule.rules):
        return None
    return Schedule(rules, zone, format="ir", source=schedule.source, start=start, end=end,
                    metadata=schedule.metadata)


#: Where a rule sits for :func:`_uncovered`: its window length, a month and a year
#: (``None``: every year).
_Place = tuple[timedelta | None, int, int | None]


def _uncovered(candidates: Sequence[Rule], zone: tzinfo) -> tuple[Rule, ...]:
    """The candidates that no other one covers, in order; of two that cover each other,
    the first stays.

    A rule covers another only if both have the same window length and it fires in the
    other's first month and year: rules are indexed by those places, so only rules that
    share one are compared (a CALENDAR campaign of 10,000 months compares none, where
    comparing every pair took minutes).
    """
    kept: dict[int, Rule] = {}  # by position among the candidates
    wider_at: dict[_Place, list[int]] = {}  # where each kept rule that may cover fires
    first_at: dict[_Place, list[int]] = {}  # where each kept rule first fires
    for position, rule in enumerate(candidates):
        first = _first_place(rule)
        covering = [*wider_at.get((*first[:2], None), ()),
                    *(wider_at.get(first, ()) if first[2] is not None else ())]
        if any(_covers(kept[other], rule, zone) for other in covering if other in kept):
            continue
        for other in _coverable(rule, first_at, kept):
            if _covers(rule, kept[other], zone):
                del kept[other]
        kept[position] = rule
        first_at.setdefault(first, []).append(position)
        if _may_cover(rule):
            for place in _places(rule):
                wider_at.setdefault(place, []).append(position)
    return tuple(kept.values())


def _first_place(rule: Rule) -> _Place:
    """The window length, first month and first year (``None``: every year) of ``rule``:
    whatever covers it fires there."""
    return rule.duration, rule.months[0], rule.years[0] if rule.years is not None else None


def _places(rule: Rule) -> Iterator[_Place]:
    for month in rule.months:
        for year in rule.years if rule.years is not None else (None,):
            yield rule.duration, month, year


def _coverable(wider: Rule, first_at: dict[_Place, list[int]], kept: dict[int, Rule]
               ) -> list[int]:
    """The kept rules ``wider`` might cover: those whose first month and year it fires in
    (a rule without years covers rules with and without years)."""
    if not _may_cover(wider):
        return []
    places: Iterable[_Place] = _places(wider)
    if wider.years is None:
        months = set(wider.months)
        places = [place for place in first_at if place[0] == wider.duration
                  and place[1] in months]
    return [position for place in places for position in first_at.get(place, ())
            if position in kept]


def _may_cover(wider: Rule) -> bool:
    """Whether ``wider`` fires on every day its day parts say (so it may cover another)."""
    return not (wider.has_year_parts or wider.positions or wider.is_limited)


def _covers(wider: Rule, narrower: Rule, zone: tzinfo) -> bool:
    """Whether ``wider`` fires whenever ``narrower`` does, visibly from the fields: a
    superset of each time and month set and of the years, every day (or the same day
    parts), the same period and window, fewer excluded dates, and a DST policy that
    makes no difference to ``narrower`` in ``zone``. The union then needs only ``wider``.
    """
    if wider == narrower or wider.duration != narrower.duration:
        return False
    if not _may_cover(wider):
        return False  # it fires on fewer days than its day parts say
    if not all(set(getattr(narrower, name)) <= set(getattr(wider, name))
               for name in ("seconds", "minutes", "hours", "months")):
        return False
    if wider.years is not None and (narrower.years is None
                                    or not set(narrower.years) <= set(wider.years)):
        return False
    every_day = wider.month_days is None and wider.weekdays is None
    same_days = ((wider.month_days, wider.weekdays, wider.day_match)
                 == (narrower.month_days, narrower.weekdays, narrower.day_match))
    return ((every_day or same_days)
            and (wider.period is None or wider.period == narrower.period)
            and set(wider.excluded_dates) <= set(narrower.excluded_dates)
            and policy_difference(narrower, zone, wider.dst_flags) is None)


def _writer(format: str) -> Callable[[Schedule], Emitted]:
    write = formats.get(format, verb="writes", readable=False, writable=True).write
    assert write is not None
    return write


def reads_back(format: str) -> bool:
    """Whether what ``format`` writes can be read again (English cannot)."""
    target = formats.get(format, verb="writes", readable=False, writable=True)
    return target.read is not None or target.reads_back_as is not None


def _emit_checked(schedule: Schedule, format: str, *, keep_policy: bool) -> Emitted:
    """The target's text, refused when the target's DST policy changes an occurrence."""
    written = _writer(format)(schedule)
    if keep_policy:
        conflict = _policy_conflict(schedule, format, written)
        if conflict is not None:
            raise UnsupportedError(format, "the DST policy of this schedule",
                                   _explain(conflict, schedule, format))
    return written


# -- the DST policy check -------------------------------------------------------------------


def _read_back(schedule: Schedule, format: str, written: Emitted) -> list[Rule]:
    """The rules of what was written, read again; a result that does not read back is a
    gap in the writer, refused as what the target cannot express (never a ParseError
    from emit)."""
    zone = schedule.tz
    line_format = formats.get(format, readable=False, writable=True).reads_back_as
    try:
        if line_format is not None:  # one rule a line
            assert isinstance(written, str)
            return [rule for line in written.splitlines()
                    for rule in parse(line, line_format, tz=zone).rules]
        return list(parse(written, format, tz=zone).rules)
    except UnsupportedError:
        raise
    except ScheduleError as exc:
        reason = exc.reason if isinstance(exc, ParseError) else str(exc)
        raise UnsupportedError(format, "this schedule", message=(
            f"{format}: this schedule cannot be expressed: the {format} written for it does "
            f"not read back ({reason}); emit(..., lossy=True) names what to drop")) from None


def _loose(rule: Rule) -> Rule:
    return replace(policy_free(rule), years=None, excluded_dates=())


def _policy_conflict(schedule: Schedule, format: str, written: Emitted
                     ) -> PolicyDifference | None:
    """Where the written schedule's DST policy makes it fire differently, if anywhere."""
    read = _read_back(schedule, format, written)
    # Targets may move years into bounds or spell unions differently: match rules without
    # those, and fall back on the target's one policy when it has one.
    counterpart = {_loose(rule): rule for rule in read}
    policies = {rule.dst_flags for rule in read}
    targets: list[tuple[Rule, DstFlags]] = []
    for rule in schedule.rules:
        other = counterpart.get(_loose(rule))
        if other is not None:
            targets.append((rule, other.dst_flags))
        elif len(policies) == 1:
            targets.append((rule, next(iter(policies))))
        else:
            targets.append((rule, rule.dst_flags))
    low, high = (bound_seconds(bound, schedule.tz) for bound in (schedule.start, schedule.end))
    return union_policy_difference(targets, schedule.tz, low, high)


def _explain(conflict: PolicyDifference, schedule: Schedule, format: str) -> str:
    wall = moment_words(conflict.wall)
    where = zone_name(schedule.tz)
    declared = formats.get(format, readable=False, writable=True).dst
    theirs_name = declared.policy if declared is not None else None
    if conflict.skipped:
        what = f"{wall} does not exist in {where} (the clocks jump over it)"
        ours = "fires right after the jump" if conflict.fires else "skips it"
        theirs = "fires right after the jump" if conflict.fires_other else "skips it"
    else:
        what = f"{wall} happens twice in {where} (the clocks go back)"
        ours = _repeated_words(conflict.fires, schedule.dst)
        theirs = _repeated_words(conflict.fires_other, theirs_name)
    target = f" ({theirs_name} DST policy)" if theirs_name is not None else ""
    policy = f" ({schedule.dst} DST policy)" if schedule.dst is not None else ""
    return f": {what}; this schedule{policy} {ours}, the {format} result{target} {theirs}"


def _repeated_words(fires: int, policy: str | None) -> str:
    """How often, and on which pass, a policy fires a repeated wall-clock time."""
    if fires != 1:
        return "fires twice" if fires == 2 else "does not fire"
    if policy is None:
        return "fires once"
    return f"fires once, on the {'second' if dst.get(policy).second_pass else 'first'} pass"


# -- lossy ----------------------------------------------------------------------------------


def _droppable(schedule: Schedule, format: str
               ) -> list[tuple[str, Callable[[Schedule], Schedule]]]:
    """``(what is dropped, how)`` for every droppable feature the schedule has."""
    found: list[tuple[str, Callable[[Schedule], Schedule]]] = []
    rules = schedule.rules
    if schedule.start is not None:
        found.append((f"the start bound ({schedule.start.isoformat()})",
                      lambda s: _rebuilt(s, s.rules, start=False)))
    if schedule.end is not None:
        found.append((f"the end bound ({schedule.end.isoformat()})",
                      lambda s: _rebuilt(s, s.rules, end=False)))
    windows = sorted({rule.duration for rule in rules if rule.duration is not None})
    if windows:
        found.append((f"the window length ({', '.join(map(duration_words, windows))}); only "
                      "its start is kept", lambda s: _each(s, duration=None)))
    excluded = sorted({day for rule in rules for day in rule.excluded_dates})
    if excluded:
        shown = ", ".join(day.isoformat() for day in excluded[:5])
        more = f" and {len(excluded) - 5} more" if len(excluded) > 5 else ""
        found.append((f"excluded dates ({shown}{more})",
                      lambda s: _each(s, excluded_dates=())))
    years = sorted({year for rule in rules for year in rule.years or ()})
    if years:
        shown = ", ".join(map(str, years[:5])) + ("..." if len(years) > 5 else "")
        found.append((f"years ({shown})", lambda s: _each(s, years=None)))
    seconds = sorted({second for rule in rules for second in rule.seconds})
    if seconds != [0]:
        found.append((f"seconds ({', '.join(map(str, seconds))}); {format} fires at second "
                      "0 of the same minutes", lambda s: _each(s, seconds=(0,))))
    return found


def _rebuilt(schedule: Schedule, rules: Sequence[Rule], *, start: bool = True,
             end: bool = True) -> Schedule:
    return Schedule(rules, schedule.tz, format="ir", source=schedule.source,
                    start=schedule.start if start else None,
                    end=schedule.end if end else None, metadata=schedule.metadata)


def _each(schedule: Schedule, **changes: Any) -> Schedule:
    return _rebuilt(schedule, [replace(rule, **changes) for rule in schedule.rules])


def _emit_lossy(schedule: Schedule, format: str) -> tuple[Emitted, list[str]]:
    """The result with the fewest dropped features; the first error if none works."""
    options = _droppable(schedule, format)
    first_error: UnsupportedError | None = None
    for size in range(len(options) + 1):
        for chosen in combinations(options, size):
            for keep_policy in (True, False):
                current = schedule
                for _, drop in chosen:
                    current = drop(current)
                try:
                    written = _emit_checked(current, format, keep_policy=keep_policy)
                    # Without the policy kept, the result must still read back; a policy
                    # that changes nothing was no reason to drop it.
                    conflict = None if keep_policy else _policy_conflict(current, format,
                                                                         written)
                except UnsupportedError as exc:
                    first_error = first_error or exc
                    continue
                dropped = [what for what, _ in chosen]
                if not keep_policy:
                    if conflict is None:
                        continue
                    dropped.append("the DST policy" + _explain(conflict, schedule, format))
                return written, dropped
    assert first_error is not None
    if len(schedule.rules) > 1 and first_error.feature.startswith("a union of"):
        raise UnsupportedError(format, f"a union of {len(schedule.rules)} rules",
                               ", and lossy=True does not choose one") from first_error
    raise first_error


def quartz_trigger(schedule: Source, format: str | None = None, *,
                   tz: str | tzinfo | None = None, dst: str | None = None) -> QuartzTrigger:
    """What a Quartz ``CronTrigger`` needs for ``schedule`` (a schedule, or what
    :func:`cadence.parse` reads, with its keywords): the expression and, beside it, the
    zone id (Quartz never keeps a zone in the expression). Raises
    :class:`~cadence.errors.UnsupportedError` for what Quartz cannot say, including a
    DST policy that Quartz's (a skipped time does not fire, a repeated one fires on its
    second pass) would change, naming the first DST date affected.

    >>> import cadence
    >>> quartz_trigger(cadence.parse("0 9 * * 1-5", tz="Europe/Berlin"))
    QuartzTrigger(expression='0 0 9 ? * 2-6', time_zone='Europe/Berlin')
    >>> quartz_trigger("0 9 * * 1-5", tz="Europe/Berlin").expression
    '0 0 9 ? * 2-6'
    """
    schedule = as_schedule(schedule, format, tz=tz, dst=dst)
    from .formats.cron import quartz_trigger as written_trigger

    trigger = written_trigger(schedule)
    conflict = _policy_conflict(schedule, "quartz", trigger.expression)
    if conflict is not None:
        raise UnsupportedError("quartz", "the DST policy of this schedule",
                               _explain(conflict, schedule, "quartz"))
    return trigger


@overload
def convert(source: Source, to: TextTarget, format: str | None = None, *,
            tz: str | tzinfo | None = None, dst: str | None = None,
            lossy: Literal[False] = False, start: Moment | None = None,
            from_: str | None = None) -> str: ...


@overload
def convert(source: Source, to: JsonTarget, format: str | None = None, *,
            tz: str | tzinfo | None = None, dst: str | None = None,
            lossy: Literal[False] = False, start: Moment | None = None,
            from_: str | None = None) -> _Json: ...


@overload
def convert(source: Source, to: str, format: str | None = None, *,
            tz: str | tzinfo | None = None, dst: str | None = None,
            lossy: Literal[False] = False, start: Moment | None = None,
            from_: str | None = None) -> Emitted: ...


@overload
def convert(source: Source, to: TextTarget, format: str | None = None, *,
            tz: str | tzinfo | None = None, dst: str | None = None,
            lossy: Literal[True], start: Moment | None = None,
            from_: str | None = None) -> tuple[str, list[str]]: ...


@overload
def convert(source: Source, to: JsonTarget, format: str | None = None, *,
            tz: str | tzinfo | None = None, dst: str | None = None,
            lossy: Literal[True], start: Moment | None = None,
            from_: str | None = None) -> tuple[_Json, list[str]]: ...


@overload
def convert(source: Source, to: str, format: str | None = None, *,
            tz: str | tzinfo | None = None, dst: str | None = None,
            lossy: Literal[True], start: Moment | None = None,
            from_: str | None = None) -> tuple[Emitted, list[str]]: ...


@overload
def convert(source: Source, to: str, format: str | None = None, *,
            tz: str | tzinfo | None = None, dst: str | None = None,
            lossy: bool, start: Moment | None = None,
            from_: str | None = None) -> Emitted | tuple[Emitted, list[str]]: ...


def convert(source: Source, to: str, format: str | None = None, *,
            tz: str | tzinfo | None = None, dst: str | None = None, lossy: bool = False,
            start: Moment | None = None, from_: str | None = None
            ) -> Emitted | tuple[Emitted, list[str]]:
    """Read ``source`` as :func:`cadence.parse` does (``format``, else recognized;
    ``tz``; ``dst``) and write it in format ``to``, as ``cadence convert`` does:
    ``start`` bounds the schedule first (no occurrence before it), and ``lossy=True``
    returns ``(written, dropped)`` as :func:`emit` does. ``from_`` is the old name of
    ``format``, deprecated.

    >>> convert("*/5 * * * *", "quartz")
    '0 */5 * * * ?'
    >>> print(convert("0 9 * * MON-FRI", "rrule"))
    RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0
    >>> convert("0 0 1 * * ? 2027", "cron", "quartz", lossy=True)
    ('0 1 * * *', ['years (2027)'])
    """
    if from_ is not None:
        import warnings

        warnings.warn("convert(from_=...) is deprecated: name the source format with "
                      "format=, as parse does", DeprecationWarning, stacklevel=2)
        if format is not None and format != from_:
            raise ScheduleError(f"convert() got format={described(format)} and "
                                f"from_={described(from_)}; give format= alone")
        format = from_
    if to not in EMIT_FORMATS:
        raise ScheduleError(f"unknown format {described(to)}; cadence writes "
                            f"{', '.join(EMIT_FORMATS)}")
    schedule = as_schedule(source, format, tz=tz, dst=dst)
    if start is not None:
        schedule = schedule.bounded(start=as_datetime(start, "start"))
    return emit(schedule, to, lossy=lossy)
