"""Cron (5 fields, Vixie/Debian with common extensions) and Quartz (6-7 fields) strings.

Both dialects share one grammar (``grammars/cron.lark``); what each field may contain is
checked here, where the field's position and the dialect are known, so that every
message can name the field and point at the column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from itertools import pairwise
from typing import Literal, NamedTuple

from .._calendar import (
    MONTH_ABBREVIATIONS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    position_word,
)
from .._grammar import Lexeme, read_text
from .._zones import is_utc, resolve_zone, zone_name
from ..errors import NeverFiresError, ParseError, ScheduleError, UnsupportedError
from ..ir import DayMatch, HasRecurrence, MonthDays, Recurrence, Rule, Weekdays
from ..limits import MAX_CRON_LENGTH
from . import _wording as wording
from ._contract import CRON_DST, Context, Dst, LintPaths, text_format
from ._firing import never_fires_reason

__all__ = [
    "FORMATS",
    "MAX_SOURCE_LENGTH",
    "CronSource",
    "Dialect",
    "QuartzTrigger",
    "emit_cron",
    "emit_crontab",
    "emit_quartz",
    "emit_rule",
    "parse_cron",
    "quartz_trigger",
    "split_zone_prefix",
]

Dialect = Literal["cron", "quartz"]
#: Longer strings are refused before parsing (:data:`cadence.limits.MAX_CRON_LENGTH`).
MAX_SOURCE_LENGTH = MAX_CRON_LENGTH

#: Cron lists weekday names Sunday first.
DAY_NAMES = (WEEKDAY_ABBREVIATIONS[6], *WEEKDAY_ABBREVIATIONS[:6])

MACROS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}

_ZONE_PREFIX = re.compile(r"\s*(CRON_TZ|TZ)=(\S*)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    low: int
    high: int
    names: dict[str, int]
    cyclic: bool = True


def _named(names: Sequence[str], first: int) -> dict[str, int]:
    return {name: first + index for index, name in enumerate(names)}


SECOND = FieldSpec("second", 0, 59, {})
MINUTE = FieldSpec("minute", 0, 59, {})
HOUR = FieldSpec("hour", 0, 23, {})
DAY_OF_MONTH = FieldSpec("day-of-month", 1, 31, {})
MONTH = FieldSpec("month", 1, 12, _named(MONTH_ABBREVIATIONS, 1))
CRON_DAY_OF_WEEK = FieldSpec("day-of-week", 0, 7, _named(DAY_NAMES, 0))
QUARTZ_DAY_OF_WEEK = FieldSpec("day-of-week", 1, 7, _named(DAY_NAMES, 1))
YEAR = FieldSpec("year", 1970, 2099, {}, cyclic=False)

CRON_FIELDS = (MINUTE, HOUR, DAY_OF_MONTH, MONTH, CRON_DAY_OF_WEEK)
QUARTZ_FIELDS = (SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, QUARTZ_DAY_OF_WEEK, YEAR)


class CronSource(NamedTuple):
    """What a cron or Quartz string said, besides its meaning: for faithful re-emission.
    (A named tuple: one is built on every parse.)"""

    text: str
    dialect: Dialect
    zone_name: str | None
    fields: tuple[str, ...]
    macro: str | None = None


# -- the syntax tree, positioned --------------------------------------------------
#
# Named tuples rather than frozen dataclasses: several are built for every field of
# every parse, and a frozen dataclass is several times slower to build.


class Bound(NamedTuple):
    kind: str  # "number" | "word" | "suffixed"
    text: str  # the whole bound ("5L" for suffixed)
    number: str  # the digits ("" for a word)
    word: str  # the letters, upper-cased ("" for a number)
    column: int

    @property
    def end_column(self) -> int:
        return self.column + len(self.text)  # a bound's digits and letters are adjacent


class Item(NamedTuple):
    kind: str  # "star" | "question" | "range" | "single" | "nth"
    column: int
    end_column: int
    start: Bound | None = None
    end: Bound | None = None
    step: int | None = None
    step_column: int = 0
    ordinal: int | None = None
    ordinal_column: int = 0

    @property
    def length(self) -> int:
        return self.end_column - self.column


class RawField(NamedTuple):
    items: tuple[Item, ...]
    text: str
    column: int


class _Step(NamedTuple):
    value: int
    column: int  # of the number, after the '/'
    end_column: int


class _Reader:
    """Reports a problem as a ParseError pointing into the source."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, reason: str, column: int, field: str | None, length: int = 1) -> ParseError:
        return ParseError(reason, self.source, column=column, field=field, length=length)


class _Actions(_Reader):
    """Builds positioned fields from ``grammars/cron.lark``, one method per rule or alias;
    what each field may contain is checked later, by the field semantics below."""

    def __init__(self, source: str, offset: int) -> None:
        super().__init__(source)
        self.offset = offset

    def column(self, lexeme: Lexeme) -> int:
        return lexeme.start + 1 + self.offset

    def end_column(self, lexeme: Lexeme) -> int:
        return lexeme.end + 1 + self.offset

    def start(self, *children: RawField | Lexeme) -> list[RawField]:
        return [child for child in children if isinstance(child, RawField)]  # no blanks

    def macro(self, _at: Lexeme, word: Lexeme) -> list[RawField]:
        # Never runs: parse_cron expands macros before parsing. The alternative stays in
        # the grammar, where it is part of the "expected ..." list of an error at the start.
        raise self.fail(f"unexpected macro '@{word.text}'", self.column(word) - 1, None)

    def field(self, *children: Item | Lexeme) -> RawField:
        items = tuple([child for child in children if isinstance(child, Item)])  # no commas
        first, last = items[0].column, items[-1].end_column
        return RawField(items, self.source[first - 1:last - 1], first)

    def star(self, star: Lexeme, step: _Step | None = None) -> Item:
        end = step.end_column if step else self.end_column(star)
        return self._item("star", self.column(star), end, None, None, step)

    def question(self, mark: Lexeme) -> Item:
        return Item("question", self.column(mark), self.end_column(mark))

    def range(self, start: Bound, _dash: Lexeme, end: Bound, step: _Step | None = None
              ) -> Item:
        last = step.end_column if step else end.end_column
        return self._item("range", start.column, last, start, end, step)

    def single(self, bound: Bound, step: _Step | None = None) -> Item:
        last = step.end_column if step else bound.end_column
        return self._item("single", bound.column, last, bound, None, step)

    def nth(self, bound: Bound, _hash: Lexeme, digits: Lexeme) -> Item:
        column = self.column(digits)
        return Item("nth", bound.column, self.end_column(digits), start=bound,
                    ordinal=self.small_int(digits.text, column, "ordinal"),
                    ordinal_column=column)

    def step(self, _slash: Lexeme, digits: Lexeme) -> _Step:
        column = self.column(digits)
        return _Step(self.small_int(digits.text, column, "step"), column,
                     self.end_column(digits))

    def number(self, digits: Lexeme) -> Bound:
        return Bound("number", digits.text, digits.text, "", self.column(digits))

    def word(self, word: Lexeme) -> Bound:
        return Bound("word", word.text, "", word.text.upper(), self.column(word))

    def suffixed(self, digits: Lexeme, word: Lexeme) -> Bound:
        return Bound("suffixed", digits.text + word.text, digits.text, word.text.upper(),
                     self.column(digits))

    @staticmethod
    def _item(kind: str, column: int, end_column: int, start: Bound | None,
                 end: Bound | None, step: _Step | None) -> Item:
        return Item(kind, column, end_column, start=start, end=end,
                    step=step.value if step else None, step_column=step.column if step else 0)

    def small_int(self, digits: str, column: int, what: str) -> int:
        if len(digits) > 6:
            raise self.fail(f"{what} {digits[:12]}... is far too large", column, None,
                            len(digits))
        return int(digits)


