"""A package face that loads a module on the first use of one of its names (PEP 562).

A face names its whole API, but a command that reads one week needs a few of those modules: with
every face importing all of its modules, `report week` loaded the writers, backups, conversions
and sqlite-utils before its first query. A lazy face keeps the same names (and `__all__`) and
imports each module the first time one of its names is asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_face(
    package: str, names: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """`__getattr__` and `__dir__` for `package`: `names` maps each public name to
    "module" (the module itself) or "module:attribute"."""

    def get(name: str) -> Any:
        try:
            where = names[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        module_name, _, attribute = where.partition(":")
        __import__(module_name)  # the import statement's path: `-X importtime` sees it
        value = sys.modules[module_name]
        if attribute:
            value = getattr(value, attribute)
        setattr(sys.modules[package], name, value)  # asked once: a plain attribute from now on
        return value

    def listing() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(names))

    return get, listing
