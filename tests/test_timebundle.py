"""Time bundle status changes: two valid bodies, every other one a problem with a path and
a code, and the vendor's response envelope."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cadence
from cadence.cli import main
from cadence.formats.timebundle import check, envelope, not_found
from cadence.validate import Problem

FORMAT = "timebundle-status"
REVISION = {"_for": "revision", "status": "CREATED"}
VERIFICATION = {"_for": "verification", "status": "PENDING_VERIFICATION"}
ACTION = "error.unknownControllerAction"
ENUM = "error.invalidEnumValue"


@pytest.mark.parametrize(
    "body",
    [REVISION, VERIFICATION, json.dumps(REVISION), json.dumps(VERIFICATION).encode(),
     {"status": "CREATED", "_for": "revision"}],
)
def test_the_two_documented_bodies_are_valid(body: object) -> None:
    checked = check(body)
    assert checked.problems == []
    assert checked.schedule is None
    assert cadence.validate(body, FORMAT) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"_for": "verify", "status": "CREATED"}, [("/_for", ACTION)]),
        ({"_for": "Revision", "status": "CREATED"}, [("/_for", ACTION)]),
        ({"_for": "", "status": "CREATED"}, [("/_for", ACTION)]),
        ({"_for": 1, "status": "CREATED"}, [("/_for", ACTION)]),
        ({"_for": ["revision"], "status": "CREATED"}, [("/_for", ACTION)]),
        ({"status": "CREATED"}, [("/_for", ACTION)]),
        ({"_for": None, "status": "CREATED"}, [("/_for", ACTION)]),
        ({"_for": "revision", "status": "DONE"}, [("/status", ENUM)]),
        ({"_for": "revision", "status": "created"}, [("/status", ENUM)]),
        ({"_for": "revision", "status": "PENDING_VERIFICATION"}, [("/status", ENUM)]),
        ({"_for": "verification", "status": "CREATED"}, [("/status", ENUM)]),
        ({"_for": "verification", "status": 3}, [("/status", ENUM)]),
        ({"_for": "verification"}, [("/status", ENUM)]),
        ({"_for": "verification", "status": None}, [("/status", ENUM)]),
        ({}, [("/_for", ACTION), ("/status", ENUM)]),
        ({"_for": "verify", "status": "DONE"}, [("/_for", ACTION), ("/status", ENUM)]),
        ({**REVISION, "comment": "x"}, [("/comment", "error.unknownField")]),
        ({**REVISION, "a/b": 1}, [("/a~1b", "error.unknownField")]),
        ({"for": "revision", "status": "CREATED"},
         [("/for", "error.unknownField"), ("/_for", ACTION)]),
        ([REVISION], [("", "error.invalidRequestBody")]),
        (None, [("", "error.invalidRequestBody")]),
        (7, [("", "error.invalidRequestBody")]),
        ("null", [("", "error.invalidRequestBody")]),
        ('"revision"', [("", "error.invalidRequestBody")]),
        ("revision", [("", "INVALID_JSON")]),
        ('{"_for": "revision",', [("", "INVALID_JSON")]),
        (b"\xff", [("", "INVALID_JSON")]),
        ("", [("", "INVALID_JSON")]),
    ],
)
def test_every_other_body_is_a_problem_at_its_path(
    body: object, expected: list[tuple[str, str]]
) -> None:
    problems = cadence.validate(body, FORMAT)
    assert [(p.path, p.code) for p in problems] == expected
    assert all(problem.is_error and problem.message for problem in problems)


def test_a_near_miss_gets_a_did_you_mean() -> None:
    problems = check({"_for": "Revision", "status": "pending_verification"}).problems
    assert "did you mean 'revision'" in problems[0].detail
    assert "did you mean 'PENDING_VERIFICATION'" in problems[1].detail


def test_a_status_of_the_other_action_says_which_status_goes_with_it() -> None:
    (problem,) = check({"_for": "revision", "status": "PENDING_VERIFICATION"}).problems
    assert 'does not go with "_for": "revision"' in problem.detail
    assert '"CREATED"' in problem.detail


@pytest.mark.parametrize(
    ("body", "message", "detail"),
    [
        ({"_for": "verify", "status": "CREATED"}, "Specified action is not supported: verify",
         '_for is: "revision" (reopen the time bundle for changes) or "verification" '
         "(submit it for verification)"),
        ({"_for": "Revision", "status": "CREATED"},
         "Specified action is not supported: Revision",
         "(did you mean 'revision'?) _for is: \"revision\" (reopen the time bundle for "
         'changes) or "verification" (submit it for verification)'),
        ({"_for": 5, "status": "CREATED"}, "Specified action is not supported: 5",
         '_for is: "revision" (reopen the time bundle for changes) or "verification" '
         "(submit it for verification)"),
        ({"status": "CREATED"}, "Specified action is not supported: null",
         '_for is required: "revision" (reopen the time bundle for changes) or '
         '"verification" (submit it for verification)'),
        ({"_for": "revision"}, "Invalid value for null",
         'status is required: "CREATED" with "_for": "revision"'),
        ({"_for": "revision", "status": "DONE"}, "Invalid value for DONE",
         'the status is "CREATED" with "_for": "revision"'),
        ({"_for": "revision", "status": "PENDING_VERIFICATION"},
         "Invalid value for PENDING_VERIFICATION",
         'PENDING_VERIFICATION does not go with "_for": "revision"; the status is "CREATED" '
         'with "_for": "revision"'),
    ],
)
def test_the_vendors_messages_are_its_words_and_cadences_are_the_detail(
    body: object, message: str, detail: str
) -> None:
    """Seed 003, "Response Body Error Sample - Invalid action": ``"message": "Specified
    action is not supported: verify", "code": "error.unknownControllerAction"``;
    "Response Body Error Sample - Missing or Invalid Field": ``"message": "Invalid value
    for null", "code": "error.invalidEnumValue"``. The message is the vendor's template
    with the value sent, nothing more; cadence's hint is a field of its own."""
    (problem,) = check(body).problems
    assert (problem.message, problem.detail) == (message, detail)
    (rendered,) = envelope([problem])["messages"]
    assert (rendered["message"], rendered["detail"]) == (message, detail)


