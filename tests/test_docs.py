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
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
