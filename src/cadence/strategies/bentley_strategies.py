"""Strategies for Bentley Schedules working calendars: :func:`bentley_calendars`, with
:data:`BENTLEY_FEATURES`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import date
from typing import Any, Literal, NamedTuple, overload

from hypothesis import strategies as st

from ..formats.bentley_calendar import WEEK_FIELDS
from ._drawing import copy_json, maybe
from ._invalid import NOT_OBJECTS, Invalid, broken_json, one_of_applicable
from ._options import chosen_from

__all__ = ["BENTLEY_FEATURES", "bentley_calendars"]

#: Bentley features: ``exceptions``, ``overnight`` (a block past midnight), ``seconds``
#: (``HH:MM:SS`` times), ``totals`` (``workingDaysPerWeek`` and, where the blocks agree,
#: ``workingSecondsPerDay``), ``bare`` (the calendar object without ``{"calendar": ...}``).
BENTLEY_FEATURES = frozenset({"exceptions", "overnight", "seconds", "totals", "bare"})

#: The week's properties, as the format reads them (Sunday first).
_WEEK_KEYS = tuple(WEEK_FIELDS)


def _block_time(value: int, seconds: bool) -> str:
    hours, rest = divmod(value, 3600)
    text = f"{hours:02d}:{rest // 60:02d}"
    return text + f":{rest % 60:02d}" if seconds else text


def _blocks(draw: st.DrawFn, features: frozenset[str]) -> tuple[list[dict[str, str]], int]:
    """Time blocks of one working day type (none overlap) and their total seconds."""
    seconds = maybe(draw, "seconds" in features)
    unit = 1 if seconds else draw(st.sampled_from((3600, 1800, 900, 60)))
    count = draw(st.integers(1, 3))
    cuts = sorted(draw(st.lists(st.integers(0, 86400 // unit), min_size=2 * count,
                                max_size=2 * count, unique=True)))
    spans = [(cuts[i] * unit, cuts[i + 1] * unit) for i in range(0, len(cuts), 2)]
    if maybe(draw, "overnight" in features and spans[-1][0] > 0):
        start, _ = spans[-1]
        spans[-1] = (start, draw(st.integers(0, start // unit - 1)) * unit)
    blocks = [{"startTime": _block_time(start, seconds), "endTime": _block_time(end, seconds)}
              for start, end in spans]
    total = sum((end - start) % 86400 or 86400 for start, end in spans)
    return blocks, total


class _Bentley(NamedTuple):
    payload: dict[str, Any]
    calendar: dict[str, Any]
    prefix: str  # "/calendar", or "" for a bare calendar
    working: tuple[int, ...]  # indexes of day types with time blocks


@st.composite
def _bentley(draw: st.DrawFn, features: frozenset[str]) -> _Bentley:
    ids = [str(u) for u in draw(st.lists(st.uuids(), min_size=1, max_size=4, unique=True))]
    day_types: list[dict[str, Any]] = []
    totals: dict[str, int] = {}
    for index, ident in enumerate(ids):
        if index == 0 or draw(st.booleans()):  # the first day type has working time
            blocks, totals[ident] = _blocks(draw, features)
            day_types.append({"id": ident, "description": f"Working day {index}",
                              "type": "Normal", "timeBlocks": blocks})
        else:
            day_types.append({"id": ident, "description": "Non-Working Day",
                              "type": "NonWorking", "timeBlocks": []})
    week = {key: draw(st.sampled_from(ids)) for key in _WEEK_KEYS}
    if not any(ident in totals for ident in week.values()):
        week["mondayDayTypeId"] = ids[0]
    calendar: dict[str, Any] = {"id": str(draw(st.uuids())),
                                "name": draw(st.sampled_from(("Standard", "Night shift",
                                                              "Site calendar"))),
                                "parentId": None, "dayTypes": day_types, "week": week}
    if maybe(draw, "exceptions" in features):
        days = draw(st.lists(st.dates(date(2020, 1, 1), date(2040, 12, 31)), min_size=1,
                             max_size=4, unique=True))
        calendar["exceptions"] = [
            {"date": f"{day.isoformat()}T12:00:00Z" if draw(st.booleans()) else day.isoformat(),
             "dayTypeId": draw(st.sampled_from(ids))}
            for day in days]
    if maybe(draw, "totals" in features):
        working = [totals[ident] for ident in week.values() if ident in totals]
        calendar["workingDaysPerWeek"] = len(working)
        if len(set(working)) == 1:
            calendar["workingSecondsPerDay"] = working[0]
    working_types = tuple(i for i, ident in enumerate(ids) if ident in totals)
    if maybe(draw, "bare" in features):
        return _Bentley(calendar, calendar, "", working_types)
    return _Bentley({"calendar": calendar}, calendar, "/calendar", working_types)


@st.composite
def _invalid_bentley(draw: st.DrawFn, features: frozenset[str]) -> Invalid:
    found = draw(_bentley(features))
    prefix = found.prefix
    calendar = found.calendar
    bare = prefix == ""

    def changed(path: str, code: str, edit: Callable[[dict[str, Any]], None]) -> Invalid:
        copy = copy_json(found.payload)
        edit(copy if bare else copy["calendar"])
        return Invalid(copy, code, prefix + path)

    def block_path(kind: int, block: int, *rest: str) -> str:
        return "/" + "/".join(["dayTypes", str(kind), "timeBlocks", str(block), *rest])

    kind = draw(st.sampled_from(found.working))
    block = draw(st.integers(0, len(calendar["dayTypes"][kind]["timeBlocks"]) - 1))

    def missing_weekday() -> Invalid:
        key = draw(st.sampled_from(_WEEK_KEYS))
        return changed(f"/week/{key}", "REQUIRED", lambda c: c["week"].pop(key))

    def unknown_day_type() -> Invalid:
        key = draw(st.sampled_from(_WEEK_KEYS))
        return changed(f"/week/{key}", "UNKNOWN_DAY_TYPE",
                       lambda c: c["week"].update({key: "no-such-day-type"}))

    def bad_time() -> Invalid:
        key = draw(st.sampled_from(("startTime", "endTime")))
        value = draw(st.sampled_from(("25:00", "9:00", "09:60", "noon", "24:01")))
        return changed(block_path(kind, block, key), "INVALID_TIME",
                       lambda c: c["dayTypes"][kind]["timeBlocks"][block].update({key: value}))

    def empty_block() -> Invalid:
        def edit(c: dict[str, Any]) -> None:
            item = c["dayTypes"][kind]["timeBlocks"][block]
            item["endTime"] = item["startTime"]
        return changed(block_path(kind, block, "endTime"), "EMPTY_BLOCK", edit)

    def overlapping() -> Invalid:
        blocks = calendar["dayTypes"][kind]["timeBlocks"]
        return changed(block_path(kind, len(blocks)), "OVERLAPPING_BLOCKS",
                       lambda c: c["dayTypes"][kind]["timeBlocks"].append(dict(blocks[0])))

    def duplicate_id() -> Invalid:
        count = len(calendar["dayTypes"])
        twin = {"id": calendar["dayTypes"][0]["id"], "type": "NonWorking", "timeBlocks": []}
        return changed(f"/dayTypes/{count}/id", "DUPLICATE_ID",
                       lambda c: c["dayTypes"].append(twin))

    def duplicate_exception() -> Invalid:
        exceptions = calendar.get("exceptions") or [
            {"date": "2030-01-02", "dayTypeId": calendar["dayTypes"][0]["id"]}]
        twin = dict(exceptions[0])
        return changed(f"/exceptions/{len(exceptions)}/date", "DUPLICATE_EXCEPTION",
                       lambda c: c.update(exceptions=[*exceptions, twin]))

    def bad_exception_date() -> Invalid:
        value = draw(st.sampled_from(("2024-02-30T12:00:00Z", "03/04/2024", "2024-13-01", "")))
        exceptions = calendar.get("exceptions") or []
        item = {"date": value, "dayTypeId": calendar["dayTypes"][0]["id"]}
        return changed(f"/exceptions/{len(exceptions)}/date", "INVALID_DATE",
                       lambda c: c.update(exceptions=[*exceptions, item]))

    def missing_part() -> Invalid:
        key = draw(st.sampled_from(("dayTypes", "week")))
        return changed(f"/{key}", "REQUIRED", lambda c: c.pop(key))

    def wrong_type() -> Invalid:
        key, value = draw(st.sampled_from((("dayTypes", "Normal"), ("week", []),
                                           ("exceptions", {}), ("name", 5))))
        return changed(f"/{key}", "INVALID_TYPE", lambda c: c.update({key: value}))

    def blocks_not_a_list() -> Invalid:
        return changed(f"/dayTypes/{kind}/timeBlocks", "INVALID_TYPE",
                       lambda c: c["dayTypes"][kind].update(timeBlocks="09:00-17:00"))

    def no_working_time() -> Invalid:
        def edit(c: dict[str, Any]) -> None:
            for item in c["dayTypes"]:
                item["timeBlocks"] = []
        return changed("", "NO_WORKING_TIME", edit)

    def bad_total() -> Invalid:
        value = draw(st.sampled_from((8, -1, 7.5)))
        return changed("/workingDaysPerWeek", "INVALID_VALUE",
                       lambda c: c.update(workingDaysPerWeek=value))

    def rule_beside() -> Invalid:
        copy = copy_json(found.payload)
        copy["rule"] = {"id": "r1", "rate": 14.5, "unit": "Meter"}
        return Invalid(copy, "NOT_A_CALENDAR", "/rule")

    def not_an_object() -> Invalid:
        return Invalid(draw(st.sampled_from(NOT_OBJECTS)), "INVALID_TYPE", "")

    def not_json() -> Invalid:
        return Invalid(broken_json(draw, found.payload), "INVALID_JSON", "")

    return one_of_applicable(draw, {
        "missing_weekday": missing_weekday,
        "unknown_day_type": unknown_day_type,
        "bad_time": bad_time,
        "empty_block": empty_block,
        "overlapping": overlapping,
        "duplicate_id": duplicate_id,
        "duplicate_exception": duplicate_exception,
        "bad_exception_date": bad_exception_date,
        "missing_part": missing_part,
        "wrong_type": wrong_type,
        "blocks_not_a_list": blocks_not_a_list,
        "no_working_time": no_working_time,
        "bad_total": bad_total,
        "rule_beside": rule_beside if not bare else None,
        "not_an_object": not_an_object,
        "not_json": not_json,
    })


@overload
def bentley_calendars(*, features: Collection[str] | None = ...,
                      valid: Literal[True] = ...) -> st.SearchStrategy[dict[str, Any]]: ...
@overload
def bentley_calendars(*, features: Collection[str] | None = ...,
                      valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def bentley_calendars(*, features: Collection[str] | None = ..., valid: bool
                      ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]: ...
def bentley_calendars(*, features: Collection[str] | None = None, valid: bool = True
                      ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]:
    """Bentley Schedules working calendars (``format="bentley"``).

    One to four day types (the first has working time, none of a day type's blocks
    overlap), a week that uses at least one working day type, and with ``features``
    from :data:`BENTLEY_FEATURES` exceptions, blocks past midnight, ``HH:MM:SS``
    times, the totals, or a bare calendar object. Calendars name no zone: validate with
    ``tz=`` to place them. ``valid=False`` announces ``REQUIRED``, ``UNKNOWN_DAY_TYPE``,
    ``INVALID_TIME``, ``EMPTY_BLOCK``, ``OVERLAPPING_BLOCKS``, ``DUPLICATE_ID``,
    ``DUPLICATE_EXCEPTION``, ``INVALID_DATE``, ``INVALID_TYPE``, ``NO_WORKING_TIME``,
    ``INVALID_VALUE``, ``NOT_A_CALENDAR`` and ``INVALID_JSON``.

    >>> bentley_calendars(features={"exceptions"}).validate()
    """
    chosen = chosen_from(features, BENTLEY_FEATURES, "features")
    if valid:
        return _bentley(chosen).map(lambda found: found.payload)
    return _invalid_bentley(chosen)


#: The format names these strategies draw payloads of.
STRATEGIES: Mapping[str, Callable[..., st.SearchStrategy[Any]]] = {
    "bentley": bentley_calendars,
}
