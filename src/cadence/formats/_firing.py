"""Whether a schedule can fire at all, decided alike for every format, and the words
for one that cannot.

The decision is the IR's (:meth:`~cadence.ir.Rule.fires_on_some_day`, on month shapes,
never by searching); the words follow cron's: ``'0 0 30 2 *' never fires: day-of-month
'30' never falls in February``. A reader that knows how its source spells the day
parts passes those words in; the others get the IR's own.

>>> from cadence.ir import MonthDays, Rule
>>> print(never_fires_reason(Rule((0,), (0,), (0,), months=(2,),
...                               month_days=MonthDays(days=(30,)))))
day-of-month 30 never falls in February
"""

from __future__ import annotations

from collections.abc import Sequence

from .._calendar import MONTH_NAMES, WEEKDAY_NAMES, ordinal_word, position_word
from ..errors import NeverFiresError
from ..ir import MonthDays, Recurrence, Rule, Weekdays

__all__ = ["never_fires_reason", "require_fires"]


def never_fires_reason(rule: Rule, *, month_days: str | None = None,
                       weekdays: str | None = None) -> str | None:
    """Why ``rule`` fires on no day at all, or ``None`` when it fires on some day.
    ``month_days`` and ``weekdays``: the source's spelling of the day parts (default:
    the IR's words)."""
    if rule.fires_on_some_day():
        return None
    where = _join([MONTH_NAMES[month - 1] for month in rule.months], "or")
    if rule.years is not None:
        shown = ", ".join(str(year) for year in rule.years[:5])
        where += f" of {shown}{' ...' if len(rule.years) > 5 else ''}"
    if rule.has_year_parts:
        return f"no day in {where} is one of its days of the year or weeks of the year"
    by_day = f"day-of-month {month_days or _month_day_words(rule.month_days)}"
    by_weekday = f"day-of-week {weekdays or _weekday_words(rule.weekdays)}"
    if rule.weekdays is None:
        return f"{by_day} never falls in {where}"
    if rule.month_days is None:
        return f"{by_weekday} never falls in {where}"
    if rule.day_match == "or":
        return f"no day in {where} matches either {by_day} or {by_weekday}"
    return f"no day in {where} matches both {by_day} and {by_weekday}"


def require_fires(recurrence: Recurrence, source: object) -> None:
    """Raise :class:`NeverFiresError` when ``recurrence`` provably never fires: it has
    no explicit dates and no rule fires on any day. Every text format's read ends here."""
    if recurrence.dates:
        return
    for rule in recurrence.rules:
        if rule.fires_on_some_day():  # (on every parse: the words wait for a refusal)
            return
    text = source.strip() if isinstance(source, str) else ""
    named = repr(text) if text and "\n" not in text else "the schedule"
    raise NeverFiresError(f"{named} never fires: {never_fires_reason(recurrence.rules[0])}")


def _month_day_words(days: MonthDays | None) -> str:
    if days is None:
        return "any"
    words = [str(day) for day in days.days]
    words += ["the last day" if n == 0 else f"{n} days before the last day"
              for n in days.from_last]
    words += [f"the weekday nearest the {ordinal_word(day)}" for day in days.nearest_weekday]
    if days.last_weekday:
        words.append("the last weekday")
    return _join(words, "or")


def _weekday_words(weekdays: Weekdays | None) -> str:
    if weekdays is None:
        return "any"
    words = [WEEKDAY_NAMES[day] for day in weekdays.days]
    words += [f"the {position_word(k)} {WEEKDAY_NAMES[day]}" for day, k in weekdays.nth]
    words += [f"the last {WEEKDAY_NAMES[day]}" for day in weekdays.last]
    return _join(words, "or")


def _join(words: Sequence[str], last: str) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]
