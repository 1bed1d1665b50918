"""croniter's API, evaluated by cadence: change ``from croniter import croniter`` to
``from cadence.compat.croniter import croniter`` and nothing else.

The expression is read as croniter reads it (minute hour day month weekday, then an
optional seconds field and an optional year field; ``second_at_beginning`` moves the
seconds first; ``L``, ``nW``, ``n#k``, ``Ln``, wrapping ranges such as ``FRI-MON``, a range
whose two ends are equal meaning the whole cycle, ``?``, ``R``), built into one cadence
:class:`~cadence.ir.Rule` and answered by cadence's evaluator. Day-of-month and
day-of-week are OR'ed when both are restricted (``day_or=True``, croniter's default);
``#``, ``Ln`` and ``W`` make the two an intersection, as croniter does.

Where croniter is wrong at DST changes the facade follows Debian cron (cadence's
``cron`` policy): a fixed time in a repeated hour fires once, on its first pass, where
croniter fires twice. Jenkins-style hashed fields (``H``) are not supported: croniter
does not document its hash, and a guess would move every job. A step across a wrapping
range steps through the range as written (``APR-MAR/2``: April, June ... February). An
n-th weekday beside a restricted day of the month is their intersection under both
``day_or`` values, as croniter's tests expect (with ``day_or=True`` croniter 7.0.0 itself
fires ``0 0 7 * 1#1`` on every first Monday and ``0 0 8 * 1#1`` never).

>>> from datetime import datetime
>>> from cadence.compat.croniter import croniter
>>> itr = croniter("*/5 * * * *", datetime(2010, 1, 25, 4, 46))
>>> itr.get_next(datetime), itr.get_next(float)
(datetime.datetime(2010, 1, 25, 4, 50), 1264395300.0)
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any, ClassVar, Literal, NamedTuple

from cadence._calendar import DAYS_IN_MONTH as _MONTH_LENGTHS
from cadence._calendar import (
    MONTH_ABBREVIATIONS,
    WEEKDAY_ABBREVIATIONS,
    is_digits,
    is_leap,
    month_shape,
)
from cadence._zones import pytz_zone
from cadence.errors import ParseError, ScheduleError, described
from cadence.ir import MonthDays, Recurrence, Rule, Weekdays
from cadence.schedule import Schedule

__all__ = [
    "DAY_FIELD",
    "HOUR_FIELD",
    "MINUTE_FIELD",
    "MONTH_FIELD",
    "OVERFLOW32B_MODE",
    "SECOND_FIELD",
    "UTC_DT",
    "VALID_LEN_EXPRESSION",
    "YEAR_FIELD",
    "CroniterBadCronError",
    "CroniterBadDateError",
    "CroniterBadTypeRangeError",
    "CroniterError",
    "CroniterNotAlphaError",
    "CroniterUnsupportedSyntaxError",
    "croniter",
    "croniter_range",
    "datetime_to_timestamp",
]

# Where each field sits in an expanded expression (croniter's order, seconds and year last).
MINUTE_FIELD, HOUR_FIELD, DAY_FIELD, MONTH_FIELD, DOW_FIELD, SECOND_FIELD, YEAR_FIELD = range(7)
UNIX_FIELDS = (0, 1, 2, 3, 4)
SECOND_FIELDS = (0, 1, 2, 3, 4, 5)
YEAR_FIELDS = (0, 1, 2, 3, 4, 5, 6)
CRON_FIELDS: dict[str | int, tuple[int, ...]] = {
    "unix": UNIX_FIELDS, "second": SECOND_FIELDS, "year": YEAR_FIELDS,
    5: UNIX_FIELDS, 6: SECOND_FIELDS, 7: YEAR_FIELDS}
UNIX_CRON_LEN, SECOND_CRON_LEN, YEAR_CRON_LEN = 5, 6, 7
VALID_LEN_EXPRESSION = {UNIX_CRON_LEN, SECOND_CRON_LEN, YEAR_CRON_LEN}
UTC_DT = timezone.utc
EPOCH = datetime(1970, 1, 1, tzinfo=UTC_DT)
#: croniter's switch for 32-bit platforms; kept so that code setting it still runs.
OVERFLOW32B_MODE = False

_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6), (0, 59), (1970, 2099))
_FIELD_WORDS = ("minute", "hour", "day-of-month", "month", "day-of-week", "second", "year")
# The names are cadence's calendar facts, spelled as croniter keeps them: lower case (it
# lowers an expression before reading names), weekdays numbered from Sunday = 0.
_MONTH_NAMES = {name.lower(): number for number, name in enumerate(MONTH_ABBREVIATIONS, 1)}
_DAY_NAMES = {name.lower(): (number + 1) % 7
              for number, name in enumerate(WEEKDAY_ABBREVIATIONS)}
_MACROS = {"@midnight": "0 0 * * *", "@hourly": "0 * * * *", "@daily": "0 0 * * *",
           "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *",
           "@annually": "0 0 1 1 *"}
_DEFAULT_MAX_YEARS = 50
_ASCII_SPACE = " \t\n\r\f\v"
_ITEM = re.compile(r"^(?:(\*)|([a-z0-9]+)(?:-([a-z0-9]+))?)(?:/([0-9]+))?$")
_NEAREST = re.compile(r"^(?:([0-9]+)w|w([0-9]+))$")
_NTH = re.compile(r"^([a-z0-9]+)(?:-([a-z0-9]+))?#([0-9]+)$")
_RANDOM = re.compile(r"^r(?:\(([a-z0-9]+)-([a-z0-9]+)\))?(?:/([0-9]+))?$")
_HAS_RANDOM = re.compile(r"(?:^|[\s,])[rR](?:$|[\s,(/])")
_LAST_WEEKDAY = re.compile(r"^l([a-z0-9]+)$")

Expanded = list[int | Literal["*", "l"]]


class CroniterError(ScheduleError):
    """Base of the facade's errors: a cadence :class:`~cadence.errors.ScheduleError`
    (so a ``ValueError``), as croniter's own are ``ValueError``."""


