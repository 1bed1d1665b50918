"""The command line's terminal manners (issue 15): a table for people on a terminal and
ISO lines in a pipe, colour only where it is welcome (NO_COLOR, FORCE_COLOR, TERM=dumb),
a progress bar on long work that Ctrl-C still ends with one line, shell completion
generated from the parser, and help for every option.

The terminal cases run the real command under a pseudo-terminal (``pty``)."""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import cadence
from cadence import _equivalence
from cadence.cli import main
from cadence.cli._completion import SHELLS, completion_script
from cadence.cli._parser import Renamed, build_parser
from cadence.cli._style import colour_allowed
from cadence.cli._table import from_now, occurrence_table
from cadence.errors import ScheduleError, rough_duration_words


def _build_parser(argv: list[str]) -> argparse.ArgumentParser:
    return build_parser(argv, whole=True)[0]


SOURCE = str(Path(cadence.__file__).resolve().parents[1])
BERLIN = ZoneInfo("Europe/Berlin")
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
#: Every second against an RRULE that lists the 60 seconds of each minute and keeps them
#: by position: the same instants, which ``diff`` can only walk (1-2 s: a long diff).
SECONDS = ",".join(str(second) for second in range(60))
POSITIONS = ",".join(str(position) for position in range(1, 61))
LONG_DIFF = ["diff", "* * * * * ?", f"FREQ=MINUTELY;BYSECOND={SECONDS};BYSETPOS={POSITIONS}"]
#: Runs the command line with the progress bar shown at once (``SHOW_AFTER = 0``), so
#: the test need not find work that lasts past the second the bar waits for.
BAR_AT_ONCE = ("import sys; from cadence.cli import _progress, main; "
               "_progress.SHOW_AFTER = 0; sys.exit(main(sys.argv[1:]))")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")


