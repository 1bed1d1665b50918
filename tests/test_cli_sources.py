"""What a SOURCE is on the command line (issue 15): every format recognized from a
file, from standard input and from inline text, without ``--format``; a byte-order
mark is fine; ambiguity names the candidates; ``--tz local``; ``--tz`` beside a source
naming its own zone; every argument checked before any work."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cadence.cli import main
from test_sniffing import AFTER, CAMPAIGN, SAMPLES, as_text

SCHEDULES = [name for name, (_, first) in SAMPLES.items() if first is not None]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["plain", "BOM"])
@pytest.mark.parametrize("where", ["file", "stdin", "inline"])
@pytest.mark.parametrize("name", SCHEDULES)
def test_every_format_is_read_without_format_from_a_file_stdin_or_inline(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        name: str, where: str, bom: str) -> None:
    sample, first = SAMPLES[name]
    text = bom + as_text(sample)
    argument = text
    if where == "file":
        path = tmp_path / "source"
        path.write_bytes(text.encode("utf-8"))
        argument = str(path)
    elif where == "stdin":
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
        argument = "-"
    code, out, err = run(capsys, "next", argument, "--at", AFTER, "-n", "1")
    assert (code, err) == (0, "")
    assert out == f"{first}\n"
    code, out, _ = run(capsys, "describe", argument, "--json") if where != "stdin" else (
        0, json.dumps({"format": name}), "")
    assert code == 0
    assert json.loads(out)["format"] == name


def test_validate_recognizes_a_payload_that_holds_no_schedule(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "change.json"
    path.write_text(json.dumps(SAMPLES["timebundle-status"][0]), encoding="utf-8")
    assert run(capsys, "validate", str(path)) == (0, "valid\n", "")


@pytest.mark.parametrize(("payload", "named"), [
    ({}, "campaign, edfs, helix, bentley"),
    ({"cronStr": "0 9 * * *", "hours": {"type": "LIST", "values": ["9"]}}, "campaign or edfs"),
])
def test_an_ambiguous_payload_is_exit_2_naming_the_candidates(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, payload: object,
        named: str) -> None:
    path = tmp_path / "payload.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    for argument in (str(path), json.dumps(payload)):
        code, out, err = run(capsys, "next", argument)
        assert (code, out) == (2, "")
        assert err.startswith("cadence: error: ")
        assert "--format" in err
        assert all(name in err for name in named.replace(" or ", ", ").split(", "))


def test_json_that_does_not_decode_names_the_file_line_and_column(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "cronStr": "0 9 * * *",\n}\n', encoding="utf-8")
    code, out, err = run(capsys, "next", str(path))
    assert (code, out) == (2, "")
    assert f"{path} is not JSON" in err
    assert "line 3, column 1" in err


def test_a_cron_file_with_an_error_names_the_file_line_and_column(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "nightly.cron"
    path.write_text("0 61 * * *\n", encoding="utf-8")
    code, out, err = run(capsys, "next", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"cadence: error: {path}:1:3: hour 61 is out of range 0-23")


def test_text_that_is_not_utf8_is_refused_with_where(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"0 9 * * *  # caf\xe9\n")
    code, _, err = run(capsys, "next", str(path))
    assert code == 2
    assert "byte 17 is not UTF-8 text" in err


def test_tz_local_is_the_machines_zone(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    code, out, _ = run(capsys, "next", "0 9 * * *", "--tz", "local", "--at", AFTER, "-n", "1")
    assert (code, out) == (0, "2026-12-02T09:00:00+09:00\n")  # (AFTER is 09:00 there)


@pytest.mark.parametrize(("source", "own"), [
    ("CRON_TZ=Europe/Berlin 0 9 * * *", "Europe/Berlin"),
    ("DTSTART;TZID=America/Chicago:20261123T090000\nRRULE:FREQ=DAILY", "America/Chicago"),
    (json.dumps({**CAMPAIGN, "timeZoneId": "Asia/Tokyo"}), "Asia/Tokyo"),
])
@pytest.mark.parametrize("command", ["next", "describe", "lint", "validate", "cal",
                                     "convert"])
def test_tz_beside_a_source_naming_another_zone_is_refused_saying_which_wins(
        capsys: pytest.CaptureFixture[str], source: str, own: str, command: str) -> None:
    extra = ["--to", "text"] if command == "convert" else []
    code, out, err = run(capsys, command, source, "--tz", "Australia/Sydney", *extra)
    assert (code, out) == (2, "")
    assert f"names its own zone, {own}, which wins over --tz Australia/Sydney" in err
    assert "drop --tz" in err
    # The same zone twice says one thing: no conflict.
    code, _, err = run(capsys, command, source, "--tz", own, *extra)
    assert code in (0, 1), err


@pytest.mark.parametrize("argv", [
    ["diff", "0 * * * *", "0 * * * *", "--at", "garbage"],
    ["next", "0 9 * * *", "-n", "many"],
    ["finish", "--calendar", "x.json", "--rule", "y.json", "--quantity", "lots"],
    ["convert", "0 9 * * *", "--to", "helix", "--duration", "8 hours"],
    ["cal", "0 9 * * *", "--month", "2026-13"],
    ["lint", "0 9 * * *", "--since", "1970"],
    ["status", "{}", "--tz", "Nowhere/Zone"],
])
def test_every_argument_is_checked_before_any_work(
        capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """Issue 15: ``diff`` of two equal schedules exited 0 with a bad moment, never read;
    every option is now read as the command line is."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"usage: cadence {argv[0]} ")
    assert f"cadence {argv[0]}: error: argument " in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("old", "new"), [
    (["next", "0 9 * * *", "--after", "2026-01-01"], "--after is now --at"),
    (["prev", "0 9 * * *", "--before", "2026-01-01"], "--before is now --at"),
    (["lint", "0 9 * * *", "--now", "2026-01-01"], "--now is now --at"),
    (["convert", "0 9 * * *", "--to", "rrule", "--start", "2026-01-01"], "--start is now --at"),
    (["diff", "0 9 * * *", "0 9 * * *", "--format-a", "cron"], "--format-a is now --format"),
])
def test_an_old_spelling_is_refused_with_the_new_one(
        capsys: pytest.CaptureFixture[str], old: list[str], new: str) -> None:
    code, out, err = run(capsys, *old)
    assert (code, out) == (2, "")
    assert f"cadence {old[0]}: error: {new}" in err


def test_prev_with_an_unknown_option_shows_prevs_usage(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 15: ``cadence prev ... --after`` failed with cadence's top-level usage."""
    code, _, err = run(capsys, "prev", "0 9 * * *", "--sideways")
    assert code == 2
    assert err.startswith("usage: cadence prev ")
    assert "cadence prev: error: unrecognized arguments: --sideways" in err


def test_control_characters_of_a_source_never_reach_the_terminal(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "next", "0 9 * * *\x1b[31m")
    assert (code, out) == (2, "")
    assert "\x1b" not in err
    assert "  0 9 * * *?[31m\n" in err
