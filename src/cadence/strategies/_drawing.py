"""Small drawing helpers and calendar bounds that several strategy modules share."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from .._calendar import DAYS_IN_MONTH

__all__ = ["LONGEST_MONTH", "UNIVERSAL_DAY", "copy_json", "distinct", "kind_of", "maybe"]

#: Days 1 to this exist in every month: a day list holding one of them always fires.
UNIVERSAL_DAY = min(DAYS_IN_MONTH[1:])
#: The last day of the longest months.
LONGEST_MONTH = max(DAYS_IN_MONTH)


def maybe(draw: st.DrawFn, allowed: bool) -> bool:
    """Whether to use an optional construct: drawn only when it is ``allowed``."""
    return allowed and draw(st.booleans())


def kind_of(draw: st.DrawFn, features: frozenset[str], always: str,
            optional: dict[str, str]) -> str:
    """One kind of item: ``always``, or a kind of ``optional`` (feature -> kind) whose
    feature is on."""
    kinds = [always, *(kind for feature, kind in optional.items() if feature in features)]
    return draw(st.sampled_from(kinds))


def distinct(draw: st.DrawFn, low: int, high: int, most: int) -> list[int]:
    """One to ``most`` different numbers from ``low`` to ``high``."""
    return draw(st.lists(st.integers(low, high), min_size=1, max_size=most, unique=True))


def copy_json(payload: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of a JSON object, to mutate without touching the valid payload."""
    copied: dict[str, Any] = json.loads(json.dumps(payload))
    return copied
