"""Tests for cadence._tzdb: TZif-derived wall-clock spans must agree with zoneinfo exactly."""

from __future__ import annotations

import io
import random
import struct
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadence import _tzdb as tzdb
from cadence._tzdb import ZoneSpans

ALL_ZONES = sorted(available_timezones())
NEG, POS = -(10**15), 10**15
EPOCH = datetime(1970, 1, 1)
MIN_DT_WALL = int((datetime(1, 1, 1) - EPOCH).total_seconds())
MAX_DT_WALL = int((datetime(9999, 12, 31, 23, 59, 59) - EPOCH).total_seconds())


def wall(text: str) -> int:
    """Wall seconds of an ISO local date-time string."""
    return int((datetime.fromisoformat(text) - EPOCH).total_seconds())


def offsets(zone: tzinfo, w: int) -> tuple[timedelta | None, timedelta | None]:
    """zoneinfo's UTC offsets of wall ``w`` with fold=0 and fold=1."""
    dt = (EPOCH + timedelta(seconds=w)).replace(tzinfo=zone)
    return dt.utcoffset(), dt.replace(fold=1).utcoffset()


def check_wall(zone: tzinfo, spans: ZoneSpans, w: int) -> None:
    """span_at(w) agrees with zoneinfo at w, at both ends of the span and just outside."""
    got = spans.span_at(w)
    if got is None:
        fold0, fold1 = offsets(zone, w)
        assert fold0 != fold1, f"{zone} {EPOCH + timedelta(seconds=w)}: None but unambiguous"
        return
    start, end, off = got
    assert start <= w < end
    assert start < end
    unique = (timedelta(seconds=off),) * 2
    for inside in (w, start, end - 1):
        if MIN_DT_WALL <= inside <= MAX_DT_WALL:
            assert offsets(zone, inside) == unique, f"{zone} {got} at {inside}"
            assert spans.span_at(inside) == got
    for outside in (start - 1, end):  # maximality: the span can't be extended
        if NEG < outside < POS and MIN_DT_WALL <= outside <= MAX_DT_WALL:
            assert offsets(zone, outside) != unique, f"{zone} {got} not maximal at {outside}"


def _sample_walls() -> list[int]:
    """A fixed spread of walls: 36 over 1900-2100, and some far-future ones."""
    rng = random.Random(8536)
    lo, hi = wall("1900-01-01T00:00"), wall("2100-12-31T23:59:59")
    step = (hi - lo) // 36
    walls = [lo + i * step + rng.randrange(step) for i in range(36)]
    walls += [wall(t) for t in ("2400-07-04T12:00", "5000-01-15T03:30", "9999-03-20T01:59:59")]
    walls += [wall("9999-10-31T23:59:59")]
    return walls


SAMPLE_WALLS = _sample_walls()


@pytest.mark.parametrize("key", ALL_ZONES)
def test_every_zone_agrees_with_zoneinfo(key: str) -> None:
    zone = ZoneInfo(key)
    spans = ZoneSpans.for_zone(zone)
    # All zones of the installed tzdata are supported; none has leap seconds ("right/" zones
    # are not listed by available_timezones).
    assert spans is not None, key
    for w in SAMPLE_WALLS:
        check_wall(zone, spans, w)


@settings(max_examples=300, deadline=None, database=None)
@given(key=st.sampled_from(ALL_ZONES), w=st.integers(wall("1800-01-01T00:00"), MAX_DT_WALL))
def test_random_walls_agree_with_zoneinfo(key: str, w: int) -> None:
    zone = ZoneInfo(key)
    spans = ZoneSpans.for_zone(zone)
    assert spans is not None
    check_wall(zone, spans, w)


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    key=st.sampled_from(ALL_ZONES),
    day=st.integers(wall("1900-01-01T00:00") // 86400, wall("2100-01-01T00:00") // 86400),
    # Transitions cluster at night, so bias toward the small hours.
    second=st.one_of(st.integers(0, 86399), st.integers(0, 4 * 3600)),
)
def test_recent_walls_agree_with_zoneinfo(key: str, day: int, second: int) -> None:
    zone = ZoneInfo(key)
    spans = ZoneSpans.for_zone(zone)
    assert spans is not None
    check_wall(zone, spans, day * 86400 + second)


