"""The commands that read schedules: next, prev, describe, convert, diff, status, finish.

Each takes the parsed arguments (every one already checked by :mod:`._parser`) and
returns its exit status; what one command alone needs is imported in its function, as
every start pays for the imports above.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from .. import formats
from .._api import parse
from .._problems import InvalidPayloadError
from .._zones import resolve_zone, zone_key, zone_name
from ..errors import ScheduleError
from ..schedule import Schedule
from ._output import is_terminal, note, print_json, problem_lines
from ._sources import Source, read_source

__all__ = ["cal", "completion", "convert", "describe", "diff", "expand", "finish",
           "occurrences", "schedules", "serve", "status"]


def schedules(argument: str, format: str | None, tz: str | None, dst: str | None
              ) -> list[tuple[str | None, Schedule]]:
    """The SOURCE's schedules: one, unnamed; or, for a Helix GET answer listing several
    time frames, each with its name."""
    source = read_source(argument)
    chosen, payload = source.read(format)
    known = formats.registry()[chosen]
    if not known.is_schedule:
        raise ScheduleError(f"{source.name} is {known.not_a_schedule}, not a schedule: "
                            f"cadence validate checks it, and validate --envelope prints "
                            f"the vendor's answer")
    found = read_schedules(source, chosen, payload, tz, dst)
    for _, schedule in found:
        refuse_second_zone(source, schedule, tz)
    return found


def read_schedules(source: Source, format: str, payload: Any, tz: str | None,
                   dst: str | None) -> list[tuple[str | None, Schedule]]:
    """What :func:`schedules` reads, once the SOURCE is read; an error about its content
    names the file, with the line and column where they are known."""
    try:
        if format == "helix":
            from ..helix import read_frames

            frames = read_frames(payload, tz=tz)
            return [(frame.name if len(frames) > 1 else None, _under(frame.schedule, dst))
                    for frame in frames]
        return [(None, parse(payload, format=format, tz=tz, dst=dst))]
    except InvalidPayloadError as exc:
        errors = [problem for problem in exc.problems if problem.is_error]
        raise ScheduleError("\n".join([
            f"{source.name} is not a valid {exc.format} payload ({len(errors)} error(s)):",
            *problem_lines(errors, source, "json")])) from None
    except ScheduleError as exc:
        raise ScheduleError(source.located(exc)) from None


def one_schedule(argument: str, format: str | None, tz: str | None, dst: str | None
                 ) -> Schedule:
    found = schedules(argument, format, tz, dst)
    if len(found) > 1:
        raise ScheduleError(f"{argument} holds {len(found)} time frames; this command "
                            "takes one (give a file holding one frame)")
    return found[0][1]


def refuse_second_zone(source: Source, schedule: Schedule, tz: str | None) -> None:
    """``--tz`` together with a SOURCE naming another zone: the SOURCE's would win, so
    say so rather than ignore ``--tz`` silently."""
    if tz is None or zone_key(schedule.tz) == zone_key(resolve_zone(tz)):
        return
    own = zone_name(schedule.tz)
    raise ScheduleError(
        f"{source.name} names its own zone, {own}, which wins over --tz {tz}: drop --tz to "
        f"use {own}, or change the zone in the source itself")


def _under(schedule: Schedule, policy: str | None) -> Schedule:
    """``schedule`` under the DST policy ``--dst`` names, if any."""
    if policy is None:
        return schedule
    from ..dst import applied

    return Schedule(applied(schedule.recurrence, policy))


def _moment(at: datetime | None) -> datetime:
    return at if at is not None else datetime.now(timezone.utc)


def occurrences(args: argparse.Namespace) -> int:
    named = schedules(args.source, args.format, args.tz, args.dst)
    forward = args.command == "next"
    found: list[tuple[str | None, Schedule, list[datetime]]] = []
    for name, schedule in named:
        moment = _moment(args.at)
        times = schedule.iter_after(moment) if forward else schedule.iter_before(moment)
        listed = _listed(times, args.count)
        found.append((name, schedule, listed))
        which = "" if name is None else f"{name}: "
        if schedule.format == "edfs" and schedule.metadata.get("enabled") is False:
            note(f"{which}this EDFS timer is disabled (\"enabled\": false); these are the "
                 "times it would run once enabled")
        if len(listed) < args.count:
            from .._ending import why_no_more

            end = why_no_more(schedule.recurrence, forward=forward)
            direction = "after" if forward else "before"
            print(f"cadence: {which}only {len(listed)} occurrence(s) {direction} that moment "
                  f"({end})", file=sys.stderr)
    if args.json:
        lines = [(name, [moment.isoformat() for moment in listed])
                 for name, _, listed in found]
        print_json(lines[0][1] if lines[0][0] is None else
                   [{"name": name, "occurrences": isos} for name, isos in lines])
    elif is_terminal(sys.stdout):
        _tables(found)
    else:
        for name, _, listed in found:
            if name is not None:
                print(f"{name}:")
            for moment in listed:
                print(moment.isoformat() if name is None else f"  {moment.isoformat()}")
    return 0


def _tables(found: list[tuple[str | None, Schedule, list[datetime]]]) -> None:
    """``next``/``prev`` on a terminal: a table per schedule (a pipe gets ISO lines)."""
    from ._style import colour_allowed
    from ._table import occurrence_table, window_ends

    now, colour = datetime.now(timezone.utc), colour_allowed(sys.stdout)
    for name, schedule, moments in found:
        table = occurrence_table(moments, now=now, ends=window_ends(schedule, moments),
                                 colour=colour)
        if name is not None:
            print(f"{name}:")
            table = "\n".join(f"  {line}" for line in table.splitlines())
        if table:
            print(table)


#: From this many occurrences on, listing them may take a second: a bar may show.
_LONG_LIST = 10_000


def _listed(times: Iterator[datetime], count: int) -> list[datetime]:
    if count < _LONG_LIST:  # (milliseconds: no bar, and nothing more to import)
        return list(itertools.islice(times, count))
    from ._progress import counted, progress

    with progress("listing occurrences") as report:
        return list(counted(itertools.islice(times, count), count, report))


def describe(args: argparse.Namespace) -> int:
    from ..formats.text import describe as words

    named = [(name, schedule, words(schedule))
             for name, schedule in schedules(args.source, args.format, args.tz, args.dst)]
    if args.json:
        shown = [{**({"name": name} if name is not None else {}),
                  "description": said, "format": schedule.format,
                  "zone": zone_name(schedule.tz)} for name, schedule, said in named]
        print_json(shown[0] if named[0][0] is None else shown)
        return 0
    for name, _, said in named:
        print(said if name is None else f"{name}: {said}")
    return 0


def convert(args: argparse.Namespace) -> int:
    from ..convert import convert as converted

    schedule = one_schedule(args.source, args.format, args.tz, args.dst)
    if args.duration is not None:
        schedule = schedule.with_duration(args.duration)
    dropped: list[str] = []
    if args.lossy:
        written, dropped = converted(schedule, to=args.to, start=args.at, lossy=True)
    else:
        written = converted(schedule, to=args.to, start=args.at)
    if args.json:
        print_json({"format": args.to, "schedule": written, "dropped": dropped})
        return 0
    for what in dropped:
        print(f"cadence: dropped: {what}", file=sys.stderr)
    if isinstance(written, str):
        print(written, end="" if written.endswith("\n") else "\n")  # iCalendar ends lines
    else:
        print_json(written)
    return 0


def diff(args: argparse.Namespace) -> int:
    from .. import _equivalence  # (its 400-year proof is for diff alone)

    given = args.format or []
    format_a = given[0] if given else None
    format_b = given[-1] if given else None
    if args.a == "-" and args.b == "-":
        raise ScheduleError("A and B cannot both be - (standard input is read once): give "
                            "one of them as a file or as text")
    a = one_schedule(args.a, format_a, args.tz, args.dst)
    b = one_schedule(args.b, format_b, args.tz, args.dst)
    from datetime import timedelta

    horizon = timedelta(days=args.horizon_days) if args.horizon_days is not None else None
    from ._progress import progress

    with progress("comparing") as report:
        found = _equivalence.compare(a, b, after=_moment(args.at), horizon=horizon,
                                     progress=report)
    if args.json:
        print_json(found.to_json())
    elif found.verdict == "different":
        assert found.moment is not None
        assert found.side is not None
        print(f"differ: {found.moment.isoformat()} fires in {found.side.upper()} only")
    elif found.verdict == "undecided":
        assert found.until is not None
        where = (f"--horizon-days {args.horizon_days}" if found.stopped == "horizon"
                 else f"cadence's limit of {_equivalence.MAX_COMPARED} compared occurrences")
        print(f"no difference found before {found.until.isoformat()} (the comparison "
              f"stopped at {where}; not proven equivalent)")
    else:
        print("equivalent")
    return 1 if found.verdict == "different" else 0


def _in_zone(moment: datetime, schedule: Schedule) -> datetime:
    """``moment`` on the schedule's clock (a naive one is already wall time there)."""
    return moment if moment.tzinfo is None else moment.astimezone(schedule.tz)


