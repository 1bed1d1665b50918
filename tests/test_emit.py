"""Emitting cron and Quartz strings (and English) from the IR: golden table and round trips."""

from __future__ import annotations

import contextlib
import importlib
import re
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence import UnsupportedError, convert, emit, parse, quartz_trigger
from cadence._zones import resolve_zone
from cadence.formats._readback import policy_free_rules
from cadence.ir import MonthDays, Rule, Weekdays
from cadence.schedule import Schedule

ERROR = "error: "  # the expected value is a substring of the error message

# (source, source format, target, expected string or ERROR + message substring)
GOLDEN: list[tuple[str, str, str, str]] = [
    # cron -> cron: a changed spelling is canonical, numbers everywhere.
    ("0 9 * * MON-FRI", "cron", "cron", "0 9 * * MON-FRI"),  # kept spelling
    ("@daily", "cron", "cron", "@daily"),
    ("CRON_TZ=Europe/Berlin 0 9 * * *", "cron", "cron", "CRON_TZ=Europe/Berlin 0 9 * * *"),
    # cron -> quartz -> canonical forms of every element
    ("* * * * *", "cron", "quartz", "0 * * * * ?"),
    ("*/15 * * * *", "cron", "quartz", "0 */15 * * * ?"),
    ("0,15,30,45 * * * *", "cron", "quartz", "0 */15 * * * ?"),  # '*' via the hour
    ("5,20,35,50 9 * * *", "cron", "quartz", "0 5-59/15 9 * * ?"),
    ("0-59 0-23 * * *", "cron", "quartz", "0 * * * * ?"),  # no DST meaning in Quartz's '*'
    ("1-5 9,12,17 * * *", "cron", "quartz", "0 1-5 9,12,17 * * ?"),
    ("0 22-2 * * *", "cron", "quartz", "0 0 0-2,22,23 * * ?"),
    ("0 9 1-10/3 * *", "cron", "quartz", "0 0 9 1-10/3 * ?"),
    ("0 9 L * *", "cron", "quartz", "0 0 9 L * ?"),
    ("0 9 L-3 * *", "cron", "quartz", "0 0 9 L-3 * ?"),
    ("0 9 15W * *", "cron", "quartz", "0 0 9 15W * ?"),
    ("0 9 LW * *", "cron", "quartz", "0 0 9 LW * ?"),
    ("0 9 * * 5L", "cron", "quartz", "0 0 9 ? * 6L"),
    ("0 9 * * MON#2", "cron", "quartz", "0 0 9 ? * 2#2"),
    ("0 9 * JAN,APR,JUL,OCT *", "cron", "quartz", "0 0 9 * */3 ?"),
    ("0 9 * 6-8 SAT,SUN", "cron", "quartz", "0 0 9 ? 6-8 1,7"),
    ("0 9 1 * 1", "cron", "quartz", ERROR + "restricting both day-of-month and day-of-week"),
    ("0 9 1,L * *", "cron", "quartz", ERROR + "must stand alone"),
    ("0 9 * * 1,5L", "cron", "quartz", ERROR + "must stand alone"),
    # A Quartz expression has no zone: Quartz keeps it beside it (quartz_trigger).
    ("CRON_TZ=America/New_York 30 2 * * *", "cron", "quartz",
     ERROR + "a Quartz expression has no zone: Quartz keeps it beside the expression"),
    ("CRON_TZ=UTC 30 2 * * *", "cron", "quartz", "0 30 2 * * ?"),
    # quartz -> cron
    ("0 30 9 ? * MON-FRI", "quartz", "cron", "30 9 * * 1-5"),
    ("0 0 12 L-2 * ?", "quartz", "cron", "0 12 L-2 * *"),
    ("0 0 12 ? * 1L", "quartz", "cron", "0 12 * * 0L"),
    ("0 0 12 ? * 7#5", "quartz", "cron", "0 12 * * 6#5"),
    ("0 0 12 ? * L", "quartz", "cron", "0 12 * * 6"),
    ("0 */5 * * * ?", "quartz", "cron", "*/5 * * * *"),
    ("30 0 12 * * ?", "quartz", "cron", ERROR + "cron: seconds cannot be expressed"),
    ("0 0 12 * * ? 2027", "quartz", "cron", ERROR + "cron: years cannot be expressed"),
    ("0 5 * * * ?", "quartz", "cron", "5 * * * *"),
    # quartz -> quartz
    ("0 0 12 * * ? 2027", "quartz", "quartz", "0 0 12 * * ? 2027"),  # kept
    ("0 0 12 * * ?", "quartz", "quartz", "0 0 12 * * ?"),
    # cron -> cron with the Debian day rule: OR when both restricted, AND via a '*'
    ("0 0 1,15 * 1", "cron", "cron", "0 0 1,15 * 1"),
    ("0 0 */2 * 1", "cron", "cron", "0 0 */2 * 1"),
    ("0 0 1 * */2", "cron", "cron", "0 0 1 * */2"),
    # DST policy: '*'-led minute or hour only for the non-fixed-time rule
    ("* 9 * * *", "cron", "quartz", "0 * 9 * * ?"),
    ("*/30 9 * * *", "cron", "quartz", "0 */30 9 * * ?"),
    # text
    ("0 22 * * 1-5", "cron", "text", "At 22:00 on every day-of-week from Monday through Friday."),
    # rrule: every part explicit, so that no DTSTART default is needed
    ("0 9 * * *", "cron", "rrule", "RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0"),
    ("CRON_TZ=Europe/Berlin 0 9 * * *", "cron", "rrule",
     ERROR + "rrule: a schedule in Europe/Berlin without a start cannot be expressed"),
    ("0 9 15W * *", "cron", "rrule", ERROR + "rrule: the weekday nearest day 15 (15W)"),
    ("0 9 * * *", "cron", "json", ERROR + "unknown format 'json'"),
]


