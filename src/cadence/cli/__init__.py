"""The ``cadence`` command.

Exit codes: 0 success (``validate``: the payload is valid, warnings allowed; ``lint``:
nothing found; ``diff``: equivalent, or no difference found as far as it compared); 1
the payload is invalid (``validate``), ``lint`` found something (a warning or an
error), or ``diff`` found a difference; 2 bad input: an unreadable schedule, file or option, or an
unknown zone (``validate`` and ``lint`` report a SOURCE that does not parse as a problem).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from .. import __version__, formats
from .._api import FORMATS, parse
from .._calendar import in_ascii_digits, is_digits
from .._moments import as_datetime
from .._zones import resolve_zone
from ..errors import ScheduleError, described
from ..formats.ical import looks_like_ical
from ..limits import MAX_ICAL_LENGTH, MAX_PAYLOAD_BYTES
from ..schedule import Schedule

if TYPE_CHECKING:
    from .._problems import Problem

# What one command alone needs (validate and lint, convert, describe, JSON, decimals) is
# imported in that command's function: every start pays for the imports above, and
# `cadence next` should start about as fast as a one-line croniter script (issue 12).

__all__ = ["main"]

MAX_COUNT = 100_000
#: The names of cadence.dst.POLICIES, spelled here: the CLI starts without that module.
DST_POLICIES = ("cron", "rfc5545", "quartz")


def _count(text: str) -> int:
    if not is_digits(text.strip()):  # int() takes other scripts' digits and "1_000" too
        raise argparse.ArgumentTypeError(f"{described(text)} is not a whole number (digits "
                                         "0-9)")
    value = int(text)
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_COUNT}, not {value}")
    return value


def _add_source(command: argparse.ArgumentParser, *, format_required: bool = False) -> None:
    command.add_argument(
        "source", metavar="SOURCE",
        help="a cron or Quartz string, RRULE text (or an RRULE file) or an iCalendar .ics "
             "file; for a JSON format a file path, or - for stdin",
    )
    command.add_argument(
        "--format", choices=FORMATS, default=None, required=format_required,
        help="the source's format (strings default to cron/Quartz by field count)",
    )
    command.add_argument("--tz", default=None, metavar="ZONE",
                         help="IANA zone of the schedule (default: the source's, else UTC)")


def _add_dst(command: argparse.ArgumentParser) -> None:
    command.add_argument("--dst", choices=DST_POLICIES, default=None,
                         help="the DST policy (default: the source format's; see the "
                              "README's table)")


def _source_with_dst(command: argparse.ArgumentParser) -> None:
    _add_source(command)
    _add_dst(command)


def _occurrence_arguments(moment: str) -> Callable[[argparse.ArgumentParser], None]:
    def add(command: argparse.ArgumentParser) -> None:
        _source_with_dst(command)
        command.add_argument(moment, dest="moment", default=None, metavar="ISO",
                             help="ISO 8601 moment; without an offset it is wall time in the zone")
        command.add_argument("-n", dest="count", type=_count, default=5, metavar="N",
                             help="how many occurrences (default 5)")
        command.add_argument("--json", action="store_true", help="print a JSON array")
    return add


def _add_dst_window(command: argparse.ArgumentParser, since: str) -> None:
    command.add_argument("--since", default=None, metavar="ISO",
                         help=f"the DST lints look at clock changes from here (default: {since})")
    command.add_argument("--until", default=None, metavar="ISO",
                         help="... up to here (default: ten years later); e.g. --since 1970-01-01 "
                              "--until 2100-01-01 for every year")


def _dst_window(args: argparse.Namespace) -> dict[str, datetime | None]:
    """``since`` and ``until`` for :func:`validate`, read from ``--since`` and ``--until``."""
    return {name: as_datetime(value, f"--{name}") if value is not None else None
            for name, value in (("since", args.since), ("until", args.until))}


def _validate_arguments(command: argparse.ArgumentParser) -> None:
    _add_source(command, format_required=True)
    command.add_argument("--envelope", action="store_true",
                         help="print the vendor's own error body")
    command.add_argument("--json", action="store_true",
                         help="print the problems as a JSON array")
    _add_dst_window(command, "today")


def _lint_arguments(command: argparse.ArgumentParser) -> None:
    _add_source(command)
    command.add_argument("--now", default=None, metavar="ISO",
                         help="the moment an end in the past is judged against and "
                              "the DST lints count ten years from (default: now)")
    _add_dst_window(command, "--now")
    command.add_argument("--json", action="store_true",
                         help="print the findings as a JSON array")


def _convert_arguments(command: argparse.ArgumentParser) -> None:
    _source_with_dst(command)
    command.add_argument("--to", required=True, choices=formats.names(writable=True),
                         help="the target format (JSON formats print JSON)")
    command.add_argument("--start", default=None, metavar="ISO",
                         help="no occurrence before this moment (RRULE's DTSTART; "
                              "naive = wall time in the schedule's zone)")
    command.add_argument("--lossy", action="store_true",
                         help="write the closest schedule and list what was dropped")


def _diff_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("a", metavar="A", help="the first schedule (as SOURCE for next)")
    command.add_argument("b", metavar="B", help="the second schedule")
    command.add_argument("--format-a", choices=FORMATS, default=None,
                         help="A's format (default: guessed as for next)")
    command.add_argument("--format-b", choices=FORMATS, default=None,
                         help="B's format (default: guessed as for next)")
    command.add_argument("--tz", default=None, metavar="ZONE",
                         help="IANA zone of both schedules (default: each source's, else UTC)")
    _add_dst(command)
    command.add_argument("--after", default=None, metavar="ISO",
                         help="compare from this moment (default: now)")
    command.add_argument("--horizon-days", type=_count, default=None, metavar="DAYS",
                         help="compare no further than this many days (default: as far as "
                              "a proof needs, up to the end of the calendar)")


def _status_arguments(command: argparse.ArgumentParser) -> None:
    _add_source(command, format_required=True)
    _add_dst(command)
    command.add_argument("--at", dest="moment", default=None, metavar="ISO",
                         help="the moment to evaluate at (default: now)")


def _finish_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--calendar", required=True, metavar="CAL.json",
                         help="the Bentley working calendar (a JSON file, or - for stdin)")
    command.add_argument("--rule", required=True, metavar="RULE.json",
                         help="the Bentley rule whose rate the work goes at (a JSON file)")
    command.add_argument("--quantity", required=True, metavar="Q",
                         help="how much work, in the unit (e.g. 145 or 14.5)")
    command.add_argument("--unit", default=None,
                         help="the quantity's unit (default: the rule's unit)")
    command.add_argument("--start", required=True, metavar="ISO",
                         help="when the work starts (naive = wall time in --tz)")
    command.add_argument("--tz", default=None, metavar="ZONE",
                         help="the calendar's zone (default UTC)")


def _completion_arguments(command: argparse.ArgumentParser) -> None:
    from ._completion import SHELLS

    command.add_argument("shell", metavar="SHELL", choices=SHELLS,
                         help=f"the shell: {', '.join(SHELLS)}")


#: Each command: (help, description, what adds its arguments).
_COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "next": ("print the next occurrences after a moment (default: now)",
             "print the next occurrences after a moment (default: now)",
             _occurrence_arguments("--after")),
    "prev": ("print the previous occurrences before a moment (default: now)",
             "print the previous occurrences before a moment (default: now)",
             _occurrence_arguments("--before")),
    "describe": ("print the schedule in English", "print it in English", _source_with_dst),
    "validate": ("list every problem of a payload (exit 1 if it is invalid)",
                 "list every problem of a payload; exit 0 valid, 1 invalid, 2 unreadable",
                 _validate_arguments),
    "lint": ("warn about what is valid but probably not meant (exit 1 if any)",
             "list lint warnings (and errors); exit 0 nothing found, 1 findings, 2 unreadable "
             "input", _lint_arguments),
    "convert": ("write the schedule in another format",
                "write the schedule in another format; exit 2 if the target cannot say it",
                _convert_arguments),
    "diff": ("whether two schedules fire at the same instants (exit 1 if they differ)",
             "print 'equivalent' (proven), the first moment only one of them fires (exit 1), "
             "or how far the comparison found no difference before it had to stop",
             _diff_arguments),
    "status": ("print a time frame's status, last and next run (BMC Helix)",
               "print {status, inWindow, lastRunTime, nextRunTime}: Helix's GET fields and "
               "whether the moment is inside a window; one object per time frame, with its "
               "name, for a GET answer listing several",
               _status_arguments),
    "finish": ("when work of a quantity ends on a working calendar (Bentley)",
               "the moment QUANTITY at the rule's rate is done, counting working time",
               _finish_arguments),
    "completion": ("print a shell completion script (bash, zsh or fish)",
                   "print the completion script for SHELL; e.g. in ~/.bashrc: "
                   "eval \"$(cadence completion bash)\"", _completion_arguments),
}

#: ``cadence --help`` ends with these (the commands' list, one line each, comes before).
_EXAMPLES = """\
examples:
  cadence next "0 9 * * MON-FRI" --tz Europe/Berlin      the next five weekday 9:00s
  cadence next "0 9 * * MON-FRI" -n 3 --json             three, as a JSON array
  cadence describe "0 0 12 ? * 2#1"                      in English
  cadence convert "0 9 * * 1-5" --to rrule               the same schedule as an RRULE
  cadence diff "* * * * *" "FREQ=MINUTELY;BYSECOND=0"    do they fire at the same instants?
  cadence validate timer.json --format edfs              every problem of a payload
  eval "$(cadence completion bash)"                      tab completion in bash

