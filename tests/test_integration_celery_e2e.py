"""Celery beat driving real tasks on cadence schedules, end to end: a real ``redis-server``
as the broker, a real Celery worker (and, in the first test, a real ``celery beat``) as
subprocesses, each test with its own server on a free loopback port, so that they run
side by side under ``-n 2``. The worker records every task it runs in redis; the test
then checks the runs against :meth:`cadence.Schedule.between`.

Skipped only where ``redis-server`` is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("celery", reason="the celery extra is not installed")
pytest.importorskip("redis", reason="the redis client (celery[redis]) is not installed")

import redis
from celery import Celery
from celery.beat import BeatLazyFunc, Scheduler

import cadence
from cadence.integrations.celery import ENDED, cadence_schedule

pytestmark = pytest.mark.integration

#: The cadence under test, for the subprocesses to import.
SOURCE = str(Path(cadence.__file__).resolve().parents[1])
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
RUNS = "cadence-e2e:runs"  # the redis list the worker's task appends to
TASK = "cadence_e2e.record"

#: The app the worker and beat load (``celery -A cadence_e2e_app``), written to tmp_path.
APP_MODULE = '''\
"""The Celery app of cadence's end-to-end test (written there by the test)."""
import json
import time

import redis
from celery import Celery
from celery.beat import BeatLazyFunc

from cadence.integrations.celery import cadence_schedule

BROKER = {broker!r}
SOURCE = {source!r}  # the schedule beat runs (None: a worker only)
app = Celery("cadence_e2e", broker=BROKER)
app.conf.update(timezone="UTC", broker_connection_retry_on_startup=True,
                worker_prefetch_multiplier=1)
if SOURCE is not None:
    app.conf.beat_schedule = {{
        "every-2-seconds": {{
            "task": {task!r},
            "schedule": cadence_schedule(SOURCE),
            # evaluated by beat as it sends the task: the moment it was sent
            "kwargs": {{"entry": "every-2-seconds", "sent_at": BeatLazyFunc(time.time)}},
        }},
    }}


@app.task(name={task!r})
def record(entry, sent_at):
    client = redis.Redis.from_url(BROKER)
    client.rpush({runs!r}, json.dumps({{"entry": entry, "sent_at": sent_at,
                                       "ran_at": time.time()}}))
    client.close()
