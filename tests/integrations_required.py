"""Whether the integrations' tests may skip: ``.ci/run`` sets
``CADENCE_REQUIRE_INTEGRATIONS=1`` (and CI services set ``CI``), and there a missing
scheduler, broker, cluster or registry is a failure, not a skip."""

from __future__ import annotations

import os


def required() -> bool:
    """True where every integration must run (CI), False on a developer's machine."""
    return bool(os.environ.get("CADENCE_REQUIRE_INTEGRATIONS") or os.environ.get("CI"))
