"""How :mod:`cadence.formats.text` describes a schedule in English, imported when it is
first used (see the format module for the shape of the sentences)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from .._calendar import (
    MAX_YEAR,
    MIN_YEAR,
    MONTH_NAMES,
    UNIT_SECONDS,
    WEEKDAY_NAMES,
    period_index,
    position_word,
)
from .._zones import instant_of, is_utc, local_of, zone_name
from ..errors import ScheduleError
from ..ir import HasRecurrence, MonthDays, Period, Recurrence, Rule, Weekdays
from . import _wording as wording

#: Up to this many hours with one minute and one second are written as clock times.
MAX_CLOCK_TIMES = 4


@dataclass(frozen=True, slots=True)
class _Unit:
    """How one field's values are named."""

    name: str
    low: int
    high: int
    cyclic: bool = True
    labels: tuple[str, ...] = ()  # names of the values low..high; () = numbers
    bare: bool = False  # a single value is written without the unit ("Monday", "2027")
    steps: bool = True  # whether progressions read "every Nth ..."
    bounded: bool = False  # never "every <unit>"; progressions always name both ends

    def label(self, value: int) -> str:
        return self.labels[value - self.low] if self.labels else str(value)

    def single(self, value: int) -> str:
        return self.label(value) if self.bare else f"{self.name} {self.label(value)}"


SECOND = _Unit("second", 0, 59)
MINUTE = _Unit("minute", 0, 59)
HOUR = _Unit("hour", 0, 23)
DAY_OF_MONTH = _Unit("day-of-month", 1, 31, cyclic=False)
MONTH = _Unit("month", 1, 12, labels=MONTH_NAMES, bare=True)
WEEKDAY = _Unit("day-of-week", 0, 6, labels=WEEKDAY_NAMES, bare=True, steps=False)
YEAR = _Unit("year", MIN_YEAR, MAX_YEAR, cyclic=False, bare=True, bounded=True)


def describe(schedule: HasRecurrence | Rule) -> str:
    """An English sentence saying when ``schedule`` fires (crontab.guru style).

    >>> import cadence
    >>> describe(cadence.parse("0 22 * * 1-5"))
    'At 22:00 on every day-of-week from Monday through Friday.'
    >>> describe(cadence.parse("*/15 9,17 * * *"))
    'At every 15th minute past hour 9 and 17.'
    >>> describe(cadence.parse("0 0 */2 * 1"))
    "At 00:00 on every 2nd day-of-month if it's on Monday."
    >>> describe(cadence.parse("0 30 9 ? * 6L", tz="Europe/Berlin"))
    'At 09:30 on the last Friday of the month (Europe/Berlin time).'
    """
    if isinstance(schedule, Rule):
        return _rule(schedule) + "."
    if not isinstance(getattr(schedule, "recurrence", None), Recurrence):
        raise ScheduleError(
            f"describe() takes a Schedule or a Rule, not {type(schedule).__name__}"
        )
    schedule = schedule.recurrence
    reference = _reference_date(schedule)
    texts = [_rule(rule, reference, schedule) for rule in schedule.rules]
    if schedule.dates:
        texts.append(_dates(schedule))
    text = "; ".join([texts[0], *(_lower_first(t) for t in texts[1:])])
    if schedule.exclusions:
        text += ", except " + _join([_lower_first(_rule(rule, reference, schedule))
                                     for rule in schedule.exclusions])
    if schedule.excluded:
        text += ", except at " + _moments([_in_zone(moment, schedule)
                                           for moment in schedule.excluded])
    if schedule.start is not None:
        text += f", from {_in_zone(schedule.start, schedule).isoformat()}"
    if schedule.end is not None:
        text += f", before {_in_zone(schedule.end, schedule).isoformat()}"
    if not is_utc(schedule.tz):  # a description in UTC names no zone
        text += f" ({zone_name(schedule.tz)} time)"
    return text + "."


