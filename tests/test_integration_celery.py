"""cadence schedules in Celery beat (cadence.integrations.celery): what ``is_due`` and
``remaining_estimate`` answer at fixed moments, in the app's timezone or the source's own,
across DST changes and past a schedule's end, and beat's real ``Scheduler`` and
``PersistentScheduler`` (its shelve file in tmp_path) ticking with a controlled clock.

Every moment is fixed by ``nowfun``; the next check beat is told is written as the moment
it falls on (now + the seconds ``is_due`` gives), so a row reads as "beat wakes then".
"""

from __future__ import annotations

import itertools
import pickle
import shelve
import sys
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("celery", reason="the celery extra is not installed")

from celery import Celery
from celery.beat import PersistentScheduler, ScheduleEntry, Scheduler

import cadence
from cadence.integrations.celery import ENDED, cadence_schedule

pytestmark = pytest.mark.integration


class Clock:
    """A controlled clock for beat's ``nowfun``. It pickles as a reference to itself, as
    ``time.time`` does: beat's shelve pickles its entries (with their schedules and
    clocks) and reads them back after each sync, and they must still read this clock."""

    def __init__(self, moment: str) -> None:
        self.moment = datetime.fromisoformat(moment)
        self.name = f"clock-{next(_NUMBERS)}"
        _CLOCKS[self.name] = self

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)

    def __reduce__(self) -> tuple[Callable[[str], Clock], tuple[str]]:
        return _clock, (self.name,)


_CLOCKS: dict[str, Clock] = {}
_NUMBERS = itertools.count()


def _clock(name: str) -> Clock:
    return _CLOCKS[name]


def make_app(zone: str | None) -> Any:
    """A Celery app in ``zone`` (None: UTC, the default with enable_utc on; a zone:
    enable_utc off, as crontab users who schedule in local time set it). No result
    backend cleanup entry, and the in-memory broker (nothing leaves the process)."""
    app = Celery("cadence-tests", broker="memory://", set_as_current=False)
    app.conf.result_expires = None
    if zone is not None:
        app.conf.enable_utc = False
        app.conf.timezone = zone
    return app


UTC_APP = make_app(None)
BERLIN_APP = make_app("Europe/Berlin")

CAMPAIGN = {"type": "WEEKLY", "days": {"type": "LIST", "values": ["2", "3", "4", "5", "6"]},
            "hours": {"type": "LIST", "values": ["9"]}, "timeZoneId": "CST",
            "expiration": "2026-11-25T09:00:00-06:00"}
WINDOWS = cadence.parse("0 9 * * MON-FRI").with_duration("PT8H")


def answer(schedule: cadence_schedule, last_run_at: str, now: str) -> tuple[bool, str]:
    """``is_due`` at ``now``: whether due, and the moment of the next check, in the zone
    of the schedule beat follows ("ENDED" when it is told the schedule has ended)."""
    clock = Clock(now)
    schedule.nowfun = clock
    due, seconds = schedule.is_due(datetime.fromisoformat(last_run_at))
    if seconds == ENDED.total_seconds():
        return due, "ENDED"
    wake = clock() + timedelta(seconds=seconds)
    return due, wake.astimezone(schedule.schedule.tz).isoformat()


