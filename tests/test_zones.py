"""Which names mean UTC: one answer (``cadence._zones``) for every format.

Every alias resolves to the one UTC zone, so a schedule given any of them reads, writes
and describes exactly as one given ``"UTC"``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence import formats
from cadence._zones import UTC, is_utc, resolve_zone, zone_name
from cadence.errors import ZoneError
from cadence.ir import Recurrence, Rule
from cadence.schedule import Schedule

#: The formats whose zone ids Java reads (``ZoneId.of``): case-sensitive.
JAVA_FORMATS = ("campaign", "helix")
ALIASES = ("UTC", "Etc/UTC", "GMT", "Z", "Etc/GMT", "utc", "Zulu", "Etc/Universal", "GMT0")
#: A schedule every writing format can say (Helix and Bentley need a window, Helix a
#: start date), built from cron in the given zone.
WINDOW = "0 9 * * 1-5"


def office(zone: str) -> cadence.Schedule:
    from datetime import timedelta

    schedule = cadence.parse(WINDOW, tz=zone)
    return schedule.with_duration(timedelta(hours=8)).bounded(start="2026-11-23T00:00Z")


@pytest.mark.parametrize("alias", ALIASES)
def test_every_name_of_utc_resolves_to_the_one_utc_zone(alias: str) -> None:
    assert resolve_zone(alias) is UTC
    assert zone_name(resolve_zone(alias)) == "UTC"


@pytest.mark.parametrize("zone", [timezone.utc, ZoneInfo("Etc/UTC"), ZoneInfo("GMT")])
def test_a_tzinfo_that_is_utc_under_another_name_is_utc(zone: timezone | ZoneInfo) -> None:
    assert zone_name(resolve_zone(zone)) == "UTC"
    assert is_utc(zone)


@pytest.mark.parametrize("name", ["Europe/London", "Etc/GMT+5", "Africa/Abidjan"])
def test_a_zone_with_an_offset_of_zero_at_times_is_not_utc(name: str) -> None:
    assert not is_utc(resolve_zone(name))


@pytest.mark.parametrize("alias", ALIASES)
@pytest.mark.parametrize("target", formats.names(writable=True))
def test_every_format_writes_a_utc_alias_as_it_writes_utc(alias: str, target: str) -> None:
    try:
        expected: object = cadence.emit(office("UTC"), target)
    except cadence.UnsupportedError as refusal:
        expected = str(refusal)
    try:
        written: object = cadence.emit(office(alias), target)
    except cadence.UnsupportedError as refusal:
        written = str(refusal)
    assert written == expected


@pytest.mark.parametrize("alias", ALIASES)
@pytest.mark.parametrize(("format", "source"), [
    ("cron", "CRON_TZ={zone} 0 9 * * *"),
    ("quartz", "CRON_TZ={zone} 0 0 9 ? * *"),
    ("rrule", "DTSTART;TZID={zone}:20261123T090000\nRRULE:FREQ=DAILY"),
    ("systemd", "*-*-* 09:00:00 {zone}"),
    ("campaign", '{{"type": "WEEKLY", "days": {{"type": "LIST", "values": ["2"]}}, '
                 '"hours": {{"type": "LIST", "values": ["9"]}}, "timeZoneId": "{zone}"}}'),
    ("helix", '{{"startTime": "09:00", "endTime": "17:00", "startDate": "23112026", '
              '"endsOn": {{"endDate": "31122026"}}, "recurrence": {{"frequency": "daily"}}, '
              '"timeZone": {{"name": "{zone}"}}}}'),
])
def test_every_format_reads_a_utc_alias_in_its_payload_as_utc(alias: str, format: str,
                                                              source: str) -> None:
    if format in JAVA_FORMATS and alias == "utc":
        # java.time.ZoneId.of reads region ids case-sensitively: 'utc' is no zone there.
        with pytest.raises(cadence.ScheduleError, match="did you mean 'UTC'"):
            cadence.parse(source.format(zone=alias), format=format)
        return
    try:
        schedule = cadence.parse(source.format(zone=alias), format=format)
    except cadence.ScheduleError as refusal:  # a format that does not take this name
        pytest.fail(f"{format} refused {alias!r}: {refusal}")
    assert zone_name(schedule.tz) == "UTC"
    assert "time)" not in cadence.describe(schedule)


_CHANGING = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
             "Africa/Casablanca", "Asia/Tehran", "America/Havana", "Antarctica/Troll",
             "Pacific/Apia", "Europe/Dublin"]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_CHANGING), st.datetimes(min_value=datetime(1900, 1, 1),
                                                 max_value=datetime(2100, 1, 1)),
       st.booleans())
def test_a_wall_time_names_the_moment_its_first_pass_gives(name: str, wall: datetime,
                                                           near_a_change: bool) -> None:
    """The quick answer of wall_time_in is the one the instant round trip gives; the
    walls are drawn at and next to the zone's changes, where the two could differ."""
    from cadence._zones import instant_of, local_of, wall_time_in

    zone = ZoneInfo(name)
    wall = wall.replace(microsecond=0)
    if near_a_change:  # move onto the nearest offset change after the drawn moment
        moment = wall.replace(tzinfo=timezone.utc)
        before = moment.astimezone(zone).utcoffset()
        for hours in range(0, 24 * 200, 6):
            later = (moment + timedelta(hours=hours)).astimezone(zone)
            if later.utcoffset() != before:
                wall = later.replace(tzinfo=None) - timedelta(minutes=30)
                break
    for step in range(0, 120, 15):
        probe = wall + timedelta(minutes=step)
        assert wall_time_in(probe, zone) == local_of(instant_of(probe, zone)[0], zone)
        assert wall_time_in(probe, zone).fold == local_of(instant_of(probe, zone)[0], zone).fold


