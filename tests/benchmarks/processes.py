"""Whole-process figures: cold start beside the bare-PySide6 floor, and `report week`."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.measure import RUNS, Figure

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def fresh_settings() -> dict[str, str]:
    """The environment with window settings in a new folder of their own: each figure starts
    from the app's defaults (first tab, 1280x800), whatever ran before, and the settings of the
    app the developer uses are neither read nor overwritten."""
    return {**os.environ, "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="fd-bench-settings-")}


def _start_once(kind: str, data_dir: Path, env: dict[str, str]) -> tuple[float, int]:
    """Milliseconds from spawning the process to its window shown, and its peak RSS in kB."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.cold_start", kind, str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    shown = (time.perf_counter() - started) * 1000
    rest = child.stdout.read().split()  # the app's self-test says OK after its data check
    rss = int(rest[-1]) if rest and rest[-1].isdigit() else 0
    child.wait(timeout=60)
    if line not in ("shown", "OK"):
        raise RuntimeError(f"the {kind} window did not show")
    return shown, rss


def cold_start(data_dir: Path, dataset: str) -> list[Figure]:
    """App and floor interleaved in the same run, so both see the same machine state."""
    app, bare, rss = [], [], []
    env = {**fresh_settings(), "QT_QPA_PLATFORM": "offscreen"}  # every start on the first tab
    for _ in range(RUNS):
        ms, kb = _start_once("app", data_dir, env)
        app.append(ms)
        rss.append(kb / 1024)
        bare.append(_start_once("bare", data_dir, env)[0])
    floor = sorted(bare)[len(bare) // 2]
    return [
        Figure("cold start to window shown", dataset, tuple(app), target=2 * floor),
        Figure("bare PySide6 QMainWindow shown (floor)", dataset, tuple(bare)),
        Figure(
            "ratio cold start / floor", dataset, tuple(a / floor for a in app), unit="x", target=2.0
        ),
        Figure("RSS after start", dataset, tuple(rss), unit="MB"),
    ]


def report_week(data_dir: Path, dataset: str) -> Figure:
    command = [sys.executable, "-m", "desktop", "report", "week", "--data-dir", str(data_dir)]
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=ENV)
        samples.append((time.perf_counter() - started) * 1000)
    return Figure("`report week` whole process", dataset, tuple(samples), target=250)
