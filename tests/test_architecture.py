"""The layout stays honest: imports point downward (import-linter), no module imports itself
back through others, and the library imports at the top of its modules."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import grimp

from .conftest import ROOT
from .test_code_quality import tool

PACKAGE = ROOT / "src" / "competency_kit"
FRONT_ENDS = ("cli", "web")
"""Front ends import the library inside their commands, so that start-up stays fast."""
GUARDED_IMPORTS = {
    ("pdf", "doctor.py"): {"weasyprint.text"},
    ("pdf", "lazy.py"): {"competency_kit.pdf"},
    ("app", "guard.py"): {
        "competency_kit.excel.gap.review",
        "competency_kit.excel.mapping.contents",
        "competency_kit.excel.versions.diff_workbook",
    },
    ("app", "inputs.py"): {"competency_kit.excel.mapping.reader"},
}
"""Imports tried where their failure is the thing reported (doctor reports a missing Pango),
the engine, imported only when a document is rendered (a re-run with nothing changed never
pays for WeasyPrint), and the workbook readers, imported only when there is a workbook to
read (a document run over a YAML curriculum never pays for openpyxl)."""


def test_import_contracts_are_kept() -> None:
    result = subprocess.run([tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            groups.append(group)

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycles_counting_imports_inside_functions() -> None:
    built = grimp.build_graph("competency_kit", cache_dir=None)
    graph = {m: built.find_modules_directly_imported_by(m) for m in built.modules}
    # A package's __init__ naming its own modules is how a package is put together, not a cycle.
    for module, imported in graph.items():
        graph[module] = {m for m in imported if not module.startswith(m + ".")}
    cycles = [sorted(group) for group in strongly_connected(graph) if len(group) > 1]
    assert cycles == []


def test_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [sorted(g) for g in strongly_connected(graph) if len(g) > 1] == [["a", "b", "c"]]


def nested_imports(path: Path) -> list[str]:
    """``line: module`` for every import inside a function or class body of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom):
                    found.append(f"{inner.lineno}: {inner.module}")
                elif isinstance(inner, ast.Import):
                    found += [f"{inner.lineno}: {alias.name}" for alias in inner.names]
    return found


def test_the_library_imports_at_the_top_of_its_modules() -> None:
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if parts[0] in FRONT_ENDS:
            continue
        allowed = GUARDED_IMPORTS.get(parts, set())
        nested = [i for i in nested_imports(path) if i.split(": ")[1] not in allowed]
        if nested:
            offenders["/".join(parts)] = nested
    assert offenders == {}
