"""The package's layering: no import cycle, MkDocs only in its adapter, argparse only in the CLI.

The import graph is read with `ast` from the source, so an import hidden inside a function
counts as much as one at the top of a module (a function-level import that only dodges a cycle
is still a cycle). Imports under `if TYPE_CHECKING:` are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "keepopen"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Every module `tree` imports at run time, at any depth, as absolute dotted names."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from pkg import name` may import the submodule `pkg.name`.
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _graph() -> dict[str, set[str]]:
    """For each module of the package, the package's modules it imports."""
    sources = {_module_name(path): path for path in sorted((SRC / PACKAGE).rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for module, path in sources.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        imported = _imports(tree, module, path.name == "__init__.py")
        ancestors = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
        # Importing `a.b.c` runs `a/__init__` and `a/b/__init__` first, unless they are
        # packages `module` itself sits in (those have started running already).
        implied = {
            ".".join(name.split(".")[:i])
            for name in imported
            for i in range(1, name.count(".") + 1)
        }
        graph[module] = {
            name
            for name in imported | implied
            if name in sources and name != module and name not in ancestors
        }
    return graph


def external_imports() -> dict[str, set[str]]:
    """For each module of the package, the top-level names of what it imports from outside."""
    out: dict[str, set[str]] = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        imported = _imports(tree, module, path.name == "__init__.py")
        out[module] = {name.split(".")[0] for name in imported if name}
    return out


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path `[a, b, ..., a]`, or None (depth-first search)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_find_cycle_reports_the_path() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_function_level_and_type_checking_imports() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from keepopen.a import X\n"
        "def f():\n    from keepopen.b import y\n"
        "from . import c\n"
    )
    found = _imports(tree, "keepopen.pkg.mod", is_package=False)
    assert "keepopen.b" in found and "keepopen.pkg.c" in found
    assert "keepopen.a" not in found


def test_no_import_cycle() -> None:
    cycle = find_cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_only_the_mkdocs_adapter_imports_mkdocs() -> None:
    offenders = sorted(
        module
        for module, names in external_imports().items()
        if "mkdocs" in names and not module.startswith(f"{PACKAGE}.mkdocs_plugin")
    )
    assert offenders == [], f"MkDocs imported outside keepopen.mkdocs_plugin: {offenders}"


def test_only_the_cli_imports_argparse() -> None:
    offenders = sorted(
        module
        for module, names in external_imports().items()
        if "argparse" in names and not module.startswith(f"{PACKAGE}.cli")
    )
    assert offenders == [], f"argparse imported outside keepopen.cli: {offenders}"
