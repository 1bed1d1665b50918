"""A month of a schedule, day by day: what ``cadence cal`` draws, as plain values.

:func:`month_of` counts, for each local day of a month in the schedule's zone, the
occurrences that fall in it (with the first and last), and for a schedule whose
occurrences open windows (a duration: Helix time frames, Bentley working calendars,
iCalendar events with DTEND or DURATION) the time its windows cover in each hour of the
day and in the whole day. :func:`year_of` does it for the twelve months of a year. The
result is data only (no printing): the terminal calendar (``cadence.cli._cal``), the SVG
(:mod:`cadence._month_svg`) and a web page can all draw it.

Days and hours
    A day runs from one local midnight to the next in the schedule's zone (where a
    clock change skips midnight, from the first moment that exists). Its hours are the
    hours *elapsed* since that midnight, not wall-clock hours: a day the clock springs
    forward has 23 of them and a day it falls back has 25 (a half-hour change gives a
    last hour of 30 minutes), so each hour slot is exactly one real hour and the
    covered time adds up. Weeks start on Monday (ISO 8601); :meth:`Month.weeks` lays
    them out from any weekday.

Bounded work
    Counting walks occurrences one by one, but never more than
    :data:`MAX_COUNTED_PER_DAY` on one day: every minute of a 25-hour day is counted
    exactly; a denser day (every second) is counted to that many and marked not exact
    (``exact`` false: *more than* that many), its last occurrence still found in one
    step back from the next midnight. Windows are walked under the same cap per day,
    and at most :data:`MAX_WINDOWS_WALKED` for a month or a year (a month of windows
    opening every minute); past either the walk stops: the hours from there on are
    not counted (``None``) and the working time is at least what was counted (windows
    opening more often are rare; restarting the walk each day would cost a day of
    windows walked back around every clock change). So a month costs at most
    31 x 1,500 steps of the occurrence walk (a year twelve times that) and 50,000 of
    the window walk, whatever the schedule.

JSON (:meth:`Month.to_json`; ``cadence cal --json`` prints ``{"zone", "weekStart",
"windows", "months": [...]}`` with one month for ``--month``, twelve for ``--year``)::

    {"month": "2026-12", "year": 2026, "monthNumber": 12,
     "daysFiring": 22, "occurrences": 22, "exact": true,
     "first": "2026-12-01T09:00:00+01:00", "last": "2026-12-31T09:00:00+01:00",
     "workingSeconds": 633600.0,             # null unless the schedule has windows
     "days": [{"date": "2026-12-01", "weekday": 1,   # ISO: 1 Monday .. 7 Sunday
               "occurrences": 1, "exact": true,
               "first": "...", "last": "...",         # null on a day that does not fire
               "hours": [0.0, ..., 1.0, ...],         # covered fraction of each elapsed
                                                      # hour (23/24/25); [] for instants;
                                                      # null for an hour not counted
               "workingSeconds": 28800.0}, ...]}      # null for instants

>>> import cadence
>>> month = month_of(cadence.parse("0 9 * * MON-FRI", tz="Europe/Berlin"), 2026, 12)
>>> month.firing_days, month.occurrences, month.first.isoformat()
(23, 23, '2026-12-01T09:00:00+01:00')
"""

from __future__ import annotations

from bisect import bisect_right
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Final

from ._zones import instant_of, zone_name
from .errors import ScheduleError
from .schedule import Schedule

__all__ = ["MAX_COUNTED_PER_DAY", "MAX_WINDOWS_WALKED", "Day", "Month",
           "month_of", "year_of"]

#: Occurrences (and windows) walked on one day: every minute of a 25-hour day.
MAX_COUNTED_PER_DAY: Final = 1500
#: Windows walked for one month or year (about a second): a month of windows opening
#: every minute.
MAX_WINDOWS_WALKED: Final = 50_000

