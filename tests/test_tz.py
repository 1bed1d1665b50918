"""Wall-clock days and their offset changes (cadence._tz)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest

from cadence._tz import DayOffsets


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        # 2026-03-08 02:00 -05:00 -> 03:00 -04:00: one day changes offset.
        pytest.param("America/New_York", "2026-03-08", ("2026-03-08", "2026-03-08"),
                     id="new-york-spring-a-day-alone"),
        # 2010-03-05 02:00 +11:00 -> 2010-03-04 23:00 +08:00: the repeated interval holds
        # the midnight between two dates, asked from either.
        pytest.param("Antarctica/Casey", "2010-03-04", ("2010-03-04", "2010-03-05"),
                     id="casey-back-across-midnight-from-the-first-date"),
        pytest.param("Antarctica/Casey", "2010-03-05", ("2010-03-04", "2010-03-05"),
                     id="casey-back-across-midnight-from-the-second-date"),
        # 1987-10-25 00:01 -02:30 -> 1987-10-24 23:01 -03:30.
        pytest.param("America/St_Johns", "1987-10-25", ("1987-10-24", "1987-10-25"),
                     id="st-johns-back-across-midnight"),
        # 2011-12-30 was skipped: 2011-12-29 24:00 -10:00 is 2011-12-31 00:00 +14:00, and
        # the days either side are whole.
        pytest.param("Pacific/Apia", "2011-12-30", ("2011-12-30", "2011-12-30"),
                     id="apia-the-skipped-day-alone"),
    ],
)
def test_a_change_run_is_the_consecutive_days_that_change_offset(
    zone: str, day: str, expected: tuple[str, str]
) -> None:
    first, last = DayOffsets(ZoneInfo(zone)).change_run(date.fromisoformat(day).toordinal())
    assert (date.fromordinal(first).isoformat(), date.fromordinal(last).isoformat()) == expected


class Restless(tzinfo):
    """A zone whose offset changes every day: +01:00 on even days (by UTC), else UTC."""

    def _offset(self, instant: datetime) -> timedelta:
        return timedelta(hours=1 if instant.toordinal() % 2 == 0 else 0)

    def utcoffset(self, dt: datetime | None) -> timedelta:
        assert dt is not None
        return self._offset(dt.replace(tzinfo=None))

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "Restless"

    def fromutc(self, dt: datetime) -> datetime:
        return dt + self._offset(dt.replace(tzinfo=None))


def test_a_zone_that_never_settles_gives_a_run_of_two_weeks() -> None:
    ordinal = date(2026, 6, 15).toordinal()
    first, last = DayOffsets(Restless()).change_run(ordinal)
    assert (date.fromordinal(first).isoformat(), date.fromordinal(last).isoformat()) == (
        "2026-06-08", "2026-06-22")
    assert DayOffsets(timezone.utc).change_run(ordinal) == (ordinal, ordinal)
