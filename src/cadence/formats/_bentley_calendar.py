"""How :mod:`cadence.formats.bentley_calendar` checks payloads, reads them into the IR and writes
them, imported when the format is first used (see the format module for the rules)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from itertools import pairwise
from typing import Any

from .._calendar import in_ascii_digits
from .._problems import Problem, did_you_mean, pointer
from ..errors import UnsupportedError, described, duration_words
from ..ir import (
    WEEKDAY_NAMES,
    CronRule,
    HasRecurrence,
    MonthDays,
    Recurrence,
    Weekdays,
)
from ..limits import (
    MAX_CALENDAR_RULES,
    MAX_CALENDAR_SKIPS,
    MAX_QUANTITY_DIGITS,
    MAX_QUANTITY_EXPONENT,
    payload_problem,
)
from . import _wording as wording
from ._checking import At, Problems
from ._contract import Checked
from ._itwin import itwin_error
from ._readback import differences, policy_free, source_object, verify

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
_TIME = re.compile(r"([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?")
_DATE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?"
    r"(?:[Zz]|[+-][0-9]{2}:?[0-9]{2})?)?"
)

# -- shared helpers ----------------------------------------------------------------


def _unknown_fields(obj: dict[Any, Any], known: Sequence[str], what: str, at: At,
                    problems: Problems) -> None:
    """Unknown properties are ignored, with a warning: the API may return more."""
    problems.known_fields(obj, known, at, f"unknown {what} property {{key!r}}{{hint}}; it is "
                          "ignored", severity="warning")


def _string(obj: dict[Any, Any], key: str, at: At, problems: Problems, *,
            required: bool, what: str) -> str | None:
    """``obj[key]`` when it is a string; reports a missing or mistyped value."""
    value = obj.get(key)
    if value is None and not required:
        return None
    if not problems.required(at(key), value, "REQUIRED", f"{what}: {key} is required"):
        return None
    return problems.typed(at(key), value, str, f"{what}: {key} must be a string")


def _unwrapped(payload: dict[Any, Any], key: str, problems: Problems, *,
               refused: tuple[str, str, str] | None = None
               ) -> tuple[At, dict[Any, Any]] | None:
    """Where the object is (``{key: {...}}`` or the payload itself) and the object.
    Properties beside ``key`` are ignored with a warning; ``refused`` = (property, code,
    message) is one that is an error there instead."""
    if key not in payload:
        return At(), payload
    for other in payload:
        if refused is not None and other == refused[0]:
            problems.error(pointer(other), refused[1], refused[2])
        elif other != key:
            problems.warning(pointer(str(other)), "UNKNOWN_FIELD",
                             f"unknown property {other!r} beside {key!r}; it is ignored")
    inner = problems.object_at(pointer(key), payload[key], f"{key} must be an object",
                               code="REQUIRED" if payload[key] is None else "INVALID_TYPE")
    return None if inner is None else (At((key,)), inner)


def number_text(number: Fraction) -> str:
    """``number`` as ``%g`` prints it, also beyond the range of a float (where
    ``float()`` raises ``OverflowError``).

    >>> number_text(Fraction(29, 2)), number_text(Fraction(10**400))
    ('14.5', '1.00000e+400')
    """
    try:
        return f"{float(number):g}"
    except OverflowError:
        return f"{Decimal(number.numerator) / Decimal(number.denominator):.6g}"


def exact_number(value: object) -> Fraction | None:
    """A JSON number (or a decimal string) as an exact fraction; ``None`` if it is not a
    finite number or lies beyond the bounds of :func:`number_bounds_problem`. A float is
    read as the shortest decimal that prints it, which is what the JSON text said.

    >>> exact_number(14.5), exact_number(0.1), exact_number("2.50"), exact_number(True)
    (Fraction(29, 2), Fraction(1, 10), Fraction(5, 2), None)
    >>> exact_number("1e999999") is None  # refused before it is built
    True
    """
    decimal = _as_decimal(value)
    if decimal is None or not decimal.is_finite() or _bounds_problem(decimal) is not None:
        return None
    if isinstance(value, int | Fraction):
        return Fraction(value)
    return Fraction(decimal)


def number_bounds_problem(value: object) -> str | None:
    """Why a finite number cannot be a quantity or rate: too many significant digits or
    too far from 1 (:data:`cadence.limits.MAX_QUANTITY_DIGITS` and
    :data:`~cadence.limits.MAX_QUANTITY_EXPONENT`); ``None`` if it can, or if it is not
    a finite number at all (:func:`exact_number` says so).

    >>> number_bounds_problem("1e999999")
    'a number between 1e-20 and 1e20 (0 aside), not one with exponent 999999'
    """
    decimal = _as_decimal(value)
    if decimal is None or not decimal.is_finite():
        return None
    return _bounds_problem(decimal)


def _as_decimal(value: object) -> Decimal | None:
    """The number ``value`` stands for, as a Decimal made without expanding it (a string
    ``1e999999`` stays three digits and an exponent)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if value.bit_length() > 4 * MAX_QUANTITY_DIGITS:  # past any bound: its size will do
            return Decimal(1).scaleb(int(value.bit_length() * _DIGITS_PER_BIT))
        return Decimal(value)
    if isinstance(value, Fraction):
        numerator, denominator = _as_decimal(value.numerator), _as_decimal(value.denominator)
        assert numerator is not None  # (ints always are)
        assert denominator is not None
        return numerator / denominator
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else Decimal("NaN")
    if isinstance(value, str):
        if len(value) > 100 or not in_ascii_digits(value):  # as the vendor reads them
            return None
        try:
            return Decimal(value.strip())
        except (InvalidOperation, ValueError):
            return None
    if isinstance(value, Decimal):
        return value
    return None


