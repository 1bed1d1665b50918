"""APScheduler 4 runs cadence schedules: :class:`CadenceTrigger` is a trigger of its
``Trigger`` protocol (``apscheduler.abc.Trigger``: ``next()``, ``__getstate__``,
``__setstate__``). APScheduler 4 is a pre-release (4.0.0a6); APScheduler 3.x has
:mod:`cadence.integrations.apscheduler`.

>>> from datetime import datetime, timezone
>>> trigger = CadenceTrigger("0 0 9 ? * MON-FRI", tz="Europe/Berlin",
...                          start_time=datetime(2026, 12, 4, 12, tzinfo=timezone.utc))
>>> [trigger.next().isoformat() for _ in range(2)]
['2026-12-07T09:00:00+01:00', '2026-12-08T09:00:00+01:00']

Use it as any trigger: ``scheduler.add_schedule(func, CadenceTrigger(...))``.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

try:
    from apscheduler.abc import Trigger
except ImportError:  # absent, or APScheduler 3 (which has no apscheduler.abc)
    from ._triggers import missing

    raise missing("apscheduler4", "APScheduler 4.0.0a6 or later", "'apscheduler>=4.0.0a6'",
                  "3.x, use cadence.integrations.apscheduler") from None

from ..errors import ScheduleError, described
from ..schedule import Schedule
from ._triggers import at_or_after, checked_state, moment_of, restored, schedule_of, spelled

__all__ = ["CadenceTrigger"]

#: The version of the state a data store keeps (see CadenceTrigger.__getstate__).
STATE_VERSION = 1


class CadenceTrigger(Trigger):  # type: ignore[misc]  # APScheduler 4 is not what mypy sees
    """An APScheduler 4 trigger firing at a cadence schedule's occurrences.

    ``source``, ``format``, ``tz`` and ``dst`` as for
    :class:`cadence.integrations.apscheduler.CadenceTrigger` (default zone UTC, the
    format's own DST policy). ``start_time``: the first fire time is the first
    occurrence at this moment or later (default: when the trigger is made); each
    :meth:`next` then returns the occurrence after the one before, and ``None`` past
    the schedule's end. Jitter belongs to APScheduler 4's schedule
    (``add_schedule(..., max_jitter=...)``), not to its triggers.
    """

    __slots__ = ("_last_fire_time", "schedule", "start_time")

    schedule: Schedule
    start_time: datetime
    _last_fire_time: datetime | None

    def __init__(self, source: object, format: str | None = None,
                 tz: str | tzinfo | None = None, *, dst: str | None = None,
                 start_time: datetime | None = None) -> None:
        self.schedule = schedule_of(source, format, tz, dst)
        if start_time is None:
            start_time = datetime.now(self.schedule.tz)
        elif not isinstance(start_time, datetime):
            raise ScheduleError(f"start_time must be a datetime, not {described(start_time)}")
        elif start_time.tzinfo is None:  # wall time in the schedule's zone, as in cadence
            start_time = start_time.replace(tzinfo=self.schedule.tz)
        self.start_time = start_time
        self._last_fire_time = None

    def next(self) -> datetime | None:
        """The next fire time: an aware datetime in the schedule's zone, or ``None``
        once the schedule has ended (asked again, ``None`` again)."""
        last = self._last_fire_time
        found = (at_or_after(self.schedule, self.start_time) if last is None
                 else self.schedule.next(last))
        if found is not None:
            self._last_fire_time = found
        return found

    def __getstate__(self) -> dict[str, object]:
        """What a data store keeps: the schedule as the IR's JSON form (its meaning),
        where it started and the last fire time as ISO text, with the version of this
        layout; JSON-ready, so APScheduler's JSON and CBOR serializers keep it too."""
        last = self._last_fire_time
        return {"version": STATE_VERSION, "schedule": self.schedule.to_json(),
                "start_time": self.start_time.isoformat(),
                "last_fire_time": None if last is None else last.isoformat()}

    def __setstate__(self, state: object) -> None:
        read = checked_state("CadenceTrigger", state, STATE_VERSION)
        start = moment_of("CadenceTrigger", read.get("start_time"))
        if start is None:
            raise ScheduleError("CadenceTrigger: the data store's state lacks its start "
                                "time; remove the schedule and add it again")
        self.schedule = restored("CadenceTrigger", read.get("schedule"))
        self.start_time = start
        self._last_fire_time = moment_of("CadenceTrigger", read.get("last_fire_time"))

    def __repr__(self) -> str:
        last = self._last_fire_time
        return (f"CadenceTrigger({spelled(self.schedule, whole=True)}, "
                f"start_time={self.start_time.isoformat()!r}"
                + ("" if last is None else f", last_fire_time={last.isoformat()!r}") + ")")
