"""Why a schedule has no more occurrences in one direction: the bound, count, year or
explicit date that ends it, or the calendar's own end (year 9999) or start (year 1).

Each part of the schedule ends for a reason of its own (a rule at its UNTIL, its COUNT
or its last year, an explicit date at itself, a rule with none of those not at all);
the schedule ends with the part that ends last, unless its own bound comes first.
"""

from __future__ import annotations

import collections
import itertools
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone, tzinfo

from . import formats
from ._zones import instant_of
from .formats import LintPaths
from .ir import Recurrence, Rule, at_or_after, occurrences

__all__ = ["MAX_COUNTED", "last_counted", "why_no_more"]

#: How many occurrences of a counted rule are walked to find its last one.
MAX_COUNTED = 2_000_000

#: Reasons in order of when they bite: (seconds since the epoch, the words).
_Reason = tuple[float, str]


def last_counted(rule: Rule, zone: tzinfo) -> datetime | None:
    """The last of a counted rule's occurrences (``None``: it has none), found by
    walking them; the caller keeps ``rule.count`` within :data:`MAX_COUNTED`."""
    assert rule.count is not None
    assert rule.start is not None
    counted = itertools.islice(at_or_after(occurrences(Recurrence(rule, zone)), rule.start),
                               rule.count)
    final = collections.deque(counted, maxlen=1)
    return final[0] if final else None


def why_no_more(recurrence: Recurrence, *, forward: bool) -> str:
    """What ends ``recurrence`` after its last occurrence (``forward``) or before its
    first, in words for a note: ``it fires in 2040 only``, ``it ends at ... (UNTIL)``,
    ``the calendar ends at year 9999``."""
    known = formats.registry().get(recurrence.format)
    names = known.lint if known is not None else LintPaths()  # how the format says it
    bound = recurrence.end if forward else recurrence.start
    bound_words = names.end_words if forward else names.start_words
    # UNTIL and a campaign's expiration may fire themselves; the IR's end is a second on.
    inclusive = names.end_inclusive or recurrence.format in ("rrule", "ical")
    single = len(recurrence.rules) + bool(recurrence.dates) == 1
    parts: list[_Reason | None] = [_rule_reason(rule, recurrence, forward, single)
                                   for rule in recurrence.rules]
    parts += [_date_reason(recurrence, forward)] if recurrence.dates else []
    sign = 1 if forward else -1
    by_parts = None if None in parts else max(
        (part for part in parts if part is not None), key=lambda part: sign * part[0])
    if bound is not None and (by_parts is None or sign * _seconds(bound) <= sign * by_parts[0]):
        if forward:
            return f"{bound_words} ends it: {_after_end(bound, inclusive)}"
        return f"{bound_words} starts it: nothing before {bound.isoformat()}"
    if by_parts is not None:
        return by_parts[1]
    if forward:
        return "the calendar ends at year 9999"
    if recurrence.format == "quartz":  # see schedule._quartz_start
        return "Quartz fires from 1970, the first year of its year field"
    return "the calendar starts at year 1"


def _rule_reason(rule: Rule, recurrence: Recurrence, forward: bool, single: bool
                 ) -> _Reason | None:
    """When and why ``rule`` stops (``None``: it does not); ``single``: it is the
    schedule's only part."""
    rfc = recurrence.format in ("rrule", "ical")
    whom = "it" if single else f"its {'last' if forward else 'first'} rule"
    found: list[_Reason] = []
    if forward and rule.end is not None:
        found.append((_seconds(rule.end), f"{'UNTIL' if rfc else 'its own end'} ends {whom}: "
                                          f"{_after_end(rule.end, rfc)}"))
    if not forward and rule.start is not None:
        found.append((_seconds(rule.start),
                      f"{'DTSTART' if rfc else 'its own start'} starts {whom}: nothing "
                      f"before {rule.start.isoformat()}"))
    if forward and rule.count is not None:
        last = last_counted(rule, recurrence.zone) if rule.count <= MAX_COUNTED else None
        shown = last.astimezone(recurrence.zone).isoformat() if last is not None else None
        found.append((_seconds(last) if last is not None else float("-inf"),
                      f"COUNT={rule.count} ends {whom}"
                      + (f": its last occurrence is {shown}" if shown is not None else "")))
    if rule.years is not None:
        year = rule.years[-1] if forward else rule.years[0]
        edge = datetime(year + 1, 1, 1) if forward and year < 9999 else datetime(year, 1, 1)
        found.append((_seconds(edge), _years(rule.years, forward)))
    if not found:
        return None
    return min(found) if forward else max(found)


def _date_reason(recurrence: Recurrence, forward: bool) -> _Reason:
    instance = recurrence.dates[-1] if forward else recurrence.dates[0]
    edge = "last" if forward else "first"
    return (_seconds(instance.start),
            f"its {edge} explicit date is {instance.start.astimezone(recurrence.zone).isoformat()}")


def _years(years: Sequence[int], forward: bool) -> str:
    if len(years) == 1:
        return f"it fires in {years[0]} only"
    return f"its {'last' if forward else 'first'} year is {years[-1] if forward else years[0]}"


def _seconds(moment: datetime) -> float:
    """Seconds since the epoch; a naive wall time is read as UTC."""
    return instant_of(moment, timezone.utc)[0]


def _after_end(end: datetime, inclusive: bool) -> str:
    """What an exclusive end leaves out, said as the source says its bound: an inclusive
    bound (UNTIL, an expiration) is the second before the IR's end."""
    if inclusive:
        return f"nothing after {(end - timedelta(seconds=1)).isoformat()}"
    return f"nothing at or after {end.isoformat()}"
