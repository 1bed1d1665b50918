"""Test-suite settings: Hypothesis runs reproducibly in CI."""

from __future__ import annotations

import os

from hypothesis import settings

# CI (CI=true) replays the same examples on every run and writes no example database,
# so a red build is always reproducible with the same command.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