@pytest.mark.parametrize(
    ("source", "kwargs", "app", "last_run_at", "now", "expected"),
    [
        # cron in a UTC app: not yet, then due at the minute, and beat told the next one.
        ("0 9 * * MON-FRI", {}, UTC_APP, "2026-11-23T08:00:00+00:00",
         "2026-11-23T08:30:00+00:00", (False, "2026-11-23T09:00:00+00:00")),
        ("0 9 * * MON-FRI", {}, UTC_APP, "2026-11-23T08:00:00+00:00",
         "2026-11-23T09:00:00+00:00", (True, "2026-11-24T09:00:00+00:00")),
        # beat a few milliseconds late, and a few milliseconds early (its drift)
        ("0 9 * * MON-FRI", {}, UTC_APP, "2026-11-23T08:00:00+00:00",
         "2026-11-23T09:00:00.004+00:00", (True, "2026-11-24T09:00:00+00:00")),
        ("0 9 * * MON-FRI", {}, UTC_APP, "2026-11-23T08:00:00+00:00",
         "2026-11-23T08:59:59.990+00:00", (False, "2026-11-23T09:00:00+00:00")),
        # sent at 09:00:00.003: not due again that day
        ("0 9 * * MON-FRI", {}, UTC_APP, "2026-11-23T09:00:00.003+00:00",
         "2026-11-23T09:00:05+00:00", (False, "2026-11-24T09:00:00+00:00")),
        # beat down from Friday to Tuesday: due once, not once per missed run
        ("0 9 * * MON-FRI", {}, UTC_APP, "2026-11-20T09:00:01+00:00",
         "2026-11-24T10:00:00+00:00", (True, "2026-11-25T09:00:00+00:00")),
        # a naive moment is UTC, as beat reads it
        ("0 9 * * MON-FRI", {}, UTC_APP, "2026-11-23T08:00:00",
         "2026-11-23T09:00:00", (True, "2026-11-24T09:00:00+00:00")),
        # no zone named: the app's (enable_utc off, timezone Europe/Berlin), as crontab
        ("0 9 * * MON-FRI", {}, BERLIN_APP, "2026-11-23T07:00:00+00:00",
         "2026-11-23T08:00:00+00:00", (True, "2026-11-24T09:00:00+01:00")),
        ("0 0 9 ? * MON-FRI", {}, BERLIN_APP, "2026-11-23T07:00:00+00:00",
         "2026-11-23T07:30:00+00:00", (False, "2026-11-23T09:00:00+01:00")),
        # tz= reads one that names none in that zone
        ("0 9 * * MON-FRI", {"tz": "America/New_York"}, BERLIN_APP,
         "2026-11-23T08:00:00+00:00", "2026-11-23T08:30:00+00:00",
         (False, "2026-11-23T09:00:00-05:00")),
        # a source that names its zone keeps it, whatever the app's
        ("CRON_TZ=Asia/Tokyo 0 9 * * *", {}, BERLIN_APP, "2026-11-22T23:00:00+00:00",
         "2026-11-23T00:00:00+00:00", (True, "2026-11-24T09:00:00+09:00")),
        ("DTSTART;TZID=America/Chicago:20261101T090000\nRRULE:FREQ=DAILY", {}, UTC_APP,
         "2026-11-23T12:00:00+00:00", "2026-11-23T14:00:00+00:00",
         (False, "2026-11-23T09:00:00-06:00")),
        ("Mon..Fri 09:00 Europe/London", {}, BERLIN_APP, "2026-11-23T00:00:00+00:00",
         "2026-11-23T09:00:00+00:00", (True, "2026-11-24T09:00:00+00:00")),
        # a SailPoint campaign (CST is America/Chicago) fires at its hour ...
        (CAMPAIGN, {}, UTC_APP, "2026-11-23T00:00:00+00:00", "2026-11-23T15:00:00+00:00",
         (True, "2026-11-24T09:00:00-06:00")),
        # ... its expiration's occurrence still fires; then it has ended
        (CAMPAIGN, {}, UTC_APP, "2026-11-24T15:00:00+00:00", "2026-11-25T15:00:00+00:00",
         (True, "ENDED")),
        (CAMPAIGN, {}, UTC_APP, "2026-11-25T15:00:00+00:00", "2026-11-30T15:00:00+00:00",
         (False, "ENDED")),
        # an RRULE's COUNT: the third is the last
        ("DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY;COUNT=3", {}, UTC_APP,
         "2026-11-24T09:00:00+00:00", "2026-11-25T09:00:00+00:00", (True, "ENDED")),
        ("DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY;COUNT=3", {}, UTC_APP,
         "2026-11-25T09:00:00+00:00", "2027-01-01T00:00:00+00:00", (False, "ENDED")),
        # before an UNTIL it waits for its next one as any schedule does
        ("DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY;UNTIL=20261125T090000Z", {}, UTC_APP,
         "2026-11-23T09:00:00+00:00", "2026-11-23T12:00:00+00:00",
         (False, "2026-11-24T09:00:00+00:00")),
        # a window fires at its opening, not while it is open
        (WINDOWS, {}, BERLIN_APP, "2026-11-23T08:00:00+00:00", "2026-11-23T09:00:00+00:00",
         (True, "2026-11-24T09:00:00+00:00")),
        (WINDOWS, {}, BERLIN_APP, "2026-11-23T09:00:00.002+00:00",
         "2026-11-23T12:00:00+00:00", (False, "2026-11-24T09:00:00+00:00")),
        # every 2 seconds (Quartz), as the end-to-end test runs it
        ("*/2 * * * * ?", {}, UTC_APP, "2026-11-23T09:00:00.010+00:00",
         "2026-11-23T09:00:01.990+00:00", (False, "2026-11-23T09:00:02+00:00")),
        ("*/2 * * * * ?", {}, UTC_APP, "2026-11-23T09:00:00.010+00:00",
         "2026-11-23T09:00:02.001+00:00", (True, "2026-11-23T09:00:04+00:00")),
    ],
)
def test_is_due_says_whether_an_occurrence_passed_and_when_beat_wakes_next(
        source: object, kwargs: dict[str, Any], app: Any, last_run_at: str, now: str,
        expected: tuple[bool, str]) -> None:
    schedule = cadence_schedule(source, app=app, **kwargs)
    assert answer(schedule, last_run_at, now) == expected


