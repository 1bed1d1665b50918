"""Zone ids as the Java-based vendors read them (issue 13): SailPoint's ``timeZoneId`` and
BMC Helix's ``timeZone.name`` both go through ``java.time.ZoneId.of(id, SHORT_IDS)``, so
cadence reads both through one resolver, and every spelling means the same in both."""

from __future__ import annotations

from typing import Any

import pytest

import cadence
from cadence.formats._java_zones import SHORT_IDS, java_zone

AFTER = "2026-07-01T00:00:00"  # wall-clock time in the zone read


def campaign(zone: str) -> dict[str, Any]:
    return {"type": "WEEKLY", "days": {"type": "RANGE", "values": ["1", "7"]},
            "hours": {"type": "LIST", "values": ["9"]}, "timeZoneId": zone}


def helix(zone: str) -> dict[str, Any]:
    return {"name": "nine", "schedule": {
        "startTime": "09:00", "endTime": "10:00", "startDate": "30062026",
        "endsOn": {"endDate": "31122026"}, "recurrence": {"frequency": "daily"},
        "timeZone": {"name": zone}}}


def first(payload: dict[str, Any], format: str) -> str:
    found = cadence.parse(payload, format=format).next(AFTER)
    assert found is not None
    return found.isoformat()


# (spelling, the first 09:00 after 2026-07-01T00:00 there, as ISO text)
SPELLINGS = [
    ("Europe/Berlin", "2026-07-01T09:00:00+02:00"),
    ("Asia/Kolkata", "2026-07-01T09:00:00+05:30"),
    ("America/Argentina/Buenos_Aires", "2026-07-01T09:00:00-03:00"),
    ("Etc/GMT+5", "2026-07-01T09:00:00-05:00"),
    # ZoneId.SHORT_IDS: EST, MST and HST are fixed offsets, the others regions
    ("EST", "2026-07-01T09:00:00-05:00"),
    ("MST", "2026-07-01T09:00:00-07:00"),
    ("HST", "2026-07-01T09:00:00-10:00"),
    ("CST", "2026-07-01T09:00:00-05:00"),  # America/Chicago, in summer time
    ("PST", "2026-07-01T09:00:00-07:00"),
    ("ACT", "2026-07-01T09:00:00+09:30"),  # Australia/Darwin
    ("AET", "2026-07-01T09:00:00+10:00"),  # Australia/Sydney, in winter
    ("IST", "2026-07-01T09:00:00+05:30"),
    ("VST", "2026-07-01T09:00:00+07:00"),  # Asia/Ho_Chi_Minh
    # ZoneOffset ids
    ("Z", "2026-07-01T09:00:00+00:00"),
    ("+05:30", "2026-07-01T09:00:00+05:30"),
    ("+0530", "2026-07-01T09:00:00+05:30"),
    ("+5", "2026-07-01T09:00:00+05:00"),
    ("+05", "2026-07-01T09:00:00+05:00"),
    ("-08:00:00", "2026-07-01T09:00:00-08:00"),
    ("-080000", "2026-07-01T09:00:00-08:00"),
    ("+18:00", "2026-07-01T09:00:00+18:00"),
    ("-00:00", "2026-07-01T09:00:00+00:00"),
    # prefixed offsets, and the prefixes alone
    ("GMT+05:00", "2026-07-01T09:00:00+05:00"),
    ("UTC+5", "2026-07-01T09:00:00+05:00"),
    ("UT+01:00", "2026-07-01T09:00:00+01:00"),
    ("GMT-03:30", "2026-07-01T09:00:00-03:30"),
    ("UTC+0", "2026-07-01T09:00:00+00:00"),
    ("UTC", "2026-07-01T09:00:00+00:00"),
    ("GMT", "2026-07-01T09:00:00+00:00"),
    ("UT", "2026-07-01T09:00:00+00:00"),
]


@pytest.mark.parametrize(("zone", "expected"), SPELLINGS)
def test_each_java_spelling_reads_alike_in_campaigns_and_time_frames(zone: str,
                                                                     expected: str) -> None:
    """Seed 004, ``timeZoneId``: "The time zone to use when running the schedule. For
    instance, if the schedule is scheduled to run at 1AM, and this field is set to "CST",
    the schedule will run at 1AM CST." Seed 002: ``"timeZone": { "name": "Asia/Kolkata",
    "offset": "+05:30" }``. Both vendors run on Java: ``ZoneId.of`` decides the spellings.
    """
    assert first(campaign(zone), "campaign") == expected
    assert first(helix(zone), "helix") == expected


def test_every_short_id_is_the_zone_java_documents() -> None:
    """``ZoneId.SHORT_IDS`` Javadoc: 28 aliases; EST -05:00, MST -07:00, HST -10:00."""
    assert len(SHORT_IDS) == 28
    assert (SHORT_IDS["EST"], SHORT_IDS["MST"], SHORT_IDS["HST"]) == (
        "-05:00", "-07:00", "-10:00")
    for alias, target in SHORT_IDS.items():
        assert java_zone(alias, where="x") == java_zone(target, where="x"), alias
        assert first(campaign(alias), "campaign") == first(helix(alias), "helix"), alias


# spelling -> a piece of the message
REFUSED: dict[str, str] = {
    "europe/berlin": "unknown time zone 'europe/berlin' (did you mean 'Europe/Berlin'?)",
    "est": "(did you mean 'EST'?)",
    "utc": "(did you mean 'UTC'?)",
    " Europe/Berlin": "(did you mean 'Europe/Berlin'?)",
    "Asia/Calcuta": "(did you mean 'Asia/Calcutta'?)",
    "Mars/Olympus_Mons": "unknown time zone 'Mars/Olympus_Mons'; use an IANA name",
    "A": "unknown time zone 'A'",
    "+19:00": "out of range: Java's offsets run from -18:00 to +18:00",
    "+18:00:01": "out of range",
    "+05:60": "out of range",
    "+05:3": "is not an offset Java reads; write '+h', '+hh', '+hh:mm'",
    "+0530:00": "is not an offset Java reads",
    "GMT+5:30": "is not an offset Java reads",
    "UTC+": "is not an offset Java reads",
    "+": "is not an offset Java reads",
}


@pytest.mark.parametrize(("zone", "fragment"), REFUSED.items())
def test_what_java_refuses_is_a_problem_at_the_field_in_both_formats(zone: str,
                                                                     fragment: str) -> None:
    """``ZoneId.of``: region ids are looked up case-sensitively and must match
    ``[A-Za-z][A-Za-z0-9~/._+-]+``; offsets are ``ZoneOffset.of`` forms within ±18:00."""
    for payload, format, path, code in (
            (campaign(zone), "campaign", "/timeZoneId", "UNKNOWN_ZONE"),
            (helix(zone), "helix", "/schedule/timeZone/name", "INVALID_TIMEFRAME_TIME_ZONE")):
        problems = [p for p in cadence.validate(payload, format) if p.is_error]
        assert [(p.path, p.code) for p in problems] == [(path, code)], format
        assert fragment in problems[0].message, format
        assert "Error(" not in problems[0].message
        assert "ZoneInfo" not in problems[0].message
