"""The static pages ``cadence serve`` ships (the playground at ``/``, the API's page at
``/v1/docs``): served from the package with a Content-Security-Policy that lets them load
only this server's files, every file they reference there, no file outside the list, and
no way for what they display to become markup."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cadence.serve._pages import ASSETS
from serve_client import TestClient

STATIC = Path(__file__).parents[1] / "src" / "cadence" / "serve" / "static"
PAGES = {"/": "index.html", "/v1/docs": "docs.html"}
TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript",
         ".svg": "image/svg+xml", ".png": "image/png"}


class References(HTMLParser):
    """Every ``src`` and ``href`` of a page, and what a strict CSP would refuse in it:
    inline scripts, ``style`` attributes and ``on...`` handler attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.refused: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]
        if tag == "script" and not names.get("src"):
            self.refused.append("an inline <script>")
        if tag == "style":
            self.refused.append("a <style> element")
        self.refused += [f"the attribute {name} on <{tag}>" for name, _ in attrs
                         if name == "style" or name.startswith("on")]


def references(html: str) -> References:
    found = References()
    found.feed(html)
    return found


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
    urls = references((STATIC / name).read_text(encoding="utf-8")).urls
    assert any(url.startswith("/static/") for url in urls)
    for url in urls:
        # this server's own paths only: nothing is loaded from elsewhere
        assert re.match("/[^/]", url) or url == "/", url
        response = client.get(url)
        assert response.status_code == 200, url
        if url.startswith("/static/"):
            assert response.headers["content-type"].startswith(TYPES[url[url.rfind("."):]])
            assert response.content == (STATIC / url.removeprefix("/static/")).read_bytes()


@pytest.mark.parametrize("name", PAGES.values())
def test_a_page_has_nothing_the_policy_would_refuse(name: str) -> None:
    assert references((STATIC / name).read_text(encoding="utf-8")).refused == []


def test_the_markup_check_finds_what_the_policy_refuses() -> None:
    said = references('<script>go()</script><p style="color:red" onclick="go()"><style>')
    assert said.refused == ["an inline <script>", "the attribute style on <p>",
                            "the attribute onclick on <p>", "a <style> element"]


#: What would let a page's text become markup or code, or load from another server.
SINKS = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\b|"
                   r"new Function|https?://")


@pytest.mark.parametrize("name", sorted(name for name in ASSETS
                                        if name.endswith((".js", ".css"))))
def test_the_scripts_draw_text_never_markup_and_load_nothing_from_elsewhere(
        name: str) -> None:
    assert SINKS.findall((STATIC / name).read_text(encoding="utf-8")) == [], name


def test_the_script_check_finds_what_it_guards_against() -> None:
    assert len(SINKS.findall('a.innerHTML = b; eval(c); fetch("https://cdn.example")')) == 3


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


def test_the_pages_files_ship_in_the_wheel(tmp_path: Path) -> None:
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                            str(tmp_path), str(STATIC.parents[3])], capture_output=True,
                           text=True, check=False)
    assert built.returncode == 0, f"pip wheel failed:\n{built.stderr[-2000:]}"
    [wheel] = tmp_path.glob("cadence-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for name in ASSETS:
            assert archive.read(f"cadence/serve/static/{name}") == (STATIC / name).read_bytes()


def test_the_readme_shows_the_playground_as_a_small_png() -> None:
    readme = (STATIC.parents[3] / "README.md").read_text(encoding="utf-8")
    [path] = re.findall(r"!\[[^\]]*\]\((docs/playground\.png)\)", readme)
    picture = STATIC.parents[3] / path
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert picture.stat().st_size < 150_000