# Europe/Berlin in 2026: clocks go from 02:00 to 03:00 on 2026-03-29 (01:00Z) and back
# from 03:00 to 02:00 on 2026-10-25 (01:00Z), so 02:00-02:59 is skipped in March and
# passes twice in October (first +02:00, then +01:00). The app reads in Berlin.
@pytest.mark.parametrize(
    ("source", "last_run_at", "now", "expected"),
    [
        # 1. spring, cron's policy: 02:30 is skipped, so it runs right after the jump
        ("30 2 * * *", "2026-03-29T00:00:00+00:00", "2026-03-29T00:30:00+00:00",
         (False, "2026-03-29T03:00:00+02:00")),
        ("30 2 * * *", "2026-03-29T00:00:00+00:00", "2026-03-29T01:00:00+00:00",
         (True, "2026-03-30T02:30:00+02:00")),
        # 2. spring, Quartz's policy: a time in the gap does not fire that day
        ("0 30 2 * * ?", "2026-03-29T00:00:00+00:00", "2026-03-29T00:30:00+00:00",
         (False, "2026-03-30T02:30:00+02:00")),
        # 3. spring, every 30 minutes: nothing inside the skipped hour
        ("*/30 * * * *", "2026-03-29T00:30:00+00:00", "2026-03-29T00:45:00+00:00",
         (False, "2026-03-29T03:00:00+02:00")),
        # 4. autumn, cron: 02:30 fires once, on the first pass ...
        ("30 2 * * *", "2026-10-24T23:00:00+00:00", "2026-10-25T00:30:00+00:00",
         (True, "2026-10-26T02:30:00+01:00")),
        # ... and not again on the second
        ("30 2 * * *", "2026-10-25T00:30:00.005+00:00", "2026-10-25T01:30:00+00:00",
         (False, "2026-10-26T02:30:00+01:00")),
        # 5. autumn, Quartz: once, on the second pass
        ("0 30 2 * * ?", "2026-10-24T23:00:00+00:00", "2026-10-25T00:30:00+00:00",
         (False, "2026-10-25T02:30:00+01:00")),
        # 6. autumn, every 30 minutes: both passes
        ("*/30 * * * *", "2026-10-25T00:30:00.005+00:00", "2026-10-25T00:45:00+00:00",
         (False, "2026-10-25T02:00:00+01:00")),
        # 7. an RRULE (RFC 5545's policy): the skipped 02:30 does not occur that day
        ("FREQ=DAILY;BYHOUR=2;BYMINUTE=30;BYSECOND=0", "2026-03-28T00:00:00+00:00",
         "2026-03-29T00:00:00+00:00", (True, "2026-03-30T02:30:00+02:00")),
    ],
)
def test_is_due_follows_the_sources_dst_policy_in_the_apps_zone(
        source: str, last_run_at: str, now: str, expected: tuple[bool, str]) -> None:
    assert answer(cadence_schedule(source, app=BERLIN_APP), last_run_at, now) == expected