Run 'cadence COMMAND --help' for a command's options."""


def _build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser; when ``argv`` starts with a command, with that command's arguments
    alone (building every command's costs a few milliseconds of each start)."""
    parser = argparse.ArgumentParser(
        prog="cadence",
        description="Compile schedule expressions, compute their occurrences, validate payloads.",
        epilog=_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cadence {__version__}",
                        help="print cadence's version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     title="commands", help="what to do (each has --help)")
    asked = argv[0] if argv and argv[0] in _COMMANDS else None
    for name, (helptext, description, add_arguments) in _COMMANDS.items():
        if asked is None or name == asked:
            add_arguments(commands.add_parser(name, help=helptext, description=description))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the README's table)."""
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


#: The exit status after Ctrl-C: 128 + SIGINT, as shells report it.
_INTERRUPTED = 130


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
    given = sys.argv[1:] if argv is None else list(argv)
    args = _build_parser(given).parse_args(given)
    try:
        # An unknown zone is a bad option, exit 2, whatever the command and before any
        # work (validate reported it as a problem of the payload, exit 1).
        if getattr(args, "tz", None) is not None:
            resolve_zone(args.tz, where="--tz")
        if args.command == "validate":
            return _validate(args)
        if args.command == "lint":
            return _lint(args)
        if args.command == "finish":
            return _finish(args)
        if args.command == "status":
            return _status(args)
        if args.command == "diff":
            return _diff(args)
        if args.command == "completion":
            return _print_completion(args)
        if args.command == "convert":
            return _convert(args, parse(_read_source(args.source, args.format),
                                        format=args.format, tz=args.tz, dst=args.dst))
        named = _schedules(args)
        if args.command == "describe":
            from ..formats.text import describe

            for name, schedule in named:
                print(describe(schedule) if name is None else f"{name}: {describe(schedule)}")
            return 0
        return _occurrences(args, named)
    except ScheduleError as exc:
        print(f"cadence: error: {exc}", file=sys.stderr)
        return 2


def _schedules(args: argparse.Namespace) -> list[tuple[str | None, Schedule]]:
    """The source's schedules: one, unnamed; or, for a Helix GET answer listing several
    time frames, each with its name."""
    text = _read_source(args.source, args.format)
    policy = args.dst
    if args.format == "helix":
        from ..helix import read_frames

        frames = read_frames(text, tz=args.tz)
        schedules: list[tuple[str | None, Schedule]] = [
            (frame.name if len(frames) > 1 else None, _under(frame.schedule, policy))
            for frame in frames]
        return schedules
    return [(None, parse(text, format=args.format, tz=args.tz, dst=policy))]


def _under(schedule: Schedule, policy: str | None) -> Schedule:
    """``schedule`` under the DST policy ``--dst`` names, if any."""
    if policy is None:
        return schedule
    from ..dst import applied

    return Schedule(applied(schedule.recurrence, policy))


def _occurrences(args: argparse.Namespace, named: list[tuple[str | None, Schedule]]) -> int:
    forward = args.command == "next"
    found: list[tuple[str | None, list[str]]] = []
    shown: list[tuple[str | None, Schedule, list[datetime]]] = []  # (for the terminal view)
    for name, schedule in named:
        moment = _moment(args.moment, schedule)
        times = schedule.iter_after(moment) if forward else schedule.iter_before(moment)
        moments = _listed(times, args.count)
        lines = [t.isoformat() for t in moments]
        found.append((name, lines))
        shown.append((name, schedule, moments))
        which = "" if name is None else f"{name}: "
        if schedule.format == "edfs" and schedule.metadata.get("enabled") is False:
            print(f"cadence: note: {which}this EDFS timer is disabled (\"enabled\": false); "
                  "these are the times it would run once enabled", file=sys.stderr)
        if len(lines) < args.count:
            from .._ending import why_no_more

            end = why_no_more(schedule.recurrence, forward=forward)
            direction = "after" if forward else "before"
            print(f"cadence: {which}only {len(lines)} occurrence(s) {direction} that moment "
                  f"({end})", file=sys.stderr)
    if args.json:
        print(_json(found[0][1] if found[0][0] is None else
                    [{"name": name, "occurrences": lines} for name, lines in found]))
        return 0
    if _is_terminal(sys.stdout):
        return _occurrence_tables(shown)
    for name, lines in found:
        if name is not None:
            print(f"{name}:")
        for line in lines:
            print(line if name is None else f"  {line}")
    return 0


# -- terminal manners (issue 15): wiring of cli._table, cli._progress, cli._completion --


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):  # a test's StringIO, a closed stream
        return False


def _occurrence_tables(shown: list[tuple[str | None, Schedule, list[datetime]]]) -> int:
    """``next``/``prev`` on a terminal: a table per schedule (a pipe gets ISO lines)."""
    from ._style import colour_allowed
    from ._table import occurrence_table, window_ends

    now, colour = datetime.now(timezone.utc), colour_allowed(sys.stdout)
    for name, schedule, moments in shown:
        table = occurrence_table(moments, now=now, ends=window_ends(schedule, moments),
                                 colour=colour)
        if name is not None:
            print(f"{name}:")
            table = "\n".join(f"  {line}" for line in table.splitlines())
        if table:
            print(table)
    return 0


#: From this many occurrences on, listing them may take a second: a bar may show.
_LONG_LIST = 10_000


def _listed(times: Iterator[datetime], count: int) -> list[datetime]:
    if count < _LONG_LIST:  # (milliseconds: no bar, and nothing more to import)
        return list(itertools.islice(times, count))
    from ._progress import counted, progress

    with progress("listing occurrences") as report:
        return list(counted(itertools.islice(times, count), count, report))


def _print_completion(args: argparse.Namespace) -> int:
    from ._completion import completion_script

    print(completion_script(_build_parser([]), args.shell), end="")
    return 0


# -- end of the terminal manners' wiring ----------------------------------------------


def _convert(args: argparse.Namespace, schedule: Schedule) -> int:
    from ..convert import emit

    if args.start is not None:
        schedule = schedule.bounded(start=as_datetime(args.start, "--start"))
    if args.lossy:
        written, dropped = emit(schedule, args.to, lossy=True)
        for what in dropped:
            print(f"cadence: dropped: {what}", file=sys.stderr)
    else:
        written = emit(schedule, args.to)
    text = written if isinstance(written, str) else _json(written)
    print(text, end="" if text.endswith("\n") else "\n")  # iCalendar ends its own lines
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .. import _equivalence  # (its 400-year proof is for diff alone)

    a = parse(_read_source(args.a, args.format_a), format=args.format_a, tz=args.tz,
              dst=args.dst)
    b = parse(_read_source(args.b, args.format_b), format=args.format_b, tz=args.tz,
              dst=args.dst)
    horizon = timedelta(days=args.horizon_days) if args.horizon_days is not None else None
    from ._progress import progress

    with progress("comparing") as report:
        found = _equivalence.compare(a, b, after=args.after, horizon=horizon, progress=report)
    if found.verdict == "different":
        assert found.moment is not None
        assert found.side is not None
        print(f"differ: {found.moment.isoformat()} fires in {found.side.upper()} only")
        return 1
    if found.verdict == "undecided":
        assert found.until is not None
        where = (f"--horizon-days {args.horizon_days}" if found.stopped == "horizon"
                 else f"cadence's limit of {_equivalence.MAX_COMPARED} compared occurrences")
        print(f"no difference found before {found.until.isoformat()} (the comparison "
              f"stopped at {where}; not proven equivalent)")
        return 0
    print("equivalent")
    return 0


def _status(args: argparse.Namespace) -> int:
    from ..helix import status

    if args.format != "helix":
        raise ScheduleError("status answers for BMC Helix time frames: use --format helix")
    named = _schedules(args)
    answers = [(name, status(schedule, _moment(args.moment, schedule)))
               for name, schedule in named]
    print(_json(answers[0][1] if answers[0][0] is None else
                [{"name": name, **answer} for name, answer in answers]))
    return 0


def _finish(args: argparse.Namespace) -> int:
    from decimal import Decimal, InvalidOperation

    from ..bentley import finish
    from ..validate import load_json

    calendar = load_json(_read_source(args.calendar, "bentley"), where=args.calendar)
    rule = load_json(_read_source(args.rule, "bentley"), where=args.rule)
    body = rule.get("rule", rule) if isinstance(rule, dict) else None
    unit = args.unit
    if unit is None and isinstance(body, dict):
        unit = body.get("unit")  # the quantity is in the rule's own unit
    try:
        if not in_ascii_digits(args.quantity):  # Decimal() takes other digits too
            raise InvalidOperation
        quantity = Decimal(args.quantity)
    except InvalidOperation:
        raise ScheduleError(f"--quantity {described(args.quantity)} is not a number (digits "
                            "0-9, e.g. 14.5)") from None
    from ._progress import progress

    with progress("counting working time") as report:
        finished = finish(calendar, rule, quantity, unit, _moment(args.start, None),
                          tz=args.tz, progress=report)
    print(finished.isoformat())
    return 0


def _validate(args: argparse.Namespace) -> int:
    from ..validate import envelope, load_json, validate

    text = _read_source(args.source, args.format, files_too=True)
    payload: Any = text
    if _is_json(args.format):
        payload = load_json(text, where=_name(args.source))
    problems = validate(payload, args.format, tz=args.tz, **_dst_window(args))
    invalid = any(problem.is_error for problem in problems)
    if args.envelope:
        try:
            print(_json(envelope(problems, args.format)))
        except ScheduleError:
            if invalid:  # pragma: no cover - every format renders its errors
                raise
            print(f"cadence: the payload is valid: no error body, and no {args.format} success "
                  "body that cadence can fill (--envelope prints the vendor's error body)",
                  file=sys.stderr)
    elif args.json:
        print(_json([_problem_json(p) for p in problems]))
    else:
        for problem in problems:
            print(f"{problem.severity} {problem.path or '/'} {problem.code}: "
                  f"{problem.explained}")
        print("invalid" if invalid else "valid")
    return 1 if invalid else 0


def _lint(args: argparse.Namespace) -> int:
    """``cadence lint``: every finding, one a line (``path: message [CODE]``) or as JSON;
    exit 1 when there is any, warnings included."""
    from ..validate import load_json, validate

    text = _read_source(args.source, args.format)
    format = args.format or _string_format(text)
    payload: Any = load_json(text, where=_name(args.source)) if _is_json(format) else text
    now = as_datetime(args.now, "--now") if args.now is not None else datetime.now(timezone.utc)
    problems = validate(payload, format, tz=args.tz, now=now, **_dst_window(args))
    if args.json:
        print(_json([_problem_json(p) for p in problems]))
    else:
        for problem in problems:
            print(f"{problem.path or '/'}: {problem.explained} [{problem.code}]")
    return 1 if problems else 0


def _problem_json(problem: Problem) -> dict[str, str]:
    """A problem as ``--json`` prints it; ``detail`` only when cadence adds one to a
    vendor's message."""
    shown = {"path": problem.path, "code": problem.code, "message": problem.message,
             "severity": problem.severity}
    if problem.detail:
        shown["detail"] = problem.detail
    return shown


def _string_format(text: str) -> str:
    """The text format ``parse`` would pick for ``text``."""
    return formats.sniff(text).name


def _is_json(format: str | None) -> bool:
    return format is not None and formats.registry()[format].kind == "json"


def _json(value: object) -> str:
    """``value`` as indented JSON: json is imported here, as most commands print none."""
    import json

    return json.dumps(value, indent=2)


def _name(source: str) -> str:
    return "standard input" if source == "-" else source


def _read_source(source: str, format: str | None, *, files_too: bool = False) -> str:
    """The schedule text: a file's or stdin's (``-``) content for JSON formats, else the
    argument itself (or, with ``files_too`` or for RRULE and iCalendar text, the content
    of a file it names; a ``.ics`` path, or a file starting with BEGIN:VCALENDAR, is read
    without ``--format``)."""
    calendar = format in (None, "ical") and _is_calendar_file(source)
    is_file = calendar or ((files_too or format in ("rrule", "ical")) and _is_file(source))
    if not _is_json(format) and source != "-" and not is_file:
        return source
    limit = MAX_ICAL_LENGTH if calendar or format == "ical" else MAX_PAYLOAD_BYTES
    try:
        if source == "-":
            text = sys.stdin.read(limit + 1)
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read(limit + 1)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ScheduleError(f"cannot read {_name(source)}: {reason}") from None
    if len(text) > limit:
        raise ScheduleError(f"{_name(source)} is larger than {limit} bytes, cadence's limit")
    return text.strip() if not _is_json(format) else text


def _is_calendar_file(source: str) -> bool:
    """Whether ``source`` names an iCalendar file: a path ending in ``.ics`` (read even
    if it is missing, to say so), or a file whose text starts with BEGIN:VCALENDAR."""
    if source.lower().endswith(".ics"):
        return True
    if not _is_file(source):
        return False
    try:
        with open(source, "rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return looks_like_ical(head.decode("utf-8", errors="replace"))


def _is_file(source: str) -> bool:
    try:
        return os.path.isfile(source)
    except (OSError, ValueError):  # a name too long or with a NUL byte is no file
        return False


def _moment(text: str | None, schedule: Schedule | None) -> datetime:
    if text is None:
        now = datetime.now(timezone.utc)
        return now.astimezone(schedule.tz) if schedule is not None else now
    return as_datetime(text, "moment")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
