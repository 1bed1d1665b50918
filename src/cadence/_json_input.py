"""JSON text as cadence reads it: parsed within :mod:`cadence.limits`, every failure a
:class:`~cadence.errors.ScheduleError` or a :class:`~cadence._problems.Problem`."""

from __future__ import annotations

import json
from typing import Any

from ._problems import Problem
from .errors import ScheduleError
from .limits import MAX_NUMBER_DIGITS, LimitError, deep_text_problem, payload_problem
from .limits import text_size_problem as _text_size_problem

__all__ = ["decode_payload", "load_json"]


def load_json(text: str | bytes, *, where: str = "payload") -> Any:
    """Parse JSON text (after any byte order mark), turning every failure into a
    :class:`ScheduleError`; text or a value beyond :mod:`cadence.limits` raises its
    subclass :class:`~cadence.limits.LimitError`, whose ``problem`` names the limit.

    >>> load_json("[" * 100_000 + "]" * 100_000)
    Traceback (most recent call last):
    cadence.limits.LimitError: payload nests arrays and objects more than 64 levels deep ...
    """
    too_large = _text_size_problem(text, where)
    if too_large is not None:
        raise LimitError(too_large)
    if isinstance(text, str) and text[:1] == "\ufeff":
        text = text[1:]  # a byte order mark (bytes: json detects it itself)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScheduleError(
            f"{where} is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise LimitError(deep_text_problem(text, where)) from None
    except (UnicodeDecodeError, ValueError) as exc:
        if "integer string conversion" in str(exc):  # Python's limit on digits
            raise LimitError(Problem(
                "", "NUMBER_TOO_LARGE", f"{where} has an integer of more than "
                f"{MAX_NUMBER_DIGITS} digits; cadence reads integers of at most "
                f"{MAX_NUMBER_DIGITS} digits: use a smaller number")) from None
        raise ScheduleError(f"{where} is not JSON: {exc}") from None
    problem = payload_problem(value)
    if problem is not None:
        raise LimitError(problem)
    return value


def decode_payload(payload: object, what: str, problems: list[Problem]) -> tuple[bool, object]:
    """``(ok, payload)``: JSON text decoded (a failure becomes an ``INVALID_JSON``
    problem and ``ok`` is false); any other value is returned as it is."""
    if isinstance(payload, str | bytes):
        try:
            return True, load_json(payload, where=what)
        except LimitError as exc:
            problems.append(exc.problem)
            return False, None
        except ScheduleError as exc:
            problems.append(Problem("", "INVALID_JSON", str(exc)))
            return False, None
    return True, payload
