"""The RRULE reader's shortcut past its "never fires" check: ``_surely_fires``.

When ``_surely_fires(rule, start)`` answers True the reader does not look for an
occurrence, so True must mean one exists: the rule fires on five days of every year (a
DST gap takes at most one day's times, twice a year at most) and a whole year is left
after DTSTART. The property draws RRULE text from parts aimed at the shortcut's edges
(months x days-in-every-month near 5, 28/29 and -28/-29, the 4th/5th weekday, weekly
and daily intervals around 52/5 and 365/5, BYSETPOS at and past the candidates a
period always holds, times in DST gaps, DTSTART in the last years of the calendar) in
zones whose clocks jump often or oddly, and checks each "sure" rule against the walk:
it fires, within the year after DTSTART's, on five days of that year in UTC (where no
time is skipped) and on three in its own zone (no zone here skips more than two days'
times a year). The table rows pin both sides of each edge, with what the reader itself
answers for the rules that never fire. The last test keeps a bug found on the way
fixed: a DTSTART on the calendar's last day was moved back before itself.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import cadence
from cadence import NeverFiresError, ParseError
from cadence.formats._rrule import _surely_fires
from cadence.ir import Recurrence, Rule
from cadence.schedule import Schedule

ZONES = ("Europe/Berlin", "America/New_York", "America/Santiago", "Africa/Casablanca",
         "Asia/Tehran", "America/Havana", "Australia/Lord_Howe", "Antarctica/Troll")
FREQS = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: Wall times of DTSTART: several sit in some zone's gap (02:30 in Europe, 00:30 in
#: Santiago, Havana and Tehran, 01:30 and 02:30 at Troll, 02:15 at Lord Howe).
START_TIMES = ((2, 30, 0), (0, 30, 0), (1, 30, 0), (2, 15, 0), (3, 0, 0), (0, 0, 0),
               (9, 0, 0), (23, 59, 59))


def _values(name: str, values: list[int] | list[str]) -> str:
    return f"{name}={','.join(str(value) for value in values)}"


#: Month-day values on both sides of "in every month" (28 and -28 are, 29 and -29 not).
_EDGE_MONTH_DAYS = (1, 27, 28, 29, 30, 31, -1, -27, -28, -29, -30, -31)
#: Weekday ordinals on both sides of "in every month" (4 and -4 are, 5 and -5 not).
_EDGE_ORDINALS = (4, 5, -4, -5, 1, -1, -2, 3)
_SUB_DAY = ("HOURLY", "MINUTELY", "SECONDLY")


@st.composite
def _dtstart(draw: st.DrawFn) -> str:
    """A DTSTART line in a DST-heavy zone, often at a wall time some zone skips."""
    zone = draw(st.sampled_from(ZONES), label="zone")
    day = draw(st.one_of(st.dates(date(1970, 1, 1), date(2100, 12, 31)),
                         st.dates(date(9990, 1, 1), date(9999, 12, 31))), label="DTSTART date")
    hour, minute, second = draw(st.sampled_from(START_TIMES), label="DTSTART time")
    return f"DTSTART;TZID={zone}:{day:%Y%m%d}T{hour:02d}{minute:02d}{second:02d}"


def _times(draw: st.DrawFn, parts: list[str], freq: str) -> int:
    """Maybe BYHOUR and BYMINUTE (DST gap hours among them); the times of day a
    day-level rule then has."""
    hours, minutes = (24, 1 if freq == "HOURLY" else 60) if freq in _SUB_DAY else (1, 1)
    if draw(st.booleans()):
        chosen = sorted(draw(st.sets(st.sampled_from([0, 1, 2, 3, 9, 23]), min_size=1,
                                     max_size=3)))
        parts.append(_values("BYHOUR", chosen))
        hours = len(chosen)
    if draw(st.booleans()):
        chosen = sorted(draw(st.sets(st.sampled_from([0, 15, 30, 59]), min_size=1,
                                     max_size=2)))
        parts.append(_values("BYMINUTE", chosen))
        minutes = len(chosen)
    return hours * minutes


@st.composite
def _any_rules(draw: st.DrawFn) -> list[str]:
    """Any mix of the parts: every FREQ, intervals, months, plain and numbered weekdays,
    days of the month, weekdays, weeks and days counted in the year, BYSETPOS."""
    freq = draw(st.sampled_from(FREQS), label="FREQ")
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 12))}")
    months: list[int] = []
    if draw(st.booleans()):
        months = sorted(draw(st.sampled_from([{2}, {3}, {10}, {3, 10}])
                             | st.sets(st.integers(1, 12), min_size=1, max_size=12)))
        parts.append(_values("BYMONTH", months))
    plain = sorted(draw(st.sets(st.integers(0, 6), max_size=7)) if draw(st.booleans()) else ())
    byday = [CODES[weekday] for weekday in plain]
    if (freq == "MONTHLY" or (freq == "YEARLY" and months)) and draw(st.booleans()):
        numbered = draw(st.lists(st.tuples(st.sampled_from([1, 2, 3, 4, 5, -1, -2, -3, -4,
                                                            -5]), st.integers(0, 6)),
                                 min_size=1, max_size=2))
        byday += [f"{k}{CODES[weekday]}" for k, weekday in numbered]
    if freq == "YEARLY" and not months and draw(st.integers(0, 4)) == 0:
        # Weekdays counted in the year, week numbers, days of the year: never "sure".
        part = draw(st.sampled_from(["BYDAY", "BYWEEKNO", "BYYEARDAY"]))
        top = 366 if part == "BYYEARDAY" else 53
        numbers = sorted(draw(st.sets(st.integers(1, top) | st.integers(-top, -1),
                                      min_size=1, max_size=3)))
        if part == "BYDAY":
            byday = [f"{k}{CODES[k % 7]}" for k in numbers]
        else:
            parts.append(_values(part, numbers))
    if byday:
        parts.append(_values("BYDAY", byday))
    if freq != "WEEKLY" and draw(st.booleans()):
        month_days = draw(st.sets(st.sampled_from(_EDGE_MONTH_DAYS) | st.integers(1, 31)
                                  | st.integers(-31, -1), min_size=1, max_size=5))
        parts.append(_values("BYMONTHDAY", sorted(month_days)))
    _times(draw, parts, freq)
    if freq in ("MONTHLY", "WEEKLY", "DAILY") and draw(st.booleans()):
        positions = draw(st.sets(st.integers(1, 12) | st.integers(-12, -1)
                                 | st.sampled_from([20, 28, 29, 31, 35, -29]),
                                 min_size=1, max_size=3))
        parts.append(_values("BYSETPOS", sorted(positions)))
    if draw(st.integers(0, 4)) == 0:
        parts.append(f"WKST={draw(st.sampled_from(CODES))}")
    if draw(st.integers(0, 4)) == 0:
        parts.append(f"COUNT={draw(st.integers(1, 3))}")
    return parts


@st.composite
def _few_days_a_month(draw: st.DrawFn) -> list[str]:
    """A few months times one day part near "in every month": the shortcut's count of
    days a year lands on both sides of five."""
    freq = draw(st.sampled_from(["YEARLY", "MONTHLY"]))
    # February (and 30-day months) is where a day part misses some month: five months
    # with it sit right on the threshold.
    size = draw(st.sampled_from([5, 4, 6, 1, 2, 3, 12]))
    months = sorted(draw(st.sets(st.integers(1, 12), min_size=size, max_size=size)
                         .filter(lambda chosen: 2 in chosen) | st.sets(
                             st.integers(1, 12), min_size=size, max_size=size)))
    parts = [f"FREQ={freq}", _values("BYMONTH", months)]
    kind = draw(st.sampled_from(["BYMONTHDAY", "nth", "weekday"]))
    if kind == "BYMONTHDAY":
        value = draw(st.sampled_from([28, 29, -28, -29]) | st.sampled_from(_EDGE_MONTH_DAYS))
        parts.append(f"BYMONTHDAY={value}")
    elif kind == "nth":
        k = draw(st.sampled_from(_EDGE_ORDINALS))
        parts.append(f"BYDAY={k}{draw(st.sampled_from(CODES))}")
    else:
        parts.append(f"BYDAY={draw(st.sampled_from(CODES))}")
    _times(draw, parts, freq)
    return parts


@st.composite
def _positions_at_the_edge(draw: st.DrawFn) -> list[str]:
    """BYSETPOS at, or one past, the candidates every day, week or month holds, and at
    or past the most any of them holds."""
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]))
    plain = sorted(draw(st.sets(st.integers(0, 6), min_size=1 if freq == "MONTHLY" else 0,
                                max_size=7)))
    parts = [f"FREQ={freq}"]
    if plain:
        parts.append(_values("BYDAY", [CODES[weekday] for weekday in plain]))
    times = _times(draw, parts, freq)
    kinds = len(plain) or (1 if freq == "WEEKLY" else 7)
    every = {"DAILY": 1, "WEEKLY": kinds, "MONTHLY": 4 * kinds}[freq] * times
    most = {"DAILY": 1, "WEEKLY": kinds, "MONTHLY": 5 * kinds}[freq] * times
    edges = [sign * n for n in (every, every + 1, most, most + 1) for sign in (1, -1)
             if n <= 366]
    positions = draw(st.sets(st.sampled_from(edges) | st.integers(1, 3), min_size=1,
                             max_size=2))
    parts.append(_values("BYSETPOS", sorted(positions)))
    return parts


@st.composite
def _intervals(draw: st.DrawFn) -> list[str]:
    """Weekly and daily intervals near a year's 52 weeks and 365 days over five."""
    freq = draw(st.sampled_from(["WEEKLY", "DAILY"]))
    interval = draw(st.sampled_from([10, 11, 12, 13, 72, 73, 74, 80]) | st.integers(1, 12))
    parts = [f"FREQ={freq}", f"INTERVAL={interval}"]
    if draw(st.booleans()):
        parts.append(f"BYDAY={draw(st.sampled_from(CODES))}")
    _times(draw, parts, freq)
    return parts


