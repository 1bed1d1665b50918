"""Schedules that travel as JSON (issue 16): ``Schedule.to_json`` says what a schedule
means in the versioned form ``docs/ir-json.md`` documents, and ``Schedule.from_json``
reads it back, reporting every problem of a wrong payload with its JSON Pointer.

Round trips run over one sample of every format cadence reads (the samples of
``test_sniffing``, which a test there keeps equal to the registry), the iCalendar
fixtures, and Hypothesis's payloads of every format ``cadence.strategies`` draws; each
must give an equal schedule with the same occurrences, the same JSON again, and the same
output when written in its own format.
"""

from __future__ import annotations

import doctest
import json
import pickle
import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from itertools import islice
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

import cadence
from cadence import formats
from cadence import strategies as cs
from cadence._durations import parse_duration
from cadence.errors import ScheduleError, ZoneError
from cadence.ir import Instance, MonthDays, Period, Recurrence, Rule, Weekdays
from cadence.limits import MAX_LIST_LENGTH, MAX_PAYLOAD_BYTES
from cadence.schedule import Schedule
from test_sniffing import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ir-json.md"
FIXTURES = Path(__file__).parent / "fixtures"
#: Moments the occurrences are compared around.
MOMENTS = ("2026-03-01T00:00Z", "2026-10-25T00:30Z", "1969-12-31T00:00Z")
#: Formats whose payloads take a zone from ``tz=`` (they name none themselves).
ZONED = ["Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata"]


def documented_schema() -> dict[str, Any]:
    """The ```json block under the page's heading "The JSON Schema"."""
    found = re.search(r"^## The JSON Schema.*?```json\n(.*?)```", DOC.read_text("utf-8"),
                      flags=re.MULTILINE | re.DOTALL)
    assert found is not None, "docs/ir-json.md has no JSON Schema section"
    schema: dict[str, Any] = json.loads(found.group(1))
    return schema


SCHEMA = documented_schema()
CHECKER = FormatChecker()


def _moment(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return datetime.fromisoformat(value.replace("Z", "+00:00")).utcoffset() is not None


def _duration(value: object) -> bool:
    return not isinstance(value, str) or parse_duration(value) > timedelta(0)


# jsonschema checks "date-time" and "duration" only with optional packages: say them here.
CHECKER.checks("date-time", raises=ValueError)(_moment)
CHECKER.checks("duration", raises=ScheduleError)(_duration)


VALIDATOR = Draft202012Validator(SCHEMA, format_checker=CHECKER)


# -- helpers ------------------------------------------------------------------------------


def json_ready(value: object, at: str = "") -> None:
    """Only str, int, bool, None, list and dict (with str keys), all the way down."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), at
            json_ready(item, f"{at}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            json_ready(item, f"{at}/{index}")
    else:
        assert value is None or type(value) in (str, int, bool), (at, type(value))


def occurrences(schedule: Schedule) -> list[object]:
    """What a scheduler asks: the next and previous occurrences around a few moments."""
    found: list[object] = []
    for moment in MOMENTS:
        found.append([t.isoformat() for t in islice(schedule.iter_after(moment), 4)])
        found.append([t.isoformat() for t in islice(schedule.iter_before(moment), 2)])
    return found


def emitted(schedule: Schedule, format: str) -> object:
    """The schedule written in ``format``, or the refusal's class and words."""
    try:
        return cadence.emit(schedule, format)
    except ScheduleError as exc:
        return type(exc).__name__, str(exc)


def round_trip(schedule: Schedule) -> Schedule:
    """``schedule`` through its JSON text, with every promise of the form checked."""
    written = schedule.to_json()
    json_ready(written)
    VALIDATOR.validate(written)
    assert next(iter(written)) == "cadence_ir"
    text = json.dumps(written, sort_keys=True)
    again = Schedule.from_json(text)
    assert again == schedule
    assert again.format == schedule.format
    metadata = dict(again.metadata)
    if again.source != schedule.source:  # the text says another schedule (bounded...)
        assert (again.source, again.spelling) == ("", None)
        assert metadata.pop("former_source") == schedule.source
        written["source"] = again.to_json()["source"]
    assert metadata == dict(schedule.metadata)
    assert again.to_json() == written
    assert occurrences(again) == occurrences(schedule)
    fmt = formats.registry().get(schedule.format)
    if fmt is not None and fmt.write is not None:
        assert emitted(again, schedule.format) == emitted(schedule, schedule.format)
    return again


# -- the documentation ----------------------------------------------------------------------


def test_the_documented_schema_is_a_draft_2020_12_schema_of_version_1() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["properties"]["cadence_ir"] == {"const": 1}


def test_the_documentation_examples_run_as_written() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text("utf-8"), flags=re.DOTALL)
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "ir-json.md",
                                               str(DOC), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_documented_richer_example_is_what_to_json_writes() -> None:
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text("utf-8"), flags=re.DOTALL)
    example = json.loads(blocks[0])
    schedule = cadence.parse(example["source"]["text"], "rrule")
    assert schedule.to_json() == example


