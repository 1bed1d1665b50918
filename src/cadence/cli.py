"""The ``cadence`` command.

Exit codes: 0 success; 2 bad input (unreadable schedule, bad option, unknown zone).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from datetime import datetime, timezone

from . import __version__
from .api import FORMATS, parse
from .errors import ScheduleError
from .schedule import Schedule

__all__ = ["main"]

MAX_COUNT = 100_000


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_COUNT}, not {value}")
    return value


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cadence",
        description="Compile schedule expressions and compute their occurrences.",
    )
    parser.add_argument("--version", action="version", version=f"cadence {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, moment, helptext in (
        ("next", "--after", "print the next occurrences after a moment (default: now)"),
        ("prev", "--before", "print the previous occurrences before a moment (default: now)"),
    ):
        command = commands.add_parser(name, help=helptext, description=helptext)
        command.add_argument("source", metavar="SOURCE",
                             help="the schedule, e.g. '0 9 * * MON-FRI' or a Quartz string")
        command.add_argument("--format", choices=FORMATS, default=None,
                             help="the source's format (default: by field count)")
        command.add_argument("--tz", default=None, metavar="ZONE",
                             help="IANA zone of the schedule (default: CRON_TZ= prefix, else UTC)")
        command.add_argument(moment, dest="moment", default=None, metavar="ISO",
                             help="ISO 8601 moment; without an offset it is wall time in the zone")
        command.add_argument("-n", dest="count", type=_count, default=5, metavar="N",
                             help="how many occurrences (default 5)")
        command.add_argument("--json", action="store_true", help="print a JSON array")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _build_parser().parse_args(argv)
    try:
        schedule = parse(args.source, format=args.format, tz=args.tz)
        moment = _moment(args.moment, schedule)
        found = schedule.iter_after(moment) if args.command == "next" else (
            schedule.iter_before(moment))
        lines = [t.isoformat() for t in itertools.islice(found, args.count)]
    except ScheduleError as exc:
        print(f"cadence: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(lines, indent=2))
    else:
        for line in lines:
            print(line)
    if len(lines) < args.count:
        direction = "after" if args.command == "next" else "before"
        print(f"cadence: only {len(lines)} occurrence(s) {direction} that moment "
              "(the calendar ends at year 9999)", file=sys.stderr)
    return 0


def _moment(text: str | None, schedule: Schedule) -> datetime:
    if text is None:
        return datetime.now(timezone.utc).astimezone(schedule.tz)
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ScheduleError(
            f"{text!r} is not an ISO 8601 moment; write e.g. 2026-11-22T09:00:00+01:00 "
            "(without an offset it is wall-clock time in the schedule's zone)"
        ) from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
