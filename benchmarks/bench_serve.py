#!/usr/bin/env python
"""``cadence serve`` under load on loopback: every endpoint, good and hostile bodies,
from concurrent keep-alive clients; no 5xx but the budget's 503, no lost response.

Run ``python benchmarks/bench_serve.py`` (``--help`` for the options). It starts
``python -m cadence serve`` on a free loopback port (uvicorn), sends ``--requests``
requests (default 2,000) from ``--clients`` threads (default 32), each with its own
keep-alive ``http.client`` connection, and checks every answer:

- its status is in the request's expected set (a good parse is 200, a body that is not
  JSON 400, a body past 8 MiB 413, an unknown zone 422, a wrong method 405 ...), or it is
  the documented budget answer: 503 with ``Retry-After`` and an ``over-budget`` problem
  body, which any work endpoint may give when a request works past its budget or all
  workers are busy;
- a 200 of a work endpoint is a JSON object with the endpoint's required members (from
  the OpenAPI document), ``GET /v1`` the JSON index; ``GET /`` (the playground) and
  ``GET /v1/docs`` are ``text/html``, and each of the pages' files at
  ``GET /static/{name}`` has its content type (CSS, JavaScript, SVG) and the file's
  bytes; any other status is an ``application/problem+json`` body with ``type``,
  ``title``, ``status`` (the response's) and ``detail``;
- a 200 is the same JSON (or the same bytes) as the same request's answer alone: before
  the load, each distinct request is sent once, one at a time (the warm-up);
- a request with no answer (a reset, a timeout, no status line) is counted as lost.

The endpoints are the server's own: the work endpoints are the OpenAPI document's POST
paths (each sent its documented examples and every hostile body), the GET paths are its
GET paths plus ``/``, ``/v1`` and ``/v1/docs``, and the static files are every file the
pages may load (``cadence.serve._pages.ASSETS``); a new one joins the mix by itself.
The mix is drawn from ``--seed``: each format's samples (the vendor documentation's
examples in ``tests/fixtures/seeds.json`` and Quartz, systemd, iCalendar and RFC 5545
texts) parsed, listed (``n`` up to 1,000), converted to every writable target (refused
where the target cannot say the schedule: 422, as ``cadence.convert`` says in this
process), validated with the envelope, compared, and shown a month at a time (December
2026, this month, and the calendar's first and last months, 0001-01 and 9999-12; the
schedules of windows all four; an every-second rule in those too); bodies that are not
JSON or not UTF-8, nested 5,000 deep, a 5,000-digit number, unknown members, wrong types,
an unknown zone, a huge ``n``, months that are not YYYY-MM or before 0001 (2026-13,
December, 0000-01, 5,000 characters, a number), a few bodies over 8 MiB, a few bodies
sent half-way and then left (503 when their budget runs out), a few comparisons over 400
years of two every-second rules that may run past the budget, wrong methods, unknown
paths and static files that do not exist or lie outside the folder (404).

The same clients then send the same requests to a bare Starlette app on the same
uvicorn (one route answering ``{"ok": true}`` after reading the body): cadence's
throughput over that is the cost of cadence's work over the framework's. Exit status 1
when any answer is wrong or lost, or the run does not end within ``--timeout``; the last
line says what failed. Standard library, cadence, Starlette and uvicorn.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import random
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any, TextIO

import cadence

HOST = "127.0.0.1"
SEEDS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seeds.json"
#: The moment ``next``, ``diff`` and ``validate`` count from (not the day of the run).
AFTER = "2026-12-04T12:00Z"
#: The table's rows after the server's own paths (:class:`Api`): the JSON index, the two
#: pages, their files, and wrong paths and methods.
PAGES = {"/v1": "index", "/": "playground", "/v1/docs": "docs"}
META_ROWS = (*PAGES.values(), "static", "other")
#: The content type each page and static file must be served with, by file suffix.
MEDIA = {".html": "text/html", ".css": "text/css", ".js": "text/javascript",
         ".svg": "image/svg+xml", ".png": "image/png"}
PROBLEM_MEMBERS = ("type", "title", "status", "detail")
OVER_BUDGET = "urn:cadence:problem:over-budget"
#: Members of a vendor's error body that are new in every answer (SailPoint's
#: ``trackingId``): left out where an answer is compared with the same request's alone.
VOLATILE = ("trackingId",)
#: Bodies at least this long go through a sender that stops sending when the server
#: answers early (a 413 arrives before the body has all gone).
BIG = 1 << 20
ICAL = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261207T090000Z\r\n"
        "DTEND:20261207T170000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
#: Text samples of the formats the seed file has no example of, or few.
TEXTS = (("cron", "0 9 * * MON-FRI", "Europe/Berlin"), ("cron", "*/15 * * * *", None),
         ("cron", "CRON_TZ=America/New_York 30 2 * * *", None), ("cron", "0 0 L * *", None),
         ("quartz", "0 0 9 ? * MON-FRI", "Europe/Berlin"), ("quartz", "0 15 10 L * ?", None),
         ("quartz", "0 0 12 ? * 2#1", None), ("systemd", "Mon..Fri 09:00", "Europe/Berlin"),
         ("systemd", "*-*-01 00:00:00", None), ("systemd", "Sat,Sun *-*-* 10:00", None),
         ("ical", ICAL, None), ("rrule", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0", None),
         ("rrule", "FREQ=SECONDLY", None))
#: Two every-second rules that differ on the 31st only: compared over the longest
#: horizon, seconds of work that may run past the budget (then 503).
DENSE = ("FREQ=SECONDLY",
         "FREQ=SECONDLY;BYMONTHDAY=" + ",".join(str(day) for day in range(1, 31)))


@dataclass(frozen=True)
class Kind:
    """One kind of request: what it is, where it goes, the statuses it may get and the
    table row (``endpoint``) it counts in."""

    name: str
    group: str
    method: str
    path: str
    body: bytes | None
    expected: frozenset[int]
    endpoint: str
    chunked: bool = False
    #: Send half the body, then wait: a body sent slowly counts against the budget.
    stall: bool = False
    #: A 200 that is not JSON: its content type, and its bytes where they are known.
    media: str | None = None
    content: bytes | None = None


@dataclass(frozen=True)
class Api:
    """What the server serves, from its own lists: the work endpoints (the OpenAPI
    document's POST paths) with their requests' examples and answers' required members,
    its GET paths, and the pages' files (``cadence.serve._pages.ASSETS``)."""

    work: tuple[str, ...]
    examples: dict[str, list[object]]
    required: dict[str, list[str]]
    gets: tuple[str, ...]
    assets: dict[str, bytes]

    @classmethod
    def of_server(cls) -> Api:
        from cadence.serve import _pages, openapi

        document = openapi()
        posts = [(path, item["post"]) for path, item in document["paths"].items()
                 if "post" in item]
        work = tuple(path.removeprefix("/v1/") for path, _ in posts)
        schemas = document["components"]["schemas"]
        examples = {path.removeprefix("/v1/"): [
            example["value"] for example in operation["requestBody"]["content"][
                "application/json"].get("examples", {}).values()] for path, operation in posts}
        return cls(work, examples,
                   {name: schemas[f"{name}_response"]["required"] for name in work},
                   tuple(path for path, item in document["paths"].items() if "get" in item),
                   dict(_pages.ASSETS))

    @property
    def rows(self) -> tuple[str, ...]:
        return (*self.work, *(path.removeprefix("/v1/") for path in self.gets), *META_ROWS)


@dataclass(frozen=True)
class Outcome:
    """One request's answer (``status`` None: lost) and what is wrong with it."""

    kind: Kind
    status: int | None
    seconds: float
    wrong: str | None
    budget: bool = False


def _post(name: str, group: str, endpoint: str, body: object, *expected: int) -> Kind:
    return Kind(name, group, "POST", f"/v1/{endpoint}", json.dumps(body).encode(),
                frozenset(expected), endpoint)


def _get(name: str, path: str, endpoint: str, *expected: int, media: str | None = None,
         content: bytes | None = None, method: str = "GET") -> Kind:
    group = "meta" if expected == (200,) else "hostile"
    return Kind(name, group, method, path, None, frozenset(expected), endpoint,
                media=media, content=content)


def _media(name: str) -> str:
    """The content type a file is served with: a suffix not in :data:`MEDIA` is expected
    as ``application/octet-stream``, so a new kind of file fails the run until named."""
    return MEDIA.get(name[name.rfind("."):], "application/octet-stream")


def meta_kinds(api: Api) -> list[Kind]:
    """The GET paths: the OpenAPI document's, the JSON index, the pages as HTML and each
    of the pages' files with its content type and its bytes."""
    kinds = [_get(f"GET {path}", path, path.removeprefix("/v1/"), 200) for path in api.gets]
    kinds.append(_get("GET /v1", "/v1", PAGES["/v1"], 200))
    kinds += [_get(f"GET {path}", path, row, 200, media="text/html")
              for path, row in PAGES.items() if path != "/v1"]
    kinds += [_get(f"GET /static/{name}", f"/static/{name}", "static", 200,
                   media=_media(name), content=content)
              for name, content in sorted(api.assets.items())]
    return kinds


def samples() -> list[tuple[str, object, str | None]]:
    """(format, source, zone) of each sample: the seed file's and :data:`TEXTS`."""
    seeds = json.loads(SEEDS.read_text("utf-8"))
    return [(seed["format"], seed["source"], None) for seed in seeds] + list(TEXTS)


def _convert_status(source: object, target: str, lossy: bool = False,
                    duration: str | None = None, start: str | None = None,
                    tz: str | None = None) -> int:
    """What ``POST /v1/convert`` must answer: 422 where ``cadence.convert`` refuses."""
    try:
        schedule = cadence.parse(source, tz=tz)
        if duration is not None:
            schedule = schedule.with_duration(duration)
        if lossy:
            cadence.convert(schedule, to=target, lossy=True, start=start)
        else:
            cadence.convert(schedule, to=target, start=start)
    except cadence.ScheduleError:
        return 422
    return 200


def good_kinds(api: Api, max_n: int, targets: Sequence[str]) -> list[Kind]:
    """Well-formed requests of every endpoint: each work endpoint's documented examples
    (so that a new endpoint is sent at least those), and over every sample."""
    kinds = meta_kinds(api)
    kinds += [_post(f"{name} example #{index}", name, name, example, 200)
              for name in api.work for index, example in enumerate(api.examples[name])]
    counts = (1, 5, 100, max_n)
    months = (None, "0001-01", "9999-12")
    for index, (fmt, source, zone) in enumerate(samples()):
        read = {"source": source, **({"tz": zone} if zone else {})}
        label = f"{fmt} #{index}"
        kinds.append(_post(f"parse {label}", "parse", "parse", read, 200))
        kinds.append(_post(f"parse {label} with format", "parse", "parse",
                           {**read, "format": fmt}, 200))
        n = counts[index % len(counts)]
        kinds.append(_post(f"next {label} n={n}", "next", "next",
                           {**read, "after": AFTER, "n": n}, 200))
        for target in targets:
            kinds.append(_post(f"convert {label} to {target}", "convert", "convert",
                               {"source": source, "to": target},
                               _convert_status(source, target)))
        kinds.append(_post(f"convert {label} to cron, lossy", "convert", "convert",
                           {"source": source, "to": "cron", "lossy": True},
                           _convert_status(source, "cron", lossy=True)))
        # (valid: a null envelope where the format has none)
        kinds.append(_post(f"validate {label} with envelope", "validate", "validate",
                           {"source": source, "envelope": True}, 200))
        kinds.append(_post(f"validate {label}", "validate", "validate",
                           {"source": source, "at": AFTER}, 200))
        kinds.append(_post(f"diff {label} with itself", "diff", "diff",
                           {"a": source, "b": source, "after": AFTER}, 200))
        # every sample's December 2026, and this month, the first or the last one; the
        # schedules of windows (Helix, Bentley, iCalendar with DTEND) all of those
        windows = fmt in ("helix", "bentley", "ical")
        for month in ("2026-12", *(months if windows else [months[index % len(months)]])):
            kinds.append(_post(f"month {label} {month or 'this month'}", "month", "month",
                               {**read, **({"month": month} if month else {})}, 200))
    for target in ("helix", "bentley", "ical", "rrule"):  # (some refuse the window)
        kinds.append(_post(f"convert with a duration and a start to {target}", "convert",
                           "convert", {"source": "0 9 * * MON-FRI", "to": target,
                                       "tz": "Europe/Berlin", "duration": "PT8H",
                                       "start": "2026-12-07"},
                           _convert_status("0 9 * * MON-FRI", target, duration="PT8H",
                                           start="2026-12-07", tz="Europe/Berlin")))
    kinds += [
        _post("validate invalid edfs", "validate", "validate",
              {"source": {"cronStr": "61 * * * *"}, "envelope": True}, 200),
        _post("validate timebundle-status", "validate", "validate",
              {"source": {"_for": "revision", "status": "CREATED"},
               "format": "timebundle-status", "envelope": True}, 200),
        _post("next every second n=max", "next", "next",
              {"source": "* * * * * ?", "after": AFTER, "n": max_n}, 200),
        _post("diff cron/rrule equivalent", "diff", "diff",
              {"a": "0 9 * * 1-5", "b": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;"
               "BYMINUTE=0;BYSECOND=0", "after": AFTER}, 200),
        _post("diff cron/quartz different", "diff", "diff",
              {"a": "0 9 * * 1-6", "b": "0 0 9 ? * MON-FRI", "after": AFTER,
               "horizon_days": 365}, 200),
        _post("diff systemd/cron zoned", "diff", "diff",
              {"a": "Mon..Fri 09:00", "b": "0 9 * * MON-FRI", "tz": "Europe/Berlin",
               "after": AFTER}, 200),
        _post("month every second, zoned", "month", "month",
              {"source": "* * * * * ?", "tz": "America/New_York", "month": "2026-03"}, 200),
        *(_post(f"month every second in {month}", "month", "month",
                {"source": DENSE[0], "month": month}, 200)
          for month in ("0001-01", "9999-12")),
    ]
    return kinds


def hostile_kinds(api: Api, max_n: int, max_body: int) -> list[Kind]:
    """Bodies no client should send to each work endpoint, and wrong methods and paths."""
    raw: list[tuple[str, bytes, int]] = [
        ("not JSON", b"{", 400), ("empty body", b"", 400), ("JSON null", b"null", 400),
        ("JSON array", b"[]", 400), ("not UTF-8", b"\xff\xfe{}", 400),
        ("UTF-16", '{"source": "0 9 * * *"}'.encode("utf-16"), 400),
        ("nested 5000 deep", b'{"source": ' + b"[" * 5000 + b"]" * 5000 + b"}", 400),
        ("5000-digit number", b'{"source": 1' + b"0" * 5000 + b"}", 400),
        ("n 1e308", b'{"source": "0 9 * * *", "n": 1e308}', 400),
    ]
    kinds = [Kind(f"{endpoint}: {name}", "hostile", "POST", f"/v1/{endpoint}", body,
                  frozenset({status}), endpoint)
             for endpoint in api.work for name, body, status in raw]
    kinds += [
        _post("parse: unknown member", "hostile", "parse", {"sorce": "0 9 * * *"}, 400),
        _post("parse: unknown format", "hostile", "parse",
              {"source": "0 9 * * *", "format": "crom"}, 400),
        _post("parse: 60 unknown members", "hostile", "parse",
              {"source": "0 9 * * *", **{f"x{i}": i for i in range(60)}}, 400),
        _post("next: source a number", "hostile", "next", {"source": 5}, 400),
        _post("next: n a boolean", "hostile", "next", {"source": "0 9 * * *", "n": True},
              400),
        _post("next: n past the most", "hostile", "next",
              {"source": "0 9 * * *", "n": max_n + 1}, 400),
        _post("next: n huge", "hostile", "next", {"source": "0 9 * * *", "n": 10 ** 18}, 400),
        _post("convert: no target", "hostile", "convert", {"source": "0 9 * * *"}, 400),
        _post("convert: lossy a string", "hostile", "convert",
              {"source": "0 9 * * *", "to": "cron", "lossy": "yes"}, 400),
        _post("diff: no b", "hostile", "diff", {"a": "0 9 * * *"}, 400),
        _post("diff: horizon past the most", "hostile", "diff",
              {"a": "0 9 * * *", "b": "0 9 * * *", "horizon_days": 10 ** 9}, 400),
        _post("parse: unknown zone", "hostile", "parse",
              {"source": "0 9 * * *", "tz": "Mars/Olympus"}, 422),
        _post("next: unknown zone", "hostile", "next",
              {"source": "0 9 * * *", "tz": "Europe/Nowhere", "n": 3}, 422),
        _post("parse: out of range", "hostile", "parse", {"source": "61 * * * *"}, 422),
        _post("parse: never fires", "hostile", "parse", {"source": "0 0 30 2 *"}, 422),
        _post("parse: a file name", "hostile", "parse", {"source": "/etc/passwd"}, 422),
        _post("parse: unknown payload", "hostile", "parse", {"source": {"foo": 1}}, 422),
        _post("parse: lone surrogate", "hostile", "parse", {"source": "\ud800"}, 422),
        _post("parse: control characters", "hostile", "parse",
              {"source": "\u0000\u001b[31m\u0007"}, 422),
        _post("parse: a million words", "hostile", "parse", {"source": "1 " * 1_000_000},
              422),
        _post("next: not a moment", "hostile", "next",
              {"source": "0 9 * * *", "after": "yesterday"}, 422),
        _post("convert: start bound to cron", "hostile", "convert",
              {"source": "DTSTART:20261207T090000Z\nRRULE:FREQ=DAILY;COUNT=3", "to": "cron"},
              422),
        _post("validate: JSON text cut short", "hostile", "validate",
              {"source": '{"cronStr": 5'}, 422),
        _post("validate: invalid text, envelope", "hostile", "validate",
              {"source": "61 * * * *", "envelope": True}, 422),
        *(_post(f"month: month {label}", "hostile", "month",
                {"source": "0 9 * * *", "month": month}, 400)
          for label, month in (("2026-13", "2026-13"), ("December", "December"),
                               ("0000-01", "0000-01"), ("of 5,000 characters", "2" * 5000),
                               ("a number", 202612))),
        _get("GET /v1/parse", "/v1/parse", "other", 405),
        Kind("POST /v1/openapi.json", "hostile", "POST", "/v1/openapi.json", b"{}",
             frozenset({405}), "other"),
        _get("DELETE /v1/diff", "/v1/diff", "other", 405, method="DELETE"),
        _get("POST /", "/", "other", 405, method="POST"),
        _get("POST /static/style.css", "/static/style.css", "other", 405, method="POST"),
        Kind("POST /v2/parse", "hostile", "POST", "/v2/parse", b"{}", frozenset({404}),
             "other"),
        _get("GET a long unknown path", "/v1/" + "x" * 2000, "other", 404),
        _get("GET an unknown static file", "/static/nope.js", "static", 404),
        _get("GET a static path out of the folder", "/static/..%2f_app.py", "static", 404),
    ]
    over = b'{"source": "' + b" " * max_body + b'"}'
    kinds += [Kind("parse: body over the cap", "huge", "POST", "/v1/parse", over,
                   frozenset({413}), "parse"),
              Kind("next: body over the cap, chunked", "huge", "POST", "/v1/next", over,
                   frozenset({413}), "next", chunked=True)]
    kinds.append(Kind("parse: half a body, then nothing", "slow", "POST", "/v1/parse",
                      b'{"source": "0 9 * * *"}', frozenset({503}), "parse", stall=True))
    kinds.append(_post("diff: two every-second rules over 400 years", "expensive", "diff",
                       {"a": DENSE[0], "b": DENSE[1], "tz": "Europe/Berlin", "after": AFTER,
                        "horizon_days": 146_097}, 200, 503))
    return kinds


#: How often each group is drawn after every kind has had its turn; the rare ones
#: (big, slow, expensive) come a fixed few times instead.
WEIGHTS = {"parse": 4, "next": 4, "convert": 4, "validate": 3, "month": 3, "diff": 2,
           "meta": 2, "hostile": 6}
RARE = ("huge", "slow", "expensive")


def plan(kinds: Sequence[Kind], total: int, rng: random.Random) -> list[Kind]:
    """``total`` requests: each kind once where there is room (else each endpoint and
    GET path once), each rare kind once per 1,000 requests (at least once), the rest
    drawn by group."""
    common = [kind for kind in kinds if kind.group not in RARE]
    rare = [kind for kind in kinds if kind.group in RARE] * max(1, total // 1000)
    if total >= 2 * len(common) + len(rare):
        chosen = list(common)
    else:
        # each work endpoint's first good request, each GET path's, and a wrong one
        first = {(kind.endpoint, kind.path if kind.method == "GET" else ""): kind
                 for kind in reversed(common) if kind.expected == {200}}
        chosen = [*first.values(), next(kind for kind in common if kind.endpoint == "other")]
    chosen += rare
    groups = sorted({kind.group for kind in common})
    by_group = {group: [kind for kind in common if kind.group == group] for group in groups}
    weights = [WEIGHTS.get(group, 3) for group in groups]  # (a new endpoint: 3)
    while len(chosen) < total:
        group = rng.choices(groups, weights)[0]
        chosen.append(rng.choice(by_group[group]))
    rng.shuffle(chosen)
    return chosen[:total]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class Server:
    """A server subprocess on a free loopback port, its output in ``log``."""

    def __init__(self, argv: list[str], ready_path: str, log: IO[bytes]) -> None:
        self.port, self.log = free_port(), log
        source = str(Path(cadence.__file__).resolve().parents[1])
        path = os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen([*argv, "--port", str(self.port)],
                                        env={**os.environ, "PYTHONPATH": path},
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.ready_path = ready_path

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}): "
                                   f"{self.tail()}")
            connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
            try:
                connection.request("GET", self.ready_path)
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass  # (not listening yet)
            finally:
                connection.close()
            time.sleep(0.1)
        raise RuntimeError(f"the server did not answer within {seconds:g} s: {self.tail()}")

    def tail(self, lines: int = 15) -> str:
        self.log.seek(0)
        return "\n".join(self.log.read().decode(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Terminate, then kill after ten seconds."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextmanager
def serving(argv: list[str], ready_path: str) -> Iterator[Server]:
    """A started server, stopped however the block ends (Ctrl-C included)."""
    with tempfile.TemporaryFile() as log:
        server = Server(argv, ready_path, log)
        try:
            server.wait_ready()
            yield server
        finally:
            server.stop()


def _framed(kind: Kind) -> bytes:
    """The request's bytes on the wire, for :func:`send_big`."""
    assert kind.body is not None
    head = (f"{kind.method} {kind.path} HTTP/1.1\r\nHost: {HOST}\r\n"
            "Content-Type: application/json\r\nConnection: close\r\n")
    if not kind.chunked:
        return f"{head}Content-Length: {len(kind.body)}\r\n\r\n".encode() + kind.body
    step = 1 << 16
    chunks = [b"%x\r\n%s\r\n" % (len(kind.body[i:i + step]), kind.body[i:i + step])
              for i in range(0, len(kind.body), step)]
    return f"{head}Transfer-Encoding: chunked\r\n\r\n".encode() + b"".join(chunks) + b"0\r\n\r\n"


def send_big(port: int, kind: Kind, timeout: float, stall: bool = False
             ) -> tuple[int, http.client.HTTPMessage, bytes]:
    """A big body on its own connection, sent until the server answers (as curl does:
    a server may answer 413 from the headers and close before reading the body); with
    ``stall``, half the body and then nothing until the answer."""
    data = memoryview(_framed(kind))
    end = len(data) - len(kind.body or b"") // 2 if stall else len(data)
    with socket.create_connection((HOST, port), timeout) as sock:
        sock.setblocking(False)
        sent, deadline = 0, time.monotonic() + timeout
        while sent < end and time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock], [], 1.0)
            if readable:
                break  # the answer came first
            if writable:
                try:
                    sent += sock.send(data[sent:min(end, sent + (1 << 16))])
                except BlockingIOError:
                    continue
                except OSError:
                    break  # closed by the server: its answer may be waiting
        sock.settimeout(timeout)
        response = http.client.HTTPResponse(sock, method=kind.method)
        response.begin()
        return response.status, response.headers, response.read()