@st.composite
def _rrule_texts(draw: st.DrawFn) -> str:
    """DTSTART and one RRULE line: any mix of parts, or parts aimed at one threshold of
    the shortcut."""
    parts = draw(st.one_of(_any_rules(), _few_days_a_month(), _positions_at_the_edge(),
                           _intervals()), label="parts")
    return f"{draw(_dtstart())}\nRRULE:{';'.join(parts)}"


def _alone(rule: Rule, schedule: Schedule) -> Schedule:
    """``rule`` as the reader's check sees it: from DTSTART, without its count and
    excluded dates, without the other parts of the set."""
    plain = dataclasses.replace(rule, excluded_dates=(), count=None, start=None)
    return Schedule(Recurrence(plain, schedule.tz, format="rrule", start=schedule.start))


def _days_with_occurrences(schedule: Schedule, year: int, enough: int) -> int:
    """How many days of ``year`` (in the schedule's zone) have an occurrence, counted up
    to ``enough``: one search per day, so an every-second rule costs no more."""
    zone = schedule.tz
    end = datetime(year + 1, 1, 1, tzinfo=zone)
    found = schedule.next(datetime(year, 1, 1, tzinfo=zone) - timedelta(seconds=1))
    days = 0
    while found is not None and found < end and days < enough:
        days += 1
        found = schedule.next(datetime.combine(found.date(), time(23, 59, 59), tzinfo=zone))
    return days


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rrule_texts())
def test_a_rule_sure_to_fire_fires_on_five_days_of_the_next_year(text: str) -> None:
    try:
        schedule = cadence.parse(text, "rrule")
    except (ParseError, NeverFiresError):
        event("not read (ParseError or NeverFiresError)")
        return
    start = schedule.start
    assert start is not None
    for rule in schedule.rules:
        sure = _surely_fires(rule, start)
        event(f"surely fires: {sure}")
        if not sure:
            continue
        alone = _alone(rule, schedule)
        found = alone.next(start - timedelta(seconds=1))
        assert found is not None, f"{text!r} is sure to fire but never does"
        # What "sure" stands on: five days in every year (the rule's days, seen in UTC,
        # where no time is skipped), of which DST gaps take at most two in these zones.
        year = start.year + 1
        assert found < datetime(year + 1, 1, 1, tzinfo=schedule.tz), (text, found)
        in_utc = Schedule(Recurrence(alone.rule, "UTC", format="rrule"))
        assert _days_with_occurrences(in_utc, year, 5) == 5, text
        assert _days_with_occurrences(alone, year, 3) == 3, text


