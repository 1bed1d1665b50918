"""The playground page (and the API's page, ``/v1/docs``) in a real browser: headless
Chromium (Debian's ``chromium`` and ``chromium-driver``, driven by Selenium; nothing
downloads a browser) loads the page from a live ``cadence serve`` on a free loopback
port, and the test types schedules into it as a person would. Every expectation is
computed by the library itself at test time, so the page must show what ``cadence``
says, whatever today is."""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import cadence
from integrations_required import required
from live_serve import running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
#: Chromium's flags: no sandbox (CI runs as root), and none of its calls home, which this
#: machine's closed network refuses.
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-quic", "--no-first-run", "--window-size=1280,1400"]

#: The zone the browser runs in.
BROWSER_ZONE = "America/Sao_Paulo"

pytestmark = pytest.mark.integration


def _unavailable(reason: str) -> None:
    if required():
        pytest.fail(f"{reason} (CI must run the browser tests: .ci/run installs chromium "
                    "and chromium-driver)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running_server() as base:
        yield base


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed (pip install '.[test]')")
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        _unavailable("no browser: install Debian's chromium and chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # the browser's own zone, which the page's zone picker starts at
    service = Service(CHROMEDRIVER, env={**os.environ, "TZ": BROWSER_ZONE})
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver: Any, condition: Any, what: str) -> Any:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, 30, poll_frequency=0.1).until(condition)
    except TimeoutException:
        pytest.fail(f"the page never showed {what}; it shows: "
                    f"{driver.find_element('id', 'description').text!r}")


def _by(driver: Any, css: str) -> Any:
    return driver.find_element("css selector", css)


def _open(driver: Any, base: str, zone: str) -> None:
    driver.get(base + "/")
    _wait(driver, lambda d: d.execute_script(
        "return document.getElementById('format').options.length > 1"), "its formats")
    field = _by(driver, "#zone")
    field.clear()
    field.send_keys(zone + "\n")


def _type(driver: Any, text: str) -> None:
    """Type ``text`` into the schedule box as a person would, replacing what it held."""
    from selenium.webdriver.common.keys import Keys

    box = _by(driver, "#source")
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(text)


def _settled(driver: Any, description: str) -> None:
    """Wait until the page shows ``description`` and has drawn every panel for it."""
    _wait(driver, lambda d: d.find_element("id", "description").text == description
          and d.find_element("id", "status").text == "", f"the description {description!r}")
    _wait(driver, lambda d: d.find_elements("css selector", ".conversion"), "conversions")


def _small_png(shot: Path, to: Path) -> None:
    """The top of a screenshot at three quarters of its size in 48 colours: a PNG small
    enough to commit (the README's picture)."""
    from PIL import Image

    with Image.open(shot) as picture:
        top = picture.convert("RGB").crop((0, 0, picture.width, min(picture.height, 1180)))
    smaller = top.resize((top.width * 3 // 4, top.height * 3 // 4), Image.Resampling.LANCZOS)
    smaller.quantize(colors=48, method=Image.Quantize.MEDIANCUT).save(to, optimize=True)


def _show(driver: Any, base: str, source: str, zone: str) -> cadence.Schedule:
    """Open the page, pick ``zone``, type ``source`` and wait for every panel; the
    schedule as the library reads it."""
    schedule = cadence.parse(source, tz=zone)
    _open(driver, base, zone)
    _type(driver, source)
    _settled(driver, schedule.describe())
    return schedule


def _first_run(schedule: cadence.Schedule, shown: list[str]) -> str:
    """The page's first next run, checked against the library's (the page asked a moment
    ago: the library's next run from a little earlier, or the one after it)."""
    expected = schedule.next(datetime.now(timezone.utc) - timedelta(minutes=5))
    assert expected is not None
    candidates = [expected.isoformat()]
    while len(candidates) < 4 and expected is not None:  # (a run a minute may pass)
        expected = schedule.next(expected)
        if expected is not None:
            candidates.append(expected.isoformat())
    assert shown[0] in candidates
    return shown[0]


def _runs(driver: Any) -> list[str]:
    # read in one step: the page may redraw the list between two lookups
    runs: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('#next time'), (t) => t.dateTime);")
    return runs


def _hints(driver: Any) -> list[str]:
    hints: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('#next .hint'), (h) => h.textContent);")
    return hints


def _hint_fits(hint: str, run: str) -> bool:
    """Whether ``hint`` is what a person in the schedule's zone would say of ``run``:
    days counted on that calendar ("tomorrow" is the next date, however few hours away),
    hours or minutes within the day."""
    moment = datetime.fromisoformat(run)
    days = (moment.date() - datetime.now(timezone.utc).astimezone(moment.tzinfo).date()).days
    if days == 0:
        return re.fullmatch(r"in \d+ (hour|minute|second)s?|now", hint) is not None
    return hint == ("tomorrow" if days == 1 else f"in {days} days")


