"""A progress bar on standard error for work that runs past a second.

The library's long loops take a ``progress`` callback and call it now and then with
the fraction done (``cadence._equivalence.compare``); :func:`progress` gives the
command line's callback, or ``None`` (no calls at all) when standard error is no
terminal: nothing is ever written into a pipe or a log. The bar is tqdm's, imported
only once the work has run for :data:`SHOW_AFTER` seconds (tqdm costs tens of
milliseconds to import; work that ends sooner never pays it). Leaving the ``with``,
normally or by Ctrl-C, erases the bar, so ``cadence: interrupted`` is the one line
left (``cadence.cli.main`` prints it and exits 130).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO, TypeVar

from ._output import is_terminal

if TYPE_CHECKING:
    from tqdm import tqdm

__all__ = ["SHOW_AFTER", "Progress", "counted", "progress"]

#: Seconds of work before a bar appears (a module attribute, so that a test can show
#: the bar at once in a subprocess instead of finding work that lasts a second).
SHOW_AFTER = 1.0
#: The bar counts in thousandths: smooth enough, and whole numbers for tqdm.
_STEPS = 1000

Progress = Callable[[float], None]
"""A callback taking the fraction of the work done, from 0 to 1."""

_T = TypeVar("_T")


class _Bar:
    """The callback: silent for :data:`SHOW_AFTER` seconds, then a tqdm bar."""

    def __init__(self, what: str, stream: TextIO) -> None:
        self._what = what
        self._stream = stream
        self._began = time.monotonic()
        self._bar: tqdm[None] | None = None
        self._drawing = False

    def __call__(self, fraction: float) -> None:
        bar = self._bar
        if bar is None:
            if time.monotonic() - self._began < SHOW_AFTER:
                return
            from tqdm import tqdm  # (only once the work is long, and on a terminal)

            columns, lines = _size(self._stream)
            self._drawing = True  # (Ctrl-C may come while tqdm draws its first line)

            bar = self._bar = tqdm(
                total=_STEPS, desc=self._what, file=self._stream, leave=False,
                # (a terminal that tells no size: tqdm would draw nothing)
                ncols=columns or 80, nrows=lines or 24,
                bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed} elapsed, "
                           "{remaining} left")
        bar.update(min(max(round(fraction * _STEPS), bar.n), _STEPS) - bar.n)

    def close(self) -> None:
        """Erase the bar (tqdm's ``leave=False``), or the line it was drawing when the
        work ended, or was interrupted, before tqdm was done starting."""
        if self._bar is not None:
            self._bar.close()
        elif self._drawing:
            self._stream.write("\r\x1b[K")  # (carriage return, erase to the line's end)
            self._stream.flush()


def _size(stream: TextIO) -> tuple[int, int]:
    """The terminal's columns and lines, 0 where it tells none (a pseudo-terminal
    nobody sized)."""
    try:
        return tuple(os.get_terminal_size(stream.fileno()))  # type: ignore[return-value]
    except (AttributeError, OSError, ValueError):
        return 0, 0


@contextmanager
def progress(what: str, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """The callback for work described as ``what`` (``comparing``), drawing on
    ``stream`` (default standard error); ``None`` when that is not a terminal."""
    stream = sys.stderr if stream is None else stream
    if not is_terminal(stream):
        yield None
        return
    bar = _Bar(what, stream)
    try:
        yield bar
    finally:
        bar.close()


def counted(items: Iterable[_T], total: int, report: Progress | None, *,
            every: int = 1024) -> Iterator[_T]:
    """``items`` (``total`` of them at most), reporting the fraction taken to ``report``
    every ``every`` items: for a loop the command line runs itself (``next -n
    100000``)."""
    if report is None:
        yield from items
        return
    for index, item in enumerate(items, 1):
        yield item
        if not index % every:
            report(index / total)
