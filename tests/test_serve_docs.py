"""The examples the API's interactive page (``GET /v1/docs``) sends: every operation's
example fits its request schema and is answered 200 with a body that fits the response
schema. (The pages' policy, files and scripts: ``test_serve_pages.py``; the page in a
browser: ``test_serve_browser.py``.)"""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cadence.serve import openapi
from cadence.serve._schemas import request_problems
from serve_client import TestClient

DOCUMENT = openapi()


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