def span(zone: ZoneSpans, at: str) -> tuple[str | int, str | int, int] | None:
    """span_at as ISO strings (sentinels left as ints), for readable expectations."""
    got = zone.span_at(wall(at))
    if got is None:
        return None

    def iso(w: int) -> str | int:
        return w if w in (NEG, POS) else (EPOCH + timedelta(seconds=w)).isoformat()

    return iso(got[0]), iso(got[1]), got[2]


def spans_of(key: str) -> ZoneSpans:
    """The spans of a named zone, which must be supported."""
    spans = ZoneSpans.for_zone(ZoneInfo(key))
    assert spans is not None
    return spans


@pytest.mark.parametrize(
    ("key", "at", "expected"),
    [
        ("America/New_York", "2026-03-08T02:30", None),  # spring-forward gap
        ("America/New_York", "2026-11-01T01:30", None),  # fall-back overlap
        (
            "America/New_York",
            "2026-07-01T12:00",
            ("2026-03-08T03:00:00", "2026-11-01T01:00:00", -14400),
        ),
        (
            "America/New_York",
            "2026-03-08T01:59:59",
            ("2025-11-02T02:00:00", "2026-03-08T02:00:00", -18000),
        ),
        (
            "America/New_York",
            "2300-07-01T12:00",
            ("2300-03-11T03:00:00", "2300-11-04T01:00:00", -14400),
        ),
        # Lord Howe: half-hour DST, +10:30 standard and +11 summer time.
        ("Australia/Lord_Howe", "2026-10-04T02:00", None),
        ("Australia/Lord_Howe", "2026-10-04T02:29:59", None),
        ("Australia/Lord_Howe", "2026-04-05T01:30", None),
        ("Australia/Lord_Howe", "2026-04-05T01:59:59", None),
        (
            "Australia/Lord_Howe",
            "2026-07-01T12:00",
            ("2026-04-05T02:00:00", "2026-10-04T02:00:00", 37800),
        ),
        (
            "Australia/Lord_Howe",
            "2026-01-01T00:00",
            ("2025-10-05T02:30:00", "2026-04-05T01:30:00", 39600),
        ),
        # Kathmandu: +05:30 -> +05:45 at 1986-01-01 00:00, constant since.
        ("Asia/Kathmandu", "1986-01-01T00:00", None),
        ("Asia/Kathmandu", "1986-01-01T00:14:59", None),
        ("Asia/Kathmandu", "2026-06-01T00:00", ("1986-01-01T00:15:00", POS, 20700)),
        ("Asia/Kathmandu", "9999-06-01T00:00", ("1986-01-01T00:15:00", POS, 20700)),
        (
            "Asia/Kathmandu",
            "1985-12-31T23:59:59",
            ("1920-01-01T00:00:00", "1986-01-01T00:00:00", 19800),
        ),
        # Riga: EU rules now; in 2000 Latvia kept standard time all year, and the rule
        # change on 2000-02-29 (offset unchanged) must not split the span.
        ("Europe/Riga", "2026-03-29T03:30", None),
        ("Europe/Riga", "2026-10-25T03:30", None),
        (
            "Europe/Riga",
            "2026-07-01T12:00",
            ("2026-03-29T04:00:00", "2026-10-25T03:00:00", 10800),
        ),
        (
            "Europe/Riga",
            "2000-07-01T12:00",
            ("1999-10-31T04:00:00", "2001-03-25T03:00:00", 7200),
        ),
        # Southern hemisphere without DST since 2019, and negative DST (Dublin: winter GMT).
        ("America/Sao_Paulo", "2026-01-01T00:00", ("2019-02-17T00:00:00", POS, -10800)),
        (
            "Europe/Dublin",
            "2026-01-01T00:00",
            ("2025-10-26T02:00:00", "2026-03-29T01:00:00", 0),
        ),
        ("UTC", "2026-01-01T00:00", (NEG, POS, 0)),
        ("UTC", "0001-01-01T00:00", (NEG, POS, 0)),
    ],
)
def test_table(key: str, at: str, expected: tuple[str | int, str | int, int] | None) -> None:
    assert span(spans_of(key), at) == expected


def test_unbounded_and_far_walls() -> None:
    ny = spans_of("America/New_York")
    first = ny.span_at(wall("1800-01-01T00:00"))
    assert first is not None
    assert first[0] == NEG
    assert first[2] == -17762  # LMT -4:56:02
    last = ny.span_at(MAX_DT_WALL)
    assert last is not None
    assert last[0] == wall("9999-11-07T02:00")
    assert last[1] > MAX_DT_WALL  # ends in March of year 10000, beyond datetime
    assert last[2] == -18000
    # Beyond datetime's range the rule keeps going (year 12000, EDT in July).
    far = ny.span_at((tzdb._days_before_year(12000) + 181) * 86400)
    assert far is not None
    assert far[2] == -14400
    assert far[1] - far[0] > 200 * 86400


