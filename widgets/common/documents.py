"""A document a tab asks the window to save: what to call it, which kinds of file, and how to
write it. The window's export flow asks where, writes it off the UI thread, and says it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


Write = Callable[[Path, "Database"], Path]  # on a worker connection: write the path, return it


@dataclass(frozen=True)
class DocumentRequest:
    label: str  # "Invoice 2026-0042", for the save dialog's title
    name: str  # the proposed file name, without the folder
    extensions: tuple[str, ...]  # ".docx", ".csv": the first is the default
    write: Write
