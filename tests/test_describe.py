"""English descriptions (``cadence.describe``): one table row per syntax feature.

The three iTwin EDFS timer names (formats.md section 1) must come out verbatim; every
other row follows crontab.guru's phrasing, extended to Quartz seconds, years, ``L``,
``W`` and ``#``. Expected strings are written out in full, never built by the code
under test.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import cadence
from cadence import describe
from cadence._zones import resolve_zone
from cadence.ir import DayMatch, MonthDays, Rule, Weekdays

# --- one row per feature --------------------------------------------------------------

ROWS: list[tuple[str, str]] = [
    # the EDFS timer names, verbatim
    ("0 0 * * 6,0", "At 00:00 on Saturday and Sunday."),
    ("15 14 1 * *", "At 14:15 on day-of-month 1."),
    ("0 22 * * 1-5", "At 22:00 on every day-of-week from Monday through Friday."),
    # minutes and hours
    ("* * * * *", "At every minute."),
    ("*/5 * * * *", "At every 5th minute."),
    ("0-59/15 * * * *", "At every 15th minute."),
    ("5/10 * * * *", "At every 10th minute from 5 through 59."),
    ("10-40/10 * * * *", "At every 10th minute from 10 through 40."),
    ("0-10 * * * *", "At every minute from 0 through 10."),
    ("0,30 * * * *", "At minute 0 and 30."),
    ("0,20,45 * * * *", "At minute 0, 20, and 45."),
    ("0 * * * *", "At minute 0."),
    ("0,5,10-20 * * * *", "At minute 0, minute 5, and every minute from 10 through 20."),
    ("55-5 * * * *", "At every minute from 55 through 5."),
    ("* 9 * * *", "At every minute past hour 9."),
    ("5 9-17 * * *", "At minute 5 past every hour from 9 through 17."),
    ("*/15 9,17 * * *", "At every 15th minute past hour 9 and 17."),
    ("0 8-18/2 * * *", "At minute 0 past every 2nd hour from 8 through 18."),
    ("0 */2 * * *", "At minute 0 past every 2nd hour."),
    ("0 22-2 * * *", "At minute 0 past every hour from 22 through 2."),
    ("30 1,2,4,8,16 * * *", "At minute 30 past hour 1, 2, 4, 8, and 16."),
    # clock times: one minute and at most 4 hours
    ("5 4 * * *", "At 04:05."),
    ("0 9,17 * * *", "At 09:00 and 17:00."),
    ("0 */6 * * *", "At 00:00, 06:00, 12:00, and 18:00."),
    # day-of-month
    ("0 0 1,15 * *", "At 00:00 on day-of-month 1 and 15."),
    ("0 4 8-14 * *", "At 04:00 on every day-of-month from 8 through 14."),
    ("0 0 */2 * *", "At 00:00 on every 2nd day-of-month."),
    ("0 0 5-20/3 * *", "At 00:00 on every 3rd day-of-month from 5 through 20."),
    ("0 0 1-5,10 * *", "At 00:00 on every day-of-month from 1 through 5 and day-of-month 10."),
    ("0 0 L * *", "At 00:00 on the last day of the month."),
    ("0 0 L-3 * *", "At 00:00 on the 4th-to-last day of the month."),
    ("0 0 1,L-1,L * *",
     "At 00:00 on day-of-month 1 and the last and 2nd-to-last day of the month."),
    ("0 0 15W * *", "At 00:00 on the weekday nearest day-of-month 15."),
    ("0 0 LW * *", "At 00:00 on the last weekday of the month."),
    # day-of-week: numbers, names, 7 = Sunday, ranges, lists, L, #
    ("5 4 * * SUN", "At 04:05 on Sunday."),
    ("5 4 * * 7", "At 04:05 on Sunday."),
    ("0 0 * * MON,WED,FRI", "At 00:00 on Monday, Wednesday, and Friday."),
    ("0 0 * * 1-5/2", "At 00:00 on Monday, Wednesday, and Friday."),
    ("0 0 * * FRI-MON", "At 00:00 on every day-of-week from Friday through Monday."),
    ("0 0 * * 1-3,5",
     "At 00:00 on every day-of-week from Monday through Wednesday and Friday."),
    ("0 0 * * 5L", "At 00:00 on the last Friday of the month."),
    ("0 0 * * MON#2", "At 00:00 on the 2nd Monday of the month."),
    ("0 0 * * MON#1,MON#3,5L",
     "At 00:00 on the 1st Monday, the 3rd Monday, and the last Friday of the month."),
    ("0 0 * * SAT,SUN#1", "At 00:00 on Saturday and the 1st Sunday of the month."),
    # day-of-month with day-of-week: Debian's OR, and AND when a field starts with '*'
    ("0 0 13 * 5", "At 00:00 on day-of-month 13 and on Friday."),
    ("0 0 */2 * 1", "At 00:00 on every 2nd day-of-month if it's on Monday."),
    ("0 0 L * */7", "At 00:00 on the last day of the month if it's on Sunday."),
    # months
    ("0 0 * 1,7 *", "At 00:00 in January and July."),
    ("0 0 * MAR-JUN *", "At 00:00 in every month from March through June."),
    ("0 0 1 */3 *", "At 00:00 on day-of-month 1 in every 3rd month."),
    ("0 0 1 2/3 *",
     "At 00:00 on day-of-month 1 in every 3rd month from February through December."),
    ("0 0 * NOV-FEB *", "At 00:00 in every month from November through February."),
    ("0 0 1 jan *", "At 00:00 on day-of-month 1 in January."),
    # macros
    ("@yearly", "At 00:00 on day-of-month 1 in January."),
    ("@monthly", "At 00:00 on day-of-month 1."),
    ("@weekly", "At 00:00 on Sunday."),
    ("@daily", "At 00:00."),
    ("@hourly", "At minute 0."),
    # Quartz: seconds
    ("15 30 9 * * ?", "At 09:30:15."),
    ("0 30 9 * * ?", "At 09:30."),
    ("* * * * * ?", "At every second."),
    ("*/10 * * * * ?", "At every 10th second."),
    ("15 * * * * ?", "At second 15."),
    ("15 */5 * * * ?", "At second 15 past every 5th minute."),
    ("*/10 30 9 * * ?", "At every 10th second past minute 30 past hour 9."),
    ("0,30 * 9 * * ?", "At second 0 and 30 past hour 9."),
    ("* 5 * * * ?", "At every second past minute 5."),
    ("0 0/5 14,18 * * ?", "At every 5th minute past hour 14 and 18."),
    ("15 0 9,17 * * ?", "At 09:00:15 and 17:00:15."),
    # Quartz: day fields
    ("0 0 12 ? * MON-FRI", "At 12:00 on every day-of-week from Monday through Friday."),
    ("0 0 12 ? * 2-6", "At 12:00 on every day-of-week from Monday through Friday."),
    ("0 0 12 ? * L", "At 12:00 on Saturday."),
    ("0 15 10 ? * 6L", "At 10:15 on the last Friday of the month."),
    ("0 15 10 ? * 6#3", "At 10:15 on the 3rd Friday of the month."),
    ("0 0 12 L * ?", "At 12:00 on the last day of the month."),
    ("0 0 12 L-2 * ?", "At 12:00 on the 3rd-to-last day of the month."),
    ("0 0 12 15W * ?", "At 12:00 on the weekday nearest day-of-month 15."),
    ("0 0 12 LW * ?", "At 12:00 on the last weekday of the month."),
    ("0 0 9 25-5 * ?",
     "At 09:00 on every day-of-month from 1 through 5 and every day-of-month from 25 "
     "through 31."),
    ("0 0 22-2 * * ?", "At minute 0 past every hour from 22 through 2."),
    # Quartz: years
    ("0 0 12 1 1 ? 2027", "At 12:00 on day-of-month 1 in January of 2027."),
    ("0 0 12 * * ? 2027,2029", "At 12:00 in 2027 and 2029."),
    ("0 0 12 1 * ? 2026-2030", "At 12:00 on day-of-month 1 in every year from 2026 through 2030."),
    ("0 0 12 1 * ? 2026/2", "At 12:00 on day-of-month 1 in every 2nd year from 2026 through 2098."),
    ("0 0 12 1 * ? *", "At 12:00 on day-of-month 1."),
]


@pytest.mark.parametrize(("source", "expected"), ROWS, ids=[row[0] for row in ROWS])
def test_each_feature_reads_in_crontab_guru_style(source: str, expected: str) -> None:
    assert describe(cadence.parse(source)) == expected


def test_the_table_has_a_row_for_every_feature() -> None:
    assert len(ROWS) >= 40
    assert len({source for source, _ in ROWS}) == len(ROWS)


# --- zones, overrides, rules, unions ------------------------------------------------------


def test_a_zone_other_than_utc_is_named_at_the_end() -> None:
    schedule = cadence.parse("0 9 * * 1-5", tz="Europe/Berlin")
    assert describe(schedule) == (
        "At 09:00 on every day-of-week from Monday through Friday (Europe/Berlin time)."
    )


def test_a_cron_tz_prefix_zone_is_named_too() -> None:
    schedule = cadence.parse("CRON_TZ=America/New_York 30 2 * * *")
    assert describe(schedule) == "At 02:30 (America/New_York time)."


@pytest.mark.parametrize("zone", [None, "UTC", "Etc/UTC", timezone.utc])
def test_utc_in_any_spelling_names_no_zone(zone: str | timezone | None) -> None:
    assert describe(cadence.parse("15 14 1 * *", tz=zone)) == "At 14:15 on day-of-month 1."


def test_an_explicit_and_override_reads_if_its_on() -> None:
    schedule = cadence.parse("0 0 13 * 5", day_match="and")
    assert describe(schedule) == "At 00:00 on day-of-month 13 if it's on Friday."


def test_an_explicit_or_override_reads_and_on() -> None:
    schedule = cadence.parse("0 0 */2 * 1", day_match="or")
    assert describe(schedule) == "At 00:00 on every 2nd day-of-month and on Monday."


def test_a_bare_rule_is_described_without_a_zone() -> None:
    rule = Rule(seconds=(0,), minutes=(30,), hours=(9,),
                    weekdays=Weekdays(nth=((0, 2),)))
    assert describe(rule) == "At 09:30 on the 2nd Monday of the month."


def test_a_union_of_rules_describes_each_rule() -> None:
    morning = Rule(seconds=(0,), minutes=(0,), hours=(9,), weekdays=Weekdays(days=(0,)))
    evening = Rule(seconds=(0,), minutes=(0,), hours=(17,),
                       month_days=MonthDays(from_last=(0,)))
    schedule = cadence.Schedule([morning, evening], resolve_zone("Europe/Riga"),
                                format="test", source="test")
    assert describe(schedule) == (
        "At 09:00 on Monday; at 17:00 on the last day of the month (Europe/Riga time)."
    )


def test_an_end_bound_is_stated() -> None:
    rule = Rule(seconds=(0,), minutes=(0,), hours=(12,))
    schedule = cadence.Schedule(rule, resolve_zone(None), format="test", source="test",
                                end=datetime(2027, 1, 1, tzinfo=timezone.utc))
    assert describe(schedule) == "At 12:00, before 2027-01-01T00:00:00+00:00."


def test_something_else_is_refused_with_a_schedule_error() -> None:
    with pytest.raises(cadence.ScheduleError, match=r"give a Schedule, .* not int"):
        describe(42)  # type: ignore[arg-type]


# --- properties ---------------------------------------------------------------------

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")


def _items(value: st.SearchStrategy[str], high: int) -> st.SearchStrategy[str]:
    """One list item: a value, a range (wrapping too), or a step."""
    step = st.integers(1, high).map(str)
    return st.one_of(
        value,
        st.builds(lambda a, b: f"{a}-{b}", value, value),
        st.builds(lambda n: f"*/{n}", step),
        st.builds(lambda a, n: f"{a}/{n}", value, step),
        st.builds(lambda a, b, n: f"{a}-{b}/{n}", value, value, step),
    )


def _field(item: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just("*"), st.lists(item, min_size=1, max_size=3).map(",".join))


def _named(low: int, high: int, names: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A number or a name (in either case: names are case-insensitive)."""
    return st.one_of(
        st.integers(low, high).map(str),
        st.sampled_from(names),
        st.sampled_from(names).map(str.lower),
    )


