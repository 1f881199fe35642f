"""`make bench`: every figure on the realistic and the stress sample practice, as one table, each
beside the floor it is paired with in the same run.

With the packages dbus and gnome-keyring installed (as in CI), the run starts a Secret Service of
its own (`.ci/with-secret-service`) and the encrypted practices' keys are read from it, as on a
consultant's machine; otherwise (or with FRACTIONAL_DESK_BENCH_FILE_KEYRING=1) from the
benchmarks' file keyring, which costs nothing and says so in the report.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys

from tests.benchmarks import datasets

# Every process runs with its bytecode cached, as an installed app's is: a shell that sets
# PYTHONDONTWRITEBYTECODE would otherwise make each process compile the app from source.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

if datasets.secret_service_can_start():  # run again inside a Secret Service of its own
    os.execv(
        str(datasets.WITH_SECRET_SERVICE),
        [
            str(datasets.WITH_SECRET_SERVICE),
            sys.executable,
            "-m",
            "tests.benchmarks",
            *sys.argv[1:],
        ],
    )

datasets.use_bench_keyring()  # before any practice is generated or opened

from tests.benchmarks import imports, processes, sync_rounds  # noqa: E402
from tests.benchmarks.measure import Figure, table  # noqa: E402


def _interactions(data_dir: str, dataset: str) -> list[Figure]:
    """The in-app figures run in a child process of their own (one QApplication, a clean RSS)."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.interactions", data_dir, dataset],
        check=True,
        capture_output=True,
        text=True,
        env=processes.fresh_settings(),
    )
    return [
        Figure(
            **{
                **row,
                "samples": tuple(row["samples"]),
                "floor_samples": tuple(row["floor_samples"]),
            }
        )
        for row in json.loads(result.stdout)
    ]


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def main() -> int:
    folders = {}
    figures: list[Figure] = []
    for dataset in (datasets.REALISTIC, datasets.STRESS):
        for encrypted in (False, True):
            folder, generated = datasets.ensure(dataset, encrypted=encrypted)
            folders[dataset.name, encrypted] = folder
            if generated and encrypted:
                figures.append(
                    Figure(
                        "generate the sample practice",
                        dataset.name,
                        (generated * 1000,),
                        target=30_000 if dataset is datasets.STRESS else None,
                    )
                )
    keyring = "the benchmarks' file keyring (no Secret Service could be started)"
    if datasets.in_secret_service():
        datasets.move_keys_to_secret_service()
        keyring = "a GNOME Keyring Secret Service started for the run"
    load_before = _load()
    for dataset in (datasets.REALISTIC, datasets.STRESS):
        plain, encrypted = folders[dataset.name, False], folders[dataset.name, True]
        figures += processes.cold_start(plain, encrypted, dataset.name)
        figures += processes.commands(plain, encrypted, dataset.name)
        figures += _interactions(str(encrypted), dataset.name)
        if dataset is datasets.STRESS:  # the 10-year practice on two machines
            figures += sync_rounds.sync_figures(encrypted, dataset.name)
    figures += imports.import_figures()
    print(f"Date: {dt.date.today().isoformat()}")
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"Load: {load_before} before; {_load()} after")
    print(f"Keys of the encrypted practices: {keyring}")
    print("Bytecode: cached, as an installed app's is (PYTHONDONTWRITEBYTECODE is unset)")
    print()
    print(table(figures))
    missed = [f for f in figures if f.met == "NO" and f.dataset == "stress"]
    print(
        f"\nTargets on the stress set: {'all met' if not missed else ', '.join(f.name for f in missed) + ' missed'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
