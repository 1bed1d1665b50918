"""How :mod:`cadence.formats.campaign` checks payloads, reads them into the IR and writes
them, imported when the format is first used (see the format module for the rules)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise
from typing import Any, Literal

from .._calendar import (
    DAYS_IN_MONTH,
    MONTH_NAMES,
    fires_on_some_day,
    is_digits,
    position_word,
)
from .._moments import parse_iso
from .._problems import Problem, did_you_mean, errors_for_body, json_type, pointer
from .._zones import local_of, zone_name
from ..errors import ScheduleError, UnsupportedError
from ..ir import (
    WEEKDAY_NAMES,
    HasRecurrence,
    MonthDays,
    Recurrence,
    Rule,
    Weekdays,
    interned,
    occurrences,
)
from . import _wording as wording
from ._checking import At, Problems
from ._contract import Checked
from ._java_zones import SHORT_IDS, java_zone
from ._readback import (
    bound_seconds,
    differences,
    error_messages,
    meaning,
    source_object,
    zone_name_round_trips,
)

SCHEDULE_TYPES = ("WEEKLY", "MONTHLY", "ANNUALLY", "CALENDAR")
SELECTOR_TYPES = ("LIST", "RANGE")
FIELDS = ("type", "months", "days", "hours", "expiration", "timeZoneId")
SELECTOR_FIELDS = ("type", "values", "interval")
_KNOWN: dict[tuple[str, ...], frozenset[str]] = {
    fields: frozenset(fields) for fields in (FIELDS, SELECTOR_FIELDS)}
#: The payload as the schedule's source text: keys sorted, no spaces (one encoder, made
#: once, rather than one per json.dumps call with these options).
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"))

#: Java's ``ZoneId.SHORT_IDS`` (EST, MST and HST are the offsets -05:00, -07:00 and
#: -10:00, the others region ids): ``timeZoneId`` is read as ``ZoneId.of(id, SHORT_IDS)``
#: reads it (:func:`~cadence.formats._java_zones.java_zone`).
JAVA_SHORT_IDS: Mapping[str, str] = SHORT_IDS

GENERIC_MESSAGE = "The request was syntactically correct but its content is semantically invalid."
DETAIL_CODE = "400.1 Bad Request Content"

_NUMBER = re.compile(r"[0-9]{1,4}")
_FROM_LAST = re.compile(r"L-([0-9]{1,4})")
_MONTH_DAY = re.compile(r"--([0-9]{2})-([0-9]{2})")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DAY_OF_THE_MONTH = "a day of the month (1-31, L, L-1, ...)"
_LONG_MONTHS = tuple(month for month in range(1, 13) if DAYS_IN_MONTH[month] == 31)
_SHORT_MONTHS = tuple(month for month in range(1, 13) if DAYS_IN_MONTH[month] == 30)

DayToken = tuple[Literal["n", "L"], int]
"""A day of the month: ``("n", 15)`` = the 15th, ``("L", 2)`` = ``L-2``."""
PerLength = dict[int, set[int]]
"""Days of the month per month length (28, 29, 30, 31)."""


@dataclass
class _Selector:
    """A selector whose shape is right: its values are strings (with their indexes)."""

    path: str
    kind: Literal["LIST", "RANGE"]
    values: list[tuple[int, str]]
    interval: int | None
    complete: bool  # every value was a string (or an integer)


def check(payload: object, *, tz: str | tzinfo | None = None) -> Checked:
    """ALL problems of a campaign-template schedule payload, and its Schedule when none
    is an error.

    ``payload`` is the decoded JSON body (a dict) or its JSON text (``str`` or
    ``bytes``). Never raises for any JSON value.

    >>> check({"type": "WEEKLY", "days": {"type": "LIST", "values": ["2"]},
    ...        "hours": {"type": "LIST", "values": ["8"], "interval": 3}}).recurrence.rule.hours
    (8, 11, 14, 17, 20, 23)
    >>> [p.code for p in check('{"type": "CALENDAR"}').problems]
    ['MISSING_FIELD', 'MISSING_FIELD']
    """
    return _Checker(tz).run(payload)


def envelope(problems: Sequence[Problem]) -> dict[str, Any]:
    """SailPoint's ErrorResponseDto for a 400: one ``cause`` per error problem.

    Warnings are not reasons for a 400 and never appear; with no error at all there is
    no 400 body: :class:`~cadence.errors.ScheduleError`. ``trackingId`` is random
    (``uuid4().hex``).

    >>> body = envelope([Problem("/days/values/0", "VALUE_OUT_OF_RANGE", "day 32 ...")])
    >>> body["detailCode"], body["causes"][0]["text"]
    ('400.1 Bad Request Content', '/days/values/0: day 32 ... [VALUE_OUT_OF_RANGE]')
    """
    import uuid  # here, not at the top: importing uuid costs every `import cadence` 9 ms

    def text(message: str) -> dict[str, str]:
        return {"locale": "en-US", "localeOrigin": "DEFAULT", "text": message}

    return {
        "detailCode": DETAIL_CODE,
        "trackingId": uuid.uuid4().hex,
        "messages": [text(GENERIC_MESSAGE)],
        "causes": [
            text(f"{problem.path or '/'}: {problem.explained} [{problem.code}]")
            for problem in errors_for_body(problems, "campaign")
        ],
    }


class _Checker:
    def __init__(self, tz: str | tzinfo | None) -> None:
        self.tz = tz
        self.problems = Problems()

    # -- the payload -------------------------------------------------------------------

    def run(self, payload: object) -> Checked:
        body = self.problems.payload_object(
            payload, decoding="payload", name="a campaign schedule",
            example=' such as {"type": "WEEKLY", "days": {...}, "hours": {...}}')
        if body is None:
            return self.problems.checked()
        try:
            schedule = self.payload(body)
        except RecursionError:  # pragma: no cover - defensive: json.dumps of a deep value
            self.problems.error("", "INVALID_JSON", "the payload is nested too deeply")
            schedule = None
        return self.problems.checked(schedule)

    def payload(self, payload: dict[Any, Any]) -> Recurrence | None:
        self.known_fields(payload, FIELDS, (), "a campaign schedule")
        kind = self.schedule_type(payload)
        zone = self.zone(payload)
        hours = self.hours(payload)
        months = self.months(payload, kind)
        build = self.days(payload, kind, months is not None)
        expiration = self.expiration(payload)
        if self.problems.has_errors or hours is None or build is None or zone is None:
            return None
        end = None if expiration is None else _end_after(expiration, zone)
        rules = build(hours, months or _ALL_MONTHS)
        if self.problems.has_errors:
            return None
        firing = [rule for rule in rules if _in_every_month(rule) or rule.fires_on_some_day()]
        if not firing:
            self.problems.error("/days", "NEVER_FIRES",
                                "no day matches: the selected days do not exist in the selected "
                                "months (e.g. February 30th); pick days that exist")
            return None
        if months is not None:
            self.months_that_never_fire(rules, months)
        try:
            source = _CANONICAL_JSON.encode(payload)
            schedule = Recurrence(rules, zone, format="campaign", source=source, end=end,
                                # (the IR keeps a read-only deep copy of it)
                                metadata={"payload": payload})
        except (ScheduleError, ValueError, OverflowError) as exc:
            self.problems.error("/expiration" if end is not None else "",
                                "INVALID_EXPIRATION"
                                if end is not None else "INVALID_SCHEDULE",
                                exc.one_line if isinstance(exc, ScheduleError) else str(exc))
            return None
        if end is not None:
            # A rule of every year that fires on some day fires in every 400-year cycle
            # of the calendar, and nothing starts a campaign: any expiration after the
            # first cycle has an occurrence before it, without walking back to it.
            fires = end.year > 401 and any(rule.years is None for rule in firing)
            try:
                fires = fires or next(occurrences(schedule).iter_before(end),
                                      None) is not None
            except (ScheduleError, ValueError, OverflowError):
                fires = False
            if not fires:
                assert expiration is not None
                self.problems.error("/expiration", "NEVER_FIRES",
                                    f"the schedule has no occurrence at or before its "
                                    f"expiration {expiration.isoformat()}; move the "
                                    "expiration later")
                return None
        return schedule

    def months_that_never_fire(self, rules: Sequence[Rule], months: tuple[int, ...]
                               ) -> None:
        # A rule with a day every month has fires in each of its months.
        surely = {month for rule in rules if _in_every_month(rule) for month in rule.months}
        for month in months:  # else on month shapes, as Rule.fires_on_some_day decides
            if month not in surely and not any(
                    fires_on_some_day(rule.days_of_shape, (month,), rule.years)
                    for rule in rules if month in rule.months):
                self.problems.warning("/months", "MONTH_NEVER_FIRES",
                                      f"{MONTH_NAMES[month - 1]} is selected but has none of "
                                      "the selected days, so the schedule never fires in it")

    def known_fields(self, obj: dict[Any, Any], known: tuple[str, ...],
                     parts: tuple[str, ...], where: str) -> None:
        if obj.keys() <= _KNOWN[known]:
            return  # the usual case: no message to word
        self.problems.known_fields(obj, known, At(parts), f"{where} has no field {{key!r}}"
                                   f"{{hint}}; its fields are {', '.join(known)}", otherwise="",
                                   longest=40)

    def schedule_type(self, payload: dict[Any, Any]) -> str | None:
        value = payload.get("type")
        if value in SCHEDULE_TYPES:
            return str(value)  # the usual case, before any message is worded
        if not self.problems.required("/type", value, "MISSING_FIELD",
                                      "type is required: one of " + ", ".join(SCHEDULE_TYPES)):
            return None
        value = self.problems.typed("/type", value, str,
                                    f"type is a string ({', '.join(SCHEDULE_TYPES)})")
        if value is None:
            return None
        if value.strip().upper() == "DAILY":
            # The vendor's page lists WEEKLY, MONTHLY, ANNUALLY and CALENDAR only (it
            # names DAILY in an example, nowhere as a type): say how to write every day.
            message = ('DAILY is not a campaign schedule type (' + ", ".join(SCHEDULE_TYPES)
                       + '); for every day write "type": "WEEKLY" with days {"type": '
                       '"RANGE", "values": ["1", "7"]}')
        else:
            message = (f"unknown schedule type {value[:40]!r}"
                       f"{did_you_mean(value, SCHEDULE_TYPES)}; one of "
                       + ", ".join(SCHEDULE_TYPES))
        self.problems.error("/type", "UNKNOWN_TYPE", message)
        return None

    def zone(self, payload: dict[Any, Any]) -> tzinfo | None:
        value = payload.get("timeZoneId")
        if value is None:
            return self.problems.zone(self.tz, code="UNKNOWN_ZONE")
        value = self.problems.typed("/timeZoneId", value, str, "timeZoneId is a string such as "
                                    "'America/Chicago' or 'CST'")
        if value is None:
            return None
        try:
            return java_zone(value, where="timeZoneId")
        except ScheduleError as exc:
            self.problems.error("/timeZoneId", "UNKNOWN_ZONE",
                                str(exc).removeprefix("timeZoneId: "))
            return None

    def expiration(self, payload: dict[Any, Any]) -> datetime | None:
        value = payload.get("expiration")
        if value is None:
            return None
        value = self.problems.typed("/expiration", value, str, "expiration is an ISO 8601 "
                                    "date-time string such as '2027-12-31T00:00:00Z'")
        if value is None:
            return None
        text = value.strip()
        if len(text) > 64:
            text = ""
        if text.endswith("z"):
            text = text[:-1] + "Z"
        try:
            moment = parse_iso(text)
        except ValueError:
            moment = None
        if moment is None or not text:
            self.problems.error("/expiration", "INVALID_EXPIRATION",
                                f"expiration {value[:40]!r} is not an ISO 8601 date-time; "
                                "write e.g. '2027-12-31T00:00:00Z' (or without an offset for "
                                "the schedule's zone)")
            return None
        if "T" not in text.upper() and " " not in text:
            self.problems.warning("/expiration", "EXPIRATION_DATE_ONLY",
                                  f"expiration {value!r} is a date: it means its midnight "
                                  "(00:00), so the schedule fires on that day at 00:00 at most; "
                                  "write a date-time such as "
                                  f"'{text}T23:00:00' to keep that day")
        return moment

    # -- selectors ---------------------------------------------------------------------

    def selector(self, payload: dict[Any, Any], name: str, *, required: bool
                 ) -> _Selector | None:
        value = payload.get(name)
        path = "/" + name  # a field name of FIELDS: nothing to escape
        example = '{"type": "LIST", "values": ["1"]}'
        # Messages are worded only for what is wrong: most selectors are right.
        if value is None:
            if required:
                self.problems.error(path, "MISSING_FIELD", f"{name} is required: e.g. {example}")
            return None
        if not isinstance(value, dict):
            self.problems.object_at(path, value, f"{name} is an object such as {example}")
            return None
        self.known_fields(value, SELECTOR_FIELDS, (name,), f"the {name} selector")
        kind = self.selector_kind(value.get("type"), path)
        values = self.selector_values(value.get("values"), path, name)
        interval = self.interval(value.get("interval"), path)
        if kind is None or values is None:
            return None
        strings, complete = values
        if kind == "RANGE" and len(value["values"]) != 2:
            self.problems.error(pointer(name, "values"), "RANGE_NEEDS_TWO_VALUES",
                                f"a RANGE has exactly two values, start and end (inclusive), not "
                                f"{len(value['values'])}; use a LIST for single values")
            return None
        if kind == "LIST" and len(strings) > 1:
            seen: dict[object, int] = {}
            for index, text in strings:
                key = _normal(text)
                if key in seen:
                    self.problems.error(pointer(name, "values", index), "DUPLICATE_VALUE",
                                        f"{text!r} is listed twice (values {seen[key]} and "
                                        f"{index}); a LIST holds distinct values")
                else:
                    seen[key] = index
        if kind == "LIST" and interval is not None and len(value["values"]) > 1:
            self.problems.error(pointer(name, "interval"), "AMBIGUOUS_INTERVAL",
                                "an interval applies to a LIST with ONE value (every interval "
                                "from it) or to a RANGE; with several values it is ambiguous: "
                                "list every value, or use a RANGE with an interval")
        return _Selector(path, kind, strings, interval, complete)

    def selector_kind(self, value: object, path: str) -> Literal["LIST", "RANGE"] | None:
        if value == "LIST" or value == "RANGE":  # the usual case, before any message
            return "LIST" if value == "LIST" else "RANGE"
        where = path + "/type"
        if not self.problems.required(where, value, "MISSING_FIELD",
                                      "a selector needs a type: LIST or RANGE"):
            return None
        kind = self.problems.typed(where, value, str, "a selector type is the string LIST or "
                                   "RANGE")
        if kind is None:
            return None
        if kind == "LIST":
            return "LIST"
        if kind == "RANGE":
            return "RANGE"
        self.problems.error(where, "UNKNOWN_SELECTOR_TYPE",
                            f"unknown selector type {kind[:40]!r}"
                            f"{did_you_mean(kind, SELECTOR_TYPES)}; use LIST or RANGE")
        return None

    def selector_values(self, value: object, path: str, name: str
                        ) -> tuple[list[tuple[int, str]], bool] | None:
        if type(value) is list and value and all(type(item) is str for item in value):
            return list(enumerate(value)), True  # the usual values: strings, nothing to say
        where = path + "/values"
        if not self.problems.required(where, value, "MISSING_FIELD",
                                      'a selector needs values, e.g. ["1"]'):
            return None
        items = self.problems.typed(where, value, list,
                                    'values is a list of strings such as ["1"]')
        if items is None:
            return None
        if not items:
            self.problems.error(where, "EMPTY_VALUES", f"{name} values is empty: give at least "
                                "one")
            return None
        strings: list[tuple[int, str]] = []
        complete = True
        for index, item in enumerate(items):
            if isinstance(item, str):
                strings.append((index, item))
            elif isinstance(item, int) and not isinstance(item, bool) and abs(item) < 10**6:
                self.problems.warning(f"{where}/{index}", "VALUE_NOT_STRING",
                                      f"values are strings in SailPoint's schema: write \"{item}\"")
                strings.append((index, str(item)))
            else:
                self.problems.error(f"{where}/{index}", "INVALID_TYPE",
                                    f"a value is a string such as \"1\", not {json_type(item)}")
                complete = False
        return strings, complete

    def interval(self, value: object, path: str) -> int | None:
        where = path + "/interval"
        if value is None:
            return None
        hint = f" (write {value.strip()})" if (
            isinstance(value, str) and is_digits(value.strip()) and len(value) < 10) else ""
        number = self.problems.typed(where, value, int, "interval is a JSON integer >= 1",
                                     after=hint)
        if number is not None and number < 1:
            self.problems.error(where, "INTERVAL_OUT_OF_RANGE",
                                f"interval {number} is not >= 1; omit it to mean every value")
            return None
        return number

    # -- numbers in a range (hours, months, weekdays) ----------------------------------

    def numbers(self, selector: _Selector, low: int, high: int, what: str
                ) -> dict[int, int] | None:
        """``{index: number}`` for the selector's values, or ``None`` after an error."""
        found: dict[int, int] = {}
        ok = selector.complete
        for index, text in selector.values:
            number = self.number(text, f"{selector.path}/values/{index}", low, high, what)
            if number is None:
                ok = False
            else:
                found[index] = number
        return found if ok else None

    def number(self, text: str, path: str, low: int, high: int, what: str) -> int | None:
        stripped = text
        if not _NUMBER.fullmatch(stripped):
            self.problems.error(path, "INVALID_VALUE",
                                f"{text[:40]!r} is not {what}: write a number {low}-{high} as a "
                                f'string, e.g. "{low}"')
            return None
        number = int(stripped)
        if not low <= number <= high:
            self.problems.error(path, "VALUE_OUT_OF_RANGE",
                                f"{what} {number} is out of range {low}-{high}")
            return None
        return number

    def expand(self, selector: _Selector, numbers: dict[int, int], low: int, high: int,
               what: str) -> tuple[int, ...]:
        """The selected numbers: a LIST, a LIST stepped to ``high``, or a RANGE."""
        step = selector.interval or 1
        ordered = [numbers[index] for index, _ in selector.values]
        if selector.kind == "LIST":
            if selector.interval is not None and len(ordered) == 1:
                return tuple(range(ordered[0], high + 1, step))
            return (ordered[0],) if len(ordered) == 1 else tuple(sorted(set(ordered)))
        start, end = ordered
        if start <= end:
            return tuple(range(start, end + 1, step))
        self.warn_wrap(selector, start, end, low, high, what)
        size = high - low + 1
        span = (end - start) % size
        return tuple(sorted({low + (start - low + offset) % size
                             for offset in range(0, span + 1, step)}))

    def warn_wrap(self, selector: _Selector, start: object, end: object, low: int, high: int,
                  what: str) -> None:
        first, last = selector.values[0][1], selector.values[1][1]
        top = "L" if what == "days" else str(high)
        head = f"{start}" if str(start) == top else f"{start}-{top}"
        message = (f'RANGE ["{first}", "{last}"] starts after it ends, so it wraps around: '
                   f"{what} {head} and {low}-{end}")
        if what == "hour" and isinstance(start, int) and isinstance(end, int) \
                and start < end + 12 <= high:
            message += (f'; did you mean ["{start}", "{end + 12}"] for '
                        f"{start}:00-{end + 12}:00?")
        else:
            message += f'; write ["{last}", "{first}"] if you meant {end}-{start}'
        self.problems.warning(selector.path + "/values", "RANGE_WRAPS", message)

    def hours(self, payload: dict[Any, Any]) -> tuple[int, ...] | None:
        selector = self.selector(payload, "hours", required=True)
        if selector is None:
            return None
        numbers = self.numbers(selector, 0, 23, "hour")
        if numbers is None:
            return None
        return self.expand(selector, numbers, 0, 23, "hour")

    def months(self, payload: dict[Any, Any], kind: str | None) -> tuple[int, ...] | None:
        if payload.get("months") is not None and kind is not None and kind != "ANNUALLY":
            self.problems.error("/months", "FIELD_NOT_ALLOWED",
                                f"months is only valid for ANNUALLY schedules, not {kind}; "
                                "remove it or use type ANNUALLY")
        selector = self.selector(payload, "months", required=False)
        if selector is None:
            return None
        numbers = self.numbers(selector, 1, 12, "month")
        if numbers is None:
            return None
        return self.expand(selector, numbers, 1, 12, "month")

    # -- days --------------------------------------------------------------------------

    def days(self, payload: dict[Any, Any], kind: str | None, with_months: bool
             ) -> Callable[[tuple[int, ...], tuple[int, ...]], list[Rule]] | None:
        """A function (hours, months) -> rules, or ``None`` after an error."""
        selector = self.selector(payload, "days", required=True)
        if selector is None or kind is None:
            return None
        if kind == "WEEKLY":
            numbers = self.numbers(selector, 1, 7, "a weekday (1 = Sunday ... 7 = Saturday)")
            if numbers is None:
                return None
            weekdays = interned(Weekdays, tuple((day + 5) % 7 for day in
                                                self.expand(selector, numbers, 1, 7, "weekday")))
            return lambda hours, months: [_rule(hours, months, weekdays=weekdays)]
        if kind in ("MONTHLY", "ANNUALLY") and (kind == "MONTHLY" or with_months):
            return self.month_days(selector)
        if kind == "ANNUALLY":
            return self.dates(selector, annual=True)
        return self.dates(selector, annual=False)

    def month_days(self, selector: _Selector
                   ) -> Callable[[tuple[int, ...], tuple[int, ...]], list[Rule]] | None:
        tokens: dict[int, DayToken] = {}
        ok = selector.complete
        for index, text in selector.values:
            token = self.day_token(text, f"{selector.path}/values/{index}")
            if token is None:
                ok = False
            else:
                tokens[index] = token
        if not ok:
            return None
        ordered = [tokens[index] for index, _ in selector.values]
        step = selector.interval or 1
        if selector.kind == "LIST":
            if selector.interval is not None and len(ordered) == 1:
                ordered = _stepped(ordered[0], step)
            spec = interned(MonthDays, tuple(n for k, n in ordered if k == "n"),
                            tuple(n for k, n in ordered if k == "L"))
            return lambda hours, months: [_rule(hours, months, month_days=spec)]
        start, end = ordered
        if start[0] == "n" and end[0] == "n":
            numbers = {index: token[1] for index, token in tokens.items()}
            days = self.expand(selector, numbers, 1, 31, "days")
            spec = interned(MonthDays, days)
            return lambda hours, months: [_rule(hours, months, month_days=spec)]
        if start[0] == "n" and end == ("L", 0):
            spec = interned(MonthDays, tuple(range(start[1], 32, step)))
            return lambda hours, months: [_rule(hours, months, month_days=spec)]
        if start[0] == "L" and end[0] == "L":
            if start[1] < end[1]:
                self.problems.error(selector.path + "/values", "UNSUPPORTED_DAY_RANGE",
                                    f'RANGE ["{_spell(start)}", "{_spell(end)}"] starts after it '
                                    f'ends; write ["{_spell(end)}", "{_spell(start)}"] or list '
                                    "the days")
                return None
            spec = interned(MonthDays, (), tuple(range(start[1], end[1] - 1, -step)))
            return lambda hours, months: [_rule(hours, months, month_days=spec)]
        # L-k to a day number: wraps (L-k ... L, 1 ... n) when L-k is after n in every month.
        wraps = start[0] == "L" and 28 - start[1] > end[1]
        if wraps:
            self.warn_wrap(selector, _spell(start), _spell(end), 1, 31, "days")
            if selector.interval is None:
                spec = MonthDays(days=tuple(range(1, end[1] + 1)),
                                 from_last=tuple(range(start[1] + 1)))
                return lambda hours, months: [_rule(hours, months, month_days=spec)]
        per_length = _per_length(start, end, step, wraps=wraps)
        return self.fitted(selector, per_length)

    def fitted(self, selector: _Selector, per_length: PerLength
               ) -> Callable[[tuple[int, ...], tuple[int, ...]], list[Rule]] | None:
        """Rules for day sets that depend on the month's length: one per kind of month."""
        long_days = MonthDays(days=tuple(per_length[31]))
        short_days = MonthDays(days=tuple(per_length[30]))
        february = _fit_february(per_length[28], per_length[29])
        if february is None:
            self.problems.error(selector.path + "/values", "UNSUPPORTED_DAY_RANGE",
                                f"in February this RANGE selects days that depend on whether the "
                                f"year is a leap year (common years: {_days(per_length[28])}, leap "
                                f"years: {_days(per_length[29])}), which cadence cannot express; "
                                "list the days of the month instead")
            return None

        def build(hours: tuple[int, ...], months: tuple[int, ...]) -> list[Rule]:
            groups: dict[MonthDays, list[int]] = {}
            for spec, kind in ((long_days, _LONG_MONTHS), (short_days, _SHORT_MONTHS),
                               (february, (2,))):
                chosen = [month for month in months if month in kind]
                if chosen and (spec.days or spec.from_last):
                    groups.setdefault(spec, []).extend(chosen)
            return [_rule(hours, tuple(chosen), month_days=spec)
                    for spec, chosen in groups.items()]

        return build

    def day_token(self, text: str, path: str) -> DayToken | None:
        stripped = text
        if stripped == "L":
            return ("L", 0)
        if _NUMBER.fullmatch(stripped):  # the usual day: no other spelling to try
            number = self.number(stripped, path, 1, 31, _DAY_OF_THE_MONTH)
            return None if number is None else ("n", number)
        match = _FROM_LAST.fullmatch(stripped)
        if match:
            offset = int(match.group(1))
            if not 1 <= offset <= 30:
                self.problems.error(path, "VALUE_OUT_OF_RANGE",
                                    f"{text!r}: the offset from the last day is 1-30 (L-1 = the "
                                    'second-to-last day; write "L" for the last day)')
                return None
            return ("L", offset)
        if _MONTH_DAY.fullmatch(stripped) or _DATE.fullmatch(stripped):
            self.problems.error(path, "INVALID_VALUE",
                                f"{text!r} is a date, but these days are days of the month "
                                "(1-31, L, L-1, ...): dates without a year (--MM-DD) go in an "
                                "ANNUALLY schedule without months, dates with a year in a "
                                "CALENDAR schedule")
            return None
        number = self.number(stripped, path, 1, 31, _DAY_OF_THE_MONTH)
        return None if number is None else ("n", number)

    def dates(self, selector: _Selector, *, annual: bool
              ) -> Callable[[tuple[int, ...], tuple[int, ...]], list[Rule]] | None:
        what = "--MM-DD dates" if annual else "CALENDAR dates"
        ok = selector.complete
        if selector.kind == "RANGE":
            self.problems.error(selector.path + "/type", "RANGE_NOT_ALLOWED",
                                f"{what} take a LIST only, not a RANGE: list every date"
                                + (" (or set months and use days of the month)" if annual else ""))
            ok = False
        if selector.interval is not None:
            self.problems.error(selector.path + "/interval", "INTERVAL_NOT_ALLOWED",
                                f"{what} take no interval: list every date")
            ok = False
        found: dict[tuple[int, int], set[int]] = {}
        for index, text in selector.values:
            path = f"{selector.path}/values/{index}"
            parsed = self.annual_date(text, path) if annual else self.calendar_date(text, path)
            if parsed is None:
                ok = False
            else:
                year, month, day = parsed
                found.setdefault((year, month), set()).add(day)
        if not ok:
            return None

        def build(hours: tuple[int, ...], months: tuple[int, ...]) -> list[Rule]:
            return [_rule(hours, (month,), month_days=interned(MonthDays, tuple(sorted(days))),
                          years=(year,) if year else None)
                    for (year, month), days in sorted(found.items())]

        return build

    def annual_date(self, text: str, path: str) -> tuple[int, int, int] | None:
        match = _MONTH_DAY.fullmatch(text)
        if not match:
            hint = ("; with days of the month, set months too" if _NUMBER.fullmatch(
                text) or text.startswith("L") else "")
            self.problems.error(path, "INVALID_VALUE",
                                f"{text[:40]!r} is not a date without a year: an ANNUALLY schedule "
                                f'without months takes "--MM-DD" values such as "--03-02"{hint}')
            return None
        month, day = int(match.group(1)), int(match.group(2))
        if not _exists(2000, month, day):
            self.problems.error(path, "IMPOSSIBLE_DATE", f"{text!r} is not a day of any year"
                                                         + _date_hint(month, day))
            return None
        if (month, day) == (2, 29):
            self.problems.warning(path, "LEAP_DAY_ONLY",
                                  f"{text!r} exists in leap years only: it fires every 4 years "
                                  '(use "--02-28" or "--03-01" for every year)')
        return 0, month, day

    def calendar_date(self, text: str, path: str) -> tuple[int, int, int] | None:
        match = _DATE.fullmatch(text)
        if not match:
            self.problems.error(path, "INVALID_VALUE",
                                f"{text[:40]!r} is not a date: a CALENDAR schedule takes ISO 8601 "
                                'dates "YYYY-MM-DD" such as "2021-03-02"')
            return None
        year, month, day = (int(group) for group in match.groups())
        if year < 1 or not _exists(year, month, day):
            self.problems.error(path, "IMPOSSIBLE_DATE",
                                f"{text!r} is not a day of the calendar" + _date_hint(month, day))
            return None
        return year, month, day


