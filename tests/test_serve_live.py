"""``cadence serve`` as a real server: the command started as a subprocess on a free
loopback port, called over HTTP with urllib; and the README's ``curl`` examples, each
run against it and compared with the README's text."""

from __future__ import annotations

import http.client
import json
import re
import shlex
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from cadence.cli import main
from live_serve import free_port, running_server

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The base URL of a ``cadence serve`` started for these tests."""
    with running_server() as base:
        yield base


def call(url: str, data: str | None = None) -> tuple[int, str, str]:
    """(status, content type, body) of a GET, or of a POST of ``data``."""
    request = urllib.request.Request(url, data=None if data is None else data.encode())
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers["Content-Type"], error.read().decode()


@pytest.mark.integration
def test_the_live_server_answers_next_and_problems(server: str) -> None:
    status, kind, body = call(f"{server}/v1/next", json.dumps(
        {"source": "0 9 * * MON-FRI", "tz": "Europe/Berlin", "after": "2026-12-04T12:00Z",
         "n": 2}))
    assert (status, kind) == (200, "application/json")
    assert json.loads(body)["occurrences"] == ["2026-12-07T09:00:00+01:00",
                                               "2026-12-08T09:00:00+01:00"]
    status, kind, body = call(f"{server}/v1/parse", "{not json")
    assert (status, kind) == (400, "application/problem+json")
    assert json.loads(body)["title"] == "The body is not JSON"
    status, kind, _ = call(f"{server}/v1/parse")
    assert (status, kind) == (405, "application/problem+json")


def readme_examples() -> list[tuple[str, str, str | None, str]]:
    """Each ``$ curl`` of the README's HTTP API section: (command, path, data, shown)."""
    section = README.split("\n## HTTP API", 1)[1].split("\n## ", 1)[0]
    examples = []
    for block in re.findall(r"```shell\n(.*?)```", section, re.S):
        lines = block.splitlines()
        for index, line in enumerate(lines):
            if not line.startswith("$ curl "):
                continue
            argv = shlex.split(line[2:])
            data = argv[argv.index("-d") + 1] if "-d" in argv else None
            [url] = [arg for arg in argv if arg.startswith("localhost:8080/")]
            shown = []
            for later in lines[index + 1:]:
                if later.startswith("$ "):
                    break
                shown.append(later)
            examples.append((line, url.removeprefix("localhost:8080"), data, "\n".join(shown)))
    return examples


def test_the_readme_has_a_curl_example_for_each_endpoint() -> None:
    paths = {path for _, path, _, _ in readme_examples()}
    assert paths == {"/v1/parse", "/v1/next", "/v1/convert", "/v1/validate", "/v1/month",
                     "/v1/diff", "/v1/openapi.json"}


@pytest.mark.integration
@pytest.mark.parametrize(("command", "path", "data", "shown"), readme_examples(),
                         ids=[path for _, path, _, _ in readme_examples()])
def test_the_readme_curl_examples_answer_what_they_show(
        server: str, command: str, path: str, data: str | None, shown: str) -> None:
    _, _, body = call(server + path, data)
    if shown.endswith("..."):  # (the README shows its start)
        assert body.startswith(shown.removesuffix("...")), command
    else:
        assert body == shown, command


def test_serve_without_the_extra_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if it were not installed
    assert main(["serve", "--port", "8080"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("cadence: error: cadence serve needs Starlette and uvicorn")
    assert 'pip install "cadence[serve]"' in error


def test_serve_says_where_the_playground_and_the_api_are(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    uvicorn = pytest.importorskip("uvicorn", reason="cadence serve needs the serve extra")
    started: list[tuple[str, int]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **_: started.append((host, port)))
    assert main(["serve", "--host", "::1", "--port", "8181"]) == 0
    assert started == [("::1", 8181)]
    assert capsys.readouterr().err == (
        "cadence serve: the playground at http://[::1]:8181/, the API at http://[::1]:8181/v1 "
        "(its page: http://[::1]:8181/v1/docs); Ctrl-C stops it\n")
    assert main(["serve", "--host", "0.0.0.0"]) == 0  # every address: open it on loopback
    assert started[-1] == ("0.0.0.0", 8080)
    assert "the playground at http://127.0.0.1:8080/," in capsys.readouterr().err


def test_a_500_leaves_the_connection_open_for_the_next_request(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug answered 500 must not cost the client its keep-alive connection (Starlette's
    last-resort handler raises again, and uvicorn then drops the connection)."""
    uvicorn = pytest.importorskip("uvicorn", reason="cadence serve needs the serve extra")
    from cadence.serve import _endpoints, create_app

    def broken(body: dict[str, object]) -> dict[str, object]:
        raise ZeroDivisionError("a bug")

    monkeypatch.setitem(_endpoints.WORK, "parse", broken)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port,
                                           log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(600):
            if server.started:
                break
            time.sleep(0.05)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        answers = []
        for path in ("/v1/parse", "/v1/next"):
            connection.request("POST", path, body='{"source": "0 9 * * *", "n": 1}'
                               if path == "/v1/next" else '{"source": "0 9 * * *"}')
            response = connection.getresponse()
            response.read()
            answers.append(response.status)
        connection.close()
        assert answers == [500, 200]
    finally:
        server.should_exit = True
        thread.join(30)
