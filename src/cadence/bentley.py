"""Bentley Schedules (v10): how long quantity-driven work takes, and when it ends.

A rule (``{"rule": {"rate": 14.5, "unit": "Meter", ...}}``) is a production rate:
``rate`` units per *working* hour. Work of ``quantity`` units in the rule's unit takes
``quantity / rate`` working hours (formats.md section 6); :func:`finish` counts them
inside a calendar's working windows.

Assumptions and decisions:

- Arithmetic is exact: a JSON float is read as the decimal it prints as (``14.5``,
  ``0.1``), ``Decimal``/``Fraction``/``int`` as they are, and a decimal string
  (``"14.5"``) is accepted too. The working time is rounded to the microsecond, half
  to even.
- The quantity's unit must be spelled exactly as in the Resource Unit Type enum and
  equal the rule's unit; cadence converts no units (``Meter`` is not ``Millimeter``).
- A deleted rule, a rate of zero or below, a negative quantity, an unknown unit and a
  value that is not a finite number are errors (:class:`BentleyError` subclasses, all
  of them :class:`~cadence.errors.ScheduleError`). A quantity of 0 takes no time.
- Calendars run in ``tz=`` if given, else UTC (see :mod:`cadence.formats.bentley_calendar`).

>>> rule = {"rule": {"id": "0d51", "rate": 14.5, "unit": "Meter", "deleted": False}}
>>> duration(rule, 145, "Meter")
datetime.timedelta(seconds=36000)
>>> week = {key: "work" for key in ("mondayDayTypeId", "tuesdayDayTypeId",
...         "wednesdayDayTypeId", "thursdayDayTypeId", "fridayDayTypeId")}
>>> calendar = {"calendar": {
...     "dayTypes": [{"id": "off", "type": "NonWorking", "timeBlocks": []},
...                  {"id": "work", "type": "Normal",
...                   "timeBlocks": [{"startTime": "09:00", "endTime": "17:00"}]}],
...     "week": {**week, "saturdayDayTypeId": "off", "sundayDayTypeId": "off"}}}
>>> finish(calendar, rule, 145, "Meter", "2026-11-23T09:00Z").isoformat()
'2026-11-24T11:00:00+00:00'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from fractions import Fraction

from ._moments import Moment
from .errors import ScheduleError, described
from .formats.bentley_calendar import (
    UNITS,
    Rule,
    exact_number,
    number_bounds_problem,
    number_text,
    read_rule,
)
from .schedule import Schedule
from .validate import InvalidPayloadError, Problem, check, did_you_mean

__all__ = [
    "UNITS",
    "BentleyError",
    "DeletedRuleError",
    "InvalidQuantityError",
    "InvalidRateError",
    "InvalidRuleError",
    "Rule",
    "UnitMismatchError",
    "UnknownUnitError",
    "duration",
    "finish",
    "parse_calendar",
    "parse_rule",
]

_MICROSECONDS_PER_HOUR = 3600 * 1_000_000


class BentleyError(ScheduleError):
    """A Bentley rule, quantity or unit that gives no duration."""


class InvalidRuleError(InvalidPayloadError, BentleyError):
    """A rule payload with errors; ``problems`` lists all of them."""


class InvalidRateError(InvalidRuleError):
    """A rule whose rate is missing, not a number, or not above zero."""


class UnknownUnitError(BentleyError):
    """A unit that is not in the Resource Unit Type enum."""


class UnitMismatchError(BentleyError):
    """A quantity whose unit is not the rule's unit."""


class DeletedRuleError(BentleyError):
    """A rule marked ``deleted``."""


class InvalidQuantityError(BentleyError):
    """A quantity that is negative, not a finite number, or too large."""


def parse_rule(rule: object) -> Rule:
    """A rule payload (``{"rule": {...}}``, the rule object, or JSON text) as a
    :class:`Rule`; a :class:`Rule` is returned as is.

    >>> parse_rule('{"rule": {"rate": 14.5, "unit": "Meter"}}').rate
    Fraction(29, 2)
    """
    if isinstance(rule, Rule):
        rate = exact_number(rule.rate)
        beyond = number_bounds_problem(rule.rate)
        if beyond is not None:
            raise InvalidRateError("bentley", [Problem(
                "/rate", "NUMBER_OUT_OF_RANGE", f"rule: rate must be {beyond}")])
        if rate is None or rate <= 0:
            raise InvalidRateError("bentley", [Problem(
                "/rate", "RATE_NOT_POSITIVE",
                f"rule: rate must be a number above 0 units per hour, not "
                f"{described(rule.rate)}")])
        if not isinstance(rule.unit, str):
            raise UnknownUnitError(f"the rule's unit must be a string such as 'Meter', not "
                                   f"{described(rule.unit)}")
        if rule.unit not in UNITS:
            raise UnknownUnitError(_unknown(rule.unit))
        return replace(rule, rate=rate)
    parsed, problems = read_rule(rule)
    if parsed is not None:
        return parsed
    errors = [problem for problem in problems if problem.is_error]
    if any(problem.path.endswith("/rate") for problem in errors):
        raise InvalidRateError("bentley", problems)
    unit = [problem for problem in errors if problem.code == "UNKNOWN_UNIT"]
    if unit and len(unit) == len(errors):
        raise UnknownUnitError(f"rule: {unit[0].message}")
    raise InvalidRuleError("bentley", problems)