@dataclass
class Checks:
    """What each answer is checked against: each endpoint's required members, and each
    request's answer when it was sent alone (a 200 under load must be the same)."""

    required: dict[str, list[str]]
    alone: dict[Kind, object] = field(default_factory=dict)
    bare: bool = False


def judge(kind: Kind, status: int, headers: http.client.HTTPMessage, raw: bytes,
          checks: Checks) -> tuple[str | None, bool]:
    """What is wrong with an answer (None: nothing), and whether it is the budget's 503."""
    if checks.bare:  # the bare app answers every request {"ok": true}
        ok = status == 200 and raw == b'{"ok":true}'
        return (None if ok else f"the bare app answered {status} {raw[:60]!r}"), False
    media = (headers.get("Content-Type") or "").split(";")[0].strip()
    if status == 200 and kind.media is not None:  # a page or a file: not JSON
        if media != kind.media:
            return f"200 as {media or 'no type'}, expected {kind.media}", False
        if kind.content is not None and raw != kind.content:
            return (f"200 with {len(raw):,} bytes that are not the file's "
                    f"{len(kind.content):,}"), False
        if kind in checks.alone and raw != checks.alone[kind]:
            return "200 with other bytes than the same request's alone", False
        return None, False
    try:
        body = json.loads(raw)
    except ValueError:
        return f"{status} with a body that is not JSON ({raw[:60]!r})", False
    if not isinstance(body, dict):
        return f"{status} with a JSON body that is not an object", False
    if status == 200:
        missing = [key for key in checks.required.get(kind.endpoint, []) if key not in body]
        if media != "application/json" or missing:
            return f"200 as {media or 'no type'}, missing {missing}", False
        if kind in checks.alone and steady(body) != checks.alone[kind]:
            return ("200 with another answer than the same request's alone: "
                    f"{_first_difference(steady(body), checks.alone[kind])}"), False
    else:
        absent = [key for key in PROBLEM_MEMBERS if key not in body]
        if media != "application/problem+json" or absent or body.get("status") != status:
            return (f"{status} as {media or 'no type'}, problem members missing {absent} "
                    f"or status {body.get('status')!r}"), False
    budget = (status == 503 and body.get("type") == OVER_BUDGET
              and headers.get("Retry-After") is not None and kind.method == "POST"
              and kind.endpoint in checks.required)
    if status not in kind.expected and not budget:
        said = f" ({body['type']}: {str(body.get('detail'))[:80]})" if "type" in body else ""
        return f"{status}{said}, expected {'/'.join(map(str, sorted(kind.expected)))}", False
    return None, budget