_MICRO: Final = 1_000_000
#: The calendar's first and last second, as instants.
_FIRST_SECOND: Final = int(datetime.min.replace(tzinfo=timezone.utc).timestamp())
# (integer arithmetic: the float timestamp of datetime.max rounds up into the year 10000)
_LAST_SECOND: Final = (datetime.max.replace(tzinfo=timezone.utc)
                       - datetime(1970, 1, 1, tzinfo=timezone.utc)) // timedelta(seconds=1)
_HOUR: Final = 3600 * _MICRO


@dataclass(frozen=True)
class Day:
    """One local day of a month.

    ``occurrences`` is exact when ``exact`` (else: more than that many); ``hours`` holds,
    for a schedule with windows, the covered fraction of each hour elapsed since local
    midnight (``None`` where the walk's cap left it uncounted), and ``working`` the time
    covered in the day (at least, when an hour is ``None``); both are empty/``None``
    for a schedule of instants.
    """

    date: date
    occurrences: int
    exact: bool
    first: datetime | None
    last: datetime | None
    hours: tuple[float | None, ...]
    working: timedelta | None

    @property
    def fires(self) -> bool:
        return self.occurrences > 0

    @property
    def hour_count(self) -> int:
        """Hours elapsed from this midnight to the next (23, 24 or 25; 0 for instants)."""
        return len(self.hours)

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "weekday": self.date.isoweekday(),
            "occurrences": self.occurrences,
            "exact": self.exact,
            "first": _iso(self.first),
            "last": _iso(self.last),
            "hours": [None if share is None else round(share, 4) for share in self.hours],
            "workingSeconds": _seconds(self.working),
        }


@dataclass(frozen=True)
class Month:
    """The days of one month of a schedule, in its zone (see the module's docstring)."""

    year: int
    month: int
    zone: str
    windows: bool
    days: tuple[Day, ...]

    @property
    def firing_days(self) -> int:
        return sum(1 for day in self.days if day.fires)

    @property
    def occurrences(self) -> int:
        """Occurrences in the month (at least, unless :attr:`exact`)."""
        return sum(day.occurrences for day in self.days)

    @property
    def exact(self) -> bool:
        return all(day.exact for day in self.days)

    @property
    def first(self) -> datetime | None:
        return next((day.first for day in self.days if day.first is not None), None)

    @property
    def last(self) -> datetime | None:
        return next((day.last for day in reversed(self.days) if day.last is not None), None)

    @property
    def working(self) -> timedelta | None:
        """Working time in the month (``None`` for instants; at least, where a day's
        hours were not all counted)."""
        if not self.windows:
            return None
        return sum((day.working or timedelta(0) for day in self.days), timedelta(0))

    def weeks(self, first_weekday: int = 0) -> list[tuple[Day | None, ...]]:
        """The month as rows of seven, ``None`` before the first day and after the last;
        ``first_weekday`` 0 is Monday (ISO), 6 Sunday."""
        lead = (self.days[0].date.weekday() - first_weekday) % 7
        cells: list[Day | None] = [None] * lead + list(self.days)
        cells += [None] * (-len(cells) % 7)
        return [tuple(cells[row:row + 7]) for row in range(0, len(cells), 7)]

    def to_json(self) -> dict[str, object]:
        return {
            "month": f"{self.year:04d}-{self.month:02d}",
            "year": self.year,
            "monthNumber": self.month,
            "daysFiring": self.firing_days,
            "occurrences": self.occurrences,
            "exact": self.exact,
            "first": _iso(self.first),
            "last": _iso(self.last),
            "workingSeconds": _seconds(self.working),
            "days": [day.to_json() for day in self.days],
        }


def year_of(schedule: Schedule, year: int) -> tuple[Month, ...]:
    """The twelve months of ``year`` (see :func:`month_of`); the months share one
    budget of :data:`MAX_WINDOWS_WALKED` windows."""
    budget = [MAX_WINDOWS_WALKED]
    return tuple(_month_of(schedule, year, month, budget) for month in range(1, 13))


