"""cadence.integrations.apscheduler4: APScheduler 4 (a pre-release) runs cadence schedules.

The test environment installs APScheduler 3 (the two cannot be installed side by side),
so APScheduler 4 is installed from the package registry at test time into a directory of
its own, kept in the temporary directory for the next run, and a real APScheduler 4
scheduler runs in a subprocess (``apscheduler4_probe.py``) with that directory first on
``PYTHONPATH``. Where the registry cannot be reached the tests skip and say so; in CI
(where ``CI`` is set, and the registry is there) they fail instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import cadence
from integrations_required import required

pytestmark = pytest.mark.integration

VERSION = "4.0.0a6"
#: Its SQLAlchemy data store also imports sniffio, which newer anyio no longer brings.
REQUIREMENTS = (f"apscheduler[sqlalchemy]=={VERSION}", "sniffio")
SOURCE = Path(cadence.__file__).resolve().parents[1]
PROBE = Path(__file__).with_name("apscheduler4_probe.py")


@pytest.fixture(scope="session")
def apscheduler4() -> Path:
    """The directory holding APScheduler 4 and what it needs, installed from the package
    registry once and kept in the temporary directory (pytest-xdist workers may race to
    install it: the first to finish keeps its copy)."""
    home = Path(tempfile.gettempdir()) / (
        f"cadence-tests-apscheduler-{VERSION}-py{sys.version_info[0]}{sys.version_info[1]}")
    if (home / "apscheduler" / "abc.py").is_file():
        return home
    staging = Path(tempfile.mkdtemp(prefix=f"{home.name}-", dir=home.parent))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--no-input", "--retries", "2", "--timeout", "30", "--target", str(staging),
         *REQUIREMENTS],
        capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        said = (done.stderr.strip().splitlines() or ["(pip said nothing)"])[-1]
        reason = f"APScheduler {VERSION} could not be installed from the package registry: {said}"
        if required():
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        staging.rename(home)
    except OSError:  # another worker's copy is already there
        shutil.rmtree(staging, ignore_errors=True)
    return home


@pytest.fixture(scope="module")
def probed(apscheduler4: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the probe saw: a scheduler on a SQLite data store ran the every-second
    schedule for 4 jobs (about 3 seconds), then a second one read the schedules back."""
    database = tmp_path_factory.mktemp("apscheduler4") / "schedules.sqlite"
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
                   "PYTHONPATH": os.pathsep.join([str(apscheduler4), str(SOURCE)])}
    done = subprocess.run([sys.executable, str(PROBE), str(database), "4"],
                          capture_output=True, text=True, timeout=300, env=environment,
                          check=False)
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return found


def test_a_real_apscheduler_4_scheduler_fires_at_the_schedules_times(
        probed: dict[str, Any]) -> None:
    assert probed["finished"]
    assert {outcome for _, outcome in probed["released"]} == {"success"}
    fired = sorted(datetime.fromisoformat(start) for start, _ in probed["released"])
    assert len(fired) >= 4
    every_second = cadence.parse("* * * * * ?")
    assert fired == every_second.between(fired[0], fired[-1] + timedelta(seconds=1))


def test_its_trigger_survives_in_a_sqlite_data_store_and_its_count_ends_it(
        probed: dict[str, Any]) -> None:
    """The paused RRULE schedule (2030-03-10 02:30 falls in New York's DST gap, which
    RFC 5545 skips; COUNT=3), read back by a second scheduler on the same file."""
    assert probed["stored"] == {
        "next_fire_time": "2030-03-11T02:30:00-04:00",
        "trigger": "CadenceTrigger",
        "state_version": 1,
        "then": ["2030-03-12T02:30:00-04:00", "2030-03-13T02:30:00-04:00", None],
        "and_then": None,
    }


def test_apscheduler_4s_json_serializer_keeps_the_schedules_meaning(
        probed: dict[str, Any]) -> None:
    """A data store with APScheduler's JSON serializer keeps the trigger as JSON: the
    IR's JSON form (the meaning, not the RRULE text) and ISO moments; read back, it
    fires as before."""
    assert probed["json"] == {
        "next_fire_time": "2030-03-11T02:30:00-04:00",
        "then": ["2030-03-12T02:30:00-04:00", "2030-03-13T02:30:00-04:00", None],
        "keeps_the_ir": True,
        # a naive start_time is wall time in the schedule's zone, and is stored with it
        "naive_start": ["2030-03-12T00:00:00-04:00", "2030-03-12T02:30:00-04:00"],
    }


def test_a_state_from_a_newer_cadence_is_refused_under_apscheduler_4(
        probed: dict[str, Any]) -> None:
    assert probed["refused"] == (
        "ScheduleError: CadenceTrigger: the job store holds state version 2, saved by a "
        "newer cadence; this cadence reads versions up to 1: upgrade cadence where this "
        "scheduler runs (pip install --upgrade cadence)")


def test_the_modules_examples_hold_under_apscheduler_4(probed: dict[str, Any]) -> None:
    failed, attempted = probed["doctest"]
    assert (failed, attempted > 0) == (0, True)


def test_without_apscheduler_4_the_import_says_what_to_install() -> None:
    """APScheduler 3 is what this environment has: the module says what it needs."""
    if "apscheduler.abc" in sys.modules or _has_apscheduler4():
        pytest.skip("APScheduler 4 is installed here")
    with pytest.raises(ModuleNotFoundError) as caught:
        __import__("cadence.integrations.apscheduler4")
    message = str(caught.value)
    assert message.startswith("cadence.integrations.apscheduler4 needs APScheduler 4.0.0a6 "
                              "or later (APScheduler ")
    assert message.endswith("pip install 'apscheduler>=4.0.0a6'; with APScheduler 3.x, "
                            "use cadence.integrations.apscheduler")


def _has_apscheduler4() -> bool:
    try:
        __import__("apscheduler.abc")
    except ImportError:
        return False
    return True