def steady(body: dict[str, Any]) -> dict[str, Any]:
    """``body`` without the :data:`VOLATILE` members of its ``envelope``."""
    envelope = body.get("envelope")
    if not isinstance(envelope, dict) or not any(key in envelope for key in VOLATILE):
        return body
    return {**body, "envelope": {key: value for key, value in envelope.items()
                                 if key not in VOLATILE}}


def _first_difference(got: object, alone: object, where: str = "") -> str:
    """Where two JSON values first differ, as a JSON Pointer and both values."""
    if isinstance(got, dict) and isinstance(alone, dict) and got.keys() == alone.keys():
        key = next(key for key in got if got[key] != alone[key])
        return _first_difference(got[key], alone[key], f"{where}/{key}")
    if isinstance(got, list) and isinstance(alone, list) and len(got) == len(alone):
        index = next(index for index, (a, b) in enumerate(zip(got, alone, strict=True))
                     if a != b)
        return _first_difference(got[index], alone[index], f"{where}/{index}")
    return f"{where or '/'} is {json.dumps(got)[:60]}, alone {json.dumps(alone)[:60]}"


class Run:
    """``clients`` threads sending ``requests`` to ``port`` until done or the deadline."""

    def __init__(self, port: int, requests: Sequence[Kind], clients: int, deadline: float,
                 request_timeout: float, checks: Checks) -> None:
        self.port, self.requests, self.deadline = port, requests, deadline
        self.request_timeout, self.checks, self.clients = request_timeout, checks, clients
        self.outcomes: list[Outcome] = []
        #: The 200 answers, by request (kept for the runs alone).
        self.answers: dict[Kind, object] = {}
        self.next_index = 0
        self.lock = threading.Lock()
        self.seconds = 0.0

    def _take(self) -> Kind | None:
        with self.lock:
            if self.next_index >= len(self.requests) or time.monotonic() > self.deadline:
                return None
            self.next_index += 1
            return self.requests[self.next_index - 1]

    def _one(self, connection: http.client.HTTPConnection, kind: Kind) -> Outcome:
        began = time.perf_counter()
        try:
            stall = kind.stall and not self.checks.bare  # (the bare app would wait for ever)
            if stall or (kind.body is not None and len(kind.body) >= BIG):
                # the keep-alive connection would sit idle meanwhile, and the server
                # closes one idle for 5 s: the next request opens a new one instead
                connection.close()
                status, headers, raw = send_big(self.port, kind, self.request_timeout, stall)
            else:
                connection.request(kind.method, kind.path, body=kind.body,
                                   headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                status, headers, raw = response.status, response.headers, response.read()
        except (OSError, http.client.HTTPException) as exc:
            connection.close()  # (reopened by the next request)
            return Outcome(kind, None, time.perf_counter() - began,
                           f"lost: {type(exc).__name__}: {exc}"[:160])
        seconds = time.perf_counter() - began
        wrong, budget = judge(kind, status, headers, raw, self.checks)
        if status == 200 and wrong is None and not self.checks.bare:
            self.answers[kind] = raw if kind.media is not None else steady(json.loads(raw))
        return Outcome(kind, status, seconds, wrong, budget)

    def _client(self) -> None:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.request_timeout)
        found = []
        try:
            while (kind := self._take()) is not None:
                found.append(self._one(connection, kind))
        finally:
            connection.close()
            with self.lock:
                self.outcomes += found

    def run(self) -> None:
        threads = [threading.Thread(target=self._client, daemon=True)
                   for _ in range(self.clients)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            while thread.is_alive():  # (short joins, so that Ctrl-C is seen)
                thread.join(0.2)
        self.seconds = time.perf_counter() - began


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0-100) of ``values``, 0 when empty."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(share / 100 * len(ordered)) - 1)]


