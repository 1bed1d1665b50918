"""Writing SailPoint campaign schedules: kept payloads, canonical payloads, every refusal."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import assume, given, reject, settings
from hypothesis import strategies as st

import cadence
from cadence._zones import resolve_zone, zone_name
from cadence.errors import NeverFiresError, UnsupportedError
from cadence.formats.campaign import check, emit_campaign
from cadence.ir import Period, Rule
from cadence.schedule import Schedule

JSON = dict[str, Any]


def sel(*values: str, interval: int | None = None) -> JSON:
    selector: JSON = {"type": "LIST", "values": list(values)}
    if interval is not None:
        selector["interval"] = interval
    return selector


def rng(start: str, end: str, interval: int | None = None) -> JSON:
    selector: JSON = {"type": "RANGE", "values": [start, end]}
    if interval is not None:
        selector["interval"] = interval
    return selector


def campaign(payload: object, tz: str | None = None) -> Schedule:
    return cadence.parse(payload, format="campaign", tz=tz)


def from_ir(schedule: Schedule) -> Schedule:
    """The same meaning, forgotten where it came from: the emitter must build a payload."""
    return Schedule(schedule.rules, schedule.tz, format="ir", source="", start=schedule.start,
                    end=schedule.end)


def ir(rules: Rule | Iterable[Rule], *, tz: Any = "UTC", start: str | None = None,
       end: str | datetime | None = None) -> Schedule:
    chosen = [rules] if isinstance(rules, Rule) else list(rules)
    return Schedule(chosen, resolve_zone(tz), format="ir", source="", start=start, end=end)


def rule(cron: str) -> Rule:
    return cadence.parse(cron).rule


def dst_blind(rules: Iterable[Rule]) -> frozenset[Rule]:
    return frozenset(replace(r, fixed_time=True, skip_gaps=False, second_pass=False) for r in rules)


def reads_back(payload: JSON, schedule: Schedule) -> None:
    """``payload`` is plain JSON and parses to ``schedule``'s rules, zone and bounds."""
    assert json.loads(json.dumps(payload)) == payload
    again = campaign(payload)
    assert dst_blind(again.rules) == dst_blind(schedule.rules)
    assert zone_name(again.tz) == zone_name(schedule.tz)
    assert again == Schedule(list(dst_blind(schedule.rules)), schedule.tz, format="ir", source="",
                             start=schedule.start, end=schedule.end)


# -- payloads read from campaign come back as they were ---------------------------------------

OFFICIAL = [
    {"type": "MONTHLY", "hours": sel("17"), "days": sel("15")},
    {"type": "ANNUALLY", "hours": sel("0"), "days": sel("--01-01")},
    {"type": "ANNUALLY", "hours": sel("1"), "days": sel("1"), "months": sel("1", interval=3)},
    {"type": "ANNUALLY", "hours": sel("1"), "days": sel("--03-12", "--12-05")},
    {"type": "CALENDAR", "hours": sel("1"), "days": sel("2020-02-18")},
]


@pytest.mark.parametrize("payload", OFFICIAL)
def test_each_official_example_comes_back_as_the_identical_payload(payload: JSON) -> None:
    assert emit_campaign(campaign(payload)) == payload
    assert emit_campaign(campaign(json.dumps(payload))) == payload


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "WEEKLY", "hours": rng("9", "5"), "days": sel("2"), "timeZoneId": "CST"},
        {"type": "MONTHLY", "hours": {"type": "LIST", "values": [8], "interval": 3},
         "days": rng("20", "L"), "expiration": "2027-12-31"},
        {"type": "ANNUALLY", "hours": sel("08"), "days": sel("--02-29"), "months": None},
    ],
)
def test_a_payload_with_warnings_or_odd_spellings_is_kept_as_written(payload: JSON) -> None:
    assert emit_campaign(campaign(payload)) == payload


def test_a_payload_read_in_a_tz_zone_gets_that_zone_written_in() -> None:
    payload = OFFICIAL[0]
    emitted = emit_campaign(campaign(payload, tz="Asia/Kolkata"))
    assert emitted == {**payload, "timeZoneId": "Asia/Kolkata"}


def test_a_changed_meaning_is_written_from_the_ir_not_from_the_old_payload() -> None:
    read = campaign(OFFICIAL[0])
    changed = Schedule(replace(read.rule, hours=(6, 18)), read.tz, format="campaign",
                       source=read.source, metadata=read.metadata)
    assert emit_campaign(changed) == {"type": "MONTHLY", "days": sel("15"),
                                      "hours": sel("6", "18")}


# -- canonical payloads built from the IR ------------------------------------------------------

