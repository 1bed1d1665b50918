#!/usr/bin/env python
"""Occurrences per second: cadence against cronsim, croniter and APScheduler 3.

Run ``python benchmarks/bench_next.py`` (``--help`` for the options). For every
expression of the corpus and every zone, each library builds its schedule from the
expression and produces N occurrences after 2026-01-01T00:00 in that zone; the table
shows occurrences per second (best of ``--repeat`` runs, construction included) and
the ratio cadence / cronsim, then the median ratios.

A peer gets a number only where it means the same thing as cadence: expressions are
translated to each peer's dialect where one exists (croniter's ``L5`` for ``5L`` and
``day_or`` for Debian's day-of-month/day-of-week rule; APScheduler's ``day="last fri"``,
``day="2nd mon"`` and weekday names, since its weekday numbers start at Monday), a
cell is ``n/a`` where the peer cannot express the row, and ``diff`` where its
occurrences differ from cadence's (``.isoformat()`` of the first 20 after the start
and of the first 20 from 70 and 10 minutes before each DST change of the first year).
``n/a`` and ``diff`` cells are left out of the ratios; disagreements are listed at the
end. Standard library and the peers only.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from functools import partial
from importlib import metadata
from itertools import islice
from typing import Any, TextIO
from zoneinfo import ZoneInfo

import cadence

# -- the corpus ----------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One row of the corpus: a 5-field cron expression (cadence's and cronsim's dialect)."""

    expr: str
    note: str = ""
    max_n: int | None = None  # cap on N where N occurrences would run past year 9999


CORPUS: tuple[Case, ...] = (
    Case("* * * * *", "every minute"),
    Case("*/5 * * * *", "every 5 minutes"),
    Case("*/15 9-17 * * 1-5", "office hours, quarter-hourly"),
    Case("0 * * * *", "hourly"),
    Case("0 8-18/2 * * *", "every 2 hours in a range"),
    Case("30 2 * * *", "daily, in New York's skipped hour once a year"),
    Case("30 1 * * *", "daily, in New York's repeated hour once a year"),
    Case("0 9 * * 1-5", "weekdays"),
    Case("0 22 * * 1-5", "weekday evenings"),
    Case("0 0 * * 6,0", "weekends"),
    Case("5 4 * * SUN", "weekly, by name"),
    Case("0 0 */2 * 1", "Mondays on odd days (Debian: AND, the field starts with *)"),
    Case("0 0 13 * 5", "13th OR Friday (Debian: OR)"),
    Case("15 14 1 * *", "monthly"),
    Case("0 0 1 * *", "monthly at midnight"),
    Case("0 0 L * *", "last day of the month"),
    Case("0 0 LW * *", "last weekday of the month"),
    Case("0 0 15W * *", "weekday nearest the 15th"),
    Case("0 0 * * 5L", "last Friday of the month"),
    Case("0 12 * * MON#2", "second Monday of the month"),
    Case("0 0 1 */3 *", "quarterly"),
    Case("0 0 1 1 *", "yearly"),
    Case("0 0 29 2 *", "leap day", max_n=500),
)

DEFAULT_ZONES = ("UTC", "America/New_York")
START = datetime(2026, 1, 1, 0, 0)  # wall-clock time, placed in each zone
VERIFY_COUNT = 20
UTC = timezone.utc
ONE_MICROSECOND = timedelta(microseconds=1)

# -- expression fields ----------------------------------------------------------------

DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # cron numbering: 0 = Sunday
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th"}


class UntranslatableError(Exception):
    """The peer has no way to say what the expression means."""


def split_fields(expr: str) -> tuple[str, str, str, str, str]:
    parts = expr.split()
    if len(parts) != 5:
        raise UntranslatableError(f"not a 5-field cron expression: {expr!r}")
    return parts[0], parts[1], parts[2], parts[3], parts[4]


def debian_and(dom: str, dow: str) -> bool:
    """Debian cron: day-of-month AND day-of-week if either field starts with ``*``, else OR."""
    return dom.startswith("*") or dow.startswith("*")