@pytest.mark.parametrize(
    ("source", "app", "last_run_at", "now", "expected"),
    [
        # the first occurrence after the last run, from now: ahead ...
        ("0 9 * * MON-FRI", UTC_APP, "2026-11-23T08:00:00+00:00",
         "2026-11-23T08:30:00+00:00", "0:30:00"),
        # ... or overdue (negative), as crontab answers
        ("0 9 * * MON-FRI", UTC_APP, "2026-11-20T09:00:01+00:00",
         "2026-11-23T10:00:00+00:00", "-1 day, 23:00:00"),
        ("0 9 * * MON-FRI", BERLIN_APP, "2026-11-23T07:00:00+00:00",
         "2026-11-23T07:30:00+00:00", "0:30:00"),
        ("*/2 * * * * ?", UTC_APP, "2026-11-23T09:00:00.010+00:00",
         "2026-11-23T09:00:01.250+00:00", "0:00:00.750000"),
        # across the spring change: 00:30Z (01:30 +01:00) to 03:00 +02:00 is 30 minutes
        ("30 2 * * *", BERLIN_APP, "2026-03-29T00:00:00+00:00",
         "2026-03-29T00:30:00+00:00", "0:30:00"),
        # ended: ENDED
        ("DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY;COUNT=3", UTC_APP,
         "2026-11-25T09:00:00+00:00", "2026-11-25T09:00:00+00:00", "365 days, 0:00:00"),
    ],
)
def test_remaining_estimate_is_the_time_to_the_first_occurrence_after_the_last_run(
        source: str, app: Any, last_run_at: str, now: str, expected: str) -> None:
    schedule = cadence_schedule(source, app=app, nowfun=Clock(now))
    assert str(schedule.remaining_estimate(datetime.fromisoformat(last_run_at))) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-11-23T09:00:30+00:00", (True, "2026-11-24T09:00:00+00:00")),
        # more than 60 seconds late: skipped, as beat skips a crontab's stale run
        ("2026-11-23T09:05:00+00:00", (False, "2026-11-24T09:00:00+00:00")),
    ],
)
def test_beat_cron_starting_deadline_skips_an_occurrence_missed_for_too_long(
        now: str, expected: tuple[bool, str]) -> None:
    app = make_app(None)
    app.conf.beat_cron_starting_deadline = 60
    schedule = cadence_schedule("0 9 * * MON-FRI", app=app)
    assert answer(schedule, "2026-11-20T09:00:01+00:00", now) == expected


def test_a_source_naming_no_zone_follows_the_app_it_is_given() -> None:
    schedule = cadence_schedule("0 9 * * *")
    schedule.app = UTC_APP
    assert schedule.schedule.tz.key == "UTC"  # type: ignore[attr-defined]
    schedule.app = BERLIN_APP  # as beat sets it on each entry
    assert str(schedule.schedule.tz) == "Europe/Berlin"
    assert repr(schedule) == ("<cadence_schedule: cron '0 9 * * *' tz='Europe/Berlin' "
                              "(the app's timezone)>")


@pytest.mark.parametrize(
    ("source", "kwargs", "expected"),
    [
        ("0 9 * * MON-FRI", {},
         "<cadence_schedule: cron '0 9 * * MON-FRI' tz='Europe/Berlin' (the app's timezone)>"),
        ("0 9 * * MON-FRI", {"tz": "Asia/Tokyo"},
         "<cadence_schedule: cron '0 9 * * MON-FRI' tz='Asia/Tokyo'>"),
        (cadence.parse("0 0 9 ? * MON-FRI", tz="UTC"), {},
         "<cadence_schedule: quartz '0 0 9 ? * MON-FRI' tz='UTC'>"),
        ({"type": "WEEKLY", "days": {"type": "LIST", "values": ["2"]},
          "hours": {"type": "LIST", "values": ["9"]}, "timeZoneId": "PST"}, {},
         "<cadence_schedule: campaign '{\"days\":{\"type\":\"LIST\",\"values\":[\"2\"]},"
         "\"hours\":{\"type\":\"LIST\",\"values\":[\"9\"]},\"timeZoneId\":\"PST\","
         "\"type\":\"WEEKLY\"}' tz='America/Los_Angeles'>"),
    ],
)
def test_repr_names_the_format_the_source_and_the_zone(
        source: object, kwargs: dict[str, Any], expected: str) -> None:
    assert repr(cadence_schedule(source, app=BERLIN_APP, **kwargs)) == expected