# -- the quick reader ---------------------------------------------------------------
#
# ``grammars/cron.lark`` stays the reference; this reads the same language with regular
# expressions, several times faster, and gives up (``None``) on anything it is not sure
# of, which the grammar then reads and explains. tests/test_cron_quick_reader.py holds
# the two equal.

_BOUND = r"(?:[0-9]+[A-Za-z]*|[A-Za-z]+)"
_ITEM = (rf"(?:\*(?:/[0-9]+)?|\?|{_BOUND}-{_BOUND}(?:/[0-9]+)?|{_BOUND}(?:/[0-9]+)?"
         rf"|{_BOUND}#[0-9]+)")
_FIELD = re.compile(rf"{_ITEM}(?:,{_ITEM})*")
_ITEM_PARTS = re.compile(
    rf"(\*)(?:/([0-9]+))?$|(\?)$|({_BOUND})(?:-({_BOUND}))?(?:/([0-9]+))?$"
    rf"|({_BOUND})#([0-9]+)$")
_BOUND_PARTS = re.compile(r"([0-9]*)([A-Za-z]*)")
_new_tuple = tuple.__new__  # named tuples without their generated __new__: quicker


def _quick_fields(stripped: str, source: str, offset: int) -> list[RawField] | None:
    """The positioned fields of a well-formed body, as the grammar's actions build them."""
    fields: list[RawField] = []
    at = 0
    for text in re.split(r"[ \t]+", stripped):
        at = stripped.index(text, at)
        if _FIELD.fullmatch(text) is None:
            return None
        items: list[Item] = []
        column = at + 1 + offset
        for piece in text.split(","):
            item = _quick_item(piece, column)
            if item is None:
                return None
            items.append(item)
            column += len(piece) + 1
        fields.append(_new_tuple(RawField, (tuple(items), text, at + 1 + offset)))
        at += len(text)
    return fields


def _quick_item(piece: str, column: int) -> Item | None:
    found = _ITEM_PARTS.match(piece)
    if found is None:
        return None
    star, star_step, question, start, end, step, nth_bound, ordinal = found.groups()
    end_column = column + len(piece)
    if star:
        if star_step is not None and len(star_step) > 6:
            return None  # far too large: the grammar's actions say so
        step_column = column + 2 if star_step is not None else 0
        return Item("star", column, end_column, step=int(star_step) if star_step else None,
                    step_column=step_column)
    if question:
        return Item("question", column, end_column)
    if nth_bound is not None:
        if len(ordinal) > 6:
            return None
        first = _quick_bound(nth_bound, column)
        return Item("nth", column, end_column, start=first, ordinal=int(ordinal),
                    ordinal_column=column + len(nth_bound) + 1)
    if step is not None and len(step) > 6:
        return None
    first = _quick_bound(start, column)
    last = _quick_bound(end, column + len(start) + 1) if end is not None else None
    return Item("range" if last is not None else "single", column, end_column, start=first,
                end=last, step=int(step) if step is not None else None,
                step_column=end_column - len(step) if step is not None else 0)


def _quick_bound(text: str, column: int) -> Bound:
    digits, letters = _BOUND_PARTS.fullmatch(text).groups()  # type: ignore[union-attr]
    kind = "suffixed" if digits and letters else "number" if digits else "word"
    return _new_tuple(Bound, (kind, text, digits, letters.upper(), column))


# -- parsing ----------------------------------------------------------------------


def split_zone_prefix(source: str) -> tuple[str | None, int, int]:
    """``(zone name, its column, where the body starts)`` for a ``CRON_TZ=`` prefix."""
    match = _ZONE_PREFIX.match(source)
    if not match:
        return None, 0, 0
    return match.group(2), match.start(2) + 1, match.end()


def parse_cron(
    source: str,
    *,
    dialect: Dialect | None = None,
    day_match: DayMatch | None = None,
) -> tuple[Rule, tzinfo | None, CronSource]:
    """Read a cron or Quartz string: the rule, the zone of its prefix, and its spelling.

    ``dialect=None`` decides by the number of fields: 5 (or a macro) is cron, 6-7 Quartz.
    """
    if not isinstance(source, str):
        raise ParseError(f"a cron expression must be a string, not {type(source).__name__}", "")
    if len(source) > MAX_SOURCE_LENGTH:
        raise ParseError(
            f"the expression is {len(source)} characters long; cadence reads at most "
            f"{MAX_SOURCE_LENGTH}", source, column=None,
        )
    known = _known(source, dialect, day_match)
    if known is not None:
        return known[0], None, known[1]
    if "\n" in source.strip() or "\r" in source.strip():
        column = min(i for i in (source.find("\n"), source.find("\r")) if i >= 0) + 1
        raise ParseError("a cron expression is one line; found a line break", source,
                         column=column)
    zone_text, zone_column, body_start = split_zone_prefix(source)
    zone: tzinfo | None = None
    if zone_text is not None:
        if not zone_text:
            raise ParseError("CRON_TZ= needs a zone name, e.g. CRON_TZ=Europe/Berlin", source,
                             column=zone_column, field="time zone")
        try:
            zone = resolve_zone(zone_text, where="CRON_TZ", local=False)
        except ScheduleError as exc:
            raise ParseError(str(exc), source, column=zone_column, field="time zone",
                             length=len(zone_text)) from None
    body = source[body_start:]
    stripped = body.strip()
    if not stripped:
        what = "after the CRON_TZ= prefix" if zone_text is not None else ""
        raise ParseError(
            f"the expression is empty{' ' + what if what else ''}; a cron expression has 5 "
            "fields (minute hour day-of-month month day-of-week), e.g. '0 9 * * MON-FRI'",
            source, column=len(source) + 1 if source else None,
        )
    offset = body_start + (len(body) - len(body.lstrip()))
    if stripped.startswith("@"):
        return _parse_macro(source, stripped, offset, zone, dialect, day_match)

    field_starts = [m.start() + offset + 1 for m in re.finditer(r"\S+", stripped)]
    count = len(field_starts)
    specs = _field_specs(source, count, dialect, field_starts)
    chosen: Dialect = "cron" if specs is CRON_FIELDS else "quartz"

    def where(column: int) -> str | None:
        index = sum(1 for start in field_starts if start <= column) - 1
        return specs[index].name if 0 <= index < len(specs) else None

    raw = _quick_fields(stripped, source, offset)
    if raw is None:  # not plainly well formed: the grammar reads it, and explains
        what = "cron expression" if chosen == "cron" else "Quartz expression"
        parsed = read_text("cron.lark", stripped, _Actions(source, offset), source=source,
                           offset=offset, where=where, what=what)
        assert isinstance(parsed, list)
        raw = parsed
    reader = _Reader(source)
    built = _build_rule(reader, raw, chosen, day_match)
    rule = built.rule
    spelling = CronSource(
        text=source,
        dialect=chosen,
        zone_name=zone_text,
        fields=tuple(field.text for field in raw),
    )
    _check_fires(rule, spelling)
    if zone_text is None:
        _remember(chosen, raw, built)
    return rule, zone, spelling


