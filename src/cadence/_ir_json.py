"""The JSON form of the IR: a :class:`~cadence.ir.Recurrence` as plain JSON values and
back, versioned (``"cadence_ir": 1``), for job stores and HTTP answers that keep what a
schedule means rather than its source text. ``docs/ir-json.md`` documents every field
and holds the JSON Schema.

Writing is canonical: recurrences that compare equal give the same JSON apart from
``source`` (where they were read from), so rules are sorted and said once, fields at
their default are left out, moments are ISO 8601 text with the UTC offset they have in
the schedule's zone, lengths are ISO 8601 durations, and in a zone with one UTC offset
for all time the DST policy (which changes nothing there) is left at its default.

Reading is validation: every problem of a payload, each with its JSON Pointer, raised
together as one :class:`~cadence.InvalidPayloadError`; what the IR's constructors
refuse (hour 25) is refused with their words at the place it was written, and so is a
payload that can never fire, as every format refuses such a text. The source's
metadata (a timer's name...) travels in ``source.metadata`` as information; its
spelling (what a writer needs to write it back as written) is not in the JSON: the
source text is read again, in its format, and it, its spelling and rule notes are kept
when it still means what the JSON says; otherwise it is no longer the source, and
stays only as information in the metadata (see :func:`recurrence_from_json`).

>>> from cadence.ir import Rule
>>> nine = Recurrence(Rule((0,), (0,), (9,)), "Europe/Berlin")
>>> recurrence_to_json(nine)["rules"], recurrence_to_json(nine)["zone"]
([{'seconds': [0], 'minutes': [0], 'hours': [9]}], 'Europe/Berlin')
>>> recurrence_from_json(recurrence_to_json(nine)) == nine
True
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import partial
from typing import Any, TypeGuard
from zoneinfo import ZoneInfo

from ._calendar import WEEKDAY_CODES
from ._durations import duration_text, parse_duration
from ._json_input import decode_payload
from ._moments import parse_iso
from ._problems import InvalidPayloadError, Problem, did_you_mean, json_type, pointer
from ._zones import instant_of, is_fixed_offset, local_of, resolve_zone, zone_name
from .errors import NeverFiresError, ScheduleError, ZoneError, described
from .ir import PERIOD_UNITS, Instance, MonthDays, Period, Recurrence, Rule, Weekdays, policy_free
from .limits import payload_problem

__all__ = ["FORMER_SOURCE", "PAYLOAD_NAME", "VERSION", "NeverFiresWords", "Reread",
           "recurrence_from_json", "recurrence_to_json"]

#: The version of the form this cadence writes and the newest it reads.
VERSION = 1
#: The key that holds it, first in every payload.
VERSION_KEY = "cadence_ir"
#: How errors name the payload.
PAYLOAD_NAME = "cadence IR"

#: How the reader asks for the source read again: the recurrence the JSON says -> what
#: its format, source and zone read (under its rules' DST policy), or ``None`` when it
#: does not read (the engine above the formats answers: this module imports no format).
Reread = Callable[["Recurrence"], "Recurrence | None"]
#: Why a rule fires on no day, in the formats' words (``None`` when it fires on some
#: day): given by the engine above, as the formats' words are not this module's to
#: import. The decision is the IR's (:meth:`~cadence.ir.Rule.fires_on_some_day`).
NeverFiresWords = Callable[[Rule], "str | None"]
#: The metadata key that keeps, as information, a source text that no longer means what
#: the payload says (the schedule's own source is then empty: see docs/ir-json.md).
FORMER_SOURCE = "former_source"

_EVERY_MONTH = list(range(1, 13))
#: A rule's keys in the order they are written, with the value each means when left out.
_RULE_DEFAULTS: dict[str, object] = {
    "months": _EVERY_MONTH, "month_days": None, "weekdays": None, "day_match": "and",
    "years": None, "fixed_time": True, "skip_gaps": False, "second_pass": False,
    "duration": None, "excluded_dates": [], "period": None, "year_days": [],
    "week_numbers": [], "week_start": "MO", "year_weekdays": [], "positions": [],
    "position_unit": None, "start": None, "end": None, "count": None,
}
_RULE_REQUIRED = ("seconds", "minutes", "hours")
_MONTH_DAYS_DEFAULTS: dict[str, object] = {
    "days": [], "from_last": [], "nearest_weekday": [], "last_weekday": False,
    "nearest_weekday_from_last": []}
_WEEKDAYS_DEFAULTS: dict[str, object] = {"days": [], "nth": [], "last": []}
_PERIOD_DEFAULTS: dict[str, object] = {"phase": 0, "week_start": "MO"}
_TOP_OPTIONAL = ("start", "end", "dates", "excluded", "exclusions", "source")
_TOP_REQUIRED = (VERSION_KEY, "zone", "rules")
_SOURCE_KEYS = ("format", "text", "metadata")
_INSTANCE_KEYS = ("start", "end")

#: ISO 8601 moments as written here: a date, a time to the second (a fraction of at most
#: six digits), and the UTC offset (``Z``, or hours and minutes, with seconds where a
#: zone's offset has them, as before 1900).
_INSTANT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
                      r"(Z|[+-][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{6})?)?)", re.ASCII)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
#: Integers past this are no value of the IR (years end at 9999, counts well before).
_LARGEST = 2**63


# -- writing ------------------------------------------------------------------------------


def recurrence_to_json(recurrence: Recurrence) -> dict[str, Any]:
    """``recurrence`` as JSON values (str, int, bool, None, list, dict), canonical.

    Raises :class:`~cadence.errors.ZoneError` for a zone that is neither an IANA zone
    nor a fixed UTC offset (a ``pytz`` or ``dateutil`` tzinfo, a ``ZoneInfo`` read from a
    file): nothing in it says which zone it is.
    """
    zone = recurrence.zone
    fixed = is_fixed_offset(zone)
    written: dict[str, Any] = {VERSION_KEY: VERSION, "zone": _zone_text(zone),
                               "rules": _rules_json(recurrence.rules, zone, fixed)}
    for key, moment, seconds in (("start", recurrence.start, recurrence.start_seconds),
                                 ("end", recurrence.end, recurrence.end_seconds)):
        if moment is not None and seconds is not None:
            written[key] = _bound_text(moment, seconds, zone)
    if recurrence.dates:
        written["dates"] = [_instance_json(instance, zone) for instance in recurrence.dates]
    if recurrence.excluded:
        written["excluded"] = [_instant_text(moment, zone) for moment in recurrence.excluded]
    if recurrence.exclusions:
        written["exclusions"] = _rules_json(recurrence.exclusions, zone, fixed)
    source: dict[str, Any] = {"format": recurrence.format, "text": recurrence.source}
    if recurrence.metadata:
        source["metadata"] = _plain(recurrence.metadata, ("source", "metadata"))
    written["source"] = source
    return written


def _plain(value: object, at: tuple[str | int, ...]) -> Any:
    """Metadata as JSON values (tuples as arrays), or a :class:`ScheduleError` naming
    the first value JSON cannot carry."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, Mapping) and all(isinstance(key, str) for key in value):
        return {key: _plain(item, (*at, key)) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item, (*at, index)) for index, item in enumerate(value)]
    raise ScheduleError(f"this schedule's metadata holds {described(value)} at "
                        f"{pointer(*at)}, which JSON cannot carry; keep JSON values "
                        "(strings, numbers, booleans, null, arrays and objects with string "
                        "keys) in metadata")


