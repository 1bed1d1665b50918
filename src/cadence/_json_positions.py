"""Where each value of a JSON text starts, by JSON Pointer: so that a problem at
``/days/values/1`` is shown at its line and column of the file, as compilers do.

The text has already been decoded by :func:`cadence.validate.load_json` (within the
limits of :mod:`cadence.limits`), so this scan may trust it is JSON and stays linear.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right

__all__ = ["Positions"]

# One token: a string, a structural character, or a number or literal. The text is
# valid JSON, so every character outside tokens is white space.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.DOTALL)


class Positions:
    """The line and column (both 1-based, columns in characters) of every value."""

    def __init__(self, text: str) -> None:
        self._starts = _value_starts(text)
        self._lines = [index for index, char in enumerate(text) if char == "\n"]

    def of(self, pointer: str) -> tuple[int, int]:
        """Where the value at ``pointer`` starts; for a pointer to a member that is
        missing (a required key), where the nearest enclosing value starts."""
        while pointer not in self._starts and pointer:
            pointer = pointer.rpartition("/")[0]
        offset = self._starts.get(pointer, 0)
        line = bisect_right(self._lines, offset - 1)
        line_start = self._lines[line - 1] + 1 if line else 0
        return line + 1, offset - line_start + 1


def _value_starts(text: str) -> dict[str, int]:
    starts: dict[str, int] = {}
    # Each open container: its pointer, whether it is an object, and the pointer the
    # next value in it will have (an array's next index, an object's last key).
    stack: list[tuple[str, bool]] = []
    index: list[int] = []
    key: list[str] = []
    wants_key = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "}" or token == "]":
            stack.pop()
            index.pop()
            key.pop()
            wants_key = False
            continue
        if token == ",":
            if stack[-1][1]:
                wants_key = True
            else:
                index[-1] += 1
            continue
        if token == ":":
            continue
        if wants_key:
            key[-1] = _escaped(json.loads(token))
            wants_key = False
            continue
        if not stack:
            pointer = ""
        else:
            parent, is_object = stack[-1]
            pointer = f"{parent}/{key[-1] if is_object else index[-1]}"
        starts[pointer] = match.start()  # a repeated key: the last one counts, as in json
        if token == "{" or token == "[":
            stack.append((pointer, token == "{"))
            index.append(0)
            key.append("")
            wants_key = token == "{"
    return starts


def _escaped(name: str) -> str:
    """A member name as a JSON Pointer segment (RFC 6901: ``~`` and ``/`` escaped)."""
    return name.replace("~", "~0").replace("/", "~1")
