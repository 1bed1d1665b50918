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
  uses the calendar date *as written* (the API stores the day at noon UTC), not that
  moment converted to the zone. A plain date ``"2024-04-03"`` is accepted too.
- **Day type ``type``** is informative: the time blocks decide the working time. A
  ``NonWorking`` day type with blocks, a ``Normal`` one without, and an unknown type
  are warnings.
- ``workingDaysPerWeek`` and ``workingSecondsPerDay`` are derived figures: when they
  disagree with the blocks it is a warning that says what the blocks give.
- A calendar with no working time at all is an error: nothing can be scheduled in it.
- Unknown properties are warnings: the API may return more than formats.md shows.

Rules (``{"rule": {...}}`` or the rule object) are checked by :func:`check_rule`; the
durations they give are computed in :mod:`cadence.bentley`.

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

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from itertools import pairwise
from typing import Any

from ..ir import WEEKDAY_NAMES, CronRule, MonthDays, Weekdays
from ..schedule import Schedule
from ..validate import (
    Checked,
    Problem,
    decode_payload,
    did_you_mean,
    itwin_envelope,
    json_type,
    pointer,
    zone_or_problem,
)

__all__ = [
    "CALENDAR_FIELDS",
    "DAY_TYPE_KINDS",
    "RULE_FIELDS",
    "UNITS",
    "WEEK_FIELDS",
    "Rule",
    "check",
    "check_rule",
    "envelope",
    "exact_number",
    "read_rule",
]

#: The Resource Unit Type enum of seed 001, in the order the API lists it.
UNITS: tuple[str, ...] = (
    "CubicFeet", "CubicMeter", "Liter", "Millimeter", "Meter", "Feet", "Each", "Pair",
    "Dozen", "Gross", "SqFoot", "SqYard", "SqMeter", "Pound", "Gram", "Kilo", "Bag", "Box",
    "Bucket", "Bundle", "Card", "Carton", "Coil", "Pack", "Pegs", "Length", "Outer",
    "Pallet", "Roll", "Sachet", "Set", "Sheet", "Ton", "Person", "Item", "CubicYard",
    "MetricTon", "Hour", "LinearMeter", "Unknown",
)
#: Day type ``type`` values formats.md shows (others are accepted with a warning).
DAY_TYPE_KINDS: tuple[str, ...] = ("Normal", "NonWorking")
#: Week properties and the Python weekday (0 = Monday) each one sets.
WEEK_FIELDS: dict[str, int] = {
    "sundayDayTypeId": 6, "mondayDayTypeId": 0, "tuesdayDayTypeId": 1,
    "wednesdayDayTypeId": 2, "thursdayDayTypeId": 3, "fridayDayTypeId": 4,
    "saturdayDayTypeId": 5,
}
CALENDAR_FIELDS: tuple[str, ...] = (
    "id", "name", "parentId", "dayTypes", "week", "exceptions", "workingDaysPerWeek",
    "workingSecondsPerDay",
)
RULE_FIELDS: tuple[str, ...] = (
    "id", "rate", "unit", "deleted", "parentId", "description", "userDefinedId",
)
_DAY_TYPE_FIELDS = ("id", "description", "type", "timeBlocks")
_BLOCK_FIELDS = ("startTime", "endTime")
_EXCEPTION_FIELDS = ("date", "dayTypeId")
_DAY = 86400
_TIME = re.compile(r"(\d{2}):(\d{2})(?::(\d{2}))?")
_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?"
)

Path = Callable[..., str]


# -- shared helpers ----------------------------------------------------------------


def _unknown_fields(obj: dict[Any, Any], known: Sequence[str], what: str, at: Path,
                    problems: list[Problem]) -> None:
    for key in obj:
        if key not in known:
            hint = did_you_mean(str(key), list(known)) or f" (known: {', '.join(known)})"
            problems.append(Problem(at(str(key)), "UNKNOWN_FIELD",
                                    f"unknown {what} property {key!r}{hint}; it is ignored",
                                    "warning"))


