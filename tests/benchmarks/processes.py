"""Whole-process figures, each timed from spawning the process to its end (or to its window's
first paint) and paired with its floor in the same run, interleaved with it so that both see the
same machine: the start beside a bare PySide6 window, each command beside `python -c pass`,
and an encrypted practice beside the same practice plain."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.benchmarks.measure import RUNS, Figure

BARE_WINDOW = "a bare PySide6 window"
INTERPRETER = "`python -c pass`"
PLAIN = "the same, plain practice"
# (the command's words, its target as a ratio to `python -c pass`)
COMMANDS: list[tuple[tuple[str, ...], float]] = [
    (("report", "week", "--format", "json"), 4.0),
    (("report", "month", "--format", "json"), 5.0),
    (("portfolio", "--format", "json"), 5.0),
    (("invoice", "list"), 5.0),
    (("decisions", "list"), 5.0),
]
VERSION_TARGET = 2.0
ENCRYPTED_TARGET = 1.10
START_TIMEOUT_SECONDS = 60
# Run as a script, not as `-m tests.benchmarks.cold_start`: the tests' package loads the app's
# storage (and SQLCipher) first, which the bare window's floor must not pay for.
COLD_START = Path(__file__).with_name("cold_start.py")


def fresh_settings() -> dict[str, str]:
    """The environment with window settings in a new folder of their own: each figure starts
    from the app's defaults (first tab, 1280x800), whatever ran before, and the settings of the
    app the developer uses are neither read nor overwritten."""
    return {
        **os.environ,
        "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="fd-bench-settings-"),
        "QT_QPA_PLATFORM": "offscreen",
    }


def _start_once(kind: str, data_dir: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Milliseconds from spawning the process to its window's first paint, and to its tab
    filled (the same for the bare window), and its peak RSS in kB."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(COLD_START), kind, str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    watchdog = threading.Timer(START_TIMEOUT_SECONDS, child.kill)  # a dialog waits forever
    watchdog.start()
    shown_line = child.stdout.readline().strip()
    shown = (time.perf_counter() - started) * 1000
    filled = shown
    if kind == "app":
        filled_line = child.stdout.readline().strip()
        filled = (time.perf_counter() - started) * 1000
        if filled_line != "filled":
            raise RuntimeError(f"the app's tab was not filled ({filled_line!r})")
    rest = child.stdout.read().split()
    rss = int(rest[-1]) if rest and rest[-1].isdigit() else 0
    child.wait(timeout=60)
    watchdog.cancel()
    if shown_line != "shown":
        raise RuntimeError(f"the {kind} window did not show ({shown_line!r})")
    return shown, filled, rss


def cold_start(plain: Path, encrypted: Path, dataset: str) -> list[Figure]:
    """The app on the plain and the encrypted practice, and the bare window, interleaved."""
    bare: list[float] = []
    shown: dict[Path, list[float]] = {plain: [], encrypted: []}
    filled: dict[Path, list[float]] = {plain: [], encrypted: []}
    rss: list[float] = []
    for folder in (plain, encrypted):  # once unmeasured: the bytecode cache is written
        _start_once("app", folder, fresh_settings())
    for _ in range(RUNS):
        bare.append(_start_once("bare", plain, fresh_settings())[0])
        for folder in (plain, encrypted):
            ms, full, kb = _start_once("app", folder, fresh_settings())
            shown[folder].append(ms)
            filled[folder].append(full)
            if folder == encrypted:
                rss.append(kb / 1024)
    floor = tuple(bare)
    return [
        Figure("start: window shown (first paint)", dataset, tuple(shown[plain]),
               target=2.0, floor_name=BARE_WINDOW, floor_samples=floor),
        Figure("start: its tab filled", dataset, tuple(filled[plain]),
               floor_name=BARE_WINDOW, floor_samples=floor),
        Figure("start: window shown, encrypted", dataset, tuple(shown[encrypted]),
               target=ENCRYPTED_TARGET, floor_name=PLAIN, floor_samples=tuple(shown[plain])),
        Figure("start: its tab filled, encrypted", dataset, tuple(filled[encrypted]),
               target=ENCRYPTED_TARGET, floor_name=PLAIN, floor_samples=tuple(filled[plain])),
        Figure("RSS after start, encrypted", dataset, tuple(rss), unit="MB"),
    ]  # fmt: skip


def _run_once(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=os.environ)
    return (time.perf_counter() - started) * 1000


def _cli(*words: str) -> list[str]:
    return [sys.executable, "-m", "desktop", *words]


def commands(plain: Path, encrypted: Path, dataset: str) -> list[Figure]:
    """Each command, whole process, on the plain and the encrypted practice, with
    `python -c pass` run before each round."""
    floor: list[float] = []
    version: list[float] = []
    runs: dict[tuple[tuple[str, ...], Path], list[float]] = {}
    for words, _target in COMMANDS:  # once unmeasured: the bytecode cache is written
        _run_once(_cli(*words, "--data-dir", str(plain)))
    for _ in range(RUNS):
        floor.append(_run_once([sys.executable, "-c", "pass"]))
        version.append(_run_once(_cli("--version")))
        for words, _target in COMMANDS:
            for folder in (plain, encrypted):
                samples = runs.setdefault((words, folder), [])
                samples.append(_run_once(_cli(*words, "--data-dir", str(folder))))
    figures = [
        Figure("`--version`", dataset, tuple(version), target=VERSION_TARGET,
               floor_name=INTERPRETER, floor_samples=tuple(floor)),
    ]  # fmt: skip
    for words, target in COMMANDS:
        name = f"`{' '.join(words)}`"
        figures += [
            Figure(name, dataset, tuple(runs[words, plain]), target=target,
                   floor_name=INTERPRETER, floor_samples=tuple(floor)),
            Figure(f"{name}, encrypted", dataset, tuple(runs[words, encrypted]),
                   target=ENCRYPTED_TARGET, floor_name=PLAIN,
                   floor_samples=tuple(runs[words, plain])),
        ]  # fmt: skip
    return figures
