"""`make bench`: every figure on the realistic and the stress sample practice, as one table."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys

from tests.benchmarks import datasets

datasets.use_bench_keyring()  # before `processes` copies the environment for its children

from tests.benchmarks import imports, processes  # noqa: E402
from tests.benchmarks.measure import Figure, table  # noqa: E402


def _interactions(data_dir: str, dataset: str) -> list[Figure]:
    """The in-app figures run in a child process of their own (one QApplication, a clean RSS)."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.interactions", data_dir, dataset],
        check=True,
        capture_output=True,
        text=True,
        env={**processes.fresh_settings(), "QT_QPA_PLATFORM": "offscreen"},
    )
    return [
        Figure(**{**row, "samples": tuple(row["samples"])}) for row in json.loads(result.stdout)
    ]


def main() -> int:
    figures: list[Figure] = []
    for dataset in (datasets.REALISTIC, datasets.STRESS):
        folder, generated = datasets.ensure(dataset)
        if generated:
            figures.append(
                Figure(
                    "generate the sample practice",
                    dataset.name,
                    (generated * 1000,),
                    target=30_000 if dataset is datasets.STRESS else None,
                )
            )
        figures += processes.cold_start(folder, dataset.name)
        figures.append(processes.report_week(folder, dataset.name))
        figures += _interactions(str(folder), dataset.name)
    figures += imports.import_figures()
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"Practices: {'encrypted (SQLCipher)' if datasets.ENCRYPTED else 'plain SQLite'}")
    print(table(figures))
    missed = [f for f in figures if f.met == "NO" and f.dataset == "stress"]
    print(
        f"\nTargets on the stress set: {'all met' if not missed else ', '.join(f.name for f in missed) + ' missed'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