_DIGITS_PER_BIT = 0.30103  # log10(2)


def _bounds_problem(number: Decimal) -> str | None:
    if not number:
        return None
    exponent = number.adjusted()
    if not -MAX_QUANTITY_EXPONENT <= exponent < MAX_QUANTITY_EXPONENT:
        return (f"a number between 1e-{MAX_QUANTITY_EXPONENT} and 1e{MAX_QUANTITY_EXPONENT} "
                f"(0 aside), not one with exponent {exponent}")
    digits = len("".join(map(str, number.as_tuple().digits)).rstrip("0"))  # significant
    if digits > MAX_QUANTITY_DIGITS:
        return (f"a number of at most {MAX_QUANTITY_DIGITS} significant digits, not "
                f"{digits}")
    return None


def _number(obj: dict[Any, Any], key: str, at: At, problems: Problems, *,
            what: str) -> Fraction | None:
    value = obj.get(key)
    if value is None or problems.typed(at(key), value, (int, float),
                                       f"{what}: {key} must be a number") is None:
        return None
    number = exact_number(value)
    if number is None:
        beyond = number_bounds_problem(value)
        if beyond is not None:
            problems.error(at(key), "NUMBER_OUT_OF_RANGE", f"{what}: {key} must be {beyond}")
        else:
            problems.error(at(key), "INVALID_VALUE",
                           f"{what}: {key} must be a finite number, not {described(value)}")
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


def _read_rule(payload: object, problems: Problems) -> Rule | None:
    whole = problems.payload_object(payload, decoding="the Bentley rule", name="a Bentley rule")
    if whole is None:
        return None
    too_much = payload_problem(whole)
    if too_much is not None:
        problems.add(too_much)
        return None
    unwrapped = _unwrapped(whole, "rule", problems)
    if unwrapped is None:
        return None
    at, obj = unwrapped
    what = "rule"
    _unknown_fields(obj, RULE_FIELDS, what, at, problems)
    ident = _string(obj, "id", at, problems, required=False, what=what)
    description = _string(obj, "description", at, problems, required=False, what=what)
    user_id = _string(obj, "userDefinedId", at, problems, required=False, what=what)
    parent = _string(obj, "parentId", at, problems, required=False, what=what)
    deleted = obj.get("deleted")
    if deleted is not None:
        deleted = problems.typed(at("deleted"), deleted, bool,
                                 "rule: deleted must be a boolean or null")
    if deleted:
        problems.warning(at("deleted"), "DELETED_RULE",
                         "the rule is deleted: no duration can be computed with it")
    rate: Fraction | None = None
    if problems.required(at("rate"), obj.get("rate"), "REQUIRED",
                         "rule: rate is required: units per working hour, e.g. 14.5"):
        rate = _number(obj, "rate", at, problems, what=what)
        if rate is not None and rate <= 0:
            problems.error(at("rate"), "RATE_NOT_POSITIVE",
                           f"rule: rate must be above 0 units per hour, not "
                           f"{described(obj['rate'])}")
            rate = None
    unit = _string(obj, "unit", at, problems, required=True, what=what)
    if unit is not None and unit not in UNITS:
        problems.error(at("unit"), "UNKNOWN_UNIT", _unknown_unit(unit))
        unit = None
    if rate is None or unit is None or problems.has_errors:
        return None
    return Rule(rate, unit, bool(deleted), ident, description, user_id, parent)


def _unknown_unit(unit: str) -> str:
    hint = did_you_mean(unit, UNITS) or " (see the Resource Unit Type enum, e.g. 'Meter')"
    return f"unknown unit {described(unit)}{hint}"


def check_rule(payload: object) -> list[Problem]:
    """Every problem of a rule payload (dict or JSON text); never raises.

    >>> check_rule({"rule": {"id": "r1", "rate": 0, "unit": "Metre"}})
    ... # doctest: +NORMALIZE_WHITESPACE
    [Problem(path='/rule/rate', code='RATE_NOT_POSITIVE',
             message='rule: rate must be above 0 units per hour, not 0', severity='error'),
     Problem(path='/rule/unit', code='UNKNOWN_UNIT',
             message="unknown unit 'Metre' (did you mean 'Meter'?)", severity='error')]
    """
    problems = Problems()
    _read_rule(payload, problems)
    return problems.found


def read_rule(payload: object) -> tuple[Rule | None, list[Problem]]:
    """The rule (``None`` when there is an error) and every problem of its payload."""
    problems = Problems()
    rule = _read_rule(payload, problems)
    return rule, problems.found


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


def _time(value: object, key: str, at: At, problems: Problems) -> int | None:
    if not problems.required(at(key), value, "REQUIRED",
                             f"time block: {key} is required, e.g. '09:00'"):
        return None
    text = problems.typed(at(key), value, str,
                          f"time block: {key} must be a string such as '09:00'")
    if text is None:
        return None
    match = _TIME.fullmatch(text)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return hour * 3600 + minute * 60 + second
        if key == "endTime" and (hour, minute, second) == (24, 0, 0):
            return _DAY
    end = " (or '24:00' for the end of the day)" if key == "endTime" else ""
    problems.error(at(key), "INVALID_TIME",
                   f"time block: {key} {text[:40]!r} is not a time of day; write "
                   f"HH:MM from '00:00' to '23:59'{end}")
    return None


