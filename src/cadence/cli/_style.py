"""Whether to colour a stream, and the few ANSI styles the command line uses.

The policy, first match wins (as CPython's own ``_colorize`` orders it):

1. ``NO_COLOR`` set and not empty: no colour (https://no-color.org);
2. ``FORCE_COLOR`` set and not empty, or ``CLICOLOR_FORCE`` set to anything but ``0``:
   colour, even into a pipe or a file (for ``less -R``, CI logs that render colour);
3. ``TERM=dumb``: no colour;
4. otherwise colour exactly when the stream is a terminal.

Plain SGR escapes, no library: every start of ``cadence`` would pay for importing one.
"""

from __future__ import annotations

import os
from typing import TextIO

from ._output import is_terminal

__all__ = ["bold", "colour_allowed", "dim", "highlight", "reverse"]


def colour_allowed(stream: TextIO) -> bool:
    """Whether text written to ``stream`` may carry ANSI colour (see the module's doc)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("CLICOLOR_FORCE", "") not in ("", "0"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def _styled(code: str) -> str:
    return f"\x1b[{code}m"


_RESET = _styled("0")


def bold(text: str) -> str:
    return f"{_styled('1')}{text}{_RESET}"


def dim(text: str) -> str:
    return f"{_styled('2')}{text}{_RESET}"


def reverse(text: str) -> str:
    """Foreground and background swapped: a highlighted cell (a day in a calendar)."""
    return f"{_styled('7')}{text}{_RESET}"


def highlight(text: str) -> str:
    """The one accent colour (cyan: readable on dark and light backgrounds alike)."""
    return f"{_styled('36')}{text}{_RESET}"