#: Seed 003's three error samples, less ``hostId`` (a server's host).
SAMPLES = {
    "Time Bundle ID in URL is Invalid": {
        "type": "ERROR",
        "message": "Failed to load resource of type TimeBundle with Arguments "
                   "[z20080415070308965427c0].",
        "code": "error.resourceNotFound",
        "arguments": {"type": "TimeBundle", "id": "z20080415070308965427c0"},
        "key": "TimeBundle"},
    "Invalid action": {
        "type": "ERROR", "message": "Specified action is not supported: verify",
        "code": "error.unknownControllerAction", "arguments": {"action": "verify"},
        "key": "global"},
    "Missing or Invalid Field": {
        "type": "ERROR", "message": "Invalid value for null", "code": "error.invalidEnumValue",
        "arguments": {"value": "status", "field": None}, "key": None},
}


@pytest.mark.parametrize(
    ("problems", "sample"),
    [
        ([not_found("z20080415070308965427c0")], "Time Bundle ID in URL is Invalid"),
        (check({"_for": "verify", "status": "CREATED"}).problems, "Invalid action"),
        (check({"_for": "revision"}).problems, "Missing or Invalid Field"),
    ],
)
def test_the_vendors_error_samples_are_rendered_as_the_page_shows_them(
    problems: list[Problem], sample: str
) -> None:
    """Seed 003, "Error Responses": each sample is ``{"hostId", "status": "ERROR",
    "content": null, "messages": [{"type", "message", "code", "arguments", "key"}],
    "count": -1}``; ``error.resourceNotFound`` answers a time bundle id in the URL that
    does not exist."""
    body = envelope(problems)
    (message,) = body["messages"]
    assert {key: value for key, value in message.items() if key != "detail"} == SAMPLES[sample]
    assert (body["status"], body["content"], body["count"]) == ("ERROR", None, -1)


def test_the_error_envelope_has_the_documented_shape() -> None:
    body = cadence.envelope(cadence.validate({"_for": "verify"}, FORMAT), FORMAT)
    assert set(body) == {"hostId", "status", "content", "messages", "count"}
    assert re.fullmatch(r"[0-9a-f]{32}", body["hostId"])
    assert (body["status"], body["content"], body["count"]) == ("ERROR", None, -1)
    for message in body["messages"]:
        assert set(message) == {"type", "message", "code", "arguments", "key", "detail"}
        assert message["type"] == "ERROR"
    assert [(m["code"], m["arguments"], m["key"]) for m in body["messages"]] == [
        (ACTION, {"action": "verify"}, "global"),
        (ENUM, {"value": "status", "field": None}, None),
    ]


