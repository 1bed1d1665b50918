"""English descriptions of schedules, in the style of crontab.guru.

The description is built from the IR (:class:`~cadence.ir.Rule`), never from the
source text, so every spelling of the same rule reads the same: ``*/15``,
``0,15,30,45`` and ``0-59/15`` are all "every 15th minute".

Shape of a sentence::

    At <time of day>[ on <days>][ in <months>][ in|of <years>][ except on <dates>][, for <length>]
    [, before <end>][ (<zone> time)].

A schedule that is a union of several rules describes each rule and joins them with
"; " (``At 09:00 on Monday; at 17:00 on Friday.``).

Value sets (every field)
    The IR holds sets, so the compact forms are recovered from the sets:

    * the whole field: ``every minute``;
    * one value: ``minute 5``, ``hour 9``, ``day-of-month 1``, ``January``, ``Monday``,
      ``2027``;
    * an arithmetic progression of at least 3 values with a step of 2 or more, from the
      field's low end to the end of the field: ``every 5th minute``; one that starts
      later: ``every 10th minute from 5 through 59`` (the field's top when the step would
      pass it, as crontab.guru reads ``5/10``; else the last value:
      ``every 2nd hour from 8 through 18``). Weekdays are never described as steps
      (they are listed by name: ``on Monday, Wednesday, and Friday``); years always name
      both ends;
    * one run of at least 3 consecutive values: ``every hour from 9 through 17``. Runs
      wrap around in cyclic fields (seconds, minutes, hours, months, weekdays), so
      hours ``22-2`` read ``every hour from 22 through 2`` and ``FRI-MON`` reads
      ``every day-of-week from Friday through Monday``; days of month and years never
      wrap;
    * otherwise a list, with an Oxford comma from three items on: ``minute 0 and 30``,
      ``hour 1, 2, and 4``, ``Saturday and Sunday``. A list mixing runs and single
      values names the unit in every item: ``minute 0 and every minute from 10 through
      20``.

Time of day
    * one second, one minute and at most 4 hours: clock times, ``At 14:15``,
      ``At 09:00 and 17:00``, ``At 09:30:15`` (seconds are shown when not 0);
    * otherwise the fields from the smallest, joined by "past", leaving out an
      unrestricted hour (and, when seconds are given, an unrestricted minute), and the
      seconds when they are just second 0 (as in every 5-field cron rule):
      ``At every minute``, ``At minute 5``, ``At every 15th minute past hour 9 and 17``,
      ``At minute 0 past every 2nd hour from 8 through 18``,
      ``At every 10th second past minute 30 past hour 9``, ``At second 15``.

Days
    * day-of-month parts: the day set as above, ``the weekday nearest day-of-month 15``
      (``15W``), ``the last weekday of the month`` (``LW``), ``the last day of the
      month`` (``L``) and ``the 2nd-to-last day of the month`` (``L-1``; ``L-n`` is the
      (n+1)th-to-last day);
    * day-of-week parts: the weekday set as above, ``the 2nd Monday of the month``
      (``MON#2``), ``the last Friday of the month`` (``5L``);
    * both restricted and either may match (Debian cron's OR):
      ``on day-of-month 13 and on Friday``; both must match (AND):
      ``on every 2nd day-of-month if it's on Monday``.

Months, years, end, zone
    ``in January and July``, ``in every month from March through June``,
    ``in every 3rd month``; years follow as ``in 2027`` (``of 2027`` after a month
    phrase). An end bound reads ``, before <ISO date-time>``. A zone other than UTC is
    named last: ``(Europe/Berlin time)``.

Whether a rule is *fixed-time* for DST (Debian cron's rule, :attr:`Rule.fixed_time`)
is not described: ``0 * * * *`` and ``0 0-23 * * *`` both read ``At minute 0.``.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from ..ir import SET_FEATURES
from ._contract import machinery_names, text_format

if TYPE_CHECKING:
    from ..ir import HasRecurrence
    from ._text import describe

__all__ = ["FORMAT", "describe"]


def _machinery() -> ModuleType:
    from . import _text

    return _text


__getattr__, __dir__ = machinery_names(_machinery, __name__, __all__)


def _write(source: HasRecurrence) -> str:
    from ._text import describe

    return describe(source)


FORMAT = text_format("text", "English, in the style of crontab.guru (written, not read)",
                     write=_write, rank=90, says=frozenset(SET_FEATURES))