class CroniterBadTypeRangeError(ScheduleError, TypeError):
    """``croniter_range`` given a start and a stop of different types."""


class CroniterBadCronError(CroniterError, ParseError):
    """An expression that cannot be read: also a cadence :class:`~cadence.ParseError`,
    its message on one line as croniter's are."""

    def __init__(self, message: str, source: str = "") -> None:
        ParseError.__init__(self, message, source)


class CroniterUnsupportedSyntaxError(CroniterBadCronError):
    """An expression croniter (or this facade) reads but does not evaluate."""


class CroniterBadDateError(CroniterError):
    """No occurrence within the search limit (``max_years_between_matches``)."""


class CroniterNotAlphaError(CroniterBadCronError):
    """A name or word that the field does not know."""


def datetime_to_timestamp(d: datetime) -> float:
    """POSIX seconds of ``d``; a naive datetime is read as UTC (as croniter reads it)."""
    if d.tzinfo is not None:
        return d.timestamp()
    return (d - EPOCH.replace(tzinfo=None)).total_seconds()


class _Parsed(NamedTuple):
    """An expression as croniter reads it: the expanded fields in croniter's order, the
    n-th weekdays, the nearest-weekday day (if any) and each field's text."""

    expanded: list[Expanded]
    nth: dict[int, set[int | str]]
    nearest: int | None
    texts: tuple[str, ...]


def _bad(expression: str, why: str, kind: type[CroniterBadCronError] = CroniterBadCronError
         ) -> CroniterBadCronError:
    return kind(f"[{expression}] is not acceptable: {why}")


def _value(text: str, field: int, expression: str) -> int:
    """One number or name of a field, in croniter's numbering (Sunday is 0 and 7)."""
    if is_digits(text):  # ASCII digits only, as croniter reads numbers
        number = int(text)
    elif text == "l" and field == DAY_FIELD:
        number = 31  # the last day as a range's end: to the month's end
    else:
        names = _MONTH_NAMES if field == MONTH_FIELD else _DAY_NAMES if field == DOW_FIELD else {}
        if text not in names:
            raise _bad(expression, f"{described(text)} is not a number or a name the "
                       f"{_FIELD_WORDS[field]} field knows", CroniterNotAlphaError)
        number = names[text]
    low, high = _RANGES[field]
    if field == DOW_FIELD:
        high = 7
    if not low <= number <= high:
        raise _bad(expression, f"{_FIELD_WORDS[field]} {number} is out of range "
                   f"{low}-{high}")
    return 0 if field == DOW_FIELD and number == 7 else number


def _item_values(item: str, field: int, expression: str) -> list[int]:
    """The values of one list item (``*``, ``a``, ``a-b``, each with an optional step)."""
    if item.startswith("-") or "--" in item or re.search(r"[/,]-", item):
        raise _bad(expression, "negative numbers are not allowed")
    match = _ITEM.match(item)
    if match is None:
        raise _bad(expression, f"{described(item)} is not a value, a range or a step",
                   CroniterNotAlphaError)
    star, first, last, step_text = match.groups()
    low, high = _RANGES[field]
    step = 1 if step_text is None else int(step_text)
    if step == 0:
        raise _bad(expression, f"step 0 in the {_FIELD_WORDS[field]} field: use 1 or more")
    if star or (last is not None and _value(first, field, expression)
                == _value(last, field, expression)):
        sequence = list(range(low, high + 1))  # an equal range is the whole cycle
    else:
        start = _value(first, field, expression)
        if last is None:
            end = high if step_text is not None else start
        else:
            end = _value(last, field, expression)
        sequence = (list(range(start, end + 1)) if start <= end
                    else [*range(start, high + 1), *range(low, end + 1)])
    return sequence[::step]


def _random_item(field: int, expression: str, first: str | None, last: str | None,
                 step_text: str | None) -> list[int]:
    """``R``, ``R(a-b)`` or ``R/n``: a value (or a phase) drawn when the expression is
    read, as croniter draws it."""
    low, high = _RANGES[field]
    if first is not None and last is not None:
        low, high = _value(first, field, expression), _value(last, field, expression)
        if low > high:
            raise _bad(expression, f"R({first}-{last}): the range must run upwards")
    if step_text is None:
        return [random.randint(low, high)]
    step = int(step_text)
    if step == 0:
        raise _bad(expression, "R/0: the step must be 1 or more")
    return list(range(random.randint(low, low + step - 1), high + 1, step))


