"""cadence: compile schedule expressions to one IR and evaluate them DST-correctly.

>>> import cadence
>>> s = cadence.parse("0 0 * * 6,0")
>>> [t.isoformat() for t in s.between("2026-11-23T00:00Z", "2026-12-06T00:00Z")]
['2026-11-28T00:00:00+00:00', '2026-11-29T00:00:00+00:00', '2026-12-05T00:00:00+00:00']
"""

from .api import FORMATS, parse
from .convert import convert, emit
from .describe import describe
from .equivalence import equivalent, first_difference
from .errors import NeverFiresError, ParseError, ScheduleError, UnsupportedError, ZoneError
from .ir import CronRule, MonthDays, Weekdays
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
    "Problem",
    "Schedule",
    "ScheduleError",
    "UnsupportedError",
    "Weekdays",
    "ZoneError",
    "convert",
    "describe",
    "emit",
    "envelope",
    "equivalent",
    "first_difference",
    "lint",
    "parse",
    "validate",
]

__version__ = "0.1.0"