CANONICAL: list[tuple[str, Callable[[], Schedule], JSON]] = [
    ("monthly example", lambda: from_ir(campaign(OFFICIAL[0])),
     {"type": "MONTHLY", "days": sel("15"), "hours": sel("17")}),
    ("new year", lambda: from_ir(campaign(OFFICIAL[1])),
     {"type": "ANNUALLY", "months": sel("1"), "days": sel("1"), "hours": sel("0")}),
    ("quarterly", lambda: from_ir(campaign(OFFICIAL[2])),
     {"type": "ANNUALLY", "months": sel("1", interval=3), "days": sel("1"), "hours": sel("1")}),
    ("two dates", lambda: from_ir(campaign(OFFICIAL[3])),
     {"type": "ANNUALLY", "days": sel("--03-12", "--12-05"), "hours": sel("1")}),
    ("calendar", lambda: from_ir(campaign(OFFICIAL[4])),
     {"type": "CALENDAR", "days": sel("2020-02-18"), "hours": sel("1")}),
    ("cron day 15", lambda: cadence.parse("0 17 15 * *"),
     {"type": "MONTHLY", "days": sel("15"), "hours": sel("17")}),
    ("cron every 3 hours", lambda: cadence.parse("0 */3 * * *"),
     {"type": "WEEKLY", "days": rng("1", "7"), "hours": sel("0", interval=3)}),
    ("cron weekdays", lambda: cadence.parse("0 9 * * MON-FRI"),
     {"type": "WEEKLY", "days": rng("2", "6"), "hours": sel("9")}),
    ("cron weekend", lambda: cadence.parse("0 0 * * 6,0"),
     {"type": "WEEKLY", "days": sel("1", "7"), "hours": sel("0")}),
    ("cron last day", lambda: cadence.parse("0 0 L * *"),
     {"type": "MONTHLY", "days": sel("L"), "hours": sel("0")}),
    ("cron days from the end", lambda: cadence.parse("0 9 1,15,L-2,L * *"),
     {"type": "MONTHLY", "days": sel("1", "15", "L-2", "L"), "hours": sel("9")}),
    ("cron odd days", lambda: cadence.parse("0 9 */2 * *"),
     {"type": "MONTHLY", "days": sel("1", interval=2), "hours": sel("9")}),
    ("cron day range", lambda: cadence.parse("0 9 20-31 * *"),
     {"type": "MONTHLY", "days": rng("20", "31"), "hours": sel("9")}),
    ("cron yearly", lambda: cadence.parse("@yearly"),
     {"type": "ANNUALLY", "months": sel("1"), "days": sel("1"), "hours": sel("0")}),
    ("cron summer every day", lambda: cadence.parse("0 9 * 6-8 *"),
     {"type": "ANNUALLY", "months": rng("6", "8"), "days": rng("1", "31"), "hours": sel("9")}),
    ("cron stepped hours", lambda: cadence.parse("0 9-17/2 * * *"),
     {"type": "WEEKLY", "days": rng("1", "7"), "hours": rng("9", "17", 2)}),
    ("cron hourly", lambda: cadence.parse("@hourly"),
     {"type": "WEEKLY", "days": rng("1", "7"), "hours": rng("0", "23")}),
    ("quartz year date", lambda: cadence.parse("0 0 1 1,2 3 ? 2027"),
     {"type": "CALENDAR", "days": sel("2027-03-01", "2027-03-02"), "hours": sel("1")}),
    ("cron in Chicago", lambda: cadence.parse("0 9 * * *", tz="America/Chicago"),
     {"type": "WEEKLY", "days": rng("1", "7"), "hours": sel("9"),
      "timeZoneId": "America/Chicago"}),
    # Issue 10: every name of UTC is UTC, the campaign default, which needs no timeZoneId.
    ("an alias of UTC is UTC", lambda: cadence.parse("0 9 1 * *", tz="Etc/UTC"),
     {"type": "MONTHLY", "days": sel("1"), "hours": sel("9")}),
    ("a Java short id is written as its IANA zone",
     lambda: from_ir(campaign({**OFFICIAL[0], "timeZoneId": "CST"})),
     {"type": "MONTHLY", "days": sel("15"), "hours": sel("17"),
      "timeZoneId": "America/Chicago"}),
    # The IR's end is exclusive, an expiration the last second that may fire (seed 004).
    ("an end bound", lambda: ir(rule("0 9 1 * *"), end="2027-12-31T00:00:00+00:00"),
     {"type": "MONTHLY", "days": sel("1"), "hours": sel("9"),
      "expiration": "2027-12-30T23:59:59+00:00"}),
    ("an end bound with a fraction of a second",
     lambda: ir(rule("0 9 1 * *"), end="2027-12-31T00:00:00.5+00:00"),
     {"type": "MONTHLY", "days": sel("1"), "hours": sel("9"),
      "expiration": "2027-12-31T00:00:00+00:00"}),
    ("a naive end bound is wall-clock time in the zone",
     lambda: ir(rule("0 9 1 * *"), tz="Europe/Berlin", end="2027-12-31T00:00:00"),
     {"type": "MONTHLY", "days": sel("1"), "hours": sel("9"),
      "expiration": "2027-12-30T23:59:59", "timeZoneId": "Europe/Berlin"}),
    ("a naive end in the second pass of a repeated hour gets its offset",
     lambda: ir(rule("0 9 1 * *"), tz="America/Chicago",
                end=datetime(2026, 11, 1, 1, 30, fold=1)),
     {"type": "MONTHLY", "days": sel("1"), "hours": sel("9"),
      "expiration": "2026-11-01T01:29:59-06:00", "timeZoneId": "America/Chicago"}),
    ("a RANGE to L-1 is one rule per month length",
     lambda: from_ir(campaign({"type": "MONTHLY", "hours": sel("1"),
                               "days": rng("20", "L-1")})),
     {"type": "MONTHLY", "days": rng("20", "L-1"), "hours": sel("1")}),
    ("a RANGE to L-1 in some months",
     lambda: from_ir(campaign({"type": "ANNUALLY", "hours": sel("1"), "months": sel("1", "2"),
                               "days": rng("10", "L-1")})),
     {"type": "ANNUALLY", "months": sel("1", "2"), "days": rng("10", "L-1"),
      "hours": sel("1")}),
    ("a union of plain days, one month each, is a list of dates",
     lambda: from_ir(campaign({"type": "ANNUALLY", "hours": sel("1"), "months": sel("4", "5"),
                               "days": rng("29", "L-1")})),
     {"type": "ANNUALLY", "days": sel("--04-29", "--05-29", "--05-30"), "hours": sel("1")}),
    ("a wrapping day RANGE keeps its wrap only when nothing else says it",
     lambda: from_ir(campaign({"type": "MONTHLY", "hours": sel("1"),
                               "days": rng("L", "5")})),
     {"type": "MONTHLY", "days": sel("1", "2", "3", "4", "5", "L"), "hours": sel("1")}),
]


