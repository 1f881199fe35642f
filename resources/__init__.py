"""Packaged assets: icons, the style sheet and the Word template, loaded with importlib.resources."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A packaged file, wherever the app is installed (or frozen by PyInstaller)."""
    path = files("resources")
    for part in parts:
        path = path / part
    return path
