"""Strategies for iTwin EDFS timers: :func:`edfs_timers`, with :data:`EDFS_FEATURES`.
The ``cronStr`` of a timer comes from the cron strategies."""

from __future__ import annotations

import string
from collections.abc import Callable, Collection, Mapping
from typing import Any, Literal, overload

from hypothesis import strategies as st

from ._invalid import NOT_OBJECTS, Invalid, broken_json, one_of_applicable
from ._options import chosen_from
from .cron_strategies import CRON_FEATURES, CronParts, cron_near_misses, cron_parts

__all__ = ["EDFS_FEATURES", "edfs_timers"]

#: EDFS features: the cron features of ``cronStr``, plus ``fields`` (``id``, ``name``,
#: ``packageUniqueName``, ``enabled`` and ``parameters`` beside ``cronStr``).
EDFS_FEATURES = CRON_FEATURES | {"fields"}

_WORDS = st.text(st.sampled_from(string.ascii_letters + string.digits + "_ "), min_size=1,
                 max_size=24)


@st.composite
def _edfs(draw: st.DrawFn, features: frozenset[str]) -> tuple[dict[str, Any], CronParts]:
    cron = draw(cron_parts("cron", features - {"fields"}, None))
    timer: dict[str, Any] = {"cronStr": cron.text}
    if "fields" in features:
        if draw(st.booleans()):
            timer["id"] = str(draw(st.uuids()))
        if draw(st.booleans()):
            timer["name"] = draw(_WORDS)
        if draw(st.booleans()):
            timer["packageUniqueName"] = draw(_WORDS)
        if draw(st.booleans()):
            timer["enabled"] = draw(st.booleans())
        if draw(st.booleans()):
            timer["parameters"] = draw(st.lists(st.fixed_dictionaries(
                {"name": _WORDS, "value": _WORDS}), max_size=3))
    return timer, cron


@st.composite
def _invalid_edfs(draw: st.DrawFn, features: frozenset[str]) -> Invalid:
    timer, cron = draw(_edfs(features))

    def invalid_cron() -> Invalid:
        bad = draw(cron_near_misses("cron", features - {"fields"}, None))
        if bad.code == "INVALID_TYPE":
            return Invalid({**timer, "cronStr": draw(st.sampled_from((5, True, ["0 9 * * *"])))},
                           "INVALID_TYPE", "/cronStr")
        return Invalid({**timer, "cronStr": bad.payload}, _EDFS_CODES[bad.code], "/cronStr")

    def zone_prefix() -> Invalid:
        zone = draw(st.sampled_from(("UTC", "Europe/Berlin")))
        return Invalid({**timer, "cronStr": f"CRON_TZ={zone} {cron.text}"}, "INVALID_CRON",
                       "/cronStr")

    def never_fires() -> Invalid:
        day, month = draw(st.sampled_from((("30", "2"), ("31", "4"), ("31", "APR,JUN"))))
        return Invalid({**timer, "cronStr": f"0 0 {day} {month} *"}, "NEVER_FIRES", "/cronStr")

    def missing() -> Invalid:
        copy = dict(timer)
        if draw(st.booleans()):
            del copy["cronStr"]
        else:
            copy["cronStr"] = None
        return Invalid(copy, "REQUIRED", "/cronStr")

    def unknown_field() -> Invalid:
        key = draw(st.sampled_from(("enabeld", "cron", "schedule", "timeZone")))
        return Invalid({**timer, key: "x"}, "UNKNOWN_FIELD", f"/{key}")

    def wrong_type() -> Invalid:
        key, value = draw(st.sampled_from((("enabled", "yes"), ("enabled", 1), ("name", 7),
                                           ("parameters", {}), ("id", ["x"]))))
        return Invalid({**timer, key: value}, "INVALID_TYPE", f"/{key}")

    def bad_parameter() -> Invalid:
        return Invalid({**timer, "parameters": ["x=1"]}, "INVALID_TYPE", "/parameters/0")

    def not_an_object() -> Invalid:
        return Invalid(draw(st.sampled_from(NOT_OBJECTS)), "INVALID_TYPE", "")

    def not_json() -> Invalid:
        return Invalid(broken_json(draw, timer), "INVALID_JSON", "")

    return one_of_applicable(draw, {
        "invalid_cron": invalid_cron,
        "zone_prefix": zone_prefix,
        "never_fires": never_fires,
        "missing": missing,
        "unknown_field": unknown_field,
        "wrong_type": wrong_type,
        "bad_parameter": bad_parameter,
        "not_an_object": not_an_object,
        "not_json": not_json,
    })


_EDFS_CODES = {"INVALID_EXPRESSION": "INVALID_CRON", "NEVER_FIRES": "NEVER_FIRES"}


@overload
def edfs_timers(*, features: Collection[str] | None = ...,
                valid: Literal[True] = ...) -> st.SearchStrategy[dict[str, Any]]: ...
@overload
def edfs_timers(*, features: Collection[str] | None = ...,
                valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def edfs_timers(*, features: Collection[str] | None = ..., valid: bool
                ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]: ...
def edfs_timers(*, features: Collection[str] | None = None, valid: bool = True
                ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]:
    """iTwin EDFS timers (``format="edfs"``): ``cronStr`` and, with the ``fields``
    feature, some of ``id``, ``name``, ``packageUniqueName``, ``enabled`` and
    ``parameters``.

    ``features`` come from :data:`EDFS_FEATURES` (the cron features shape ``cronStr``).
    Timers name no zone (they run in UTC, or in validate's ``tz=``). ``valid=False``
    announces ``INVALID_CRON`` and ``NEVER_FIRES`` (at ``/cronStr``), ``REQUIRED``,
    ``UNKNOWN_FIELD``, ``INVALID_TYPE`` and ``INVALID_JSON``.

    >>> edfs_timers(features={"fields", "lists"}).validate()
    """
    chosen = chosen_from(features, EDFS_FEATURES, "features")
    if valid:
        return _edfs(chosen).map(lambda pair: pair[0])
    return _invalid_edfs(chosen)


#: The format names these strategies draw payloads of.
STRATEGIES: Mapping[str, Callable[..., st.SearchStrategy[Any]]] = {"edfs": edfs_timers}