def _emit_or_error(source: str, from_: str, to: str) -> str:
    try:
        written = convert(source, to, from_)
    except cadence.ScheduleError as exc:
        return f"{type(exc).__name__}: {exc}"
    assert isinstance(written, str)
    return written


@pytest.mark.parametrize(("source", "from_", "to", "expected"), GOLDEN)
def test_golden_table_emits_the_expected_string_or_error(
    source: str, from_: str, to: str, expected: str
) -> None:
    result = _emit_or_error(source, from_, to)
    if expected.startswith(ERROR):
        assert expected.removeprefix(ERROR) in result
        assert result.startswith("ScheduleError" if "unknown" in expected
                                 else "UnsupportedError")
    else:
        assert result == expected
        if to in ("cron", "quartz"):  # what is written reads back to the same meaning
            assert parse(result, to) == parse(source, from_)


def _rule(**kwargs: object) -> Rule:
    base: dict[str, object] = {"seconds": (0,), "minutes": (0,), "hours": (9,)}
    base.update(kwargs)
    return Rule(**base)  # type: ignore[arg-type]


def _schedule(*rules: Rule, tz: str = "UTC", **kwargs: object) -> Schedule:
    return Schedule(list(rules), resolve_zone(tz), format="test", source="",
                    **kwargs)  # type: ignore[arg-type]


