"""How every command prints: JSON for ``--json``, and problems as one kind of line.

A problem line is ``ORIGIN:LINE:COLUMN: SEVERITY: POINTER: MESSAGE [CODE]``, as compilers
and linters print theirs, so editors and ``grep`` find them: ORIGIN is the file (``-``
for standard input, ``<argument>`` for inline text); the pointer is the problem's JSON
Pointer and is left out for the payload as a whole (whose pointer is the empty string).
``--json`` prints the same problems as objects (see ``docs/cli-json.md``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._problems import Problem
    from ._sources import Source

__all__ = ["is_terminal", "note", "print_json", "problem_lines", "problems_json"]


def print_json(value: object) -> None:
    """``value`` as indented JSON on standard output (json is imported here: most runs
    print none)."""
    import json

    print(json.dumps(value, indent=2, ensure_ascii=False))


def _locate(source: Source, format_kind: str) -> Any:
    """Where a problem's pointer falls in the source: a function of the pointer."""
    if source.file is not None and format_kind == "json":
        from .._json_positions import Positions

        return Positions(source.text).of
    return lambda pointer: (1, 1)


def problem_lines(problems: Sequence[Problem], source: Source, format_kind: str, *,
                  at: tuple[int, int] | None = None) -> list[str]:
    """Each problem as one line (see the module); ``at``: where in a text source the
    error its reader reports is (else the problems of text are at its start)."""
    where = _locate(source, format_kind) if at is None else (lambda pointer: at)
    lines = []
    for problem in problems:
        line, column = where(problem.path)
        pointer = f"{problem.path}: " if problem.path else ""
        lines.append(f"{source.origin}:{line}:{column}: {problem.severity}: {pointer}"
                     f"{problem.explained} [{problem.code}]")
    return lines


def problems_json(problems: Sequence[Problem], source: Source, format_kind: str
                  ) -> list[dict[str, Any]]:
    """The problems as ``--json`` prints them; ``detail`` only when cadence adds one to
    a vendor's message, ``line`` and ``column`` only for a JSON file."""
    located = source.file is not None and format_kind == "json"
    where = _locate(source, format_kind)
    shown: list[dict[str, Any]] = []
    for problem in problems:
        item: dict[str, Any] = dict(problem.to_json())
        if located:
            item["line"], item["column"] = where(problem.path)
        shown.append(item)
    return shown


def is_terminal(stream: Any) -> bool:
    """Whether ``stream`` is a terminal (a test's StringIO, or a closed stream, is not)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def note(message: str) -> None:
    """A note on standard error, where it does not mix with the answer."""
    print(f"cadence: note: {message}", file=sys.stderr)