def month_of(schedule: Schedule, year: int, month: int) -> Month:
    """The days of ``month`` of ``year`` in the schedule's zone: occurrences counted,
    and, for a schedule with windows, the hours they cover."""
    return _month_of(schedule, year, month, [MAX_WINDOWS_WALKED])


def _month_of(schedule: Schedule, year: int, month: int, budget: list[int]) -> Month:
    """:func:`month_of`, walking at most ``budget[0]`` windows (and spending them)."""
    if not 1 <= year <= 9999 or not 1 <= month <= 12:
        raise ScheduleError(f"there is no month {year:04d}-{month:02d}: give a year from 1 "
                            "to 9999 and a month from 1 to 12")
    length = monthrange(year, month)[1]
    dates = [date(year, month, number) for number in range(1, length + 1)]
    midnights = [_midnight(day, schedule) for day in dates]
    midnights.append(_midnight(dates[-1] + timedelta(days=1), schedule)
                     if dates[-1] < date.max else _end_of_calendar(schedule))
    counts = _count(schedule, midnights)
    windows = schedule.has_windows
    covered = _cover(schedule, midnights, budget) if windows else None
    days = []
    for index, day in enumerate(dates):
        number, exact, first, last = counts[index]
        hours: tuple[float | None, ...] = ()
        working = None
        if covered is not None:
            hours, working = _hours_of(covered[index], midnights[index],
                                       midnights[index + 1])
        days.append(Day(day, number, exact, first, last, hours, working))
    return Month(year, month, zone_name(schedule.tz), windows, tuple(days))


def _midnight(day: date, schedule: Schedule) -> int:
    """The instant (seconds) a local day begins: its midnight, or where a clock change
    skips midnight, the first moment after the gap."""
    # A skipped midnight, read with the offset before the gap, lands after the gap.
    return instant_of(datetime(day.year, day.month, day.day), schedule.tz)[0]


def _end_of_calendar(schedule: Schedule) -> int:
    return instant_of(datetime(9999, 12, 31, 23, 59, 59), schedule.tz)[0] + 1


def _at(seconds: int, schedule: Schedule) -> datetime:
    """An aware moment (UTC) for an instant, to hand to the schedule; kept within the
    calendar (a day of the year 1 east of Greenwich begins in the year 0)."""
    return datetime.fromtimestamp(min(max(seconds, _FIRST_SECOND), _LAST_SECOND),
                                  timezone.utc)


def _last_before(schedule: Schedule, seconds: int) -> datetime | None:
    """The schedule's last occurrence before the instant ``seconds``; past the
    calendar's last second, that second counts too (``prev`` looks strictly before the
    moment it is given, and no moment after that second can be given)."""
    if seconds <= _LAST_SECOND:
        return schedule.prev(_at(seconds, schedule))
    final = schedule.next(_at(_LAST_SECOND - 1, schedule))
    if final is not None and instant_of(final, schedule.tz)[0] == _LAST_SECOND:
        return final
    return schedule.prev(_at(_LAST_SECOND, schedule))


_Count = tuple[int, bool, "datetime | None", "datetime | None"]
#: Covered time ``[a, b)`` in microseconds (instants before 1970 are negative);
#: ``(a, None)``: not counted from ``a`` on.
_Piece = tuple[int, "int | None"]


