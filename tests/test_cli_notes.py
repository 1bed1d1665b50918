"""The note `next` and `prev` print when fewer occurrences exist than asked: it names
what ends the schedule (a year field, a bound, a count, an explicit date) or the
calendar's own end or start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cadence.cli import main

D = "DTSTART:20260101T090000Z\n"
HELIX = {"name": "x", "schedule": {
    "startTime": "16:49", "endTime": "16:51", "startDate": "19042022",
    "endsOn": {"endDate": "19052022"},
    "recurrence": {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": [2, 3, 4]}},
    "timeZone": {"name": "Asia/Kolkata", "offset": "+05:30"}}}
EXPIRING = {"type": "MONTHLY", "days": {"type": "LIST", "values": ["15"]},
            "hours": {"type": "LIST", "values": ["9"]}, "expiration": "2027-01-01T00:00:00Z"}
DATED = {"type": "CALENDAR", "days": {"type": "LIST", "values": ["2027-03-01", "2027-06-01"]},
         "hours": {"type": "LIST", "values": ["9"]}}
PAYLOADS = {"helix": HELIX, "expiring": EXPIRING, "dated": DATED}


@pytest.mark.parametrize(
    ("argv", "found", "note"),
    [
        (("next", "0 0 9 1 1 ? 2040", "--at", "2026-01-01T00:00Z"), 1,
         "it fires in 2040 only"),
        (("next", "0 0 9 1 1 ? 2040-2045", "--at", "2026-01-01T00:00Z", "-n", "9"), 6,
         "its last year is 2045"),
        (("prev", "0 0 9 1 1 ? 2040-2045", "--at", "2050-01-01T00:00Z", "-n", "9"), 6,
         "its first year is 2040"),
        (("next", "2027-*-* 09:00", "--format", "systemd", "--at", "2027-12-30T00:00Z"), 2,
         "it fires in 2027 only"),
        (("next", D + "RRULE:FREQ=DAILY;UNTIL=20260103T090000Z", "--at",
          "2026-01-01T00:00Z"), 3,
         "UNTIL ends it: nothing after 2026-01-03T09:00:00+00:00"),
        (("next", D + "RRULE:FREQ=DAILY;COUNT=3", "--at", "2026-01-01T00:00Z"), 3,
         "COUNT=3 ends it: its last occurrence is 2026-01-03T09:00:00+00:00"),
        (("prev", D + "RRULE:FREQ=DAILY", "--at", "2026-01-03T00:00Z"), 2,
         "DTSTART starts it: nothing before 2026-01-01T09:00:00+00:00"),
        (("next", D + "RRULE:FREQ=DAILY;COUNT=2\nRRULE:FREQ=WEEKLY;UNTIL=20260201T000000Z",
          "--at", "2026-01-01T00:00Z", "-n", "9"), 6,
         "UNTIL ends its last rule: nothing after 2026-02-01T00:00:00+00:00"),
        (("next", D + "RDATE:20260105T090000Z,20260107T090000Z", "--at",
          "2026-01-01T00:00Z"), 2, "its last explicit date is 2026-01-07T09:00:00+00:00"),
        (("next", "{helix}", "--format", "helix", "--at", "2022-05-01T00:00Z", "-n", "20"), 9,
         "endsOn.endDate ends it: nothing at or after 2022-05-20T00:00:00+05:30"),
        (("prev", "{helix}", "--format", "helix", "--at", "2022-05-01T00:00Z", "-n", "20"),
         5, "startDate starts it: nothing before 2022-04-19T00:00:00+05:30"),
        (("next", "{expiring}", "--format", "campaign", "--at", "2026-05-01T00:00Z", "-n",
          "20"), 8, "its expiration ends it: nothing after 2027-01-01T00:00:00+00:00"),
        (("next", "{dated}", "--format", "campaign", "--at", "2026-05-01T00:00Z"), 2,
         "it fires in 2027 only"),
        (("prev", "0 9 * * *", "--at", "0001-01-03T00:00Z"), 2,
         "the calendar starts at year 1"),
        (("prev", "0 0 9 * * ?", "--at", "1970-01-03T00:00Z"), 2,
         "Quartz fires from 1970, the first year of its year field"),
        (("next", "0 9 * * *", "--at", "9999-12-30T00:00Z"), 2,
         "the calendar ends at year 9999"),
    ],
)
def test_the_note_names_what_ends_the_schedule(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...], found: int,
    note: str
) -> None:
    files = {}
    for name, payload in PAYLOADS.items():
        files[name] = tmp_path / f"{name}.json"
        files[name].write_text(json.dumps(payload), encoding="utf-8")
    args = [arg.format(**{name: str(path) for name, path in files.items()})
            if arg.startswith("{") else arg for arg in argv]
    assert main(args) == 0
    captured = capsys.readouterr()
    direction = "after" if argv[0] == "next" else "before"
    assert len(captured.out.splitlines()) == found
    assert captured.err == (f"cadence: only {found} occurrence(s) {direction} that moment "
                            f"({note})\n")
