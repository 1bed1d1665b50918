"""Which VEVENTs a schedule is written as: one per window length and start.

Rules with the same window and the same start share an event. Each event's DTSTART must
be an instance of it (the reader adds the instance at DTSTART), so it is the first
occurrence of its rules at or after their start, or an explicit instance with the
event's window before that; such an instance counts as the first of each COUNT, as the
reader counts it. Explicit instances join an event that holds them (from its DTSTART to
its UNTIL), with its window (a plain RDATE) or with their own (an RDATE PERIOD); the rest
become events of their own, one per window length, and so does an instance at the
DTSTART of an event the schedule was read from (its UID and SUMMARY stay with it). A
schedule without a start reads back as one only from several events, so it is never
written as a single one.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone, tzinfo

from .._zones import local_of
from ..errors import UnsupportedError
from ..ir import Instance, Recurrence, Rule, at_or_after, occurrences
from ._ical_values import plus

__all__ = ["Group", "plan"]

_NO_START = ("; an iCalendar event needs DTSTART: give the schedule a start "
             "(Schedule.bounded(start=...), or convert --at on the command line)")


@dataclass(slots=True)
class Group:
    """One VEVENT to write: its window, DTSTART, rules and explicit instances (as RDATE
    writes them: a plain instant takes the event's window, a window is a PERIOD)."""

    length: timedelta | None
    start: datetime
    rules: list[Rule] = field(default_factory=list)
    dates: list[Instance] = field(default_factory=list)
    #: The end every rule shares (their UNTIL), which bounds the event's instances too.
    until: datetime | None = None


def plan(schedule: Recurrence, events: Collection[float] = ()) -> list[Group]:
    """The VEVENTs of ``schedule``, in the order of their DTSTART; an explicit instance
    at one of ``events`` (the DTSTARTs of the events it was read from, as timestamps)
    stays an event of its own."""
    zone = schedule.zone
    low, high = schedule.start_seconds, schedule.end_seconds
    start = None if low is None else local_of(low, zone)
    end = None if high is None else local_of(high, zone)
    dates = [instance for instance in schedule.dates
             if (low is None or instance.start.timestamp() >= low)
             and (high is None or instance.start.timestamp() < high)]
    groups = []
    for length, anchor, rules in _by_window_and_start(schedule, start, end):
        group = _started(length, anchor, rules, dates, zone, end)
        if group is not None:
            groups.append(group)
    if not groups and not dates:
        raise UnsupportedError("ical", "a schedule without occurrences",
                               "; an iCalendar event needs a first instance for DTSTART")
    _place(dates, groups, zone, frozenset(events) - {group.start.timestamp()
                                                    for group in groups})
    if start is None:
        _split(groups, zone)
    return sorted(groups, key=lambda group: group.start)


def _by_window_and_start(schedule: Recurrence, start: datetime | None,
                         end: datetime | None
                         ) -> list[tuple[timedelta | None, datetime, list[Rule]]]:
    keyed: dict[tuple[timedelta | None, datetime], list[Rule]] = {}
    for rule in schedule.rules:
        if rule.count is not None and (end is not None or rule.end is not None or (
                start is not None and rule.start is not None and rule.start < start)):
            rule = _uncounted(rule, schedule.zone)  # COUNT and an end, or cut by the start
        anchor = rule.start if rule.count is not None else _later(rule.start, start)
        if anchor is None:
            raise UnsupportedError("ical", "a schedule without a start", _NO_START)
        keyed.setdefault((rule.duration, anchor), []).append(replace(rule, duration=None))
    return [(length, anchor, rules) for (length, anchor), rules in keyed.items()]


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return max(a, b)


def _uncounted(rule: Rule, zone: tzinfo) -> Rule:
    """``rule`` with its count said as an end just after its last counted occurrence."""
    assert rule.count is not None
    alone = occurrences(Recurrence(replace(rule, excluded_dates=(), end=None), zone))
    last = next(alone.iter_before(datetime.max.replace(tzinfo=timezone.utc)), None)
    end = None if last is None else last + timedelta(seconds=1)
    if end is not None and rule.end is not None and rule.end < end:
        end = rule.end
    return replace(rule, count=None, end=end)


def _started(length: timedelta | None, anchor: datetime, rules: list[Rule],
             dates: list[Instance], zone: tzinfo, end: datetime | None) -> Group | None:
    """The event of ``rules``: DTSTART is their first occurrence at or after ``anchor``,
    or an explicit instance with their window before it (taken out of ``dates``);
    ``None`` when the rules have no occurrence."""
    raw = Recurrence([replace(rule, excluded_dates=()) for rule in rules], zone,
                     start=anchor, end=end)
    first = next(at_or_after(occurrences(raw), anchor), None)
    claimed = next((instance for instance in dates
                    if anchor <= instance.start and (first is None or instance.start < first)
                    and instance.end == plus(instance.start, length, zone)
                    and _may_start(rules, instance.start, zone)), None)
    if claimed is not None:
        dates.remove(claimed)
        moment = claimed.start  # not a rule's occurrence: the reader counts it in COUNT
        rules = [replace(rule, count=rule.count + 1) if rule.count else rule
                 for rule in rules]
    elif first is not None:
        moment = first
    else:
        return None
    ends = {_earlier(rule.end, end) for rule in rules}
    until = ends.pop() if len(ends) == 1 and not any(rule.count for rule in rules) else None
    # Counted rules count from DTSTART; the others are bounded by it.
    return Group(length, moment, [replace(rule, start=moment if rule.count else None)
                                  for rule in rules], until=until)


def _earlier(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return min(a, b)


def _may_start(rules: list[Rule], moment: datetime, zone: tzinfo) -> bool:
    """Whether DTSTART may be ``moment`` without moving what it anchors: every rule's
    INTERVAL period holds it, and no rule lists years (RRULE says them with DTSTART)."""
    wall = moment.astimezone(zone)
    second = wall.hour * 3600 + wall.minute * 60 + wall.second
    return all(rule.years is None and (rule.period is None
                                       or rule.period.selects(wall.date(), second))
               for rule in rules)


def _place(dates: list[Instance], groups: list[Group], zone: tzinfo,
           events: frozenset[float]) -> None:
    """Each explicit instance into an event of rules that holds it (from its DTSTART to
    its UNTIL), with that event's window or as a PERIOD; else into an event of
    instances with the same window (one at an event's DTSTART starts its own)."""
    ruled = list(groups)
    for instance in dates:
        length = _wall_length(instance, zone)
        fits = instance.end == plus(instance.start, length, zone)
        if instance.start.timestamp() in events:
            groups.append(_alone(instance, length, fits))
            continue
        holding = [group for group in ruled if group.start <= instance.start
                   and (group.until is None or instance.start < group.until)]
        same = next((group for group in holding if fits and group.length == length), None)
        if same is not None:
            same.dates.append(Instance(instance.start))
        elif holding and instance.end is not None:
            holding[0].dates.append(instance)
        else:
            kept = next((group for group in groups if not group.rules and fits
                         and group.length == length), None)
            if kept is not None:
                kept.dates.append(Instance(instance.start))
            else:
                groups.append(_alone(instance, length, fits))


def _alone(instance: Instance, length: timedelta | None, fits: bool) -> Group:
    """An event of ``instance`` alone: its window as DURATION, or, where the wall clock
    cannot say it from the start, as a PERIOD."""
    if fits:
        return Group(length, instance.start)
    return Group(None, instance.start, dates=[instance])


def _split(groups: list[Group], zone: tzinfo) -> None:
    """A schedule without a start reads back from several events only: when everything
    went into one, its last explicit instance becomes an event of its own."""
    if len(groups) != 1 or not groups[0].dates:
        return
    group = groups[0]
    last = group.dates.pop()
    if last.end is None:  # a plain RDATE, with the event's window
        last = Instance(last.start, plus(last.start, group.length, zone))
    length = _wall_length(last, zone)
    groups.append(_alone(last, length, last.end == plus(last.start, length, zone)))


def _wall_length(instance: Instance, zone: tzinfo) -> timedelta | None:
    """How long ``instance``'s window lasts on ``zone``'s wall clock."""
    if instance.end is None:
        return None
    start, end = (moment.astimezone(zone).replace(tzinfo=None)
                  for moment in (instance.start, instance.end))
    return end - start
