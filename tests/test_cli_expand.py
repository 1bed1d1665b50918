"""``cadence expand FILE --from --to`` (issue 16): schedules from CSV or JSON Lines,
occurrences as CSV, JSON Lines or Parquet, the same bytes with --workers and --dask,
every bad line reported with its file and line before any work."""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

import cadence
from cadence.cli import main
from test_cli_json import SHAPES
from test_cli_terminal import BAR_AT_ONCE, _in_terminal
from test_expand import SOURCE, dask_client, mixed_schedules
from test_lazy_imports import loaded

__all__ = ["dask_client"]  # (the fixture: a LocalCluster of two processes)

WINDOW = ["--from", "2026-12-07T00:00Z", "--to", "2026-12-09T00:00Z"]

SCHEDULES_CSV = """\
id,source,format,zone
backup,0 2 * * *,,
standup,"0 9 * * 1-5",cron,Europe/Berlin
report,"DTSTART:20261201T080000Z
RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4",,
"odd, id",0 0 12 ? * MON,quartz,
"""

EXPECTED_CSV = """\
schedule_id,occurrence,window_end
backup,2026-12-07T02:00:00+00:00,
backup,2026-12-08T02:00:00+00:00,
standup,2026-12-07T09:00:00+01:00,
standup,2026-12-08T09:00:00+01:00,
report,2026-12-07T08:00:00+00:00,
"odd, id",2026-12-07T12:00:00+00:00,
"""

HELIX = {"name": "Office", "timezone": "Europe/Berlin", "type": "weekly",
         "startTime": "09:00", "endTime": "17:00", "days": ["Monday", "Tuesday"]}

SCHEDULES_JSONL = "\n".join(json.dumps(line) for line in [
    {"id": "nightly", "source": "0 3 * * *", "zone": "Asia/Tokyo"},
    {"id": 42, "source": "FREQ=DAILY;BYHOUR=6;BYMINUTE=0;BYSECOND=0", "format": "rrule"},
    {"id": "timer", "source": {"cronStr": "30 1 * * 1"}},
]) + "\n"

EXPECTED_JSONL = [
    # (the window is UTC's 7th and 8th: Tokyo's 03:00 of the 7th is the 6th in UTC)
    {"schedule_id": "nightly", "occurrence": "2026-12-08T03:00:00+09:00", "window_end": None},
    {"schedule_id": "nightly", "occurrence": "2026-12-09T03:00:00+09:00", "window_end": None},
    {"schedule_id": "42", "occurrence": "2026-12-07T06:00:00+00:00", "window_end": None},
    {"schedule_id": "42", "occurrence": "2026-12-08T06:00:00+00:00", "window_end": None},
    {"schedule_id": "timer", "occurrence": "2026-12-07T01:30:00+00:00", "window_end": None},
]


def written(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_csv_in_csv_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["expand", written(tmp_path, "s.csv", SCHEDULES_CSV), *WINDOW],
                           capsys)
    assert (status, err) == (0, "")
    assert out == EXPECTED_CSV


def test_json_lines_in_json_lines_out_with_payloads_and_numbered_ids(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = written(tmp_path, "s.jsonl", SCHEDULES_JSONL)
    status, out, err = run(["expand", source, *WINDOW, "--output-format", "jsonl"], capsys)
    assert (status, err) == (0, "")
    assert [json.loads(line) for line in out.splitlines()] == EXPECTED_JSONL


def test_standard_input_and_a_csv_without_header(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        b"backup,0 2 * * *\n\nweekly,0 0 * * MON,cron,America/New_York\n")))
    status, out, _ = run(["expand", "-", *WINDOW], capsys)
    assert status == 0
    assert out.splitlines() == [
        "schedule_id,occurrence,window_end", "backup,2026-12-07T02:00:00+00:00,",
        "backup,2026-12-08T02:00:00+00:00,", "weekly,2026-12-07T00:00:00-05:00,"]


def test_a_window_schedule_writes_its_window_ends(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=Europe/Berlin:20261207T100000\n"
             "DTEND;TZID=Europe/Berlin:20261207T103000\nRRULE:FREQ=DAILY\nEND:VEVENT\n"
             "END:VCALENDAR")
    source = written(tmp_path, "s.jsonl", json.dumps({"id": "standup", "source": event}))
    status, out, _ = run(["expand", source, *WINDOW], capsys)
    assert status == 0
    assert out.splitlines()[1:] == [
        "standup,2026-12-07T10:00:00+01:00,2026-12-07T10:30:00+01:00",
        "standup,2026-12-08T10:00:00+01:00,2026-12-08T10:30:00+01:00"]


