"""A digit is ASCII 0-9 in every format (issue 14): Python's ``\\d``, ``str.isdigit``,
``int()`` and ``Decimal()`` also take full-width (U+FF10...) and Arabic-Indic
(U+0660...) digits, and ``int()``/``Decimal()`` take ``1_000``; the Bentley reader and
RRULE's DTSTART accepted them, while every vendor refuses them. The one definition is
:func:`cadence._calendar.is_digits` (and ``[0-9]`` in regular expressions)."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

import cadence
from cadence import bentley

FULL_WIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + d) for d in range(10)))
ARABIC_INDIC = str.maketrans("0123456789", "".join(chr(0x0660 + d) for d in range(10)))


def spellings(number: str) -> dict[str, str]:
    """``number`` (two digits or more) as the digits no vendor reads."""
    return {"full-width": number.translate(FULL_WIDTH),
            "arabic-indic": number.translate(ARABIC_INDIC),
            "underscore": f"{number[0]}_{number[1:]}"}


ICAL = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
        "UID:a@b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261123T090000Z\r\n"
        "DURATION:PT3600S\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
#: (format, valid text, the number in it that is respelled).
TEXTS = [
    ("cron", "0 10 * * *", "10"),
    ("quartz", "0 30 9 ? * MON-FRI", "30"),
    ("rrule", "DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY;COUNT=3", "20261123"),
    ("rrule", "DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY;COUNT=3", "090000"),
    ("rrule", "RRULE:FREQ=DAILY;BYHOUR=10;BYMINUTE=0;BYSECOND=0", "10"),
    ("rrule", "DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY;UNTIL=20261201T000000Z",
     "20261201"),
    ("systemd", "*-*-* 09:30:00", "30"),
    ("systemd", "2026-11-23 12:00", "2026"),
    ("ical", ICAL, "20261123"),
    ("ical", ICAL, "3600"),
]


@pytest.mark.parametrize("kind", ["full-width", "arabic-indic", "underscore"])
@pytest.mark.parametrize(("format", "text", "number"), TEXTS)
def test_texts_refuse_digits_other_than_ascii(format: str, text: str, number: str,
                                              kind: str) -> None:
    cadence.parse(text, format=format)
    with pytest.raises(cadence.ScheduleError):
        cadence.parse(text.replace(number, spellings(number)[kind], 1), format=format)


def _bentley_calendar() -> dict[str, Any]:
    return {"calendar": {
        "dayTypes": [{"id": "off", "type": "NonWorking", "timeBlocks": []},
                     {"id": "work", "type": "Normal",
                      "timeBlocks": [{"startTime": "09:00", "endTime": "17:00"}]}],
        "week": dict.fromkeys((
            "sundayDayTypeId", "mondayDayTypeId", "tuesdayDayTypeId", "wednesdayDayTypeId",
            "thursdayDayTypeId", "fridayDayTypeId", "saturdayDayTypeId"), "work"),
        "exceptions": [{"date": "2024-04-03T12:00:00Z", "dayTypeId": "off"}]}}


HELIX = {"startTime": "16:49", "endTime": "16:51", "startDate": "19042022",
         "endsOn": {"endDate": "19052022"}, "recurrence": {"frequency": "daily"},
         "timeZone": {"name": "Asia/Kolkata"}}
#: (format, valid payload, the path of a string in it, the number respelled there).
PAYLOADS = [
    ("campaign", {"type": "MONTHLY", "hours": {"type": "LIST", "values": ["17"]},
                  "days": {"type": "LIST", "values": ["15"]}}, ("hours", "values", 0), "17"),
    ("campaign", {"type": "CALENDAR", "hours": {"type": "LIST", "values": ["1"]},
                  "days": {"type": "LIST", "values": ["2020-02-18"]}},
     ("days", "values", 0), "2020"),
    ("helix", HELIX, ("startTime",), "49"),
    ("helix", HELIX, ("startDate",), "2022"),
    ("edfs", {"id": "t1", "name": "nightly", "cronStr": "0 10 * * 6,0", "enabled": True},
     ("cronStr",), "10"),
    ("bentley", _bentley_calendar(), ("calendar", "dayTypes", 1, "timeBlocks", 0, "startTime"),
     "09"),
    ("bentley", _bentley_calendar(), ("calendar", "dayTypes", 1, "timeBlocks", 0, "endTime"),
     "17"),
    ("bentley", _bentley_calendar(), ("calendar", "exceptions", 0, "date"), "2024"),
    ("bentley", _bentley_calendar(), ("calendar", "exceptions", 0, "date"), "12"),
]


@pytest.mark.parametrize("kind", ["full-width", "arabic-indic", "underscore"])
@pytest.mark.parametrize(("format", "payload", "path", "number"), PAYLOADS)
def test_payloads_refuse_digits_other_than_ascii(format: str, payload: dict[str, Any],
                                                 path: tuple[str | int, ...], number: str,
                                                 kind: str) -> None:
    assert not [p for p in cadence.validate(payload, format) if p.is_error]
    changed = copy.deepcopy(payload)
    parent: Any = changed
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = parent[path[-1]].replace(number, spellings(number)[kind], 1)
    errors = [p for p in cadence.validate(changed, format) if p.is_error]
    assert errors
    assert errors[0].path == "/" + "/".join(map(str, path))
    with pytest.raises(cadence.ScheduleError):
        cadence.parse(changed, format=format)


@pytest.mark.parametrize("kind", ["full-width", "arabic-indic", "underscore"])
def test_bentley_quantities_refuse_digits_other_than_ascii(kind: str) -> None:
    rule = {"rule": {"rate": 14.5, "unit": "Meter"}}
    assert bentley.duration(rule, "145", "Meter").total_seconds() == 36000
    with pytest.raises(bentley.InvalidQuantityError, match="digits 0-9"):
        bentley.duration(rule, spellings("145")[kind], "Meter")


@pytest.mark.parametrize("kind", ["full-width", "arabic-indic", "underscore"])
def test_cli_numbers_refuse_digits_other_than_ascii(
        kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    from cadence.cli import main

    assert main(["next", "0 9 * * *", "-n", "12", "--at", "2026-01-01T00:00Z"]) == 0
    capsys.readouterr()
    assert main(["next", "0 9 * * *", "-n", spellings("12")[kind], "--at",
                 "2026-01-01T00:00Z"]) == 2
    assert "not a whole number (digits 0-9)" in capsys.readouterr().err


def test_the_source_has_one_definition_of_a_digit() -> None:
    """No ``\\d``, ``isdigit``, ``isdecimal`` nor ``isnumeric`` outside ``_calendar``."""
    package = Path(cadence.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "_calendar.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\\d|\.is(?:digit|decimal|numeric)\(", line):
                found.append(f"{path.relative_to(package)}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.parametrize("kind", ["full-width", "arabic-indic", "underscore"])
def test_cadence_finish_refuses_a_quantity_in_other_digits(
        kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from cadence.cli import main

    (tmp_path / "rule.json").write_text(json.dumps({"rule": {"rate": 14.5, "unit": "Meter"}}),
                                        encoding="utf-8")
    (tmp_path / "calendar.json").write_text(json.dumps(_bentley_calendar()), encoding="utf-8")
    command = ["finish", "--calendar", str(tmp_path / "calendar.json"), "--rule",
               str(tmp_path / "rule.json"), "--at", "2026-01-01T09:00Z", "--quantity"]
    assert main([*command, "145"]) == 0
    assert capsys.readouterr().out == "2026-01-02T11:00:00+00:00\n"  # 10 working hours
    assert main([*command, spellings("145")[kind]]) == 2
    assert "is not a number (digits 0-9" in capsys.readouterr().err
