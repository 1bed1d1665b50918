"""Strategies for SailPoint campaign-template schedules: :func:`campaign_schedules`, with
:data:`CAMPAIGN_FEATURES` and :data:`CAMPAIGN_TYPES`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Literal, overload

from hypothesis import strategies as st

from ._drawing import LONGEST_MONTH, UNIVERSAL_DAY, copy_json, distinct, kind_of, maybe
from ._invalid import NOT_OBJECTS, Invalid, broken_json, one_of_applicable
from ._options import chosen_from, picked_from, zone_names

__all__ = ["CAMPAIGN_FEATURES", "CAMPAIGN_TYPES", "campaign_schedules"]

#: Campaign features: ``ranges`` (RANGE selectors), ``intervals``, ``wrap`` (a RANGE that
#: wraps, with its ``RANGE_WRAPS`` warning), ``last`` (``L``, ``L-n`` days), ``months``
#: (ANNUALLY with a months selector; without it, ANNUALLY takes ``--MM-DD`` dates),
#: ``expiration``.
CAMPAIGN_FEATURES = frozenset({"ranges", "intervals", "wrap", "last", "months", "expiration"})
#: Campaign schedule types.
CAMPAIGN_TYPES = ("WEEKLY", "MONTHLY", "ANNUALLY", "CALENDAR")

def _strings(values: Sequence[int]) -> list[str]:
    return [str(value) for value in values]


def _number_selector(draw: st.DrawFn, low: int, high: int, features: frozenset[str]
                     ) -> dict[str, Any]:
    kind = kind_of(draw, features, "LIST", {"intervals": "STEP", "ranges": "RANGE"})
    if kind == "LIST":
        return {"type": "LIST", "values": _strings(distinct(draw, low, high, 4))}
    if kind == "STEP":
        return {"type": "LIST", "values": [str(draw(st.integers(low, high)))],
                "interval": draw(st.integers(1, high - low + 1))}
    start = draw(st.integers(low, high))
    if maybe(draw, "wrap" in features and start > low):
        end = draw(st.integers(low, start - 1))
    else:
        end = draw(st.integers(start, high))
    selector: dict[str, Any] = {"type": "RANGE", "values": [str(start), str(end)]}
    if maybe(draw, "intervals" in features):
        selector["interval"] = draw(st.integers(1, high - low + 1))
    return selector


def _day_token(draw: st.DrawFn, features: frozenset[str], universal: bool) -> str:
    if maybe(draw, "last" in features):
        offset = draw(st.integers(0, UNIVERSAL_DAY - 1 if universal else LONGEST_MONTH - 1))
        return "L" if offset == 0 else f"L-{offset}"
    return str(draw(st.integers(1, UNIVERSAL_DAY if universal else LONGEST_MONTH)))


def _month_day_selector(draw: st.DrawFn, features: frozenset[str]) -> dict[str, Any]:
    """Days of the month; the selector always holds a day that every month has."""
    kind = kind_of(draw, features, "LIST", {"intervals": "STEP", "ranges": "RANGE"})
    if kind == "LIST":
        tokens = [_day_token(draw, features, True)]
        tokens += [_day_token(draw, features, False) for _ in range(draw(st.integers(0, 3)))]
        return {"type": "LIST", "values": list(dict.fromkeys(tokens))}
    if kind == "STEP":
        return {"type": "LIST", "values": [_day_token(draw, features, True)],
                "interval": draw(st.integers(1, 10))}
    shapes = ["numbers"] + (["to_last", "from_last"] if "last" in features else [])
    shape = draw(st.sampled_from(shapes))
    if shape == "numbers":
        start = draw(st.integers(1, UNIVERSAL_DAY))
        if maybe(draw, "wrap" in features and start > 1):
            end = draw(st.integers(1, start - 1))
        else:
            end = draw(st.integers(start, LONGEST_MONTH))
        values = [str(start), str(end)]
    elif shape == "to_last":
        values = [str(draw(st.integers(1, UNIVERSAL_DAY))), "L"]
    else:
        first = draw(st.integers(1, UNIVERSAL_DAY - 1))
        last = draw(st.integers(0, first))
        values = [f"L-{first}", "L" if last == 0 else f"L-{last}"]
    selector: dict[str, Any] = {"type": "RANGE", "values": values}
    if maybe(draw, "intervals" in features):
        selector["interval"] = draw(st.integers(1, 10))
    return selector


@st.composite
def _campaign(draw: st.DrawFn, features: frozenset[str], types: tuple[str, ...],
              zones: tuple[str, ...] | None) -> dict[str, Any]:
    kind = draw(st.sampled_from(types))
    payload: dict[str, Any] = {"type": kind,
                               "hours": _number_selector(draw, 0, 23, features)}
    if kind == "WEEKLY":
        payload["days"] = _number_selector(draw, 1, 7, features)
    elif kind == "MONTHLY":
        payload["days"] = _month_day_selector(draw, features)
    elif kind == "ANNUALLY" and maybe(draw, "months" in features):
        payload["months"] = _number_selector(draw, 1, 12, features)
        payload["days"] = _month_day_selector(draw, features)
    elif kind == "ANNUALLY":
        days = draw(st.lists(st.dates(date(2000, 1, 1), date(2000, 12, 31)), min_size=1,
                             max_size=4, unique=True))
        payload["days"] = {"type": "LIST", "values": [f"--{d:%m-%d}" for d in days]}
    else:
        days = draw(st.lists(st.dates(date(2000, 1, 1), date(2090, 12, 31)), min_size=1,
                             max_size=4, unique=True))
        payload["days"] = {"type": "LIST", "values": [d.isoformat() for d in days]}
    if maybe(draw, "expiration" in features):  # after every CALENDAR date
        expiration = draw(st.datetimes(datetime(2091, 1, 1), datetime(2099, 12, 31)))
        payload["expiration"] = f"{expiration:%Y-%m-%dT%H:%M:%S}Z"
    if zones:
        payload["timeZoneId"] = draw(st.sampled_from(zones))
    return payload


@st.composite
def _invalid_campaign(draw: st.DrawFn, features: frozenset[str], types: tuple[str, ...],
                      zones: tuple[str, ...] | None) -> Invalid:
    payload = draw(_campaign(features, types, zones))
    kind = payload["type"]
    dated = kind == "CALENDAR" or (kind == "ANNUALLY" and "months" not in payload)

    def changed(path: str, code: str, edit: Callable[[dict[str, Any]], None]) -> Invalid:
        copy = copy_json(payload)
        edit(copy)
        return Invalid(copy, code, path)

    def unknown_type() -> Invalid:
        name = draw(st.sampled_from(("DAILY", "YEARLY", "weekly", "HOURLY", "")))
        return changed("/type", "UNKNOWN_TYPE", lambda p: p.update(type=name))

    def missing() -> Invalid:
        name = draw(st.sampled_from(("type", "hours", "days")))
        return changed(f"/{name}", "MISSING_FIELD", lambda p: p.pop(name))

    def unknown_field() -> Invalid:
        name = draw(st.sampled_from(("timezoneId", "minutes", "interval", "startDate")))
        return changed(f"/{name}", "UNKNOWN_FIELD", lambda p: p.update({name: "1"}))

    def hour_value(code: str, value: str) -> Invalid:
        index = draw(st.integers(0, len(payload["hours"]["values"]) - 1))
        return changed(f"/hours/values/{index}", code,
                       lambda p: p["hours"]["values"].__setitem__(index, value))

    def out_of_range() -> Invalid:
        return hour_value("VALUE_OUT_OF_RANGE", str(draw(st.integers(24, 99))))

    def not_a_number() -> Invalid:
        return hour_value("INVALID_VALUE", draw(st.sampled_from(("9am", "nine", "9:00", ""))))

    def selector_type() -> Invalid:
        value = draw(st.sampled_from(("9", 9, ["9"], None, True)))
        name = "hours" if value is not None else "days"
        code = "INVALID_TYPE" if value is not None else "MISSING_FIELD"
        return changed(f"/{name}", code, lambda p: p.update({name: value}))

    def duplicate() -> Invalid:
        names = [name for name in ("hours", "days", "months")
                 if name in payload and payload[name]["type"] == "LIST"]
        name = draw(st.sampled_from(names))
        count = len(payload[name]["values"])
        return changed(f"/{name}/values/{count}", "DUPLICATE_VALUE",
                       lambda p: p[name]["values"].append(p[name]["values"][0]))

    def three_in_range() -> Invalid:
        return changed("/hours/values", "RANGE_NEEDS_TWO_VALUES",
                       lambda p: p["hours"]["values"].append("12"))

    def empty() -> Invalid:
        name = draw(st.sampled_from(("hours", "days")))
        return changed(f"/{name}/values", "EMPTY_VALUES",
                       lambda p: p[name].update(values=[]))

    def zero_interval() -> Invalid:
        value = draw(st.sampled_from((0, -1, -3)))
        return changed("/hours/interval", "INTERVAL_OUT_OF_RANGE",
                       lambda p: p["hours"].update(interval=value))

    def ambiguous_interval() -> Invalid:
        return changed("/hours/interval", "AMBIGUOUS_INTERVAL",
                       lambda p: p["hours"].update(interval=2))

    def unknown_zone() -> Invalid:
        zone = draw(st.sampled_from(("Mars/Olympus_Mons", "cst", "Europe/Berlim")))
        return changed("/timeZoneId", "UNKNOWN_ZONE", lambda p: p.update(timeZoneId=zone))

    def months_not_allowed() -> Invalid:
        return changed("/months", "FIELD_NOT_ALLOWED",
                       lambda p: p.update(months={"type": "LIST", "values": ["1"]}))

    def bad_expiration() -> Invalid:
        value = draw(st.sampled_from(("next tuesday", "2095-13-01T00:00:00Z", "31/12/2095")))
        return changed("/expiration", "INVALID_EXPIRATION", lambda p: p.update(expiration=value))

    def expired_calendar() -> Invalid:
        return changed("/expiration", "NEVER_FIRES",
                       lambda p: p.update(expiration="1999-12-31T00:00:00Z"))

    def impossible_date() -> Invalid:
        index = draw(st.integers(0, len(payload["days"]["values"]) - 1))
        value = "--02-30" if kind == "ANNUALLY" else draw(st.sampled_from(
            ("2021-02-29", "2030-04-31", "2030-13-01")))
        return changed(f"/days/values/{index}", "IMPOSSIBLE_DATE",
                       lambda p: p["days"]["values"].__setitem__(index, value))

    def dates_in_range() -> Invalid:
        return changed("/days/type", "RANGE_NOT_ALLOWED",
                       lambda p: p["days"].update(type="RANGE"))

    def unknown_selector() -> Invalid:
        value = draw(st.sampled_from(("SET", "list", "Range", "STEP")))
        return changed("/hours/type", "UNKNOWN_SELECTOR_TYPE",
                       lambda p: p["hours"].update(type=value))

    def not_an_object() -> Invalid:
        return Invalid(draw(st.sampled_from(NOT_OBJECTS)), "INVALID_TYPE", "")

    def not_json() -> Invalid:
        return Invalid(broken_json(draw, payload), "INVALID_JSON", "")

    hours = payload["hours"]
    lists = [name for name in ("hours", "days", "months")
             if name in payload and payload[name]["type"] == "LIST"]
    return one_of_applicable(draw, {
        "unknown_type": unknown_type,
        "missing": missing,
        "unknown_field": unknown_field,
        "out_of_range": out_of_range,
        "not_a_number": not_a_number,
        "selector_type": selector_type,
        "duplicate": duplicate if lists else None,
        "three_in_range": three_in_range if hours["type"] == "RANGE" else None,
        "empty": empty,
        "zero_interval": zero_interval,
        "ambiguous_interval": ambiguous_interval if (
            hours["type"] == "LIST" and len(hours["values"]) > 1) else None,
        "unknown_zone": unknown_zone,
        "months_not_allowed": months_not_allowed if kind != "ANNUALLY" else None,
        "bad_expiration": bad_expiration,
        "expired_calendar": expired_calendar if kind == "CALENDAR" else None,
        "impossible_date": impossible_date if dated else None,
        "dates_in_range": dates_in_range if dated and len(
            payload["days"]["values"]) == 2 else None,
        "unknown_selector": unknown_selector,
        "not_an_object": not_an_object,
        "not_json": not_json,
    })


def _campaign_zone(name: str) -> object:
    from ..formats._java_zones import java_zone

    return java_zone(name, where="timeZoneId")


@overload
def campaign_schedules(*, zones: Sequence[str] | None = ...,
                       features: Collection[str] | None = ...,
                       types: Sequence[str] | None = ...,
                       valid: Literal[True] = ...) -> st.SearchStrategy[dict[str, Any]]: ...
@overload
def campaign_schedules(*, zones: Sequence[str] | None = ...,
                       features: Collection[str] | None = ...,
                       types: Sequence[str] | None = ...,
                       valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def campaign_schedules(*, zones: Sequence[str] | None = ...,
                       features: Collection[str] | None = ...,
                       types: Sequence[str] | None = ..., valid: bool
                       ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]: ...
def campaign_schedules(*, zones: Sequence[str] | None = None,
                       features: Collection[str] | None = None,
                       types: Sequence[str] | None = None, valid: bool = True
                       ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]:
    """SailPoint campaign-template schedule bodies (``format="campaign"``).

    ``types`` picks from :data:`CAMPAIGN_TYPES` (default all); ``features`` from
    :data:`CAMPAIGN_FEATURES`; ``zones`` gives ``timeZoneId`` (IANA names or Java short
    ids such as ``"CST"``). Days always include one that every selected month has.
    ``valid=False`` announces the campaign checker's codes: ``UNKNOWN_TYPE``,
    ``MISSING_FIELD``, ``UNKNOWN_FIELD``, ``VALUE_OUT_OF_RANGE``, ``INVALID_VALUE``,
    ``INVALID_TYPE``, ``DUPLICATE_VALUE``, ``RANGE_NEEDS_TWO_VALUES``, ``EMPTY_VALUES``,
    ``INTERVAL_OUT_OF_RANGE``, ``AMBIGUOUS_INTERVAL``, ``UNKNOWN_ZONE``,
    ``FIELD_NOT_ALLOWED``, ``INVALID_EXPIRATION``, ``NEVER_FIRES``, ``IMPOSSIBLE_DATE``,
    ``RANGE_NOT_ALLOWED``, ``UNKNOWN_SELECTOR_TYPE`` and ``INVALID_JSON``.

    >>> campaign_schedules(types=["WEEKLY"], zones=["CST", "Europe/Paris"]).validate()
    """
    chosen = chosen_from(features, CAMPAIGN_FEATURES, "features")
    picked = picked_from(types, CAMPAIGN_TYPES, "types")
    names = zone_names(zones, _campaign_zone)
    if valid:
        return _campaign(chosen, picked, names)
    return _invalid_campaign(chosen, picked, names)


#: The format names these strategies draw payloads of.
STRATEGIES: Mapping[str, Callable[..., st.SearchStrategy[Any]]] = {
    "campaign": campaign_schedules,
}
