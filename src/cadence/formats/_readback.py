"""Reading an emitted payload back: what must survive the round trip, and what did not.

A JSON emitter never returns a payload that reads back as another schedule. The DST
policy is left out of the comparison (a JSON target has one policy of its own);
:func:`cadence.convert.emit` checks whether that policy moves an occurrence.

>>> import cadence
>>> nine = cadence.parse("0 9 * * *", tz="Europe/Berlin")
>>> differences(cadence.parse("0 9 * * *", tz="UTC"), nine)
['zone']
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .._zones import bound_seconds, resolve_zone, zone_name
from ..errors import UnsupportedError, ZoneError
from ..ir import Recurrence, Rule, policy_free
from ._contract import Checked
from ._wording import with_article

__all__ = [
    "PARTS",
    "Meaning",
    "bound_seconds",
    "differences",
    "error_messages",
    "meaning",
    "policy_free",
    "policy_free_rules",
    "source_object",
    "verify",
    "zone_name_round_trips",
]

#: What must survive a round trip: the rules (DST policy aside), zone, start and end.
Meaning = tuple[frozenset[Rule], str, int | None, int | None]
#: The parts of a :data:`Meaning`, as messages name them.
PARTS = ("rules", "zone", "start bound", "end bound")


def policy_free_rules(rules: Iterable[Rule]) -> frozenset[Rule]:
    """The distinct rules of a schedule, DST policy aside.

    >>> import cadence
    >>> len(policy_free_rules(cadence.parse("0 9 * * *").rules * 2))
    1
    """
    return frozenset(policy_free(rule) for rule in rules)


def meaning(schedule: Recurrence) -> Meaning:
    """What must survive a round trip: the rules (DST policy aside), zone and bounds.

    >>> import cadence
    >>> meaning(cadence.parse("0 9 * * *"))[1:]
    ('UTC', None, None)
    """
    zone = schedule.tz
    return (policy_free_rules(schedule.rules), zone_name(zone),
            bound_seconds(schedule.start, zone), bound_seconds(schedule.end, zone))


def differences(read: Recurrence, wanted: Recurrence) -> list[str]:
    """The :data:`PARTS` of the meaning in which ``read`` is not ``wanted``.

    >>> import cadence
    >>> differences(cadence.parse("0 9 * * *"), cadence.parse("0 10 * * *"))
    ['rules']
    """
    return [name for name, a, b in zip(PARTS, meaning(read), meaning(wanted), strict=True)
            if a != b]


def source_object(schedule: Recurrence, target: str) -> dict[str, Any] | None:
    """The JSON object a schedule was read from, when it was read from ``target``.

    >>> import cadence
    >>> source_object(cadence.parse('{"cronStr": "0 9 * * *"}', "edfs"), "edfs")
    {'cronStr': '0 9 * * *'}
    >>> source_object(cadence.parse("0 9 * * *"), "edfs") is None
    True
    """
    if schedule.format != target:
        return None
    try:
        payload = json.loads(schedule.source)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def error_messages(checked: Checked, *, paths: bool = False) -> str:
    """The errors a check found, in one line (warnings left out); ``paths`` puts each
    error's JSON Pointer first.

    >>> from cadence.validate import Problem
    >>> found = Checked([Problem("/days", "BAD", "no days"),
    ...                  Problem("", "ODD", "odd", "warning"),
    ...                  Problem("/hours", "BAD", "no hours")])
    >>> error_messages(found), error_messages(found, paths=True)
    ('no days; no hours', '/days: no days; /hours: no hours')
    """
    return "; ".join(f"{problem.path}: {problem.explained}" if paths else problem.explained
                     for problem in checked.problems if problem.is_error)


def verify(checked: Checked, schedule: Recurrence, target: str, thing: str) -> None:
    """:class:`~cadence.errors.UnsupportedError` unless ``checked`` (what a ``target``
    payload, a ``thing``, written for ``schedule`` reads back as) means ``schedule``:
    a difference is a gap in the emitter, never dropped silently.

    >>> import cadence
    >>> verify(Checked(recurrence=cadence.parse("0 10 * * *").recurrence),
    ...        cadence.parse("0 9 * * *"),
    ...        "helix", "time frame")
    Traceback (most recent call last):
    ...
    cadence.errors.UnsupportedError: helix: the time frame written for this schedule reads...
    """
    if checked.recurrence is None:
        raise UnsupportedError(target, "this schedule", message=(
            f"{target}: the {thing} written for this schedule is not valid "
            f"({error_messages(checked)})"))
    differ = differences(checked.recurrence, schedule)
    if differ:
        raise UnsupportedError(target, "this schedule", message=(
            f"{target}: the {thing} written for this schedule reads back with other "
            f"{' and '.join(differ)}; {with_article(thing)} cannot express it exactly"))


def zone_name_round_trips(name: str) -> bool:
    """Whether a payload naming the zone ``name`` reads back as that zone (an IANA name
    does; a fixed offset's ``UTC+02:00`` does not).

    >>> zone_name_round_trips("Europe/Berlin"), zone_name_round_trips("UTC+02:00")
    (True, False)
    """
    try:
        return zone_name(resolve_zone(name, local=False)) == name
    except ZoneError:
        return False