def _conversion(driver: Any, target: str) -> Any:
    return _by(driver, f'.conversion[data-target="{target}"]')


def _no_page_errors(driver: Any) -> None:
    """No script error and no Content-Security-Policy refusal in the browser's console
    (a 422 the page asked for is logged by Chromium as a failed load: that is expected)."""
    logs = driver.get_log("browser")
    bad = [entry["message"] for entry in logs
           if (entry.get("source") != "network" and entry["level"] == "SEVERE")
           or "Content Security Policy" in entry["message"]]
    assert bad == []


def test_a_cron_line_shows_its_meaning_runs_calendar_and_conversions(
        server: str, browser: Any, tmp_path: Path) -> None:
    source, zone = "0 9 * * MON-FRI", "Europe/Berlin"
    schedule = _show(browser, server, source, zone)
    first = _first_run(schedule, _runs(browser))
    assert len(_runs(browser)) == 10
    hints = _hints(browser)
    assert all(_hint_fits(hint, run) for hint, run in zip(hints, _runs(browser), strict=True)), \
        hints
    # the calendar shows the first run's month, its day marked and a Sunday not
    marked = _by(browser, f'td[data-date="{first[:10]}"]')
    assert "fires" in marked.get_attribute("class").split()
    sundays = browser.find_elements("css selector", "#calendar tbody tr td:nth-child(7)")
    assert all("fires" not in (cell.get_attribute("class") or "").split() for cell in sundays)
    assert _conversion(browser, "cron").find_element("css selector", "pre").text == \
        cadence.convert(schedule, to="cron")
    # RRULE needs a start: the page writes it as it runs from its next run
    assert _conversion(browser, "rrule").find_element("css selector", "pre").text == \
        cadence.convert(schedule, to="rrule", start=first)
    # EDFS runs in UTC only: refused, with the reason
    refused = _conversion(browser, "edfs")
    assert "refused" in refused.get_attribute("class").split()
    assert "Europe/Berlin cannot be expressed" in refused.text
    browser.save_screenshot(str(tmp_path / "cron.png"))
    assert (tmp_path / "cron.png").stat().st_size > 10_000
    if os.environ.get("CADENCE_SCREENSHOT_TO"):  # how docs/playground.png is made
        _small_png(tmp_path / "cron.png", Path(os.environ["CADENCE_SCREENSHOT_TO"]))
    _no_page_errors(browser)


CAMPAIGN = {"type": "WEEKLY", "hours": {"type": "LIST", "values": ["9", "17"]},
            "days": {"type": "LIST", "values": ["2", "5"]}, "timeZoneId": "America/Chicago"}


def test_a_sailpoint_payload_is_read_and_converted(server: str, browser: Any,
                                                    tmp_path: Path) -> None:
    text = json.dumps(CAMPAIGN, indent=2)
    schedule = cadence.parse(text, format="campaign")
    _open(browser, server, "UTC")
    _type(browser, text)
    _settled(browser, schedule.describe())
    assert "Format: campaign" in _by(browser, "#facts").text
    assert "America/Chicago (named by the source)" in _by(browser, "#facts").text
    first = _first_run(schedule, _runs(browser))
    assert "fires" in _by(browser, f'td[data-date="{first[:10]}"]').get_attribute("class")
    assert _conversion(browser, "cron").find_element("css selector", "pre").text == \
        cadence.convert(schedule, to="cron")
    browser.save_screenshot(str(tmp_path / "campaign.png"))
    _no_page_errors(browser)


def test_a_payloads_problems_point_at_their_lines(server: str, browser: Any) -> None:
    wrong = {**CAMPAIGN, "hours": {"type": "LIST", "values": ["9", "25"]}}
    text = json.dumps(wrong, indent=2)
    line = text.splitlines().index('      "25"') + 1
    _open(browser, server, "UTC")
    _type(browser, text)
    _wait(browser, lambda d: d.find_elements("css selector", "#problems li"), "problems")
    problem = _by(browser, "#problems li")
    assert problem.find_element("css selector", ".line-link").text == f"line {line}"
    assert problem.find_element("css selector", ".pointer").text == "/hours/values/1"
    marked = browser.find_elements("css selector", "#gutter .marked")
    assert [mark.text for mark in marked] == [str(line)]
    problem.find_element("css selector", ".line-link").click()
    selected = browser.execute_script(
        "const box = document.getElementById('source');"
        "return box.value.slice(box.selectionStart, box.selectionEnd);")
    assert selected == '      "25"'