UNSUPPORTED: list[tuple[Schedule, str, str]] = [
    (_schedule(_rule(duration=timedelta(hours=2))), "cron",
     "cron: a 2-hour window cannot be expressed, only its start"),
    (_schedule(_rule(excluded_dates=(date(2026, 12, 25),))), "quartz",
     "quartz: excluded dates (2026-12-25) cannot be expressed"),
    (_schedule(_rule(), _rule(hours=(17,))), "cron", "cron: a union of 2 rules"),
    (_schedule(_rule(), start="2026-01-01T00:00Z"), "quartz", "quartz: a start bound"),
    (_schedule(_rule(), end="2027-01-01T00:00Z"), "cron", "cron: an end bound"),
    (_schedule(_rule(minutes=(5,), hours=(1,), fixed_time=False), tz="America/New_York"),
     "cron", "cron: the DST policy of this schedule cannot be expressed: 1918-10-27T01:05:00 "
     "happens twice in America/New_York (the clocks go back); this schedule (cron DST "
     "policy) fires twice, the cron result (cron DST policy) fires once"),
    (_schedule(_rule(month_days=MonthDays(days=(1,)), weekdays=Weekdays(days=(0,)))), "cron",
     "cron: day-of-month '1' AND day-of-week '1' cannot be expressed"),
    (_schedule(_rule(years=(1969,))), "quartz", "quartz: year 1969 cannot be expressed"),
    (_schedule(_rule(seconds=(0, 30))), "cron", "cron: seconds cannot be expressed"),
]


@pytest.mark.parametrize(("schedule", "target", "message"), UNSUPPORTED)
def test_what_a_target_cannot_say_raises_unsupported_naming_it(
    schedule: Schedule, target: str, message: str
) -> None:
    with pytest.raises(UnsupportedError, match="^" + re.escape(message)) as info:
        emit(schedule, target)
    assert info.value.target == target
    assert info.value.feature in str(info.value)


def test_fixed_time_every_minute_is_written_as_a_range_not_a_star() -> None:
    schedule = _schedule(_rule(minutes=tuple(range(60)), hours=tuple(range(24))))
    assert emit(schedule, "cron") == "0-59 0-23 * * *"
    assert parse("0-59 0-23 * * *").rules == schedule.rules


def test_and_of_two_day_fields_leads_with_a_star_when_it_can() -> None:
    rule = _rule(month_days=MonthDays(days=tuple(range(1, 32, 2)), from_last=(0,)),
                 weekdays=Weekdays(days=(0,)))
    text = emit(_schedule(rule), "cron")
    assert text == "0 9 */2,L * 1"
    assert parse(text).rules == (rule,)


def test_a_changed_rule_is_written_canonically_not_with_its_old_spelling() -> None:
    schedule = parse("0 9 * * MON-FRI").with_duration(timedelta(hours=8))
    with pytest.raises(UnsupportedError, match="8-hour window"):
        emit(schedule, "cron")
    with pytest.raises(UnsupportedError, match="AND"):
        emit(parse("0 9 1 * MON", day_match="and"), "cron")


def test_a_zone_given_apart_from_the_source_becomes_a_prefix() -> None:
    assert emit(parse("0 9 * * *", tz="Asia/Tokyo"), "cron") == "CRON_TZ=Asia/Tokyo 0 9 * * *"


def test_lossy_drops_years_seconds_windows_and_bounds_and_names_them() -> None:
    schedule = parse("30 0 12 * * ? 2027", "quartz").with_duration(timedelta(hours=1))
    text, dropped = emit(schedule, "cron", lossy=True)
    assert text == "0 12 * * *"
    assert [item.split(" ")[1] for item in dropped] == ["window", "(2027)", "(30);"]
    assert emit(parse("0 9 * * *"), "text", lossy=True) == ("At 09:00.", [])
    with pytest.raises(UnsupportedError, match="union"):
        emit(_schedule(_rule(), _rule(hours=(17,))), "cron", lossy=True)


# -- round trips ------------------------------------------------------------------------