def weekday_number(text: str) -> int:
    """Cron weekday (0 or 7 = Sunday, or a name) -> 0..6 with 0 = Sunday."""
    lowered = text.lower()
    if lowered in DAY_NAMES:
        return DAY_NAMES.index(lowered)
    if text.isdigit() and 0 <= int(text) <= 7:
        return int(text) % 7
    raise UntranslatableError(f"weekday {text!r}")


def expand_weekdays(field_text: str) -> set[int]:
    """A plain cron day-of-week field (lists, ranges, steps, names) -> weekdays 0..6."""
    days: set[int] = set()
    for item in field_text.split(","):
        body, _, step_text = item.partition("/")
        if step_text and (not step_text.isdigit() or int(step_text) < 1):
            raise UntranslatableError(f"weekday step {item!r}")
        step = int(step_text) if step_text else 1
        if body == "*":
            first, last = 0, 7
        elif "-" in body:
            low, high = body.split("-", 1)
            first, last = _raw_weekday(low), _raw_weekday(high)
        else:
            first = _raw_weekday(body)
            last = 7 if step_text else first
        if last < first:
            raise UntranslatableError(f"weekday range {item!r}")
        days.update(day % 7 for day in range(first, last + 1, step))
    return days


def _raw_weekday(text: str) -> int:
    lowered = text.lower()
    if lowered in DAY_NAMES:
        return DAY_NAMES.index(lowered)
    if text.isdigit() and 0 <= int(text) <= 7:
        return int(text)
    raise UntranslatableError(f"weekday {text!r}")


# -- the libraries ----------------------------------------------------------------------

Produce = Callable[[tzinfo, datetime, int], list[datetime]]
Burn = Callable[[tzinfo, datetime, int], int]


@dataclass(frozen=True)
class Job:
    """One expression in one library's terms: what to verify and what to time."""

    spec: str  # the expression as the library is given it, for the report
    produce: Produce  # the first k occurrences strictly after a moment (untimed)
    burn: Burn  # build the schedule and count up to n occurrences (timed)


@dataclass(frozen=True)
class Library:
    key: str
    title: str
    translate: Callable[[str], Job]  # raises UntranslatableError (or the peer's error): n/a
    version: str


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


# cadence ----------------------------------------------------------------------------


def _clear_cadence_caches() -> None:
    """Empty ``cadence.parse``'s memo of parsed schedules so each timed run compiles.

    The timed runs pass a tzinfo, which that memo (keyed on zone names) skips anyway;
    this keeps the measurement honest if it ever learns tzinfo keys. The grammar cache
    in ``cadence._grammar`` is left alone: loading the grammar is a one-time cost.
    """
    for module in (cadence, sys.modules.get("cadence._api")):
        for value in vars(module).values() if module is not None else ():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def _cadence_produce(expr: str, zone: tzinfo, after: datetime, count: int) -> list[datetime]:
    return list(islice(cadence.parse(expr, tz=zone).iter_after(after), count))


def _cadence_burn(expr: str, zone: tzinfo, after: datetime, n: int) -> int:
    produced = 0
    for _ in islice(cadence.parse(expr, tz=zone).iter_after(after), n):
        produced += 1
    return produced


def _cadence_job(expr: str) -> Job:
    return Job(expr, partial(_cadence_produce, expr), partial(_cadence_burn, expr))


# cronsim ----------------------------------------------------------------------------


def _cronsim_produce(expr: str, zone: tzinfo, after: datetime, count: int) -> list[datetime]:
    from cronsim import CronSim

    return list(islice(CronSim(expr, after), count))


def _cronsim_burn(expr: str, zone: tzinfo, after: datetime, n: int) -> int:
    from cronsim import CronSim

    produced = 0
    for _ in islice(CronSim(expr, after), n):
        produced += 1
    return produced


def _cronsim_job(expr: str) -> Job:
    from cronsim import CronSim

    split_fields(expr)
    CronSim(expr, START.replace(tzinfo=UTC))  # raises if unsupported (e.g. 15W)
    return Job(expr, partial(_cronsim_produce, expr), partial(_cronsim_burn, expr))


# croniter ---------------------------------------------------------------------------


