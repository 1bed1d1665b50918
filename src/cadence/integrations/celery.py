"""Celery beat runs cadence schedules: :class:`cadence_schedule` is a beat schedule
(``celery.schedules.BaseSchedule``, as ``crontab`` is) for anything :func:`cadence.parse`
reads, to put in ``app.conf.beat_schedule``. Needs the ``celery`` extra
(``pip install "cadence[celery]"``).

How beat uses a schedule, and what this one answers:

- Beat asks ``is_due(last_run_at)`` of each entry, where ``last_run_at`` is when beat
  last sent the task (at first, when beat started), and sleeps the seconds the answer
  gives before asking again. The schedule is due when an occurrence falls in
  ``(last_run_at, now]``; beat then sends the task once, however many occurrences it
  missed. The seconds to the next check are those to the next occurrence, so beat
  wakes at it (less beat's own 10 ms of drift), never polling in between.
- ``remaining_estimate(last_run_at)``: the time from now to the first occurrence after
  ``last_run_at`` (negative when one is overdue), as ``crontab`` answers.
- A window (a schedule with a duration) fires at its opening.
- A bounded schedule (RRULE ``COUNT``/``UNTIL``, a campaign's ``expiration``,
  :meth:`cadence.Schedule.bounded`) is never due after its last occurrence:
  ``remaining_estimate`` is then :data:`ENDED` and ``is_due`` asks beat to check again
  in as many seconds (beat checks sooner, at its ``beat_max_loop_interval``).
- ``beat_cron_starting_deadline``, where set, holds as for ``crontab``: an overdue
  occurrence more than that many seconds old is not run late.
- Zones: a source that names its zone (``CRON_TZ=``, a ``TZID``, a campaign's
  ``timeZoneId``, ...) keeps it; ``tz=`` reads one that names none in that zone;
  otherwise the source is read in the app's timezone (its ``timezone`` setting, else UTC,
  or the machine's zone when ``enable_utc`` is off), as ``crontab`` is. A
  :class:`cadence.Schedule` keeps its own zone. A naive ``last_run_at`` or ``now`` is
  UTC, as beat's own schedules read it.
- Beat keeps its entries in a shelve file (``PersistentScheduler``): the schedule
  pickles as its source and arguments (not the app, which beat sets again) and is read
  again when loaded. Two schedules that mean the same compare equal.

>>> from datetime import datetime, timezone
>>> from celery import Celery
>>> app = Celery("reports", set_as_current=False)
>>> app.conf.timezone = "Europe/Berlin"
>>> eight = lambda: datetime(2026, 11, 23, 7, 0, tzinfo=timezone.utc)  # 08:00 in Berlin
>>> weekdays = cadence_schedule("0 9 * * MON-FRI", nowfun=eight, app=app)
>>> weekdays
<cadence_schedule: cron '0 9 * * MON-FRI' tz='Europe/Berlin' (the app's timezone)>
>>> weekdays.is_due(datetime(2026, 11, 20, 8, 0, 0, tzinfo=timezone.utc))
schedstate(is_due=False, next=3600.0)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

try:
    from celery.schedules import BaseSchedule, schedstate
except ImportError:
    raise ModuleNotFoundError("cadence.integrations.celery needs Celery (it is not "
                              "installed): pip install 'cadence[celery]'",
                              name="celery") from None

from .. import formats
from .._api import as_schedule, parse
from ..errors import ScheduleError, described
from ..schedule import Schedule

__all__ = ["ENDED", "cadence_schedule"]

#: What :meth:`cadence_schedule.remaining_estimate` answers once a bounded schedule has
#: no occurrence left, and (in seconds) when ``is_due`` then asks beat to check again.
ENDED = timedelta(days=365)

_ENDED_SECONDS = ENDED.total_seconds()
_MICROSECOND = timedelta(microseconds=1)


class cadence_schedule(BaseSchedule):  # type: ignore[misc]  # noqa: N801 - as celery's crontab
    """A Celery beat schedule following a cadence schedule (see the module's notes).

    ``source``: what :func:`cadence.parse` reads (cron, Quartz, RRULE, iCalendar,
    systemd, a vendor payload as a dict or JSON text) or a :class:`cadence.Schedule`.
    ``format``, ``tz`` and ``dst`` as :func:`cadence.parse` takes them (given with a
    Schedule, they must agree with it). ``nowfun`` and ``app`` as every beat schedule
    takes them: the clock (default: the app's) and the Celery app (default: the
    current one; beat sets its own). A source that does not read raises its
    :class:`cadence.ScheduleError` here, not when beat first asks.
    """

    def __init__(self, source: object, format: str | None = None,
                 tz: str | tzinfo | None = None, *, dst: str | None = None,
                 nowfun: Callable[[], datetime] | None = None, app: Any = None) -> None:
        if nowfun is not None and not callable(nowfun):
            raise ScheduleError(f"cadence_schedule: nowfun must be a function returning "
                                f"the current datetime, not {described(nowfun)}")
        self._app: Any = None
        super().__init__(nowfun=nowfun, app=app)
        self._arguments = (source, format, tz, dst)
        fixed: Schedule | None
        read = as_schedule(source, format, tz=tz, dst=dst, name="source")
        if isinstance(source, Schedule):
            fixed = read
        else:
            named = tz is not None or formats.named_zone(source, format) is not None
            fixed = read if named else None
        #: The schedule in its own zone, or None: read in the app's timezone.
        self._fixed = fixed
        #: What the source means (read in UTC when it names no zone): for equality.
        self._meaning = read
        #: The last zone the source was read in for the app, and that reading.
        self._zoned: tuple[tzinfo, Schedule] | None = None

    # -- the app, and the zone it gives a source that names none ---------------------------

    @property
    def app(self) -> Any:
        return self._app or _current_app()

    @app.setter
    def app(self, app: Any) -> None:
        if app is not self._app:  # the app's timezone, cached by BaseSchedule, may change
            self.__dict__.pop("tz", None)
            self.__dict__.pop("utc_enabled", None)
        self._app = app

    @property
    def schedule(self) -> Schedule:
        """The :class:`cadence.Schedule` beat follows: a source that names no zone (and
        was given no ``tz=``) read in the app's timezone."""
        if self._fixed is not None:
            return self._fixed
        zone = self.tz  # the app's timezone
        zoned = self._zoned
        if zoned is None or zoned[0] is not zone:
            source, format, _, dst = self._arguments
            zoned = self._zoned = (zone, parse(source, format, tz=zone, dst=dst))
        return zoned[1]

    # -- what beat asks ------------------------------------------------------------------

    def _utc_now(self) -> datetime:
        return self.maybe_make_aware(self.now()).astimezone(timezone.utc)  # type: ignore[no-any-return]

    def remaining_estimate(self, last_run_at: datetime) -> timedelta:
        """From now to the first occurrence after ``last_run_at`` (negative when it is
        overdue); :data:`ENDED` when there is none."""
        upcoming = self.schedule.next(self.maybe_make_aware(last_run_at))
        if upcoming is None:
            return ENDED
        return upcoming.astimezone(timezone.utc) - self._utc_now()

    def is_due(self, last_run_at: datetime) -> tuple[bool, float]:
        """``(is_due, seconds to the next check)``: due when an occurrence falls after
        ``last_run_at`` and at or before now; the next check is at the next occurrence
        after now (or, when none is left, :data:`ENDED` from now)."""
        schedule = self.schedule
        now = self._utc_now()
        upcoming = schedule.next(self.maybe_make_aware(last_run_at))
        if upcoming is None:
            return schedstate(False, _ENDED_SECONDS)  # type: ignore[no-any-return]
        if upcoming.astimezone(timezone.utc) > now:
            return schedstate(  # type: ignore[no-any-return]
                False, (upcoming.astimezone(timezone.utc) - now).total_seconds())
        due = not self._past_deadline(schedule, now)
        following = schedule.next(now)
        if following is None:
            return schedstate(due, _ENDED_SECONDS)  # type: ignore[no-any-return]
        return schedstate(  # type: ignore[no-any-return]
            due, (following.astimezone(timezone.utc) - now).total_seconds())

    def _past_deadline(self, schedule: Schedule, now: datetime) -> bool:
        """Whether beat's ``beat_cron_starting_deadline`` (seconds) has passed for the
        latest occurrence at or before now, so that it is not run late."""
        deadline = self.app.conf.beat_cron_starting_deadline
        if deadline is None:
            return False
        latest = schedule.prev(now + _MICROSECOND)  # (prev is strictly before)
        return latest is None or latest < now - timedelta(seconds=deadline)

    # -- what beat keeps -----------------------------------------------------------------

    def __reduce__(self) -> tuple[Callable[..., cadence_schedule], tuple[object, ...]]:
        # Beat's shelve keeps the source and the arguments; the app is set again by beat.
        return _restored, (*self._arguments, self.nowfun)

    def _key(self) -> tuple[Schedule, bool]:
        return self._meaning, self._fixed is None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, cadence_schedule):
            return NotImplemented
        return self._key() == other._key() and self.nowfun == other.nowfun

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        schedule = self.schedule
        whose = " (the app's timezone)" if self._fixed is None else ""
        return (f"<cadence_schedule: {schedule.format} {schedule.source!r} "
                f"tz={schedule.recurrence.zone_name!r}{whose}>")


def _restored(source: object, format: str | None, tz: str | tzinfo | None, dst: str | None,
              nowfun: Callable[[], datetime] | None) -> cadence_schedule:
    return cadence_schedule(source, format, tz, dst=dst, nowfun=nowfun)


def _current_app() -> Any:
    from celery import current_app

    return current_app._get_current_object()

