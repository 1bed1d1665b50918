"""ISO 8601 durations (``PT8H``, ``P1DT2H30M``, ``PT0.5S``): read in one place.

Arguments that take a length of time (``Schedule.with_duration``,
``add_working_time``, ``compare(horizon=)``...) take a ``timedelta`` or this text; the
RRULE and iCalendar readers read RFC 5545 DURATION values (a stricter profile of the
same grammar: whole numbers, weeks alone) with the same scanner.

The grammar: an optional sign, ``P``, then weeks, days, and after ``T`` hours, minutes
and seconds, each a number and its letter, in that order, at least one; letters in
either case. Years and months are refused (they have no fixed length), and so is a
fraction anywhere but on the last number (``PT1.5H30M`` is ambiguous).

>>> parse_duration("P1DT2H30M")
datetime.timedelta(days=1, seconds=9000)
>>> parse_duration("PT1H30X")
Traceback (most recent call last):
cadence.errors.ParseError: duration: 'X' is not a unit here; ...
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import TypeAlias

from .errors import ParseError, ScheduleError, described

__all__ = ["Duration", "as_duration", "duration_text", "parse_duration"]

#: What an argument that takes a length of time accepts.
Duration: TypeAlias = "timedelta | str"

#: Seconds in each unit letter, in the order they are written (``T`` before hours).
_UNITS = {"W": 7 * 86400, "D": 86400, "H": 3600, "M": 60, "S": 1}
_ORDER = "WDHMS"
#: Longer text is no duration anyone writes.
_LONGEST = 60
_MICRO = Decimal(1_000_000)


def parse_duration(text: str, name: str = "duration", *, rfc5545: bool = False
                   ) -> timedelta:
    """The length ``text`` says; a :class:`~cadence.errors.ParseError` naming the
    column of the first problem otherwise (``name`` starts its message). With
    ``rfc5545``, RFC 5545's profile: whole numbers only, and weeks (``P2W``) alone.

    >>> parse_duration("PT0.5S"), parse_duration("-P1W", rfc5545=True)
    (datetime.timedelta(microseconds=500000), datetime.timedelta(days=-7))
    """
    if len(text) > _LONGEST:
        raise ParseError(f"{name}: a duration is at most {_LONGEST} characters, such as "
                         "PT8H or P1DT2H30M", text[:_LONGEST] + "...")
    total, negative = _Scanner(text, name, rfc5545).total()
    try:
        length = timedelta(microseconds=int(total * _MICRO))
    except OverflowError:
        raise ParseError(f"{name}: {text.strip()} lasts longer than the 999,999,999 days a "
                         "duration can", text) from None
    return -length if negative else length


class _Scanner:
    """One pass over the text, left to right; each problem names its column."""

    def __init__(self, text: str, name: str, rfc5545: bool) -> None:
        self.text, self.name, self.rfc5545 = text, name, rfc5545
        self.at = len(text) - len(text.lstrip())
        self.end = len(text.rstrip())

    def fail(self, reason: str, column: int, length: int = 1) -> ParseError:
        return ParseError(f"{self.name}: {reason}", self.text, column=column + 1,
                          length=length)

    def total(self) -> tuple[Decimal, bool]:
        """The duration's seconds and whether it is negative."""
        text, end = self.text, self.end
        negative = self.at < end and text[self.at] == "-"
        self.at += self.at < end and text[self.at] in "+-"
        if self.at >= end or text[self.at].upper() != "P":
            raise self.fail("an ISO 8601 duration starts with P, such as PT8H (8 hours) or "
                            "P1DT2H30M", self.at)
        self.at += 1
        total = Decimal(0)
        timed = False  # after the T
        last = -1  # the place in _ORDER of the last unit read
        fraction: int | None = None  # where a number with a fraction began
        weeks: int | None = None
        while self.at < end:
            if text[self.at].upper() == "T":
                if timed:
                    raise self.fail("T comes once, before the hours, minutes and seconds",
                                    self.at)
                if self.at + 1 >= end:
                    raise self.fail("a T is followed by hours, minutes or seconds (PT8H)",
                                    self.at)
                timed = True
                self.at += 1
                continue
            begin, value = self.at, self.number()
            letter = text[self.at].upper()
            if letter == "Y" or (letter == "M" and not timed):
                raise self.fail("years and months have no fixed length; write days (P30D)"
                                " or weeks (P4W)" + ("" if letter == "Y" else
                                                     "; minutes come after a T (PT30M)"),
                                self.at)
            place = _ORDER.find(letter) if letter else -1
            if place < 0 or (place >= 2) != timed:
                units = "H, M or S" if timed else "W or D, or T and then H, M or S"
                raise self.fail(f"{text[self.at]!r} is not a unit here; write {units}",
                                self.at)
            if place <= last:
                raise self.fail(f"{letter} is written twice" if place == last else
                                f"{letter} comes after {_ORDER[last]}: write the units "
                                "largest first", self.at)
            if fraction is not None:
                raise self.fail("only the last number may have a fraction", fraction,
                                begin - fraction - 1)
            if value.as_tuple().exponent != 0:  # written with a fraction (1.0 too)
                if self.rfc5545:
                    raise self.fail("RFC 5545 durations count whole units; write PT1H30M, "
                                    "not PT1.5H", begin, self.at - begin)
                fraction = begin
            if letter == "W":
                weeks = self.at
            elif weeks is not None and self.rfc5545:
                raise self.fail("RFC 5545 writes weeks alone (P2W); write days instead "
                                "(P14D)", weeks)
            last = place
            total += value * _UNITS[letter]
            self.at += 1
        if last < 0:
            raise self.fail("a duration names at least one unit, such as PT8H or P1D",
                            end - 1)
        return total, negative

    def number(self) -> Decimal:
        """The number at the cursor, which stops on the letter after it."""
        text, begin = self.text, self.at
        while self.at < self.end and text[self.at] in "0123456789.,":
            self.at += 1
        digits = text[begin:self.at].replace(",", ".")
        if not digits:
            raise self.fail(f"{text[self.at]!r} is not a number; write a number before "
                            "each unit letter (PT8H)", self.at)
        if self.at >= self.end:
            raise self.fail(f"the number {digits} needs a unit letter after it",
                            begin, self.at - begin)
        if digits.count(".") > 1 or digits in (".",) or digits.startswith("."):
            raise self.fail(f"{digits} is not a number such as 1 or 0.5", begin,
                            self.at - begin)
        try:
            return Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the characters are checked above
            raise self.fail(f"{digits} is not a number", begin, self.at - begin) from None