def _environment(**changes: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")}
    env["PYTHONPATH"] = SOURCE
    env["TERM"] = "xterm"
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _in_terminal(argv: list[str], *, code: str | None = None,
                 env: dict[str, str] | None = None,
                 when: Callable[[str, subprocess.Popen[bytes]], None] | None = None
                 ) -> tuple[int, str]:
    """Run ``cadence argv`` (or ``python -c code argv``) with stdout and stderr on a
    pseudo-terminal of 24 x 100; ``when(output so far, process)`` is called after each
    read. Returns the exit status and all it wrote (``\\r\\n`` as the terminal sends)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    command = ["-c", code] if code is not None else ["-m", "cadence"]
    process = subprocess.Popen([sys.executable, *command, *argv], stdin=subprocess.DEVNULL,
                               stdout=follower, stderr=follower,
                               env=env if env is not None else _environment())
    os.close(follower)
    output = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the last writer is gone
                break
            if not chunk:
                break
            output += chunk
            if when is not None:
                when(output.decode("utf-8", errors="replace"), process)
        status = process.wait(timeout=60)
    finally:
        os.close(leader)
        if process.poll() is None:  # pragma: no cover - only on a hung test
            process.kill()
    return status, output.decode("utf-8", errors="replace")


# -- durations in words --------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (timedelta(days=1, hours=22, minutes=5), "1 day 22 h"),
        (timedelta(days=2, minutes=5), "2 days"),
        (timedelta(days=3), "3 days"),
        (timedelta(hours=2, minutes=30), "2 h 30 min"),
        (timedelta(hours=3), "3 h"),
        (timedelta(minutes=5), "5 min"),
        (timedelta(minutes=4, seconds=59, microseconds=999_999), "4 min 59 s"),
        (timedelta(minutes=1, seconds=1), "1 min 1 s"),
        (timedelta(seconds=59), "59 s"),
        (timedelta(milliseconds=250), "less than 1 s"),
        (timedelta(0), "0 s"),
        (-timedelta(hours=3, minutes=10), "3 h 10 min"),
        (timedelta(days=2873563, hours=5, minutes=14, seconds=28.965517), "2873563 days 5 h"),
    ],
)
def test_duration_words_say_a_duration_in_its_two_largest_units(
        delta: timedelta, words: str) -> None:
    assert rough_duration_words(delta) == words


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        ("2026-12-07T10:00:00+01:00", "in 1 day 22 h"),
        ("2026-12-05T08:00:00+00:00", "3 h ago"),
        ("2026-12-05T11:05:00+00:00", "in 5 min"),
        ("2026-12-05T11:00:00+00:00", "now"),
    ],
)
def test_from_now_says_in_or_ago(moment: str, words: str) -> None:
    now = datetime(2026, 12, 5, 11, tzinfo=timezone.utc)
    assert from_now(datetime.fromisoformat(moment), now) == words


# -- the table -------------------------------------------------------------------------


def _at(text: str | None) -> datetime | None:
    """``2026-12-07T09:00 Europe/Berlin``: a wall time in a named zone; ISO 8601 with an
    offset alone for a zone with no names."""
    if text is None:
        return None
    wall, _, zone = text.partition(" ")
    moment = datetime.fromisoformat(wall)
    return moment.replace(tzinfo=ZoneInfo(zone)) if zone else moment


@pytest.mark.parametrize(
    ("now", "rows", "table"),
    [
        ("2026-12-05T11:00+00:00",
         [("2026-12-07T09:00 Europe/Berlin", None), ("2026-12-08T09:00 Europe/Berlin", None),
          ("2026-12-05T11:05 UTC", None), ("2026-12-05T10:00:30+04:00", None)],
         "Mon  2026-12-07 09:00:00  +01:00 CET  in 1 day 21 h\n"
         "Tue  2026-12-08 09:00:00  +01:00 CET  in 2 days 21 h\n"
         "Sat  2026-12-05 11:05:00  +00:00 UTC  in 5 min\n"
         "Sat  2026-12-05 10:00:30  +04:00      4 h 59 min ago"),
        # Windows: the end on the same day as the time alone, else with its date, and
        # with its offset when the clock changed in between.
        ("2026-03-28T12:00+00:00",
         [("2026-03-28T09:00 Europe/Berlin", "2026-03-28T17:00 Europe/Berlin"),
          ("2026-03-28T22:00 Europe/Berlin", "2026-03-29T06:00 Europe/Berlin"),
          ("2026-03-30T09:00 Europe/Berlin", None)],
         "Sat  2026-03-28 09:00:00  +01:00 CET   4 h ago        until 17:00:00\n"
         "Sat  2026-03-28 22:00:00  +01:00 CET   in 9 h         until Sun 2026-03-29 06:00:00 "
         "+02:00 CEST\n"
         "Mon  2026-03-30 09:00:00  +02:00 CEST  in 1 day 19 h"),
    ],
    ids=["instants", "windows"],
)
def test_the_table_aligns_weekday_time_offset_zone_distance_and_window_end(
        now: str, rows: list[tuple[str, str | None]], table: str) -> None:
    times = [_at(start) for start, _ in rows]
    ends = [_at(end) for _, end in rows]
    assert all(isinstance(moment, datetime) for moment in times)
    assert occurrence_table([moment for moment in times if moment is not None],
                            now=datetime.fromisoformat(now),
                            ends=ends if any(ends) else None, colour=False) == table


def test_colour_styles_the_cells_and_keeps_the_columns() -> None:
    now = datetime(2026, 12, 5, 11, tzinfo=timezone.utc)
    times = [datetime(2026, 12, 7, 9, tzinfo=BERLIN), datetime(2026, 12, 5, 11, 5, tzinfo=BERLIN)]
    coloured = occurrence_table(times, now=now, colour=True)
    assert "\x1b[" in coloured
    assert ESCAPE.sub("", coloured) == occurrence_table(times, now=now, colour=False)


def test_no_occurrences_make_an_empty_table() -> None:
    assert occurrence_table([], now=datetime(2026, 1, 1, tzinfo=timezone.utc), colour=True) == ""


# -- colour policy ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "terminal", "allowed"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # set but empty: no-color.org says ignore it
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": ""}, False, False),
        ({"CLICOLOR_FORCE": "1"}, False, True),
        ({"CLICOLOR_FORCE": "0"}, False, False),
        ({"TERM": "dumb"}, True, False),
        ({"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
    ],
)
def test_colour_follows_no_color_force_color_and_the_terminal(
        monkeypatch: pytest.MonkeyPatch, env: dict[str, str], terminal: bool,
        allowed: bool) -> None:
    for key in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    leader, follower = pty.openpty() if terminal else os.pipe()
    with os.fdopen(follower, "w") as stream:
        assert colour_allowed(stream) is allowed
    os.close(leader)


# -- next and prev on a terminal ----------------------------------------------------------

NEXT = ["next", "0 9 * * MON-FRI", "--tz", "Europe/Berlin", "--at", "2026-12-05T00:00",
        "-n", "2"]
ROWS = re.compile(r"Mon  2026-12-07 09:00:00  \+01:00 CET  (in .+|.+ ago)\r\n"
                  r"Tue  2026-12-08 09:00:00  \+01:00 CET  (in .+|.+ ago)\r\n")


def test_next_on_a_terminal_prints_a_table_in_colour() -> None:
    status, output = _in_terminal(NEXT)
    assert status == 0
    assert "\x1b[" in output
    assert ROWS.fullmatch(ESCAPE.sub("", output))


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_next_on_a_terminal_without_colour_prints_the_plain_table(env: dict[str, str]) -> None:
    status, output = _in_terminal(NEXT, env=_environment(**env))
    assert status == 0
    assert ROWS.fullmatch(output)


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}])
def test_next_in_a_pipe_keeps_its_iso_lines(env: dict[str, str]) -> None:
    run = subprocess.run([sys.executable, "-m", "cadence", *NEXT], capture_output=True,
                         text=True, env=_environment(**env), check=False)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == "2026-12-07T09:00:00+01:00\n2026-12-08T09:00:00+01:00\n"


def test_json_on_a_terminal_stays_json() -> None:
    status, output = _in_terminal([*NEXT, "--json"])
    assert status == 0
    assert output.replace("\r\n", "\n") == (
        '[\n  "2026-12-07T09:00:00+01:00",\n  "2026-12-08T09:00:00+01:00"\n]\n')


def test_prev_on_a_terminal_shows_when_each_window_closes(tmp_path: Path) -> None:
    event = tmp_path / "standup.ics"
    event.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//cadence//EN\r\n"
                     "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\n"
                     "DTSTART;TZID=Europe/Berlin:20260105T090000\r\nDURATION:PT8H\r\n"
                     "RRULE:FREQ=WEEKLY;BYDAY=MO,TU\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                     encoding="utf-8")
    status, output = _in_terminal(["prev", str(event), "--at", "2026-12-08T12:00:00+01:00",
                                   "-n", "2"], env=_environment(NO_COLOR="1"))
    assert status == 0
    assert re.fullmatch(r"Tue  2026-12-08 09:00:00  \+01:00 CET  \S.+  until 17:00:00\r\n"
                        r"Mon  2026-12-07 09:00:00  \+01:00 CET  \S.+  until 17:00:00\r\n",
                        output)


# -- progress on long work ----------------------------------------------------------------


def test_compare_reports_its_progress_as_growing_fractions() -> None:
    a, b = cadence.parse(LONG_DIFF[1]), cadence.parse(LONG_DIFF[2])
    heard: list[float] = []
    found = _equivalence.compare(a, b, after="2026-01-01T00:00Z", progress=heard.append)
    assert found == _equivalence.compare(a, b, after="2026-01-01T00:00Z")
    assert found.verdict == "undecided"
    assert len(heard) > 10
    assert heard == sorted(heard)
    assert heard[0] >= 0
    assert heard[-1] <= 1


#: Weekday windows and one extra Saturday (an explicit date): no whole days to count at
#: once, so working time is walked window by window.
WORKDAYS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//cadence//EN\r\n"
            "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\n"
            "DTSTART:20260105T090000Z\r\nDURATION:PT8H\r\n"
            "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nRDATE:20260110T090000Z\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize(
    ("walk", "answer"),
    [
        (lambda schedule, progress: schedule.add_working_time(
            "2026-01-05T09:00Z", timedelta(hours=100_000), progress=progress).isoformat(),
         "2073-11-30T17:00:00+00:00"),
        (lambda schedule, progress: str(schedule.working_time_between(
            "2026-01-05T09:00Z", "2070-01-01T00:00Z", progress=progress) // timedelta(hours=1)),
         "91824"),  # hours
    ],
    ids=["add_working_time", "working_time_between"],
)
def test_working_time_walks_report_their_progress(
        walk: Callable[[cadence.Schedule, Callable[[float], None] | None], str],
        answer: str) -> None:
    schedule = cadence.parse(WORKDAYS)
    heard: list[float] = []
    assert walk(schedule, heard.append) == walk(schedule, None) == answer
    assert len(heard) > 2
    assert heard == sorted(heard)
    assert heard[0] >= 0
    assert heard[-1] <= 1


def test_a_long_diff_on_a_terminal_shows_a_bar_then_erases_it() -> None:
    status, output = _in_terminal(LONG_DIFF, code=BAR_AT_ONCE)
    assert status == 0
    assert re.search(r"comparing: +[1-9]\d*%\|█[^|]*\| \d\d:\d\d elapsed", output)
    assert _last_line(output).startswith("no difference found before ")
    assert "%" not in _last_line(output)  # the bar erased, not written over


def _last_line(output: str) -> str:
    """The last line as the terminal shows it: each carriage return goes back to the
    line's start, ``ESC [ K`` erases to its end, text overwrites what was there."""
    assert output.endswith("\r\n")
    shown: list[str] = []
    column = 0
    for piece in re.split(r"(\r|\x1b\[K)", output[:-2].rsplit("\n", 1)[-1]):
        if piece == "\r":
            column = 0
        elif piece == "\x1b[K":
            del shown[column:]
        else:
            shown[column:column + len(piece)] = piece
            column += len(piece)
    return "".join(shown).rstrip()


def test_ctrl_c_during_the_bar_exits_130_with_one_line_and_no_traceback() -> None:
    sent: list[bool] = []

    def interrupt(output: str, process: subprocess.Popen[bytes]) -> None:
        if "comparing:" in output and not sent:
            process.send_signal(signal.SIGINT)
            sent.append(True)

    status, output = _in_terminal(LONG_DIFF, code=BAR_AT_ONCE, when=interrupt)
    assert sent
    assert status == 130
    assert "Traceback" not in output
    assert _last_line(output) == "cadence: interrupted"  # the bar erased
    assert output.count("interrupted") == 1


def test_a_long_diff_into_a_pipe_writes_nothing_to_stderr() -> None:
    run = subprocess.run([sys.executable, "-c", BAR_AT_ONCE, *LONG_DIFF], capture_output=True,
                         text=True, env=_environment(), check=False)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.startswith("no difference found before ")


def test_a_short_next_imports_neither_tqdm_nor_the_terminal_modules() -> None:
    probe = ("import sys; from cadence.cli import main; main(['next', '* * * * *', '-n', '1']); "
             "print(sorted(m for m in sys.modules if m == 'tqdm' or m.startswith('cadence.cli.')"
             " and m.split('.')[-1] in ('_table', '_progress', '_style', '_completion', '_cal')"
             "), file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env=_environment(), check=False)
    assert (run.returncode, run.stderr) == (0, "[]\n")


# -- shell completion ---------------------------------------------------------------------


def _bash_completes(script: str, words: list[str], cwd: Path) -> list[str]:
    """What bash's completion function offers for ``words`` (the last being completed)."""
    program = (f"source {script}\n"
               f"COMP_WORDS=({' '.join(_bash_word(word) for word in words)})\n"
               f"COMP_CWORD={len(words) - 1}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\n"
               "COMP_POINT=${#COMP_LINE}\n"
               "$(complete -p cadence | sed -E 's/.* -F ([^ ]+) .*/\\1/') "
               f"cadence {_bash_word(words[-1])} {_bash_word(words[-2])}\n"
               'printf "%s\\n" "${COMPREPLY[@]}"\n')
    run = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True,
                         cwd=cwd, check=True)
    return [line for line in run.stdout.splitlines() if line]


def _bash_word(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("bash") is None:  # pragma: no cover
        pytest.skip("bash is not installed")
    script = tmp_path_factory.mktemp("completion") / "cadence.bash"
    script.write_text(completion_script(_build_parser([]), "bash"), encoding="utf-8")
    return script


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["cadence", "ne"], ["next"]),
        (["cadence", "next", "--fo"], ["--format"]),
        (["cadence", "next", "--format", ""], list(cadence.FORMATS)),
        (["cadence", "convert", "x", "--to", "rr"], ["rrule"]),
        (["cadence", "next", "--dst", ""], ["cron", "rfc5545", "quartz"]),
        (["cadence", "completion", ""], list(SHELLS)),
        (["cadence", "next", "tim"], ["timer.json"]),  # a SOURCE may be a file
    ],
)
def test_bash_completes_commands_options_choices_and_files(
        bash_script: Path, tmp_path: Path, words: list[str], offered: list[str]) -> None:
    (tmp_path / "timer.json").write_text("{}", encoding="utf-8")
    assert sorted(_bash_completes(str(bash_script), words, tmp_path)) == sorted(offered)


