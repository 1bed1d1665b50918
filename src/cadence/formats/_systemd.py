"""How :mod:`cadence.formats.systemd` reads calendar events into the IR and writes them,
imported when the format is first used (see the format module for what is supported)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone, tzinfo
from typing import NamedTuple

from .._calendar import WEEKDAY_NAMES
from .._grammar import Lexeme, read_text
from .._zones import is_utc, resolve_zone, zone_name
from ..errors import (
    NeverFiresError,
    ParseError,
    ScheduleError,
    UnsupportedError,
    duration_words,
)
from ..ir import CronRule, MonthDays, Weekdays
from ..limits import MAX_CRON_LENGTH
from ._firing import never_fires_reason
from ._systemd_words import NAME, SHORTHANDS
from ._wording import month_day_specials, runs, year_parts_refusal

#: systemd's calendar reads years 1970-2199 (``systemd-analyze calendar 2200-*-*`` fails).
FIRST_YEAR = 1970
LAST_YEAR = 2199
#: ``~29`` is refused by systemd: a day counted from the month's end is ``~01``-``~28``.
LAST_FROM_END = 28

_WEEKDAYS = {name.lower(): index for index, name in enumerate(WEEKDAY_NAMES)}
_WEEKDAYS.update({name[:3].lower(): index for index, name in enumerate(WEEKDAY_NAMES)})
#: systemd's policy, in the IR's flags (see the module docstring).
_FIXED_TIME = True
_SKIP_GAPS = True


@dataclass(frozen=True, slots=True)
class SystemdSpelling:
    """What the text said besides its meaning, to write it back as written."""

    text: str
    zone_name: str | None
    normalized: str


class SystemdRead(NamedTuple):
    rules: tuple[CronRule, ...]
    zone: tzinfo
    spelling: SystemdSpelling


# -- reading ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Num:
    digits: str
    fraction: str  # "" or ".123"
    column: int

    @property
    def length(self) -> int:
        return len(self.digits) + len(self.fraction)


@dataclass(frozen=True, slots=True)
class _Item:
    kind: str  # "star" | "single" | "span"
    column: int
    start: _Num | None = None
    stop: _Num | None = None
    step: _Num | None = None


@dataclass(frozen=True, slots=True)
class _Comp:
    items: tuple[_Item, ...]
    column: int


@dataclass(frozen=True, slots=True)
class _WeekdayItem:
    first: Lexeme
    last: Lexeme | None


@dataclass(frozen=True, slots=True)
class _WeekdayPart:
    items: tuple[_WeekdayItem, ...]
    trailing_comma: bool


@dataclass(frozen=True, slots=True)
class _DatePart:
    year: _Comp | None
    month: _Comp
    day: _Comp
    from_end: bool


@dataclass(frozen=True, slots=True)
class _TimePart:
    hour: _Comp
    minute: _Comp
    second: _Comp | None


@dataclass(frozen=True, slots=True)
class _ZonePart:
    name: Lexeme


@dataclass(frozen=True, slots=True)
class _Epoch:
    digits: Lexeme


_Part = _WeekdayPart | _DatePart | _TimePart | _ZonePart


def _parts(children: Iterable[object]) -> list[object]:
    """Children that are built values, without the punctuation and blanks."""
    found: list[object] = []
    for child in children:
        if isinstance(child, Lexeme):
            continue
        if isinstance(child, list):
            found.extend(child)
        else:
            found.append(child)
    return found


class _Actions:
    """Builds positioned parts from the grammar; meanings are checked by ``_Reader``."""

    def __init__(self, offset: int) -> None:
        self.offset = offset

    def column(self, lexeme: Lexeme) -> int:
        return lexeme.start + 1 + self.offset

    def start(self, *children: object) -> list[object]:
        return _parts(children)

    def after_weekdays(self, *children: object) -> list[object]:
        return _parts(children)

    def after_date(self, *children: object) -> list[object]:
        return _parts(children)

    def epoch(self, _at: Lexeme, digits: Lexeme, *zone: object) -> list[object]:
        return [_Epoch(digits), *_parts(zone)]

    def weekdays(self, *children: object) -> _WeekdayPart:
        items = tuple(child for child in children if isinstance(child, _WeekdayItem))
        trailing = isinstance(children[-1], Lexeme) and children[-1].kind == "COMMA"
        return _WeekdayPart(items, trailing)

    def witem(self, *children: Lexeme) -> _WeekdayItem:
        words = [child for child in children if child.kind == "WORD"]
        return _WeekdayItem(words[0], words[1] if len(words) > 1 else None)

    def date(self, *children: object) -> _DatePart:
        comps = [child for child in children if isinstance(child, _Comp)]
        from_end = any(isinstance(child, Lexeme) and child.kind == "TILDE" for child in children)
        if len(comps) == 3:
            return _DatePart(comps[0], comps[1], comps[2], from_end)
        return _DatePart(None, comps[0], comps[1], from_end)

    def time(self, *children: object) -> _TimePart:
        comps = [child for child in children if isinstance(child, _Comp)]
        return _TimePart(comps[0], comps[1], comps[2] if len(comps) > 2 else None)

    def zone(self, word: Lexeme) -> _ZonePart:
        return _ZonePart(word)

    def comp(self, *children: object) -> _Comp:
        items = tuple(child for child in children if isinstance(child, _Item))
        return _Comp(items, items[0].column)

    def star(self, star: Lexeme, step: _Num | None = None) -> _Item:
        return _Item("star", self.column(star), step=step)

    def single(self, value: _Num, step: _Num | None = None) -> _Item:
        return _Item("single", value.column, start=value, step=step)

    def span(self, start: _Num, _dots: Lexeme, stop: _Num, step: _Num | None = None) -> _Item:
        return _Item("span", start.column, start=start, stop=stop, step=step)

    def step(self, _slash: Lexeme, value: _Num) -> _Num:
        return value

    def num(self, digits: Lexeme, fraction: Lexeme | None = None) -> _Num:
        return _Num(digits.text, fraction.text if fraction else "", self.column(digits))


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth")


def _systemd_component(start: int, stop: int, every: int) -> tuple[int, int, int]:
    """``(start, stop, repeat)`` of a list item as systemd normalizes it (stop -1: no
    range; repeat 0: none): the range is cut to a whole number of repetitions, and one
    that holds a single value becomes that value."""
    if stop > start and every > 0:
        stop -= (stop - start) % every
    if (stop > start and every > 0 and start + every > stop) or start == stop:
        return start, -1, 0
    return start, stop, every


def _from_end_refusal(chain: Sequence[tuple[int, int, int]]) -> tuple[int, int] | None:
    """``(index, limit)`` of the first ``~`` list item systemd 252 refuses, in its
    ascending order of normalized items, or None. systemd checks each item against a
    limit it lowers by 3 for every item before it: ``~28`` for the first, ``~25`` for the
    second (``chain_valid()`` subtracts 3 on each recursive call)."""
    for index, (start, stop, every) in enumerate(sorted(set(chain))):
        limit = LAST_FROM_END - 3 * index
        if not 1 <= start <= limit or every > limit - 1:
            return index, limit
        if stop >= 0 and (stop > limit or start + every > stop):
            return index, limit
        if stop < 0 and start - every < 1:
            return index, limit
    return None


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    low: int
    high: int


_YEAR = _Field("year", FIRST_YEAR, LAST_YEAR)
_MONTH = _Field("month", 1, 12)
_DAY = _Field("day", 1, 31)
_FROM_END = _Field("day", 1, LAST_FROM_END)
_HOUR = _Field("hour", 0, 23)
_MINUTE = _Field("minute", 0, 59)
_SECOND = _Field("second", 0, 59)


class _Reader:
    """Checks each component against its field and expands it into IR value sets."""

    def __init__(self, source: str, offset: int) -> None:
        self.source = source
        self.offset = offset

    def fail(self, reason: str, column: int | None, field: str | None,
             length: int = 1) -> ParseError:
        return ParseError(reason, self.source, column=column, field=field, length=length)

    def number(self, num: _Num, field: _Field, what: str = "") -> int:
        name = what or field.name
        if num.fraction:
            if field is not _SECOND:
                raise self.fail(f"a {name} has no fraction ({num.digits}{num.fraction}); "
                                "only seconds may have one", num.column, field.name,
                                num.length)
            if round(float("0" + num.fraction) * 1_000_000):
                raise self.fail(
                    f"fractions of a second ({num.digits}{num.fraction}) cannot be "
                    f"expressed: cadence fires on whole seconds; write {num.digits}",
                    num.column, field.name, num.length)
        if len(num.digits) > 6:
            raise self.fail(f"{name} {num.digits[:12]} is far too large", num.column,
                            field.name, len(num.digits))
        return int(num.digits)

    def value(self, num: _Num, field: _Field) -> int:
        value = self.number(num, field)
        if field is _YEAR and value < 100:
            # systemd reads years below 100 as two-digit years: 00-69 is 2000-2069.
            value += 2000 if value < 70 else 1900
        if not field.low <= value <= field.high:
            if field is _FROM_END:
                reason = (f"~{num.digits} is out of range: systemd counts ~01 (the last day "
                          f"of the month) to ~{LAST_FROM_END}")
            elif field is _YEAR:
                reason = (f"year {num.digits} is out of range: systemd reads years "
                          f"{FIRST_YEAR}-{LAST_YEAR} (or two digits, 00-69 for 2000-2069)")
            else:
                reason = (f"{field.name} {num.digits} is out of range "
                          f"{field.low}-{field.high}")
            raise self.fail(reason, num.column, field.name, num.length)
        return value

    def repetition(self, step: _Num, field: _Field) -> int:
        every = self.number(step, field, "repetition")
        if every == 0:
            raise self.fail("a repetition of 0 never moves on; use /1 or more", step.column,
                            field.name, step.length)
        return every

    def values(self, comp: _Comp, field: _Field) -> list[int]:
        stars = [item for item in comp.items if item.kind == "star"]
        if stars and len(comp.items) > 1:  # systemd refuses "*,5" as well
            raise self.fail(f"'*' already matches every {field.name}; write it alone or "
                            "list the values without it", stars[0].column, field.name)
        found: list[int] = []
        for item in comp.items:
            found.extend(self.item(item, field))
        if field is _FROM_END:
            self.check_from_end_list(comp)
        return sorted(set(found))

    def check_from_end_list(self, comp: _Comp) -> None:
        """Refuse a ``~`` list that systemd refuses: it checks the list's items in
        ascending order against a limit that drops by 3 from one item to the next (~28 for
        the first, ~25 for the second, ...), so ``~1,26`` and ``~1,2,23`` are refused while
        ``~26`` and ``~1,25`` are read."""
        chain: list[tuple[tuple[int, int, int], _Item]] = []
        for item in comp.items:
            assert item.start is not None
            start = self.value(item.start, _FROM_END)
            stop = self.value(item.stop, _FROM_END) if item.stop is not None else -1
            every = self.repetition(item.step, _FROM_END) if item.step is not None else (
                1 if item.stop is not None else 0)
            chain.append((_systemd_component(start, stop, every), item))
        found = _from_end_refusal([component for component, _ in chain])
        if found is None:
            return
        index, limit = found
        ordered = sorted({component for component, _ in chain})
        bad = ordered[index]
        item = next(item for component, item in chain if component == bad)
        ordinal = _ORDINALS[index] if index < len(_ORDINALS) else f"{index + 1}th"
        start, stop, every = bad
        if max(start, stop) > limit:
            what = f"reaches ~{max(start, stop):02d}"
        else:
            what = f"repeats every {every} days"
        raise self.fail(
            f"systemd refuses this list of days counted from the month's end: its {ordinal} "
            f"item in ascending order {what}, but systemd allows that item at most "
            f"~{limit:02d}{f' and repetitions up to /{limit - 1}' if every else ''} (the "
            f"limit drops by 3 from one item to the next, from ~{LAST_FROM_END} for the "
            "first); list fewer or later-numbered days, write a range such as ~01..07, or "
            "put the rest in a second OnCalendar= line", item.column, "day")

    def item(self, item: _Item, field: _Field) -> range:
        every = self.repetition(item.step, field) if item.step is not None else None
        down = field is _FROM_END  # "~" repetitions run towards the month's end
        if item.kind == "star":
            if every is not None:
                low = f"{field.low:02d}"
                raise self.fail(
                    f"systemd repeats from a value, not from '*': write {low}/{every} for "
                    f"every {every} from {low}", item.column, field.name)
            return range(field.low, field.high + 1)
        assert item.start is not None
        first = self.value(item.start, field)
        if item.kind == "single":
            if every is None:
                return range(first, first + 1)
            end = field.low if down else field.high
            if (first - every < end) if down else (first + every > end):
                shown = f"~{end:02d}" if down else str(end)
                raise self.fail(
                    f"{item.start.digits}/{every} repeats past {shown}, the end of the "
                    f"{field.name} field; systemd refuses that: write {item.start.digits} "
                    "alone or a smaller repetition", item.column, field.name)
            return range(first, end - 1, -every) if down else range(first, end + 1, every)
        assert item.stop is not None
        last = self.value(item.stop, field)
        if first > last:
            raise self.fail(
                f"the range {item.start.digits}..{item.stop.digits} runs backwards; write "
                f"{item.stop.digits}..{item.start.digits}", item.column, field.name)
        if field is _SECOND and every is None and first == last:
            # systemd steps a seconds range by a whole second and refuses one that holds
            # no step ("*:*:5..5"; "5..5:00" and "*:*:5..5/1" it reads as 5).
            raise self.fail(
                f"the seconds range {item.start.digits}..{item.stop.digits} holds a single "
                f"second, which systemd refuses; write {item.start.digits}", item.column,
                field.name)
        # Counted from either end, a repetition starts at the first value: "~03..10/2" is
        # ~03, ~05, ~07, ~09 (systemd normalizes it to "~03..09/2").
        return range(first, last + 1, every or 1)

    def weekdays(self, part: _WeekdayPart) -> list[int]:
        days: list[int] = []
        for item in part.items:
            first_word, last_word = item.first, item.last
            dashed = [word for word in (item.first, item.last)
                      if word is not None and "-" in word.text]
            if dashed and item.last is None:
                # systemd reads "Mon-Fri" as "Mon..Fri" (one '-' between two names).
                names = item.first.text.split("-")
                if len(names) == 2 and all(names):
                    first_word = Lexeme("WORD", names[0], item.first.start,
                                        item.first.start + len(names[0]))
                    start = item.first.start + len(names[0]) + 1
                    last_word = Lexeme("WORD", names[1], start, start + len(names[1]))
                else:
                    raise self.fail(
                        f"{item.first.text!r} is not a weekday range: write two weekdays "
                        f"with one '-' or '..' between them, e.g. Mon..Fri",
                        self.column(item.first), "weekday", len(item.first.text))
            elif dashed:
                assert item.last is not None
                shown = f"{item.first.text.split('-')[0]}..{item.last.text.split('-')[-1]}"
                raise self.fail(
                    f"a weekday range has one '..' or one '-', not both: write {shown}",
                    self.column(dashed[0]), "weekday", len(dashed[0].text))
            first = self.weekday(first_word)
            last = self.weekday(last_word) if last_word is not None else first
            if first > last:
                assert last_word is not None
                raise self.fail(
                    f"the weekday range {first_word.text}..{last_word.text} runs backwards; "
                    f"ranges do not wrap past Sunday: write {first_word.text}..Sun,"
                    f"Mon..{last_word.text}", self.column(first_word), "weekday")
            days.extend(range(first, last + 1))
        return sorted(set(days))

    def weekday(self, word: Lexeme) -> int:
        found = _WEEKDAYS.get(word.text.lower())
        if found is not None:
            return found
        column = self.column(word)
        if word.text.lower() in SHORTHANDS:
            raise self.fail(f"the shorthand {word.text!r} stands alone (a time zone may "
                            "follow it)", column, "weekday", len(word.text))
        raise self.fail(
            f"unknown weekday {word.text!r}: use Mon, Tue, Wed, Thu, Fri, Sat, Sun or the "
            "full names, or a shorthand such as 'daily'", column, "weekday", len(word.text))

    def column(self, word: Lexeme) -> int:
        return word.start + 1 + self.offset


def _where(text: str, offset: int) -> Sequence[tuple[int, int, str]]:
    """``(first column, end column, field)`` spans of the whitespace-separated words, to
    name the field of a syntax error before the text is understood."""
    spans: list[tuple[int, int, str]] = []
    words = list(re.finditer(r"\S+", text))
    for index, match in enumerate(words):
        word = match.group()
        base = match.start() + offset + 1
        names: tuple[str, ...]
        if ":" in word:
            names = ("hour", "minute", "second")
            separators = ":"
        elif re.match(r"[0-9*]", word):
            parts = len(re.findall(r"[-~]", word))
            names = ("year", "month", "day") if parts >= 2 else ("month", "day")
            separators = "-~"
        else:
            spans.append((base, base + len(word),
                          "weekday" if index == 0 else "time zone"))
            continue
        field = 0
        start = base
        for position, char in enumerate(word):
            if char in separators:
                spans.append((start, base + position, names[min(field, len(names) - 1)]))
                field += 1
                start = base + position
        spans.append((start, base + len(word), names[min(field, len(names) - 1)]))
    return spans


def read_systemd(text: str, *, tz: str | tzinfo | None = None) -> SystemdRead:
    """Read one systemd calendar event. A trailing zone wins over ``tz`` (default UTC).

    >>> read = read_systemd("Mon..Fri 9:00 Europe/Berlin")
    >>> read.spelling.normalized, read.rules[0].hours, read.rules[0].weekdays.days
    ('Mon..Fri *-*-* 09:00:00 Europe/Berlin', (9,), (0, 1, 2, 3, 4))
    """
    if not isinstance(text, str):
        raise ParseError(f"a systemd calendar event must be a string, not "
                         f"{type(text).__name__}", "")
    if len(text) > MAX_CRON_LENGTH:
        raise ParseError(f"the expression is {len(text)} characters long; cadence reads at "
                         f"most {MAX_CRON_LENGTH}", text)
    stripped = text.strip()
    if "\n" in stripped or "\r" in stripped:
        column = min(i for i in (text.find("\n"), text.find("\r")) if i >= 0) + 1
        raise ParseError("a calendar event is one line; found a line break", text,
                         column=column)
    if not stripped:
        raise ParseError("the calendar event is empty; write e.g. 'Mon..Fri *-*-* 09:00' or "
                         "'daily'", text, column=len(text) + 1 if text else None)
    offset = len(text) - len(text.lstrip())
    spans = _where(stripped, offset)

    def where(column: int) -> str | None:
        for _, end, name in spans:
            if column < end:  # within a word, or in the blanks before it
                return name
        return spans[-1][2] if spans else None

    built = read_text("systemd.lark", stripped, _Actions(offset), source=text, offset=offset,
                      where=where, what="calendar event")
    assert isinstance(built, list)
    reader = _Reader(text, offset)
    rule, zone_part = _build(reader, built, text)
    zone_text: str | None = None
    epoch = bool(built) and isinstance(built[0], _Epoch)
    if zone_part is not None:
        zone_text = zone_part.name.text
        column = reader.column(zone_part.name)
        name = "UTC" if zone_text.upper() == "UTC" else zone_text
        try:
            zone = resolve_zone(name, where="time zone", local=False)
        except ScheduleError as exc:
            raise ParseError(f"{exc}; systemd also reads the local zone's abbreviation, which "
                             "cadence cannot place: use the IANA name", text, column=column,
                             field="time zone", length=len(zone_text)) from None
    else:
        zone = resolve_zone(tz, where="tz")
    if epoch:
        # One moment: systemd checks a trailing zone's name and reads the moment in UTC.
        zone = resolve_zone("UTC")
    _check_fires(rule, text)
    normalized = _normalized(rule, zone, zone_text is not None or epoch)
    return SystemdRead((rule,), zone, SystemdSpelling(text, zone_text, normalized))


def _build(reader: _Reader, parts: list[object], text: str
           ) -> tuple[CronRule, _ZonePart | None]:
    zone = next((part for part in parts if isinstance(part, _ZonePart)), None)
    if parts and isinstance(parts[0], _Epoch):
        return _epoch_rule(reader, parts[0]), zone
    weekday_part = next((p for p in parts if isinstance(p, _WeekdayPart)), None)
    date = next((p for p in parts if isinstance(p, _DatePart)), None)
    clock = next((p for p in parts if isinstance(p, _TimePart)), None)
    if (weekday_part is not None and date is None and clock is None
            and len(weekday_part.items) == 1 and weekday_part.items[0].last is None
            and not weekday_part.trailing_comma):
        word = weekday_part.items[0].first.text.lower()
        if word in SHORTHANDS:
            expanded = read_systemd(SHORTHANDS[word]).rules[0]
            return expanded, zone
    weekdays = reader.weekdays(weekday_part) if weekday_part is not None else None
    years: list[int] | None = None
    months = list(range(1, 13))
    month_days: MonthDays | None = None
    if date is not None:
        if date.year is not None:
            years = reader.values(date.year, _YEAR)
            if len(years) == LAST_YEAR - FIRST_YEAR + 1:
                years = None  # every year systemd knows: the IR's "any year"
        months = reader.values(date.month, _MONTH)
        every_day = len(date.day.items) == 1 and date.day.items[0].kind == "star"
        if date.from_end and not every_day:
            offsets = [value - 1 for value in reader.values(date.day, _FROM_END)]
            month_days = MonthDays(from_last=tuple(offsets))
        else:  # "~*" is every day, as "-*" (systemd normalizes "*-*~*" to "*-*-*")
            month_days = MonthDays(days=tuple(reader.values(date.day, _DAY)))
    hours, minutes, seconds = [0], [0], [0]
    if clock is not None:
        hours = reader.values(clock.hour, _HOUR)
        minutes = reader.values(clock.minute, _MINUTE)
        if clock.second is not None:
            seconds = reader.values(clock.second, _SECOND)
    rule = CronRule(
        seconds=tuple(seconds), minutes=tuple(minutes), hours=tuple(hours),
        months=tuple(months), month_days=month_days,
        weekdays=Weekdays(days=tuple(weekdays)) if weekdays is not None else None,
        day_match="and", years=tuple(years) if years is not None else None,
        fixed_time=_FIXED_TIME, skip_gaps=_SKIP_GAPS,
    )
    return rule, zone


def _epoch_rule(reader: _Reader, epoch: _Epoch) -> CronRule:
    column = reader.column(epoch.digits)
    seconds = int(epoch.digits.text) if len(epoch.digits.text) <= 12 else -1
    limit = int(datetime(LAST_YEAR + 1, 1, 1, tzinfo=timezone.utc).timestamp())
    if not 0 <= seconds < limit:
        raise reader.fail(f"@{epoch.digits.text[:14]} is out of range: systemd reads epoch "
                          f"seconds up to the end of {LAST_YEAR}", column, "year",
                          len(epoch.digits.text))
    moment = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds)
    return CronRule(seconds=(moment.second,), minutes=(moment.minute,), hours=(moment.hour,),
                    months=(moment.month,), month_days=MonthDays(days=(moment.day,)),
                    years=(moment.year,), fixed_time=_FIXED_TIME, skip_gaps=_SKIP_GAPS)


def _check_fires(rule: CronRule, text: str) -> None:
    reason = never_fires_reason(rule)
    if reason is not None:
        raise NeverFiresError(f"{text.strip()!r} never fires: {reason}")


# -- writing ----------------------------------------------------------------------------


def write_systemd(rules: Sequence[CronRule], zone: tzinfo, *,
                  spelling: SystemdSpelling | None = None) -> str:
    """One systemd calendar event meaning ``rules`` in ``zone``, in systemd's normalized
    style (a trailing zone outside UTC). With ``spelling``, the text as written while it
    still means the same. What one expression cannot say raises UnsupportedError.

    >>> write_systemd(read_systemd("mon..fri 9:00").rules, resolve_zone("Europe/Berlin"))
    'Mon..Fri *-*-* 09:00:00 Europe/Berlin'
    """
    if len(rules) != 1:
        raise UnsupportedError(NAME, f"a union of {len(rules)} rules",
                               ", only one rule per OnCalendar= expression (a timer may list "
                               "several OnCalendar= lines)")
    rule = rules[0]
    if spelling is not None:
        kept = _kept_spelling(rule, zone, spelling)
        if kept is not None:
            return kept
    _refuse(rule, zone)
    text = _normalized(rule, zone, not is_utc(zone))
    try:
        again = read_systemd(text)
    except ScheduleError:
        raise UnsupportedError(NAME, f"the time zone {zone_name(zone)!r}",
                               "; systemd needs an IANA name") from None
    if again.rules[0] != _systemd_shape(rule) or not _same_zone(again.zone, zone):
        raise UnsupportedError(NAME, f"this rule ({text!r} reads back differently)")
    return text


def _same_zone(one: tzinfo, other: tzinfo) -> bool:
    return zone_name(one) == zone_name(other)


def _systemd_shape(rule: CronRule) -> CronRule:
    """The rule as reading its systemd text gives it: systemd's DST flags, an n-th or
    last weekday as a weekday AND a week of days."""
    week, days, offsets = _day_parts(rule)
    month_days = (MonthDays(days=tuple(days)) if days
                  else MonthDays(from_last=tuple(offsets)) if offsets else None)
    return replace(rule, month_days=month_days,
                   weekdays=Weekdays(days=tuple(week)) if week else None, day_match="and",
                   fixed_time=_FIXED_TIME, skip_gaps=_SKIP_GAPS, second_pass=False)


def _kept_spelling(rule: CronRule, zone: tzinfo, spelling: SystemdSpelling) -> str | None:
    candidates = [spelling.text]
    if spelling.zone_name is None and not is_utc(zone):
        candidates = [f"{spelling.text.strip()} {zone_name(zone)}"]
    for candidate in candidates:
        try:
            again = read_systemd(candidate)
        except ScheduleError:
            return None
        if again.rules == (rule,) and _same_zone(again.zone, zone):
            return candidate
    return None


def _refuse(rule: CronRule, zone: tzinfo) -> None:
    """Raise UnsupportedError naming what one OnCalendar= expression cannot say."""
    year_parts = year_parts_refusal(rule)
    if year_parts is not None:
        raise UnsupportedError(NAME, *year_parts)
    if rule.period is not None:
        raise UnsupportedError(NAME, f"repeating every {rule.period.every} "
                               f"{rule.period.unit}s from an anchor (a period)",
                               "; calendar events cannot count periods")
    if rule.duration is not None:
        raise UnsupportedError(NAME, f"a window of {duration_words(rule.duration)}",
                               ", only its start")
    if rule.excluded_dates:
        shown = ", ".join(day.isoformat() for day in rule.excluded_dates[:3])
        raise UnsupportedError(NAME, f"excluded dates ({shown})")
    month_days, weekdays = rule.month_days, rule.weekdays
    if month_days is not None and weekdays is not None and rule.day_match == "or":
        raise UnsupportedError(NAME, "day-of-month OR day-of-week",
                               "; the date and weekday parts always combine with AND")
    if month_days is not None:
        if month_days.nearest_weekday:
            days = ",".join(f"{day}W" for day in month_days.nearest_weekday)
            raise UnsupportedError(NAME, f"the weekday nearest a day ({days}, nW)")
        if month_days.last_weekday:
            raise UnsupportedError(NAME, "the last weekday of the month (LW)")
        if month_days.nearest_weekday_from_last:
            raise UnsupportedError(NAME, month_day_specials(month_days)[-1])
    if rule.years is not None:
        outside = [year for year in rule.years if not FIRST_YEAR <= year <= LAST_YEAR]
        if outside:
            raise UnsupportedError(NAME, f"year {outside[0]}",
                                   f", systemd reads years {FIRST_YEAR}-{LAST_YEAR}")
    _, _, offsets = _day_parts(rule)  # refuses day combinations a date part cannot hold
    if offsets and _from_end_spelling([offset + 1 for offset in offsets]) is None:
        shown = ",".join(f"{offset + 1:02d}" for offset in sorted(offsets))
        raise UnsupportedError(NAME, f"the days ~{shown} counted from the month's end",
                               ": systemd refuses such a list (the k-th item, in ascending "
                               f"order, may reach at most ~{LAST_FROM_END} less 3 per item "
                               "before it)")


def _day_parts(rule: CronRule) -> tuple[list[int], list[int], list[int]]:
    """``(weekdays, days, offsets from the last day)`` of the date and weekday parts."""
    month_days, weekdays = rule.month_days, rule.weekdays
    days = list(month_days.days) if month_days is not None else []
    offsets = list(month_days.from_last) if month_days is not None else []
    if days and offsets:
        raise UnsupportedError(NAME, "days counted from the start and from the end of the "
                               "month together", "; a date part has either '-' or '~'")
    week: list[int] = []
    if weekdays is not None:
        week = list(weekdays.days)
        if weekdays.nth and (weekdays.days or weekdays.last):
            raise UnsupportedError(NAME, "#k (an n-th weekday) beside other weekdays")
        if weekdays.last and weekdays.days:
            raise UnsupportedError(NAME, "the last weekday of the month beside other weekdays")
        if any(k < 0 for _, k in weekdays.nth):
            raise UnsupportedError(NAME, "weekdays counted from the end of the month "
                                   "other than the last")
        if weekdays.nth:
            ordinals = {k for _, k in weekdays.nth}
            if len(ordinals) > 1 or offsets:
                raise UnsupportedError(NAME, "#k with different ordinals" if len(ordinals) > 1
                                       else "#k with days counted from the end",
                                       "; systemd says the k-th weekday as days 7k-6..7k")
            k = ordinals.pop()
            window = set(range(7 * k - 6, min(7 * k, 31) + 1))
            days = sorted(window & set(days)) if month_days is not None else sorted(window)
            week = sorted({weekday for weekday, _ in weekdays.nth})
        elif weekdays.last:
            if days:
                raise UnsupportedError(NAME, "the last weekday of the month with plain days")
            window = set(range(7))
            offsets = sorted(window & set(offsets)) if month_days is not None else sorted(window)
            week = list(weekdays.last)
        if (weekdays.nth or weekdays.last) and not (days or offsets):
            raise UnsupportedError(NAME, "an n-th or last weekday outside the days listed",
                                   " (it never fires)")
    deep = [offset for offset in offsets if offset >= LAST_FROM_END]
    if deep:
        raise UnsupportedError(NAME, f"the {deep[0] + 1}th last day of the month",
                               f", systemd counts at most ~{LAST_FROM_END}")
    return week, days, offsets


# -- the normalized spelling ----------------------------------------------------------


def _normalized(rule: CronRule, zone: tzinfo, with_zone: bool) -> str:
    """systemd's normalized style: ``[weekdays] Y-M-D H:M:S [zone]``."""
    week, days, offsets = _day_parts(rule)
    parts: list[str] = []
    if week:
        parts.append(_weekday_text(week))
    year = _component(rule.years, FIRST_YEAR, LAST_YEAR, 4) if rule.years else "*"
    month = _component(rule.months, 1, 12, 2, repeat=False)  # systemd lists months
    if offsets:
        date = f"{year}-{month}~{_from_end_text([o + 1 for o in offsets])}"
    else:
        date = f"{year}-{month}-{_component(days or range(1, 32), 1, 31, 2)}"
    parts.append(date)
    parts.append(":".join((_component(rule.hours, 0, 23, 2), _component(rule.minutes, 0, 59, 2),
                           _component(rule.seconds, 0, 59, 2))))
    if with_zone:
        parts.append(zone_name(zone))
    return " ".join(parts)