def _zone_text(zone: tzinfo) -> str:
    if isinstance(zone, timezone) or (isinstance(zone, ZoneInfo)
                                      and isinstance(zone.key, str)):
        return zone_name(zone)
    raise ZoneError(
        f"this schedule's zone, {zone_name(zone)}, is neither an IANA zone nor a fixed UTC "
        "offset, so its JSON form could not say which zone it is; read the schedule with "
        "tz= an IANA name such as 'Europe/Berlin' (or a zoneinfo.ZoneInfo, or a "
        "datetime.timezone for a fixed offset)")


def _rules_json(rules: tuple[Rule, ...], zone: tzinfo, fixed: bool) -> list[dict[str, Any]]:
    """The rules, each once, in the order of their JSON text (a union has no order)."""
    written = {}
    for rule in rules:
        item = _rule_json(policy_free(rule) if fixed else rule, zone)
        written[json.dumps(item, sort_keys=True)] = item
    return [written[key] for key in sorted(written)]


def _rule_json(rule: Rule, zone: tzinfo) -> dict[str, Any]:
    full: dict[str, object] = {
        "seconds": list(rule.seconds), "minutes": list(rule.minutes),
        "hours": list(rule.hours), "months": list(rule.months),
        "month_days": None if rule.month_days is None else _without_defaults({
            "days": list(rule.month_days.days), "from_last": list(rule.month_days.from_last),
            "nearest_weekday": list(rule.month_days.nearest_weekday),
            "last_weekday": rule.month_days.last_weekday,
            "nearest_weekday_from_last": list(rule.month_days.nearest_weekday_from_last),
        }, _MONTH_DAYS_DEFAULTS),
        "weekdays": None if rule.weekdays is None else _without_defaults({
            "days": [WEEKDAY_CODES[day] for day in rule.weekdays.days],
            "nth": [[WEEKDAY_CODES[day], k] for day, k in rule.weekdays.nth],
            "last": [WEEKDAY_CODES[day] for day in rule.weekdays.last],
        }, _WEEKDAYS_DEFAULTS),
        "day_match": rule.day_match,
        "years": None if rule.years is None else list(rule.years),
        "fixed_time": rule.fixed_time, "skip_gaps": rule.skip_gaps,
        "second_pass": rule.second_pass,
        "duration": None if rule.duration is None else duration_text(rule.duration),
        "excluded_dates": [day.isoformat() for day in rule.excluded_dates],
        "period": None if rule.period is None else _without_defaults({
            "unit": rule.period.unit, "every": rule.period.every, "phase": rule.period.phase,
            "week_start": WEEKDAY_CODES[rule.period.week_start]}, _PERIOD_DEFAULTS),
        "year_days": list(rule.year_days), "week_numbers": list(rule.week_numbers),
        "week_start": WEEKDAY_CODES[rule.week_start],
        "year_weekdays": [[WEEKDAY_CODES[day], k] for day, k in rule.year_weekdays],
        "positions": list(rule.positions), "position_unit": rule.position_unit,
        "start": None if rule.start is None else _instant_text(rule.start, zone),
        "end": None if rule.end is None else _instant_text(rule.end, zone),
        "count": rule.count,
    }
    return _without_defaults(full, _RULE_DEFAULTS)


