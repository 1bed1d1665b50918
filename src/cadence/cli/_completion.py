"""Shell completion scripts, generated from the command line's own parser.

bash and zsh scripts are shtab's (a small, well-kept library that reads an argparse
parser: subcommands, options, ``choices``; imported only here); fish, which shtab does
not write, is written from the same parser below. Whatever is added to the parser
completes without a change here: commands, options, choices (``--format``, ``--to``,
``--dst``, ``completion``'s SHELL).

File names complete where a file may be given: every positional argument without
choices (a SOURCE may be a file, or ``-``) and options whose metavar names a file
(``--calendar CAL.json``). Other values (ISO moments, zones, counts) complete to
nothing rather than to file names.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from ..errors import ScheduleError, described
from ._parser import SHELLS

__all__ = ["SHELLS", "completion_script"]


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script for ``shell`` (one of :data:`SHELLS`), ending in a newline.
    The parser's file arguments are marked for shtab (an attribute it reads, nothing
    argparse uses)."""
    if shell == "fish":
        return _fish(parser)
    if shell not in SHELLS:
        raise ScheduleError(f"no completion script for the shell {described(shell)}: give one "
                            f"of {', '.join(SHELLS)}")
    import shtab

    for _, command in _commands(parser):
        for action in command._actions:
            if _takes_file(action):
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    script: str = shtab.complete(parser, shell=shell)
    return script if script.endswith("\n") else script + "\n"


def _commands(parser: argparse.ArgumentParser
              ) -> Iterator[tuple[str | None, argparse.ArgumentParser]]:
    """``(None, parser)`` then ``(name, its parser)`` for each subcommand."""
    yield None, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def _takes_file(action: argparse.Action) -> bool:
    if action.choices is not None or action.nargs == 0 or isinstance(
            action, argparse._SubParsersAction):
        return False
    if not action.option_strings:
        return True
    return "." in str(action.metavar or "")


def _helps(parser: argparse.ArgumentParser) -> dict[str, str]:
    """Each subcommand's one-line help."""
    found: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                found[choice.dest] = choice.help or ""
    return found


def _quoted(text: str) -> str:
    """``text`` as one fish word in single quotes."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish(parser: argparse.ArgumentParser) -> str:
    prog = parser.prog
    lines = [f"# fish completion for {prog}, generated from its argument parser",
             f"complete -c {prog} -f"]  # (no file names unless an argument takes one)
    helps = _helps(parser)
    for name, command in _commands(parser):
        condition = ("__fish_use_subcommand" if name is None
                     else f"__fish_seen_subcommand_from {name}")
        head = f"complete -c {prog} -n {_quoted(condition)}"
        if name is None:
            lines.extend(f"{head} -a {_quoted(each)} -d {_quoted(text)}"
                         for each, text in helps.items())
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            lines.append(head + _fish_action(action))
    return "\n".join(lines) + "\n"


def _fish_action(action: argparse.Action) -> str:
    """The ``complete`` flags for one action (after the command and its condition)."""
    words = []
    for option in action.option_strings:
        if option.startswith("--"):
            words.append(f"-l {option[2:]}")
        else:
            words.append(f"-s {option[1:]}")
    if action.choices is not None:
        values = " ".join(str(choice) for choice in action.choices)
        words.append(f"-x -a {_quoted(values)}" if action.option_strings
                     else f"-a {_quoted(values)}")
    elif _takes_file(action):
        words.append("-r -F" if action.option_strings else "-F")
    elif action.nargs != 0:
        words.append("-x")
    if action.help:
        words.append(f"-d {_quoted(action.help)}")
    return " " + " ".join(words)
