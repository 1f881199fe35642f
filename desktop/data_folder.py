"""Where the consultant's data lives: --data-dir, then FRACTIONAL_DESK_DATA_DIR, then the OS default."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "FRACTIONAL_DESK_DATA_DIR"


def resolve(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    from platformdirs import user_data_path  # only when no folder was named: a command given one

    return user_data_path("Fractional Desk", appauthor=False)