@pytest.mark.parametrize(
    ("body", "arguments"),
    [
        ({"_for": 5, "status": "CREATED"}, {"action": 5}),
        ({"status": "CREATED"}, {"action": None}),
        ({"_for": "x" * 500, "status": "CREATED"}, {"action": "x" * 500}),
        ({"_for": "revision", "status": "DONE"}, {"value": "status", "field": "DONE"}),
        ({"_for": "revision", "status": [1, {"a": None}]},
         {"value": "status", "field": [1, {"a": None}]}),
        ({"_for": "revision", "status": "PENDING_VERIFICATION"},
         {"value": "status", "field": "PENDING_VERIFICATION"}),
        ({**REVISION, "a/b~c": 1}, {"field": "a/b~c"}),
        ([], {}),
        ("{", {}),
    ],
)
def test_the_envelope_arguments_name_what_was_sent(
    body: object, arguments: dict[str, Any]
) -> None:
    (message,) = envelope(check(body).problems)["messages"]
    assert message["arguments"] == arguments


def test_the_same_problems_give_the_same_host_id() -> None:
    first = envelope(check({"_for": "verify"}).problems)
    assert first == envelope(check({"_for": "verify"}).problems)
    assert first["hostId"] != envelope(check({"_for": "submit"}).problems)["hostId"]


def test_without_an_error_the_envelope_is_the_success_body() -> None:
    assert envelope([], content="z2011132219032001636478f") == {
        "hostId": envelope([], content="z2011132219032001636478f")["hostId"],
        "status": "SUCCESS", "content": "z2011132219032001636478f", "messages": [],
        "count": 1,
    }
    body = cadence.envelope([], FORMAT)
    assert (body["status"], body["content"], body["messages"], body["count"]) == (
        "SUCCESS", None, [], 0)


def test_parse_refuses_a_status_change_and_points_to_validate() -> None:
    with pytest.raises(cadence.ScheduleError, match="is a status change, not a schedule; "
                                                    r"use cadence\.validate"):
        cadence.parse(REVISION, format=FORMAT)


def test_the_format_is_one_of_cadence_formats() -> None:
    assert FORMAT in cadence.FORMATS


# -- the command line ----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(tmp_path: Path, body: object) -> str:
    path = tmp_path / "body.json"
    path.write_text(body if isinstance(body, str) else json.dumps(body), encoding="utf-8")
    return str(path)


def test_cli_validate_exits_0_for_a_valid_body(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "validate", write(tmp_path, VERIFICATION), "--format", FORMAT) == (
        0, "valid\n", "")


def test_cli_validate_exits_1_and_prints_the_envelope(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"_for": "verify",
                                                              "status": "CREATED"})))
    code, out, err = run(capsys, "validate", "-", "--format", FORMAT, "--envelope")
    assert (code, err) == (1, "")
    body = json.loads(out)
    assert (body["status"], body["count"]) == ("ERROR", -1)
    assert body["messages"][0]["code"] == ACTION


def test_cli_validate_lists_the_problems_as_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "validate", write(tmp_path, {"status": "DONE"}), "--format",
                       FORMAT, "--json")
    assert code == 1
    assert [(p["path"], p["code"]) for p in json.loads(out)] == [
        ("/_for", ACTION), ("/status", ENUM)]


def test_cli_validate_exits_2_for_text_that_is_not_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "validate", write(tmp_path, "{"), "--format", FORMAT)
    assert (code, out) == (2, "")
    assert "is not JSON" in err


@pytest.mark.parametrize("command", ["next", "prev", "describe", "convert"])
def test_cli_commands_that_need_a_schedule_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    extra = ["--to", "cron"] if command == "convert" else []
    code, out, err = run(capsys, command, write(tmp_path, REVISION), "--format", FORMAT,
                         *extra)
    assert (code, out) == (2, "")
    assert "is a status change, not a schedule" in err


# -- never raises --------------------------------------------------------------------------

_LEAVES = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
           | st.sampled_from(["revision", "verification", "CREATED", "PENDING_VERIFICATION"]))
_JSON = st.recursive(
    _LEAVES,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["_for", "status", "x", "a/b"]) | st.text(max_size=6),
                      children, max_size=4),
    max_leaves=12,
)
_CODES = {ACTION, ENUM, "error.unknownField", "error.invalidRequestBody", "INVALID_JSON"}


@settings(max_examples=200, deadline=None)
@given(st.one_of(_JSON, _JSON.map(json.dumps), st.text(max_size=30), st.binary(max_size=30)))
def test_validate_never_raises_and_uses_only_its_codes(body: object) -> None:
    problems = cadence.validate(body, FORMAT)
    assert {problem.code for problem in problems} <= _CODES
    rendered = cadence.envelope(problems, FORMAT)
    json.dumps(rendered, allow_nan=True)
    assert rendered["count"] == (-1 if problems else 0)
