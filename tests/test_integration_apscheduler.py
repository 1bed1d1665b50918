"""cadence.integrations.apscheduler: APScheduler 3 runs cadence schedules.

The fire times are read from the trigger the way APScheduler 3 asks for them
(``get_next_fire_time(previous_fire_time, now)``: with no previous fire time, the first
one at ``now`` or later; after one, the next strictly later), then from real schedulers:
a ``BackgroundScheduler`` running an every-second Quartz schedule, and
``SQLAlchemyJobStore`` files on SQLite that outlive the scheduler that wrote them.
"""

from __future__ import annotations

import json
import pickle
import random
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("apscheduler.triggers.base", reason="APScheduler 3.x is not installed")

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
)
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

import cadence
from cadence.integrations.apscheduler import CadenceTrigger

pytestmark = pytest.mark.integration

UTC = timezone.utc
SECOND = timedelta(seconds=1)

#: The README's iCalendar event: four Tuesdays from 2026-11-03, the second excluded and
#: the third moved to Wednesday 18 at 14:00; each occurrence opens a window.
ICS = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:sync@example.com\r\n"
       "DTSTART;TZID=Europe/Berlin:20261103T100000\r\n"
       "DTEND;TZID=Europe/Berlin:20261103T103000\r\n"
       "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4\r\n"
       "EXDATE;TZID=Europe/Berlin:20261110T100000\r\nEND:VEVENT\r\n"
       "BEGIN:VEVENT\r\nUID:sync@example.com\r\n"
       "RECURRENCE-ID;TZID=Europe/Berlin:20261117T100000\r\n"
       "DTSTART;TZID=Europe/Berlin:20261118T140000\r\n"
       "DTEND;TZID=Europe/Berlin:20261118T150000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