def _field(text: str, field: int, expression: str, nth: dict[int, set[int | str]]
           ) -> tuple[Expanded, int | None]:
    """One field's expanded values (and its nearest-weekday day)."""
    if text == "?":
        if field not in (DAY_FIELD, DOW_FIELD):
            raise _bad(expression, "a question mark can only stand for the day-of-month or "
                       "the day-of-week")
        text = "*"
    items = text.split(",")
    values: set[int] = set()
    last_day = False
    nearest = None
    plain_weekdays: set[int] = set()
    # A bare ``*`` in a list makes the field unrestricted, whatever else it lists (croniter
    # shows it as ``['*', 1]`` for ``1,*``).
    star = "*" in items
    for item in items:
        if item == "*":
            continue
        if item == "h" or item.startswith(("h(", "h/")):
            hashed_range = re.match(r"^h\(([0-9]+)-([0-9]+)\)", item)
            if hashed_range is not None and int(hashed_range[1]) > int(hashed_range[2]):
                raise CroniterBadCronError("Range end must be greater than range begin")
            raise CroniterUnsupportedSyntaxError(
                f"[{expression}]: hashed fields (H) are not supported by cadence's croniter "
                "facade; write the values the hash would give")
        random_match = _RANDOM.match(item)
        if random_match is not None:
            values.update(_random_item(field, expression, *random_match.groups()))
            continue
        if field == DAY_FIELD:
            if item == "l":
                last_day = True
                continue
            if item.startswith("l"):
                raise _bad(expression, f"{described(item)}: croniter reads L alone in the "
                           "day-of-month field (L-n is not supported)")
            nearest_match = _NEAREST.match(item)
            if nearest_match is not None:
                if len(items) > 1:
                    raise _bad(expression, "W can only be used with a single day value, not "
                               "in a list or range")
                day = int(nearest_match.group(1) or nearest_match.group(2))
                if not 1 <= day <= 31:
                    raise _bad(expression, f"nearest weekday day value {day} is out of "
                               "range 1-31")
                nearest = day
                values.add(day)
                continue
        if field == DOW_FIELD:
            last_match = _LAST_WEEKDAY.match(item)
            nth_match = _NTH.match(item)
            if last_match is not None:
                weekday = _value(last_match.group(1), field, expression)
                nth.setdefault(weekday, set()).add("l")
                continue
            if nth_match is not None:
                first, last, k_text = nth_match.groups()
                k = int(k_text)
                weekdays = _item_values(first if last is None else f"{first}-{last}", field,
                                        expression)
                if not 1 <= k <= 5:
                    raise _bad(expression, f"invalid day_of_week value: {k} (use #1 to #5)")
                for weekday in weekdays:
                    nth.setdefault(weekday, set()).add(k)
                continue
            plain_weekdays.update(_item_values(item, field, expression))
            continue
        values.update(_item_values(item, field, expression))
    if field == DOW_FIELD:
        if nth:
            # ``*,SAT#3`` is the n-th weekdays alone, shown with its star as croniter shows
            # it (and ``0-6,SAT#3`` with every weekday)
            if star:
                return ["*", *sorted(nth)], None
            if plain_weekdays - nth.keys() and len(plain_weekdays) < 7:
                raise CroniterUnsupportedSyntaxError(
                    f"[{expression}]: the day-of-week field cannot mix plain weekdays with "
                    "n-th weekdays (#k or Ln); write each weekday one way")
            return sorted(plain_weekdays | nth.keys()), None
        values = plain_weekdays
    low, high = _RANGES[field]
    expanded: Expanded
    if star:
        expanded = ["*", *sorted(values)]
        if last_day:
            expanded.append("l")
    elif (not last_day and len(values) == high - low + 1
            and field not in (DAY_FIELD, DOW_FIELD)):  # the day fields: see _read
        expanded = ["*"]
    else:
        expanded = [*sorted(values)]
        if last_day:
            expanded.append("l")
    return expanded, nearest


def _read(expression: str, second_at_beginning: bool) -> _Parsed:
    """``expression`` read as croniter reads it (without hashing); cached, except for an
    expression with ``R``, which draws its values afresh for each iterator."""
    if _HAS_RANDOM.search(expression) is not None:
        return _read_fresh(expression, second_at_beginning)
    return _read_cached(expression, second_at_beginning)