def _string(obj: dict[Any, Any], key: str, at: Path, problems: list[Problem], *,
            required: bool, what: str) -> str | None:
    """``obj[key]`` when it is a string; reports a missing or mistyped value."""
    value = obj.get(key)
    if value is None:
        if required:
            problems.append(Problem(at(key), "REQUIRED", f"{what}: {key} is required"))
        return None
    if not isinstance(value, str):
        problems.append(Problem(at(key), "INVALID_TYPE",
                                f"{what}: {key} must be a string, not {json_type(value)}"))
        return None
    return value


def exact_number(value: object) -> Fraction | None:
    """A JSON number (or a decimal string) as an exact fraction; ``None`` if it is not a
    finite number. A float is read as the shortest decimal that prints it, which is what
    the JSON text said.

    >>> exact_number(14.5), exact_number(0.1), exact_number("2.50"), exact_number(True)
    (Fraction(29, 2), Fraction(1, 10), Fraction(5, 2), None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value)) if math.isfinite(value) else None
    if isinstance(value, str):
        if len(value) > 100:
            return None
        try:
            value = Decimal(value.strip())
        except (InvalidOperation, ValueError):
            return None
    if isinstance(value, Decimal):
        return Fraction(value) if value.is_finite() else None
    return None


def _number(obj: dict[Any, Any], key: str, at: Path, problems: list[Problem], *,
            what: str) -> Fraction | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(Problem(at(key), "INVALID_TYPE",
                                f"{what}: {key} must be a number, not {json_type(value)}"))
        return None
    number = exact_number(value)
    if number is None:
        problems.append(Problem(at(key), "INVALID_VALUE",
                                f"{what}: {key} must be a finite number, not {value!r}"))
    return number


# -- rules -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """A production-rate rule: ``rate`` units of ``unit`` per working hour (exact)."""

    rate: Fraction
    unit: str
    deleted: bool = False
    id: str | None = None
    description: str | None = None
    user_defined_id: str | None = None
    parent_id: str | None = None


def _read_rule(payload: object, problems: list[Problem]) -> Rule | None:
    ok, payload = decode_payload(payload, "the Bentley rule", problems)
    if not ok:
        return None
    if not isinstance(payload, dict):
        problems.append(Problem("", "INVALID_TYPE",
                                f"a Bentley rule is a JSON object, not {json_type(payload)}"))
        return None
    base: tuple[str, ...] = ()
    obj: object = payload
    if "rule" in payload:
        base = ("rule",)
        obj = payload["rule"]
        for key in payload:
            if key != "rule":
                problems.append(Problem(pointer(str(key)), "UNKNOWN_FIELD",
                                        f"unknown property {key!r} beside 'rule'; it is "
                                        "ignored", "warning"))
        if not isinstance(obj, dict):
            code = "REQUIRED" if obj is None else "INVALID_TYPE"
            problems.append(Problem(pointer("rule"), code,
                                    f"rule must be an object, not {json_type(obj)}"))
            return None
    assert isinstance(obj, dict)

    def at(*parts: str | int) -> str:
        return pointer(*base, *parts)

    what = "rule"
    _unknown_fields(obj, RULE_FIELDS, what, at, problems)
    ident = _string(obj, "id", at, problems, required=False, what=what)
    description = _string(obj, "description", at, problems, required=False, what=what)
    user_id = _string(obj, "userDefinedId", at, problems, required=False, what=what)
    parent = _string(obj, "parentId", at, problems, required=False, what=what)
    deleted = obj.get("deleted")
    if deleted is not None and not isinstance(deleted, bool):
        problems.append(Problem(at("deleted"), "INVALID_TYPE",
                                f"rule: deleted must be a boolean or null, not "
                                f"{json_type(deleted)}"))
    elif deleted:
        problems.append(Problem(at("deleted"), "DELETED_RULE",
                                "the rule is deleted: no duration can be computed with it",
                                "warning"))
    rate: Fraction | None = None
    if obj.get("rate") is None:
        problems.append(Problem(at("rate"), "REQUIRED",
                                "rule: rate is required: units per working hour, e.g. 14.5"))
    else:
        rate = _number(obj, "rate", at, problems, what=what)
        if rate is not None and rate <= 0:
            problems.append(Problem(at("rate"), "RATE_NOT_POSITIVE",
                                    f"rule: rate must be above 0 units per hour, not "
                                    f"{obj['rate']!r}"))
            rate = None
    unit = _string(obj, "unit", at, problems, required=True, what=what)
    if unit is not None and unit not in UNITS:
        problems.append(Problem(at("unit"), "UNKNOWN_UNIT", _unknown_unit(unit)))
        unit = None
    if rate is None or unit is None or any(problem.is_error for problem in problems):
        return None
    return Rule(rate, unit, bool(deleted), ident, description, user_id, parent)


def _unknown_unit(unit: str) -> str:
    hint = did_you_mean(unit, UNITS) or " (see the Resource Unit Type enum, e.g. 'Meter')"
    return f"unknown unit {unit[:40]!r}{hint}"


def check_rule(payload: object) -> list[Problem]:
    """Every problem of a rule payload (dict or JSON text); never raises.

    >>> check_rule({"rule": {"id": "r1", "rate": 0, "unit": "Metre"}})
    ... # doctest: +NORMALIZE_WHITESPACE
    [Problem(path='/rule/rate', code='RATE_NOT_POSITIVE',
             message='rule: rate must be above 0 units per hour, not 0', severity='error'),
     Problem(path='/rule/unit', code='UNKNOWN_UNIT',
             message="unknown unit 'Metre' (did you mean 'Meter'?)", severity='error')]
    """
    problems: list[Problem] = []
    _read_rule(payload, problems)
    return problems


def read_rule(payload: object) -> tuple[Rule | None, list[Problem]]:
    """The rule (``None`` when there is an error) and every problem of its payload."""
    problems: list[Problem] = []
    rule = _read_rule(payload, problems)
    return rule, problems


# -- calendars ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Block:
    start: int  # seconds after midnight of the block's day
    end: int  # seconds after that midnight; above 86400 past midnight


@dataclass(frozen=True, slots=True)
class _DayType:
    id: str
    blocks: tuple[_Block, ...]
    label: str


def _time(value: object, key: str, at: Path, problems: list[Problem]) -> int | None:
    if value is None:
        problems.append(Problem(at(key), "REQUIRED",
                                f"time block: {key} is required, e.g. '09:00'"))
        return None
    if not isinstance(value, str):
        problems.append(Problem(at(key), "INVALID_TYPE",
                                f"time block: {key} must be a string such as '09:00', not "
                                f"{json_type(value)}"))
        return None
    match = _TIME.fullmatch(value)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return hour * 3600 + minute * 60 + second
        if key == "endTime" and (hour, minute, second) == (24, 0, 0):
            return _DAY
    end = " (or '24:00' for the end of the day)" if key == "endTime" else ""
    problems.append(Problem(at(key), "INVALID_TIME",
                            f"time block: {key} {value[:40]!r} is not a time of day; write "
                            f"HH:MM from '00:00' to '23:59'{end}"))
    return None


def _read_blocks(value: object, at: Path, problems: list[Problem], label: str
                 ) -> tuple[_Block, ...] | None:
    if value is None:
        problems.append(Problem(at("timeBlocks"), "REQUIRED",
                                f"{label}: timeBlocks is required ([] for no working time)"))
        return None
    if not isinstance(value, list):
        problems.append(Problem(at("timeBlocks"), "INVALID_TYPE",
                                f"{label}: timeBlocks must be an array, not {json_type(value)}"))
        return None
    blocks: list[tuple[_Block, int]] = []
    ok = True
    for index, item in enumerate(value):
        def block_at(*parts: str | int, index: int = index) -> str:
            return at("timeBlocks", index, *parts)

        if not isinstance(item, dict):
            problems.append(Problem(block_at(), "INVALID_TYPE",
                                    'a time block is an object such as {"startTime": "09:00", '
                                    f'"endTime": "17:00"}}, not {json_type(item)}'))
            ok = False
            continue
        _unknown_fields(item, _BLOCK_FIELDS, "time block", block_at, problems)
        start = _time(item.get("startTime"), "startTime", block_at, problems)
        end = _time(item.get("endTime"), "endTime", block_at, problems)
        if start is None or end is None:
            ok = False
            continue
        if end == start:
            problems.append(Problem(block_at("endTime"), "EMPTY_BLOCK",
                                    f"{label}: the block starts and ends at "
                                    f"{item['startTime']}; a block must have a length (a "
                                    "whole day is '00:00'-'24:00')"))
            ok = False
            continue
        blocks.append((_Block(start, end if end > start else end + _DAY), index))
    blocks.sort(key=lambda pair: pair[0].start)
    for (before, first), (after, second) in pairwise(blocks):
        if after.start < before.end:
            problems.append(Problem(at("timeBlocks", second), "OVERLAPPING_BLOCKS",
                                    f"{label}: this block overlaps block {first} "
                                    f"({_clock(before.start)}-{_clock(before.end)})"))
            ok = False
    return tuple(block for block, _ in blocks) if ok else None


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds % _DAY if seconds != _DAY else seconds, 3600)
    text = f"{hours:02d}:{rest // 60:02d}"
    return text + (f":{rest % 60:02d}" if rest % 60 else "")


def _read_day_types(value: object, at: Path, problems: list[Problem]
                    ) -> dict[str, _DayType | None] | None:
    """Day types by id (``None`` for one whose blocks have errors: it can still be
    referred to without a second, misleading error)."""
    if value is None:
        problems.append(Problem(at("dayTypes"), "REQUIRED",
                                "dayTypes is required: the kinds of day the week uses"))
        return None
    if not isinstance(value, list):
        problems.append(Problem(at("dayTypes"), "INVALID_TYPE",
                                f"dayTypes must be an array, not {json_type(value)}"))
        return None
    found: dict[str, _DayType | None] = {}
    first_index: dict[str, int] = {}
    for index, item in enumerate(value):
        def type_at(*parts: str | int, index: int = index) -> str:
            return at("dayTypes", index, *parts)

        if not isinstance(item, dict):
            problems.append(Problem(type_at(), "INVALID_TYPE",
                                    f"a day type is an object, not {json_type(item)}"))
            continue
        _unknown_fields(item, _DAY_TYPE_FIELDS, "day type", type_at, problems)
        ident = _string(item, "id", type_at, problems, required=True, what="day type")
        description = _string(item, "description", type_at, problems, required=False,
                              what="day type")
        kind = _string(item, "type", type_at, problems, required=False, what="day type")
        label = f"day type {ident!r}" if ident is not None else f"day type {index}"
        if kind is not None and kind not in DAY_TYPE_KINDS:
            hint = did_you_mean(kind, DAY_TYPE_KINDS)
            problems.append(Problem(type_at("type"), "UNKNOWN_DAY_TYPE_KIND",
                                    f"{label}: type {kind[:40]!r} is not one of "
                                    f"{', '.join(DAY_TYPE_KINDS)}{hint}; its time blocks "
                                    "still decide its working time", "warning"))
        blocks = _read_blocks(item.get("timeBlocks"), type_at, problems, label)
        if blocks is not None and kind == "NonWorking" and blocks:
            problems.append(Problem(type_at("timeBlocks"), "NON_WORKING_WITH_BLOCKS",
                                    f"{label} is NonWorking but has time blocks; cadence "
                                    "counts them as working time", "warning"))
        if blocks is not None and kind == "Normal" and not blocks:
            problems.append(Problem(type_at("timeBlocks"), "NORMAL_WITHOUT_BLOCKS",
                                    f"{label} is Normal but has no time blocks, so no "
                                    "working time", "warning"))
        if ident is None:
            continue
        if ident in first_index:
            problems.append(Problem(type_at("id"), "DUPLICATE_ID",
                                    f"day type id {ident!r} is already used by "
                                    f"{at('dayTypes', first_index[ident])}"))
            continue
        first_index[ident] = index
        shown = description or ident
        found[ident] = None if blocks is None else _DayType(ident, blocks, shown)
    return found


def _reference(value: object, key: str, at: Path, day_types: dict[str, _DayType | None] | None,
               problems: list[Problem], what: str) -> str | None:
    ident = _string({key: value}, key, at, problems, required=True, what=what)
    if ident is None or day_types is None:
        return None
    if ident not in day_types:
        known = list(day_types)
        hint = did_you_mean(ident, known) or (
            f" (defined: {', '.join(repr(k) for k in known[:10])})" if known else
            " (no day type is defined)")
        problems.append(Problem(at(key), "UNKNOWN_DAY_TYPE",
                                f"{what}: {key} refers to day type {ident[:60]!r}, which "
                                f"dayTypes does not define{hint}"))
        return None
    return ident


def _read_week(value: object, at: Path, day_types: dict[str, _DayType | None] | None,
               problems: list[Problem]) -> dict[int, str] | None:
    if value is None:
        problems.append(Problem(at("week"), "REQUIRED",
                                "week is required: the day type of each weekday"))
        return None
    if not isinstance(value, dict):
        problems.append(Problem(at("week"), "INVALID_TYPE",
                                f"week must be an object, not {json_type(value)}"))
        return None

    def week_at(*parts: str | int) -> str:
        return at("week", *parts)

    _unknown_fields(value, list(WEEK_FIELDS), "week", week_at, problems)
    week: dict[int, str] = {}
    for key, weekday in WEEK_FIELDS.items():
        ident = _reference(value.get(key), key, week_at, day_types, problems, "week")
        if ident is not None:
            week[weekday] = ident
    return week if len(week) == 7 else None


def _exception_date(value: object, at: Path, problems: list[Problem]) -> date | None:
    if value is None:
        problems.append(Problem(at("date"), "REQUIRED",
                                "exception: date is required, e.g. '2024-04-03T12:00:00Z'"))
        return None
    if not isinstance(value, str):
        problems.append(Problem(at("date"), "INVALID_TYPE",
                                f"exception: date must be a string, not {json_type(value)}"))
        return None
    match = _DATE.fullmatch(value.strip())
    if match:
        hour, minute, second = (int(part or 0) for part in match.group(4, 5, 6))
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            day = None
        if day is not None and hour < 24 and minute < 60 and second < 60:
            return day
    problems.append(Problem(at("date"), "INVALID_DATE",
                            f"exception: {value[:40]!r} is not an ISO 8601 date or date-time; "
                            "write e.g. '2024-04-03T12:00:00Z' or '2024-04-03'"))
    return None


def _read_exceptions(value: object, at: Path, day_types: dict[str, _DayType | None] | None,
                     problems: list[Problem]) -> dict[date, str] | None:
    if value is None:
        return {}
    if not isinstance(value, list):
        problems.append(Problem(at("exceptions"), "INVALID_TYPE",
                                f"exceptions must be an array, not {json_type(value)}"))
        return None
    found: dict[date, str] = {}
    first_index: dict[date, int] = {}
    ok = True
    for index, item in enumerate(value):
        def item_at(*parts: str | int, index: int = index) -> str:
            return at("exceptions", index, *parts)

        if not isinstance(item, dict):
            problems.append(Problem(item_at(), "INVALID_TYPE",
                                    'an exception is an object such as {"date": '
                                    '"2024-04-03T12:00:00Z", "dayTypeId": "..."}, not '
                                    f"{json_type(item)}"))
            ok = False
            continue
        _unknown_fields(item, _EXCEPTION_FIELDS, "exception", item_at, problems)
        day = _exception_date(item.get("date"), item_at, problems)
        ident = _reference(item.get("dayTypeId"), "dayTypeId", item_at, day_types, problems,
                           "exception")
        if day is not None and day in first_index:
            problems.append(Problem(item_at("date"), "DUPLICATE_EXCEPTION",
                                    f"exception: {day.isoformat()} already has an exception "
                                    f"({at('exceptions', first_index[day])}); a date can be "
                                    "re-typed once"))
            ok = False
            continue
        if day is not None:
            first_index[day] = index
        if day is None or ident is None:
            ok = False
            continue
        found[day] = ident
    return found if ok else None


def _check_totals(cal: dict[Any, Any], at: Path, week: dict[int, str] | None,
                  day_types: dict[str, _DayType | None] | None,
                  problems: list[Problem]) -> None:
    days = _number(cal, "workingDaysPerWeek", at, problems, what="calendar")
    if days is not None and not 0 <= days <= 7:
        problems.append(Problem(at("workingDaysPerWeek"), "INVALID_VALUE",
                                f"workingDaysPerWeek must be 0-7, not {float(days):g}"))
        days = None
    seconds = _number(cal, "workingSecondsPerDay", at, problems, what="calendar")
    if seconds is not None and seconds < 0:
        problems.append(Problem(at("workingSecondsPerDay"), "INVALID_VALUE",
                                "workingSecondsPerDay must not be negative"))
        seconds = None
    if week is None or day_types is None:
        return
    kinds = [day_types[week[weekday]] for weekday in range(7)]
    if any(kind is None for kind in kinds):
        return
    totals = {weekday: sum(block.end - block.start for block in kind.blocks)
              for weekday, kind in enumerate(kinds) if kind is not None and kind.blocks}
    if days is not None and days != len(totals):
        names = ", ".join(WEEKDAY_NAMES[weekday] for weekday in totals) or "none"
        problems.append(Problem(at("workingDaysPerWeek"), "WORKING_DAYS_MISMATCH",
                                f"workingDaysPerWeek is {float(days):g} but the week's time "
                                f"blocks give {len(totals)} working day(s) ({names})",
                                "warning"))
    if seconds is not None and set(totals.values()) != {seconds} and (totals or seconds):
        given = sorted(set(totals.values()))
        if not given:
            says = "no working weekday"
        elif len(given) == 1:
            says = f"{given[0]} seconds per working day"
        else:
            says = ("different lengths per working day: " + ", ".join(
                f"{WEEKDAY_NAMES[weekday]} {total} s" for weekday, total in totals.items()))
        problems.append(Problem(at("workingSecondsPerDay"), "WORKING_SECONDS_MISMATCH",
                                f"workingSecondsPerDay is {float(seconds):g} but the week's "
                                f"time blocks give {says}", "warning"))


def _block_rule(block: _Block, kind: _DayType, **days: Any) -> CronRule:
    hour, rest = divmod(block.start, 3600)
    return CronRule(
        seconds=(rest % 60,), minutes=(rest // 60,), hours=(hour,),
        duration=timedelta(seconds=block.end - block.start), fixed_time=True,
        notes=(f"{kind.label}: {_clock(block.start)}-{_clock(block.end)}",),
        **days,
    )


def _rules(week: dict[int, str], exceptions: dict[date, str],
           day_types: dict[str, _DayType]) -> list[CronRule]:
    """Weekdays sharing a day type share one rule per block (the same windows as one
    rule per weekday, with fewer rules to evaluate); exception dates of one day type
    in one month share one rule per block."""
    rules: list[CronRule] = []
    by_type: dict[str, list[int]] = {}
    for weekday in range(7):
        by_type.setdefault(week[weekday], []).append(weekday)
    for ident, weekdays in by_type.items():
        excluded = tuple(day for day in exceptions if day.weekday() in weekdays)
        for block in day_types[ident].blocks:
            rules.append(_block_rule(block, day_types[ident],
                                     weekdays=Weekdays(days=tuple(weekdays)),
                                     excluded_dates=excluded))
    by_month: dict[tuple[str, int, int], list[int]] = {}
    for day, ident in sorted(exceptions.items()):
        by_month.setdefault((ident, day.year, day.month), []).append(day.day)
    for (ident, year, month), month_days in by_month.items():
        for block in day_types[ident].blocks:
            rules.append(_block_rule(block, day_types[ident], years=(year,), months=(month,),
                                     month_days=MonthDays(days=tuple(month_days))))
    return rules


def check(payload: object, *, tz: str | tzinfo | None = None) -> Checked:
    """Every problem of a calendar payload (dict or JSON text), and its window schedule
    when there is no error. Never raises for a JSON value."""
    checked = Checked()
    problems = checked.problems
    ok, payload = decode_payload(payload, "the Bentley calendar", problems)
    if not ok:
        return checked
    if not isinstance(payload, dict):
        problems.append(Problem("", "INVALID_TYPE", "a Bentley calendar is a JSON object, "
                                f"not {json_type(payload)}"))
        return checked
    base: tuple[str, ...] = ()
    cal: object = payload
    if "calendar" in payload:
        base = ("calendar",)
        cal = payload["calendar"]
        for key in payload:
            if key == "rule":
                problems.append(Problem(pointer("rule"), "NOT_A_CALENDAR",
                                        "a rule is not part of a calendar; check rules with "
                                        "cadence.formats.bentley.check_rule"))
            elif key != "calendar":
                problems.append(Problem(pointer(str(key)), "UNKNOWN_FIELD",
                                        f"unknown property {key!r} beside 'calendar'; it is "
                                        "ignored", "warning"))
        if not isinstance(cal, dict):
            code = "REQUIRED" if cal is None else "INVALID_TYPE"
            problems.append(Problem(pointer("calendar"), code,
                                    f"calendar must be an object, not {json_type(cal)}"))
            return checked
    elif "rule" in payload:
        problems.append(Problem(pointer("rule"), "NOT_A_CALENDAR",
                                "this is a Bentley rule, not a calendar: compute its durations "
                                "with cadence.bentley.duration"))
        problems.extend(check_rule(payload))
        return checked
    assert isinstance(cal, dict)

    def at(*parts: str | int) -> str:
        return pointer(*base, *parts)

    _unknown_fields(cal, CALENDAR_FIELDS, "calendar", at, problems)
    _string(cal, "id", at, problems, required=False, what="calendar")
    _string(cal, "name", at, problems, required=False, what="calendar")
    _string(cal, "parentId", at, problems, required=False, what="calendar")
    day_types = _read_day_types(cal.get("dayTypes"), at, problems)
    week = _read_week(cal.get("week"), at, day_types, problems)
    exceptions = _read_exceptions(cal.get("exceptions"), at, day_types, problems)
    _check_totals(cal, at, week, day_types, problems)
    zone = zone_or_problem(tz, problems)
    if (any(problem.is_error for problem in problems) or zone is None or day_types is None
            or week is None or exceptions is None):
        return checked
    usable = {ident: kind for ident, kind in day_types.items() if kind is not None}
    rules = _rules(week, exceptions, usable)
    if not rules:
        problems.append(Problem(at(), "NO_WORKING_TIME",
                                "the calendar has no working time: no day type that the week "
                                "or an exception uses has time blocks"))
        return checked
    checked.schedule = Schedule(
        rules, zone, format="bentley", source=_source(payload),
        metadata={key: cal[key] for key in ("id", "name", "parentId", "workingDaysPerWeek",
                                            "workingSecondsPerDay") if key in cal},
    )
    return checked


def _source(payload: object) -> str:
    try:
        return json.dumps(payload, sort_keys=True)
    except (TypeError, ValueError):
        return repr(payload)


def envelope(problems: Sequence[Problem]) -> dict[str, Any]:
    """The Schedules API error body for the errors among ``problems`` (warnings are left
    out): ``{"error": {"code", "message", "details": [{"code", "message", "target"}]}}``.

    >>> envelope([Problem("/calendar/week/mondayDayTypeId", "REQUIRED", "missing")])
    ... # doctest: +NORMALIZE_WHITESPACE
    {'error': {'code': 'InvalidSchedulesRequest',
               'message': 'The schedules request is invalid: 1 problem.',
               'details': [{'code': 'MissingRequiredProperty', 'message': 'missing',
                            'target': 'calendar.week.mondayDayTypeId'}]}}
    """
    return itwin_envelope(problems, "InvalidSchedulesRequest", "schedules")