def status(args: argparse.Namespace) -> int:
    from ..helix import status as helix_status

    named = schedules(args.source, args.format, args.tz, args.dst)
    if any(schedule.format != "helix" for _, schedule in named):
        raise ScheduleError("status answers for BMC Helix time frames; this SOURCE is "
                            f"{named[0][1].format}")
    answers = [(name, schedule, helix_status(schedule, _moment(args.at)))
               for name, schedule in named]
    if args.json:
        print_json(answers[0][2] if answers[0][0] is None else
                   [{"name": name, **answer} for name, _, answer in answers])
        return 0
    for name, schedule, answer in answers:
        lead = ""
        if name is not None:
            print(f"{name}:")
            lead = "  "
        for label, value in _status_lines(answer, schedule):
            print(f"{lead}{label:<12} {value}")
    return 0


def _status_lines(answer: Any, schedule: Schedule) -> list[tuple[str, str]]:
    def when(millis: int | None) -> str:
        if millis is None:
            return "none"
        moment = datetime.fromtimestamp(millis / 1000, timezone.utc).astimezone(schedule.tz)
        return moment.isoformat()

    return [("status", str(answer["status"])),
            ("in a window", "yes" if answer["inWindow"] else "no"),
            ("last run", when(answer["lastRunTime"])),
            ("next run", when(answer["nextRunTime"]))]


