"""equivalent() and first_difference(): on the IR where possible, else by streams."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence._equivalence import MAX_COMPARED, difference


@pytest.mark.parametrize(
    ("a", "b", "tz_a", "tz_b"),
    [
        ("*/15 * * * *", "0,15,30,45 * * * *", None, None),
        ("0 9 * * 1-5", "0 9 * * MON-FRI", None, None),
        ("0 0 1 1 *", "@yearly", None, None),
        ("0 0 0 ? * 2-6", "0 0 * * 1-5", None, None),  # Quartz vs cron
        ("0 9 * * *", "0 9 * * *", "Europe/Riga", "Europe/Riga"),
    ],
)
def test_schedules_that_mean_the_same_are_equivalent(
    a: str, b: str, tz_a: str | None, tz_b: str | None
) -> None:
    assert cadence.equivalent(cadence.parse(a, tz=tz_a), cadence.parse(b, tz=tz_b),
                              after="2026-01-01T00:00Z", horizon=timedelta(days=400))


@pytest.mark.parametrize(
    ("a", "b", "tz_b", "moment", "side"),
    [
        ("0 9 * * 1-5", "0 9 * * 1-6", None, "2026-01-03T09:00:00+00:00", "b"),
        ("0 0 28-31 * *", "0 0 L * *", None, "2026-01-28T00:00:00+00:00", "a"),
        # The same wall clock in two zones differs from the first occurrence on.
        ("0 9 * * *", "0 9 * * *", "Europe/Riga", "2026-01-01T09:00:00+02:00", "b"),
        # 11:00 in Riga is 09:00 UTC in winter only; summer time splits them.
        ("0 9 * * *", "0 11 * * *", "Europe/Riga", "2026-03-29T11:00:00+03:00", "b"),
        # Leap days only show up in leap years.
        ("0 0 29 2 *", "0 0 1 3 *", None, "2026-03-01T00:00:00+00:00", "b"),
    ],
)
def test_the_first_difference_names_the_moment_and_side(
    a: str, b: str, tz_b: str | None, moment: str, side: str
) -> None:
    found = difference(cadence.parse(a), cadence.parse(b, tz=tz_b), after="2026-01-01T00:00Z")
    assert found is not None
    assert (found.moment.isoformat(), found.side) == (moment, side)
    first = cadence.first_difference(cadence.parse(a), cadence.parse(b, tz=tz_b),
                                     after="2026-01-01T00:00Z")
    assert first is not None
    assert first.isoformat() == moment
    assert not cadence.equivalent(cadence.parse(a), cadence.parse(b, tz=tz_b),
                                  after="2026-01-01T00:00Z")


def test_a_difference_beyond_the_horizon_is_not_seen() -> None:
    a, b = cadence.parse("0 0 29 2 *"), cadence.parse("0 0 1 3 *")
    assert cadence.equivalent(a, b, after="2027-03-02T00:00Z", horizon=timedelta(days=300))


def test_identical_irs_are_equivalent_without_walking() -> None:
    every_second = cadence.parse("* * * * * ?")
    assert cadence.equivalent(every_second, cadence.parse("* * * * * ?"))


def test_a_comparison_too_long_to_decide_says_so() -> None:
    # Different IRs (the DST policy differs) that agree at every second until the clocks
    # go back in October, past the first MAX_COMPARED occurrences.
    a = cadence.parse("* * * * * ?", tz="Europe/Berlin")
    b = cadence.parse("* * * * * ?", tz="Europe/Berlin", dst="rfc5545")
    assert a != b
    with pytest.raises(cadence.ScheduleError, match=f"first {MAX_COMPARED} occurrences"):
        cadence.equivalent(a, b, after="2026-01-01T00:00Z", horizon=timedelta(days=365))


def test_bad_arguments_are_schedule_errors() -> None:
    with pytest.raises(cadence.ScheduleError, match="two cadence Schedules"):
        cadence.equivalent("0 0 * * *", cadence.parse("0 0 * * *"))  # type: ignore[arg-type]
    with pytest.raises(cadence.ScheduleError, match="positive"):
        cadence.equivalent(cadence.parse("0 0 * * *"), cadence.parse("0 1 * * *"),
                           horizon=timedelta(0))


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["0 9 * * 1-5", "*/20 8-10 * * *", "0 0 L * *", "30 2 * * 0", "0 12 1 */2 *"]),
    st.sampled_from(["UTC", "America/New_York", "Australia/Lord_Howe"]),
)
def test_a_schedule_is_equivalent_to_its_own_cron_emission(text: str, zone: str) -> None:
    schedule = cadence.parse(text, tz=zone)
    again = cadence.parse(cadence.emit(schedule, "cron"))
    assert cadence.equivalent(schedule, again, after="2026-01-01T00:00Z",
                              horizon=timedelta(days=800))
