"""Smoke test of ``benchmarks/bench_serve.py``: a small load run against a real
``cadence serve`` and the bare Starlette app, every endpoint answered and no response
lost; and the checks it makes of each answer, which must catch a wrong one. Timings are
not looked at."""

from __future__ import annotations

import http.client
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import cadence
from bench_loader import BENCHMARKS, load_benchmark

SOURCE = str(Path(cadence.__file__).resolve().parents[1])


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_benchmark("bench_serve")


@pytest.mark.integration  # it starts two uvicorn servers
def test_a_small_run_answers_every_endpoint_and_loses_nothing(bench: ModuleType) -> None:
    pytest.importorskip("starlette", reason="cadence serve needs the serve extra (starlette)")
    pytest.importorskip("uvicorn", reason="cadence serve needs the serve extra (uvicorn)")
    env = {**os.environ, "PYTHONPATH": SOURCE}
    done = subprocess.run([sys.executable, str(BENCHMARKS / "bench_serve.py"), "--requests",
                           "120", "--clients", "8", "--timeout", "60", "--json"],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert lines[-1].startswith("passed: no 5xx but the budget's 503, no lost response")
    rows = {line.split(" | ")[0].removeprefix("| ") for line in lines if line.startswith("| ")}
    assert set(bench.ENDPOINTS) <= rows
    assert {"cadence serve", "bare Starlette"} <= rows
    assert any(line.startswith("cadence throughput / bare Starlette throughput: ")
               for line in lines)
    start = lines.index("{")
    end = len(lines) - 1 - lines[::-1].index("}")
    result = json.loads("\n".join(lines[start:end + 1]))
    for run in ("cadence", "bare"):
        assert (result[run]["sent"], result[run]["answered"], result[run]["lost"]) == (
            120, 120, 0)
    assert result["cadence"]["compared"] > 0
    assert result["cadence alone"]["lost"] == 0
    assert all(result["cadence"]["endpoints"][name]["requests"] for name in bench.ENDPOINTS)


def _headers(text: str) -> http.client.HTTPMessage:
    return http.client.parse_headers(io.BytesIO(text.encode() + b"\r\n"))


PROBLEM = "Content-Type: application/problem+json\r\n"


def _problem(status: int, slug: str) -> bytes:
    return json.dumps({"type": f"urn:cadence:problem:{slug}", "title": "t", "status": status,
                       "detail": "d"}).encode()


def test_the_checks_catch_a_wrong_answer(bench: ModuleType) -> None:
    parse = bench.Kind("parse", "parse", "POST", "/v1/parse", b"{}", frozenset({200}))
    checks = bench.Checks({"parse": ["format", "ir"]})

    def judged(status: int, headers: str, raw: bytes) -> tuple[str | None, bool]:
        said, budget = bench.judge(parse, status, _headers(headers), raw, checks)
        return said, budget

    ok = b'{"format": "cron", "ir": {"rules": [{"hours": [9]}]}}'
    assert judged(200, "Content-Type: application/json\r\n", ok) == (None, False)
    # under load, the same answer as the request's alone
    checks.alone[parse] = {"format": "cron", "ir": {"rules": [{"hours": [10]}]}}
    assert judged(200, "Content-Type: application/json\r\n", ok) == (
        "200 with another answer than the same request's alone: /ir/rules/0/hours/0 is 9, "
        "alone 10", False)
    checks.alone[parse] = json.loads(ok)
    assert judged(200, "Content-Type: application/json\r\n", ok) == (None, False)
    # the budget's 503, with its Retry-After, is the documented answer
    assert judged(503, PROBLEM + "Retry-After: 1\r\n", _problem(503, "over-budget")) == (
        None, True)
    wrong = [judged(200, "Content-Type: application/json\r\n", b'{"format": "cron"}'),
             judged(200, "Content-Type: text/plain\r\n", ok),
             judged(200, "Content-Type: application/json\r\n", b"Traceback ..."),
             judged(500, PROBLEM, _problem(500, "internal")),
             judged(503, PROBLEM, _problem(503, "over-budget")),  # no Retry-After
             judged(503, PROBLEM + "Retry-After: 1\r\n", _problem(503, "internal")),
             judged(422, PROBLEM, _problem(422, "parse-error")),
             judged(400, PROBLEM, _problem(422, "bad-json")),  # status members differ
             judged(400, "Content-Type: application/json\r\n", _problem(400, "bad-json"))]
    assert all(said is not None and not budget for said, budget in wrong), wrong


def test_a_response_never_received_is_lost_and_fails_the_run(bench: ModuleType) -> None:
    port = bench.free_port()  # (nothing listens there)
    kinds = [bench.Kind("parse", "parse", "POST", "/v1/parse", b"{}", frozenset({200}))] * 3
    run = bench.Run(port, kinds, 2, float("inf"), 5.0, bench.Checks({}))
    run.run()
    result = bench.summary(run)
    assert (result["sent"], result["answered"], result["lost"]) == (3, 0, 3)
    assert bench.failures(result, "cadence serve")[0].startswith(
        "cadence serve: 3 lost responses (first: parse: lost: ConnectionRefusedError")


def test_a_run_cut_short_by_the_time_bound_fails(bench: ModuleType) -> None:
    kinds = [bench.Kind("parse", "parse", "POST", "/v1/parse", b"{}", frozenset({200}))] * 3
    run = bench.Run(bench.free_port(), kinds, 2, 0.0, 5.0, bench.Checks({}))  # (past deadline)
    run.run()
    assert bench.failures(bench.summary(run), "x") == [
        "x: 3 requests not sent within the time bound"]


def test_a_small_plan_has_every_endpoint_and_each_rare_kind(bench: ModuleType) -> None:
    pytest.importorskip("starlette", reason="cadence serve needs the serve extra (starlette)")
    from cadence import formats
    from cadence.serve import MAX_BODY_BYTES, MAX_N

    kinds = (bench.good_kinds(MAX_N, formats.names(writable=True))
             + bench.hostile_kinds(MAX_N, MAX_BODY_BYTES))
    planned = bench.plan(kinds, 60, random.Random(1))
    assert len(planned) == 60
    assert {kind.endpoint for kind in planned} == set(bench.ENDPOINTS)
    assert {kind.group for kind in planned} >= set(bench.RARE)
    assert planned == bench.plan(kinds, 60, random.Random(1))  # (seeded)
    # a big run sends every kind
    assert set(bench.plan(kinds, 2000, random.Random(1))) == set(kinds)
