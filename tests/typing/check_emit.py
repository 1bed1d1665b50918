"""What a type checker infers for emit and convert (issue 15): a text format's name gives
a ``str``, a JSON format's a ``dict``, any other ``str`` the union, and ``lossy=True``
a pair. Checked by mypy (the project's run, and tests/test_api_edges.py); never run."""

from __future__ import annotations

import sys
from typing import Any

import cadence
from cadence.convert import Emitted

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type


def check(schedule: cadence.Schedule, target: str) -> None:
    assert_type(cadence.emit(schedule, "cron"), str)
    assert_type(cadence.emit(schedule, "text"), str)
    assert_type(cadence.emit("0 9 * * *", "ical"), str)
    assert_type(cadence.emit(schedule, "edfs"), dict[str, Any])
    assert_type(cadence.emit(schedule, "bentley"), dict[str, Any])
    assert_type(cadence.emit(schedule, target), Emitted)
    assert_type(cadence.emit(schedule, "quartz", lossy=True), tuple[str, list[str]])
    assert_type(cadence.emit(schedule, "helix", lossy=True), tuple[dict[str, Any], list[str]])
    assert_type(cadence.emit(schedule, target, lossy=True), tuple[Emitted, list[str]])
    assert_type(cadence.convert("0 9 * * *", "rrule"), str)
    assert_type(cadence.convert("0 9 * * *", to="campaign"), dict[str, Any])
    assert_type(cadence.convert("0 9 * * *", target, "cron", tz="UTC"), Emitted)
    assert_type(cadence.convert("0 9 * * *", "cron", lossy=True), tuple[str, list[str]])
    assert_type(cadence.convert({"cronStr": "0 9 * * *"}, "edfs", "edfs", lossy=True),
                tuple[dict[str, Any], list[str]])
    assert_type(cadence.convert("0 9 * * *", target, lossy=True), tuple[Emitted, list[str]])