def _count(schedule: Schedule, midnights: list[int]) -> list[_Count]:
    """Per day: (occurrences, exact, first, last). One walk serves a sparse month; a day
    past the cap is cut short, and a new walk starts at the next midnight."""
    found: list[_Count] = [(0, True, None, None)] * (len(midnights) - 1)
    end = midnights[-1]
    zone = schedule.tz
    cursor = midnights[0]
    while cursor < end:
        walk = schedule.iter_after(_at(cursor - 1, schedule))
        pending = next(walk, None)
        cursor = end  # unless a day is cut short
        while pending is not None and instant_of(pending, zone)[0] < end:
            index = bisect_right(midnights, instant_of(pending, zone)[0]) - 1
            day_end = midnights[index + 1]
            first = last = pending
            number, pending, cut = 1, None, False
            for moment in walk:
                if instant_of(moment, zone)[0] >= day_end:
                    pending = moment
                    break
                if number == MAX_COUNTED_PER_DAY:  # more than that: the last, a step back
                    cut = True
                    last = _last_before(schedule, day_end) or last
                    break
                last = moment
                number += 1
            found[index] = (number, not cut, first, last)
            if cut:
                cursor = day_end
                break
    return found


def _cover(schedule: Schedule, midnights: list[int], budget: list[int]
           ) -> list[list[_Piece]]:
    """Per day, the disjoint pieces ``[a, b)`` (microseconds) its windows cover, in order.
    Once a day passes the cap, or the walk spends ``budget[0]`` windows, every day from
    there ends with ``(a, None)``: not counted from ``a`` on."""
    pieces: list[list[_Piece]] = [[] for _ in range(len(midnights) - 1)]
    zone = schedule.tz
    end = midnights[-1] * _MICRO
    covered = midnights[0] * _MICRO  # covered up to here (pieces never overlap)
    today, opened_today = 0, 0
    cut = budget[0] <= 0
    walk = iter(()) if cut else schedule.iter_windows(_at(midnights[0], schedule))
    for opening, closing in walk:
        start_s, start_micro = instant_of(opening, zone)
        start = start_s * _MICRO + start_micro
        if start >= end:
            break
        day = max(bisect_right(midnights, start_s) - 1, 0)
        if day != today:
            today, opened_today = day, 0
        opened_today += 1
        budget[0] -= 1
        if opened_today > MAX_COUNTED_PER_DAY or budget[0] < 0:
            cut = True
            break
        close_s, close_micro = instant_of(closing, zone)
        close = min(close_s * _MICRO + close_micro, end)
        begin = max(start, covered)
        if close > begin:
            _add(pieces, midnights, begin, close)
            covered = close
    if cut:  # the rest is not counted
        for index in range(today, len(pieces)):
            pieces[index].append((max(covered, midnights[index] * _MICRO), None))
    return pieces


def _add(pieces: list[list[_Piece]], midnights: list[int], begin: int,
         finish: int) -> None:
    """Add covered time ``[begin, finish)`` (microseconds), split at midnights."""
    index = max(bisect_right(midnights, begin // _MICRO) - 1, 0)
    while index < len(pieces):
        day_end = midnights[index + 1] * _MICRO
        pieces[index].append((begin, min(finish, day_end)))
        if finish <= day_end:
            return
        begin, index = day_end, index + 1


def _hours_of(pieces: list[_Piece], midnight: int, next_midnight: int
              ) -> tuple[tuple[float | None, ...], timedelta]:
    """The covered share of each elapsed hour of a day, and the time covered."""
    low, high = midnight * _MICRO, next_midnight * _MICRO
    slots = -(-(high - low) // _HOUR)
    covered = [0] * slots
    unknown_from = None
    for begin, finish in pieces:
        if finish is None:
            unknown_from = begin
            break
        for slot in range((begin - low) // _HOUR, -(-(finish - low) // _HOUR)):
            slot_low = low + slot * _HOUR
            covered[slot] += min(finish, slot_low + _HOUR) - max(begin, slot_low)
    hours: list[float | None] = []
    for slot, amount in enumerate(covered):
        slot_low = low + slot * _HOUR
        length = min(_HOUR, high - slot_low)
        if unknown_from is not None and slot_low + length > unknown_from:
            hours.append(None)
        else:
            hours.append(amount / length)
    return tuple(hours), timedelta(microseconds=sum(covered))


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _seconds(length: timedelta | None) -> float | None:
    return None if length is None else length.total_seconds()