@pytest.mark.parametrize(("name", "build", "expected"), CANONICAL,
                         ids=[case[0] for case in CANONICAL])
def test_a_schedule_from_elsewhere_gets_the_canonical_payload(
    name: str, build: Callable[[], Schedule], expected: JSON
) -> None:
    schedule = build()
    payload = emit_campaign(schedule)
    assert payload == expected
    reads_back(payload, schedule)
    assert [p.code for p in check(payload).problems if p.code == "RANGE_WRAPS"] == []


def test_a_fixed_time_payload_is_written_for_a_cron_string_that_is_not() -> None:
    schedule = cadence.parse("0 */3 * * *")
    assert not schedule.rule.fixed_time
    assert campaign(emit_campaign(schedule)).rule.fixed_time


# -- what a campaign payload cannot say ---------------------------------------------------------

UNSUPPORTED: list[tuple[str, Callable[[], Schedule], str]] = [
    ("minutes", lambda: cadence.parse("30 9 * * *"),
     "campaign: minutes other than 0 cannot be expressed (minute 30)"),
    ("several minutes", lambda: cadence.parse("*/15 9 * * *"),
     "campaign: minutes other than 0 cannot be expressed (minutes 0-45/15)"),
    ("seconds", lambda: cadence.parse("30 0 9 * * ?"),
     "campaign: seconds other than 0 cannot be expressed (second 30)"),
    ("nearest weekday", lambda: cadence.parse("0 9 15W * *"),
     "campaign: the weekday nearest a day of the month cannot be expressed (15W)"),
    ("last weekday", lambda: cadence.parse("0 9 LW * *"),
     "campaign: the last weekday of the month cannot be expressed (LW)"),
    ("nth weekday", lambda: cadence.parse("0 9 * * MON#2"),
     "campaign: nth weekdays of the month cannot be expressed (the 2nd Monday)"),
    ("last friday", lambda: cadence.parse("0 9 * * 5L"),
     "campaign: last weekdays of the month cannot be expressed (the last Friday)"),
    ("days or weekdays", lambda: cadence.parse("0 9 1,L * MON"),
     "campaign: days of the month OR weekdays cannot be expressed (days 1, L or Monday)"),
    ("days and weekdays", lambda: cadence.parse("0 9 */2 * MON"),
     "campaign: weekdays combined with days of the month cannot be expressed "
     "(days 1-31/2 and Monday)"),
    ("weekdays in some months", lambda: cadence.parse("0 9 * 6-8 MON"),
     "campaign: weekdays in some months only cannot be expressed (months 6-8); "
     "months are valid for ANNUALLY schedules only"),
    ("a year every month", lambda: cadence.parse("0 0 9 1 * ? 2027"),
     "campaign: years cannot be expressed (2027) except as CALENDAR dates: one year, one "
     "month and days of the month per rule"),
    ("several years", lambda: cadence.parse("0 0 9 1 1 ? 2027-2029"),
     "campaign: years cannot be expressed (2027-2029) except as CALENDAR dates: one year, "
     "one month and days of the month per rule"),
    ("a window", lambda: cadence.parse("0 9 * * *").with_duration(timedelta(hours=8)),
     "campaign: windows cannot be expressed (occurrences lasting 8 hours)"),
    ("excluded dates",
     lambda: ir(replace(rule("0 9 * * *"), excluded_dates=(date(2026, 12, 25),))),
     "campaign: excluded dates cannot be expressed (2026-12-25)"),
    ("an anchored period",
     lambda: ir(replace(rule("0 9 * * MON"), period=Period("week", 2, 0))),
     "campaign: an anchored period cannot be expressed (every 2 weeks)"),
    ("a start bound", lambda: ir(rule("0 9 * * *"), start="2026-01-01T00:00Z"),
     "campaign: a start bound cannot be expressed (2026-01-01T00:00:00+00:00); a campaign "
     "schedule has an expiration only"),
    ("different hours", lambda: ir([rule("0 9 1 1 *"), rule("0 17 1 2 *")]),
     "campaign: a union of rules with different hours cannot be expressed "
     "(hour 9 and hour 17)"),
    ("a union no payload makes", lambda: ir([rule("0 9 1 * *"), rule("0 9 L * *")]),
     "campaign: a union of 2 rules cannot be expressed; a payload selects one set of days of "
     "the month (one per month length for a RANGE ending at L-n) or a list of dates"),
    ("years and no years", lambda: ir([rule("0 9 1 1 *"), cadence.parse("0 0 9 1 2 ? 2027").rule]),
     "campaign: a union of rules with and without years cannot be expressed"),
    ("an offset zone", lambda: ir(rule("0 9 * * *"), tz=timezone(timedelta(hours=5))),
     "campaign: the time zone 'UTC+05:00' cannot be expressed; timeZoneId takes an IANA name "
     "(or a Java short id)"),
    ("an IANA name that is a Java short id", lambda: ir(rule("0 9 * * *"), tz="EST"),
     "campaign: the time zone EST cannot be expressed; timeZoneId 'EST' is read as Java's "
     "short id for -05:00"),
    ("an end before the only date",
     lambda: ir(campaign(OFFICIAL[4]).rules, end="2020-01-01T00:00Z"),
     "campaign: this schedule cannot be expressed exactly: the payload written for it is not "
     "valid (/expiration: the schedule has no occurrence at or before its expiration "
     "2019-12-31T23:59:59+00:00; move the expiration later)"),
]


