"""The quick content-line reader of ``formats/rrule.py`` against the lark grammar it
stands in for: wherever the quick reader answers, it gives what the parser gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cadence._grammar import read_text
from cadence.formats._rrule import _Content, _LineActions, _quick_content, _read_line

#: Grammar characters and a few that are not, so both readers see near misses.
PIECES = st.sampled_from(["RRULE", "DTSTART", "EXDATE", "FREQ", "DAILY", "BYDAY", "MO",
                          "-1FR", "TZID", "Europe/Berlin", '"W. Europe"', "20261123T090000",
                          "Z", ":", ";", "=", ",", " ", '"', "", "9", "+", "_", ".", "\\"])


def lark_content(parsed: str) -> _Content | None:
    actions = _LineActions("RRULE", parsed, 0)
    try:
        content = read_text("rrule.lark", parsed, actions, source=parsed, offset=0,
                            where=lambda column: None, what="line")
    except ValueError:
        return None
    assert isinstance(content, _Content)
    return content


@settings(max_examples=2000, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_the_quick_reader_answers_as_the_grammar_does(parsed: str) -> None:
    quick = _quick_content(parsed, "RRULE", parsed, 0)
    if quick is None:
        return
    lark = lark_content(parsed)
    assert lark is not None
    assert (quick.params, quick.parts) == (lark.params, lark.parts)


def test_the_quick_reader_reads_the_common_lines() -> None:
    for line in ("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,-1FR",
                 "DTSTART;TZID=Europe/Berlin:20261123T090000",
                 'DTSTART;TZID="W. Europe Standard Time":20261123T090000',
                 "EXDATE;TZID=Europe/Berlin:20261207T090000,20261221T090000"):
        quick = _quick_content(line, None, line, 0)
        lark = lark_content(line)
        assert quick is not None
        assert lark is not None
        assert (quick.params, quick.parts) == (lark.params, lark.parts)
        assert quick.name == line.split(";")[0].split(":")[0]


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["", ";TZID=Europe/Berlin", ";TZID=UTC", ";TZID=Etc/GMT+5",
                        ';TZID="Europe/Berlin"', ";VALUE=DATE", ";tzid=Europe/Riga"]),
       st.sampled_from(["20261123T090000", "20261123T090000Z", "20261123", "2026112",
                        "20261123T0900", "20261123t090000"]),
       st.sampled_from(["DTSTART", "dtstart", "DTSTARTX"]))
def test_the_dtstart_shortcut_reads_as_the_quick_reader_does(param: str, value: str,
                                                             name: str) -> None:
    line = f"{name}{param}:{value}"
    quick = _quick_content(line, None, line, 0)
    read = _read_line(line, line, 0)
    if quick is not None:
        assert (read.name, read.params, read.parts) == (quick.name, quick.params, quick.parts)