# -- expressions of fields read before ----------------------------------------------
#
# Most expressions are made of fields read many times before ('*', '0', '1-5',
# 'MON-FRI'): what such a field means is looked up, not read again. The table is filled
# only from expressions the full reader accepted, so the look-up accepts nothing the
# grammar refuses; anything else (a new field, a prefix, a macro, odd spacing, tabs)
# goes the full way.

#: What each field's text means, by dialect and position: the values of a time field
#: (as the rule keeps them), or the MonthDays / Weekdays (None: every day) of a day field.
_MEANINGS: dict[str, tuple[dict[str, object], ...]] = {
    "cron": tuple({} for _ in CRON_FIELDS), "quartz": tuple({} for _ in QUARTZ_FIELDS)}
_MEANINGS_SIZE = 4096  # texts kept per position
#: (dialect, day-of-month, month, day-of-week, year, day_match) of accepted expressions:
#: those fire on some day.
_FIRING: set[tuple[str, str, str, str, str | None, str]] = set()
_MISSING = object()
_NO_SECONDS = Rule((0,), (0,), (0,)).seconds  # the canonical (0,) a rule keeps


def _known(source: str, dialect: Dialect | None, day_match: DayMatch | None
           ) -> tuple[Rule, CronSource] | None:
    """The rule and spelling of an expression whose every field was read before, or
    None. ``source`` is a string no longer than the cap."""
    parts = source.split(" ")
    count = len(parts)
    if count == 5 and dialect != "quartz":
        meanings = _MEANINGS["cron"]
        minute, hour, dom, month, dow = parts
        seconds: object = _NO_SECONDS
        dom_at, year, years = 2, None, None
        if day_match is None:  # Debian cron: a field starting with '*' makes them AND
            day_match = "and" if dom[:1] in ("*", "?") or dow[:1] in ("*", "?") else "or"
    elif count in (6, 7) and dialect != "cron":
        meanings = _MEANINGS["quartz"]
        minute, hour, dom, month, dow = parts[1:6]
        if (dom == "?") is (dow == "?"):  # exactly one '?': the full reader explains
            return None
        seconds = meanings[0].get(parts[0])
        dom_at, year = 3, parts[6] if count == 7 else None
        years = meanings[6].get(year, _MISSING) if year is not None else None
        day_match = day_match or "and"
    else:
        return None
    minutes = meanings[dom_at - 2].get(minute)
    hours = meanings[dom_at - 1].get(hour)
    months = meanings[dom_at + 1].get(month)
    month_days = meanings[dom_at].get(dom, _MISSING)
    weekdays = meanings[dom_at + 2].get(dow, _MISSING)
    if (seconds is None or minutes is None or hours is None or months is None
            or month_days is _MISSING or weekdays is _MISSING or years is _MISSING
            or not (_plainly_fires(month_days, weekdays, day_match)  # type: ignore[arg-type]
                    or ("cron" if count == 5 else "quartz", dom, month, dow, year, day_match)
                    in _FIRING)):
        return None
    if count == 5:
        rule = Rule(seconds, minutes, hours, months, month_days,  # type: ignore[arg-type]
                    weekdays, day_match, years,  # type: ignore[arg-type]
                    not (minute[:1] == "*" or hour[:1] == "*"))
    else:  # Quartz's DST policy, as in _build_rule
        rule = Rule(seconds, minutes, hours, months, month_days,  # type: ignore[arg-type]
                    weekdays, day_match, years, True, True, True)  # type: ignore[arg-type]
    return rule, _new_tuple(CronSource, (source, "cron" if count == 5 else "quartz", None,
                                         tuple(parts), None))


def _plainly_fires(month_days: MonthDays | None, weekdays: Weekdays | None,
                   day_match: DayMatch) -> bool:
    """Whether day parts fire in every month of every year, whatever the months and
    years: a day of the month every month has, or a weekday every month has four of.
    (False says nothing: :data:`_FIRING` or the full reader decide.)"""
    by_day = month_days is None or (
        any(day <= 28 for day in month_days.days) or any(n <= 27 for n in month_days.from_last)
        or any(day <= 28 for day in month_days.nearest_weekday) or month_days.last_weekday)
    by_weekday = weekdays is None or bool(
        weekdays.days or weekdays.last or any(-4 <= k <= 4 for _, k in weekdays.nth))
    if month_days is None or weekdays is None or day_match == "or":
        return by_day and by_weekday if day_match == "and" else by_day or by_weekday
    return False  # both restricted and ANDed: they may never meet


def _remember(dialect: Dialect, raw: Sequence[RawField], built: _Built) -> None:
    """Keep what each field of an accepted expression means, for :func:`_known`."""
    meanings = _MEANINGS[dialect]
    rule = built.rule
    if dialect == "cron":
        texts: list[str | None] = [field.text for field in raw]
        values: list[object] = [rule.minutes, rule.hours, built.month_days, rule.months,
                                built.weekdays]
    else:
        texts = [field.text for field in raw] + [None] * (7 - len(raw))
        values = [rule.seconds, rule.minutes, rule.hours, built.month_days, rule.months,
                  built.weekdays, rule.years]
    for table, text, value in zip(meanings, texts, values, strict=True):
        if text is not None and len(table) < _MEANINGS_SIZE:
            table[text] = value
    dom_at = 2 if dialect == "cron" else 3
    if len(_FIRING) < _MEANINGS_SIZE:
        _FIRING.add((dialect, raw[dom_at].text, raw[dom_at + 1].text, raw[dom_at + 2].text,
                     texts[6] if dialect == "quartz" else None, built.day_match))


