"""SailPoint Identity Security Cloud: campaign template schedules (``PUT
/campaign-templates/{id}/schedule``).

A payload names a ``type`` (``WEEKLY``, ``MONTHLY``, ``ANNUALLY`` or ``CALENDAR``) and
*selectors* for ``hours``, ``days`` and (``ANNUALLY`` only) ``months``; a selector is
``{"type": "LIST" | "RANGE", "values": [strings], "interval": int}``. Occurrences are
on the hour. :func:`check` reports every problem of a payload (with a JSON Pointer to
it) and builds the :class:`~cadence.Schedule` when none is an error, so parsing and
validation share this one rule set.

>>> from cadence.formats.campaign import check
>>> payload = {"type": "MONTHLY", "hours": {"type": "LIST", "values": ["17"]},
...            "days": {"type": "LIST", "values": ["15"]}}
>>> checked = check(payload)
>>> checked.problems
[]
>>> checked.schedule.next("2026-11-22T00:00Z").isoformat()
'2026-12-15T17:00:00+00:00'
>>> bad = {"type": "DAILY", "hours": {"type": "RANGE", "values": ["9", "5"]}}
>>> for problem in check(bad).problems:
...     print(problem.severity, problem.path, problem.code)
error /type UNKNOWN_TYPE
warning /hours/values RANGE_WRAPS
error /days MISSING_FIELD

What the vendor documents is followed as written. Where it is silent, cadence assumes
the following ([assume] in ``formats.md``; each is easy to change here):

- Day numbering: ``WEEKLY`` days are ``"1"``-``"7"`` with 1 = Sunday (Quartz
  numbering); ``MONTHLY`` (and ``ANNUALLY`` with ``months``) days are ``"1"``-``"31"``,
  ``"L"`` (last day) and ``"L-n"`` (n = 1-30 days before the last day); ``ANNUALLY``
  without ``months`` takes ``"--MM-DD"`` values, ``CALENDAR`` ``"YYYY-MM-DD"`` values.
  ``"--02-29"`` is valid (it fires in leap years only: a warning says so); impossible
  dates (``"--02-30"``, ``"--13-01"``, ``"2021-02-30"``) are errors.
- Several ``--MM-DD`` or calendar dates are a union of dates, never a cross product of
  their months and days.
- ``interval`` on a LIST with one value steps from that value to the end of the field
  (hours ``["8"]`` every 3 = 8, 11, 14, 17, 20, 23; days ``["L-6"]`` every 3 = L-6, L-3,
  L); on a RANGE it steps from the start to the end. A LIST with several values and an
  interval is ambiguous: an error. ``interval`` must be a JSON integer >= 1; dates
  (``--MM-DD``, ``YYYY-MM-DD``) take no interval.
- A RANGE whose start is after its end wraps around (Quartz semantics: hours
  ``["9","5"]`` = 9-23 and 0-5) with a ``RANGE_WRAPS`` warning that suggests what was
  probably meant; an interval keeps counting across the wrap. Day ranges:
  ``["20","L"]`` is the 20th through the last day; ``["L-5","L-1"]`` counts from the
  end; two plain numbers wrap over 1-31 (``["25","5"]``); ``["L-k","n"]`` wraps when
  ``L-k`` is after ``n`` in every month (``["L","5"]`` = the last day and the 1st-5th);
  ``["n","L-k"]`` never wraps: it is resolved per month length and selects nothing in
  a month where its start is after its end. Ranges from ``L-a`` back to a later
  ``L-b`` (``["L","L-2"]``), and the few ranges whose February days would depend on
  the leap year (``["28","L-1"]``: the 28th in leap years only) are rejected with
  ``UNSUPPORTED_DAY_RANGE``: list the days instead.
- Values are strings, as SailPoint's schema says; a JSON integer where a string is
  expected is accepted with a ``VALUE_NOT_STRING`` warning (Jackson, which SailPoint's
  Java services use, coerces it). Any other JSON type is an error. Numbers may have
  leading zeros (``"08"``); duplicates are compared by value.
- ``null`` for an optional field (``months``, ``interval``, ``expiration``,
  ``timeZoneId``) means the field is absent; ``null`` for ``type``, ``days`` or
  ``hours`` is a ``MISSING_FIELD`` error. Unknown fields are errors (with a did-you-mean).
- ``timeZoneId`` is read as ``java.time.ZoneId.of(id, ZoneId.SHORT_IDS)`` reads it
  (SailPoint runs on Java; its example ``"CST"`` needs the alias map), by the resolver
  Helix's ``timeZone.name`` shares (:mod:`cadence.formats._java_zones`): the short ids
  (:data:`JAVA_SHORT_IDS`; EST, MST, HST are fixed offsets) first, then ``Z``, offsets
  (``+05:30``, ``+5``, ``-08:00:00``), ``UTC``/``GMT``/``UT`` alone or prefixed
  (``UTC+5``), and region ids, case-sensitively (``europe/berlin`` is an error with a
  did-you-mean). Precedence of zones: ``timeZoneId``, else the ``tz`` argument, else
  UTC.
- ``expiration`` is an ISO 8601 date-time, "the time after which this schedule will no
  longer occur" (seed 004): an occurrence exactly at the expiration fires, none after
  it. The IR's end is exclusive, so a schedule read from a payload ends one second after
  its expiration (occurrences are whole seconds), and an end is written back as the
  expiration one second before it. Without an offset the expiration is wall-clock time
  in the schedule's zone; a bare date means its midnight (with a warning). A schedule
  with no occurrence at or before its expiration is a ``NEVER_FIRES`` error, as is one
  whose days never exist (``months ["2"]`` with day ``"30"``). Nothing is compared with
  the current time.
- ``DAILY`` is not one of the types the vendor's page lists (it names it only in an
  example): rejected with a message that says how to write every day.
- :func:`envelope`: one ``cause`` per *error*; warnings never appear in a 400 body, and
  a payload without an error has none.

:func:`emit_campaign` writes a payload back: the payload as read while the meaning is
unchanged, else a canonical one built from the IR (LIST values, a RANGE for a run, a
one-value LIST with an interval for a step to the end of the field). What a payload
cannot say raises :class:`~cadence.errors.UnsupportedError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._contract import Dst, JsonMachinery, LintPaths, json_format, machinery_names

if TYPE_CHECKING:
    from ..ir import HasRecurrence
    from ._campaign import JAVA_SHORT_IDS, SCHEDULE_TYPES, check, emit_campaign, envelope

__all__ = ["JAVA_SHORT_IDS", "SCHEDULE_TYPES", "check", "emit_campaign", "envelope",
           "looks_like_campaign"]

#: The fields of a schedule no other format's payload has at its top (``type`` and
#: ``expiration`` are words any payload may use).
_OWN_KEYS = frozenset({"hours", "days", "months", "timeZoneId"})


def looks_like_campaign(payload: object) -> bool:
    """Whether a JSON value is shaped as a campaign schedule: an object with a selector
    (``hours``, ``days``, ``months``) or ``timeZoneId``. Only the keys are looked at;
    :func:`check` judges the rest.

    >>> looks_like_campaign({"type": "WEEKLY", "hours": {}}), looks_like_campaign({"type": 1})
    (True, False)
    """
    return isinstance(payload, dict) and not _OWN_KEYS.isdisjoint(payload)


def _machinery() -> JsonMachinery:
    from . import _campaign

    return _campaign


__getattr__, __dir__ = machinery_names(_machinery, __name__, __all__)


def _write(source: HasRecurrence) -> dict[str, Any]:
    from ._campaign import emit_campaign

    return emit_campaign(source)


FORMAT = json_format(
    "campaign", "SailPoint campaign-template schedules (JSON)",
    machinery=_machinery, recognizes=looks_like_campaign, write=_write,
    rank=40, lint=LintPaths(days="/days", time="/hours", end="/expiration", last_day='"L"',
                   end_words="its expiration", end_inclusive=True),
    dst=Dst("cron", "assumption (the seed says nothing of DST): a scheduled campaign is "
                    "never lost, so an hour the clocks skip starts it right after the jump "
                    "and a repeated hour starts it once"))
