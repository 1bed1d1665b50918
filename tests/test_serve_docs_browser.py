"""The API's interactive page (``/v1/docs``) in a real browser: headless Chromium driven
by Selenium against ``python -m cadence serve`` in a subprocess. The page draws every
operation from the OpenAPI document, its Try it box sends the parse example and shows
the answer (and a problem body for a bad schedule) with the curl line for what was sent,
and the browser reports no Content-Security-Policy violation or other error.

Skips where selenium, /usr/bin/chromium or /usr/bin/chromedriver is missing, unless
CADENCE_REQUIRE_INTEGRATIONS (or CI) is set: then that is a failure.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from integrations_required import required

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: Seconds to wait for the server to answer, the page to draw, an answer to come.
PATIENCE = 30


def missing() -> str | None:
    """What this machine lacks to run the browser, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    for program in (CHROMIUM, CHROMEDRIVER):
        if not program.exists():
            return f"{program} is missing (apt-get install chromium chromium-driver)"
    for package in ("starlette", "uvicorn"):
        try:
            __import__(package)
        except ImportError:
            return f"cadence serve needs the serve extra ({package} is not installed)"
    return None


def _skip_or_fail() -> None:
    reason = missing()
    if reason is None:
        return
    if required():
        pytest.fail(f"{reason}; CADENCE_REQUIRE_INTEGRATIONS (or CI) is set, so the "
                    "browser test must run")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of ``python -m cadence serve`` running this checkout's code."""
    _skip_or_fail()
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    paths = [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    with log.open("wb") as output:
        server = subprocess.Popen([sys.executable, "-m", "cadence", "serve", "--port",
                                   str(port)], env=env, stdout=output, stderr=output)
    address = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(server, address, log)
        yield address
    finally:
        server.terminate()
        server.wait(PATIENCE)


def _wait_until_answering(server: subprocess.Popen[bytes], address: str, log: Path) -> None:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"cadence serve exited ({server.returncode}):\n"
                        f"{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(address + "/v1", timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(f"cadence serve did not answer at {address} within {PATIENCE} s:\n"
                f"{log.read_text(errors='replace')[-2000:]}")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    _skip_or_fail()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                     "--window-size=1280,1800"):
        options.add_argument(argument)
    # the console log, to read CSP violations and script errors
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver: WebDriver, condition: Callable[[], object], what: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, PATIENCE).until(lambda _: condition(), message=f"waiting for {what}")


def _send(driver: WebDriver, operation: WebElement, status: str) -> tuple[str, str, str]:
    """Click the operation's Send and wait for an answer with ``status``: the status
    line, the answer's text and the curl line."""
    from selenium.webdriver.common.by import By

    line = operation.find_element(By.CSS_SELECTOR, ".try-status")
    operation.find_element(By.CSS_SELECTOR, "button.send").click()
    _wait(driver, lambda: line.text.startswith(status + " "), f"a {status} answer")
    return (line.text, operation.find_element(By.CSS_SELECTOR, ".try-answer").text,
            operation.find_element(By.CSS_SELECTOR, ".try-curl").text)


def _sent_body(curl: str) -> object:
    """The JSON body of a curl line the page wrote (``--data-binary '...'``)."""
    quoted = curl.split(" --data-binary ", 1)[1]
    assert quoted.startswith("'")
    assert quoted.endswith("'")
    return json.loads(quoted[1:-1].replace("'\\''", "'"))


def test_the_docs_page_sends_examples_and_shows_answers_within_its_csp(
        browser: WebDriver, served: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(served + "/v1/docs")
    _wait(browser, lambda: browser.find_elements(By.CSS_SELECTOR, "#op-parse button.send"),
          "the page to draw the parse operation")

    # the table of contents: one link per operation, each to its drawn section
    with urllib.request.urlopen(served + "/v1/openapi.json", timeout=PATIENCE) as response:
        document = json.load(response)
    operations = sum(len(item) for item in document["paths"].values())
    links = browser.find_elements(By.CSS_SELECTOR, "#toc-list a")
    assert len(links) == operations == 7
    for link in links:
        target = (link.get_attribute("href") or "").rsplit("#", 1)[-1]
        assert browser.find_elements(By.ID, target), target

    parse = browser.find_element(By.ID, "op-parse")
    example = document["paths"]["/v1/parse"]["post"]["requestBody"]["content"][
        "application/json"]["examples"]["parse"]["value"]
    status, text, curl = _send(browser, parse, "200")
    assert status.endswith("\u00b7 application/json")
    answer = json.loads(text)
    assert answer["description"] == ("At 09:00 on every day-of-week from Monday through "
                                     "Friday (Europe/Berlin time).")
    assert answer["zone"] == "Europe/Berlin"
    assert curl.startswith(f"curl -s -X POST '{served}/v1/parse' "
                           "-H 'Content-Type: application/json' --data-binary '")
    assert _sent_body(curl) == example

    # an edited body that cannot be read: the problem body, shown as it came
    editor = parse.find_element(By.CSS_SELECTOR, "textarea")
    editor.clear()
    editor.send_keys('{"source": "61 9 * * *", "tz": "Europe/Berlin"}')
    status, text, curl = _send(browser, parse, "422")
    assert status.endswith("\u00b7 application/problem+json")
    problem = json.loads(text)
    assert problem["type"] == "urn:cadence:problem:parse-error"
    assert problem["position"]["token"] == "61"
    assert _sent_body(curl) == {"source": "61 9 * * *", "tz": "Europe/Berlin"}

    # a GET operation has no body: the document itself
    status, text, curl = _send(browser, browser.find_element(By.ID, "op-openapi"), "200")
    assert json.loads(text)["openapi"] == "3.1.0"
    assert curl == f"curl -s '{served}/v1/openapi.json'"

    shot = tmp_path / "docs.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 0
    # a CSP violation (an inline script or style, a file from elsewhere) or a script
    # error is a SEVERE console entry; Chromium also reports the 422 asked for above
    asked = f"{served}/v1/parse - Failed to load resource: the server responded with a " \
            "status of 422"
    # (selenium leaves get_log unannotated)
    entries: list[dict[str, str]] = browser.get_log("browser")  # type: ignore[no-untyped-call]
    severe = [entry["message"] for entry in entries
              if entry["level"] == "SEVERE" and not entry["message"].startswith(asked)]
    assert severe == []
