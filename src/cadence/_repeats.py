"""From when, and how often, a schedule's occurrences repeat.

A rule says which wall-clock seconds of which days fire, and the Gregorian calendar
repeats every 400 years (146,097 days, a whole number of weeks), so a rule's wall times
repeat every 400 years, or every multiple of 400 years its period (INTERVAL) needs. A
zone's clock changes repeat too once its explicit history has ended and its footer's
yearly rule has taken over. What does not repeat is passed at a moment: listed years,
bounds, a count's last occurrence, explicit and excluded dates. From the latest of those
on, each occurrence comes back one period later. A comparison that agrees over one
period from there has proven agreement for ever after.
"""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo
from math import lcm

from ._calendar import UNIT_SECONDS, UNITS_PER_CYCLE
from ._ending import MAX_COUNTED, last_counted
from ._tzdb import ZoneSpans
from ._zones import instant_of, is_fixed_offset
from .ir import Period, Recurrence, Rule

__all__ = ["CYCLE_SECONDS", "Repetition", "repetition"]

#: Seconds in 400 Gregorian years.
CYCLE_SECONDS = UNITS_PER_CYCLE["day"] * 86400
_DAY = 86400

Repetition = tuple[int | None, int]
"""``(settled, period)`` in seconds since the epoch: from ``settled`` on (``None``: from
the start of the calendar) every occurrence comes back ``period`` seconds later."""


def repetition(recurrence: Recurrence) -> Repetition | None:
    """When and how often ``recurrence`` repeats, or ``None`` where cadence cannot tell
    (a zone whose data it cannot read exactly, a count too long to walk)."""
    try:
        moments = [recurrence.start_seconds, recurrence.end_seconds,
                   _zone_settled(recurrence.zone)]
        moments += [_seconds(instance.end or instance.start) for instance in recurrence.dates]
        moments += [_seconds(moment) for moment in recurrence.excluded]
        period = CYCLE_SECONDS
        for rule in (*recurrence.rules, *recurrence.exclusions):
            moments += _rule_settled(rule, recurrence.zone)
            period = lcm(period, _cycles(rule.period) * CYCLE_SECONDS)
    except _UnknowableError:
        return None
    known = [moment for moment in moments if moment is not None]
    return (max(known) if known else None), period


class _UnknowableError(Exception):
    """A moment cadence cannot know: a zone it cannot read exactly, a count too long."""


def _rule_settled(rule: Rule, zone: tzinfo) -> list[int | None]:
    """The moments after which nothing of ``rule`` stops repeating (a day's margin
    where a wall time stands in for an instant)."""
    found: list[int | None] = [_seconds(rule.start), _seconds(rule.end)]
    if rule.years is not None:
        found.append(_wall(datetime(min(rule.years[-1], 9998) + 1, 1, 1)) + _DAY)
    if rule.excluded_dates:
        last = rule.excluded_dates[-1]
        found.append(_wall(datetime(last.year, last.month, last.day)) + 2 * _DAY)
    if rule.count is not None:
        if rule.count > MAX_COUNTED or rule.start is None:
            raise _UnknowableError
        found.append(_seconds(last_counted(rule, zone)))
    return found


def _cycles(period: Period | None) -> int:
    """How many 400-year cycles ``period`` takes to come back to the same phase."""
    if period is None:
        return 1
    if period.unit in UNIT_SECONDS:
        length, cycle = UNIT_SECONDS[period.unit] * period.every, CYCLE_SECONDS
    else:
        length, cycle = period.every, UNITS_PER_CYCLE[period.unit]
    return lcm(cycle, length) // cycle


def _zone_settled(zone: tzinfo) -> int | None:
    """The instant from which ``zone``'s clock changes repeat every 400 years."""
    if is_fixed_offset(zone):
        return None
    spans = ZoneSpans.for_zone(zone)
    if spans is None:
        raise _UnknowableError
    wall = spans.settled()
    return None if wall is None else wall + _DAY  # an offset is less than a day


def _seconds(moment: datetime | None) -> int | None:
    return None if moment is None else _wall(moment)


def _wall(moment: datetime) -> int:
    """Seconds since the epoch; a naive wall time is read as UTC (within a day of the
    instant in any zone)."""
    return instant_of(moment, timezone.utc)[0]
