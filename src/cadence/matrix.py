"""Which features each target format can express, found by asking the emitters.

Every feature is a small sample schedule. A cell is "yes" when :func:`cadence.emit`
writes the sample to the target, alone or together with what the target always needs
(a start bound, an end bound, a window); emitters never drop meaning silently, so a
written sample says the feature. The README's conversion matrix is this module's
output: ``python -m cadence.matrix`` prints it, and a test keeps the two in step.

>>> rows = capabilities()
>>> rows["seconds (Quartz 30 0 12 * * ?)"]["quartz"], rows["seconds (Quartz 30 0 12 * * ?)"]["cron"]
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from ._api import parse
from .convert import EMIT_FORMATS, emit, reads_back
from .errors import UnsupportedError
from .ir import Rule, Weekdays
from .schedule import Schedule

__all__ = ["FEATURES", "capabilities", "markdown"]

_START = datetime(2026, 1, 1)
_END = datetime(2027, 1, 1)


def _cron(text: str, tz: str | None = None) -> Callable[[], Schedule]:
    return lambda: parse(text, tz=tz)


def _campaign_dates() -> Schedule:
    return parse({"type": "ANNUALLY", "hours": {"type": "LIST", "values": ["1"]},
                  "days": {"type": "LIST", "values": ["--03-12", "--12-05"]}},
                 format="campaign")


def _excluded() -> Schedule:
    schedule = parse("0 9 * * MON-FRI")
    rule = replace(schedule.rule, excluded_dates=(date(2026, 12, 25),))
    return Schedule(rule, schedule.tz, format="ir", source="")


def _ruled(**parts: Any) -> Callable[[], Schedule]:
    """A sample built from the IR: 09:00 on the days ``parts`` pick."""
    return lambda: Schedule(Rule((0,), (0,), (9,), **parts), None, format="ir")


#: ``(feature, sample)``: each sample has the feature and as little else as it can.
FEATURES: tuple[tuple[str, Callable[[], Schedule]], ...] = (
    ("one time a day (0 9 * * *)", _cron("0 9 * * *")),
    ("several hours (0 9,17 * * *)", _cron("0 9,17 * * *")),
    ("minutes other than 0 (30 9 * * *)", _cron("30 9 * * *")),
    ("several minutes (*/15 * * * *)", _cron("*/15 * * * *")),
    ("seconds (Quartz 30 0 12 * * ?)", _cron("30 0 12 * * ?")),
    ("days of the week (0 9 * * MON-FRI)", _cron("0 9 * * MON-FRI")),
    ("days of the month (0 9 1,15 * *)", _cron("0 9 1,15 * *")),
    ("months (0 9 1 1,4,7,10 *)", _cron("0 9 1 1,4,7,10 *")),
    ("last day of the month (L)", _cron("0 9 L * *")),
    ("days before the last (L-2)", _cron("0 9 L-2 * *")),
    ("nearest weekday (15W)", _cron("0 9 15W * *")),
    ("last weekday of the month (LW)", _cron("0 9 LW * *")),
    ("n-th weekday (MON#2)", _cron("0 9 * * MON#2")),
    ("last Friday (5L)", _cron("0 9 * * 5L")),
    ("day of month OR day of week (0 9 1 * MON)", _cron("0 9 1 * MON")),
    ("years (Quartz ... 2027)", _cron("0 0 9 * * ? 2027")),
    ("a time zone (Europe/Berlin)", _cron("0 9 * * *", "Europe/Berlin")),
    ("a window (2 hours from 09:00)",
     lambda: parse("0 9 * * *").with_duration(timedelta(hours=2))),
    ("a start bound", lambda: parse("0 9 * * *").bounded(start=_START)),
    ("an end bound", lambda: parse("0 9 * * *").bounded(end=_END)),
    ("excluded dates", _excluded),
    ("several rules (--03-12 and --12-05)", _campaign_dates),
    ("every 2nd week (FREQ=WEEKLY;INTERVAL=2)",
     _cron("DTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")),
    ("every 5 hours (FREQ=HOURLY;INTERVAL=5)",
     _cron("DTSTART:20260105T000000Z\nRRULE:FREQ=HOURLY;INTERVAL=5;BYMINUTE=0;BYSECOND=0")),
    ("days of the year (BYYEARDAY=100)", _ruled(year_days=(100,))),
    ("week numbers (BYWEEKNO=20;BYDAY=MO)",
     _ruled(week_numbers=(20,), weekdays=Weekdays(days=(0,)))),
    ("the n-th weekday of the year (YEARLY;BYDAY=20MO)", _ruled(year_weekdays=((0, 20),))),
    ("a weekday counted from the end (BYDAY=-2MO)",
     _ruled(weekdays=Weekdays(nth=((0, -2),)))),
)

#: The targets in the matrix (English is written for everything).
TARGETS = tuple(target for target in EMIT_FORMATS if reads_back(target))


def _variants(schedule: Schedule) -> list[Schedule]:
    """The sample, and the sample with what some targets require added."""
    variants = [schedule]
    windowed = (schedule if all(rule.duration for rule in schedule.rules)
                else schedule.with_duration(timedelta(hours=1)))
    start = schedule.start or _START
    for extra in (schedule.bounded(start=start), windowed,
                  windowed.bounded(start=start), windowed.bounded(start=start, end=_END)):
        variants.append(extra)
    return variants


def _writes(schedule: Schedule, target: str) -> bool:
    for variant in _variants(schedule):
        try:
            emit(variant, target)
        except UnsupportedError:
            continue
        return True
    return False


def capabilities() -> dict[str, dict[str, bool]]:
    """``{feature: {target: whether the target can say it}}``."""
    return {feature: {target: _writes(build(), target) for target in TARGETS}
            for feature, build in FEATURES}


def markdown() -> str:
    """The capability matrix as a Markdown table."""
    rows = capabilities()
    lines = ["| feature | " + " | ".join(TARGETS) + " |",
             "|---|" + "---|" * len(TARGETS)]
    for feature, cells in rows.items():
        marks = ["yes" if cells[target] else "-" for target in TARGETS]
        lines.append(f"| {feature} | " + " | ".join(marks) + " |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - the README's table
    print(markdown())