def _rule_of(rrule: str, start: str) -> Rule:
    """The rule that ``RRULE:{rrule}`` reads as after ``start`` (a DTSTART line), even one
    that never fires: read as an EXRULE line, the reader builds the same rule and does not
    look for its occurrences (an RDATE after every DTSTART here keeps the set from being
    empty, which the reader refuses)."""
    text = f"{start}\nRDATE:99991231T000000Z\nEXRULE:{rrule}"
    (rule,) = cadence.parse(text, "rrule").recurrence.exclusions
    return rule


_BERLIN = "Europe/Berlin"
_AT_0230 = "BYHOUR=2;BYMINUTE=30;BYSECOND=0"

# (RRULE, DTSTART wall time, expected _surely_fires, whether it fires from DTSTART in
# Berlin): each edge of _days_in_every_month, the week and day intervals and
# _positions_always_pick on both sides.
SURELY = [
    # The last Sunday of March at 02:30 is in Berlin's gap every year since 1981.
    pytest.param(f"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;{_AT_0230}", "20260329T023000", False,
                 False, id="yearly-last-sunday-of-march-in-the-gap"),
    pytest.param(f"FREQ=MONTHLY;BYMONTH=3;BYDAY=-1SU;{_AT_0230}", "20260329T023000", False,
                 False, id="monthly-in-march-last-sunday-in-the-gap"),
    pytest.param(f"FREQ=MONTHLY;BYMONTH=3;BYDAY=SU;BYSETPOS=-1;{_AT_0230}",
                 "20260329T023000", False, False, id="last-sunday-by-setpos-in-the-gap"),
    pytest.param(f"FREQ=MONTHLY;BYMONTH=1,2,3,4,5;BYDAY=-1SU;{_AT_0230}", "20260329T023000",
                 True, True, id="five-last-sundays-are-sure"),
    pytest.param(f"FREQ=MONTHLY;BYMONTH=1,2,3,4;BYDAY=-1SU;{_AT_0230}", "20260329T023000",
                 False, True, id="four-last-sundays-are-not"),
    pytest.param("FREQ=MONTHLY;BYMONTH=1,2,3,4,5;BYMONTHDAY=28", "20260101T090000", True,
                 True, id="the-28th-is-in-every-month"),
    pytest.param("FREQ=MONTHLY;BYMONTH=1,2,3,4,5;BYMONTHDAY=29", "20260101T090000", False,
                 True, id="the-29th-is-not"),
    pytest.param("FREQ=MONTHLY;BYMONTH=1,2,3,4,5;BYMONTHDAY=-28", "20260101T090000", True,
                 True, id="the-28th-from-last-is-in-every-month"),
    pytest.param("FREQ=MONTHLY;BYMONTH=1,2,3,4,5;BYMONTHDAY=-29", "20260101T090000", False,
                 True, id="the-29th-from-last-is-not"),
    pytest.param("FREQ=YEARLY;BYMONTH=2,4,6,8,10;BYDAY=4MO", "20260101T090000", True, True,
                 id="the-fourth-monday-is-in-every-month"),
    pytest.param("FREQ=YEARLY;BYMONTH=2,4,6,8,10;BYDAY=5MO", "20260101T090000", False, True,
                 id="the-fifth-monday-is-not"),
    pytest.param("FREQ=YEARLY;BYMONTH=2,4,6,8,10;BYDAY=-4MO", "20260101T090000", True, True,
                 id="the-fourth-to-last-monday-is-in-every-month"),
    pytest.param("FREQ=YEARLY;BYMONTH=2,4,6,8,10;BYDAY=-5MO", "20260101T090000", False, True,
                 id="the-fifth-to-last-monday-is-not"),
    pytest.param("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=1,2,3,4,5;BYDAY=MO", "20260101T090000",
                 False, True, id="day-and-weekday-parts-together-are-not"),
    pytest.param("FREQ=WEEKLY;INTERVAL=10", "20260105T090000", True, True,
                 id="every-tenth-week-is-sure"),
    pytest.param("FREQ=WEEKLY;INTERVAL=11", "20260105T090000", False, True,
                 id="every-eleventh-week-is-not"),
    pytest.param("FREQ=WEEKLY;INTERVAL=2;BYMONTH=1,2,3,4,5,6,7,8,9,10,11", "20260105T090000",
                 False, True, id="a-weekly-period-in-some-months-is-not"),
    pytest.param("FREQ=DAILY;INTERVAL=73", "20260105T090000", True, True,
                 id="every-73rd-day-is-sure"),
    pytest.param("FREQ=DAILY;INTERVAL=74", "20260105T090000", False, True,
                 id="every-74th-day-is-not"),
    # 2026-03-30 is a Monday: every 7th day from it is a Monday, never a Tuesday.
    pytest.param("FREQ=DAILY;INTERVAL=7;BYDAY=TU", "20260330T090000", False, False,
                 id="every-seventh-day-from-a-monday-on-tuesdays"),
    pytest.param("FREQ=MONTHLY;INTERVAL=5", "20260131T090000", False, True,
                 id="every-fifth-month-is-not"),
    pytest.param("FREQ=HOURLY;INTERVAL=5", "20260105T090000", False, True,
                 id="every-fifth-hour-is-not"),
    pytest.param("FREQ=YEARLY;BYWEEKNO=1,2,3", "20260105T090000", False, True,
                 id="week-numbers-are-not"),
    # BYSETPOS: at most 4 Mondays x 2 times are sure in a month; 5 Mondays x 2 is the most.
    pytest.param("FREQ=MONTHLY;BYDAY=MO;BYHOUR=9,17;BYMINUTE=0;BYSETPOS=8",
                 "20260105T090000", True, True, id="positions-within-every-month"),
    pytest.param("FREQ=MONTHLY;BYDAY=MO;BYHOUR=9,17;BYMINUTE=0;BYSETPOS=-8",
                 "20260105T090000", True, True, id="positions-from-the-end-within-every-month"),
    pytest.param("FREQ=MONTHLY;BYDAY=MO;BYHOUR=9,17;BYMINUTE=0;BYSETPOS=9",
                 "20260105T090000", False, True, id="positions-in-some-months"),
    pytest.param("FREQ=MONTHLY;BYDAY=MO;BYHOUR=9,17;BYMINUTE=0;BYSETPOS=11",
                 "20260105T090000", False, False, id="positions-beyond-every-month"),
    pytest.param("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "20260105T090000", False, False,
                 id="a-sixth-monday"),
    pytest.param("FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=2", "20260105T090000", True, True,
                 id="positions-within-every-week"),
    pytest.param("FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3", "20260105T090000", False, False,
                 id="positions-beyond-every-week"),
    pytest.param("FREQ=DAILY;BYHOUR=2,3;BYMINUTE=30;BYSETPOS=2", "20260105T090000", True,
                 True, id="positions-within-every-day"),
    pytest.param("FREQ=DAILY;BYHOUR=2,3;BYMINUTE=30;BYSETPOS=3", "20260105T090000", False,
                 False, id="positions-beyond-every-day"),
    pytest.param("FREQ=MONTHLY;BYMONTH=3;BYDAY=MO;BYHOUR=9,17;BYMINUTE=0;BYSETPOS=1",
                 "20260105T090000", False, True, id="positions-in-some-months-only"),
    pytest.param("FREQ=YEARLY;BYDAY=MO;BYSETPOS=1", "20260105T090000", False, True,
                 id="positions-in-a-year"),
    # A whole year must be left: 9997's rule has 9998, 9998's has only part of 9999.
    pytest.param("FREQ=DAILY", "99971231T235959", True, True, id="daily-from-9997"),
    pytest.param("FREQ=DAILY", "99980101T000000", False, True, id="daily-from-9998"),
]