#: A BMC Helix time frame: a 16:49-16:51 window on Mondays to Wednesdays (Helix counts
#: 1 = Sunday) from 2022-04-19 to 2022-05-19, in Kolkata.
HELIX = {"name": "skip weekends", "schedule": {
    "startTime": "16:49", "endTime": "16:51", "startDate": "19042022",
    "endsOn": {"endDate": "19052022"},
    "recurrence": {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": [2, 3, 4]}},
    "timeZone": {"name": "Asia/Kolkata", "offset": "+05:30"}}}
#: A SailPoint campaign: at 17:00 UTC on the 15th of each month.
CAMPAIGN = {"type": "MONTHLY", "days": {"type": "LIST", "values": ["15"]},
            "hours": {"type": "LIST", "values": ["17"]}}
NEW_YORK = {"tz": "America/New_York"}
#: 2030-03-10 02:30 does not exist in New York (02:00 jumps to 03:00): under RFC 5545 the
#: start is skipped, and COUNT=3 gives 03-11, 03-12 and 03-13.
NIGHTLY_2030 = "DTSTART;TZID=America/New_York:20300310T023000\nRRULE:FREQ=DAILY;COUNT=3"

# America/New_York in 2026: the clocks jump from 02:00 EST to 03:00 EDT on 2026-03-08
# (02:00-02:59 does not exist) and fall back from 02:00 EDT to 01:00 EST on 2026-11-01
# (01:00-01:59 happens twice, first at -04:00, then at -05:00).
CASES: list[tuple[str, object, dict[str, Any], str | None, str, str | None]] = [
    # (name, source, keywords, previous fire time, now, the next fire time)
    ("cron, not fired yet", "0 9 * * MON-FRI", {"tz": "Europe/Berlin"},
     None, "2026-12-04T12:00:00+01:00", "2026-12-07T09:00:00+01:00"),
    ("cron, now in another zone", "0 9 * * MON-FRI", {"tz": "Europe/Berlin"},
     None, "2026-12-04T11:00:00+00:00", "2026-12-07T09:00:00+01:00"),
    ("cron, an occurrence at now is due", "0 9 * * MON-FRI", {"tz": "Europe/Berlin"},
     None, "2026-12-07T09:00:00+01:00", "2026-12-07T09:00:00+01:00"),
    ("cron, a microsecond later it is past", "0 9 * * MON-FRI", {"tz": "Europe/Berlin"},
     None, "2026-12-07T09:00:00.000001+01:00", "2026-12-08T09:00:00+01:00"),
    ("cron, after a fire time the next is strictly later", "0 9 * * MON-FRI",
     {"tz": "Europe/Berlin"},
     "2026-12-07T09:00:00+01:00", "2026-12-07T09:00:00+01:00", "2026-12-08T09:00:00+01:00"),
    ("cron, missed fire times are listed one by one", "0 9 * * MON-FRI",
     {"tz": "Europe/Berlin"},
     "2026-12-07T09:00:00+01:00", "2026-12-10T12:00:00+01:00", "2026-12-08T09:00:00+01:00"),
    ("cron, the very first moment is due", "0 0 * * *", {},
     None, "0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00+00:00"),
    ("Quartz with seconds, not fired yet", "15,45 * * * * ?", {},
     None, "2026-12-04T12:00:20+00:00", "2026-12-04T12:00:45+00:00"),
    ("Quartz with seconds, after a fire time", "15,45 * * * * ?", {},
     "2026-12-04T12:00:45+00:00", "2026-12-04T12:00:45.2+00:00", "2026-12-04T12:01:15+00:00"),
    ("RRULE COUNT, before its start", "DTSTART:20261201T090000Z\nRRULE:FREQ=DAILY;COUNT=3",
     {}, None, "2026-11-01T00:00:00+00:00", "2026-12-01T09:00:00+00:00"),
    ("RRULE COUNT, the last occurrence", "DTSTART:20261201T090000Z\nRRULE:FREQ=DAILY;COUNT=3",
     {}, "2026-12-02T09:00:00+00:00", "2026-12-02T09:00:00+00:00",
     "2026-12-03T09:00:00+00:00"),
    ("RRULE COUNT ends the job", "DTSTART:20261201T090000Z\nRRULE:FREQ=DAILY;COUNT=3",
     {}, "2026-12-03T09:00:00+00:00", "2026-12-03T09:00:00+00:00", None),
    ("RRULE UNTIL, its last occurrence (UNTIL includes it)",
     "DTSTART;TZID=Europe/Berlin:20261201T090000\nRRULE:FREQ=WEEKLY;UNTIL=20261215T080000Z",
     {}, "2026-12-08T09:00:00+01:00", "2026-12-08T09:00:00+01:00",
     "2026-12-15T09:00:00+01:00"),
    ("RRULE UNTIL ends the job",
     "DTSTART;TZID=Europe/Berlin:20261201T090000\nRRULE:FREQ=WEEKLY;UNTIL=20261215T080000Z",
     {}, "2026-12-15T09:00:00+01:00", "2026-12-15T09:00:00+01:00", None),
    ("RRULE past UNTIL, never fired",
     "DTSTART;TZID=Europe/Berlin:20261201T090000\nRRULE:FREQ=WEEKLY;UNTIL=20261215T080000Z",
     {}, None, "2026-12-20T00:00:00+01:00", None),
    ("iCalendar, an open window does not fire again", ICS, {},
     None, "2026-11-03T10:15:00+01:00", "2026-11-18T14:00:00+01:00"),
    ("iCalendar, the moved occurrence opens its window", ICS, {},
     "2026-11-03T10:00:00+01:00", "2026-11-03T10:00:00+01:00", "2026-11-18T14:00:00+01:00"),
    ("iCalendar, COUNT ends the job", ICS, {},
     "2026-11-24T10:00:00+01:00", "2026-11-24T10:00:00+01:00", None),
    ("Helix, inside a window: the next window's opening", HELIX, {},
     None, "2022-04-19T16:50:00+05:30", "2022-04-20T16:49:00+05:30"),
    ("Helix, before a window: its opening", HELIX, {},
     None, "2022-04-25T16:48:59+05:30", "2022-04-25T16:49:00+05:30"),
    ("Helix, the end date ends the job", HELIX, {},
     "2022-05-18T16:49:00+05:30", "2022-05-18T16:49:00+05:30", None),
    ("campaign payload", CAMPAIGN, {},
     None, "2026-12-04T00:00:00+00:00", "2026-12-15T17:00:00+00:00"),
    ("systemd calendar event", "Mon..Fri *-*-* 09:00:00 Europe/Berlin", {},
     None, "2026-12-05T09:00:00+01:00", "2026-12-07T09:00:00+01:00"),
    # DST gap: cron fires a skipped time right after the jump, RFC 5545 does not fire it.
    ("gap, cron: right after the jump", "30 2 * * *", NEW_YORK,
     "2026-03-07T02:30:00-05:00", "2026-03-07T02:30:00-05:00", "2026-03-08T03:00:00-04:00"),
    ("gap, cron text under dst='rfc5545': skipped", "30 2 * * *",
     {**NEW_YORK, "dst": "rfc5545"},
     "2026-03-07T02:30:00-05:00", "2026-03-07T02:30:00-05:00", "2026-03-09T02:30:00-04:00"),
    ("gap, RRULE: skipped",
     "DTSTART;TZID=America/New_York:20260301T023000\nRRULE:FREQ=DAILY", {},
     "2026-03-07T02:30:00-05:00", "2026-03-07T02:30:00-05:00", "2026-03-09T02:30:00-04:00"),
    ("gap, cron: not fired yet, inside the gap's hour", "30 2 * * *", NEW_YORK,
     None, "2026-03-08T06:59:00+00:00", "2026-03-08T03:00:00-04:00"),
    # DST overlap: cron and RFC 5545 fire a repeated time once, on the first pass;
    # Quartz on the second; a cron rule of every hour fires in both passes.
    ("overlap, cron: the first pass", "30 1 * * *", NEW_YORK,
     "2026-10-31T01:30:00-04:00", "2026-10-31T01:30:00-04:00", "2026-11-01T01:30:00-04:00"),
    ("overlap, cron: once only", "30 1 * * *", NEW_YORK,
     "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"),
    ("overlap, RRULE: the first pass, once",
     "DTSTART;TZID=America/New_York:20261030T013000\nRRULE:FREQ=DAILY", {},
     "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"),
    ("overlap, Quartz: the second pass", "0 30 1 * * ?", NEW_YORK,
     "2026-10-31T01:30:00-04:00", "2026-10-31T01:30:00-04:00", "2026-11-01T01:30:00-05:00"),
    ("overlap, cron every hour: both passes", "30 * * * *", NEW_YORK,
     "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"),
]


def moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(("source", "keywords", "previous", "now", "expected"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_the_next_fire_time_is_the_schedules(source: object, keywords: dict[str, Any],
                                             previous: str | None, now: str,
                                             expected: str | None) -> None:
    trigger = CadenceTrigger(source, **keywords)
    found = trigger.get_next_fire_time(moment(previous), instant(now))
    assert (None if found is None else found.isoformat()) == expected
    if found is not None:
        assert found.tzinfo is trigger.schedule.tz  # aware, in the schedule's zone


def test_a_schedule_is_a_source_and_its_bounds_end_the_job() -> None:
    schedule = cadence.parse("0 9 * * *", tz="Europe/Berlin").bounded(
        start="2026-12-01T00:00+01:00", end="2026-12-03T09:00+01:00")
    trigger = CadenceTrigger(schedule)
    assert trigger.schedule is schedule
    fired = [trigger.get_next_fire_time(None, datetime(2026, 11, 1, tzinfo=UTC))]
    while fired[-1] is not None:
        fired.append(trigger.get_next_fire_time(fired[-1], fired[-1]))
    assert [t.isoformat() for t in fired if t is not None] == [
        "2026-12-01T09:00:00+01:00", "2026-12-02T09:00:00+01:00"]  # the end is excluded


def test_a_naive_now_is_the_schedules_wall_clock() -> None:
    trigger = CadenceTrigger("0 9 * * *", tz="Asia/Tokyo")
    found = trigger.get_next_fire_time(None, datetime(2026, 12, 4, 9, 0))
    assert found is not None
    assert found.isoformat() == "2026-12-04T09:00:00+09:00"


#: (previous fire time, now) pairs as APScheduler asks them, where its CronTrigger and
#: cadence must agree on a cron schedule (New York, away from DST changes).
ASKED = [(None, "2026-12-04T12:00:00-05:00"), (None, "2026-12-07T09:00:00-05:00"),
         (None, "2026-12-07T09:00:00.5-05:00"), (None, "2026-12-07T14:00:00+00:00"),
         ("2026-12-07T09:00:00-05:00", "2026-12-07T09:00:00-05:00"),
         ("2026-12-07T09:00:00-05:00", "2026-12-09T10:00:00-05:00"),
         ("2026-12-31T17:30:00-05:00", "2026-12-31T17:30:00.25-05:00")]


@pytest.mark.parametrize(("previous", "now"), ASKED)
def test_it_answers_as_apschedulers_own_cron_trigger(previous: str | None, now: str) -> None:
    theirs = CronTrigger(day_of_week="mon-fri", hour="9,17", minute="0,30",
                         timezone="America/New_York")
    ours = CadenceTrigger("0,30 9,17 * * MON-FRI", tz="America/New_York")
    answers = [trigger.get_next_fire_time(moment(previous), instant(now))
               for trigger in (theirs, ours)]
    assert answers[0] is not None
    assert answers[1] is not None
    assert answers[1].isoformat() == answers[0].isoformat()


def fire_times(trigger: CadenceTrigger, now: datetime, count: int) -> list[datetime]:
    """The first ``count`` fire times from ``now``, each asked after the one before."""
    found = [trigger.get_next_fire_time(None, now)]
    while len(found) < count:
        found.append(trigger.get_next_fire_time(found[-1], now))
    assert None not in found
    return [t for t in found if t is not None]


@pytest.fixture
def seeded() -> Iterator[None]:
    """APScheduler draws jitter from the random module: its state is put back after."""
    state = random.getstate()
    yield
    random.setstate(state)


@pytest.mark.usefixtures("seeded")
def test_jitter_delays_each_fire_time_within_bounds_reproducibly() -> None:
    now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    exact = fire_times(CadenceTrigger("0 * * * *"), now, 24)
    random.seed(16)
    jittered = fire_times(CadenceTrigger("0 * * * *", jitter=90), now, 24)
    random.seed(16)
    assert fire_times(CadenceTrigger("0 * * * *", jitter=90), now, 24) == jittered
    # each is at most 90 s after an hour; the next is counted from the delayed one
    assert [t.replace(minute=0, second=0, microsecond=0) for t in jittered] == exact
    delays = [(t - t.replace(minute=0, second=0, microsecond=0)).total_seconds()
              for t in jittered]
    assert all(0 <= delay <= 90 for delay in delays)
    assert len(set(delays)) == len(delays)  # drawn, not fixed
    assert fire_times(CadenceTrigger("0 * * * *", jitter=0), now, 24) == exact


@pytest.mark.parametrize("protocol", [2, pickle.HIGHEST_PROTOCOL])
def test_the_trigger_pickles_with_its_schedule_and_jitter(protocol: int) -> None:
    trigger = CadenceTrigger(NIGHTLY_2030, jitter=5)
    copied = pickle.loads(pickle.dumps(trigger, protocol))
    assert copied == trigger
    assert copied is not trigger
    # The store keeps the schedule's meaning, as the IR's JSON form: JSON-ready throughout.
    state = copied.__getstate__()
    assert state == {"version": 1, "schedule": trigger.schedule.to_json(), "jitter": 5}
    assert json.loads(json.dumps(state)) == state
    assert repr(copied) == repr(trigger)
    now = datetime(2030, 1, 1, tzinfo=UTC)
    assert copied.get_next_fire_time(None, now) is not None


@pytest.mark.parametrize(("state", "message"), [
    ({"version": 2, "schedule": None, "jitter": None},
     "CadenceTrigger: the job store holds state version 2, saved by a newer cadence; this "
     "cadence reads versions up to 1: upgrade cadence where this scheduler runs "
     "(pip install --upgrade cadence)"),
    ({"schedule": None}, "CadenceTrigger: the job store's state is not one a CadenceTrigger "
     "saved (a mapping with a version number), but an object; remove the job "
     "and add it again"),
    ({"version": 1, "schedule": "0 9 * * *", "jitter": None},
     "CadenceTrigger: the job store's state lacks its schedule (the IR's JSON form); "
     "remove the job and add it again"),
    ({"version": 1, "schedule": {"cadence_ir": 1, "zone": "UTC", "rules": [{"hours": [25]}]},
      "jitter": None},
     "CadenceTrigger: the job store's schedule does not read back: cadence IR payload is "
     "invalid: /rules/0/seconds: rules/0 needs seconds; see docs/ir-json.md; "
     "/rules/0/minutes: rules/0 needs minutes; see docs/ir-json.md; /rules/0/hours/0: "
     "hour 25 is out of range 0-23; remove the job and add it again"),
    ({"version": 1, "schedule": {}, "jitter": "5"},
     "CadenceTrigger: the job store's state has a bad jitter; remove the job and add it "
     "again"),
])
def test_a_state_it_cannot_read_is_refused_clearly(state: dict[str, object],
                                                   message: str) -> None:
    trigger = CadenceTrigger.__new__(CadenceTrigger)
    with pytest.raises(cadence.ScheduleError) as caught:
        trigger.__setstate__(state)
    assert str(caught.value) == message


def test_str_and_repr_name_the_schedule() -> None:
    trigger = CadenceTrigger("0 0 9 ? * MON-FRI", tz="Europe/Berlin", jitter=30)
    assert repr(trigger) == ("<CadenceTrigger (quartz '0 0 9 ? * MON-FRI', "
                             "tz='Europe/Berlin', dst='quartz', jitter=30)>")
    assert str(trigger) == ("cadence[quartz '0 0 9 ? * MON-FRI', tz='Europe/Berlin', "
                            "dst='quartz', jitter=30]")
    long = CadenceTrigger(ICS)
    assert str(long).startswith("cadence[ical 'BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT")
    assert "...', tz='Europe/Berlin'" in str(long)  # a log line shows the start
    assert "END:VCALENDAR" in repr(long)  # the repr shows it all


@pytest.mark.parametrize(("arguments", "keywords", "kind", "message"), [
    (("61 * * * *",), {}, cadence.ParseError, "minute 61 is out of range 0-59"),
    (("0 0 30 2 *",), {}, cadence.NeverFiresError, "never falls in February"),
    ((42,), {}, cadence.ScheduleError,
     "source: give a Schedule, a schedule's text or a JSON payload (a dict), not int"),
    (("0 9 * * *",), {"dst": "summer"}, cadence.ScheduleError, "summer"),
    (("0 9 * * *", None, "Mars/Olympus"), {}, cadence.ZoneError, "Mars/Olympus"),
    (("0 9 * * *", None, None, -1), {}, cadence.ScheduleError,
     "jitter must be a number of seconds, 0 or more (or None for none), not -1"),
    (("0 9 * * *", None, None, "5"), {}, cadence.ScheduleError, "not '5'"),
    (("0 9 * * *", None, None, float("nan")), {}, cadence.ScheduleError, "not nan"),
])
def test_a_bad_source_or_argument_raises_a_cadence_error_when_made(
        arguments: tuple[Any, ...], keywords: dict[str, Any],
        kind: type[cadence.ScheduleError], message: str) -> None:
    with pytest.raises(kind) as caught:
        CadenceTrigger(*arguments, **keywords)
    assert message in str(caught.value)


def test_a_zone_no_job_store_could_name_is_refused_when_the_trigger_is_made() -> None:
    """A ZoneInfo read from a file has no IANA key: the job store's JSON form of the
    schedule could not say which zone it is, so the trigger refuses it at once."""
    from importlib.resources import files

    with files("tzdata.zoneinfo.Europe").joinpath("Berlin").open("rb") as data:
        nameless = ZoneInfo.from_file(data)
    with pytest.raises(cadence.ScheduleError) as caught:
        CadenceTrigger("0 9 * * *", tz=nameless)
    assert str(caught.value).startswith(
        "a job store could not keep this schedule: this schedule's zone")


def test_now_must_be_a_datetime() -> None:
    with pytest.raises(cadence.ScheduleError,
                       match="the moment to fire from must be a datetime, not '2026-12-04'"):
        CadenceTrigger("0 9 * * *").get_next_fire_time(None, "2026-12-04")  # type: ignore[arg-type]


def test_keywords_given_with_a_schedule_must_agree_with_it() -> None:
    schedule = cadence.parse("0 9 * * *", tz="Europe/Berlin")
    assert CadenceTrigger(schedule, tz="Europe/Berlin").schedule is schedule
    with pytest.raises(cadence.ScheduleError, match="tz='Asia/Tokyo' does not apply"):
        CadenceTrigger(schedule, tz="Asia/Tokyo")


def test_without_apscheduler_3_the_import_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "cadence.integrations.apscheduler")
    monkeypatch.setitem(sys.modules, "apscheduler.triggers.base", None)  # as if absent
    with pytest.raises(ModuleNotFoundError) as caught:
        __import__("cadence.integrations.apscheduler")
    assert "pip install 'cadence[apscheduler]'" in str(caught.value)
    assert "cadence.integrations.apscheduler4" in str(caught.value)


# -- real schedulers ------------------------------------------------------------------------


class Runs:
    """What a scheduler's listener saw: each run's scheduled time by outcome, and an
    event set once ``wanted`` runs have executed."""

    def __init__(self, wanted: int) -> None:
        self.wanted = wanted
        self.executed: list[datetime] = []
        self.missed: list[datetime] = []
        self.failed: list[datetime] = []
        self.enough = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, event: Any) -> None:
        with self._lock:
            {EVENT_JOB_EXECUTED: self.executed, EVENT_JOB_MISSED: self.missed}.get(
                event.code, self.failed).append(event.scheduled_run_time)
            if len(self.executed) >= self.wanted:
                self.enough.set()

    def listen_to(self, scheduler: Any) -> None:
        scheduler.add_listener(self, EVENT_JOB_EXECUTED | EVENT_JOB_MISSED | EVENT_JOB_ERROR)

    def wait(self) -> None:
        assert self.enough.wait(120), f"only {len(self.executed)} runs in 120 s"


def every(schedule: cadence.Schedule, times: list[datetime]) -> list[datetime]:
    """The schedule's occurrences from the first of ``times`` to the last."""
    return schedule.between(times[0], times[-1] + SECOND)


def test_a_background_scheduler_runs_a_quartz_schedule_at_every_second() -> None:
    trigger = CadenceTrigger("* * * * * ?")
    runs = Runs(4)  # about 3 seconds
    scheduler = BackgroundScheduler(timezone="UTC")
    runs.listen_to(scheduler)
    scheduler.add_job(int, trigger, id="tick", coalesce=False, misfire_grace_time=None,
                      max_instances=4)
    before = datetime.now(UTC)
    scheduler.start()
    after = datetime.now(UTC)
    try:
        runs.wait()
    finally:
        scheduler.shutdown(wait=True)
    fired = sorted(runs.executed)
    assert runs.missed == runs.failed == []
    assert fired == every(trigger.schedule, fired)  # each second, none missing
    # the first is the first second at or after the moment the scheduler started
    earliest, latest = (trigger.get_next_fire_time(None, t) for t in (before, after))
    assert earliest is not None
    assert latest is not None
    assert earliest <= fired[0] <= latest
    assert all(t.utcoffset() == timedelta(0) and t.microsecond == 0 for t in fired)


def job_store(path: Path) -> Any:
    return SQLAlchemyJobStore(url=f"sqlite:///{path}")


def test_a_job_and_its_trigger_survive_in_a_sqlite_job_store(tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite"
    trigger = CadenceTrigger(NIGHTLY_2030)
    first = BackgroundScheduler(jobstores={"default": job_store(path)}, timezone="UTC")
    first.start(paused=True)
    try:
        first.add_job("os:getpid", trigger, id="nightly")
    finally:
        first.shutdown()
    with sqlite3.connect(path) as database:  # it is in the file, not only in memory
        rows = database.execute("SELECT id, next_run_time FROM apscheduler_jobs").fetchall()
    assert rows == [("nightly", datetime.fromisoformat("2030-03-11T02:30:00-04:00").timestamp())]

    second = BackgroundScheduler(jobstores={"default": job_store(path)}, timezone="UTC")
    second.start(paused=True)
    try:
        job = second.get_job("nightly")
    finally:
        second.shutdown()
    assert job.next_run_time.isoformat() == "2030-03-11T02:30:00-04:00"
    assert job.next_run_time == trigger.schedule.next(datetime.now(UTC))
    assert job.trigger == trigger
    assert repr(job.trigger) == repr(trigger)
    then = [job.trigger.get_next_fire_time(job.next_run_time, job.next_run_time)]
    then.append(job.trigger.get_next_fire_time(then[-1], then[-1]))
    then.append(job.trigger.get_next_fire_time(then[-1], then[-1]))
    assert [None if t is None else t.isoformat() for t in then] == [
        "2030-03-12T02:30:00-04:00", "2030-03-13T02:30:00-04:00", None]


@pytest.mark.parametrize(("coalesce", "grace"), [(False, None), (True, None), (False, 1)],
                         ids=["every missed run", "coalesced", "late runs missed"])
def test_runs_missed_while_no_scheduler_ran_are_handled_as_apscheduler_says(
        tmp_path: Path, coalesce: bool, grace: int | None) -> None:
    """A job stored with its next run time; no scheduler runs for over two seconds;
    then one starts on the same file and catches up on the every-second schedule."""
    path = tmp_path / "jobs.sqlite"
    trigger = CadenceTrigger("* * * * * ?")
    first = BackgroundScheduler(jobstores={"default": job_store(path)}, timezone="UTC")
    first.start(paused=True)
    try:
        stored = first.add_job("os:getpid", trigger, id="tick", coalesce=coalesce,
                               misfire_grace_time=grace, max_instances=4).next_run_time
    finally:
        first.shutdown()
    while datetime.now(UTC) < stored + 2.5 * SECOND:  # three fire times go by
        time.sleep(0.1)
    runs = Runs(2)
    second = BackgroundScheduler(jobstores={"default": job_store(path)}, timezone="UTC")
    runs.listen_to(second)
    second.start()
    try:
        runs.wait()
    finally:
        second.shutdown(wait=True)
    assert runs.failed == []
    executed, missed = sorted(runs.executed), sorted(runs.missed)
    if coalesce:  # the missed times run once, as the latest of them
        assert missed == []
        assert executed[0] >= stored + 2 * SECOND
        assert executed == every(trigger.schedule, executed)
    elif grace is None:  # each missed time runs, late
        assert missed == []
        assert executed[0] == stored
        assert executed == every(trigger.schedule, executed)
    else:  # the ones more than a second late are reported missed, the rest run
        assert missed[0] == stored
        both = sorted(missed + executed)
        assert both == every(trigger.schedule, both)
