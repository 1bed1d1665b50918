"""A month (or a year) of a schedule as a standalone SVG picture: what ``cadence cal
--svg FILE`` writes, and what a web page can show as it is. Written here, no library:
plain elements, every text XML-escaped, the same text for the same model.

A month is a grid of day cells (weeks start on Monday, or Sunday with ``sunday``); a
firing day's cell is filled and shows its count (``1500+``: more than the 1,500 counted
a day). Each cell is a ``<rect class="day firing">`` or ``<rect class="day">`` with
``data-date="YYYY-MM-DD"`` (and ``data-count`` when it fires), so a page or a test can
find it. Totals follow, and for a schedule with windows one strip per day: a cell per
hour elapsed since local midnight (23 or 25 on clock-change days, as in the terminal),
filled in proportion to the time covered (grey: not counted), with the day's working
time. A year is twelve small month grids, three across, firing days filled.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final
from xml.sax.saxutils import escape, quoteattr

from ._month import Day, Month
from ._month_text import length_text, month_name

__all__ = ["month_svg", "year_svg"]

_FONT: Final = "DejaVu Sans, Helvetica, Arial, sans-serif"
_FIRING: Final = "#1d4ed8"
_FREE: Final = "#ffffff"
_LINE: Final = "#cbd5e1"
_INK: Final = "#0f172a"
_ON_FIRING: Final = "#ffffff"
_UNKNOWN: Final = "#94a3b8"
_STRIP_BACK: Final = "#e2e8f0"
_WEEKDAYS: Final = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")

_MARGIN: Final = 16
_CELL_W: Final = 64
_CELL_H: Final = 44
_HOUR_W: Final = 14
_STRIP_H: Final = 14
_STRIP_GAP: Final = 4
_LINE_H: Final = 20


def month_svg(month: Month, *, sunday: bool = False) -> str:
    """One month as an SVG document (see the module's docstring)."""
    parts: list[str] = []
    x0, y = _MARGIN, _MARGIN
    parts.append(_text(x0, y + 18, f"{month_name(month)} ({month.zone})", size=20,
                       weight="bold"))
    y += 32
    y = _grid(parts, month, x0, y, _CELL_W, _CELL_H, sunday=sunday, counts=True)
    y += 8
    for line in _totals(month):
        y += _LINE_H
        parts.append(_text(x0, y - 5, line, size=13))
    width = 7 * _CELL_W
    if month.windows:
        y += 12
        width = max(width, 56 + 25 * _HOUR_W + 120)
        for hour in (0, 6, 12, 18, 24):  # the ruler: hours since midnight
            parts.append(_text(x0 + 56 + hour * _HOUR_W, y + 10, str(hour), size=10,
                               fill="#475569"))
        y += 14
        for day in month.days:
            _strip(parts, day, x0, y)
            y += _STRIP_H + _STRIP_GAP
        y += _LINE_H
        working = month.working or timedelta(0)
        parts.append(_text(x0, y - 5, f"working time: {length_text(working, exact=_known(month))}",
                           size=13))
    return _document(parts, width + 2 * _MARGIN, y + _MARGIN)


def year_svg(months: tuple[Month, ...], *, sunday: bool = False) -> str:
    """Twelve months, three across, firing days filled (see the module's docstring)."""
    cell_w, cell_h = 26, 20
    block_w, block_h = 7 * cell_w + 24, 32 + 7 * cell_h + 16
    parts = [_text(_MARGIN, _MARGIN + 18, f"{months[0].year} ({months[0].zone})", size=20,
                   weight="bold")]
    top = _MARGIN + 32
    for index, month in enumerate(months):
        x = _MARGIN + (index % 3) * block_w
        y = top + (index // 3) * block_h
        title = f"{month_name(month)}: {month.firing_days} days"
        parts.append(_text(x, y + 16, title, size=13, weight="bold"))
        _grid(parts, month, x, y + 24, cell_w, cell_h, sunday=sunday, counts=False)
    rows = -(-len(months) // 3)
    return _document(parts, 3 * block_w + 2 * _MARGIN, top + rows * block_h + _MARGIN)


def _grid(parts: list[str], month: Month, x0: int, y: int, cell_w: int, cell_h: int, *,
          sunday: bool, counts: bool) -> int:
    """The weekday header and the day cells from ``y``; returns where they end."""
    first = 6 if sunday else 0
    names = _WEEKDAYS[first:] + _WEEKDAYS[:first]
    small = cell_h < 30
    for column, name in enumerate(names):
        parts.append(_text(x0 + column * cell_w + 4, y + 14, name, size=11 if small else 13,
                           fill="#475569"))
    y += 20
    for week in month.weeks(first):
        for column, day in enumerate(week):
            if day is not None:
                _cell(parts, day, x0 + column * cell_w, y, cell_w, cell_h, counts=counts)
        y += cell_h
    return y


def _cell(parts: list[str], day: Day, x: int, y: int, width: int, height: int, *,
          counts: bool) -> None:
    fires = day.fires
    classes = "day firing" if fires else "day"
    extra = f' data-count="{_count(day)}"' if fires else ""
    parts.append(
        f'<rect class="{classes}" data-date="{day.date.isoformat()}"{extra} x="{x + 1}" '
        f'y="{y + 1}" width="{width - 2}" height="{height - 2}" rx="3" '
        f'fill="{_FIRING if fires else _FREE}" stroke="{_LINE}"/>')
    ink = _ON_FIRING if fires else _INK
    small = height < 30
    parts.append(_text(x + 5, y + (14 if small else 17), str(day.date.day),
                       size=11 if small else 14, fill=ink))
    if counts and fires:
        parts.append(_text(x + width - 6, y + height - 7, _count(day), size=11, fill=ink,
                           anchor="end"))


def _count(day: Day) -> str:
    return f"{day.occurrences}{'' if day.exact else '+'}"


def _totals(month: Month) -> list[str]:
    if not month.firing_days:
        return ["no occurrence this month"]
    occurrences = f"{month.occurrences}{'' if month.exact else '+'}"
    days = month.firing_days
    lines = [f"{days} day{'s fire' if days != 1 else ' fires'}, {occurrences} occurrence"
             f"{'' if occurrences == '1' else 's'}"]
    if month.first is not None and month.last is not None:
        lines.append(f"first {month.first.isoformat()}")
        lines.append(f"last {month.last.isoformat()}")
    return lines


def _strip(parts: list[str], day: Day, x: int, y: int) -> None:
    label = f"{_WEEKDAYS[day.date.weekday()]} {day.date.day:02d}"
    parts.append(_text(x, y + _STRIP_H - 3, label, size=11))
    left = x + 56
    parts.append(f'<g class="hours" data-date="{day.date.isoformat()}">')
    for slot, share in enumerate(day.hours):
        cell_x = left + slot * _HOUR_W
        parts.append(f'<rect x="{cell_x}" y="{y}" width="{_HOUR_W - 1}" height="{_STRIP_H}" '
                     f'fill="{_UNKNOWN if share is None else _STRIP_BACK}"/>')
        if share:
            parts.append(f'<rect x="{cell_x}" y="{y}" width="{_HOUR_W - 1}" '
                         f'height="{_STRIP_H}" fill="{_FIRING}" '
                         f'fill-opacity="{share:.3f}"/>')
    parts.append("</g>")
    working = day.working or timedelta(0)
    note = "" if day.hour_count == 24 else f" ({day.hour_count} h day)"
    parts.append(_text(left + 25 * _HOUR_W + 8, y + _STRIP_H - 3,
                       length_text(working, exact=None not in day.hours) + note, size=11))


def _known(month: Month) -> bool:
    return all(None not in day.hours for day in month.days)


def _text(x: int, y: int, content: str, *, size: int, fill: str = _INK,
          weight: str | None = None, anchor: str | None = None) -> str:
    attributes = f'x="{x}" y="{y}" font-size="{size}" fill="{fill}"'
    if weight:
        attributes += f" font-weight={quoteattr(weight)}"
    if anchor:
        attributes += f" text-anchor={quoteattr(anchor)}"
    return f"<text {attributes}>{escape(content)}</text>"


def _document(parts: list[str], width: int, height: int) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family={quoteattr(_FONT)}>\n'
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n'
            + "\n".join(parts) + "\n</svg>\n")
