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
import re
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
    endpoints = bench.Api.of_server().rows
    assert set(endpoints) <= rows
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
    assert all(result["cadence"]["endpoints"][name]["requests"] for name in endpoints)


def _headers(text: str) -> http.client.HTTPMessage:
    return http.client.parse_headers(io.BytesIO(text.encode() + b"\r\n"))


PROBLEM = "Content-Type: application/problem+json\r\n"


def _problem(status: int, slug: str) -> bytes:
    return json.dumps({"type": f"urn:cadence:problem:{slug}", "title": "t", "status": status,
                       "detail": "d"}).encode()


def test_the_checks_catch_a_wrong_answer(bench: ModuleType) -> None:
    parse = bench.Kind("parse", "parse", "POST", "/v1/parse", b"{}", frozenset({200}), "parse")
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
    # a vendor envelope's trackingId is new in every answer; its other members are not
    checks.alone[parse] = {"format": "x", "ir": {}, "envelope": {"messages": ["a"]}}
    tracked = '{"format": "x", "ir": {}, "envelope": {"messages": ["%s"], "trackingId": "1f"}}'
    assert judged(200, "Content-Type: application/json\r\n",
                  (tracked % "a").encode()) == (None, False)
    assert judged(200, "Content-Type: application/json\r\n", (tracked % "b").encode())[0] == (
        "200 with another answer than the same request's alone: /envelope/messages/0 is "
        '"b", alone "a"')
    checks.alone[parse] = json.loads(ok)
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


def test_the_checks_catch_a_wrong_page_or_file(bench: ModuleType) -> None:
    css = b"body { color: black }"
    style = bench.Kind("style.css", "meta", "GET", "/static/style.css", None,
                       frozenset({200}), "static", media="text/css", content=css)
    page = bench.Kind("/", "meta", "GET", "/", None, frozenset({200}), "playground",
                      media="text/html")
    checks = bench.Checks({})

    def judged(kind: object, status: int, headers: str, raw: bytes) -> str | None:
        said, budget = bench.judge(kind, status, _headers(headers), raw, checks)
        assert not budget
        return str(said) if said is not None else None

    assert judged(style, 200, "Content-Type: text/css; charset=utf-8\r\n", css) is None
    assert judged(page, 200, "Content-Type: text/html; charset=utf-8\r\n", b"<p>") is None
    assert judged(style, 404, PROBLEM, _problem(404, "http-404")) == "404 (urn:cadence:" \
        "problem:http-404: d), expected 200"
    assert judged(style, 200, "Content-Type: text/plain\r\n", css) == (
        "200 as text/plain, expected text/css")
    assert judged(style, 200, "Content-Type: text/css\r\n", css[:-1]) == (
        "200 with 20 bytes that are not the file's 21")
    assert judged(page, 200, "Content-Type: application/json\r\n", b"{}") == (
        "200 as application/json, expected text/html")
    checks.alone[page] = b"<p>"
    assert judged(page, 200, "Content-Type: text/html\r\n", b"<q>") == (
        "200 with other bytes than the same request's alone")
    # a 404 for an unknown file must be a problem body
    nope = bench.Kind("nope", "hostile", "GET", "/static/nope.js", None, frozenset({404}),
                      "static")
    assert judged(nope, 404, PROBLEM, _problem(404, "http-404")) is None
    assert judged(nope, 404, "Content-Type: text/plain\r\n", b"Not Found") is not None


def test_a_response_never_received_is_lost_and_fails_the_run(bench: ModuleType) -> None:
    port = bench.free_port()  # (nothing listens there)
    kinds = [bench.Kind("parse", "parse", "POST", "/v1/parse", b"{}", frozenset({200}),
                        "parse")] * 3
    run = bench.Run(port, kinds, 2, float("inf"), 5.0, bench.Checks({}))
    run.run()
    result = bench.summary(run)
    assert (result["sent"], result["answered"], result["lost"]) == (3, 0, 3)
    assert bench.failures(result, "cadence serve")[0].startswith(
        "cadence serve: 3 lost responses (first: parse: lost: ConnectionRefusedError")


def test_a_run_cut_short_by_the_time_bound_fails(bench: ModuleType) -> None:
    kinds = [bench.Kind("parse", "parse", "POST", "/v1/parse", b"{}", frozenset({200}),
                        "parse")] * 3
    run = bench.Run(bench.free_port(), kinds, 2, 0.0, 5.0, bench.Checks({}))  # (past deadline)
    run.run()
    assert bench.failures(bench.summary(run), "x") == [
        "x: 3 requests not sent within the time bound"]


def test_a_small_plan_has_every_endpoint_and_each_rare_kind(bench: ModuleType) -> None:
    pytest.importorskip("starlette", reason="cadence serve needs the serve extra (starlette)")
    from cadence import formats
    from cadence.serve import MAX_BODY_BYTES, MAX_N, openapi
    from cadence.serve._endpoints import WORK
    from cadence.serve._pages import ASSETS

    api = bench.Api.of_server()
    kinds = (bench.good_kinds(api, MAX_N, formats.names(writable=True))
             + bench.hostile_kinds(api, MAX_N, MAX_BODY_BYTES))
    planned = bench.plan(kinds, 60, random.Random(1))
    assert len(planned) == 60
    assert {kind.endpoint for kind in planned} == set(api.rows)
    # the server's own lists, each of them answered 200 at least once
    good = {(kind.method, kind.path) for kind in planned if kind.expected == {200}}
    assert {("POST", f"/v1/{name}") for name in WORK} <= good
    gets = {path for path, item in openapi()["paths"].items() if "get" in item}
    assert {("GET", path) for path in gets | {"/", "/v1", "/v1/docs"}} <= good
    assert {("GET", f"/static/{name}") for name in ASSETS} <= good
    # every file the pages load is among those
    pages = (ASSETS["index.html"] + ASSETS["docs.html"]).decode()
    loaded = set(re.findall(r'"/static/([^"]+)"', pages))
    assert loaded
    assert loaded <= set(ASSETS)
    assert {kind.group for kind in planned} >= set(bench.RARE)
    assert planned == bench.plan(kinds, 60, random.Random(1))  # (seeded)
    # a big run sends every kind
    assert set(bench.plan(kinds, 2000, random.Random(1))) == set(kinds)