def _unknown(unit: str) -> str:
    hint = did_you_mean(unit, UNITS) or " (see the Resource Unit Type enum, e.g. 'Meter')"
    return f"unknown unit {described(unit)}{hint}"


def checked_quantity(quantity: object) -> Fraction:
    """``quantity`` as an exact number, or :class:`InvalidQuantityError` saying why it is
    none: not a finite number in digits 0-9, beyond :mod:`cadence.limits`, or negative."""
    amount = exact_number(quantity)
    if amount is None:
        beyond = number_bounds_problem(quantity)
        if beyond is not None:  # (cadence.limits: exact arithmetic stays cheap)
            raise InvalidQuantityError(f"the quantity must be {beyond}")
        digits = " written in digits 0-9" if isinstance(quantity, str) else ""
        raise InvalidQuantityError(f"the quantity must be a finite number{digits}, not "
                                   f"{described(quantity)}")
    if amount < 0:
        raise InvalidQuantityError(f"the quantity must not be negative, not {number_text(amount)}")
    return amount


def duration(rule: Rule | object, quantity: object, unit: object) -> timedelta:
    """The working time that ``quantity`` ``unit`` take at the rule's rate:
    ``quantity / rate`` hours, exactly, rounded to the microsecond.

    >>> duration({"rate": 3, "unit": "Each"}, 1, "Each")
    datetime.timedelta(seconds=1200)
    >>> duration({"rate": 14.5, "unit": "Meter"}, 145, "Feet")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cadence.bentley.UnitMismatchError: the quantity is in Feet but the rule's rate is in ...
    """
    parsed = parse_rule(rule)
    if parsed.deleted:
        name = f" {described(parsed.id)}" if parsed.id else ""
        raise DeletedRuleError(f"rule{name} is deleted; assign a rule that is not deleted")
    if not isinstance(unit, str):
        raise UnknownUnitError(f"the unit must be a string such as 'Meter', not "
                               f"{described(unit)}")
    if unit not in UNITS:
        raise UnknownUnitError(_unknown(unit))
    amount = checked_quantity(quantity)
    if unit != parsed.unit:
        raise UnitMismatchError(f"the quantity is in {unit} but the rule's rate is in "
                                f"{parsed.unit} per hour; convert the quantity to {parsed.unit}")
    micros = round(amount / parsed.rate * _MICROSECONDS_PER_HOUR)
    try:
        return timedelta(microseconds=micros)
    except OverflowError:
        raise InvalidQuantityError(
            f"{number_text(amount)} {unit} at {number_text(parsed.rate)} per hour takes longer "
            "than "
            "999999999 days"
        ) from None


def parse_calendar(calendar: object, *, tz: str | tzinfo | None = None) -> Schedule:
    """A calendar payload as a window schedule (its windows are the working time);
    raises :class:`~cadence.validate.InvalidPayloadError` listing every error."""
    checked = check(calendar, "bentley", tz=tz)  # with the input limits
    if checked.recurrence is None:
        raise InvalidPayloadError("bentley", checked.problems)
    return Schedule(checked.recurrence)


def finish(calendar: Schedule | object, rule: Rule | object, quantity: object, unit: object,
           start: Moment, *, tz: str | tzinfo | None = None,
           progress: Callable[[float], None] | None = None) -> datetime:
    """When work of ``quantity`` ``unit`` at the rule's rate, started at ``start``, ends:
    its :func:`duration` of working time counted in the calendar's windows (``progress``:
    see :meth:`~cadence.schedule.Schedule.add_working_time`).

    ``calendar`` is a payload (parsed in ``tz``, else UTC) or a parsed
    :class:`~cadence.schedule.Schedule` (then ``tz`` must not be given).
    """
    if isinstance(calendar, Schedule):
        if tz is not None:
            raise ScheduleError("tz= applies to a calendar payload; this calendar is "
                                "already parsed in its zone")
        schedule = calendar
    else:
        schedule = parse_calendar(calendar, tz=tz)
    return schedule.add_working_time(start, duration(rule, quantity, unit), progress=progress)