def _read_fresh(expression: str, second_at_beginning: bool) -> _Parsed:
    text = expression.strip(_ASCII_SPACE).lower()
    if text.startswith("@"):
        if text not in _MACROS:
            raise CroniterBadCronError(
                f"[{expression}] is not acceptable: unknown keyword; use one of "
                f"{', '.join(_MACROS)}")
        text = _MACROS[text]
    if not text.isascii() or any(char.isspace() and char not in _ASCII_SPACE for char in text):
        raise CroniterBadCronError(f"[{expression}] is not acceptable: only ASCII digits, "
                                   "letters and spaces may be used")
    fields = text.split()
    if len(fields) not in VALID_LEN_EXPRESSION:
        raise CroniterBadCronError(
            "Exactly 5, 6 or 7 columns has to be specified for iterator expression "
            f"(got {len(fields)} in {described(expression)})")
    if second_at_beginning and len(fields) > UNIX_CRON_LEN:
        fields = [*fields[1:6], fields[0], *fields[6:]]
    nth: dict[int, set[int | str]] = {}
    expanded: list[Expanded] = []
    nearest = None
    for index, field_text in enumerate(fields):
        values, found = _field(field_text, index, expression, nth)
        expanded.append(values)
        nearest = nearest if found is None else found
    # A whole day field is ``*`` only when the other day field holds a ``*`` (``*``,
    # ``*/2``, ``1,*/2``): otherwise croniter keeps the list, which OR makes every day.
    for field, other in ((DAY_FIELD, DOW_FIELD), (DOW_FIELD, DAY_FIELD)):
        low, high = _RANGES[field]
        if fields[field] in ("*", "?") or ("*" in fields[other]
                                           and expanded[field] == list(range(low, high + 1))):
            expanded[field] = ["*"]
    return _Parsed(expanded, nth, nearest, tuple(fields))


_read_cached = lru_cache(maxsize=1024)(_read_fresh)


def _strictly_possible(parsed: _Parsed, strict_year: int | list[int] | None) -> bool:
    """croniter's ``strict`` check: a day-of-month that no listed month holds."""
    days = [day for day in parsed.expanded[DAY_FIELD] if isinstance(day, int)]
    if "*" in parsed.expanded[DAY_FIELD] or "l" in parsed.expanded[DAY_FIELD]:
        return True
    if "*" not in parsed.expanded[DOW_FIELD] and not parsed.nth:
        return True  # the weekdays still fire (OR)
    months = (range(1, 13) if "*" in parsed.expanded[MONTH_FIELD]
              else [m for m in parsed.expanded[MONTH_FIELD] if isinstance(m, int)])
    if len(parsed.expanded) > YEAR_FIELD and "*" not in parsed.expanded[YEAR_FIELD]:
        years: list[int] | None = [y for y in parsed.expanded[YEAR_FIELD] if isinstance(y, int)]
    elif strict_year is not None:
        years = [strict_year] if isinstance(strict_year, int) else list(strict_year)
    else:
        years = None
    leap = years is None or any(is_leap(year) for year in years)
    longest = max(29 if month == 2 and leap else _MONTH_LENGTHS[month] for month in months)
    return min(days) <= longest


def _rebase(parsed: _Parsed, start: datetime) -> list[Expanded]:
    """croniter's ``expand_from_start_time``: a stepped field takes its phase from the
    start time (on the start's own wall clock) instead of the field's low end."""
    now = (start.minute, start.hour, start.day, start.month, start.isoweekday() % 7,
           start.second, start.year)
    result = [list(values) for values in parsed.expanded]
    for field, text in enumerate(parsed.texts):
        if "/" not in text or "," in text:
            continue
        match = _ITEM.match(text)
        if match is None:
            continue
        star, first, last, step_text = match.groups()
        low, high = _RANGES[field]
        step = int(step_text)
        begin, end = low, high
        if not star and first is not None:
            begin = _value(first, field, "")
            end = _value(last, field, "") if last is not None else high
            if last is not None and begin == end:
                begin, end = low, high
            elif begin > end:
                continue  # a wrapping range has no single phase: as written
        base = low if field in (DAY_FIELD, MONTH_FIELD, YEAR_FIELD) else 0
        phase = (now[field] - base) % step
        values = [value for value in range(begin, end + 1) if (value - base) % step == phase]
        if not values:
            continue
        result[field] = ["*"] if len(values) == high - low + 1 else list(values)
    return result


def _python_weekday(weekday: int) -> int:
    return (weekday + 6) % 7


