"""``cadence validate`` and ``cadence lint``: every problem of a SOURCE, printed alike.

Both print each problem as one ``origin:line:column: severity: pointer: message [CODE]``
line (see :mod:`._output`), or as JSON. A SOURCE that does not parse is a problem like
any other (exit 1); one that cannot be read at all is bad input (exit 2).
"""

from __future__ import annotations

import argparse
from datetime import datetime, timezone

from .. import formats
from ..errors import ScheduleError
from ._commands import one_schedule
from ._output import note, print_json, problem_lines, problems_json
from ._sources import read_source

__all__ = ["lint", "validate"]


def validate(args: argparse.Namespace) -> int:
    from ..validate import envelope
    from ..validate import validate as problems_of

    source = read_source(args.source)
    format, payload = source.read(args.format)
    problems = problems_of(payload, format, tz=args.tz, since=args.since, until=args.until)
    invalid = any(problem.is_error for problem in problems)
    _refuse_second_zone(args, format, invalid)
    kind = formats.registry()[format].kind
    if args.envelope:
        try:
            print_json(envelope(problems, format))
        except ScheduleError:
            if invalid:  # pragma: no cover - every format renders its errors
                raise
            note(f"the payload is valid: no error body, and no {format} success body that "
                 "cadence can fill (--envelope prints the vendor's error body)")
    elif args.json:
        print_json(problems_json(problems, source, kind))
    else:
        for line in problem_lines(problems, source, kind):
            print(line)
        print("invalid" if invalid else "valid")
    return 1 if invalid else 0


def lint(args: argparse.Namespace) -> int:
    """Every finding, warnings included; exit 1 when there is any."""
    from ..validate import validate as problems_of

    source = read_source(args.source)
    format, payload = source.read(args.format)
    now = args.at if args.at is not None else datetime.now(timezone.utc)
    problems = problems_of(payload, format, tz=args.tz, now=now, since=args.since,
                           until=args.until)
    _refuse_second_zone(args, format, any(problem.is_error for problem in problems))
    kind = formats.registry()[format].kind
    if args.json:
        print_json(problems_json(problems, source, kind))
    else:
        for line in problem_lines(problems, source, kind):
            print(line)
    return 1 if problems else 0


def _refuse_second_zone(args: argparse.Namespace, format: str, invalid: bool) -> None:
    """``--tz`` beside a payload that names its own zone is an error here as in every
    command (a payload that does not parse has no zone to compare)."""
    if args.tz is not None and not invalid and formats.registry()[format].is_schedule:
        one_schedule(args.source, format, args.tz, None)
