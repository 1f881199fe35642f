"""The import layers: storage and exporters never import Qt; nothing imports desktop."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(package: str) -> list[tuple[Path, str]]:
    found = []
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
    return found


@pytest.mark.parametrize("package", ["storage", "exporters"])
def test_core_never_imports_qt(package: str) -> None:
    leaks = [(p, m) for p, m in _imports(package) if m.split(".")[0] in {"PySide6", "shiboken6"}]
    assert leaks == []


@pytest.mark.parametrize("package", ["widgets", "storage", "exporters"])
def test_nothing_imports_desktop(package: str) -> None:
    leaks = [(p, m) for p, m in _imports(package) if m.split(".")[0] == "desktop"]
    assert leaks == []


def test_storage_never_imports_exporters_or_widgets() -> None:
    leaks = [(p, m) for p, m in _imports("storage") if m.split(".")[0] in {"exporters", "widgets"}]
    assert leaks == []


def test_import_linter_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cli_subcommands_do_not_load_qt() -> None:
    code = (
        "import sys; from desktop.cli import build_parser; build_parser(); "
        "import desktop.commands.common; print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


SQL_CALLS = {"execute", "executemany", "executescript", "query"}
SQL_TEXT = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"CREATE\s+(TABLE|INDEX|VIEW|TRIGGER)|DROP\s+TABLE|ALTER\s+TABLE|PRAGMA\s+\w+)",
    re.DOTALL,
)


def _sql_in(path: Path) -> list[str]:
    """Calls that run SQL and string constants that spell it, with their line numbers."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documents = {id(doc) for doc in _docstrings(tree)}  # prose may name SQL; it runs none
    for node in ast.walk(tree):
        if id(node) in documents:
            continue
        call = node.func.attr if isinstance(node, ast.Call) and hasattr(node.func, "attr") else ""
        if call in SQL_CALLS:
            found.append(f"{path.name}:{node.lineno} .{call}(")
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and SQL_TEXT.search(text):
            found.append(f"{path.name}:{node.lineno} SQL text")
    return found


def _docstrings(tree: ast.AST) -> list[ast.AST]:
    owners = [tree, *(n for n in ast.walk(tree) if isinstance(n, DOCUMENTED))]
    return [
        owner.body[0].value  # type: ignore[attr-defined]
        for owner in owners
        if owner.body and isinstance(owner.body[0], ast.Expr)  # type: ignore[attr-defined]
    ]


DOCUMENTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@pytest.mark.parametrize("package", ["widgets", "desktop"])
def test_only_storage_runs_sql(package: str) -> None:
    """Widgets and the window ask storage; only storage talks SQL (a rule lives in one place)."""
    leaks = [leak for path in (ROOT / package).rglob("*.py") for leak in _sql_in(path)]
    assert leaks == []


def test_the_sql_check_sees_a_query(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Reads `SELECT id FROM t`."""\ndb.execute("SELECT id FROM t")\nrows = db.query(sql)\n'
        'sql = f"DELETE FROM t WHERE id = {x}"\n',
        encoding="utf-8",
    )
    assert len(_sql_in(sample)) == 4
