"""Schedules are shared values: ``parse`` hands the same memoized schedule to every
caller of the same text, so nothing a caller can reach may change what a later caller
gets (issue 14)."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

import pytest

import cadence
from cadence.ir import Recurrence, Rule
from cadence.schedule import Schedule

TEXT = "30 9 * * *"
AFTER = "2026-11-23T00:00Z"


def thawed(value: object) -> object:
    """Metadata as plain values, to compare whatever containers it is kept in."""
    if isinstance(value, Mapping):
        return {key: thawed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [thawed(item) for item in value]
    return value


def _answers(schedule: Schedule) -> tuple[object, ...]:
    return (schedule.rules, schedule.recurrence, schedule.next(AFTER),
            schedule.between(AFTER, "2026-11-26T00:00Z"), thawed(schedule.metadata))


def _set(name: str, value: object) -> Callable[[Schedule], None]:
    return lambda schedule: setattr(schedule, name, value)


NINE = Rule((0,), (0,), (9,))
MUTATIONS: dict[str, Callable[[Schedule], None]] = {
    "rules": _set("rules", (NINE,)),
    "recurrence": _set("recurrence", Recurrence(NINE)),
    "_compiled": _set("_compiled", None),
    "_first": _set("_first", False),
    "_last": _set("_last", (0, 10**10, None)),
    "_start": _set("_start", 10**10),
    "_end": _set("_end", 0),
    "a new attribute": _set("note", "mine"),
    "del recurrence": lambda schedule: delattr(schedule, "recurrence"),
    "del _last": lambda schedule: delattr(schedule, "_last"),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS.values()), ids=list(MUTATIONS))
def test_a_parsed_schedule_cannot_be_changed_for_the_next_caller(
        mutation: Callable[[Schedule], None]) -> None:
    shared = cadence.parse(TEXT)
    before = _answers(shared)
    with pytest.raises(AttributeError, match="a Schedule is immutable"):
        mutation(shared)
    again = cadence.parse(TEXT)
    assert again is shared  # the memo: the reason this matters
    assert _answers(again) == before


def test_the_message_says_how_to_get_a_changed_schedule() -> None:
    with pytest.raises(AttributeError) as raised:
        cadence.parse(TEXT).recurrence = Recurrence(NINE)
    assert "bounded(" in str(raised.value)
    assert "with_duration(" in str(raised.value)
    changed = cadence.parse(TEXT).with_duration(timedelta(hours=1))
    assert changed.rules[0].duration == timedelta(hours=1)
    assert cadence.parse(TEXT).rules[0].duration is None


PAYLOAD = {"cronStr": "0 9 * * *", "name": "nightly", "enabled": True,
           "parameters": [{"name": "Parameter", "value": "Value"}]}
TIMER = ('{"cronStr": "0 9 * * *", "name": "nightly", "enabled": true, '
         '"parameters": [{"name": "Parameter", "value": "Value"}]}')


@pytest.mark.parametrize("mutation", [
    lambda metadata: metadata.__setitem__("name", "changed"),
    lambda metadata: metadata.pop("name"),
    lambda metadata: metadata["parameters"].append({}),
    lambda metadata: metadata["parameters"][0].__setitem__("value", "changed"),
    lambda metadata: metadata["parameters"][0].clear(),
], ids=["set", "pop", "nested list", "dict in a list", "clear a dict in a list"])
def test_metadata_is_read_only_all_the_way_down(
        mutation: Callable[[object], None]) -> None:
    shared = cadence.parse(TIMER, "edfs")
    with pytest.raises((TypeError, AttributeError)):
        mutation(shared.metadata)
    assert thawed(cadence.parse(TIMER, "edfs").metadata) == {
        key: value for key, value in PAYLOAD.items() if key != "cronStr"}
    assert cadence.emit(cadence.parse(TIMER, "edfs"), "edfs") == PAYLOAD


@pytest.mark.parametrize("mutation", [
    lambda metadata: metadata["owner"].__setitem__("names", []),
    lambda metadata: metadata["owner"]["names"].append("dev"),
    lambda metadata: metadata["owner"]["names"][0].add("x"),
], ids=["nested dict", "list in a dict", "set in a list"])
def test_metadata_given_to_a_schedule_is_read_only_too(
        mutation: Callable[[object], None]) -> None:
    schedule = Schedule(NINE, metadata={"owner": {"names": [{"ops"}]}})
    with pytest.raises((TypeError, AttributeError)):
        mutation(schedule.metadata)
    assert thawed(schedule.metadata) == {"owner": {"names": [frozenset({"ops"})]}}


def test_metadata_given_to_a_schedule_is_copied_and_still_pickles() -> None:
    given: dict[str, object] = {"owner": {"names": ["ops"]}}
    schedule = Schedule(NINE, metadata=given)
    given["owner"]["names"].append("dev")  # type: ignore[index]
    assert thawed(schedule.metadata) == {"owner": {"names": ["ops"]}}
    copied = pickle.loads(pickle.dumps(schedule))
    assert copied == schedule
    assert copied.metadata == schedule.metadata


def test_what_a_writer_returns_is_the_callers_to_change() -> None:
    shared = cadence.parse(TIMER, "edfs")
    emitted: Any = cadence.emit(shared, "edfs")
    emitted["parameters"][0]["value"] = "changed"
    emitted["parameters"].append({"name": "More", "value": "x"})
    assert cadence.emit(shared, "edfs") == PAYLOAD
