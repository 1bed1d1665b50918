"""The options the strategies share (``features``, ``types``/``frequencies``, ``zones``),
checked when a strategy is built: a wrong option fails at once with Hypothesis'
:class:`~hypothesis.errors.InvalidArgument`, not in the middle of a test run."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from hypothesis.errors import InvalidArgument

from .._zones import resolve_zone
from ..errors import ScheduleError

__all__ = ["chosen_from", "picked_from", "zone_names"]


def chosen_from(given: Collection[str] | None, vocabulary: frozenset[str], what: str
           ) -> frozenset[str]:
    """The features (or other names) chosen from ``vocabulary``; ``None`` means all."""
    if given is None:
        return vocabulary
    if isinstance(given, str):
        raise InvalidArgument(f"{what} is a collection of names, not the string {given!r}")
    found = frozenset(given)
    unknown = found - vocabulary
    if unknown:
        raise InvalidArgument(f"unknown {what} {sorted(unknown)}; choose from "
                              f"{sorted(vocabulary)}")
    return found


def picked_from(given: Sequence[str] | None, known: Sequence[str], what: str) -> tuple[str, ...]:
    """A non-empty selection of ``known`` in the order given; ``None`` means all."""
    if given is None:
        return tuple(known)
    if isinstance(given, str):
        raise InvalidArgument(f"{what} is a collection of names, not the string {given!r}")
    found = tuple(dict.fromkeys(given))
    unknown = [name for name in found if name not in known]
    if unknown or not found:
        raise InvalidArgument(f"{what} must be a non-empty selection of {', '.join(known)}, "
                              f"not {list(given)!r}")
    return found


def zone_names(given: Sequence[str] | None, resolve: Callable[[str], object] = resolve_zone
               ) -> tuple[str, ...] | None:
    """The zone names to draw from, each one that ``resolve`` (the format's own reading
    of a zone) accepts; ``None`` means payloads name no zone."""
    if given is None:
        return None
    if isinstance(given, str):
        raise InvalidArgument(f"zones is a sequence of zone names, not the string {given!r}")
    names = tuple(dict.fromkeys(given))
    if not names:
        raise InvalidArgument("zones is empty: give zone names, or None for no zone")
    for name in names:
        if not isinstance(name, str):
            raise InvalidArgument(f"zones holds zone names, not {name!r}")
        try:
            resolve(name)
        except ScheduleError as exc:
            raise InvalidArgument(f"zones: {exc}") from None
    return names
