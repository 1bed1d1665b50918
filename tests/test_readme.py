"""The README's promises: two quick-start commands, CI runs the test one, examples hold."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from pathlib import Path

import pytest

import cadence
from cadence.cli import main
from cadence.matrix import markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "the quick start has a sh code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert commands[0].startswith("pip install . && cadence next ")
    assert commands[1] == 'pip install ".[test]" && python -m pytest'


def test_ci_runs_the_readme_test_command() -> None:
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci_script.splitlines()


def python_examples() -> list[tuple[str, str]]:
    """``(statement, expected repr)`` pairs: a statement (which may span lines while its
    brackets are open) followed by ``# expected`` lines."""
    pairs = []
    for block in re.findall(r"```python\n(.*?)```", README, re.S):
        lines = block.splitlines()
        index = 0
        while index < len(lines):
            statement = lines[index]
            index += 1
            while _open_brackets(statement) and index < len(lines):
                statement += "\n" + lines[index]
                index += 1
            expected = []
            while index < len(lines) and lines[index].startswith("# "):
                expected.append(lines[index][2:].strip())
                index += 1
            if statement and not statement.startswith("#"):
                pairs.append((statement, " ".join(expected)))
    return pairs


def _open_brackets(text: str) -> int:
    return sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")


TRACEBACK = "Traceback (most recent call last): "


def test_readme_python_examples_print_what_they_say() -> None:
    """An expected value is the statement's repr, what a ``print(...)`` prints (lines
    joined by spaces), or a traceback's last line."""
    namespace: dict[str, object] = {}
    checked = 0
    for statement, expected in python_examples():
        if expected.startswith(TRACEBACK):
            with pytest.raises(Exception) as caught:  # noqa: PT011 - the type is checked below
                exec(statement, namespace)
            kind = type(caught.value)
            assert f"{kind.__module__}.{kind.__name__}: {caught.value}" == expected.removeprefix(
                TRACEBACK), statement
            checked += 1
        elif expected and statement.startswith("print("):
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(statement, namespace)
            assert printed.getvalue().strip().replace("\n", " ") == expected, statement
            checked += 1
        elif expected:
            value = eval(statement, namespace)
            assert repr(value).replace("\n", " ") == expected, statement
            checked += 1
        else:
            exec(statement, namespace)
    assert checked >= 3


def test_readme_conversion_matrix_is_what_the_emitters_say() -> None:
    found = re.search(r"<!-- matrix:start -->\n(.*?)\n<!-- matrix:end -->", README, re.S)
    assert found is not None
    assert found.group(1) == markdown(), "regenerate it with: python -m cadence.matrix"


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("0 0 30 2 *", "day-of-month '30' never falls in February"),
        ("0 0 31 4,6,9,11 *", "never falls in April, June, September or November"),
        ("0 0 0 ? 2 MON#5 2027", "never falls in February of 2027"),
    ],
)
def test_readme_never_fires_examples_are_rejected(source: str, reason: str) -> None:
    with pytest.raises(cadence.NeverFiresError, match=re.escape(reason)):
        cadence.parse(source)


def test_readme_error_example_has_its_caret() -> None:
    with pytest.raises(cadence.ParseError) as caught:
        cadence.parse("0 9 * * MOM")
    assert str(caught.value).splitlines()[1:] == ["  0 9 * * MOM", "          ^^^"]


def console_sessions() -> list[tuple[str, list[str], str]]:
    """Each ``$ cadence ...`` command of the README's console blocks, with the output it
    shows (a command may run over several lines inside its quotes)."""
    sessions: list[tuple[str, list[str], str]] = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        lines = block.splitlines()
        index = 0
        while index < len(lines):
            assert lines[index].startswith("$ cadence "), lines[index]
            command = lines[index][2:]
            while True:
                try:
                    argv = shlex.split(command)
                    break
                except ValueError:  # an open quote: the command goes on
                    index += 1
                    command += "\n" + lines[index]
            index += 1
            shown = []
            while index < len(lines) and not lines[index].startswith("$ "):
                shown.append(lines[index])
                index += 1
            sessions.append((command, argv[1:], "\n".join(shown)))
    return sessions


@pytest.mark.parametrize(("command", "argv", "shown"), console_sessions(),
                         ids=[command.splitlines()[0] for command, _, _ in console_sessions()])
def test_readme_console_sessions_print_what_they_say(
        command: str, argv: list[str], shown: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Every console example runs, in a directory holding the files it names
    (tests/fixtures/readme), and prints what the README shows."""
    for path in (Path(__file__).parent / "fixtures" / "readme").iterdir():
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    main(argv)
    printed = capsys.readouterr().out.replace("\r\n", "\n")
    assert [line.rstrip() for line in printed.rstrip("\n").splitlines()] == [
        line.rstrip() for line in shown.splitlines()], command
