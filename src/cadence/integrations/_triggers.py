"""What the APScheduler triggers (3.x in :mod:`.apscheduler`, 4 in :mod:`.apscheduler4`)
share: reading the source, the first fire time at or after a moment, the state a job
store keeps, and the words that name a trigger. No scheduler is imported here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from .. import ir
from .._api import as_schedule
from ..errors import ScheduleError, described
from ..schedule import Schedule

__all__ = ["at_or_after", "checked_state", "missing", "moment_of", "restored", "schedule_of",
           "spelled"]

#: How much of a source a trigger's ``str`` shows (a log line; the repr shows it all).
_SHOWN = 60


def schedule_of(source: object, format: str | None, tz: str | tzinfo | None,
                dst: str | None) -> Schedule:
    """``source`` (anything :func:`cadence.parse` reads, or a :class:`Schedule`, whose
    keywords must then agree with it) as a schedule; a bad source raises its cadence
    error here, when the trigger is made, never when the scheduler asks it."""
    schedule = as_schedule(source, format, tz=tz, dst=dst, name="source")
    try:  # what a job store will keep: refused now, not when the job is first stored
        schedule.to_json()
    except ScheduleError as error:
        raise ScheduleError(f"a job store could not keep this schedule: "
                            f"{error.one_line}") from None
    return schedule


def at_or_after(schedule: Schedule, moment: datetime) -> datetime | None:
    """The schedule's first occurrence at ``moment`` or later: one at the very moment
    is due. Occurrences are whole seconds, so one a fraction of a second before the
    moment is past (as APScheduler's own triggers round the moment up)."""
    if not isinstance(moment, datetime):
        raise ScheduleError(f"the moment to fire from must be a datetime, not "
                            f"{described(moment)}")
    return next(ir.at_or_after(schedule, moment), None)


def missing(module: str, needs: str, install: str, other: str) -> ModuleNotFoundError:
    """The error that says which APScheduler ``module`` needs (and which one is
    installed, if another is), how to install it, and which module the ``other`` major
version has."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = f"APScheduler {version('apscheduler')} is installed"
    except PackageNotFoundError:
        installed = "APScheduler is not installed"
    return ModuleNotFoundError(
        f"cadence.integrations.{module} needs {needs} ({installed}): pip install "
        f"{install}; with APScheduler {other}", name="apscheduler")


def checked_state(kind: str, state: object, version: int) -> Mapping[str, object]:
    """A trigger's stored state, refused with a clear error when it is not a state this
    cadence saved or reads (a newer cadence saved it)."""
    if not isinstance(state, Mapping) or type(state.get("version")) is not int:
        raise ScheduleError(
            f"{kind}: the job store's state is not one a {kind} saved (a mapping with "
            f"a version number), but {described(state)}; remove the job and add it again")
    found = state["version"]
    if found > version:
        raise ScheduleError(
            f"{kind}: the job store holds state version {found}, saved by a newer "
            f"cadence; this cadence reads versions up to {version}: upgrade cadence "
            f"where this scheduler runs (pip install --upgrade cadence)")
    return state


def spelled(schedule: Schedule, *, whole: bool) -> str:
    """The schedule as a trigger names it: format, source (clipped unless ``whole``),
    zone and DST policy, e.g. ``quartz '0 0 9 ? * MON-FRI', tz='Europe/Berlin',
    dst='quartz'``."""
    source = schedule.source
    if not whole and len(source) > _SHOWN:
        source = source[: _SHOWN - 3] + "..."
    words = [f"{schedule.format} {source!r}" if source else
             f"{schedule.format} ({len(schedule.rules)} rules)",
             f"tz={schedule.recurrence.zone_name!r}"]
    if schedule.dst is not None:
        words.append(f"dst={schedule.dst!r}")
    return ", ".join(words)


def restored(kind: str, stored: object) -> Schedule:
    """The schedule a job store kept as the IR's JSON form (:meth:`Schedule.to_json`: the
    meaning, not the source text, so a store outlives changes to a format's reader)."""
    if not isinstance(stored, Mapping):
        raise ScheduleError(f"{kind}: the job store's state lacks its schedule (the IR's "
                            f"JSON form); remove the job and add it again")
    try:
        return Schedule.from_json(stored)
    except ScheduleError as error:
        raise ScheduleError(f"{kind}: the job store's schedule does not read back: "
                            f"{error.one_line}; remove the job and add it again") from None


def moment_of(kind: str, stored: object) -> datetime | None:
    """A moment a job store kept as ISO text (so JSON and CBOR serializers keep it too);
    ``None`` stays ``None``."""
    if stored is None:
        return None
    try:
        moment = datetime.fromisoformat(stored) if isinstance(stored, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ScheduleError(f"{kind}: the job store's state holds {described(stored)} "
                            f"where an ISO moment with its offset belongs; remove the "
                            f"job and add it again")
    return moment