def latency(outcomes: Sequence[Outcome]) -> dict[str, float]:
    """p50, p90, p99 and max of the answered requests, in milliseconds."""
    answered = [1000 * outcome.seconds for outcome in outcomes if outcome.status is not None]
    return {"p50": percentile(answered, 50), "p90": percentile(answered, 90),
            "p99": percentile(answered, 99), "max": max(answered, default=0.0)}


def summary(run: Run, rows: Sequence[str] = ()) -> dict[str, Any]:
    """The run in numbers; a row per endpoint in ``rows`` (default: those sent, sorted)."""
    outcomes = run.outcomes
    answered = [outcome for outcome in outcomes if outcome.status is not None]
    statuses = Counter(outcome.status for outcome in answered)
    return {
        "planned": len(run.requests), "sent": len(outcomes), "answered": len(answered),
        "lost": len(outcomes) - len(answered), "not_sent": len(run.requests) - len(outcomes),
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
        "budget_503": sum(outcome.budget for outcome in outcomes),
        "wrong": sum(outcome.wrong is not None and outcome.status is not None
                     for outcome in outcomes),
        "seconds": run.seconds,
        "throughput": len(answered) / run.seconds if run.seconds else 0.0,
        "latency_ms": latency(outcomes),
        "endpoints": {endpoint: {
            "requests": len(mine := [o for o in outcomes if o.kind.endpoint == endpoint]),
            "statuses": dict(sorted(Counter(str(o.status) for o in mine).items())),
            "latency_ms": latency(mine)}
            for endpoint in rows or sorted({kind.endpoint for kind in run.requests})},
        "problems": [f"{outcome.kind.name}: {outcome.wrong}" for outcome in outcomes
                     if outcome.wrong is not None],
    }


