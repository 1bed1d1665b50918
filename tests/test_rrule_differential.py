"""cadence's RRULE reader against python-dateutil on random recurrence rules.

The rules stay inside what cadence reads (see ``rrule_cases``): every FREQ, INTERVAL
1-5, BYMONTH, BYMONTHDAY (negatives too, never with WEEKLY), BYDAY with ordinals where
cadence allows them (MONTHLY, or YEARLY without BYWEEKNO: -5..5 in the month, and
-53..53 in the year when there is no BYMONTH),
the two BYSETPOS shapes cadence knows, BYYEARDAY (with YEARLY, HOURLY, MINUTELY and
SECONDLY, as RFC 5545's table allows) and BYWEEKNO (with YEARLY only, often with WKST),
small BYHOUR / BYMINUTE / BYSECOND lists, COUNT or UNTIL, WKST,
and a DTSTART in 1990-2030 (often just before or after a DST change) in one of a few
zones with interesting DST rules (Australia/Lord_Howe moves its clocks by 30 minutes),
written with TZID, floating (the zone from ``tz=``), in UTC or as a date.

How the two are made comparable:

* dateutil computes in naive wall-clock time and attaches the zone afterwards, so its
  rule is built with a NAIVE DTSTART (and a naive UNTIL on the same wall clock), and
  cadence's occurrences are compared by their wall-clock time (``replace(tzinfo=None)``).
  cadence's UNTIL is the same wall-clock time, or that time converted to UTC.
* dateutil returns wall times that a DST jump skips; RFC 5545 says they do not occur,
  and cadence does not return them. They are dropped from dateutil's list (found by a
  zoneinfo round trip). A repeated wall time is returned once by both.
* A DTSTART that falls in a DST gap is, per RFC 5545 3.3.5, the instant given by the
  offset before the gap (02:30 in New York's spring gap is 03:30 EDT); dateutil starts
  from the naive 02:30 and so also returns 03:00. Results before DTSTART's instant are
  dropped from dateutil's list as well.
* With COUNT, dateutil counts the dropped times too, while cadence counts only times
  that occur. So when something was dropped the lists are compared only up to the first
  dropped time; otherwise they must agree exactly, including their length.
* An UNTIL on a wall time that does not exist is not generated (its UTC form would
  depend on RFC 5545's gap rule, which dateutil does not apply).
* Plain and numbered weekdays are never mixed in one BYDAY: RFC 5545 lists BYDAY values
  as a union, dateutil intersects the two kinds (``BYDAY=MO,-1WE`` never fires there).
  tests/test_rrule.py has that row with cadence's (RFC) answer.
* BYWEEKNO stays within -51..51: for the days of a week that straddles New Year,
  dateutil gets weeks 52 and 53 of the year before wrong (2011-01-01 is in week 52 of
  2010, which it counts as a 53-week year) and never matches -52 or -53 in the year
  after (2025-12-29 is in week 1 = week -53 of 2026). tests/test_rrule.py has the rows.
* Rules cadence rejects as never firing are skipped; dateutil would search forever.

The first ``COUNT`` occurrences from DTSTART are compared, within a horizon of
``HORIZON_YEARS`` so that rare rules (29 February on a Monday) stay fast; rules below a
day restrict the day less, since dateutil walks slowly through days that do not match.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from hypothesis import assume, event, example, given, settings
from hypothesis import strategies as st

import cadence
from cadence.formats.rrule import emit_rrule
from cadence.schedule import Schedule

COUNT = 30
HORIZON_YEARS = 30
ZONES = ("UTC", "America/New_York", "Europe/Riga", "Australia/Lord_Howe", "Asia/Kolkata")
FREQS = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Case:
    """One rule, written for cadence (zoned) and for dateutil (naive wall clock)."""

    cadence_text: str
    dateutil_text: str
    zone: str
    tz: str | None  # parse(..., tz=) for a floating or date-only DTSTART
    start: datetime  # naive wall clock
    counted: bool


def exists(wall: datetime, zone: ZoneInfo) -> bool:
    """Whether a naive wall-clock time occurs in ``zone`` (it is not in a DST gap)."""
    instant = wall.replace(tzinfo=zone).timestamp()
    return datetime.fromtimestamp(instant, zone).replace(tzinfo=None) == wall


@cache
def transitions(zone_name: str, year: int) -> tuple[datetime, ...]:
    """The naive wall-clock minutes just before ``zone`` changes its offset in ``year``."""
    zone = ZoneInfo(zone_name)

    def offset(moment: datetime) -> timedelta | None:
        return moment.astimezone(zone).utcoffset()

    found: list[datetime] = []
    moment = datetime(year, 1, 1, tzinfo=timezone.utc)
    while moment.year == year:
        following = moment + timedelta(days=1)
        if offset(following) != offset(moment):
            for step in (timedelta(hours=1), timedelta(minutes=1)):
                while offset(moment + step) == offset(moment):
                    moment += step
            found.append(moment.astimezone(zone).replace(tzinfo=None))
        moment = following
    return tuple(found)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def small_list(low: int, high: int, *, size: int = 3) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(low, high), min_size=1, max_size=size, unique=True)


def joined(values: list[int]) -> str:
    return ",".join(str(value) for value in values)


@st.composite
def rrule_cases(draw: st.DrawFn) -> Case:
    zone_name = draw(st.sampled_from(ZONES))
    zone = ZoneInfo(zone_name)
    freq = draw(st.sampled_from(FREQS))
    start = draw(st.datetimes(datetime(1990, 1, 1), datetime(2030, 12, 31)))
    start = start.replace(microsecond=0)
    shifts = transitions(zone_name, start.year)
    near_a_change = draw(st.booleans())
    if shifts and near_a_change:  # start a little before or after a DST change
        change = draw(st.sampled_from(shifts)) + timedelta(minutes=1)
        start = change - timedelta(days=draw(st.integers(0, 3)),
                                   minutes=30 * draw(st.integers(-4, 4)))
    if draw(st.booleans()):  # whole hours hit DST transitions far more often
        start = start.replace(minute=draw(st.sampled_from((0, 30))), second=0)
    # DTSTART with TZID, floating (the zone from tz=), in UTC, or a date (midnight).
    form = draw(st.sampled_from(("TZID", "floating", "UTC", "date")))
    if form == "date":
        start = start.replace(hour=0, minute=0, second=0)
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 5))}")
    # Below a day dateutil walks slowly through days that do not match: HOURLY and
    # MINUTELY rules get at most one part that restricts the day, SECONDLY only BYDAY.
    day_parts = {"HOURLY": 1, "MINUTELY": 1, "SECONDLY": 0}.get(freq, 3)
    # BYYEARDAY with YEARLY (expanded) and the sub-daily FREQs (limited), BYWEEKNO with
    # YEARLY (and WKST below): RFC 5545's table allows nothing else.
    week_numbers = False
    if freq in ("YEARLY", "HOURLY", "MINUTELY", "SECONDLY") and draw(st.integers(0, 3)) == 0:
        days = draw(st.lists(st.integers(1, 366) | st.integers(-366, -1), min_size=1,
                             max_size=3, unique=True))
        parts.append(f"BYYEARDAY={joined(days)}")
        day_parts = max(0, day_parts - 1)
    if freq == "YEARLY" and draw(st.integers(0, 3)) == 0:
        # Weeks 52 and 53 and -52 and -53 are left out: dateutil miscounts the weeks of
        # the year before for early January, and checks only week 1 (not -52 or -53) of
        # the year after for late December. tests/test_rrule.py has RFC 5545's answers.
        weeks = draw(st.lists(st.integers(1, 51) | st.integers(-51, -1), min_size=1,
                              max_size=3, unique=True))
        parts.append(f"BYWEEKNO={joined(weeks)}")
        week_numbers = True
        day_parts -= 1
    months: list[int] = []
    if day_parts and draw(st.integers(0, 3)) == 0:
        months = draw(small_list(1, 12, size=4))
        parts.append(f"BYMONTH={joined(months)}")
        day_parts -= 1
    set_position = freq == "MONTHLY" and draw(st.integers(0, 5)) == 0
    if set_position:
        if draw(st.booleans()):
            parts.append("BYDAY=MO,TU,WE,TH,FR")
            parts.append(f"BYSETPOS={draw(st.sampled_from((1, -1)))}")
        else:
            parts.append(f"BYDAY={draw(st.sampled_from(DAYS))}")
            parts.append(f"BYSETPOS={draw(st.sampled_from((1, 2, 3, 4, 5, -1)))}")
    elif freq != "WEEKLY" and draw(st.integers(0, 7)) == 0:
        # Any BYSETPOS list: positions counted among each period's times. Not WEEKLY:
        # dateutil starts the first week at DTSTART, RFC 5545 counts in the whole week
        # (tests/test_rrule_sets.py has the row).
        reach = 366 if freq == "YEARLY" else 10
        positions = draw(st.lists(st.integers(1, reach) | st.integers(-reach, -1),
                                  min_size=1, max_size=3, unique=True))
        parts.append(f"BYSETPOS={joined(positions)}")
    if not set_position and freq != "WEEKLY" and day_parts and draw(st.integers(0, 2)) == 0:
        days = draw(st.lists(st.integers(1, 31) | st.integers(-31, -1), min_size=1,
                             max_size=3, unique=True))
        parts.append(f"BYMONTHDAY={joined(days)}")
        day_parts -= 1
    if not set_position and (day_parts or freq == "SECONDLY") and draw(
            st.integers(0, 2)) == 0:
        # Plain and numbered weekdays are never mixed in one BYDAY: dateutil ANDs the
        # two kinds (BYDAY=MO,-1WE never fires there) where RFC 5545 lists a union;
        # tests/test_rrule.py has the row.
        # RFC 5545 forbids a numbered BYDAY beside BYWEEKNO.
        ordinals = (freq in ("MONTHLY", "YEARLY") and not week_numbers) and draw(
            st.booleans())
        # Without BYMONTH a YEARLY rule counts its numbered weekdays in the whole year.
        in_year = freq == "YEARLY" and not months
        values = []
        for _ in range(draw(st.integers(1, 3))):
            code = draw(st.sampled_from(DAYS))
            if ordinals and in_year:
                code = f"{draw(st.integers(1, 53) | st.integers(-53, -1))}{code}"
            elif ordinals:
                code = f"{draw(st.sampled_from((1, 2, 3, 4, 5, -1, -2, -3, -5)))}{code}"
            values.append(code)
        parts.append(f"BYDAY={','.join(dict.fromkeys(values))}")
    for name, high, size in (("BYHOUR", 23, 3), ("BYMINUTE", 59, 3), ("BYSECOND", 59, 2)):
        if draw(st.integers(0, 2)) == 0:
            numbers = draw(small_list(0, high, size=1 if set_position else size))
            parts.append(f"{name}={joined(numbers)}")
    if draw(st.integers(0, 1 if week_numbers else 3)) == 0:
        parts.append(f"WKST={draw(st.sampled_from(DAYS))}")
    end = draw(st.integers(0, 5))
    counted = end == 0
    cadence_parts = list(parts)
    dateutil_parts = list(parts)
    if counted:
        count = draw(st.integers(1, 40))
        cadence_parts.append(f"COUNT={count}")
        dateutil_parts.append(f"COUNT={count}")
    elif end == 1:
        until = start + timedelta(seconds=draw(st.integers(0, 5 * 366 * 86400)))
        if draw(st.booleans()):  # a date-only UNTIL is midnight
            day = until.date()
            cadence_parts.append(f"UNTIL={day:%Y%m%d}")
            dateutil_parts.append(f"UNTIL={day:%Y%m%d}")
            assume(exists(datetime.combine(day, datetime.min.time()), zone))
        else:
            assume(exists(until, zone))
            dateutil_parts.append(f"UNTIL={stamp(until)}")
            if draw(st.booleans()):
                in_utc = until.replace(tzinfo=zone).astimezone(timezone.utc)
                cadence_parts.append(f"UNTIL={stamp(in_utc)}Z")
            else:
                cadence_parts.append(f"UNTIL={stamp(until)}")
    tz: str | None = None
    if form == "TZID" or (form == "UTC" and zone_name != "UTC"):
        dtstart = f"DTSTART;TZID={zone_name}:{stamp(start)}"
    elif form == "UTC":
        dtstart = f"DTSTART:{stamp(start)}Z"
    elif form == "floating":
        dtstart, tz = f"DTSTART:{stamp(start)}", zone_name
    else:
        dtstart, tz = f"DTSTART;VALUE=DATE:{start:%Y%m%d}", zone_name
    return Case(
        cadence_text=f"{dtstart}\nRRULE:{';'.join(cadence_parts)}",
        dateutil_text=f"DTSTART:{stamp(start)}\nRRULE:{';'.join(dateutil_parts)}",
        zone=zone_name,
        tz=tz,
        start=start,
        counted=counted,
    )


def dateutil_walls(case: Case, horizon: datetime) -> tuple[list[datetime], bool]:
    """dateutil's first ``COUNT`` naive results before ``horizon``, and whether that is
    all of them there (dateutil ran out or reached the horizon)."""
    rule = rrulestr(case.dateutil_text, forceset=True)
    found: list[datetime] = []
    for moment in rule:
        if moment >= horizon:
            return found, True
        if len(found) == COUNT:
            return found, False
        found.append(moment)
    return found, True


#: ``CADENCE_DIFFERENTIAL_EXAMPLES=3000`` runs the comparison at length (outside CI).
EXAMPLES = int(os.environ.get("CADENCE_DIFFERENTIAL_EXAMPLES", "200"))


@settings(max_examples=EXAMPLES, deadline=None)
@given(rrule_cases())
def test_cadence_agrees_with_dateutil_on_random_rules(case: Case) -> None:
    for part in ("BYYEARDAY", "BYWEEKNO", "BYSETPOS"):
        if part in case.cadence_text:
            event(f"with {part}")
    compare(case)


def wall_stamps(walls: list[datetime]) -> str:
    return ",".join(stamp(wall) for wall in walls)


@st.composite
def set_cases(draw: st.DrawFn) -> Case:
    """A recurrence set: a random rule, maybe a second RRULE with its own end, RDATE
    times after DTSTART, EXDATE times the rules produce, and an EXRULE, all on the same
    wall clock for dateutil (its rrulestr reads them with ``forceset=True``)."""
    base = draw(rrule_cases())
    zone = ZoneInfo(base.zone)
    cadence_lines = base.cadence_text.split("\n")
    dateutil_lines = base.dateutil_text.split("\n")
    tzid = cadence_lines[0].partition(";TZID=")[2].partition(":")[0]
    prefix = f";TZID={tzid}" if tzid else ""
    utc = cadence_lines[0].endswith("Z")

    def ours(walls: list[datetime]) -> str:
        if utc:  # a UTC DTSTART: the others in UTC too (the zone is UTC then)
            return ":" + ",".join(f"{stamp(wall)}Z" for wall in walls)
        return f"{prefix}:{wall_stamps(walls)}"

    if draw(st.booleans()):  # a second rule, ending its own way
        other = draw(rrule_cases())
        assume(other.zone == base.zone or utc)
        rule = other.dateutil_text.split("\n")[1]
        assume("DTSTART" not in rule)
        cadence_lines.append(rule)
        dateutil_lines.append(rule)
    if draw(st.booleans()):
        offsets = draw(st.lists(st.integers(1, 3 * 366 * 86400), min_size=1, max_size=3))
        walls = sorted({base.start + timedelta(seconds=offset) for offset in offsets})
        assume(all(exists(wall, zone) for wall in walls))
        cadence_lines.append("RDATE" + ours(walls))
        dateutil_lines.append("RDATE:" + wall_stamps(walls))
    if draw(st.booleans()):  # EXDATE times the first rule produces
        try:  # from cadence: dateutil searches forever when a rule never fires
            ours_first = cadence.parse(base.cadence_text, format="rrule", tz=base.tz)
        except cadence.NeverFiresError:
            ours_first = None
        assume(ours_first is not None)
        assert ours_first is not None
        assert ours_first.start is not None
        produced = [moment.replace(tzinfo=None) for moment in islice(
            ours_first.iter_after(ours_first.start - timedelta(seconds=1)), 12)]
        assume(produced)
        walls = sorted(set(draw(st.lists(st.sampled_from(produced), min_size=1, max_size=3))))
        assume(all(exists(wall, zone) for wall in walls))
        cadence_lines.append("EXDATE" + ours(walls))
        dateutil_lines.append("EXDATE:" + wall_stamps(walls))
    if draw(st.booleans()):  # EXRULE without COUNT: dateutil would count skipped times
        day = draw(st.sampled_from(DAYS))
        exrule = draw(st.sampled_from((
            f"EXRULE:FREQ=WEEKLY;BYDAY={day}", "EXRULE:FREQ=DAILY;INTERVAL=2",
            "EXRULE:FREQ=MONTHLY;BYMONTHDAY=1,-1", "EXRULE:FREQ=YEARLY;BYMONTH=2,3")))
        cadence_lines.append(exrule)
        dateutil_lines.append(exrule)
    return Case("\n".join(cadence_lines), "\n".join(dateutil_lines), base.zone, base.tz,
                base.start, counted=base.counted or "COUNT" in "".join(dateutil_lines))


@settings(max_examples=EXAMPLES, deadline=None)
@given(set_cases())
# 1998-03-29 03:00 does not occur in Riga: dateutil counts it (then its EXRULE removes
# it), cadence does not count it and goes on to 1999.
@example(Case("DTSTART;TZID=Europe/Riga:19960329T030000\nRRULE:FREQ=YEARLY;COUNT=3\n"
              "EXRULE:FREQ=DAILY;INTERVAL=2",
              "DTSTART:19960329T030000\nRRULE:FREQ=YEARLY;COUNT=3\n"
              "EXRULE:FREQ=DAILY;INTERVAL=2", "Europe/Riga", None,
              datetime(1996, 3, 29, 3, 0), True))
def test_cadence_agrees_with_dateutil_on_random_recurrence_sets(case: Case) -> None:
    for part in ("RRULE:", "RDATE", "EXDATE", "EXRULE"):
        if case.cadence_text.count(part) > (part == "RRULE:"):
            event(f"with {part.rstrip(':')}")
    compare(case)


def compare(case: Case) -> None:
    zone = ZoneInfo(case.zone)
    try:
        schedule = cadence.parse(case.cadence_text, format="rrule", tz=case.tz)
    except cadence.NeverFiresError:
        event("never fires")
        return
    assert schedule.start is not None
    horizon = case.start.replace(year=case.start.year + HORIZON_YEARS, day=1)
    try:
        ours = [moment.replace(tzinfo=None) for moment in islice(schedule.iter_after(
            schedule.start.astimezone(timezone.utc) - timedelta(seconds=1)), COUNT)]
    except cadence.ScheduleError as exc:  # an EXRULE covering its RRULE: a clear stop
        event("the exclusions cover the rules: " + str(exc).partition(" up to")[0])
        return
    ours = [moment for moment in ours if moment < horizon]
    start_instant = schedule.start.timestamp()
    walls, complete = dateutil_walls(case, horizon)
    theirs: list[datetime] = []
    dropped = False
    for wall in walls:
        if not exists(wall, zone) or wall.replace(tzinfo=zone).timestamp() < start_instant:
            dropped = True
            if case.counted:
                break  # dateutil counted it; cadence counts only times that occur
            continue
        theirs.append(wall)
    if case.counted and not dropped:
        # A counted time that does not occur, which an EXRULE or EXDATE then removed,
        # never shows in dateutil's results, but dateutil counted it: only what comes
        # before it can be compared.
        gap = _first_counted_gap(case, zone, horizon)
        if gap is not None:
            dropped = True
            theirs = [wall for wall in theirs if wall < gap]
            ours = [moment for moment in ours if moment < gap]
    if dropped:
        event("dateutil returned times that do not occur")
    if complete and not (dropped and case.counted):
        assert ours == theirs, case.cadence_text
    else:
        assert ours[:len(theirs)] == theirs, case.cadence_text


def _first_counted_gap(case: Case, zone: ZoneInfo, horizon: datetime) -> datetime | None:
    """The first time the rules alone (without EXRULE and EXDATE) give that does not
    occur in ``zone``, before ``horizon``."""
    rules_only = "\n".join(line for line in case.dateutil_text.split("\n")
                           if not line.startswith(("EXRULE", "EXDATE")))
    moment: datetime
    for moment in islice(rrulestr(rules_only, forceset=True), COUNT):
        if moment >= horizon:
            return None
        if not exists(moment, zone):
            return moment
    return None


def test_a_gap_time_is_dropped_from_dateutil_and_absent_from_cadence() -> None:
    """The comparison's premise, on New York's 2026-03-08 gap (02:00 -> 03:00)."""
    text = "RRULE:FREQ=HOURLY;COUNT=4"
    theirs = list(rrulestr(f"DTSTART:20260308T010000\n{text}"))
    zone = ZoneInfo("America/New_York")
    assert [exists(wall, zone) for wall in theirs] == [True, False, True, True]
    ours = cadence.parse(f"DTSTART;TZID=America/New_York:20260308T010000\n{text}")
    assert [t.isoformat() for t in ours.iter_after(date(2026, 3, 7).isoformat())] == [
        "2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00",
        "2026-03-08T04:00:00-04:00", "2026-03-08T05:00:00-04:00"]


@settings(max_examples=100, deadline=None)
@given(rrule_cases() | set_cases())
def test_a_rule_written_anew_reads_back_to_the_same_times(case: Case) -> None:
    """Not against dateutil: the same random rules through emit_rrule's general path (the
    schedule is given another format so that its text is not simply kept)."""
    try:
        schedule = cadence.parse(case.cadence_text, format="rrule", tz=case.tz)
    except cadence.NeverFiresError:
        return
    generic = Schedule(schedule.recurrence.with_rules(schedule.rules, format="cron",
                                                      source=""))
    try:
        text = emit_rrule(generic)
    except cadence.UnsupportedError:
        event("cannot be written")
        return
    back = cadence.parse(text, format="rrule")
    # Both may also refuse alike: an EXRULE that removes every occurrence (a weekly rule
    # from a Thursday without its Thursdays) stops the walk with the same error.
    assert _first_times(back) == _first_times(schedule), text
    assert back == schedule, text


def _first_times(schedule: Schedule) -> list[datetime] | str:
    """The first COUNT occurrences after 1980, or the error that stopped the walk."""
    try:
        return list(islice(schedule.iter_after("1980-01-01T00:00Z"), COUNT))
    except cadence.ScheduleError as exc:
        return f"refused: {exc}"
