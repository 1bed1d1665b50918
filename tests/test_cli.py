"""The ``cadence`` command: output, exit codes and messages."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cadence.cli import main

TIMER = {
    "id": "00000000-0000-0000-0000-000000000000",
    "name": "SAP_WORK_ORDERS at 00:00 on Saturday and Sunday",
    "packageUniqueName": "SAP_WORK_ORDERS",
    "cronStr": "0 0 * * 6,0",
    "enabled": True,
    "parameters": [{"name": "Parameter", "value": "Value"}],
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_next_prints_the_issue_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "next", "0 0 * * 6,0", "--at",
                         "2026-11-22T00:00:00+00:00", "-n", "3")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "2026-11-28T00:00:00+00:00",
        "2026-11-29T00:00:00+00:00",
        "2026-12-05T00:00:00+00:00",
    ]


def test_next_json_prints_an_array(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "next", "0 30 9 ? * MON-FRI", "--tz", "Europe/Berlin",
                       "--at", "2026-11-20T10:00", "-n", "2", "--json")
    assert code == 0
    assert json.loads(out) == ["2026-11-23T09:30:00+01:00", "2026-11-24T09:30:00+01:00"]


def test_prev_counts_backwards(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "prev", "30 2 * * *", "--tz", "America/New_York",
                       "--at", "2026-03-09T00:00", "-n", "2")
    assert code == 0
    assert out.splitlines() == ["2026-03-08T03:00:00-04:00", "2026-03-07T02:30:00-05:00"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["next", "0 61 * * *"], "hour 61 is out of range 0-23\n  0 61 * * *\n    ^^"),
        (["next", "0 0 30 2 *"], "never fires"),
        (["next", "missing.json", "--format", "edfs"], "cannot read missing.json: no such file"),
        (["next", "missing.json"], "cannot read missing.json: no such file"),
    ],
)
def test_bad_input_goes_to_stderr_with_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("cadence: error: ")
    assert message in err


@pytest.mark.parametrize(("argv", "message"), [
    (["next", "* * * * *", "-n", "0"], "argument -n: must be between 1 and 100000, not 0"),
    (["next", "* * * * *", "--tz", "Mars/Base"], "argument --tz: unknown time zone 'Mars/Base'"),
    (["next", "* * * * *", "--at", "yesterday"],
     "argument --at: 'yesterday' is not an ISO 8601 date-time"),
])
def test_a_bad_option_exits_2_under_the_commands_usage(
        capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    """Options are checked as the command line is read; the error comes with the usage
    of the command, not of cadence as a whole."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("usage: cadence next ")
    assert f"cadence next: error: {message}" in err


def test_the_end_of_the_calendar_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "next", "0 0 31 12 *", "--at", "9999-01-01", "-n", "3")
    assert code == 0
    assert out.splitlines() == ["9999-12-31T00:00:00+00:00"]
    assert "only 1 occurrence(s)" in err


def test_describe_reads_strings_and_timer_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "describe", "0 22 * * 1-5")[1] == (
        "At 22:00 on every day-of-week from Monday through Friday.\n")
    timer = tmp_path / "timer.json"
    timer.write_text(json.dumps(TIMER), encoding="utf-8")
    assert run(capsys, "describe", str(timer), "--format", "edfs")[1] == (
        "At 00:00 on Saturday and Sunday.\n")


def test_a_disabled_timer_is_announced_on_stderr(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({**TIMER, "enabled": False})))
    code, out, err = run(capsys, "next", "-", "--format", "edfs", "--at",
                         "2026-11-22T00:00Z", "-n", "1")
    assert code == 0
    assert out == "2026-11-28T00:00:00+00:00\n"
    assert "timer is disabled" in err