def croniter_spec(expr: str) -> tuple[str, bool]:
    """The croniter expression and ``day_or`` meaning what Debian cron means by ``expr``."""
    minute, hour, dom, month, dow = split_fields(expr)
    if "LW" in dom.upper():
        raise UntranslatableError("croniter has no LW")
    items = []
    for item in dow.split(","):
        if len(item) > 1 and item[-1] in "lL":  # last <weekday> of the month: 5L -> L5
            items.append(f"L{weekday_number(item[:-1])}")
        else:
            items.append(item)
    return f"{minute} {hour} {dom} {month} {','.join(items)}", not debian_and(dom, dow)


def _croniter_produce(
    expr: str, day_or: bool, zone: tzinfo, after: datetime, count: int
) -> list[datetime]:
    from croniter import CroniterBadDateError, croniter

    iterator = croniter(expr, after, day_or=day_or)
    result: list[datetime] = []
    for _ in range(count):
        try:
            result.append(iterator.get_next(datetime))
        except CroniterBadDateError:
            break
    return result


def _croniter_burn(expr: str, day_or: bool, zone: tzinfo, after: datetime, n: int) -> int:
    from croniter import CroniterBadDateError, croniter

    get_next = croniter(expr, after, day_or=day_or).get_next
    produced = 0
    for _ in range(n):
        try:
            get_next(datetime)
        except CroniterBadDateError:
            break
        produced += 1
    return produced


def _croniter_job(expr: str) -> Job:
    from croniter import croniter

    translated, day_or = croniter_spec(expr)
    croniter(translated, START.replace(tzinfo=UTC), day_or=day_or)  # raises if unsupported
    return Job(
        f"{translated} (day_or={day_or})",
        partial(_croniter_produce, translated, day_or),
        partial(_croniter_burn, translated, day_or),
    )


# APScheduler 3 ----------------------------------------------------------------------


def apscheduler_fields(expr: str) -> dict[str, str]:
    """``CronTrigger`` keyword arguments meaning what Debian cron means by ``expr``.

    APScheduler 3 always ANDs day and day_of_week, numbers weekdays from Monday = 0, and
    spells "last day" / "last Friday" / "second Monday" in its ``day`` field.
    """
    minute, hour, dom, month, dow = split_fields(expr)
    if not debian_and(dom, dow):
        raise UntranslatableError("APScheduler 3 cannot OR day-of-month with day-of-week")
    day = dom
    if "W" in dom.upper():
        raise UntranslatableError("APScheduler 3 has no W / LW")
    if dom.upper() == "L":
        day = "last"
    elif any(ch.isalpha() for ch in dom):
        raise UntranslatableError(f"day-of-month {dom!r}")
    day_of_week = "*"
    if "#" in dow or dow[-1:] in ("l", "L"):
        if "," in dow or dom != "*":
            raise UntranslatableError(f"day-of-week {dow!r} with other day terms")
        if "#" in dow:
            name, _, nth = dow.partition("#")
            if not nth.isdigit() or int(nth) not in ORDINALS:
                raise UntranslatableError(f"day-of-week {dow!r}")
            day = f"{ORDINALS[int(nth)]} {DAY_NAMES[weekday_number(name)]}"
        else:
            day = f"last {DAY_NAMES[weekday_number(dow[:-1])]}"
    elif dow != "*":
        days = expand_weekdays(dow)
        if len(days) < 7:
            day_of_week = ",".join(DAY_NAMES[d] for d in sorted(days))
    return {"minute": minute, "hour": hour, "day": day, "month": month, "day_of_week": day_of_week}


def _aps_produce(
    fields: dict[str, str], zone: tzinfo, after: datetime, count: int
) -> list[datetime]:
    from apscheduler.triggers.cron import CronTrigger

    trigger = CronTrigger(timezone=zone, **fields)
    previous: datetime | None = None
    now = after.astimezone(UTC) + ONE_MICROSECOND  # occurrences strictly after `after`
    result: list[datetime] = []
    for _ in range(count):
        fire: datetime | None = trigger.get_next_fire_time(previous, now)
        if fire is None:
            break
        result.append(fire)
        previous = fire
        now = fire.astimezone(UTC) + ONE_MICROSECOND
    return result


