"""The format registry: every format module here, found rather than listed.

Each public module of this package names its :class:`~cadence.formats._contract.Format`
``FORMAT`` (or several as ``FORMATS``). :func:`registry` imports the modules once and
keeps their formats by name, in the order they sniff. Adding a format is adding a
module: no list elsewhere changes.

The first parse fills the registry, so a format module is cheap to import: its reader
and writer, unless they are small, wait in a private module until the format is used
(``rrule.py`` declares the format, ``_rrule.py`` reads and writes it).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from functools import cache
from types import MappingProxyType

from ..errors import ScheduleError, described
from ._contract import Checked, Context, Dst, Format, LintPaths, Written

__all__ = [
    "Checked",
    "Context",
    "Dst",
    "Format",
    "LintPaths",
    "Written",
    "get",
    "names",
    "registry",
    "sniff",
]


@cache
def registry() -> Mapping[str, Format]:
    """Every format, by name, in the order of their ranks (how they are listed and
    asked to sniff)."""
    found: list[Format] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if module.name.startswith("_"):
            continue
        # What the module defines, not getattr: a name it lacks would load its machinery.
        defined = vars(importlib.import_module(f"{__name__}.{module.name}"))
        single = defined.get("FORMAT")
        found.extend([single] if isinstance(single, Format) else [])
        found.extend(item for item in defined.get("FORMATS", ()) if isinstance(item, Format))
    found.sort(key=lambda fmt: (fmt.rank, fmt.name))
    return MappingProxyType({fmt.name: fmt for fmt in found})


def names(*, readable: bool = False, writable: bool = False, kind: str | None = None,
          schedules: bool = False) -> tuple[str, ...]:
    """The names of the formats that read, write, are of ``kind`` or hold schedules."""
    return tuple(
        fmt.name for fmt in registry().values()
        if (not readable or fmt.check is not None)
        and (not writable or fmt.write is not None)
        and (kind is None or fmt.kind == kind)
        and (not schedules or fmt.is_schedule)
    )


def get(name: object, *, verb: str = "reads", readable: bool = True,
        writable: bool = False) -> Format:
    """The format called ``name``, or a :class:`ScheduleError` listing the known ones."""
    fmt = registry().get(name) if isinstance(name, str) else None
    if (fmt is None or (readable and fmt.check is None)
            or (writable and fmt.write is None)):
        known = names(readable=readable, writable=writable)
        raise ScheduleError(f"unknown format {described(name)}; cadence {verb} "
                            f"{', '.join(known)}")
    return fmt


def sniff(text: str) -> Format:
    """The first text format, in rank order, that recognizes ``text``; else the fallback
    format (cron)."""
    sniffers, fallback = _sniffers()
    for recognizes, fmt in sniffers:
        if recognizes(text):
            return fmt
    return fallback


@cache
def _sniffers() -> tuple[tuple[tuple[Callable[[str], bool], Format], ...], Format]:
    """The sniffers in rank order and the fallback, found once: sniffing runs on every
    parse without a format."""
    found = registry().values()
    return (tuple((fmt.sniff, fmt) for fmt in found if fmt.sniff is not None),
            next(fmt for fmt in found if fmt.fallback))