def _rule(hours: tuple[int, ...], months: Iterable[int], *,
          month_days: MonthDays | None = None, weekdays: Weekdays | None = None,
          years: tuple[int, ...] | None = None) -> Rule:
    return Rule(seconds=(0,), minutes=(0,), hours=hours, months=tuple(months),
                    month_days=month_days, weekdays=weekdays, years=years, fixed_time=True)


def _in_every_month(rule: Rule) -> bool:
    """Whether the rule has a day that every month has (a weekday, a day 1-28, or the
    last day to L-27): most rules, known to fire without looking at month shapes."""
    weekdays, month_days = rule.weekdays, rule.month_days
    if rule.has_year_parts or rule.period is not None:
        return False  # not a campaign's: ask month shapes
    if month_days is None:
        return weekdays is None or bool(weekdays.days)
    return weekdays is None and (any(day <= 28 for day in month_days.days)
                                 or any(offset <= 27 for offset in month_days.from_last))


def _stepped(token: DayToken, step: int) -> list[DayToken]:
    """A one-value LIST with an interval: from the value to the end of the month."""
    kind, value = token
    if kind == "n":
        return [("n", day) for day in range(value, 32, step)]
    return [("L", offset) for offset in range(value, -1, -step)]


def _resolve(token: DayToken, length: int) -> int:
    kind, value = token
    return value if kind == "n" else length - value