def _aps_burn(fields: dict[str, str], zone: tzinfo, after: datetime, n: int) -> int:
    from apscheduler.triggers.cron import CronTrigger

    get_next_fire_time = CronTrigger(timezone=zone, **fields).get_next_fire_time
    previous: datetime | None = None
    now = after.astimezone(UTC) + ONE_MICROSECOND
    produced = 0
    for _ in range(n):
        fire: datetime | None = get_next_fire_time(previous, now)
        if fire is None:
            break
        produced += 1
        previous = fire
        now = fire.astimezone(UTC) + ONE_MICROSECOND
    return produced


def _aps_job(expr: str) -> Job:
    from apscheduler.triggers.cron import CronTrigger

    fields = apscheduler_fields(expr)
    CronTrigger(timezone=UTC, **fields)  # raises if unsupported
    spec = ", ".join(f"{key}={value!r}" for key, value in fields.items())
    return Job(f"CronTrigger({spec})", partial(_aps_produce, fields), partial(_aps_burn, fields))


def libraries() -> list[Library]:
    """cadence first (the reference), then the peers that are installed."""
    found = [Library("cadence", "cadence", _cadence_job, cadence.__version__)]
    for key, title, dist, translate in (
        ("cronsim", "cronsim", "cronsim", _cronsim_job),
        ("croniter", "croniter", "croniter", _croniter_job),
        ("apscheduler", "APS3", "APScheduler", _aps_job),
    ):
        version = _version(dist)
        if version is not None:
            found.append(Library(key, title, translate, version))
    return found


PEERS = ("cronsim", "croniter", "apscheduler")
TITLES = {"cadence": "cadence", "cronsim": "cronsim", "croniter": "croniter", "apscheduler": "APS3"}

# -- measuring ------------------------------------------------------------------------


@dataclass
class Cell:
    status: str  # "ok", "n/a" (cannot express), "diff" (disagrees), "error", "missing"
    spec: str = ""
    rate: float | None = None  # occurrences per second, best run
    count: int = 0  # occurrences produced per timed run
    seconds: float | None = None  # best run
    reason: str = ""


@dataclass
class Row:
    expr: str
    zone: str
    n: int
    note: str = ""
    cells: dict[str, Cell] = field(default_factory=dict)

    def ratio(self, peer: str) -> float | None:
        """cadence's rate over the peer's (higher: cadence faster); None if not comparable."""
        ours, theirs = self.cells.get("cadence"), self.cells.get(peer)
        if ours is None or theirs is None or ours.rate is None or theirs.rate is None:
            return None
        return ours.rate / theirs.rate


@dataclass
class Disagreement:
    expr: str
    zone: str
    peer: str
    window_start: str
    index: int  # 1-based position in the window
    cadence: str
    other: str

    def describe(self) -> str:
        return (
            f"{self.peer} on {self.expr!r} in {self.zone}: after {self.window_start}, "
            f"occurrence #{self.index} is {self.other} (cadence: {self.cadence})"
        )


@dataclass
class Config:
    n: int = 2000
    repeat: int = 3
    zones: tuple[str, ...] = DEFAULT_ZONES
    cases: tuple[Case, ...] = CORPUS
    verify: int = VERIFY_COUNT


def zone_of(name: str) -> tzinfo:
    """``timezone.utc`` for UTC (every library's fast path), else the IANA zone."""
    return UTC if name.upper() in ("UTC", "Z", "ETC/UTC") else ZoneInfo(name)


DST_LEADS = (timedelta(minutes=70), timedelta(minutes=10))


def dst_windows(
    zone: tzinfo, start: datetime, leads: Sequence[timedelta] = DST_LEADS
) -> list[datetime]:
    """Moments shortly before each UTC offset change in the year after ``start``.

    70 minutes before lets hourly and daily rows show both passes of a repeated hour and
    the skipped one; 10 minutes before lets minute-level rows cross the change.
    """
    result: list[datetime] = []
    probe = start.astimezone(UTC)
    end = probe + timedelta(days=366)
    offset = probe.astimezone(zone).utcoffset()
    while probe < end:
        following = probe + timedelta(hours=1)
        new_offset = following.astimezone(zone).utcoffset()
        if new_offset != offset:
            low, high = probe, following  # bisect to the minute
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) // 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            result.extend((high - lead).astimezone(zone) for lead in leads)
            offset = new_offset
        probe = following
    return result


