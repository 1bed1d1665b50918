"""The command line keeps Unix manners (issue 15): a reader that closes the pipe early
(``cadence next ... | head``) ends the command quietly with status 0, and Ctrl-C ends it
with status 130 and one line on stderr, never a traceback."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

MANY = ["next", "* * * * *", "-n", "100000", "--at", "2026-01-01T00:00Z"]


def _cadence(*argv: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cadence", *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("argv", [MANY, ["prev", *MANY[1:4], "--at", "2026-01-01T00:00Z"],
                                  [*MANY, "--json"]],
                         ids=["next", "prev", "next --json"])
def test_a_reader_that_stops_early_ends_the_command_quietly(argv: list[str]) -> None:
    with _cadence(*argv) as run:
        assert run.stdout is not None
        assert run.stderr is not None
        assert run.stdout.readline().strip()
        run.stdout.close()  # as `head -1` does
        errors = run.stderr.read()
        assert run.wait(timeout=60) == 0
    assert errors == b""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is a POSIX signal")
def test_ctrl_c_ends_the_command_with_130_and_one_line() -> None:
    with _cadence(*MANY) as run:
        assert run.stdout is not None
        assert run.stdout.readline().strip()  # running, and soon blocked on the full pipe
        run.send_signal(signal.SIGINT)
        _, errors = run.communicate(timeout=60)
    assert run.returncode == 130
    assert errors == b"cadence: interrupted\n"
