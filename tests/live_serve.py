"""A real ``cadence serve`` for the tests that talk to it over HTTP (the API's live tests,
the browser tests): the command started as a subprocess on a free loopback port, and
stopped when the test module is done."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import cadence

SOURCE = str(Path(cadence.__file__).resolve().parents[1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server() -> Iterator[str]:
    """The base URL of a ``cadence serve`` running until the block ends (the test skips
    where the serve extra is not installed)."""
    pytest.importorskip("starlette", reason="cadence serve needs the serve extra")
    pytest.importorskip("uvicorn", reason="cadence serve needs the serve extra")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": SOURCE}
    process = subprocess.Popen([sys.executable, "-m", "cadence", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # up to a minute on a busy machine
            if process.poll() is not None:
                assert process.stderr is not None
                pytest.fail(f"cadence serve exited: {process.stderr.read().decode()}")
            try:
                with urllib.request.urlopen(f"{base}/v1/openapi.json", timeout=5):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("cadence serve did not answer within a minute")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:  # pragma: no cover - uvicorn stops on SIGTERM
            process.kill()
            process.wait()
        assert process.stderr is not None
        process.stderr.close()
