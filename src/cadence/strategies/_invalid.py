"""Near-misses: the :class:`Invalid` every strategy draws with ``valid=False``, and the
mutations that several formats share."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, NamedTuple

from hypothesis import strategies as st

__all__ = ["NOT_OBJECTS", "NOT_STRINGS", "Invalid", "broken_json", "one_of_applicable"]


class Invalid(NamedTuple):
    """A payload one mutation away from a valid one, and the problem it causes.

    ``payload`` is what to feed the code under test (a string, a dict, any JSON value,
    or JSON text); ``code`` is the :attr:`cadence.Problem.code` that
    ``cadence.validate(payload, format)`` reports among its errors; ``path`` is that
    problem's JSON Pointer (``""`` = the whole payload, always so for strings).

    >>> bad = Invalid("61 * * * *", "INVALID_EXPRESSION", "")
    >>> payload, code, path = bad
    >>> code
    'INVALID_EXPRESSION'
    """

    payload: Any
    code: str
    path: str


#: Payloads of the JSON formats that are JSON but not an object.
NOT_OBJECTS: tuple[object, ...] = (None, 0, 7, 1.5, True, False, [], ["x"], [{}])
#: Payloads of the string formats that are not a string.
NOT_STRINGS: tuple[object, ...] = (None, 0, 5, 1.5, True, [], {}, ["0 9 * * *"])


def one_of_applicable(draw: st.DrawFn, candidates: dict[str, Callable[[], Invalid] | None]
                      ) -> Invalid:
    """One of the mutations that apply to the payload at hand (``None`` = does not
    apply), made: each is drawn only when chosen, so it may draw what it needs."""
    applicable = [make for make in candidates.values() if make is not None]
    make: Callable[[], Invalid] = draw(st.sampled_from(applicable))
    return make()


def broken_json(draw: st.DrawFn, payload: object) -> str:
    """JSON text broken by one edit: cut short, or with a trailing comma."""
    text = json.dumps(payload)
    return draw(st.sampled_from([text[:-1], text[:-1] + ",}", "{" + text, text + "}"]))
