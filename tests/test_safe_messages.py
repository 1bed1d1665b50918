"""Errors name a bad argument safely: a short text or its type, never a repr (issue 14).

``repr`` of a container that holds an integer of more than 4,300 digits raises Python's
own ``ValueError`` ("Exceeds the limit (4300 digits)..."), so a message built with it
turned a bad argument into a traceback."""

from __future__ import annotations

from typing import Any

import pytest

import cadence
from cadence.errors import described
from cadence.ir import Period, Rule

HUGE: Any = [10**5000]


@pytest.mark.parametrize("call", [
    pytest.param(lambda: cadence.parse("0 9 * * *", day_match=HUGE), id="parse-day-match"),
    pytest.param(lambda: cadence.parse("0 9 * * *", format=HUGE), id="parse-format"),
    pytest.param(lambda: cadence.validate({}, HUGE), id="validate-format"),
    pytest.param(lambda: cadence.convert("0 9 * * *", to=HUGE), id="convert-to"),
    pytest.param(lambda: cadence.envelope([], HUGE), id="envelope-format"),
    pytest.param(lambda: Period("week", HUGE, 0), id="period-every"),
    pytest.param(lambda: Period(HUGE, 1, 0), id="period-unit"),
    pytest.param(lambda: Rule((0,), (0,), (0,), day_match=HUGE),
                 id="rule-day-match"),
    pytest.param(lambda: Rule((0,), (0,), (0,), positions=(1,), position_unit=HUGE),
                 id="rule-position-unit"),
])
def test_a_bad_argument_is_a_schedule_error_with_a_short_message(call: Any) -> None:
    with pytest.raises(cadence.ScheduleError) as caught:
        call()
    assert len(str(caught.value)) < 400
    assert "an array" in str(caught.value)


@pytest.mark.parametrize(("value", "shown"), [
    ("Metre", "'Metre'"), ("x" * 41, "'" + "x" * 40 + "...'"), ("a\x00", "'a\\x00'"),
    (14.5, "14.5"), (7, "7"), (10**5000, "an integer of more than 36 digits"),
    (HUGE, "an array"), ({"x": HUGE}, "an object"), (None, "null"), (True, "a boolean"),
    ({1}, "a value of type set"), (b"x", "a value of type bytes"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 20 else "value")
def test_described_never_raises_and_stays_short(value: object, shown: str) -> None:
    assert described(value) == shown
