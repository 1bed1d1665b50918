"""The command line's vocabulary: one spelling for each idea across every command.

- SOURCE: a file, ``-`` for standard input, or the schedule itself (cron, RRULE, JSON...).
- ``--format``: optional everywhere; the content is recognized without it.
- ``--tz ZONE``: an IANA name, or ``local`` for this machine's zone.
- ``--at ISO``: the one moment to look from (default: now).
- ``--json``: the answer as JSON (shapes in ``docs/cli-json.md``).

Every argument is checked here, while the command line is read, before any work: a bad
moment, zone or count is exit 2 whatever the command would have needed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import NoReturn

from .. import __version__, formats
from .._calendar import is_digits
from .._moments import as_datetime
from .._zones import resolve_zone
from ..errors import ScheduleError, described

__all__ = ["COMMANDS", "EXIT_CODES", "MAX_COUNT", "build_parser", "checked_together"]

MAX_COUNT = 100_000
#: The names of cadence.dst.POLICIES, spelled here: the CLI starts without that module.
DST_POLICIES = ("cron", "rfc5545", "quartz")

#: Every exit status of every command (the README's table is checked against this).
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (0, "success: the answer is printed; validate found the payload valid, lint found "
        "nothing, diff found no difference; or the reader closed the pipe early"),
    (1, "a finding: validate found the payload invalid, lint found something, diff found "
        "a moment only one schedule fires at"),
    (2, "bad input: an unreadable SOURCE or file, a bad option (moment, zone, count, "
        "format), an ambiguous format, or a target format that cannot say the schedule"),
    (130, "interrupted (Ctrl-C)"),
)

_EXAMPLES = """\
examples:
  cadence next "0 9 * * MON-FRI" --tz Europe/Berlin     the next five weekday 9:00s
  cadence next timer.json --at 2026-12-24T00:00 --json  from a moment, as JSON
  cadence describe "0 0 12 ? * 2#1"                     in English
  cadence convert "0 9 * * 1-5" --to rrule              the same schedule as an RRULE
  cadence diff "* * * * *" "FREQ=MINUTELY;BYSECOND=0"   do they fire at the same instants?
  cadence validate campaign.json                        every problem of a payload
  cadence cal "0 9 L * ?" --year 2027                   the days it fires, like cal
  eval "$(cadence completion bash)"                     tab completion in bash

Run 'cadence COMMAND --help' for a command's options.

