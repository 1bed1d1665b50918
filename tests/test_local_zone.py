"""``tz="local"`` (and ``--tz local``) is this machine's zone, by its IANA name (issue 15).

:func:`cadence._zones.local_zone` looks at ``TZ``, then /etc/timezone, then where the
/etc/localtime link points below a zoneinfo directory; the tests give it their own
environment and files (``environ=``, ``timezone_file=``, ``localtime=``) instead of
touching the machine's, and run a fresh interpreter where ``TZ`` itself is set.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import cadence
from cadence._zones import UTC, local_zone, resolve_zone, zone_name
from cadence.errors import ZoneError

SOURCE = str(Path(cadence.__file__).resolve().parents[1])


def files(tmp_path: Path, *, timezone: str | None = None, link: str | None = None,
          absolute: bool = False) -> dict[str, str]:
    """Stand-ins for /etc/timezone (with ``timezone`` as its text) and /etc/localtime (a
    link to the file ``link`` below ``tmp_path``, by a relative or an ``absolute``
    path); either may be absent. Nothing is written outside ``tmp_path``."""
    timezone_file, localtime = tmp_path / "timezone", tmp_path / "localtime"
    if timezone is not None:
        timezone_file.write_text(timezone, encoding="utf-8")
    if link is not None:
        assert not Path(link).is_absolute()
        target = tmp_path / link
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"TZif")  # only the link's path is read, never the file
        localtime.symlink_to(target if absolute else link)
    return {"timezone_file": str(timezone_file), "localtime": str(localtime)}


@pytest.mark.parametrize(("tz", "expected"), [
    ("Europe/Berlin", "Europe/Berlin"),
    (":America/New_York", "America/New_York"),  # POSIX allows a leading ':'
    (" Asia/Tokyo ", "Asia/Tokyo"),
    (":/usr/share/zoneinfo/Australia/Sydney", "Australia/Sydney"),  # a path to the file
    ("UTC", "UTC"),
    ("Etc/UTC", "UTC"),
    ("", "UTC"),  # set but empty: the C library reads UTC
    (":", "UTC"),
])
def test_tz_in_the_environment_names_the_zone_first(tmp_path: Path, tz: str,
                                                    expected: str) -> None:
    found = local_zone(environ={"TZ": tz},
                       **files(tmp_path, timezone="Europe/Oslo",
                               link="usr/share/zoneinfo/Asia/Dubai"))
    assert zone_name(found) == expected


def test_a_tz_that_names_no_iana_zone_leaves_the_answer_to_etc_timezone(tmp_path: Path
                                                                         ) -> None:
    # A POSIX rule such as this one says offsets, not the zone's history.
    found = local_zone(environ={"TZ": "CET-1CEST,M3.5.0,M10.5.0/3"},
                       **files(tmp_path, timezone="Europe/Oslo\n"))
    assert zone_name(found) == "Europe/Oslo"


def test_etc_timezone_names_the_zone_when_tz_is_not_set(tmp_path: Path) -> None:
    found = local_zone(environ={}, **files(tmp_path, timezone="America/Sao_Paulo\n",
                                           link="usr/share/zoneinfo/Asia/Dubai"))
    assert zone_name(found) == "America/Sao_Paulo"


@pytest.mark.parametrize(("link", "expected"), [
    ("usr/share/zoneinfo/America/New_York", "America/New_York"),
    ("usr/share/zoneinfo/posix/Asia/Kolkata", "Asia/Kolkata"),
    ("usr/share/zoneinfo/right/Africa/Nairobi", "Africa/Nairobi"),
    ("usr/share/zoneinfo/Etc/UTC", "UTC"),
])
@pytest.mark.parametrize("absolute", [False, True])
def test_the_localtime_link_names_the_zone_below_its_zoneinfo_directory(
        tmp_path: Path, link: str, expected: str, absolute: bool) -> None:
    found = local_zone(environ={}, **files(tmp_path, timezone="not a zone", link=link,
                                           absolute=absolute))
    assert zone_name(found) == expected


def test_a_link_to_a_zone_file_that_links_on_keeps_the_name_it_was_given(tmp_path: Path
                                                                          ) -> None:
    # Debian links Asia/Calcutta to Asia/Kolkata: the name /etc/localtime gives wins.
    paths = files(tmp_path, link="usr/share/zoneinfo/Asia/Kolkata")
    alias = tmp_path / "usr/share/zoneinfo/Asia/Calcutta"
    alias.symlink_to("Kolkata")
    os.remove(paths["localtime"])
    os.symlink(alias, paths["localtime"])
    assert zone_name(local_zone(environ={}, **paths)) == "Asia/Calcutta"


@pytest.mark.parametrize("link", [None, "etc/some/copy", "usr/share/zoneinfo/Not/AZone"])
def test_no_zone_found_is_an_error_that_says_to_give_an_iana_name(tmp_path: Path,
                                                                  link: str | None) -> None:
    with pytest.raises(ZoneError) as raised:
        local_zone(environ={"TZ": "EST5"}, where="--tz", **files(tmp_path, link=link))
    message = str(raised.value)
    assert message.startswith("--tz: 'local' asks for this machine's time zone, but none "
                              "is found (TZ='EST5' names no IANA zone, ")
    assert message.endswith("give an IANA name such as 'Europe/Berlin'")


def test_a_copied_localtime_file_names_no_zone(tmp_path: Path) -> None:
    paths = files(tmp_path)
    Path(paths["localtime"]).write_bytes(b"TZif")
    with pytest.raises(ZoneError, match="is no link into a zoneinfo directory"):
        local_zone(environ={}, **paths)


def test_local_is_resolved_where_tz_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert zone_name(resolve_zone("local")) == "America/New_York"
    schedule = cadence.parse("30 9 * * *", tz="local")
    # The zone by its name, so the clocks change with New York's: EST, then EDT.
    assert [moment.isoformat() for moment in
            schedule.between("2026-03-07T00:00Z", "2026-03-10T00:00Z")] == [
        "2026-03-07T09:30:00-05:00", "2026-03-08T09:30:00-04:00",
        "2026-03-09T09:30:00-04:00"]


def test_local_is_looked_up_on_every_call_never_kept(monkeypatch: pytest.MonkeyPatch
                                                     ) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert str(cadence.parse("0 9 * * *", tz="local").tz) == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "Europe/Madrid")
    assert str(cadence.parse("0 9 * * *", tz="local").tz) == "Europe/Madrid"
    assert zone_name(resolve_zone("local")) == "Europe/Madrid"


def test_local_reaches_every_format_that_takes_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Vienna")
    campaign = {"type": "WEEKLY", "hours": {"type": "LIST", "values": ["9"]},
                "days": {"type": "LIST", "values": ["2"]}}
    for source in ("0 9 * * *", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0", "Mon 9:00",
                   campaign, {"cronStr": "0 9 * * *"}):
        assert str(cadence.parse(source, tz="local").tz) == "Europe/Vienna"
    assert cadence.validate(campaign, tz="local") == []


@pytest.mark.parametrize(("source", "where"), [
    ("CRON_TZ=local 0 9 * * *", "CRON_TZ"),
    ("DTSTART;TZID=local:20261123T090000\nRRULE:FREQ=DAILY", "DTSTART;TZID"),
    ("Mon 9:00 local", "time zone"),
])
def test_a_source_cannot_name_local(source: str, where: str) -> None:
    with pytest.raises(cadence.ParseError) as raised:
        cadence.parse(source)
    assert f"{where}: 'local' is not a zone a source can name" in str(raised.value)
    assert "('local' is for tz= and --tz only)" in str(raised.value)


def test_local_is_refused_where_a_source_names_its_zone() -> None:
    with pytest.raises(ZoneError, match="'local' is for tz= and --tz only"):
        resolve_zone("local", where="TZID", local=False)
    with pytest.raises(cadence.ParseError, match="unknown TZID"):
        cadence.parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=local:20261123T090000\n"
                      "RRULE:FREQ=DAILY\nEND:VEVENT\nEND:VCALENDAR")


@pytest.mark.parametrize(("tz", "expected"), [
    ("Pacific/Auckland", "Pacific/Auckland"), (":Europe/Riga", "Europe/Riga"),
])
def test_a_fresh_interpreter_takes_tz_from_its_environment(tz: str, expected: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c",
         "import cadence; print(cadence.parse('0 9 * * *', tz='local').tz)"],
        env={**os.environ, "PYTHONPATH": SOURCE, "TZ": tz}, capture_output=True, text=True,
        check=True, timeout=120)
    assert done.stdout.strip() == expected


def test_utc_from_local_is_the_one_utc_zone() -> None:
    assert local_zone(environ={"TZ": "GMT"}) is UTC