'''


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Processes:
    """The subprocesses a test starts, each stopped (SIGTERM, then SIGKILL) when the
    test ends, whatever happens."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, argv: list[str]) -> subprocess.Popen[bytes]:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(self.directory), SOURCE])}
        with (self.directory / f"{name}.out").open("wb") as out:
            process = subprocess.Popen(argv, cwd=self.directory, env=env, stdout=out,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.started.append(process)
        return process

    def celery(self, name: str, *arguments: str) -> subprocess.Popen[bytes]:
        return self.start(name, [sys.executable, "-m", "celery", "-A", "cadence_e2e_app",
                                 *arguments, f"--logfile={self.directory / name}.log",
                                 "--loglevel=INFO"])

    @staticmethod
    def stop(process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in reversed(self.started):
            self.stop(process)

    def output(self, name: str) -> str:
        return "\n".join(path.read_text(errors="replace")
                         for path in sorted(self.directory.glob(f"{name}.*")))


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Processes]:
    started = Processes(tmp_path)
    try:
        yield started
    finally:
        started.stop_all()


@pytest.fixture
def broker(processes: Processes) -> str:
    """A redis-server of its own on a free loopback port, with no persistence: its URL."""
    if not Path(REDIS_SERVER).exists():
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run "
                    "installs it)")
    for _ in range(3):  # another process may take the free port first: try another
        port = free_port()
        server = processes.start(f"redis-{port}", [
            REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(processes.directory)])
        client = redis.Redis(host="127.0.0.1", port=port)
        try:
            for _ in range(100):
                if server.poll() is not None:
                    break
                try:
                    if client.ping():
                        return f"redis://127.0.0.1:{port}/0"
                except redis.ConnectionError:
                    time.sleep(0.05)
        finally:
            client.close()
        processes.stop(server)
    pytest.fail("redis-server did not start:\n" + processes.output("redis-"))


def write_app(directory: Path, broker: str, source: str | None) -> None:
    (directory / "cadence_e2e_app.py").write_text(
        APP_MODULE.format(broker=broker, source=source, task=TASK, runs=RUNS))


def start_worker(processes: Processes) -> None:
    processes.celery("worker", "worker", "--pool=solo", "--concurrency=1",
                     "--without-gossip", "--without-mingle", "--without-heartbeat",
                     f"--hostname=e2e-{os.getpid()}-{time.monotonic_ns()}@localhost")


def wait_for(what: str, found: Callable[[], bool], processes: Processes,
             timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not found():
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} within {timeout:.0f} s:\n"
                        + processes.output("worker") + processes.output("beat"))
        time.sleep(0.05)


def runs(broker: str) -> list[dict[str, Any]]:
    client = redis.Redis.from_url(broker)
    try:
        return [json.loads(item) for item in client.lrange(RUNS, 0, -1)]
    finally:
        client.close()


def drain(broker: str, processes: Processes) -> list[dict[str, Any]]:
    """Every run, once the worker has run every task sent so far: a last task sent
    after them all is run after them (one queue, a solo worker taking one at a time)."""
    app = Celery("cadence-e2e-sentinel", broker=broker, set_as_current=False)
    try:
        with app.producer_or_acquire() as producer:
            app.send_task(TASK, kwargs={"entry": "sentinel", "sent_at": None},
                          producer=producer)
    finally:
        app.close()
    wait_for("run of the last task", lambda: any(
        run["entry"] == "sentinel" for run in runs(broker)), processes)
    return [run for run in runs(broker) if run["entry"] != "sentinel"]


def occurrence_sent(schedule: cadence.Schedule, moment: datetime) -> datetime:
    """The occurrence a task sent at ``moment`` was sent for: the latest at or before it."""
    found = schedule.prev(moment + timedelta(microseconds=1))
    assert found is not None, moment
    return found


def beat_started_at(processes: Processes) -> datetime:
    """When beat logged "beat: Starting..." (its log's local time, to the millisecond)."""
    for line in processes.output("beat").splitlines():
        if "beat: Starting..." in line:
            stamp = line[1:line.index(": INFO")]
            return datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f").astimezone(timezone.utc)
    pytest.fail("beat never started:\n" + processes.output("beat"))


#: The schedule's period. A send belongs to the latest occurrence at or before it; no
#: bound on how late it may be is asserted (the machine may be busy), but a send a whole
#: period late would show here as a missing occurrence and a doubled one, and beat
#: coalesces runs it missed, so the sends matching the occurrences one to one is the check.
PERIOD = timedelta(seconds=2)
#: How long beat may take, after it logs that it starts, to set up and send its first
#: task: generous, since only a stale first send (for an occurrence before beat started,
#: long past) would be wrong.
SETTING_UP = timedelta(seconds=5)


def test_beat_runs_an_every_2_seconds_schedule_once_per_occurrence(
        processes: Processes, broker: str) -> None:
    """``celery beat`` and a ``celery worker`` (subprocesses) on a real redis: a task on
    Quartz's ``*/2 * * * * ?`` for about 10 seconds. Every occurrence from beat's first
    send until it was stopped was sent once, and run once."""
    every_2_seconds = "*/2 * * * * ?"
    write_app(processes.directory, broker, every_2_seconds)
    start_worker(processes)
    beat = processes.celery("beat", "beat", f"--schedule={processes.directory}/beat-schedule",
                            f"--pidfile={processes.directory}/beat.pid")
    wait_for("task sent by beat", lambda: bool(runs(broker)), processes)
    first_sent = min(run["sent_at"] for run in runs(broker))
    time.sleep(max(0.0, first_sent + 10 - time.time()))
    stopped_at = datetime.now(timezone.utc)
    processes.stop(beat)
    done = sorted(drain(broker, processes), key=lambda run: run["sent_at"])

    schedule = cadence.parse(every_2_seconds)
    sent = [datetime.fromtimestamp(run["sent_at"], timezone.utc) for run in done]
    due = [occurrence_sent(schedule, moment) for moment in sent]
    expected = schedule.between(due[0], stopped_at)
    if len(due) == len(expected) - 1 and expected[-1] > stopped_at - PERIOD:
        expected.pop()  # due as beat was stopped: it may not have sent it
    assert [when.isoformat() for when in due] == [t.isoformat() for t in expected]
    assert len(expected) >= 4  # about 10 seconds of a 2-second schedule
    # beat's first send is for an occurrence after it started, not a stale one
    assert timedelta(0) <= due[0] - beat_started_at(processes) < PERIOD + SETTING_UP
    assert all(run["ran_at"] >= run["sent_at"] for run in done)


#: A SailPoint campaign: Monday to Friday (days 2-6; 1 is Sunday) at 09:00, 11:00, ...,
#: 17:00 Central time (CST is America/Chicago), expiring on Thursday at noon.
CAMPAIGN = {"type": "WEEKLY", "days": {"type": "RANGE", "values": ["2", "6"]},
            "hours": {"type": "RANGE", "values": ["9", "17"], "interval": 2},
            "timeZoneId": "CST", "expiration": "2026-11-26T12:00:00-06:00"}
#: The same as an RRULE: its UNTIL, like the expiration, is inclusive.
RRULE = ("DTSTART;TZID=America/Chicago:20261123T090000\n"
         "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,11,13,15,17;BYMINUTE=0;"
         "BYSECOND=0;UNTIL=20261126T180000Z")


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def iso(self) -> str:
        return self.moment.isoformat(timespec="seconds")


def test_a_campaign_payload_and_an_rrule_drive_beat_the_same_way(
        processes: Processes, broker: str) -> None:
    """A campaign fires at most hourly, so a week of it is not run in real time: beat's
    own ``Scheduler`` (celery.beat, the class ``celery beat`` runs) ticks in this process
    on a controlled clock, which moves by the seconds each tick asks beat to sleep (as
    beat's loop sleeps them), and sends each task for real to the redis broker, where a
    real worker subprocess consumes it. Each task carries the clock's moment as beat
    sent it (a ``BeatLazyFunc``, evaluated at the send); the worker records it.

    The week from Saturday 2026-11-21: the campaign and the RRULE each run at every
    occurrence ``Schedule.between`` lists (Monday to Thursday noon, 17), at the second,
    once, the same moments, and after the expiration and the UNTIL, never again."""
    write_app(processes.directory, broker, None)
    start_worker(processes)
    clock = Clock(datetime(2026, 11, 21, tzinfo=timezone.utc))
    app = Celery("cadence-e2e-beat", broker=broker, set_as_current=False)
    app.conf.update(timezone="UTC", result_expires=None, beat_schedule={
        name: {"task": TASK, "schedule": cadence_schedule(source, nowfun=clock),
               "kwargs": {"entry": name, "sent_at": BeatLazyFunc(clock.iso)}}
        for name, source in (("campaign", CAMPAIGN), ("rrule", RRULE))})
    scheduler = Scheduler(app)
    try:
        end = datetime(2026, 11, 28, tzinfo=timezone.utc)
        while clock() < end:  # beat's loop: tick, sleep what it asks (at least 1 ms)
            clock.moment += timedelta(seconds=max(scheduler.tick(), 0.001))
        # both have ended: beat is told to sleep as long as it ever does
        assert scheduler.tick() == scheduler.max_interval
        assert {entry.is_due() for entry in scheduler.schedule.values()} == {
            (False, ENDED.total_seconds())}
    finally:
        scheduler.close()
        app.close()
    done = drain(broker, processes)

    expected = [moment.astimezone(timezone.utc).isoformat() for moment in
                cadence.parse(CAMPAIGN).between("2026-11-21T00:00Z", "2026-11-28T00:00Z")]
    assert len(expected) == 17
    assert expected[0] == "2026-11-23T15:00:00+00:00"  # Monday 09:00 CST
    assert expected[-1] == "2026-11-26T17:00:00+00:00"  # Thursday 11:00 CST, before noon
    for name in ("campaign", "rrule"):
        assert sorted(run["sent_at"] for run in done if run["entry"] == name) == expected
