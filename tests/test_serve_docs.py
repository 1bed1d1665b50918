"""The HTTP API's interactive page (``GET /v1/docs``) and the examples it sends: the page
and every file it names are served under the pages' Content-Security-Policy; the markup
has nothing that policy would block; the scripts write no HTML and load nothing from
elsewhere; every operation's example fits its request schema and is answered 200 with a
body that fits the response schema; the page's files ship in the wheel."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="cadence serve needs the serve extra (starlette)")
pytest.importorskip("httpx", reason="Starlette's test client needs httpx")

from jsonschema import Draft202012Validator
from starlette.exceptions import StarletteDeprecationWarning

from cadence.serve import create_app, openapi
from cadence.serve._schemas import request_problems

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`",
                            StarletteDeprecationWarning)
    from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "src" / "cadence" / "serve" / "static"
PAGE_FILES = ("docs.html", "docs.js", "docs.css")
DOCUMENT = openapi()
#: Each file suffix (or page path) a reference may name, and the type it must be served as.
TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml",
         ".json": "application/json", "/": "text/html", "/v1/docs": "text/html"}


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


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as test_client:
        yield test_client


def examples() -> list[tuple[str, str, Any]]:
    """``(endpoint, example name, request body)`` for every example in the document."""
    found = []
    for path, item in DOCUMENT["paths"].items():
        content = item.get("post", {}).get("requestBody", {}).get("content", {})
        for name, example in content.get("application/json", {}).get("examples", {}).items():
            found.append((path.removeprefix("/v1/"), name, example["value"]))
    return found


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", **DOCUMENT})


def test_the_docs_page_is_html_under_the_pages_csp(client: TestClient) -> None:
    response = client.get("/v1/docs")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    policy = response.headers["content-security-policy"]
    for rule in ("default-src 'none'", "script-src 'self'", "style-src 'self'",
                 "connect-src 'self'"):
        assert rule in policy
    assert response.text == (STATIC / "docs.html").read_text(encoding="utf-8")
    assert '<script src="/static/docs.js" defer></script>' in response.text


def test_the_page_has_nothing_the_csp_would_refuse() -> None:
    page = (STATIC / "docs.html").read_text(encoding="utf-8")
    assert references(page).refused == []
    # the checker itself finds each kind of thing the policy refuses
    said = references('<script>go()</script><p style="color:red" onclick="go()"><style>')
    assert said.refused == ["an inline <script>", "the attribute style on <p>",
                            "the attribute onclick on <p>", "a <style> element"]


def test_every_file_the_page_names_is_served_with_its_type(client: TestClient) -> None:
    urls = references((STATIC / "docs.html").read_text(encoding="utf-8")).urls
    assert {"/static/docs.js", "/static/docs.css", "/static/style.css"} <= set(urls)
    for url in urls:
        # this server's own paths only: nothing is loaded from elsewhere
        assert re.match("/[^/]", url) or url == "/", url
        response = client.get(url)
        assert response.status_code == 200, url
        suffix = url if url in TYPES else url[url.rfind("."):]
        assert response.headers["content-type"].split(";")[0] == TYPES[suffix], url
        if url.startswith("/static/"):
            assert response.content == (STATIC / url.removeprefix("/static/")).read_bytes()


def test_the_page_writes_no_html_and_loads_nothing_from_elsewhere() -> None:
    sinks = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\b|"
                       r"new Function|https?://")
    for name in PAGE_FILES:
        text = (STATIC / name).read_text(encoding="utf-8")
        assert sinks.findall(text) == [], name
    # the pattern catches each thing it stands guard against
    assert len(sinks.findall('a.innerHTML = b; eval(c); fetch("https://cdn.example")')) == 3


def test_every_operation_has_an_example() -> None:
    posted = sorted(path.removeprefix("/v1/") for path, item in DOCUMENT["paths"].items()
                    if "post" in item)
    assert sorted(endpoint for endpoint, _, _ in examples()) == posted
    assert len(posted) == 6


@pytest.mark.parametrize(("endpoint", "name", "body"), examples(),
                         ids=[name for _, name, _ in examples()])
def test_each_example_fits_its_schema_and_is_answered(client: TestClient, endpoint: str,
                                                       name: str, body: Any) -> None:
    assert request_problems(body, endpoint) == []
    validator(f"{endpoint}_request").validate(body)
    response = client.post(f"/v1/{endpoint}", json=body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    validator(f"{endpoint}_response").validate(response.json())


def test_the_examples_show_what_their_summaries_say(client: TestClient) -> None:
    bodies = {endpoint: body for endpoint, _, body in examples()}
    assert client.post("/v1/next", json=bodies["next"]).json()["occurrences"] == [
        "2026-12-07T09:00:00+01:00", "2026-12-08T09:00:00+01:00", "2026-12-09T09:00:00+01:00"]
    validated = client.post("/v1/validate", json=bodies["validate"]).json()
    assert (validated["format"], validated["valid"]) == ("campaign", False)
    assert [problem["path"] for problem in validated["problems"]] == [
        "/hours/values/0", "/days/values/1"]
    assert validated["envelope"]["detailCode"] == "400.1 Bad Request Content"
    assert client.post("/v1/convert", json=bodies["convert"]).json()["schedule"] == (
        "DTSTART;TZID=Europe/Berlin:20261207T000000\n"
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0")
    month = client.post("/v1/month", json=bodies["month"]).json()["month"]
    assert (month["month"], month["daysFiring"]) == ("2026-12", 23)
    diff = client.post("/v1/diff", json=bodies["diff"]).json()
    assert (diff["verdict"], diff["side"]) == ("different", "b")


def test_the_page_ships_in_the_wheel(tmp_path: Path) -> None:
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                            str(tmp_path), str(ROOT)], capture_output=True, text=True,
                           check=False)
    assert built.returncode == 0, f"pip wheel failed:\n{built.stderr[-2000:]}"
    [wheel] = tmp_path.glob("cadence-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for name in PAGE_FILES:
            shipped = archive.read(f"cadence/serve/static/{name}")
            assert shipped == (STATIC / name).read_bytes(), name