# -- the same output, however the work is spread ---------------------------------------------

@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> str:
    """400 schedules as CSV (texts; the window-schedule objects and payloads left out)."""
    lines = ["id,source,format,zone"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for key, source in mixed_schedules(400).items():
        if isinstance(source, str):
            writer.writerow((key, source, "", ""))
    lines.append(out.getvalue().rstrip("\n"))
    path = tmp_path_factory.mktemp("many") / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


AUTUMN = ["--from", "2026-10-24T00:00Z", "--to", "2026-11-02T00:00Z"]


@pytest.fixture(scope="module")
def one_process(many: str) -> str:
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", out)
        assert main(["expand", many, *AUTUMN]) == 0
    assert out.getvalue().count("\n") > 10_000
    return out.getvalue()


def test_workers_write_the_same_bytes(many: str, one_process: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["expand", many, *AUTUMN, "--workers", "2"], capsys)
    assert status == 0
    assert out == one_process


@pytest.fixture(scope="module")
def scheduler_address(dask_client: Any) -> str:
    """The address of a real LocalCluster's scheduler (two worker processes)."""
    return str(dask_client.scheduler.address)


@pytest.mark.integration
def test_a_dask_cluster_writes_the_same_bytes(many: str, one_process: str,
                                              scheduler_address: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["expand", many, *AUTUMN, "--dask", scheduler_address], capsys)
    assert status == 0
    assert out == one_process


@pytest.mark.integration
def test_parquet_round_trips_through_pyarrow(many: str, tmp_path: Path,
                                             scheduler_address: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    parquet = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    rows = list(cadence.expand(
        {key: source for key, source in mixed_schedules(400).items()
         if isinstance(source, str)}, "2026-10-24T00:00Z", "2026-11-02T00:00Z"))
    for spread in ([], ["--workers", "2"], ["--dask", scheduler_address]):
        target = tmp_path / f"rows{len(spread)}.parquet"
        assert run(["expand", many, *AUTUMN, "--output", str(target), *spread],
                   capsys)[0] == 0
        table = parquet.read_table(target)
        assert table.column_names == ["schedule_id", "occurrence", "window_end"]
        assert str(table.schema.field("occurrence").type) == "timestamp[us, tz=UTC]"
        read = list(zip(*(table.column(name).to_pylist() for name in table.column_names),
                        strict=True))
        # (the same instants, in UTC: datetimes in a repeated hour compare unequal across
        # zones, so they are compared as timestamps)
        assert [(key, moment.timestamp(), end and end.timestamp())
                for key, moment, end in read] == [
            (key, moment.timestamp(), end and end.timestamp()) for key, moment, end in rows]


@pytest.fixture(scope="module")
def every_second(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One schedule with more occurrences in the window than between lists."""
    path = tmp_path_factory.mktemp("long") / "long.csv"
    path.write_text("busy,* * * * * ?,quartz\nhourly,0 * * * *\n", encoding="utf-8")
    return str(path)


def test_one_schedule_streams_past_max_results(
        every_second: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["expand", every_second, *WINDOW], capsys)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 1 + 2 * 86_400 + 48
    assert lines[1:3] == ["busy,2026-12-07T00:00:00+00:00,", "busy,2026-12-07T00:00:01+00:00,"]
    assert lines[2 * 86_400 - 1:2 * 86_400 + 2] == [
        "busy,2026-12-08T23:59:58+00:00,", "busy,2026-12-08T23:59:59+00:00,",
        "hourly,2026-12-07T00:00:00+00:00,"]
    # the same bytes from two processes, the long schedule in chunks of 50,000 rows
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(importlib.import_module("cadence.expand"), "_CHUNK_ROWS", 50_000)
        assert run(["expand", every_second, *WINDOW, "--workers", "2"], capsys) == (
            0, out, "")


def test_csv_and_json_lines_files_round_trip(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source = written(tmp_path, "s.csv", SCHEDULES_CSV)
    for name in ("rows.csv", "rows.jsonl", "rows.ndjson"):
        assert run(["expand", source, *WINDOW, "--output", str(tmp_path / name)],
                   capsys) == (0, "", "")
    assert (tmp_path / "rows.csv").read_text(encoding="utf-8") == EXPECTED_CSV
    from_csv = list(csv.DictReader(io.StringIO(EXPECTED_CSV)))
    for name in ("rows.jsonl", "rows.ndjson"):
        lines = (tmp_path / name).read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == [
            {**row, "window_end": row["window_end"] or None} for row in from_csv]


# -- --json ----------------------------------------------------------------------------------

def test_json_prints_the_documented_summary(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    source = written(tmp_path, "s.csv", SCHEDULES_CSV)
    target = str(tmp_path / "rows.jsonl")
    status, out, _ = run(["expand", source, *WINDOW, "--output", target, "--json"], capsys)
    assert status == 0
    printed = json.loads(out)
    validator = Draft202012Validator(SHAPES["expand"], format_checker=FormatChecker())
    assert [error.message for error in validator.iter_errors(printed)] == []
    assert printed == {"from": "2026-12-07T00:00:00+00:00", "to": "2026-12-09T00:00:00+00:00",
                       "schedules": 4, "occurrences": 6, "output": target,
                       "outputFormat": "jsonl"}


# -- what is refused, exit 2, before any work ------------------------------------------------

BAD_CSV = """\
id,source,format,zone
good,0 2 * * *
bad,61 * * * *
typo,0 9 * * *,crom
good,0 3 * * *
,0 4 * * *
zoned,CRON_TZ=Asia/Tokyo 0 9 * * *,,Europe/Berlin
nowhere,0 9 * * *,,Mars/Olympus
lonely
commas,0 9 * * 1,3,5,6
"""

BAD_JSONL = """\
{"id": "good", "source": "0 2 * * *"}
{"id": "oops", "source": "0 2 * * *"
[1, 2]
{"id": "x", "source": "0 2 * * *", "tz": "UTC"}
{"id": "payload", "source": {"cronStr": "0 0 * *"}}
{"id": true, "source": "0 2 * * *"}
{"id": "n", "source": 5}
{"id": 1.5, "source": "0 2 * * *"}
{"source": "0 2 * * *"}
"""


@pytest.mark.parametrize(("name", "text", "problems"), [
    ("bad.csv", BAD_CSV, [
        "bad.csv:3: minute 61 is out of range 0-59 (column 1 of '61 * * * *')",
        "bad.csv:4: format 'crom' is not one cadence reads: cron, ical, quartz, rrule, "
        "systemd, campaign, edfs, helix, bentley, timebundle-status (or leave it empty; "
        "quote a source that holds commas)",
        "bad.csv:5: id 'good' is already used on line 2; give each schedule its own id",
        "bad.csv:6: the id is missing; every line starts with the schedule's id",
        "bad.csv:7: the source names its own zone, Asia/Tokyo, which wins over the zone "
        "column Europe/Berlin: leave the zone empty, or change it in the source",
        "bad.csv:8: zone: unknown time zone 'Mars/Olympus'",
        "bad.csv:9: 1 column(s); a line is id,source,format,zone (format and zone may be "
        "left out; quote a source that holds commas, e.g. \"0 9 * * 1,3,5\")",
        "bad.csv:10: 5 column(s); a line is id,source,format,zone (format and zone may be "
        "left out; quote a source that holds commas, e.g. \"0 9 * * 1,3,5\")"]),
    ("bad.jsonl", BAD_JSONL, [
        "bad.jsonl:2: not JSON (Expecting ',' delimiter, column 37); JSON Lines hold one "
        "object a line",
        "bad.jsonl:3: not a JSON object; a line is {\"id\": ..., \"source\": ...}",
        "bad.jsonl:4: unknown key 'tz'; a line has id, source, format and zone",
        "bad.jsonl:5: edfs payload is invalid: /cronStr:",
        "bad.jsonl:6: the id must be a string or a whole number, not true (a boolean); "
        "write it as text (e.g. \"nightly\") or as a number without a fraction",
        "bad.jsonl:7: the source is missing; give the schedule's text (or, in JSON Lines, "
        "its payload)",
        "bad.jsonl:8: the id must be a string or a whole number, not 1.5;",
        "bad.jsonl:9: the id is missing; every line starts with the schedule's id"]),
])
def test_every_bad_line_is_reported_with_its_file_and_line_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str,
        problems: list[str]) -> None:
    source = written(tmp_path, name, text)
    target = tmp_path / "rows.csv"
    status, out, err = run(["expand", source, *WINDOW, "--output", str(target)], capsys)
    assert (status, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == (f"cadence: error: {source} has {len(problems)} bad line(s); nothing "
                        "was expanded:")
    for line, expected in zip(lines[1:], problems, strict=True):
        assert line.startswith(expected.replace(name, source)), line
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == [Path(source)]


@pytest.mark.parametrize(("text", "line"), [
    # (the rest of the file would be read as the source, or, at the end, silently taken)
    ("a,0 2 * * *\nb,\"0 3 * * *\nc,0 4 * * *\n", 2),
    ("a,0 2 * * *\nb,\"0 3 * * *", 2),
    ("a,0 2 * * *\nb,\"", 2),
    (SCHEDULES_CSV + "late,\"0 5 * * *\n", 7),
    # (a row whose closed source spans two lines, and whose zone opens a quote on the second)
    ("r,\"DTSTART:20261201T080000Z\nRRULE:FREQ=DAILY\",rrule,\"UTC\nz,0 1 * * *\n", 2),
])
def test_an_unclosed_quote_is_said_with_the_line_it_opens_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int) -> None:
    source = written(tmp_path, "s.csv", text)
    status, out, err = run(["expand", source, *WINDOW], capsys)
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"cadence: error: {source} has 1 bad line(s); nothing was expanded:",
        f"{source}:{line}: the quote opened on line {line} is never closed, so the rest of "
        "the file would be one source: close it (and write a quote inside a quoted source "
        "twice, \"\")"]


def test_a_long_list_of_bad_lines_is_cut_after_fifty(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = written(tmp_path, "s.csv", "".join(f"s{index},61 * * * *\n"
                                                for index in range(80)))
    status, _, err = run(["expand", source, *WINDOW], capsys)
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 52
    assert lines[-1] == "... and 30 more"


@pytest.mark.parametrize(("extra", "message"), [
    (["--output-format", "parquet"], "Parquet is written to a file only: give --output "
                                     "FILE.parquet"),
    (["--json"], "--json prints a summary on standard output, where the occurrences would "
                 "go too: give --output FILE"),
    (["--from", "2026-12-09T00:00Z"], "--to 2026-12-09T00:00:00+00:00 is not after --from "
                                      "2026-12-09T00:00:00+00:00; the window is [from, to)"),
    # (wall time at one end, an instant at the other: once an empty CSV, exit 0)
    (["--from", "2026-12-10"], "--from 2026-12-10T00:00:00 has no UTC offset but --to "
                               "2026-12-09T00:00:00+00:00 has one, so the window would be "
                               "wall time at one end and an instant at the other: give both "
                               "an offset (e.g. --from 2026-12-10T00:00:00+00:00) or neither "
                               "(wall time in each schedule's zone)\n"),
    (["--to", "2026-12-09T00:00"], "--to 2026-12-09T00:00:00 has no UTC offset but --from "
                                   "2026-12-07T00:00:00+00:00 has one"),
])
def test_options_that_cannot_work_are_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str],
        message: str) -> None:
    source = written(tmp_path, "s.csv", SCHEDULES_CSV)
    status, out, err = run(["expand", source, *WINDOW, *extra], capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"cadence: error: {message}"), err


@pytest.mark.parametrize(("argv", "message"), [
    (["--workers", "0"], "argument --workers: '0' is not a number of processes from 1 to 256"),
    (["--workers", "2", "--dask", "tcp://127.0.0.1:1"],
     "argument --dask: not allowed with argument --workers"),
    (["--output-format", "xlsx"], "argument --output-format: invalid choice: 'xlsx'"),
])
def test_bad_options_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      argv: list[str], message: str) -> None:
    source = written(tmp_path, "s.csv", SCHEDULES_CSV)
    status, _, err = run(["expand", source, *WINDOW, *argv], capsys)
    assert status == 2
    assert err.splitlines()[0].startswith("usage: cadence expand")
    assert message in err


def test_a_missing_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["expand", "s.csv", "--from", "2026-12-07"], capsys)
    assert status == 2
    assert "the following arguments are required: --to" in err


@pytest.mark.parametrize(("module", "argv", "extra"), [
    ("pyarrow", ["--output", "rows.parquet"], "parquet"),
    ("distributed", ["--dask", "tcp://127.0.0.1:1"], "dask"),
])
def test_a_missing_optional_package_names_its_extra(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        module: str, argv: list[str], extra: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import: ImportError
    monkeypatch.chdir(tmp_path)
    source = written(tmp_path, "s.csv", SCHEDULES_CSV)
    status, out, err = run(["expand", source, *WINDOW, *argv], capsys)
    assert (status, out) == (2, "")
    assert re.fullmatch(rf"cadence: error: .* needs .*: pip install \"cadence\[{extra}\]\"\n",
                        err), err
    if module == "distributed":  # (the library's message, naming the option)
        assert err == ("cadence: error: --dask needs Dask's distributed scheduler: pip "
                       'install "cadence[dask]"\n')


def test_an_unreachable_scheduler_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed", reason="Dask's distributed scheduler is not installed")
    from cadence.cli import _expand

    monkeypatch.setattr(_expand, "DASK_TIMEOUT", 1)
    source = written(tmp_path, "s.csv", SCHEDULES_CSV)
    status, _, err = run(["expand", source, *WINDOW, "--dask", "tcp://127.0.0.1:9",
                          "--json", "--output", str(tmp_path / "o.csv")], capsys)
    assert status == 2
    assert err.startswith("cadence: error: cannot reach the Dask scheduler at "
                          "tcp://127.0.0.1:9: "), err
    assert err.endswith("; start one (dask scheduler) or check the address\n")
    assert "Traceback" not in err


def test_too_many_rows_is_exit_2_and_leaves_no_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from cadence.cli import _expand

    monkeypatch.setattr(_expand, "MAX_EXPANDED_ROWS", 3)
    source = written(tmp_path, "s.csv", SCHEDULES_CSV)
    status, _, err = run(["expand", source, *WINDOW, "--output", str(tmp_path / "o.csv")],
                         capsys)
    assert status == 2
    assert err.startswith("cadence: error: expanding would yield more than 3 rows from "
                          "2026-12-07T00:00:00+00:00 to 2026-12-09T00:00:00+00:00")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["s.csv"]


def test_a_missing_file_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["expand", "no-such.csv", *WINDOW], capsys)
    assert status == 2
    assert err == "cadence: error: cannot read no-such.csv: No such file or directory\n"


# -- the terminal, and start-up ------------------------------------------------------------

def test_a_long_expansion_on_a_terminal_shows_a_bar(tmp_path: Path) -> None:
    source = written(tmp_path, "s.csv", "".join(f"s{index},0 * * * *\n"
                                                for index in range(1500)))
    status, output = _in_terminal(["expand", source, *WINDOW, "--output",
                                   str(tmp_path / "o.csv")], code=BAR_AT_ONCE)
    assert status == 0
    assert re.search(r"expanding: +[1-9]\d*%\|", output), output
    assert (tmp_path / "o.csv").read_text(encoding="utf-8").count("\n") == 1 + 1500 * 48


def test_ctrl_c_ends_the_pool_with_one_line_and_leaves_no_file(tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the command (a terminal signals the whole
    group): the workers say nothing, the command says one line and exits 130."""
    import os
    import signal
    import subprocess
    import time

    source = written(tmp_path, "s.csv", "".join(f"s{index},* * * * *\n"
                                                for index in range(20_000)))
    target = tmp_path / "rows.csv"
    process = subprocess.Popen(
        [sys.executable, "-m", "cadence", "expand", source, *WINDOW, "--workers", "2",
         "--output", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": SOURCE}, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not any(path.name.startswith(".cadence-expand-") and path.stat().st_size
                      for path in tmp_path.iterdir()):  # (the first chunk is written)
            assert process.poll() is None
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:  # pragma: no cover - only on a hung test
            os.killpg(process.pid, signal.SIGKILL)
    assert (process.returncode, out, err) == (130, b"", b"cadence: interrupted\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["s.csv"]


def test_other_commands_start_without_the_expansion_modules() -> None:
    after = loaded("import contextlib, io\nfrom cadence.cli import main\n"
                   "with contextlib.redirect_stdout(io.StringIO()):\n"
                   "    main(['next', '* * * * *', '-n', '1'])\n"
                   "    main(['--help'])\n")
    assert sorted(after.intersection({"cadence.expand", "cadence.cli._expand", "distributed",
                                      "dask", "pyarrow", "csv", "concurrent.futures"})) == []


def test_a_line_past_a_json_limit_says_which_limit(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A number of 5,000 digits is JSON Python refuses to read: the line says so, in the
    words of the limit, not as some other decoding error."""
    path = tmp_path / "big.jsonl"
    path.write_text('{"id": "a", "source": "0 2 * * *"}\n'
                    '{"id": "b", "source": ' + "1" * 5000 + "}\n", encoding="utf-8")
    status, out, err = run(["expand", str(path), "--from", "2026-12-07T00:00Z",
                            "--to", "2026-12-08T00:00Z"], capsys)
    assert status == 2
    assert out == ""
    assert f"{path}:2: " in err
    assert "integer of more than" in err
    assert "nested" not in err


def test_parquet_microseconds_are_exact_before_1970() -> None:
    # (a float timestamp truncated toward zero: a half-second window of 1960 was 1.5 s)
    from datetime import datetime, timedelta, timezone

    from cadence.cli._expand import parquet_columns

    opening = datetime(1960, 1, 1, 0, 0, 0, 500_000, tzinfo=timezone.utc)
    ids, starts, ends = parquet_columns([("a", opening, opening + timedelta(seconds=0.5))])
    assert (ids, starts, ends) == (["a"], [-315_619_199_500_000], [-315_619_199_000_000])
