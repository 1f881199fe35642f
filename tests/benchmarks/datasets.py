"""The two sample practices the benchmarks run on, generated once per day and cached."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(
    os.environ.get("FRACTIONAL_DESK_BENCH_CACHE", Path(tempfile.gettempdir()) / "fd-bench")
)
# Encrypted as a consultant's practice is, unless FRACTIONAL_DESK_BENCH_PLAIN=1 (to compare).
ENCRYPTED = os.environ.get("FRACTIONAL_DESK_BENCH_PLAIN") != "1"


def use_bench_keyring() -> None:
    """The benchmarks' keyring: a file in the cache folder, found by every child process, so an
    encrypted practice opens everywhere without the machine's own keyring being touched."""
    CACHE.mkdir(parents=True, exist_ok=True)
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.file_keyring.FileKeyring"
    os.environ["FRACTIONAL_DESK_TEST_KEYRING"] = str(CACHE / "keyring.json")


@dataclass(frozen=True)
class Dataset:
    name: str
    years: int
    entries: int | None

    def folder(self) -> Path:
        mode = "encrypted" if ENCRYPTED else "plain"
        return CACHE / f"{self.name}-{mode}-{dt.date.today().isoformat()}"


REALISTIC = Dataset("realistic", years=10, entries=None)
STRESS = Dataset("stress", years=10, entries=100_000)


def ensure(dataset: Dataset) -> tuple[Path, float]:
    """The dataset's data folder, and how long generating it took (0 when cached)."""
    folder = dataset.folder()
    if (folder / "ready").exists():
        return folder, 0.0
    if folder.exists():
        for child in folder.iterdir():
            child.unlink() if child.is_file() else None
    command = [
        sys.executable,
        "-m",
        "desktop",
        "demo",
        "--data-dir",
        str(folder),
        "--years",
        str(dataset.years),
    ]
    if dataset.entries:
        command += ["--entries", str(dataset.entries)]
    if ENCRYPTED:
        command.append("--require-encryption")
    started = _now()
    subprocess.run(command, check=True, capture_output=True, text=True)
    elapsed = _now() - started
    (folder / "ready").write_text(f"{elapsed:.3f}\n")
    return folder, elapsed


def _now() -> float:
    import time

    return time.perf_counter()
