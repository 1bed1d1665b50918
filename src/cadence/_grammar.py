"""Loading the lark grammars and translating lark's errors into cadence's.

This is the only module that touches lark: no lark type or exception leaves it.
The grammars live in ``grammars/`` at the top of the repository and are shipped inside
the wheel as ``cadence/grammars``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from lark import (
    Lark,
    Token,
    Transformer,
    Tree,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
)
from lark.exceptions import LarkError, UnexpectedToken, VisitError

from .errors import ParseError, ScheduleError

__all__ = ["Lexeme", "Token", "Tree", "grammar_text", "parse_text", "read_text"]

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
    shipped = resources.files("cadence").joinpath("grammars").joinpath(name)
    if shipped.is_file():
        return shipped.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "grammars" / name
    return checkout.read_text(encoding="utf-8")


@cache
def _parser(name: str) -> Lark:
    return Lark(
        grammar_text(name), parser="lalr", maybe_placeholders=False, keep_all_tokens=True
    )


def parse_text(
    name: str,
    text: str,
    *,
    source: str,
    offset: int,
    where: Callable[[int], str | None],
    what: str,
) -> Tree[Token]:
    """Parse ``text`` (found at ``offset`` within ``source``) with grammar ``name``.

    ``where(column)`` names the field a 1-based column of ``source`` falls in; ``what``
    names the kind of text for messages ("cron expression").
    """
    try:
        return _parser(name).parse(text)
    except UnexpectedInput as exc:
        column = _column(exc, text) + offset
        raise ParseError(
            _explain(exc, text, what, where(column)), source, column=column, field=where(column)
        ) from None
    except LarkError as exc:  # anything else lark raises is still a parse failure
        raise ParseError(f"cannot read this {what}: {exc}", source) from None


@dataclass(frozen=True, slots=True)
class Lexeme:
    """One terminal of a parsed text, as cadence sees it: ``kind`` is the grammar's
    terminal name, ``start`` and ``end`` are 0-based offsets into the parsed text."""

    kind: str
    text: str
    start: int
    end: int


class _Bridge(Transformer[Token, object]):
    """Calls ``actions.<rule or alias>(*children)`` bottom-up, with terminals turned into
    :class:`Lexeme` values, so that no lark type reaches a format module."""

    def __init__(self, actions: object) -> None:
        super().__init__()
        self._actions = actions

    def __default__(self, data: object, children: list[object], meta: object) -> object:
        action = getattr(self._actions, str(data), None)
        if action is None:
            raise TypeError(f"{type(self._actions).__name__} has no action for {data!s}")
        return action(*children)

    def __default_token__(self, token: Token) -> Lexeme:
        start = int(token.start_pos or 0)
        end = int(token.end_pos if token.end_pos is not None else start + len(token))
        return Lexeme(str(token.type), str(token.value), start, end)


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
    """Parse ``text`` with grammar ``name`` and build a value from it: each rule (or
    ``-> alias``) ``r`` of the grammar calls ``actions.r(*children)``, children already
    built, terminals as :class:`Lexeme`. The actions may raise any
    :class:`~cadence.errors.ScheduleError`; it reaches the caller unchanged. Syntax
    errors become :class:`~cadence.errors.ParseError` as in :func:`parse_text`.
    """
    tree = parse_text(name, text, source=source, offset=offset, where=where, what=what)
    try:
        return _Bridge(actions).transform(tree)
    except VisitError as exc:
        if isinstance(exc.orig_exc, ScheduleError):
            raise exc.orig_exc from None
        raise


def _column(exc: UnexpectedInput, text: str) -> int:
    if isinstance(exc, UnexpectedEOF):
        return len(text) + 1
    position = getattr(exc, "pos_in_stream", None)
    if isinstance(position, int) and position >= 0:
        return position + 1
    column = getattr(exc, "column", None)
    return column if isinstance(column, int) and column > 0 else len(text) + 1


def _expected(exc: UnexpectedInput) -> str:
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