def test_blocks_agree_with_explicit_history() -> None:
    """Far-future spans built from the footer alone join up with the explicit ones."""
    ny = spans_of("America/New_York")
    previous = None
    for year in range(2030, 2060):
        got = ny.span_at(wall(f"{year}-07-01T00:00"))
        assert got is not None
        assert got[2] == -14400
        if previous is not None:
            winter = ny.span_at(previous[1] + 7200)  # just after the fall-back overlap
            assert winter is not None
            assert winter[0] == previous[1] + 3600
            assert winter[1] == got[0] - 3600  # ends where the spring gap starts
        previous = got


def test_for_zone_is_cached() -> None:
    zone = ZoneInfo("Europe/Riga")
    assert ZoneSpans.for_zone(zone) is ZoneSpans.for_zone(zone)


class DateutilStyleZone(tzinfo):
    """A non-zoneinfo tzinfo, like dateutil.tz.gettz returns."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=2)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "X"


def tzif_bytes(key: str) -> bytes:
    """The installed TZif file for ``key``."""
    data = tzdb._read_tzif(key)
    assert data is not None
    return data


def test_for_zone_rejects_what_it_cannot_read() -> None:
    assert ZoneSpans.for_zone(timezone.utc) is None
    assert ZoneSpans.for_zone(timezone(timedelta(hours=5))) is None
    assert ZoneSpans.for_zone(DateutilStyleZone()) is None
    data = tzif_bytes("Europe/Riga")
    assert ZoneSpans.for_zone(ZoneInfo.from_file(io.BytesIO(data))) is None


def test_for_zone_spot_check_catches_mislabelled_zone() -> None:
    # A from_file zone whose key names other data: the spot check must refuse it.
    data = tzif_bytes("America/New_York")
    liar = ZoneInfo.from_file(io.BytesIO(data), key="Europe/Riga")
    assert ZoneSpans.for_zone(liar) is None
    honest = ZoneInfo.from_file(io.BytesIO(tzif_bytes("Europe/Riga")), key="Europe/Riga")
    assert ZoneSpans.for_zone(honest) is not None


@pytest.mark.parametrize("key", ["../etc/passwd", "/etc/localtime", "Europe/../UTC", ""])
def test_bad_keys_are_not_read(key: str) -> None:
    assert tzdb._read_tzif(key) is None


def test_missing_zone_file() -> None:
    assert tzdb._read_tzif("Nowhere/Atlantis") is None


# --- TZ string footers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "std", "dst"),
    [
        ("EST5EDT,M3.2.0,M11.1.0", -18000, -14400),
        ("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 37800, 39600),
        ("CET-1CEST,M3.5.0,M10.5.0/3", 3600, 7200),
        ("<-03>3", -10800, None),
        ("NST3:30NDT,M3.2.0,M11.1.0", -12600, -9000),
        ("IST-2IDT,M3.4.4/26,M10.5.0", 7200, 10800),
        ("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", -7200, -3600),
        ("EET-2EEST,M3.4.4/50,M10.4.4/50", 7200, 10800),
        ("IST-1GMT0,M10.5.0,M3.5.0/1", 3600, 0),
        ("XXX3:00:30YYY2:00:30,J60/2:30,300/-1:15:30", -10830, -7230),
        ("EST+5EDT,0/0,J365/25", -18000, -14400),
    ],
)
def test_footer_offsets(text: str, std: int, dst: int | None) -> None:
    footer = tzdb._parse_footer(text)
    assert (footer.std, footer.dst) == (std, dst)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "EST",  # POSIX needs an offset
        "EST5EDT",  # DST without a rule
        "EST5,M3.2.0,M11.1.0",  # rule without DST
        "EST25",  # offset hours > 24
        "EST5EDT,M3.2.0/168,M11.1.0",  # rule time hours > 167
        "EST5EDT,M13.2.0,M11.1.0",
        "EST5EDT,M3.6.0,M11.1.0",
        "EST5EDT,J0,J365",
        "EST5EDT,366,J365",
        "EST5:60",
        "<>5",
    ],
)
def test_footer_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        tzdb._parse_footer(text)


@pytest.mark.parametrize(
    ("rule", "year", "expected"),
    [
        ("M3.2.0", 2026, "2026-03-08T02:00"),  # second Sunday
        ("M3.5.0/3", 2026, "2026-03-29T03:00"),  # last Sunday (5 = last)
        ("M2.5.0", 2026, "2026-02-22T02:00"),  # February has only four Sundays
        ("M3.4.4/50", 2026, "2026-03-28T02:00"),  # 4th Thursday + 50 h = Saturday 02:00
        ("M3.5.0/-1", 2026, "2026-03-28T23:00"),  # negative time: the evening before
        ("J60/0", 2024, "2024-03-01T00:00"),  # Jn never counts Feb 29
        ("J60/0", 2025, "2025-03-01T00:00"),
        ("J365/25", 2025, "2026-01-01T01:00"),
        ("59/0", 2024, "2024-02-29T00:00"),  # zero-based n does count Feb 29
        ("0/0", 2025, "2025-01-01T00:00"),
        ("M9.1.6/24", 2026, "2026-09-06T00:00"),  # Saturday 24:00
    ],
)
def test_rule_dates(rule: str, year: int, expected: str) -> None:
    assert tzdb._parse_date_rule(rule).local_wall(year) == wall(expected)


# --- synthetic TZif files -----------------------------------------------------------------------


def make_tzif(
    times: list[int],
    indices: list[int],
    types: list[tuple[int, int]],
    footer: str | None,
    *,
    leap: int = 0,
) -> bytes:
    """A minimal TZif file: version 2 with ``footer``, or version 1 when it is None."""
    abbrs = b"".join(b"Z%d\0" % i for i in range(len(types)))

    def block(time_fmt: str, leap_size: int) -> bytes:
        counts = struct.pack(">6l", 0, 0, leap, len(times), len(types), len(abbrs))
        header = b"TZif" + (b"2" if footer is not None else b"\0") + b"\0" * 15 + counts
        body = struct.pack(f">{len(times)}{time_fmt}", *times) + bytes(indices)
        body += b"".join(struct.pack(">lBB", off, dst, 3 * i) for i, (off, dst) in enumerate(types))
        return header + body + abbrs + b"\0" * (leap * leap_size)

    if footer is None:
        return block("l", 8)
    return block("l", 8) + block("q", 12) + b"\n" + footer.encode() + b"\n"


def assert_matches_zoneinfo(data: bytes, years: range) -> ZoneSpans:
    """Spans from ``data`` agree with ZoneInfo.from_file(data) around DST in ``years``."""
    spans = ZoneSpans._from_tzif(data)
    assert spans is not None
    zone = ZoneInfo.from_file(io.BytesIO(data))
    assert spans._agrees_with(zone)
    rng = random.Random(len(data))
    for year in years:
        base = wall(f"{year}-01-01T00:00")
        for _ in range(12):
            check_wall(zone, spans, base + rng.randrange(366 * 86400))
    return spans


def test_synthetic_southern_rule() -> None:
    # DST starts in October and ends in April: the DST span crosses New Year.
    data = make_tzif(
        [wall("1990-06-01T00:00")], [1], [(36000, 0), (36000, 0)], "AEST-10AEDT,M10.1.0,M4.1.0/3"
    )
    spans = assert_matches_zoneinfo(data, range(1988, 2100, 7))
    assert span(spans, "2031-01-01T00:00") == ("2030-10-06T03:00:00", "2031-04-06T02:00:00", 39600)


def test_synthetic_julian_rule() -> None:
    # Jn form with signed times and minutes/seconds, away from the leap day (zoneinfo itself
    # puts J59 on Feb 29 in leap years).
    footer = "XXX3:00:30YYY2:00:30,J70/2:30,J300/-1:15:30"
    data = make_tzif([0], [1], [(-10830, 0), (-10830, 0)], footer)
    spans = assert_matches_zoneinfo(data, range(1971, 2400, 9))
    # J70 is March 11 and J300 October 27 in every year.
    assert span(spans, "2024-06-01T00:00") == ("2024-03-11T03:30:00", "2024-10-26T21:44:30", -7230)


def test_synthetic_zero_based_rule() -> None:
    # Zero-based n counts Feb 29 (POSIX). Not compared with zoneinfo, which (CPython 3.11)
    # places these dates one day early.
    data = make_tzif([0], [1], [(-10800, 0), (-10800, 0)], "XXX3YYY,70,300")
    spans = ZoneSpans._from_tzif(data)
    assert spans is not None
    assert span(spans, "2024-06-01T00:00") == ("2024-03-11T03:00:00", "2024-10-27T01:00:00", -7200)
    assert span(spans, "2023-06-01T00:00") == ("2023-03-12T03:00:00", "2023-10-28T01:00:00", -7200)


def test_synthetic_no_transitions_dst_footer() -> None:
    # No explicit transitions at all: the footer rule governs every year, before 1970 too.
    data = make_tzif([], [], [(-18000, 0)], "EST5EDT,M3.2.0,M11.1.0")
    spans = assert_matches_zoneinfo(data, range(1801, 2500, 13))
    assert span(spans, "1850-07-01T00:00") == ("1850-03-10T03:00:00", "1850-11-03T01:00:00", -14400)


def test_synthetic_v1_and_empty_footer() -> None:
    types = [(3600, 0), (7200, 1), (3600, 0)]
    times = [wall("2000-03-26T01:00"), wall("2000-10-29T01:00")]
    for footer in (None, ""):
        spans = ZoneSpans._from_tzif(make_tzif(times, [1, 2], types, footer))
        assert spans is not None
        assert spans.span_at(wall("2500-01-01T00:00")) == (wall("2000-10-29T03:00"), POS, 3600)
        assert spans.span_at(wall("2000-01-01T00:00")) == (NEG, wall("2000-03-26T02:00"), 3600)


def test_synthetic_isdst_only_change_is_not_a_boundary() -> None:
    # Only isdst changes at the second transition: one span, not two.
    types = [(0, 0), (3600, 0), (3600, 1)]
    times = [wall("2000-01-01T00:00"), wall("2001-01-01T00:00")]
    spans = ZoneSpans._from_tzif(make_tzif(times, [1, 2], types, "<+01>-1"))
    assert spans is not None
    assert spans.span_at(wall("2005-01-01T00:00")) == (wall("2000-01-01T01:00"), POS, 3600)


def test_synthetic_close_transitions_are_exact() -> None:
    # Offsets jump by more than the time between transitions, so the per-transition
    # max/min formula would yield overlapping spans; coverage counting stays exact.
    types = [(0, 0), (36000, 0), (0, 0)]
    times = [wall("2000-01-01T00:00"), wall("2000-01-01T01:00")]
    data = make_tzif(times, [1, 2], types, "UTC0")
    spans = ZoneSpans._from_tzif(data)
    assert spans is not None
    # Instants 00:00..01:00 UTC are at +10, so walls 00:00..01:00 never occur, walls
    # 10:00..11:00 occur twice (at +10, and again at +0 after 10:00 UTC), and walls
    # 01:00..10:00 occur exactly once although no single transition brackets them.
    assert spans.span_at(wall("1999-12-31T23:59:59")) == (NEG, wall("2000-01-01T00:00"), 0)
    assert spans.span_at(wall("2000-01-01T00:30")) is None
    assert spans.span_at(wall("2000-01-01T05:00")) == (
        wall("2000-01-01T01:00"),
        wall("2000-01-01T10:00"),
        0,
    )
    assert spans.span_at(wall("2000-01-01T10:30")) is None
    assert spans.span_at(wall("2000-01-01T11:00")) == (wall("2000-01-01T11:00"), POS, 0)


def test_synthetic_rejections() -> None:
    types = [(0, 0), (3600, 0)]
    good = make_tzif([0], [1], types, "<+01>-1")
    assert ZoneSpans._from_tzif(good) is not None
    assert ZoneSpans._from_tzif(make_tzif([0], [1], types, "<+01>-1", leap=1)) is None
    assert ZoneSpans._from_tzif(make_tzif([0], [1], types, "<+02>-2")) is None  # contradicts
    assert ZoneSpans._from_tzif(make_tzif([0], [1], types, "bogus")) is None
    assert ZoneSpans._from_tzif(make_tzif([0], [2], types, "<+01>-1")) is None  # bad index
    assert ZoneSpans._from_tzif(make_tzif([5, 5], [1, 1], types, "<+01>-1")) is None
    assert ZoneSpans._from_tzif(b"TZif") is None
    assert ZoneSpans._from_tzif(b"NOPE" + good[4:]) is None
    assert ZoneSpans._from_tzif(good[:60]) is None
    # No transitions and no footer but two different offsets: which one applies is unclear.
    assert ZoneSpans._from_tzif(make_tzif([], [], types, "")) is None
