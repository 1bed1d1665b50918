"""Loading the lark grammars and translating lark's errors into cadence's.

This is the only module that touches lark: no lark type or exception leaves it. A format
reads a text with :func:`read_text`, which hands each rule's children to a plain cadence
actions object and gives back what the actions build.
The grammars live in ``grammars/`` at the top of the repository and are shipped inside
the wheel as ``cadence/grammars``.

lark is imported when a grammar is first built, not with this module: importing it costs
more than the rest of ``import cadence``, and the common cron string is read without it
(see ``formats/cron.py``'s quick reader).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from .errors import ParseError, ScheduleError

if TYPE_CHECKING:
    from lark import Lark, Transformer
    from lark.exceptions import UnexpectedInput

__all__ = ["Lexeme", "grammar_text", "read_text"]

_TOKEN_WORDS = {
    "INT": "a number",
    "WORD": "a name",
    "_SEP": "a space",
    "STAR": "'*'",
    "QMARK": "'?'",
    "COMMA": "','",
    "MINUS": "'-'",
    "SLASH": "'/'",
    "HASH": "'#'",
    "AT": "'@'",
    "$END": "the end",
}


def grammar_text(name: str) -> str:
    """The text of ``grammars/<name>``, from the installed package or a source checkout."""
    from importlib import resources  # with pathlib, 7 ms that only a grammar needs
    from pathlib import Path

    shipped = resources.files("cadence").joinpath("grammars").joinpath(name)
    if shipped.is_file():
        return shipped.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "grammars" / name
    return checkout.read_text(encoding="utf-8")


class Lexeme(NamedTuple):
    """One terminal of a parsed text, as cadence sees it: ``kind`` is the grammar's
    terminal name, ``start`` and ``end`` are 0-based offsets into the parsed text.

    A named tuple, not a frozen dataclass: one is made per terminal of every parse, and
    a frozen dataclass takes twice as long or more to build.
    """

    kind: str
    text: str
    start: int
    end: int


class _Call:
    """One :func:`read_text` call: its actions, and the first error they raised."""

    __slots__ = ("actions", "failure")

    def __init__(self, actions: object) -> None:
        self.actions = actions
        self.failure: ScheduleError | None = None


class _Spliced:
    """What a "_rule", or a repetition rule lark made up, reduces to: the parser splices
    its children into the enclosing rule's (a Tree would do, and costs more)."""

    __slots__ = ("children",)

    def __init__(self, children: list[object]) -> None:
        self.children = children


class _Bridge:
    """Runs inside the LALR parser (no tree is built): each reduction of rule (or
    ``-> alias``) ``r`` calls ``actions.r(*children)`` of the current call, with
    terminals turned into :class:`Lexeme` values. lark asks a transformer only for its
    callbacks, by name, so the bridge needs no lark base class (and no lark to be defined).

    The parser, and so this bridge, is shared by every call of a grammar: the call in
    progress is per thread. An action's :class:`ScheduleError` is kept, not raised, and
    the rest of the text is only parsed: a syntax error anywhere still wins over it, as
    when the whole tree was parsed before any action ran.
    """

    def __init__(self) -> None:
        import threading  # here, with lark: a cron string read without a grammar needs neither

        self._local = threading.local()

    def __getattr__(self, name: str) -> Callable[[list[object]], object]:
        """The callback lark asks for, once per rule or alias, when it builds the parser.

        Rules are lower-case; terminals (upper-case) get no callback. A rule whose name
        starts with "_" calls no action: the parser splices its children into the
        enclosing rule's.
        """
        if not name.lstrip("_")[:1].islower() or name.endswith("__"):
            raise AttributeError(name)  # a terminal, or a dunder: not a rule
        if name.startswith("_"):
            return _Spliced  # a "_rule", or a repetition lark made up ("__start_star_0")
        from lark import Token  # lark is building the parser, so it is loaded

        local = self._local
        lexeme = tuple.__new__  # Lexeme's own __new__ is a Python call per terminal

        def reduce(children: list[object]) -> object:
            call: _Call = local.call
            if call.failure is not None:
                return None
            action = getattr(call.actions, name, None)
            if action is None:
                raise TypeError(f"{type(call.actions).__name__} has no action for {name}")
            try:
                # lark's lexer gives every token its positions; "or 0" only satisfies typing
                return action(*[lexeme(Lexeme, (child.type, child.value, child.start_pos or 0,
                                                child.end_pos or 0))
                                if type(child) is Token else child for child in children])
            except ScheduleError as exc:
                call.failure = exc
                return None

        return reduce

    def run(self, parser: Lark, text: str, actions: object) -> object:
        outer: _Call | None = getattr(self._local, "call", None)  # an action may read too
        call = self._local.call = _Call(actions)
        try:
            built = parser.parse(text)
        finally:
            self._local.call = outer
        if call.failure is not None:
            raise call.failure
        return built


