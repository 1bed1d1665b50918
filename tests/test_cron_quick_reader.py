"""The quick field reader of ``formats/cron.py`` against the lark grammar it stands in
for: wherever the quick reader answers, it gives the positioned fields the grammar's
actions build, and it answers for the expressions people write."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadence import strategies as cs
from cadence._grammar import read_text
from cadence.formats.cron import RawField, _Actions, _quick_fields

#: Grammar characters and near misses, so both readers see what they must refuse.
PIECES = st.sampled_from(["*", "?", "/", "-", ",", "#", " ", "\t", "0", "5", "15", "59",
                          "1234567", "L", "W", "LW", "MON", "fri", "JAN", "x", "@", "_",
                          ".", "\u00a0", "5L", "L-2"])


def lark_fields(body: str) -> list[RawField] | None:
    try:
        fields = read_text("cron.lark", body, _Actions(body, 0), source=body, offset=0,
                           where=lambda column: None, what="cron expression")
    except ValueError:  # ParseError: the grammar (or its actions) refuse the text
        return None
    assert isinstance(fields, list)
    return fields


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=16).map("".join).map(str.strip))
def test_the_quick_reader_answers_as_the_grammar_does(body: str) -> None:
    quick = _quick_fields(body, body, 0)
    if quick is not None:
        assert quick == lark_fields(body)


@settings(max_examples=300, deadline=None)
@given(st.one_of(cs.cron_expressions(), cs.quartz_expressions()))
def test_the_quick_reader_reads_what_the_strategies_draw(expression: str) -> None:
    body = expression.split(" ", 1)[1] if expression.startswith("CRON_TZ=") else expression
    if body.startswith("@"):
        return
    quick = _quick_fields(body, body, 0)
    assert quick is not None
    assert quick == lark_fields(body)


@pytest.mark.parametrize("body", ["0 9 * * MON-FRI", "*/15 9-17 1,15 JAN-MAR 1-5/2",
                                  "0 0 12 ? * 6#3", "0 0 L-2 * ?", "0 0 5L,LW 5W * ?",
                                  "0 15 10 ? * 6L 2002-2005", "0\t9  *  * *"])
def test_the_quick_reader_reads_the_common_shapes(body: str) -> None:
    quick = _quick_fields(body, body, 0)
    assert quick is not None
    assert quick == lark_fields(body)
