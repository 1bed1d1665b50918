"""Acceptance: croniter's own test suite, run against cadence's croniter facade.

At test time croniter 7.0.0's sdist is fetched from the package registry into a temporary
directory (nothing of croniter is committed), its ``src/croniter/tests`` is extracted, and
a stand-in package named ``croniter`` re-exports :mod:`cadence.compat.croniter` (as
``croniter``, ``croniter.croniter`` and ``croniter.cron_m``) beside those tests. The suite
runs in a subprocess with pytest; the tests that fail must be exactly those listed, with
their reasons, in ``tests/fixtures/croniter_suite_exceptions.txt``: a new failure fails
this test, and so does a listed test that now passes (the list is then to be shortened).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import cadence
from integrations_required import required

pytestmark = pytest.mark.integration

VERSION = "7.0.0"
EXCEPTIONS = Path(__file__).parent / "fixtures" / "croniter_suite_exceptions.txt"
CADENCE_SRC = Path(cadence.__file__).resolve().parents[1]
#: What pip says when the registry cannot be reached (the only reason to skip).
UNREACHABLE = ("NewConnectionError", "Max retries exceeded", "Temporary failure in name",
               "Network is unreachable", "ConnectTimeout", "ReadTimeout",
               "No matching distribution found", "Could not fetch URL", "ProxyError")

STAND_IN = f'''"""A stand-in for croniter: cadence's facade under croniter's names."""
import sys

try:
    import cadence.compat.croniter
except ImportError:  # a child process the suite starts with a PYTHONPATH of its own
    for name in [name for name in sys.modules if name.split(".")[0] == "cadence"]:
        del sys.modules[name]
    sys.path.insert(0, {str(CADENCE_SRC)!r})
from cadence.compat import croniter as cron_m

sys.modules[__name__ + ".croniter"] = cron_m
from cadence.compat.croniter import *  # noqa: E402,F403
from cadence.compat.croniter import croniter  # noqa: E402
'''

RECORDER = '''"""Writes each test id with PASSED or FAILED (a failing subtest fails its test)."""
import os

FAILED, SEEN = set(), set()


def pytest_runtest_logreport(report):
    SEEN.add(report.nodeid)
    if report.failed:
        FAILED.add(report.nodeid)


def pytest_sessionfinish(session):
    with open(os.environ["CRONITER_SUITE_REPORT"], "w") as out:
        for nodeid in sorted(SEEN):
            out.write(("FAILED " if nodeid in FAILED else "PASSED ") + nodeid + "\\n")
'''


def listed_exceptions() -> dict[str, str]:
    """The committed list: ``test id | reason`` per line (``#`` lines are comments)."""
    listed: dict[str, str] = {}
    for line in EXCEPTIONS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            test_id, _, reason = line.partition(" | ")
            assert reason.strip(), f"{test_id} is listed without its reason"
            listed[test_id.strip()] = reason.strip()
    return listed


def fetch_suite(where: Path) -> Path:
    """croniter's tests from its sdist, downloaded now (skips only when the registry
    cannot be reached)."""
    downloads = where / "sdist"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", f"croniter=={VERSION}", "--no-binary",
         ":all:", "--no-deps", "--disable-pip-version-check", "-d", str(downloads)],
        capture_output=True, text=True, check=False, timeout=300)
    if result.returncode != 0:
        said = result.stdout + result.stderr
        if any(sign in said for sign in UNREACHABLE) and not required():
            pytest.skip(f"the package registry cannot be reached to fetch croniter "
                        f"{VERSION}'s sdist: {said.strip().splitlines()[-1]}")
        pytest.fail(f"pip download of croniter {VERSION} failed:\n{said}")
    (archive,) = downloads.glob(f"croniter-{VERSION}.tar.gz")
    package = where / "pkg" / "croniter"
    prefix = f"croniter-{VERSION}/src/croniter/tests/"
    with tarfile.open(archive) as sdist:
        members = [member for member in sdist.getmembers()
                   if member.name.startswith(prefix) and member.isfile()]
        assert members, f"no {prefix} in {archive.name}"
        for member in members:
            target = package / "tests" / member.name[len(prefix):]
            target.parent.mkdir(parents=True, exist_ok=True)
            source = sdist.extractfile(member)
            assert source is not None
            target.write_bytes(source.read())
    (package / "__init__.py").write_text(STAND_IN, encoding="utf-8")
    (where / "pkg" / "record_croniter_suite.py").write_text(RECORDER, encoding="utf-8")
    return where / "pkg"


def run_suite(root: Path) -> dict[str, bool]:
    """Run the suite against the stand-in: each test id and whether it passed."""
    report = root / "report.txt"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(CADENCE_SRC)]),
           "CRONITER_SUITE_REPORT": str(report), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_XDIST_WORKER", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist",
         "-p", "record_croniter_suite", "-q", "--rootdir", str(root), "croniter/tests"],
        cwd=root, env=env, capture_output=True, text=True, check=False, timeout=900)
    assert report.exists(), f"croniter's suite did not run:\n{result.stdout}\n{result.stderr}"
    outcomes = {}
    for line in report.read_text(encoding="utf-8").splitlines():
        outcome, _, test_id = line.partition(" ")
        outcomes[test_id] = outcome == "PASSED"
    return outcomes


def test_croniters_own_suite_fails_only_where_the_list_says_why(tmp_path: Path) -> None:
    outcomes = run_suite(fetch_suite(tmp_path))
    listed = listed_exceptions()
    failed = {test_id for test_id, passed in outcomes.items() if not passed}
    passed = len(outcomes) - len(failed)
    print(f"croniter {VERSION}'s suite against cadence.compat.croniter: {len(outcomes)} "
          f"tests, {passed} passed, {len(failed & listed.keys())} failed as listed "
          f"({len(listed)} listed)")
    assert len(outcomes) > 250, "croniter's suite was not collected whole"
    new = sorted(failed - listed.keys())
    fixed = sorted(listed.keys() - failed)
    assert not new, f"failures that are not listed: {new}"
    assert not fixed, f"listed tests that now pass (take them off the list): {fixed}"