# -- zones are identified by their key or their offsets, never by free text ---------------


class CalledBerlin(tzinfo):
    """A tzinfo that calls itself Europe/Berlin but keeps UTC+03:00 all year."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=3)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "Europe/Berlin"

    def __str__(self) -> str:
        return "Europe/Berlin"


ONE_X, TWO_X = timezone(timedelta(hours=1), "X"), timezone(timedelta(hours=2), "X")


def _office_in(zone: tzinfo) -> cadence.Schedule:
    schedule = cadence.parse(WINDOW, tz=zone)
    return schedule.with_duration(timedelta(hours=8)).bounded(start="2026-11-23T00:00Z")


def test_fixed_offsets_of_one_name_are_different_zones() -> None:
    one, two = cadence.parse("0 9 * * *", tz=ONE_X), cadence.parse("0 9 * * *", tz=TWO_X)
    assert one.next("2026-01-01T00:00Z") != two.next("2026-01-01T00:00Z")
    assert one != two
    assert one.recurrence != two.recurrence
    assert hash(one) != hash(two)
    assert not cadence.equivalent(one, two, after="2026-01-01T00:00Z")
    assert cadence.compare(one, two, after="2026-01-01T00:00Z").verdict == "different"


def test_fixed_offsets_of_one_offset_are_one_zone_whatever_their_names() -> None:
    named = cadence.parse("0 9 * * *", tz=timezone(timedelta(hours=1), "Paris-ish"))
    plain = cadence.parse("0 9 * * *", tz=timezone(timedelta(hours=1)))
    assert named == plain
    assert hash(named) == hash(plain)
    assert zone_name(named.tz) == zone_name(plain.tz) == "UTC+01:00"
    assert cadence.parse("0 9 * * *", tz=timezone(timedelta(0), "Local")) == cadence.parse(
        "0 9 * * *")


def test_other_tzinfos_compare_by_their_own_equality_not_their_names() -> None:
    first, second = CalledBerlin(), CalledBerlin()
    assert cadence.parse("0 9 * * *", tz=first) == cadence.parse("0 9 * * *", tz=first)
    assert cadence.parse("0 9 * * *", tz=first) != cadence.parse("0 9 * * *", tz=second)
    berlin = cadence.parse("0 9 * * *", tz="Europe/Berlin")
    assert cadence.parse("0 9 * * *", tz=first) != berlin
    assert not cadence.equivalent(cadence.parse("0 9 * * *", tz=first), berlin,
                                  after="2026-01-01T00:00Z")


@pytest.mark.parametrize("zone", [timezone(timedelta(hours=3), "Europe/Berlin"), CalledBerlin()],
                         ids=["a named fixed offset", "a tzinfo calling itself so"])
@pytest.mark.parametrize("target", formats.names(writable=True))
def test_no_format_writes_a_zone_by_the_name_it_calls_itself(zone: tzinfo,
                                                             target: str) -> None:
    assert zone_name(zone) != "Europe/Berlin"
    try:
        written = str(cadence.emit(_office_in(zone), target))
    except cadence.UnsupportedError:
        return  # refused: no IANA zone to write
    if target == "text":  # words for people: what it calls itself, and what it is
        assert "(Europe/Berlin (CalledBerlin) time)" in written or "UTC+03:00" in written
        return
    assert "Europe/Berlin" not in written
    assert "Europe/Berlin" in str(cadence.emit(_office_in(ZoneInfo("Europe/Berlin")), target))


# -- a tzinfo without a UTC offset is refused where it comes in ---------------------------


class NoOffset(tzinfo):
    def utcoffset(self, dt: datetime | None) -> None:
        return None

    def dst(self, dt: datetime | None) -> None:
        return None

    def tzname(self, dt: datetime | None) -> str:
        return "nowhere"


@pytest.mark.parametrize("build", [
    lambda: cadence.parse("0 9 * * *", tz=NoOffset()),
    lambda: cadence.parse("0 9 * * *", "cron", tz=NoOffset()),
    lambda: cadence.parse("FREQ=DAILY", "rrule", tz=NoOffset()),
    lambda: cadence.parse("*-*-* 09:00", "systemd", tz=NoOffset()),
    lambda: cadence.parse({"cronStr": "0 9 * * *"}, "edfs", tz=NoOffset()),
    lambda: Schedule(Rule((0,), (0,), (9,)), NoOffset()),
    lambda: Recurrence(Rule((0,), (0,), (9,)), NoOffset()),
], ids=["parse", "cron", "rrule", "systemd", "edfs", "Schedule", "Recurrence"])
def test_a_tzinfo_without_an_offset_is_refused_with_a_zone_error(build: object) -> None:
    # A JSON payload's checker lists it among the payload's problems, as any bad zone.
    with pytest.raises(cadence.ScheduleError, match="gives no UTC offset") as raised:
        build()  # type: ignore[operator]
    assert isinstance(raised.value, (cadence.ZoneError, cadence.InvalidPayloadError))
    assert "datetime.timezone" in str(raised.value)


def test_a_moment_whose_tzinfo_gives_no_offset_is_wall_time_in_the_schedules_zone() -> None:
    # Python calls such a datetime naive: it reads as a naive one does.
    berlin = cadence.parse("0 9 * * *", tz="Europe/Berlin")
    for wall in (datetime(2026, 1, 1, 8, 30), datetime(2026, 7, 1, 9, 30)):
        assert berlin.next(wall.replace(tzinfo=NoOffset())) == berlin.next(wall)
        assert berlin.prev(wall.replace(tzinfo=NoOffset())) == berlin.prev(wall)


@pytest.mark.parametrize(("name", "offset"), [
    ("UTC+05:30", timedelta(hours=5, minutes=30)),
    ("UTC-03:00", timedelta(hours=-3)),
    ("UTC+00:00:30", timedelta(seconds=30)),
])
def test_a_fixed_offset_reads_back_as_zone_name_writes_it(name: str, offset: timedelta
                                                          ) -> None:
    zone = resolve_zone(name)
    assert zone == timezone(offset)
    assert zone_name(zone) == name


def test_an_offset_of_a_day_or_more_is_refused() -> None:
    with pytest.raises(ZoneError, match="not less than 24 hours"):
        resolve_zone("UTC+24:00")


def test_a_pytz_zone_is_the_iana_zone_it_names() -> None:
    """pytz's tzinfo is right only through localize; cadence computes in its IANA zone,
    which every format and the IR's JSON form can name."""
    pytz = pytest.importorskip("pytz")
    berlin = resolve_zone(pytz.timezone("Europe/Berlin"))
    assert berlin == ZoneInfo("Europe/Berlin")
    summer = cadence.parse("0 9 * * *", tz=pytz.timezone("Europe/Berlin")).next(
        "2026-07-01T00:00Z")
    assert summer is not None
    assert summer.isoformat() == "2026-07-01T09:00:00+02:00"


def test_a_source_never_names_a_fixed_offset() -> None:
    """POSIX TZ reads UTC+05:30 as 5.5 hours behind UTC: a source (CRON_TZ=, TZID,
    timeZoneId) naming it is refused, while tz= and the IR's JSON form read it."""
    with pytest.raises(cadence.ParseError, match="unknown time zone 'UTC\\+05:30'"):
        cadence.parse("CRON_TZ=UTC+05:30 0 9 * * *")
    with pytest.raises(ZoneError, match="unknown time zone"):
        resolve_zone("UTC+05:30", local=False)
    assert resolve_zone("UTC+05:30", local=False, offsets=True) == timezone(
        timedelta(hours=5, minutes=30))
