"""Starlette's test client for the API's tests. Starlette 1.x warns, once, on importing
it, that the client will move from httpx to httpx2; it works as before, and the test
extra installs httpx, so the warning is silenced here, in one place."""

from __future__ import annotations

import warnings

import pytest

pytest.importorskip("starlette", reason="cadence serve needs the serve extra (starlette)")
pytest.importorskip("httpx", reason="Starlette's test client needs httpx (the test extra)")

from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`",
                            StarletteDeprecationWarning)
    from starlette.testclient import TestClient

__all__ = ["TestClient"]
