"""Where the integrations must run (``.ci/run``), everything their tests need is here:
their tests skip only where a package or server is truly absent, so this test makes
that absence a failure in CI instead of a quiet row of skips."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from integrations_required import required

pytestmark = pytest.mark.integration

#: The packages the integrations' tests import, with the extra that brings each.
PACKAGES = {
    "apscheduler": "cadence[apscheduler]", "sqlalchemy": "the test extra",
    "celery": "cadence[celery]", "redis": "celery[redis] (the test extra)",
    "distributed": "cadence[dask]", "pyarrow": "cadence[parquet]",
    "croniter": "the test extra", "pytz": "the test extra",
    "starlette": "cadence[serve]", "uvicorn": "cadence[serve]", "httpx": "the test extra",
    "selenium": "the test extra",
}
#: The servers, from Debian's packages, that .ci/run installs.
PROGRAMS = {"redis-server": "apt-get install redis-server",
            "chromium": "apt-get install chromium",
            "chromedriver": "apt-get install chromium-driver"}


@pytest.mark.skipif(not required(), reason="integrations may skip here: set "
                                           "CADENCE_REQUIRE_INTEGRATIONS=1 to require them")
def test_everything_the_integrations_need_is_installed() -> None:
    missing = [f"{name} ({extra})" for name, extra in PACKAGES.items()
               if importlib.util.find_spec(name) is None]
    missing += [f"{name} ({install})" for name, install in PROGRAMS.items()
                if shutil.which(name) is None]
    assert missing == []


def test_the_apscheduler_installed_is_3x_for_the_trigger_tests() -> None:
    """The test extra pins APScheduler 3 (4 is tested in a directory of its own)."""
    pytest.importorskip("apscheduler")
    from importlib.metadata import version

    assert version("apscheduler").split(".")[0] == "3"
