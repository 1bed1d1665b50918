"""How emitters name IR features in :class:`~cadence.errors.UnsupportedError` messages.

Every target words numbers, dates, lengths of time, ordinals, weekdays and the special
days of the month the same way, so a feature refused by two formats reads alike
(:mod:`cadence.describe` says lengths, dates and ordinals with the same words).

>>> print(f"a window of {span(timedelta(hours=1, minutes=30))} on {weekday_names([0, 4])}")
a window of 1 hour 30 minutes on Monday, Friday
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from .._calendar import WEEKDAY_NAMES, position_word
from .._calendar import ordinal_word as ordinal
from ..ir import MonthDays, Rule, Weekdays

__all__ = [
    "dates",
    "days_and_weekdays",
    "first_numbers",
    "length_adjective",
    "month_day_specials",
    "numbers",
    "ordinal",
    "plain_occurrence_refusal",
    "runs",
    "span",
    "weekday_names",
    "weekday_specials",
    "window",
    "with_article",
    "year_parts_refusal",
]


def numbers(values: Sequence[int]) -> str:
    """Values as listed, comma-separated without spaces.

    >>> numbers((9, 17))
    '9,17'
    """
    return ",".join(str(value) for value in values)


def runs(values: Sequence[int]) -> list[list[int]]:
    """Sorted ``values`` cut into runs of consecutive numbers.

    >>> runs([1, 2, 3, 5, 9, 10])
    [[1, 2, 3], [5], [9, 10]]
    """
    found: list[list[int]] = []
    for value in values:
        if found and found[-1][-1] + 1 == value:
            found[-1].append(value)
        else:
            found.append([value])
    return found


def dates(days: Sequence[date]) -> str:
    """The first three dates (ISO 8601), then how many more there are.

    >>> dates([date(2026, 12, 24), date(2026, 12, 25)])
    '2026-12-24, 2026-12-25'
    >>> dates([date(2026, 12, day) for day in range(24, 29)])
    '2026-12-24, 2026-12-25, 2026-12-26 and 2 more'
    """
    shown = ", ".join(day.isoformat() for day in days[:3])
    return shown + (f" and {len(days) - 3} more" if len(days) > 3 else "")


def first_numbers(values: Sequence[int], most: int = 10) -> str:
    """The first ``most`` values, then how many more there are: a message never cuts a
    number, or a list, in the middle.

    >>> first_numbers([2027, 2031])
    '2027, 2031'
    >>> first_numbers(range(2027, 2040), most=3)
    '2027, 2028, 2029 and 10 more'
    """
    shown = ", ".join(str(value) for value in values[:most])
    return shown + (f" and {len(values) - most} more" if len(values) > most else "")


def span(duration: timedelta, *, days: bool = True) -> str:
    """A length in words; a fraction of a second says it all in seconds. With
    ``days=False`` hours are the largest unit.

    >>> span(timedelta(hours=8)), span(timedelta(minutes=90)), span(timedelta(seconds=0.5))
    ('8 hours', '1 hour 30 minutes', '0.5 seconds')
    >>> span(timedelta(hours=26)), span(timedelta(hours=26), days=False)
    ('1 day 2 hours', '26 hours')
    """
    total = duration.total_seconds()
    if total != int(total):
        return f"{total:g} seconds"
    units = ((86400, "day"), (3600, "hour"), (60, "minute"), (1, "second"))
    parts = []
    rest = int(total)
    for size, unit in units if days else units[1:]:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count} {unit}{'s' if count != 1 else ''}")
    return " ".join(parts)


def length_adjective(duration: timedelta) -> str:
    """A length (whole seconds) as a compound adjective in the largest unit that divides it.

    >>> length_adjective(timedelta(hours=8)), length_adjective(timedelta(minutes=90))
    ('8-hour', '90-minute')
    """
    seconds = int(duration.total_seconds())
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds % size == 0:
            return f"{seconds // size}-{unit}"
    return f"{seconds}-second"


def with_article(phrase: str) -> str:
    """``phrase`` after "a" or "an", as it is spoken: "an 8-hour", "a 2-hour".

    >>> with_article("8-hour"), with_article("11-minute"), with_article("2-hour")
    ('an 8-hour', 'an 11-minute', 'a 2-hour')
    """
    spoken_vowel = phrase[:1].lower() in "aeiou8" or (
        phrase.startswith(("11", "18")) and phrase[2:3] in ("-", " ", ""))
    return ("an " if spoken_vowel else "a ") + phrase


def window(duration: timedelta) -> str:
    """A window named by its length, with its article.

    >>> window(timedelta(hours=8)), window(timedelta(minutes=30))
    ('an 8-hour window', 'a 30-minute window')
    """
    return f"{with_article(length_adjective(duration))} window"


def weekday_names(days: Sequence[int]) -> str:
    """IR weekdays (0 = Monday) by name.

    >>> weekday_names([0, 2, 6])
    'Monday, Wednesday, Sunday'
    """
    return ", ".join(WEEKDAY_NAMES[day] for day in days)


def weekday_specials(weekdays: Weekdays) -> list[str]:
    """The weekdays counted within the month (``#k``, ``L``), one phrase per kind.

    >>> for phrase in weekday_specials(Weekdays(nth=((0, 1), (4, 3)), last=(4,))):
    ...     print(phrase)
    nth weekdays of the month (1st Monday, 3rd Friday)
    last weekdays of the month (last Friday)
    >>> weekday_specials(Weekdays(days=(0,)))
    []
    """
    found = []
    if weekdays.nth:
        shown = ", ".join(f"{position_word(k)} {WEEKDAY_NAMES[day]}"
                          for day, k in weekdays.nth)
        found.append(f"nth weekdays of the month ({shown})")
    if weekdays.last:
        shown = ", ".join(f"last {WEEKDAY_NAMES[day]}" for day in weekdays.last)
        found.append(f"last weekdays of the month ({shown})")
    return found


def month_day_specials(days: MonthDays) -> list[str]:
    """The days of the month other than plain numbers (``L``, ``nW``, ``LW``), one phrase
    per kind.

    >>> for phrase in month_day_specials(MonthDays(from_last=(0, 2), nearest_weekday=(15,))):
    ...     print(phrase)
    days counted from the end of the month (L, L-2)
    the weekday nearest a day of the month (15W)
    >>> month_day_specials(MonthDays(days=(1, 15)))
    []
    """
    found = []
    if days.from_last:
        shown = ", ".join("L" if n == 0 else f"L-{n}" for n in days.from_last)
        found.append(f"days counted from the end of the month ({shown})")
    if days.nearest_weekday:
        shown = ", ".join(f"{n}W" for n in days.nearest_weekday)
        found.append(f"the weekday nearest a day of the month ({shown})")
    if days.last_weekday:
        found.append("the last weekday of the month (LW)")
    if days.nearest_weekday_from_last:
        shown = ", ".join(f"L-{n}W" for n in days.nearest_weekday_from_last)
        found.append(f"the weekday nearest a day counted from the end of the month ({shown})")
    return found


def days_and_weekdays(rule: Rule) -> str:
    """A rule's two day parts as they combine (it has both).

    >>> days_and_weekdays(Rule((0,), (0,), (9,), month_days=MonthDays(days=(1, 15)),
    ...                            weekdays=Weekdays(days=(0,)), day_match="or"))
    'days of the month (1,15) OR days of the week (Monday)'
    """
    month_days, weekdays = rule.month_days, rule.weekdays
    assert month_days is not None
    assert weekdays is not None
    return (f"days of the month ({numbers(month_days.days)}) {rule.day_match.upper()} "
            f"days of the week ({weekday_names(weekdays.days)})")


def plain_occurrence_refusal(rule: Rule) -> tuple[str, str] | None:
    """What a target of plain occurrences cannot say about ``rule`` (a window, excluded
    dates, an anchored period), as :class:`~cadence.errors.UnsupportedError`'s feature
    and detail; ``None`` when the rule has none of them.

    >>> nights = Rule((0,), (0,), (22,), duration=timedelta(hours=8))
    >>> plain_occurrence_refusal(nights)
    ('windows', ' (occurrences lasting 8 hours)')
    >>> plain_occurrence_refusal(Rule((0,), (0,), (22,))) is None
    True
    """
    if rule.duration is not None:
        return "windows", f" (occurrences lasting {span(rule.duration)})"
    if rule.excluded_dates:
        return "excluded dates", f" ({dates(rule.excluded_dates)})"
    if rule.period is not None:
        return "an anchored period", f" (every {rule.period.every} {rule.period.unit}s)"
    return year_parts_refusal(rule)


def year_parts_refusal(rule: Rule) -> tuple[str, str] | None:
    """What a target without days of the year or week numbers cannot say about ``rule``,
    as :class:`~cadence.errors.UnsupportedError`'s feature and detail.

    >>> year_parts_refusal(Rule((0,), (0,), (9,), week_numbers=(20,)))
    ('week numbers (BYWEEKNO)', ' (20)')
    """
    if rule.year_days:
        return "days of the year (BYYEARDAY)", f" ({numbers(rule.year_days)})"
    if rule.week_numbers:
        return "week numbers (BYWEEKNO)", f" ({numbers(rule.week_numbers)})"
    if rule.year_weekdays:
        shown = ", ".join(f"{k}{WEEKDAY_NAMES[weekday][:2].upper()}"
                          for weekday, k in rule.year_weekdays)
        return "weekdays counted in the year (BYDAY in a YEARLY rule)", f" ({shown})"
    return None