def _without_defaults(full: dict[str, object], defaults: Mapping[str, object]
                      ) -> dict[str, Any]:
    return {key: value for key, value in full.items()
            if key not in defaults or value != defaults[key]}


def _instance_json(instance: Instance, zone: tzinfo) -> dict[str, str]:
    written = {"start": _instant_text(instance.start, zone)}
    if instance.end is not None:
        written["end"] = _instant_text(instance.end, zone)
    return written


def _bound_text(moment: datetime, seconds: int, zone: tzinfo) -> str:
    """A bound as the instant it is (whole seconds), with the offset it has in ``zone``;
    as given where its wall clock there falls outside years 1-9999 (an aware bound
    near the calendar's ends), so that it reads back as the same instant."""
    local = local_of(seconds, zone)
    if instant_of(local, zone) == (seconds, 0) or moment.tzinfo is None:
        return local.isoformat()
    return moment.isoformat()


def _instant_text(moment: datetime, zone: tzinfo) -> str:
    """An instant with the offset it has in ``zone`` (in UTC where that falls outside
    the calendar, near its ends)."""
    try:
        return moment.astimezone(zone).isoformat()
    except (OverflowError, ValueError):
        return moment.astimezone(timezone.utc).isoformat()


# -- reading ------------------------------------------------------------------------------


def recurrence_from_json(data: object, *, reread: Reread | None = None,
                         never_fires_words: NeverFiresWords | None = None) -> Recurrence:
    """The recurrence a JSON form says: a mapping, or its JSON text (str or bytes).

    Every problem is collected, each with its JSON Pointer, and raised at once as
    :class:`~cadence.InvalidPayloadError`: text that is not JSON or crosses
    :mod:`cadence.limits`, a newer version (alone: its other fields are not this
    version's), unknown and missing keys, values of the wrong JSON type, and what the
    IR's constructors refuse, and a payload that reads but can never fire (bounds with
    no time between them; rules none of which fires on any day, and no explicit date:
    ``NEVER_FIRES``, explained by ``never_fires_words`` where given), as every format
    refuses such a text. ``reread`` (given by :meth:`cadence.Schedule.from_json`) reads
    ``source.text`` again in ``source.format`` and the schedule's zone; when what it
    reads equals what the JSON says, that recurrence is the answer (with the spelling
    and rule notes the source gives, and the JSON's metadata); otherwise the text is no
    longer the schedule's source: the answer keeps the format, an empty source, no
    spelling, and the text as information in ``metadata[FORMER_SOURCE]``.
    """
    reader = _Reader(never_fires_words)
    recurrence = reader.payload(data)
    if recurrence is None:
        raise InvalidPayloadError(PAYLOAD_NAME, reader.problems)
    if recurrence.format == "ir" or not recurrence.source:
        return recurrence
    if reread is not None:
        again = reread(recurrence)
        if again is not None and again.format == recurrence.format and again == recurrence:
            return Recurrence(again.rules, again.zone, start=again.start, end=again.end,
                              format=again.format, source=again.source,
                              spelling=again.spelling, metadata=recurrence.metadata,
                              dates=again.dates, excluded=again.excluded,
                              exclusions=again.exclusions)
    # The text says something else now: it is no longer the schedule's source.
    return Recurrence(recurrence.rules, recurrence.zone, start=recurrence.start,
                      end=recurrence.end, format=recurrence.format, source="",
                      metadata={**recurrence.metadata, FORMER_SOURCE: recurrence.source},
                      dates=recurrence.dates, excluded=recurrence.excluded,
                      exclusions=recurrence.exclusions)