def test_the_completion_command_prints_the_script() -> None:
    run = subprocess.run([sys.executable, "-m", "cadence", "completion", "bash"],
                         capture_output=True, text=True, env=_environment(), check=False)
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == completion_script(_build_parser([]), "bash")


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_the_zsh_script_is_valid_zsh(tmp_path: Path) -> None:
    script = tmp_path / "_cadence"
    script.write_text(completion_script(_build_parser([]), "zsh"), encoding="utf-8")
    subprocess.run(["zsh", "-n", str(script)], check=True)


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("cadence ne", ["next"]),
        ("cadence next --fo", ["--format"]),
        ("cadence next --format ", list(cadence.FORMATS)),
        ("cadence completion ", list(SHELLS)),
    ],
)
def test_fish_completes_commands_options_and_choices(tmp_path: Path, line: str,
                                                     offered: list[str]) -> None:
    script = tmp_path / "cadence.fish"
    script.write_text(completion_script(_build_parser([]), "fish"), encoding="utf-8")
    subprocess.run(["fish", "-n", str(script)], check=True)
    run = subprocess.run(["fish", "--no-config", "-c",
                          f"source {script}; complete -C {_bash_word(line)}"],
                         capture_output=True, text=True, check=True, cwd=tmp_path)
    assert sorted(row.split("\t")[0] for row in run.stdout.splitlines()) == sorted(offered)


def test_an_unknown_shell_is_a_cadence_error() -> None:
    with pytest.raises(ScheduleError, match="tcsh"):
        completion_script(_build_parser([]), "tcsh")


# -- help ----------------------------------------------------------------------------------


def _parsers(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [("cadence", parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found += [(f"cadence {name}", command) for name, command in action.choices.items()]
    return found


def test_every_option_of_every_command_has_help() -> None:
    missing = [f"{name} {action.option_strings or action.metavar or action.dest}"
               for name, parser in _parsers(_build_parser([]))
               for action in parser._actions
               if not isinstance(action, Renamed)  # (old spellings, hidden: they say the new)
               and (not (action.help or "").strip() or action.help == argparse.SUPPRESS)]
    assert missing == []


def test_help_lists_each_command_on_one_line_and_examples(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    shown = capsys.readouterr().out
    names = [name.split()[1] for name, _ in _parsers(_build_parser([]))[1:]]
    for name in names:
        assert re.search(rf"^    {name}( +\S.*)?$", shown, re.MULTILINE), name
    assert "examples:" in shown
    assert shown.count("\n  cadence ") >= 5