def _field_specs(
    source: str, count: int, dialect: Dialect | None, starts: list[int]
) -> tuple[FieldSpec, ...]:
    if dialect == "cron":
        if count != 5:
            hint = (" (a 6- or 7-field string is Quartz: use format='quartz')"
                    if count in (6, 7) else "")
            raise ParseError(
                f"a cron expression has 5 fields (minute hour day-of-month month "
                f"day-of-week), found {count}{hint}",
                source, column=starts[5] if count > 5 else len(source) + 1,
            )
        return CRON_FIELDS
    if dialect == "quartz":
        if count not in (6, 7):
            raise ParseError(
                f"a Quartz expression has 6 or 7 fields (second minute hour day-of-month "
                f"month day-of-week [year]), found {count}",
                source, column=starts[7] if count > 7 else len(source) + 1,
            )
        return QUARTZ_FIELDS
    if count == 5:
        return CRON_FIELDS
    if count in (6, 7):
        return QUARTZ_FIELDS
    raise ParseError(
        f"expected 5 fields (cron: minute hour day-of-month month day-of-week) or 6-7 "
        f"(Quartz: second minute hour day-of-month month day-of-week [year]), found {count}",
        source, column=starts[7] if count > 7 else len(source) + 1,
    )


def _parse_macro(
    source: str,
    stripped: str,
    offset: int,
    zone: tzinfo | None,
    dialect: Dialect | None,
    day_match: DayMatch | None,
) -> tuple[Rule, tzinfo | None, CronSource]:
    name = stripped.lower()
    if dialect == "quartz":
        raise ParseError(f"Quartz has no macros such as {stripped!r}; write the 6 fields",
                         source, column=offset + 1, length=len(stripped))
    expansion = MACROS.get(name)
    if expansion is None:
        known = ", ".join(sorted(MACROS))
        reason = (
            "@reboot runs at start-up, not at a time: it has no occurrences to compute"
            if name == "@reboot" else f"unknown macro {stripped!r}; use one of {known}"
        )
        raise ParseError(reason, source, column=offset + 1, length=len(stripped))
    rule, _, expanded = parse_cron(expansion, dialect="cron", day_match=day_match)
    spelling = CronSource(text=source, dialect="cron", zone_name=None, fields=expanded.fields,
                          macro=name)
    if zone is not None:
        spelling = CronSource(text=source, dialect="cron",
                              zone_name=split_zone_prefix(source)[0],
                              fields=expanded.fields, macro=name)
    return rule, zone, spelling


class _Built(NamedTuple):
    """A rule as read, with its day fields' meanings and the day match in effect
    before the rule simplified them."""

    rule: Rule
    month_days: MonthDays | None
    weekdays: Weekdays | None
    day_match: DayMatch


def _build_rule(
    reader: _Reader, raw: list[RawField], dialect: Dialect, day_match: DayMatch | None
) -> _Built:
    if dialect == "cron":
        seconds: tuple[int, ...] = (0,)
        minute, hour, dom, month, dow = raw
        year: RawField | None = None
        dow_spec = CRON_DAY_OF_WEEK
    else:
        second, minute, hour, dom, month, dow = raw[:6]
        year = raw[6] if len(raw) == 7 else None
        _check_quartz_steps(reader, raw)
        seconds = tuple(_time_values(reader, second, SECOND))
        dow_spec = QUARTZ_DAY_OF_WEEK
        _check_quartz_days(reader, dom, dow)
    month_days = _month_days(reader, dom, dialect)
    weekdays = _weekdays(reader, dow, dow_spec, dialect)
    if day_match is None:
        if dialect == "quartz":
            day_match = "and"
        else:
            # Debian cron: a field starting with '*' makes the two day fields AND.
            day_match = "and" if dom.text[0] in "*?" or dow.text[0] in "*?" else "or"
    quartz = dialect == "quartz"
    years = tuple(_time_values(reader, year, YEAR)) if year is not None else None
    if years is not None and year is not None and year.text in ("*", "?"):
        years = None
    rule = Rule(
        seconds=seconds,
        minutes=tuple(_time_values(reader, minute, MINUTE)),
        hours=tuple(_time_values(reader, hour, HOUR)),
        months=tuple(_time_values(reader, month, MONTH)),
        month_days=month_days,
        weekdays=weekdays,
        day_match=day_match,
        years=years,
        # Debian cron: a job is fixed-time unless its minute or hour starts with '*'.
        # Quartz fires every wall time once, on its second pass, and never in a gap.
        fixed_time=quartz or not (minute.text.startswith("*") or hour.text.startswith("*")),
        skip_gaps=quartz,
        second_pass=quartz,
    )
    return _Built(rule, month_days, weekdays, day_match)


# -- field semantics ----------------------------------------------------------------


def _number(reader: _Reader, bound: Bound, spec: FieldSpec) -> int:
    if bound.kind == "number":
        if len(bound.number) > 6:
            raise reader.fail(f"{spec.name} {bound.text[:12]}... is far out of range "
                              f"{spec.low}-{spec.high}", bound.column, spec.name,
                              len(bound.text))
        value = int(bound.number)
    elif bound.kind == "word":
        if not spec.names:
            raise reader.fail(f"{spec.name} takes numbers {spec.low}-{spec.high}, not "
                              f"{bound.text!r}", bound.column, spec.name, len(bound.text))
        found = spec.names.get(bound.word)
        if found is None:
            names = ", ".join(spec.names)
            raise reader.fail(f"unknown {spec.name} name {bound.text!r}; use {names} or "
                              f"{spec.low}-{spec.high}", bound.column, spec.name,
                              len(bound.text))
        value = found
    else:
        raise reader.fail(f"{bound.text!r} is not a {spec.name} value "
                          f"({spec.low}-{spec.high})", bound.column, spec.name,
                          len(bound.text))
    if not spec.low <= value <= spec.high:
        extra = ""
        if spec is QUARTZ_DAY_OF_WEEK and value == 0:
            extra = " (Quartz numbers days 1 = Sunday to 7 = Saturday)"
        elif spec is YEAR:
            extra = " (Quartz years)"
        raise reader.fail(f"{spec.name} {value} is out of range {spec.low}-{spec.high}{extra}",
                          bound.column, spec.name, len(bound.text))
    return value


def _sequence(reader: _Reader, item: Item, spec: FieldSpec, high: int) -> list[int]:
    """The values of a star, single or range item in order, before its step."""
    if item.kind == "star":
        return list(range(spec.low, high + 1))
    assert item.start is not None
    start = _number(reader, item.start, spec)
    if item.kind == "single":
        if item.step is None:
            return [start]
        return list(range(start, high + 1))  # 'a/n': from a to the end of the field
    assert item.end is not None
    end = _number(reader, item.end, spec)
    if spec is CRON_DAY_OF_WEEK:  # 7 is Sunday too: FRI-SUN is 5-0, SUN-TUE is 7-2
        if start == 7 and end < 7:
            start = 0
        if end == 0 and start > 0:
            end = 7
    if start <= end:
        return list(range(start, end + 1))
    if not spec.cyclic:
        raise reader.fail(f"{spec.name} range {item.start.text}-{item.end.text} runs backwards",
                          item.column, spec.name, item.length)
    # A wrap-around range: 22-2 is 22, 23, 0, 1, 2.
    cycle_high = 6 if spec is CRON_DAY_OF_WEEK else high
    return list(range(start, cycle_high + 1)) + list(range(spec.low, end + 1))