def test_an_rrule_with_an_end_is_shown_and_refused_where_a_target_cannot_end(
        server: str, browser: Any, tmp_path: Path) -> None:
    source = "DTSTART;TZID=America/New_York:20261201T083000\nRRULE:FREQ=MONTHLY;BYDAY=-1FR"
    schedule = cadence.parse(source)
    _open(browser, server, "UTC")
    _type(browser, source)
    _settled(browser, schedule.describe())
    first = _first_run(schedule, _runs(browser))
    assert first.endswith("T08:30:00-05:00") or first.endswith("T08:30:00-04:00")
    assert "fires" in _by(browser, f'td[data-date="{first[:10]}"]').get_attribute("class")
    assert _conversion(browser, "rrule").find_element("css selector", "pre").text == \
        cadence.convert(schedule, to="rrule")
    # cron has no "last Friday" and no start: refused with the reason
    cron = _conversion(browser, "cron")
    assert "refused" in cron.get_attribute("class").split()
    with pytest.raises(cadence.UnsupportedError) as refusal:
        cadence.convert(schedule, to="cron")
    assert cron.find_element("css selector", ".reason").text == refusal.value.one_line
    browser.save_screenshot(str(tmp_path / "rrule.png"))
    _no_page_errors(browser)


def test_a_window_schedule_shades_its_hours(server: str, browser: Any) -> None:
    _open(browser, server, "UTC")
    _by(browser, 'button[data-example="helix"]').click()
    _wait(browser, lambda d: d.find_element("id", "source").get_attribute("value")
          .startswith("{"), "the Helix example in the box")
    schedule = cadence.parse(_by(browser, "#source").get_attribute("value"))
    _settled(browser, schedule.describe())
    # read in one step: the page may redraw between two lookups
    shades = browser.execute_script(
        "return Array.from(document.querySelectorAll('td.fires .hours')[0].children,"
        " (hour) => Number(getComputedStyle(hour).opacity));")
    assert len(shades) in (23, 24, 25)
    assert max(shades) == 1.0
    assert min(shades) < 0.2


def test_the_url_holds_the_input(server: str, browser: Any) -> None:
    source = "*/15 8-18 * * 1-5"
    schedule = _show(browser, server, source, "Asia/Tokyo")
    link = browser.current_url
    browser.get("about:blank")
    browser.get(link)
    _settled(browser, schedule.describe())
    assert _by(browser, "#source").get_attribute("value") == source
    assert _by(browser, "#zone").get_attribute("value") == "Asia/Tokyo"


def test_the_page_shows_hostile_input_as_text(server: str, browser: Any) -> None:
    hostile = '<img src=x onerror="document.title=\'owned\'">{{7*7}}'
    _open(browser, server, "UTC")
    title = browser.title
    _type(browser, hostile)
    _wait(browser, lambda d: "failed" in d.find_element("id", "description")
          .get_attribute("class"), "the error")
    assert browser.find_elements("css selector", "main img") == []
    assert browser.title == title
    _no_page_errors(browser)


def test_the_zone_picker_starts_at_the_browsers_zone(server: str, browser: Any) -> None:
    source = "30 6 * * *"
    browser.get("about:blank")  # (a new page, not a new address in the same page)
    browser.get(server + "/#s=" + source.replace(" ", "%20"))
    _settled(browser, cadence.parse(source, tz=BROWSER_ZONE).describe())
    assert _by(browser, "#zone").get_attribute("value") == BROWSER_ZONE
    assert _runs(browser)[0].endswith("T06:30:00-03:00")


def test_a_copy_button_puts_the_conversion_on_the_clipboard(server: str, browser: Any) -> None:
    source = "0 12 1 * *"
    schedule = cadence.parse(source, tz="UTC")
    _open(browser, server, "UTC")
    browser.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": server, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    _type(browser, source)
    _settled(browser, schedule.describe())
    button = _conversion(browser, "systemd").find_element("css selector", ".copy")
    button.click()
    _wait(browser, lambda d: button.text == "Copied", "the copy confirmed")
    pasted = browser.execute_async_script(
        "navigator.clipboard.readText().then(arguments[0], (e) => arguments[0](String(e)));")
    assert pasted == cadence.convert(schedule, to="systemd")


# -- the API's interactive page, /v1/docs ----------------------------------------------

def _send(driver: Any, operation: Any, status: str) -> tuple[str, str, str]:
    """Click the operation's Send and wait for an answer with ``status``: the status
    line, the answer's text and the curl line."""
    from selenium.webdriver.common.by import By

    line = operation.find_element(By.CSS_SELECTOR, ".try-status")
    operation.find_element(By.CSS_SELECTOR, "button.send").click()
    _wait(driver, lambda _: line.text.startswith(status + " "), f"a {status} answer")
    return (line.text, operation.find_element(By.CSS_SELECTOR, ".try-answer").text,
            operation.find_element(By.CSS_SELECTOR, ".try-curl").text)


