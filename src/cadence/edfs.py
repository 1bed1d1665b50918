"""iTwin EDFS timers: the names the EDFS API gives them.

The API names a timer after its integration package and when it runs, in the English
of crontab.guru (seed 000: ``"SAP_WORK_ORDERS at 00:00 on Saturday and Sunday"`` for
package ``SAP_WORK_ORDERS`` and ``cronStr`` ``"0 0 * * 6,0"``). :func:`timer_name`
builds that name from :func:`cadence.describe`'s sentence; ``cadence.emit(schedule,
"edfs")`` writes it as ``name`` when the timer it writes has none (``"Timer at ..."``
when no package is known), and the ``TIMER_NAME_CONTRADICTS_CRON`` lint warns when a
timer's name ends with a description of another schedule than its ``cronStr``.

>>> from cadence.edfs import timer_name
>>> timer_name("SAP_WORK_ORDERS", "0 0 * * 6,0")
'SAP_WORK_ORDERS at 00:00 on Saturday and Sunday'
>>> timer_name("Timer", "15 14 1 * *")
'Timer at 14:15 on day-of-month 1'
"""

from __future__ import annotations

from .formats._edfs import timer_name

__all__ = ["timer_name"]