def _spell(token: DayToken) -> str:
    kind, value = token
    return str(value) if kind == "n" else ("L" if value == 0 else f"L-{value}")


def _per_length(start: DayToken, end: DayToken, step: int, *, wraps: bool) -> PerLength:
    """Day sets of a RANGE with an ``L-n`` end point, per month length (28, 29, 30, 31).

    Without ``wraps`` a month where the start is after the end has no day."""
    return {length: set(_range_days(start, end, step, length, wraps=wraps))
            for length in (28, 29, 30, 31)}


def _range_days(start: DayToken, end: DayToken, step: int, length: int, *, wraps: bool
                ) -> frozenset[int]:
    """The days a RANGE with an ``L-n`` end point selects in a month of ``length`` days."""
    first, last = _resolve(start, length), _resolve(end, length)
    if wraps:
        span = (last - first) % length
        days = {1 + (first - 1 + offset) % length for offset in range(0, span + 1, step)}
    else:
        days = set(range(first, last + 1, step))
    return frozenset(day for day in days if 1 <= day <= length)


def _fit_february(common: set[int], leap: set[int]) -> MonthDays | None:
    """MonthDays that select ``common`` in a 28-day and ``leap`` in a 29-day February."""
    if {day for day in leap if day <= 28} == common:
        return MonthDays(days=tuple(leap))
    shared = common & leap
    from_last = {29 - day for day in leap - shared}
    candidate = MonthDays(days=tuple(shared), from_last=tuple(from_last))
    for length, wanted in ((28, common), (29, leap)):
        got = {day for day in candidate.days if day <= length}
        got |= {length - offset for offset in candidate.from_last if length - offset >= 1}
        if got != wanted:
            return None
    return candidate


