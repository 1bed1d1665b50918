"""The static pages ``cadence serve`` ships (the playground at ``/``, the API's page at
``/v1/docs``): served from the package with a Content-Security-Policy that lets them load
only this server's files, every file they reference there, no file outside the list, and
no way for what they display to become markup."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cadence.serve import create_app
from cadence.serve._pages import ASSETS
from serve_client import TestClient

STATIC = Path(__file__).parents[1] / "src" / "cadence" / "serve" / "static"
PAGES = {"/": "index.html", "/v1/docs": "docs.html"}
TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript",
         ".svg": "image/svg+xml", ".png": "image/png"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.mark.parametrize(("path", "name"), PAGES.items())
def test_each_page_is_html_that_may_load_only_this_servers_files(
        client: TestClient, path: str, name: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.content == (STATIC / name).read_bytes()
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self';" in policy
    assert "connect-src 'self';" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("name", PAGES.values())
def test_every_file_a_page_references_is_served_with_its_type(
        client: TestClient, name: str) -> None:
    html = (STATIC / name).read_text(encoding="utf-8")
    referenced = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert referenced
    for path in referenced:
        response = client.get(path)
        assert response.status_code == 200, path
        suffix = path[path.rfind("."):]
        assert response.headers["content-type"].startswith(TYPES[suffix])


@pytest.mark.parametrize("name", PAGES.values())
def test_a_page_has_no_inline_script_or_style_and_loads_nothing_from_elsewhere(
        name: str) -> None:
    html = (STATIC / name).read_text(encoding="utf-8")
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None  # (the policy would block it)
    assert re.search(r"\sstyle=|\son[a-z]+=", html) is None
    assert re.search(r'(?:src|href)="(?:https?:)?//', html) is None


@pytest.mark.parametrize("name", sorted(name for name in ASSETS if name.endswith(".js")))
def test_the_scripts_draw_text_never_markup(name: str) -> None:
    script = (STATIC / name).read_text(encoding="utf-8")
    for unsafe in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                   "new Function"):
        assert unsafe not in script, f"{name} uses {unsafe}"
    assert re.search(r"https?://", script) is None, f"{name} names another server"


@pytest.mark.parametrize("path", ["/static/nothing.js", "/static/..%2f_app.py",
                                  "/static/%2e%2e/_pages.py", "/static/../__init__.py",
                                  "/static/", "/static/index.html/x"])
def test_only_the_listed_files_are_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "import" not in response.text


def test_the_listed_files_are_the_static_folder(client: TestClient) -> None:
    on_disk = {path.name for path in STATIC.iterdir() if path.suffix in TYPES}
    assert set(ASSETS) == on_disk