def _stepped(reader: _Reader, item: Item, spec: FieldSpec, high: int | None = None) -> list[int]:
    values = _sequence(reader, item, spec, spec.high if high is None else high)
    if item.step is None:
        return values
    if item.step < 1:
        raise reader.fail("a step must be at least 1", item.step_column, spec.name)
    return values[:: item.step]


def _time_values(reader: _Reader, field: RawField, spec: FieldSpec) -> list[int]:
    values: list[int] = []
    for item in field.items:
        if item.kind == "question":
            raise reader.fail(f"'?' is only allowed in the day-of-month and day-of-week "
                              f"fields, not in {spec.name}", item.column, spec.name)
        if item.kind == "nth":
            raise reader.fail(f"'#' is only allowed in the day-of-week field, not in "
                              f"{spec.name}", item.ordinal_column - 1, spec.name)
        _reject_suffix(reader, item, spec)
        values.extend(_stepped(reader, item, spec))
    return values


def _reject_suffix(reader: _Reader, item: Item, spec: FieldSpec) -> None:
    for bound in (item.start, item.end):
        if bound is not None and bound.kind == "suffixed":
            letter = bound.word
            where = {"L": "day-of-month ('L') and day-of-week ('5L')",
                     "W": "day-of-month ('15W')"}.get(letter)
            hint = f"; '{letter}' belongs in the {where} field" if where else ""
            raise reader.fail(f"{bound.text!r} is not a {spec.name} value{hint}",
                              bound.column, spec.name, len(bound.text))


def _month_days(reader: _Reader, field: RawField, dialect: Dialect) -> MonthDays | None:
    spec = DAY_OF_MONTH
    if field.text in ("*", "?"):
        return None
    days: list[int] = []
    from_last: list[int] = []
    nearest: list[int] = []
    near_last: list[int] = []
    last_weekday = False
    for item in field.items:
        if item.kind == "question":
            raise reader.fail("'?' stands alone: it cannot be part of a list", item.column,
                              spec.name)
        if item.kind == "nth":
            raise reader.fail("'#' belongs in the day-of-week field ('MON#2'), not in "
                              "day-of-month", item.ordinal_column - 1, spec.name)
        start = item.start
        if item.kind in ("single", "range") and start is not None and start.word in ("L", "LW"):
            if item.step is not None:
                raise reader.fail(f"{start.word!r} cannot take a step", item.step_column - 1,
                                  spec.name)
            if start.word == "LW":
                if item.kind == "range":
                    raise reader.fail("'LW' cannot start a range", item.column, spec.name,
                                      item.length)
                last_weekday = True
                continue
            if item.kind == "single":
                from_last.append(0)
                continue
            end = item.end
            assert end is not None
            # Quartz reads 'L-nW' as the weekday nearest the n-th day before the last.
            weekday_near = dialect == "quartz" and end.kind == "suffixed" and end.word == "W"
            if end.kind != "number" and not weekday_near:
                raise reader.fail("after 'L-' comes the number of days before the last day, "
                                  "e.g. 'L-2'" + (" (Quartz also reads 'L-2W')"
                                                  if dialect == "cron" else ""),
                                  end.column, spec.name, len(end.text))
            offset = int(end.number) if len(end.number) <= 6 else 10**6
            if offset > 30:
                raise reader.fail(f"'L-{end.number}' reaches before the start of every month; "
                                  "the offset from the last day is at most 30",
                                  end.column, spec.name, len(end.text))
            (near_last if weekday_near else from_last).append(offset)
            continue
        if start is not None and start.kind == "suffixed" and item.kind == "single":
            if start.word != "W":
                raise reader.fail(f"{start.text!r} is not a day-of-month value; use a day "
                                  "(15), 'L', 'L-2', '15W' or 'LW'", start.column, spec.name,
                                  len(start.text))
            if item.step is not None:
                raise reader.fail(f"{start.text!r} cannot take a step", item.step_column - 1,
                                  spec.name)
            day = _number(reader, Bound("number", start.number, start.number, "",
                                        start.column), spec)
            nearest.append(day)
            continue
        _reject_suffix(reader, item, spec)
        days.extend(_stepped(reader, item, spec))
    spec_days = MonthDays(days=tuple(days), from_last=tuple(from_last),
                          nearest_weekday=tuple(nearest), last_weekday=last_weekday,
                          nearest_weekday_from_last=tuple(near_last))
    if dialect == "quartz":
        special = bool(from_last or last_weekday or nearest or near_last)
        if special and len(field.items) > 1:
            raise reader.fail(
                "Quartz allows 'L', 'L-n', 'LW' and 'nW' only alone in day-of-month, not in a "
                "list with other days", field.column, spec.name, len(field.text))
    return spec_days


def _weekday(value: int, spec: FieldSpec) -> int:
    """IR weekday (0 = Monday) of a cron (0/7 = Sunday) or Quartz (1 = Sunday) number."""
    if spec is CRON_DAY_OF_WEEK:
        return (value + 6) % 7
    return (value + 5) % 7


def _weekdays(
    reader: _Reader, field: RawField, spec: FieldSpec, dialect: Dialect
) -> Weekdays | None:
    if field.text in ("*", "?"):
        return None
    days: list[int] = []
    nth: list[tuple[int, int]] = []
    last: list[int] = []
    saturday_letter = False
    for item in field.items:
        if item.kind == "question":
            raise reader.fail("'?' stands alone: it cannot be part of a list", item.column,
                              spec.name)
        start = item.start
        if item.kind == "nth":
            assert start is not None
            assert item.ordinal is not None
            value = _number(reader, start, spec)
            if not 1 <= item.ordinal <= 5:
                raise reader.fail(f"'#{item.ordinal}': a month has at most 5 of each weekday; "
                                  "use #1 to #5", item.ordinal_column, spec.name)
            nth.append((_weekday(value, spec), item.ordinal))
            continue
        if start is not None and item.kind == "single" and _is_last_weekday(start, spec):
            if item.step is not None:
                raise reader.fail(f"{start.text!r} cannot take a step", item.step_column - 1,
                                  spec.name)
            if start.word == "L" and start.kind == "word":
                saturday_letter = True
                if dialect == "cron":
                    raise reader.fail(
                        "'L' alone is not a cron day-of-week; write 6 or SAT for Saturday, or "
                        "e.g. 5L for the last Friday of the month", start.column, spec.name)
                days.append(_weekday(7, spec))  # Quartz: 'L' alone is Saturday
                continue
            prefix = start.number or start.word[:-1]
            value = _number(reader, Bound("number" if start.number else "word", prefix,
                                          start.number, start.word[:-1], start.column), spec)
            last.append(_weekday(value, spec))
            continue
        _reject_suffix(reader, item, spec)
        high = 7 if spec is CRON_DAY_OF_WEEK else spec.high
        days.extend(_weekday(value, spec) for value in _stepped(reader, item, spec, high))
    if dialect == "quartz":
        if (last or saturday_letter) and len(field.items) > 1:
            raise reader.fail("Quartz allows 'L' and 'nL' (last weekday of the month) only "
                              "alone in day-of-week, not in a list", field.column, spec.name,
                              len(field.text))
        if nth and len(field.items) > 1:
            raise reader.fail("Quartz allows one 'n#k' alone in day-of-week, not several or "
                              "in a list", field.column, spec.name, len(field.text))
    return Weekdays(days=tuple(days), nth=tuple(nth), last=tuple(last))