def best_time(
    run: Callable[[], int], repeat: int, before: Callable[[], None] | None = None
) -> tuple[float, int]:
    """The fastest of ``repeat`` runs and its count.

    ``before`` runs ahead of each run, outside the timed region; the garbage collector
    is off while timing, as in ``timeit``.
    """
    best, produced = float("inf"), 0
    for _ in range(repeat):
        if before is not None:
            before()
        gc.collect()
        enabled = gc.isenabled()
        gc.disable()
        try:
            began = time.perf_counter()
            count = run()
            elapsed = time.perf_counter() - began
        finally:
            if enabled:
                gc.enable()
        if elapsed < best:
            best, produced = elapsed, count
    return best, produced


def first_difference(ours: Sequence[str], theirs: Sequence[str]) -> tuple[int, str, str]:
    """1-based index of the first differing item, and both items there."""
    for index in range(max(len(ours), len(theirs))):
        mine = ours[index] if index < len(ours) else "(nothing)"
        other = theirs[index] if index < len(theirs) else "(nothing)"
        if mine != other:
            return index + 1, mine, other
    raise ValueError("the sequences are equal")


def measure(
    config: Config,
    libs: Sequence[Library] | None = None,
    progress: TextIO | None = None,
) -> tuple[list[Row], list[Disagreement]]:
    """Verify, then time, every (expression, zone, library)."""
    libs = list(libs) if libs is not None else libraries()
    if not libs or libs[0].key != "cadence":
        raise ValueError("cadence must come first: it is the reference")
    rows: list[Row] = []
    disagreements: list[Disagreement] = []
    warm = START.replace(tzinfo=UTC)
    for lib in libs:  # one-time imports and grammar loading are not timed
        lib.translate("0 0 * * *").produce(UTC, warm, 3)
    for zone_text in config.zones:
        zone = zone_of(zone_text)
        start = START.replace(tzinfo=zone)
        windows = [start, *dst_windows(zone, start)]
        for case in config.cases:
            n = min(config.n, case.max_n) if case.max_n else config.n
            row = Row(case.expr, zone_text, n, case.note)
            rows.append(row)
            if progress is not None:
                print(f"  {zone_text:<18} {case.expr}", file=progress, flush=True)
            reference: list[list[str]] = []
            for lib in libs:
                if lib.key != "cadence" and row.cells["cadence"].status != "ok":
                    row.cells[lib.key] = Cell("n/a", reason="cadence failed on this row")
                    continue
                cell, got = verify(lib, case.expr, zone, windows, config.verify)
                if lib.key == "cadence":
                    reference = got
                elif cell.status == "ok":
                    for window, ours, theirs in zip(windows, reference, got, strict=True):
                        if ours != theirs:
                            index, mine, other = first_difference(ours, theirs)
                            cell.status = "diff"
                            cell.reason = f"after {window.isoformat()}: #{index} {other}"
                            disagreements.append(
                                Disagreement(
                                    case.expr,
                                    zone_text,
                                    lib.key,
                                    window.isoformat(),
                                    index,
                                    mine,
                                    other,
                                )
                            )
                            break
                row.cells[lib.key] = cell
                if cell.status == "ok":
                    time_cell(cell, lib, case.expr, zone, start, n, config.repeat)
            for key in PEERS:
                row.cells.setdefault(key, Cell("missing", reason="not installed"))
    return rows, disagreements