class _Reader:
    """One payload's reading: the problems found so far, each with its JSON Pointer."""

    def __init__(self, never_fires_words: NeverFiresWords | None = None) -> None:
        self.problems: list[Problem] = []
        self.never_fires_words = never_fires_words

    def add(self, at: tuple[str | int, ...], code: str, message: str) -> None:
        self.problems.append(Problem(pointer(*at), code, message))

    # -- the payload ---------------------------------------------------------------------

    def payload(self, data: object) -> Recurrence | None:
        was_text = isinstance(data, str | bytes)
        decoded, data = decode_payload(data, "the cadence IR JSON", self.problems)
        if not decoded:
            return None
        if isinstance(data, Mapping) and not isinstance(data, dict):
            data = dict(data)
        if not isinstance(data, dict):
            self.add((), "INVALID_TYPE", "a cadence IR payload is a JSON object (a dict, or "
                     f"its JSON text), not {json_type(data)}")
            return None
        # (decoding checked text against the limits already; a dict is checked here)
        too_much = None if was_text else payload_problem(data)
        if too_much is not None:
            self.problems.append(too_much)
            return None
        if not self.version(data.get(VERSION_KEY), VERSION_KEY in data):
            return None
        self.known(data, (), (*_TOP_REQUIRED, *_TOP_OPTIONAL), _TOP_REQUIRED[1:])
        zone = self.zone(data["zone"]) if "zone" in data else None
        rules = self.rules(data.get("rules"), ("rules",)) if "rules" in data else None
        bounds = {key: self.instant(data[key], (key,)) if key in data else None
                  for key in ("start", "end")}
        dates = self.instances(data.get("dates", []))
        excluded = self.items(data.get("excluded", []), ("excluded",), self.instant)
        exclusions = self.rules(data.get("exclusions", []), ("exclusions",))
        format, text, metadata = self.source(data.get("source", {"format": "ir"}))
        if self.problems:
            return None
        assert zone is not None
        assert rules is not None
        assert dates is not None
        assert excluded is not None
        assert exclusions is not None
        try:
            recurrence = Recurrence(rules, zone, start=bounds["start"], end=bounds["end"],
                                    format=format, source=text, metadata=metadata,
                                    dates=dates, excluded=excluded, exclusions=exclusions)
        except ScheduleError as exc:
            message = exc.one_line
            at = next((key for key in ("start", "end") if message.startswith(f"{key}:")),
                      "rules")
            self.add((at,), "INVALID_VALUE", message)
            return None
        self.fires(recurrence)
        return None if self.problems else recurrence

    def fires(self, recurrence: Recurrence) -> None:
        """A ``NEVER_FIRES`` problem where a payload that reads can still never fire, as
        every format refuses a text that never fires when it reads it: an ``end`` not
        after ``start`` (``end`` is exclusive), or rules none of which fires on any day
        (decided by the IR on month shapes; a rule whose own start is after its own end
        fires on none either) and no explicit date."""
        start, end = recurrence.start, recurrence.end
        if start is not None and end is not None and start >= end:
            self.add(("end",), "NEVER_FIRES",
                     f"end {end.isoformat()} is not after start {start.isoformat()}, so no "
                     "occurrence falls between them (end is exclusive); put end after "
                     "start, or leave one of them out")
        if recurrence.dates:
            return
        why = [self.never_fires(rule) for rule in recurrence.rules]
        if all(why):
            for index, reason in enumerate(why):
                self.add(("rules", index), "NEVER_FIRES",
                         f"this rule never fires: {reason}")

    def never_fires(self, rule: Rule) -> str | None:
        """Why ``rule`` fires on no day, or ``None`` when it may fire."""
        if rule.start is not None and rule.end is not None and rule.start > rule.end:
            return (f"its own start {rule.start.isoformat()} is after its own end "
                    f"{rule.end.isoformat()}; put its end after its start")
        if rule.fires_on_some_day():
            return None
        words = self.never_fires_words
        reason = words(rule) if words is not None else None
        return (reason or "no day of its months matches its day parts") + (
            "; change its months or day parts so that some day matches them all")

    def version(self, version: object, given: bool) -> bool:
        """Whether the payload is of a version this cadence reads (a newer one is the
        only problem reported: its other fields are not this version's)."""
        at = (VERSION_KEY,)
        if not given:
            self.add(at, "MISSING_FIELD", f"{VERSION_KEY} is missing; a cadence IR payload "
                     f"starts with the version of its form: \"{VERSION_KEY}\": {VERSION}")
        elif not _is_int(version):
            self.add(at, "INVALID_TYPE", f"{VERSION_KEY} is the version of the form, a whole "
                     f"number such as {VERSION}, not {json_type(version)}")
        elif version > VERSION:
            self.add(at, "UNSUPPORTED_VERSION", f"this payload is cadence IR version "
                     f"{described(version)}, and this cadence reads versions up to {VERSION}; "
                     "upgrade cadence (pip install --upgrade cadence) to read it, or write "
                     f"it with a cadence that writes version {VERSION}")
            return False
        elif version < 1:
            self.add(at, "INVALID_VALUE", f"{VERSION_KEY} {described(version)} is no version "
                     f"of the form; versions count from 1 (this cadence writes {VERSION})")
        return True

    def known(self, value: dict[str, Any], at: tuple[str | int, ...],
              known: tuple[str, ...], required: tuple[str, ...] = ()) -> None:
        """A problem for each key not in ``known`` and each of ``required`` missing."""
        for key in value:
            if key not in known:
                hint = did_you_mean(key, known) if isinstance(key, str) else ""
                self.add((*at, key), "UNKNOWN_FIELD", f"unknown field {described(key)}"
                         f"{hint}; {_where(at)} has {', '.join(known)}")
        for key in required:
            if key not in value:
                self.add((*at, key), "MISSING_FIELD",
                         f"{_where(at)} needs {key}; see docs/ir-json.md")

    def obj(self, value: object, at: tuple[str | int, ...], what: str
            ) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.add(at, "INVALID_TYPE", f"{what} is an object, not {json_type(value)}")
        return None

    def zone(self, value: object) -> tzinfo | None:
        at = ("zone",)
        if not isinstance(value, str):
            self.add(at, "INVALID_TYPE", "zone is an IANA zone name such as 'Europe/Berlin' "
                     f"or a fixed offset such as 'UTC+05:30', not {json_type(value)}")
            return None
        try:
            return resolve_zone(value, where="zone", local=False, offsets=True)
        except ZoneError as exc:
            self.add(at, "UNKNOWN_ZONE", exc.one_line)
            return None

    def source(self, value: object) -> tuple[str, str, dict[str, Any]]:
        at = ("source",)
        found = self.obj(value, at, "source")
        if found is None:
            return "ir", "", {}
        metadata = self.obj(found.get("metadata", {}), (*at, "metadata"), "source.metadata")
        self.known(found, at, _SOURCE_KEYS, ("format",))
        format, text = found.get("format", "ir"), found.get("text", "")
        for key, given in (("format", format), ("text", text)):
            if not isinstance(given, str):
                self.add((*at, key), "INVALID_TYPE",
                         f"source.{key} is a string, not {json_type(given)}")
        if isinstance(format, str) and not format.strip():
            self.add((*at, "format"), "INVALID_VALUE", "source.format names a format "
                     "('cron', 'rrule', ...; 'ir' for rules built in Python), not ''")
        return (format if isinstance(format, str) else "ir",
                text if isinstance(text, str) else "", metadata or {})

    # -- lists ---------------------------------------------------------------------------

    def items(self, value: object, at: tuple[str | int, ...],
              read: Callable[[object, tuple[str | int, ...]], Any]) -> list[Any] | None:
        """Each item of an array read by ``read`` (``None`` in place of a wrong one), or
        ``None`` when ``value`` is no array."""
        if not isinstance(value, list):
            self.add(at, "INVALID_TYPE", f"{_where(at)} is an array, not {json_type(value)}")
            return None
        return [read(item, (*at, index)) for index, item in enumerate(value)]

    def rules(self, value: object, at: tuple[str | int, ...]) -> list[Rule] | None:
        return self.items(value, at, self.rule)

    def instances(self, value: object) -> list[Instance] | None:
        return self.items(value, ("dates",), self.instance)

    def instance(self, value: object, at: tuple[str | int, ...]) -> Instance | None:
        found = self.obj(value, at, "an explicit date")
        if found is None:
            return None
        self.known(found, at, _INSTANCE_KEYS, ("start",))
        start = self.instant(found["start"], (*at, "start")) if "start" in found else None
        end = self.instant(found["end"], (*at, "end")) if "end" in found else None
        if start is None or ("end" in found and end is None):
            return None
        try:
            return Instance(start, end)
        except ScheduleError as exc:
            self.add(at, "INVALID_VALUE", exc.one_line)
            return None

    def integers(self, value: object, at: tuple[str | int, ...]) -> tuple[int, ...] | None:
        found = self.items(value, at, self.integer)
        return None if found is None else tuple(found)

    def integer(self, value: object, at: tuple[str | int, ...]) -> int | None:
        if not _is_int(value):
            self.add(at, "INVALID_TYPE", f"{_where(at)} is a whole number, not "
                     f"{json_type(value)}")
            return None
        if not -_LARGEST < value < _LARGEST:
            self.add(at, "VALUE_OUT_OF_RANGE", f"{_where(at)}: {described(value)} is out of "
                     "range")
            return None
        return value

    def weekday(self, value: object, at: tuple[str | int, ...]) -> int | None:
        if isinstance(value, str) and value in WEEKDAY_CODES:
            return WEEKDAY_CODES.index(value)
        hint = did_you_mean(value, WEEKDAY_CODES) if isinstance(value, str) else ""
        self.add(at, "INVALID_VALUE" if isinstance(value, str) else "INVALID_TYPE",
                 f"a weekday is one of {', '.join(WEEKDAY_CODES)}, not {described(value)}"
                 f"{hint}")
        return None

    def weekdays(self, value: object, at: tuple[str | int, ...]) -> tuple[int, ...] | None:
        found = self.items(value, at, self.weekday)
        return None if found is None else tuple(found)

    def ordinals(self, value: object, at: tuple[str | int, ...]
                 ) -> tuple[tuple[int, int], ...] | None:
        """``[["MO", 2], ...]``: a weekday and its ordinal."""
        found = self.items(value, at, self.ordinal)
        return None if found is None else tuple(found)

    def ordinal(self, value: object, at: tuple[str | int, ...]) -> tuple[int, int] | None:
        if not isinstance(value, list) or len(value) != 2:
            self.add(at, "INVALID_TYPE", "an ordinal weekday is an array of a weekday and "
                     f"a whole number, such as [\"MO\", 2], not {described(value)}")
            return None
        day, k = self.weekday(value[0], (*at, 0)), self.integer(value[1], (*at, 1))
        return None if day is None or k is None else (day, k)

    # -- values --------------------------------------------------------------------------

    def instant(self, value: object, at: tuple[str | int, ...]) -> datetime | None:
        found: datetime | None = self.iso(
            value, at, _INSTANT, parse_iso,
            "an ISO 8601 date-time with its UTC offset, such as '2026-11-23T09:00:00+01:00'")
        return found

    def day(self, value: object, at: tuple[str | int, ...]) -> date | None:
        found: date | None = self.iso(value, at, _DAY, date.fromisoformat,
                                      "an ISO 8601 date such as '2026-12-25'")
        return found

    def iso(self, value: object, at: tuple[str | int, ...], shape: re.Pattern[str],
            read: Callable[[str], object], words: str) -> Any:
        """ISO 8601 text of ``shape``, read by ``read`` (``None`` with a problem if it is
        not such text or names no real moment, as 2026-02-30)."""
        if isinstance(value, str) and shape.fullmatch(value):
            try:
                return read(value)
            except ValueError:
                pass
        self.add(at, "INVALID_TYPE" if not isinstance(value, str) else "INVALID_VALUE",
                 f"{_where(at)} is {words}, not {described(value)}")
        return None

    def duration(self, value: object, at: tuple[str | int, ...]) -> timedelta | None:
        if not isinstance(value, str):
            self.add(at, "INVALID_TYPE", f"duration is an ISO 8601 duration such as "
                     f"'PT8H', not {json_type(value)}")
            return None
        try:
            return parse_duration(value)
        except ScheduleError as exc:
            self.add(at, "INVALID_VALUE", exc.one_line)
            return None

    def choice(self, value: object, at: tuple[str | int, ...], options: tuple[str, ...]
               ) -> str | None:
        if isinstance(value, str) and value in options:
            return value
        hint = did_you_mean(value, options) if isinstance(value, str) else ""
        self.add(at, "INVALID_VALUE" if isinstance(value, str) else "INVALID_TYPE",
                 f"{_where(at)} is one of {', '.join(options)}, not {described(value)}{hint}")
        return None

    def boolean(self, value: object, at: tuple[str | int, ...]) -> bool | None:
        if isinstance(value, bool):
            return value
        self.add(at, "INVALID_TYPE", f"{_where(at)} is true or false, not {json_type(value)}")
        return None

    # -- a rule --------------------------------------------------------------------------

    def rule(self, value: object, at: tuple[str | int, ...]) -> Rule | None:
        found = self.obj(value, at, "a rule")
        if found is None:
            return None
        before = len(self.problems)
        self.known(found, at, (*_RULE_REQUIRED, *_RULE_DEFAULTS), _RULE_REQUIRED)
        fields: dict[str, Any] = {}
        for key, read in _RULE_FIELDS.items():
            if key in found:
                fields[key] = read(self, found[key], (*at, key))
        result: Rule | None = self.built(
            at, before, Rule, fields,
            lambda key: partial(_probe, key) if key in _RANGED else None)
        return result

    def built(self, at: tuple[str | int, ...], before: int, build: Callable[..., Any],
              fields: dict[str, Any],
              probe: Callable[[str], Callable[[tuple[Any, ...]], object] | None]) -> Any:
        """``build(**fields)`` when reading them found nothing wrong; otherwise, or when
        it refuses them, each list checked alone by its ``probe`` (the IR's constructor
        given that list and nothing else), so that each refused value is a problem at
        its own place. A refusal no list explains is a problem of the whole object (a
        period that selects no listed value: of its period)."""
        refused: ScheduleError | None = None
        if len(self.problems) == before:
            try:
                return build(**fields)
            except ScheduleError as exc:
                refused = exc
        for key, given in fields.items():
            check = probe(key) if isinstance(given, tuple) else None
            if check is not None:
                self.ranged(check, given, (*at, key))
        if refused is not None and len(self.problems) == before:
            if isinstance(refused, NeverFiresError) and "period" in fields:
                self.add((*at, "period"), "NEVER_FIRES", refused.one_line)
            else:
                self.add(at, "INVALID_VALUE", refused.one_line)
        return None

    def ranged(self, build: Callable[[tuple[Any, ...]], object], values: tuple[Any, ...],
               at: tuple[str | int, ...]) -> None:
        """A problem for each of ``values`` that ``build`` refuses alone, or one for them
        all when it refuses only all of them (an empty list). Values already found
        wrong (``None``) are left out."""
        present = [(index, item) for index, item in enumerate(values) if item is not None]
        try:
            build(tuple(item for _, item in present))
            return
        except ScheduleError as exc:
            whole = exc.one_line
        flagged = False
        for index, item in present:
            try:
                build((item,))
            except ScheduleError as exc:
                self.add((*at, index), "VALUE_OUT_OF_RANGE", exc.one_line)
                flagged = True
        if not flagged and len(present) == len(values):
            self.add(at, "INVALID_VALUE", whole)

    def part(self, value: object, at: tuple[str | int, ...], defaults: Mapping[str, object],
             readers: Mapping[str, Callable[[_Reader, object, tuple[str | int, ...]], Any]],
             build: Callable[..., Any], what: str, required: tuple[str, ...] = ()) -> Any:
        """A month-days, weekdays or period object: its fields read and built (see
        :meth:`built`)."""
        found = self.obj(value, at, what)
        if found is None:
            return None
        before = len(self.problems)
        self.known(found, at, (*required, *defaults), required)
        fields = {key: read(self, found[key], (*at, key))
                  for key, read in readers.items() if key in found}
        return self.built(at, before, build, fields, lambda key: partial(_alone, build, key))

    def month_days(self, value: object, at: tuple[str | int, ...]) -> MonthDays | None:
        readers: dict[str, Callable[[_Reader, object, tuple[str | int, ...]], Any]] = (
            dict.fromkeys(_MONTH_DAYS_DEFAULTS, _Reader.integers))
        readers["last_weekday"] = _Reader.boolean
        result: MonthDays | None = self.part(value, at, _MONTH_DAYS_DEFAULTS, readers,
                                             MonthDays, "month_days")
        return result

    def weekday_parts(self, value: object, at: tuple[str | int, ...]) -> Weekdays | None:
        readers = {"days": _Reader.weekdays, "nth": _Reader.ordinals, "last": _Reader.weekdays}
        result: Weekdays | None = self.part(value, at, _WEEKDAYS_DEFAULTS, readers, Weekdays,
                                            "weekdays")
        return result

    def period(self, value: object, at: tuple[str | int, ...]) -> Period | None:
        readers: dict[str, Callable[[_Reader, object, tuple[str | int, ...]], Any]] = {
            "unit": _unit,
            "every": _Reader.integer, "phase": _Reader.integer, "week_start": _Reader.weekday}
        result: Period | None = self.part(value, at, _PERIOD_DEFAULTS, readers, _period,
                                          "period", ("unit", "every"))
        return result


