"""Input limits: how much cadence reads, checked before any format rule runs.

Each limit is refused with a clear error that says what is too big, where it is and
what to do, never with a traceback. A value nested 100,000 levels deep is measured
without deep recursion (the quick pass goes no deeper than the depth limit, and the walk
that says where is iterative), and both stop as soon as a limit is crossed, so their
cost is bounded too.

========================  ============================================================
``MAX_CRON_LENGTH``       characters in a cron or Quartz string (1 KiB)
``MAX_RRULE_LENGTH``      characters of RRULE text (64 KiB)
``MAX_RRULE_LINES``       RRULE and EXRULE lines in one recurrence text
``MAX_COUNT``             an RRULE ``COUNT`` (counted lazily, as the occurrences are
                          walked: reading costs the same for any COUNT)
``MAX_REMOVED_IN_A_ROW``  occurrences EXRULE and EXDATE remove in a row before a walk
                          stops with an error
``MAX_WORKING_WINDOWS``   windows one working-time call walks one by one (where whole
                          days cannot be counted at once) before it stops with an error
``MAX_LIST_LENGTH``       values in one JSON array, RRULE BY-list or EXDATE line
``MAX_OBJECT_MEMBERS``    members of one JSON object
``MAX_DEPTH``             levels of nested JSON arrays and objects
``MAX_PAYLOAD_BYTES``     UTF-8 bytes of JSON text; a decoded payload is measured as
                          the compact JSON text it stands for (1 MiB)
``MAX_NUMBER_DIGITS``     decimal digits of a JSON integer (Python's own limit for
                          converting integers to and from text)
``MAX_QUANTITY_DIGITS``   significant digits of a Bentley quantity or rate
``MAX_QUANTITY_EXPONENT`` a Bentley quantity or rate lies between 10**-n and 10**n
``MAX_CALENDAR_RULES``    IR rules one Bentley calendar makes: a rule per time block of
                          the week's day types, and per time block of an exception's
                          day type in each month with exceptions of that type
``MAX_CALENDAR_SKIPS``    exception dates the week's time blocks skip, added over the
                          blocks (each block's rule lists the dates it skips)
``MAX_ICAL_LENGTH``       characters of iCalendar text (4 MiB)
``MAX_ICAL_COMPONENTS``   components (``BEGIN:`` lines) in one iCalendar text
``MAX_ICAL_PROPERTIES``   properties of one iCalendar component
``MAX_ICAL_DEPTH``        levels of nested iCalendar components (VCALENDAR is level 1)
``MAX_COMPARED``          occurrences ``compare``, ``equivalent``, ``first_difference``
                          and ``cadence diff`` walk before they stop undecided (about a
                          second)
``MAX_RESULTS``           occurrences ``between`` lists, windows ``windows_between``
                          lists (past it: ``TooManyResultsError``; the lazy iterators
                          have no limit)
``MAX_EXPANDED_ROWS``     rows one ``cadence.expand`` call (or ``cadence expand``) yields
                          over all its schedules (past it: ``TooManyResultsError``)
``MAX_KEPT_CHANGE_``      occurrences of clock-change days one evaluator keeps for
``OCCURRENCES``           walking back and forth (past it they are dropped, never an
                          error)
========================  ============================================================

JSON payloads that cross a limit get a :class:`~cadence.Problem` with one of the codes
in :data:`CODES` (``validate`` returns it, ``parse`` raises
:class:`~cadence.InvalidPayloadError` with it); strings get a
:class:`~cadence.ParseError`.

>>> payload_problem({"days": {"values": ["1"] * 10_001}})
... # doctest: +NORMALIZE_WHITESPACE
Problem(path='/days/values', code='LIST_TOO_LONG',
        message='this array has 10001 values; cadence reads at most 10000 values per
        array: shorten it', severity='error')
>>> print(payload_problem({"type": "WEEKLY"}))
None
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, TypeAlias

from ._problems import Problem, pointer
from .errors import ScheduleError

__all__ = [
    "CODES",
    "MAX_CALENDAR_RULES",
    "MAX_CALENDAR_SKIPS",
    "MAX_COMPARED",
    "MAX_COUNT",
    "MAX_CRON_LENGTH",
    "MAX_DEPTH",
    "MAX_EXPANDED_ROWS",
    "MAX_ICAL_COMPONENTS",
    "MAX_ICAL_DEPTH",
    "MAX_ICAL_LENGTH",
    "MAX_ICAL_PROPERTIES",
    "MAX_KEPT_CHANGE_OCCURRENCES",
    "MAX_LIST_LENGTH",
    "MAX_NUMBER_DIGITS",
    "MAX_OBJECT_MEMBERS",
    "MAX_PAYLOAD_BYTES",
    "MAX_QUANTITY_DIGITS",
    "MAX_QUANTITY_EXPONENT",
    "MAX_REMOVED_IN_A_ROW",
    "MAX_RESULTS",
    "MAX_RRULE_LENGTH",
    "MAX_RRULE_LINES",
    "MAX_WORKING_WINDOWS",
    "LimitError",
    "deep_text_problem",
    "payload_problem",
    "text_size_problem",
]

#: Characters in a cron or Quartz string, ``CRON_TZ=`` prefix included.
MAX_CRON_LENGTH: Final = 1024
#: Characters of RFC 5545 recurrence text (EXDATE lists make it longer than cron).
MAX_RRULE_LENGTH: Final = 64 * 1024
#: RRULE and EXRULE lines in one recurrence text (each is checked by a walk).
MAX_RRULE_LINES: Final = 32
#: Occurrences that EXRULE and EXDATE may remove in a row before a walk stops with an
#: error (an EXRULE that covers its RRULE would otherwise walk to the year 9999).
MAX_REMOVED_IN_A_ROW: Final = 100_000
#: Windows one ``add_working_time`` or ``working_time_between`` walks one by one before
#: it stops with an error: plain rules are counted a whole day, month or year at a time
#: (see cadence._working), but a schedule with exclusion rules, explicit dates, counts
#: or BYSETPOS is walked window by window (1,000 hours of one second a minute would
#: walk 3.6 million). 200,000 windows take about a second.
MAX_WORKING_WINDOWS: Final = 200_000
#: Occurrences of clock-change days one evaluator keeps (about 130 bytes each) so that
#: walking back and forth over a change does not lay its day out again; past it the
#: kept days are dropped (never an error). Dense days (more than 96 occurrences) are
#: never kept: they are walked lazily around the change.
MAX_KEPT_CHANGE_OCCURRENCES: Final = 50_000
#: The largest RRULE ``COUNT``: counted as the walk goes, never when the text is read.
MAX_COUNT: Final = 1_000_000
#: Occurrences one ``between`` call lists (windows, for ``windows_between``): as many
#: as ``cadence next -n`` prints, a day of every second (86,400) or two months of every
#: minute; the list stays near 6 MB and is refused within a second or so. Longer walks
#: go through ``iter_after``/``iter_windows``, which hold one result at a time.
MAX_RESULTS: Final = 100_000
#: Rows one ``cadence.expand`` call yields over all its schedules (one schedule's rows
#: stream, as iter_after's do, bounded only by this): about 5 minutes of one process's
#: work (3 us a row), 6 GB of CSV. The rows stream out a chunk at a time, so this
#: bounds work, not memory.
MAX_EXPANDED_ROWS: Final = 100_000_000
#: Values in one JSON array, one RRULE BY-list or one EXDATE line.
MAX_LIST_LENGTH: Final = 10_000
#: Members of one JSON object.
MAX_OBJECT_MEMBERS: Final = 10_000
#: Levels of nested arrays and objects (the payload itself is level 1).
MAX_DEPTH: Final = 64
#: Bytes of JSON text (UTF-8), or of the compact JSON text a decoded payload stands for.
MAX_PAYLOAD_BYTES: Final = 1 << 20
#: Decimal digits of a JSON integer: Python's default limit for int/str conversion.
MAX_NUMBER_DIGITS: Final = 4300
#: Significant decimal digits of a Bentley quantity or rate (a float has at most 17).
MAX_QUANTITY_DIGITS: Final = 30
#: A Bentley quantity or rate lies between 10**-n and 10**n (0 aside): exact arithmetic
#: on it then stays small, and the longest work it gives still fits a timedelta or fails
#: at once.
MAX_QUANTITY_EXPONENT: Final = 20
#: IR rules a Bentley calendar makes. A rule has one time block and its days are a
#: product of years, months and days, so the blocks of an exception's day type repeat
#: in every month with exceptions of that type: 300 blocks and 300 exception months made
#: 90,000 rules (3 s, 159 MB) within a 30 KiB payload. A calendar of many years of
#: exceptions on a day type of a few shifts stays far below.
MAX_CALENDAR_RULES: Final = 10_000
#: Exception dates a Bentley calendar's weekly time blocks skip, added over the blocks:
#: each block's rule lists the exception dates on its weekdays (about 10 us each to
#: build), so 1,000 blocks and 10,000 exceptions took 75 s.
MAX_CALENDAR_SKIPS: Final = 100_000
#: Characters of iCalendar text: a calendar export, so far more than one rule's text.
MAX_ICAL_LENGTH: Final = 4 << 20
#: Components in one iCalendar text, counted at each ``BEGIN:`` line.
MAX_ICAL_COMPONENTS: Final = 10_000
#: Properties of one component (``BEGIN``/``END`` not counted; long attendee lists fit).
MAX_ICAL_PROPERTIES: Final = 10_000
#: Levels of nested components; RFC 5545 needs 3 (VCALENDAR, VTIMEZONE, STANDARD).
MAX_ICAL_DEPTH: Final = 8
#: Occurrences (or windows) a comparison of two schedules walks before it stops and says
#: ``undecided`` (``stopped="limit"``): about a second of walking. Proving agreement by
#: walking takes 400 years of occurrences, so a schedule firing every minute or second
#: is decided on its IR or by a difference, and otherwise stays undecided.
MAX_COMPARED: Final = 300_000

#: The Problem codes of the limits, and what each one means.
CODES: Final = {
    "PAYLOAD_TOO_LARGE": f"more than {MAX_PAYLOAD_BYTES} bytes of JSON text",
    "PAYLOAD_TOO_DEEP": f"arrays and objects nested more than {MAX_DEPTH} levels deep",
    "LIST_TOO_LONG": f"an array with more than {MAX_LIST_LENGTH} values",
    "OBJECT_TOO_LARGE": f"an object with more than {MAX_OBJECT_MEMBERS} members",
    "NUMBER_TOO_LARGE": f"an integer with more than {MAX_NUMBER_DIGITS} digits",
    "NOT_JSON": "a Python value that JSON cannot carry (a set, a date, a non-string key...)",
}

#: Where the walk is: ``(key, parent)``, from which a JSON Pointer is built on demand.
_Node: TypeAlias = "tuple[str | int, _Node] | None"

_TOO_BIG: Final = 10**MAX_NUMBER_DIGITS
_DIGITS_PER_BIT: Final = 0.30103  # log10(2)
#: Brackets outside strings, for finding where JSON text gets too deep.
_BRACKETS: Final = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class LimitError(ScheduleError):
    """Input that crosses one of cadence's limits; ``problem`` says which and where.

    >>> error = LimitError(_problem("", "PAYLOAD_TOO_DEEP", "nested too deeply"))
    >>> error.problem.code, str(error)
    ('PAYLOAD_TOO_DEEP', 'nested too deeply')
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message if not problem.path
                         else f"{problem.path}: {problem.message}")


