"""The exceptions cadence raises. Every one is a :class:`ScheduleError`, itself a ``ValueError``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date, timedelta

__all__ = ["AmbiguousFormatError", "NeverFiresError", "ParseError", "ScheduleError",
           "TooManyResultsError", "UnsupportedError", "ZoneError", "described",
           "duration_words", "moment_words", "rough_duration_words"]


class ScheduleError(ValueError):
    """Base class of every error cadence raises for bad input.

    Every one pickles with its fields (process pools and task queues send errors back
    by pickle):

    >>> import pickle
    >>> err = pickle.loads(pickle.dumps(ParseError("bad minute", "61 * * * *", column=1)))
    >>> err.column, err.source, str(err).splitlines()[0]
    (1, '61 * * * *', 'bad minute')
    """

    @property
    def one_line(self) -> str:
        """The message on one line, for a list of problems or a vendor's error body,
        where the caret picture of a :class:`ParseError` has no place."""
        return str(self)

    def __reduce__(self) -> tuple[object, ...]:
        # Exception's own reduce calls ``cls(*args)``, which subclasses with their own
        # ``__init__`` do not take: the error is built again without calling it.
        return _unpickled, (type(self), self.args), self.__dict__


class ParseError(ScheduleError):
    """A schedule string that cannot be read.

    ``source`` is the text, ``column`` the 1-based column of the problem (or ``None`` when
    the problem is the text as a whole), ``field`` the name of the field it falls in.
    The message ends with the text and a caret under the column.

    >>> err = ParseError("minute 61 is out of range 0-59", "61 * * * *", column=1, field="minute")
    >>> print(err)
    minute 61 is out of range 0-59
      61 * * * *
      ^
    """

    def __init__(
        self,
        reason: str,
        source: str,
        *,
        column: int | None = None,
        field: str | None = None,
        length: int = 1,
    ) -> None:
        self.reason = reason
        self.source = source
        self.column = column
        self.field = field
        self.length = length
        super().__init__(_with_caret(reason, source, column, length))

    @property
    def one_line(self) -> str:
        """The reason, and where in the text (the caret picture is for a terminal).

        >>> ParseError("minute 61 is out of range 0-59", "61 * * * *", column=1).one_line
        "minute 61 is out of range 0-59 (column 1 of '61 * * * *')"
        """
        if self.column is None or not self.source:
            return self.reason
        return f"{self.reason} (column {self.column} of {described(self.source)})"

    @property
    def snippet(self) -> str:
        """The source line with a caret under the problem (empty when there is no column)."""
        if self.column is None:
            return ""
        return _caret_lines(self.source, self.column, self.length)


class NeverFiresError(ScheduleError):
    """A well-formed schedule that has no occurrence at all (``0 0 30 2 *``)."""


class ZoneError(ScheduleError):
    """A time zone that cannot be found or used."""


class AmbiguousFormatError(ScheduleError):
    """A source whose content does not tell its format: no format recognizes it, or
    several do. ``candidates`` names the formats it could be (every JSON format when
    none recognized it), so the caller can name one.

    >>> err = AmbiguousFormatError("which one?", ("edfs", "campaign"))
    >>> err.candidates
    ('edfs', 'campaign')
    """

    def __init__(self, message: str, candidates: tuple[str, ...]) -> None:
        self.candidates = candidates
        super().__init__(message)


class TooManyResultsError(ScheduleError):
    """A call that would list more results than ``cadence.limits.MAX_RESULTS`` (a range
    of an every-second schedule, say); the lazy iterators walk any number of them."""


class UnsupportedError(ScheduleError):
    """A schedule that a target format cannot express (never dropped silently).

    ``target`` is the format written to, ``feature`` what it cannot say; ``detail`` (if
    any) is appended to the message as written.

    >>> err = UnsupportedError("cron", "a 2-hour window", ", only its start")
    >>> print(err)
    cron: a 2-hour window cannot be expressed, only its start
    >>> err.target, err.feature
    ('cron', 'a 2-hour window')
    """

    def __init__(self, target: str, feature: str, detail: str = "", *,
                 message: str | None = None) -> None:
        self.target = target
        self.feature = feature
        super().__init__(message if message is not None
                         else f"{target}: {feature} cannot be expressed{detail}")


def _caret_lines(source: str, column: int | None, length: int) -> str:
    shown = source if len(source) <= 200 else source[:200] + "..."
    # A control character (an escape sequence, a NUL) is shown as "?", one for one so
    # the caret stays under its column, and never reaches the terminal as it is.
    shown = "".join(char if char.isprintable() else "?" for char in shown)
    if column is None:
        return f"  {shown}"
    pad = " " * (min(column, len(shown) + 1) - 1)
    return f"  {shown}\n  {pad}{'^' * max(1, min(length, 80))}"


def _with_caret(reason: str, source: str, column: int | None, length: int) -> str:
    if not source:
        return reason
    return f"{reason}\n{_caret_lines(source, column, length)}"


#: The units a duration is said in, largest first, in seconds (a day is 24 h: these are
#: elapsed times, not calendar days).
_UNITS = (("day", 86400), ("h", 3600), ("min", 60), ("s", 1))


def rough_duration_words(delta: timedelta) -> str:
    """``delta``'s size in words for a message or a table, never ``timedelta``'s "2
    days, 5:00:00": its two largest adjacent units, truncated; under a second ``less
    than 1 s``, none ``0 s``. The sign is the caller's to say ("in ...", "... ago").

    >>> from datetime import timedelta
    >>> rough_duration_words(timedelta(days=1, hours=22, minutes=5)), rough_duration_words(
    ...     timedelta(hours=2, minutes=30)), rough_duration_words(timedelta(days=3, minutes=1))
    ('1 day 22 h', '2 h 30 min', '3 days')
    """
    delta = abs(delta)
    seconds = delta.days * 86400 + delta.seconds
    if seconds == 0:
        return "less than 1 s" if delta.microseconds else "0 s"
    for index, (name, size) in enumerate(_UNITS):
        if seconds >= size:
            words = [_amount(seconds // size, name)]
            if index + 1 < len(_UNITS):
                smaller, smaller_size = _UNITS[index + 1]
                rest = seconds % size // smaller_size
                if rest:
                    words.append(_amount(rest, smaller))
            return " ".join(words)
    raise AssertionError("unreachable: a second is the smallest unit")  # pragma: no cover


def _amount(count: int, unit: str) -> str:
    return f"{count} {unit}s" if unit == "day" and count != 1 else f"{count} {unit}"


#: Characters of a value's text that a message shows (the rest is clipped).
_SHOWN = 40
#: Integers below 2**120 (up to 37 digits) are shown whole.
_SHOWN_BITS = 120


def described(value: object) -> str:
    """``value`` named safely in a message: a short string or number as written
    (clipped), anything else by its type. Never a ``repr``, which runs user code and
    raises for an integer of more than 4,300 digits inside a container, and never
    raising.

    >>> described("Metre"), described(14.5), described(10**5000), described([10**5000])
    ("'Metre'", '14.5', 'an integer of more than 36 digits', 'an array')
    >>> print(described("x" * 50), described("a\\nb"), described({1, 2}))
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' 'a\\nb' a value of type set
    """
    if isinstance(value, str):
        clipped = "".join(char if char.isprintable() else ascii(char)[1:-1]
                          for char in value[:_SHOWN])
        return f"'{clipped}...'" if len(value) > _SHOWN else f"'{clipped}'"
    if isinstance(value, bool) or value is None:
        return "null" if value is None else "a boolean"
    if isinstance(value, int):
        return (str(value) if value.bit_length() <= _SHOWN_BITS
                else "an integer of more than 36 digits")
    if isinstance(value, float):
        return str(value)
    from decimal import Decimal  # here: only a message about a bad value needs them
    from fractions import Fraction

    if isinstance(value, Fraction):
        return (str(value) if max(value.numerator.bit_length(),
                                  value.denominator.bit_length()) <= _SHOWN_BITS
                else "a fraction of more than 36 digits")
    if isinstance(value, Decimal):
        return described(str(value))[1:-1]  # its text, clipped (never an int conversion)
    if isinstance(value, list | dict):
        return "an array" if isinstance(value, list) else "an object"
    return f"a value of type {type(value).__name__}"


#: The units a length is said in, largest first: seconds in each and its short name.
_UNIT_WORDS = ((86400, "day"), (3600, "h"), (60, "min"))


def duration_words(length: timedelta) -> str:
    """A length of time as a message says it: ``2 h 30 min``, ``3 days 4 h``, ``0.5 s``
    (never ``timedelta``'s ``3 days, 4:00:00``).

    >>> from datetime import timedelta
    >>> duration_words(timedelta(hours=2, minutes=30)), duration_words(timedelta(days=3, hours=4))
    ('2 h 30 min', '3 days 4 h')
    >>> duration_words(timedelta(seconds=0.5)), duration_words(-timedelta(days=1, seconds=1.25))
    ('0.5 s', '-1 day 1.25 s')
    >>> duration_words(timedelta(0)), duration_words(timedelta(days=1, microseconds=1))
    ('0 s', '1 day 0.000001 s')
    """
    micro = (length.days * 86400 + length.seconds) * 1_000_000 + length.microseconds
    sign, micro = ("-" if micro < 0 else ""), abs(micro)
    rest, fraction = divmod(micro, 1_000_000)
    parts = []
    for size, unit in _UNIT_WORDS:
        count, rest = divmod(rest, size)
        if count:
            plural = "s" if unit == "day" and count != 1 else ""
            parts.append(f"{count} {unit}{plural}")
    if rest or fraction or not parts:
        seconds = f"{rest}.{fraction:06d}".rstrip("0").rstrip(".") if fraction else str(rest)
        parts.append(f"{seconds} s")
    return sign + " ".join(parts)


def moment_words(moment: date) -> str:
    """A moment (or a date) as a message shows it: ISO 8601, with a ``T`` and the offset
    when it has one (never ``datetime``'s ``2026-12-05 09:55:40+00:00``).

    >>> from datetime import datetime, timezone
    >>> moment_words(datetime(2026, 12, 5, 9, 55, 40, 439227, tzinfo=timezone.utc))
    '2026-12-05T09:55:40.439227+00:00'
    """
    return moment.isoformat()


def _unpickled(kind: type[ScheduleError], args: tuple[object, ...]) -> ScheduleError:
    """A pickled cadence error, with its message; its fields follow as its state."""
    error = kind.__new__(kind, *args)
    error.args = args
    return error
