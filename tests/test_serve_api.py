"""The HTTP API (cadence.serve) under Starlette's test client: every endpoint, status
code and problem body, with ISO expectations; hostile bodies answered with problems,
never a 500 or a traceback; every response checked against the OpenAPI document the
app serves."""

from __future__ import annotations

import json
import sys
import threading
from typing import Any

import pytest

pytest.importorskip("starlette", reason="cadence serve needs the serve extra (starlette)")
pytest.importorskip("httpx", reason="Starlette's test client needs httpx")

from jsonschema import Draft202012Validator

import cadence
from cadence.serve import MAX_BODY_BYTES, MAX_N, _endpoints, create_app, openapi
from serve_client import TestClient

DOCUMENT = openapi()
ENDPOINTS = ("parse", "next", "convert", "validate", "month", "diff")
ICAL = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261207T090000Z\r\n"
        "DTEND:20261207T170000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def _schema(name: str) -> Draft202012Validator:
    schema = {"$ref": f"#/components/schemas/{name}", **DOCUMENT}
    return Draft202012Validator(schema)


def checked(response: Any) -> dict[str, Any]:
    """The response's JSON body, checked against the document: a problem body for every
    status but 200, the endpoint's answer for 200; never a traceback."""
    assert "Traceback" not in response.text
    body = json.loads(response.text)
    if response.status_code == 200:
        path = response.request.url.path
        name = path.removeprefix("/v1/")
        if name in ENDPOINTS:
            assert response.headers["content-type"] == "application/json"
            _schema(f"{name}_response").validate(body)
        return dict(body)
    assert response.headers["content-type"] == "application/problem+json"
    _schema("problem").validate(body)
    assert body["status"] == response.status_code
    assert response.status_code < 500 or response.status_code == 503
    return dict(body)


def post(client: TestClient, endpoint: str, body: object) -> tuple[int, dict[str, Any]]:
    response = client.post(f"/v1/{endpoint}", json=body)
    return response.status_code, checked(response)


