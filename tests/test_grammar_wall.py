"""lark stays behind ``cadence._grammar``: the format modules hand it an actions object
and get plain cadence values back.

``tests/test_architecture.py`` checks that no other module imports lark; these tests
check what crosses the wall: the exported names, the values the actions receive, and
the errors that come out.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from cadence import _grammar
from cadence._grammar import Lexeme, read_text
from cadence.errors import ParseError, ScheduleError
from cadence.formats.cron import parse_cron

Built = tuple[str, tuple[object, ...]]


class Recorder:
    """Actions for ``grammars/cron.lark`` that build ``(rule, children)`` for every rule."""

    def __getattr__(self, name: str) -> Callable[..., Built]:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *children: (name, children)


def read_cron(text: str, actions: object, offset: int = 0) -> object:
    source = " " * offset + text
    return read_text("cron.lark", text, actions, source=source, offset=offset,
                     where=lambda column: "minute" if column <= offset + 4 else None,
                     what="cron expression")


def lexemes(value: object) -> list[Lexeme]:
    if isinstance(value, Lexeme):
        return [value]
    if isinstance(value, tuple):
        return [found for child in value for found in lexemes(child)]
    return []


def test_the_grammar_module_exports_no_lark_type() -> None:
    assert sorted(_grammar.__all__) == ["Lexeme", "grammar_text", "read_text"]
    for name in _grammar.__all__:
        exported = getattr(_grammar, name)
        classes = inspect.getmro(exported) if inspect.isclass(exported) else ()
        for owner in (exported, *classes):
            assert not getattr(owner, "__module__", "").startswith("lark"), (name, owner)


def test_actions_get_built_children_and_terminals_as_lexemes_with_offsets() -> None:
    built = read_cron("*/15 MON-FRI", Recorder())
    assert isinstance(built, tuple)
    assert built[0] == "start"
    assert [type(child) for child in lexemes(built)] == [Lexeme] * len(lexemes(built))
    assert [(lexeme.kind, lexeme.text, lexeme.start, lexeme.end)
            for lexeme in lexemes(built)] == [
        ("STAR", "*", 0, 1), ("SLASH", "/", 1, 2), ("INT", "15", 2, 4), ("_SEP", " ", 4, 5),
        ("WORD", "MON", 5, 8), ("MINUS", "-", 8, 9), ("WORD", "FRI", 9, 12),
    ]


def test_a_schedule_error_raised_in_an_action_comes_out_unchanged() -> None:
    raised = ParseError("no numbers today", "5 * * * *", column=1, field="minute")

    class Refusing(Recorder):
        def number(self, digits: Lexeme) -> Built:
            raise raised

    with pytest.raises(ParseError) as caught:
        read_cron("5 * * * *", Refusing())
    assert caught.value is raised


def test_an_error_that_is_no_schedule_error_is_not_turned_into_one() -> None:
    class Broken(Recorder):
        def number(self, digits: Lexeme) -> Built:
            raise KeyError(digits.text)

    with pytest.raises(KeyError):
        read_cron("5 * * * *", Broken())


def test_a_syntax_error_becomes_a_parse_error_with_column_field_and_caret() -> None:
    with pytest.raises(ParseError) as caught:
        read_cron("5,,6 *", Recorder(), offset=3)
    error = caught.value
    assert not isinstance(error.__cause__, Exception)  # nothing of lark's is chained
    assert error.column == 6  # the second ',' of the text, counted in the whole source
    assert error.field == "minute"
    assert error.reason == ("unexpected ',' in the minute field; expected '*', '?', a name "
                            "or a number")
    assert str(error).splitlines()[-2:] == ["     5,,6 *", "       ^"]


def test_a_syntax_error_wins_over_an_earlier_error_of_an_action() -> None:
    # As when the whole text was parsed before any action ran.
    class Refusing(Recorder):
        def number(self, digits: Lexeme) -> Built:
            raise ScheduleError("an action's complaint")

    with pytest.raises(ParseError, match="unexpected ','"):
        read_cron("5 6,,7", Refusing())


def test_an_action_that_is_missing_is_a_programming_error_not_a_parse_error() -> None:
    class Partial:
        def number(self, digits: Lexeme) -> Lexeme:
            return digits

    with pytest.raises(TypeError, match="Partial has no action for"):
        read_cron("5 * * * *", Partial())


def test_threads_reading_at_once_each_get_their_own_values() -> None:
    # One parser per grammar is shared; the call in progress is kept per thread.
    texts = [f"{minute} {hour} * * MON-FRI" for minute in range(0, 60, 7)
             for hour in range(0, 24, 5)] * 4
    alone = [parse_cron(text)[0] for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda text: parse_cron(text)[0], texts))
    assert together == alone
