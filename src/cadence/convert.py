"""Writing a schedule in another format: :func:`emit` and :func:`convert`.

Emitters work from the IR; what a target cannot express raises
:class:`~cadence.errors.UnsupportedError` naming the feature. With ``lossy=True`` a few
features that can be dropped without changing the rest of the meaning are dropped
instead, and named in the returned list.

>>> import cadence
>>> cadence.convert("0 30 9 ? * MON-FRI", to="cron")
'30 9 * * 1-5'
>>> cadence.emit(cadence.parse("0 0 1 * * ? 2027"), "cron", lossy=True)
('0 1 * * *', ['years (2027)'])
"""

from __future__ import annotations

from dataclasses import replace
from datetime import tzinfo
from typing import Literal, overload

from .api import FORMATS, parse
from .describe import describe
from .errors import ScheduleError, UnsupportedError
from .formats.cron import Dialect, emit_cron, emit_quartz, emit_rule
from .ir import CronRule
from .schedule import Schedule

__all__ = ["EMIT_FORMATS", "convert", "emit"]

#: The formats :func:`emit` writes so far.
EMIT_FORMATS = ("cron", "crontab", "quartz", "text")


@overload
def emit(schedule: Schedule, format: str, *, lossy: Literal[False] = False) -> str: ...


@overload
def emit(schedule: Schedule, format: str, *, lossy: Literal[True]) -> tuple[str, list[str]]:
    ...


def emit(schedule: Schedule, format: str, *, lossy: bool = False
         ) -> str | tuple[str, list[str]]:
    """``schedule`` written in ``format``: ``"cron"``, ``"quartz"`` or ``"text"`` (English).

    A schedule parsed from the same format keeps its spelling while its meaning is
    unchanged. Raises :class:`~cadence.errors.UnsupportedError` for what the target cannot
    say; with ``lossy=True`` returns ``(result, dropped)`` where ``dropped`` names what
    was left out (years, seconds, a window's length, excluded dates, start and end
    bounds); anything else still raises.

    >>> import cadence
    >>> emit(cadence.parse("@daily"), "quartz")
    '0 0 0 * * ?'
    """
    if not isinstance(schedule, Schedule):
        raise ScheduleError(f"emit() takes a Schedule, not {type(schedule).__name__}")
    if format not in EMIT_FORMATS:
        if format in FORMATS:
            raise UnsupportedError(
                format, "writing", message=f"{format}: writing {format} is not implemented "
                f"yet; cadence writes {', '.join(EMIT_FORMATS)}")
        raise ScheduleError(
            f"unknown format {format!r}; cadence writes {', '.join(EMIT_FORMATS)}")
    if format == "text":
        text = describe(schedule)
        return (text, []) if lossy else text
    if format == "crontab":
        text = _crontab(schedule)
        return (text, []) if lossy else text
    dialect: Dialect = "cron" if format == "cron" else "quartz"
    if not lossy:
        return emit_cron(schedule) if dialect == "cron" else emit_quartz(schedule)
    return _emit_lossy(schedule, dialect)


def _crontab(schedule: Schedule) -> str:
    """One cron line per rule: what a union needs when one line cannot say it.

    >>> import cadence
    >>> campaign = {"type": "ANNUALLY", "hours": {"type": "LIST", "values": ["1"]},
    ...             "days": {"type": "LIST", "values": ["--03-12", "--12-05"]}}
    >>> print(emit(cadence.parse(campaign, format="campaign"), "crontab"))
    0 1 12 3 *
    0 1 5 12 *
    """
    for name, bound in (("start", schedule.start), ("end", schedule.end)):
        if bound is not None:
            raise UnsupportedError("crontab", f"the {name} bound ({bound.isoformat()})")
    if len(schedule.rules) == 1:
        return emit_cron(schedule)
    return "\n".join(emit_rule(rule, schedule.tz, "cron") for rule in schedule.rules)


def _emit_lossy(schedule: Schedule, dialect: Dialect) -> tuple[str, list[str]]:
    if len(schedule.rules) != 1:
        raise UnsupportedError(dialect, f"a union of {len(schedule.rules)} rules",
                               ", and lossy=True does not choose one")
    dropped: list[str] = []
    for name, bound in (("start", schedule.start), ("end", schedule.end)):
        if bound is not None:
            dropped.append(f"the {name} bound ({bound.isoformat()})")
    rule = schedule.rules[0]
    kept = _droppable(rule, dialect, dropped)
    if not dropped:
        return (emit_cron(schedule) if dialect == "cron" else emit_quartz(schedule)), []
    zone: tzinfo = schedule.tz
    return emit_rule(kept, zone, dialect), dropped


def _droppable(rule: CronRule, dialect: Dialect, dropped: list[str]) -> CronRule:
    """``rule`` without what ``dialect`` cannot say but may leave out, noted in ``dropped``."""
    if rule.duration is not None:
        dropped.append(f"the window length ({rule.duration}); only its start is kept")
        rule = replace(rule, duration=None)
    if rule.excluded_dates:
        shown = ", ".join(day.isoformat() for day in rule.excluded_dates)
        dropped.append(f"excluded dates ({shown})")
        rule = replace(rule, excluded_dates=())
    if dialect == "cron":
        if rule.years is not None:
            dropped.append(f"years ({', '.join(map(str, rule.years))})")
            rule = replace(rule, years=None)
        if rule.seconds != (0,):
            dropped.append(f"seconds ({', '.join(map(str, rule.seconds))}); cron fires at "
                           "second 0 of the same minutes")
            rule = replace(rule, seconds=(0,))
    return rule


def convert(source: object, to: str, from_: str | None = None,
            tz: str | tzinfo | None = None) -> str:
    """Parse ``source`` (format ``from_``, or guessed) and write it in format ``to``.

    >>> convert("*/5 * * * *", "quartz")
    '0 */5 * * * ?'
    """
    return emit(parse(source, from_, tz=tz), to)
