"""RFC 5545 iCalendar text read into a tree of components and properties.

This is the content layer only: lines are unfolded (3.1), each content line is split
into its name, parameters and raw value (3.1, 3.2), and ``BEGIN``/``END`` pairs are
nested into :class:`Component` trees (3.4, 3.6). What a value means (a DATE-TIME, an
RRULE) is left to the reader of that property, which points its own errors at the line
through :meth:`Property.error`.

Choices where exports stray from the RFC: lines may end in LF alone, a UTF-8 byte order
mark at the start is dropped, and empty lines are skipped. Control characters other than
tab are refused, and so is anything outside ``BEGIN:VCALENDAR`` ... ``END:VCALENDAR``.
Several VCALENDAR objects may follow each other (3.4's ``icalstream``). Parameter values
are kept as written, less their quotes (RFC 6868's ``^n`` escapes are not undone).

>>> text = ("BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\n"
...         "DTSTART;TZID=\\"W. Europe Standard Time\\"\\r\\n :20261123T090000\\r\\n"
...         "SUMMARY:Stand-up\\\\, daily\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
>>> [calendar] = read_components(text)
>>> event = calendar.children[0]
>>> start = event.first("DTSTART")
>>> start.param("TZID"), start.value, start.line
('W. Europe Standard Time', '20261123T090000', 3)
>>> unescape_text(event.first("SUMMARY").value)
'Stand-up, daily'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from ..errors import ParseError
from ..limits import MAX_ICAL_COMPONENTS, MAX_ICAL_DEPTH, MAX_ICAL_LENGTH, MAX_ICAL_PROPERTIES

__all__ = ["Component", "Property", "read_components", "split_text_list", "unescape_text"]

_NAME = re.compile(r"[A-Za-z0-9-]+")
#: An unquoted parameter value: RFC 5545's paramtext (control characters are refused
#: before parameters are read).
_PARAM_TEXT = re.compile(r'[^";:,]*')
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
#: A TEXT escape (or a lone backslash at the end), or a list separator.
_ESCAPE_OR_COMMA = re.compile(r"\\.?|,", re.DOTALL)
_ESCAPE = re.compile(r"\\(.?)", re.DOTALL)
_UNESCAPED = {"\\": "\\", ";": ";", ",": ",", "n": "\n", "N": "\n"}


@dataclass(frozen=True, slots=True)
class Property:
    """One content line: ``name`` and parameter names upper-cased, parameter values
    without their quotes (a list for ``MEMBER="a","b"``), ``value`` as written.

    ``line`` is the physical line the content line starts on, ``column`` the 1-based
    column of the value in ``source``, the content line after unfolding.
    """

    name: str
    params: Mapping[str, tuple[str, ...]]
    value: str
    line: int
    column: int
    source: str
    #: Offsets in ``source`` where each folded continuation line starts.
    folds: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def param(self, name: str) -> str | None:
        """The first value of parameter ``name`` (any case), or ``None`` without it."""
        values = self.params.get(name.upper())
        return values[0] if values else None

    def error(self, reason: str, *, offset: int = 0, length: int = 1) -> ParseError:
        """A ParseError at ``offset`` characters into the value, saying its line."""
        return _error(reason, self.source, self.line, self.folds, self.column + offset,
                      self.name, length)


@dataclass(slots=True)
class Component:
    """``BEGIN:name`` ... ``END:name``: its properties and nested components in the order
    written, and the line of its ``BEGIN``."""

    name: str
    properties: list[Property] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)
    line: int = 0

    def first(self, name: str) -> Property | None:
        """The first property called ``name`` (any case), or ``None``."""
        wanted = name.upper()
        return next((prop for prop in self.properties if prop.name == wanted), None)

    def every(self, name: str) -> list[Property]:
        """Every property called ``name`` (any case), in order."""
        wanted = name.upper()
        return [prop for prop in self.properties if prop.name == wanted]


# -- text values ------------------------------------------------------------------------


def unescape_text(value: str, prop: Property | None = None) -> str:
    """A TEXT value with RFC 5545's escapes (3.3.11) undone: ``\\\\``, ``\\;``, ``\\,``
    and ``\\n`` or ``\\N`` for a line break. Any other backslash is a ParseError, pointing
    into ``prop`` when ``value`` is that property's value.

    >>> print(unescape_text(r"Room 4\\, floor 2\\nC:\\\\temp"))
    Room 4, floor 2
    C:\\temp
    """
    return _unescape(value, 0, len(value), prop)


def split_text_list(value: str, prop: Property | None = None) -> list[str]:
    """The items of a comma-separated TEXT list (``CATEGORIES``), each unescaped; an
    escaped comma stays inside its item.

    >>> split_text_list(r"Work,Tea\\, biscuits,")
    ['Work', 'Tea, biscuits', '']
    """
    items: list[str] = []
    start = 0
    for match in _ESCAPE_OR_COMMA.finditer(value):
        if match.group() == ",":
            items.append(_unescape(value, start, match.start(), prop))
            start = match.end()
    items.append(_unescape(value, start, len(value), prop))
    return items


def _unescape(value: str, start: int, end: int, prop: Property | None) -> str:
    """``value[start:end]`` unescaped; errors point into the whole value."""
    if "\\" not in value[start:end]:
        return value[start:end]
    pieces: list[str] = []
    for match in _ESCAPE.finditer(value, start, end):
        escaped = match.group(1)
        if escaped not in _UNESCAPED:
            raise _bad_escape(value, match.start(), escaped, prop)
        pieces.append(value[start:match.start()])
        pieces.append(_UNESCAPED[escaped])
        start = match.end()
    pieces.append(value[start:end])
    return "".join(pieces)


def _bad_escape(value: str, at: int, escaped: str, prop: Property | None) -> ParseError:
    if escaped:
        reason = (f"unknown escape \\{escaped} in a TEXT value; TEXT escapes only \\\\, "
                  f"\\;, \\, and \\n: write {escaped} alone, or \\\\{escaped} for a "
                  "backslash before it")
    else:
        reason = "the TEXT value ends in a lone backslash; write \\\\ for a backslash"
    length = 1 + len(escaped)
    if prop is not None:
        return prop.error(f"{prop.name}: {reason}", offset=at, length=length)
    return ParseError(reason, value, column=at + 1, length=length)


# -- content lines ----------------------------------------------------------------------


def _error(reason: str, source: str, line: int, folds: tuple[int, ...], column: int,
           name: str | None, length: int = 1) -> ParseError:
    """A ParseError saying the physical line of ``column`` (folds moved it down)."""
    physical = line + bisect_right(folds, column - 1)
    return ParseError(f"line {physical}: {reason}", source, column=column, field=name,
                      length=length)


class _Line(NamedTuple):
    """A content line after unfolding: where it starts and where it was folded."""

    text: str
    line: int
    folds: tuple[int, ...]

    def fail(self, reason: str, at: int, name: str | None = None) -> ParseError:
        """A ParseError at 0-based offset ``at``."""
        return _error(reason, self.text, self.line, self.folds, at + 1, name)


def _unfold(source: str) -> Iterator[_Line]:
    """Each content line with folds removed (RFC 5545 3.1): a line break followed by a
    space or tab joins the next physical line to it, less that one character."""
    pieces: list[str] = []
    folds: list[int] = []
    size = 0
    first = 0
    for number, physical in enumerate(source.split("\n"), 1):
        if physical.endswith("\r"):
            physical = physical[:-1]
        if physical[:1] in (" ", "\t"):
            if not pieces:
                raise ParseError(f"line {number}: the line starts with a space or tab, which "
                                 "continues the content line before it, but there is none "
                                 "right before it; remove the leading space", physical,
                                 column=1)
            folds.append(size)
            pieces.append(physical[1:])
            size += len(physical) - 1
            continue
        if pieces:
            yield _Line("".join(pieces), first, tuple(folds))
        pieces, folds, size, first = [], [], 0, number
        if physical:  # empty lines are skipped, and a fold cannot continue them
            pieces.append(physical)
            size = len(physical)
    if pieces:
        yield _Line("".join(pieces), first, tuple(folds))


def _read_property(line: _Line) -> Property:
    """``name *(";" param) ":" value`` (RFC 5545 3.1), with every column checked."""
    text = line.text
    control = _CONTROL.search(text)
    if control is not None:
        code = f"U+{ord(control.group()):04X}"
        if control.group() == "\r":
            reason = (f"a carriage return ({code}) without a line feed after it; end lines "
                      "with CRLF or LF")
        else:
            reason = (f"control character {code} in a content line; remove it (tab is the "
                      "only one allowed)")
        # Shown as '?': a raw carriage return or bell would garble the message itself.
        shown = _CONTROL.sub("?", text)
        raise _error(reason, shown, line.line, line.folds, control.start() + 1, None)
    found = _NAME.match(text)
    if found is None:
        raise line.fail("a content line starts with its name (letters, digits and '-'), "
                        "as in SUMMARY:text; this one does not: put the name first", 0)
    name = found.group().upper()
    at = found.end()
    params: dict[str, tuple[str, ...]] = {}
    while text.startswith(";", at):
        key_at = at + 1
        at, key, values = _read_param(line, key_at, name)
        if key in params:
            raise line.fail(f"{name}: parameter {key} is given twice; keep one", key_at, name)
        params[key] = values
    if not text.startswith(":", at):
        shown = ("the line ends" if at >= len(text) else "a space follows"
                 if text[at] == " " else f"'{text[at]}' follows")
        raise line.fail(f"{name}: expected ';' and a parameter or ':' and the value after "
                        f"{'the parameters' if params else 'the name'}, but {shown}; write "
                        f"{name}:value", at, name)
    return Property(name, params, text[at + 1:], line.line, at + 2, text, line.folds)


def _read_param(line: _Line, at: int, name: str) -> tuple[int, str, tuple[str, ...]]:
    """One ``key=value[,value]`` starting at ``at``: where it ends, the key, the values."""
    text = line.text
    found = _NAME.match(text, at)
    if found is None:
        raise line.fail(f"{name}: expected a parameter name (letters, digits and '-') after "
                        "';'; write ;NAME=value or remove the ';'", at, name)
    key = found.group().upper()
    at = found.end()
    if not text.startswith("=", at):
        raise line.fail(f"{name}: parameter {key} needs '=' and a value, as in {key}=value",
                        at, name)
    values: list[str] = []
    while True:
        at += 1  # past '=' or ','
        if text.startswith('"', at):
            close = text.find('"', at + 1)
            if close < 0:
                raise line.fail(f"{name}: the quoted value of parameter {key} has no closing "
                                "double quote; add one", at, name)
            values.append(text[at + 1:close])
            at = close + 1
        else:
            plain = _PARAM_TEXT.match(text, at)
            assert plain is not None  # it matches the empty string
            values.append(plain.group())
            at = plain.end()
            if text.startswith('"', at):
                raise line.fail(f"{name}: a double quote inside the value of parameter "
                                f"{key}; quote the whole value, and leave quotes out of it",
                                at, name)
        if not text.startswith(",", at):
            return at, key, tuple(values)


# -- components -------------------------------------------------------------------------


def read_components(source: str) -> list[Component]:
    """The VCALENDAR objects of iCalendar text, as trees of components.

    >>> [calendar] = read_components("BEGIN:VCALENDAR\\nVERSION:2.0\\nEND:VCALENDAR")
    >>> calendar.name, calendar.first("version").value, calendar.children
    ('VCALENDAR', '2.0', [])
    """
    if not isinstance(source, str):
        raise ParseError(f"iCalendar text must be a string, not {type(source).__name__}; "
                         "decode it as UTF-8 first", "")
    if len(source) > MAX_ICAL_LENGTH:
        raise ParseError(f"the iCalendar text is {len(source)} characters long; cadence reads "
                         f"at most {MAX_ICAL_LENGTH} (4 MiB): split the calendar",
                         source[:60].split("\n")[0].rstrip("\r") + "...")
    if source.startswith("\ufeff"):  # a byte order mark, as Windows tools write
        source = source[1:]
    calendars: list[Component] = []
    open_: list[tuple[Component, Property]] = []  # begun, not ended; outermost first
    begun = 0
    last_end: Property | None = None
    for line in _unfold(source):
        prop = _read_property(line)
        if prop.name == "BEGIN":
            begun += 1
            component = _begin(prop, open_, begun)
            (open_[-1][0].children if open_ else calendars).append(component)
            open_.append((component, prop))
        elif prop.name == "END":
            _end(prop, open_)
            last_end = prop
        elif not open_:
            raise _outside(prop, last_end)
        else:
            inner = open_[-1][0]
            if len(inner.properties) == MAX_ICAL_PROPERTIES:
                raise _at_name(prop, f"{inner.name} (begun on line {inner.line}) has more "
                               f"than {MAX_ICAL_PROPERTIES} properties; cadence reads at "
                               "most that many in one component: split it")
            inner.properties.append(prop)
    if open_:
        inner, begin = open_[-1]
        raise begin.error(f"BEGIN:{inner.name} is never ended; add END:{inner.name} after "
                          "its last line", length=len(inner.name))
    if not calendars:
        raise ParseError("the iCalendar text is empty; it starts with BEGIN:VCALENDAR and "
                         "ends with END:VCALENDAR", "")
    return calendars


def _begin(prop: Property, open_: list[tuple[Component, Property]], begun: int) -> Component:
    """The component ``prop`` begins, if it may begin there."""
    kind = _component_name(prop)
    if begun > MAX_ICAL_COMPONENTS:
        raise prop.error(f"the text has more than {MAX_ICAL_COMPONENTS} components; cadence "
                         "reads at most that many: split the calendar", length=len(kind))
    if not open_ and kind != "VCALENDAR":
        raise prop.error(f"BEGIN:{kind} is outside any VCALENDAR; put it between "
                         "BEGIN:VCALENDAR and END:VCALENDAR", length=len(kind))
    if open_:
        inner = open_[-1][0]
        if kind == "VCALENDAR":
            raise prop.error(f"BEGIN:VCALENDAR inside {inner.name} (begun on line "
                             f"{inner.line}); a VCALENDAR cannot nest: end {inner.name} "
                             "first", length=len(kind))
        if len(open_) == MAX_ICAL_DEPTH:
            raise prop.error(f"BEGIN:{kind} nests components more than {MAX_ICAL_DEPTH} "
                             f"levels deep; cadence reads at most {MAX_ICAL_DEPTH} levels: "
                             f"end {inner.name} (begun on line {inner.line}) first",
                             length=len(kind))
    return Component(kind, line=prop.line)


def _end(prop: Property, open_: list[tuple[Component, Property]]) -> None:
    """Close the innermost open component, which ``prop`` must name."""
    kind = _component_name(prop)
    if not open_:
        raise prop.error(f"END:{kind} has no BEGIN:{kind} before it; remove it or add the "
                         "BEGIN", length=len(kind))
    inner = open_[-1][0]
    if kind != inner.name:
        raise prop.error(f"END:{kind} while {inner.name} (begun on line {inner.line}) is "
                         f"still open; end {inner.name} first with END:{inner.name}",
                         length=len(kind))
    open_.pop()


def _component_name(prop: Property) -> str:
    """The upper-cased name after BEGIN: or END:."""
    if prop.params:
        raise _error(f"{prop.name} takes no parameters; write {prop.name}:VEVENT or the "
                     "like", prop.source, prop.line, prop.folds, len(prop.name) + 1,
                     prop.name)
    if _NAME.fullmatch(prop.value) is None:
        raise prop.error(f"{prop.name} names a component (letters, digits and '-'), as "
                         f"{prop.name}:VEVENT does", length=max(1, len(prop.value)))
    return prop.value.upper()


def _outside(prop: Property, last_end: Property | None) -> ParseError:
    if last_end is None:
        where = ("comes before BEGIN:VCALENDAR, outside any component; iCalendar text "
                 "starts with BEGIN:VCALENDAR: move it inside the VCALENDAR or remove it")
    else:
        where = (f"comes after END:{last_end.value.upper()} on line {last_end.line}, outside "
                 "any component; move it inside the VCALENDAR or remove it")
    return _at_name(prop, f"{prop.name} {where}")


def _at_name(prop: Property, reason: str) -> ParseError:
    """A ParseError under the property's name."""
    return _error(reason, prop.source, prop.line, prop.folds, 1, prop.name, len(prop.name))