def _is_last_weekday(bound: Bound, spec: FieldSpec) -> bool:
    if bound.kind == "suffixed":
        return bound.word == "L"
    if bound.kind == "word" and bound.word.endswith("L"):
        return bound.word == "L" or bound.word[:-1] in spec.names
    return False


#: Quartz's ``CronExpression`` refuses a step larger than these, with its own words
#: ("Increment > 60 : 120"); it does not check the year's step.
_QUARTZ_MAX_STEP = ((SECOND, 59, 60), (MINUTE, 59, 60), (HOUR, 23, 24), (DAY_OF_MONTH, 31, 31),
                    (MONTH, 12, 12), (QUARTZ_DAY_OF_WEEK, 7, 7))


def _check_quartz_steps(reader: _Reader, raw: Sequence[RawField]) -> None:
    """Quartz's refusal of a step that leaves its field at once (``0/120`` seconds,
    ``1/8`` weekdays), where cron would keep the first value only."""
    for field, (spec, most, said) in zip(raw, _QUARTZ_MAX_STEP, strict=False):
        for item in field.items:
            if item.step is not None and item.step > most:
                raise reader.fail(
                    f"{spec.name} step {item.step} is larger than the field: Quartz refuses it "
                    f"('Increment > {said} : {item.step}'); use a step of at most {most}",
                    item.step_column, spec.name, len(str(item.step)))


def _check_quartz_days(reader: _Reader, dom: RawField, dow: RawField) -> None:
    dom_any, dow_any = dom.text == "?", dow.text == "?"
    if dom_any and dow_any:
        raise reader.fail(
            "Quartz: '?' goes in exactly one of day-of-month and day-of-week, not both; "
            "put '*' in the other", dow.column, "day-of-week")
    if not dom_any and not dow_any:
        raise reader.fail(
            "Quartz does not support restricting both day-of-month and day-of-week: put '?' in "
            "one of them (e.g. '0 0 12 ? * MON' or '0 0 12 1 * ?')",
            dow.column, "day-of-week", len(dow.text))


def _check_fires(rule: Rule, spelling: CronSource) -> None:
    if rule.fires_on_some_day():  # (on every parse: the words wait for a refusal)
        return
    index = 3 if spelling.dialect == "quartz" else 2
    reason = never_fires_reason(rule, month_days=repr(spelling.fields[index]),
                                weekdays=repr(spelling.fields[index + 2]))
    if reason is not None:
        raise NeverFiresError(f"{spelling.text!r} never fires: {reason}")


# -- emitting ---------------------------------------------------------------------------
#
# The string is built from the IR alone. Debian cron's two spelling-dependent rules are
# honoured in reverse: a rule is fixed-time exactly when neither the minute nor the hour
# field starts with '*', and two restricted day fields combine with AND exactly when
# one of them starts with '*'.

def emit_cron(schedule: HasRecurrence) -> str:
    """A 5-field cron string (with a ``CRON_TZ=`` prefix outside UTC) for ``schedule``.

    A schedule read from cron keeps its spelling while its rule is unchanged; any other
    is written in a canonical form. What cron cannot say raises
    :class:`~cadence.errors.UnsupportedError`.

    >>> import cadence
    >>> emit_cron(cadence.parse("0 30 9 ? * MON-FRI", tz="Europe/Berlin"))
    'CRON_TZ=Europe/Berlin 30 9 * * 1-5'
    >>> emit_cron(cadence.parse("30 0 12 * * ?"))
    Traceback (most recent call last):
    ...
    cadence.errors.UnsupportedError: cron: seconds cannot be expressed...
    """
    return _emit(schedule, "cron")


def emit_quartz(schedule: HasRecurrence) -> str:
    """A 6- or 7-field Quartz string for a schedule in UTC.

    A Quartz expression never names a zone: Quartz keeps it beside the expression (the
    ``CronTrigger``'s time zone), so cadence never writes ``CRON_TZ=`` into one. A
    schedule in another zone is refused here, the way every format refuses what it
    cannot say; :func:`cadence.quartz_trigger` gives the expression and the zone id
    together.

    >>> import cadence
    >>> emit_quartz(cadence.parse("*/15 9-17 * * MON-FRI"))
    '0 */15 9-17 ? * 2-6'
    >>> emit_quartz(cadence.parse("0 9 * * *", tz="Europe/Berlin"))
    Traceback (most recent call last):
    ...
    cadence.errors.UnsupportedError: quartz: the time zone Europe/Berlin cannot be expressed; ...
    """
    zone = schedule.recurrence.tz
    if not is_utc(zone):
        raise UnsupportedError("quartz", f"the time zone {zone_name(zone)}",
                               "; a Quartz expression has no zone: Quartz keeps it beside the "
                               "expression (the trigger's time zone). "
                               "cadence.quartz_trigger(schedule) gives both")
    return _emit(schedule, "quartz")


class QuartzTrigger(NamedTuple):
    """What a Quartz ``CronTrigger`` needs: the expression, and beside it the zone."""

    expression: str
    #: A zone id Java's ``ZoneId.of`` / ``TimeZone.getTimeZone`` reads: the IANA name,
    #: ``"UTC"``, or an offset id such as ``"UTC+05:30"``.
    time_zone: str


def quartz_trigger(schedule: HasRecurrence) -> QuartzTrigger:
    """The Quartz expression of ``schedule`` and, separately, its zone id: Quartz keeps
    the zone beside the expression (``CronScheduleBuilder.inTimeZone``), never in it.
    The writer alone: :func:`cadence.quartz_trigger` also refuses a DST policy that
    Quartz's would change.

    >>> import cadence
    >>> quartz_trigger(cadence.parse("0 9 * * 1-5", tz="Europe/Berlin"))
    QuartzTrigger(expression='0 0 9 ? * 2-6', time_zone='Europe/Berlin')
    """
    from ._java_zones import java_zone

    zone = schedule.recurrence.tz
    name = zone_name(zone)
    try:
        java_zone(name, where="time zone")
    except ScheduleError:
        raise UnsupportedError("quartz", f"the time zone {name!r}",
                               "; a Quartz trigger's zone is a Java zone id such as "
                               "'Europe/Berlin'") from None
    return QuartzTrigger(_emit(schedule, "quartz"), name)


