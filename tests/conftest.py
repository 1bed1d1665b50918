"""Test-suite settings: Hypothesis runs reproducibly in CI; the HTTP API's test client."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from starlette.testclient import TestClient

# CI (CI=true) replays the same examples on every run and writes no example database,
# so a red build is always reproducible with the same command.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """Starlette's test client on a new ``cadence serve`` app (skips without the extra)."""
    from cadence.serve import create_app
    from serve_client import TestClient

    with TestClient(create_app()) as test_client:
        yield test_client
