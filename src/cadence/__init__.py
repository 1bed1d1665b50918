"""cadence: compile schedule expressions to one IR and evaluate them DST-correctly.

Everything a user needs is reachable from here: ``parse`` and :class:`Schedule`, the IR
(:class:`Recurrence`, :class:`Rule`), ``validate``/``envelope``, ``is_valid``,
``emit``/``convert``, ``describe``, ``lint``, equivalence, ``expand`` (many schedules'
occurrences as rows, over processes or a Dask cluster), the format registry
(``cadence.formats``), the limits (``cadence.limits``) and the vendors' extras
(``cadence.helix.status``, ``cadence.bentley.finish``, ``cadence.edfs.timer_name``).
``cadence.strategies`` needs the ``strategies`` extra (Hypothesis) and is imported on its
own.

Each name is imported when it is first used (PEP 562), so ``import cadence`` costs next
to nothing and a program pays only for what it uses: a cron string never loads lark,
the RRULE or iCalendar readers or the vendor formats.

>>> import cadence
>>> s = cadence.parse("0 0 * * 6,0")
>>> [t.isoformat() for t in s.between("2026-11-23T00:00Z", "2026-12-06T00:00Z")]
['2026-11-28T00:00:00+00:00', '2026-11-29T00:00:00+00:00', '2026-12-05T00:00:00+00:00']

Every function that takes a schedule also takes what ``parse`` reads, with the same
keywords:

>>> cadence.describe("0 0 * * 6,0"), cadence.is_valid("0 0 31 2 *")
('At 00:00 on Saturday and Sunday.', False)
"""

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

from .errors import (
    AmbiguousFormatError,
    NeverFiresError,
    ParseError,
    ScheduleError,
    TooManyResultsError,
    UnsupportedError,
    ZoneError,
)

if TYPE_CHECKING:
    from . import bentley, dst, formats, helix, limits
    from ._api import FORMATS, describe, is_valid, parse
    from ._equivalence import Comparison, compare, equivalent, first_difference
    from .convert import convert, emit, quartz_trigger
    from .expand import ExpandedRow, expand
    from .formats import edfs
    from .ir import CronRule, MonthDays, Period, Recurrence, Rule, Weekdays
    from .lint import lint
    from .schedule import Schedule
    from .validate import InvalidPayloadError, Problem, envelope, validate

__all__ = [
    "FORMATS",
    "AmbiguousFormatError",
    "Comparison",
    "CronRule",
    "ExpandedRow",
    "InvalidPayloadError",
    "MonthDays",
    "NeverFiresError",
    "ParseError",
    "Period",
    "Problem",
    "Recurrence",
    "Rule",
    "Schedule",
    "ScheduleError",
    "TooManyResultsError",
    "UnsupportedError",
    "Weekdays",
    "ZoneError",
    "bentley",
    "compare",
    "convert",
    "describe",
    "dst",
    "edfs",
    "emit",
    "envelope",
    "equivalent",
    "expand",
    "first_difference",
    "formats",
    "helix",
    "is_valid",
    "limits",
    "lint",
    "parse",
    "quartz_trigger",
    "validate",
]

__version__ = "0.1.0"

#: Where each lazily imported name lives: a module of its own (``None``), or a name in it.
_HOMES: dict[str, tuple[str, str | None]] = {
    **{name: (f".{name}", None) for name in ("bentley", "dst", "formats", "helix", "limits")},
    "edfs": (".formats.edfs", None),  # the format module: timer_name beside check
    **{name: ("._api", name) for name in ("FORMATS", "describe", "is_valid", "parse")},
    **{name: ("._equivalence", name) for name in ("Comparison", "compare", "equivalent",
                                                     "first_difference")},
    **{name: (".convert", name) for name in ("convert", "emit", "quartz_trigger")},
    **{name: (".ir", name)
       for name in ("CronRule", "MonthDays", "Period", "Recurrence", "Rule", "Weekdays")},
    "lint": (".lint", "lint"),
    **{name: (".expand", name) for name in ("ExpandedRow", "expand")},
    "Schedule": (".schedule", "Schedule"),
    **{name: (".validate", name)
       for name in ("InvalidPayloadError", "Problem", "envelope", "validate")},
}


def __getattr__(name: str) -> object:
    """``cadence.<name>``, imported on first use and kept."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    home, attribute = _HOMES[name]
    module = import_module(home, __name__)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(ModuleType):
    """``cadence`` itself. Importing the module ``cadence.validate`` (or ``lint``, or
    ``convert``) makes Python set it as an attribute of the package, where it would hide
    the function of that name that ``cadence.validate`` is: the function is kept instead."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, ModuleType) and _HOMES.get(name) == (f".{name}", name):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
