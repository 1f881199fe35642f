"""What every open asks first: did a replacement of the file (`file_swap`) leave its journal or
temporary files behind? Answered with a `stat` and a folder listing; the swap machinery (locks,
gates, the journal's steps, backups) is loaded only when there is something to finish or remove,
so a read command does not pay for it."""

from __future__ import annotations

from pathlib import Path

from storage.file.db import swap_was_cut_short
from storage.file.leftovers import temporary_files


def settle(data_dir: Path, *, sweep: bool = False) -> bool:
    """`file_swap.settle` (finish or undo an operation a kill cut short; with `sweep`, remove
    the temporary files nobody owns), which is loaded only when there is a journal or, with
    `sweep`, a temporary file. True when something was finished or undone."""
    data_dir = Path(data_dir)
    if not swap_was_cut_short(data_dir) and not (sweep and temporary_files(data_dir)):
        return False
    from storage.file import file_swap

    return file_swap.settle(data_dir, sweep=sweep)
