"""``--json`` on every command, checked against the shapes ``docs/cli-json.md`` documents
(issue 15), and the one table of exit statuses."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from cadence.cli import main
from cadence.cli._parser import COMMANDS, EXIT_CODES, build_parser
from test_cli import CALENDAR, HELIX_FRAME, RULE, TIMER

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "cli-json.md"
AT = "2026-12-06T10:00:00+01:00"


def documented_shapes() -> dict[str, Any]:
    """Each command's schema: the JSON block under its ``### command, command`` heading."""
    shapes: dict[str, Any] = {}
    for heading, block in re.findall(r"^### (.+?)\n.*?```json\n(.*?)```", DOC.read_text(),
                                     flags=re.MULTILINE | re.DOTALL):
        for command in heading.split(", "):
            shapes[command.strip()] = json.loads(block)
    return shapes


SHAPES = documented_shapes()


def test_every_command_has_json_and_a_documented_shape() -> None:
    for command in set(COMMANDS) - {"completion", "serve"}:  # (a shell script; a server)
        parser, _ = build_parser([command])
        options = {option for action in parser._actions for option in action.option_strings}
        assert "--json" in options, command
        assert command in SHAPES, command
        Draft202012Validator.check_schema(SHAPES[command])


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    written = {"timer": TIMER, "frame": HELIX_FRAME, "calendar": CALENDAR, "rule": RULE}
    paths = {}
    for name, payload in written.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(payload), encoding="utf-8")
        paths[name] = str(path)
    invalid = tmp_path / "invalid.json"
    invalid.write_text('{\n  "cronStr": "61 * * * *"\n}\n', encoding="utf-8")
    paths["invalid"] = str(invalid)
    return paths


#: (command line, the exit status it must end with); {name} is a file of `files`.
RUNS = [
    (["next", "0 9 * * MON-FRI", "--tz", "Europe/Berlin", "--at", AT, "-n", "3"], 0),
    (["prev", "{timer}", "--at", AT, "-n", "2"], 0),
    (["next", "DTSTART:20261205T090000Z\nRRULE:FREQ=DAILY;COUNT=3", "--at", AT], 0),
    (["describe", "0 0 9 ? * MON-FRI"], 0),
    (["describe", "{frame}"], 0),
    (["validate", "{timer}"], 0),
    (["validate", "{invalid}", "--format", "edfs"], 1),
    (["lint", "* 3 13 * 5", "--at", AT], 1),
    (["lint", "0 3 * * *", "--at", AT], 0),
    (["convert", "0 9 * * MON-FRI", "--to", "rrule"], 0),
    (["convert", "0 9 * * MON-FRI", "--to", "helix", "--duration", "PT8H", "--tz",
      "Europe/Berlin", "--at", "2026-12-07T00:00"], 0),
    (["convert", "0 0 9 LW * ?", "--to", "cron", "--lossy"], 0),
    (["diff", "0 9 * * 1-5", "0 0 9 ? * MON-FRI", "--at", AT], 0),
    (["diff", "0 9 * * *", "0 10 * * *", "--at", AT], 1),
    (["diff", "0 9 * * *", "0 9 * * *", "--at", AT, "--horizon-days", "3",
      "--format", "cron", "--format", "cron"], 0),
    (["status", "{frame}", "--at", "2022-04-19T16:50+05:30"], 0),
    (["finish", "--calendar", "{calendar}", "--rule", "{rule}", "--quantity", "145",
      "--at", "2026-11-23T09:00Z"], 0),
    (["cal", "0 9 * * MON-FRI", "--month", "2026-12"], 0),
    (["cal", "{calendar}", "--year", "2026"], 0),
]


@pytest.mark.parametrize(("argv", "status"), RUNS, ids=lambda value: " ".join(value)
                         if isinstance(value, list) else str(value))
def test_json_output_has_the_documented_shape(
        capsys: pytest.CaptureFixture[str], files: dict[str, str], argv: list[str],
        status: int) -> None:
    argv = [argument.format(**files) for argument in argv]
    assert main([*argv, "--json"]) == status, capsys.readouterr().err
    printed = json.loads(capsys.readouterr().out)
    validator = Draft202012Validator(SHAPES[argv[0]], format_checker=FormatChecker())
    problems = [error.message for error in validator.iter_errors(printed)]
    assert problems == [], printed


def test_a_problem_in_a_json_file_says_its_line_and_column(
        capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
    assert main(["validate", files["invalid"], "--format", "edfs", "--json"]) == 1
    [problem] = json.loads(capsys.readouterr().out)
    assert (problem["path"], problem["line"], problem["column"]) == ("/cronStr", 2, 14)
    assert main(["validate", files["invalid"], "--format", "edfs"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"{files['invalid']}:2:14: error: /cronStr: minute 61 is out of "
                            "range 0-59 (column 1 of '61 * * * *') [INVALID_CRON]")


def test_the_readme_lists_the_exit_statuses_of_the_help() -> None:
    """One table: ``cadence --help`` prints EXIT_CODES, and the README has each row."""
    readme = (ROOT / "README.md").read_text()
    rows = dict(re.findall(r"^\| `(\d+)` \| (.+?) \|$", readme, flags=re.MULTILINE))
    assert {int(code): meaning for code, meaning in rows.items()} == dict(EXIT_CODES)
    parser, _ = build_parser([])
    helptext = parser.format_help()
    for code, _meaning in EXIT_CODES:
        assert re.search(rf"^  {code}\s", helptext, flags=re.MULTILINE), code
