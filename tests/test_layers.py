"""The folder layout is the stage diagram, and this test keeps it so.

Every module of `pipeline/` belongs to a layer; a module may import from its own layer and the
layers below it, never from one above (imports inside functions count: hiding an upward arrow
in a function does not make it go away). No two modules may import each other, directly or
round a longer loop. Within `read/`, the geometry shared by PDF pages and text columns imports
no format's reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = ROOT / "pipeline"

# Lowest first. A module's layer is the longest prefix of its dotted name listed here.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("pipeline", "pipeline.core"),
    ("pipeline.rules",),
    ("pipeline.language",),
    ("pipeline.read",),
    ("pipeline.extract",),
    ("pipeline.normalise",),
    ("pipeline.check",),
    ("pipeline.emit",),
    ("pipeline.process",),
    ("pipeline.diff",),
    ("pipeline.build",),
    ("pipeline.cli", "pipeline.__main__"),
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _layer(module: str) -> int:
    best, best_len = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    assert best >= 0, f"{module} is in no layer: add it to LAYERS"
    return best


def _imports(module: str) -> set[str]:
    """The pipeline modules a module imports, anywhere in it."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            if name.startswith("pipeline") and name in MODULES:
                found.add(name)
    found.discard(module)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def test_every_module_is_in_a_layer() -> None:
    for module in MODULES:
        _layer(module)


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    upward = [
        f"{module} ({LAYERS[_layer(module)][0]}) imports {target} ({LAYERS[_layer(target)][0]})"
        for module, targets in GRAPH.items()
        for target in sorted(targets)
        if _layer(target) > _layer(module)
    ]
    assert upward == []


def test_there_are_no_import_cycles() -> None:
    # A package's __init__ re-exporting its own modules is not a cycle of the design.
    def edges(module: str) -> set[str]:
        return {t for t in GRAPH[module] if not module.startswith(t + ".") and not t.startswith(module + ".")}

    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges(module)):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target] if target in path else [module, target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_shared_geometry_imports_no_format_reader() -> None:
    formats = ("pipeline.read.pdf", "pipeline.read.docx", "pipeline.read.text", "pipeline.read.html")
    wrong = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if module.startswith("pipeline.read.geometry")
        for target in targets
        if target.startswith(formats)
    ]
    assert wrong == []


def test_the_layer_test_sees_an_upward_import() -> None:
    """The walker itself: a stage importing the build would be caught."""
    assert _layer("pipeline.extract.plan_table") < _layer("pipeline.build.run")
    assert "pipeline.core.model" in GRAPH["pipeline.extract.records"]