def _moments(moments: Sequence[datetime], most: int = 5) -> str:
    """ISO moments, the first ``most`` of them and how many more."""
    shown = [moment.isoformat() for moment in moments[:most]]
    if len(moments) > most:
        shown.append(f"{len(moments) - most} more")
    return _join(shown)


def _dates(schedule: Recurrence) -> str:
    """Explicit dates (RDATE): ``At 2026-12-24T18:00:00+01:00 and 2026-12-31T18:00...``,
    with a window's end after "until"."""
    words = []
    for instance in schedule.dates[:5]:
        word = _in_zone(instance.start, schedule).isoformat()
        if instance.end is not None:
            word += " until " + _in_zone(instance.end, schedule).isoformat()
        words.append(word)
    if len(schedule.dates) > 5:
        words.append(f"{len(schedule.dates) - 5} more")
    return "At " + _join(words)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _in_zone(moment: datetime, schedule: Recurrence) -> datetime:
    """A bound as the schedule's zone shows it (a naive one is wall time there)."""
    seconds, micro = instant_of(moment, schedule.tz)
    return local_of(seconds, schedule.tz).replace(microsecond=micro)


def _reference_date(schedule: Recurrence) -> datetime:
    """Where a period is counted from in words: the schedule's start, else 1970."""
    if schedule.start is None:
        return datetime(1970, 1, 1)
    seconds, _ = instant_of(schedule.start, schedule.tz)
    return local_of(seconds, schedule.tz).replace(tzinfo=None)


def _period(period: Period, reference: datetime) -> str:
    """``in every 2nd week counted from the week of 2026-11-23``: the first selected
    period on or after ``reference`` names the phase."""
    second = reference.hour * 3600 + reference.minute * 60 + reference.second
    first = period_index(period.unit, reference.date(), second, period.week_start)
    index = first + (period.phase - first) % period.every
    every = f"in every {wording.ordinal(period.every)} {period.unit}"
    if period.unit == "year":
        return f"{every} counted from {index}"
    if period.unit == "month":
        return f"{every} counted from {MONTH_NAMES[index % 12]} {index // 12}"
    # The first selected period may begin after year 9999 (every 10**6 weeks), and the
    # week holding 0001-01-01 begins before it: datetime holds neither.
    article = "an" if period.unit == "hour" else "a"
    beyond = f"{every} counted from {article} {period.unit} after the year 9999"
    if period.unit == "week":
        first_day = index * 7 + 1 + period.week_start
        if first_day > date.max.toordinal():
            return beyond
        monday = date.fromordinal(max(first_day, 1))
        starting = (f" (weeks starting {WEEKDAY_NAMES[period.week_start]})"
                    if period.week_start else "")
        return f"{every} counted from the week of {monday.isoformat()}{starting}"
    if period.unit == "day":
        if index > date.max.toordinal():
            return beyond
        return f"{every} counted from {date.fromordinal(index).isoformat()}"
    seconds = index * UNIT_SECONDS[period.unit]
    if seconds >= date.max.toordinal() * 86400:
        return beyond
    moment = datetime(1, 1, 1) + timedelta(seconds=seconds)
    return f"{every} counted from {moment.isoformat(' ')}"


def _rule(rule: Rule, reference: datetime = datetime(1970, 1, 1),
          schedule: Recurrence | None = None) -> str:
    parts = [_time_of_day(rule)]
    days = _days(rule)
    if days:
        parts.append(days)
    parts.extend(_year_parts(rule))
    months_restricted = len(rule.months) < 12
    if months_restricted:
        parts.append("in " + _values(rule.months, MONTH))
    if rule.years is not None:
        parts.append(("of " if months_restricted else "in ") + _values(rule.years, YEAR))
    if rule.excluded_dates:
        parts.append("except on " + wording.dates(rule.excluded_dates))
    if rule.period is not None:
        parts.append(_period(rule.period, reference))
    if rule.positions and rule.position_unit is not None:
        starting = (f" (weeks starting {WEEKDAY_NAMES[rule.week_start]})"
                    if rule.position_unit == "week" and rule.week_start else "")
        parts.append(f"(only the {_counted(rule.positions)} of these in each "
                     f"{rule.position_unit}{starting})")
    text = " ".join(parts)
    if rule.duration is not None:
        text += f", for {_length(rule.duration)}"
    text += _limits(rule, schedule)
    return text


