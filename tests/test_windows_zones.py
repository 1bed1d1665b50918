"""The Windows zone names Outlook writes, read as IANA zones through CLDR's table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cadence._windows_zones import iana_zone, windows_zones

DATA = Path(__file__).resolve().parents[1] / "src" / "cadence" / "data" / "windows_zones.json"


@pytest.mark.parametrize(("windows", "iana"), [
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Eastern Standard Time", "America/New_York"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("India Standard Time", "Asia/Kolkata"),  # CLDR's id is Asia/Calcutta
    ("FLE Standard Time", "Europe/Kyiv"),  # CLDR's id is Europe/Kiev
    ("Romance Standard Time", "Europe/Paris"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("UTC", "Etc/UTC"),
    ("UTC-11", "Etc/GMT+11"),
])
def test_known_windows_names_map_to_cldrs_default_zone(windows: str, iana: str) -> None:
    assert iana_zone(windows) == iana


@pytest.mark.parametrize("spelling", ["w. europe standard time", "W. EUROPE STANDARD TIME",
                                      "w. Europe Standard time"])
def test_case_does_not_matter(spelling: str) -> None:
    assert iana_zone(spelling) == "Europe/Berlin"


@pytest.mark.parametrize("name", ["Mars Standard Time", "", "Europe/Berlin",
                                  " W. Europe Standard Time", "W Europe Standard Time",
                                  "W. Europe"])
def test_names_cldr_does_not_list_are_none(name: str) -> None:
    assert iana_zone(name) is None


def test_every_zone_in_the_table_loads_with_zoneinfo() -> None:
    table = windows_zones()
    assert len(table) > 130
    for windows, iana in table.items():
        assert ZoneInfo(iana).key == iana, windows


def test_the_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        windows_zones()["Mars Standard Time"] = "UTC"  # type: ignore[index]


def test_the_data_file_says_where_it_comes_from() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert "Unicode CLDR" in data["source"]
    assert "windowsZones.xml" in data["source"]
    assert data["cldr_version"] in data["source"]
    assert "tools/windows_zones.py" in data["source"]
    assert any("Unicode" in line for line in data["license"])


def test_importing_cadence_does_not_read_the_table() -> None:
    script = ("import cadence, cadence._windows_zones as w\n"
              "assert w._table.cache_info().currsize == 0\n"
              "assert w.iana_zone('UTC') == 'Etc/UTC'\n"
              "assert w._table.cache_info().currsize == 1\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