def _sent_body(curl: str) -> object:
    """The JSON body of a curl line the page wrote (``--data-binary '...'``)."""
    quoted = curl.split(" --data-binary ", 1)[1]
    assert quoted.startswith("'")
    assert quoted.endswith("'")
    return json.loads(quoted[1:-1].replace("'\\''", "'"))


def test_the_api_page_sends_examples_and_shows_answers_within_its_csp(
        browser: Any, server: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get_log("browser")  # (what earlier tests left in the console)
    browser.get(server + "/v1/docs")
    _wait(browser, lambda _: browser.find_elements(By.CSS_SELECTOR, "#op-parse button.send"),
          "the page to draw the parse operation")

    # the table of contents: one link per operation, each to its drawn section
    with urllib.request.urlopen(server + "/v1/openapi.json", timeout=30) as response:
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
    assert answer["description"] == cadence.parse(example["source"], tz=example["tz"]).describe()
    assert answer["zone"] == "Europe/Berlin"
    assert curl.startswith(f"curl -s -X POST '{server}/v1/parse' "
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
    assert curl == f"curl -s '{server}/v1/openapi.json'"

    shot = tmp_path / "docs.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 0
    _no_page_errors(browser)


def test_month_navigation_keeps_the_last_month_asked(server: str, browser: Any) -> None:
    source = "0 9 * * MON-FRI"
    _show(browser, server, source, "UTC")
    first = datetime.fromisoformat(_runs(browser)[0])
    later = first.year * 12 + first.month - 1 + 2  # two months on
    title = f"{_MONTHS[later % 12]} {later // 12}"
    forward = _by(browser, "#next-month")
    forward.click()
    forward.click()  # (before the first month's answer, likely)
    _wait(browser, lambda d: d.find_element("id", "month-title").text == title, title)
    days: list[str] = browser.execute_script(
        "return Array.from(document.querySelectorAll('td.fires'), (c) => c.dataset.date);")
    assert days
    assert all(day.startswith(f"{later // 12:04d}-{later % 12 + 1:02d}") for day in days)


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def test_an_empty_box_forgets_the_schedule(server: str, browser: Any) -> None:
    _show(browser, server, "0 9 * * *", "UTC")
    _type(browser, "")
    _wait(browser, lambda d: d.find_element("id", "description").text
          == "Type or paste a schedule above.", "the empty box's prompt")
    _by(browser, "#next-month").click()
    # whatever the click asked is answered before an answer asked after it
    browser.execute_async_script(
        "fetch('/v1/month', {method: 'POST', body: JSON.stringify({source: '0 9 * * *'})})"
        ".then(() => requestAnimationFrame(() => arguments[0]()));")
    assert browser.find_elements("css selector", "#calendar td.day") == []
    assert _runs(browser) == []


def test_a_link_says_everything_it_leaves_out_is_the_default(server: str, browser: Any) -> None:
    browser.get("about:blank")
    browser.get(server + "/#s=0%200%2012%20%3F%20*%202%231&format=quartz&tz=Asia%2FTokyo")
    quartz = cadence.parse("0 0 12 ? * 2#1", format="quartz", tz="Asia/Tokyo")
    _settled(browser, quartz.describe())
    browser.get(server + "/#s=0%209%20*%20*%201")  # (the same page: a new address only)
    _settled(browser, cadence.parse("0 9 * * 1", tz=BROWSER_ZONE).describe())
    assert _by(browser, "#format").get_attribute("value") == ""
    assert _by(browser, "#zone").get_attribute("value") == BROWSER_ZONE


def test_a_parse_error_points_at_its_line(server: str, browser: Any) -> None:
    source = "DTSTART;VALUE=DATE-TIME:20261201T090000Z\nRRULE:FREQ=DAILY;BYMONTH=0"
    _open(browser, server, "UTC")
    _type(browser, source)
    _wait(browser, lambda d: d.find_elements("css selector", "#problems li .line-link"),
          "the problem's line")
    assert _by(browser, "#problems .line-link").text == "line 2"
    assert [mark.text for mark in browser.find_elements("css selector", "#gutter .marked")] \
        == ["2"]
    assert "BYMONTH value 0 is out of range" in _by(browser, "#problems .message").text


def test_a_schedule_that_has_ended_says_so(server: str, browser: Any) -> None:
    source = "DTSTART:20200101T090000Z\nRRULE:FREQ=DAILY;COUNT=3"
    _show(browser, server, source, "UTC")
    assert _by(browser, "#next").text == "It does not fire again."
    assert browser.find_elements("css selector", "#calendar td.fires") == []
    assert _by(browser, "#month-summary").text.startswith("0 days fire")
