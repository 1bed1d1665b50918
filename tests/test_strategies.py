"""``cadence.strategies``: valid payloads validate and parse, near-misses fail with the code
and path they announce, and the options are respected."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import cadence
from cadence import strategies as cs
from cadence._zones import zone_name

ROOT = Path(__file__).resolve().parents[1]
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",
         "Pacific/Apia"]
EXAMPLES = settings(max_examples=60, deadline=None)

# (format, strategy for valid=...): every public strategy, with its widest options.
STRATEGIES: list[tuple[str, Callable[[bool], st.SearchStrategy[Any]]]] = [
    ("cron", lambda valid: cs.cron_expressions(zones=ZONES, valid=valid)),
    ("cron", lambda valid: cs.cron_expressions(valid=valid)),
    ("quartz", lambda valid: cs.quartz_expressions(zones=ZONES, valid=valid)),
    ("quartz", lambda valid: cs.cron_expressions("quartz", valid=valid)),
    ("rrule", lambda valid: cs.rrules(zones=ZONES, valid=valid, frequencies=[
        "YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"])),
    ("rrule", lambda valid: cs.rrules(valid=valid)),
    ("campaign", lambda valid: cs.campaign_schedules(zones=[*ZONES, "CST"], valid=valid)),
    ("campaign", lambda valid: cs.campaign_schedules(valid=valid)),
    ("helix", lambda valid: cs.helix_timeframes(zones=ZONES, valid=valid)),
    ("helix", lambda valid: cs.helix_timeframes(valid=valid)),
    ("edfs", lambda valid: cs.edfs_timers(valid=valid)),
    ("bentley", lambda valid: cs.bentley_calendars(valid=valid)),
    ("timebundle-status", lambda valid: cs.timebundle_status_changes(valid=valid)),
]
IDS = [f"{fmt}-{index}" for index, (fmt, _) in enumerate(STRATEGIES)]


def errors(payload: object, fmt: str) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in cadence.validate(payload, fmt) if p.is_error]


@pytest.mark.parametrize(("fmt", "make"), STRATEGIES, ids=IDS)
@EXAMPLES
@given(data=st.data())
def test_every_valid_payload_validates_without_an_error_and_parses(
    fmt: str, make: Callable[[bool], st.SearchStrategy[Any]], data: st.DataObject
) -> None:
    payload = data.draw(make(True))
    assert errors(payload, fmt) == []
    if fmt == "timebundle-status":
        return  # a status change validates but is no schedule
    schedule = cadence.parse(payload, format=fmt)
    assert isinstance(schedule, cadence.Schedule)


@pytest.mark.parametrize(("fmt", "make"), STRATEGIES, ids=IDS)
@EXAMPLES
@given(data=st.data())
def test_every_near_miss_fails_with_the_announced_code_at_the_announced_path(
    fmt: str, make: Callable[[bool], st.SearchStrategy[Any]], data: st.DataObject
) -> None:
    invalid = data.draw(make(False))
    assert isinstance(invalid, cs.Invalid)
    assert (invalid.code, invalid.path) in errors(invalid.payload, fmt)
    with pytest.raises(cadence.ScheduleError):
        cadence.parse(invalid.payload, format=fmt)


@EXAMPLES
@given(cs.schedules(zones=ZONES))
def test_every_schedule_fires(schedule: cadence.Schedule) -> None:
    assert schedule.format == "ir"
    first = schedule.next(schedule.start or "1970-01-01T00:00Z")
    assert first is not None
    assert schedule.matches(first)


# -- options ----------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_zones_are_drawn_from_the_given_ones(data: st.DataObject) -> None:
    zones = ["Asia/Kathmandu", "America/Sao_Paulo"]
    cron = data.draw(cs.cron_expressions(zones=zones))
    quartz = data.draw(cs.quartz_expressions(zones=zones))
    rule = data.draw(cs.rrules(zones=zones))
    for text, fmt in ((cron, "cron"), (quartz, "quartz"), (rule, "rrule")):
        assert zone_name(cadence.parse(text, format=fmt).tz) in zones
    assert data.draw(cs.campaign_schedules(zones=zones))["timeZoneId"] in zones
    frame = data.draw(cs.helix_timeframes(zones=zones))
    assert frame.get("schedule", frame)["timeZone"]["name"] in zones
    assert zone_name(data.draw(cs.schedules(zones=zones)).tz) in zones


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_without_zones_no_payload_names_one(data: st.DataObject) -> None:
    assert "CRON_TZ" not in data.draw(cs.cron_expressions())
    assert "TZID" not in data.draw(cs.rrules())
    assert "timeZoneId" not in data.draw(cs.campaign_schedules())
    frame = data.draw(cs.helix_timeframes())
    assert "timeZone" not in frame.get("schedule", frame)
    assert zone_name(data.draw(cs.schedules()).tz) == "UTC"


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_without_features_payloads_are_plain(data: st.DataObject) -> None:
    assert re.fullmatch(r"[0-9*]+( [0-9*]+){4}", data.draw(cs.cron_expressions(features=())))
    assert re.fullmatch(r"0( [0-9*?]+){5}", data.draw(cs.quartz_expressions(features=())))
    lines = data.draw(cs.rrules(features=())).splitlines()
    assert len(lines) == 2
    assert re.fullmatch(r"RRULE:FREQ=[A-Z]+", lines[1])
    campaign = data.draw(cs.campaign_schedules(features=()))
    assert set(campaign) == {"type", "hours", "days"}
    assert all(selector == {"type": "LIST", "values": selector["values"]}
               for selector in (campaign["hours"], campaign["days"]))
    frame = data.draw(cs.helix_timeframes(features=()))
    assert "recurrence" in frame["schedule"]
    assert "offset" not in frame["schedule"].get("timeZone", {})
    assert data.draw(cs.edfs_timers(features=())).keys() == {"cronStr"}
    calendar = data.draw(cs.bentley_calendars(features=()))["calendar"]
    assert "exceptions" not in calendar
    assert "workingDaysPerWeek" not in calendar
    times = [block[key] for kind in calendar["dayTypes"] for block in kind["timeBlocks"]
             for key in ("startTime", "endTime")]
    assert all(re.fullmatch(r"\d\d:\d\d", text) for text in times)
    (rule,) = data.draw(cs.schedules(features=())).rules
    assert (rule.seconds, rule.years, rule.duration, rule.period, rule.excluded_dates) == (
        (0,), None, None, None, ())


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_only_the_chosen_features_appear(data: st.DataObject) -> None:
    cron = data.draw(cs.cron_expressions(features={"lists", "names"}))
    assert not re.search(r"[-/#@]|\d[LW]|\bL\b", cron), cron
    quartz = data.draw(cs.quartz_expressions(features={"L", "#"}))
    assert not re.search(r"[-,/]", quartz.replace("L-", "")), quartz
    rule = data.draw(cs.rrules(features={"count", "byday"}, frequencies=["WEEKLY"]))
    parts = {part.split("=")[0] for part in rule.splitlines()[1][6:].split(";")}
    assert parts <= {"FREQ", "COUNT", "BYDAY"}
    campaign = data.draw(cs.campaign_schedules(features={"ranges"}, types=["MONTHLY"]))
    assert campaign["type"] == "MONTHLY"
    assert "interval" not in json.dumps(campaign)
    assert not any("L" in value for value in campaign["days"]["values"])
    frame = data.draw(cs.helix_timeframes(features={"bare"}, frequencies=["daily"]))
    assert frame.get("schedule", frame)["recurrence"]["frequency"] == "daily"
    schedule = data.draw(cs.schedules(features={"unions", "windows"}))
    assert all(rule.period is None and rule.years is None for rule in schedule.rules)


YEAR_PART_RULES = cs.rrules(features={"yeardays", "weeknos", "bymonth", "bymonthday", "byday",
                                      "interval", "until", "wkst"},
                            frequencies=["YEARLY", "HOURLY", "SECONDLY"],
                            zones=["America/New_York"])


@settings(max_examples=60, deadline=None)
@given(YEAR_PART_RULES)
def test_days_of_the_year_and_week_numbers_are_drawn_where_rfc_5545_allows_them(
        text: str) -> None:
    rule = text.splitlines()[1]
    schedule = cadence.parse(text, format="rrule")  # a rule that never fires is an error
    assert schedule.next(schedule.start or "2000-01-01T00:00Z") is not None
    if "BYWEEKNO=" in rule:
        assert "FREQ=YEARLY" in rule
        assert not re.search(r"BYDAY=[^;]*\d", rule), rule


@pytest.mark.parametrize("part", ["BYYEARDAY=", "BYWEEKNO="])
def test_the_year_part_features_draw_their_parts(part: str) -> None:
    # find stops at the first rule with the part: a generous budget costs nothing.
    assert part in find(YEAR_PART_RULES, lambda text: part in text,
                        settings=settings(database=None, max_examples=2000))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: cs.cron_expressions(features={"seconds"}), "unknown features"),
        (lambda: cs.quartz_expressions(features={"macros"}), "unknown features"),
        (lambda: cs.cron_expressions(features="lists"), "not the string"),
        (lambda: cs.cron_expressions("unix"), "dialect"),  # type: ignore[call-overload]
        (lambda: cs.rrules(zones=["Mars/Olympus_Mons"]), "unknown time zone"),
        (lambda: cs.rrules(frequencies=["FORTNIGHTLY"]), "frequencies"),
        (lambda: cs.campaign_schedules(types=[]), "types"),
        (lambda: cs.helix_timeframes(zones=[]), "zones is empty"),
        (lambda: cs.schedules(zones="UTC"), "not the string"),
        (lambda: cs.bentley_calendars(features={"zones"}), "unknown features"),
    ],
)
def test_bad_options_are_refused_at_once(make: Callable[[], object], message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        make()


def test_campaign_zones_may_be_java_short_ids() -> None:
    cs.campaign_schedules(zones=["CST", "IST"]).validate()
    with pytest.raises(InvalidArgument):
        cs.helix_timeframes(zones=["CST"])


# -- packaging -----------------------------------------------------------------------------


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=60)


def test_importing_cadence_does_not_import_hypothesis() -> None:
    found = _python("import sys, cadence, cadence.validate, cadence.cli\n"
                    "print('hypothesis' in sys.modules)")
    assert found.stdout.strip() == "False", found.stderr


def test_without_hypothesis_the_import_error_names_the_extra() -> None:
    found = _python("import sys\nsys.modules['hypothesis'] = None\n"
                    "try:\n    import cadence.strategies\n"
                    "except ImportError as exc:\n    print(exc)\n")
    assert 'pip install "cadence[strategies]"' in found.stdout, found.stderr


def test_the_strategies_extra_installs_hypothesis() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    extras = text.split("[project.optional-dependencies]", 1)[1].split("\n[", 1)[0]
    assert re.search(r'^strategies = \[\s*"hypothesis>=[0-9.]+",?\s*\]', extras, re.M), extras


# -- the registry of strategies ------------------------------------------------------------

#: Readable formats that hold schedules yet have no strategy, each with the reason.
WITHOUT_A_STRATEGY: dict[str, str] = {
    "ical": "its recurrence lines are read by the RRULE reader, which rrules() draws for; "
            "the calendar around them is checked by tests/test_ical.py",
}


def test_every_readable_format_that_holds_schedules_has_a_strategy_or_a_reason() -> None:
    names = cadence.formats.names(readable=True, schedules=True)
    missing = [name for name in names if name not in cs.formats()]
    assert sorted(missing) == sorted(WITHOUT_A_STRATEGY)
    for name in names:
        if name not in WITHOUT_A_STRATEGY:
            assert isinstance(cs.for_format(name), st.SearchStrategy)


def test_every_strategy_is_for_a_format_that_cadence_reads() -> None:
    assert set(cs.formats()) <= set(cadence.formats.names(readable=True))


@settings(max_examples=10, deadline=None)
@given(cs.for_format("quartz", features={"seconds"}, valid=False))
def test_for_format_passes_the_options_to_the_strategy_of_that_format(bad: cs.Invalid) -> None:
    assert isinstance(bad, cs.Invalid)
    assert (bad.code, bad.path) in errors(bad.payload, "quartz")
    with pytest.raises(InvalidArgument, match="unknown features"):
        cs.for_format("cron", features={"seconds"})


@pytest.mark.parametrize("name", ["ical", "crontab", "text", "", None])
def test_a_format_without_a_strategy_is_refused_naming_the_known_ones(name: Any) -> None:
    with pytest.raises(cadence.ScheduleError, match="no strategy for format") as caught:
        cs.for_format(name)
    assert all(known in str(caught.value) for known in cs.formats())


def test_type_checkers_see_every_module_that_discovery_finds() -> None:
    package = ROOT / "src" / "cadence" / "strategies"
    found = {path.stem for path in package.glob("*.py") if not path.stem.startswith("_")}
    init = (package / "__init__.py").read_text(encoding="utf-8")
    seen = set(re.findall(r"^    from \.(\w+) import \*", init, re.M))
    assert seen == found


def test_every_public_strategy_is_offered_under_its_name() -> None:
    offered = vars(cs)["__all__"]  # built by discovery, so type checkers do not see it
    assert all(hasattr(cs, name) for name in offered)
    assert {"systemd_calendar_events", "SYSTEMD_FEATURES", "for_format", "formats",
            "cron_expressions", "schedules", "Invalid"} <= set(offered)


# -- systemd ---------------------------------------------------------------------------------

SYSTEMD_EXAMPLES = settings(max_examples=100, deadline=None)


@SYSTEMD_EXAMPLES
@given(cs.systemd_calendar_events(zones=ZONES))
def test_every_systemd_event_parses_and_names_a_given_zone(text: str) -> None:
    assert errors(text, "systemd") == []
    schedule = cadence.parse(text, format="systemd")
    assert zone_name(schedule.tz) in ZONES
    assert schedule.next("1969-01-01T00:00Z") is not None  # years run from 1970


@SYSTEMD_EXAMPLES
@given(cs.systemd_calendar_events())
def test_every_systemd_event_without_zones_parses_and_fires(text: str) -> None:
    assert errors(text, "systemd") == []
    schedule = cadence.parse(text, format="systemd")
    assert schedule.next("1969-01-01T00:00Z") is not None  # '@0' is 1970-01-01


@SYSTEMD_EXAMPLES
@given(cs.systemd_calendar_events(valid=False))
def test_every_systemd_near_miss_fails_as_announced(bad: cs.Invalid) -> None:
    assert (bad.code, bad.path) == ("INVALID_EXPRESSION", "")
    assert (bad.code, bad.path) in errors(bad.payload, "systemd")
    with pytest.raises(cadence.ScheduleError):
        cadence.parse(bad.payload, format="systemd")


@settings(max_examples=30, deadline=None)
@given(cs.systemd_calendar_events(features=()))
def test_without_features_systemd_events_are_plain(text: str) -> None:
    assert re.fullmatch(r"((\*-)?[0-9*]+-[0-9*]+)?( ?[0-9*]+:[0-9*]+(:00)?)?", text), text


def test_systemd_zones_must_be_ones_systemd_names() -> None:
    with pytest.raises(InvalidArgument, match="zones"):
        cs.systemd_calendar_events(zones=["Mars/Olympus_Mons"])
