"""Running the command line in the test's own process, as a shell would: the exit status and
what it wrote on stdout and stderr."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from desktop.cli import main


def run_cli(data_dir: Path, *words: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--data-dir", str(data_dir), *words])
        except SystemExit as exc:  # a usage error
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()