def _read_blocks(value: object, at: At, problems: Problems, label: str
                 ) -> tuple[_Block, ...] | None:
    if not problems.required(at("timeBlocks"), value, "REQUIRED",
                             f"{label}: timeBlocks is required ([] for no working time)"):
        return None
    items = problems.typed(at("timeBlocks"), value, list,
                           f"{label}: timeBlocks must be an array")
    if items is None:
        return None
    blocks: list[tuple[_Block, int]] = []
    ok = True
    for index, item in enumerate(items):
        block_at = at.below("timeBlocks", index)
        if problems.object_at(block_at(), item, 'a time block is an object such as '
                              '{"startTime": "09:00", "endTime": "17:00"}') is None:
            ok = False
            continue
        _unknown_fields(item, _BLOCK_FIELDS, "time block", block_at, problems)
        start = _time(item.get("startTime"), "startTime", block_at, problems)
        end = _time(item.get("endTime"), "endTime", block_at, problems)
        if start is None or end is None:
            ok = False
            continue
        if end == start:
            problems.error(block_at("endTime"), "EMPTY_BLOCK",
                           f"{label}: the block starts and ends at "
                           f"{item['startTime']}; a block must have a length (a "
                           "whole day is '00:00'-'24:00')")
            ok = False
            continue
        blocks.append((_Block(start, end if end > start else end + _DAY), index))
    blocks.sort(key=lambda pair: pair[0].start)
    for (before, first), (after, second) in pairwise(blocks):
        if after.start < before.end:
            problems.error(at("timeBlocks", second), "OVERLAPPING_BLOCKS",
                           f"{label}: this block overlaps block {first} "
                           f"({_clock(before.start)}-{_clock(before.end)})")
            ok = False
    return tuple(block for block, _ in blocks) if ok else None


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds % _DAY if seconds != _DAY else seconds, 3600)
    text = f"{hours:02d}:{rest // 60:02d}"
    return text + (f":{rest % 60:02d}" if rest % 60 else "")


def _read_day_types(value: object, at: At, problems: Problems
                    ) -> dict[str, _DayType | None] | None:
    """Day types by id (``None`` for one whose blocks have errors: it can still be
    referred to without a second, misleading error)."""
    if not problems.required(at("dayTypes"), value, "REQUIRED",
                             "dayTypes is required: the kinds of day the week uses"):
        return None
    items = problems.typed(at("dayTypes"), value, list, "dayTypes must be an array")
    if items is None:
        return None
    found: dict[str, _DayType | None] = {}
    first_index: dict[str, int] = {}
    for index, item in enumerate(items):
        type_at = at.below("dayTypes", index)
        if problems.object_at(type_at(), item, "a day type is an object") is None:
            continue
        _unknown_fields(item, _DAY_TYPE_FIELDS, "day type", type_at, problems)
        ident = _string(item, "id", type_at, problems, required=True, what="day type")
        description = _string(item, "description", type_at, problems, required=False,
                              what="day type")
        kind = _string(item, "type", type_at, problems, required=False, what="day type")
        label = f"day type {ident!r}" if ident is not None else f"day type {index}"
        if kind is not None and kind not in DAY_TYPE_KINDS:
            hint = did_you_mean(kind, DAY_TYPE_KINDS)
            problems.warning(type_at("type"), "UNKNOWN_DAY_TYPE_KIND",
                             f"{label}: type {kind[:40]!r} is not one of "
                             f"{', '.join(DAY_TYPE_KINDS)}{hint}; its time blocks "
                             "still decide its working time")
        blocks = _read_blocks(item.get("timeBlocks"), type_at, problems, label)
        if blocks is not None and kind == "NonWorking" and blocks:
            problems.warning(type_at("timeBlocks"), "NON_WORKING_WITH_BLOCKS",
                             f"{label} is NonWorking but has time blocks; cadence "
                             "counts them as working time")
        if blocks is not None and kind == "Normal" and not blocks:
            problems.warning(type_at("timeBlocks"), "NORMAL_WITHOUT_BLOCKS",
                             f"{label} is Normal but has no time blocks, so no "
                             "working time")
        if ident is None:
            continue
        if ident in first_index:
            problems.error(type_at("id"), "DUPLICATE_ID",
                           f"day type id {ident!r} is already used by "
                           f"{at('dayTypes', first_index[ident])}")
            continue
        first_index[ident] = index
        shown = description or ident
        found[ident] = None if blocks is None else _DayType(ident, blocks, shown)
    return found


def _reference(value: object, key: str, at: At, day_types: dict[str, _DayType | None] | None,
               problems: Problems, what: str) -> str | None:
    ident = _string({key: value}, key, at, problems, required=True, what=what)
    if ident is None or day_types is None:
        return None
    if ident not in day_types:
        known = list(day_types)
        hint = did_you_mean(ident, known) or (
            f" (defined: {', '.join(repr(k) for k in known[:10])})" if known else
            " (no day type is defined)")
        problems.error(at(key), "UNKNOWN_DAY_TYPE",
                       f"{what}: {key} refers to day type {ident[:60]!r}, which "
                       f"dayTypes does not define{hint}")
        return None
    return ident


def _read_week(value: object, at: At, day_types: dict[str, _DayType | None] | None,
               problems: Problems) -> dict[int, str] | None:
    if not problems.required(at("week"), value, "REQUIRED",
                             "week is required: the day type of each weekday"):
        return None
    days = problems.object_at(at("week"), value, "week must be an object")
    if days is None:
        return None
    week_at = at.below("week")
    _unknown_fields(days, list(WEEK_FIELDS), "week", week_at, problems)
    week: dict[int, str] = {}
    for key, weekday in WEEK_FIELDS.items():
        ident = _reference(days.get(key), key, week_at, day_types, problems, "week")
        if ident is not None:
            week[weekday] = ident
    return week if len(week) == 7 else None