def failures(result: dict[str, Any], name: str) -> list[str]:
    """What failed in one run, in words."""
    found = []
    if result["lost"]:
        found.append(f"{name}: {result['lost']} lost responses")
    other = sum(count for code, count in result["statuses"].items()
                if code.startswith("5")) - result["budget_503"]
    if other:
        found.append(f"{name}: {other} 5xx answers other than the budget's 503")
    if result["wrong"]:
        found.append(f"{name}: {result['wrong']} answers not as expected")
    if result["not_sent"]:
        found.append(f"{name}: {result['not_sent']} requests not sent within the time bound")
    if found and result["problems"]:
        found[-1] += f" (first: {result['problems'][0]})"
    return found


def load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "unknown"


def _ms(values: dict[str, float]) -> str:
    return " | ".join(f"{values[key]:.1f}" for key in ("p50", "p90", "p99", "max"))


def report(results: dict[str, Any], out: TextIO) -> None:
    """The markdown tables."""
    ours, bare = results["cadence"], results.get("bare")
    print("| server | sent | answered | lost | 503 (budget) | seconds | requests/s | "
          "p50 ms | p90 ms | p99 ms | max ms |", file=out)
    print("|---|---|---|---|---|---|---|---|---|---|---|", file=out)
    for label, key in (("cadence serve", "cadence"), ("bare Starlette", "bare"),
                       ("cadence serve, alone", "cadence alone"),
                       ("bare Starlette, alone", "bare alone")):
        result = results.get(key)
        if result is None:
            continue
        print(f"| {label} | {result['sent']:,} | {result['answered']:,} | {result['lost']} | "
              f"{result['budget_503']} | {result['seconds']:.2f} | "
              f"{result['throughput']:,.0f} | {_ms(result['latency_ms'])} |", file=out)
    if bare is not None and bare["throughput"]:
        print(f"\ncadence throughput / bare Starlette throughput: "
              f"{ours['throughput'] / bare['throughput']:.2f}x", file=out)
    print(f"\nFirst each of the {results['cadence alone']['planned']:,} distinct requests "
          f"(all but the few big, slow and expensive ones) was sent alone, one at a time "
          f"(the rows \"alone\"); "
          f"{ours['compared']:,} 200 answers under load were compared with those: "
          f"{'all the same' if not ours['wrong'] else 'see below'}.", file=out)
    print("\n| status | answers |\n|---|---|", file=out)
    for code, count in ours["statuses"].items():
        print(f"| {code} | {count:,} |", file=out)
    print("\n| endpoint | requests | statuses | p50 ms | p90 ms | p99 ms | max ms |\n"
          "|---|---|---|---|---|---|---|", file=out)
    for endpoint, row in ours["endpoints"].items():
        statuses = ", ".join(f"{code}: {count}" for code, count in row["statuses"].items())
        print(f"| {endpoint} | {row['requests']:,} | {statuses or '-'} | "
              f"{_ms(row['latency_ms'])} |", file=out)
    for key in ("cadence alone", "cadence", "bare alone", "bare"):
        for problem in results.get(key, {}).get("problems", [])[:10]:
            print(f"- {key}: {problem}", file=out)