def test_the_document_is_openapi_3_1_with_valid_schemas(client: TestClient) -> None:
    response = client.get("/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document == json.loads(json.dumps(DOCUMENT))
    assert document["openapi"] == "3.1.0"
    assert sorted(document["paths"]) == sorted(
        [f"/v1/{name}" for name in ENDPOINTS] + ["/v1/openapi.json"])
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    assert f"at most {MAX_N}" in json.dumps(document["components"]["schemas"]["next_request"])


def test_the_index_lists_the_endpoints(client: TestClient) -> None:
    response = client.get("/v1")
    assert response.status_code == 200
    assert "POST /v1/parse" in response.json()["endpoints"]


NEXT = [
    ({"source": "0 9 * * MON-FRI", "tz": "Europe/Berlin", "after": "2026-12-04T12:00Z",
      "n": 3},
     ["2026-12-07T09:00:00+01:00", "2026-12-08T09:00:00+01:00", "2026-12-09T09:00:00+01:00"]),
    ({"source": "0 0 12 ? * 2#1", "after": "2026-12-04T12:00Z", "n": 2},
     ["2026-12-07T12:00:00+00:00", "2027-01-04T12:00:00+00:00"]),
    ({"source": "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0", "after": "2026-12-04T12:00Z",
      "n": 2}, ["2026-12-05T09:00:00+00:00", "2026-12-06T09:00:00+00:00"]),
    ({"source": {"cronStr": "0 9 * * *"}, "after": "2026-12-04T12:00Z", "n": 1},
     ["2026-12-05T09:00:00+00:00"]),
    ({"source": '{"cronStr": "0 9 * * *"}', "after": "2026-12-04T12:00Z", "n": 1},
     ["2026-12-05T09:00:00+00:00"]),
]


@pytest.mark.parametrize(("body", "expected"), NEXT)
def test_next_lists_the_occurrences_after_the_moment(client: TestClient, body: dict[str, Any],
                                                     expected: list[str]) -> None:
    status, answer = post(client, "next", body)
    assert status == 200
    assert answer["occurrences"] == expected


def test_next_lists_windows_for_a_schedule_of_windows(client: TestClient) -> None:
    status, answer = post(client, "next", {"source": ICAL, "after": "2026-12-04T12:00Z",
                                           "n": 5})
    assert status == 200
    assert answer["format"] == "ical"
    assert "occurrences" not in answer
    assert answer["windows"] == [
        {"start": f"2026-12-0{day}T09:00:00+00:00", "end": f"2026-12-0{day}T17:00:00+00:00"}
        for day in (7, 8, 9)]


def test_parse_answers_the_ir_the_description_and_the_lints(client: TestClient) -> None:
    status, answer = post(client, "parse", {"source": "0 9 * * MON-FRI",
                                            "tz": "Europe/Berlin"})
    assert status == 200
    assert answer["description"] == ("At 09:00 on every day-of-week from Monday through "
                                     "Friday (Europe/Berlin time).")
    assert answer["ir"]["zone"] == "Europe/Berlin"
    assert answer["ir"]["rules"][0]["weekdays"] == {"days": ["MO", "TU", "WE", "TH", "FR"]}
    assert (answer["format"], answer["lints"]) == ("cron", [])
    status, answer = post(client, "parse", {"source": "* 3 * * *", "format": "cron"})
    assert [lint["code"] for lint in answer["lints"]] == ["MINUTE_WILDCARD"]


def test_a_path_looking_source_is_read_as_schedule_text(client: TestClient) -> None:
    for path in ("/etc/passwd", "../../pyproject.toml", "timer.json"):
        status, answer = post(client, "parse", {"source": path})
        assert status == 422
        assert answer["type"].endswith(":parse-error")
        assert "no such file" not in answer[
            "detail"]


CONVERT = [
    ({"source": "0 9 * * MON-FRI", "to": "rrule"},
     "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0", []),
    ({"source": "DTSTART:20261207T090000Z\nRRULE:FREQ=DAILY;COUNT=3", "to": "cron",
      "lossy": True}, "0 9 * * *",
     ["the start bound (2026-12-07T09:00:00+00:00)",
      "the end bound (2026-12-09T09:00:01+00:00)"]),
]


@pytest.mark.parametrize(("body", "written", "dropped"), CONVERT)
def test_convert_writes_the_target(client: TestClient, body: dict[str, Any], written: str,
                                   dropped: list[str]) -> None:
    status, answer = post(client, "convert", body)
    assert status == 200
    assert answer == {"format": body["to"], "schedule": written, "dropped": dropped}


def test_convert_refuses_what_the_target_cannot_say_naming_the_feature(
        client: TestClient) -> None:
    status, answer = post(client, "convert", {
        "source": "DTSTART:20261207T090000Z\nRRULE:FREQ=DAILY;COUNT=3", "to": "cron"})
    assert status == 422
    assert answer["type"] == "urn:cadence:problem:unsupported"
    assert (answer["target"], answer["feature"]) == (
        "cron", "a start bound (2026-12-07T09:00:00+00:00)")
    assert answer["detail"] == ("cron: a start bound (2026-12-07T09:00:00+00:00) cannot be "
                                "expressed")


def test_validate_answers_problems_with_pointers_and_the_envelope(client: TestClient) -> None:
    status, answer = post(client, "validate", {"source": {"cronStr": "61 * * * *"},
                                               "envelope": True})
    assert status == 200
    assert (answer["format"], answer["valid"]) == ("edfs", False)
    assert [(p["path"], p["code"]) for p in answer["problems"]] == [
        ("/cronStr", "INVALID_CRON")]
    assert answer["envelope"]["error"]["code"] == "InvalidTimerRequest"
    status, answer = post(client, "validate", {"source": {"cronStr": "0 9 * * *"},
                                               "envelope": True})
    assert (status, answer["valid"], answer["envelope"]) == (200, True, None)
    status, answer = post(client, "validate", {"source": "61 * * * *", "envelope": True})
    assert status == 422
    assert "no vendor error envelope" in answer["detail"]


DIFF = [
    ({"a": "0 9 * * 1-5", "b": "0 9 * * MON-FRI"}, "equivalent", None, None),
    ({"a": "0 9 * * 1-5", "b": "0 9 * * 1-6"}, "different", "2026-12-05T09:00:00+00:00",
     "b"),
    ({"a": "0 9 * * 1-6", "b": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;"
      "BYSECOND=0"}, "different", "2026-12-05T09:00:00+00:00", "a"),
]


@pytest.mark.parametrize(("body", "verdict", "moment", "side"), DIFF)
def test_diff_answers_the_verdict_or_the_first_difference(
        client: TestClient, body: dict[str, Any], verdict: str, moment: str | None,
        side: str | None) -> None:
    status, answer = post(client, "diff", {**body, "after": "2026-12-04T12:00Z"})
    assert status == 200
    assert (answer["verdict"], answer["moment"], answer["side"]) == (verdict, moment, side)
    assert answer["after"] == "2026-12-04T12:00:00+00:00"


def test_month_counts_each_day_in_the_schedules_zone(client: TestClient) -> None:
    status, answer = post(client, "month", {"source": "0 9 * * MON-FRI", "tz": "Europe/Berlin",
                                            "month": "2026-12"})
    assert status == 200
    assert (answer["format"], answer["zone"], answer["windows"]) == (
        "cron", "Europe/Berlin", False)
    month = answer["month"]
    assert (month["month"], month["daysFiring"], month["occurrences"], month["first"],
            month["last"]) == ("2026-12", 23, 23, "2026-12-01T09:00:00+01:00",
                               "2026-12-31T09:00:00+01:00")
    days = {day["date"]: day for day in month["days"]}
    assert len(days) == 31
    assert (days["2026-12-05"]["occurrences"], days["2026-12-05"]["weekday"]) == (0, 6)
    assert days["2026-12-07"]["first"] == "2026-12-07T09:00:00+01:00"
    assert days["2026-12-07"]["hours"] == []
    assert days["2026-12-07"]["workingSeconds"] is None


def test_month_shades_window_hours_and_counts_a_short_day(client: TestClient) -> None:
    # 00:00-08:00 windows on the day Berlin springs forward: 7 real hours in a 23-hour day
    status, answer = post(client, "month", {"source": "0 0 * * *", "tz": "Europe/Berlin",
                                            "month": "2027-03"})
    assert status == 200
    assert answer["month"]["days"][27]["hours"] == []
    body = {"source": "0 0 * * *", "tz": "Europe/Berlin", "month": "2027-03"}
    schedule = cadence.parse(body["source"], tz=body["tz"]).with_duration("PT8H")
    payload = cadence.convert(schedule, to="bentley")
    status, answer = post(client, "month", {**body, "source": payload})
    assert status == 200
    assert answer["windows"] is True
    change = answer["month"]["days"][27]
    assert change["date"] == "2027-03-28"
    assert len(change["hours"]) == 23
    assert change["workingSeconds"] == 7 * 3600
    assert change["hours"][:7] == [1.0] * 7
    assert change["hours"][7:] == [0.0] * 16


def test_month_defaults_to_this_month_in_the_schedules_zone(client: TestClient) -> None:
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    def this_month() -> str:
        return datetime.now(timezone.utc).astimezone(ZoneInfo("Pacific/Kiritimati")).strftime(
            "%Y-%m")

    before = this_month()  # (the request may straddle a month's end)
    status, answer = post(client, "month", {"source": "0 9 * * *", "tz": "Pacific/Kiritimati"})
    assert status == 200
    assert answer["month"]["month"] in {before, this_month()}


def test_month_reaches_the_calendars_first_and_last_months(client: TestClient) -> None:
    for month, first in [("0001-01", "0001-01-01T09:00:00+00:00"),
                         ("9999-12", "9999-12-01T09:00:00+00:00")]:
        status, answer = post(client, "month", {"source": "0 9 * * *", "month": month})
        assert status == 200
        assert answer["month"]["first"] == first


PROBLEMS = [
    # (endpoint, body, status, type, a piece of the detail, a pointer or None)
    ("parse", {"sorce": "0 9 * * *"}, 400, "bad-request", "did you mean source?", "/sorce"),
    ("parse", {"source": "0 9 * * *", "format": "crom"}, 400, "bad-request",
     "did you mean cron?", "/format"),
    ("next", {"source": "0 9 * * *", "n": MAX_N + 1}, 400, "bad-request",
     f"between 1 and {MAX_N}", "/n"),
    ("next", {"source": "0 9 * * *", "n": True}, 400, "bad-request",
     "must be integer, not boolean", "/n"),
    ("next", {"source": 5}, 400, "bad-request", "not integer", "/source"),
    ("convert", {"source": "0 9 * * *"}, 400, "bad-request", "to is required", "/to"),
    ("convert", {"source": "0 9 * * *", "to": "cron", "lossy": "yes"}, 400, "bad-request",
     "must be boolean", "/lossy"),
    ("diff", {"a": "0 9 * * *"}, 400, "bad-request", "b is required", "/b"),
    ("month", {"source": "0 9 * * *", "month": "2026-13"}, 400, "bad-request",
     "must be written YYYY-MM, from 0001-01 to 9999-12, not '2026-13'", "/month"),
    ("month", {"source": "0 9 * * *", "month": "December"}, 400, "bad-request",
     "must be written YYYY-MM", "/month"),
    ("month", {"source": "0 9 * * *", "month": "0000-12"}, 400, "bad-request",
     "from 0001-01 to 9999-12, not '0000-12'", "/month"),
    # JSON Schema's $ is the very end: a final newline does not fit
    ("month", {"source": "0 9 * * *", "month": "2026-12\n"}, 400, "bad-request",
     "must be written YYYY-MM", "/month"),
    ("parse", {"source": "0 9 * * *", "tz": "Mars/Olympus"}, 422, "unknown-zone",
     "unknown time zone 'Mars/Olympus'", None),
    ("parse", {"source": {"foo": 1}}, 422, "ambiguous-format", "no format recognizes", None),
    ("parse", {"source": {"cronStr": "61 * * * *"}}, 422, "invalid-payload",
     "minute 61 is out of range", "/cronStr"),
    ("parse", {"source": "0 0 30 2 *"}, 422, "schedule-error", "never fires", None),
    ("parse", {"source": "61 * * * *"}, 422, "parse-error",
     "minute 61 is out of range 0-59 (column 1)", None),
    ("next", {"source": "0 9 * * *", "after": "yesterday"}, 422, "schedule-error",
     "'yesterday' is not an ISO 8601 date-time", None),
    ("validate", {"source": '{"cronStr": 5'}, 422, "schedule-error", "is not JSON", None),
]


@pytest.mark.parametrize(("endpoint", "body", "status", "kind", "said", "pointer"), PROBLEMS)
def test_every_error_is_a_problem_body(client: TestClient, endpoint: str, body: Any,
                                       status: int, kind: str, said: str,
                                       pointer: str | None) -> None:
    got, answer = post(client, endpoint, body)
    assert (got, answer["type"]) == (status, f"urn:cadence:problem:{kind}")
    assert said in answer["detail"]
    if pointer is not None:
        assert pointer in [problem["path"] for problem in answer["problems"]]


def test_a_parse_error_shows_its_column_and_token_never_the_whole_source(
        client: TestClient) -> None:
    secret = "0 9 * * MON-FRI-SUNDAYS " + "keep-this-private " * 20
    status, answer = post(client, "parse", {"source": secret})
    assert status == 422
    assert "keep-this-private" not in json.dumps(answer)
    status, answer = post(client, "parse", {"source": "61 * * * *"})
    assert answer["position"] == {"line": 1, "column": 1, "length": 2, "token": "61"}
    # in a text of several lines, the line too (the error names the line it read)
    status, answer = post(client, "parse", {
        "source": "DTSTART:20261201T090000Z\nRRULE:FREQ=DAILY;BYMONTH=0"})
    assert answer["position"] == {"line": 2, "column": 26, "length": 1, "token": "0"}
    assert answer["detail"].endswith("(line 2, column 26)")


def test_wrong_method_and_unknown_path_are_problem_bodies(client: TestClient) -> None:
    response = client.get("/v1/parse")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert checked(response)["title"] == "Method not allowed"
    response = client.post("/v1/openapi.json", json={})
    assert response.status_code == 405
    checked(response)
    response = client.post("/v2/parse" + "x" * 500, json={})
    assert response.status_code == 404
    assert "x" * 100 not in checked(response)["detail"]


HOSTILE = [
    (b"{", 400), (b"[]", 400), (b"", 400), (b"null", 400), (b"\xff\xfe", 400),
    (b"[" * 100_000, 400),
    (b'{"source": 1' + b"0" * 5000 + b"}", 400),
    (b'{"source": ' + b"[" * 5000 + b"]" * 5000 + b"}", 400),
    (b'{"source": ' + b"[" * 200 + b"]" * 200 + b"}", 400),  # past limits.MAX_DEPTH
    (b'{"source": "\\ud800"}', 422),
    (b'{"source": "\\u0000\\u001b[31m\\u0007"}', 422),
    (b'{"source": {"cronStr": "\\u0000"}}', 422),
    (b'{"source": "' + b"1 " * 1_000_000 + b'"}', 422),
    (b'{"source": {"cronStr": "0 9 * * *", "x": [' + b"1," * 20_000 + b"1]}}", 422),
    (b'{"source": "0 9 * * *", "n": 1e308}', 400),
]


@pytest.mark.parametrize(("raw", "status"), HOSTILE, ids=lambda value: str(value)[:30])
@pytest.mark.parametrize("endpoint", ["parse", "next", "validate"])
def test_hostile_bodies_get_problems_never_a_500(client: TestClient, endpoint: str,
                                                 raw: bytes, status: int) -> None:
    response = client.post(f"/v1/{endpoint}", content=raw)
    body = checked(response)
    if endpoint != "validate" or status == 400:
        assert response.status_code == status, body
    assert len(response.content) < 20_000  # the input is not echoed back


def test_the_depth_limit_holds_whatever_the_recursion_limit(
        client: TestClient) -> None:
    """json.loads gives up only at the recursion limit, which a test runner or a library
    may raise: the body's depth is checked against limits.MAX_DEPTH itself."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)
    try:
        response = client.post("/v1/parse",
                               content=b'{"source": ' + b"[" * 5000 + b"]" * 5000 + b"}")
    finally:
        sys.setrecursionlimit(before)
    assert response.status_code == 400
    assert "more than 64 levels deep" in checked(response)["detail"]


def test_a_body_over_the_cap_is_413(client: TestClient) -> None:
    raw = b'{"source": "' + b" " * MAX_BODY_BYTES + b'"}'
    response = client.post("/v1/parse", content=raw)
    assert response.status_code == 413
    assert str(MAX_BODY_BYTES) in checked(response)["detail"]


def test_a_request_past_its_budget_is_503_with_retry_after(
        monkeypatch: pytest.MonkeyPatch) -> None:
    release, started = threading.Event(), threading.Event()

    def slow(body: dict[str, Any]) -> dict[str, Any]:
        started.set()
        release.wait(60)  # until the test has its answers (a minute at most)
        return {}

    monkeypatch.setitem(_endpoints.WORK, "next", slow)
    try:
        with TestClient(create_app(budget=0.05, max_busy=2)) as test_client:
            response = test_client.post("/v1/next", json={"source": "0 9 * * *"})
            assert response.status_code == 503
            assert response.headers["retry-after"] == "1"
            answer = checked(response)
            assert answer["budget_seconds"] == 0.05
            assert "after 0.05 seconds" in answer["detail"]
            assert started.wait(60)
            # one worker is still busy with it: the other still answers ...
            assert test_client.post("/v1/parse", json={"source": "0 9 * * *"}
                                    ).status_code == 200
            # ... until a second slow request keeps it busy too: then 503 at once
            assert test_client.post("/v1/next", json={"source": "0 9 * * *"}
                                    ).status_code == 503
            response = test_client.post("/v1/parse", json={"source": "0 9 * * *"})
            assert response.status_code == 503
            assert "all 2 workers are busy" in checked(response)["detail"]
    finally:
        release.set()


#: Schedules that once answered 500 (a crash inside the library), found by sending the
#: fuzz corpus to every endpoint: each is now an answer or a problem.
YEAR_ONE = "DTSTART:00010101T000000Z\nRRULE:FREQ=YEARLY;COUNT=3"
APIA = "DTSTART;TZID=Pacific/Apia:00010101T123059\nRRULE:FREQ=WEEKLY;BYSECOND=7"


def test_a_counted_rule_starting_in_the_first_second_of_year_one_compares(
        client: TestClient) -> None:
    # (its last occurrence was found by walking from a second before year 1: overflow)
    status, answer = post(client, "diff", {"a": YEAR_ONE, "b": "0 9 * * *",
                                           "after": "2026-12-04T12:00Z"})
    assert (status, answer["verdict"], answer["moment"], answer["side"]) == (
        200, "different", "2026-12-05T09:00:00+00:00", "b")
    status, answer = post(client, "diff", {"a": YEAR_ONE, "b": YEAR_ONE + ";BYMONTH=1",
                                           "after": "0001-01-01T00:00Z"})
    assert (status, answer["verdict"]) == (200, "equivalent")


def test_a_payload_given_as_json_text_has_its_problems_lines(client: TestClient) -> None:
    text = '{\n  "type": "WEEKLY",\n  "hours": {"type": "LIST", "values": ["9"]},\n' \
           '  "days": {\n    "type": "LIST",\n    "values": ["2", "9"]\n  }\n}'
    status, answer = post(client, "validate", {"source": text, "format": "campaign"})
    assert status == 200
    [problem] = answer["problems"]
    assert (problem["path"], problem["line"], problem["column"]) == ("/days/values/1", 6, 21)
    status, answer = post(client, "parse", {"source": text})
    assert status == 422
    assert [(item["path"], item["line"]) for item in answer["problems"]] == [
        ("/days/values/1", 6)]
    # a JSON value, not text: no lines to give
    status, answer = post(client, "validate", {"source": json.loads(text)})
    assert "line" not in answer["problems"][0]


def test_the_last_month_of_a_dense_schedule_is_counted(client: TestClient) -> None:
    # (the calendar's last second was computed in floats: year 10000, a crash)
    status, answer = post(client, "month", {"source": "FREQ=SECONDLY", "month": "9999-12"})
    assert status == 200
    assert answer["month"]["last"] == "9999-12-31T23:59:59+00:00"


def test_a_crash_in_an_endpoint_is_a_500_problem_and_logged(
        client: TestClient, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(body: dict[str, Any]) -> dict[str, Any]:
        raise ZeroDivisionError("a bug")

    monkeypatch.setitem(_endpoints.WORK, "parse", broken)
    response = client.post("/v1/parse", json={"source": "0 9 * * *"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    _schema("problem").validate(response.json())
    assert response.json()["type"] == "urn:cadence:problem:internal"
    assert "a bug" not in response.text  # (the log has it, never the client)
    assert "ZeroDivisionError: a bug" in caplog.text


def test_an_ical_start_before_year_one_in_utc_is_a_problem_not_a_crash(
        client: TestClient) -> None:
    # (DTSTAMP, the start in UTC, overflowed for a start in year 1 east of UTC)
    status, answer = post(client, "convert", {"source": APIA, "to": "ical",
                                              "start": "0001-01-01T00:00"})
    assert status == 422
    assert answer["type"] == "urn:cadence:problem:unsupported"