@cache
def _parser(name: str) -> tuple[Lark, _Bridge]:
    """One parser per grammar, with the bridge built in: LALR calls it as it reduces."""
    from lark import Lark

    bridge = _Bridge()
    parser = Lark(grammar_text(name), parser="lalr", maybe_placeholders=False,
                  keep_all_tokens=True, transformer=cast("Transformer[Any, object]", bridge))
    return parser, bridge


def read_text(
    name: str,
    text: str,
    actions: object,
    *,
    source: str,
    offset: int,
    where: Callable[[int], str | None],
    what: str,
) -> object:
    """Parse ``text`` (found at ``offset`` within ``source``) with grammar ``name`` and
    build a value from it: each rule (or ``-> alias``) ``r`` of the grammar calls
    ``actions.r(*children)``, children already built, terminals as :class:`Lexeme`.

    The actions may raise any :class:`~cadence.errors.ScheduleError`; it reaches the
    caller unchanged. Syntax errors become :class:`~cadence.errors.ParseError`:
    ``where(column)`` names the field a 1-based column of ``source`` falls in, ``what``
    names the kind of text for messages ("cron expression").
    """
    parser, bridge = _parser(name)
    try:
        return bridge.run(parser, text, actions)
    except Exception as exc:  # lark's classes are looked up once one is raised, not per call
        from lark.exceptions import LarkError, UnexpectedInput

        if isinstance(exc, UnexpectedInput):
            column = _column(exc, text) + offset
            raise ParseError(_explain(exc, text, what, where(column)), source, column=column,
                             field=where(column)) from None
        if isinstance(exc, LarkError):  # anything else lark raises is still a parse failure
            raise ParseError(f"cannot read this {what}: {exc}", source) from None
        raise  # an action's ScheduleError, unchanged


def _column(exc: UnexpectedInput, text: str) -> int:
    from lark.exceptions import UnexpectedEOF

    if isinstance(exc, UnexpectedEOF):
        return len(text) + 1
    position = getattr(exc, "pos_in_stream", None)
    if isinstance(position, int) and position >= 0:
        return position + 1
    column = getattr(exc, "column", None)
    return column if isinstance(column, int) and column > 0 else len(text) + 1


def _expected(exc: UnexpectedInput) -> str:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    names: set[str] = set()
    if isinstance(exc, UnexpectedToken | UnexpectedEOF):
        names = set(exc.expected)
    elif isinstance(exc, UnexpectedCharacters):
        names = set(exc.allowed or ())
    words = sorted({_TOKEN_WORDS.get(name, name.lower()) for name in names})
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _explain(exc: UnexpectedInput, text: str, what: str, field: str | None) -> str:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    place = f" in the {field} field" if field else ""
    expected = _expected(exc)
    wanted = f"; expected {expected}" if expected else ""
    if isinstance(exc, UnexpectedEOF) or (
        isinstance(exc, UnexpectedToken) and exc.token.type == "$END"
    ):
        return f"{what} ends too early{place}{wanted}"
    if isinstance(exc, UnexpectedCharacters):
        position = exc.pos_in_stream
        char = text[position] if position is not None and 0 <= position < len(text) else "?"
        return f"unexpected character {char!r}{place}{wanted}"
    if isinstance(exc, UnexpectedToken):
        return f"unexpected {exc.token.value!r}{place}{wanted}"
    return f"cannot read this {what}{place}"
