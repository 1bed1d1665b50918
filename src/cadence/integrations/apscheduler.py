"""APScheduler 3.x runs cadence schedules: :class:`CadenceTrigger` is a trigger.

Any source :func:`cadence.parse` reads (cron, Quartz, RRULE, iCalendar, systemd, a
vendor's JSON payload) or a :class:`cadence.Schedule` becomes a trigger whose fire
times are the schedule's occurrences, exactly: its DST policy, windows firing at their
opening, and its bounds (an RRULE's ``COUNT`` or ``UNTIL``, a payload's end) ending the
job.

>>> from datetime import datetime, timezone
>>> trigger = CadenceTrigger("0 0 9 ? * MON-FRI", tz="Europe/Berlin")
>>> trigger
<CadenceTrigger (quartz '0 0 9 ? * MON-FRI', tz='Europe/Berlin', dst='quartz')>
>>> trigger.get_next_fire_time(None, datetime(2026, 12, 4, 12, tzinfo=timezone.utc)).isoformat()
'2026-12-07T09:00:00+01:00'

Use it as any trigger: ``scheduler.add_job(func, CadenceTrigger(...))``. APScheduler 4
has its own trigger protocol: see :mod:`cadence.integrations.apscheduler4`.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

try:
    from apscheduler.triggers.base import BaseTrigger
except ImportError:  # absent, or APScheduler 4 (which has no BaseTrigger)
    from ._triggers import missing

    raise missing("apscheduler", "APScheduler 3.x", "'cadence[apscheduler]'",
                  "4, use cadence.integrations.apscheduler4") from None

from ..errors import ScheduleError, described
from ..schedule import Schedule
from ._triggers import at_or_after, checked_state, restored, schedule_of, spelled

__all__ = ["CadenceTrigger"]

#: The version of the state a job store keeps (see CadenceTrigger.__getstate__).
STATE_VERSION = 1


class CadenceTrigger(BaseTrigger):  # type: ignore[misc]  # APScheduler has no types
    """An APScheduler 3 trigger firing at a cadence schedule's occurrences.

    ``source``: what :func:`cadence.parse` reads, with its ``format``, ``tz`` (the zone
    unless the source names one; default UTC, cadence's default, not the scheduler's
    zone) and ``dst`` (the DST policy; default the format's own), or a
    :class:`cadence.Schedule` (keywords given with it must agree with it). ``jitter``:
    at most this many seconds added at random to each fire time, by APScheduler's own
    jitter (keep it below the gap between fire times: the next fire time is counted from
    the delayed one, as APScheduler's triggers do).

    Fire times are aware datetimes in the schedule's zone. A bad source raises its
    cadence error here.
    """

    __slots__ = ("jitter", "schedule")

    schedule: Schedule
    jitter: float | None

    def __init__(self, source: object, format: str | None = None,
                 tz: str | tzinfo | None = None, jitter: float | None = None, *,
                 dst: str | None = None) -> None:
        self.schedule = schedule_of(source, format, tz, dst)
        if jitter is not None and (isinstance(jitter, bool)
                                   or not isinstance(jitter, int | float)
                                   or not 0 <= jitter < float("inf")):
            raise ScheduleError(f"jitter must be a number of seconds, 0 or more (or None "
                                f"for none), not {described(jitter)}")
        self.jitter = jitter

    def get_next_fire_time(self, previous_fire_time: datetime | None,
                           now: datetime) -> datetime | None:
        """The first occurrence at ``now`` or later when the job has not fired yet
        (``previous_fire_time`` is ``None``), else the first one strictly after
        ``previous_fire_time``, whatever ``now`` is: APScheduler asks again and again to
        list the fire times it missed. ``None`` past the schedule's end: the job is
        done."""
        if previous_fire_time is None:
            found = at_or_after(self.schedule, now)
        else:
            found = self.schedule.next(previous_fire_time)
        return self._apply_jitter(found, self.jitter, now)  # type: ignore[no-any-return]

    def __getstate__(self) -> dict[str, object]:
        """What a job store keeps: the schedule as the IR's JSON form (its meaning) and
        the jitter, with the version of this layout; JSON-ready throughout."""
        return {"version": STATE_VERSION, "schedule": self.schedule.to_json(),
                "jitter": self.jitter}

    def __setstate__(self, state: object) -> None:
        read = checked_state("CadenceTrigger", state, STATE_VERSION)
        jitter = read.get("jitter")
        if jitter is not None and (isinstance(jitter, bool) or not isinstance(jitter,
                                                                              int | float)):
            raise ScheduleError("CadenceTrigger: the job store's state has a bad jitter; "
                                "remove the job and add it again")
        self.schedule = restored("CadenceTrigger", read.get("schedule"))
        self.jitter = jitter

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CadenceTrigger):
            return NotImplemented
        return (self.schedule, self.jitter) == (other.schedule, other.jitter)

    def __hash__(self) -> int:
        return hash((self.schedule, self.jitter))

    def _words(self, *, whole: bool) -> str:
        jitter = f", jitter={self.jitter}" if self.jitter else ""
        return spelled(self.schedule, whole=whole) + jitter

    def __str__(self) -> str:
        # What APScheduler's log lines and str(job) show: "name (trigger: ..., next run at: ...)"
        return f"cadence[{self._words(whole=False)}]"

    def __repr__(self) -> str:
        return f"<CadenceTrigger ({self._words(whole=True)})>"