MINUTE_ITEMS = st.one_of(
    st.integers(0, 59).map(str),
    st.tuples(st.integers(0, 29), st.integers(30, 59)).map(lambda t: f"{t[0]}-{t[1]}"),
    st.tuples(st.integers(0, 29), st.integers(30, 59), st.integers(1, 20)).map(
        lambda t: f"{t[0]}-{t[1]}/{t[2]}"),
)
HOUR_ITEMS = st.one_of(
    st.integers(0, 23).map(str),
    st.tuples(st.integers(0, 23), st.integers(0, 23)).map(lambda t: f"{t[0]}-{t[1]}"),
)
DOM_ITEMS = st.one_of(
    st.integers(1, 28).map(str),
    st.tuples(st.integers(1, 14), st.integers(15, 31), st.integers(1, 5)).map(
        lambda t: f"{t[0]}-{t[1]}/{t[2]}"),
    st.just("L"), st.just("LW"),
    st.integers(1, 20).map(lambda n: f"L-{n}"),
    st.integers(1, 28).map(lambda n: f"{n}W"),
)
DOW_NAMES = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
DOW_ITEMS = st.one_of(
    st.integers(0, 7).map(str),
    st.sampled_from(DOW_NAMES),
    st.tuples(st.integers(1, 3), st.integers(4, 6)).map(lambda t: f"{t[0]}-{t[1]}"),
    st.integers(0, 6).map(lambda n: f"{n}L"),
    st.tuples(st.sampled_from(DOW_NAMES), st.integers(1, 5)).map(lambda t: f"{t[0]}#{t[1]}"),
)
MONTH_ITEMS = st.one_of(
    st.integers(1, 12).map(str),
    st.sampled_from(("JAN", "MAR", "JUN", "OCT", "DEC")),
    st.tuples(st.integers(1, 6), st.integers(7, 12)).map(lambda t: f"{t[0]}-{t[1]}"),
)


def _field(items: st.SearchStrategy[str], stars: tuple[str, ...]) -> st.SearchStrategy[str]:
    listed = st.lists(items, min_size=1, max_size=3).map(",".join)
    starred = st.tuples(st.sampled_from(stars), st.lists(items, max_size=2)).map(
        lambda t: ",".join((t[0], *t[1])) if t[0] != "*" else "*")
    return st.one_of(listed, starred)


CRON_EXPRS = st.tuples(
    _field(MINUTE_ITEMS, ("*", "*/5", "*/15", "*/30")),
    _field(HOUR_ITEMS, ("*", "*/2", "*/6")),
    st.one_of(st.just("*"), _field(DOM_ITEMS, ("*/2", "*/10"))),
    st.one_of(st.just("*"), _field(MONTH_ITEMS, ("*/3",))),
    st.one_of(st.just("*"), _field(DOW_ITEMS, ("*/2", "*/3"))),
).map(" ".join)
ZONES = st.sampled_from((None, "Europe/Berlin", "America/New_York"))


def _parse_or_none(text: str, tz: str | None) -> Schedule | None:
    try:
        return parse(text, "cron", tz=tz)
    except cadence.NeverFiresError:
        return None


@settings(max_examples=300, deadline=None)
@given(CRON_EXPRS, ZONES)
def test_cron_emitted_as_cron_reads_back_to_the_same_rules_and_zone(
    text: str, zone: str | None
) -> None:
    schedule = _parse_or_none(text, zone)
    if schedule is None:
        return
    # Without the kept spelling, the canonical form is what is tested.
    canonical = Schedule(schedule.rules, schedule.tz, format="cron", source=text)
    for original in (schedule, canonical):
        try:
            written = emit(original, "cron")
        except UnsupportedError as exc:
            refused: str = str(exc)
        else:
            refused = ""
        if refused:  # only the canonical form may refuse, and only for these two
            assert "DST policy" in refused or "AND" in refused
            assert original is canonical
            continue
        again = parse(written, "cron")
        assert again.rules == schedule.rules
        assert again.tz == schedule.tz