def _days(days: set[int]) -> str:
    return ", ".join(map(str, sorted(days))) or "none"


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _date_hint(month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f": there is no month {month} (months are 01-12)"
    return f": {MONTH_NAMES[month - 1]} has no day {day}"


def _normal(text: str) -> object:
    """A value as compared for duplicates: numbers by value, the rest by spelling."""
    stripped = text
    if _NUMBER.fullmatch(stripped):
        return int(stripped)
    match = _FROM_LAST.fullmatch(stripped)
    if match:
        return ("L", int(match.group(1)))
    return stripped


# -- emitting ----------------------------------------------------------------------------
#
# A payload says: one set of hours; and WEEKLY weekdays, or (MONTHLY, or ANNUALLY with
# months) one set of days of the month, or a list of dates (ANNUALLY --MM-DD, CALENDAR).
# Occurrences are on the hour and fixed-time. The payload is built from the IR, then read
# back: a payload that means anything else is never returned.

_TARGET = "campaign"
_ALL_MONTHS = tuple(range(1, 13))
_MONTH_LENGTHS = {month: (28, 29) if month == 2 else (DAYS_IN_MONTH[month],)
                  for month in _ALL_MONTHS}
#: How many candidate day RANGEs are read back before giving up on a union.
_MAX_RANGE_CANDIDATES = 8


def emit_campaign(source: HasRecurrence) -> dict[str, Any]:
    """A campaign-template schedule payload (plain JSON values) for ``schedule``.

    A schedule read from a campaign payload gives that payload back while its meaning is
    unchanged (a payload read with ``tz=`` gets that zone written in as ``timeZoneId``);
    any other is written in a canonical form. The DST policy is not written: campaign
    occurrences are fixed-time. What a payload cannot say raises
    :class:`~cadence.errors.UnsupportedError`.

    >>> import cadence
    >>> emit_campaign(cadence.parse("0 */3 * * MON-FRI", tz="Europe/Berlin"))
    ... # doctest: +NORMALIZE_WHITESPACE
    {'type': 'WEEKLY', 'days': {'type': 'RANGE', 'values': ['2', '6']},
     'hours': {'type': 'LIST', 'values': ['0'], 'interval': 3}, 'timeZoneId': 'Europe/Berlin'}
    >>> emit_campaign(cadence.parse("30 9 * * *"))
    Traceback (most recent call last):
    ...
    cadence.errors.UnsupportedError: campaign: minutes other than 0 cannot be expressed (minute 30)
    """
    schedule = source.recurrence
    kept = _kept_payload(schedule)
    if kept is not None:
        return kept
    if schedule.start is not None:
        raise UnsupportedError(_TARGET, "a start bound", f" ({schedule.start.isoformat()}); "
                               "a campaign schedule has an expiration only")
    rules = list(dict.fromkeys(schedule.rules))
    for rule in rules:
        _refuse_rule(rule)
    zone_id = _zone_id(schedule.tz)
    tail: dict[str, Any] = {"hours": _selector(_shared_hours(rules), 23)}
    if schedule.end is not None:
        tail["expiration"] = _expiration(_last_second_before(schedule.end, schedule.tz),
                                         schedule.tz)
    if zone_id is not None:
        tail["timeZoneId"] = zone_id
    problems = []
    for head in _day_fields(rules):
        payload = {**head, **tail}
        problem = _mismatch(payload, schedule)
        if problem is None:
            return payload
        problems.append(problem)
    if len(rules) > 1 and all(problem.endswith(" rules") for problem in problems):
        raise _union_error(len(rules))
    raise UnsupportedError(_TARGET, "this schedule", message=(
        f"campaign: this schedule cannot be expressed exactly: {problems[0]}"))


def _kept_payload(schedule: Recurrence) -> dict[str, Any] | None:
    """The payload as read, when the schedule came from one and still means it."""
    body = source_object(schedule, _TARGET)
    if body is None:
        return None
    candidates = [body]
    name = zone_name(schedule.tz)
    if body.get("timeZoneId") is None and name != "UTC":
        candidates.append({**body, "timeZoneId": name})
    wanted = meaning(schedule)
    for candidate in candidates:
        again = check(candidate).recurrence
        if again is not None and meaning(again) == wanted:
            return candidate
    return None


def _mismatch(payload: dict[str, Any], schedule: Recurrence) -> str | None:
    """Why ``payload`` does not read back as ``schedule`` (``None``: it does)."""
    checked = check(payload)
    if checked.recurrence is None:
        return (f"the payload written for it is not valid "
                f"({error_messages(checked, paths=True)})")
    differ = differences(checked.recurrence, schedule)
    if differ:
        return f"the payload written for it reads back with other {' and '.join(differ)}"
    return None


def _refuse_rule(rule: Rule) -> None:
    """UnsupportedError for what no campaign payload can say about one rule."""
    refused = wording.plain_occurrence_refusal(rule)
    if refused is not None:
        raise UnsupportedError(_TARGET, *refused)
    if rule.minutes != (0,):
        raise UnsupportedError(_TARGET, "minutes other than 0",
                               f" ({_values('minute', rule.minutes)})")
    if rule.seconds != (0,):
        raise UnsupportedError(_TARGET, "seconds other than 0",
                               f" ({_values('second', rule.seconds)})")
    month_days, weekdays = rule.month_days, rule.weekdays
    if month_days is not None:
        if month_days.nearest_weekday:
            shown = ", ".join(f"{day}W" for day in month_days.nearest_weekday)
            raise UnsupportedError(_TARGET, "the weekday nearest a day of the month",
                                   f" ({shown})")
        if month_days.last_weekday:
            raise UnsupportedError(_TARGET, "the last weekday of the month", " (LW)")
        if month_days.nearest_weekday_from_last:
            raise UnsupportedError(_TARGET, wording.month_day_specials(month_days)[-1])
    if weekdays is not None:
        if weekdays.nth:
            shown = ", ".join(f"the {position_word(k)} {WEEKDAY_NAMES[day]}"
                              for day, k in weekdays.nth)
            raise UnsupportedError(_TARGET, "nth weekdays of the month", f" ({shown})")
        if weekdays.last:
            shown = ", ".join(f"the last {WEEKDAY_NAMES[day]}" for day in weekdays.last)
            raise UnsupportedError(_TARGET, "last weekdays of the month", f" ({shown})")
    if month_days is not None and weekdays is not None:
        days, names = _month_day_words(month_days), wording.weekday_names(weekdays.days)
        if rule.day_match == "and":
            raise UnsupportedError(_TARGET, "weekdays combined with days of the month",
                                   f" ({days} and {names})")
        raise UnsupportedError(_TARGET, "days of the month OR weekdays",
                               f" ({days} or {names})")


def _zone_id(zone: tzinfo) -> str | None:
    """``timeZoneId`` for ``zone`` (``None`` for UTC, the default), or UnsupportedError."""
    name = zone_name(zone)
    if name == "UTC":
        return None
    if name in JAVA_SHORT_IDS:
        raise UnsupportedError(_TARGET, f"the time zone {name}",
                               f"; timeZoneId {name!r} is read as Java's short id for "
                               f"{JAVA_SHORT_IDS[name]}")
    if not zone_name_round_trips(name):
        raise UnsupportedError(_TARGET, f"the time zone {name!r}",
                               "; timeZoneId takes an IANA name (or a Java short id)")
    return name


def _end_after(expiration: datetime, zone: tzinfo) -> datetime | None:
    """The IR's end (exclusive) for an ``expiration``, "the time after which this schedule
    will no longer occur" (seed 004): an occurrence at the expiration itself fires, so
    the end is the first whole second after it (occurrences are whole seconds); ``None``
    for the calendar's last second, after which nothing occurs anyway."""
    try:
        return _shifted(expiration.replace(microsecond=0), zone, 1)
    except OverflowError:
        return None


def _last_second_before(end: datetime, zone: tzinfo) -> datetime:
    """The ``expiration`` of an exclusive end: the last whole second before it."""
    if end.microsecond:
        return end.replace(microsecond=0)
    return _shifted(end, zone, -1)


def _shifted(moment: datetime, zone: tzinfo, seconds: int) -> datetime:
    """``moment`` moved by whole ``seconds`` of elapsed time: as the wall clock says (the
    spelling kept) unless a change of offset lies between, then as the instant in
    ``zone``."""
    moved = moment + timedelta(seconds=seconds)
    instant = bound_seconds(moment, zone)
    assert instant is not None
    if bound_seconds(moved, zone) == instant + seconds:
        return moved
    return local_of(instant + seconds, zone)


def _expiration(end: datetime, zone: tzinfo) -> str:
    """``expiration`` for an end bound: ISO 8601 as given (naive = the schedule's zone).

    A naive end in the second pass of a repeated hour gets its offset written, since
    ISO 8601 text cannot say ``fold=1``.
    """
    text = end.isoformat()
    if bound_seconds(parse_iso(text), zone) != bound_seconds(end, zone):
        text = end.replace(tzinfo=zone).isoformat()
    return text


def _shared_hours(rules: Sequence[Rule]) -> tuple[int, ...]:
    found = list(dict.fromkeys(rule.hours for rule in rules))
    if len(found) > 1:
        raise UnsupportedError(_TARGET, "a union of rules with different hours",
                               f" ({_values('hour', found[0])} and "
                               f"{_values('hour', found[1])})")
    return found[0]


def _day_fields(rules: Sequence[Rule]) -> list[dict[str, Any]]:
    """Candidates for ``type``, ``months`` and ``days``, best first (never empty)."""
    if any(rule.years is not None for rule in rules):
        if any(rule.years is None for rule in rules):
            raise UnsupportedError(_TARGET, "a union of rules with and without years")
        return [_calendar(rules)]
    if any(rule.weekdays is not None for rule in rules):
        return [_weekly(rules)]
    if len(rules) == 1:
        return [_monthly(rules[0])]
    dates = _annual_dates(rules)
    if dates is not None:
        return [dates]
    fitted = _fitted(rules)
    if not fitted:
        raise _union_error(len(rules))
    return fitted


def _union_error(count: int) -> UnsupportedError:
    return UnsupportedError(_TARGET, f"a union of {count} rules",
                            "; a payload selects one set of days of the month (one per month "
                            "length for a RANGE ending at L-n) or a list of dates")


def _calendar(rules: Sequence[Rule]) -> dict[str, Any]:
    values: list[str] = []
    for rule in rules:
        days, years = rule.month_days, rule.years
        assert years is not None
        if (len(years) != 1 or len(rule.months) != 1 or rule.weekdays is not None
                or days is None or days.from_last or not days.days):
            raise UnsupportedError(_TARGET, "years", f" ({_shown(years)}) except as CALENDAR "
                                   "dates: one year, one month and days of the month per rule")
        values.extend(f"{years[0]:04d}-{rule.months[0]:02d}-{day:02d}" for day in days.days)
    return {"type": "CALENDAR", "days": {"type": "LIST", "values": sorted(values)}}


def _weekly(rules: Sequence[Rule]) -> dict[str, Any]:
    if len(rules) != 1:
        raise UnsupportedError(_TARGET, f"a union of {len(rules)} rules on weekdays",
                               "; a WEEKLY payload selects one set of weekdays")
    rule = rules[0]
    if rule.months != _ALL_MONTHS:
        raise UnsupportedError(_TARGET, "weekdays in some months only",
                               f" ({_values('month', rule.months)}); months are valid for "
                               "ANNUALLY schedules only")
    assert rule.weekdays is not None
    numbers = [(day + 1) % 7 + 1 for day in rule.weekdays.days]  # 1 = Sunday
    return {"type": "WEEKLY", "days": _selector(numbers, 7)}


def _monthly(rule: Rule) -> dict[str, Any]:
    """One rule without weekdays or years."""
    if rule.months != _ALL_MONTHS:
        return {"type": "ANNUALLY", "months": _selector(rule.months, 12),
                "days": _days_selector(rule.month_days)}
    if rule.month_days is None:
        return {"type": "WEEKLY", "days": _selector(range(1, 8), 7)}
    return {"type": "MONTHLY", "days": _days_selector(rule.month_days)}


def _annual_dates(rules: Sequence[Rule]) -> dict[str, Any] | None:
    """``--MM-DD`` dates, when each rule is plain days of its own single month."""
    values: list[str] = []
    seen: set[int] = set()
    for rule in rules:
        days = rule.month_days
        if len(rule.months) != 1 or days is None or days.from_last or rule.months[0] in seen:
            return None
        seen.add(rule.months[0])
        values.extend(f"--{rule.months[0]:02d}-{day:02d}" for day in days.days)
    return {"type": "ANNUALLY", "days": {"type": "LIST", "values": sorted(values)}}


def _fitted(rules: Sequence[Rule]) -> list[dict[str, Any]]:
    """Day RANGEs with an ``L-n`` end point whose per-month-length rules are ``rules``.

    Such a RANGE selects other days in months of other lengths, so the parser makes one
    rule per kind of month. Found by trying the end points that fit the days of the
    longest month, then read back by the caller. A RANGE that wraps (and warns) comes
    last.
    """
    months = sorted({month for rule in rules for month in rule.months})
    targets: dict[int, frozenset[int]] = {}
    for month in months:
        for length in _MONTH_LENGTHS[month]:
            found = frozenset().union(*(_days_in(rule.month_days, length)
                                        for rule in rules if month in rule.months))
            if targets.setdefault(length, found) != found:
                return []
    lengths = sorted(targets, reverse=True)
    longest = targets[lengths[0]]
    # Two days of one month give the step (or, across a wrap, the month's length minus
    # it); with one day per month any step may be the one that left the others out.
    steps = {1, 31}
    for length, days in targets.items():
        for a, b in pairwise(sorted(days)):
            steps.update((b - a, length - (b - a)))
    if all(len(days) <= 1 for days in targets.values()):
        steps = set(range(1, 32))
    head: dict[str, Any] = ({"type": "MONTHLY"} if tuple(months) == _ALL_MONTHS
                            else {"type": "ANNUALLY", "months": _selector(months, 12)})
    numbers: list[DayToken] = [("n", day) for day in range(1, 32)]
    from_last: list[DayToken] = [("L", offset) for offset in range(31)]
    pairs = [(start, end) for start in numbers for end in from_last[1:]]
    pairs += [(start, end) for start in from_last for end in numbers]
    found_ranges: list[dict[str, Any]] = []
    for wrapping in (False, True):
        for start, end in pairs:
            wraps = start[0] == "L" and 28 - start[1] > end[1]
            first = _resolve(start, lengths[0])
            if wraps != wrapping or (longest and 1 <= first <= lengths[0]
                                     and first not in longest):
                continue
            for step in sorted(steps):
                if any(_range_days(start, end, step, length, wraps=wraps) != targets[length]
                       for length in lengths):
                    continue
                selector: dict[str, Any] = {"type": "RANGE",
                                            "values": [_spell(start), _spell(end)]}
                if step > 1 or wraps:  # a wrapping RANGE without interval is not fitted
                    selector["interval"] = step
                found_ranges.append({**head, "days": selector})
                if len(found_ranges) == _MAX_RANGE_CANDIDATES:
                    return found_ranges
    return found_ranges


def _days_in(days: MonthDays | None, length: int) -> frozenset[int]:
    """The days a rule's day-of-month part selects in a month of ``length`` days."""
    if days is None:
        return frozenset(range(1, length + 1))
    return frozenset({day for day in days.days if day <= length}
                     | {length - offset for offset in days.from_last if length > offset})


def _selector(values: Iterable[int], high: int) -> dict[str, Any]:
    """A selector for numbers up to ``high``: a RANGE for a run, a one-value LIST with an
    interval for a step to the end of the field, a RANGE with an interval for a step
    that ends sooner, else a LIST. Never a RANGE that wraps."""
    ordered = sorted(set(values))
    if len(ordered) >= 3:
        step = ordered[1] - ordered[0]
        if all(b - a == step for a, b in pairwise(ordered)):
            first, last = str(ordered[0]), str(ordered[-1])
            if step == 1:
                return {"type": "RANGE", "values": [first, last]}
            if ordered[-1] + step > high:
                return {"type": "LIST", "values": [first], "interval": step}
            return {"type": "RANGE", "values": [first, last], "interval": step}
    return {"type": "LIST", "values": [str(value) for value in ordered]}


def _days_selector(days: MonthDays | None) -> dict[str, Any]:
    if days is None:
        return _selector(range(1, 32), 31)
    if not days.from_last:
        return _selector(days.days, 31)
    tokens = [str(day) for day in days.days]
    tokens += [_spell(("L", offset)) for offset in sorted(days.from_last, reverse=True)]
    return {"type": "LIST", "values": tokens}


# -- words for messages ------------------------------------------------------------------


def _shown(values: Sequence[int]) -> str:
    """``1-5, 9, 12``: runs of three or more as ranges; ``1-31/2``: a step."""
    if len(values) >= 3 and len({b - a for a, b in pairwise(values)}) == 1 \
            and values[1] - values[0] > 1:
        return f"{values[0]}-{values[-1]}/{values[1] - values[0]}"
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) >= 3 else ", ".join(map(str, run))
                     for run in wording.runs(values))


def _values(what: str, values: Sequence[int]) -> str:
    """``minute 30``, ``hours 9, 17``."""
    return f"{what}{'' if len(values) == 1 else 's'} {_shown(values)}"


def _month_day_words(days: MonthDays) -> str:
    tokens = [_shown(days.days)] if days.days else []
    tokens += [_spell(("L", offset)) for offset in sorted(days.from_last, reverse=True)]
    count = len(days.days) + len(days.from_last)
    return f"day{'' if count == 1 else 's'} {', '.join(tokens)}"
