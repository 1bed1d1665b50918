"""Lints: warnings about schedules that are valid but probably not what was meant.

:func:`lint` looks at a parsed :class:`~cadence.Schedule` (its IR, and for cron and
Quartz strings their spelling) and returns :class:`~cadence.Problem` objects of
severity ``"warning"``, each with a stable code (:data:`CODES`). A warning never makes
a payload invalid. :func:`cadence.validate` runs the lints after a successful parse of
every format, so most users never call :func:`lint` directly.

>>> import cadence
>>> [(p.code, p.severity) for p in lint(cadence.parse("0 0 13 * 5"))]
[('DAY_OF_MONTH_OR_WEEKDAY', 'warning')]
>>> lint(cadence.parse("0 3 * * *"))
[]

What each lint looks at, and the choices made:

- ``DAY_OF_MONTH_OR_WEEKDAY``: a rule whose day-of-month and day-of-week are combined
  by OR (cron's rule when both fields are restricted and neither starts with ``*``).
- ``DAY_NOT_IN_EVERY_MONTH``: a day of the month 29-31 (also ``nW``) that one of the
  rule's months lacks (February counts as 28 days, or as its listed years say), for a
  rule whose days are chosen by day of the month alone. Days that run up to the month's
  end (``20-31``, which contains 28-31) or step through it (``*/2``, an arithmetic
  series of three or more days) are left alone: those spellings mean what they do.
- ``TIME_IN_DST_GAP`` / ``TIME_IN_DST_OVERLAP``: a fixed-time rule (not one firing in
  all 24 hours, and for cron not ``*``-led) with a time that a change of its zone's UTC
  offset skips or repeats, on a day the rule fires. The changes looked at are those at
  instants from ``since`` (default: ``now``, else the start of today, UTC) to ``until``
  (default: ten years later, counted from the schedule's start when that is later),
  within the schedule's own start and end bounds; ``since="1970-01-01T00:00Z",
  until="2100-01-01T00:00Z"`` looks at every year from 1970 to 2099. The first such
  change is reported, found from the zone's transition data (no probing).
- ``END_IN_PAST`` (only with ``now``): the schedule's end bound (campaign
  ``expiration``, Helix ``endsOn.endDate``, RRULE ``UNTIL`` or ``COUNT``) is at or before
  ``now``, or no occurrence and no window is left after ``now`` (Quartz years or
  CALENDAR dates that are all past).
- ``MINUTE_WILDCARD``: a cron or Quartz string whose minute field is ``*`` while its
  hour field lists single hours (``* 3 * * *`` fires 60 times from 03:00 to 03:59).
- ``TIMER_NAME_CONTRADICTS_CRON``: an EDFS timer whose ``name`` ends with a description
  (from a word "at" followed by a clock time, "every", "minute", "second" or "hour", the
  way the API names timers: ``SAP_WORK_ORDERS at 00:00 on Saturday and Sunday``) that
  is not what its ``cronStr`` does in :func:`cadence.describe`'s words. Case, spacing,
  a full stop and an Oxford comma do not count; a description that stops short (``at
  22:00`` for ``0 22 * * 1-5``) is incomplete, not contradictory, and is left alone.

``RANGE_WRAPS`` (campaign) and ``TIMEZONE_OFFSET_MISMATCH`` (Helix) need the payload's
own spelling and are reported by the format's checker; they are listed in
:data:`CODES` because :func:`cadence.validate` reports them with the others.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from . import formats
from ._api import Source, as_schedule
from ._calendar import DAYS_IN_MONTH, MONTH_NAMES, WEEKDAY_NAMES, days_in_month, ordinal_word
from ._evaluate import ClockChange, clock_changes
from ._json_input import load_json
from ._moments import Moment, as_datetime
from ._problems import Problem, pointer
from ._tzdb import ZoneSpans
from ._zones import EPOCH_ORDINAL as _EPOCH_ORDINAL
from ._zones import instant_of, local_of, zone_name
from .errors import ScheduleError
from .formats import LintPaths
from .formats.cron import CronSource, split_zone_prefix
from .ir import Rule

if TYPE_CHECKING:
    from .schedule import Schedule

__all__ = ["CODES", "DST_HORIZON", "lint", "lint_checked"]

#: Every lint code, with what it warns about.
CODES: dict[str, str] = {
    "RANGE_WRAPS": "a campaign RANGE whose start is after its end wraps around",
    "DAY_OF_MONTH_OR_WEEKDAY": "day-of-month and day-of-week both restricted: cron fires "
                               "on either (OR)",
    "DAY_NOT_IN_EVERY_MONTH": "a day 29-31 that some of the schedule's months lack",
    "TIME_IN_DST_GAP": "a fixed time that a DST change skips",
    "TIME_IN_DST_OVERLAP": "a fixed time that a DST change repeats",
    "END_IN_PAST": "the schedule ended before now (expiration, end date, UNTIL, COUNT)",
    "TIMEZONE_OFFSET_MISMATCH": "a Helix time zone offset that disagrees with the zone",
    "MINUTE_WILDCARD": "'*' in the minute field of a job that looks daily",
    "TIMER_NAME_CONTRADICTS_CRON": "an EDFS timer named after another schedule than its "
                                   "cronStr",
}

#: How far after ``since`` (``now``, else today) the DST lints look unless ``until`` says.
DST_HORIZON = timedelta(days=3653)  # ten years, leap days included
_HORIZON_SECONDS = int(DST_HORIZON.total_seconds())

# A checker's own warning that already says what a lint would.
_SAME_AS = {"LEAP_DAY_ONLY": "DAY_NOT_IN_EVERY_MONTH",
            "MONTH_NEVER_FIRES": "DAY_NOT_IN_EVERY_MONTH"}
_LAST_ORDINAL = date.max.toordinal()
_SINGLE_HOURS = re.compile(r"[0-9]{1,2}(,[0-9]{1,2})*")


def lint(source: Source, format: str | None = None, *, tz: str | tzinfo | None = None,
         dst: str | None = None, now: Moment | None = None, since: Moment | None = None,
         until: Moment | None = None, prefix: str = "") -> list[Problem]:
    """Warnings about a schedule that is valid but probably not what was meant.

    ``source``: a :class:`~cadence.Schedule`, or what :func:`cadence.parse` reads (text,
    a payload), read with ``format``, ``tz`` and ``dst`` as it reads them.

    ``now`` (an aware datetime, a naive one in the schedule's zone, or ISO 8601 text)
    turns on ``END_IN_PAST``; without it that lint is off. The DST lints look at the
    clock changes from ``since`` to ``until`` (the same kinds of value): by default the
    ten years from ``now``, or from the start of today (UTC) without ``now``, so only
    they depend on the current date; ``until`` asks for more years, and ``since`` for
    earlier ones (``since="1970-01-01T00:00Z", until="2100-01-01T00:00Z"``: every year
    from 1970 to 2099). Each warning's ``path`` points where the format keeps what it is
    about (``/cronStr`` for EDFS, ``/days`` or ``/hours`` for a campaign ...), below
    ``prefix`` (``/schedule`` for a Helix time frame that wraps its schedule).

    >>> import cadence
    >>> late = cadence.parse("30 2 * * *", tz="America/New_York")
    >>> problem = lint(late, now="2026-01-01T00:00-05:00")[0]
    >>> problem.code, problem.message.split(": ")[0]
    ('TIME_IN_DST_GAP', '02:30 does not exist in America/New_York on 2026-03-08')
    >>> [p.code for p in lint("* 3 * * *")]
    ['MINUTE_WILDCARD']
    >>> expired = cadence.parse("RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0;"
    ...                         "UNTIL=20200101T000000Z")
    >>> [p.code for p in lint(expired)], [p.code for p in lint(expired, now="2026-01-01")]
    ([], ['END_IN_PAST'])
    >>> moscow = cadence.parse("30 2 * * *", tz="Europe/Moscow")  # no DST since 2011
    >>> lint(moscow, since="2026-01-01")
    []
    >>> lint(moscow, since="1970-01-01", until="2100-01-01")[0].message.split(": ")[0]
    '02:30 does not exist in Europe/Moscow on 1985-03-31'
    """
    schedule = as_schedule(source, format, tz=tz, dst=dst)
    moment = as_datetime(now, "now") if now is not None else None
    window = _window(schedule, moment, since, until)
    paths = _paths(schedule.format)
    at_days, at_time, at_end = prefix + paths.days, prefix + paths.time, prefix + paths.end
    found: list[Problem] = []
    checks: list[Callable[[], list[Problem]]] = [
        lambda: _day_or_weekday(schedule, at_days),
        lambda: _days_not_in_every_month(schedule, at_days),
        lambda: _dst(schedule, window, at_time),
        lambda: _minute_wildcard(schedule, at_time),
        lambda: _end_in_past(schedule, moment, at_end, at_days),
        lambda: _timer_name(schedule, prefix),
    ]
    for run in checks:
        try:
            problems = run()
        except (ScheduleError, OverflowError, ValueError):  # pragma: no cover - defensive
            continue  # a lint never turns a valid schedule into a failure
        for problem in problems:
            if problem not in found:
                found.append(problem)
    return found


def lint_checked(problems: Sequence[Problem], schedule: Schedule, payload: object, *,
                 now: datetime | str | None = None, since: datetime | str | None = None,
                 until: datetime | str | None = None, prefix: str | None = None
                 ) -> list[Problem]:
    """A JSON format checker's ``problems`` followed by the lints of its ``schedule``
    that the checker has not reported itself; paths below the payload's wrapper
    (``/schedule`` of a Helix time frame, ``/object/schedule`` of a Helix GET answer,
    ``/calendar`` of a Bentley body), or below ``prefix`` when it is given."""
    if prefix is None:
        prefix = _prefix(schedule, payload)
    reported = {_SAME_AS.get(problem.code, problem.code) for problem in problems}
    extra = [problem for problem in lint(schedule, now=now, since=since, until=until,
                                         prefix=prefix)
             if problem.code not in reported]
    return [*problems, *extra]


def _prefix(schedule: Schedule, payload: object) -> str:
    """Where the schedule's object sits in ``payload``: below the format's wrapper (and
    its answer's key), else at the root."""
    prefix = ""
    paths = _paths(schedule.format)
    if paths.wrapper is not None:
        data = payload
        if isinstance(payload, str | bytes):
            try:
                data = load_json(payload)
            except ScheduleError:  # pragma: no cover - the checker has just read it
                data = None
        if isinstance(data, dict) and paths.answer is not None and paths.answer in data:
            prefix, data = pointer(paths.answer), data[paths.answer]
            if isinstance(data, list) and len(data) == 1:  # an answer listing one
                prefix, data = prefix + "/0", data[0]
        if isinstance(data, dict) and paths.wrapper in data:
            prefix += pointer(paths.wrapper)
    return prefix


def _paths(format: str) -> LintPaths:
    """Where the format keeps what lints are about (nothing particular for a schedule
    built from rules)."""
    found = formats.registry().get(format)
    return found.lint if found is not None else LintPaths()


def _warning(path: str, code: str, message: str) -> Problem:
    return Problem(path, code, message, "warning")


def _fields(schedule: Schedule) -> dict[str, str] | None:
    """A cron or Quartz string's fields by name (``None`` for other sources)."""
    spelling = schedule.spelling
    if not isinstance(spelling, CronSource) or not spelling.fields:
        return None
    names: tuple[str, ...] = ("minute", "hour", "day-of-month", "month", "day-of-week")
    if spelling.dialect == "quartz":
        names = ("second", *names, "year")
    return dict(zip(names, spelling.fields, strict=False))


# -- day-of-month OR day-of-week ------------------------------------------------------


def _day_or_weekday(schedule: Schedule, path: str) -> list[Problem]:
    rules = [rule for rule in schedule.rules if rule.day_match == "or"
             and rule.month_days is not None and rule.weekdays is not None]
    if not rules:
        return []
    fields = _fields(schedule) or {}
    dom = f"day-of-month {fields['day-of-month']!r}" if fields else "day-of-month"
    dow = f"day-of-week {fields['day-of-week']!r}" if fields else "day-of-week"
    found = []
    for rule in rules:
        message = (f"{dom} and {dow} are both restricted, so cron fires when EITHER "
                   f"matches: on {_dom_words(rule)} and on {_dow_words(rule)}")
        nth = _nth_weekday(rule)
        if nth is not None:
            message += f"; for only the {nth[1]} write '{nth[0]}' with '*' in day-of-month"
        else:
            message += ("; cron cannot say days that match both: keep one field, test the "
                        "other inside the job (cadence reads AND with day_match='and')")
        found.append(_warning(path, "DAY_OF_MONTH_OR_WEEKDAY", message))
    return found


def _dom_words(rule: Rule) -> str:
    assert rule.month_days is not None
    days = rule.month_days.days
    if days and len(days) == 1 and not (rule.month_days.from_last
                                        or rule.month_days.nearest_weekday
                                        or rule.month_days.last_weekday):
        return f"the {ordinal_word(days[0])} of every month"
    return "the listed days of the month"


def _dow_words(rule: Rule) -> str:
    assert rule.weekdays is not None
    weekdays = rule.weekdays
    if weekdays.days and not (weekdays.nth or weekdays.last):
        names = [WEEKDAY_NAMES[day] for day in weekdays.days]
        return "every " + _join(names, "and every")
    return "the listed days of the week"


def _nth_weekday(rule: Rule) -> tuple[str, str] | None:
    """``('1#1', 'first Monday of the month')`` for days 1-7 OR one weekday, the usual
    way of asking (wrongly) for the n-th weekday."""
    assert rule.month_days is not None
    assert rule.weekdays is not None
    days, weekdays = rule.month_days.days, rule.weekdays
    if (len(weekdays.days) != 1 or weekdays.nth or weekdays.last or len(days) != 7
            or rule.month_days.from_last or rule.month_days.nearest_weekday
            or rule.month_days.last_weekday or days[0] % 7 != 1
            or days != tuple(range(days[0], days[0] + 7))):
        return None
    k = days[0] // 7 + 1
    weekday = weekdays.days[0]
    return (f"{(weekday + 1) % 7}#{k}",  # cron numbering: 0 = Sunday
            f"{('first', 'second', 'third', 'fourth')[k - 1]} {WEEKDAY_NAMES[weekday]} of "
            "the month")


# -- days that some months lack ---------------------------------------------------------


def _month_lengths(rule: Rule, month: int) -> set[int]:
    if rule.years is not None:
        return {days_in_month(year, month) for year in rule.years}
    return {28, 29} if month == 2 else {DAYS_IN_MONTH[month]}


def _runs_through_the_month(days: tuple[int, ...]) -> bool:
    """Days up to the month's end (28-31 all listed) or a step through it (an arithmetic
    series of three or more days): a spelling whose short months mean what they do."""
    if {28, 29, 30, 31} <= set(days):
        return True
    steps = {b - a for a, b in pairwise(days)}
    return len(days) >= 3 and len(steps) == 1 and steps != {1}


def _days_not_in_every_month(schedule: Schedule, path: str) -> list[Problem]:
    found = []
    for rule in schedule.rules:
        spec = rule.month_days
        if spec is None or rule.weekdays is not None:
            continue
        if (not spec.days or spec.days[-1] <= 28) and not spec.nearest_weekday:
            continue  # days every month has (they are sorted)
        plain = () if _runs_through_the_month(spec.days) else spec.days
        late = sorted({day for day in (*plain, *spec.nearest_weekday) if day > 28})
        if not late:
            continue
        lengths = {month: _month_lengths(rule, month) for month in rule.months}
        lacking = {day: [m for m in rule.months if day > min(lengths[m])] for day in late}
        lacking = {day: months for day, months in lacking.items() if months}
        if not lacking:
            continue
        found.append(_warning(path, "DAY_NOT_IN_EVERY_MONTH",
                              _lacking_message(schedule, rule, lacking, lengths)))
    return found


def _lacking_message(schedule: Schedule, rule: Rule, lacking: dict[int, list[int]],
                     lengths: dict[int, set[int]]) -> str:
    spec = rule.month_days
    assert spec is not None
    parts = []
    for day, months in lacking.items():
        names = []
        for month in months:
            leap_only = month == 2 and day == 29 and 29 in lengths[2]
            names.append(f"{MONTH_NAMES[month - 1]} (except in leap years)" if leap_only
                         else MONTH_NAMES[month - 1])
        parts.append(f"day {day} does not exist in {_join(names, 'or')}")
    # Months in which no selected day exists at all, in some year.
    selected = [*spec.days, *spec.nearest_weekday]
    skipped = [month for month in rule.months
               if not spec.from_last and not spec.last_weekday
               and not spec.nearest_weekday_from_last
               and all(day > min(lengths[month]) for day in selected)]
    message = "; ".join(parts)
    if skipped:
        always = [m for m in skipped if all(day > max(lengths[m]) for day in selected)]
        fires = len(rule.months) - len(always)
        if always and not fires:  # parsing refuses a schedule of such rules alone
            message += (", so this part of the schedule never fires (the others still "
                        "do); remove it or pick days that exist")
        elif always:
            message += (f", so the schedule fires in {fires} of its {len(rule.months)} "
                        f"month{'s' if len(rule.months) != 1 else ''} only")
        else:
            message += ", so the schedule skips February in common years"
    else:
        message += ", so in those months it fires on the other days only"
    last = _paths(schedule.format).last_day
    if last is not None and any(day >= 30 for day in lacking):
        message += f"; for the last day of every month write {last}"
    return message


# -- DST ----------------------------------------------------------------------------------


def _window(schedule: Schedule, now: datetime | None, since: Moment | None,
            until: Moment | None) -> tuple[int, int]:
    """The instants ``[low, high)`` whose clock changes the DST lints look at."""
    zone = schedule.tz
    first = as_datetime(since, "since") if since is not None else now
    # Without either, the start of today (UTC), not this second: it holds all day.
    low = (instant_of(first, zone)[0] if first is not None
           else int(time.time()) // 86400 * 86400)
    start = instant_of(schedule.start, zone)[0] if schedule.start is not None else low
    if until is not None:
        last = as_datetime(until, "until")
        high = instant_of(last, zone)[0]
        if high <= low:
            since_text = (first or datetime.fromordinal(low // 86400 + _EPOCH_ORDINAL)
                          .replace(tzinfo=timezone.utc)).isoformat()
            raise ScheduleError(f"until: {last.isoformat()} is not after since "
                                f"({since_text}); give a later until, or none for the ten "
                                "years from since")
    else:  # a schedule that starts later gets its own first ten years
        high = max(low, start) + _HORIZON_SECONDS
    if schedule.end is not None:
        high = min(high, instant_of(schedule.end, zone)[0])
    return max(low, start), high


def _dst(schedule: Schedule, window: tuple[int, int], path: str) -> list[Problem]:
    zone = schedule.tz
    low, high = window
    if low >= high:
        return []
    changed = _changed_times(zone, low, high)
    first: dict[bool, tuple[ClockChange, Rule]] = {}
    for rule in schedule.rules:
        if not rule.fixed_time or len(rule.hours) == 24:
            continue
        if changed is not None and not _may_meet(rule, changed):
            continue  # no change skips or repeats any of its times: no day to search
        rule_low, rule_high = low, high
        if rule.years is not None:  # only the listed years (exception dates ...)
            rule_low = max(low, _year_start(rule.years[0]) - 2 * 86400)
            rule_high = min(high, _year_start(rule.years[-1] + 1) + 2 * 86400)
        kinds: dict[bool, ClockChange] = {}
        for change in clock_changes(rule, zone, rule_low, rule_high):
            kinds.setdefault(change.skipped, change)
            if len(kinds) == 2:
                break
        for skipped, change in kinds.items():
            if skipped not in first or change.wall < first[skipped][0].wall:
                first[skipped] = (change, rule)
    found = []
    for skipped in (True, False):
        if skipped in first:
            change, rule = first[skipped]
            found.append(_warning(path, "TIME_IN_DST_GAP" if skipped else "TIME_IN_DST_OVERLAP",
                                  _dst_message(schedule, rule, change)))
    return found


class _Changes(NamedTuple):
    """A zone's offset changes around a window: the wall-clock intervals they skip or
    repeat (local seconds since 1970-01-01T00:00), and the times of day those cover."""

    walls: tuple[tuple[int, int], ...]
    times: frozenset[tuple[int, int]]  #: ``(first second, end second)`` pieces of a day


def _changed_times(zone: tzinfo, low: int, high: int) -> _Changes | None:
    """The changes of ``zone`` around instants ``[low, high)``, from its tz database
    spans; ``None`` for a zone without them (then every rule is searched)."""
    try:
        return _changed_days(zone, low // 86400, high // 86400)
    except TypeError:  # a tzinfo that cannot be hashed: not kept
        return _changed_days.__wrapped__(zone, low // 86400, high // 86400)


# A program uses a few zones and, by default, one window a day.
@lru_cache(maxsize=256)
def _changed_days(zone: tzinfo, first_day: int, last_day: int) -> _Changes | None:
    spans = ZoneSpans.for_zone(zone)
    if spans is None:
        return None
    walls: list[tuple[int, int]] = []
    times: set[tuple[int, int]] = set()
    # The walls between two neighbouring spans are the times a change skips or repeats;
    # UTC offsets stay within a day, so the margin keeps every change of the window.
    for (_, begin, _), (end, _, _) in pairwise(spans.spans_between((first_day - 1) * 86400,
                                                                   (last_day + 2) * 86400)):
        if begin >= end:
            continue
        walls.append((begin, end))
        if end - begin >= 86400:
            times.add((0, 86400))
            continue
        start = begin % 86400
        times.add((start, min(start + end - begin, 86400)))
        if start + end - begin > 86400:  # over midnight
            times.add((0, start + end - begin - 86400))
    return _Changes(tuple(walls), frozenset(times))


def _may_meet(rule: Rule, changes: _Changes) -> bool:
    """Whether a change may skip or repeat one of the rule's times on a day of its
    months and years: a quick test, before the exact search, that passes more rules
    than it must (the rule's other day parts aside) and never fewer."""
    if not _meets(rule, changes.times):
        return False
    if rule.years is None and len(rule.months) == 12:
        return True
    for begin, end in changes.walls:
        for day in range(begin // 86400, (end - 1) // 86400 + 1):
            ordinal = day + _EPOCH_ORDINAL
            if not 1 <= ordinal <= _LAST_ORDINAL:
                return True  # off the calendar: leave it to the search
            moment = date.fromordinal(ordinal)
            if (moment.month in rule.months
                    and (rule.years is None or moment.year in rule.years)
                    and _meets(rule, ((max(begin - day * 86400, 0),
                                       min(end - day * 86400, 86400)),))):
                return True
    return False


def _meets(rule: Rule, pieces: Iterable[tuple[int, int]]) -> bool:
    """Whether one of the rule's times of day falls in one of the ``pieces``."""
    for begin, end in pieces:
        for hour in rule.hours:
            at_hour = hour * 3600
            if at_hour + 3600 <= begin or at_hour >= end:
                continue
            for minute in rule.minutes:
                at_minute = at_hour + minute * 60
                if at_minute + 60 > begin and at_minute < end and any(
                        begin <= at_minute + second < end for second in rule.seconds):
                    return True
    return False


def _dst_message(schedule: Schedule, rule: Rule, change: ClockChange) -> str:
    name = zone_name(schedule.tz)
    when = _clock(change.wall)
    day = change.wall.date().isoformat()
    block = f" ({rule.notes[0]})" if rule.notes else ""
    window = rule.duration is not None
    begin, end = _clock(change.begin), _clock(change.end)
    if change.begin.date() != change.end.date():  # a change at midnight, or a whole day
        begin, end = _stamp(change.begin), _stamp(change.end)
    if change.skipped:
        head = (f"{when}{block} does not exist in {name} on {day}: the clocks jump from "
                f"{begin} to {end}")
        if rule.skip_gaps:
            whose = "Quartz" if rule.second_pass else "RFC 5545"
            return head + f"; {whose} skips it, so there is no occurrence that day"
        what = "the window opens" if window else "the job fires"
        advice = ""
        if change.end - change.begin < timedelta(days=1):
            advice = (f"; pick a time outside {_clock(change.begin)}-{_clock(change.end)} "
                      f"to {'open' if window else 'fire'} at the same wall time every day")
        return (f"{head}; {what} right after the jump, at {end} "
                f"({_offset(change.offset_after)}){advice}")
    what = "the window opens once" if window else "the job fires once"
    if rule.second_pass:  # Quartz
        return (f"{when}{block} happens twice in {name} on {day}: the clocks go back from "
                f"{end} to {begin}; {what}, on the second pass "
                f"({_offset(change.offset_after)}), not on the first")
    return (f"{when}{block} happens twice in {name} on {day}: the clocks go back from "
            f"{end} to {begin}; {what}, on the first pass "
            f"({_offset(change.offset_before)}), not on the second")


def _stamp(moment: datetime) -> str:
    return f"{moment.date().isoformat()} {_clock(moment)}"


def _year_start(year: int) -> int:
    """Seconds from 1970-01-01 to January 1st of ``year`` (UTC), for any year 1-10000."""
    return (date(min(year, 9999), 1, 1).toordinal() - _EPOCH_ORDINAL
            + (366 if year > 9999 else 0)) * 86400


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M:%S" if moment.second else "%H:%M")


def _offset(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    return f"UTC{sign}{hours:02d}:{rest // 60:02d}"


# -- '*' minutes in a daily-looking job -------------------------------------------------


def _minute_wildcard(schedule: Schedule, path: str) -> list[Problem]:
    fields = _fields(schedule)
    spelling = schedule.spelling
    if fields is None or not isinstance(spelling, CronSource) or spelling.macro is not None:
        return []
    minute, hour = fields.get("minute"), fields.get("hour")
    if minute != "*" or hour is None or not _SINGLE_HOURS.fullmatch(hour):
        return []
    rule = schedule.rules[0]
    count = 60 * len(rule.hours) * len(rule.seconds)
    hours = _join([f"{h:02d}:00-{h:02d}:59" for h in rule.hours], "and")
    fixed = " ".join("0" if name == "minute" else text for name, text in fields.items())
    text = spelling.text
    zone_prefix = text[:split_zone_prefix(text)[2]].strip()  # CRON_TZ=... stays
    if zone_prefix:
        fixed = f"{zone_prefix} {fixed}"
    times = _join([f"{h:02d}:00" for h in rule.hours], "and")
    return [_warning(path, "MINUTE_WILDCARD",
                     f"minute '*' with hour {hour!r} fires every minute of {hours} ({count} "
                     f"times a day); for once at {times} write {fixed!r}")]


# -- ended schedules --------------------------------------------------------------------


def _end_in_past(schedule: Schedule, now: datetime | None, end_path: str, days_path: str
                 ) -> list[Problem]:
    if now is None:
        return []
    zone = schedule.tz
    at = instant_of(now, zone)[0]
    shown = now.isoformat()

    def last() -> str:
        moment = schedule.prev(now)
        return f"; its last occurrence was {moment.isoformat()}" if moment is not None else ""

    end = schedule.end
    if end is not None and instant_of(end, zone)[0] <= at:
        paths = _paths(schedule.format)
        if paths.end_inclusive:  # the payload's own last second, not the IR's end after it
            end = local_of(instant_of(end, zone)[0] - 1, zone)
        return [_warning(end_path, "END_IN_PAST",
                         f"the schedule ends at {end.isoformat()} ({paths.end_words}), before now "
                         f"({shown}): it never fires again{last()}")]
    if schedule.next(now) is None and schedule.window_at(now) is None:
        path = end_path if end is not None else days_path
        return [_warning(path, "END_IN_PAST",
                         f"the schedule has no occurrence after now ({shown}): all its "
                         f"dates are past{last()}")]
    return []


# -- words --------------------------------------------------------------------------------


# -- EDFS timer names -----------------------------------------------------------------

#: Where a timer's name starts describing its schedule: "at" and a clock time, or one of
#: the describer's first words after "At".
_DESCRIBED = re.compile(r"(?:^|\s)(at\s+(?:[0-9]{1,2}:[0-9]{2}|every|minute|second|hour)\b.*)$",
                        re.IGNORECASE | re.DOTALL)


def _timer_name(schedule: Schedule, prefix: str) -> list[Problem]:
    name = schedule.metadata.get("name") if schedule.format == "edfs" else None
    if not isinstance(name, str) or len(schedule.rules) != 1:
        return []
    found = _DESCRIBED.search(name)
    if found is None:
        return []
    from .formats._edfs import cron_words

    said, words = found.group(1), cron_words(schedule.rules[0])
    told, meant = _said_alike(said), _said_alike(words)
    if meant[:len(told)] == told:  # the same words, or the first of them
        return []
    renamed = name[:found.start(1)] + words
    cron = schedule.spelling.text if isinstance(schedule.spelling, CronSource) else ""
    return [_warning(prefix + pointer("name"), "TIMER_NAME_CONTRADICTS_CRON",
                     f"the timer's name says {said.strip()!r} but its cronStr {cron!r} runs "
                     f"{words!r}; rename it to {renamed.strip()!r} or fix cronStr")]


def _said_alike(text: str) -> list[str]:
    """A description's words, with case, spacing, a full stop and an Oxford comma left
    out."""
    return text.lower().rstrip(". ").replace(", and ", " and ").split()


def _join(words: Iterable[str], last: str) -> str:
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]

