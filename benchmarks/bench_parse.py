#!/usr/bin/env python
"""The first call: cadence against cronsim and croniter, on issue 12's targets.

Run ``python benchmarks/bench_parse.py`` (``--help`` for the options). Each line is
one target: what was measured, cadence's figure, the peers' figures from the same run,
the ratio (peer time over cadence time: above 1, cadence is faster; for memory and
sizes, peer over cadence too) and the target ratio, with ``holds`` or ``MISSES``.

- **fresh**: parse + first ``next()`` of expressions never seen before (each text of a
  shape gets its own minute and hour while there are enough; a shape without them, such
  as ``* * * * *``, has a single text), median over the shapes of :data:`SHAPES` (cron
  and Quartz, UTC and Europe/Berlin; cronsim and croniter read the cron shapes, and the
  6-field Quartz ones with their seconds field), and the worst shape. cadence is given
  a tzinfo, so that its memo of parsed text stays out of it: every call reads its text
  (fields read before are looked up, as they are for any new expression). Each side
  takes the best of three alternating turns over a shape's texts.
- **memoized**: texts parsed and asked for a next run a day earlier, asked again now
  (the zone given by name: cadence's memo of parsed text answers the parse).
- **distinct**: ``--distinct`` different realistic expressions
  (:mod:`realistic_crons`, default a million), each parsed and asked for one next
  occurrence, end to end.
- **import** and **CLI**: ``import cadence`` against ``import croniter`` in fresh
  interpreters; ``cadence next "* * * * *" -n 1`` and ``cadence --help`` against a
  one-line croniter script.
  cadence's modules are compiled to bytecode first, as an installed package's are.
- **memory**: bytes allocated per schedule parsed and asked for its next occurrence
  (tracemalloc), ``--memory`` of them.
- **largest**: the memory one dense schedule (every second, every minute) keeps once
  walked, largest of :data:`DENSE` (target: under 100 KB).
- **pickle**: the size of a pickled typical schedule (target: under 1 KB).
- **bounded** and **between**: occurrences per second of a schedule with an end bound,
  and of ``between()``, over the unbounded rate of the same schedule (worst of
  :data:`BOUNDED`).
- **sparse**: per-occurrence time of ``0 0 * * *`` over that of ``0 0 29 2 1`` with
  ``day_match="and"`` (a leap day that is a Monday; target: at most 3x, i.e. >= 0.33).
- **validate campaign**: ``cadence.validate(payload, "campaign")`` over a structural
  check of the same payloads with ``jsonschema`` (:data:`CAMPAIGN_SCHEMA`, a compiled
  validator listing every error), for the valid payloads of :data:`CAMPAIGNS`; skipped
  when jsonschema is not installed.

Standard library, cadence, cronsim and croniter, and jsonschema for one line.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import pickle
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

import croniter
import cronsim

import cadence
import realistic_crons

AFTER = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
ZONES = (timezone.utc, ZoneInfo("Europe/Berlin"))
#: Shapes people write; {m} and {h} are filled in per text so that every text is new.
SHAPES: tuple[str, ...] = (
    "{m} {h} * * *", "*/5 * * * *", "*/15 {h}-17 * * 1-5", "{m} * * * *", "{m} {h} * * 1-5",
    "{m} {h} 1 * *", "{m} {h} * * 0", "{m} {h} 1,15 * *", "{m},{m2} {h} * * *",
    "{m} {h}-{h2} * * *", "{m} {h} * 1,4,7,10 *", "{m} {h} 1 1 *", "{m} */2 * * *",
    "{m} {h} L * *", "{m} {h} * * MON-FRI", "{m} {h} 15 * *", "* * * * *",
    "0 {m} {h} * * ?", "0 {m} {h} ? * MON-FRI", "0 {m} {h} L * ?", "0 0/15 {h} * * ?",
    "0 {m} {h} 1 * ?", "*/30 * * * * ?", "0 {m} {h} ? * 6#3", "0 {m} {h} 15W * ?",
    "0 {m} {h} ? * 6L", "0 {m} {h} * * ? 2027", "{m} {h} */3 * *", "{m} {h} 10-20 * *",
    "{m} {h} * * 6,0",
)


def _quartz(shape: str) -> bool:
    return len(shape.split()) > 5


def _texts(shape: str, count: int, rng: random.Random) -> list[str]:
    """``count`` texts of ``shape``, all different while its minutes and hours allow
    (a shape without them, such as ``* * * * *``, has one text, asked again)."""
    pairs = [(minute, hour) for minute in range(60) for hour in range(15)]
    rng.shuffle(pairs)
    different = list(dict.fromkeys(
        shape.format(m=minute, m2=(minute + 17) % 60, h=hour, h2=hour + 4)
        for minute, hour in pairs))
    return [different[index % len(different)] for index in range(count)]


def _per_call(run: Callable[[str], object], texts: Sequence[str]) -> float:
    gc.disable()
    began = time.perf_counter()
    for text in texts:
        run(text)
    elapsed = time.perf_counter() - began
    gc.enable()
    return elapsed / len(texts)


def _cadence(zone: timezone | ZoneInfo, fmt: str) -> Callable[[str], object]:
    return lambda text: cadence.parse(text, fmt, tz=zone).next(AFTER)


def _cronsim(text: str) -> object:
    return next(cronsim.CronSim(text, AFTER))


def _croniter(text: str) -> object:
    return croniter.croniter(text, AFTER).get_next(datetime)


def _peer_text(shape_text: str) -> str | None:
    """The text for the peers: cron shapes as they are, Quartz ones without '?' and
    the year (croniter and cronsim read 6 fields as seconds first); None where a peer
    cannot say it."""
    fields = shape_text.split()
    if len(fields) == 5:
        return shape_text
    if len(fields) == 7 or any(mark in shape_text for mark in ("#", "W", "L")):
        return None
    return " ".join(field.replace("?", "*") for field in fields[1:]) if fields[0] == "0" \
        else None


#: Alternating turns of each side per shape in the fresh lines (the best counts).
_TURNS = 3


def fresh(count: int, rng: random.Random) -> tuple[float, float, float, float]:
    """Median ratios of parse + first next over the shapes: (cronsim/cadence,
    croniter/cadence, the worst cronsim/cadence shape, cadence's median microseconds)."""
    against_cronsim, against_croniter, ours_all = [], [], []
    for shape in SHAPES:
        fmt = "quartz" if _quartz(shape) else "cron"
        for zone in ZONES:
            texts = _texts(shape, count, rng)
            peers = [text for text in (_peer_text(text) for text in texts) if text]
            compared = len(peers) == len(texts) and zone is timezone.utc
            # Best of a few alternating turns: one burst of load elsewhere on the machine
            # would otherwise decide a shape's ratio.
            ours = cronsim_time = croniter_time = float("inf")
            for _ in range(_TURNS):
                ours = min(ours, _per_call(_cadence(zone, fmt), texts))
                if compared:
                    cronsim_time = min(cronsim_time, _per_call(_cronsim, peers))
                    croniter_time = min(croniter_time, _per_call(_croniter, peers))
            ours_all.append(ours)
            if compared:
                against_cronsim.append(cronsim_time / ours)
                against_croniter.append(croniter_time / ours)
    return (statistics.median(against_cronsim), statistics.median(against_croniter),
            min(against_cronsim), statistics.median(ours_all) * 1e6)


def memoized(count: int, rng: random.Random) -> float:
    """cronsim's parse + first next over cadence's, for texts that were parsed and asked
    for their next run a day before."""
    texts = _texts("{m} {h} * * 1-5", count, rng)
    for text in texts:
        cadence.parse(text, "cron", tz="UTC").next(AFTER - timedelta(days=1))
    ours = _per_call(lambda text: cadence.parse(text, "cron", tz="UTC").next(AFTER), texts)
    return _per_call(_cronsim, texts) / ours


def distinct(count: int, rng: random.Random) -> tuple[float, float]:
    """(cadence seconds, cronsim seconds) for ``count`` distinct realistic expressions
    (:mod:`realistic_crons`), each parsed and asked for one next occurrence."""
    texts = realistic_crons.expressions(count, rng)
    return (_per_call(_cadence(timezone.utc, "cron"), texts) * count,
            _per_call(_cronsim, texts) * count)


def _compiled() -> None:
    """cadence's modules compiled to bytecode, as an installed package has them (croniter,
    from site-packages, has its own): a checkout run with PYTHONDONTWRITEBYTECODE would
    compile every module again in every fresh interpreter."""
    compileall.compile_dir(str(Path(cadence.__file__).parent), quiet=1)


def _fresh_process(code: str, repeat: int) -> float:
    """Best wall time of ``python -c code`` in a fresh interpreter."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        best = min(best, time.perf_counter() - began)
    return best


def _walked(schedule: cadence.Schedule) -> cadence.Schedule:
    schedule.next(AFTER)  # compiled, as it is once used
    return schedule


def _stepped(schedule: cronsim.CronSim) -> cronsim.CronSim:
    next(schedule)
    return schedule


def memory(count: int, rng: random.Random) -> tuple[float, float]:
    """Bytes per schedule parsed and asked for its next occurrence: (cadence, cronsim)."""
    texts = _texts("{m} {h} * * 1-5", count, rng)
    sizes = []
    for build in (lambda text: _walked(cadence.parse(text, "cron", tz=timezone.utc)),
                  lambda text: _stepped(cronsim.CronSim(text, AFTER))):
        gc.collect()
        tracemalloc.start()
        kept = [build(text) for text in texts]
        used, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        sizes.append(used / len(kept))
    return sizes[0], sizes[1]


#: Dense schedules for the largest-schedule line: (expression, format).
DENSE = (("* * * * * ?", "quartz"), ("*/5 * * * * ?", "quartz"), ("* * * * *", "cron"),
         ("* 9-17 * * MON-FRI", "cron"))


def largest(walked: int) -> tuple[float, str]:
    """(bytes, expression) of the largest of :data:`DENSE` once used: parsed in
    Europe/Berlin, asked for a next run, walked ``walked`` occurrences forward and back
    and across a DST change. A twin is used first, so that what every schedule shares
    (the zone's offsets, a 1,440-entry time table) is not counted."""
    zone = ZoneInfo("Europe/Berlin")
    change_day = ("2026-03-29T00:58Z", "2026-03-29T01:02Z")

    def used(expression: str, fmt: str) -> cadence.Schedule:
        schedule = cadence.parse(expression, fmt, tz=zone)
        schedule.next(AFTER)
        sum(1 for _ in islice(schedule.iter_after(AFTER), walked))
        sum(1 for _ in islice(schedule.iter_before(AFTER), walked))
        schedule.between(*change_day)
        return schedule

    found: list[tuple[float, str]] = []
    for expression, fmt in DENSE:
        used(expression, fmt)
        gc.collect()
        tracemalloc.start()
        kept = used(expression, fmt)
        gc.collect()
        size, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        found.append((size, kept.source))
    return max(found)


#: Schedules for the bounded lines: (expression, occurrences walked, between's end).
BOUNDED = (("0 9 * * MON", 3000, "2083-06-01T00:00Z"), ("*/15 * * * *", 50000,
            "2027-06-06T00:00Z"), ("0 9 * * *", 20000, "2080-10-01T00:00Z"))


def _rate(walk: Callable[[], object], repeat: int = 3) -> float:
    """Best seconds of ``walk()`` over ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        gc.disable()
        began = time.perf_counter()
        walk()
        best = min(best, time.perf_counter() - began)
        gc.enable()
    return best


_START = "2026-01-01T00:00Z"


def _walk(schedule: cadence.Schedule, count: int) -> int:
    return sum(1 for _ in islice(schedule.iter_after(_START), count))


def bounded(scale: float) -> tuple[float, float]:
    """The worst (bounded / unbounded, between / unbounded) rates over :data:`BOUNDED`."""
    worst_bounded = worst_between = float("inf")
    for expression, count, end in BOUNDED:
        count = max(10, int(count * scale))
        schedule = cadence.parse(expression, tz="Europe/Berlin")
        ending = schedule.bounded(end="2200-01-01T00:00Z")
        raw = _rate(partial(_walk, schedule, count))
        with_end = _rate(partial(_walk, ending, count))
        found = len(schedule.between(_START, end))
        between = _rate(partial(schedule.between, _START, end)) * count / found
        worst_bounded = min(worst_bounded, raw / with_end)
        worst_between = min(worst_between, raw / between)
    return worst_bounded, worst_between


def sparse(count: int) -> tuple[float, float, float]:
    """(daily / sparse per-occurrence time, daily µs, sparse µs)."""
    def per_occurrence(expression: str, n: int) -> float:
        """Seconds per occurrence of walking ``n`` from 2026, best of five walks of a
        schedule in use (compiled by a first walk)."""
        schedule = cadence.parse(expression, day_match="and")

        def walk() -> int:
            return sum(1 for _ in islice(schedule.iter_after("2026-01-01T00:00Z"), n))

        walk()
        return _rate(walk, 5) / n

    daily = per_occurrence("0 0 * * *", count * 10)
    leap_mondays = per_occurrence("0 0 29 2 1", count)
    return daily / leap_mondays, daily * 1e6, leap_mondays * 1e6


#: Valid campaign schedules, shaped like the vendor's examples (PUT
#: /campaign-templates/{id}/schedule): every type, LIST and RANGE, intervals, zones.
CAMPAIGNS: tuple[dict[str, object], ...] = (
    {"type": "WEEKLY", "days": {"type": "LIST", "values": ["2", "3"]},
     "hours": {"type": "LIST", "values": ["8"], "interval": 3}, "timeZoneId": "CST"},
    {"type": "MONTHLY", "days": {"type": "LIST", "values": ["15"]},
     "hours": {"type": "LIST", "values": ["17"]}},
    {"type": "MONTHLY", "days": {"type": "RANGE", "values": ["20", "L"]},
     "hours": {"type": "LIST", "values": ["5", "12", "17"]},
     "timeZoneId": "America/Chicago", "expiration": "2030-01-01T00:00:00Z"},
    {"type": "ANNUALLY", "months": {"type": "LIST", "values": ["1"], "interval": 3},
     "days": {"type": "LIST", "values": ["1"]}, "hours": {"type": "LIST", "values": ["1"]},
     "timeZoneId": "Europe/Berlin"},
    {"type": "ANNUALLY", "days": {"type": "LIST", "values": ["--03-02", "--12-05"]},
     "hours": {"type": "LIST", "values": ["0"]}},
    {"type": "CALENDAR", "days": {"type": "LIST", "values": ["2027-03-02"]},
     "hours": {"type": "LIST", "values": ["1"]}, "timeZoneId": "PST"},
)
_SELECTOR: dict[str, object] = {
    "type": "object",
    "properties": {"type": {"enum": ["LIST", "RANGE"]},
                   "values": {"type": "array", "items": {"type": "string"}},
                   "interval": {"type": ["integer", "null"], "format": "int64"}},
    "required": ["type", "values"], "additionalProperties": False,
}
#: The schedule's structure as the vendor documents it (``Schedule``, ``ScheduleMonths``,
#: ``ScheduleDays``, ``ScheduleHours``): ``type`` and ``hours`` required, optional fields
#: nullable; unknown fields refused, as cadence refuses them.
CAMPAIGN_SCHEMA: dict[str, object] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "type": {"enum": ["WEEKLY", "MONTHLY", "ANNUALLY", "CALENDAR"]},
        "months": {**_SELECTOR, "type": ["object", "null"]},
        "days": {**_SELECTOR, "type": ["object", "null"]},
        "hours": _SELECTOR,
        "expiration": {"type": ["string", "null"], "format": "date-time"},
        "timeZoneId": {"type": ["string", "null"]},
    },
    "required": ["type", "hours"], "additionalProperties": False,
}


def campaign_validation(line: Callable[[str, float, float, str], None], out: TextIO,
                        count: int) -> None:
    """The line for ``cadence.validate`` of valid campaign payloads against jsonschema's
    structural check of them (every error listed, as validate lists every problem);
    skipped, with the reason, without jsonschema."""
    what = "validate campaign (jsonschema/cadence)"
    try:
        import jsonschema
    except ImportError:
        print(f"{what:44} {'n/a':>7}   target >= 1x  skipped  jsonschema is not installed "
              "(pip install jsonschema, or the [bench] extra)", file=out)
        return
    checker = jsonschema.Draft202012Validator(CAMPAIGN_SCHEMA)
    for payload in CAMPAIGNS:  # both must find them valid, or the line means nothing
        assert not list(checker.iter_errors(payload)), payload
        assert not cadence.validate(payload, "campaign"), payload
    ours = theirs = float("inf")
    for _ in range(5):  # best of each, taken in turns: a busy moment weighs on both
        ours = min(ours, _rate(lambda: [cadence.validate(payload, "campaign")
                                        for _ in range(count) for payload in CAMPAIGNS], 1))
        theirs = min(theirs, _rate(lambda: [list(checker.iter_errors(payload))
                                            for _ in range(count) for payload in CAMPAIGNS], 1))
    micros = 1e6 / (count * len(CAMPAIGNS))  # seconds of a run -> us per payload
    line(what, theirs / ours, 1, f"cadence {ours * micros:.0f} us, jsonschema "
         f"{theirs * micros:.0f} us per payload")


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--texts", type=int, default=200, help="texts per shape and zone")
    parser.add_argument("--distinct", type=int, default=1_000_000,
                        help="distinct expressions for the end-to-end line")
    parser.add_argument("--memory", type=int, default=5000, help="schedules for memory")
    parser.add_argument("--processes", type=int, default=5, help="fresh interpreters, best of")
    args = parser.parse_args(argv)
    rng = random.Random(20261205)

    def line(what: str, ratio: float, target: float, detail: str) -> None:
        verdict = "holds" if ratio >= target else "MISSES"
        print(f"{what:44} {ratio:7.2f}x  target >= {target:.2g}x  {verdict:6}  {detail}",
              file=out)

    print(f"cadence {cadence.__version__}, Python {sys.version.split()[0]}", file=out)
    to_cronsim, to_croniter, worst, ours = fresh(args.texts, rng)
    line("fresh parse + next, median (cronsim/cadence)", to_cronsim, 2,
         f"cadence median {ours:.0f} us")
    line("fresh parse + next, worst shape (cronsim)", worst, 1, "")
    line("fresh parse + next, median (croniter)", to_croniter, 1, "")
    line("memoized parse + next (cronsim/cadence)", memoized(args.texts, rng), 10, "")
    ours_total, cronsim_total = distinct(args.distinct, rng)
    line(f"{args.distinct:,} distinct, one next each (cronsim)", cronsim_total / ours_total, 2,
         f"cadence {ours_total:.1f} s, cronsim {cronsim_total:.1f} s")
    _compiled()
    ours_import = _fresh_process("import cadence", args.processes)
    theirs_import = _fresh_process("import croniter", args.processes)
    line("import cadence (croniter/cadence)", theirs_import / ours_import, 1,
         f"cadence {ours_import * 1e3:.0f} ms, croniter {theirs_import * 1e3:.0f} ms")
    ours_cli = _fresh_process("import sys; from cadence.cli import main; "
                              "sys.argv = ['cadence', 'next', '* * * * *', '-n', '1']; main()",
                              args.processes)
    theirs_cli = _fresh_process("import croniter, datetime; print(croniter.croniter("
                                "'* * * * *', datetime.datetime.now()).get_next("
                                "datetime.datetime))", args.processes)
    line("cadence next -n 1 (1.2 x croniter script / cadence)", 1.2 * theirs_cli / ours_cli,
         1, f"cadence {ours_cli * 1e3:.0f} ms, croniter {theirs_cli * 1e3:.0f} ms")
    ours_help = _fresh_process("import sys; from cadence.cli import main; "
                               "sys.argv = ['cadence', '--help']; main()", args.processes)
    line("cadence --help (1.2 x croniter script / cadence)", 1.2 * theirs_cli / ours_help,
         1, f"cadence {ours_help * 1e3:.0f} ms, croniter {theirs_cli * 1e3:.0f} ms")
    ours_memory, cronsim_memory = memory(args.memory, rng)
    line("memory per schedule (cronsim/cadence)", cronsim_memory / ours_memory, 1,
         f"cadence {ours_memory / 1024:.1f} KB, cronsim {cronsim_memory / 1024:.1f} KB")
    biggest, expression = largest(max(10, min(2000, args.memory)))
    line("largest schedule used (100 KB/size)", 100 * 1024 / biggest, 1,
         f"{biggest / 1024:.1f} KB ({expression})")
    size = len(pickle.dumps(cadence.parse("0 9 * * MON-FRI", tz="Europe/Berlin")))
    line("pickle of a typical schedule (1 KB/size)", 1024 / size, 1, f"{size} bytes")
    with_end, between = bounded(min(1.0, args.memory / 5000))
    line("bounded iteration (worst, over unbounded)", with_end, 0.7, "")
    line("between() (worst, over raw iteration)", between, 0.5, "")
    ratio, daily, leap = sparse(max(5, min(100, args.memory // 50)))
    line("sparse: 0 0 * * * / 0 0 29 2 1 per occurrence", ratio, 1 / 3,
         f"daily {daily:.2f} us, leap Mondays {leap:.2f} us")
    campaign_validation(line, out, args.texts)
    print(f"run at {datetime.now().isoformat(timespec='seconds')}", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
