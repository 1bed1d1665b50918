"""Whatever text and moments come in, only cadence's own errors come out."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cadence

PIECES = [
    *"0123456789*/-,?#LW@ \t=_xé\n",
    "MON", "FRI", "SUN", "JAN", "DEC", "L-", "LW", "5L", "15W", "#5", "@daily", "@reboot",
    "CRON_TZ=", "CRON_TZ=Europe/Riga ", "TZ=Nowhere/Zone ", "99999999999", "-0",
]
ZONES = [timezone.utc, ZoneInfo("America/New_York"), ZoneInfo("Australia/Lord_Howe")]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(st.sampled_from(PIECES), max_size=25).map("".join),
    format=st.sampled_from([None, "cron", "quartz"]),
    zone=st.sampled_from(["UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]),
    moment=st.datetimes(
        min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59),
        timezones=st.none() | st.sampled_from(ZONES),
    ),
)
def test_only_schedule_errors_escape_parse_and_evaluation(
    text: str, format: str | None, zone: str, moment: datetime
) -> None:
    try:
        schedule = cadence.parse(text, format=format, tz=zone)
    except cadence.ScheduleError:
        return
    for answer in (schedule.next(moment), schedule.prev(moment)):
        assert answer is None or answer.tzinfo is schedule.tz
    schedule.matches(moment)
    assert len(list(zip(range(3), schedule.iter_before(moment), strict=False))) <= 3


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_parses_or_raises_a_schedule_error_with_a_message(text: str) -> None:
    message = ""
    try:
        cadence.parse(text)
    except cadence.ScheduleError as error:
        message = str(error) or "(empty)"
    assert message != "(empty)"
