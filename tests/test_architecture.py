"""The shape of the house, read from the imports: no cycles, and no edge that points up.

Every import counts, lazy ones inside functions and ``TYPE_CHECKING`` ones too, since
each of them ties the importing module to the imported one. The layers, lowest first:

- facts: ``errors``, ``_calendar``, ``_problems``, ``_zones``, ``_moments``,
  ``_durations``, ``limits``,
  ``_json_input``, ``_grammar`` (the only module that imports lark);
- ``ir``: the recurrence IR;
- ``formats``: one module per format, and the registry;
- the engine (``_compile``, ``_evaluate``, ``_sets``, ``_tz``, ``_tzdb``) and ``schedule``;
- the API and the faces (everything else).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "cadence"

#: Modules nothing of cadence may sit below: they import no cadence module but these.
FACTS: Mapping[str, frozenset[str]] = {
    "cadence.errors": frozenset(),
    "cadence._calendar": frozenset(),
    "cadence._moments": frozenset({"cadence.errors"}),
    "cadence._durations": frozenset({"cadence.errors"}),
    "cadence._zones": frozenset({"cadence.errors"}),
    "cadence._problems": frozenset({"cadence.errors"}),
    "cadence.limits": frozenset({"cadence.errors", "cadence._problems"}),
    "cadence._json_input": frozenset({"cadence.errors", "cadence._problems", "cadence.limits"}),
    "cadence._grammar": frozenset({"cadence.errors"}),
}
#: Where ``describe`` lives: the ``text`` format's module and its writer.
DESCRIBE = frozenset({"cadence.formats.text", "cadence.formats._text"})
#: The format modules (``formats/rrule.py``...): each, with its private modules
#: (``formats/_rrule.py``, ``formats/_ical_events.py``...), reads or writes its format.
FORMAT_MODULES = frozenset(path.stem for path in (PACKAGE / "formats").glob("[!_]*.py"))
#: What the IR may import.
IR_ALLOWED = frozenset({"cadence._calendar", "cadence._moments", "cadence._zones",
                        "cadence.errors"})
#: What no format module may import: the engine, the schedule, the API and the faces.
ABOVE_FORMATS = frozenset({
    "cadence._compile", "cadence._evaluate", "cadence._sets", "cadence._tz", "cadence._tzdb",
    "cadence._working", "cadence.schedule",
    "cadence._api", "cadence.cli", "cadence.convert", "cadence.validate", "cadence.lint",
    "cadence._equivalence", "cadence.matrix", "cadence.strategies",
    "cadence.bentley", "cadence.helix", "cadence",
})

#: The faces beside the CLI: adapters for other schedulers, the croniter facade and the
#: HTTP service. They import the public API; nothing of cadence imports them (each
#: imports its own package), the CLI's command that starts the service aside.
FACES = ("cadence.integrations", "cadence.compat", "cadence.serve")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, name: str) -> set[str]:
    """Every cadence module ``name`` (the module at ``path``) imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("cadence"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("cadence"):
                continue
            if node.module is None:  # from . import _wording as wording: the names are modules
                found.update(f"{target}.{alias.name}" for alias in node.names)
            else:
                found.add(target)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the cadence modules it imports (names resolved to existing modules)."""
    raw = {module_name(path, root): (path, set[str]())
           for path in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, (path, _) in raw.items():
        edges = set()
        for target in imports_of(path, name):
            while target not in raw and "." in target:  # a name imported from a module
                target = target.rpartition(".")[0]
            if target in raw and target != name:
                edges.add(target)
        graph[name] = edges
    return graph


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (or a self-loop),
    found without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, ()):
                    found.append(sorted(component))
    return found


def forbidden_edges(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """Every import that points up a layer, as ``importer -> imported (why)``."""
    wrong: list[str] = []
    for name, targets in sorted(graph.items()):
        for target in sorted(targets):
            why = _why_forbidden(name, target)
            if why:
                wrong.append(f"{name} -> {target} ({why})")
    return wrong


def _why_forbidden(name: str, target: str) -> str:
    if name in FACTS and target not in FACTS[name]:
        return "calendar facts, problems, zones and the grammar wall import nothing above"
    if name == "cadence.ir" and target not in IR_ALLOWED:
        return "the IR imports only the facts below it"
    if name == "cadence._ir_json" and target != "cadence.ir" and target not in FACTS:
        return "the IR's JSON form reads and writes the IR alone: no format, no engine"
    is_format = name.startswith("cadence.formats")
    if is_format and (target in ABOVE_FORMATS or target.startswith("cadence.cli.")):
        return "formats never import the engine, Schedule, the API or a face"
    reads_text = target in ("cadence._api", "cadence._grammar") or (
        target.startswith("cadence.formats.") and _format_of(target) not in (None, "text"))
    if name in DESCRIBE and reads_text:
        return "describe works from the IR and reads no text"
    in_cli = name == "cadence.cli" or name.startswith("cadence.cli.")
    if ((target == "cadence.cli" or target.startswith("cadence.cli."))
            and name != "cadence.__main__" and not in_cli):
        return "nothing but __main__ imports the CLI (its own modules aside)"
    face = next((package for package in FACES
                 if target == package or target.startswith(f"{package}.")), None)
    starts_it = face == "cadence.serve" and name.startswith("cadence.cli.")
    if face and not (name == face or name.startswith(f"{face}.")) and not starts_it:
        return "nothing imports a face (the integrations, the croniter facade) but itself"
    if ("lark" in target) and name != "cadence._grammar":
        return "lark stays behind the grammar wall"
    return ""


def _format_of(module: str) -> str | None:
    """The format module that ``module`` of ``cadence.formats`` belongs to, if any."""
    stem = module.rpartition(".")[2].lstrip("_")
    return next((name for name in FORMAT_MODULES
                 if stem == name or stem.startswith(f"{name}_")), None)


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(import_graph(PACKAGE)) == []


def test_no_import_points_up_a_layer() -> None:
    assert forbidden_edges(import_graph(PACKAGE)) == []


def test_only_the_grammar_module_imports_lark() -> None:
    importers: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name.split(".")[0] == "lark" for name in names):
                importers.add(path.name)
    assert importers == {"_grammar.py"}


def private_names_of_other_formats(path: Path) -> list[str]:
    """``module.name`` for each private name a format module imports from another
    format module (the formats' own shared modules, ``formats._*``, are theirs)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            if node.module.startswith("_"):
                continue
            found.extend(f"{node.module}.{alias.name}" for alias in node.names
                         if alias.name.startswith("_"))
    return found


def test_formats_import_no_private_name_of_another_format() -> None:
    borrowed = {path.name: private_names_of_other_formats(path)
                for path in sorted((PACKAGE / "formats").glob("*.py"))}
    assert {name: names for name, names in borrowed.items() if names} == {}


def test_borrowing_a_private_name_is_reported(tmp_path: Path) -> None:
    module = tmp_path / "edfs.py"
    module.write_text("from .cron import _UTC_NAMES, emit_cron\nfrom ._contract import x\n")
    assert private_names_of_other_formats(module) == ["cron._UTC_NAMES"]


def test_no_two_modules_share_a_name() -> None:
    names = [path.stem for path in PACKAGE.rglob("*.py") if path.stem != "__init__"]
    assert sorted({name for name in names if names.count(name) > 1}) == []


# -- the checks can fail -----------------------------------------------------------------


def test_a_cycle_is_found_however_long() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set[str]()}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"a"}}) == [["a"]]
    assert cycles({"a": {"b"}, "b": set[str]()}) == []


