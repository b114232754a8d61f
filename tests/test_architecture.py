"""The package's shape: stages as layers (import-linter), no import cycles, a light top-level import, one name per class."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict

import grimp
import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    """Every import between digimandate's modules, function-level imports included."""
    return grimp.build_graph("digimandate", cache_dir=None)


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The groups of modules that import each other in a circle (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles(graph: grimp.ImportGraph) -> None:
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    fake = grimp.ImportGraph()
    for name in ("p", "p.a", "p.b", "p.c"):
        fake.add_module(name)
    fake.add_import(importer="p.a", imported="p.b")
    fake.add_import(importer="p.b", imported="p.a")
    fake.add_import(importer="p.c", imported="p.a")
    assert cycles(fake) == [["p.a", "p.b"]]


def test_import_contracts_hold() -> None:
    command = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command(['--no-cache']))"
    lint = subprocess.run([sys.executable, "-c", command], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "0 broken" in lint.stdout


def test_importing_the_package_loads_no_renderer_and_no_cli() -> None:
    code = ("import sys, digimandate; bad = sorted(m for m in sys.modules if m.startswith(('digimandate.render', "
            "'digimandate.cli'))); print(bad)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_class_name_is_defined_twice() -> None:
    # two classes of one name (two Context, two Source) make every import a question of which one is meant
    defined: dict[str, list[str]] = defaultdict(list)
    for path in sorted((ROOT / "digimandate").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                defined[node.name].append(str(path.relative_to(ROOT)))
    assert {name: paths for name, paths in defined.items() if len(paths) > 1} == {}
