"""Runs cadence's APScheduler 4 trigger in a real APScheduler 4 scheduler, in a process of
its own (APScheduler 3 is what the test environment installs; the test puts a
pre-release 4 first on ``PYTHONPATH``), and prints what happened as one JSON line.

``python apscheduler4_probe.py DATABASE RUNS``: a scheduler with a SQLAlchemy data store
on the SQLite file DATABASE runs a Quartz every-second schedule until RUNS jobs have
been released, and keeps a paused far-future RRULE schedule; a second scheduler on the
same file then reads both schedules back, and a state from a newer cadence is refused.
The module's own docstring examples run too.
"""

from __future__ import annotations

import doctest
import json
import sqlite3
import sys
import threading
from datetime import datetime
from typing import Any

from apscheduler import CoalescePolicy, JobReleased, Scheduler
from apscheduler.datastores.sqlalchemy import SQLAlchemyDataStore
from apscheduler.serializers.json import JSONSerializer

import cadence.integrations.apscheduler4 as integration
from cadence.integrations.apscheduler4 import CadenceTrigger

EVERY_SECOND = "* * * * * ?"
#: 2030-03-10 02:30 does not exist in New York (the clocks jump from 02:00 to 03:00):
#: RFC 5545 skips it, so the three occurrences are 03-11, 03-12 and 03-13.
NIGHTLY = "DTSTART;TZID=America/New_York:20300310T023000\nRRULE:FREQ=DAILY;COUNT=3"


def tick() -> None:
    """The task: nothing to do; the scheduler's events say when it ran."""


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def run(database: str, runs: int) -> dict[str, Any]:
    url = f"sqlite:///{database}"
    released: list[tuple[str | None, str]] = []
    enough = threading.Event()

    def listen(event: JobReleased) -> None:
        released.append((iso(event.scheduled_start), event.outcome.name))
        if len(released) >= runs:
            enough.set()

    with Scheduler(SQLAlchemyDataStore(url)) as scheduler:
        scheduler.subscribe(listen, {JobReleased})
        scheduler.add_schedule(tick, CadenceTrigger(NIGHTLY), id="nightly", paused=True)
        scheduler.add_schedule(tick, CadenceTrigger(EVERY_SECOND), id="tick",
                               coalesce=CoalescePolicy.all, misfire_grace_time=None)
        scheduler.start_in_background()
        finished = enough.wait(120)
        scheduler.stop()
        scheduler.wait_until_stopped()
    with Scheduler(SQLAlchemyDataStore(url)) as again:
        nightly = again.get_schedule("nightly")
        trigger = nightly.trigger
        stored = {"next_fire_time": iso(nightly.next_fire_time),
                  "trigger": type(trigger).__qualname__,
                  "state_version": trigger.__getstate__()["version"],
                  "then": [iso(trigger.next()) for _ in range(3)],
                  "and_then": iso(trigger.next())}
    in_json = kept_as_json(f"{database}-json")
    naive = CadenceTrigger(NIGHTLY, start_time=datetime(2030, 3, 12))  # New York wall time
    naive.__setstate__(naive.__getstate__())
    in_json["naive_start"] = [iso(naive.start_time), iso(naive.next())]
    try:
        CadenceTrigger.__new__(CadenceTrigger).__setstate__({**trigger.__getstate__(),
                                                             "version": 2})
        refused = ""
    except ValueError as error:
        refused = f"{type(error).__name__}: {error}"
    tested = doctest.testmod(integration)
    return {"finished": finished, "released": released, "stored": stored, "json": in_json,
            "refused": refused, "doctest": [tested.failed, tested.attempted]}


def kept_as_json(database: str) -> dict[str, Any]:
    """The paused RRULE schedule kept by a data store with APScheduler's JSON serializer:
    the trigger's state must be JSON itself (the IR's JSON form, ISO moments), and a
    second scheduler reads it back."""
    url = f"sqlite:///{database}"
    with Scheduler(SQLAlchemyDataStore(url, serializer=JSONSerializer())) as writer:
        writer.add_schedule(tick, CadenceTrigger(NIGHTLY), id="nightly", paused=True)
    with sqlite3.connect(database) as connection:
        (row,) = connection.execute("SELECT trigger FROM schedules").fetchall()
    text = row[0].decode() if isinstance(row[0], bytes) else row[0]
    with Scheduler(SQLAlchemyDataStore(url, serializer=JSONSerializer())) as reader:
        nightly = reader.get_schedule("nightly")
        return {"next_fire_time": iso(nightly.next_fire_time),
                "then": [iso(nightly.trigger.next()) for _ in range(3)],
                "keeps_the_ir": all(f'"{key}"' in text for key in ("cadence_ir", "rules", "zone"))}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], int(sys.argv[2]))))
