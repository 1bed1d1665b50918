"""Hypothesis strategies for every format cadence reads, for property tests of your code.

Install with ``pip install "cadence[strategies]"`` (Hypothesis is not a dependency of
cadence itself). Every strategy draws either a **valid** payload, which
:func:`cadence.validate` accepts without an error (warnings may come) and
:func:`cadence.parse` reads, or, with ``valid=False``, an :class:`Invalid`: a payload
that differs from a valid one by exactly one mutation, with the Problem ``code`` that
mutation causes and its JSON ``path``.

>>> import cadence
>>> from hypothesis import given, settings
>>> @settings(max_examples=20, database=None)
... @given(cron_expressions(zones=["Europe/Berlin", "UTC"]))
... def test_every_expression_parses(expression: str) -> None:
...     assert not [p for p in cadence.validate(expression, "cron") if p.is_error]
...     assert expression.startswith("CRON_TZ=")
>>> test_every_expression_parses()

Options shared by the strategies:

- ``zones``: the zone names to draw from. A payload names one of them (``CRON_TZ=``
  for cron and Quartz, ``DTSTART;TZID=`` for RRULE, ``timeZoneId`` for campaigns,
  ``timeZone.name`` for Helix); ``None`` (the default) means payloads name no zone,
  so they run in UTC. EDFS timers and Bentley calendars have no zone field (they take
  ``tz=``), so those strategies have no ``zones`` option.
- ``features``: the optional constructs that may appear, from the format's vocabulary
  (the ``*_FEATURES`` constants below); ``None`` means all of them, an empty set the
  plainest payloads. A feature allowed is not promised in every example.
- ``valid=False``: draw :class:`Invalid` near-misses instead.

The invalid payloads of the string formats (cron, Quartz, RRULE) carry the codes of
``cadence.validate``'s string check: ``INVALID_EXPRESSION``, ``NEVER_FIRES`` and
``INVALID_TYPE``, always at path ``""``. ``INVALID_ZONE`` is never announced: it comes
from validate's ``tz=`` argument only, while an unknown zone inside a string
(``CRON_TZ=``, ``TZID=``) makes the string unreadable, ``INVALID_EXPRESSION``.

Everything is built constructively (no rejection sampling), so the strategies are cheap.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from functools import cache
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Any

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        'cadence.strategies needs Hypothesis: pip install "cadence[strategies]"'
    ) from exc

from .. import formats as _formats
from ..errors import ScheduleError
from ._invalid import Invalid as Invalid

# Drawn near-misses name the class where users import it (reprs, pickles, docs).
Invalid.__module__ = __name__


def _modules() -> list[ModuleType]:
    """Every public module of this package: one per format (or family of formats)."""
    # __path__ is this package's own; ruff cannot tell while star imports are about.
    found = sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)  # noqa: F405
    return [importlib.import_module(f"{__name__}.{info.name}") for info in found
            if not info.name.startswith("_")]


def _public_names() -> dict[str, object]:
    """What the modules offer by name (their ``__all__``), each name offered once."""
    found: dict[str, object] = {}
    for module in _modules():
        for name in module.__all__:
            if name in found:
                raise ImportError(f"{module.__name__} offers {name}, which another strategy "
                                  "module already offers")
            found[name] = getattr(module, name)
    return found


@cache
def _registry() -> Mapping[str, Callable[..., st.SearchStrategy[Any]]]:
    """The strategy of each format name, as the modules declare them (``STRATEGIES``),
    in the order of the format registry."""
    found: dict[str, Callable[..., st.SearchStrategy[Any]]] = {}
    for module in _modules():
        for name, strategy in getattr(module, "STRATEGIES", {}).items():
            if name in found:
                raise ImportError(f"{module.__name__} declares a strategy for {name!r}, which "
                                  "another strategy module already declares")
            found[name] = strategy
    ranks = {name: rank for rank, name in enumerate(_formats.names())}
    ordered = sorted(found, key=lambda name: (ranks.get(name, len(ranks)), name))
    return MappingProxyType({name: found[name] for name in ordered})


def formats() -> tuple[str, ...]:
    """The format names :func:`for_format` has a strategy for.

    >>> "cron" in formats(), "crontab" in formats()
    (True, False)
    """
    return tuple(_registry())


def for_format(name: str, **options: Any) -> st.SearchStrategy[Any]:
    """The strategy for payloads of the format called ``name``, built with ``options``
    (``zones``, ``features``, ``valid`` ... as that strategy takes them).

    >>> for_format("quartz", features={"seconds"}, valid=False).validate()
    >>> for_format("ical")
    Traceback (most recent call last):
    ...
    cadence.errors.ScheduleError: no strategy for format 'ical'; cadence.strategies draws ...
    """
    strategy = _registry().get(name) if isinstance(name, str) else None
    if strategy is None:
        raise ScheduleError(f"no strategy for format {name!r}; cadence.strategies draws "
                            f"{', '.join(formats())}")
    return strategy(**options)


if TYPE_CHECKING:
    # Type checkers cannot follow the discovery below, so they read the same modules
    # here; a test keeps this list equal to what discovery finds.
    from .bentley_strategies import *  # noqa: F403
    from .campaign_strategies import *  # noqa: F403
    from .cron_strategies import *  # noqa: F403
    from .edfs_strategies import *  # noqa: F403
    from .helix_strategies import *  # noqa: F403
    from .ir_strategies import *  # noqa: F403
    from .rrule_strategies import *  # noqa: F403
    from .systemd_strategies import *  # noqa: F403
    from .timebundle_strategies import *  # noqa: F403
else:
    _PUBLIC = _public_names()
    globals().update(_PUBLIC)
    __all__ = sorted([*_PUBLIC, "Invalid", "for_format", "formats"])
