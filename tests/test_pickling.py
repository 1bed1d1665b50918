"""Schedules pickle and deep-copy: job stores, process pools, Celery and Dask pass them
by pickle. A schedule is pickled as its recurrence (the IR and what the source said),
so unpickling builds it again without reading the source."""

from __future__ import annotations

import copy
import pickle
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cadence
from cadence import strategies as cs
from cadence.schedule import Schedule

FIXTURES = Path(__file__).parent / "fixtures"
AFTER = "2026-03-01T00:00Z"
#: Formats whose payloads take a zone from ``tz=`` (they name none themselves).
_ZONED = ["Europe/Berlin", "America/New_York", "UTC"]


def _same(copied: Schedule, original: Schedule) -> None:
    assert copied == original
    assert copied.format == original.format
    assert copied.source == original.source
    assert copied.spelling == original.spelling
    assert dict(copied.metadata) == dict(original.metadata)
    assert copied.recurrence.zone_name == original.recurrence.zone_name
    assert list(_first(copied)) == list(_first(original))
    assert _first(copied, 1000) == _first(original, 1000)


def _first(schedule: Schedule, count: int = 5) -> list[str]:
    return [moment.isoformat() for moment in islice(schedule.iter_after(AFTER), count)]


def _schedule(name: str, payload: object) -> Schedule:
    zone = "Europe/Berlin" if name in ("edfs", "bentley") else None
    return cadence.parse(payload, name, tz=zone)


@pytest.mark.parametrize("name", [name for name in cs.formats() if name != "ir"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_schedule_of_every_format_survives_pickle_and_deepcopy(
        name: str, data: st.DataObject) -> None:
    try:
        strategy = cs.for_format(name, zones=_ZONED)
    except TypeError:  # a format whose payloads name no zone
        strategy = cs.for_format(name)
    payload = data.draw(strategy, label="payload")
    try:
        schedule = _schedule(name, payload)
    except cadence.ScheduleError:  # a payload that is not a schedule (e.g. a status rule)
        return
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        _same(pickle.loads(pickle.dumps(schedule, protocol)), schedule)
    _same(copy.deepcopy(schedule), schedule)
    _same(Schedule(pickle.loads(pickle.dumps(schedule.recurrence))), schedule)


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "ical").glob("*.ics")),
                         ids=lambda path: path.name)
def test_an_icalendar_schedule_with_its_events_survives_pickle(fixture: Path) -> None:
    schedule = cadence.parse(fixture.read_text(encoding="utf-8"), "ical")
    _same(pickle.loads(pickle.dumps(schedule)), schedule)
    _same(copy.deepcopy(schedule), schedule)


@pytest.mark.parametrize(("source", "format"), [
    ("0 9 * * MON-FRI", "cron"),
    ("CRON_TZ=Europe/Berlin 0 9 * * MON-FRI", "cron"),
    ("0 0 9 ? * MON-FRI", "quartz"),
    ("DTSTART;TZID=Europe/Berlin:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,FR;COUNT=30",
     "rrule"),
    ("Mon..Fri 09:00", "systemd"),
])
def test_a_typical_pickle_is_under_a_kilobyte(source: str, format: str) -> None:
    assert len(pickle.dumps(cadence.parse(source, format))) < 1024


def test_unpickling_does_not_read_the_source_again(monkeypatch: pytest.MonkeyPatch) -> None:
    schedule = cadence.parse("*/15 9-17 * * MON-FRI", "cron", tz="Europe/Berlin")
    pickled = pickle.dumps(schedule)

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("unpickling parsed the source")

    from cadence import _api
    from cadence.formats import cron

    _api._parse_cached.cache_clear()  # a parse now would have to read the text
    monkeypatch.setattr(cron, "parse_cron", refuse)
    monkeypatch.setattr(cron, "_known", refuse)  # the look-up of fields read before
    monkeypatch.setattr("cadence._grammar.read_text", refuse)
    with pytest.raises(AssertionError, match="parsed"):  # the trap works
        cadence.parse("*/15 9-17 * * MON-FRI", "cron", tz="Europe/Berlin")
    copied = pickle.loads(pickled)
    monkeypatch.undo()
    _same(copied, schedule)


def test_a_pickled_schedule_walked_before_pickling_walks_the_same_after() -> None:
    schedule = cadence.parse("0 2 * * *", tz="America/New_York")
    walked = _first(schedule, 400)  # compiles and fills the caches
    assert _first(pickle.loads(pickle.dumps(schedule)), 400) == walked