def _component(values: Sequence[int], low: int, high: int, width: int, *,
               repeat: bool = True) -> str:
    values = sorted(values)
    if values == list(range(low, high + 1)):
        return "*"
    if repeat and len(values) >= 2:
        step = values[1] - values[0]
        if step >= 2 and values == list(range(values[0], values[-1] + 1, step)):
            if values[-1] + step > high and values[0] - low < step:
                return f"{values[0]:0{width}d}/{step}"
            if len(values) >= 3:
                return f"{values[0]:0{width}d}..{values[-1]:0{width}d}/{step}"
    items: list[str] = []
    for run in runs(values):
        if len(run) >= 3:
            items.append(f"{run[0]:0{width}d}..{run[-1]:0{width}d}")
        else:
            items.extend(f"{value:0{width}d}" for value in run)
    return ",".join(items)


def _from_end_spelling(numbers: Sequence[int]) -> str | None:
    """``~`` values (1 = the last day) as systemd reads them, or None where no spelling
    tried here is one systemd accepts (see :func:`_from_end_refusal`): ``a..b/r`` for a
    progression (systemd's own normalized form), else lists and ranges, else ``b/r`` (a
    repetition towards the month's end, ``~26/25`` for ~26 and ~01)."""
    values = sorted(set(numbers))
    step = values[1] - values[0] if len(values) >= 2 else 0
    progression = step >= 2 and values == list(range(values[0], values[-1] + 1, step))
    spellings: list[tuple[str, list[tuple[int, int, int]]]] = []
    if progression and len(values) >= 3:
        spellings.append((f"{values[0]:02d}..{values[-1]:02d}/{step}",
                          [_systemd_component(values[0], values[-1], step)]))
    items: list[str] = []
    chain: list[tuple[int, int, int]] = []
    for run in runs(values):
        if len(run) >= 3:
            items.append(f"{run[0]:02d}..{run[-1]:02d}")
            chain.append(_systemd_component(run[0], run[-1], 1))
        else:
            items.extend(f"{value:02d}" for value in run)
            chain.extend((value, -1, 0) for value in run)
    spellings.append((",".join(items), chain))
    if progression and values[0] <= step:
        spellings.append((f"{values[-1]:02d}/{step}", [(values[-1], -1, step)]))
    for text, tried in spellings:
        if _from_end_refusal(tried) is None:
            return text
    return None


def _from_end_text(numbers: Sequence[int]) -> str:
    """The ``~`` spelling of :func:`_from_end_spelling`, or a plain list (which systemd
    may refuse; the writer refuses such days first)."""
    found = _from_end_spelling(numbers)
    if found is not None:
        return found
    return ",".join(f"{value:02d}" for value in sorted(set(numbers)))


def _weekday_text(days: Sequence[int]) -> str:
    items: list[str] = []
    for run in runs(sorted(days)):
        names = [WEEKDAY_NAMES[day][:3] for day in run]
        if len(run) >= 3:
            items.append(f"{names[0]}..{names[-1]}")
        else:
            items.extend(names)
    return ",".join(items)
