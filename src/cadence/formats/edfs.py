"""Bentley iTwin EDFS timers (``EdfTimer``): a 5-field cron string plus timer fields.

An EdfTimer is ``{"id", "name", "packageUniqueName", "cronStr", "enabled",
"parameters"}`` (formats.md section 5; the API's schema allows no other properties).
Only ``cronStr`` is needed to compute occurrences. It is Unix cron evaluated in UTC
unless ``tz=`` says otherwise, which is our documented assumption: the API never names
a zone. Every other field is kept in :attr:`Schedule.metadata` so that it can be
written back. A disabled timer still parses, because its schedule is well defined.

>>> from cadence.formats.edfs import check
>>> checked = check({"name": "nightly", "cronStr": "0 22 * * 1-5", "enabled": False})
>>> checked.problems, checked.recurrence.metadata["enabled"]
([], False)

:func:`emit_edfs` writes a timer back: the timer as read while its meaning is unchanged,
else ``cronStr`` from the IR (with the timer fields of a schedule read from EDFS), and a
``name`` as the API names timers when there is none (:func:`cadence.edfs.timer_name`:
``"<packageUniqueName> at ..."``, ``"Timer at ..."`` without a package). A timer cannot
say a zone other than UTC, bounds, windows or a union of rules.

The API names a timer after its integration package and when it runs, in the English
of crontab.guru (seed 000: ``"SAP_WORK_ORDERS at 00:00 on Saturday and Sunday"`` for
package ``SAP_WORK_ORDERS`` and ``cronStr`` ``"0 0 * * 6,0"``). :func:`timer_name`
(also ``cadence.edfs.timer_name``: ``cadence.edfs`` is this module) builds that name
from :func:`cadence.describe`'s sentence, and the ``TIMER_NAME_CONTRADICTS_CRON`` lint
warns when a timer's name ends with a description of another schedule than its
``cronStr``.

>>> import cadence
>>> cadence.edfs.timer_name("SAP_WORK_ORDERS", "0 0 * * 6,0")
'SAP_WORK_ORDERS at 00:00 on Saturday and Sunday'

Each ``parameters`` item is checked as the seed's ``EdfTimerParameterDto`` schema says:
an object with string ``name`` and ``value`` and no other property.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._contract import Dst, JsonMachinery, LintPaths, json_format, machinery_names

if TYPE_CHECKING:
    from ..ir import HasRecurrence
    from ._edfs import FIELDS, check, emit_edfs, envelope, timer_name

__all__ = ["FIELDS", "check", "emit_edfs", "envelope", "looks_like_edfs", "timer_name"]

#: The timer fields no other format's payload has (``id``, ``name``, ``enabled`` and
#: ``parameters`` say nothing of the format).
_OWN_KEYS = frozenset({"cronStr", "packageUniqueName"})


def looks_like_edfs(payload: object) -> bool:
    """Whether a JSON value is shaped as an EDFS timer: an object with ``cronStr`` (or
    ``packageUniqueName``). Only the keys are looked at; :func:`check` judges the rest.

    >>> looks_like_edfs({"cronStr": "0 9 * * *"}), looks_like_edfs({"name": "nightly"})
    (True, False)
    """
    return isinstance(payload, dict) and not _OWN_KEYS.isdisjoint(payload)


def _machinery() -> JsonMachinery:
    from . import _edfs

    return _edfs


__getattr__, __dir__ = machinery_names(_machinery, __name__, __all__)


def _write(source: HasRecurrence) -> dict[str, Any]:
    from ._edfs import emit_edfs

    return emit_edfs(source)


FORMAT = json_format(
    "edfs", "iTwin EDFS timers (JSON with a cron string, run in UTC)",
    machinery=_machinery, recognizes=looks_like_edfs, write=_write,
    rank=50,
    lint=LintPaths(days="/cronStr", time="/cronStr", end="/cronStr", last_day="L"),
    dst=Dst("cron", "assumption: the seed's cronStr is a Unix cron string, so Unix cron's "
                    "policy; timers run in UTC, where no clock changes"))