def test_validate_exits_0_for_a_valid_payload(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    timer = tmp_path / "timer.json"
    timer.write_text(json.dumps(TIMER), encoding="utf-8")
    assert run(capsys, "validate", str(timer), "--format", "edfs") == (0, "valid\n", "")


def test_validate_exits_1_and_lists_every_problem(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = json.dumps({"cronStr": "61 * * * *", "enabeld": True})
    monkeypatch.setattr(sys, "stdin", io.StringIO(payload))
    code, out, _ = run(capsys, "validate", "-", "--format", "edfs", "--json")
    assert code == 1
    assert [(p["path"], p["code"]) for p in json.loads(out)] == [
        ("/enabeld", "UNKNOWN_FIELD"), ("/cronStr", "INVALID_CRON"),
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO(payload))
    code, out, _ = run(capsys, "validate", "-", "--format", "edfs", "--envelope")
    assert code == 1
    assert json.loads(out)["error"]["code"] == "InvalidTimerRequest"


def test_validate_exits_2_when_the_file_is_not_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(broken), "--format", "edfs")
    assert (code, out) == (2, "")
    assert "is not JSON" in err


def test_validate_checks_cron_strings_too(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "0 0 30 2 *", "--format", "cron")
    assert code == 1
    assert "NEVER_FIRES" in out


def test_the_installed_command_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cadence", "next", "@yearly", "--at", "2026-01-01T00:00Z",
         "-n", "1"],
        capture_output=True, text=True, check=False,
    )
    assert (result.returncode, result.stdout) == (0, "2027-01-01T00:00:00+00:00\n")


def test_campaign_files_run_through_next_describe_and_validate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    campaign = tmp_path / "campaign.json"
    campaign.write_text(json.dumps({
        "type": "MONTHLY", "hours": {"type": "LIST", "values": ["17"]},
        "days": {"type": "LIST", "values": ["15"]},
    }), encoding="utf-8")
    code, out, _ = run(capsys, "next", str(campaign), "--format", "campaign", "--at",
                       "2026-11-22T00:00Z", "-n", "2")
    assert (code, out.splitlines()) == (0, ["2026-12-15T17:00:00+00:00",
                                             "2027-01-15T17:00:00+00:00"])
    assert run(capsys, "describe", str(campaign), "--format", "campaign")[1] == (
        "At 17:00 on day-of-month 15.\n")
    campaign.write_text('{"type": "DAILY", "hours": {"type": "LIST", "values": ["25"]}}',
                        encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(campaign), "--format", "campaign",
                       "--envelope")
    body = json.loads(out)
    assert code == 1
    assert body["detailCode"] == "400.1 Bad Request Content"
    assert len(body["causes"]) == 3  # the type, the hour 25, the missing days


HELIX_FRAME = {
    "name": "skip weekends", "description": "skip weekends",
    "schedule": {
        "startTime": "16:49", "endTime": "16:51", "startDate": "19042022",
        "endsOn": {"endDate": "19052022"},
        "recurrence": {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": [2, 3, 4]}},
        "timeZone": {"name": "Asia/Kolkata", "offset": "+05:30"},
    },
}


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2022-04-19T16:50+05:30",
         {"status": "ACTIVE", "inWindow": True, "lastRunTime": 1650367140000,
          "nextRunTime": 1650453540000}),
        ("2022-04-19T12:00+05:30",
         {"status": "ACTIVE", "inWindow": False, "lastRunTime": None,
          "nextRunTime": 1650367140000}),
        ("2022-06-01T00:00+05:30",
         {"status": "EXPIRED", "inWindow": False, "lastRunTime": 1652872740000,
          "nextRunTime": None}),
    ],
)
def test_status_prints_what_helix_get_returns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, moment: str, expected: dict[str, object]
) -> None:
    frame = tmp_path / "frame.json"
    frame.write_text(json.dumps(HELIX_FRAME), encoding="utf-8")
    code, out, _ = run(capsys, "status", str(frame), "--format", "helix", "--at", moment,
                       "--json")
    assert code == 0
    assert json.loads(out) == expected


def _helix_frame(name: str, status: str, start: str) -> dict[str, object]:
    return {"id": f"id-{name}", "name": name, "status": status,
            "lastRunTime": 1648452600000, "nextRunTime": 1648452600000,
            "schedule": {**HELIX_FRAME["schedule"], "startTime": start,  # type: ignore[dict-item]
                         "recurrence": {"frequency": "daily",
                                        "recurrenceSchedule": {"days": "all"}}}}