def _problem(path: str, code: str, message: str) -> Problem:
    return Problem(path, code, message)


def _path(node: _Node) -> str:
    """The JSON Pointer of a walk node, built only when a limit is crossed."""
    parts: list[str | int] = []
    while node is not None:
        key, node = node
        parts.append(key)
    return pointer(*reversed(parts))


def _string_bytes(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def text_size_problem(text: str | bytes, where: str = "payload") -> Problem | None:
    """``PAYLOAD_TOO_LARGE`` when JSON ``text`` has more than :data:`MAX_PAYLOAD_BYTES`
    bytes (UTF-8 for ``str``); ``None`` otherwise.

    >>> text_size_problem("[]") is None, text_size_problem(b" " * (2 << 20)).code
    (True, 'PAYLOAD_TOO_LARGE')
    """
    exact = isinstance(text, bytes) or len(text) <= MAX_PAYLOAD_BYTES
    # Characters are at least as many bytes: long text is not encoded to be measured.
    size = len(text) if isinstance(text, bytes) or not exact else _string_bytes(text)
    if size <= MAX_PAYLOAD_BYTES:
        return None
    return _problem("", "PAYLOAD_TOO_LARGE",
                    f"{where} is {'' if exact else 'at least '}{size} bytes; cadence reads "
                    f"payloads of at most {MAX_PAYLOAD_BYTES} bytes (1 MiB): send a smaller "
                    "one")


def deep_text_problem(text: str | bytes, where: str = "payload") -> Problem:
    """``PAYLOAD_TOO_DEEP`` for JSON text that nests arrays and objects more than
    :data:`MAX_DEPTH` levels deep, naming the line and column where it gets too deep
    (used when ``json.loads`` gave up with a ``RecursionError``).

    >>> deep_text_problem("[" * 70 + "]" * 70).message
    ... # doctest: +NORMALIZE_WHITESPACE
    'payload nests arrays and objects more than 64 levels deep (line 1, column 65);
     cadence reads at most 64 levels: flatten it'
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    depth = 0
    where_deep = ""
    for match in _BRACKETS.finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                offset = match.start()
                line = text.count("\n", 0, offset) + 1
                column = offset - text.rfind("\n", 0, offset)
                where_deep = f" (line {line}, column {column})"
                break
        elif bracket in "]}":
            depth -= 1
    return _problem("", "PAYLOAD_TOO_DEEP",
                    f"{where} nests arrays and objects more than {MAX_DEPTH} levels "
                    f"deep{where_deep}; cadence reads at most {MAX_DEPTH} levels: "
                    "flatten it")


def _size_within(item: object, depth: int, budget: int) -> int | None:
    """What :func:`payload_problem`'s walk counts for ``item``, or ``None`` where the walk
    would report a problem (or the size passes ``budget``). Recursive, but it goes no
    deeper than :data:`MAX_DEPTH` + 1 levels and stops once ``budget`` is spent."""
    if isinstance(item, str):
        return (len(item) if item.isascii() else _string_bytes(item)) + 3
    if item is None or isinstance(item, bool):
        return 5
    if isinstance(item, int):
        return None if abs(item) >= _TOO_BIG else int(item.bit_length() * _DIGITS_PER_BIT) + 2
    if isinstance(item, float):
        return 24
    if not isinstance(item, (dict, list, tuple)) or depth > MAX_DEPTH:
        return None
    size = 2
    if isinstance(item, dict):
        if len(item) > MAX_OBJECT_MEMBERS:
            return None
        for key in item:
            if not isinstance(key, str):
                return None
            size += (len(key) if key.isascii() else _string_bytes(key)) + 3
        children: Iterable[object] = item.values()
    elif len(item) > MAX_LIST_LENGTH:
        return None
    else:
        children = item
    for child in children:
        if isinstance(child, str):  # most children: counted here, without a call
            size += (len(child) if child.isascii() else _string_bytes(child)) + 3
            continue
        if child is None:
            size += 5
            continue
        if size > budget:
            return None
        inner = _size_within(child, depth + 1, budget - size)
        if inner is None:
            return None
        size += inner
    return size if size <= budget else None


def payload_problem(value: object) -> Problem | None:
    """The first limit a decoded payload crosses, as a :class:`~cadence.Problem` with
    the JSON Pointer of the offending place, or ``None`` when it is within all limits.

    A quick pass answers for payloads within every limit; only one that crosses a
    limit is walked again, keeping where it is, to say where. Neither recurses deeper
    than the depth limit, and both stop at the first limit, so they also end on
    self-containing Python lists. Codes: see :data:`CODES`.

    >>> deep: list[object] = []
    >>> for _ in range(100_000):
    ...     deep = [deep]
    >>> payload_problem({"a": deep}).path.count("/")
    64
    >>> payload_problem({"n": 10**5000}).code, payload_problem({"when": {1, 2}}).path
    ('NUMBER_TOO_LARGE', '/when')
    """
    if _size_within(value, 1, MAX_PAYLOAD_BYTES) is not None:
        return None  # the usual payload: one quick pass, no paths kept
    return _first_problem(value)


def _first_problem(value: object) -> Problem | None:
    """The walk of :func:`payload_problem` that keeps where it is, to say where."""
    size = 0
    # Each entry: (value, depth, node); a node is (key, parent node) or None.
    stack: list[tuple[object, int, _Node]] = [(value, 1, None)]
    while stack:
        item, depth, node = stack.pop()
        if isinstance(item, str):  # the most common value: measured without a call
            size += (len(item) if item.isascii() else _string_bytes(item)) + 3  # "",
        elif item is None or isinstance(item, bool):
            size += 5
        elif isinstance(item, int):
            if abs(item) >= _TOO_BIG:
                return _problem(_path(node), "NUMBER_TOO_LARGE",
                                f"this integer has more than {MAX_NUMBER_DIGITS} digits; "
                                "cadence reads integers of at most "
                                f"{MAX_NUMBER_DIGITS} digits: use a smaller number")
            size += int(item.bit_length() * _DIGITS_PER_BIT) + 2
        elif isinstance(item, float):
            size += 24
        elif isinstance(item, (dict, list, tuple)):  # a tuple of types: faster than a union
            if depth > MAX_DEPTH:
                return _problem(_path(node), "PAYLOAD_TOO_DEEP",
                                f"arrays and objects are nested more than {MAX_DEPTH} "
                                f"levels deep here; cadence reads at most {MAX_DEPTH} "
                                "levels: flatten the payload")
            size += 2
            deeper = depth + 1
            # Children go on the stack last first, so that they come off in order.
            if isinstance(item, dict):
                if len(item) > MAX_OBJECT_MEMBERS:
                    return _problem(_path(node), "OBJECT_TOO_LARGE",
                                    f"this object has {len(item)} members; cadence reads "
                                    f"at most {MAX_OBJECT_MEMBERS} members per object: "
                                    "remove some")
                for key in item:
                    if not isinstance(key, str):
                        return _problem(_path(node), "NOT_JSON",
                                        f"this object has a key of type "
                                        f"{type(key).__name__}; JSON object keys are "
                                        "strings")
                    size += (len(key) if key.isascii() else _string_bytes(key)) + 3
                stack.extend([(child, deeper, (key, node))
                              for key, child in reversed(item.items())])
            else:
                if len(item) > MAX_LIST_LENGTH:
                    return _problem(_path(node), "LIST_TOO_LONG",
                                    f"this array has {len(item)} values; cadence reads at "
                                    f"most {MAX_LIST_LENGTH} values per array: shorten it")
                stack.extend([(item[index], deeper, (index, node))
                              for index in range(len(item) - 1, -1, -1)])
        else:
            return _problem(_path(node), "NOT_JSON",
                            f"a Python {type(item).__name__} is not a JSON value; pass "
                            "objects, arrays, strings, numbers, booleans and null only")
        if size > MAX_PAYLOAD_BYTES:
            return _problem("", "PAYLOAD_TOO_LARGE",
                            f"the payload is more than {MAX_PAYLOAD_BYTES} bytes as JSON "
                            f"text; cadence reads payloads of at most {MAX_PAYLOAD_BYTES} "
                            "bytes (1 MiB): send a smaller one")
    return None
