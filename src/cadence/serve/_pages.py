"""The playground page at ``/`` and the API's interactive page at ``/v1/docs``: static
files shipped in the wheel (``static/``), served with a Content-Security-Policy that
lets them load nothing but this server's own files, so they work offline and nothing a
schedule says can run as script."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

__all__ = ["ASSETS", "asset", "page"]

_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml",
          ".png": "image/png"}

#: Every file a page may load, by name: a request names one of these or gets a 404, so
#: no path in a URL ever reaches the file system.
ASSETS: dict[str, bytes] = {
    entry.name: entry.read_bytes()
    for entry in resources.files(__package__).joinpath("static").iterdir()
    if entry.is_file() and any(entry.name.endswith(suffix) for suffix in _TYPES)}

_HEADERS = {
    # the pages' scripts and styles are files of this server; the API is this server
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self'; connect-src 'self'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def _response(name: str) -> Response:
    suffix = name[name.rfind("."):]
    return Response(ASSETS[name], media_type=_TYPES[suffix], headers=_HEADERS)


def page(name: str) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint answering the static page ``name``."""
    async def endpoint(request: Request) -> Response:
        return _response(name)
    return endpoint


async def asset(request: Request) -> Response:
    """``GET /static/{name}``: one of :data:`ASSETS`, or 404."""
    name = request.path_params["name"]
    if name not in ASSETS:
        raise HTTPException(404)
    return _response(name)
