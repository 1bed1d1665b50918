"""Strategies for RFC 5545 recurrence text (``DTSTART``, ``RRULE`` and ``EXDATE``
lines): :func:`rrules`, with :data:`RRULE_FEATURES` and :data:`RRULE_FREQUENCIES`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, NamedTuple, overload

from hypothesis import strategies as st

from .._calendar import WEEKDAY_CODES
from ._drawing import LONGEST_MONTH, UNIVERSAL_DAY, distinct, maybe
from ._invalid import NOT_STRINGS, Invalid, one_of_applicable
from ._options import chosen_from, picked_from, zone_names

__all__ = ["RRULE_FEATURES", "RRULE_FREQUENCIES", "rrules"]

#: RRULE features: ``interval``, ``count``, ``until``, ``byday`` (``BYDAY=MO,FR``),
#: ``ordinals`` (``BYDAY=2MO,-1FR``), ``bymonthday`` (negative ones too), ``bymonth``,
#: ``bytime`` (``BYHOUR``, ``BYMINUTE``, ``BYSECOND``), ``bysetpos``, ``exdate``, ``wkst``,
#: ``yeardays`` (``BYYEARDAY``, in YEARLY and sub-daily rules) and ``weeknos``
#: (``BYWEEKNO``, in YEARLY rules).
RRULE_FEATURES = frozenset({"interval", "count", "until", "byday", "ordinals", "bymonthday",
                            "bymonth", "bytime", "bysetpos", "exdate", "wkst", "yeardays",
                            "weeknos"})
#: The RRULE frequencies drawn by default (``SECONDLY`` can be asked for).
RRULE_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY")
_ALL_RRULE_FREQUENCIES = (*RRULE_FREQUENCIES, "SECONDLY")

_RANK = {name: rank for rank, name in enumerate(_ALL_RRULE_FREQUENCIES)}


class _RRule(NamedTuple):
    dtstart: str
    start: datetime
    zone: str | None
    parts: tuple[tuple[str, str], ...]
    exdate: str | None

    @property
    def text(self) -> str:
        rule = "RRULE:" + ";".join(f"{name}={value}" for name, value in self.parts)
        return "\n".join(line for line in (self.dtstart, rule, self.exdate) if line)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _month_day_numbers(draw: st.DrawFn) -> list[int]:
    """BYMONTHDAY values; the first exists in every month (1..28 or -1..-28)."""
    first = draw(st.integers(1, UNIVERSAL_DAY)) * draw(st.sampled_from((1, -1)))
    others = draw(st.lists(st.integers(1, LONGEST_MONTH).flatmap(
        lambda n: st.sampled_from((n, -n))), max_size=2))
    return list(dict.fromkeys([first, *others]))


def _year_day(month: int, day: int) -> int:
    """The BYYEARDAY value of ``month``-``day`` that names it in every year: counted from
    the start up to 28 February, from the end from 1 March on (a leap day shifts the rest).

    >>> _year_day(2, 28), _year_day(3, 1), _year_day(12, 31)
    (59, -306, -1)
    """
    if month <= 2:
        return date(2001, month, day).timetuple().tm_yday
    return date(2001, month, day).timetuple().tm_yday - 366


class _YearPart(NamedTuple):
    """BYYEARDAY or BYWEEKNO, and what the other day parts must keep so that the rule
    still fires: a month and a day of the month (BYYEARDAY), or none of them at all."""

    part: tuple[str, str]
    month: int | None
    day: int | None


def _year_part(draw: st.DrawFn, features: frozenset[str], freq: str) -> _YearPart | None:
    kinds = [kind for kind, frequencies in (
        ("yeardays", ("YEARLY", "HOURLY", "MINUTELY", "SECONDLY")), ("weeknos", ("YEARLY",)))
        if kind in features and freq in frequencies]
    kind = draw(st.sampled_from([None, *kinds])) if kinds else None
    if kind == "weeknos":  # weeks 1-52 and -1..-52 exist in every year
        weeks = [draw(st.integers(1, 52)) * draw(st.sampled_from((1, -1)))
                 for _ in range(draw(st.integers(1, 3)))]
        return _YearPart(("BYWEEKNO", ",".join(map(str, dict.fromkeys(weeks)))), None, None)
    if kind == "yeardays":
        days = [draw(st.dates(date(2001, 1, 1), date(2001, 12, 31)).map(
            lambda d: d.replace(day=min(d.day, UNIVERSAL_DAY))))
            for _ in range(draw(st.integers(1, 3)))]
        numbers = dict.fromkeys(_year_day(d.month, d.day) for d in days)
        return _YearPart(("BYYEARDAY", ",".join(map(str, numbers))), days[0].month,
                         days[0].day)
    return None


@st.composite
def _rrule(draw: st.DrawFn, features: frozenset[str], frequencies: tuple[str, ...],
           zones: tuple[str, ...] | None) -> _RRule:
    freq = draw(st.sampled_from(frequencies))
    rank = _RANK[freq]
    # Day 1-28: a rule that takes its day of the month from DTSTART fires in every month.
    day = draw(st.dates(date(2000, 1, 1), date(2035, 12, 28)).map(
        lambda d: d.replace(day=min(d.day, UNIVERSAL_DAY))))
    start = datetime.combine(day, draw(st.times()).replace(microsecond=0))
    zone = draw(st.sampled_from(zones)) if zones else None
    dtstart = f"DTSTART;TZID={zone}:{_stamp(start)}" if zone else f"DTSTART:{_stamp(start)}Z"
    interval = draw(st.integers(2, 5)) if maybe(draw, "interval" in features) else 1
    setpos = maybe(draw, "bysetpos" in features and freq == "MONTHLY")
    exdate = maybe(draw, "exdate" in features and rank <= _RANK["DAILY"])
    parts: list[tuple[str, str]] = []
    if interval > 1:
        parts.append(("INTERVAL", str(interval)))
    if "bytime" in features and not (setpos or exdate):
        # Each time part may not restrict the unit INTERVAL counts (its periods could
        # all miss it); finer parts are free.
        for name, high, unit in (("BYHOUR", 23, "HOURLY"), ("BYMINUTE", 59, "MINUTELY"),
                                 ("BYSECOND", 59, "SECONDLY")):
            if (interval == 1 or freq != unit) and draw(st.booleans()):
                parts.append((name, ",".join(map(str, distinct(draw, 0, high, 3)))))
    # A day of the year is a month and day in every year (the other day parts keep
    # them); a week number is in every year (the other day parts but BYDAY stay out).
    year_part = _year_part(draw, features, freq)
    if year_part is not None:
        parts.append(year_part.part)
    weeks = year_part is not None and year_part.month is None
    months = None
    if maybe(draw, "bymonth" in features and not (freq == "MONTHLY" and interval > 1)
             and not weeks):
        months = distinct(draw, 1, 12, 4)
        if year_part is not None and year_part.month is not None:
            months = list(dict.fromkeys([*months, year_part.month]))
        parts.append(("BYMONTH", ",".join(map(str, months))))
    if setpos:
        if draw(st.booleans()):
            parts += [("BYDAY", "MO,TU,WE,TH,FR"), ("BYSETPOS", draw(st.sampled_from(("1", "-1"))))]
        else:
            position = draw(st.sampled_from((1, 2, 3, 4, -1)))
            parts += [("BYDAY", draw(st.sampled_from(WEEKDAY_CODES))), ("BYSETPOS", str(position))]
    else:
        day_parts = not (freq == "DAILY" and interval > 1)  # day periods could miss them
        month_days = maybe(draw, day_parts and "bymonthday" in features and freq != "WEEKLY"
                           and not weeks)
        if month_days:
            numbers = _month_day_numbers(draw)
            if year_part is not None and year_part.day is not None:
                numbers = list(dict.fromkeys([*numbers, year_part.day]))
            parts.append(("BYMONTHDAY", ",".join(map(str, numbers))))
        # Every week has every weekday; but a day of the month that must also be a
        # weekday, in every n-th year only, can miss every such year before UNTIL.
        if maybe(draw, day_parts and "byday" in features and (year_part is None or weeks)
                 and not (month_days and interval > 1)):
            codes = [draw(st.sampled_from(WEEKDAY_CODES))
                     for _ in range(draw(st.integers(1, 3)))]
            ordinals = ("ordinals" in features and not month_days
                        and (freq == "MONTHLY" or (freq == "YEARLY" and months is not None)))
            if ordinals:
                codes = [draw(st.sampled_from(("", "1", "2", "3", "4", "-1"))) + code
                         for code in codes]
            parts.append(("BYDAY", ",".join(dict.fromkeys(codes))))
    if maybe(draw, "wkst" in features):
        parts.append(("WKST", draw(st.sampled_from(WEEKDAY_CODES))))
    ends = [kind for kind in ("count", "until") if kind in features]
    end = draw(st.sampled_from([None, *ends]))
    if end == "count":  # two or more: one EXDATE cannot remove them all (never fires)
        parts.append(("COUNT", str(draw(st.integers(2 if exdate else 1, 30)))))
    elif end == "until":
        until = datetime.combine(date(start.year + 30, start.month, start.day), time())
        parts.append(("UNTIL", _stamp(until) + "Z"))
    parts = [("FREQ", freq), *draw(st.permutations(parts))]
    exdate_line = None
    if exdate:  # the rule fires once a day, at DTSTART's time
        removed = start + timedelta(days=draw(st.integers(0, 400)))
        exdate_line = (f"EXDATE;TZID={zone}:{_stamp(removed)}" if zone
                       else f"EXDATE:{_stamp(removed)}Z")
    return _RRule(dtstart, start, zone, tuple(parts), exdate_line)


@st.composite
def _invalid_rrule(draw: st.DrawFn, features: frozenset[str], frequencies: tuple[str, ...],
                   zones: tuple[str, ...] | None) -> Invalid:
    rule = draw(_rrule(features, frequencies, zones))
    code = "INVALID_EXPRESSION"
    freq = rule.parts[0][1]

    def bad_part() -> Invalid:
        part = draw(st.sampled_from((
            ("BYHOUR", "24"), ("BYMINUTE", "60"), ("BYMONTHDAY", "32"), ("BYMONTH", "13"),
            ("BYDAY", "XX"), ("BYWEEKNO", "54"), ("BYYEARDAY", "367"), ("INTERVAL", "0"),
            ("FOO", "1"), ("COUNT", "0"), ("BYSETPOS", "0"))))
        return Invalid(rule._replace(parts=(*rule.parts, part)).text, code, "")

    def bad_freq() -> Invalid:
        name = draw(st.sampled_from(("FORTNIGHTLY", "BIWEEKLY", "QUARTERLY", "DAY")))
        return Invalid(rule._replace(parts=(("FREQ", name), *rule.parts[1:])).text, code, "")

    def bad_dtstart() -> Invalid:
        wrong = f"{rule.start.year}0230T{rule.start:%H%M%S}"
        head = rule.dtstart.rsplit(":", 1)[0]
        suffix = "" if rule.zone else "Z"
        return Invalid(rule._replace(dtstart=f"{head}:{wrong}{suffix}").text, code, "")

    def bad_zone() -> Invalid:
        zone = draw(st.sampled_from(("Mars/Olympus_Mons", "Europe/Berlim", "GMT+25")))
        line = f"DTSTART;TZID={zone}:{_stamp(rule.start)}"
        exdate = rule.exdate and f"EXDATE;TZID={zone}:{rule.exdate.rsplit(':', 1)[1]}"
        exdate = exdate.removesuffix("Z") if exdate else exdate
        return Invalid(rule._replace(dtstart=line, exdate=exdate).text, code, "")

    def no_rule() -> Invalid:
        return Invalid("\n".join(line for line in (rule.dtstart, rule.exdate) if line),
                       code, "")

    def until_before_start() -> Invalid:
        kept = tuple(part for part in rule.parts if part[0] not in ("COUNT", "UNTIL"))
        until = datetime.combine(rule.start.date() - timedelta(days=2), time())
        bad = rule._replace(parts=(*kept, ("UNTIL", _stamp(until) + "Z")))
        return Invalid(bad.text, "NEVER_FIRES", "")

    def impossible_day() -> Invalid:
        dropped = ("BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS")
        kept = tuple(part for part in rule.parts if part[0] not in dropped)
        bad = rule._replace(parts=(*kept, ("BYMONTH", "2"), ("BYMONTHDAY", "30")))
        return Invalid(bad.text, "NEVER_FIRES", "")

    def not_a_string() -> Invalid:
        return Invalid(draw(st.sampled_from(NOT_STRINGS)), "INVALID_TYPE", "")

    return one_of_applicable(draw, {
        "bad_part": bad_part,
        "bad_freq": bad_freq,
        "bad_dtstart": bad_dtstart,
        "bad_zone": bad_zone,
        "no_rule": no_rule,
        "until_before_start": until_before_start,
        "impossible_day": impossible_day if freq != "WEEKLY" else None,
        "not_a_string": not_a_string,
    })


@overload
def rrules(*, zones: Sequence[str] | None = ..., features: Collection[str] | None = ...,
           frequencies: Sequence[str] | None = ...,
           valid: Literal[True] = ...) -> st.SearchStrategy[str]: ...
@overload
def rrules(*, zones: Sequence[str] | None = ..., features: Collection[str] | None = ...,
           frequencies: Sequence[str] | None = ...,
           valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def rrules(*, zones: Sequence[str] | None = ..., features: Collection[str] | None = ...,
           frequencies: Sequence[str] | None = ..., valid: bool
           ) -> st.SearchStrategy[str] | st.SearchStrategy[Invalid]: ...
def rrules(*, zones: Sequence[str] | None = None, features: Collection[str] | None = None,
           frequencies: Sequence[str] | None = None, valid: bool = True
           ) -> st.SearchStrategy[str] | st.SearchStrategy[Invalid]:
    """RFC 5545 recurrence text: a ``DTSTART`` line, an ``RRULE`` line and, with the
    ``exdate`` feature, an ``EXDATE`` line.

    Validate it with ``cadence.validate(text, "rrule")``. ``frequencies`` picks from
    ``YEARLY`` ... ``SECONDLY`` (default: all but ``SECONDLY``); ``features`` from
    :data:`RRULE_FEATURES`. ``DTSTART`` is in 2000-2035 on day 1-28 of its month,
    with ``TZID=`` one of ``zones`` (else UTC, ``Z``). ``valid=False`` mutations: a rule
    part out of range or unknown, an unknown frequency, an impossible DTSTART, an unknown
    TZID, no RRULE line (``INVALID_EXPRESSION``), an UNTIL before DTSTART or February
    30th (``NEVER_FIRES``), a payload that is not a string (``INVALID_TYPE``).

    >>> rrules(frequencies=["WEEKLY"], features={"interval", "byday"}).validate()
    """
    chosen = chosen_from(features, RRULE_FEATURES, "features")
    picked = picked_from(frequencies, _ALL_RRULE_FREQUENCIES, "frequencies") if (
        frequencies is not None) else RRULE_FREQUENCIES
    names = zone_names(zones)
    if valid:
        return _rrule(chosen, picked, names).map(lambda rule: rule.text)
    return _invalid_rrule(chosen, picked, names)


#: The format names these strategies draw payloads of.
STRATEGIES: Mapping[str, Callable[..., st.SearchStrategy[Any]]] = {"rrule": rrules}