@pytest.mark.parametrize(("importer", "imported"), [
    ("cadence.ir", "cadence._compile"),
    ("cadence._calendar", "cadence.ir"),
    ("cadence._problems", "cadence.validate"),
    ("cadence.formats.cron", "cadence.schedule"),
    ("cadence.formats.rrule", "cadence._evaluate"),
    ("cadence.formats.campaign", "cadence._api"),
    ("cadence.formats.text", "cadence.formats.cron"),
    ("cadence.formats._text", "cadence.formats._rrule"),
    ("cadence.formats._text", "cadence.formats._ical_events"),
    ("cadence.formats._text", "cadence._grammar"),
    ("cadence._api", "cadence.cli"),
    ("cadence.schedule", "cadence.cli._sources"),
    ("cadence.formats.cron", "cadence.cli._sources"),
    ("cadence._api", "cadence.integrations.celery"),
    ("cadence._ir_json", "cadence.formats"),
    ("cadence._ir_json", "cadence.schedule"),
    ("cadence.schedule", "cadence.compat.croniter"),
    ("cadence.cli._commands", "cadence.integrations.apscheduler"),
])
def test_an_edge_that_points_up_is_reported(importer: str, imported: str) -> None:
    assert forbidden_edges({importer: {imported}}) != []


def test_lazy_and_type_checking_imports_count(tmp_path: Path) -> None:
    package = tmp_path / "cadence"
    (package / "formats").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "schedule.py").write_text("")
    (package / "formats" / "__init__.py").write_text("")
    (package / "formats" / "late.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ..schedule import Schedule\n"
        "def f():\n    from .. import schedule\n    return schedule\n")
    graph = import_graph(package)
    assert graph["cadence.formats.late"] == {"cadence.schedule"}
    assert forbidden_edges(graph) == [
        "cadence.formats.late -> cadence.schedule (formats never import the engine, "
        "Schedule, the API or a face)"]