def _emit(source: HasRecurrence, dialect: Dialect) -> str:
    schedule = source.recurrence
    if len(schedule.rules) != 1:
        raise UnsupportedError(dialect, f"a union of {len(schedule.rules)} rules",
                               ", only one rule per expression")
    for name, bound in (("start", schedule.start), ("end", schedule.end)):
        if bound is not None:
            article = "an" if name == "end" else "a"
            raise UnsupportedError(dialect, f"{article} {name} bound ({bound.isoformat()})")
    rule = schedule.rules[0]
    kept = _kept_spelling(schedule, rule, dialect)
    if kept is not None:
        return kept
    return emit_rule(rule, schedule.tz, dialect)


def _kept_spelling(schedule: Recurrence, rule: Rule, dialect: Dialect) -> str | None:
    """The source as written, when it was this dialect and still means ``rule``."""
    spelling = schedule.spelling
    if not isinstance(spelling, CronSource) or spelling.dialect != dialect:
        return None
    try:
        again, prefix_zone, _ = parse_cron(spelling.text, dialect=dialect)
    except ScheduleError:
        return None
    if again != rule:
        return None
    zone = zone_name(schedule.tz)
    if dialect == "quartz":  # the zone goes beside a Quartz expression, never in it
        body = spelling.text[split_zone_prefix(spelling.text)[2]:].strip()
        return body if prefix_zone is None or zone_name(prefix_zone) == zone else None
    if prefix_zone is not None:
        return spelling.text if zone_name(prefix_zone) == zone else None
    return spelling.text if is_utc(schedule.tz) else f"CRON_TZ={zone} {spelling.text.strip()}"


def emit_rule(rule: Rule, zone: tzinfo, dialect: Dialect) -> str:
    """One rule in ``zone`` as a canonical cron or Quartz string.

    >>> emit_rule(Rule(seconds=(0,), minutes=(0,), hours=tuple(range(24)),
    ...                    fixed_time=True), resolve_zone("UTC"), "cron")
    '0 0-23 * * *'
    """
    if rule.duration is not None:
        raise UnsupportedError(dialect, wording.window(rule.duration), ", only its start")
    if rule.excluded_dates:
        shown = ", ".join(day.isoformat() for day in rule.excluded_dates[:3])
        raise UnsupportedError(dialect, f"excluded dates ({shown})")
    if rule.period is not None:
        raise UnsupportedError(dialect, f"repeating every {rule.period.every} "
                               f"{rule.period.unit}s from an anchor",
                               f"; {dialect} fields cannot count periods")
    year_parts = wording.year_parts_refusal(rule)
    if year_parts is not None:
        raise UnsupportedError(dialect, *year_parts)
    from_end = [(day, k) for day, k in rule.weekdays.nth if k < 0] if rule.weekdays else []
    if from_end:
        raise UnsupportedError(dialect, "weekdays counted from the end of the month ("
                               + ", ".join(f"the {position_word(k)} {WEEKDAY_NAMES[day]}"
                                           for day, k in from_end) + ")",
                               f"; {dialect} counts #k from the start, and 'L' is the last")
    fields: list[str] = []
    if dialect == "cron":
        if rule.seconds != (0,):
            raise UnsupportedError("cron", "seconds",
                                   f" (second {_plain(rule.seconds, 0, 59)}); "
                                   "cron fires at second 0")
        if rule.years is not None:
            raise UnsupportedError("cron", "years", f" ({_plain(rule.years, 1, 9999)})")
    else:
        fields.append(_free(rule.seconds, 0, 59))
    fields.extend(_clock_fields(rule, dialect))
    dom, dow = _day_fields(rule, dialect)
    fields.extend((dom, _free(rule.months, 1, 12), dow))
    if dialect == "quartz" and rule.years is not None:
        outside = [year for year in rule.years if not 1970 <= year <= 2099]
        if outside:
            raise UnsupportedError("quartz", f"year {outside[0]}", ", only 1970-2099")
        fields.append(_plain(rule.years, 1970, 2099))
    text = " ".join(fields)
    if dialect == "quartz" or is_utc(zone):  # Quartz: the zone goes beside the expression
        return text
    return f"CRON_TZ={zone_name(zone)} {text}"


def _clock_fields(rule: Rule, dialect: Dialect) -> tuple[str, str]:
    """Minute and hour: in cron, neither starts with '*' exactly when the rule is
    fixed-time under cron's DST policy; Quartz's spelling carries no DST meaning. Where
    the spelling cannot say the rule's policy, the read-back check refuses it."""
    if dialect == "quartz":
        return _free(rule.minutes, 0, 59), _free(rule.hours, 0, 23)
    # Under RFC 5545's or Quartz's policy a time in a gap is skipped, as cron skips it
    # for a rule whose minute or hour starts with '*': lead with one where possible.
    if rule.fixed_time and not rule.skip_gaps:
        return _plain(rule.minutes, 0, 59), _plain(rule.hours, 0, 23)
    minute = _star_led(rule.minutes, 0, 59)
    hour = _star_led(rule.hours, 0, 23)
    # Neither field can start with '*': the string is fixed-time. Whether that changes
    # an occurrence in the schedule's zone is checked where the result is read back.
    return (minute or _plain(rule.minutes, 0, 59), hour or _plain(rule.hours, 0, 23))


def _plain(values: Sequence[int], low: int, high: int) -> str:
    """A list of numbers, ranges and steps that never starts with '*'."""
    if len(values) >= 3:
        step = values[1] - values[0]
        if all(b - a == step for a, b in pairwise(values)):
            if step == 1:
                return f"{values[0]}-{values[-1]}"
            end = high if values[-1] + step > high else values[-1]
            return f"{values[0]}-{end}/{step}"
    items: list[str] = []
    for run in wording.runs(values):
        if len(run) >= 3:
            items.append(f"{run[0]}-{run[-1]}")
        else:
            items.extend(str(value) for value in run)
    return ",".join(items)


def _free(values: Sequence[int], low: int, high: int) -> str:
    """A field whose spelling carries no meaning beyond its values (seconds, months)."""
    if len(values) == high - low + 1:
        return "*"
    if len(values) >= 2 and tuple(values) == tuple(
            range(low, high + 1, values[1] - values[0])) and values[0] == low:
        return f"*/{values[1] - values[0]}"
    return _plain(values, low, high)


def _star_led(values: Sequence[int], low: int, high: int, *, modulo: int | None = None,
              extra: Sequence[str] = ()) -> str | None:
    """``*`` or ``*/n[,more]`` meaning ``values`` (plus ``extra`` items), if possible.

    ``modulo`` folds the star's values (cron day-of-week: 0-7, where 7 is 0 again).
    """
    span = high - low + 1
    wanted = set(values)
    if len(wanted) == (modulo or span) and not extra:
        return "*"
    for step in range(2, span):
        covered = {value % modulo if modulo else value for value in range(low, high + 1, step)}
        if covered <= wanted:
            rest = sorted(wanted - covered)
            items = [f"*/{step}"]
            if rest:
                items.append(_plain(rest, low, high))
            return ",".join([*items, *extra])
    return None


