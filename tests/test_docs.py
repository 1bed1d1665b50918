"""Every docstring example in the package runs and prints what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import cadence

SUBMODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(cadence.__path__, "cadence.")
    if name != "cadence.__main__"
)
MODULES = ["cadence", *SUBMODULES]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as missing:
        # An integration whose scheduler is not installed here (APScheduler 4's module
        # beside APScheduler 3): its own tests run its examples where it is installed.
        if not name.startswith("cadence.integrations.") or (missing.name or "cadence"
                                                            ).startswith("cadence"):
            raise
        pytest.skip(str(missing))
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
