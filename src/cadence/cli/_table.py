"""The human view of occurrences on a terminal.

``cadence next`` on a terminal prints one aligned row per occurrence (as
``systemd-analyze calendar`` does)::

    Mon  2026-12-07 09:00:00  +01:00 CET  in 1 day 22 h  until 17:00:00

weekday, local date and time, UTC offset (and the zone's abbreviation where it has a
name for it), how far from now, and where the schedule has windows, when the window
closes. In a pipe the command keeps its plain ISO lines; this module is for people.

Its distances are :func:`cadence.errors.rough_duration_words`, the one place a duration
becomes words ("2 h 30 min") for the table and for messages alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..errors import rough_duration_words
from ._style import bold, dim, highlight

if TYPE_CHECKING:
    from ..schedule import Schedule

__all__ = ["from_now", "occurrence_table", "window_ends"]


def from_now(moment: datetime, now: datetime) -> str:
    """``in 5 min``, ``3 h ago`` or ``now``: ``moment`` seen from ``now``."""
    delta = moment - now
    if not delta:
        return "now"
    words = rough_duration_words(delta)
    return f"in {words}" if delta > timedelta(0) else f"{words} ago"


def occurrence_table(times: Sequence[datetime], *, now: datetime,
                     ends: Sequence[datetime | None] | None = None, colour: bool) -> str:
    """One aligned row per occurrence (see the module's doc), lines joined by newlines
    and no newline at the end; ``ends[i]``, when given and not ``None``, is when the
    window opened at ``times[i]`` closes. With ``colour``, ANSI styles (applied after
    the padding, so columns line up either way)."""
    rows = []
    for index, moment in enumerate(times):
        end = ends[index] if ends is not None else None
        rows.append((moment.strftime("%a"), _wall(moment), _offset(moment),
                     from_now(moment, now), "" if end is None else _until(moment, end)))
    styles = (dim, bold, dim, highlight, dim) if colour else (None,) * 5
    widths = [max((len(row[column]) for row in rows), default=0) for column in range(5)]
    lines = []
    for row in rows:
        cells = []
        for text, width, style in zip(row, widths, styles, strict=True):
            if not width:
                continue  # (no window ends: no column)
            padding = " " * (width - len(text))
            cells.append((style(text) if style is not None and text else text) + padding)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _wall(moment: datetime) -> str:
    """The local date and time, with microseconds only when there are any."""
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    return f"{text}.{moment.microsecond:06d}" if moment.microsecond else text


def _offset(moment: datetime) -> str:
    """``+01:00 CET``: the UTC offset, and the zone's abbreviation when it has one
    (``+04`` in Asia/Dubai and a fixed zone's ``UTC+01:00`` are no names)."""
    offset = moment.utcoffset()
    if offset is None:
        return ""
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    text = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    name = moment.tzname()
    return f"{text} {name}" if name and name.isalpha() else text


def _until(start: datetime, end: datetime) -> str:
    """When a window closes: the time alone on the day it opened, else the date too;
    its offset when the clock changed in between."""
    text = _wall(end)[11:] if end.date() == start.date() else f"{end:%a} {_wall(end)}"
    if end.utcoffset() != start.utcoffset():
        text = f"{text} {_offset(end)}"
    return f"until {text}"


def window_ends(schedule: Schedule, times: Sequence[datetime]) -> list[datetime | None] | None:
    """When the window each of ``times`` (occurrences of ``schedule``) opens closes, or
    ``None`` for a schedule of instants (no column for the table)."""
    if not schedule.has_windows:
        return None
    ends: list[datetime | None] = []
    for moment in times:
        window = schedule.window_at(moment)  # (the last opened at the moment: its own)
        ends.append(window[1] if window is not None and window[0] == moment
                    and window[1] != moment else None)
    return ends
