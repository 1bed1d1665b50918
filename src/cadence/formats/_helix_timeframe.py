"""How :mod:`cadence.formats.helix_timeframe` checks payloads, reads them into the IR and writes
them, imported when the format is first used (see the format module for the rules)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from .._calendar import MONTH_NAMES
from .._problems import (
    InvalidPayloadError,
    Problem,
    did_you_mean,
    errors_for_body,
    json_type,
    pointer,
)
from .._zones import local_of, zone_name
from ..errors import ScheduleError, UnsupportedError
from ..ir import HasRecurrence, MonthDays, Recurrence, Rule, Weekdays, occurrences, thawed
from . import _wording as wording
from ._checking import At, Problems
from ._contract import Checked
from ._java_zones import java_zone
from ._readback import (
    bound_seconds,
    meaning,
    policy_free_rules,
    source_object,
    verify,
    zone_name_round_trips,
)

FREQUENCIES = ("oneTime", "daily", "weekly", "monthly")
TIMEFRAME_FIELDS = ("name", "description", "schedule", "id", "status", "lastRunTime",
                    "nextRunTime")
SCHEDULE_FIELDS = ("startTime", "endTime", "startDate", "endsOn", "recurrence",
                   "recurrencePattern", "timeZone")
RECURRENCE_FIELDS = ("frequency", "recurrenceSchedule")
PATTERN_FIELDS = ("recurrence", "details", "recurrenceSchedule")
DETAIL_FIELDS: dict[str, tuple[str, ...]] = {
    "oneTime": (),
    "daily": ("days",),
    "weekly": ("daysOfWeek",),
    "monthly": ("daysOfMonth",),
}
ALL_DETAIL_FIELDS = ("days", "daysOfWeek", "daysOfMonth")
ZONE_FIELDS = ("name", "id", "offset")
#: A GET answer: ``{"message", "object"}``, the object a time frame or an array of them.
RESPONSE_FIELDS = ("message", "object")
#: The ``status`` values a GET answer lists.
STATUSES = ("ACTIVE", "INACTIVE", "EXPIRED")

#: The message of each error code. Helix's own words for the codes its page documents
#: (``INVALID_TIMEFRAME_END_DATE``, ``INVALID_TIMEFRAME_FREQUENCY``,
#: ``INVALID_TIMEFRAME_ID``); cadence's, in the same style, for the others.
MESSAGES: dict[str, str] = {
    "INVALID_TIMEFRAME_END_DATE": "End date is empty or not valid in Timeframe.",
    "INVALID_TIMEFRAME_FREQUENCY":
        "Recurrence repeat or frequency is empty or not valid in Timeframe.",
    "INVALID_TIMEFRAME_START_DATE": "Start date is empty or not valid in Timeframe.",
    "INVALID_TIMEFRAME_START_TIME": "Start time is empty or not valid in Timeframe.",
    "INVALID_TIMEFRAME_END_TIME": "End time is empty or not valid in Timeframe.",
    "INVALID_TIMEFRAME_TIME_ZONE": "Time zone is not valid in Timeframe.",
    "INVALID_TIMEFRAME_DAYS": "Recurrence days are not valid in Timeframe.",
    "INVALID_TIMEFRAME_DAYS_OF_WEEK": "Days of week are empty or not valid in Timeframe.",
    "INVALID_TIMEFRAME_DAYS_OF_MONTH": "Days of month are empty or not valid in Timeframe.",
    "INVALID_TIMEFRAME_SCHEDULE": "Schedule is empty or not valid in Timeframe.",
    "INVALID_TIMEFRAME_NAME": "Name is not valid in Timeframe.",
    "INVALID_TIMEFRAME_DESCRIPTION": "Description is not valid in Timeframe.",
    "INVALID_TIMEFRAME_ID": "Timeframe id is not valid UUID.",
    "INVALID_TIMEFRAME_STATUS": "Status is not valid in Timeframe.",
    "INVALID_TIMEFRAME_RUN_TIME": "Last or next run time is not valid in Timeframe.",
    "TIMEFRAME_END_BEFORE_START": "End date is before start date in Timeframe.",
    "UNKNOWN_TIMEFRAME_FIELD": "Timeframe has an unknown field.",
    "INVALID_TIMEFRAME": "Timeframe is not valid.",
    "INVALID_JSON": "Timeframe is not valid JSON.",
}

_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_DATE = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})")
_OFFSET = re.compile(r"([+-])([0-9]{2}):?([0-9]{2})")
_DAY = timedelta(days=1)


def check(payload: object, *, tz: str | tzinfo | None = None) -> Checked:
    """ALL problems of a Helix time frame (or its ``schedule``), and its Schedule when
    none is an error.

    ``payload`` is the decoded JSON (a dict) or its text (``str`` / ``bytes``); never
    raises for any JSON value.

    >>> [(p.path, p.code) for p in check({"startTime": "9:00"}).problems]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('/endTime', 'INVALID_TIMEFRAME_END_TIME'),
     ('/startDate', 'INVALID_TIMEFRAME_START_DATE'),
     ('/endsOn', 'INVALID_TIMEFRAME_END_DATE'),
     ('/recurrence', 'INVALID_TIMEFRAME_FREQUENCY')]
    """
    return _Checker(tz).run(payload)


def envelope(problems: Sequence[Problem]) -> dict[str, Any]:
    """Helix's error body, ``{"message", "errorCode"}``, and cadence's ``problems``.

    Helix reports one error at a time; cadence finds them all. ``errorCode`` is the
    first error's code and ``message`` that code's message (:data:`MESSAGES`), word for
    word as Helix writes it for the codes its page documents. What cadence adds is a
    separate field, ``problems``: every error as ``{"path", "code", "message"}``.
    Warnings never appear. With no error there is no error body: Helix answers a valid
    time frame with the id it gives it, which cadence cannot know, so this raises
    :class:`~cadence.errors.ScheduleError`.

    >>> body = envelope([Problem("/schedule/endsOn/endDate", "INVALID_TIMEFRAME_END_DATE",
    ...                          "endDate 31022022 is not a date")])
    >>> body["message"], body["errorCode"]
    ('End date is empty or not valid in Timeframe.', 'INVALID_TIMEFRAME_END_DATE')
    >>> body["problems"]  # doctest: +NORMALIZE_WHITESPACE
    [{'path': '/schedule/endsOn/endDate', 'code': 'INVALID_TIMEFRAME_END_DATE',
      'message': 'endDate 31022022 is not a date'}]
    """
    errors = errors_for_body(problems, "helix")
    first = errors[0].code
    return {"message": MESSAGES.get(first, MESSAGES["INVALID_TIMEFRAME"]), "errorCode": first,
            "problems": [{"path": p.path, "code": p.code, "message": p.explained}
                         for p in errors]}


def read_frames(payload: object, *, tz: str | tzinfo | None = None
                ) -> list[tuple[str, Recurrence]]:
    """Every time frame of ``payload``, named: a GET ``/timeframes`` answer
    (``{"message", "object": [...]}``) gives one per element, in order; a GET
    ``/timeframes/<id>`` answer, a time frame or a ``schedule`` alone gives one. The
    name is the frame's ``name``, else its ``id``, else its JSON Pointer.

    Raises :class:`~cadence.InvalidPayloadError` listing every problem of every frame
    (paths from the payload's root, e.g. ``/object/1/schedule/startDate``) when any is
    an error.

    >>> listed = {"message": "[Successfully found timeframes]", "object": [
    ...     {"name": "a", "schedule": {"startTime": "09:00", "endTime": "10:00",
    ...      "startDate": "01012026", "endsOn": {"endDate": "31012026"},
    ...      "recurrence": {"frequency": "daily"}}},
    ...     {"id": "68f1c644", "schedule": {"startTime": "12:00", "endTime": "13:00",
    ...      "startDate": "01012026", "endsOn": {"endDate": "31012026"},
    ...      "recurrence": {"frequency": "daily"}}}]}
    >>> [name for name, _ in read_frames(listed)]
    ['a', '68f1c644']
    """
    checker = _Checker(tz)
    checked = checker.run(payload)
    if any(problem.is_error for problem in checked.problems):
        raise InvalidPayloadError("helix", checked.problems)
    return [(name, recurrence) for name, _, recurrence in checker.frames
            if recurrence is not None]


@dataclass
class _Days:
    """The day selection of a recurring frame (``None`` parts = every day)."""

    weekdays: Weekdays | None = None
    month_days: MonthDays | None = None


class _Checker:
    def __init__(self, tz: str | tzinfo | None) -> None:
        self.tz = tz
        self.problems = Problems()
        #: Where the schedule object is: below "schedule" in a whole time frame.
        self.at = At()
        #: Where the frame being read starts in ``problems.found``.
        self.first = 0
        #: Each time frame read: its name (else its id, else its path), the JSON Pointer
        #: of its schedule object, and its recurrence.
        self.frames: list[tuple[str, str, Recurrence | None]] = []

    # -- helpers -----------------------------------------------------------------

    def unknown(self, obj: Mapping[str, Any], known: Sequence[str], where: tuple[str, ...],
                what: str) -> None:
        self.problems.known_fields(obj, known, self.at.below(*where),
                                   f"unknown {what} field {{key!r}}{{hint}}",
                                   code="UNKNOWN_TIMEFRAME_FIELD")

    def object_at(self, value: object, where: tuple[str, ...], code: str, what: str
                  ) -> dict[str, Any] | None:
        """``value`` when it is an object; ``None`` when it is absent or is not one."""
        if value is None:
            return None
        return self.problems.object_at(self.at(*where), value, f"{what} must be an object",
                                       code=code)

    # -- the payload ---------------------------------------------------------------

    def run(self, payload: object) -> Checked:
        body = self.problems.payload_object(payload, decoding="the Helix time frame",
                                            name="a Helix time frame", code="INVALID_TIMEFRAME")
        if body is None:
            return self.problems.checked()
        if "object" in body and set(body) <= set(RESPONSE_FIELDS):
            return self.response(body)
        if "errorCode" in body and set(body) <= {"message", "errorCode"}:
            said = ": ".join(str(body[key])[:80] for key in ("errorCode", "message")
                             if body.get(key) is not None)
            said = f" ({said})" if said else ""
            self.problems.error("", "INVALID_TIMEFRAME",
                                f"this is Helix's error response{said}, not a time frame")
            return self.problems.checked()
        return self.problems.checked(self.frame(body, At()))

    def response(self, body: dict[str, Any]) -> Checked:
        """A GET answer, ``{"message", "object"}``: one time frame (``GET
        /timeframes/<id>``) or an array of them (``GET /timeframes``)."""
        code = "INVALID_TIMEFRAME"
        if body.get("message") is not None:
            self.problems.typed(pointer("message"), body["message"], str,
                                "message must be a string", code=code)
        listed, at = body["object"], At(("object",))
        if isinstance(listed, dict):
            return self.problems.checked(self.frame(listed, at))
        shape = ("object must be a time frame (GET /timeframes/<id>) or an array of time "
                 "frames (GET /timeframes)")
        if not isinstance(listed, list) or not listed:
            shown = "an empty array" if isinstance(listed, list) else json_type(listed)
            self.problems.error(at(), code, f"{shape}, not {shown}")
            return self.problems.checked()
        for index, item in enumerate(listed):
            if isinstance(item, dict):
                self.frame(item, at.below(index))
            else:
                self.problems.error(at(index), code,
                                    f"each time frame is a JSON object, not {json_type(item)}")
        if len(listed) == 1:
            return self.problems.checked(self.frames[0][2] if self.frames else None)
        names = ", ".join(repr(name) for name, _, _ in self.frames[:3])
        more = f" and {len(listed) - 3} more" if len(listed) > 3 else ""
        checked = self.problems.checked()
        if not self.problems.has_errors:
            checked.parts = [(path, recurrence) for _, path, recurrence in self.frames
                             if recurrence is not None]
        checked.refused = (
            f"this GET /timeframes answer holds {len(listed)} time frames ({names}{more}); "
            "a schedule is one of them: read them all with cadence.helix.read_frames(payload), "
            "or parse one, e.g. payload['object'][0]")
        return checked

    def frame(self, frame: dict[str, Any], base: At) -> Recurrence | None:
        """The recurrence of one time frame (or of a ``schedule`` object alone) whose
        paths start at ``base``; ``None`` when it has an error. Each frame read is
        listed in :attr:`frames` with its name."""
        self.first = len(self.problems.found)
        self.at = base
        metadata: dict[str, object] = {}
        schedule: dict[str, Any] | None = frame
        if "schedule" in frame or not any(key in frame for key in SCHEDULE_FIELDS):
            self.unknown(frame, TIMEFRAME_FIELDS, (), "time frame")
            for key in ("name", "description", "id"):
                if frame.get(key) is not None:
                    self.problems.typed(base(key), frame[key], str, f"{key} must be a string",
                                        code=f"INVALID_TIMEFRAME_{key.upper()}")
            self.read_only(frame, base)
            metadata = {key: value for key, value in frame.items()
                        if key in TIMEFRAME_FIELDS and key != "schedule"}
            self.at = base.below("schedule")
            code = "INVALID_TIMEFRAME_SCHEDULE"
            if not self.problems.required(
                    self.at(), frame.get("schedule"), code, "a time frame needs a schedule: an "
                    "object with startTime, endTime, startDate, endsOn, recurrence and timeZone"):
                schedule = None
            else:
                schedule = self.problems.object_at(self.at(), frame["schedule"],
                                                   "schedule must be an object", code=code)
        recurrence = None if schedule is None else self.schedule(schedule, metadata)
        if self.frame_has_errors:
            recurrence = None
        elif recurrence is not None:
            self.warn_if_empty(recurrence)
        name = next((frame[key] for key in ("name", "id")
                     if isinstance(frame.get(key), str) and frame[key]), base() or "time frame")
        self.frames.append((name, self.at(), recurrence))
        return recurrence

    @property
    def frame_has_errors(self) -> bool:
        return any(problem.is_error for problem in self.problems.found[self.first:])

    def read_only(self, frame: Mapping[str, Any], base: At) -> None:
        """What a GET answer adds: ``status`` one of :data:`STATUSES`, ``lastRunTime``
        and ``nextRunTime`` epoch milliseconds (``null`` = absent)."""
        value = frame.get("status")
        if value is not None and value not in STATUSES:
            shown = repr(value[:40]) if isinstance(value, str) else json_type(value)
            hint = did_you_mean(value, STATUSES) if isinstance(value, str) else ""
            self.problems.error(base("status"), "INVALID_TIMEFRAME_STATUS",
                                f"status is one of {', '.join(STATUSES)}, not {shown}{hint}")
        for key in ("lastRunTime", "nextRunTime"):
            value = frame.get(key)
            if value is not None and (type(value) is not int or value < 0):
                shown = str(value) if isinstance(value, int | float) and not isinstance(
                    value, bool) else json_type(value)
                self.problems.error(base(key), "INVALID_TIMEFRAME_RUN_TIME",
                                    f"{key} is epoch milliseconds (a whole number, at least "
                                    f"0), not {shown}")

    def schedule(self, body: dict[str, Any], metadata: dict[str, object]) -> Recurrence | None:
        self.unknown(body, SCHEDULE_FIELDS, (), "schedule")
        start_time = self.clock(body, "startTime", "INVALID_TIMEFRAME_START_TIME")
        end_time = self.clock(body, "endTime", "INVALID_TIMEFRAME_END_TIME")
        start_date = self.day(body.get("startDate"), ("startDate",),
                              "INVALID_TIMEFRAME_START_DATE", "startDate")
        end_date = self.end_date(body)
        frequency, details, details_path = self.recurrence(body)
        zone = self.zone(body, start_date, start_time)
        if start_date is not None and end_date is not None and end_date < start_date:
            self.problems.error(self.at("endsOn", "endDate"), "TIMEFRAME_END_BEFORE_START",
                                f"the end date {end_date.isoformat()} is before the start date "
                                f"{start_date.isoformat()}")
        days = None
        if frequency is not None and frequency != "oneTime":
            days = self.days(frequency, details, details_path, start_date)
        elif frequency == "oneTime" and details is not None:
            self.ignored(details, details_path, frequency)
        if (start_time is None or end_time is None or start_date is None or end_date is None
                or frequency is None or zone is None or self.frame_has_errors):
            return None
        source = json.dumps(body, sort_keys=True)
        if frequency == "oneTime":
            opening = datetime.combine(start_date, start_time)
            closing = datetime.combine(end_date, end_time)
            if closing <= opening:
                self.problems.error(self.at("endTime"), "TIMEFRAME_END_BEFORE_START",
                                    f"a one-time window must end after it starts: "
                                    f"{closing.isoformat(' ')} is not after "
                                    f"{opening.isoformat(' ')}")
                return None
            rule = Rule(
                seconds=(0,), minutes=(start_time.minute,), hours=(start_time.hour,),
                months=(start_date.month,), month_days=MonthDays(days=(start_date.day,)),
                years=(start_date.year,), duration=closing - opening, fixed_time=True,
            )
            return Recurrence(rule, zone, format="helix", source=source,
                            start=datetime.combine(start_date, time(), zone),
                            end=closing.replace(tzinfo=zone), metadata=metadata)
        assert days is not None
        length = (datetime.combine(start_date, end_time)
                  - datetime.combine(start_date, start_time))
        if length <= timedelta(0):
            length += _DAY
        rule = Rule(
            seconds=(0,), minutes=(start_time.minute,), hours=(start_time.hour,),
            month_days=days.month_days, weekdays=days.weekdays, duration=length,
            fixed_time=True,
        )
        end = (datetime.combine(end_date + _DAY, time(), zone) if end_date < date.max
               else None)
        return Recurrence(rule, zone, format="helix", source=source,
                        start=datetime.combine(start_date, time(), zone), end=end,
                        metadata=metadata)

    def warn_if_empty(self, schedule: Recurrence) -> None:
        if schedule.start is None:
            return
        try:
            found = occurrences(schedule).next_window(schedule.start - timedelta(seconds=1))
        except (ScheduleError, OverflowError):
            found = None
        if found is None:
            self.problems.warning(self.at(), "TIMEFRAME_HAS_NO_WINDOW",
                                  "no window opens between the start date and the end date: "
                                  "the time frame is never active")

    # -- fields --------------------------------------------------------------------

    def clock(self, body: Mapping[str, Any], key: str, code: str) -> time | None:
        value = body.get(key)
        path = self.at(key)
        if not self.problems.required(path, value, code,
                                      f"{key} is required: a 24-hour time such as '16:49'"):
            return None
        text = self.problems.typed(path, value, str, f"{key} must be a string such as '16:49'",
                                   code=code)
        if text is None:
            return None
        match = _TIME.fullmatch(text.strip())
        if match is None:
            self.problems.error(path, code,
                                f"{key} {text[:40]!r} is not HH:MM (24-hour, e.g. '16:49')")
            return None
        hour, minute = int(match[1]), int(match[2])
        if hour > 23 or minute > 59:
            self.problems.error(path, code,
                                f"{key} {text!r} is not a time of day: hours are 00-23, "
                                "minutes 00-59")
            return None
        return time(hour, minute)

    def day(self, value: object, where: tuple[str, ...], code: str, key: str) -> date | None:
        path = self.at(*where)
        if not self.problems.required(path, value, code, f"{key} is required: DDMMYYYY, e.g. "
                                      "'19042022' for 19 April 2022"):
            return None
        text = self.problems.typed(path, value, str, f"{key} must be a DDMMYYYY string",
                                   code=code)
        if text is None:
            return None
        match = _DATE.fullmatch(text.strip())
        if match is None:
            self.problems.error(path, code,
                                f"{key} {text[:40]!r} is not DDMMYYYY (e.g. '19042022' for "
                                "19 April 2022)")
            return None
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        try:
            return date(year, month, day)
        except ValueError:
            pass
        if not 1 <= month <= 12:
            why = f"there is no month {month}"
        elif year < 1:
            why = "there is no year 0"
        else:
            why = f"{MONTH_NAMES[month - 1]} {year} has no day {day}"
        self.problems.error(path, code, f"{key} {text!r} is not a date: {why} (DDMMYYYY)")
        return None

    def end_date(self, body: Mapping[str, Any]) -> date | None:
        code = "INVALID_TIMEFRAME_END_DATE"
        if not self.problems.required(self.at("endsOn"), body.get("endsOn"), code,
                                      'endsOn is required: {"endDate": "DDMMYYYY"}'):
            return None
        ends = self.problems.object_at(self.at("endsOn"), body["endsOn"], 'endsOn must be an '
                                       'object such as {"endDate": "19052022"}', code=code)
        if ends is None:
            return None
        self.unknown(ends, ("endDate",), ("endsOn",), "endsOn")
        return self.day(ends.get("endDate"), ("endsOn", "endDate"), code, "endDate")

    def recurrence(self, body: Mapping[str, Any]
                   ) -> tuple[str | None, dict[str, Any] | None, tuple[str, ...]]:
        """The frequency, the day details and where they are."""
        code = "INVALID_TIMEFRAME_FREQUENCY"
        plain, pattern = body.get("recurrence"), body.get("recurrencePattern")
        if plain is not None and pattern is not None:
            self.problems.error(self.at("recurrencePattern"), code,
                                "give recurrence or recurrencePattern (the blackout-policy "
                                "spelling), not both")
            return None, None, ()
        if plain is None and pattern is None:
            self.problems.error(self.at("recurrence"), code,
                                'recurrence is required, e.g. {"frequency": "daily", '
                                '"recurrenceSchedule": {"days": "all"}}')
            return None, None, ()
        if pattern is not None:
            pattern_obj = self.object_at(pattern, ("recurrencePattern",), code,
                                         "recurrencePattern")
            if pattern_obj is None:
                return None, None, ()
            self.unknown(pattern_obj, PATTERN_FIELDS, ("recurrencePattern",),
                         "recurrencePattern")
            inner = pattern_obj.get("recurrence")
            where: tuple[str, ...] = ("recurrencePattern", "recurrence")
            details_key = "details"
            if isinstance(inner, dict):
                self.unknown(inner, (*RECURRENCE_FIELDS, "details"), where, "recurrence")
                frequency = self.frequency(inner.get("frequency"), (*where, "frequency"))
                details_owner, owner_path = inner, where
                if all(inner.get(key) is None for key in ("details", "recurrenceSchedule")):
                    details_owner, owner_path = pattern_obj, ("recurrencePattern",)
            else:
                frequency = self.frequency(inner, where)
                details_owner, owner_path = pattern_obj, ("recurrencePattern",)
            return (frequency, *self.details(details_owner, owner_path, details_key))
        recurrence = self.object_at(plain, ("recurrence",), code, "recurrence")
        if recurrence is None:
            return None, None, ()
        self.unknown(recurrence, RECURRENCE_FIELDS, ("recurrence",), "recurrence")
        frequency = self.frequency(recurrence.get("frequency"), ("recurrence", "frequency"))
        return (frequency, *self.details(recurrence, ("recurrence",), "recurrenceSchedule"))

    def details(self, owner: Mapping[str, Any], where: tuple[str, ...], preferred: str
                ) -> tuple[dict[str, Any] | None, tuple[str, ...]]:
        keys = [key for key in ("recurrenceSchedule", "details") if owner.get(key) is not None]
        if len(keys) == 2:
            self.problems.error(self.at(*where, "details"), "INVALID_TIMEFRAME_FREQUENCY",
                                "give recurrenceSchedule or details (the blackout-policy "
                                "spelling), not both")
            return None, ()
        key = keys[0] if keys else preferred
        path = (*where, key)
        value = self.object_at(owner.get(key), path, "INVALID_TIMEFRAME_FREQUENCY", key)
        return value, path

    def frequency(self, value: object, where: tuple[str, ...]) -> str | None:
        code = "INVALID_TIMEFRAME_FREQUENCY"
        path = self.at(*where)
        listed = ", ".join(FREQUENCIES)
        if not self.problems.required(path, value, code,
                                      f"the frequency is required: one of {listed}"):
            return None
        text = self.problems.typed(path, value, str, f"the frequency must be a string ({listed})",
                                   code=code)
        if text is None:
            return None
        folded = re.sub(r"[\s_-]", "", text).lower()
        for name in FREQUENCIES:
            if folded == name.lower():
                return name
        hint = did_you_mean(text, FREQUENCIES) or f" (one of {listed})"
        self.problems.error(path, code, f"unknown frequency {text[:40]!r}{hint}")
        return None

    def ignored(self, details: Mapping[str, Any], where: tuple[str, ...], frequency: str
                ) -> None:
        wanted = DETAIL_FIELDS[frequency]
        for key in details:
            if key in wanted:
                continue
            if key in ALL_DETAIL_FIELDS:
                self.problems.warning(self.at(*where, key), "IGNORED_TIMEFRAME_FIELD",
                                      f"{key} does not apply to a {frequency} time frame and "
                                      "is ignored")
            else:  # one key at a time, so the problems keep the payload's order
                self.unknown({key: details[key]}, ALL_DETAIL_FIELDS, where, "recurrence")

    def days(self, frequency: str, details: dict[str, Any] | None, where: tuple[str, ...],
             start_date: date | None) -> _Days:
        details = details or {}
        self.ignored(details, where, frequency)
        if frequency == "daily":
            value = details.get("days")
            if value is not None and not (isinstance(value, str)
                                          and value.strip().lower() == "all"):
                shown = repr(value[:40]) if isinstance(value, str) else json_type(value)
                self.problems.error(self.at(*where, "days"), "INVALID_TIMEFRAME_DAYS",
                                    'a daily time frame runs every day: days must be "all", '
                                    f"not {shown}")
            return _Days()
        if frequency == "weekly":
            numbers = self.numbers(details, "daysOfWeek", where, 7,
                                   "INVALID_TIMEFRAME_DAYS_OF_WEEK",
                                   "1 = Sunday, 2 = Monday ... 7 = Saturday")
            # Helix (Java Calendar) 1 = Sunday .. 7 = Saturday; the IR's 0 = Monday.
            return _Days(weekdays=Weekdays(days=tuple((n + 5) % 7 for n in numbers)))
        numbers = self.numbers(details, "daysOfMonth", where, 31,
                               "INVALID_TIMEFRAME_DAYS_OF_MONTH", "1-31", required=False)
        if not numbers and details.get("daysOfMonth") is None and start_date is not None:
            numbers = [start_date.day]
        for number in sorted(set(numbers)):
            if number > 28:
                where_from = (self.at(*where, "daysOfMonth") if details.get("daysOfMonth")
                              is not None else self.at("startDate"))
                self.problems.warning(where_from, "DAY_NOT_IN_EVERY_MONTH",
                                      f"day {number} does not exist in every month: those "
                                      "months are skipped")
        return _Days(month_days=MonthDays(days=tuple(numbers)) if numbers else None)

    def numbers(self, details: Mapping[str, Any], key: str, where: tuple[str, ...],
                high: int, code: str, meaning: str, *, required: bool = True) -> list[int]:
        value = details.get(key)
        path = self.at(*where, key)
        if value is None and not required:
            return []
        if not self.problems.required(path, value, code,
                                      f"{key} is required: a list of days ({meaning})"):
            return []
        expected = f"{key} must be a non-empty array of days ({meaning})"
        items = self.problems.typed(path, value, list, expected, code=code)
        if items is None:
            return []
        if not items:
            self.problems.error(path, code, f"{expected}, not an empty array")
            return []
        found = []
        for index, item in enumerate(items):
            day = self.problems.typed(self.at(*where, key, index), item, int,
                                      f"each day is an integer ({meaning})", code=code)
            if day is not None and not 1 <= day <= high:
                self.problems.error(self.at(*where, key, index), code,
                                    f"day {day} is out of range 1-{high} ({meaning})")
            elif day is not None:
                found.append(day)
        return found

    def zone(self, body: Mapping[str, Any], start_date: date | None, start_time: time | None
             ) -> tzinfo | None:
        code = "INVALID_TIMEFRAME_TIME_ZONE"
        value = body.get("timeZone")
        if value is None:
            return self.problems.zone(self.tz, code=code)
        obj = self.object_at(value, ("timeZone",), code, "timeZone")
        if obj is None:
            return None
        self.unknown(obj, ZONE_FIELDS, ("timeZone",), "timeZone")
        names = {key: obj[key] for key in ("name", "id") if obj.get(key) is not None}
        offset = self.offset(obj.get("offset"))
        if not names:
            self.problems.error(self.at("timeZone"), code,
                                "timeZone needs a name: an IANA zone such as 'Asia/Kolkata' (an "
                                "offset alone cannot say when daylight saving time changes)")
            return None
        if len(names) == 2 and names["name"] != names["id"]:
            self.problems.error(self.at("timeZone", "id"), code,
                                f"timeZone.name {names['name']!r} and timeZone.id {names['id']!r} "
                                "disagree: give one")
            return None
        key, name = next(iter(names.items()))
        path = self.at("timeZone", key)
        if self.problems.typed(path, name, str, f"timeZone.{key} must be an IANA zone name",
                               code=code) is None:
            return None
        try:
            zone = java_zone(name, where=f"timeZone.{key}")  # as SailPoint's timeZoneId
        except ScheduleError as exc:
            self.problems.error(path, code, str(exc))
            return None
        if offset is not None and start_date is not None:
            wall = datetime.combine(start_date, start_time or time(), zone)
            try:
                actual = wall.utcoffset()
            except (OverflowError, ValueError):
                actual = None
            if actual is not None and actual != offset:
                self.problems.warning(self.at("timeZone", "offset"), "TIMEZONE_OFFSET_MISMATCH",
                                      f"offset {obj['offset']!r} disagrees with {name} on "
                                      f"{start_date.isoformat()} ({_format_offset(actual)}); "
                                      "the zone name decides")
        return zone

    def offset(self, value: object) -> timedelta | None:
        if value is None:
            return None
        path = self.at("timeZone", "offset")
        if isinstance(value, str):
            match = _OFFSET.fullmatch(value.strip())
            if match is not None and int(match[2]) <= 18 and int(match[3]) <= 59:
                sign = -1 if match[1] == "-" else 1
                return sign * timedelta(hours=int(match[2]), minutes=int(match[3]))
        shown = repr(value[:40]) if isinstance(value, str) else json_type(value)
        self.problems.error(path, "INVALID_TIMEFRAME_TIME_ZONE",
                            f"timeZone.offset must be '+HH:MM' or '-HH:MM' (e.g. '+05:30'), "
                            f"not {shown}")
        return None


def _format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


# -- emitting ------------------------------------------------------------------------
#
# The inverse of _Checker.schedule: a recurring frame is one rule (second 0, one minute,
# one hour, a window of 1 minute to 24 hours, every month, weekdays or month days or
# neither) bounded by 00:00 on startDate and 00:00 on the day after endsOn.endDate; a
# oneTime frame is one rule on one date (year, month and day listed) bounded by 00:00 on
# that date and the moment its window closes.

_TARGET = "helix"
_ALL_MONTHS = tuple(range(1, 13))
_MINUTE = timedelta(minutes=1)
_FRAME_KEYS = ("name", "description")


def emit_helix(source: HasRecurrence) -> dict[str, Any]:
    """A Helix time frame (``{"name", "description", "schedule"}``) for ``schedule``.

    A schedule read from a time frame gives that time frame back while its meaning is
    unchanged (its name, description and spelling included); any other is written in a
    canonical form (``name`` and ``description`` come from the metadata when present).
    What a time frame cannot say raises :class:`~cadence.errors.UnsupportedError`.

    >>> import cadence
    >>> weekdays = cadence.parse("30 9 * * MON-FRI", tz="Europe/Berlin")
    >>> office = weekdays.with_duration(timedelta(hours=8)).bounded(
    ...     start="2026-01-01T00:00+01:00", end="2027-01-01T00:00+01:00")
    >>> emit_helix(office)["schedule"]  # doctest: +NORMALIZE_WHITESPACE
    {'startTime': '09:30', 'endTime': '17:30', 'startDate': '01012026',
     'endsOn': {'endDate': '31122026'},
     'recurrence': {'frequency': 'weekly', 'recurrenceSchedule': {'daysOfWeek': [2, 3, 4, 5, 6]}},
     'timeZone': {'name': 'Europe/Berlin', 'offset': '+01:00'}}
    >>> emit_helix(weekdays)
    Traceback (most recent call last):
    ...
    cadence.errors.UnsupportedError: helix: instants (occurrences without a window) cannot...
    """
    schedule = source.recurrence
    kept = _kept_frame(schedule)
    if kept is not None:
        return kept
    frame: dict[str, Any] = {key: schedule.metadata[key] for key in _FRAME_KEYS
                             if isinstance(schedule.metadata.get(key), str)}
    frame["schedule"] = _body(schedule)
    # Read back: a difference is a gap in this emitter, never dropped silently.
    verify(check(frame), schedule, _TARGET, "time frame")
    return frame


def _kept_frame(schedule: Recurrence) -> dict[str, Any] | None:
    """The time frame as read, when the schedule came from one and still means it
    (a frame read in a ``tz=`` zone gets that zone written in)."""
    body = source_object(schedule, _TARGET)
    if body is None:
        return None
    metadata = {key: thawed(value) for key, value in schedule.metadata.items()
                if key in TIMEFRAME_FIELDS and key != "schedule"}
    candidates = [body]
    if body.get("timeZone") is None:
        candidates.append({**body, "timeZone": {"name": zone_name(schedule.tz)}})
    wanted = meaning(schedule)
    for candidate in candidates:
        frame = {**metadata, "schedule": candidate}
        again = check(frame).recurrence
        if again is not None and meaning(again) == wanted:
            return frame
    return None


def _body(schedule: Recurrence) -> dict[str, Any]:
    """The canonical ``schedule`` object of a time frame, or UnsupportedError."""
    distinct = policy_free_rules(schedule.rules)
    if len(distinct) != 1:
        raise UnsupportedError(_TARGET, f"a union of {len(distinct)} rules",
                               "; a time frame is one window a day")
    rule = schedule.rules[0]
    hour, minute = _start_time(rule)
    duration = _window(rule)
    if rule.excluded_dates:
        raise UnsupportedError(_TARGET, f"excluded dates ({wording.dates(rule.excluded_dates)})",
                               "; a time frame has no exception days")
    if rule.period is not None:
        period = rule.period
        raise UnsupportedError(_TARGET, f"an anchored period (every {period.every} "
                               f"{period.unit}s)", "; a time frame repeats every day, "
                               "every week or every month")
    year_parts = wording.year_parts_refusal(rule)
    if year_parts is not None:
        raise UnsupportedError(_TARGET, *year_parts)
    zone = schedule.tz
    name = _zone_name(zone)
    if schedule.start is None:
        raise UnsupportedError(_TARGET, "a schedule without a start date",
                               "; Helix time frames need startDate")
    if schedule.end is None and rule.years is not None:
        raise UnsupportedError(_TARGET, "a one-time window without an end date",
                               "; Helix time frames need endsOn.endDate")
    start_time = time(hour, minute)
    recurrence: dict[str, Any]
    if rule.years is not None:
        opening = datetime.combine(_one_date(rule), start_time)
        start_date = opening.date()
        _expect_start(schedule, start_date,
                      f"a oneTime time frame starts at 00:00 on the day its window opens "
                      f"({start_date.isoformat()})")
        try:
            closing = opening + duration
        except OverflowError:
            raise UnsupportedError(_TARGET, f"a window of {wording.span(duration, days=False)} "
                                   f"opening at {opening.isoformat(' ')}",
                                   "; it closes after year 9999") from None
        assert schedule.end is not None  # refused above
        if bound_seconds(closing.replace(tzinfo=zone), zone) != bound_seconds(schedule.end, zone):
            raise UnsupportedError(_TARGET, f"an end bound at {schedule.end.isoformat()}",
                                   f"; a oneTime time frame ends when its window closes "
                                   f"({closing.replace(tzinfo=zone).isoformat()})")
        end_date, end_time = closing.date(), closing.time()
        recurrence = {"frequency": "oneTime"}
    else:
        if duration > _DAY:
            raise UnsupportedError(_TARGET, f"a window of {wording.span(duration, days=False)}",
                                   "; a recurring time frame's window lasts 24 hours at most")
        recurrence = _recurrence(rule)
        start_date = _local_date(schedule.start, zone)
        _expect_start(schedule, start_date, "a time frame starts at 00:00 on its startDate")
        if schedule.end is None:  # the last date there is: the reader maps it back to no end
            end_date = date.max
        else:
            after_end = _local_date(schedule.end, zone)
            if bound_seconds(datetime.combine(after_end, time(), zone), zone) != bound_seconds(
                    schedule.end, zone):
                raise UnsupportedError(_TARGET, f"an end bound at {schedule.end.isoformat()}",
                                       "; a recurring time frame ends at 00:00 on the day "
                                       "after its endsOn.endDate")
            if after_end <= start_date:
                raise UnsupportedError(_TARGET, f"an end bound at {schedule.end.isoformat()}",
                                       f"; endsOn.endDate (the day before it) would precede "
                                       f"startDate ({_ddmmyyyy(start_date)})")
            end_date = after_end - _DAY
        end_time = (datetime.combine(start_date, start_time) + duration).time()
    zone_obj: dict[str, str] = {"name": name}
    offset = datetime.combine(start_date, start_time, zone).utcoffset()
    if offset is not None and not offset % _MINUTE:
        zone_obj["offset"] = _format_offset(offset)
    return {
        "startTime": _hhmm(start_time),
        "endTime": _hhmm(end_time),
        "startDate": _ddmmyyyy(start_date),
        "endsOn": {"endDate": _ddmmyyyy(end_date)},
        "recurrence": recurrence,
        "timeZone": zone_obj,
    }


def _start_time(rule: Rule) -> tuple[int, int]:
    if rule.duration is None:
        raise UnsupportedError(_TARGET, "instants (occurrences without a window)",
                               "; a time frame's windows run from startTime to endTime "
                               "(give the schedule a duration: Schedule.with_duration, or "
                               "convert --duration)")
    if rule.seconds != (0,):
        raise UnsupportedError(_TARGET, "seconds other than 0",
                               f" (second {wording.numbers(rule.seconds)}); startTime is HH:MM")
    if len(rule.minutes) > 1:
        raise UnsupportedError(_TARGET, "more than one minute",
                               f" (minutes {wording.numbers(rule.minutes)}); a time frame opens "
                               "one window a day, at startTime")
    if len(rule.hours) > 1:
        raise UnsupportedError(_TARGET, "more than one hour",
                               f" (hours {wording.numbers(rule.hours)}); a time frame opens one "
                               "window a day, at startTime")
    return rule.hours[0], rule.minutes[0]


def _window(rule: Rule) -> timedelta:
    duration = rule.duration
    assert duration is not None
    if duration % _MINUTE:
        raise UnsupportedError(_TARGET, f"a window of {wording.span(duration, days=False)}",
                               "; startTime and endTime are HH:MM, so windows last whole "
                               "minutes")
    return duration


def _one_date(rule: Rule) -> date:
    """The date of a oneTime frame's rule: one year, one month, one day, nothing else."""
    years, months, days = rule.years or (), rule.months, rule.month_days
    if (len(years) != 1 or len(months) != 1 or days is None or len(days.days) != 1
            or wording.month_day_specials(days) or rule.weekdays is not None):
        _refuse_days(rule)
        raise UnsupportedError(_TARGET, f"years ({wording.numbers(years)})",
                               "; only a oneTime time frame is tied to a year, and it is one "
                               "window on one date")
    try:
        return date(years[0], months[0], days.days[0])
    except ValueError:
        raise UnsupportedError(_TARGET, f"a date that does not exist ({years[0]:04d}-"
                               f"{months[0]:02d}-{days.days[0]:02d})") from None


def _recurrence(rule: Rule) -> dict[str, Any]:
    if rule.months != _ALL_MONTHS:
        raise UnsupportedError(_TARGET, f"months ({wording.numbers(rule.months)})",
                               "; a recurring time frame runs in every month")
    _refuse_days(rule)
    if rule.weekdays is not None:
        # IR 0 = Monday; Helix (Java Calendar) 1 = Sunday .. 7 = Saturday.
        numbers = sorted((day + 1) % 7 + 1 for day in rule.weekdays.days)
        return {"frequency": "weekly", "recurrenceSchedule": {"daysOfWeek": numbers}}
    if rule.month_days is not None:
        return {"frequency": "monthly",
                "recurrenceSchedule": {"daysOfMonth": list(rule.month_days.days)}}
    return {"frequency": "daily", "recurrenceSchedule": {"days": "all"}}


def _refuse_days(rule: Rule) -> None:
    """UnsupportedError for day selections no frequency can say."""
    month_days, weekdays = rule.month_days, rule.weekdays
    if month_days == MonthDays() or weekdays == Weekdays():
        raise UnsupportedError(_TARGET, "a rule that selects no day at all")
    if month_days is not None and wording.month_day_specials(month_days):
        raise UnsupportedError(_TARGET, wording.month_day_specials(month_days)[0],
                               "; daysOfMonth lists plain days")
    if weekdays is not None and wording.weekday_specials(weekdays):
        raise UnsupportedError(_TARGET, wording.weekday_specials(weekdays)[0],
                               "; daysOfWeek lists plain weekdays")
    if month_days is not None and weekdays is not None:
        raise UnsupportedError(_TARGET, wording.days_and_weekdays(rule),
                               "; a time frame repeats on weekdays or on days of the month, "
                               "not both")


def _zone_name(zone: tzinfo) -> str:
    name = zone_name(zone)
    if not zone_name_round_trips(name):
        raise UnsupportedError(_TARGET, f"the zone {name!r}",
                               "; timeZone.name needs an IANA zone name")
    return name


def _local_date(moment: datetime, zone: tzinfo) -> date:
    instant = bound_seconds(moment, zone)
    assert instant is not None
    return local_of(instant, zone).date()


def _expect_start(schedule: Recurrence, start_date: date, why: str) -> None:
    zone = schedule.tz
    assert schedule.start is not None
    if bound_seconds(datetime.combine(start_date, time(), zone), zone) != bound_seconds(
            schedule.start, zone):
        raise UnsupportedError(_TARGET, f"a start bound at {schedule.start.isoformat()}",
                               f"; {why}")


def _hhmm(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _ddmmyyyy(day: date) -> str:
    return f"{day.day:02d}{day.month:02d}{day.year:04d}"
