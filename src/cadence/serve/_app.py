"""The Starlette application: routes, the body cap, the time budget and the problem
bodies (RFC 9457) every error answers with."""

from __future__ import annotations

import json
import logging
import re
import threading
from typing import Any

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from cadence import ScheduleError

from . import _endpoints
from ._endpoints import MAX_BODY_BYTES, RequestError
from ._pages import asset, page
from ._schemas import openapi

__all__ = ["DEFAULT_BUDGET", "DEFAULT_MAX_BUSY", "create_app"]

#: Seconds one request may work before it is answered 503 (``create_app(budget=...)``).
DEFAULT_BUDGET = 5.0
#: Worker threads busy at once (those still finishing past their budget included) before
#: a new request is answered 503 at once (``create_app(max_busy=...)``).
DEFAULT_MAX_BUSY = 32
_LOG = logging.getLogger("cadence.serve")
#: A browser must not read an answer as anything but the type it says.
_NOSNIFF = {"X-Content-Type-Options": "nosniff"}
#: Characters of a request's path or method an error's body shows.
_TOKEN = 40


def _json(value: object, status: int = 200, media: str = "application/json",
          headers: dict[str, str] | None = None) -> Response:
    # ASCII escapes: a lone surrogate from a JSON "\ud800" cannot break the encoder
    return Response(json.dumps(value, ensure_ascii=True), status_code=status,
                    media_type=media, headers={**_NOSNIFF, **(headers or {})})


def problem(status: int, slug: str, title: str, detail: str, *,
            headers: dict[str, str] | None = None, **more: Any) -> Response:
    """An ``application/problem+json`` response."""
    body = {"type": f"urn:cadence:problem:{slug}", "title": title, "status": status,
            "detail": detail, **{key: value for key, value in more.items()
                                 if value is not None}}
    return _json(body, status, "application/problem+json", headers)


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if re.fullmatch("[0-9]+", declared) and int(declared) > MAX_BODY_BYTES:
        raise RequestError(413, "too-large", "The body is too large",
                           f"the body has {declared} bytes; cadence reads at most "
                           f"{MAX_BODY_BYTES}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise RequestError(413, "too-large", "The body is too large",
                               f"cadence reads at most {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


class _Workers:
    """The worker threads busy now: a thread past its budget cannot be stopped, so it
    is counted until it ends, and past ``most`` new work is refused. A claim that never
    started its thread (the budget ran out first) is given back by :meth:`release`."""

    def __init__(self, most: int) -> None:
        self.most, self.busy, self.lock = most, 0, threading.Lock()

    def claim(self) -> list[bool] | None:
        """A ticket, ``[started]``, or ``None`` when every worker is busy."""
        with self.lock:
            if self.busy >= self.most:
                return None
            self.busy += 1
            return [False]

    def release(self, ticket: list[bool]) -> None:
        """Give back a claim whose work never started (its thread will not run it)."""
        with self.lock:
            if not ticket[0]:
                ticket[0] = True  # (so that a late thread does not run it either)
                self.busy -= 1

    def run(self, ticket: list[bool], name: str, raw: bytes) -> dict[str, Any]:
        with self.lock:
            if ticket[0]:  # released before the thread started: nothing to do
                return {}
            ticket[0] = True
        try:
            return _endpoints.answer(name, raw)
        finally:
            with self.lock:
                self.busy -= 1


def _over(budget: float, detail: str) -> Response:
    return problem(503, "over-budget", "The request took too long", detail,
                   headers={"Retry-After": "1"}, budget_seconds=budget)


def _endpoint(name: str, budget: float, workers: _Workers) -> Any:
    async def endpoint(request: Request) -> Response:
        try:
            with anyio.fail_after(budget):  # (a body sent slowly counts too)
                raw = await _read_body(request)
                ticket = workers.claim()
                if ticket is None:
                    return _over(budget, f"all {workers.most} workers are busy (some "
                                 "with requests past their budget): try again later")
                try:
                    # past the budget the thread is left to finish on its own (Python
                    # cannot stop it); the client has its 503 at once
                    found = await anyio.to_thread.run_sync(
                        workers.run, ticket, name, raw, abandon_on_cancel=True)
                finally:
                    workers.release(ticket)
        except RequestError as exc:
            return problem(exc.status, exc.slug, exc.title, exc.detail,
                           problems=exc.problems, **exc.more)
        except TimeoutError:
            return _over(budget, f"cadence stopped working on it after {budget:g} "
                         "seconds, its budget per request: ask for less (a smaller n, "
                         "a horizon_days) or try again later")
        except Exception:  # a bug: answered here, so the connection stays open
            _LOG.exception("cadence serve failed on POST /v1/%s", name)
            return _internal()
        return _json(found)
    endpoint.__name__ = name
    return endpoint


async def _openapi(request: Request) -> Response:
    return _json(openapi())


async def _index(request: Request) -> Response:
    document = openapi()
    return _json({"title": "cadence HTTP API", "openapi": "/v1/openapi.json",
                  "docs": "/v1/docs", "playground": "/",
                  "endpoints": sorted(f"{method.upper()} {path}"
                                      for path, item in document["paths"].items()
                                      for method in item)})


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    titles = {404: "No such path", 405: "Method not allowed"}
    detail = {404: f"no endpoint at {request.url.path[:_TOKEN]}: see /v1/openapi.json",
              405: f"{request.method[:_TOKEN]} is not allowed here"}.get(
        exc.status_code, str(exc.detail))
    return problem(exc.status_code, "http-" + str(exc.status_code),
                   titles.get(exc.status_code, "HTTP error"), detail,
                   headers=dict(exc.headers or {}))


def _internal() -> Response:
    return problem(500, "internal", "Internal error",
                   "cadence failed on this request; the server's log has the details")


async def _crash(request: Request, exc: Exception) -> Response:
    # (Starlette raises the error again after this answer, and uvicorn logs it and closes
    # the connection; the work endpoints answer their own errors and keep it open)
    return _internal()


def create_app(*, budget: float = DEFAULT_BUDGET, max_busy: int = DEFAULT_MAX_BUSY
               ) -> Starlette:
    """The API as an ASGI application; ``budget``: the seconds each request may work
    before it is answered 503 with a Retry-After; ``max_busy``: the worker threads busy
    at once (a request past its budget keeps its thread until the work ends) before new
    requests are answered 503 at once."""
    if not budget > 0:
        raise ScheduleError(f"the budget must be a positive number of seconds, not {budget}")
    if max_busy < 1:
        raise ScheduleError(f"max_busy must be at least 1, not {max_busy}")
    workers = _Workers(max_busy)
    routes = [Route(f"/v1/{name}", _endpoint(name, budget, workers), methods=["POST"])
              for name in _endpoints.WORK]
    routes += [Route("/v1/openapi.json", _openapi, methods=["GET"]),
               Route("/v1", _index, methods=["GET"]),
               Route("/v1/docs", page("docs.html"), methods=["GET"]),
               Route("/", page("index.html"), methods=["GET"]),
               Route("/static/{name}", asset, methods=["GET"])]
    return Starlette(routes=routes, exception_handlers={HTTPException: _http_error,
                                                        Exception: _crash})