exit status:
""" + "\n".join(f"  {code:<4}{meaning}" for code, meaning in EXIT_CODES)


# -- checked values ------------------------------------------------------------------------

def _checked(check: Callable[[str], object]) -> Callable[[str], object]:
    """An argparse type that turns cadence's own error into argparse's, so the message
    (not argparse's generic one) is printed under the command's usage."""
    def typed(text: str) -> object:
        try:
            return check(text)
        except ScheduleError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    typed.__name__ = check.__name__
    return typed


def _moment(text: str) -> datetime:
    with _said_of_the_option():
        return as_datetime(text, _OPTION)


def _zone(text: str) -> str:
    with _said_of_the_option():
        resolve_zone(text, where=_OPTION)
    return text


#: What the library's messages are told the argument is called: argparse already
#: starts its message with the option's name, so the library's naming is cut.
_OPTION = "\0"


@contextmanager
def _said_of_the_option() -> Iterator[None]:
    try:
        yield
    except ScheduleError as exc:
        raise ScheduleError(str(exc).replace(f"{_OPTION}: ", "").replace(_OPTION, "it")
                            ) from None


def _count(text: str) -> int:
    if not is_digits(text.strip()):  # int() takes other scripts' digits and "1_000" too
        raise ScheduleError(f"{described(text)} is not a whole number (digits 0-9)")
    value = int(text)
    if not 1 <= value <= MAX_COUNT:
        raise ScheduleError(f"must be between 1 and {MAX_COUNT}, not {value}")
    return value


def _quantity(text: str) -> object:
    from decimal import Decimal

    from .._calendar import in_ascii_digits
    from ..bentley import checked_quantity

    if not in_ascii_digits(text):  # Decimal() takes other scripts' digits too
        raise ScheduleError(f"{described(text)} is not a number (digits 0-9, e.g. 14.5)")
    checked_quantity(text)  # finite, within cadence's limits, not negative
    return Decimal(text)


def _duration(text: str) -> object:
    from datetime import timedelta

    from .._durations import parse_duration

    with _said_of_the_option():
        length = parse_duration(text, _OPTION)
    if length <= timedelta(0):
        raise ScheduleError(f"{described(text)} is not a positive length of time")
    return length


class Renamed(argparse.Action):
    """An old spelling: refused with the new one, so a script learns the one word."""

    def __init__(self, option_strings: Sequence[str], dest: str, *, now: str,
                 **kwargs: object) -> None:
        self.now = now
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs="?",
                         help=argparse.SUPPRESS)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> NoReturn:
        parser.error(f"{option_string} is now {self.now} (one spelling for every command)")


# -- shared arguments ------------------------------------------------------------------------

def _add_source(command: argparse.ArgumentParser, *, dst: bool = True) -> None:
    command.add_argument(
        "source", metavar="SOURCE",
        help="the schedule: a cron, Quartz, systemd or RRULE string, inline JSON, a file "
             "(.ics, .json, any text), or - for standard input")
    _add_format(command)
    _add_zone(command)
    if dst:
        _add_dst(command)


def _add_format(command: argparse.ArgumentParser, *, help: str | None = None,
                action: str = "store") -> None:
    known = formats.names(readable=True)
    command.add_argument(
        "--format", choices=known, default=None, action=action, metavar="FORMAT",
        help=(help or "the SOURCE's format (default: recognized from its content)")
        + ": " + ", ".join(known))


def _add_zone(command: argparse.ArgumentParser, *,
              help: str = "the schedule's zone, an IANA name or 'local' (default: the "
                          "SOURCE's own, else UTC; giving both is an error)") -> None:
    command.add_argument("--tz", type=_checked(_zone), default=None, metavar="ZONE",
                         help=help)


def _add_dst(command: argparse.ArgumentParser) -> None:
    command.add_argument("--dst", choices=DST_POLICIES, default=None,
                         help="the DST policy (default: the format's; see the README)")


def _add_moment(command: argparse.ArgumentParser, what: str, *old: str) -> None:
    command.add_argument(
        "--at", dest="at", type=_checked(_moment), default=None, metavar="ISO",
        help=f"{what}; ISO 8601, without an offset it is wall time in the schedule's zone")
    for spelling in old:
        command.add_argument(spelling, action=Renamed, now="--at")


def _add_json(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--json", action="store_true", help=f"print {what} as JSON")


def _add_dst_window(command: argparse.ArgumentParser, since: str) -> None:
    command.add_argument("--since", type=_checked(_moment), default=None, metavar="ISO",
                         help=f"the DST lints look at clock changes from here (default: "
                              f"{since})")
    command.add_argument("--until", type=_checked(_moment), default=None, metavar="ISO",
                         help="... up to here (default: ten years later); e.g. --since "
                              "1970-01-01 --until 2100-01-01 for every year")


# -- the commands ------------------------------------------------------------------------------

def _occurrences(command: argparse.ArgumentParser) -> None:
    _add_source(command)
    _add_moment(command, "look from this moment (default: now)", "--after", "--before")
    command.add_argument("-n", dest="count", type=_checked(_count), default=5, metavar="N",
                         help=f"how many occurrences (default 5, at most {MAX_COUNT})")
    _add_json(command, "the occurrences")


def _describe(command: argparse.ArgumentParser) -> None:
    _add_source(command)
    _add_json(command, "the description")


def _validate(command: argparse.ArgumentParser) -> None:
    _add_source(command, dst=False)
    command.add_argument("--envelope", action="store_true",
                         help="print the vendor's own error body")
    _add_moment(command, "judge an end in the past, and count the DST lints' ten years, from "
                         "this moment (default: no end is judged; the DST lints count from "
                         "today)")
    _add_json(command, "the problems")
    _add_dst_window(command, "--at, else today")


def _lint(command: argparse.ArgumentParser) -> None:
    _add_source(command, dst=False)
    _add_moment(command, "judge an end in the past, and count the DST lints' ten years, "
                         "from this moment (default: now)", "--now")
    _add_dst_window(command, "--at")
    _add_json(command, "the findings")


def _convert(command: argparse.ArgumentParser) -> None:
    _add_source(command)
    targets = formats.names(writable=True)
    command.add_argument("--to", required=True, choices=targets, metavar="FORMAT",
                         help="the target format (JSON formats print JSON): "
                              + ", ".join(targets))
    _add_moment(command, "convert the schedule as it runs from this moment, no occurrence "
                         "before it (RRULE's DTSTART; default: the schedule as written)",
                "--start")
    command.add_argument("--lossy", action="store_true",
                         help="write the closest schedule and list what was dropped")
    command.add_argument("--duration", type=_checked(_duration), default=None,
                         metavar="LENGTH",
                         help="give each occurrence a window of this ISO 8601 length (e.g. "
                              "PT8H), as Helix time frames and Bentley calendars need")
    _add_json(command, "the written schedule and what was dropped")


def _diff(command: argparse.ArgumentParser) -> None:
    command.add_argument("a", metavar="A", help="the first schedule (as SOURCE)")
    command.add_argument("b", metavar="B", help="the second schedule (as SOURCE)")
    _add_format(command, action="append",
                help="the format of both, or given twice of A then B (default: recognized)")
    for old in ("--format-a", "--format-b"):
        command.add_argument(old, action=Renamed, now="--format (given twice: A, then B)")
    _add_zone(command)
    _add_dst(command)
    _add_moment(command, "compare from this moment (default: now)", "--after")
    command.add_argument("--horizon-days", type=_checked(_count), default=None,
                         metavar="DAYS",
                         help="compare no further than this many days (default: as far as "
                              "a proof needs, up to the end of the calendar)")
    _add_json(command, "the verdict")


def _status(command: argparse.ArgumentParser) -> None:
    _add_source(command)
    _add_moment(command, "the moment to evaluate at (default: now)")
    _add_json(command, "Helix's fields")


def _finish(command: argparse.ArgumentParser) -> None:
    command.add_argument("--calendar", required=True, metavar="CAL.json",
                         help="the Bentley working calendar (a file, inline JSON, or -)")
    command.add_argument("--rule", required=True, metavar="RULE.json",
                         help="the Bentley production-rate rule (a file, inline JSON, or -)")
    command.add_argument("--quantity", required=True, metavar="Q", type=_checked(_quantity),
                         help="how much work, in the rule's unit or --unit (e.g. 14.5)")
    command.add_argument("--unit", default=None, help="the quantity's unit (default: the "
                                                      "rule's)")
    _add_moment(command, "when the work starts (default: now)", "--start")
    _add_zone(command, help="the calendar's zone, an IANA name or 'local' (default: UTC)")
    _add_json(command, "the finish moment")


def _cal(command: argparse.ArgumentParser) -> None:
    from ._cal import add_cal_arguments

    _add_source(command)
    _add_moment(command, "show the month of this moment (default: now)")
    add_cal_arguments(command)


def _expand(command: argparse.ArgumentParser) -> None:
    from ._expand import add_expand_arguments

    add_expand_arguments(command, _checked(_moment))


def _serve(command: argparse.ArgumentParser) -> None:
    from ._serve import add_serve_arguments

    add_serve_arguments(command, _checked)


#: The shells ``cadence completion`` writes for (cli._completion writes them; named here
#: so that building the parser does not import it).
SHELLS = ("bash", "zsh", "fish")


def _completion(command: argparse.ArgumentParser) -> None:
    command.add_argument("shell", metavar="SHELL", choices=SHELLS,
                         help=f"the shell: {', '.join(SHELLS)}")


#: Each command: (one line of help, what adds its arguments).
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "next": ("the next occurrences from a moment (default: now)", _occurrences),
    "prev": ("the previous occurrences before a moment (default: now)", _occurrences),
    "describe": ("the schedule in English", _describe),
    "validate": ("every problem of a payload, with its JSON Pointer (exit 1 if invalid)",
                 _validate),
    "lint": ("what is valid but probably not meant (exit 1 if anything)", _lint),
    "convert": ("the schedule in another format (exit 2 if the target cannot say it)",
                _convert),
    "diff": ("whether two schedules fire at the same instants (exit 1 if they differ)", _diff),
    "status": ("a BMC Helix time frame's status, last and next run", _status),
    "finish": ("when work of a quantity ends on a Bentley working calendar", _finish),
    "cal": ("a month (or a year) with the days the schedule fires, like cal; window hours "
            "shaded; --svg for a picture", _cal),
    "expand": ("every occurrence of many schedules (a CSV or JSON Lines file) in a window, "
               "as CSV, JSON Lines or Parquet; --workers N or --dask to spread the work",
               _expand),
    "serve": ("the HTTP API on this machine (the serve extra: pip install "
              "\"cadence[serve]\")", _serve),
    "completion": ("a shell completion script: eval \"$(cadence completion bash)\" in "
                   "~/.bashrc (bash, zsh, fish)", _completion),
}


def checked_together(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """What no one option says alone, checked with the rest before any work."""
    given = getattr(args, "format", None)
    if isinstance(given, list) and len(given) > 2:
        parser.error(f"--format is given once (both schedules) or twice (A, then B), not "
                     f"{len(given)} times")
    since, until = getattr(args, "since", None), getattr(args, "until", None)
    if (since is not None and until is not None
            and (since.tzinfo is None) == (until.tzinfo is None) and until <= since):
        parser.error(f"--until {until.isoformat()} is not after --since {since.isoformat()}")


def build_parser(argv: Sequence[str], *, whole: bool = False
                 ) -> tuple[argparse.ArgumentParser, list[str]]:
    """The parser for ``argv`` and the arguments it reads. A command's arguments are read
    by that command's parser alone, so its errors show its usage (and building every
    command's parser would cost each start a few milliseconds). Without a command, the
    commands are listed without their arguments (``cadence --help`` shows none of them),
    unless ``whole`` asks for every command's parser in full (for shell completion)."""
    asked = argv[0] if argv and argv[0] in COMMANDS else None
    if asked is not None:
        helptext, add_arguments = COMMANDS[asked]
        command = argparse.ArgumentParser(prog=f"cadence {asked}", description=helptext)
        add_arguments(command)
        command.set_defaults(command=asked)
        return command, list(argv[1:])
    parser = argparse.ArgumentParser(
        prog="cadence", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Compile schedule expressions (cron, Quartz, RRULE, iCalendar, systemd "
                    "and vendor JSON), compute their occurrences, convert and validate them.",
        epilog=_EXAMPLES)
    parser.add_argument("--version", action="version", version=f"cadence {__version__}",
                        help="print cadence's version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     title="commands", help="what to do (each has --help)")
    for name, (helptext, add_arguments) in COMMANDS.items():
        command = commands.add_parser(name, help=helptext, description=helptext)
        if whole:
            add_arguments(command)
    return parser, list(argv)
