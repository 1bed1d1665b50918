"""Strategies for time-bundle status-change bodies: :func:`timebundle_status_changes`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal, overload

from hypothesis import strategies as st

from ._invalid import NOT_OBJECTS, Invalid, broken_json, one_of_applicable

__all__ = ["timebundle_status_changes"]

_BODIES = ({"_for": "revision", "status": "CREATED"},
           {"_for": "verification", "status": "PENDING_VERIFICATION"})


@st.composite
def _invalid_timebundle(draw: st.DrawFn) -> Invalid:
    from ..formats.timebundle import INVALID_BODY, INVALID_ENUM_VALUE, UNKNOWN_ACTION, UNKNOWN_FIELD

    body: dict[str, object] = dict(draw(st.sampled_from(_BODIES)))
    other = next(b["status"] for b in _BODIES if b["_for"] != body["_for"])

    def action() -> Invalid:
        value: object = draw(st.sampled_from(("verify", "Revision", "submit", "", 1, None,
                                              "MISSING")))
        copy = dict(body)
        if value == "MISSING":
            del copy["_for"]
        else:
            copy["_for"] = value
        return Invalid(copy, UNKNOWN_ACTION, "/_for")

    def status() -> Invalid:
        value: object = draw(st.sampled_from(("created", "DONE", "PENDING", other, 1, None,
                                              "MISSING")))
        copy = dict(body)
        if value == "MISSING":
            del copy["status"]
        else:
            copy["status"] = value
        return Invalid(copy, INVALID_ENUM_VALUE, "/status")

    def extra() -> Invalid:
        key = draw(st.sampled_from(("for", "Status", "comment", "id")))
        return Invalid({**body, key: "x"}, UNKNOWN_FIELD, f"/{key}")

    def not_an_object() -> Invalid:
        return Invalid(draw(st.sampled_from(NOT_OBJECTS)), INVALID_BODY, "")

    def not_json() -> Invalid:
        return Invalid(broken_json(draw, body), "INVALID_JSON", "")

    return one_of_applicable(draw, {"action": action, "status": status, "extra": extra,
                                     "not_an_object": not_an_object, "not_json": not_json})


@overload
def timebundle_status_changes(*, valid: Literal[True] = ...
                              ) -> st.SearchStrategy[dict[str, Any]]: ...
@overload
def timebundle_status_changes(*, valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def timebundle_status_changes(*, valid: bool
                              ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[
                                  Invalid]: ...
def timebundle_status_changes(*, valid: bool = True
                              ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[
                                  Invalid]:
    """Time-bundle status-change bodies (``format="timebundle-status"``).

    The two valid bodies, or (``valid=False``) one mutation of them:
    ``error.unknownControllerAction`` (``/_for``), ``error.invalidEnumValue``
    (``/status``, including the status of the other action), ``error.unknownField``,
    ``error.invalidRequestBody`` (not an object) and ``INVALID_JSON`` (broken text).

    >>> timebundle_status_changes(valid=False).validate()
    """
    if valid:
        return st.sampled_from(_BODIES).map(dict)
    return _invalid_timebundle()


#: The format names these strategies draw payloads of.
STRATEGIES: Mapping[str, Callable[..., st.SearchStrategy[Any]]] = {
    "timebundle-status": timebundle_status_changes,
}
