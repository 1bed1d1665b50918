"""``cadence serve``'s HTTP API (the ``serve`` extra: Starlette, served by uvicorn).

:func:`create_app` builds the ASGI application. Versioned JSON endpoints, described by the
OpenAPI 3.1 document at ``GET /v1/openapi.json`` (built from the same schemas that check
every request, :mod:`._schemas`):

- ``POST /v1/parse``: the normalized IR (``Schedule.to_json()``), the English
  description and the lints;
- ``POST /v1/next``: the next ``n`` occurrences, or windows for a schedule of windows,
  after a moment (``n`` at most :data:`MAX_N`);
- ``POST /v1/convert``: the schedule in a target format, a 422 naming the feature the
  target cannot say, or with ``lossy`` the closest schedule and what was dropped;
- ``POST /v1/validate``: every problem with its JSON Pointer, the vendor's envelope on
  request;
- ``POST /v1/month``: a month of the schedule day by day (what ``cadence cal --json``
  gives: runs, first and last, covered hours and working time for windows);
- ``POST /v1/diff``: the verdict of comparing two schedules, or the first difference.

Pages, static files in the package that load nothing from elsewhere: the playground at
``GET /`` (type a schedule, see its meaning, runs, calendar and conversions) and the
API's interactive page at ``GET /v1/docs``; ``GET /v1`` lists the endpoints as JSON.

Every error is an RFC 9457 ``application/problem+json`` body, never a traceback: 400 for
a body that is not JSON or does not fit the schema (each problem with its pointer, an
unknown field with the closest known name), 413 past :data:`MAX_BODY_BYTES`, 422 for a
schedule cadence cannot read or a target cannot say, 404 and 405, and 503 with a
``Retry-After`` when a request works past its budget (:data:`DEFAULT_BUDGET` seconds,
``create_app(budget=...)``, ``cadence serve --budget``), or at once while
:data:`DEFAULT_MAX_BUSY` worker threads are busy (a thread past its budget cannot be
stopped: it counts until its work ends). A source is always the text or
JSON of the body: nothing in a request is ever opened as a file.
"""

from __future__ import annotations

from ._app import DEFAULT_BUDGET, DEFAULT_MAX_BUSY, create_app
from ._endpoints import MAX_BODY_BYTES
from ._schemas import MAX_HORIZON_DAYS, MAX_N, openapi

__all__ = ["DEFAULT_BUDGET", "DEFAULT_MAX_BUSY", "MAX_BODY_BYTES", "MAX_HORIZON_DAYS", "MAX_N",
           "create_app", "openapi"]