def as_duration(value: object, name: str = "duration") -> timedelta:
    """A length of time given as a ``timedelta`` or ISO 8601 text (:data:`Duration`).

    >>> as_duration("PT8H")
    datetime.timedelta(seconds=28800)
    >>> as_duration(8, "horizon")
    Traceback (most recent call last):
    cadence.errors.ScheduleError: horizon must be a timedelta or ISO 8601 text such as ...
    """
    if isinstance(value, timedelta):
        return value
    if isinstance(value, str):
        return parse_duration(value, name)
    unit = ("; say its unit: PT8H is 8 hours, PT30S 30 seconds"
            if isinstance(value, int | float) and not isinstance(value, bool) else "")
    raise ScheduleError(f"{name} must be a timedelta or ISO 8601 text such as 'PT8H' or "
                        f"'P1DT2H30M', not {_kind(value)}{unit}")


def duration_text(length: timedelta) -> str:
    """``length`` as the ISO 8601 text :func:`parse_duration` reads back exactly, one
    way for each length: days, then hours, minutes and seconds (a fraction on the
    seconds only), each left out when zero; never weeks, years or months.

    >>> duration_text(timedelta(days=1, seconds=9000)), duration_text(timedelta(0))
    ('P1DT2H30M', 'PT0S')
    >>> duration_text(timedelta(hours=-1, microseconds=500))
    '-PT59M59.9995S'
    """
    micro = (length.days * 86400 + length.seconds) * 1_000_000 + length.microseconds
    sign, micro = ("-" if micro < 0 else ""), abs(micro)
    seconds, fraction = divmod(micro, 1_000_000)
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    second_text = (f"{seconds}.{fraction:06d}".rstrip("0") if fraction
                   else str(seconds) if seconds else "")
    clock = "".join(f"{value}{unit}" for value, unit in (
        (hours, "H"), (minutes, "M"), (second_text, "S")) if value)
    text = (f"{days}D" if days else "") + (f"T{clock}" if clock else "")
    return f"{sign}P{text or 'T0S'}"


def _kind(value: object) -> str:
    shown = described(value)  # a number as written, else its kind ("an integer of ...")
    return f"the number {shown}" if shown[:1] and shown[:1] in "-0123456789" else shown
