"""How :mod:`cadence.formats.rrule` reads recurrence text into the IR and writes it
back, imported when the format is first used (see the format module for the choices)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from .._calendar import WEEKDAY_CODES, is_digits
from .._durations import parse_duration as read_duration_text
from .._grammar import Lexeme, read_text
from .._zones import (
    UTC,
    bound_seconds,
    instant_of,
    is_utc,
    local_of,
    resolve_zone,
    wall_time_in,
    zone_name,
)
from ..errors import NeverFiresError, ParseError, ScheduleError, UnsupportedError, ZoneError
from ..ir import (
    MAX_YEAR,
    HasRecurrence,
    Instance,
    MonthDays,
    Period,
    PeriodUnit,
    Recurrence,
    Rule,
    Weekdays,
    at_or_after,
    interned,
    occurrences,
    period_index,
)
from ..limits import MAX_COUNT, MAX_LIST_LENGTH, MAX_RRULE_LENGTH, MAX_RRULE_LINES
from . import _wording as wording
from ._firing import never_fires_reason
from ._readback import zone_name_round_trips

FREQUENCIES: dict[str, PeriodUnit] = {
    "YEARLY": "year", "MONTHLY": "month", "WEEKLY": "week", "DAILY": "day",
    "HOURLY": "hour", "MINUTELY": "minute", "SECONDLY": "second",
}
_FREQ_OF_UNIT = {unit: name for name, unit in FREQUENCIES.items()}
#: RFC 5545's weekday codes, Monday first.
DAY_CODES = WEEKDAY_CODES
_RULE_PARTS = ("FREQ", "INTERVAL", "UNTIL", "COUNT", "BYSECOND", "BYMINUTE", "BYHOUR",
               "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS",
               "WKST")
#: The FREQs with which RFC 5545's table (3.3.10) allows each year part.
_YEAR_PARTS_FREQ: dict[str, tuple[PeriodUnit, ...]] = {
    "BYYEARDAY": ("year", "hour", "minute", "second"), "BYWEEKNO": ("year",)}
_ALL_HOURS = tuple(range(24))
_ALL_MONTHS = tuple(range(1, 13))
_ALL_MINUTES = tuple(range(60))
_KNOWN_PARTS = frozenset(_RULE_PARTS)
_FINER = ("year", "month", "week", "day", "hour", "minute", "second")
#: FREQ's unit -> its place in _FINER.
_RANK = {unit: rank for rank, unit in enumerate(_FINER)}
_DATE_TIME = re.compile(
    r"^([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})(Z)?)?$")
_SIGNS = ("+", "-")
_PLUS = ("+",)
#: BYDAY values without a number, the common case, read without the pattern.
_PLAIN_DAYS = {code: index for index, code in enumerate(WEEKDAY_CODES)}
_BYDAY = re.compile(r"^([+-]?)([0-9]{0,2})(MO|TU|WE|TH|FR|SA|SU)$")
_WEEKDAYS_MON_FRI = (0, 1, 2, 3, 4)


# -- reading ----------------------------------------------------------------------------


_Part = tuple[list[Lexeme], list[Lexeme] | None]  # NAME[,NAME]=VALUE,... or a value list


class _Line(NamedTuple):
    """One content line: its name, parameters and value parts, with their columns."""

    text: str
    offset: int
    name: str
    params: dict[str, str]
    parts: list[_Part]


class _Moment(NamedTuple):
    """A DATE or DATE-TIME value: the wall clock, and whether it was UTC or a date."""

    wall: datetime
    utc: bool
    is_date: bool


@dataclass(slots=True)
class _Reader:
    source: str
    tz: tzinfo
    zone: tzinfo | None = None
    dtstart: _Moment | None = None
    rules: list[tuple[Rule, _Line]] = field(default_factory=list)
    ends: list[datetime | None] = field(default_factory=list)
    exclusions: list[tuple[Rule, _Line]] = field(default_factory=list)
    exclusion_ends: list[datetime | None] = field(default_factory=list)
    dates: list[Instance] = field(default_factory=list)
    excluded: list[datetime] = field(default_factory=list)
    excluded_days: list[date] = field(default_factory=list)

    def fail(self, line: _Line, reason: str, token: Lexeme | None = None,
             part: str | None = None) -> ParseError:
        column = None
        length = 1
        if token is not None:
            column = _column(token) + line.offset
            length = max(1, len(token.text))
        return ParseError(f"{line.name or 'RRULE'}: {reason}", line.text, column=column,
                          field=part, length=length)


def _column(word: Lexeme) -> int:
    """The 1-based column of ``word`` in its (one-line) content line."""
    return word.start + 1


def parse_rrule(source: str, *, tz: str | tzinfo | None = None) -> Recurrence:
    """Read recurrence text (DTSTART, RRULE and EXDATE lines) into a recurrence.

    >>> text = "DTSTART:20260131T120000Z\\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2"
    >>> s = occurrences(parse_rrule(text))
    >>> [t.isoformat() for t in s.iter_after("2026-01-01T00:00Z")]
    ['2026-01-31T12:00:00+00:00', '2026-02-28T12:00:00+00:00']
    """
    if not isinstance(source, str):
        raise ParseError(f"recurrence text must be a string, not {type(source).__name__}", "")
    if len(source) > MAX_RRULE_LENGTH:
        raise ParseError(f"recurrence text is {len(source)} characters long; cadence reads at "
                         f"most {MAX_RRULE_LENGTH}", source[:60] + "...")
    reader = _Reader(source, resolve_zone(tz))
    lines = _lines(source)
    if not lines:
        raise ParseError("recurrence text is empty; write an RRULE line such as "
                         "'RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0'", source)
    names = [line.name for line in lines]
    if names.count("RRULE") + names.count("EXRULE") > MAX_RRULE_LINES:
        rule_lines = [line for line in lines if line.name in ("RRULE", "EXRULE")]
        extra = rule_lines[MAX_RRULE_LINES]
        raise ParseError(f"{extra.name}: the text has {len(rule_lines)} RRULE and EXRULE "
                         f"lines; cadence reads at most {MAX_RRULE_LINES}: merge them",
                         extra.text, column=1, field=extra.name, length=len(extra.name))
    if "RRULE" not in names and "RDATE" not in names:
        raise ParseError("there is no RRULE or RDATE line; cadence needs a rule such as "
                         "'RRULE:FREQ=DAILY'", source)
    if "DTSTART" in names:
        for line in lines:
            if line.name == "DTSTART":
                _read_dtstart(reader, line)
    zone = reader.zone or reader.tz
    reader.zone = zone
    for line in lines:
        if line.name in ("RRULE", "EXRULE"):
            _read_rule(reader, line)
        elif line.name in ("EXDATE", "RDATE"):
            _read_dates(reader, line)
        elif line.name != "DTSTART":
            raise _unknown_line(reader, line)
    if not reader.rules and not reader.dates:
        raise ParseError("there is no RRULE or RDATE line; cadence needs a rule such as "
                         "'RRULE:FREQ=DAILY'", source)
    return _schedule(reader, zone)


def _lines(source: str) -> list[_Line]:
    if "\n " in source or "\n\t" in source:  # folded lines (RFC 5545 3.1)
        source = _FOLD.sub("", source)
    lines: list[_Line] = []
    for raw in source.split("\n"):  # a "\r" before it goes with the strip
        text = raw.strip()
        if not text:
            continue
        offset = 0
        parsed = text
        if text[:5].upper() == "FREQ=":  # a bare rule, as dateutil's rrulestr accepts
            parsed, offset = "RRULE:" + text, -6
        lines.append(_read_line(text, parsed, offset))
    return lines


class _Param(NamedTuple):  # named tuples: built on every parse, and quick to build
    key: str  # upper-cased
    value: str  # without the quotes


class _Content(NamedTuple):
    params: dict[str, str]
    parts: list[_Part]
    name: str = ""  # the quick reader's: the line's name, upper-cased


class _LineActions:
    """Builds one content line's parameters and parts from ``grammars/rrule.lark``; what
    they mean is checked by the readers below, which know the line."""

    def __init__(self, name: str, text: str, offset: int) -> None:
        self.name = name
        self.text = text
        self.offset = offset

    def start(self, *children: object) -> _Content:
        params = {child.key: child.value for child in children if isinstance(child, _Param)}
        parts = next((child for child in children if isinstance(child, list)), [])
        return _Content(params, parts)

    def param(self, *children: Lexeme) -> _Param:
        key, value = _words(children)
        return _Param(key.text.upper(), value.text.strip('"'))

    def value(self, *children: _Part | Lexeme) -> list[_Part]:
        return [child for child in children if not isinstance(child, Lexeme)]  # no ';'

    def part(self, *children: object) -> _Part:
        groups = [child for child in children if isinstance(child, list)]
        _within_list_limit(self.name, groups, self.text, self.offset)
        return groups[0], groups[1] if len(groups) > 1 else None

    def values(self, *children: Lexeme) -> list[Lexeme]:
        return _words(children)


# Named tuples built the quick way: tuple.__new__ skips the generated __new__ (twice as
# fast, and the quick reader makes one per word).
_new_tuple = tuple.__new__
_FOLD = re.compile(r"\r?\n[ \t]")
_NAME = re.compile(r"[A-Za-z0-9-]*")
_WORD = r"[A-Za-z0-9+\-/_.]+"  # grammars/rrule.lark's WORD
_PIECE = rf"{_WORD}(?:,{_WORD})*(?:={_WORD}(?:,{_WORD})*)?"  # NAME=VALUE,... or a list
_VALUE = re.compile(rf"{_PIECE}(?:;{_PIECE})*")
_HEAD = re.compile(rf'({_WORD})((?:;{_WORD}=(?:{_WORD}|"[^"]*"))*):')
#: DTSTART with an optional TZID, as most texts write it: the quick reader's answer
#: for it, in one match (tests/test_rrule_quick_reader.py holds them equal).
_DTSTART_LINE = re.compile(rf"DTSTART(?:;TZID=({_WORD}))?:([0-9]{{8}}(?:T[0-9]{{6}}Z?)?)")
_PARAM = re.compile(rf';({_WORD})=({_WORD}|"[^"]*")')


def _quick_content(parsed: str, name: str | None, text: str, offset: int
                   ) -> _Content | None:
    """The content of a well-formed line, read without the parser: the same language as
    ``grammars/rrule.lark`` (which stays the reference), and several times as fast on
    the common case. ``None`` for anything else, which the parser then reads and
    explains."""
    head = _HEAD.match(parsed)
    if head is None:
        return None
    at = head.end()
    if _VALUE.fullmatch(parsed, at) is None:
        return None
    if name is None:
        name = head.group(1).upper()
    params = ({found.group(1).upper(): found.group(2).strip('"')
               for found in _PARAM.finditer(parsed, head.start(2), head.end(2))}
              if head.end(2) > head.start(2) else {})
    parts: list[_Part] = []
    for piece in parsed[at:].split(";"):
        names, equals, value = piece.partition("=")
        words = _words_from(names, at)
        at += len(names) + 1  # the names and the '=' or ';' after them
        values = None
        if equals:
            values = _words_from(value, at)
            at += len(value) + 1
        if len(words) > MAX_LIST_LENGTH or (values and len(values) > MAX_LIST_LENGTH):
            _within_list_limit(name, [words] if values is None else [words, values], text,
                               offset)
        parts.append((words, values))
    return _new_tuple(_Content, (params, parts, name))


def _words_from(group: str, at: int) -> list[Lexeme]:
    """The comma-separated words of ``group``, which starts at offset ``at``."""
    if "," not in group:
        return [_new_tuple(Lexeme, ("WORD", group, at, at + len(group)))]
    words = []
    for word in group.split(","):
        end = at + len(word)
        words.append(_new_tuple(Lexeme, ("WORD", word, at, end)))
        at = end + 1
    return words


def _read_line(text: str, parsed: str, offset: int) -> _Line:
    dtstart = _DTSTART_LINE.fullmatch(parsed)
    if dtstart is not None:  # the line every text starts with, read in one match
        zone, value = dtstart.groups()
        return _new_tuple(_Line, (text, offset, "DTSTART", {"TZID": zone} if zone else {}, [
            ([_new_tuple(Lexeme, ("WORD", value, dtstart.start(2), dtstart.end(2)))], None)]))
    quick = _quick_content(parsed, None, text, offset)
    if quick is not None:
        return _new_tuple(_Line, (text, offset, quick.name, quick.params, quick.parts))
    found = _NAME.match(parsed)
    name = found.group().upper() if found else ""

    def where(column: int) -> str | None:
        return name or None

    content = read_text("rrule.lark", parsed, _LineActions(name, text, offset), source=text,
                        offset=offset, where=where, what=f"{name or 'recurrence'} line")
    assert isinstance(content, _Content)
    return _Line(text, offset, name, content.params, content.parts)


def _within_list_limit(name: str, groups: list[list[Lexeme]], text: str, offset: int) -> None:
    """Refuse a BY-list or EXDATE list of more than MAX_LIST_LENGTH values."""
    values = max(groups, key=len)
    if len(values) <= MAX_LIST_LENGTH:
        return
    part = groups[0][0].text.upper() if values is not groups[0] else name or "RRULE"
    extra = values[MAX_LIST_LENGTH]
    raise ParseError(f"{name or 'RRULE'}: {part} lists {len(values)} values; cadence reads "
                     f"at most {MAX_LIST_LENGTH} values in one list: shorten it", text,
                     column=_column(extra) + offset, field=part, length=len(extra.text))


def _words(children: Sequence[Lexeme]) -> list[Lexeme]:
    """The names and values among ``children``, without the punctuation."""
    return [child for child in children if child.kind in ("WORD", "QUOTED")]


def _unknown_line(reader: _Reader, line: _Line) -> ParseError:
    return ParseError(f"unknown line {line.name or line.text[:20]}; recurrence text has "
                      "DTSTART, RRULE, RDATE, EXDATE and EXRULE lines", line.text, column=1,
                      field=line.name or None, length=max(1, len(line.name)))


def _single_value(reader: _Reader, line: _Line) -> Lexeme:
    if len(line.parts) != 1 or line.parts[0][1] is not None or len(line.parts[0][0]) != 1:
        raise reader.fail(line, "expected one date or date-time after ':', such as "
                          "20261123T090000")
    return line.parts[0][0][0]


def _read_dtstart(reader: _Reader, line: _Line) -> None:
    if reader.dtstart is not None:
        raise ParseError("DTSTART: DTSTART is given twice; keep one", line.text, column=1,
                         field="DTSTART", length=len("DTSTART"))
    token = _single_value(reader, line)
    moment = _moment(reader, line, token, "DTSTART", line.params.get("VALUE"))
    zone_text = line.params.get("TZID")
    for key in line.params:
        if key not in ("TZID", "VALUE"):
            raise reader.fail(line, f"unknown parameter {key}; DTSTART takes TZID and VALUE")
    if zone_text is not None:
        if moment.utc:
            raise reader.fail(line, "a UTC time (ending in 'Z') cannot also have a TZID; "
                              "drop one of them", token, "DTSTART")
        reader.zone = _zone(reader, line, zone_text)
    elif moment.utc:
        reader.zone = UTC
    reader.dtstart = moment


def _zone(reader: _Reader, line: _Line, zone_text: str) -> tzinfo:
    """The zone a TZID parameter names; an unknown one is a ParseError pointing at it."""
    try:
        return resolve_zone(zone_text, where=f"{line.name};TZID", local=False)
    except ZoneError as exc:
        found = line.text.find(zone_text)
        raise ParseError(str(exc), line.text,
                         column=found + 1 if found >= 0 else None, field="TZID",
                         length=max(1, len(zone_text))) from None


def _moment(reader: _Reader, line: _Line, token: Lexeme, part: str,
            value_type: str | None = None) -> _Moment:
    text = token.text.upper()
    found = _DATE_TIME.match(text)
    if found is None:
        raise reader.fail(line, f"{token.text} is not a date (YYYYMMDD) or date-time "
                          "(YYYYMMDDTHHMMSS, optionally ending in Z)", token, part)
    year, month, day, hour, minute, second, utc = found.groups()
    is_date = hour is None
    if value_type is not None and value_type.upper() not in ("DATE", "DATE-TIME"):
        raise reader.fail(line, f"VALUE={value_type} is not DATE or DATE-TIME")
    if value_type is not None and (value_type.upper() == "DATE") != is_date:
        raise reader.fail(line, f"{token.text} does not match VALUE={value_type}", token, part)
    try:
        wall = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                        int(second or 0))
    except ValueError as exc:
        raise reader.fail(line, f"{token.text} is not a real date and time ({exc})", token,
                          part) from None
    return _new_tuple(_Moment, (wall, utc is not None, is_date))


def _instant(moment: _Moment, zone: tzinfo) -> datetime:
    """The aware datetime a DATE or DATE-TIME value names (first pass of a repeat)."""
    if moment.utc:
        return moment.wall.replace(tzinfo=UTC)
    return wall_time_in(moment.wall, zone)


def _shifted(moment: datetime, seconds: int) -> datetime:
    """``moment`` moved by ``seconds`` of elapsed time, in its own zone.

    Aware datetime arithmetic moves the wall clock, which lands an hour off next to a
    DST change (03:00 EDT minus one second is 02:59:59, a time that does not exist).
    """
    zone = moment.tzinfo
    return (moment.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(zone)


def _end_after(moment: datetime) -> datetime | None:
    """The exclusive end just after ``moment``; ``None`` (no end) when ``moment`` is the
    last second datetime can hold, which bounds nothing."""
    try:
        return _shifted(moment, 1)
    except OverflowError:
        return None


def _read_rule(reader: _Reader, line: _Line) -> None:
    parts: dict[str, tuple[list[Lexeme], Lexeme]] = {}
    for names, values in line.parts:
        name_token = names[0]
        name = name_token.text.upper()
        if values is None or len(names) != 1:
            raise reader.fail(line, f"{name_token.text} is not NAME=VALUE, such as FREQ=DAILY",
                              name_token)
        if name not in _KNOWN_PARTS:
            raise reader.fail(line, f"unknown rule part {name}; RRULE takes "
                              + ", ".join(_RULE_PARTS), name_token, name)
        if name in parts:
            raise reader.fail(line, f"{name} is given twice; keep one", name_token, name)
        parts[name] = (values, name_token)
    rule_reader = _RuleReader(reader, line, parts)
    rule, end = rule_reader.read()
    if line.name == "EXRULE":
        reader.exclusions.append((rule, line))
        reader.exclusion_ends.append(end)
    else:
        reader.rules.append((rule, line))
        reader.ends.append(end)


def _read_dates(reader: _Reader, line: _Line) -> None:
    """RDATE and EXDATE: DATE, DATE-TIME (floating, UTC or with TZID) and, for RDATE,
    PERIOD values (start/end or start/duration, which open a window).

    An EXDATE of DATE values removes whole days (cadence's excluded dates); one of
    DATE-TIME values removes those instants. An RDATE of DATE values adds midnight of
    each day, as python-dateutil reads them."""
    zone = reader.zone or reader.tz
    zone_text = line.params.get("TZID")
    for key in line.params:
        if key not in ("TZID", "VALUE"):
            raise reader.fail(line, f"unknown parameter {key}; {line.name} takes TZID and "
                              "VALUE")
    value_type = line.params.get("VALUE")
    period = value_type is not None and value_type.upper() == "PERIOD"
    if period and line.name != "RDATE":
        raise reader.fail(line, "VALUE=PERIOD is for RDATE; EXDATE takes dates or "
                          "date-times")
    if zone_text is not None:
        zone = _zone(reader, line, zone_text)
    for names, values in line.parts:
        if values is not None:
            raise reader.fail(line, f"{line.name} takes dates or date-times separated by ','",
                              names[0])
        for token in names:
            if period or "/" in token.text:
                reader.dates.append(_period(reader, line, token, zone))
                continue
            moment = _moment(reader, line, token, line.name, value_type)
            if line.name == "RDATE":
                reader.dates.append(Instance(_instant(moment, zone)))
            elif moment.is_date:
                reader.excluded_days.append(moment.wall.date())
            else:
                reader.excluded.append(_instant(moment, zone))


def _period(reader: _Reader, line: _Line, token: Lexeme, zone: tzinfo) -> Instance:
    """An RDATE PERIOD value: ``start/end`` or ``start/duration`` (RFC 5545, 3.3.9)."""
    first, _, second = token.text.partition("/")
    if not second:
        raise reader.fail(line, f"{token.text} is not a period such as "
                          "19970101T180000Z/PT5H30M", token, line.name)
    start_token = Lexeme(token.kind, first, token.start, token.start + len(first))
    start = _instant(_moment(reader, line, start_token, line.name, "DATE-TIME"), zone)
    length = parse_duration(second)
    if length is None and second.upper().lstrip("+-").startswith("P"):
        raise reader.fail(line, f"{second[:40]} is not a duration such as PT1H30M or P2D "
                          "that fits before the year 9999", token, line.name)
    if length is None:
        end_token = Lexeme(token.kind, second, token.start + len(first) + 1, token.end)
        end = _instant(_moment(reader, line, end_token, line.name, "DATE-TIME"), zone)
    else:
        try:
            end = _shifted(start, int(length.total_seconds()))
        except OverflowError:
            raise reader.fail(line, f"the period {token.text} runs past the year 9999",
                              token, line.name) from None
    if end < start:
        raise reader.fail(line, f"the period {token.text} ends before it starts", token,
                          line.name)
    return Instance(start, end)


def parse_duration(text: str) -> timedelta | None:
    """An RFC 5545 DURATION value (``PT1H30M``, ``P2D``, ``P1W``), or ``None`` (also for
    one longer than a timedelta holds); read by :mod:`cadence._durations`.

    >>> parse_duration("PT1H30M"), parse_duration("P1W"), parse_duration("1H")
    (datetime.timedelta(seconds=5400), datetime.timedelta(days=7), None)
    """
    try:
        return read_duration_text(text, rfc5545=True)
    except ScheduleError:
        return None


class _RuleReader:
    """One RRULE line's parts -> a rule and its end bound."""

    def __init__(self, reader: _Reader, line: _Line,
                 parts: dict[str, tuple[list[Lexeme], Lexeme]]) -> None:
        self.reader = reader
        self.line = line
        self.parts = parts
        self.start = reader.dtstart

    def fail(self, reason: str, token: Lexeme | None = None, part: str | None = None
             ) -> ParseError:
        return self.reader.fail(self.line, reason, token, part)

    def values(self, name: str) -> list[Lexeme] | None:
        found = self.parts.get(name)
        return found[0] if found is not None else None

    def one(self, name: str) -> Lexeme | None:
        values = self.values(name)
        if values is None:
            return None
        if len(values) != 1:
            raise self.fail(f"{name} takes one value", values[1], name)
        return values[0]

    def integers(self, name: str, low: int, high: int, *, signed: bool = False,
                 hint: str = "") -> list[int] | None:
        found = self.parts.get(name)
        if found is None:
            return None
        numbers: list[int] = []
        signs = _SIGNS if signed else _PLUS
        for token in found[0]:
            text = token.text
            if not is_digits(text[1:] if text[:1] in signs else text):
                raise self.fail(f"{name} takes whole numbers {low}..{high}{hint}, "
                                f"not {text!r}", token, name)
            number = int(text) if len(text) <= 12 else None  # no huge int conversions
            if number is None or not (low <= abs(number) <= high if signed
                                      else low <= number <= high):
                span = f"{low}..{high} or -{high}..-{low}" if signed else f"{low}..{high}"
                shown = text if number is None else str(number)
                raise self.fail(f"{name} value {shown[:20]} is out of range {span}{hint}",
                                token, name)
            numbers.append(number)
        return numbers

    def read(self) -> tuple[Rule, datetime | None]:
        freq_token = self.one("FREQ")
        if freq_token is None:
            raise self.fail("FREQ is missing; every RRULE needs one, such as FREQ=DAILY",
                            part="FREQ")
        unit = FREQUENCIES.get(freq_token.text.upper())
        if unit is None:
            raise self.fail(f"FREQ={freq_token.text} is not one of "
                            + ", ".join(FREQUENCIES), freq_token, "FREQ")
        parts = self.parts
        # Parts are tested for here as well as in the methods: a call per absent part
        # costs measurably on every parse (benchmarks/bench_rrule.py).
        year_days, week_numbers = self.year_parts(unit) if (
            "BYYEARDAY" in parts or "BYWEEKNO" in parts) else ([], [])
        interval = (self.integers("INTERVAL", 1, 1_000_000) or [1])[0] if (
            "INTERVAL" in parts) else 1
        week_start = 0
        wkst = self.one("WKST") if "WKST" in parts else None
        if wkst is not None:
            if wkst.text.upper() not in DAY_CODES:
                raise self.fail(f"WKST={wkst.text} is not one of {', '.join(DAY_CODES)}", wkst,
                                "WKST")
            week_start = DAY_CODES.index(wkst.text.upper())
        seconds = self.integers("BYSECOND", 0, 59, hint=" (cadence has no leap second 60)"
                                ) if "BYSECOND" in parts else None
        minutes = self.integers("BYMINUTE", 0, 59) if "BYMINUTE" in parts else None
        hours = self.integers("BYHOUR", 0, 23) if "BYHOUR" in parts else None
        months = self.integers("BYMONTH", 1, 12) if "BYMONTH" in parts else None
        rank = _RANK[unit]
        if self.start is None:
            self.need_times(unit, {"BYHOUR": hours, "BYMINUTE": minutes, "BYSECOND": seconds},
                            rank)
        seconds = seconds or self.default(unit, "second", rank >= 6)
        minutes = minutes or self.default(unit, "minute", rank >= 5)
        hours = hours or self.default(unit, "hour", rank >= 4)
        month_days, weekdays, year_weekdays = (
            self.days(unit, months, bool(week_numbers))
            if "BYDAY" in parts or "BYMONTHDAY" in parts else (None, None, ()))
        # Days of the year and week numbers pick the days of a YEARLY rule themselves:
        # DTSTART's month and day are not filled in then (RFC 5545, as in dateutil).
        if (month_days is None and weekdays is None and unit in ("year", "month", "week")
                and not (year_days or week_numbers or year_weekdays)):
            month_days, weekdays, months = self.day_defaults(unit, months)
        positions: tuple[int, ...] = ()
        if "BYSETPOS" in parts:
            month_days, weekdays, positions = self.set_position(
                unit, month_days, weekdays, len(seconds) * len(minutes) * len(hours))
        count, counted_from = (self.count(), self.counted_from()) if "COUNT" in parts else (
            None, None)
        period = None
        if interval > 1:
            if self.start is None:
                raise self.fail("INTERVAL needs DTSTART: the interval counts from it",
                                self.parts["INTERVAL"][1], "INTERVAL")
            wall = self.start.wall
            phase = period_index(unit, wall.date(),
                                 wall.hour * 3600 + wall.minute * 60 + wall.second,
                                 week_start) % interval
            period = interned(Period, unit, interval, phase, week_start)
        try:
            times = (tuple(seconds), tuple(minutes), tuple(hours),
                     tuple(months) if months else _ALL_MONTHS)
            if year_days or week_numbers or week_start or year_weekdays or positions or count:
                rule = Rule(*times, month_days=month_days, weekdays=weekdays, skip_gaps=True,
                            period=period, year_days=tuple(year_days),
                            week_numbers=tuple(week_numbers), week_start=week_start,
                            year_weekdays=year_weekdays, positions=positions,
                            position_unit=unit if positions else None, count=count,
                            start=counted_from)
            else:  # the common rule, positionally: a Rule is built on every parse
                rule = Rule(*times, month_days, weekdays, "and", None, True, True, False, None,
                            (), period)
        except NeverFiresError as exc:
            raise NeverFiresError(f"{self.line.text!r} never fires: {exc}") from None
        except ScheduleError as exc:
            raise self.fail(str(exc)) from None
        return rule, self.end() if "UNTIL" in parts else None

    def year_parts(self, unit: PeriodUnit) -> tuple[list[int], list[int]]:
        """BYYEARDAY and BYWEEKNO, where RFC 5545's table (3.3.10) allows them: BYYEARDAY
        in YEARLY rules (which it expands) and in SECONDLY, MINUTELY and HOURLY ones
        (which it limits), BYWEEKNO in YEARLY rules only. In the IR both are filters of
        days, so YEARLY's expansion is the intersection of the parts."""
        if "BYYEARDAY" not in self.parts and "BYWEEKNO" not in self.parts:
            return [], []
        for name, units in _YEAR_PARTS_FREQ.items():
            if name in self.parts and unit not in units:
                raise self.fail(f"{name} cannot be used with FREQ={_FREQ_OF_UNIT[unit]} "
                                f"(RFC 5545); {name} goes with "
                                + ("FREQ=YEARLY" if len(units) == 1 else
                                   "FREQ=YEARLY, HOURLY, MINUTELY or SECONDLY"),
                                self.parts[name][1], name)
        year_days = self.integers("BYYEARDAY", 1, 366, signed=True) or []
        week_numbers = self.integers("BYWEEKNO", 1, 53, signed=True) or []
        return year_days, week_numbers

    def need_times(self, unit: PeriodUnit, given: dict[str, list[int] | None],
                   rank: int) -> None:
        """Without DTSTART, the time parts coarser than FREQ must all be given."""
        missing = [name for level, (name, values) in enumerate(given.items(), start=4)
                   if values is None and rank < level]
        if missing:
            listed = (", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1
                      else missing[0])
            raise self.fail(f"{listed} {'are' if len(missing) > 1 else 'is'} needed "
                            f"without DTSTART: a FREQ={_FREQ_OF_UNIT[unit]} rule takes the "
                            "time of day it leaves out from DTSTART", part=missing[0])

    def default(self, unit: PeriodUnit, part: str, every: bool) -> list[int]:
        """The values of a time part the rule leaves out: all, or DTSTART's."""
        if every:
            return list(_ALL_HOURS if part == "hour" else _ALL_MINUTES)
        if self.start is None:
            raise self.fail(f"BY{part.upper()} is needed without DTSTART: a FREQ="
                            f"{_FREQ_OF_UNIT[unit]} rule takes its {part} from DTSTART")
        return [getattr(self.start.wall, part)]

    def days(self, unit: PeriodUnit, months: list[int] | None, week_numbers: bool
             ) -> tuple[MonthDays | None, Weekdays | None, tuple[tuple[int, int], ...]]:
        """BYMONTHDAY and BYDAY, and the weekdays BYDAY counts in the whole year (a YEARLY
        rule without BYMONTH numbers them so: ``20MO`` is the 20th Monday of the year)."""
        month_days = None
        numbers = self.integers("BYMONTHDAY", 1, 31, signed=True)
        if numbers is not None:
            if unit == "week":
                raise self.fail("BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545)",
                                self.parts["BYMONTHDAY"][1], "BYMONTHDAY")
            month_days = interned(MonthDays, tuple(n for n in numbers if n > 0),
                                  tuple(-n - 1 for n in numbers if n < 0))
        weekdays = None
        in_year: list[tuple[int, int]] = []
        tokens = self.values("BYDAY")
        if tokens is not None:
            plain: list[int] = []
            nth: list[tuple[int, int]] = []
            last: list[int] = []
            for token in tokens:
                plain_day = _PLAIN_DAYS.get(token.text.upper())
                if plain_day is not None:
                    plain.append(plain_day)
                    continue
                found = _BYDAY.match(token.text.upper())
                if found is None:
                    raise self.fail(f"BYDAY value {token.text} is not a weekday such as MO, 2MO "
                                    "or -1FR", token, "BYDAY")
                sign, digits, code = found.groups()
                weekday = DAY_CODES.index(code)
                if not digits:
                    if sign:
                        raise self.fail(f"BYDAY value {token.text} has a sign but no number",
                                        token, "BYDAY")
                    plain.append(weekday)
                    continue
                ordinal = int(digits) * (-1 if sign == "-" else 1)
                self.check_ordinal(unit, months, token, ordinal, week_numbers)
                if unit == "year" and months is None:
                    in_year.append((weekday, ordinal))
                elif ordinal == -1:
                    last.append(weekday)
                else:
                    nth.append((weekday, ordinal))
            if in_year and plain:
                listed = ",".join(token.text for token in tokens)
                raise self.fail(
                    f"BYDAY={listed} mixes plain weekdays with weekdays counted in the year, "
                    "a union cadence's rules cannot say in one line; write them as two "
                    "RRULE lines", self.parts["BYDAY"][1], "BYDAY")
            if not in_year:
                weekdays = interned(Weekdays, tuple(plain), tuple(nth), tuple(last))
        return month_days, weekdays, tuple(in_year)

    def check_ordinal(self, unit: PeriodUnit, months: list[int] | None, token: Lexeme,
                      ordinal: int, week_numbers: bool) -> None:
        if unit not in ("month", "year"):
            raise self.fail(f"BYDAY value {token.text} has a number, which only MONTHLY and "
                            "YEARLY rules allow (RFC 5545)", token, "BYDAY")
        if week_numbers:
            raise self.fail(f"BYDAY value {token.text} has a number, which RFC 5545 forbids "
                            "in a YEARLY rule with BYWEEKNO; drop the number (BYDAY=MO is "
                            "the Monday of each listed week)", token, "BYDAY")
        if unit == "year" and months is None:  # counted in the whole year
            if ordinal == 0 or not -53 <= ordinal <= 53:
                raise self.fail(f"BYDAY value {token.text} is out of range: a year has at "
                                "most 53 of each weekday (1 to 53, or -53 to -1)", token,
                                "BYDAY")
            return
        if ordinal == 0 or not -5 <= ordinal <= 5:
            raise self.fail(f"BYDAY value {token.text} is out of range: a month has at most "
                            "5 of each weekday (1 to 5, or -5 to -1 from the end)", token,
                            "BYDAY")

    def day_defaults(self, unit: PeriodUnit, months: list[int] | None
                     ) -> tuple[MonthDays | None, Weekdays | None, list[int] | None]:
        """What DTSTART says for a YEARLY, MONTHLY or WEEKLY rule without day parts."""
        if self.start is None:
            raise self.fail(f"BYMONTHDAY or BYDAY is needed without DTSTART: a FREQ="
                            f"{_FREQ_OF_UNIT[unit]} rule takes its day from DTSTART")
        wall = self.start.wall
        if unit == "week":
            return None, interned(Weekdays, (wall.weekday(),)), months
        if unit == "year" and months is None:
            months = [wall.month]
        return interned(MonthDays, (wall.day,)), None, months

    def set_position(self, unit: PeriodUnit, month_days: MonthDays | None,
                     weekdays: Weekdays | None, times_per_day: int
                     ) -> tuple[MonthDays | None, Weekdays | None, tuple[int, ...]]:
        """BYSETPOS: where the IR has a plainer word for it (the first or last weekday
        of a month, the n-th or last of one weekday), that word, so that other formats
        can say it; otherwise the positions, counted in each FREQ period."""
        positions = self.integers("BYSETPOS", 1, 366, signed=True)
        if positions is None:
            return month_days, weekdays, ()
        if (unit == "month" and len(positions) == 1 and times_per_day == 1
                and month_days is None and weekdays is not None
                and not weekdays.nth and not weekdays.last):
            position = positions[0]
            if weekdays.days == _WEEKDAYS_MON_FRI and position in (1, -1):
                days = (MonthDays(nearest_weekday=(1,)) if position == 1
                        else MonthDays(last_weekday=True))
                return days, None, ()
            if len(weekdays.days) == 1 and (1 <= position <= 5 or position == -1):
                weekday = weekdays.days[0]
                if position == -1:
                    return None, Weekdays(last=(weekday,)), ()
                return None, Weekdays(nth=((weekday, position),)), ()
        return month_days, weekdays, tuple(positions)

    def end(self) -> datetime | None:
        """The exclusive end bound UNTIL gives (COUNT is counted later)."""
        until = self.one("UNTIL")
        count = self.one("COUNT")
        if until is not None and count is not None:
            raise self.fail("UNTIL and COUNT cannot both be given (RFC 5545); keep one",
                            count, "COUNT")
        if until is None:
            return None
        zone = self.reader.zone or self.reader.tz
        moment = self._until(until)
        return _end_after(_instant(moment, zone))

    def _until(self, token: Lexeme) -> _Moment:
        return _moment(self.reader, self.line, token, "UNTIL")

    def count(self) -> int | None:
        """COUNT, kept as a number: the engine counts as it walks, so reading the rule
        costs the same for any COUNT."""
        values = self.integers("COUNT", 1, MAX_COUNT)
        if values is None:
            return None
        if self.start is None:
            raise self.fail("COUNT needs DTSTART: occurrences are counted from it",
                            self.parts["COUNT"][1], "COUNT")
        return values[0]

    def counted_from(self) -> datetime | None:
        """Where a counted rule counts from: DTSTART."""
        if "COUNT" not in self.parts or self.start is None:
            return None
        return _instant(self.start, self.reader.zone or self.reader.tz)


def _schedule(reader: _Reader, zone: tzinfo) -> Recurrence:
    """The recurrence: an end shared by every RRULE line (and no COUNT) is the
    schedule's end; lines that end differently keep their own ends."""
    start = _instant(reader.dtstart, zone) if reader.dtstart is not None else None
    ends = reader.ends
    if len(ends) == 1 and not (reader.exclusions or reader.excluded or reader.excluded_days
                               or reader.dates):  # one RRULE line and nothing else
        rule, line = reader.rules[0]
        # With COUNT there is no UNTIL (the two are refused together).
        recurrence = Recurrence((rule,), zone, format="rrule", source=reader.source,
                                start=start, end=ends[0])
        _fires_after(rule, line, start, ends[0], zone)
        return recurrence
    rules = [rule for rule, _ in reader.rules]
    # UNTIL ends its RRULE, not the RDATEs: with RDATEs, each rule keeps its own end.
    shared = (len(set(ends)) == 1 and not any(rule.count for rule in rules)
              and not reader.dates)
    if not shared:
        rules = [replace(rule, end=end) if end is not None else rule
                 for rule, end in zip(rules, ends, strict=True)]
    exclusions = [replace(rule, end=end) if end is not None else rule
                  for (rule, _), end in zip(reader.exclusions, reader.exclusion_ends,
                                            strict=True)] if reader.exclusions else []
    excluded = reader.excluded
    if len(rules) == 1 and excluded:
        rules, excluded = whole_days(rules[0], excluded, zone,
                                      {instance.start for instance in reader.dates})
    if reader.excluded_days:
        rules = [replace(rule, excluded_dates=(*rule.excluded_dates, *reader.excluded_days))
                 for rule in rules]
    recurrence = Recurrence(rules, zone, format="rrule", source=reader.source, start=start,
                            end=ends[0] if shared and ends else None, dates=reader.dates,
                            excluded=excluded, exclusions=exclusions)
    for (rule, line), end in zip(reader.rules, ends, strict=True):
        _fires_after(rule, line, start, end, zone)
    _not_all_excluded(recurrence, start)
    return recurrence


def _not_all_excluded(recurrence: Recurrence, start: datetime | None) -> None:
    """A set that ends (each rule has a COUNT or an UNTIL) and whose EXDATEs and EXRULEs
    remove every occurrence it has never fires: a NeverFiresError. (A set that does not
    end has occurrences past any EXDATE; an EXRULE cancelling it all is not looked for.)"""
    if start is None or not (recurrence.excluded or recurrence.exclusions or any(
            rule.excluded_dates for rule in recurrence.rules)):
        return
    if recurrence.end is None and not all(rule.count is not None or rule.end is not None
                                          for rule in recurrence.rules):
        return
    if next(at_or_after(occurrences(recurrence), start), None) is None:
        raise NeverFiresError(
            "the schedule never fires: its exclusions (EXDATE, EXRULE) remove every "
            "occurrence it has; drop the exclusions that cancel them all")


def _fires_after(rule: Rule, line: _Line, start: datetime | None, end: datetime | None,
                 zone: tzinfo) -> None:
    """A rule that never fires (on no day at all, or none after DTSTART and before its
    end) is a mistake worth naming: a NeverFiresError."""
    reason = never_fires_reason(rule)
    if reason is not None:
        raise NeverFiresError(f"{line.text!r} never fires: {reason}")
    if start is None or (end is None and _surely_fires(rule, start)):
        return
    plain = rule if not (rule.excluded_dates or rule.count) else replace(
        rule, excluded_dates=(), count=None, start=None)
    single = occurrences(Recurrence(plain, zone, format="rrule", start=start, end=end))
    if next(at_or_after(single, start), None) is None:
        raise NeverFiresError(f"{line.text!r} never fires after DTSTART "
                              f"{start.isoformat()}")


#: A rule sure to fire on at least this many days in every year cannot be silenced by
#: DST gaps: a zone's clocks jump forward at most twice a year (four times counting
#: every change), and a gap takes at most one day's times.
_DAYS_NO_GAP_CAN_TAKE = 5


def _surely_fires(rule: Rule, start: datetime | None) -> bool:
    """Whether ``rule`` fires after ``start``, seen from its parts alone: it fires on at
    least :data:`_DAYS_NO_GAP_CAN_TAKE` days in every year, and a whole year is left.
    ``False`` means "look" (the walk decides), not "never"."""
    if start is not None and start.year >= MAX_YEAR - 1:
        return False
    if rule.has_year_parts or rule.years is not None:
        return False
    if rule.positions:
        return _positions_always_pick(rule)
    period = rule.period
    if period is None:
        return len(rule.months) * _days_in_every_month(rule) >= _DAYS_NO_GAP_CAN_TAKE
    if len(rule.months) != 12 or rule.month_days is not None:
        return False
    weekdays = rule.weekdays
    if period.unit == "week" and (weekdays is None or not (weekdays.nth or weekdays.last)):
        return 52 // period.every >= _DAYS_NO_GAP_CAN_TAKE
    if period.unit == "day" and weekdays is None:
        return 365 // period.every >= _DAYS_NO_GAP_CAN_TAKE
    return False  # other periods (every 5 months, every 7 hours...) can miss every day


def _days_in_every_month(rule: Rule) -> int:
    """A lower bound on the days the rule's day parts pick in any month (0: some month
    may have none)."""
    days, weekdays = rule.month_days, rule.weekdays
    if days is None:
        return 28 if weekdays is None else _weekdays_in_every_month(weekdays)
    by_day = 0
    if days.days or days.from_last:
        by_day = max(len([day for day in days.days if day <= 28]),
                     len([back for back in days.from_last if back <= 27]))
    if not by_day and (days.last_weekday or (days.nearest_weekday
                                              and days.nearest_weekday[0] <= 28)):
        by_day = 1
    if weekdays is None:
        return by_day
    if rule.day_match != "or":
        return 0
    return max(by_day, _weekdays_in_every_month(weekdays))


def _weekdays_in_every_month(weekdays: Weekdays) -> int:
    if weekdays.days:
        return 4 * len(weekdays.days)
    if weekdays.last:
        return 1
    for _, k in weekdays.nth:
        if 1 <= k <= 4 or -4 <= k <= -2:
            return 1
    return 0


def _positions_always_pick(rule: Rule) -> bool:
    """Whether every day, week or month of a BYSETPOS rule holds the positions it asks
    for (plain weekdays, all months, no period): it then fires in each of them."""
    weekdays = rule.weekdays
    if (rule.period is not None or rule.month_days is not None or len(rule.months) != 12
            or (weekdays is not None and (weekdays.nth or weekdays.last))):
        return False
    kinds = 7 if weekdays is None else len(weekdays.days)
    times = len(rule.seconds) * len(rule.minutes) * len(rule.hours)
    least = {"day": 1, "week": kinds, "month": 4 * kinds}.get(rule.position_unit or "", 0)
    return max(abs(position) for position in rule.positions) <= least * times


def whole_days(rule: Rule, excluded: list[datetime], zone: tzinfo, added: set[datetime]
                ) -> tuple[list[Rule], list[datetime]]:
    """EXDATE times that name every time a lone rule fires on a day, said as that day
    excluded (how cadence's other formats say it, and how :func:`emit_rrule` writes an
    excluded day), unless one of them also removes an RDATE (``added``). Decided from
    the rule's times of day, on days without an offset change; the cost grows with the
    EXDATE values only (a day's firings are counted, and laid out only when there are no
    more of them than EXDATEs naming that day)."""
    if rule.positions or rule.period is not None:
        return [rule], excluded
    by_day: dict[date, set[datetime]] = {}
    for moment in excluded:
        by_day.setdefault(moment.astimezone(zone).date(), set()).add(moment)
    days: list[date] = []
    kept: list[datetime] = []
    # Without a period the rule fires at the same times every day it fires: counted by
    # arithmetic, so a dense rule (every second) costs nothing on a day it cannot lose.
    firings = len(rule.hours) * len(rule.minutes) * len(rule.seconds)
    for day, moments in by_day.items():
        if firings != len(moments):  # the day keeps some, or an EXDATE misses the rule
            kept.extend(moments)
            continue
        midnight = datetime.combine(day, datetime.min.time())
        plain = (zone.utcoffset(midnight) == zone.utcoffset(midnight + timedelta(days=1))
                 if day < date.max else False)
        if (plain and rule.fires_on(day) and not moments & added
                and {instant_of(midnight + timedelta(seconds=second), zone)[0]
                     for second in rule.seconds_of_day}
                == {int(moment.timestamp()) for moment in moments}):
            days.append(day)
        else:
            kept.extend(moments)
    if not days:
        return [rule], excluded
    return [replace(rule, excluded_dates=(*rule.excluded_dates, *days))], kept


def _parts_of(line: _Line) -> dict[str, tuple[list[Lexeme], Lexeme]]:
    return {names[0].text.upper(): (values, names[0])
            for names, values in line.parts if values is not None}


# -- writing ----------------------------------------------------------------------------


def emit_rrule(source: HasRecurrence) -> str:
    """``schedule`` as RFC 5545 text: a DTSTART line (when it has a start), one RRULE line
    per rule, and EXDATE for excluded days.

    A schedule read from recurrence text gets its text back while its meaning is
    unchanged and the text says it on its own (text with a floating DTSTART, or none,
    read with ``tz=`` is written anew). A zone other than UTC needs a start, since
    DTSTART carries it.

    >>> import cadence
    >>> print(emit_rrule(cadence.parse("0 9 * * MON-FRI")))
    RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0
    """
    schedule = source.recurrence
    kept = _kept_text(schedule)
    if kept is not None:
        return kept
    schedule = _aware_bounds(schedule)
    zone = schedule.tz
    name = zone_name(zone)
    if not zone_name_round_trips(name):
        raise UnsupportedError("rrule", f"the time zone {name!r}",
                               "; DTSTART;TZID needs an IANA zone name")
    rules, start, end = _years_as_bounds(schedule)
    rules = [part for rule in rules for part in _split_or(rule)]
    start = _aligned_start(schedule, rules, start)
    utc = is_utc(zone)
    lines: list[str] = []
    if start is not None:
        wall = start.astimezone(zone)
        if wall.fold and _instant_seconds(wall.replace(fold=0)) != _instant_seconds(wall):
            raise UnsupportedError("rrule", f"a start in the second pass of a repeated hour "
                                   f"({wall.isoformat()})",
                                   "; RFC 5545 reads such a local time as its first pass")
        stamp = wall.strftime("%Y%m%dT%H%M%S")
        lines.append(f"DTSTART:{stamp}Z" if utc else f"DTSTART;TZID={name}:{stamp}")
    elif not utc:
        raise UnsupportedError(
            "rrule", f"a schedule in {name} without a start",
            "; RFC 5545 carries the zone on DTSTART: give the schedule a start "
            "(Schedule.bounded(start=...), or convert --at on the command line)")
    for rule in rules:
        lines.append("RRULE:" + _rule_text(rule) + _rule_end(rule, start, end))
    for rule in schedule.exclusions:  # the schedule's end bounds the set, not EXRULE
        lines.append("EXRULE:" + _rule_text(rule) + _rule_end(rule, start, None))
    stamp = "%Y%m%dT%H%M%SZ" if utc else "%Y%m%dT%H%M%S"
    if schedule.dates:
        lines.extend(_rdates(schedule.dates, zone, utc, name))
    exdates = sorted({*_exdates(rules, zone),
                      *(moment.astimezone(zone).replace(tzinfo=None)
                        for moment in schedule.excluded)})
    if exdates:
        values = ",".join(moment.strftime(stamp) for moment in exdates)
        lines.append(f"EXDATE:{values}" if utc else f"EXDATE;TZID={name}:{values}")
    return "\n".join(lines)


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _rule_end(rule: Rule, start: datetime | None, end: datetime | None) -> str:
    """``;COUNT=n`` or ``;UNTIL=...``: the rule's own end, else the schedule's. A counted
    rule counts from DTSTART, so its own start must be DTSTART."""
    if rule.start is not None and (start is None or _instant_seconds(rule.start)
                                   != _instant_seconds(start)):
        raise UnsupportedError("rrule", "rules starting at different moments",
                               "; one DTSTART starts every RRULE line")
    own = rule.end
    if own is not None and end is not None and _instant_seconds(end) < _instant_seconds(own):
        own = end
    if own is None:
        own = end
    if rule.count is not None:
        if own is not None:
            raise UnsupportedError("rrule", "a count of occurrences together with an end",
                                   "; RFC 5545 allows COUNT or UNTIL, not both")
        return f";COUNT={rule.count}"
    if own is None:
        return ""
    return ";UNTIL=" + _utc_stamp(datetime.fromtimestamp(_instant_seconds(own) - 1, UTC))


def _rdates(dates: Sequence[Instance], zone: tzinfo, utc: bool, name: str) -> list[str]:
    """RDATE lines: instants in the schedule's zone, windows as UTC periods."""
    lines: list[str] = []
    instants = [instance.start for instance in dates if instance.end is None]
    if instants:
        if utc:
            lines.append("RDATE:" + ",".join(_utc_stamp(moment) for moment in instants))
        else:
            lines.append(f"RDATE;TZID={name}:" + ",".join(
                moment.astimezone(zone).strftime("%Y%m%dT%H%M%S") for moment in instants))
    periods = [instance for instance in dates if instance.end is not None]
    if periods:
        lines.append("RDATE;VALUE=PERIOD:" + ",".join(
            f"{_utc_stamp(instance.start)}/{_utc_stamp(instance.end)}"
            for instance in periods if instance.end is not None))
    return lines


def _aware_bounds(schedule: Recurrence) -> Recurrence:
    """The schedule with its bounds as aware datetimes in its zone, rounded up to whole
    seconds (a naive bound is wall time in the zone)."""
    zone = schedule.tz
    start, end = (None if seconds is None else local_of(seconds, zone)
                  for seconds in (bound_seconds(schedule.start, zone),
                                  bound_seconds(schedule.end, zone)))
    return Recurrence(schedule.rules, zone, format=schedule.format,
                      source=schedule.source, start=start, end=end, dates=schedule.dates,
                      excluded=schedule.excluded, exclusions=schedule.exclusions)


def _instant_seconds(moment: datetime) -> int:
    """Whole seconds of an aware moment (bounds are made aware by :func:`_aware_bounds`)."""
    seconds = bound_seconds(moment, UTC)
    assert seconds is not None
    return seconds


def _kept_text(schedule: Recurrence) -> str | None:
    """The source text, when it still says the schedule on its own: read without
    ``tz=`` (a floating DTSTART read with ``tz=`` does not carry its zone)."""
    if schedule.format != "rrule" or not schedule.source:
        return None
    try:
        again = parse_rrule(schedule.source)
    except ScheduleError:
        return None
    return schedule.source if again == schedule else None


def _years_as_bounds(schedule: Recurrence
                     ) -> tuple[list[Rule], datetime | None, datetime | None]:
    """Listed years become DTSTART and UNTIL when they are one run shared by every rule."""
    rules = list(schedule.rules)
    start, end = schedule.start, schedule.end
    years = {rule.years for rule in rules}
    if years <= {None}:
        return rules, start, end
    listed = next(iter(years))
    if len(years) != 1 or listed is None or listed[-1] - listed[0] + 1 != len(listed):
        shown = wording.first_numbers(sorted({y for ys in years if ys for y in ys}))
        raise UnsupportedError("rrule", f"years ({shown})",
                               "; RRULE has no BYYEAR, and only one run of years shared by "
                               "every rule becomes DTSTART and UNTIL")
    zone = schedule.tz
    first = datetime(listed[0], 1, 1, tzinfo=zone)
    if start is None or _instant_seconds(start) < _instant_seconds(first):
        start = first
    if listed[-1] < 9999:
        after = datetime(listed[-1] + 1, 1, 1, tzinfo=zone)
        if end is None or _instant_seconds(end) > _instant_seconds(after):
            end = after
    return [replace(rule, years=None) for rule in rules], start, end


def _split_or(rule: Rule) -> list[Rule]:
    """A rule whose two day parts combine with OR, as two rules (RRULE parts AND)."""
    if rule.day_match != "or":
        return [rule]
    return [replace(rule, weekdays=None, day_match="and"),
            replace(rule, month_days=None, day_match="and")]


def _aligned_start(schedule: Recurrence, rules: Sequence[Rule],
                   start: datetime | None) -> datetime | None:
    """A DTSTART inside the selected periods of every rule with a period."""
    periodic = [rule for rule in rules if rule.period is not None]
    if not periodic:
        return start
    first = periodic[0].period
    assert first is not None
    if start is None:
        raise UnsupportedError(
            "rrule", f"repeating every {first.every} {first.unit}s without a start",
            "; DTSTART anchors the interval")
    candidates = [start]
    found = next(at_or_after(occurrences(schedule), start), None)
    if found is not None:
        candidates.append(found)
    for candidate in candidates:
        wall = candidate.astimezone(schedule.tz)
        second = wall.hour * 3600 + wall.minute * 60 + wall.second
        if all(_phase_of(rule.period, wall.date(), second) for rule in periodic
               if rule.period is not None):
            return candidate
    raise UnsupportedError("rrule", "rules repeating from different anchors",
                           "; one DTSTART anchors every RRULE line")


def _phase_of(period: Period, day: date, second: int) -> bool:
    index = period_index(period.unit, day, second, period.week_start)
    return index % period.every == period.phase


def _rule_text(rule: Rule) -> str:
    if rule.duration is not None:
        raise UnsupportedError("rrule", wording.window(rule.duration), ", only its start")
    month_days, weekdays = rule.month_days, rule.weekdays
    if month_days is not None and month_days.nearest_weekday and month_days.nearest_weekday != (
            1,):
        day = month_days.nearest_weekday[0]
        raise UnsupportedError("rrule", f"the weekday nearest day {day} ({day}W)")
    if month_days is not None and month_days.nearest_weekday_from_last:
        raise UnsupportedError("rrule", wording.month_day_specials(month_days)[-1])
    times = len(rule.hours) * len(rule.minutes) * len(rule.seconds)
    set_position = _set_position(rule, times)
    unit = _unit(rule)
    _check_year_parts(rule, unit, set_position is not None)
    parts = [f"FREQ={_FREQ_OF_UNIT[unit]}"]
    if rule.period is not None:
        parts.append(f"INTERVAL={rule.period.every}")
        if rule.period.unit == "week" and rule.period.week_start:
            parts.append(f"WKST={DAY_CODES[rule.period.week_start]}")
    if rule.week_start and (rule.week_numbers or (rule.position_unit == "week"
                                                   and rule.period is None)):
        parts.append(f"WKST={DAY_CODES[rule.week_start]}")
    ordinals = weekdays is not None and bool(weekdays.nth or weekdays.last)
    if ordinals and unit not in ("month", "year"):
        raise UnsupportedError("rrule", f"n-th weekdays in a rule repeating by {unit}s",
                               "; RFC 5545 numbers weekdays only in MONTHLY and YEARLY rules")
    if month_days is not None and unit == "week":
        raise UnsupportedError("rrule", "days of the month in a rule repeating by weeks",
                               "; RFC 5545 forbids BYMONTHDAY with FREQ=WEEKLY")
    if rule.months != tuple(range(1, 13)) or (unit == "year" and ordinals):
        parts.append("BYMONTH=" + _value_list(rule.months))
    if rule.week_numbers:
        parts.append("BYWEEKNO=" + _value_list(rule.week_numbers))
    if rule.year_days:
        parts.append("BYYEARDAY=" + _value_list(rule.year_days))
    if rule.year_weekdays:  # without BYMONTH, a YEARLY rule counts BYDAY in the year
        parts.append("BYDAY=" + ",".join(f"{k}{DAY_CODES[day]}"
                                         for day, k in rule.year_weekdays))
    if set_position is not None:
        parts.extend(set_position)
    else:
        if month_days is not None:
            values = [str(day) for day in month_days.days]
            values += [str(-offset - 1) for offset in month_days.from_last]
            parts.append("BYMONTHDAY=" + ",".join(values))
        if weekdays is not None:
            parts.append("BYDAY=" + _byday(weekdays))
        elif month_days is None and unit in ("year", "month", "week") and not (
                rule.has_year_parts):  # every day: DTSTART's day is not filled in
            parts.append("BYDAY=" + ",".join(DAY_CODES))
    rank = _FINER.index(unit)
    for name, listed, full, level in (("BYHOUR", rule.hours, 24, 4),
                                      ("BYMINUTE", rule.minutes, 60, 5),
                                      ("BYSECOND", rule.seconds, 60, 6)):
        if rank < level or len(listed) != full:
            parts.append(f"{name}={_value_list(listed)}")
    if rule.positions:
        parts.append("BYSETPOS=" + _value_list(rule.positions))
    return ";".join(parts)


def _check_year_parts(rule: Rule, unit: PeriodUnit, set_position: bool) -> None:
    """Days of the year and week numbers where RFC 5545's table (3.3.10) allows them:
    BYWEEKNO only in YEARLY rules, BYYEARDAY also in HOURLY, MINUTELY and SECONDLY ones;
    never with a numbered BYDAY beside BYWEEKNO, nor with BYSETPOS (read in MONTHLY
    rules only)."""
    if not rule.has_year_parts:
        return
    feature, detail = wording.year_parts_refusal(rule) or ("", "")
    if unit not in (("year",) if rule.week_numbers else ("year", "hour", "minute", "second")):
        raise UnsupportedError("rrule", f"{feature}{detail} repeating by {unit}s",
                               "; RFC 5545 allows it only with FREQ=" + (
                                   "YEARLY" if rule.week_numbers
                                   else "YEARLY, HOURLY, MINUTELY or SECONDLY"))
    weekdays = rule.weekdays
    if rule.week_numbers and (rule.year_weekdays or (weekdays is not None and (
            weekdays.nth or weekdays.last))):
        raise UnsupportedError("rrule", f"n-th weekdays together with {feature}",
                               "; RFC 5545 forbids a numbered BYDAY beside BYWEEKNO")
    if rule.year_weekdays:
        if unit != "year" or rule.months != tuple(range(1, 13)):
            raise UnsupportedError("rrule", f"{feature}{detail} in some months only",
                                   "; with BYMONTH, RFC 5545 counts BYDAY in the month")
        if weekdays is not None:
            raise UnsupportedError("rrule", f"{feature}{detail} beside other weekdays",
                                   "; one BYDAY cannot count some weekdays in the year and "
                                   "others in the month")
    if set_position:
        raise UnsupportedError("rrule", f"the first or last weekday of the month together "
                               f"with {feature}", "; BYSETPOS needs FREQ=MONTHLY, which "
                               "RFC 5545 does not allow with it")


def _set_position(rule: Rule, times: int) -> list[str] | None:
    """``BYDAY=...;BYSETPOS=...`` for the first or last weekday of the month."""
    days = rule.month_days
    if days is None or not (days.last_weekday or days.nearest_weekday):
        return None
    position = "-1" if days.last_weekday else "1"
    what = "the last weekday of the month (LW)" if days.last_weekday else (
        "the weekday nearest day 1 (1W)")
    if rule.positions:
        raise UnsupportedError("rrule", f"{what} together with set positions (BYSETPOS)")
    if days != MonthDays(last_weekday=days.last_weekday,
                         nearest_weekday=days.nearest_weekday) or (
            days.last_weekday and days.nearest_weekday):
        raise UnsupportedError("rrule", f"{what} together with other days of the month")
    if rule.weekdays is not None:
        raise UnsupportedError("rrule", f"{what} together with days of the week")
    if times != 1:
        raise UnsupportedError("rrule", f"{what} at {times} times of day",
                               "; BYSETPOS picks among every time of the month, so only "
                               "one time of day works")
    if rule.period is not None and rule.period.unit != "month":
        raise UnsupportedError("rrule", f"{what} repeating by {rule.period.unit}s")
    return ["BYDAY=MO,TU,WE,TH,FR", f"BYSETPOS={position}"]


def _unit(rule: Rule) -> PeriodUnit:
    """FREQ: the positions' or the period's unit, else the finest unit the rule fires in
    every one of."""
    if rule.position_unit is not None:
        if rule.period is not None and rule.period.unit != rule.position_unit:
            raise UnsupportedError("rrule", f"set positions counted in {rule.position_unit}s "
                                   f"of a rule repeating every {rule.period.every} "
                                   f"{rule.period.unit}s", "; BYSETPOS counts in FREQ")
        return rule.position_unit
    if rule.period is not None:
        return rule.period.unit
    if rule.week_numbers:
        return "year"  # RFC 5545 allows BYWEEKNO in YEARLY rules only
    if len(rule.seconds) == 60:
        return "second"
    if len(rule.minutes) == 60:
        return "minute"
    if len(rule.hours) == 24:
        return "hour"
    if rule.year_days or rule.year_weekdays:
        return "year"  # RFC 5545 forbids BYYEARDAY with DAILY, WEEKLY and MONTHLY
    days, weekdays = rule.month_days, rule.weekdays
    ordinals = weekdays is not None and bool(weekdays.nth or weekdays.last)
    if days is not None and (days.last_weekday or days.nearest_weekday):
        return "month"  # BYSETPOS counts within the FREQ period: it must be the month
    if days is not None or ordinals:
        return "year" if rule.months != tuple(range(1, 13)) else "month"
    if weekdays is not None:
        return "week"
    return "day"


def _byday(weekdays: Weekdays) -> str:
    values = [DAY_CODES[day] for day in weekdays.days]
    values += [f"{k}{DAY_CODES[day]}" for day, k in weekdays.nth]
    values += [f"-1{DAY_CODES[day]}" for day in weekdays.last]
    return ",".join(values)


def _value_list(values: Sequence[int]) -> str:
    """A rule part's values as RFC 5545 lists them: ``9,17``."""
    return ",".join(str(value) for value in values)


def _exdates(rules: Sequence[Rule], zone: tzinfo) -> list[datetime]:
    """Wall-clock times to exclude: every time of each excluded day of each rule."""
    moments: list[datetime] = []
    for index, rule in enumerate(rules):
        if not rule.excluded_dates:
            continue
        others = [occurrences(Recurrence(other, zone, format="rrule"))
                  for position, other in enumerate(rules) if position != index]
        for day in rule.excluded_dates:
            for second in rule.times_on(day):
                wall = datetime.combine(day, datetime.min.time()) + timedelta(seconds=second)
                # EXDATE removes a time from every rule: a time another rule fires at
                # stays in the union anyway, so it is left out of EXDATE.
                if not any(other.matches(wall) for other in others):
                    moments.append(wall)
    return sorted(set(moments))