def _numbers(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(str)


SECOND_FIELD = _field(_items(_numbers(0, 59), 59))
MINUTE_FIELD = _field(_items(_numbers(0, 59), 59))
HOUR_FIELD = _field(_items(_numbers(0, 23), 23))
MONTH_FIELD = _field(_items(_named(1, 12, MONTHS), 12))
DOM_SPECIAL = st.one_of(
    st.just("L"),
    st.just("LW"),
    st.integers(1, 30).map(lambda n: f"L-{n}"),
    st.integers(1, 31).map(lambda n: f"{n}W"),
)
CRON_DOM_FIELD = _field(st.one_of(_items(_numbers(1, 31), 31), DOM_SPECIAL))
CRON_DAY = _named(0, 7, DAYS)
CRON_DOW_SPECIAL = st.one_of(
    st.builds(lambda d: f"{d}L", st.integers(0, 7)),
    st.builds(lambda d, k: f"{d}#{k}", CRON_DAY, st.integers(1, 5)),
)
CRON_DOW_FIELD = _field(st.one_of(_items(CRON_DAY, 7), CRON_DOW_SPECIAL))

QUARTZ_DAY = _named(1, 7, DAYS)
QUARTZ_DOM_FIELD = st.one_of(_field(_items(_numbers(1, 31), 31)), DOM_SPECIAL)
QUARTZ_DOW_FIELD = st.one_of(
    _field(_items(QUARTZ_DAY, 7)),
    st.just("L"),
    st.builds(lambda d: f"{d}L", st.integers(1, 7)),
    st.builds(lambda d, k: f"{d}#{k}", QUARTZ_DAY, st.integers(1, 5)),
)
YEAR_FIELD = st.one_of(
    st.just(""),
    _field(st.one_of(
        _numbers(1970, 2099),
        st.builds(lambda a, n: f"{a}-{a + n}", st.integers(1970, 2090), st.integers(0, 9)),
        st.builds(lambda a, n: f"{a}/{n}", st.integers(1970, 2099), st.integers(1, 40)),
    )).map(lambda text: " " + text),
)


CRON_FIELDS = (MINUTE_FIELD, HOUR_FIELD, CRON_DOM_FIELD, MONTH_FIELD, CRON_DOW_FIELD)
# Quartz: second, minute, hour, day-of-month, month, day-of-week, year; exactly one of
# the two day fields is '?'.
QUARTZ_FIELDS = (SECOND_FIELD, MINUTE_FIELD, HOUR_FIELD, QUARTZ_DOM_FIELD, MONTH_FIELD,
                 QUARTZ_DOW_FIELD, YEAR_FIELD)


@st.composite
def cron_sources(draw: st.DrawFn) -> list[str]:
    return [draw(strategy) for strategy in CRON_FIELDS]


@st.composite
def quartz_sources(draw: st.DrawFn) -> list[str]:
    fields = [draw(strategy) for strategy in QUARTZ_FIELDS]
    fields[3 if draw(st.booleans()) else 5] = "?"
    return fields


def _text(fields: list[str]) -> str:
    return " ".join(fields[:6]) + fields[6] if len(fields) == 7 else " ".join(fields)


@st.composite
def neighbours(draw: st.DrawFn) -> tuple[str, str]:
    """Two expressions of one dialect that differ in one field (a '?' stays a '?')."""
    quartz = draw(st.booleans())
    fields = draw(quartz_sources() if quartz else cron_sources())
    strategies = QUARTZ_FIELDS if quartz else CRON_FIELDS
    index = draw(st.sampled_from([i for i, text in enumerate(fields) if text != "?"]))
    other = list(fields)
    other[index] = draw(strategies[index])
    return _text(fields), _text(other)


SOURCES = st.one_of(cron_sources(), quartz_sources()).map(_text)


def _parsed(source: str) -> cadence.Schedule | None:
    """The schedule, or ``None`` for an expression that never fires (e.g. ``31 2``)."""
    try:
        return cadence.parse(source)
    except cadence.NeverFiresError:
        return None


def _meaning(rule: Rule) -> Rule:
    """The rule without its DST policy, which descriptions deliberately do not state."""
    return dataclasses.replace(rule, fixed_time=True, skip_gaps=False, second_pass=False)


@settings(max_examples=300)
@given(SOURCES)
def test_every_valid_expression_is_described_in_one_sentence(source: str) -> None:
    schedule = _parsed(source)
    assume(schedule is not None)
    assert schedule is not None
    text = describe(schedule)
    assert text.startswith("At ")
    assert text.endswith(".")
    assert text.count(".") == 1
    assert "  " not in text


@settings(max_examples=40)
@given(st.lists(SOURCES, min_size=2, max_size=25))
def test_expressions_with_different_meanings_read_differently(sources: list[str]) -> None:
    seen: dict[str, Rule] = {}
    for source in sources:
        schedule = _parsed(source)
        if schedule is None:
            continue
        rule = _meaning(schedule.rule)
        text = describe(schedule)
        assert seen.setdefault(text, rule) == rule, (text, source)


@settings(max_examples=400)
@given(neighbours())
def test_expressions_one_field_apart_read_differently_unless_they_mean_the_same(
    pair: tuple[str, str],
) -> None:
    first, second = (_parsed(source) for source in pair)
    assume(first is not None and second is not None)
    assert first is not None
    assert second is not None
    if _meaning(first.rule) != _meaning(second.rule):
        assert describe(first) != describe(second), pair


def _structured_sets(low: int, high: int) -> st.SearchStrategy[frozenset[int]]:
    """Sets with the shapes descriptions compress: unions of runs, steps and values."""
    piece = st.builds(
        lambda a, b, n: frozenset(range(min(a, b), max(a, b) + 1, n)),
        st.integers(low, high), st.integers(low, high), st.integers(1, 8),
    )
    return st.lists(piece, min_size=1, max_size=3).map(lambda parts: frozenset().union(*parts))


def _injective(make: Callable[[frozenset[int]], Rule], sets: list[frozenset[int]]) -> None:
    seen: dict[str, frozenset[int]] = {}
    for values in sets:
        text = describe(make(values))
        assert seen.setdefault(text, values) == values, text


@settings(max_examples=60)
@given(st.lists(_structured_sets(0, 59), min_size=2, max_size=40),
       st.lists(_structured_sets(0, 23), min_size=2, max_size=40))
def test_different_time_sets_read_differently(
    minute_sets: list[frozenset[int]], hour_sets: list[frozenset[int]]
) -> None:
    _injective(lambda v: Rule(seconds=(0,), minutes=tuple(v), hours=(0, 1, 2, 3, 4)),
               minute_sets)
    _injective(lambda v: Rule(seconds=tuple(v), minutes=(7,), hours=(3,)), minute_sets)
    _injective(lambda v: Rule(seconds=tuple(v), minutes=(0, 30), hours=(3, 4)),
               minute_sets)
    _injective(lambda v: Rule(seconds=(0,), minutes=(0, 30), hours=tuple(v)), hour_sets)
    _injective(lambda v: Rule(seconds=(0,), minutes=(15,), hours=tuple(v)), hour_sets)


@settings(max_examples=60)
@given(st.lists(_structured_sets(1, 31), min_size=2, max_size=40),
       st.lists(_structured_sets(2020, 2040), min_size=2, max_size=40))
def test_different_day_and_year_sets_read_differently(
    day_sets: list[frozenset[int]], year_sets: list[frozenset[int]]
) -> None:
    _injective(lambda v: Rule(seconds=(0,), minutes=(0,), hours=(0,),
                                  month_days=MonthDays(days=tuple(v))), day_sets)
    _injective(lambda v: Rule(seconds=(0,), minutes=(0,), hours=(0,), years=tuple(v)),
               year_sets)


def test_every_combination_of_time_field_shapes_reads_differently() -> None:
    # Each field: second/minute 0, another single value, a short list, a step, a run,
    # a wrapping run, everything.
    sixty = [(0,), (15,), (0, 30), tuple(range(0, 60, 10)), (5, 6, 7), (58, 59, 0, 1),
             tuple(range(60))]
    hours = [(0,), (9,), (9, 17), tuple(range(8, 19, 2)), tuple(range(9, 18)),
             (22, 23, 0, 1, 2), (1, 2, 4, 8, 16), tuple(range(24))]
    seen: dict[str, Rule] = {}
    for second in sixty:
        for minute in sixty:
            for hour in hours:
                rule = Rule(seconds=second, minutes=minute, hours=hour)
                assert seen.setdefault(describe(rule), rule) == rule, describe(rule)


def _subsets(size: int) -> list[frozenset[int]]:
    return [frozenset(i for i in range(size) if mask >> i & 1) for mask in range(1, 2**size)]


def test_every_set_of_months_reads_differently() -> None:
    _injective(lambda v: Rule(seconds=(0,), minutes=(0,), hours=(0,),
                                  months=tuple(m + 1 for m in v)), _subsets(12))


def test_every_set_of_weekdays_reads_differently() -> None:
    _injective(lambda v: Rule(seconds=(0,), minutes=(0,), hours=(0,),
                                  weekdays=Weekdays(days=tuple(v))), _subsets(7))


def test_every_set_of_special_days_reads_differently() -> None:
    # Every combination of L, L-1, 15W, 28W and LW, with and without plain day 1.
    special = [("from_last", 0), ("from_last", 1), ("nearest_weekday", 15),
               ("nearest_weekday", 28), ("last_weekday", 0), ("days", 1)]

    def make(chosen: frozenset[int]) -> Rule:
        parts: dict[str, list[int]] = {"days": [], "from_last": [], "nearest_weekday": []}
        last_weekday = False
        for index in chosen:
            name, value = special[index]
            if name == "last_weekday":
                last_weekday = True
            else:
                parts[name].append(value)
        days = MonthDays(days=tuple(parts["days"]), from_last=tuple(parts["from_last"]),
                         nearest_weekday=tuple(parts["nearest_weekday"]),
                         last_weekday=last_weekday)
        return Rule(seconds=(0,), minutes=(0,), hours=(0,), month_days=days)

    _injective(make, _subsets(len(special)))


MATCHES: tuple[DayMatch, ...] = ("and", "or")


def test_day_of_month_and_day_of_week_combinations_read_differently() -> None:
    doms = ["*", "1", "1,15", "L", "15W", "LW", "*/2", "1-5", "L-1"]
    dows = ["*", "1", "1-5", "5L", "MON#2", "6,0", "MON#1,FRI"]
    seen: dict[str, Rule] = {}
    for dom in doms:
        for dow in dows:
            for match in MATCHES:
                try:
                    schedule = cadence.parse(f"0 0 {dom} * {dow}", day_match=match)
                except cadence.NeverFiresError:  # e.g. day 1 AND the last Friday
                    continue
                text = describe(schedule)
                assert seen.setdefault(text, schedule.rule) == schedule.rule, text


@pytest.mark.parametrize(("parts", "expected"), [
    ({"week_numbers": (20,), "weekdays": Weekdays(days=(0,))},
     "At 09:00 on Monday in week 20 of the year."),
    ({"year_days": (1, 100, -1, -2)},
     "At 09:00 on the 1st, 100th, 2nd-to-last, and last day of the year."),
    ({"year_weekdays": ((0, 20), (4, -1), (3, -3))},
     "At 09:00 on the 20th Monday, 3rd-to-last Thursday, and last Friday of the year."),
    ({"week_numbers": (1, -1), "week_start": 6},
     "At 09:00 in week 1 and the last week of the year (weeks starting Sunday)."),
])
def test_days_of_the_year_and_week_numbers_are_said(parts: dict[str, Any],
                                                    expected: str) -> None:
    assert describe(Rule((0,), (0,), (9,), **parts)) == expected