@pytest.mark.parametrize(("rrule", "wall", "sure", "fires"), SURELY)
def test_surely_fires_at_each_edge_and_the_reader_agrees(rrule: str, wall: str, sure: bool,
                                                         fires: bool) -> None:
    dtstart = f"DTSTART;TZID={_BERLIN}:{wall}"
    rule = _rule_of(rrule, dtstart)
    text = f"{dtstart}\nRRULE:{rrule}"
    start = cadence.parse(f"{dtstart}\nRDATE:99991231T000000Z", "rrule").start
    assert start is not None
    assert _surely_fires(rule, start) is sure
    if not fires:
        with pytest.raises(NeverFiresError, match="never fires after DTSTART"):
            cadence.parse(text, "rrule")
        return
    schedule = cadence.parse(text, "rrule")
    assert schedule.rule == rule
    assert _alone(rule, schedule).next(start - timedelta(seconds=1)) is not None


def test_the_last_sunday_of_march_at_dtstarts_time_in_berlin_never_fires() -> None:
    # DTSTART itself (02:30 on 2026-03-29) is in the gap, and so is every later
    # last Sunday of March at 02:30: the reader names the rule rather than keep it.
    text = "DTSTART;TZID=Europe/Berlin:20260329T023000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"
    with pytest.raises(NeverFiresError, match="never fires after DTSTART"):
        cadence.parse(text, "rrule")
    # The same rule in New York (clocks change at 02:00 on the second Sunday of March)
    # fires every year.
    schedule = cadence.parse(text.replace(_BERLIN, "America/New_York"), "rrule")
    assert schedule.next("2026-03-01T00:00Z") == datetime.fromisoformat(
        "2026-03-29T02:30:00-04:00")


# -- found on the way: DTSTART in the last day and a half of the calendar -----------------------

# DTSTART used to be turned into an instant and back through local_of, which clamps
# instants after 9999-12-30T00:00Z (so that no zone's offset leaves datetime's range):
# from 9999-12-31 09:00 in New York, the first occurrence was 9999-12-30 09:00.
def test_a_dtstart_on_the_last_day_of_9999_is_the_first_occurrence() -> None:
    text = "DTSTART;TZID=America/New_York:99991231T090000\nRRULE:FREQ=DAILY"
    schedule = cadence.parse(text, "rrule")
    dtstart = datetime.fromisoformat("9999-12-31T09:00:00-05:00")
    assert schedule.next("9999-12-01T00:00Z") == dtstart
    assert schedule.start == dtstart
