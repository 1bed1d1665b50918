"""The cron reader's look-up of fields read before (``cron._known``) must mean exactly
what the full reader means: for any expression whose fields were all read before, in
any combination, the look-up gives the full reader's rule and spelling, or leaves the
expression to the full reader (which then accepts it or says why not)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

import cadence
from cadence.errors import ScheduleError
from cadence.formats import cron

# Field texts people write, and some that are wrong in some places (a '?' in cron's
# minute, 'L' in a month, Feb 30, both day fields restricted in Quartz).
_MINUTES = ("0", "*", "*/15", "5,35", "0-59/7", "59", "?", "L", "60")
_HOURS = ("0", "*", "9-17", "*/2", "23", "22-2", "24")
_DAYS = ("*", "?", "1", "15", "30", "31", "L", "L-3", "15W", "LW", "1,15", "29", "*/3",
         "L,5")
_MONTHS = ("*", "2", "FEB", "4,6", "1-12/2", "JAN-MAR", "11", "2,4")
_WEEKDAYS = ("*", "?", "1-5", "MON-FRI", "0", "7", "5L", "MON#2", "SUN,SAT", "L", "6#5",
             "1#5", "FRI-SUN", "2-7")
_SECONDS = ("0", "*/30", "15", "*")
_YEARS = ("*", "?", "2027", "2030-2032", "1970", "2099")


@st.composite
def _expressions(draw: st.DrawFn) -> tuple[str, str | None, str | None]:
    """(text, dialect given or None, day_match given or None)."""
    fields = [draw(st.sampled_from(pool)) for pool in (_MINUTES, _HOURS, _DAYS, _MONTHS,
                                                       _WEEKDAYS)]
    if draw(st.booleans()):
        fields.insert(0, draw(st.sampled_from(_SECONDS)))
        if draw(st.booleans()):
            fields.append(draw(st.sampled_from(_YEARS)))
    text = " ".join(fields)
    dialect = draw(st.sampled_from((None, "cron", "quartz")))
    day_match = draw(st.sampled_from((None, None, "and", "or")))
    return text, dialect, day_match


@contextmanager
def _fresh_tables() -> Iterator[None]:
    """Empty look-up tables for one example (the module's own stay as they are)."""
    meanings: dict[str, tuple[dict[str, object], ...]] = {
        dialect: tuple({} for _ in tables)
                for dialect, tables in cron._MEANINGS.items()}
    with patch.object(cron, "_MEANINGS", meanings), patch.object(cron, "_FIRING", set()):
        yield


def _full(text: str, dialect: Any, day_match: Any) -> object:
    """The full reader's answer (fields read, never looked up): the rule and spelling,
    or the error's message."""
    with patch.object(cron, "_known", lambda *args: None):
        try:
            rule, zone, spelling = cron.parse_cron(text, dialect=dialect, day_match=day_match)
        except ScheduleError as exc:
            return str(exc)
    assert zone is None
    return rule, spelling


@settings(max_examples=600, deadline=None)
@given(st.lists(_expressions(), max_size=25), _expressions())
@example([("0 9 30 * *", None, None), ("0 9 * 2 *", None, None)], ("0 9 30 2 *", None, None))
@example([("0 0 9 ? * MON", None, None), ("0 0 9 1 * ?", None, None)],
         ("0 0 9 1 * MON", None, None))
@example([("0 9 1 * *", None, None), ("0 9 * * 1", None, None)], ("0 9 1 * 1", None, "and"))
# Both day fields restricted and ANDed, never meeting: day 1 is never a fifth Monday.
@example([("0 9 1 * *", None, None), ("0 9 * * 1#5", None, None)],
         ("0 9 1 * 1#5", None, "and"))
def test_known_fields_mean_what_the_reader_reads(
        before: list[tuple[str, str | None, str | None]],
        target: tuple[str, str | None, str | None]) -> None:
    with _fresh_tables():
        for text, dialect, day_match in before:
            _full(text, dialect, day_match)
        text, dialect, day_match = target
        known = cron._known(text, dialect, day_match)  # type: ignore[arg-type]
        full = _full(text, dialect, day_match)
        if known is not None:
            assert full == known
        if not isinstance(full, str):  # accepted: now every field and the day part are known
            assert cron._known(text, dialect, day_match) == full  # type: ignore[arg-type]


def test_the_public_parse_uses_the_look_up() -> None:
    """Once its fields are known, a new combination is looked up, not read."""
    cadence.parse("7 9 * * 1-5", "cron", tz="UTC")
    cadence.parse("3 13 * * *", "cron", tz="UTC")
    assert cron._known("3 9 * * 1-5", "cron", None) is not None
    assert cron._known("3 9 * * 1-5", "cron", None) == _full("3 9 * * 1-5", "cron", None)
    # Odd spacing, tabs, prefixes and macros always go the full way.
    for text in ("3  9 * * 1-5", " 3 9 * * 1-5", "3\t9 * * 1-5", "CRON_TZ=UTC 3 9 * * 1-5",
                 "@daily"):
        assert cron._known(text, None, None) is None
