"""Running the command line in the test's own process, as a shell would: the exit status and
what it wrote on stdout and stderr.

`sync` runs in a child process instead: its engine opens the practice through a second SQLite
library, which must never share a process with the test's own open connections (the app starts
it as a child process for the same reason)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

from desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_cli(data_dir: Path, *words: str) -> tuple[int, str, str]:
    if words and words[0] == "sync":
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *words],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
            text=True, timeout=300, check=False,
        )  # fmt: skip
        return done.returncode, done.stdout, done.stderr
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--data-dir", str(data_dir), *words])
        except SystemExit as exc:  # a usage error
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()
