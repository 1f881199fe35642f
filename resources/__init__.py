"""Packaged assets: icons, the style sheet and the Word template, found beside this module.

They are plain files wherever the app runs (a source checkout, an installed package, or the
folder PyInstaller makes), so a path is all it takes; `importlib.resources` would cost the window
its own import before the first paint.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def resource(*parts: str) -> Path:
    """A packaged file, wherever the app is installed (or frozen by PyInstaller)."""
    return HERE.joinpath(*parts)
