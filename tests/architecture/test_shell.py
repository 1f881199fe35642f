"""The shell wires, it is not reached into: the groups of actions get a ShellContext and never
import the main window, and the product keeps references to its widgets instead of looking
them up by object name."""

from __future__ import annotations

import ast

from tests.architecture.test_house import MODULES, ROOT, _imported

LOOKUPS = {"findChild", "findChildren", "objectName"}


def test_only_the_application_imports_the_main_window() -> None:
    """Not even under TYPE_CHECKING: a group of actions knows the window only as its context."""
    importers = {m for m, p in MODULES.items() if "desktop.main_window" in dict(_imported(m, p))}
    assert importers == {"desktop.app"}


def test_the_product_finds_no_widget_by_its_object_name() -> None:
    found = []
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = node.func if isinstance(node, ast.Call) else None
            if isinstance(func, ast.Attribute) and func.attr in LOOKUPS:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {func.attr}")
    assert found == []