def bare_app() -> Any:
    """One route for every path and method sent: the body read, ``{"ok": true}``
    answered."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def ok(request: Request) -> JSONResponse:
        await request.body()
        return JSONResponse({"ok": True})

    return Starlette(routes=[Route("/{rest:path}", ok, methods=["GET", "POST", "DELETE"])])


def serve_bare(port: int) -> int:
    """Serve :func:`bare_app` as ``cadence serve`` serves its app."""
    import uvicorn

    uvicorn.run(bare_app(), host=HOST, port=port, log_level="info")
    return 0


def measured(port: int, requests: Sequence[Kind], args: argparse.Namespace,
             deadline: float, checks: Checks, rows: Sequence[str]
             ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Each distinct request sent alone first, one at a time (the warm-up, and the
    answers those under load must equal), then all of them from ``args.clients``."""
    distinct = list(dict.fromkeys(kind for kind in requests if kind.group not in RARE))
    alone = Run(port, distinct, 1, deadline, args.request_timeout, checks)
    alone.run()
    checks.alone = alone.answers
    loaded = Run(port, requests, args.clients, deadline, args.request_timeout, checks)
    loaded.run()
    result = summary(loaded, rows)
    result["compared"] = sum(outcome.status == 200 and outcome.kind in checks.alone
                             for outcome in loaded.outcomes)
    return summary(alone, rows), result


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # (so that the servers are stopped on the way out)


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--requests", type=int, default=2000, help="requests (default 2,000)")
    parser.add_argument("--clients", type=int, default=32,
                        help="concurrent clients, one keep-alive connection each (default 32)")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds after which no new request is sent, both servers "
                             "(default 300); the run then reports and fails")
    parser.add_argument("--request-timeout", type=float, default=60,
                        help="seconds one answer may take before it is lost (default 60)")
    parser.add_argument("--budget", type=float, default=None,
                        help="cadence serve's --budget (default: its own, 5 s)")
    parser.add_argument("--seed", type=int, default=20261206, help="the mix's random seed")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the bare Starlette run")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    parser.add_argument("--bare-app", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if min(args.requests, args.clients) < 1 or min(args.timeout, args.request_timeout) <= 0:
        parser.error("--requests and --clients must be at least 1, --timeout and "
                     "--request-timeout more than 0")
    if args.budget is not None and not 0 < args.budget < args.request_timeout:
        parser.error("--budget must be more than 0 and less than --request-timeout (a "
                     "request sent slowly is answered only when its budget runs out)")
    if args.bare_app:
        return serve_bare(args.port)
    try:
        from cadence import formats
        from cadence.serve import MAX_BODY_BYTES, MAX_N
    except ImportError:
        print('bench_serve: cadence serve needs Starlette and uvicorn: pip install '
              '"cadence[serve]"', file=sys.stderr)
        return 2
    api = Api.of_server()
    required = {**api.required, PAGES["/v1"]: ["endpoints"]}
    kinds = (good_kinds(api, MAX_N, formats.names(writable=True))
             + hostile_kinds(api, MAX_N, MAX_BODY_BYTES))
    requests = plan(kinds, args.requests, random.Random(args.seed))
    deadline = time.monotonic() + args.timeout
    load_before = load_average()
    results: dict[str, Any] = {}
    serve = [sys.executable, "-m", "cadence", "serve"]
    if args.budget is not None:
        serve += ["--budget", str(args.budget)]
    try:
        with serving(serve, "/v1/openapi.json") as server:
            results["cadence alone"], results["cadence"] = measured(
                server.port, requests, args, deadline, Checks(required), api.rows)
        if not args.no_baseline:
            with serving([sys.executable, str(Path(__file__).resolve()), "--bare-app"],
                         "/") as server:
                results["bare alone"], results["bare"] = measured(
                    server.port, requests, args, deadline, Checks(required, bare=True),
                    api.rows)
    except RuntimeError as exc:
        print(f"bench_serve: FAILED: {exc}", file=out)
        return 1
    except KeyboardInterrupt:  # (the servers were stopped on the way out)
        print("bench_serve: interrupted; the servers are stopped", file=sys.stderr)
        return 130
    results["machine"] = {
        "cpus": os.cpu_count(), "load_before": load_before, "load_after": load_average(),
        "python": platform.python_version(), "cadence": cadence.__version__,
        "starlette": metadata.version("starlette"), "uvicorn": metadata.version("uvicorn")}
    results["settings"] = {"requests": args.requests, "clients": args.clients,
                           "seed": args.seed, "kinds": len(kinds),
                           "budget": args.budget or "default"}
    machine = results["machine"]
    print(f"cadence serve under load: {args.requests:,} requests ({len(kinds)} kinds, seed "
          f"{args.seed}) from {args.clients} clients on loopback\n", file=out)
    report(results, out)
    print(f"\n{machine['cpus']} CPUs, load average {machine['load_before']} before and "
          f"{machine['load_after']} after, Python {machine['python']}, cadence "
          f"{machine['cadence']}, Starlette {machine['starlette']}, uvicorn "
          f"{machine['uvicorn']}", file=out)
    failed = [failure for key, name in (("cadence alone", "cadence serve, alone"),
                                        ("cadence", "cadence serve"),
                                        ("bare alone", "bare Starlette, alone"),
                                        ("bare", "bare Starlette")) if key in results
              for failure in failures(results[key], name)]
    results["failures"] = failed
    if args.json:
        print(json.dumps(results, indent=2), file=out)
    if failed:
        print("FAILED: " + "; ".join(failed), file=out)
        return 1
    print("passed: no 5xx but the budget's 503, no lost response, every answer as "
          "expected", file=out)
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _interrupt)
    sys.exit(main())
