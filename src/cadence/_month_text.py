"""A month (or a year) of a schedule as terminal text, like ``cal``: what ``cadence cal``
prints. Pure functions of the model (:mod:`cadence._month`) and a ``colour`` flag.

A month::

            December 2026 (Europe/Berlin)
    Mo    Tu    We    Th    Fr    Sa    Su
           1(1)  2(1)  3(1)  4(1)  5     6
     7(1)  8(1) ...

A firing day carries its count in brackets, so the calendar reads the same in a pipe
or under ``NO_COLOR``; with ``colour`` its number is also shown in reverse video. The
cells are as wide as the month's widest count (``(1500+)``: more than 1,500, the most
counted a day). Weeks start on Monday (ISO 8601), or on Sunday with ``sunday``. Below
come the totals, and for a schedule with windows one hour strip per day: a cell per
hour elapsed since local midnight (``█`` covered, ``▓`` more than half, ``▒`` less,
``░`` free, ``?`` not counted), so a day the clock springs forward has 23 cells and one
it falls back 25, with the day's working time after it.

A year prints its months three across as ``cal -y`` does, a firing day marked ``*``
(reverse video with ``colour``), then a table of each month's firing days, occurrences
and working time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Final

from ._month import MAX_COUNTED_PER_DAY, Day, Month

__all__ = ["length_text", "month_name", "month_text", "year_text"]

_MONTHS: Final = ("January", "February", "March", "April", "May", "June", "July",
                  "August", "September", "October", "November", "December")
_WEEKDAYS: Final = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_REVERSE: Final = "\x1b[7m"
_SHADE: Final = "\x1b[32m"
_RESET: Final = "\x1b[0m"
#: The hour ruler's labels: elapsed hours since midnight.
_RULER_HOURS: Final = (0, 6, 12, 18)
_LABEL_WIDTH: Final = 7  # "Mo 01  "
#: A month's width in the year view: seven cells of a number and a marker.
_YEAR_BLOCK: Final = 21

#: What follows a day's number in its cell.
_Mark = Callable[[Day], str]


def month_name(month: Month) -> str:
    """``December 2026``."""
    return f"{_MONTHS[month.month - 1]} {month.year}"


def month_text(month: Month, *, colour: bool = False, sunday: bool = False) -> str:
    """One month: the grid, the totals, and the hour strips of a schedule with windows
    (see the module's docstring); lines end without spaces, the text with a newline."""
    name = month_name(month)
    marks = {day.date.day: _count_mark(day) for day in month.days}
    width = 2 + max(len(mark) for mark in marks.values())
    lines = _grid(month, width, " ", colour=colour, sunday=sunday,
                  mark=lambda day: marks[day.date.day])
    total = 7 * width + 6
    lines.insert(0, f"{name} ({month.zone})".center(total))
    lines.append("")
    lines.extend(_totals(month, name))
    if month.windows:
        lines.append("")
        lines.extend(_strips(month, name, colour=colour))
    return "".join(line.rstrip() + "\n" for line in lines)


def year_text(months: tuple[Month, ...], *, colour: bool = False, sunday: bool = False
              ) -> str:
    """Twelve months three across, then each month's totals (see the module's
    docstring)."""
    blocks = [_year_block(month, colour=colour, sunday=sunday) for month in months]
    lines = [f"{months[0].year} ({months[0].zone})".center(3 * _YEAR_BLOCK + 2 * 2), ""]
    for row in range(0, len(blocks), 3):
        group = blocks[row:row + 3]
        height = max(len(block) for block in group)
        for line in range(height):
            lines.append("  ".join(_padded(block[line] if line < len(block) else "",
                                           _YEAR_BLOCK) for block in group))
        lines.append("")
    lines.extend(_year_table(months))
    return "".join(line.rstrip() + "\n" for line in lines)


def _year_block(month: Month, *, colour: bool, sunday: bool) -> list[str]:
    star = "" if colour else "*"
    lines = _grid(month, 3, "", colour=colour, sunday=sunday,
                  mark=lambda day: star if day.fires else "")
    return [_MONTHS[month.month - 1].center(_YEAR_BLOCK), *lines]


def _padded(text: str, width: int) -> str:
    """``text`` padded to ``width`` visible characters (escape codes take none)."""
    visible = len(text.replace(_REVERSE, "").replace(_RESET, ""))
    return text + " " * max(0, width - visible)


def _grid(month: Month, width: int, separator: str, *, colour: bool, sunday: bool,
          mark: _Mark) -> list[str]:
    """The weekday header and the weeks: each cell a day's number and its ``mark``,
    ``width`` characters wide, the cells joined by ``separator``."""
    first = 6 if sunday else 0
    names = _WEEKDAYS[first:] + _WEEKDAYS[:first]
    lines = [separator.join(name.ljust(width) for name in names)]
    for week in month.weeks(first):
        cells = []
        for day in week:
            if day is None:
                cells.append(" " * width)
                continue
            number = f"{day.date.day:>2}"
            if colour and day.fires:
                number = f"{_REVERSE}{number}{_RESET}"
            cells.append(_padded(number + mark(day), width))
        lines.append(separator.join(cells))
    return lines


def _count_mark(day: Day) -> str:
    if not day.fires:
        return ""
    return f"({day.occurrences}{'' if day.exact else '+'})"


def _count(number: int, exact: bool) -> str:
    return f"{number}" if exact else f"more than {number}"


def _totals(month: Month, name: str) -> list[str]:
    if not month.firing_days:
        return [f"no occurrence in {name}"]
    days = month.firing_days
    lines = [f"{days} day{'s fire' if days != 1 else ' fires'}, "
             f"{_count(month.occurrences, month.exact)} occurrence"
             f"{'s' if month.occurrences != 1 or not month.exact else ''}"
             + ("" if month.exact else
                f" (a day is counted to {MAX_COUNTED_PER_DAY})")]
    first, last = month.first, month.last
    if first is not None and last is not None:
        lines.append(f"first {_moment(first)}")
        lines.append(f"last  {_moment(last)}")
    return lines


def _moment(moment: datetime) -> str:
    return moment.isoformat()


def _strips(month: Month, name: str, *, colour: bool) -> list[str]:
    lines = ["hours since midnight: █ covered  ▓ over half  ▒ under half  ░ free"
             + ("  ? not counted" if any(None in day.hours for day in month.days) else "")]
    ruler = [" "] * 25
    for hour in _RULER_HOURS:
        for offset, digit in enumerate(str(hour)):
            ruler[hour + offset] = digit
    lines.append(" " * _LABEL_WIDTH + "".join(ruler))
    for day in month.days:
        label = f"{_WEEKDAYS[day.date.weekday()]} {day.date.day:02d}"
        strip = "".join(_shade(share, colour=colour) for share in day.hours)
        pad = " " * (26 - day.hour_count)
        note = "" if day.hour_count == 24 else f" ({day.hour_count} h day)"
        working = day.working or timedelta(0)
        known = None not in day.hours
        lines.append(f"{label}  {strip}{pad}{length_text(working, exact=known)}{note}")
    total = month.working or timedelta(0)
    exact = all(None not in day.hours for day in month.days)
    lines.append(f"working time in {name}: {length_text(total, exact=exact)}")
    return lines


def _shade(share: float | None, *, colour: bool) -> str:
    if share is None:
        return "?"
    glyph = ("░" if share <= 0 else "█" if share >= 1 else "▓" if share >= 0.5 else "▒")
    if colour and glyph != "░":
        return f"{_SHADE}{glyph}{_RESET}"
    return glyph


def length_text(length: timedelta, *, exact: bool = True) -> str:
    """A working time in hours, minutes and seconds (``8 h 30 min``), ``0`` for none;
    fractions of a second are dropped. Not ``exact``: ``at least ...`` (or ``not
    counted``)."""
    seconds = int(length.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{value} {unit}" for value, unit in ((hours, "h"), (minutes, "min"),
                                                   (seconds, "s")) if value]
    if not exact:
        return f"at least {' '.join(parts)}" if parts else "not counted"
    return " ".join(parts) or "0"


def _year_table(months: tuple[Month, ...]) -> list[str]:
    windows = months[0].windows
    header = f"{'month':<10} {'days':>4} {'occurrences':>11}"
    if windows:
        header += f"  {'working time':>22}"
    lines = [header]
    rows = [(_MONTHS[month.month - 1], month.firing_days, month.occurrences, month.exact,
             month.working, all(None not in day.hours for day in month.days))
            for month in months]
    total_working = sum((month.working or timedelta(0) for month in months), timedelta(0))
    rows.append((str(months[0].year), sum(row[1] for row in rows),
                 sum(row[2] for row in rows), all(row[3] for row in rows), total_working,
                 all(row[5] for row in rows)))
    for label, days, number, exact, working, known in rows:
        line = f"{label:<10} {days:>4} {number if exact else f'{number}+':>11}"
        if windows:
            line += f"  {length_text(working or timedelta(0), exact=known):>22}"
        lines.append(line)
    return lines

