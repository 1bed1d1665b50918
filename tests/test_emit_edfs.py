"""Writing iTwin EDFS timers: kept timers, cronStr from the IR, every refusal."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import cadence
from cadence._zones import resolve_zone, zone_name
from cadence.errors import NeverFiresError, UnsupportedError
from cadence.formats._readback import policy_free_rules
from cadence.formats.edfs import emit_edfs, timer_name
from cadence.ir import Period, Rule
from cadence.schedule import Schedule

JSON = dict[str, Any]

SEED_TIMER: JSON = {
    "id": "00000000-0000-0000-0000-000000000000",
    "name": "SAP_WORK_ORDERS at 00:00 on Saturday and Sunday",
    "packageUniqueName": "SAP_WORK_ORDERS",
    "cronStr": "0 0 * * 6,0",
    "enabled": True,
    "parameters": [{"name": "Parameter", "value": "Value"}],
}
CAMPAIGN_DATES: JSON = {"type": "ANNUALLY", "hours": {"type": "LIST", "values": ["1"]},
                        "days": {"type": "LIST", "values": ["--03-12", "--12-05"]}}


def timer(payload: object, tz: str | None = None) -> Schedule:
    return cadence.parse(payload, format="edfs", tz=tz)


def ir(rules: Rule | Iterable[Rule], *, tz: str = "UTC", start: str | None = None,
       end: str | None = None) -> Schedule:
    chosen = [rules] if isinstance(rules, Rule) else list(rules)
    return Schedule(chosen, resolve_zone(tz), format="ir", source="", start=start, end=end)


def rule(cron: str) -> Rule:
    return cadence.parse(cron).rule


def dst_blind(rules: Iterable[Rule]) -> frozenset[Rule]:
    return frozenset(replace(r, fixed_time=True, skip_gaps=False, second_pass=False) for r in rules)


# -- timers read from EDFS come back as they were ------------------------------------------------


@pytest.mark.parametrize("cron", ["0 0 * * 6,0", "15 14 1 * *", "0 22 * * 1-5"])
def test_each_documented_timer_comes_back_as_the_identical_payload(cron: str) -> None:
    payload = {**SEED_TIMER, "cronStr": cron}
    assert emit_edfs(timer(payload)) == payload
    assert emit_edfs(timer(json.dumps(payload))) == payload


def test_a_minimal_timer_comes_back_without_fields_it_did_not_have() -> None:
    assert emit_edfs(timer({"cronStr": "@daily", "enabled": None})) == {
        "cronStr": "@daily", "enabled": None}


def test_a_changed_timer_keeps_its_fields_and_gets_a_new_cron_string() -> None:
    read = timer(SEED_TIMER)
    changed = Schedule(replace(read.rule, hours=(6,)), read.tz, format="edfs",
                       source=read.source, metadata=read.metadata)
    emitted = emit_edfs(changed)
    assert emitted == {**SEED_TIMER, "cronStr": "0 6 * * 0,6"}
    emitted["parameters"][0]["value"] = "changed"
    assert read.metadata["parameters"] == ({"name": "Parameter", "value": "Value"},)  # read-only


# -- cronStr written from the IR ----------------------------------------------------------------

CANONICAL: list[tuple[str, Callable[[], Schedule], JSON]] = [
    ("a cron string keeps its spelling", lambda: cadence.parse("0 22 * * MON-FRI"),
     {"name": "Timer at 22:00 on every day-of-week from Monday through Friday",
      "cronStr": "0 22 * * MON-FRI"}),
    ("a macro keeps its spelling", lambda: cadence.parse("@weekly"),
     {"name": "Timer at 00:00 on Sunday", "cronStr": "@weekly"}),
    ("a CRON_TZ=UTC prefix is dropped", lambda: cadence.parse("CRON_TZ=UTC 0 9 * * *"),
     {"name": "Timer at 09:00", "cronStr": "0 9 * * *"}),
    ("an alias of UTC is UTC", lambda: cadence.parse("0 9 * * *", tz="Etc/UTC"),
     {"name": "Timer at 09:00", "cronStr": "0 9 * * *"}),
    ("a Quartz string becomes cron", lambda: cadence.parse("0 0 9 ? * 2#2"),
     {"name": "Timer at 09:00 on the 2nd Monday of the month",
      "cronStr": "0 9 * * 1#2"}),
    ("a Quartz step", lambda: cadence.parse("0 */5 * * * ?"), {"name": "Timer at every 5th minute",
                                                       "cronStr": "*/5 * * * *"}),
    ("a campaign payload in UTC",
     lambda: cadence.parse({"type": "MONTHLY", "hours": {"type": "LIST", "values": ["17"]},
                            "days": {"type": "LIST", "values": ["15"]}}, format="campaign"),
     {"name": "Timer at 17:00 on day-of-month 15", "cronStr": "0 17 15 * *"}),
    ("day-of-month AND day-of-week", lambda: cadence.parse("0 9 1-10 * */2", day_match="and"),
     {"name": "Timer at 09:00 on every day-of-month from 1 through 10 if it's on Tuesday, "
              "Thursday, Saturday, and Sunday", "cronStr": "0 9 1-10 * */2"}),
    ("a rule from the IR", lambda: ir(Rule(seconds=(0,), minutes=(0, 30), hours=(8, 20))),
     {"name": "Timer at minute 0 and 30 past hour 8 and 20", "cronStr": "0,30 8,20 * * *"}),
    ("an EDFS timer read with tz=UTC keeps its fields",
     lambda: timer(SEED_TIMER, tz="Etc/UTC"), SEED_TIMER),
]


@pytest.mark.parametrize(("name", "build", "expected"), CANONICAL,
                         ids=[case[0] for case in CANONICAL])
def test_a_schedule_from_elsewhere_gets_a_timer_with_its_cron_string(
    name: str, build: Callable[[], Schedule], expected: JSON
) -> None:
    schedule = build()
    payload = emit_edfs(schedule)
    assert payload == expected
    assert json.loads(json.dumps(payload)) == payload
    again = timer(payload)
    # In UTC the DST policy changes nothing (a Quartz source keeps Quartz's).
    assert policy_free_rules(again.rules) == policy_free_rules(schedule.rules)
    assert zone_name(again.tz) == "UTC"


def test_a_dst_policy_cron_cannot_say_is_written_fixed_time() -> None:
    loose = replace(rule("0 9 * * *"), fixed_time=False)
    payload = emit_edfs(ir(loose))
    assert payload == {"name": "Timer at 09:00", "cronStr": "0 9 * * *"}
    assert dst_blind(timer(payload).rules) == dst_blind([loose])


def test_a_dst_policy_cron_can_say_is_kept() -> None:
    schedule = cadence.parse("0 */3 * * *")
    assert emit_edfs(ir(schedule.rule)) == {"name": "Timer at minute 0 past every 3rd hour",
                                            "cronStr": "0 */3 * * *"}
    assert not timer(emit_edfs(schedule)).rule.fixed_time


# -- what a timer cannot say --------------------------------------------------------------------

UNSUPPORTED: list[tuple[str, Callable[[], Schedule], str]] = [
    ("a zone", lambda: cadence.parse("0 9 * * *", tz="Europe/Berlin"),
     "edfs: the time zone Europe/Berlin cannot be expressed; EDFS timers run in UTC "
     "(CRON_TZ= is rejected)"),
    ("a timer read in a zone", lambda: timer(SEED_TIMER, tz="Europe/Riga"),
     "edfs: the time zone Europe/Riga cannot be expressed; EDFS timers run in UTC "
     "(CRON_TZ= is rejected)"),
    ("a campaign in CST",
     lambda: cadence.parse({**CAMPAIGN_DATES, "timeZoneId": "CST"}, format="campaign"),
     "edfs: the time zone America/Chicago cannot be expressed; EDFS timers run in UTC "
     "(CRON_TZ= is rejected)"),
    ("seconds", lambda: cadence.parse("30 0 9 * * ?"),
     "edfs: seconds cannot be expressed (second 30); cron fires at second 0"),
    ("years", lambda: cadence.parse("0 0 9 * * ? 2027"),
     "edfs: years cannot be expressed (2027)"),
    ("a union", lambda: cadence.parse(CAMPAIGN_DATES, format="campaign"),
     "edfs: a union of 2 rules cannot be expressed; a timer has one cron string"),
    ("an end bound",
     lambda: cadence.parse({**CAMPAIGN_DATES, "expiration": "2030-01-01T00:00Z"},
                           format="campaign"),
     # the IR's end is exclusive: one second after the (inclusive) expiration
     "edfs: an end bound cannot be expressed (2030-01-01T00:00:01+00:00)"),
    ("a start bound", lambda: ir(rule("0 9 * * *"), start="2026-01-01T00:00Z"),
     "edfs: a start bound cannot be expressed (2026-01-01T00:00:00+00:00)"),
    ("a window", lambda: cadence.parse("0 9 * * *").with_duration(timedelta(minutes=90)),
     "edfs: windows cannot be expressed (occurrences lasting 1 hour 30 minutes)"),
    ("excluded dates",
     lambda: ir(replace(rule("0 9 * * *"), excluded_dates=(date(2026, 12, 25),))),
     "edfs: excluded dates cannot be expressed (2026-12-25)"),
    ("an anchored period",
     lambda: ir(replace(rule("0 9 * * MON"), period=Period("week", 2, 0))),
     "edfs: an anchored period cannot be expressed (every 2 weeks)"),
    ("day-of-month AND day-of-week", lambda: cadence.parse("0 9 1-10 * MON", day_match="and"),
     "edfs: day-of-month '1-10' AND day-of-week '1' cannot be expressed; cron combines two "
     "restricted day fields with OR unless one starts with '*'"),
]


@pytest.mark.parametrize(("name", "build", "message"), UNSUPPORTED,
                         ids=[case[0] for case in UNSUPPORTED])
def test_what_a_timer_cannot_say_is_refused_with_its_feature_and_value(
    name: str, build: Callable[[], Schedule], message: str
) -> None:
    with pytest.raises(UnsupportedError) as caught:
        emit_edfs(build())
    assert str(caught.value) == message
    assert caught.value.target == "edfs"


# -- properties ---------------------------------------------------------------------------------

CRON = st.tuples(
    st.sampled_from(["0", "*/15", "5,35", "*", "0-30/10"]),
    st.sampled_from(["9", "*/3", "*", "8-17/3", "22-2", "0,12"]),
    st.sampled_from(["*", "1", "15", "L", "L-2", "1,15", "*/2", "15W", "LW", "20-31", "?"]),
    st.sampled_from(["*", "1", "*/3", "6-8", "FEB", "1,7"]),
    st.sampled_from(["*", "MON-FRI", "0,6", "MON#2", "5L", "1", "*/2"]),
).map(" ".join)
QUARTZ = st.tuples(
    st.sampled_from(["0", "30"]),
    st.sampled_from(["0", "*/15"]),
    st.sampled_from(["9", "*/3"]),
    st.sampled_from([("?", "MON-FRI"), ("15", "?"), ("L", "?"), ("?", "6#3"), ("*", "?")]),
    st.sampled_from(["*", "1-6"]),
    st.sampled_from(["", " 2027"]),
).map(lambda t: f"{t[0]} {t[1]} {t[2]} {t[3][0]} {t[4]} {t[3][1]}{t[5]}")


@settings(max_examples=150)
@given(CRON)
def test_every_cron_string_in_utc_is_written_with_exactly_its_meaning(text: str) -> None:
    try:
        schedule = cadence.parse(text, format="cron")
    except NeverFiresError:
        reject()
    payload = emit_edfs(schedule)
    assert timer(payload).rules == schedule.rules
    assert payload == {"name": timer_name("Timer", text), "cronStr": text}


@settings(max_examples=150)
@given(CRON | QUARTZ, st.sampled_from(["UTC", "UTC", "Europe/Berlin"]),
       st.sampled_from([None, timedelta(hours=1)]))
def test_a_schedule_is_refused_or_written_with_the_same_meaning(
    text: str, tz: str, duration: timedelta | None
) -> None:
    try:
        parsed = cadence.parse(text, tz=tz)
    except NeverFiresError:
        reject()
    schedule = ir([replace(r, duration=duration) for r in parsed.rules], tz=tz)
    payload = attempt(schedule)
    if isinstance(payload, UnsupportedError):
        assert str(payload).startswith("edfs: ")
        assert " cannot be expressed" in str(payload)
        assert tz != "UTC" or duration is not None or parsed.format == "quartz"
        return
    again = timer(payload)
    assert dst_blind(again.rules) == dst_blind(schedule.rules)
    assert zone_name(again.tz) == zone_name(schedule.tz) == "UTC"


def attempt(schedule: Schedule) -> JSON | UnsupportedError:
    try:
        return emit_edfs(schedule)
    except UnsupportedError as exc:
        return exc


TIMERS = st.fixed_dictionaries(
    {"cronStr": CRON},
    optional={
        "id": st.uuids().map(str),
        "name": st.text(max_size=12),
        "packageUniqueName": st.text(max_size=12),
        "enabled": st.booleans() | st.none(),
        "parameters": st.lists(st.fixed_dictionaries(
            {"name": st.text(max_size=4), "value": st.text(max_size=4)}), max_size=2),
    },
)


@settings(max_examples=150)
@given(TIMERS)
def test_every_timer_comes_back_identical(payload: JSON) -> None:
    try:
        schedule = timer(payload)
    except cadence.ScheduleError:
        reject()
    assert emit_edfs(schedule) == payload