#: A GET /timeframes answer (seed 002's shape) listing two frames.
HELIX_LIST = {"message": "[Successfully found timeframes]", "object": [
    _helix_frame("Exclude weekends", "ACTIVE", "16:49"),
    _helix_frame("Weekly time frame", "INACTIVE", "09:00")]}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["status", "--at", "2022-05-19T16:50+05:30", "--json"],
         '[{"name": "Exclude weekends", "status": "ACTIVE", "inWindow": true, '
         '"lastRunTime": 1652959140000, "nextRunTime": null}, '
         '{"name": "Weekly time frame", "status": "INACTIVE", "inWindow": true, '
         '"lastRunTime": 1652931000000, "nextRunTime": null}]'),
        (["next", "--at", "2022-05-18T12:00+05:30", "-n", "2"],
         "Exclude weekends:\n  2022-05-18T16:49:00+05:30\n  2022-05-19T16:49:00+05:30\n"
         "Weekly time frame:\n  2022-05-19T09:00:00+05:30\n"),
        (["next", "--at", "2022-05-18T12:00+05:30", "-n", "1", "--json"],
         '[{"name": "Exclude weekends", "occurrences": ["2022-05-18T16:49:00+05:30"]}, '
         '{"name": "Weekly time frame", "occurrences": ["2022-05-19T09:00:00+05:30"]}]'),
        (["prev", "--at", "2022-04-20T12:00+05:30", "-n", "1"],
         "Exclude weekends:\n  2022-04-19T16:49:00+05:30\n"
         "Weekly time frame:\n  2022-04-20T09:00:00+05:30\n"),
        (["describe"],
         "Exclude weekends: At 16:49, for 2 minutes, from 2022-04-19T00:00:00+05:30, before "
         "2022-05-20T00:00:00+05:30 (Asia/Kolkata time).\n"
         "Weekly time frame: At 09:00, for 7 hours 51 minutes, from "
         "2022-04-19T00:00:00+05:30, before 2022-05-20T00:00:00+05:30 (Asia/Kolkata time).\n"),
    ],
)
def test_a_helix_get_answer_listing_frames_gives_one_result_per_frame(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], expected: str
) -> None:
    """Seed 002, GET /timeframes: ``{"message": "[Successfully found timeframes]",
    "object": [`` a time frame per element, each with ``"name"`` ``]}``."""
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps(HELIX_LIST), encoding="utf-8")
    code, out, _ = run(capsys, argv[0], str(listed), "--format", "helix", *argv[1:])
    assert code == 0
    if expected.startswith("["):
        assert json.loads(out) == json.loads(expected)
    else:
        assert out == expected


