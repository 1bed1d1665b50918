"""What a SOURCE argument holds, and in which format.

A SOURCE is a file when it is ``-`` (standard input) or names an existing file, and the
text itself otherwise: a cron line, an RRULE, or inline JSON alike. A file is read as
UTF-8 with or without a byte-order mark, up to the largest size any format allows (each
format then applies its own limit). The format is ``--format`` when given, else
recognized from the content by the format registry (:func:`cadence.formats.recognize`).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from typing import Any

from .. import formats
from ..errors import ParseError, ScheduleError, described
from ..limits import MAX_ICAL_LENGTH, MAX_PAYLOAD_BYTES

__all__ = ["Source", "is_file", "read_source"]

#: The most a SOURCE file may hold: the largest limit of any format (iCalendar's).
_MOST = max(MAX_ICAL_LENGTH, MAX_PAYLOAD_BYTES)
#: An argument that can only be meant as a file (no schedule text looks like this):
#: a missing one is said to be missing, not read as a cron line.
_FILE_NAME = re.compile(r"[\w.~/\\-]*\.(?:json|ics|ical|ifb|txt|cron|rrule|timer)",
                        re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Source:
    """A SOURCE argument and its content."""

    argument: str
    text: str
    #: The file it was read from ("standard input" for ``-``); ``None`` for inline text.
    file: str | None

    @property
    def name(self) -> str:
        """How messages name it."""
        return self.file if self.file is not None else "the SOURCE argument"

    @property
    def origin(self) -> str:
        """How a ``file:line:column`` location starts: the file name, ``-`` for standard
        input, ``<argument>`` for inline text."""
        if self.file is None:
            return "<argument>"
        return "-" if self.argument == "-" else self.file

    def read(self, given: str | None) -> tuple[str, Any]:
        """``(format, what its reader reads)``: the format is ``given``, else the one the
        registry recognizes (an error lists the candidates when the content is
        ambiguous); a JSON format reads the decoded value (JSON that does not decode is
        an error naming the file, line and column), a text format the text."""
        if given is None:
            found, read = formats.recognized(self.text, where=self.name)
            return found.name, read.strip() if isinstance(read, str) else read
        if formats.registry()[given].kind != "json":
            return given, self.text.strip()
        if self.text.lstrip()[:1] not in ("{", "["):
            raise ScheduleError(f"--format {given} reads JSON, and {self.name} is not JSON "
                                f"(it starts with {described(self.text.strip()[:20])})")
        from ..validate import load_json

        return given, load_json(self.text, where=self.name)

    def located(self, error: ScheduleError) -> str:
        """``file:line:column: message`` for an error in a file's text (``file:`` alone
        where the error has no column), with the caret picture below; for inline text the
        error as it is (its caret says where)."""
        if self.file is None:
            return str(error)
        if not isinstance(error, ParseError) or error.column is None:
            return f"{self.origin}: {error}"
        line = self.line_of(error)
        said = str(error).removeprefix(f"line {line}: ")  # (iCalendar's reader counts too)
        return f"{self.origin}:{line}:{error.column}: {said}"

    def line_of(self, error: ParseError) -> int:
        """The 1-based line of the text that ``error`` is about: the line its reader
        names (``line 5: ...``), else the one that is its source, else the first that
        holds it."""
        named = _NAMED_LINE.match(error.reason)
        if named is not None:
            return int(named.group(1))
        wanted = error.source.strip()
        lines = self.text.splitlines()
        for candidates in ([line.strip() == wanted for line in lines],
                           [bool(wanted) and wanted in line for line in lines]):
            if any(candidates):
                return candidates.index(True) + 1
        return 1


#: How a reader of several lines names the line of an error: "line 5: DTEND: ...".
_NAMED_LINE = re.compile(r"line ([0-9]+): ")


def read_source(argument: str) -> Source:
    """The SOURCE: a file's (or standard input's) content when it is ``-`` or names an
    existing file, else the argument itself."""
    if argument != "-" and not is_file(argument):
        if _is_directory(argument):
            raise ScheduleError(f"cannot read {argument}: it is a directory, not a file")
        if _FILE_NAME.fullmatch(argument):
            raise ScheduleError(f"cannot read {argument}: no such file")
        return Source(argument, formats.without_bom(argument), None)
    name = "standard input" if argument == "-" else argument
    try:
        if argument == "-":
            stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
            raw = (stream.read(_MOST + 1) if stream is not None
                   else sys.stdin.read(_MOST + 1).encode("utf-8", "surrogatepass"))
        else:
            with open(argument, "rb") as handle:
                raw = handle.read(_MOST + 1)
    except OSError as exc:
        raise ScheduleError(f"cannot read {name}: {exc.strerror or 'unreadable'}") from None
    if len(raw) > _MOST:
        raise ScheduleError(f"{name} is larger than {_MOST} bytes, cadence's limit for any "
                            "format")
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is fine
    except UnicodeDecodeError as exc:
        raise ScheduleError(f"cannot read {name}: byte {exc.start + 1} is not UTF-8 text "
                            "(save the file as UTF-8)") from None
    return Source(argument, text, name)


def _is_directory(argument: str) -> bool:
    try:
        return os.path.isdir(argument)
    except (OSError, ValueError):
        return False


def is_file(argument: str) -> bool:
    """Whether ``argument`` names an existing file (a name too long for the system, or
    holding a NUL byte, names none)."""
    try:
        return os.path.isfile(argument)
    except (OSError, ValueError):
        return False