def _build_rules(parsed: _Parsed, expanded: list[Expanded], day_or: bool,
                 implement_cron_bug: bool) -> tuple[Rule, ...]:
    """The cadence rules that mean what croniter means by the expression: one, and a
    second for ``nW`` with n past some month's end (croniter moves such a day to the
    month's last day, whose nearest weekday is the month's last weekday)."""

    def numbers(field: int, default: tuple[int, ...] | None) -> tuple[int, ...] | None:
        if field >= len(expanded) or "*" in expanded[field]:
            return default
        return tuple(value for value in expanded[field] if isinstance(value, int))

    minutes = numbers(MINUTE_FIELD, tuple(range(60))) or ()
    hours = numbers(HOUR_FIELD, tuple(range(24))) or ()
    months = numbers(MONTH_FIELD, tuple(range(1, 13))) or ()
    seconds = (numbers(SECOND_FIELD, tuple(range(60))) or ()) if len(expanded) > 5 else (0,)
    years = numbers(YEAR_FIELD, None)
    month_days: MonthDays | None = None
    if parsed.nearest is not None:
        month_days = MonthDays(nearest_weekday=(parsed.nearest,))
    elif "*" not in expanded[DAY_FIELD]:
        month_days = MonthDays(
            days=tuple(day for day in expanded[DAY_FIELD] if isinstance(day, int)),
            from_last=(0,) if "l" in expanded[DAY_FIELD] else ())
    weekdays: Weekdays | None = None
    if "*" not in expanded[DOW_FIELD] or parsed.nth:
        if parsed.nth:
            weekdays = Weekdays(
                nth=tuple((_python_weekday(day), k) for day, ks in parsed.nth.items()
                          for k in ks if isinstance(k, int)),
                last=tuple(_python_weekday(day) for day, ks in parsed.nth.items() if "l" in ks))
        else:
            weekdays = Weekdays(tuple(_python_weekday(day) for day in expanded[DOW_FIELD]
                                      if isinstance(day, int)))
    # OR only when both parts are restricted (a Rule reads "every day OR x" as every day).
    union = (day_or and not parsed.nth and parsed.nearest is None
             and month_days is not None and weekdays is not None)
    if implement_cron_bug and (parsed.texts[DAY_FIELD].startswith("*")
                               or parsed.texts[DOW_FIELD].startswith("*")):
        union = False
    # Debian cron's rule: a job whose minute or hour (or second) starts with * is not at a
    # fixed time of day; it fires at every instant its wall-clock time occurs.
    texts = parsed.texts
    fixed = not (texts[MINUTE_FIELD].startswith("*") or texts[HOUR_FIELD].startswith("*")
                 or (len(texts) > 5 and texts[SECOND_FIELD].startswith("*")))
    rule = Rule(seconds, minutes, hours, months, month_days, weekdays,
                "or" if union else "and", years, fixed_time=fixed)
    if parsed.nearest is None or parsed.nearest < 29:
        return (rule,)
    short = tuple(month for month in months if _MONTH_LENGTHS[month] < parsed.nearest)
    if not short:
        return (rule,)
    return rule, replace(rule, months=short, month_days=MonthDays(last_weekday=True))


def _zone_of(moment_zone: tzinfo | None) -> tzinfo:
    """The zone cadence computes in: a pytz zone is replaced by the IANA zone it names
    (pytz's tzinfo objects only work through ``localize``)."""
    if moment_zone is None:
        return UTC_DT
    return pytz_zone(moment_zone) or moment_zone


@lru_cache(maxsize=1024)
def _schedule(rules: tuple[Rule, ...], zone: tzinfo) -> Schedule:
    return Schedule(Recurrence(rules, zone))


def _schedule_for(rules: tuple[Rule, ...], zone: tzinfo) -> Schedule:
    try:
        return _schedule(rules, zone)
    except TypeError:  # a tzinfo that cannot be hashed
        return Schedule(Recurrence(rules, zone))


