"""The two sample practices the benchmarks run on, each plain and encrypted, generated once per
day and cached; and the keyring the encrypted ones keep their keys in."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(
    os.environ.get("FRACTIONAL_DESK_BENCH_CACHE", Path(tempfile.gettempdir()) / "fd-bench")
)
ROOT = Path(__file__).resolve().parents[2]
WITH_SECRET_SERVICE = ROOT / ".ci" / "with-secret-service"
REAL_KEYRING = "FRACTIONAL_DESK_REAL_KEYRING"  # set by .ci/with-secret-service
NO_SECRET_SERVICE = "FRACTIONAL_DESK_BENCH_FILE_KEYRING"  # 1: the file keyring, even if one starts


def use_bench_keyring() -> None:
    """The benchmarks' own keyring: a file in the cache folder, found by every child process, so
    an encrypted practice generated on an earlier day opens without the machine's keyring."""
    CACHE.mkdir(parents=True, exist_ok=True)
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.file_keyring.FileKeyring"
    os.environ["FRACTIONAL_DESK_TEST_KEYRING"] = str(CACHE / "keyring.json")


def secret_service_can_start() -> bool:
    """A Secret Service of its own can be started for the run (the packages dbus and
    gnome-keyring, as CI has them), unless the file keyring was asked for."""
    if os.environ.get(NO_SECRET_SERVICE) == "1" or os.environ.get(REAL_KEYRING) == "1":
        return False
    return all(shutil.which(tool) for tool in ("dbus-run-session", "gnome-keyring-daemon"))


def in_secret_service() -> bool:
    return os.environ.get(REAL_KEYRING) == "1"


def move_keys_to_secret_service() -> int:
    """Copy the bench keyring's keys into the running Secret Service and let every measured
    process find them there, as the app finds its key on a consultant's machine."""
    from keyring.backends import SecretService

    service = SecretService.Keyring()
    stored = json.loads((CACHE / "keyring.json").read_text(encoding="utf-8"))
    for name, secret in stored.items():
        service_name, _, username = name.partition("\n")
        service.set_password(service_name, username, secret)
    del os.environ["PYTHON_KEYRING_BACKEND"]
    return len(stored)


@dataclass(frozen=True)
class Dataset:
    name: str
    years: int
    entries: int | None

    def folder(self, *, encrypted: bool) -> Path:
        mode = "encrypted" if encrypted else "plain"
        return CACHE / f"{self.name}-{mode}-{dt.date.today().isoformat()}"


REALISTIC = Dataset("realistic", years=10, entries=None)
STRESS = Dataset("stress", years=10, entries=100_000)


def ensure(dataset: Dataset, *, encrypted: bool) -> tuple[Path, float]:
    """The dataset's data folder, and how long generating it took (0 when cached)."""
    folder = dataset.folder(encrypted=encrypted)
    if (folder / "ready").exists():
        return folder, 0.0
    if folder.exists():
        shutil.rmtree(folder)
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
    env = dict(os.environ)
    if encrypted:
        command.append("--require-encryption")
    else:
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # a plain practice
    started = _now()
    subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    elapsed = _now() - started
    (folder / "ready").write_text(f"{elapsed:.3f}\n")
    return folder, elapsed


def _now() -> float:
    import time

    return time.perf_counter()
