"""cadence.compat.croniter against the real croniter: the same answers where the two
agree on meaning, and the rows where croniter is wrong, with why."""

from __future__ import annotations

import ast
import pickle
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import cadence
from cadence.compat import croniter as facade
from cadence.compat.croniter import (
    CroniterBadCronError,
    CroniterBadDateError,
    CroniterError,
    CroniterNotAlphaError,
    CroniterUnsupportedSyntaxError,
    croniter,
    croniter_range,
)

real = pytest.importorskip("croniter", reason="the differential tests compare with croniter")

NEW_YORK = ZoneInfo("America/New_York")
START = datetime(2026, 1, 5, 9, 7, 30)


def walk(kind: type, expression: str, start: datetime | float, count: int = 8,
         backward: bool = False, **options: object) -> list[object]:
    """``count`` answers of ``get_next`` (or ``get_prev``), with croniter's error as a value."""
    itr = kind(expression, start, **options)
    step = itr.get_prev if backward else itr.get_next
    found: list[object] = []
    for index in range(count):
        try:
            found.append(step(datetime if index % 2 else float))
        except CroniterError as error:  # the facade's
            found.append(("error", type(error).__name__))
            break
        except real.CroniterError as error:  # croniter's
            found.append(("error", type(error).__name__))
            break
    return found


AGREED = [
    "* * * * *", "*/5 * * * *", "0 9 * * mon-fri", "2 4 * * mon,fri", "2 4 1 * wed",
    "0 0 1,15 * *", "0 0 L * *", "0 0 1,L * *", "0 0 * * sat#1,sun#2", "0 0 * * 5#3,L5",
    "0 9 15W * *", "0 9 1W * *", "0 9 W15 * *", "0 9 31W * *", "0 9 30W * *",
    "0 0 * * 7", "0 0 * * 6-7", "0 0 * * sat-sun", "0 0 * * wed-sun", "0 0 * apr-jan *",
    "50-10 * * * *", "0 20-4 * * *", "0 0 28-3 * *", "0 0 * JAN-JAN *", "0 0 * * SUN-SUN",
    "0 0 1 1-1/3 *", "10-50/15 * * * *", "* * * * * 15,25", "* * * * * */15",
    "0 0 1 1 * 0 2020/2", "0 0 29 2 *", "0 0 29 2 mon", "0 0 31 * *", "0 0 ? * mon",
    "@daily", "@hourly", "@weekly", "@monthly", "@yearly", "@midnight",
    "0 0 1-7 * 2", "0 0 */7 * *", "0 12 * * */2", "1 1 */32,1-7 * 2", "0 0 25-L 1 0",
]


@pytest.mark.parametrize("expression", AGREED)
@pytest.mark.parametrize("backward", [False, True])
def test_the_facade_answers_as_croniter_does(expression: str, backward: bool) -> None:
    for start in (START, datetime(2024, 2, 28, 23, 59, 59, 500_000), 1_700_000_000.5):
        assert (walk(croniter, expression, start, backward=backward)
                == walk(real.croniter, expression, start, backward=backward))


@pytest.mark.parametrize(("expression", "options"), [
    ("2 4 1 * wed", {"day_or": False}),
    ("1 1 1-7 * 2", {"day_or": False}),
    ("0 4 1 1 fri", {"day_or": False}),
    ("1 1 */32,1-7 * 2", {"implement_cron_bug": True}),
    ("15,25 * * * * *", {"second_at_beginning": True}),
    ("0 0 */7 * *", {"expand_from_start_time": True}),
    ("*/15 * * * *", {"expand_from_start_time": True}),
    ("0 0 1 */3 *", {"expand_from_start_time": True}),
])
def test_the_options_mean_what_croniter_means(expression: str, options: dict[str, Any]
                                              ) -> None:
    assert (walk(croniter, expression, START, 12, **options)
            == walk(real.croniter, expression, START, 12, **options))


def test_ret_type_gives_posix_seconds_or_a_datetime_in_the_start_s_zone() -> None:
    itr = croniter("*/5 * * * *", datetime(2010, 1, 25, 4, 46))
    assert itr.get_next() == 1264395000.0  # 04:50 UTC: a naive start is read as UTC
    assert itr.get_next(datetime) == datetime(2010, 1, 25, 4, 55)  # and stays naive
    assert itr.get_current() == 1264395300.0
    aware = croniter("0 9 * * *", datetime(2026, 3, 7, 12, tzinfo=NEW_YORK), ret_type=datetime)
    assert [aware.get_next().isoformat() for _ in range(2)] == [
        "2026-03-08T09:00:00-04:00", "2026-03-09T09:00:00-04:00"]
    assert croniter("0 0 * * *", 1_700_000_000.0).get_next(datetime) == datetime(2023, 11, 15)