class croniter:  # noqa: N801 - croniter's own name, so that one import switches
    """croniter's iterator over an expression from ``start_time`` (default: now).

    ``get_next``/``get_prev`` return floats (POSIX seconds) or datetimes (``ret_type``);
    a naive start time is read and answered in UTC, without DST; an aware one in its own
    zone (zoneinfo, pytz or dateutil), with cadence's DST rules.
    """

    RANGES = _RANGES
    MONTHS_IN_YEAR = 12
    #: As croniter 7 spells it: a dict from month number to its days (February: 28).
    DAYS_IN_MONTH: ClassVar[dict[int, int]] = dict(enumerate(_MONTH_LENGTHS[1:], 1))
    ALPHACONV: tuple[dict[str, int | str], ...] = (
        {}, {}, {"l": "l"}, dict(_MONTH_NAMES), dict(_DAY_NAMES), {}, {})
    LOWMAP: tuple[dict[int, int], ...] = ({}, {}, {0: 1}, {0: 1}, {7: 0}, {}, {})
    LEN_MEANS_ALL = (60, 24, 31, 12, 7, 60, 130)

    def __init__(
        self,
        expr_format: str,
        start_time: datetime | float | None = None,
        ret_type: type = float,
        day_or: bool = True,
        max_years_between_matches: int | None = None,
        is_prev: bool = False,
        hash_id: bytes | str | None = None,
        implement_cron_bug: bool = False,
        second_at_beginning: bool = False,
        expand_from_start_time: bool = False,
    ) -> None:
        self._ret_type = ret_type
        self._check_type(ret_type)
        self._day_or = day_or
        self._is_prev = is_prev
        self._implement_cron_bug = implement_cron_bug
        self._second_at_beginning = bool(second_at_beginning)
        self._expand_from_start_time = expand_from_start_time
        if max_years_between_matches is not None:
            if (isinstance(max_years_between_matches, bool)
                    or not isinstance(max_years_between_matches, int)):
                raise TypeError(f"max_years_between_matches must be an int >= 1 (a number "
                                f"of years), not {described(max_years_between_matches)}")
            if max_years_between_matches < 1:
                raise CroniterError(f"max_years_between_matches must be an int >= 1, not "
                                    f"{max_years_between_matches}")
        self._max_years_btw_matches_explicitly_set = max_years_between_matches is not None
        self._max_years_between_matches = (max_years_between_matches
                                           or _DEFAULT_MAX_YEARS)
        self.tzinfo: tzinfo | None = None
        self.cur: float = 0.0
        self.start_time: float = 0.0
        self.dst_start_time: float = 0.0
        self.set_current(start_time, force=True)
        self.start_time = self.dst_start_time = self.cur
        # Through ``expand``, so that a subclass that overrides it is heard.
        self.expanded, self.nth_weekday_of_month = self.expand(
            expr_format, hash_id=hash_id, second_at_beginning=second_at_beginning)
        self._parsed = _read(_text_of(expr_format), self._second_at_beginning)
        if expand_from_start_time:
            self.expanded = _rebase(self._parsed, self._local(self.cur))
        self.expressions = list(self._parsed.texts)
        self.nearest_weekday = ({self._parsed.nearest} if self._parsed.nearest is not None
                                else set())
        self._rules = _build_rules(self._parsed, self.expanded, day_or, implement_cron_bug)
        self._zone: tzinfo = _zone_of(self.tzinfo)
        self._compiled = _schedule_for(self._rules, self._zone)

    # -- reading ----------------------------------------------------------------------

    @classmethod
    def expand(
        cls,
        expr_format: str,
        hash_id: bytes | str | None = None,
        second_at_beginning: bool = False,
        from_timestamp: float | None = None,
        from_timestamp_tz: tzinfo | None = None,
        strict: bool = False,
        strict_year: int | list[int] | None = None,
    ) -> tuple[list[Expanded], dict[int, set[int | str]]]:
        """The expression's fields as croniter expands them (minute, hour, day, month,
        weekday[, second[, year]]; ``['*']`` for a whole field, ``'l'`` for the last day)
        and its n-th weekdays."""
        if hash_id is not None and not isinstance(hash_id, (bytes, str)):
            raise TypeError(f"hash_id must be bytes or text, not {described(hash_id)}")
        text = _text_of(expr_format)
        if hash_id is not None and text.strip(_ASCII_SPACE).startswith("@"):
            raise CroniterUnsupportedSyntaxError(
                f"[{text}]: with a hash_id, croniter reads a keyword as a hashed expression "
                "(H), which cadence's croniter facade does not support; drop hash_id to "
                "read it as Vixie cron does")
        parsed = _read(text, bool(second_at_beginning))
        if strict and not _strictly_possible(parsed, strict_year):
            raise CroniterBadCronError(
                f"[{expr_format}] is not acceptable: no listed month has that day of the "
                "month (strict=True)")
        expanded = [list(values) for values in parsed.expanded]
        if from_timestamp is not None:
            start = datetime.fromtimestamp(from_timestamp, from_timestamp_tz or UTC_DT)
            expanded = _rebase(parsed, start)
        return expanded, {day: set(ks) for day, ks in parsed.nth.items()}

    @classmethod
    def is_valid(cls, expression: str | bytes, hash_id: bytes | str | None = None,
                 encoding: str = "UTF-8", second_at_beginning: bool = False,
                 strict: bool = False, strict_year: int | list[int] | None = None) -> bool:
        """Whether croniter reads ``expression`` (with ``strict``, also whether its day of
        the month exists in a listed month)."""
        if isinstance(expression, bytes):
            try:
                expression = expression.decode(encoding)
            except UnicodeDecodeError:
                return False
        try:
            cls.expand(expression, hash_id=hash_id, second_at_beginning=second_at_beginning,
                       strict=strict, strict_year=strict_year)
        except CroniterError:
            return False
        return True

    @classmethod
    def value_alias(cls, val: int | str, field_index: int, len_expressions: int = 5
                    ) -> int | str:
        """A month or weekday name as its number (other values unchanged)."""
        if isinstance(val, str) and val.lower() in cls.ALPHACONV[field_index]:
            return cls.ALPHACONV[field_index][val.lower()]
        return val

    @staticmethod
    def _get_nth_weekday_of_month(year: int, month: int, day_of_week: int) -> tuple[int, ...]:
        """The days of ``year``-``month`` that fall on ``day_of_week`` (0 = Sunday)."""
        length, first = month_shape(year, month)
        offset = (_python_weekday(day_of_week % 7) - first) % 7
        return tuple(range(1 + offset, length + 1, 7))

    # -- time -------------------------------------------------------------------------

    @staticmethod
    def _check_type(ret_type: object) -> None:
        if ret_type not in (float, datetime):
            raise TypeError("invalid ret_type, only 'float' or 'datetime' is acceptable "
                            f"(got {described(getattr(ret_type, '__name__', ret_type))})")

    def _local(self, timestamp: float) -> datetime:
        """``timestamp`` on the iterator's wall clock (naive for a naive start)."""
        return datetime.fromtimestamp(timestamp, self._zone_or_utc())

    def _zone_or_utc(self) -> tzinfo:
        return getattr(self, "_zone", None) or _zone_of(self.tzinfo)

    _datetime_to_timestamp = staticmethod(datetime_to_timestamp)
    datetime_to_timestamp = staticmethod(datetime_to_timestamp)

    def _timestamp_to_datetime(self, timestamp: float, tzinfo: tzinfo | None = None
                               ) -> datetime:
        zone = self.tzinfo
        moment = datetime.fromtimestamp(timestamp, UTC_DT)
        if zone is None:
            return moment.replace(tzinfo=None)
        return moment.astimezone(zone)

    timestamp_to_datetime = _timestamp_to_datetime

    def set_current(self, start_time: datetime | float | None, force: bool = True) -> float:
        """Move the iterator to ``start_time`` (default: now)."""
        if not force and getattr(self, "_set", False):
            return self.cur
        if start_time is None:
            start_time = datetime.now(tz=self.tzinfo)
        if isinstance(start_time, datetime):
            self.tzinfo = start_time.tzinfo
            self.cur = datetime_to_timestamp(start_time)
            if hasattr(self, "_rules"):
                zone = _zone_of(self.tzinfo)
                if zone is not self._zone:
                    self._zone = zone
                    self._compiled = _schedule_for(self._rules, zone)
        elif isinstance(start_time, (int, float)) and not isinstance(start_time, bool):
            self.cur = float(start_time)
        else:
            raise TypeError(f"start_time must be a datetime or POSIX seconds, not "
                            f"{described(start_time)}")
        self._set = True
        return self.cur

    def get_current(self, ret_type: type | None = None) -> Any:
        """The current position as a float or a datetime."""
        ret_type = ret_type or self._ret_type
        self._check_type(ret_type)
        if ret_type is datetime:
            return self._timestamp_to_datetime(self.cur)
        return self.cur

    def _answer(self, found: datetime, ret_type: type | None, update_current: bool | None
                ) -> Any:
        ret_type = ret_type or self._ret_type
        stamp = found.timestamp()
        if update_current is not False:
            self.cur = stamp
        if ret_type is datetime:
            if self.tzinfo is None:
                return found.astimezone(UTC_DT).replace(tzinfo=None)
            if found.tzinfo is self.tzinfo:
                return found
            return found.astimezone(self.tzinfo)
        return stamp

    def _step(self, ret_type: type | None, start_time: datetime | float | None,
              update_current: bool | None, backward: bool) -> Any:
        if ret_type is not None:
            self._check_type(ret_type)
        if start_time is not None:
            if self._expand_from_start_time:
                raise CroniterError(
                    "start_time cannot be given to get_next or get_prev of an iterator made "
                    "with expand_from_start_time=True: its fields were phased from the first "
                    "start time; make a new croniter instead")
            if update_current is not False:
                self.set_current(start_time, force=True)
                current = self.cur
            else:
                current = (datetime_to_timestamp(start_time)
                           if isinstance(start_time, datetime) else float(start_time))
        else:
            current = self.cur
        moment = datetime.fromtimestamp(current, self._zone)
        schedule = self._compiled
        try:
            found = schedule.prev(moment) if backward else schedule.next(moment)
        except ScheduleError:
            found = None
        limit = timedelta(days=366 * self._max_years_between_matches)
        if found is None or abs(found - moment) > limit:
            raise CroniterBadDateError(
                f"failed to find {'prev' if backward else 'next'} date")
        return self._answer(found, ret_type, update_current)

    def get_next(self, ret_type: type | None = None, start_time: datetime | float | None = None,
                 update_current: bool = True) -> Any:
        """The first occurrence after the current position (and move there)."""
        return self._step(ret_type, start_time, update_current, backward=False)

    def get_prev(self, ret_type: type | None = None, start_time: datetime | float | None = None,
                 update_current: bool = True) -> Any:
        """The last occurrence before the current position (and move there)."""
        return self._step(ret_type, start_time, update_current, backward=True)

    def _all(self, ret_type: type | None, start_time: datetime | float | None,
             update_current: bool | None, backward: bool) -> Iterator[Any]:
        # A generator: nothing runs (nor raises) before the first item is asked for.
        first = True
        while True:
            try:
                yield self._step(ret_type, start_time if first else None,
                                 True if update_current is None else update_current, backward)
            except CroniterBadDateError:
                if self._max_years_btw_matches_explicitly_set:
                    return
                raise
            first = False
            if update_current is False:
                start_time = None

    def all_next(self, ret_type: type | None = None, start_time: datetime | float | None = None,
                 update_current: bool | None = None) -> Iterator[Any]:
        """Every next occurrence, lazily."""
        return self._all(ret_type, start_time, update_current, backward=False)

    def all_prev(self, ret_type: type | None = None, start_time: datetime | float | None = None,
                 update_current: bool | None = None) -> Iterator[Any]:
        """Every previous occurrence, lazily."""
        return self._all(ret_type, start_time, update_current, backward=True)

    def iter(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        """``all_prev`` for an iterator made with ``is_prev=True``, else ``all_next``."""
        return (self.all_prev if self._is_prev else self.all_next)(*args, **kwargs)

    def __iter__(self) -> croniter:
        return self

    def next(self, ret_type: type | None = None, start_time: datetime | float | None = None,
             update_current: bool = True) -> Any:
        """``get_prev`` for an iterator made with ``is_prev=True``, else ``get_next``."""
        return self._step(ret_type, start_time, update_current, self._is_prev)

    def __next__(self) -> Any:
        try:
            return self._step(None, None, True, self._is_prev)
        except CroniterBadDateError:
            if self._max_years_btw_matches_explicitly_set:
                raise StopIteration from None
            raise

    # -- matching ---------------------------------------------------------------------

    @classmethod
    def match(cls, cron_expression: str, testdate: datetime, day_or: bool = True,
              second_at_beginning: bool = False, precision_in_seconds: int | None = None
              ) -> bool:
        """Whether an occurrence falls at ``testdate`` or within ``precision_in_seconds``
        before it (default: 60 for five fields, 1 with seconds)."""
        return cls.match_range(cron_expression, testdate, testdate, day_or,
                               second_at_beginning, precision_in_seconds)

    @classmethod
    def match_range(cls, cron_expression: str, from_datetime: datetime,
                    to_datetime: datetime, day_or: bool = True,
                    second_at_beginning: bool = False,
                    precision_in_seconds: int | None = None) -> bool:
        """Whether an occurrence falls between ``from_datetime`` and ``to_datetime`` (or
        within the precision before ``from_datetime``)."""
        itr = cls(cron_expression, to_datetime, ret_type=datetime, day_or=day_or,
                  second_at_beginning=second_at_beginning)
        if precision_in_seconds is None:
            precision_in_seconds = 1 if len(itr._parsed.texts) > UNIX_CRON_LEN else 60
        to_stamp = datetime_to_timestamp(to_datetime)
        try:
            found: float = itr.get_prev(float, start_time=to_stamp + 1e-6,
                                        update_current=False)
        except CroniterBadDateError:
            return False
        low = datetime_to_timestamp(from_datetime)
        return found > low - precision_in_seconds and found <= to_stamp

    def __repr__(self) -> str:
        return (f"<croniter {' '.join(self._parsed.texts)!r} at "
                f"{self._timestamp_to_datetime(self.cur).isoformat()} (cadence)>")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restored, (type(self), self.__dict__.copy()))


