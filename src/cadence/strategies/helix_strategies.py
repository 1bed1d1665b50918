"""Strategies for BMC Helix time frames: :func:`helix_timeframes`, with
:data:`HELIX_FEATURES` and :data:`HELIX_FREQUENCIES`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, NamedTuple, overload

from hypothesis import strategies as st

from .._zones import resolve_zone
from ._drawing import LONGEST_MONTH, copy_json, distinct, maybe
from ._invalid import NOT_OBJECTS, Invalid, broken_json, one_of_applicable
from ._options import chosen_from, picked_from, zone_names

__all__ = ["HELIX_FEATURES", "HELIX_FREQUENCIES", "helix_timeframes"]

#: Helix features: ``overnight`` (a window past midnight), ``offset`` (``timeZone.offset``
#: beside the name, always the zone's true offset), ``blackout`` (the blackout-policy
#: spelling ``recurrencePattern``), ``bare`` (the ``schedule`` object alone).
HELIX_FEATURES = frozenset({"overnight", "offset", "blackout", "bare"})
#: Helix frequencies.
HELIX_FREQUENCIES = ("oneTime", "daily", "weekly", "monthly")

def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _ddmmyyyy(day: date) -> str:
    return f"{day:%d%m%Y}"


class _Helix(NamedTuple):
    payload: dict[str, Any]
    schedule: dict[str, Any]  # the schedule object inside payload
    prefix: str  # "/schedule", or "" for a bare schedule
    frequency: str
    frequency_path: str
    details_path: str  # where recurrenceSchedule / details is


@st.composite
def _helix(draw: st.DrawFn, features: frozenset[str], frequencies: tuple[str, ...],
           zones: tuple[str, ...] | None) -> _Helix:
    frequency = draw(st.sampled_from(frequencies))
    start_date = draw(st.dates(date(2000, 1, 1), date(2080, 12, 31)))
    end_date = start_date + timedelta(days=draw(st.integers(0, 3650)))
    start = draw(st.integers(0, 24 * 60 - 2))
    if frequency == "oneTime" and end_date == start_date:
        end = draw(st.integers(start + 1, 24 * 60 - 1))
    elif frequency != "oneTime" and maybe(draw, "overnight" in features):
        end = draw(st.integers(0, start))
    elif frequency == "oneTime":
        end = draw(st.integers(0, 24 * 60 - 1))
    else:
        end = draw(st.integers(start + 1, 24 * 60 - 1))
    details: dict[str, Any] | None = None
    if frequency == "daily" and draw(st.booleans()):
        details = {"days": "all"}
    elif frequency == "weekly":
        details = {"daysOfWeek": sorted(distinct(draw, 1, 7, 7))}
    elif frequency == "monthly" and draw(st.booleans()):
        details = {"daysOfMonth": sorted(distinct(draw, 1, LONGEST_MONTH, 5))}
    schedule: dict[str, Any] = {
        "startTime": _clock(start), "endTime": _clock(end),
        "startDate": _ddmmyyyy(start_date), "endsOn": {"endDate": _ddmmyyyy(end_date)},
    }
    if maybe(draw, "blackout" in features):
        pattern: dict[str, Any] = {"recurrence": frequency}
        if details is not None:
            pattern["details"] = details
        schedule["recurrencePattern"] = pattern
        frequency_path, details_path = "/recurrencePattern/recurrence", "/recurrencePattern"
        details_path += "/details"
    else:
        recurrence: dict[str, Any] = {"frequency": frequency}
        if details is not None:
            recurrence["recurrenceSchedule"] = details
        schedule["recurrence"] = recurrence
        frequency_path = "/recurrence/frequency"
        details_path = "/recurrence/recurrenceSchedule"
    if zones:
        name = draw(st.sampled_from(zones))
        schedule["timeZone"] = {"name": name}
        if maybe(draw, "offset" in features):
            moment = datetime.combine(start_date, time(start // 60, start % 60),
                                      resolve_zone(name))
            offset = moment.utcoffset() or timedelta(0)
            sign = "-" if offset < timedelta(0) else "+"
            minutes = abs(int(offset.total_seconds())) // 60
            schedule["timeZone"]["offset"] = f"{sign}{_clock(minutes)}"
    if maybe(draw, "bare" in features):
        return _Helix(schedule, schedule, "", frequency, frequency_path, details_path)
    name = draw(st.sampled_from(("skip weekends", "maintenance window", "night shift",
                                 "Änderungsfenster")))
    payload = {"name": name, "description": name, "schedule": schedule}
    return _Helix(payload, schedule, "/schedule", frequency, frequency_path, details_path)


@st.composite
def _invalid_helix(draw: st.DrawFn, features: frozenset[str], frequencies: tuple[str, ...],
                   zones: tuple[str, ...] | None) -> Invalid:
    frame = draw(_helix(features, frequencies, zones))
    prefix = frame.prefix
    bare = prefix == ""

    def changed(path: str, code: str, edit: Callable[[dict[str, Any]], None]) -> Invalid:
        copy = copy_json(frame.payload)
        edit(copy if bare else copy["schedule"])
        return Invalid(copy, code, prefix + path)

    def bad_time() -> Invalid:
        key = draw(st.sampled_from(("startTime", "endTime")))
        value = draw(st.sampled_from(("24:00", "9am", "16:60", "", 930)))
        return changed(f"/{key}", f"INVALID_TIMEFRAME_{key[:-4].upper()}_TIME",
                       lambda s: s.update({key: value}))

    def missing_time() -> Invalid:
        key = draw(st.sampled_from(("startTime", "endTime")))
        return changed(f"/{key}", f"INVALID_TIMEFRAME_{key[:-4].upper()}_TIME",
                       lambda s: s.pop(key))

    def bad_start_date() -> Invalid:
        value = draw(st.sampled_from(("31022022", "2022-04-19", "19/04/2022", "00012022")))
        return changed("/startDate", "INVALID_TIMEFRAME_START_DATE",
                       lambda s: s.update(startDate=value))

    def bad_end_date() -> Invalid:
        value = draw(st.sampled_from(("31042022", "19-05-2022", "", "32012022")))
        return changed("/endsOn/endDate", "INVALID_TIMEFRAME_END_DATE",
                       lambda s: s["endsOn"].update(endDate=value))

    def no_end() -> Invalid:
        return changed("/endsOn", "INVALID_TIMEFRAME_END_DATE", lambda s: s.pop("endsOn"))

    def end_before_start() -> Invalid:
        start = datetime.strptime(frame.schedule["startDate"], "%d%m%Y").date()
        before = _ddmmyyyy(start - timedelta(days=draw(st.integers(1, 400))))
        return changed("/endsOn/endDate", "TIMEFRAME_END_BEFORE_START",
                       lambda s: s["endsOn"].update(endDate=before))

    def bad_frequency() -> Invalid:
        value = draw(st.sampled_from(("hourly", "yearly", "every day", "")))

        def edit(schedule: dict[str, Any]) -> None:
            if "recurrence" in schedule:
                schedule["recurrence"]["frequency"] = value
            else:
                schedule["recurrencePattern"]["recurrence"] = value

        return changed(frame.frequency_path, "INVALID_TIMEFRAME_FREQUENCY", edit)

    def bad_weekday() -> Invalid:
        value = draw(st.sampled_from((0, 8, "MON", 2.5)))

        def edit(schedule: dict[str, Any]) -> None:
            owner = schedule.get("recurrence") or schedule["recurrencePattern"]
            owner.get("recurrenceSchedule", owner.get("details"))["daysOfWeek"][0] = value

        return changed(frame.details_path + "/daysOfWeek/0",
                       "INVALID_TIMEFRAME_DAYS_OF_WEEK", edit)

    def bad_zone() -> Invalid:
        zone = draw(st.sampled_from(("Mars/Olympus_Mons", "ist", "+25:00", "Asia/Calcuta")))
        return changed("/timeZone/name", "INVALID_TIMEFRAME_TIME_ZONE",
                       lambda s: s.update(timeZone={"name": zone}))

    def unknown_field() -> Invalid:
        key = draw(st.sampled_from(("repeat", "endDate", "timezone", "priority")))
        return changed(f"/{key}", "UNKNOWN_TIMEFRAME_FIELD", lambda s: s.update({key: "x"}))

    def bad_name() -> Invalid:
        copy = copy_json(frame.payload)
        copy["name"] = draw(st.sampled_from((42, ["name"], True)))
        return Invalid(copy, "INVALID_TIMEFRAME_NAME", "/name")

    def bad_schedule() -> Invalid:
        copy = copy_json(frame.payload)
        copy["schedule"] = draw(st.sampled_from(("daily", None, [], 1)))
        return Invalid(copy, "INVALID_TIMEFRAME_SCHEDULE", "/schedule")

    def not_an_object() -> Invalid:
        return Invalid(draw(st.sampled_from(NOT_OBJECTS)), "INVALID_TIMEFRAME", "")

    def not_json() -> Invalid:
        return Invalid(broken_json(draw, frame.payload), "INVALID_JSON", "")

    return one_of_applicable(draw, {
        "bad_time": bad_time,
        "missing_time": missing_time,
        "bad_start_date": bad_start_date,
        "bad_end_date": bad_end_date,
        "no_end": no_end,
        "end_before_start": end_before_start,
        "bad_frequency": bad_frequency,
        "bad_weekday": bad_weekday if frame.frequency == "weekly" else None,
        "bad_zone": bad_zone,
        "unknown_field": unknown_field,
        "bad_name": bad_name if not bare else None,
        "bad_schedule": bad_schedule if not bare else None,
        "not_an_object": not_an_object,
        "not_json": not_json,
    })


@overload
def helix_timeframes(*, zones: Sequence[str] | None = ...,
                     features: Collection[str] | None = ...,
                     frequencies: Sequence[str] | None = ...,
                     valid: Literal[True] = ...) -> st.SearchStrategy[dict[str, Any]]: ...
@overload
def helix_timeframes(*, zones: Sequence[str] | None = ...,
                     features: Collection[str] | None = ...,
                     frequencies: Sequence[str] | None = ...,
                     valid: Literal[False]) -> st.SearchStrategy[Invalid]: ...
@overload
def helix_timeframes(*, zones: Sequence[str] | None = ...,
                     features: Collection[str] | None = ...,
                     frequencies: Sequence[str] | None = ..., valid: bool
                     ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]: ...
def helix_timeframes(*, zones: Sequence[str] | None = None,
                     features: Collection[str] | None = None,
                     frequencies: Sequence[str] | None = None, valid: bool = True
                     ) -> st.SearchStrategy[dict[str, Any]] | st.SearchStrategy[Invalid]:
    """BMC Helix time frames (``format="helix"``): ``{"name", "description",
    "schedule"}``, or (feature ``bare``) the schedule object alone.

    ``frequencies`` picks from :data:`HELIX_FREQUENCIES`; ``features`` from
    :data:`HELIX_FEATURES`; ``zones`` gives ``timeZone.name``. Dates run from 2000 to
    2090. Valid frames may carry warnings (a monthly day 29-31, or dates that hold no
    window). ``valid=False`` announces ``INVALID_TIMEFRAME_START_TIME``, ``..._END_TIME``,
    ``..._START_DATE``, ``..._END_DATE``, ``TIMEFRAME_END_BEFORE_START``,
    ``INVALID_TIMEFRAME_FREQUENCY``, ``..._DAYS_OF_WEEK``, ``..._TIME_ZONE``,
    ``UNKNOWN_TIMEFRAME_FIELD``, ``INVALID_TIMEFRAME_NAME``, ``..._SCHEDULE``,
    ``INVALID_TIMEFRAME`` and ``INVALID_JSON``.

    >>> helix_timeframes(frequencies=["weekly"], zones=["Asia/Kolkata"]).validate()
    """
    chosen = chosen_from(features, HELIX_FEATURES, "features")
    picked = picked_from(frequencies, HELIX_FREQUENCIES, "frequencies")
    names = zone_names(zones)
    if valid:
        return _helix(chosen, picked, names).map(lambda frame: frame.payload)
    return _invalid_helix(chosen, picked, names)


#: The format names these strategies draw payloads of.
STRATEGIES: Mapping[str, Callable[..., st.SearchStrategy[Any]]] = {"helix": helix_timeframes}
