"""Distinct cron expressions of the shapes people write, for end-to-end benchmarks.

Each field is drawn from what crontabs hold (a fixed minute, steps, a minute and the
same half an hour later, business hours, weekdays, the first or last day of the month,
quarters), weighted so that the common shapes are common: ``0 9 * * 1-5`` far more
often than ``15,45 8-18/2 1,15 */3 MON-FRI``. :func:`expressions` returns ``count`` of
them, all different. Every text is standard 5-field cron that cronsim and croniter read
too.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

__all__ = ["expressions"]

_Pool = dict[str, float]


def _spread(weight: float, texts: Iterable[str]) -> _Pool:
    """``weight`` shared evenly by ``texts``."""
    found = list(texts)
    return {text: weight / len(found) for text in found}


def _pool(*parts: _Pool) -> tuple[list[str], list[float]]:
    merged: _Pool = {}
    for part in parts:
        for text, weight in part.items():
            merged[text] = merged.get(text, 0.0) + weight
    return list(merged), list(merged.values())


_MINUTES = _pool(
    _spread(40, map(str, range(60))),
    {"0": 8.0, "*": 3.0},
    _spread(10, (f"*/{step}" for step in (2, 5, 10, 15, 20, 30))),
    _spread(6, (f"{minute},{minute + 30}" for minute in range(30))),
    _spread(3, (f"{m},{m + 15},{m + 30},{m + 45}" for m in range(15))),
    _spread(3, (f"{minute}-59/15" for minute in range(15))),
    _spread(2, (f"{first}-{first + 29}" for first in range(30))),
)
_HOURS = _pool(
    _spread(45, map(str, range(24))),
    {"*": 12.0},
    _spread(10, (f"{first}-{last}" for first in range(24) for last in range(first + 1, 24))),
    _spread(8, (f"*/{step}" for step in (2, 3, 4, 6, 8, 12))),
    _spread(6, (f"{first},{first + 12}" for first in range(12))),
    _spread(5, (f"{first}-{last}/{step}" for first in range(6, 10) for last in range(16, 20)
                for step in (1, 2, 3))),
)
_DAYS = _pool(
    {"*": 70.0, "L": 4.0},
    _spread(12, map(str, range(1, 29))),
    _spread(4, (f"{first},{first + 14}" for first in range(1, 15))),
    _spread(4, (f"{first}-{first + 6}" for first in range(1, 23))),
    _spread(5, (f"*/{step}" for step in (2, 3, 7, 10))),
)
_MONTHS = _pool(
    {"*": 80.0},
    _spread(8, map(str, range(1, 13))),
    _spread(6, ("1,4,7,10", "2,5,8,11", "3,6,9,12", "*/3", "*/6")),
    _spread(6, ("JAN", "MAR-NOV", "6-8", "1-6", "JAN,JUL", "DEC")),
)
_WEEKDAYS = _pool(
    {"*": 60.0},
    _spread(20, ("1-5", "MON-FRI", "mon-fri")),
    _spread(10, map(str, range(7))),
    _spread(5, ("6,0", "SAT,SUN", "0,6", "1,3,5", "2,4", "MON,WED,FRI")),
    _spread(5, (f"{first}-{last}" for first in range(7) for last in range(first + 1, 7))),
)


def expressions(count: int, rng: random.Random) -> list[str]:
    """``count`` different expressions, in the order they were drawn."""
    seen: set[str] = set()
    found: list[str] = []
    while len(found) < count:
        batch = max(1000, (count - len(found)) * 2)
        fields = [rng.choices(texts, weights, k=batch)
                  for texts, weights in (_MINUTES, _HOURS, _DAYS, _MONTHS, _WEEKDAYS)]
        for minute, hour, day, month, weekday in zip(*fields, strict=True):
            if day != "*" and weekday != "*" and rng.random() < 0.8:
                weekday = "*"  # both day fields restricted is rare (and means OR)
            text = f"{minute} {hour} {day} {month} {weekday}"
            if text not in seen:
                seen.add(text)
                found.append(text)
                if len(found) == count:
                    break
    return found