@pytest.mark.parametrize(("name", "build", "message"), UNSUPPORTED,
                         ids=[case[0] for case in UNSUPPORTED])
def test_what_a_payload_cannot_say_is_refused_with_its_feature_and_value(
    name: str, build: Callable[[], Schedule], message: str
) -> None:
    with pytest.raises(UnsupportedError) as caught:
        emit_campaign(build())
    assert str(caught.value) == message
    assert caught.value.target == "campaign"


def test_a_cron_string_with_minutes_is_refused() -> None:
    with pytest.raises(UnsupportedError, match=r"^campaign: minutes other than 0 cannot be "
                       r"expressed \(minute 30\)$"):
        emit_campaign(cadence.parse("30 9 * * *"))


def test_a_changed_campaign_schedule_is_refused_when_the_change_cannot_be_said() -> None:
    with pytest.raises(UnsupportedError, match="windows cannot be expressed"):
        emit_campaign(campaign(OFFICIAL[0]).with_duration(timedelta(hours=1)))


# -- properties ---------------------------------------------------------------------------------


def numbers(low: int, high: int) -> st.SearchStrategy[JSON]:
    one = st.integers(low, high)
    lists = st.lists(one, min_size=1, max_size=4, unique=True).map(
        lambda values: sel(*map(str, values)))
    stepped = st.tuples(one, st.integers(1, 5)).map(lambda t: sel(str(t[0]), interval=t[1]))
    ranges = st.tuples(one, one, st.none() | st.integers(1, 4)).map(
        lambda t: rng(str(t[0]), str(t[1]), t[2]))
    return lists | stepped | ranges