@settings(max_examples=300, deadline=None)
@given(CRON_EXPRS, ZONES)
def test_cron_to_quartz_to_cron_keeps_the_rules_where_quartz_can_say_them(
    text: str, zone: str | None
) -> None:
    schedule = _parse_or_none(text, zone)
    if schedule is None:
        return
    try:  # the zone goes beside a Quartz expression, never in it
        quartz, zone_id = quartz_trigger(schedule)
    except UnsupportedError as exc:
        refused: tuple[str, str] | None = (exc.target, str(exc))
    else:
        refused = None
    if refused is not None:
        rule = schedule.rule
        both = rule.month_days is not None and rule.weekdays is not None
        assert refused[0] == "quartz"
        assert both or "stand alone" in refused[1] or "DST policy" in refused[1]
        return
    # Quartz reads under its own DST policy; it was refused above where that matters.
    back = parse(quartz, "quartz", tz=zone_id)
    assert "CRON_TZ" not in quartz
    assert policy_free_rules(back.rules) == policy_free_rules(schedule.rules)
    assert back.tz == schedule.tz
    again = parse(emit(back, "cron"), "cron").rules
    assert policy_free_rules(again) == policy_free_rules(schedule.rules)


def test_crontab_writes_one_line_per_rule_of_a_union() -> None:
    campaign = {"type": "ANNUALLY", "hours": {"type": "LIST", "values": ["1"]},
                "days": {"type": "LIST", "values": ["--03-12", "--12-05"]},
                "timeZoneId": "Europe/Riga"}
    schedule = cadence.parse(campaign, format="campaign")
    written = cadence.emit(schedule, "crontab")
    assert isinstance(written, str)
    lines = written.splitlines()
    assert lines == ["CRON_TZ=Europe/Riga 0 1 12 3 *", "CRON_TZ=Europe/Riga 0 1 5 12 *"]
    again = [cadence.parse(line) for line in lines]
    assert {rule for part in again for rule in part.rules} == set(schedule.rules)
    with pytest.raises(cadence.UnsupportedError, match="cron: a union of 2 rules"):
        cadence.emit(schedule, "cron")


def test_crontab_refuses_what_no_line_can_say() -> None:
    expiring = cadence.parse({"type": "MONTHLY", "hours": {"type": "LIST", "values": ["17"]},
                              "days": {"type": "LIST", "values": ["15"]},
                              "expiration": "2027-01-01T00:00:00Z"}, format="campaign")
    with pytest.raises(cadence.UnsupportedError, match="crontab: the end bound"):
        cadence.emit(expiring, "crontab")


def test_a_writer_whose_text_does_not_read_back_is_refused_not_a_parse_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace
    from types import MappingProxyType

    from cadence import formats

    real = formats.registry()
    broken = replace(real["cron"], write=lambda schedule: "0 9 * *")  # one field short
    monkeypatch.setattr(formats, "registry",
                        lambda: MappingProxyType({**real, "cron": broken}))
    with pytest.raises(UnsupportedError) as caught:
        cadence.emit(cadence.parse("0 9 * * *"), "cron")
    assert str(caught.value).startswith(
        "cron: this schedule cannot be expressed: the cron written for it does not read back "
        "(a cron expression has 5 fields")


def _with_year_parts(target: str, parts: dict[str, Any]) -> cadence.Schedule:
    """A schedule with days of the year or week numbers, in the shape ``target`` needs
    for everything else (Helix and Bentley write windows, Helix needs a start)."""
    window = timedelta(hours=1) if target in ("helix", "bentley") else None
    schedule = cadence.Schedule(Rule((0,), (0,), (9,), duration=window, **parts),
                                resolve_zone("UTC"))
    return schedule.bounded(start="2026-01-01T00:00Z") if target == "helix" else schedule


YEAR_PARTS = [
    ({"year_days": (100,)}, "days of the year (BYYEARDAY) cannot be expressed (100)",
     "RRULE:FREQ=YEARLY;BYYEARDAY=100;BYHOUR=9;BYMINUTE=0;BYSECOND=0"),
    ({"week_numbers": (20,)}, "week numbers (BYWEEKNO) cannot be expressed (20)",
     "RRULE:FREQ=YEARLY;BYWEEKNO=20;BYHOUR=9;BYMINUTE=0;BYSECOND=0"),
    ({"year_weekdays": ((0, 20),)},
     "weekdays counted in the year (BYDAY in a YEARLY rule) cannot be expressed (20MO)",
     "RRULE:FREQ=YEARLY;BYDAY=20MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0"),
]