def _exception_date(value: object, at: At, problems: Problems) -> date | None:
    if not problems.required(at("date"), value, "REQUIRED",
                             "exception: date is required, e.g. '2024-04-03T12:00:00Z'"):
        return None
    text = problems.typed(at("date"), value, str, "exception: date must be a string")
    if text is None:
        return None
    match = _DATE.fullmatch(text.strip())
    if match:
        hour, minute, second = (int(part or 0) for part in match.group(4, 5, 6))
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            day = None
        if day is not None and hour < 24 and minute < 60 and second < 60:
            return day
    problems.error(at("date"), "INVALID_DATE",
                   f"exception: {text[:40]!r} is not an ISO 8601 date or date-time; "
                   "write e.g. '2024-04-03T12:00:00Z' or '2024-04-03'")
    return None


def _read_exceptions(value: object, at: At, day_types: dict[str, _DayType | None] | None,
                     problems: Problems) -> dict[date, str] | None:
    if value is None:
        return {}
    items = problems.typed(at("exceptions"), value, list, "exceptions must be an array")
    if items is None:
        return None
    found: dict[date, str] = {}
    first_index: dict[date, int] = {}
    ok = True
    for index, item in enumerate(items):
        item_at = at.below("exceptions", index)
        if problems.object_at(item_at(), item, 'an exception is an object such as {"date": '
                              '"2024-04-03T12:00:00Z", "dayTypeId": "..."}') is None:
            ok = False
            continue
        _unknown_fields(item, _EXCEPTION_FIELDS, "exception", item_at, problems)
        day = _exception_date(item.get("date"), item_at, problems)
        ident = _reference(item.get("dayTypeId"), "dayTypeId", item_at, day_types, problems,
                           "exception")
        if day is not None and day in first_index:
            problems.error(item_at("date"), "DUPLICATE_EXCEPTION",
                           f"exception: {day.isoformat()} already has an exception "
                           f"({at('exceptions', first_index[day])}); a date can be "
                           "re-typed once")
            ok = False
            continue
        if day is not None:
            first_index[day] = index
        if day is None or ident is None:
            ok = False
            continue
        found[day] = ident
    return found if ok else None


def _check_totals(cal: dict[Any, Any], at: At, week: dict[int, str] | None,
                  day_types: dict[str, _DayType | None] | None, problems: Problems) -> None:
    days = _number(cal, "workingDaysPerWeek", at, problems, what="calendar")
    if days is not None and not 0 <= days <= 7:
        problems.error(at("workingDaysPerWeek"), "INVALID_VALUE",
                       f"workingDaysPerWeek must be 0-7, not {number_text(days)}")
        days = None
    seconds = _number(cal, "workingSecondsPerDay", at, problems, what="calendar")
    if seconds is not None and seconds < 0:
        problems.error(at("workingSecondsPerDay"), "INVALID_VALUE",
                       "workingSecondsPerDay must not be negative")
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
        problems.warning(at("workingDaysPerWeek"), "WORKING_DAYS_MISMATCH",
                         f"workingDaysPerWeek is {number_text(days)} but the week's time "
                         f"blocks give {len(totals)} working day(s) ({names})")
    if seconds is not None and set(totals.values()) != {seconds} and (totals or seconds):
        given = sorted(set(totals.values()))
        if not given:
            says = "no working weekday"
        elif len(given) == 1:
            says = f"{given[0]} seconds per working day"
        else:
            says = ("different lengths per working day: " + ", ".join(
                f"{WEEKDAY_NAMES[weekday]} {total} s" for weekday, total in totals.items()))
        problems.warning(at("workingSecondsPerDay"), "WORKING_SECONDS_MISMATCH",
                         f"workingSecondsPerDay is {number_text(seconds)} but the week's "
                         f"time blocks give {says}")