def _dom_specials(days: MonthDays) -> list[str]:
    items = [("L" if offset == 0 else f"L-{offset}") for offset in days.from_last]
    items.extend(f"{day}W" for day in days.nearest_weekday)
    if days.last_weekday:
        items.append("LW")
    items.extend(f"L-{offset}W" for offset in days.nearest_weekday_from_last)
    return items


def _dow_number(weekday: int, dialect: Dialect) -> int:
    """IR weekday (0 = Monday) as cron (0 = Sunday) or Quartz (1 = Sunday) numbers it."""
    return (weekday + 1) % 7 + (1 if dialect == "quartz" else 0)


def _dow_specials(days: Weekdays, dialect: Dialect) -> list[str]:
    items = [f"{_dow_number(weekday, dialect)}#{k}" for weekday, k in days.nth]
    items.extend(f"{_dow_number(weekday, dialect)}L" for weekday in days.last)
    return items


def _dom_plain(days: MonthDays) -> str:
    items = [_plain(days.days, 1, 31)] if days.days else []
    return ",".join([*items, *_dom_specials(days)])


def _dow_plain(days: Weekdays, dialect: Dialect) -> str:
    low, high = (0, 6) if dialect == "cron" else (1, 7)
    numbers = sorted(_dow_number(day, dialect) for day in days.days)
    items = [_plain(numbers, low, high)] if numbers else []
    return ",".join([*items, *_dow_specials(days, dialect)])


def _day_fields(rule: Rule, dialect: Dialect) -> tuple[str, str]:
    dom, dow = rule.month_days, rule.weekdays
    if dialect == "cron" and dom is not None and dom.nearest_weekday_from_last:
        shown = ", ".join(f"L-{n}W" for n in dom.nearest_weekday_from_last)
        raise UnsupportedError("cron", f"the weekday nearest a day counted from the end of "
                               f"the month ({shown})", "; only Quartz reads 'L-nW'")
    if dialect == "quartz":
        if dom is not None and dow is not None:
            raise UnsupportedError(
                "quartz", f"restricting both day-of-month and day-of-week ({rule.day_match})",
                "; Quartz needs '?' in one of them")
        if dom is not None:
            parts = bool(dom.days) + len(_dom_specials(dom))
            if parts > 1 and _dom_specials(dom):
                raise UnsupportedError("quartz", f"day-of-month {_dom_plain(dom)!r}",
                                       "; 'L', 'L-n', 'nW', 'LW' and 'L-nW' must stand "
                                       "alone")
            return _dom_plain(dom), "?"
        if dow is not None:
            specials = _dow_specials(dow, dialect)
            if specials and (len(specials) > 1 or dow.days):
                raise UnsupportedError("quartz", f"day-of-week {_dow_plain(dow, dialect)!r}",
                                       "; 'n#k' and 'nL' must stand alone")
            return "?", _dow_plain(dow, dialect)
        return "*", "?"
    if dom is None and dow is None:
        return "*", "*"
    if dom is None:
        assert dow is not None
        return "*", _dow_plain(dow, dialect)
    if dow is None:
        return _dom_plain(dom), "*"
    if rule.day_match == "or":
        return _dom_plain(dom), _dow_plain(dow, dialect)
    dom_star = _star_led(dom.days, 1, 31, extra=_dom_specials(dom)) if dom.days else None
    if dom_star is not None:
        return dom_star, _dow_plain(dow, dialect)
    numbers = [_dow_number(day, dialect) for day in dow.days]
    dow_star = (_star_led(numbers, 0, 7, modulo=7, extra=_dow_specials(dow, dialect))
                if numbers else None)
    if dow_star is not None:
        return _dom_plain(dom), dow_star
    raise UnsupportedError(
        "cron", f"day-of-month {_dom_plain(dom)!r} AND day-of-week "
        f"{_dow_plain(dow, dialect)!r}",
        "; cron combines two restricted day fields with OR unless one starts with '*'")


def emit_crontab(source: HasRecurrence) -> str:
    """One cron line per rule: what a union needs when one line cannot say it.

    >>> import cadence
    >>> campaign = {"type": "ANNUALLY", "hours": {"type": "LIST", "values": ["1"]},
    ...             "days": {"type": "LIST", "values": ["--03-12", "--12-05"]}}
    >>> print(emit_crontab(cadence.parse(campaign, format="campaign")))
    0 1 12 3 *
    0 1 5 12 *
    """
    schedule = source.recurrence
    for name, bound in (("start", schedule.start), ("end", schedule.end)):
        if bound is not None:
            raise UnsupportedError("crontab", f"the {name} bound ({bound.isoformat()})")
    if len(schedule.rules) == 1:
        return emit_cron(schedule)
    return "\n".join(emit_rule(rule, schedule.tz, "cron") for rule in schedule.rules)


# -- the formats --------------------------------------------------------------------------


def read(source: object, context: Context, dialect: Dialect | None = None) -> Recurrence:
    """A cron or Quartz string as a recurrence; a string that was sniffed rather than
    named decides its dialect by its number of fields."""
    if not isinstance(source, str):
        raise ParseError(
            f"a {dialect or 'cron'} expression must be a string, not {type(source).__name__}",
            "")
    rule, prefix_zone, spelling = parse_cron(
        source, dialect=None if context.sniffed else dialect, day_match=context.day_match)
    zone = prefix_zone if prefix_zone is not None else resolve_zone(context.tz)
    return Recurrence.of_rule(rule, zone, format=spelling.dialect, source=source,
                              spelling=spelling)


def _reads(dialect: Dialect) -> Callable[[object, Context], Recurrence]:
    return lambda source, context: read(source, context, dialect)


def looks_like_quartz(text: str) -> bool:
    """Six or seven fields after any ``CRON_TZ=`` prefix: Quartz's count, never cron's.

    >>> looks_like_quartz("CRON_TZ=UTC 0 30 9 ? * MON-FRI"), looks_like_quartz("0 9 * * *")
    (True, False)
    """
    return len(text[split_zone_prefix(text)[2]:].split()) in (6, 7)


FORMATS = (
    text_format("cron", "Unix cron (5 fields, Vixie/Debian with L, W and #)",
                read=_reads("cron"), write=emit_cron, rank=10, fallback=True,
                lint=LintPaths(last_day="L"), dst=CRON_DST, decides_firing=True),
    text_format("crontab", "crontab lines: one cron line per rule of a union",
                write=emit_crontab, rank=15, reads_back_as="cron", dst=CRON_DST),
    text_format("quartz", "Quartz cron (6-7 fields with seconds and years)",
                read=_reads("quartz"), write=emit_quartz, sniff=looks_like_quartz, rank=20,
                lint=LintPaths(last_day="L"), decides_firing=True,
                dst=Dst("quartz", "Quartz CronExpression.getTimeAfter: a time in the gap is "
                              "skipped, a repeated time fires once, on its second pass "
                              "(observed; shared/reference/peers.md)")),
)