# RRULE writes them since issue 11's second step (its rows were refusals here before),
# and iCalendar through RRULE.
@pytest.mark.parametrize("target", [name for name in cadence.formats.names(writable=True)
                                    if name not in ("text", "rrule", "ical")])
@pytest.mark.parametrize(("parts", "feature", "rrule"), YEAR_PARTS)
def test_days_of_the_year_and_week_numbers_are_refused_by_name_until_written(
        target: str, parts: dict[str, Any], feature: str, rrule: str) -> None:
    with pytest.raises(UnsupportedError) as caught:
        cadence.emit(_with_year_parts(target, parts), target)
    assert str(caught.value).endswith(feature)


@pytest.mark.parametrize(("parts", "feature", "rrule"), YEAR_PARTS)
def test_rrule_writes_days_of_the_year_and_week_numbers(parts: dict[str, Any], feature: str,
                                                         rrule: str) -> None:
    assert cadence.emit(_with_year_parts("rrule", parts), "rrule") == rrule


@pytest.mark.parametrize(("parts", "feature", "rrule"), YEAR_PARTS)
def test_ical_writes_days_of_the_year_and_week_numbers(parts: dict[str, Any], feature: str,
                                                        rrule: str) -> None:
    started = _with_year_parts("ical", parts).bounded(start="2026-01-01T00:00Z")
    written = cadence.emit(started, "ical")
    assert isinstance(written, str)
    assert f"\r\n{rrule}\r\n" in written.replace("\r\n ", "")


@pytest.mark.parametrize(("target", "words"), [
    ("cron", "cron: weekdays counted from the end of the month (the 2nd-to-last Monday)"),
    ("quartz", "quartz: weekdays counted from the end of the month (the 2nd-to-last Monday)"),
    ("systemd", "systemd: weekdays counted from the end of the month other than the last"),
    ("campaign", "the 2nd-to-last Monday"),
])
def test_a_weekday_counted_from_the_end_is_refused_by_name(target: str, words: str) -> None:
    rule = Rule((0,), (0,), (9,), weekdays=Weekdays(nth=((0, -2),)))
    with pytest.raises(UnsupportedError) as caught:
        cadence.emit(cadence.Schedule(rule, resolve_zone("UTC")), target)
    assert words in str(caught.value)


def test_rrule_writes_a_weekday_counted_from_the_end() -> None:
    rule = Rule((0,), (0,), (9,), weekdays=Weekdays(nth=((0, -2),)))
    assert cadence.emit(cadence.Schedule(rule, resolve_zone("UTC")), "rrule") == (
        "RRULE:FREQ=MONTHLY;BYDAY=-2MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0")


def test_the_last_weekday_is_said_one_way_in_the_ir() -> None:
    assert Weekdays(nth=((4, -1),)) == Weekdays(last=(4,))


def test_a_rule_of_some_weeks_covers_no_other_rule_when_a_union_is_simplified() -> None:
    # Rules with week numbers or days of the year fire on fewer days than their day parts
    # say, so emit's fallback may not drop another rule as covered by one.
    weeks = Rule((0,), (0,), (0,), week_numbers=(1, 20))
    one_year = Rule((0,), (0,), (0,), years=(2027,))
    union = cadence.Schedule((weeks, one_year), resolve_zone("UTC")).bounded(
        start="2026-03-01T00:00Z")
    with pytest.raises(UnsupportedError, match=re.escape("rrule: years (2027) cannot be")):
        cadence.emit(union, "rrule")  # it wrote the weeks alone, dropping all of 2027


# -- cost: a union of many rules is refused without comparing every pair -----------------


def _monthly_calendar(months: int) -> cadence.Schedule:
    """A CALENDAR campaign of one date in each of ``months`` months: one rule a month."""
    days = [f"{2027 + i // 12:04d}-{i % 12 + 1:02d}-{i % 28 + 1:02d}" for i in range(months)]
    return parse({"type": "CALENDAR", "hours": {"type": "LIST", "values": ["1"]},
                  "days": {"type": "LIST", "values": days}}, "campaign")