def test_a_helix_get_answer_of_one_frame_prints_as_a_frame(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Seed 002, GET /timeframes/<TIMEFRAME_ID>: ``{"message": "Timeframe entry found.",
    "object": {`` the time frame ``}}``."""
    found = tmp_path / "found.json"
    found.write_text(json.dumps({"message": "Timeframe entry found.",
                                 "object": HELIX_LIST["object"][1]}), encoding="utf-8")
    code, out, _ = run(capsys, "status", str(found), "--format", "helix",
                       "--at", "2022-04-19T09:30+05:30", "--json")
    assert code == 0
    assert json.loads(out) == {"status": "INACTIVE", "inWindow": True,
                               "lastRunTime": 1650339000000, "nextRunTime": 1650425400000}


def test_status_is_for_helix_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    timer = tmp_path / "timer.json"
    timer.write_text(json.dumps(TIMER), encoding="utf-8")
    code, _, err = run(capsys, "status", str(timer), "--format", "edfs")
    assert code == 2
    assert "status answers for BMC Helix time frames; this SOURCE is edfs" in err


CALENDAR = {"calendar": {
    "id": "1e67", "name": "Standard", "parentId": None,
    "dayTypes": [
        {"id": "7efb", "description": "Non-Working Day", "type": "NonWorking", "timeBlocks": []},
        {"id": "f98d", "description": "Normal Working Day", "type": "Normal",
         "timeBlocks": [{"startTime": "09:00", "endTime": "17:00"}]},
    ],
    "week": {"sundayDayTypeId": "7efb", "mondayDayTypeId": "f98d", "tuesdayDayTypeId": "f98d",
             "wednesdayDayTypeId": "f98d", "thursdayDayTypeId": "f98d",
             "fridayDayTypeId": "f98d", "saturdayDayTypeId": "7efb"},
    "exceptions": [{"date": "2024-04-03T12:00:00Z", "dayTypeId": "7efb"}],
    "workingDaysPerWeek": 5, "workingSecondsPerDay": 28800,
}}
RULE = {"rule": {"id": "r1", "rate": 14.5, "unit": "Meter", "deleted": False}}


@pytest.mark.parametrize(
    ("extra", "finish"),
    [
        ([], "2026-11-24T11:00:00+00:00"),
        (["--unit", "Meter"], "2026-11-24T11:00:00+00:00"),
        (["--tz", "Europe/Riga"], "2026-11-24T11:00:00+02:00"),
    ],
)
def test_finish_prints_when_the_work_is_done(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: list[str], finish: str
) -> None:
    calendar, rule = tmp_path / "calendar.json", tmp_path / "rule.json"
    calendar.write_text(json.dumps(CALENDAR), encoding="utf-8")
    rule.write_text(json.dumps(RULE), encoding="utf-8")
    code, out, err = run(capsys, "finish", "--calendar", str(calendar), "--rule", str(rule),
                         "--quantity", "145", "--at", "2026-11-23T09:00", *extra)
    assert (code, err) == (0, "")
    assert out == finish + "\n"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--quantity", "many"], "must be a finite number written in digits 0-9"),
        (["--quantity", "145", "--unit", "Foot"], "unit"),
        (["--quantity", "-1"], "negative"),
    ],
)
def test_finish_rejects_bad_input_with_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: list[str], message: str
) -> None:
    calendar, rule = tmp_path / "calendar.json", tmp_path / "rule.json"
    calendar.write_text(json.dumps(CALENDAR), encoding="utf-8")
    rule.write_text(json.dumps(RULE), encoding="utf-8")
    code, out, err = run(capsys, "finish", "--calendar", str(calendar), "--rule", str(rule),
                         "--at", "2026-11-23T09:00", *extra)
    assert (code, out) == (2, "")
    assert message in err


def test_convert_writes_the_target_or_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "convert", "0 30 9 ? * MON-FRI", "--to", "cron", "--tz",
               "Europe/Berlin") == (0, "CRON_TZ=Europe/Berlin 30 9 * * 1-5\n", "")
    code, out, err = run(capsys, "convert", "0 0 0 ? * * 2027", "--to", "cron")
    assert (code, out) == (2, "")
    assert "cron:" in err


@pytest.mark.parametrize(
    ("a", "b", "options", "code", "out"),
    [
        ("*/15 * * * *", "0,15,30,45 * * * *", ("--horizon-days", "60"), 0, "equivalent"),
        ("DTSTART:20200101T090000Z\nRRULE:FREQ=DAILY", "0 9 * * *", (), 0, "equivalent"),
        ("0 9 * * 1-5", "0 9 * * 1-6", (), 1,
         "differ: 2026-11-28T09:00:00+00:00 fires in B only"),
        # The issue's example: they differ in 2040, 14 years on.
        ("0 0 9 1 1 ? 2040", "0 0 10 1 1 ? 2040", (), 1,
         "differ: 2040-01-01T09:00:00+00:00 fires in A only"),
        ("0 0 29 2 *", "0 0 1 3 *", ("--horizon-days", "60"), 0,
         "no difference found before 2027-01-21T00:00:00+00:00 (the comparison stopped at "
         "--horizon-days 60; not proven equivalent)"),
    ],
)
def test_diff_says_equivalent_different_or_how_far_it_looked(
    capsys: pytest.CaptureFixture[str], a: str, b: str, options: tuple[str, ...], code: int,
    out: str
) -> None:
    assert run(capsys, "diff", a, b, "--at", "2026-11-22T00:00Z", *options) == (
        code, out + "\n", "")


def test_convert_prints_json_for_a_json_target(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "convert", "0 17 15 * *", "--to", "campaign")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"type": "MONTHLY", "days": {"type": "LIST", "values": ["15"]},
                               "hours": {"type": "LIST", "values": ["17"]}}


def test_convert_to_rrule_takes_a_start_outside_utc(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "convert", "0 9 * * MON-FRI", "--tz", "Europe/Berlin",
                         "--to", "rrule")
    assert (code, out) == (2, "")
    assert "rrule: a schedule in Europe/Berlin without a start cannot be expressed" in err
    assert run(capsys, "convert", "0 9 * * MON-FRI", "--tz", "Europe/Berlin", "--to",
               "rrule", "--at", "2026-11-23") == (
        0, "DTSTART;TZID=Europe/Berlin:20261123T000000\n"
           "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0\n", "")


def test_convert_lossy_lists_what_it_dropped_on_stderr(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "convert", "30 0 12 * * ?", "--to", "cron", "--lossy") == (
        0, "0 12 * * *\n",
        "cadence: dropped: seconds (30); cron fires at second 0 of the same minutes\n")


def test_convert_refuses_a_dst_policy_change_that_moves_an_occurrence(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "convert", "30 2 * * *", "--tz", "America/New_York",
                         "--to", "rrule", "--at", "2026-01-01")
    assert (code, out) == (2, "")
    assert ("2026-03-08T02:30:00 does not exist in America/New_York (the clocks jump over "
            "it); this schedule (cron DST policy) fires right after the jump, the rrule "
            "result (rfc5545 DST policy) skips it") in err


def test_next_reads_rrule_text_from_a_file(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    path = tmp_path / "rule.ics"
    path.write_text("DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY;COUNT=2\n", encoding="utf-8")
    code, out, err = run(capsys, "next", str(path), "--format", "rrule", "--at",
                         "2026-01-01T00:00Z", "-n", "2")
    assert (code, out, err) == (0, "2026-11-23T09:00:00+00:00\n2026-11-24T09:00:00+00:00\n",
                                "")


def test_next_reads_a_systemd_calendar_event(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "next", "Mon..Fri 09:00", "--format", "systemd",
                         "--at", "2026-12-04T12:00Z", "-n", "2")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["2026-12-07T09:00:00+00:00", "2026-12-08T09:00:00+00:00"]


def test_convert_writes_cron_as_a_systemd_calendar_event(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "convert", "0 9 * * 1-5", "--to", "systemd")
    assert (code, out, err) == (0, "Mon..Fri *-*-* 09:00:00\n", "")


def test_a_bad_systemd_event_is_an_error_with_a_caret(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "next", "*-*-* 25:00", "--format", "systemd")
    assert (code, out) == (2, "")
    assert "hour 25" in err
    assert "^" in err


ICS = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:sync@example.com\r\n"
       "DTSTART;TZID=W. Europe Standard Time:20261123T090000\r\n"
       "DTEND;TZID=W. Europe Standard Time:20261123T093000\r\n"
       "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def test_next_and_describe_read_an_ics_file(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    path = tmp_path / "sync.ics"
    path.write_text(ICS, encoding="utf-8", newline="")
    assert run(capsys, "next", str(path), "--at", "2026-11-01T00:00Z") == (
        0, "2026-11-23T09:00:00+01:00\n2026-11-25T09:00:00+01:00\n2026-11-30T09:00:00+01:00\n",
        "cadence: only 3 occurrence(s) after that moment (COUNT=3 ends it: its last "
        "occurrence is 2026-11-30T09:00:00+01:00)\n")
    assert run(capsys, "describe", str(path)) == (
        0, "At 09:00 on Monday and Wednesday, for 30 minutes, 3 times, from "
           "2026-11-23T09:00:00+01:00 (Europe/Berlin time).\n", "")


def test_a_calendar_file_is_read_by_its_first_line_too(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text("\ufeff" + ICS, encoding="utf-8", newline="")
    assert run(capsys, "next", str(path), "--at", "2026-11-24T00:00Z", "-n", "1") == (
        0, "2026-11-25T09:00:00+01:00\n", "")


def test_a_missing_ics_file_is_said_to_be_missing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "next", "no-such-calendar.ics")
    assert (code, out) == (2, "")
    assert err.startswith("cadence: error: cannot read no-such-calendar.ics: ")


def test_a_bad_ics_file_names_its_line(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    path = tmp_path / "bad.ics"
    path.write_text(ICS.replace("W. Europe Standard Time:20261123T093000",
                                "Atlantis:20261123T093000"),
                    encoding="utf-8", newline="")
    code, out, err = run(capsys, "next", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"cadence: error: {path}:5:12: DTEND: unknown TZID 'Atlantis'")


def test_convert_writes_rrule_text_as_an_ical_calendar(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "convert", "DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY;COUNT=2",
                         "--to", "ical")
    assert (code, err) == (0, "")
    lines = out.split("\r\n")
    assert lines[:4] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cadence//cadence//EN",
                         "BEGIN:VEVENT"]
    assert lines[5:] == ["DTSTAMP:20261123T090000Z", "DTSTART:20261123T090000Z",
                         "RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0;COUNT=2",
                         "END:VEVENT", "END:VCALENDAR", ""]
    code, out, err = run(capsys, "convert", "0 9 * * MON-FRI", "--to", "ical")
    assert (code, out) == (2, "")
    assert "ical: a schedule without a start cannot be expressed" in err


def test_diff_says_where_the_limit_stopped_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cadence._equivalence.MAX_COMPARED", 1000)
    halves = "\n".join(  # every second, as two rules: nothing short of a walk decides it
        "RRULE:FREQ=SECONDLY;BYSECOND=" + ",".join(map(str, range(low, low + 30)))
        for low in (0, 30))
    assert run(capsys, "diff", halves, "FREQ=SECONDLY", "--tz", "Europe/Riga",
               "--at", "2026-11-22T00:00Z") == (
        0, "no difference found before 2026-11-22T00:16:41+00:00 (the comparison stopped at "
           "cadence's limit of 1000 compared occurrences; not proven equivalent)\n", "")


@pytest.mark.parametrize(
    ("format", "payload", "out", "err"),
    [
        ("timebundle-status", {"_for": "revision", "status": "CREATED"},
         {"status": "SUCCESS", "content": None, "messages": [], "count": 0}, ""),
        ("helix", HELIX_FRAME, None, "no helix success body that cadence can fill"),
        ("edfs", TIMER, None, "no edfs success body that cadence can fill"),
        ("campaign", {"type": "WEEKLY", "days": {"type": "LIST", "values": ["2"]},
                      "hours": {"type": "LIST", "values": ["8"]}},
         None, "no campaign success body that cadence can fill"),
        ("bentley", {"calendar": {"dayTypes": [{"id": "d", "timeBlocks": [
            {"startTime": "09:00", "endTime": "17:00"}]}], "week": {
                f"{day}DayTypeId": "d" for day in ("sunday", "monday", "tuesday", "wednesday",
                                                   "thursday", "friday", "saturday")}}},
         None, "no bentley success body that cadence can fill"),
    ],
)
def test_envelope_of_a_valid_payload_is_the_success_body_or_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, format: str, payload: object,
    out: dict[str, object] | None, err: str
) -> None:
    """Seed 003, "Successful Responses": ``{"hostId": ..., "status": "SUCCESS",
    "content": ..., "messages": [], "count": 1}``, "If the status is SUCCESS, this field
    is always blank"; the other pages document no body for a valid request that cadence
    could fill, and no vendor answers one with an error body."""
    source = tmp_path / "payload.json"
    source.write_text(json.dumps(payload), encoding="utf-8")
    code, printed, said = run(capsys, "validate", str(source), "--format", format,
                              "--envelope")
    assert code == 0
    assert err in said
    if out is None:
        assert printed == ""
    else:
        assert {key: value for key, value in json.loads(printed).items()
                if key != "hostId"} == out


def test_validate_prints_cadences_detail_beside_the_vendors_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Seed 003: ``"message": "Specified action is not supported: verify"``."""
    body = tmp_path / "body.json"
    body.write_text(json.dumps({"_for": "verify", "status": "CREATED"}), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(body), "--format", "timebundle-status")
    assert (code, out) == (1, f'{body}:1:10: error: /_for: Specified action is not supported: '
                              'verify; _for is: "revision" (reopen the time bundle for '
                              'changes) or "verification" (submit it for verification) '
                              '[error.unknownControllerAction]\ninvalid\n')
    code, out, _ = run(capsys, "validate", str(body), "--format", "timebundle-status",
                       "--json")
    assert json.loads(out) == [{
        "path": "/_for", "code": "error.unknownControllerAction",
        "message": "Specified action is not supported: verify", "severity": "error",
        "detail": '_for is: "revision" (reopen the time bundle for changes) or '
                  '"verification" (submit it for verification)', "line": 1, "column": 10}]


@pytest.mark.parametrize("argv", [
    ["validate", "{json}", "--format", "edfs"], ["lint", "{json}", "--format", "edfs"],
    ["next", "0 9 * * *"], ["prev", "0 9 * * *"], ["describe", "0 9 * * *"],
    ["convert", "0 9 * * *", "--to", "rrule"], ["diff", "0 9 * * *", "0 9 * * *"],
    ["status", "{json}", "--format", "helix"]],
    ids=lambda argv: argv[0])
def test_an_unknown_zone_is_a_bad_option_for_every_command(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]) -> None:
    """Issue 15: validate reported an unknown --tz as a problem of the payload (exit 1)
    where the other commands exit 2; it is checked before any work, everywhere."""
    payload = tmp_path / "timer.json"
    payload.write_text(json.dumps(TIMER), encoding="utf-8")
    argv = [str(payload) if arg == "{json}" else arg for arg in argv]
    code, out, err = run(capsys, *argv, "--tz", "Mars/Base")
    assert (code, out) == (2, "")
    assert f"cadence {argv[0]}: error: argument --tz: unknown time zone 'Mars/Base'" in err
