"""``cadence validate`` and ``cadence lint``: every problem of a SOURCE, printed alike.

Both print each problem as one ``origin:line:column: severity: pointer: message [CODE]``
line (see :mod:`._output`), or as JSON. A SOURCE that does not parse is a problem like
any other (exit 1); one that cannot be read at all is bad input (exit 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from .. import formats
from .._api import parse
from ..errors import ParseError, ScheduleError
from ._commands import read_schedules, refuse_second_zone
from ._output import note, print_json, problem_lines, problems_json
from ._sources import Source, read_source

if TYPE_CHECKING:
    from .._problems import Problem

__all__ = ["lint", "validate"]


def validate(args: argparse.Namespace) -> int:
    from ..validate import envelope
    from ..validate import validate as problems_of

    source = read_source(args.source)
    format, payload = source.read(args.format)
    problems = problems_of(payload, format, tz=args.tz, now=args.at, since=args.since,
                           until=args.until)
    invalid = any(problem.is_error for problem in problems)
    _refuse_second_zone(args, source, format, payload, invalid)
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
        for line in _printed(problems, source, format, payload):
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
    _refuse_second_zone(args, source, format, payload,
                        any(problem.is_error for problem in problems))
    if args.json:
        print_json(problems_json(problems, source, formats.registry()[format].kind))
    else:
        for line in _printed(problems, source, format, payload):
            print(line)
    return 1 if problems else 0


def _refuse_second_zone(args: argparse.Namespace, source: Source, format: str,
                        payload: Any, invalid: bool) -> None:
    """``--tz`` beside a payload that names its own zone is an error here as in every
    command (a payload that does not parse has no zone to compare)."""
    if args.tz is None or invalid or not formats.registry()[format].is_schedule:
        return
    for _, schedule in read_schedules(source, format, payload, args.tz, None):
        refuse_second_zone(source, schedule, args.tz)


def _printed(problems: Sequence[Problem], source: Source, format: str, payload: Any
             ) -> list[str]:
    """The problem lines; for a text file, where in it the error a reader reports is."""
    kind = formats.registry()[format].kind
    at = None
    if kind == "text" and source.file is not None and any(p.is_error for p in problems):
        try:
            parse(payload, format=format)
        except ParseError as error:
            if error.column is not None:
                at = (source.line_of(error), error.column)
        except ScheduleError:
            pass
    return problem_lines(problems, source, kind, at=at)