def _block_rule(block: _Block, kind: _DayType, **days: Any) -> CronRule:
    hour, rest = divmod(block.start, 3600)
    return CronRule(
        seconds=(rest % 60,), minutes=(rest // 60,), hours=(hour,),
        duration=timedelta(seconds=block.end - block.start), fixed_time=True,
        notes=(f"{kind.label}: {_clock(block.start)}-{_clock(block.end)}",),
        **days,
    )


@dataclass(frozen=True, slots=True)
class _Groups:
    """The days that share rules: the weekdays of each day type the week uses, and the
    exception days of one day type in one month."""

    weekly: dict[str, tuple[int, ...]]  # day type id -> its weekdays
    skipped: dict[str, tuple[date, ...]]  # day type id -> exception dates on its weekdays
    dated: dict[tuple[str, int, int], tuple[int, ...]]  # (id, year, month) -> its days


def _groups(week: dict[int, str], exceptions: dict[date, str]) -> _Groups:
    weekly: dict[str, list[int]] = {}
    for weekday in range(7):
        weekly.setdefault(week[weekday], []).append(weekday)
    skipped = {ident: tuple(day for day in exceptions if day.weekday() in weekdays)
               for ident, weekdays in weekly.items()}
    dated: dict[tuple[str, int, int], list[int]] = {}
    for day, ident in sorted(exceptions.items()):
        dated.setdefault((ident, day.year, day.month), []).append(day.day)
    return _Groups({ident: tuple(days) for ident, days in weekly.items()}, skipped,
                   {key: tuple(days) for key, days in dated.items()})


def _size_problem(groups: _Groups, day_types: dict[str, _DayType], at: At,
                  problems: Problems) -> bool:
    """Whether the rules ``groups`` make cross :data:`~cadence.limits.MAX_CALENDAR_RULES`
    or :data:`~cadence.limits.MAX_CALENDAR_SKIPS` (a CALENDAR_TOO_LARGE problem says
    which): counted before any rule is built, since the IR has no set of dates to give
    a rule, so blocks multiply by exception months and by exception dates."""
    months: dict[str, int] = {}
    for ident, _, _ in groups.dated:
        months[ident] = months.get(ident, 0) + 1
    rules = (sum(len(day_types[ident].blocks) for ident in groups.weekly)
             + sum(len(day_types[ident].blocks) * count for ident, count in months.items()))
    if rules > MAX_CALENDAR_RULES:
        worst = max(months, key=lambda ident: len(day_types[ident].blocks) * months[ident],
                    default=None)
        detail = "" if worst is None else (
            f"; {_named(worst)} has {len(day_types[worst].blocks)} time blocks, and "
            f"exceptions in {months[worst]} months")
        problems.error(at("exceptions" if months else "dayTypes"), "CALENDAR_TOO_LARGE",
                       f"the calendar makes {rules} rules (one per time block of each day "
                       f"type the week uses, and one per time block of an exception's day "
                       f"type in each month with exceptions of that type{detail}); cadence "
                       f"reads at most {MAX_CALENDAR_RULES}: give the exception days fewer "
                       "time blocks or spread fewer months")
        return True
    skips = {ident: len(day_types[ident].blocks) * len(days)
             for ident, days in groups.skipped.items()}
    if sum(skips.values()) > MAX_CALENDAR_SKIPS:
        worst = max(skips, key=skips.__getitem__)
        problems.error(at("exceptions"), "CALENDAR_TOO_LARGE",
                       f"the week's time blocks skip {sum(skips.values())} exception dates "
                       f"in all ({_named(worst)} has {len(day_types[worst].blocks)} time "
                       f"blocks, each skipping the {len(groups.skipped[worst])} exceptions "
                       f"on its weekdays); cadence reads at most {MAX_CALENDAR_SKIPS}: "
                       "use fewer time blocks or fewer exceptions")
        return True
    return False


def _named(ident: str) -> str:
    return f"day type {described(ident)}"


def _rules(groups: _Groups, day_types: dict[str, _DayType]) -> list[CronRule]:
    """Weekdays sharing a day type share one rule per block (the same windows as one
    rule per weekday, with fewer rules to evaluate); exception dates of one day type
    in one month share one rule per block."""
    rules: list[CronRule] = []
    for ident, weekdays in groups.weekly.items():
        for block in day_types[ident].blocks:
            rules.append(_block_rule(block, day_types[ident],
                                     weekdays=Weekdays(days=weekdays),
                                     excluded_dates=groups.skipped[ident]))
    for (ident, year, month), month_days in groups.dated.items():
        for block in day_types[ident].blocks:
            rules.append(_block_rule(block, day_types[ident], years=(year,), months=(month,),
                                     month_days=MonthDays(days=month_days)))
    return rules


def check(payload: object, *, tz: str | tzinfo | None = None) -> Checked:
    """Every problem of a calendar payload (dict or JSON text), and its window schedule
    when there is no error. Never raises for a JSON value."""
    problems = Problems()
    whole = problems.payload_object(payload, decoding="the Bentley calendar",
                                    name="a Bentley calendar")
    if whole is None:
        return problems.checked()
    if "calendar" not in whole and "rule" in whole:
        problems.error(pointer("rule"), "NOT_A_CALENDAR",
                       "this is a Bentley rule, not a calendar: compute its durations with "
                       "cadence.bentley.duration")
        problems.add(*check_rule(whole))
        return problems.checked()
    unwrapped = _unwrapped(whole, "calendar", problems, refused=(
        "rule", "NOT_A_CALENDAR", "a rule is not part of a calendar; check rules with "
        "cadence.formats.bentley_calendar.check_rule"))
    if unwrapped is None:
        return problems.checked()
    at, cal = unwrapped
    _unknown_fields(cal, CALENDAR_FIELDS, "calendar", at, problems)
    _string(cal, "id", at, problems, required=False, what="calendar")
    _string(cal, "name", at, problems, required=False, what="calendar")
    _string(cal, "parentId", at, problems, required=False, what="calendar")
    day_types = _read_day_types(cal.get("dayTypes"), at, problems)
    week = _read_week(cal.get("week"), at, day_types, problems)
    exceptions = _read_exceptions(cal.get("exceptions"), at, day_types, problems)
    _check_totals(cal, at, week, day_types, problems)
    zone = problems.zone(tz)
    if (problems.has_errors or zone is None or day_types is None or week is None
            or exceptions is None):
        return problems.checked()
    usable = {ident: kind for ident, kind in day_types.items() if kind is not None}
    groups = _groups(week, exceptions)
    if _size_problem(groups, usable, at, problems):
        return problems.checked()
    rules = _rules(groups, usable)
    if not rules:
        problems.error(at(), "NO_WORKING_TIME",
                       "the calendar has no working time: no day type that the week "
                       "or an exception uses has time blocks")
        return problems.checked()
    return problems.checked(Recurrence(
        rules, zone, format="bentley", source=_source(whole),
        metadata={key: cal[key] for key in ("id", "name", "parentId", "workingDaysPerWeek",
                                            "workingSecondsPerDay") if key in cal},
    ))


def _source(payload: object) -> str:
    try:
        return json.dumps(payload, sort_keys=True)
    except (TypeError, ValueError):
        return repr(payload)


def envelope(problems: Sequence[Problem]) -> dict[str, Any]:
    """The Schedules API error body for the errors among ``problems`` (warnings are left
    out), in the seed's ``Error Response`` schema: ``{"error": {"code", "message",
    "target"}}``, which holds one error, the first; cadence lists them all in a separate
    field, ``problems``. With no error there is no error body (the API answers a valid
    request with the resource): :class:`~cadence.errors.ScheduleError`.

    >>> envelope([Problem("/calendar/week/mondayDayTypeId", "REQUIRED", "missing")])
    ... # doctest: +NORMALIZE_WHITESPACE
    {'error': {'code': 'InvalidSchedulesRequest', 'message': 'missing',
               'target': 'calendar.week.mondayDayTypeId'},
     'problems': [{'path': '/calendar/week/mondayDayTypeId', 'code': 'REQUIRED',
                   'message': 'missing'}]}
    """
    return itwin_error(problems, "InvalidSchedulesRequest", "bentley")


# -- emitting ------------------------------------------------------------------------
#
# The inverse of _rules: the weekdays of one day type share one rule per time block
# (weekdays given, every month, no year) that excludes every exception date on those
# weekdays; the exception dates of one day type in one month share one rule per block
# (one year, one month, the days). A weekday or date without rules has a day type
# without blocks. Day types are told apart by id, not by their blocks, so every group
# of rules gets a day type of its own where the grouping needs it.

_TARGET = "bentley"
_ALL_MONTHS = tuple(range(1, 13))
_WEEK = tuple(range(7))
_SECOND = timedelta(seconds=1)
_OFF = "non-working"

_Window = tuple[int, int]  # (seconds after midnight, length in seconds)


def emit_bentley(source: HasRecurrence) -> dict[str, Any]:
    """A Bentley calendar payload (``{"calendar": {...}}``) for ``schedule``.

    A schedule read from a calendar gives that payload back while its meaning is
    unchanged (ids, names and spelling included); any other is written in a canonical
    form. The calendar names no zone (the API has none): read it back with
    ``tz=`` the schedule's zone. What a calendar cannot say raises
    :class:`~cadence.errors.UnsupportedError`.

    >>> import cadence
    >>> nights = cadence.parse("0 22 * * MON-THU").with_duration(timedelta(hours=8))
    >>> emit_bentley(nights)  # doctest: +NORMALIZE_WHITESPACE
    {'calendar': {'dayTypes': [{'id': 'non-working', 'description': 'Non-Working Day',
                                'type': 'NonWorking', 'timeBlocks': []},
                               {'id': 'working-1', 'description': 'Working Day 22:00-06:00',
                                'type': 'Normal',
                                'timeBlocks': [{'startTime': '22:00', 'endTime': '06:00'}]}],
                  'week': {'sundayDayTypeId': 'non-working', 'mondayDayTypeId': 'working-1',
                           'tuesdayDayTypeId': 'working-1', 'wednesdayDayTypeId': 'working-1',
                           'thursdayDayTypeId': 'working-1', 'fridayDayTypeId': 'non-working',
                           'saturdayDayTypeId': 'non-working'},
                  'exceptions': [], 'workingDaysPerWeek': 4, 'workingSecondsPerDay': 28800}}
    >>> emit_bentley(cadence.parse("0 9 L * *").with_duration(timedelta(hours=1)))
    Traceback (most recent call last):
    ...
    cadence.errors.UnsupportedError: bentley: days counted from the end of the month (L)...
    """
    schedule = source.recurrence
    kept = _kept_calendar(schedule)
    if kept is not None:
        return kept
    payload = {"calendar": _calendar(schedule)}
    # Read back: a difference is a gap in this emitter, never dropped silently.
    verify(check(payload, tz=schedule.tz), schedule, _TARGET, "calendar")
    return payload


def _kept_calendar(schedule: Recurrence) -> dict[str, Any] | None:
    """The payload as read, when the schedule came from a calendar and still means it."""
    payload = source_object(schedule, _TARGET)
    if payload is None:
        return None
    again = check(payload, tz=schedule.tz).recurrence
    if again is None or differences(again, schedule):
        return None
    return payload


def _calendar(schedule: Recurrence) -> dict[str, Any]:
    """The canonical calendar object, or UnsupportedError."""
    for name, bound in (("a start", schedule.start), ("an end", schedule.end)):
        if bound is not None:
            raise UnsupportedError(_TARGET, f"{name} bound ({bound.isoformat()})",
                                   "; a calendar has no start or end date")
    weekly: dict[tuple[int, ...], list[CronRule]] = {}
    dated: dict[tuple[int, int, tuple[int, ...]], list[CronRule]] = {}
    for rule in dict.fromkeys(policy_free(rule) for rule in schedule.rules):
        _window_of(rule)
        if rule.weekdays == Weekdays():
            _refuse_days(rule)
        if _is_weekly(rule):
            days = rule.weekdays.days if rule.weekdays is not None else _WEEK
            weekly.setdefault(days, []).append(rule)
        elif _is_dated(rule):
            if rule.excluded_dates:
                raise UnsupportedError(_TARGET, f"excluded dates on a rule of dates "
                                       f"({wording.dates(rule.excluded_dates)})",
                                       "; only weekly rules skip exception dates")
            assert rule.years is not None
            assert rule.month_days is not None
            dated.setdefault((rule.years[0], rule.months[0], rule.month_days.days),
                             []).append(rule)
        else:
            _refuse_days(rule)
    week, excluded = _week(weekly)
    retyped = _retyped(dated, week, excluded)
    return _payload(schedule, week, excluded, retyped)


def _week(weekly: dict[tuple[int, ...], list[CronRule]]
          ) -> tuple[dict[int, tuple[tuple[int, ...], tuple[_Window, ...]]], set[date]]:
    """Each working weekday's group (its weekdays and blocks), and the excluded dates."""
    week: dict[int, tuple[tuple[int, ...], tuple[_Window, ...]]] = {}
    excluded: set[date] = set()
    for days, group in weekly.items():
        where = f"on {wording.weekday_names(days)}"
        for day in days:
            if day in week:
                raise UnsupportedError(
                    _TARGET, f"rules on overlapping sets of weekdays "
                    f"({wording.weekday_names(week[day][0])}; {wording.weekday_names(days)})",
                    "; a calendar gives each weekday one day type")
        skipped = {rule.excluded_dates for rule in group}
        if len(skipped) > 1:
            shown = "; ".join(wording.dates(dates) or "none" for dates in sorted(skipped))
            raise UnsupportedError(_TARGET, f"different excluded dates among the rules {where} "
                                   f"({shown})", "; the rules of one day type skip the same "
                                   "exception dates")
        for day_off in group[0].excluded_dates:
            if day_off.weekday() not in days:
                raise UnsupportedError(
                    _TARGET, f"excluded date {day_off.isoformat()} (a "
                    f"{WEEKDAY_NAMES[day_off.weekday()]}) in rules {where}",
                    "; a calendar's rules exclude only the exception dates on their weekdays")
        excluded.update(group[0].excluded_dates)
        blocks = _blocks(group, where)
        for day in days:
            week[day] = (days, blocks)
    return week, excluded


def _retyped(dated: dict[tuple[int, int, tuple[int, ...]], list[CronRule]],
             week: dict[int, tuple[tuple[int, ...], tuple[_Window, ...]]],
             excluded: set[date]) -> dict[date, tuple[tuple[int, int, tuple[int, ...]],
                                                      tuple[_Window, ...]]]:
    """Each exception date with working time: its group (year, month, days) and blocks."""
    found: dict[date, tuple[tuple[int, int, tuple[int, ...]], tuple[_Window, ...]]] = {}
    for key, group in dated.items():
        year, month, days = key
        dates = []
        for number in days:
            try:
                dates.append(date(year, month, number))
            except ValueError:
                raise UnsupportedError(_TARGET, f"a date that does not exist "
                                       f"({year:04d}-{month:02d}-{number:02d})") from None
        where = f"on {wording.dates(dates)}"
        blocks = _blocks(group, where)
        for day in dates:
            if day in found:
                raise UnsupportedError(
                    _TARGET, f"rules on overlapping sets of dates "
                    f"({wording.dates(_group_dates(found[day][0]))}; {wording.dates(dates)})",
                    "; an exception re-types a date to one day type")
            if day.weekday() in week and day not in excluded:
                raise UnsupportedError(
                    _TARGET, f"windows added on {day.isoformat()} while its "
                    f"{WEEKDAY_NAMES[day.weekday()]} windows still run",
                    "; an exception re-types the whole day, so the weekday's rules must "
                    "exclude that date")
            found[day] = (key, blocks)
    return found


def _payload(schedule: Recurrence,
             week: dict[int, tuple[tuple[int, ...], tuple[_Window, ...]]],
             excluded: set[date],
             retyped: dict[date, tuple[tuple[int, int, tuple[int, ...]],
                                       tuple[_Window, ...]]]) -> dict[str, Any]:
    """The calendar object: day types (one without blocks where needed), the week, the
    exceptions by date, and the derived figures the blocks give."""
    types: dict[tuple[tuple[_Window, ...], int], str] = {}

    def type_id(blocks: tuple[_Window, ...], k: int = 0) -> str:
        if (blocks, k) not in types:
            working = sum(1 for key in types if key[0])
            types[blocks, k] = f"working-{working + 1}" if blocks else _OFF
        return types[blocks, k]

    week_ids: dict[str, str] = {}
    group_ids: dict[tuple[int, ...], str] = {}
    seen: dict[tuple[tuple[_Window, ...], int, int], int] = {}

    def group_id(blocks: tuple[_Window, ...], year: int = 0, month: int = 0) -> str:
        """A fresh day type for each group with the same blocks in the week (or in one
        month): the parser makes one rule of the weekdays (dates) of one day type."""
        k = seen.get((blocks, year, month), 0)
        seen[blocks, year, month] = k + 1
        return type_id(blocks, k)

    for field, weekday in WEEK_FIELDS.items():
        if weekday not in week:
            week_ids[field] = type_id(())
            continue
        days, blocks = week[weekday]
        if days not in group_ids:
            group_ids[days] = group_id(blocks)
        week_ids[field] = group_ids[days]
    exceptions = []
    month_ids: dict[tuple[int, int, tuple[int, ...]], str] = {}
    for day in sorted(excluded | set(retyped)):
        if day in retyped:
            key, blocks = retyped[day]
            if key not in month_ids:
                month_ids[key] = group_id(blocks, key[0], key[1])
            ident = month_ids[key]
        else:
            ident = type_id(())
        exceptions.append({"date": f"{day.isoformat()}T12:00:00Z", "dayTypeId": ident})
    cal: dict[str, Any] = {}
    metadata = schedule.metadata
    for name in ("id", "name", "parentId") if schedule.format == _TARGET else ("name",):
        if name in metadata and (metadata[name] is None or isinstance(metadata[name], str)):
            cal[name] = metadata[name]
    cal["dayTypes"] = [
        {"id": ident, "description": _describe(blocks),
         "type": "Normal" if blocks else "NonWorking",
         "timeBlocks": [{"startTime": _clock(start), "endTime": _clock(start + length)}
                        for start, length in blocks]}
        for (blocks, _), ident in types.items()
    ]
    cal["week"] = week_ids
    cal["exceptions"] = exceptions
    cal["workingDaysPerWeek"] = len(week)
    totals = {sum(length for _, length in blocks) for _, blocks in week.values()}
    if len(totals) <= 1:
        cal["workingSecondsPerDay"] = totals.pop() if totals else 0
    return cal


def _group_dates(key: tuple[int, int, tuple[int, ...]]) -> list[date]:
    year, month, days = key
    return [date(year, month, day) for day in days]


def _describe(blocks: tuple[_Window, ...]) -> str:
    if not blocks:
        return "Non-Working Day"
    return "Working Day " + ", ".join(f"{_clock(start)}-{_clock(start + length)}"
                                      for start, length in blocks)


def _is_weekly(rule: CronRule) -> bool:
    weekdays = rule.weekdays
    return (rule.years is None and rule.months == _ALL_MONTHS and rule.month_days is None
            and (weekdays is None or not (weekdays.nth or weekdays.last)))


def _is_dated(rule: CronRule) -> bool:
    days = rule.month_days
    return (rule.years is not None and len(rule.years) == 1 and len(rule.months) == 1
            and days is not None and bool(days.days) and not wording.month_day_specials(days)
            and rule.weekdays is None)


def _window_of(rule: CronRule) -> _Window:
    """The time block of a rule: one start time a day and a window of up to a day."""
    year_parts = wording.year_parts_refusal(rule)
    if year_parts is not None:
        raise UnsupportedError(_TARGET, *year_parts)
    if rule.period is not None:
        raise UnsupportedError(_TARGET, f"an anchored period (every {rule.period.every} "
                               f"{rule.period.unit}s)", "; a calendar's week repeats every "
                               "week")
    if rule.duration is None:
        raise UnsupportedError(_TARGET, "instants (occurrences without a window)",
                               "; a calendar's time blocks are windows (give the schedule a "
                               "duration: Schedule.with_duration, or convert --duration)")
    if len(rule.hours) * len(rule.minutes) * len(rule.seconds) > 1:
        raise UnsupportedError(
            _TARGET, "more than one start time in a rule",
            f" (hours {wording.numbers(rule.hours)}; minutes {wording.numbers(rule.minutes)}; "
            f"seconds {wording.numbers(rule.seconds)}); a time block opens once a day, and each "
            "block is its own rule")
    start = rule.hours[0] * 3600 + rule.minutes[0] * 60 + rule.seconds[0]
    duration = rule.duration
    if duration % _SECOND:
        raise UnsupportedError(_TARGET, f"a window of {duration_words(duration)}",
                               "; time blocks are whole seconds (HH:MM:SS)")
    length = int(duration.total_seconds())
    if length > _DAY:
        raise UnsupportedError(_TARGET, f"a window of {duration_words(duration)}",
                               "; a time block lasts 24 hours at most ('00:00'-'24:00')")
    if length == _DAY and start:
        raise UnsupportedError(_TARGET, f"a 24-hour window opening at {_clock(start)}",
                               "; only the block '00:00'-'24:00' lasts a whole day")
    return start, length


def _blocks(group: list[CronRule], where: str) -> tuple[_Window, ...]:
    """The blocks of one day type, which must not overlap (as the parser checks them)."""
    blocks = tuple(sorted({_window_of(rule) for rule in group}))
    for (start, length), (after, after_length) in pairwise(blocks):
        if after < start + length:
            raise UnsupportedError(
                _TARGET, f"overlapping windows {where} ({_clock(start)}-"
                f"{_clock(start + length)} and {_clock(after)}-{_clock(after + after_length)})",
                "; the time blocks of a day type must not overlap")
    return blocks


def _refuse_days(rule: CronRule) -> None:
    """UnsupportedError naming why ``rule`` is neither weekly nor a rule of dates."""
    month_days, weekdays = rule.month_days, rule.weekdays
    if month_days == MonthDays() or weekdays == Weekdays():
        raise UnsupportedError(_TARGET, "a rule that selects no day at all")
    if weekdays is not None and wording.weekday_specials(weekdays):
        raise UnsupportedError(_TARGET, wording.weekday_specials(weekdays)[0],
                               "; a calendar's week maps plain weekdays")
    if month_days is not None and wording.month_day_specials(month_days):
        raise UnsupportedError(_TARGET, wording.month_day_specials(month_days)[0],
                               "; exceptions are single dates")
    if month_days is not None and weekdays is not None:
        raise UnsupportedError(_TARGET, wording.days_and_weekdays(rule),
                               "; a rule follows the week or lists exception dates, not both")
    if rule.years is None:
        if rule.months != _ALL_MONTHS:
            raise UnsupportedError(_TARGET, f"months ({wording.numbers(rule.months)})",
                                   "; a calendar's week repeats in every month")
        assert month_days is not None
        raise UnsupportedError(_TARGET, f"days of the month ({wording.numbers(month_days.days)})",
                               "; a calendar repeats weekly, and its exceptions are single "
                               "dates")
    if month_days is None:
        raise UnsupportedError(_TARGET, f"years ({wording.numbers(rule.years)})",
                               "; only exception dates are tied to a year")
    raise UnsupportedError(_TARGET, f"dates in more than one month in one rule (years "
                           f"{wording.numbers(rule.years)}; months {wording.numbers(rule.months)})",
                           "; the exception dates of one day type in one month make one "
                           "rule per time block")