@pytest.mark.parametrize(
    ("source", "kwargs"),
    [
        ("0 9 * * MON-FRI", {}),
        ("0 9 * * MON-FRI", {"tz": "Asia/Tokyo", "dst": "rfc5545"}),
        ("DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY;COUNT=3", {}),
        (CAMPAIGN, {}),
        (WINDOWS, {}),
        (cadence.parse("0 0 9 ? * MON-FRI", tz="Europe/Berlin"), {"format": "quartz"}),
    ],
)
def test_a_schedule_pickles_as_beats_shelve_keeps_it(
        source: object, kwargs: dict[str, Any]) -> None:
    schedule = cadence_schedule(source, app=BERLIN_APP, nowfun=Clock("2026-11-23T08:00Z"),
                                **kwargs)
    copy = pickle.loads(pickle.dumps(schedule))
    copy.app = BERLIN_APP  # (the app is not pickled: beat sets its own)
    assert copy == schedule
    assert repr(copy) == repr(schedule)
    assert copy.is_due(datetime(2026, 11, 20, tzinfo=timezone.utc)) == schedule.is_due(
        datetime(2026, 11, 20, tzinfo=timezone.utc))
    entry = ScheduleEntry("report", "reports.send", schedule=schedule, app=BERLIN_APP)
    assert pickle.loads(pickle.dumps(entry)).schedule == schedule


def test_schedules_equal_when_they_mean_the_same() -> None:
    clock = Clock("2026-11-23T08:00Z")
    cron = cadence_schedule("0 9 * * *", nowfun=clock)
    assert cron == cadence_schedule("FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0", nowfun=clock)
    assert hash(cron) == hash(cadence_schedule("0 0 9 * * ?", nowfun=clock))
    assert cron != cadence_schedule("0 10 * * *", nowfun=clock)
    # one read in the app's zone is not one fixed in UTC, even in a UTC app
    assert cron != cadence_schedule("0 9 * * *", tz="UTC", nowfun=clock)
    assert cron != cadence_schedule("0 9 * * *", nowfun=Clock("2026-11-24T08:00Z"))
    assert cron != "0 9 * * *"


@pytest.mark.parametrize(
    ("source", "kwargs", "error", "words"),
    [
        ("61 * * * *", {}, cadence.ParseError, "minute"),
        ("0 9 * * *", {"tz": "Mars/Olympus_Mons"}, cadence.ZoneError, "Mars/Olympus_Mons"),
        (42, {}, cadence.ScheduleError,
         "source: give a Schedule, a schedule's text or a JSON payload (a dict), not int"),
        ({"type": "WEEKLY", "hours": {"type": "LIST", "values": ["25"]},
          "days": {"type": "LIST", "values": ["2"]}}, {}, cadence.InvalidPayloadError,
         "/hours/values/0"),
        ("0 0 31 2 *", {}, cadence.NeverFiresError, "never"),
        ("0 9 * * *", {"dst": "summer"}, cadence.ScheduleError, "summer"),
        (cadence.parse("0 9 * * *"), {"tz": "Asia/Tokyo"}, cadence.ScheduleError,
         "source: tz='Asia/Tokyo' does not apply to a parsed schedule"),
        ("0 9 * * *", {"nowfun": 5}, cadence.ScheduleError,
         "nowfun must be a function returning the current datetime, not 5"),
    ],
)
def test_a_bad_source_raises_a_cadence_error_when_the_schedule_is_made(
        source: object, kwargs: dict[str, Any], error: type[Exception], words: str) -> None:
    with pytest.raises(error) as caught:
        cadence_schedule(source, **kwargs)
    assert words in str(caught.value)
    assert "Traceback" not in str(caught.value)


# -- beat's own schedulers, ticking with a controlled clock ----------------------------