def test_a_pytz_or_dateutil_start_keeps_its_own_tzinfo() -> None:
    pytz = pytest.importorskip("pytz")
    dateutil_tz = pytest.importorskip("dateutil.tz")
    paris = pytz.timezone("Europe/Paris")
    found = croniter("0 0 * * *", paris.localize(datetime(2017, 3, 25, 5))).get_next(datetime)
    assert found.isoformat() == "2017-03-26T00:00:00+01:00"
    assert found.tzinfo.zone == "Europe/Paris"
    tokyo = dateutil_tz.gettz("Asia/Tokyo")
    found = croniter("0 0 * * *", datetime(2017, 3, 26, tzinfo=tokyo)).get_next(datetime)
    assert (found.isoformat(), found.tzinfo) == ("2017-03-27T00:00:00+09:00", tokyo)


# Where croniter is wrong. peers.md's DST table (America/New_York): Debian cron documents
# that a job in a repeated hour is not run again, and cronsim and croner agree; croniter
# fires it on both passes. The facade follows Debian cron (cadence's ``cron`` policy).
# Jobs whose minute or hour starts with ``*`` fire at every instant, both passes, in both.
DST_ROWS = [
    # (expression, start, facade's next three, croniter's next three)
    ("30 1 * * *", datetime(2026, 10, 31, 12, tzinfo=NEW_YORK),
     ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00", "2026-11-03T01:30:00-05:00"],
     ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-02T01:30:00-05:00"]),
    ("30 2 * * *", datetime(2026, 10, 24, 12, tzinfo=ZoneInfo("Europe/Berlin")),
     ["2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00", "2026-10-27T02:30:00+01:00"],
     ["2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00", "2026-10-26T02:30:00+01:00"]),
]
AGREED_DST_ROWS = [
    # spring forward: a time in the gap fires right after the jump, in both
    ("30 2 * * *", datetime(2026, 3, 7, 12, tzinfo=NEW_YORK),
     ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00"]),
    # a repeated hour, every 30 minutes: both passes, in both
    ("*/30 1 * * *", datetime(2026, 11, 1, 0, 50, tzinfo=NEW_YORK),
     ["2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:00:00-05:00",
      "2026-11-01T01:30:00-05:00"]),
]


@pytest.mark.parametrize(("expression", "start", "ours", "theirs"), DST_ROWS)
def test_a_fixed_time_in_a_repeated_hour_fires_once_where_croniter_fires_twice(
        expression: str, start: datetime, ours: list[str], theirs: list[str]) -> None:
    facade_itr, real_itr = croniter(expression, start), real.croniter(expression, start)
    assert [facade_itr.get_next(datetime).isoformat() for _ in ours] == ours
    assert [real_itr.get_next(datetime).isoformat() for _ in theirs] == theirs


@pytest.mark.parametrize(("expression", "start", "expected"), AGREED_DST_ROWS)
def test_the_dst_cases_where_croniter_is_right_agree(expression: str, start: datetime,
                                                     expected: list[str]) -> None:
    for kind in (croniter, real.croniter):
        itr = kind(expression, start)
        assert [itr.get_next(datetime).isoformat() for _ in expected] == expected


def test_an_iterator_pickles_and_goes_on_where_it_was() -> None:
    itr = croniter("*/5 * * * *", datetime(2024, 1, 1))
    itr.get_next()
    copy = pickle.loads(pickle.dumps(itr))
    assert copy.get_next(datetime) == datetime(2024, 1, 1, 0, 10)
    assert itr.get_next(datetime) == datetime(2024, 1, 1, 0, 10)  # the original is its own


def test_errors_are_croniters_and_cadences() -> None:
    with pytest.raises(CroniterBadCronError) as bad:
        croniter("61 * * * *")
    assert isinstance(bad.value, cadence.ParseError)
    assert isinstance(bad.value, ValueError)
    assert str(bad.value) == "[61 * * * *] is not acceptable: minute 61 is out of range 0-59"
    with pytest.raises(CroniterNotAlphaError, match="'janu' is not a number or a name"):
        croniter("* * * janu-jun *")
    with pytest.raises(CroniterBadCronError, match="Exactly 5, 6 or 7 columns"):
        croniter("* * *")
    with pytest.raises(CroniterUnsupportedSyntaxError, match="hashed fields"):
        croniter("H H * * *", hash_id="job")
    with pytest.raises(CroniterBadDateError, match="failed to find next date"):
        croniter("0 0 31 2 *", START).get_next()
    error = pickle.loads(pickle.dumps(CroniterBadDateError("failed to find next date")))
    assert str(error) == "failed to find next date"


def test_the_class_methods_answer_as_croniter_s_do() -> None:
    for kind in (croniter, real.croniter):
        assert kind.is_valid("0 0 1 * *")
        assert not kind.is_valid("0 wrong_value 1 * *")
        assert kind.is_valid("0 0 31 2 *")
        assert not kind.is_valid("0 0 31 2 *", strict=True)
        assert kind.is_valid("0 0 29 2 * 0 2023-2025", strict=True)
        assert not kind.is_valid("0 0 29 2 *", strict=True, strict_year=2023)
        assert kind.match("0 0 * * *", datetime(2019, 1, 14, 0, 0, 59))
        assert not kind.match("0 0 * * *", datetime(2019, 1, 14, 0, 0, 59),
                              precision_in_seconds=1)
        assert not kind.match("2 4 1 * wed", datetime(2019, 1, 1, 4, 2), day_or=False)
        assert kind.match_range("0 0 * * *", datetime(2019, 1, 13, 0, 59),
                                datetime(2019, 1, 14, 0, 1))
        assert not kind.match_range("0 0 * * *", datetime(2019, 1, 13, 0, 1),
                                    datetime(2019, 1, 13, 0, 59))
    for expression in ("*/15 9-17 L * 1-5", "0 0 * * 5#3,L5", "0 0 1 1 * 0 2030",
                       "0 0 * 11-2 *", "0 0 * * 0-6,sat#3", "0 0 1 * 0-6"):
        assert croniter.expand(expression) == real.croniter.expand(expression)


def test_croniter_range_walks_both_ways_with_its_ends() -> None:
    for function in (croniter_range, real.croniter_range):
        firsts = [moment.day for moment in function(datetime(2019, 1, 1),
                                                    datetime(2019, 12, 31), "0 0 * * sat#1")]
        assert firsts == [5, 2, 2, 6, 4, 1, 6, 3, 7, 5, 2, 7]
        # 1_700_000_100 is 22:15:00 UTC, a minute's start; 1_700_000_000 is 22:13:20
        backward = list(function(1_700_000_100.0, 1_700_000_000.0, "* * * * *"))
        assert backward == [1_700_000_100.0, 1_700_000_040.0]
        assert list(function(datetime(2024, 1, 1), datetime(2024, 1, 1, 0, 2), "* * * * *",
                             exclude_ends=True)) == [datetime(2024, 1, 1, 0, 1)]


def test_all_next_stops_at_an_explicit_search_limit() -> None:
    itr = croniter("0 4 1 1 fri", datetime(2000, 1, 1), day_or=False,
                   max_years_between_matches=15)
    found = [moment.year for moment in itr.all_next(datetime)]
    assert found[:5] == [2010, 2016, 2021, 2027, 2038]
    # to the calendar's end, then stops (croniter 7.0.0 raises ValueError at year 10000)
    assert 9990 <= found[-1] <= 9999


def test_the_one_import_switch_keeps_croniter_s_module_names() -> None:
    for name in real.__all__:
        assert name == "cron_m" or hasattr(facade, name), name  # cron_m: the module itself
    assert facade.VALID_LEN_EXPRESSION == real.cron_m.VALID_LEN_EXPRESSION == {5, 6, 7}
    assert facade.croniter.RANGES == real.croniter.RANGES


def test_the_calendar_tables_are_croniter_s_built_from_cadence_s_facts() -> None:
    assert facade.croniter.ALPHACONV == real.croniter.ALPHACONV
    assert facade.croniter.DAYS_IN_MONTH == real.croniter.DAYS_IN_MONTH
    assert facade.croniter._get_nth_weekday_of_month(2026, 2, 1) == (2, 9, 16, 23)
    # Month and day names and month lengths are cadence's calendar facts
    # (cadence._calendar), not a second copy that could drift from them.
    tree = ast.parse(Path(facade.__file__).read_text(encoding="utf-8"))
    strings = {node.value for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert not strings & {"jan", "feb", "dec", "sun", "mon", "sat"}
    lengths = [ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.Tuple)
               and "31, 28, 31, 30" in ast.unparse(node)]
    assert lengths == []
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    assert "calendar" not in imported  # the stdlib's: cadence._calendar has what it needs


# Differential properties on the shapes where the two agree (no wrapping range with a
# step, no W beside a weekday, no L beside a weekday under AND, naive starts: UTC, no DST).
def _number(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(str)


def _item(low: int, high: int) -> st.SearchStrategy[str]:
    ranges = st.tuples(st.integers(low, high), st.integers(low, high)).map(sorted).map(
        lambda pair: f"{pair[0]}-{pair[1]}" if pair[0] != pair[1] else str(pair[0]))
    steps = st.tuples(st.sampled_from(["*", f"{low}", f"{low + 1}"]),
                      st.integers(1, high - low + 1)).map(lambda pair: f"{pair[0]}/{pair[1]}")
    return st.one_of(_number(low, high), ranges, steps, st.just("*"))


def _field(low: int, high: int) -> st.SearchStrategy[str]:
    return st.lists(_item(low, high), min_size=1, max_size=3).map(",".join)


DAYS = st.one_of(_field(1, 31), st.sampled_from(["L", "1,L", "15,L"]))
WEEKDAYS = st.one_of(_field(0, 7), st.sampled_from(["mon-fri", "sat,sun"]))
NTH_WEEKDAYS = st.sampled_from(["5#3", "L5", "1#1,5#2", "L0", "tue#5", "sun#1,L6"])
#: (day-of-month, month, day-of-week), with one or both day fields restricted. An n-th
#: weekday beside a restricted day of the month is an intersection in both.
DAY_PARTS = st.one_of(
    st.tuples(DAYS, _field(1, 12), st.sampled_from(["*", "?"])),
    st.tuples(st.sampled_from(["*", "?"]), _field(1, 12), st.one_of(WEEKDAYS, NTH_WEEKDAYS)),
    st.tuples(_field(1, 31), _field(1, 12), WEEKDAYS),
    st.tuples(DAYS, _field(1, 12), NTH_WEEKDAYS),
)
EXPRESSIONS = st.tuples(
    _field(0, 59), _field(0, 23), DAY_PARTS,
    st.one_of(st.just(""), _field(0, 59).map(" {}".format))).map(
        lambda fields: " ".join([fields[0], fields[1], *fields[2]]) + fields[3])
STARTS = st.datetimes(datetime(1990, 1, 1), datetime(2080, 1, 1))


@settings(max_examples=300)
@given(EXPRESSIONS, STARTS, st.booleans(), st.booleans())
def test_the_facade_agrees_with_croniter_on_random_expressions(
        expression: str, start: datetime, backward: bool, day_or: bool) -> None:
    days, weekdays = expression.split()[2:5:2]
    if days not in ("*", "?") and ("#" in weekdays or "L" in weekdays):
        # An n-th weekday beside a restricted day of the month: the facade intersects the
        # two, as croniter's own tests expect ("0 0 15 * fri#2" never fires) and as it
        # does with day_or=False. With day_or=True croniter 7.0.0 is neither union nor
        # intersection: "0 0 7 * 1#1" fires every first Monday, "0 0 8 * 1#1" never,
        # "0 0 L * 5#3" never and "0 0 15,L * 5#3" every third Friday.
        day_or = False
    assert (walk(croniter, expression, start, 6, backward, day_or=day_or)
            == walk(real.croniter, expression, start, 6, backward, day_or=day_or))


@settings(max_examples=100)
@given(EXPRESSIONS, st.datetimes(datetime(2000, 1, 1), datetime(2060, 1, 1)))
def test_match_agrees_with_croniter(expression: str, moment: datetime) -> None:
    days, weekdays = expression.split()[2:5:2]
    assume(days in ("*", "?") or not ("#" in weekdays or "L" in weekdays))  # see above
    try:
        nearby = croniter(expression, moment - timedelta(seconds=1)).get_next(datetime)
    except CroniterBadDateError:
        nearby = moment
    for probe in (moment, nearby, nearby + timedelta(seconds=30)):
        assert croniter.match(expression, probe) == real.croniter.match(expression, probe)


def test_an_aware_utc_start_answers_as_a_naive_one_in_utc() -> None:
    aware = croniter("0 9 * * mon-fri", START.replace(tzinfo=timezone.utc))
    naive = croniter("0 9 * * mon-fri", START)
    assert aware.get_next() == naive.get_next()


def test_r_draws_its_values_once_per_iterator() -> None:
    itr = croniter("R R * * *", START)
    first, second = itr.get_next(datetime), itr.get_next(datetime)
    assert second - first == timedelta(days=1)  # the same time each day, within one iterator
    assert len({croniter("R R * * *", START).expanded[0][0] for _ in range(40)}) > 1
    assert {croniter("0 0 R(10-12) * *", START).expanded[2][0] for _ in range(40)} <= {
        10, 11, 12}