def test_many_rules_emit_at_a_cost_linear_in_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """10,000 dates, each its own rule, to every target: an answer or UnsupportedError,
    with a number of rule comparisons that grows with the rules, not with their pairs
    (comparing every pair took minutes before refusing)."""
    convert_module = importlib.import_module("cadence.convert")
    compared = 0
    covers = convert_module._covers

    def counting(*args: Any) -> bool:
        nonlocal compared
        compared += 1
        return bool(covers(*args))

    monkeypatch.setattr(convert_module, "_covers", counting)
    schedule = _monthly_calendar(10_000)
    assert len(schedule.rules) == 10_000
    for target in convert_module.EMIT_FORMATS:
        compared = 0
        with contextlib.suppress(UnsupportedError):
            emit(schedule, target)
        assert compared <= 10_000, (target, compared)
    written = emit(schedule, "campaign")
    assert isinstance(written, dict)
    assert written["days"]["values"][-1] == "2860-04-04"


def _every_other_day_excluded(days: int) -> cadence.Schedule:
    """09:00 daily from 2026-12-01 without every other day of 2027 on (``days`` of them)."""
    excluded = tuple(date(2027, 1, 1) + timedelta(days=2 * i) for i in range(days))
    return cadence.Schedule(Rule((0,), (0,), (9,), excluded_dates=excluded),
                            resolve_zone("UTC"), start="2026-12-01T00:00Z")


@pytest.mark.parametrize("target", ["rrule", "ical"])
def test_a_result_past_the_readers_limits_is_refused_and_lossy_drops_what_it_must(
        target: str) -> None:
    """6,000 excluded dates make 102,079 characters of EXDATE, past the 64 KiB RRULE
    limit: emit refuses it as what the target cannot express, and lossy=True drops the
    excluded dates (the lossy path read the result back outside its own refusal and let
    the error out)."""
    schedule = _every_other_day_excluded(6_000)
    with pytest.raises(UnsupportedError, match=(
            f"^{target}: this schedule cannot be expressed: the {target} written for it does "
            r"not read back \(.*recurrence text is 102079 characters long; cadence reads at "
            r"most 65536\); emit\(\.\.\., lossy=True\) names what to drop$")):
        emit(schedule, target)
    written, dropped = emit(schedule, target, lossy=True)
    assert dropped == ["excluded dates (2027-01-01, 2027-01-03, 2027-01-05, 2027-01-07, "
                       "2027-01-09 and 5995 more)"]
    assert isinstance(written, str)
    assert "RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0" in written


def test_a_union_past_the_rrule_line_limit_is_refused_whole() -> None:
    """40 rules make 40 RRULE lines, past the 32 cadence reads: UnsupportedError (never the
    reader's ParseError), with or without lossy=True (nothing droppable merges rules)."""
    rules = tuple(Rule((0,), (minute,), (minute % 24,)) for minute in range(40))
    schedule = cadence.Schedule(rules, resolve_zone("UTC"), start="2026-12-01T00:00Z")
    for lossy in (False, True):
        with pytest.raises(UnsupportedError, match="40 RRULE and EXRULE lines; cadence reads "
                                                   "at most 32"):
            emit(schedule, "rrule", lossy=lossy)


def test_rrule_years_in_a_refusal_are_listed_whole() -> None:
    """A long list of years is cut after whole years, never in the middle of one."""
    schedule = cadence.Schedule(Rule((0,), (0,), (9,), years=tuple(range(2027, 4027, 4))),
                                resolve_zone("UTC"), start="2026-12-01T00:00Z")
    with pytest.raises(UnsupportedError, match=r"^rrule: years \(2027, 2031, 2035, 2039, "
                       r"2043, 2047, 2051, 2055, 2059, 2063 and 490 more\) cannot"):
        emit(schedule, "rrule")