def _restored(kind: type[croniter], state: dict[str, Any]) -> croniter:
    itr = kind.__new__(kind)
    itr.__dict__.update(state)
    return itr


def _text_of(expr_format: object) -> str:
    if isinstance(expr_format, bytes):
        expr_format = expr_format.decode("utf-8")
    if not isinstance(expr_format, str):
        raise TypeError(f"a cron expression is text, not {described(expr_format)}")
    return expr_format


def croniter_range(
    start: datetime | float,
    stop: datetime | float,
    expr_format: str,
    ret_type: type | None = None,
    day_or: bool = True,
    exclude_ends: bool = False,
    _croniter: type[croniter] | None = None,
    second_at_beginning: bool = False,
    expand_from_start_time: bool = False,
) -> Iterator[Any]:
    """The occurrences from ``start`` to ``stop`` (both included unless ``exclude_ends``),
    backwards when ``stop`` comes first; returned as ``start``'s type unless ``ret_type``."""
    kind = _croniter or croniter
    start_is_date, stop_is_date = isinstance(start, datetime), isinstance(stop, datetime)
    if start_is_date != stop_is_date:
        raise CroniterBadTypeRangeError(
            "The start and stop must be same type: a datetime and a datetime, or two "
            "POSIX times")
    if start_is_date and isinstance(start, datetime) and isinstance(stop, datetime):
        if (start.tzinfo is None) != (stop.tzinfo is None):
            raise CroniterBadTypeRangeError("The start and stop must both be naive or both "
                                            "be aware datetimes")
        if start.tzinfo is not None and stop.tzinfo is None:
            stop = stop.replace(tzinfo=start.tzinfo)
    ret_type = ret_type or (datetime if start_is_date else float)
    start_stamp = datetime_to_timestamp(start) if isinstance(start, datetime) else float(start)
    stop_stamp = datetime_to_timestamp(stop) if isinstance(stop, datetime) else float(stop)
    backward = start_stamp > stop_stamp
    itr = kind(expr_format, start, ret_type=float, day_or=day_or,
               second_at_beginning=second_at_beginning,
               expand_from_start_time=expand_from_start_time)
    shift = 1e-6 if backward else -1e-6
    if not exclude_ends:
        itr.set_current(start_stamp + shift)
    return _ranged(itr, ret_type, stop_stamp, backward, exclude_ends)


def _ranged(itr: croniter, ret_type: type, stop: float, backward: bool, exclude_ends: bool
            ) -> Iterator[Any]:
    while True:
        try:
            found = itr.get_prev(float) if backward else itr.get_next(float)
        except CroniterBadDateError:
            return
        if (found < stop or (exclude_ends and found == stop)) if backward else (
                found > stop or (exclude_ends and found == stop)):
            return
        yield itr._timestamp_to_datetime(found) if ret_type is datetime else found