def verify(
    lib: Library, expr: str, zone: tzinfo, windows: Sequence[datetime], count: int
) -> tuple[Cell, list[list[str]]]:
    """Translate ``expr`` and list the first ``count`` occurrences after each window start."""
    try:
        job = lib.translate(expr)
    except Exception as exc:  # UntranslatableError, or the library's own parse error
        return Cell("n/a", reason=f"{type(exc).__name__}: {exc}"), []
    try:
        got = [
            [moment.isoformat() for moment in job.produce(zone, window, count)]
            for window in windows
        ]
    except Exception as exc:
        return Cell("error", job.spec, reason=f"{type(exc).__name__}: {exc}"), []
    return Cell("ok", job.spec), got


def time_cell(
    cell: Cell, lib: Library, expr: str, zone: tzinfo, start: datetime, n: int, repeat: int
) -> None:
    """Best of ``repeat``: build the schedule and produce ``n`` occurrences after ``start``."""
    job = lib.translate(expr)

    def run() -> int:
        return job.burn(zone, start, n)

    before = _clear_cadence_caches if lib.key == "cadence" else None
    best, count = best_time(run, repeat, before)
    cell.seconds, cell.count = best, count
    cell.rate = count / best if best > 0 else None


# -- reporting -------------------------------------------------------------------------


def format_rate(cell: Cell) -> str:
    if cell.status == "ok" and cell.rate is not None:
        return f"{cell.rate:,.0f}"
    return cell.status


