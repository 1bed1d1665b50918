"""cadence: compile schedule expressions to one IR and evaluate them DST-correctly.

Everything a user needs is reachable from here: ``parse`` and :class:`Schedule`, the IR
(:class:`Recurrence`, :class:`Rule`), ``validate``/``envelope``, ``emit``/``convert``,
``describe``, ``lint``, equivalence, the format registry (``cadence.formats``), the
limits (``cadence.limits``) and the vendors' extras (``cadence.helix.status``,
``cadence.bentley.finish``). ``cadence.strategies`` needs the ``strategies`` extra
(Hypothesis) and is imported on its own.

>>> import cadence
>>> s = cadence.parse("0 0 * * 6,0")
>>> [t.isoformat() for t in s.between("2026-11-23T00:00Z", "2026-12-06T00:00Z")]
['2026-11-28T00:00:00+00:00', '2026-11-29T00:00:00+00:00', '2026-12-05T00:00:00+00:00']
"""

from . import bentley, formats, helix, limits
from ._api import FORMATS, parse
from ._equivalence import equivalent, first_difference
from .convert import convert, emit
from .errors import NeverFiresError, ParseError, ScheduleError, UnsupportedError, ZoneError
from .formats.text import describe
from .ir import CronRule, MonthDays, Period, Recurrence, Rule, Weekdays
from .lint import lint
from .schedule import Schedule
from .validate import InvalidPayloadError, Problem, envelope, validate

__all__ = [
    "FORMATS",
    "CronRule",
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
    "UnsupportedError",
    "Weekdays",
    "ZoneError",
    "bentley",
    "convert",
    "describe",
    "emit",
    "envelope",
    "equivalent",
    "first_difference",
    "formats",
    "helix",
    "limits",
    "lint",
    "parse",
    "validate",
]

__version__ = "0.1.0"
