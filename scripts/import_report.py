#!/usr/bin/env python3
"""Import figures of the egovnet package, reproducible from the source alone (ast, nothing imported).

    python scripts/import_report.py            # the summary figures
    python scripts/import_report.py --list     # plus every cross-app function-local and upward import
    python scripts/import_report.py --root DIR # another checkout (e.g. ``git worktree add DIR <commit>``)

Figures:
- function-local imports: ``import`` statements inside a function body (all / across apps);
- upward imports: an import (module-level or local) from a lower layer into a higher one, by LAYERS below
  (the layer order of docs/architecture.md);
- module cycles: strongly connected components of the module graph (module-level and local imports, as
  ``lint-imports`` counts them), each listed with its modules;
- fixtures and factories in the tests: ``make_org``/``make_user``/``build_world``/``world`` definitions and
  every ``@pytest.fixture``.
Tests (``tests/`` folders, conftest.py) and migrations are left out of the import figures.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(sys.argv[sys.argv.index("--root") + 1]) if "--root" in sys.argv else Path(__file__).resolve().parent.parent
PKG = ROOT / "egovnet"

# Lowest first, as the ``layers`` contract in pyproject.toml and docs/architecture.md. Apps in one tuple are one
# layer (they may import each other); an import from an earlier layer into a later one is "upward". The pure
# engine (engine, facts, packs, placement: no Django) is the bottom layer.
LAYERS: list[tuple[str, ...]] = [
    ("egovnet.policy.engine", "egovnet.policy.facts", "egovnet.policy.packs", "egovnet.policy.placement"),
    ("egovnet.core",),
    ("egovnet.geo",),
    ("egovnet.policy",),
    ("egovnet.orgs", "egovnet.networks", "egovnet.systems"),
    ("egovnet.migration", "egovnet.projects"),
    ("egovnet.exchange", "egovnet.reports"),
    ("egovnet.demo",),
    ("egovnet.cli", "egovnet.urls", "egovnet.wsgi", "egovnet.settings"),
]

FACTORY_NAMES = {"make_org", "make_user", "build_world", "world", "make_division", "make_system", "make_network"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_test(path: Path) -> bool:
    rel = path.relative_to(PKG).parts
    return "tests" in rel or "migrations" in rel or rel[-1] == "conftest.py"


def layer_of(mod: str) -> int | None:
    best, best_len = None, -1
    for i, layer in enumerate(LAYERS):
        for prefix in layer:
            if (mod == prefix or mod.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = i, len(prefix)
    return best


def app_of(mod: str) -> str:
    return ".".join(mod.split(".")[:2])


def resolve(node: ast.ImportFrom | ast.Import, here: str, is_pkg: bool, modules: set[str]) -> list[str]:
    """The egovnet modules an import statement names (``from a import b`` counts a.b when b is a module)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.startswith("egovnet")]
    base = node.module or ""
    if node.level:
        pkg = here.split(".") if is_pkg else here.split(".")[:-1]
        pkg = pkg[: len(pkg) - (node.level - 1)]
        base = ".".join(pkg + ([base] if base else []))
    if not base.startswith("egovnet"):
        return []
    out = []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        out.append(sub if sub in modules else base)
    return out


def collect():
    files = [p for p in PKG.rglob("*.py") if not is_test(p)]
    modules = {module_name(p) for p in files}
    edges = []  # (src, dst, local, lineno)
    in_ready = set()  # (src, lineno) of imports inside AppConfig.ready (Django's documented place for them)
    for path in files:
        here = module_name(path)
        tree = ast.parse(path.read_text(), str(path))
        local_nodes = set()
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                for n in ast.walk(fn):
                    if isinstance(n, ast.Import | ast.ImportFrom):
                        local_nodes.add(id(n))
                        if fn.name == "ready":
                            in_ready.add((here, n.lineno))
        for n in ast.walk(tree):
            if isinstance(n, ast.Import | ast.ImportFrom):
                if isinstance(n, ast.ImportFrom) and n.module == "__future__":
                    continue
                local = id(n) in local_nodes
                targets = resolve(n, here, path.name == "__init__.py", modules)
                if local and not targets:
                    edges.append((here, None, True, n.lineno))
                for dst in dict.fromkeys(targets):
                    if dst != here:
                        edges.append((here, dst, local, n.lineno))
    return modules, edges, in_ready


def sccs(graph: dict[str, set[str]]) -> list[list[str]]:
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def nearest_module(mod: str, modules: set[str]) -> str:
    while mod not in modules and "." in mod:
        mod = mod.rsplit(".", 1)[0]
    return mod


def fixture_counts() -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for path in PKG.rglob("*.py"):
        if not is_test(path):
            continue
        for n in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(n, ast.FunctionDef):
                if n.name in FACTORY_NAMES:
                    counts[n.name] += 1
                if any("fixture" in ast.unparse(d) for d in n.decorator_list):
                    counts["@pytest.fixture (all)"] += 1
    return dict(sorted(counts.items()))


def main() -> int:
    listing = "--list" in sys.argv
    modules, edges, in_ready = collect()
    local = [e for e in edges if e[2]]
    local_stmts = {(s, ln) for s, _, loc, ln in edges if loc}
    cross_local = [e for e in local if e[1] and app_of(e[0]) != app_of(e[1])]
    upward = []
    for src, dst, loc, ln in edges:
        if not dst:
            continue
        ls, ld = layer_of(src), layer_of(dst)
        if ls is not None and ld is not None and ld > ls:
            upward.append((src, dst, loc, ln))
    graph: dict[str, set[str]] = defaultdict(set)
    for src, dst, _, _ in edges:
        if dst:
            graph[src].add(nearest_module(dst, modules))
    cycles = sccs(graph)
    top_graph: dict[str, set[str]] = defaultdict(set)
    for src, dst, loc, _ in edges:
        if dst and not loc:
            top_graph[src].add(nearest_module(dst, modules))
    top_cycles = sccs(top_graph)
    print(f"modules (non-test): {len(modules)}")
    print(f"function-local import statements: {len(local_stmts)}")
    print(f"cross-app function-local imports: {len(cross_local)}", end="")
    print(f" ({sum(1 for e in cross_local if (e[0], e[3]) in in_ready)} in AppConfig.ready)")
    print(f"upward imports (by LAYERS): {len(upward)} ({sum(1 for u in upward if not u[2])} module-level)")
    print(f"module cycles (all imports): {len(cycles)}")
    for c in cycles:
        print("   ", " <-> ".join(c))
    print(f"module cycles (module-level imports only): {len(top_cycles)}")
    for c in top_cycles:
        print("   ", " <-> ".join(c))
    print("fixtures and factories in tests:")
    for name, n in fixture_counts().items():
        print(f"    {name}: {n}")
    if listing:
        print("\ncross-app function-local imports:")
        for src, dst, _, ln in sorted(cross_local):
            print(f"    {src}:{ln} -> {dst}")
        print("\nupward imports:")
        for src, dst, loc, ln in sorted(upward):
            print(f"    {src}:{ln} -> {dst}{' (local)' if loc else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