class Recording(Scheduler):  # type: ignore[misc]
    """Beat's Scheduler, sending to the in-memory broker as it would to any; the one
    change: each task sent is also noted with the clock's moment."""

    def __init__(self, *args: Any, clock: Clock, **kwargs: Any) -> None:
        self.clock = clock
        self.sent: list[tuple[str, datetime]] = []
        super().__init__(*args, **kwargs)

    def send_task(self, name: str, *args: Any, **kwargs: Any) -> Any:
        self.sent.append((name, self.clock()))
        return super().send_task(name, *args, **kwargs)


class RecordingPersistent(PersistentScheduler, Recording):  # type: ignore[misc]
    """Beat's PersistentScheduler (a shelve file), noting what it sends."""


def run_beat(scheduler: Any, clock: Clock, until: str) -> None:
    """Beat's loop (celery.beat.Service.start) on the controlled clock: tick, then sleep
    what tick asks, where sleeping moves the clock. A tick that asks for no sleep moves
    it by a millisecond, the least a tick takes (beat's 10 ms drift makes it wake that
    early, and ticks until the occurrence comes)."""
    end = datetime.fromisoformat(until)
    while clock() < end:
        clock.advance(max(scheduler.tick(), 0.001))


def beat_app(zone: str | None, clock: Clock, entries: Mapping[str, object]) -> Any:
    app = make_app(zone)
    app.conf.beat_schedule = {
        name: {"task": f"reports.{name}", "schedule": cadence_schedule(source, nowfun=clock)}
        for name, source in entries.items()}
    return app


def sends(scheduler: Any, name: str) -> list[str]:
    """When the task of entry ``name`` was sent, to the second (occurrences are whole
    seconds: beat sends at them, a few milliseconds after, see :func:`lateness`)."""
    return [moment.isoformat(timespec="seconds") for task, moment in scheduler.sent
            if task == f"reports.{name}"]


def lateness(scheduler: Any) -> float:
    """How long after the start of its second the latest task was sent: beat wakes 10 ms
    before an occurrence and ticks until it comes; several due at once go one a tick."""
    sent: list[tuple[str, datetime]] = scheduler.sent
    return max(moment.microsecond for _, moment in sent) / 1e6


#: Berlin's autumn change (see the DST table above) for beat's Scheduler to run through.
AUTUMN = {
    "every-30-minutes": "*/30 * * * *",
    "cron-0230": "30 2 * * *",
    "quartz-0230": "0 0/45 2 * * ?",
    "three-times": "DTSTART;TZID=Europe/Berlin:20261025T013000\nRRULE:FREQ=HOURLY;COUNT=3",
}


def test_beats_scheduler_sends_each_occurrence_once_waking_at_it() -> None:
    clock = Clock("2026-10-24T23:10:00+00:00")  # 01:10 +02:00 in Berlin
    app = beat_app("Europe/Berlin", clock, AUTUMN)
    scheduler = Recording(app, clock=clock)
    run_beat(scheduler, clock, "2026-10-25T03:10:00+00:00")  # 04:10 +01:00
    assert sends(scheduler, "every-30-minutes") == [
        "2026-10-24T23:30:00+00:00", "2026-10-25T00:00:00+00:00",
        "2026-10-25T00:30:00+00:00", "2026-10-25T01:00:00+00:00",
        "2026-10-25T01:30:00+00:00", "2026-10-25T02:00:00+00:00",
        "2026-10-25T02:30:00+00:00", "2026-10-25T03:00:00+00:00"]
    assert sends(scheduler, "cron-0230") == ["2026-10-25T00:30:00+00:00"]  # first pass
    assert sends(scheduler, "quartz-0230") == [  # 02:00 and 02:45, second pass only
        "2026-10-25T01:00:00+00:00", "2026-10-25T01:45:00+00:00"]
    # RFC 5545's policy: an hourly rule is wall-clock time, whose repeated 02:30 fires once
    assert sends(scheduler, "three-times") == [  # 01:30 +02, 02:30 +02, 03:30 +01; done
        "2026-10-24T23:30:00+00:00", "2026-10-25T00:30:00+00:00",
        "2026-10-25T02:30:00+00:00"]
    assert lateness(scheduler) < 0.005  # (4 entries due at 00:30Z: sent at .000 to .003)
    for name, source in AUTUMN.items():
        expected = cadence.parse(source, tz="Europe/Berlin").between(
            "2026-10-24T23:10:00+00:00", "2026-10-25T03:10:00+00:00")
        assert sends(scheduler, name) == [
            moment.astimezone(timezone.utc).isoformat() for moment in expected], name