# -- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [name for name, (_, first) in SAMPLES.items() if first])
def test_a_sample_of_every_format_survives_its_json_form(name: str) -> None:
    schedule = cadence.parse(SAMPLES[name][0], name)
    again = round_trip(schedule)
    assert again.spelling == schedule.spelling  # the source read again means the same
    assert [rule.notes for rule in again.rules] == [rule.notes for rule in schedule.rules]
    assert again.next(SAMPLES[name][1]) is not None


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "ical").glob("*.ics")),
                         ids=lambda path: path.name)
def test_an_icalendar_schedule_with_its_events_survives_its_json_form(fixture: Path) -> None:
    round_trip(cadence.parse(fixture.read_text(encoding="utf-8"), "ical"))


@pytest.mark.parametrize("name", cs.formats())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_drawn_schedule_of_every_format_survives_its_json_form(
        name: str, data: st.DataObject) -> None:
    try:
        strategy = cs.for_format(name, zones=ZONED)
    except TypeError:  # a format whose payloads name no zone: tz= gives it one
        strategy = cs.for_format(name)
    payload = data.draw(strategy, label="payload")
    zone = data.draw(st.sampled_from(ZONED), label="tz")
    try:
        schedule = cadence.parse(payload, name, tz=zone)
    except ScheduleError:  # a payload that holds no schedule (a time bundle's status)
        return
    again = round_trip(schedule)
    assert again.spelling == schedule.spelling


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedule=cs.schedules(zones=["Europe/Berlin", "America/Sao_Paulo", "UTC",
                                    "Australia/Lord_Howe"]))
def test_a_schedule_built_from_the_ir_survives_its_json_form(schedule: Schedule) -> None:
    round_trip(schedule)


def test_rfc_5545_set_parts_and_rule_bounds_survive_their_json_form() -> None:
    zone = "America/New_York"
    monday = Rule((0,), (30,), (8,), weekdays=Weekdays((0,), nth=((2, -2),)),
                  start=datetime(2026, 1, 5, 13, 30, tzinfo=timezone.utc), count=7,
                  year_days=(-1, 5, 100), week_numbers=(2, -1), week_start=6,
                  positions=(1, -1), position_unit="month",
                  duration=timedelta(hours=1, microseconds=250))
    other = Rule((0, 30), (0,), (12,), month_days=MonthDays((1, 15), (0, 3), (10,), True, (2,)),
                 weekdays=Weekdays((4,), last=(5,)), day_match="or",
                 period=Period.anchored("week", 3, date(2026, 1, 7), week_start=6),
                 excluded_dates=(date(2026, 2, 1),), fixed_time=False,
                 end=datetime(2030, 1, 1, 0, 0, 0, 500, tzinfo=timezone.utc),
                 year_weekdays=((0, 20), (6, -1)))
    exclusion = Rule((0,), (0,), (12,), months=(2, 3), years=(2027, 2028))
    recurrence = Recurrence(
        (monday, other), zone, start=datetime(2026, 1, 1), end="2031-01-01T00:00:00.5Z",
        dates=(Instance(datetime(2026, 12, 24, 23, tzinfo=timezone.utc),
                        datetime(2026, 12, 25, 1, tzinfo=timezone.utc)),
               Instance(datetime(2027, 1, 1, tzinfo=timezone.utc))),
        excluded=(datetime(2026, 1, 12, 13, 30, tzinfo=timezone.utc),),
        exclusions=(exclusion,), metadata={"owner": "ops", "tags": ["a", {"b": None}]})
    again = round_trip(Schedule(recurrence))
    assert again.metadata["tags"] == ("a", MappingProxyType({"b": None}))