def _unit(reader: _Reader, value: object, at: tuple[str | int, ...]) -> str | None:
    return reader.choice(value, at, PERIOD_UNITS)


def _day_match(reader: _Reader, value: object, at: tuple[str | int, ...]) -> str | None:
    return reader.choice(value, at, ("and", "or"))


def _days(reader: _Reader, value: object, at: tuple[str | int, ...]
          ) -> tuple[date | None, ...] | None:
    found = reader.items(value, at, reader.day)
    return None if found is None else tuple(found)


def _period(unit: str, every: int, phase: int = 0, week_start: int = 0) -> Period:
    return Period(unit, every, phase, week_start)  # type: ignore[arg-type]


#: How each field of a rule is read (its value, or ``None`` with a problem added).
_RULE_FIELDS: dict[str, Callable[[_Reader, object, tuple[str | int, ...]], Any]] = {
    "seconds": _Reader.integers, "minutes": _Reader.integers, "hours": _Reader.integers,
    "months": _Reader.integers, "month_days": _Reader.month_days,
    "weekdays": _Reader.weekday_parts,
    "day_match": _day_match,
    "years": _Reader.integers, "fixed_time": _Reader.boolean, "skip_gaps": _Reader.boolean,
    "second_pass": _Reader.boolean, "duration": _Reader.duration,
    "excluded_dates": _days,
    "period": _Reader.period, "year_days": _Reader.integers,
    "week_numbers": _Reader.integers, "week_start": _Reader.weekday,
    "year_weekdays": _Reader.ordinals, "positions": _Reader.integers,
    "position_unit": _unit,
    "start": _Reader.instant, "end": _Reader.instant, "count": _Reader.integer,
}
#: The fields of a rule whose values the IR checks one by one.
_RANGED = ("seconds", "minutes", "hours", "months", "years", "year_days", "week_numbers",
           "year_weekdays", "positions")
#: A rule the probes complete (set positions need their unit).
_PROBE_BASE: dict[str, Any] = {"seconds": (0,), "minutes": (0,), "hours": (0,)}


def _alone(build: Callable[..., object], key: str, values: tuple[Any, ...]) -> object:
    """``build`` with ``values`` as ``key`` and nothing else."""
    return build(**{key: values})


def _probe(key: str, values: tuple[Any, ...]) -> Rule:
    """A rule with ``values`` as ``key`` and nothing else: what the IR refuses in it is
    wrong with those values themselves."""
    extra = {"position_unit": "year"} if key == "positions" else {}
    return Rule(**{**_PROBE_BASE, **extra, key: values})


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _where(at: tuple[str | int, ...]) -> str:
    """How a message names a place: its last key (``hours``, ``rules/0``), or "the
    payload"."""
    if not at:
        return "the payload"
    if isinstance(at[-1], int):
        return f"{at[-2]}/{at[-1]}" if len(at) > 1 else f"item {at[-1]}"
    return str(at[-1])