def _limits(rule: Rule, schedule: Recurrence | None) -> str:
    """A rule's own bounds and count: ``, 10 times from ...``, ``, before ...``."""
    def shown(moment: datetime) -> str:
        if schedule is None:
            return moment.isoformat()
        return _in_zone(moment, schedule).isoformat()

    text = ""
    # A rule counted from the schedule's own start: that start is named once, at the end.
    same_start = (schedule is not None and schedule.start is not None
                  and rule.start is not None
                  and schedule.start_seconds == int(rule.start.timestamp()))
    if rule.count is not None:
        text += ", once" if rule.count == 1 else f", {rule.count} times"
    if rule.start is not None and not same_start:
        text += f" from {shown(rule.start)}" if rule.count is not None else (
            f", from {shown(rule.start)}")
    if rule.end is not None:
        text += f", before {shown(rule.end)}"
    return text


def _year_parts(rule: Rule) -> list[str]:
    """Days of the year and week numbers in words: "on the 100th and last day of the
    year", "in week 20 of the year (weeks starting Sunday)"."""
    found = []
    if rule.year_days:
        found.append(f"on the {_counted(rule.year_days)} day of the year")
    if rule.year_weekdays:
        found.append("on the " + _join([f"{_position(k)} {WEEKDAY_NAMES[weekday]}"
                                        for weekday, k in rule.year_weekdays])
                     + " of the year")
    if rule.week_numbers:
        weeks = _counted(rule.week_numbers, prefix="week ")
        starting = (f" (weeks starting {WEEKDAY_NAMES[rule.week_start]})"
                    if rule.week_start else "")
        found.append(f"in {weeks} of the year{starting}")
    return found


_position = position_word


def _counted(values: Sequence[int], prefix: str = "") -> str:
    """Positions counted from the start or the end: ``1st, 100th and last``, or
    ``week 20 and the last week``."""
    words = []
    for value in sorted(values, key=lambda value: (value < 0, value)):  # the end comes last
        if prefix:
            words.append(f"{prefix}{value}" if value > 0 else
                         "the last week" if value == -1 else
                         f"the {wording.ordinal(-value)}-to-last week")
        else:
            words.append(_position(value))
    return _join(words)


def _length(duration: timedelta) -> str:
    """``2 hours 30 minutes``: a window's length in words (a fraction of a second left
    out)."""
    return wording.span(timedelta(seconds=int(duration.total_seconds()))) or "no time"


# -- time of day ----------------------------------------------------------------------


def _clock(hour: int, minute: int, second: int) -> str:
    text = f"{hour:02d}:{minute:02d}"
    return text + f":{second:02d}" if second else text


def _time_of_day(rule: Rule) -> str:
    seconds, minutes, hours = rule.seconds, rule.minutes, rule.hours
    if len(seconds) == 1 and len(minutes) == 1 and len(hours) <= MAX_CLOCK_TIMES:
        return "At " + _join([_clock(h, minutes[0], seconds[0]) for h in hours])
    every_minute = len(minutes) == 60
    every_hour = len(hours) == 24
    pieces: list[str] = []
    if seconds != (0,):
        pieces.append(_values(seconds, SECOND))
        if not every_minute:
            pieces.append(_values(minutes, MINUTE))
    else:
        pieces.append(_values(minutes, MINUTE))
    if not every_hour:
        pieces.append(_values(hours, HOUR))
    return "At " + " past ".join(pieces)


# -- days -----------------------------------------------------------------------------