@pytest.mark.parametrize(("zone", "written"), [
    (timezone(timedelta(hours=5, minutes=30), "IST"), "UTC+05:30"),
    (timezone(-timedelta(hours=3, minutes=30, seconds=15)), "UTC-03:30:15"),
    (timezone.utc, "UTC"),
    ("Etc/GMT-14", "Etc/GMT-14"),
    ("GMT", "UTC"),
])
def test_a_fixed_offset_zone_is_written_as_its_offset_and_read_back(
        zone: str | tzinfo, written: str) -> None:
    schedule = cadence.parse("0 9 * * 1-5", tz=zone)
    assert schedule.to_json()["zone"] == written
    assert round_trip(schedule).recurrence.zone_name == written


class _Mystery(tzinfo):
    """A tzinfo that says nothing of which zone it is."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=2)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "Europe/Berlin"


def test_a_zone_that_cannot_say_which_it_is_is_refused_with_what_to_do() -> None:
    schedule = cadence.parse("0 9 * * *", tz=_Mystery())
    with pytest.raises(ZoneError, match="neither an IANA zone nor a fixed UTC offset") as error:
        schedule.to_json()
    assert "tz=" in str(error.value)
    assert "Europe/Berlin (_Mystery)" in str(error.value)


def test_metadata_that_json_cannot_carry_is_refused_naming_where() -> None:
    schedule = Schedule(Rule((0,), (0,), (9,)), metadata={"tags": ["ok", {1, 2}]})
    with pytest.raises(ScheduleError, match=r"/source/metadata/tags/1, which JSON cannot"):
        schedule.to_json()


# -- canonical and stable ----------------------------------------------------------------


def _meaning(schedule: Schedule) -> dict[str, Any]:
    written = schedule.to_json()
    del written["source"]
    return written


def test_schedules_that_compare_equal_write_the_same_json_apart_from_their_source() -> None:
    same = [cadence.parse("0 9 * * 1-5"), cadence.parse("0 0 9 ? * MON-FRI", "quartz"),
            cadence.parse("Mon..Fri 09:00", "systemd"),
            cadence.parse("RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;"
                          "BYSECOND=0", "rrule")]
    assert all(schedule == same[0] for schedule in same)
    assert all(_meaning(schedule) == _meaning(same[0]) for schedule in same)
    nine, ten = Rule((0,), (0,), (9,)), Rule((0,), (0,), (10,))
    paris = ZoneInfo("Europe/Paris")
    assert Schedule([nine, ten, nine], paris).to_json() == Schedule([ten, nine], paris).to_json()


#: (source, format, tz) -> its JSON text with sorted keys. A change here changes what
#: job stores hold: it needs a new version of the form (see docs/ir-json.md).
GOLDEN = [
    (("0 9 * * 1-5", None, "Europe/Berlin"),
     '{"cadence_ir": 1, "rules": [{"hours": [9], "minutes": [0], "seconds": [0], "weekdays":'
     ' {"days": ["MO", "TU", "WE", "TH", "FR"]}}], "source": {"format": "cron", "text": '
     '"0 9 * * 1-5"}, "zone": "Europe/Berlin"}'),
    (("0 30 9 ? * MON-FRI", "quartz", "America/New_York"),
     '{"cadence_ir": 1, "rules": [{"hours": [9], "minutes": [30], "second_pass": true, '
     '"seconds": [0], "skip_gaps": true, "weekdays": {"days": ["MO", "TU", "WE", "TH", '
     '"FR"]}}], "source": {"format": "quartz", "text": "0 30 9 ? * MON-FRI"}, "zone": '
     '"America/New_York"}'),
    (("0 0 12 L-2W * ? 2027", "quartz", None),
     '{"cadence_ir": 1, "rules": [{"hours": [12], "minutes": [0], "month_days": '
     '{"nearest_weekday_from_last": [2]}, "seconds": [0], "years": [2027]}], "source": '
     '{"format": "quartz", "text": "0 0 12 L-2W * ? 2027"}, "zone": "UTC"}'),
    (("*/15 * * * *", "cron", None),
     '{"cadence_ir": 1, "rules": [{"hours": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, '
     '14, 15, 16, 17, 18, 19, 20, 21, 22, 23], "minutes": [0, 15, 30, 45], "seconds": [0]}], '
     '"source": {"format": "cron", "text": "*/15 * * * *"}, "zone": "UTC"}'),
    (("DTSTART;TZID=Europe/Berlin:20261123T090000\nRRULE:FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR;"
      "COUNT=4\nEXDATE;TZID=Europe/Berlin:20270430T090000", None, None),
     '{"cadence_ir": 1, "excluded": ["2027-04-30T09:00:00+02:00"], "rules": [{"count": 4, '
     '"hours": [9], "minutes": [0], "period": {"every": 5, "phase": 2, "unit": "month"}, '
     '"seconds": [0], "skip_gaps": true, "start": "2026-11-23T09:00:00+01:00", "weekdays": '
     '{"last": ["FR"]}}], "source": {"format": "rrule", "text": "DTSTART;TZID=Europe/Berlin:'
     '20261123T090000\\nRRULE:FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR;COUNT=4\\nEXDATE;TZID='
     'Europe/Berlin:20270430T090000"}, "start": "2026-11-23T09:00:00+01:00", "zone": '
     '"Europe/Berlin"}'),
    (("Sat *-*-1..7 18:00:00", "systemd", "Asia/Tokyo"),
     '{"cadence_ir": 1, "rules": [{"hours": [18], "minutes": [0], "month_days": {"days": '
     '[1, 2, 3, 4, 5, 6, 7]}, "seconds": [0], "skip_gaps": true, "weekdays": {"days": '
     '["SA"]}}], "source": {"format": "systemd", "text": "Sat *-*-1..7 18:00:00"}, "zone": '
     '"Asia/Tokyo"}'),
    (({"cronStr": "0 22 * * *", "name": "nightly", "enabled": True}, "edfs", "Europe/Berlin"),
     '{"cadence_ir": 1, "rules": [{"hours": [22], "minutes": [0], "seconds": [0]}], '
     '"source": {"format": "edfs", "metadata": {"enabled": true, "name": "nightly"}, "text":'
     ' "{\\"cronStr\\": \\"0 22 * * *\\", \\"enabled\\": true, \\"name\\": \\"nightly\\"}"}, '
     '"zone": "Europe/Berlin"}'),
]


@pytest.mark.parametrize(("given", "expected"), GOLDEN, ids=lambda value: str(value)[:30])
def test_the_json_of_a_schedule_is_stable(given: tuple[Any, str | None, str | None],
                                          expected: str) -> None:
    source, format, zone = given
    schedule = cadence.parse(source, format, tz=zone)
    assert json.dumps(schedule.to_json(), sort_keys=True) == expected
    assert Schedule.from_json(expected) == schedule


# -- the spelling, the metadata, pickling ------------------------------------------------


def test_a_source_that_no_longer_means_the_payload_gives_no_spelling_but_keeps_the_rest(
        ) -> None:
    timer = cadence.parse({"cronStr": "0 22 * * MON-FRI", "name": "nightly"}, "edfs")
    written = timer.to_json()
    written["rules"][0]["hours"] = [23]
    changed = Schedule.from_json(written)
    assert changed.spelling is None
    assert (changed.format, changed.source) == (timer.format, "")
    assert changed.metadata["former_source"] == timer.source
    assert changed.metadata["name"] == "nightly"
    assert changed.next("2026-12-01T00:00Z") == datetime(2026, 12, 1, 23, tzinfo=timezone.utc)
    assert cadence.emit(changed, "edfs")["cronStr"] == "0 23 * * 1-5"
    assert cadence.emit(timer, "edfs")["cronStr"] == "0 22 * * MON-FRI"


def test_a_source_text_that_says_another_schedule_is_not_shown_as_its_source() -> None:
    pytest.importorskip("apscheduler")
    from cadence.integrations.apscheduler import CadenceTrigger

    written = cadence.parse("0 10 * * *", tz="Europe/Berlin").to_json()
    written["rules"][0]["hours"] = [9]
    changed = Schedule.from_json(written)
    assert changed.next("2026-12-01T00:00Z") == datetime(2026, 12, 1, 9, tzinfo=ZoneInfo(
        "Europe/Berlin"))
    assert (changed.format, changed.source) == ("cron", "")
    assert repr(changed) == "<Schedule cron '' tz='Europe/Berlin'>"
    assert "0 10" not in str(CadenceTrigger(changed))
    assert dict(changed.metadata) == {"former_source": "0 10 * * *"}
    assert cadence.emit(changed, "cron") == "CRON_TZ=Europe/Berlin 0 9 * * *"
    again = Schedule.from_json(changed.to_json())  # and so it stays
    assert (again.source, dict(again.metadata)) == ("", {"former_source": "0 10 * * *"})
    assert again == changed


def test_a_bounded_schedule_keeps_its_bounds_and_metadata() -> None:
    timer = cadence.parse({"cronStr": "0 22 * * *", "name": "nightly"}, "edfs")
    bounded = timer.bounded("2026-12-01T00:00Z", "2026-12-03T00:00+01:00")
    again = round_trip(bounded)
    assert (again.source, again.metadata["former_source"]) == ("", timer.source)
    assert again.metadata["name"] == "nightly"
    assert again.to_json()["end"] == "2026-12-02T23:00:00+00:00"
    assert [t.day for t in again.between("2026-11-01T00:00Z", "2027-01-01T00:00Z")] == [1, 2]


def test_a_schedule_read_from_json_pickles_and_keeps_its_json() -> None:
    schedule = Schedule.from_json(cadence.parse("0 0 9 ? * MON-FRI", "quartz",
                                                tz="Europe/Berlin").to_json())
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        copied = pickle.loads(pickle.dumps(schedule, protocol))
        assert copied == schedule
        assert copied.spelling == schedule.spelling
        assert copied.to_json() == schedule.to_json()


@pytest.mark.parametrize("kind", ["dict", "str", "bytes", "mapping"])
def test_the_json_form_reads_as_a_dict_its_text_or_its_bytes(kind: str) -> None:
    schedule = cadence.parse("30 8 1 * *", tz="Asia/Tokyo")
    written = schedule.to_json()
    given: object = {"dict": written, "str": json.dumps(written),
                     "bytes": json.dumps(written).encode(),
                     "mapping": MappingProxyType(written)}[kind]
    assert Schedule.from_json(given) == schedule  # type: ignore[arg-type]


def test_a_quartz_schedule_keeps_firing_from_1970_only() -> None:
    quartz = cadence.parse("0 0 9 * * ?", "quartz")
    again = Schedule.from_json(quartz.to_json())
    assert again.prev("1970-01-02T00:00Z") == quartz.prev("1970-01-02T00:00Z")
    assert again.prev("1970-01-01T00:00Z") is None


# -- reading is validation -------------------------------------------------------------------

RULE = {"seconds": [0], "minutes": [0], "hours": [9]}


def payload(**changes: object) -> dict[str, Any]:
    written: dict[str, Any] = {"cadence_ir": 1, "zone": "UTC", "rules": [dict(RULE)]}
    written.update(changes)
    return written


def rule(**changes: object) -> dict[str, Any]:
    return payload(rules=[{**RULE, **changes}])


#: (what is wrong, the payload, every (pointer, code) it must give).
WRONG: list[tuple[str, object, list[tuple[str, str]]]] = [
    ("a newer version", payload(cadence_ir=2, colour="red"),
     [("/cadence_ir", "UNSUPPORTED_VERSION")]),
    ("a version as text", payload(cadence_ir="1"), [("/cadence_ir", "INVALID_TYPE")]),
    ("version 0", payload(cadence_ir=0), [("/cadence_ir", "INVALID_VALUE")]),
    ("no version, zone or rules", {"source": {"format": "cron"}},
     [("/cadence_ir", "MISSING_FIELD"), ("/zone", "MISSING_FIELD"),
      ("/rules", "MISSING_FIELD")]),
    ("unknown keys everywhere", payload(
        colour="red", rules=[{**RULE, "hour": [9], "weekdays": {"day": ["MO"]}}],
        source={"format": "cron", "txt": "x"}),
     [("/colour", "UNKNOWN_FIELD"), ("/rules/0/hour", "UNKNOWN_FIELD"),
      ("/rules/0/weekdays/day", "UNKNOWN_FIELD"), ("/source/txt", "UNKNOWN_FIELD")]),
    ("a rule without hours", payload(rules=[{"seconds": [0], "minutes": [0]}]),
     [("/rules/0/hours", "MISSING_FIELD")]),
    ("wrong JSON types", payload(
        zone=3, rules=[{**RULE, "hours": "9", "minutes": [0, 1.5], "fixed_time": "yes",
                        "weekdays": ["MO"], "duration": 3600, "count": True}],
        start=1_700_000_000, dates={}, source="cron"),
     [("/zone", "INVALID_TYPE"), ("/rules/0/minutes/1", "INVALID_TYPE"),
      ("/rules/0/hours", "INVALID_TYPE"), ("/rules/0/weekdays", "INVALID_TYPE"),
      ("/rules/0/fixed_time", "INVALID_TYPE"), ("/rules/0/duration", "INVALID_TYPE"),
      ("/rules/0/count", "INVALID_TYPE"), ("/start", "INVALID_TYPE"),
      ("/dates", "INVALID_TYPE"), ("/source", "INVALID_TYPE")]),
    ("impossible values, each where it is", payload(rules=[
        {"seconds": [0, 60], "minutes": [0], "hours": [9, 25, 24], "months": [13],
         "month_days": {"days": [32], "from_last": [31]},
         "weekdays": {"days": ["MO", "XX"], "nth": [["MO", 6]]}, "years": [10000],
         "year_days": [0], "week_numbers": [54], "positions": [367],
         "position_unit": "fortnight", "period": {"unit": "week", "every": 0},
         "duration": "-PT1H", "excluded_dates": ["2026-02-30"], "day_match": "xor"}]),
     [("/rules/0/seconds/1", "VALUE_OUT_OF_RANGE"), ("/rules/0/hours/1", "VALUE_OUT_OF_RANGE"),
      ("/rules/0/hours/2", "VALUE_OUT_OF_RANGE"), ("/rules/0/months/0", "VALUE_OUT_OF_RANGE"),
      ("/rules/0/month_days/days/0", "VALUE_OUT_OF_RANGE"),
      ("/rules/0/month_days/from_last/0", "VALUE_OUT_OF_RANGE"),
      ("/rules/0/weekdays/days/1", "INVALID_VALUE"),
      ("/rules/0/weekdays/nth/0", "VALUE_OUT_OF_RANGE"),
      ("/rules/0/years/0", "VALUE_OUT_OF_RANGE"), ("/rules/0/year_days/0", "VALUE_OUT_OF_RANGE"),
      ("/rules/0/week_numbers/0", "VALUE_OUT_OF_RANGE"),
      ("/rules/0/positions/0", "VALUE_OUT_OF_RANGE"),
      ("/rules/0/position_unit", "INVALID_VALUE"), ("/rules/0/period", "INVALID_VALUE"),
      ("/rules/0/excluded_dates/0", "INVALID_VALUE"), ("/rules/0/day_match", "INVALID_VALUE")]),
    ("a negative window", rule(duration="-PT1H"), [("/rules/0", "INVALID_VALUE")]),
    ("an empty list of hours", rule(hours=[]), [("/rules/0/hours", "INVALID_VALUE")]),
    ("a count without a start", rule(count=3), [("/rules/0", "INVALID_VALUE")]),
    ("a period that selects no listed month",
     rule(months=[2], period={"unit": "month", "every": 3, "phase": 0}),
     [("/rules/0/period", "NEVER_FIRES")]),
    ("February 31 (cron's '0 9 31 2 *')", rule(months=[2], month_days={"days": [31]}),
     [("/rules/0", "NEVER_FIRES")]),
    ("a union of rules that each never fire", payload(rules=[
        {**RULE, "months": [2], "month_days": {"days": [30]}},
        {**RULE, "months": [4, 6], "month_days": {"days": [31]}}]),
     [("/rules/0", "NEVER_FIRES"), ("/rules/1", "NEVER_FIRES")]),
    ("the 5th Monday of February 2027", rule(
        months=[2], years=[2027], weekdays={"nth": [["MO", 5]]}),
     [("/rules/0", "NEVER_FIRES")]),
    ("a rule that starts after it ends", rule(
        start="2026-02-01T09:00:00Z", end="2026-01-01T09:00:00Z"),
     [("/rules/0", "NEVER_FIRES")]),
    ("start after end", payload(start="2026-02-01T00:00:00Z", end="2026-01-01T00:00:00Z"),
     [("/end", "NEVER_FIRES")]),
    ("start at end (end is exclusive)", payload(start="2026-01-01T09:00:00+01:00",
                                                end="2026-01-01T08:00:00Z"),
     [("/end", "NEVER_FIRES")]),
    ("moments without an offset, or past the calendar", payload(
        start="2026-01-01T00:00:00", end="2026-13-01T00:00:00Z",
        excluded=["tomorrow"], dates=[{"start": "2026-01-02T00:00:00Z",
                                       "end": "2026-01-01T00:00:00Z"}]),
     [("/start", "INVALID_VALUE"), ("/end", "INVALID_VALUE"), ("/excluded/0", "INVALID_VALUE"),
      ("/dates/0", "INVALID_VALUE")]),
    ("no rule and no date", payload(rules=[]), [("/rules", "INVALID_VALUE")]),
    ("an unknown zone", payload(zone="Europe/Berln"), [("/zone", "UNKNOWN_ZONE")]),
    ("the machine's zone", payload(zone="local"), [("/zone", "UNKNOWN_ZONE")]),
    ("an offset of a day", payload(zone="UTC+24:00"), [("/zone", "UNKNOWN_ZONE")]),
    ("an empty format", payload(source={"format": " ", "text": 5, "metadata": []}),
     [("/source/metadata", "INVALID_TYPE"), ("/source/text", "INVALID_TYPE"),
      ("/source/format", "INVALID_VALUE")]),
    ("not an object", ["cadence_ir", 1], [("", "INVALID_TYPE")]),
    ("text that is not JSON", '{"cadence_ir": 1,', [("", "INVALID_JSON")]),
    ("too much text", " " * MAX_PAYLOAD_BYTES + "{}", [("", "PAYLOAD_TOO_LARGE")]),
    ("too deep", "[" * 100 + "]" * 100, [("/0" * 64, "PAYLOAD_TOO_DEEP")]),
    ("too long a list", rule(minutes=[0] * (MAX_LIST_LENGTH + 1)),
     [("/rules/0/minutes", "LIST_TOO_LONG")]),
    ("too many digits", rule(count=10**5000), [("/rules/0/count", "NUMBER_TOO_LARGE")]),
    ("a huge number", rule(hours=[10**30]), [("/rules/0/hours/0", "VALUE_OUT_OF_RANGE")]),
    ("a Python value", payload(rules={1, 2}), [("/rules", "NOT_JSON")]),
]


@pytest.mark.parametrize(("what", "given", "expected"), WRONG, ids=[row[0] for row in WRONG])
def test_a_wrong_payload_lists_every_problem_with_its_pointer(
        what: str, given: object, expected: list[tuple[str, str]]) -> None:
    with pytest.raises(cadence.InvalidPayloadError) as error:
        Schedule.from_json(given)  # type: ignore[arg-type]
    found = [(problem.path, problem.code) for problem in error.value.problems]
    assert sorted(found) == sorted(expected)
    message = str(error.value)
    assert message.startswith("cadence IR payload is invalid")
    for problem in error.value.problems:
        assert problem.message
        assert problem.is_error
        # Words, never a Python repr or a traceback.
        assert not re.search(r"Traceback|<[a-z]|object at 0x|datetime\.|\{'|\(\(", problem.message)
        assert len(problem.message) < 400


def test_a_newer_version_says_which_version_this_cadence_reads_and_how_to_fix_it() -> None:
    with pytest.raises(cadence.InvalidPayloadError) as error:
        Schedule.from_json(payload(cadence_ir=7))
    message = error.value.problems[0].message
    assert "version 7" in message
    assert "reads versions up to 1" in message
    assert "upgrade cadence" in message


def test_an_unknown_key_is_told_the_key_it_resembles() -> None:
    with pytest.raises(cadence.InvalidPayloadError) as error:
        Schedule.from_json(rule(hour=[9]))
    assert "did you mean 'hours'?" in str(error.value)


def test_an_impossible_value_is_refused_in_the_words_of_the_ir() -> None:
    with pytest.raises(ScheduleError) as refused:
        Rule((0,), (0,), (25,))
    with pytest.raises(cadence.InvalidPayloadError) as error:
        Schedule.from_json(rule(hours=[25]))
    problem = error.value.problems[0]
    assert (problem.path, problem.message) == ("/rules/0/hours/0", str(refused.value))


def test_a_schedule_that_never_fires_is_refused_in_the_words_parse_uses() -> None:
    with pytest.raises(cadence.NeverFiresError) as refused:
        cadence.parse("0 9 31 2 *")
    with pytest.raises(cadence.InvalidPayloadError) as error:
        Schedule.from_json(rule(months=[2], month_days={"days": [31]}))
    [problem] = error.value.problems
    assert (problem.path, problem.code) == ("/rules/0", "NEVER_FIRES")
    assert "day-of-month 31 never falls in February" in problem.message
    assert "day-of-month '31' never falls in February" in str(refused.value)


@pytest.mark.parametrize(("what", "given", "first"), [
    ("one rule of a union fires", payload(rules=[
        {**RULE, "months": [2], "month_days": {"days": [31]}},
        {**RULE, "months": [3], "month_days": {"days": [31]}}]), "2026-03-31T09:00:00+00:00"),
    ("rules that never fire, and an explicit date", payload(
        rules=[{**RULE, "months": [2], "month_days": {"days": [31]}}],
        dates=[{"start": "2026-12-24T17:00:00Z"}]), "2026-12-24T17:00:00+00:00"),
    ("a window of one second", payload(start="2026-05-01T09:00:00Z",
                                       end="2026-05-01T09:00:01Z"),
     "2026-05-01T09:00:00+00:00"),
])
def test_a_schedule_that_fires_somewhere_still_reads(what: str, given: dict[str, Any],
                                                     first: str) -> None:
    found = Schedule.from_json(given).next("2026-01-01T00:00Z")
    assert found is not None
    assert found.isoformat() == first


def test_keys_given_at_their_default_read_as_if_left_out() -> None:
    spelled_out = payload(rules=[{
        **RULE, "months": list(range(1, 13)), "day_match": "and", "fixed_time": True,
        "skip_gaps": False, "second_pass": False, "excluded_dates": [], "year_days": [],
        "week_start": "MO", "weekdays": {"days": ["MO"], "nth": [], "last": []}}],
        source={"format": "ir", "text": "", "metadata": {}})
    assert Schedule.from_json(spelled_out).to_json() == payload(
        rules=[{**RULE, "weekdays": {"days": ["MO"]}}], source={"format": "ir", "text": ""})


@pytest.mark.parametrize("start", ["9999-12-31T23:00:00-12:00", "0001-01-01T00:00:00+14:00",
                                   "2026-03-29T02:30:00.25+02:00"])
def test_a_bound_near_the_calendar_ends_reads_back_as_the_same_instant(start: str) -> None:
    schedule = Schedule.from_json(payload(zone="Asia/Tokyo", start=start))
    assert Schedule.from_json(schedule.to_json()).recurrence.start_seconds == (
        schedule.recurrence.start_seconds)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-400, 10_000) | st.floats(allow_nan=False)
    | st.sampled_from(["MO", "week", "and", "UTC", "PT1H", "2026-01-01",
                       "2026-01-01T00:00:00Z", "x"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["seconds", "hours", "days", "nth", "unit", "every",
                                       "start", "format", "other"]), children, max_size=4),
    max_leaves=12)


def _resolves(written: object, path: str) -> bool:
    """Whether the JSON Pointer ``path`` names a place in ``written`` (or its parent
    does, for a key that is missing)."""
    place = written
    parts = [part.replace("~1", "/").replace("~0", "~") for part in path.split("/")[1:]]
    for index, part in enumerate(parts):
        if isinstance(place, dict) and part in place:
            place = place[part]
        elif isinstance(place, list) and part.isdecimal() and int(part) < len(place):
            place = place[int(part)]
        else:
            return index == len(parts) - 1 and isinstance(place, dict)
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from([name for name, (_, first) in SAMPLES.items() if first]),
       where=st.lists(st.sampled_from(["rules", 0, "weekdays", "days", "hours", "period",
                                       "source", "zone", "start", "month_days", "dates"]),
                      min_size=1, max_size=4),
       value=JSON_VALUES)
def test_any_change_to_a_payload_reads_or_is_refused_with_pointers_into_it(
        base: str, where: list[str | int], value: object) -> None:
    written = cadence.parse(SAMPLES[base][0], base).to_json()
    place: Any = written
    for step in where[:-1]:  # as far down as the path goes
        below = (place.get(step) if isinstance(place, dict) else
                 place[step] if isinstance(place, list) and isinstance(step, int)
                 and step < len(place) else None)
        if isinstance(below, dict | list):
            place = below
    last = where[-1]
    if isinstance(place, dict) and isinstance(last, str):
        place[last] = value
    elif isinstance(place, list) and place and isinstance(last, int):
        place[min(last, len(place) - 1)] = value
    problems: list[cadence.Problem] = []
    try:
        Schedule.from_json(written)
    except cadence.InvalidPayloadError as error:  # (any other exception fails the test)
        problems = error.problems
        assert problems
    for problem in problems:
        assert _resolves(written, problem.path), problem


def test_a_dst_policy_chosen_at_parse_keeps_the_source_through_json() -> None:
    """dst= is in the rules, not the text: the source read again under the rules'
    policy still means the schedule, so it stays its source."""
    chosen = cadence.parse("30 2 * * *", tz="Europe/Berlin", dst="quartz")
    again = cadence.Schedule.from_json(chosen.to_json())
    assert again == chosen
    assert again.source == "30 2 * * *"
    assert again.dst == "quartz"
