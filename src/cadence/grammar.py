"""Loading the lark grammars and translating lark's errors into cadence's.

This is the only module that touches lark: no lark type or exception leaves it.
The grammars live in ``grammars/`` at the top of the repository and are shipped inside
the wheel as ``cadence/grammars``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Tree, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput
from lark.exceptions import LarkError, UnexpectedToken

from .errors import ParseError

__all__ = ["Token", "Tree", "grammar_text", "parse_text"]

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