def _days(rule: Rule) -> str:
    month_days = _month_days(rule.month_days) if rule.month_days is not None else ""
    weekdays = _weekdays(rule.weekdays) if rule.weekdays is not None else ""
    if month_days and weekdays:
        joint = "and on" if rule.day_match == "or" else "if it's on"
        return f"on {month_days} {joint} {weekdays}"
    if month_days or weekdays:
        return f"on {month_days or weekdays}"
    return ""


def _month_days(days: MonthDays) -> str:
    parts: list[str] = []
    if days.days:
        parts.append(_values(days.days, DAY_OF_MONTH))
    parts.extend(f"the weekday nearest day-of-month {day}" for day in days.nearest_weekday)
    if days.last_weekday:
        parts.append("the last weekday of the month")
    parts.extend(f"the weekday nearest the {wording.ordinal(n + 1)}-to-last day of the month"
                 for n in days.nearest_weekday_from_last)
    if days.from_last:
        names = [f"{wording.ordinal(n + 1)}-to-last" if n else "last" for n in days.from_last]
        parts.append(f"the {_join(names)} day of the month")
    return _join(parts)


def _weekdays(weekdays: Weekdays) -> str:
    parts: list[str] = []
    if weekdays.days:
        parts.append(_values(weekdays.days, WEEKDAY))
    # (weekday, k) with k = -1 for "last": from the start, then from the end, in order.
    in_month = sorted([*weekdays.nth, *((day, -1) for day in weekdays.last)],
                      key=lambda item: (item[0], item[1] < 0, item[1]))
    if in_month:
        names = [f"the {_position(k)} {WEEKDAY_NAMES[day]}" for day, k in in_month]
        parts.append(f"{_join(names)} of the month")
    return _join(parts)


# -- value sets -----------------------------------------------------------------------


def _values(values: Sequence[int], unit: _Unit) -> str:
    """A sorted, duplicate-free, non-empty set of a field's values, in words."""
    count = len(values)
    if count == unit.high - unit.low + 1 and not unit.bounded:
        return f"every {unit.name}"
    if count == 1:
        return unit.single(values[0])
    step = _step(values)
    if step > 1 and unit.steps:
        first, last = values[0], values[-1]
        reaches_top = last + step > unit.high and not unit.bounded
        every = f"every {wording.ordinal(step)} {unit.name}"
        if first == unit.low and reaches_top:
            return every
        end = unit.high if reaches_top else last
        return f"{every} from {unit.label(first)} through {unit.label(end)}"
    runs = _runs(values, unit)
    if len(runs) == 1 and len(runs[0]) >= 3:
        return _run(runs[0], unit)
    if all(len(run) < 3 for run in runs):
        labels = _join([unit.label(value) for value in values])
        return labels if unit.bare else f"{unit.name} {labels}"
    items: list[tuple[int, str]] = []
    for run in runs:
        if len(run) >= 3:
            items.append((run[0], _run(run, unit)))
        else:
            items.extend((value, unit.single(value)) for value in run)
    return _join([text for _, text in sorted(items)])


def _run(run: list[int], unit: _Unit) -> str:
    return f"every {unit.name} from {unit.label(run[0])} through {unit.label(run[-1])}"


def _step(values: Sequence[int]) -> int:
    """The common difference of 3 or more evenly spaced values, else 0."""
    if len(values) < 3:
        return 0
    step = values[1] - values[0]
    if all(b - a == step for a, b in pairwise(values)):
        return step
    return 0


def _runs(values: Sequence[int], unit: _Unit) -> list[list[int]]:
    """Maximal runs of consecutive values; in a cyclic field the last run may wrap."""
    runs = wording.runs(values)
    if unit.cyclic and len(runs) > 1 and runs[0][0] == unit.low and runs[-1][-1] == unit.high:
        runs[0] = runs.pop() + runs[0]
    return runs


# -- words ----------------------------------------------------------------------------


def _join(items: Sequence[str]) -> str:
    """``a``; ``a and b``; ``a, b, and c`` (with the Oxford comma, as crontab.guru)."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]
