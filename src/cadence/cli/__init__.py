"""The ``cadence`` command: :func:`main`.

The vocabulary (one spelling of each option across the commands) and the exit statuses
are in :mod:`._parser`; reading a SOURCE in :mod:`._sources`; how answers and problems
print in :mod:`._output`; the commands in :mod:`._commands` and :mod:`._checks`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..errors import ScheduleError
from ._parser import build_parser, checked_together

__all__ = ["main"]

#: The exit status after Ctrl-C: 128 + SIGINT, as shells report it.
_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see ``cadence --help``)."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # a reader gone shows here, not at the interpreter's exit
        return code
    except BrokenPipeError:
        # ``cadence next ... | head``: the reader has what it wanted; like the classic
        # Unix tools, stop quietly, and with success, for the reader's sake.
        _stdout_to_nowhere()
        return 0
    except KeyboardInterrupt:
        print("cadence: interrupted", file=sys.stderr)
        return _INTERRUPTED
    except SystemExit as exit:  # argparse's: --help, --version, or a bad option (2)
        return exit.code if isinstance(exit.code, int) else 2


def _stdout_to_nowhere() -> None:
    """Point standard output at the null device, so that the interpreter's last flush
    of what is still buffered does not fail on the closed pipe again."""
    try:
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
        os.close(nowhere)
    except (OSError, ValueError, AttributeError):  # not a file (a test's StringIO)
        pass


def _run(argv: Sequence[str] | None) -> int:
    # Payloads may hold lone surrogates (JSON "\ud800"): print them escaped rather than
    # fail in stdout's strict encoder (stderr already escapes them).
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
    parser, given = build_parser(sys.argv[1:] if argv is None else list(argv))
    args = parser.parse_args(given)  # every argument checked here: exit 2 before any work
    checked_together(parser, args)
    try:
        if args.command in ("validate", "lint"):
            from . import _checks

            return int(getattr(_checks, args.command)(args))
        from . import _commands

        run = _commands.occurrences if args.command in ("next", "prev") else getattr(
            _commands, args.command)
        return int(run(args))
    except ScheduleError as exc:
        print(f"cadence: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