DAY = (st.integers(1, 31).map(str) | st.just("L")
       | st.integers(1, 30).map(lambda offset: f"L-{offset}"))
DAYS = (st.lists(DAY, min_size=1, max_size=4, unique=True).map(lambda values: sel(*values))
        | st.tuples(DAY, st.integers(1, 7)).map(lambda t: sel(t[0], interval=t[1]))
        | st.tuples(DAY, DAY, st.none() | st.integers(1, 7)).map(lambda t: rng(*t)))
ANNUAL_DATES = st.lists(st.dates(date(2000, 1, 1), date(2000, 12, 31)), min_size=1, max_size=4,
                        unique=True).map(lambda days: sel(*(d.strftime("--%m-%d") for d in days)))
CALENDAR_DATES = st.lists(st.dates(date(2020, 1, 1), date(2031, 12, 31)), min_size=1,
                          max_size=4, unique=True).map(
    lambda days: sel(*(d.isoformat() for d in days)))


@st.composite
def payloads(draw: st.DrawFn) -> JSON:
    """Campaign payloads, nearly all valid (some day RANGEs and months are rejected)."""
    kind = draw(st.sampled_from(["WEEKLY", "MONTHLY", "ANNUALLY", "DATES", "CALENDAR"]))
    body: JSON = {"hours": draw(numbers(0, 23))}
    if kind == "WEEKLY":
        body.update(type="WEEKLY", days=draw(numbers(1, 7)))
    elif kind == "MONTHLY":
        body.update(type="MONTHLY", days=draw(DAYS))
    elif kind == "ANNUALLY":
        body.update(type="ANNUALLY", months=draw(numbers(1, 12)), days=draw(DAYS))
    elif kind == "DATES":
        body.update(type="ANNUALLY", days=draw(ANNUAL_DATES))
    else:
        body.update(type="CALENDAR", days=draw(CALENDAR_DATES))
    zone = draw(st.sampled_from([None, "CST", "EST", "UTC", "Europe/Berlin", "Asia/Kolkata"]))
    if zone is not None:
        body["timeZoneId"] = zone
    expiration = draw(st.sampled_from([None, "2032-01-01T00:00:00Z", "2033-06-30T12:30:00",
                                       "2034-03-01T09:00:00+05:30", "2035-01-01"]))
    if expiration is not None:
        body["expiration"] = expiration
    return body


@settings(max_examples=150)
@given(payloads())
def test_every_payload_the_parser_reads_can_be_written_back(body: JSON) -> None:
    checked = check(body)
    assume(checked.schedule is not None)
    assert checked.schedule is not None
    schedule = checked.schedule
    assert campaign(emit_campaign(schedule)) == schedule
    rebuilt = from_ir(schedule)
    payload = emit_campaign(rebuilt)
    reads_back(payload, rebuilt)
    # The canonical payload warns only where the rules themselves call for it.
    warned = {p.code for p in checked.problems}
    assert {p.code for p in check(payload).problems} <= warned


CRON = st.tuples(
    st.sampled_from(["0", "0", "30", "*/15"]),
    st.sampled_from(["9", "*/3", "*", "8-17/3", "22-2", "0,12"]),
    st.sampled_from(["*", "*", "1", "15", "L", "L-2", "1,15", "*/2", "15W", "LW", "20-31", "31"]),
    st.sampled_from(["*", "*", "1", "*/3", "6-8", "2", "1,7"]),
    st.sampled_from(["*", "*", "MON-FRI", "0,6", "MON#2", "5L", "1"]),
).map(" ".join)


@settings(max_examples=150)
@given(CRON, st.sampled_from(["UTC", "Europe/Berlin", "America/Chicago"]))
def test_a_cron_string_is_refused_or_written_with_the_same_meaning(text: str, tz: str) -> None:
    try:
        schedule = cadence.parse(text, tz=tz)
    except NeverFiresError:
        reject()
    payload = attempt(schedule)
    if isinstance(payload, UnsupportedError):
        assert str(payload).startswith("campaign: ")
        assert " cannot be expressed" in str(payload)
        return
    reads_back(payload, schedule)


def attempt(schedule: Schedule) -> JSON | UnsupportedError:
    try:
        return emit_campaign(schedule)
    except UnsupportedError as exc:
        return exc
