"""Bentley Schedules (v10): calendars and production-rate rules (formats.md section 6).

A calendar (``{"calendar": {...}}`` or the calendar object itself) has day types, a
week that maps each weekday to a day type, and exceptions that re-type single dates.
It becomes a window :class:`~cadence.schedule.Schedule` whose windows are the working
time. Assumptions, all documented because the API does not say:

- **Zone.** The API names no time zone: the calendar runs in ``tz=`` if given, else UTC.
- **Time blocks** are ``"HH:MM"`` (``"HH:MM:SS"`` is accepted too) on the wall clock.
  ``endTime`` ``"24:00"`` is midnight at the end of the day; an ``endTime`` earlier
  than ``startTime`` runs past midnight into the next day. A block belongs to the day
  it starts on, so an exception on a date removes the blocks that *start* that day; a
  past-midnight block of the day before still runs into it. ``endTime`` equal to
  ``startTime`` is an error (empty or 24 hours? write ``"00:00"``-``"24:00"``).
  Blocks of one day type must not overlap; where blocks of consecutive days overlap
  (past midnight), the time counts once. Across a DST change a block keeps its wall
  clock times, so it lasts an hour more or less.
- **Exception dates** are ISO date-times such as ``"2024-04-03T12:00:00Z"``; cadence
  uses the calendar date *as written* (the example we have writes it at 12:00 UTC), not that
  moment converted to the zone. A plain date ``"2024-04-03"`` is accepted too.
- **Day type ``type``** is informative: the time blocks decide the working time. A
  ``NonWorking`` day type with blocks, a ``Normal`` one without, and an unknown type
  are warnings.
- ``workingDaysPerWeek`` and ``workingSecondsPerDay`` are derived figures: when they
  disagree with the blocks it is a warning that says what the blocks give.
- A calendar with no working time at all is an error: nothing can be scheduled in it.
- Unknown properties are warnings: the API may return more than formats.md shows.
- **Size.** The IR gives a rule one time block and a product of years, months and days,
  so a day type's blocks become a rule for the week and one for each month with
  exceptions of that day type, and each weekly block lists the exception dates it
  skips. Past :data:`cadence.limits.MAX_CALENDAR_RULES` rules or
  :data:`~cadence.limits.MAX_CALENDAR_SKIPS` skipped dates the calendar is a
  ``CALENDAR_TOO_LARGE`` error, found before any rule is built.

Rules (``{"rule": {...}}`` or the rule object) are checked by :func:`check_rule`; the
durations they give are computed in :mod:`cadence.bentley`.

:func:`emit_bentley` writes a window schedule back as a calendar: the original payload
while a bentley schedule's meaning is unchanged, else a canonical one built from the
IR. The calendar names no zone: read it back in the schedule's zone (``tz=``).

>>> from cadence.formats.bentley_calendar import check
>>> cal = {"dayTypes": [{"id": "off", "type": "NonWorking", "timeBlocks": []},
...                     {"id": "work", "type": "Normal",
...                      "timeBlocks": [{"startTime": "09:00", "endTime": "17:00"}]}],
...        "week": {"sundayDayTypeId": "off", "mondayDayTypeId": "work",
...                 "tuesdayDayTypeId": "work", "wednesdayDayTypeId": "work",
...                 "thursdayDayTypeId": "work", "fridayDayTypeId": "work",
...                 "saturdayDayTypeId": "off"}}
>>> checked = check(cal)
>>> checked.problems
[]
>>> [t.isoformat() for t in checked.schedule.window_at("2026-11-23T12:00Z")]
['2026-11-23T09:00:00+00:00', '2026-11-23T17:00:00+00:00']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._contract import Dst, JsonMachinery, LintPaths, json_format, machinery_names

if TYPE_CHECKING:
    from ..ir import HasRecurrence
    from ._bentley_calendar import (
        CALENDAR_FIELDS,
        DAY_TYPE_KINDS,
        RULE_FIELDS,
        UNITS,
        WEEK_FIELDS,
        Rule,
        check,
        check_rule,
        emit_bentley,
        envelope,
        exact_number,
        number_bounds_problem,
        number_text,
        read_rule,
    )

__all__ = [
    "CALENDAR_FIELDS",
    "DAY_TYPE_KINDS",
    "FORMAT",
    "RULE_FIELDS",
    "UNITS",
    "WEEK_FIELDS",
    "Rule",
    "check",
    "check_rule",
    "emit_bentley",
    "envelope",
    "exact_number",
    "looks_like_bentley",
    "number_bounds_problem",
    "number_text",
    "read_rule",
]


#: The keys of a calendar (wrapped or not) that no other format's payload has at its top,
#: and ``rule``: a Bentley rule, which the check refuses as what it is.
_OWN_KEYS = frozenset({"calendar", "rule", "dayTypes", "week", "exceptions",
                       "workingDaysPerWeek", "workingSecondsPerDay"})


def looks_like_bentley(payload: object) -> bool:
    """Whether a JSON value is shaped as a Bentley calendar (``{"calendar": {...}}`` or
    the calendar object, with ``dayTypes``, ``week`` ...). Only the keys are looked at;
    :func:`check` judges the rest.

    >>> looks_like_bentley({"calendar": {}}), looks_like_bentley({"name": "Standard"})
    (True, False)
    """
    return isinstance(payload, dict) and not _OWN_KEYS.isdisjoint(payload)


def _machinery() -> JsonMachinery:
    from . import _bentley_calendar

    return _bentley_calendar


__getattr__, __dir__ = machinery_names(_machinery, __name__, __all__)


def _write(source: HasRecurrence) -> dict[str, Any]:
    from ._bentley_calendar import emit_bentley

    return emit_bentley(source)


FORMAT = json_format(
    "bentley", "Bentley Schedules working calendars (JSON windows)",
    machinery=_machinery, recognizes=looks_like_bentley, write=_write,
    rank=70, lint=LintPaths(days="/exceptions", time="/dayTypes", wrapper="calendar"),
    dst=Dst("cron", "assumption (the seed says nothing of DST): working time is never "
                    "lost, so a block that starts in a skipped hour starts right after the "
                    "jump and one in a repeated hour starts once, on its first pass"))
