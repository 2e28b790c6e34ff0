"""No import cycles inside afspraken: the stages depend on each other one way."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "afspraken"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(node: ast.AST, here: str, is_package: bool) -> list[str]:
    """The afspraken modules an import statement names (a name imported from a package counts
    as its submodule when there is one)."""
    names: list[str] = []
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parent = here.split(".") if is_package else here.split(".")[:-1]
            parent = parent[: len(parent) - node.level + 1]
            base = ".".join([*parent, base] if base else parent)
        names = [base, *(f"{base}.{a.name}" for a in node.names)]
    return [n for n in names if n == "afspraken" or n.startswith("afspraken.")]


def graph(function_level: bool) -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {  # `if TYPE_CHECKING:` imports run only for a type checker
            id(n) for block in ast.walk(tree) if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
            for stmt in block.body for n in ast.walk(stmt)
        }
        nodes = ast.walk(tree) if function_level else tree.body
        for node in nodes:
            if id(node) in typing_only or (not function_level and isinstance(node, ast.If)):
                continue
            for target in imported(node, name, path.name == "__init__.py"):
                if target in modules and target != name:
                    edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                found.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def ancestors(name: str) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def test_module_level_imports_have_no_cycle():
    edges = graph(function_level=False)
    # A package's __init__ runs before its submodules: `afspraken.x.y` importing `afspraken.x` is fine.
    edges = {m: {t for t in ts if t not in ancestors(m)} for m, ts in edges.items()}
    assert cycles(edges) == []


def test_imports_inside_functions_have_no_cycle_either():
    """Deferred imports keep start-up fast; they must not hide a cycle between stages."""
    edges = graph(function_level=True)
    edges = {m: {t for t in ts if t not in ancestors(m)} for m, ts in edges.items()}
    assert cycles(edges) == []


def test_the_checker_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_each_shared_option_is_defined_once():
    """An option used by several commands is defined in commands/options.py, with one help text."""
    import re

    from collections import Counter

    counts: Counter[str] = Counter()
    for path in (PACKAGE / "commands").glob("*.py"):
        if path.name != "options.py":
            counts.update(re.findall(r'(?:click\.)?option\(\s*"(--[a-z-]+)"', path.read_text(encoding="utf-8")))
    # --format of check takes FORMAT[:FILE] (the others: output_format), --fail-on of diff counts only new findings.
    meant_differently = {"--format", "--fail-on"}
    assert [name for name, n in counts.items() if n > 1 and name not in meant_differently] == []
    text = (PACKAGE / "commands" / "options.py").read_text(encoding="utf-8")
    assert all(f'"{name}"' in text for name in ("--output", "--regelset", "--plugin", "--config", "--lang"))
