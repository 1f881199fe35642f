"""The house: storage is a handful of packages with a public face each, the layers above import
only those faces, and no module of the product imports itself back through a circle."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("desktop", "widgets", "exporters", "storage")
STORAGE_PACKAGES = {
    "rules", "file", "practice", "time", "decisions", "exit_plan", "billing", "portfolio",
    "scope", "transfer", "sample", "updates", "sync",
}  # fmt: skip


def _modules() -> dict[str, Path]:
    found = {}
    for package in PRODUCT:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imported(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """Each module of the product that `module` imports (at any depth in the file), resolved to
    the deepest module that exists: `from storage.time import timer` is `storage.time.timer`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            target = _owner(name)
            if target and target != module:
                yield target, node.lineno


def _owner(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _graph() -> dict[str, set[str]]:
    return {m: {t for t, _ in _imported(m, p)} for m, p in MODULES.items()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_of_the_product_imports_itself_through_a_circle() -> None:
    """Imports inside functions count too: a lazy import hides a circle, it does not break it.
    A package's face importing its own modules is not a circle (the parent edge is implied)."""
    graph = _graph()
    for module, targets in graph.items():
        targets.discard(module.rpartition(".")[0])  # a module's own package is loaded first
    assert _circles(graph) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_storage_is_a_handful_of_packages_with_a_face_each() -> None:
    top = {p.name for p in (ROOT / "storage").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert top == STORAGE_PACKAGES
    loose = {p.name for p in (ROOT / "storage").glob("*.py")}
    assert loose == {"__init__.py", "sqlite.py"}  # the face, and the driver chosen first
    for package in STORAGE_PACKAGES:
        assert (ROOT / "storage" / package / "__init__.py").read_text(encoding="utf-8").strip()


def test_the_layers_above_import_storage_only_through_its_faces() -> None:
    faces = {"storage", "storage.sqlite"} | {f"storage.{p}" for p in STORAGE_PACKAGES}
    behind = []
    for module, path in MODULES.items():
        if module.startswith("storage"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            behind += [
                f"{path.relative_to(ROOT)}:{node.lineno} {name}"
                for name in names
                if name.startswith("storage.") and name not in faces
            ]
    assert behind == []


def test_a_face_exports_only_what_it_names() -> None:
    """Each face lists its API in `__all__`, and every name it lists is there."""
    import importlib

    for package in STORAGE_PACKAGES - {"sample"}:
        face = importlib.import_module(f"storage.{package}")
        assert face.__all__, package
        missing = [name for name in face.__all__ if not hasattr(face, name)]
        assert missing == [], package


def test_storage_inside_imports_modules_never_a_faces_names() -> None:
    """Inside storage, `from storage.<package> import x` names a module of that package: a face
    imports all of its modules, so reaching a name through one from inside starts a package
    before the module that defines the name has run."""
    through_a_face = []
    for module, path in MODULES.items():
        if not module.startswith("storage.") or path.name == "__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            parts = node.module.split(".")
            if len(parts) != 2 or parts[0] != "storage" or parts[1] not in STORAGE_PACKAGES:
                continue
            through_a_face += [
                f"{path.relative_to(ROOT)}:{node.lineno} {alias.name}"
                for alias in node.names
                if f"{node.module}.{alias.name}" not in MODULES
            ]
    assert through_a_face == []