def finish(args: argparse.Namespace) -> int:
    from ..bentley import finish as finished_at

    if args.calendar == "-" and args.rule == "-":
        raise ScheduleError("--calendar and --rule cannot both be - (standard input is read "
                            "once): give one of them as a file")
    calendar_source = read_source(args.calendar)
    _, payload = calendar_source.read("bentley")
    [(_, calendar)] = read_schedules(calendar_source, "bentley", payload, args.tz, None)
    _, rule = read_source(args.rule).read("bentley")
    body = rule.get("rule", rule) if isinstance(rule, dict) else None
    unit = args.unit
    if unit is None and isinstance(body, dict):
        unit = body.get("unit")  # the quantity is in the rule's own unit
    from ._progress import progress

    with progress("counting working time") as report:
        done = finished_at(calendar, rule, args.quantity, unit, _moment(args.at),
                           progress=report)
    if args.json:
        print_json({"finish": done.isoformat(), "quantity": str(args.quantity),
                    "unit": unit})
    else:
        print(done.isoformat())
    return 0


def cal(args: argparse.Namespace) -> int:
    from ._cal import run_cal

    schedule = one_schedule(args.source, args.format, args.tz, args.dst)
    from ._style import colour_allowed

    return run_cal(args, schedule, colour=colour_allowed(sys.stdout),
                   today=_in_zone(_moment(args.at), schedule).date())


def expand(args: argparse.Namespace) -> int:
    from ._expand import run_expand

    return run_expand(args)


def serve(args: argparse.Namespace) -> int:
    from ._serve import run_serve

    return run_serve(args)


def completion(args: argparse.Namespace) -> int:
    from ._completion import completion_script
    from ._parser import build_parser

    print(completion_script(build_parser([], whole=True)[0], args.shell), end="")
    return 0