def test_beat_sleeps_until_the_next_occurrence_not_a_poll_interval() -> None:
    clock = Clock("2026-11-23T08:00:00+00:00")
    app = beat_app(None, clock, {"weekly": "0 9 * * MON"})
    app.conf.beat_max_loop_interval = 7 * 86400  # let beat sleep as long as it is told
    scheduler = Recording(app, clock=clock)
    naps = []
    while clock() < datetime(2026, 12, 1, tzinfo=timezone.utc):
        nap = scheduler.tick()
        naps.append(round(nap, 3))
        clock.advance(max(nap, 0.001))
    assert sends(scheduler, "weekly") == ["2026-11-23T09:00:00+00:00",
                                          "2026-11-30T09:00:00+00:00"]
    # an hour less beat's drift, then 10 ms of ticks; a week less the drift and the ticks
    assert naps[0] == 3599.99
    assert max(naps) == pytest.approx(604799.99, abs=0.002)
    assert len(naps) < 30


def test_a_bounded_schedule_stops_and_beat_sleeps_its_longest() -> None:
    clock = Clock("2026-11-23T08:00:00+00:00")
    app = beat_app(None, clock, {"three": "DTSTART:20261123T090000Z\nRRULE:FREQ=DAILY;COUNT=3"})
    scheduler = Recording(app, clock=clock)
    run_beat(scheduler, clock, "2026-12-01T00:00:00+00:00")
    assert sends(scheduler, "three") == ["2026-11-23T09:00:00+00:00",
                                         "2026-11-24T09:00:00+00:00",
                                         "2026-11-25T09:00:00+00:00"]
    assert scheduler.tick() == scheduler.max_interval  # 300 s, beat's own longest sleep


def test_the_persistent_scheduler_keeps_the_schedule_and_last_run_across_a_restart(
        tmp_path: Path) -> None:
    clock = Clock("2026-11-23T08:59:00+00:00")
    entries = {"hourly": "0 * * * *", "campaign": CAMPAIGN}
    filename = str(tmp_path / "celerybeat-schedule")
    first = RecordingPersistent(beat_app(None, clock, entries), clock=clock,
                                schedule_filename=filename)
    run_beat(first, clock, "2026-11-23T15:30:00+00:00")
    first.close()
    assert sends(first, "campaign") == ["2026-11-23T15:00:00+00:00"]  # 09:00 CST
    with shelve.open(filename) as stored:  # what beat wrote: our schedule, pickled
        kept = stored["entries"]["campaign"]
        assert kept.schedule == cadence_schedule(CAMPAIGN, nowfun=clock)
        # (sent at the occurrence, or a tick later when the hourly entry went first)
        assert kept.last_run_at.isoformat(timespec="seconds") == "2026-11-23T15:00:00+00:00"
    # beat is down from 15:30 to 18:20: restarted, it sends the missed hour once, then on
    clock.moment = datetime(2026, 11, 23, 18, 20, tzinfo=timezone.utc)
    second = RecordingPersistent(beat_app(None, clock, entries), clock=clock,
                                 schedule_filename=filename)
    run_beat(second, clock, "2026-11-24T15:30:00+00:00")
    second.close()
    assert sends(second, "hourly")[:3] == ["2026-11-23T18:20:00+00:00",
                                           "2026-11-23T19:00:00+00:00",
                                           "2026-11-23T20:00:00+00:00"]
    assert len(sends(second, "hourly")) == 1 + 21
    # the campaign fired at 09:00 CST on Monday; Tuesday's comes at 09:00 CST too
    assert sends(second, "campaign") == ["2026-11-24T15:00:00+00:00"]


def test_without_celery_the_import_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "cadence.integrations.celery")
    monkeypatch.setitem(sys.modules, "celery.schedules", None)  # as if absent
    with pytest.raises(ModuleNotFoundError) as caught:
        __import__("cadence.integrations.celery")
    assert "pip install 'cadence[celery]'" in str(caught.value)

