"""The README's walkthrough, run as it stands in a shell: from an empty folder to a scope of
work, a first invoice and an exit review, with the command line alone."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.commands.command_table import README
from tests.cli.walk import run_cli

ROOT = Path(__file__).resolve().parents[2]
HEADING = "### From a fresh folder to a first invoice"


def walkthrough() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index(HEADING) :]
    found = re.search(r"```sh\n(.*?)```", section, re.S)
    assert found is not None
    return found[1]


@pytest.mark.skipif(shutil.which("bash") is None, reason="the walkthrough is a POSIX shell script")
def test_the_readme_walkthrough_runs_from_an_empty_folder(tmp_path: Path) -> None:
    script = tmp_path / "walkthrough.sh"
    command = f'fractional-desk() {{ "{sys.executable}" -m desktop "$@"; }}\n'
    script.write_text("set -euo pipefail\n" + command + walkthrough(), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("FRACTIONAL_DESK_DATA_DIR", None)
    result = subprocess.run(
        ["bash", str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert (tmp_path / "acme-sow.docx").stat().st_size > 0
    assert (tmp_path / "acme-2026-03.docx").stat().st_size > 0
    practice = tmp_path / "practice"
    code, out, _ = run_cli(practice, "invoice", "list", "--format", "json")
    assert code == 0
    assert [i["client_id"] for i in json.loads(out)] == [1]
    code, out, _ = run_cli(practice, "documents", "list", "--engagement", "1", "--format", "json")
    assert len(json.loads(out)) == 1
    assert re.search(r"^Engagement 1: \d+/100, ", result.stdout, re.M)