def format_ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def medians(rows: Sequence[Row], zones: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per peer: median ratio over all rows and per zone, with the number of rows used."""
    result: dict[str, dict[str, Any]] = {}
    for peer in PEERS:
        entry: dict[str, Any] = {}
        for label, chosen in (
            ("all", rows),
            *((z, [r for r in rows if r.zone == z]) for z in zones),
        ):
            ratios = [r for r in (row.ratio(peer) for row in chosen) if r is not None]
            entry[label] = {
                "median": statistics.median(ratios) if ratios else None,
                "rows": len(ratios),
            }
        result[peer] = entry
    return result


def render(
    rows: Sequence[Row],
    disagreements: Sequence[Disagreement],
    config: Config,
    libs: Sequence[Library],
) -> str:
    expr_width = max([len("expression"), *(len(row.expr) for row in rows)])
    zone_width = max([len("zone"), *(len(row.zone) for row in rows)])
    columns = ("cadence", *PEERS)
    head = (
        f"{'expression':<{expr_width}}  {'zone':<{zone_width}}  {'N':>5}  "
        + "  ".join(f"{TITLES[key]:>10}" for key in columns)
        + f"  {'cad/cronsim':>11}  {'cad/croniter':>12}  {'cad/APS3':>8}"
    )
    keys = {lib.key for lib in libs}
    lines = [
        "cadence benchmark: occurrences per second (construction included; best of "
        f"{config.repeat}; start 2026-01-01T00:00 local)",
        "versions: "
        + ", ".join(f"{lib.key} {lib.version}" for lib in libs)
        + ("; APS3 = APScheduler 3's CronTrigger" if "apscheduler" in keys else "")
        + f"; Python {platform.python_version()} on {platform.machine()}",
        "",
        head,
        "-" * len(head),
    ]
    previous_zone = rows[0].zone if rows else ""
    for row in rows:
        if row.zone != previous_zone:
            lines.append("")
            previous_zone = row.zone
        lines.append(
            f"{row.expr:<{expr_width}}  {row.zone:<{zone_width}}  {row.n:>5}  "
            + "  ".join(f"{format_rate(row.cells[key]):>10}" for key in columns)
            + f"  {format_ratio(row.ratio('cronsim')):>11}"
            + f"  {format_ratio(row.ratio('croniter')):>12}"
            + f"  {format_ratio(row.ratio('apscheduler')):>8}"
        )
    lines.append("-" * len(head))
    lines.append(
        "n/a: the library cannot express the row; diff: its occurrences differ from "
        "cadence's (see below);"
    )
    lines.append(
        "cad/X: cadence's rate over X's (> 1: cadence faster), only where both are numbers"
    )
    lines.append("")
    summary = medians(rows, config.zones)
    for peer in PEERS:
        entry = summary[peer]
        parts = [
            f"{label} {format_ratio(value['median'])} (n={value['rows']})"
            for label, value in entry.items()
        ]
        lines.append(f"median cadence/{TITLES[peer]}: " + "; ".join(parts))
    lines.append("")
    if disagreements:
        lines.append("semantic disagreements (left out of the ratios):")
        lines.extend(f"  - {item.describe()}" for item in disagreements)
    else:
        lines.append("semantic disagreements: none")
    errors = [
        (row, key, cell)
        for row in rows
        for key, cell in row.cells.items()
        if cell.status == "error"
    ]
    if errors:
        lines.append("errors:")
        lines.extend(
            f"  - {key} on {row.expr!r} in {row.zone}: {cell.reason}" for row, key, cell in errors
        )
    missing = [key for key in PEERS if key not in keys]
    if missing:
        lines.append("not installed: " + ", ".join(TITLES[key] for key in missing))
    return "\n".join(lines)


def to_json(
    rows: Sequence[Row],
    disagreements: Sequence[Disagreement],
    config: Config,
    libs: Sequence[Library],
) -> dict[str, Any]:
    return {
        "start": START.isoformat(),
        "n": config.n,
        "repeat": config.repeat,
        "zones": list(config.zones),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "versions": {lib.key: lib.version for lib in libs},
        "rows": [
            {**asdict(row), "ratios": {peer: row.ratio(peer) for peer in PEERS}} for row in rows
        ],
        "medians": medians(rows, config.zones),
        "disagreements": [asdict(item) for item in disagreements],
    }


# -- command line --------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> tuple[Config, str | None, bool]:
    parser = argparse.ArgumentParser(
        description="Occurrences per second of cadence, cronsim, croniter and APScheduler 3."
    )
    parser.add_argument(
        "--n",
        type=int,
        default=None,
        help="occurrences per timed run (default 2000; 100 with --quick)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="timed runs per cell, best kept (default 3; 1 with --quick)",
    )
    parser.add_argument(
        "--zones",
        default=",".join(DEFAULT_ZONES),
        help="comma-separated zones (default: %(default)s)",
    )
    parser.add_argument(
        "--expr",
        action="append",
        default=None,
        metavar="CRON",
        help="benchmark this 5-field expression instead of the corpus (repeatable)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: small N and a single repeat"
    )
    parser.add_argument(
        "--json", metavar="PATH", default=None, help="also write the results as JSON to PATH"
    )
    parser.add_argument(
        "--progress", action="store_true", help="print each row to stderr as it is measured"
    )
    args = parser.parse_args(argv)
    n = args.n if args.n is not None else (100 if args.quick else 2000)
    repeat = args.repeat if args.repeat is not None else (1 if args.quick else 3)
    if n < 1 or repeat < 1:
        parser.error("--n and --repeat must be at least 1")
    zones = tuple(z.strip() for z in args.zones.split(",") if z.strip())
    for name in zones:
        try:
            zone_of(name)
        except Exception:
            parser.error(f"unknown zone {name!r}")
    cases = CORPUS if not args.expr else tuple(_case_for(expr) for expr in args.expr)
    return Config(n=n, repeat=repeat, zones=zones, cases=cases), args.json, args.progress


def _case_for(expr: str) -> Case:
    for case in CORPUS:
        if case.expr == expr:
            return case
    return Case(expr)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    config, json_path, show_progress = parse_args(argv)
    stream = out if out is not None else sys.stdout
    libs = libraries()
    rows, disagreements = measure(config, libs, sys.stderr if show_progress else None)
    print(render(rows, disagreements, config, libs), file=stream)
    if json_path:
        with open(json_path, "w", encoding="utf-8") as handle:
            json.dump(to_json(rows, disagreements, config, libs), handle, indent=2)
            handle.write("\n")
    return 0


def iter_rows(text: str) -> Iterator[list[str]]:
    """The data rows of a rendered table, split on runs of two or more spaces."""
    lines: Iterable[str] = text.splitlines()
    inside = False
    for line in lines:
        if line.startswith("---"):
            inside = not inside
            continue
        if inside and line.strip() and not line.startswith("expression"):
            yield re.split(r"\s{2,}", line.strip())


if __name__ == "__main__":
    raise SystemExit(main())
