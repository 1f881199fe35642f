"""The temporary files a replacement of the file (`file_swap`) leaves behind when a kill cuts it
short: their names, and where to look for them (`settle` asks before it loads the swap)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from storage.file.backup_names import backups_folder

ASIDE_PREFIX = ".swap-aside-"
TEMP_PREFIXES = (".restore-", ".convert-", ".partial-", ASIDE_PREFIX)


def temporary_files(data_dir: Path) -> list[Path]:
    """Temporary files and folders of operations that ended without cleaning up."""
    found: list[Path] = []
    for folder in (data_dir, backups_folder(data_dir)):
        with contextlib.suppress(OSError):
            found += [p for p in folder.iterdir() if is_temporary(p.name)]
    with contextlib.suppress(OSError):
        prefix = f".{data_dir.name}.building-"
        found += [p for p in data_dir.parent.iterdir() if p.name.startswith(prefix)]
    return found


def is_temporary(name: str) -> bool:
    if name.startswith(".building-") or name.startswith(TEMP_PREFIXES):
        return True
    return name.startswith(".") and name.endswith(".tmp") and "fractional-desk" in name
