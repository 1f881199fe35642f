"""The read commands load a budget of modules, read from `python -X importtime` (a count of
modules, never of milliseconds): the driver, the key and the queries, without sqlite-utils
(schema, migrations and writes are where it earns its place), keyring (a plain practice has no
key), Qt or python-docx."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import clients, engagements
from storage.time import time_entries

ROOT = Path(__file__).resolve().parents[2]
# Modules each command loads, with room for a few more and none for another library (those are
# named below). `report week` loaded 391 before its read path was made light, 242 before the
# swap machinery, the month report, the key's makers, logging and OpenSSL left it, 182 before
# it read the week's first day without the whole profile, 179 before the schema steps, the
# money type, `decimal` and `fractions` left it, and 160 since (`python -c pass` loads about
# 65). A command that goes over has started loading something it does not use: load it where
# it is used (see `storage/rules/lazy_face.py`).
REPORT_WEEK_BUDGET = 163
BUDGETS = {
    ("report", "month", "--format", "json"): 181,  # 242 before, 198
    ("portfolio", "--format", "json"): 170,  # 232, 186, 183
    ("invoice", "list"): 182,  # 246, 195
    ("decisions", "list"): 161,  # 333 with the Markdown reader and the search index's; 180, 175
    ("engagements", "list"): 180,  # 238, 194
    ("check", "--format", "json"): 206,  # 230, before it also checked a synced practice; 216
}
# What a week's report has no use for: the schema steps' modules (it reads which steps a file
# has had by their names), the money type, and `decimal` and `fractions` (the commitment's
# minutes are summed in whole numbers).
NOT_FOR_A_WEEK = {
    "storage.file.schema.core",
    "storage.file.schema.sealed",
    "storage.rules.money",
    "exporters.formatting",
    "decimal",
    "fractions",
}
VERSION_BUDGET = 85  # 106 before argparse's help width stopped loading shutil, bz2 and lzma
NEVER_ON_THE_READ_PATH = {"sqlite_utils", "keyring", "PySide6", "docx", "click", "http"}
READ_COMMANDS = list(BUDGETS)


@pytest.fixture
def plain_practice(data_dir: Path) -> Path:
    """A plain practice (no key to look up) with an engagement and an hour logged this week."""
    with open_database(database_file(data_dir), encrypt=False) as db:
        client = clients.add(db, clients.Client("Acme Robotics", status="active"))
        made = engagements.add(
            db, engagements.Engagement(client.id or 0, "Fractional CTO", dt.date(2026, 1, 5))
        )
        time_entries.add(db, time_entries.TimeEntry(made.id or 0, dt.date.today(), "strategy", 60))
    return data_dir


def _modules_loaded(data_dir: Path, *command: str) -> set[str]:
    """Every module `fractional-desk COMMAND` imported, as `-X importtime` lists them."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "desktop", *command, "--data-dir", str(data_dir)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return {
        line.rpartition("|")[2].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and not line.rstrip().endswith("imported package")
    }


def test_report_week_loads_its_budget_of_modules_and_no_heavy_library(plain_practice: Path) -> None:
    loaded = _modules_loaded(plain_practice, "report", "week", "--format", "json")
    assert {"storage.time.week_report", "storage.sqlite"} <= loaded  # the count is of the real run
    assert {m.split(".")[0] for m in loaded} & NEVER_ON_THE_READ_PATH == set()
    assert loaded & NOT_FOR_A_WEEK == set()
    assert len(loaded) <= REPORT_WEEK_BUDGET, sorted(loaded)


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_the_read_commands_load_their_budget_and_no_heavy_library(
    plain_practice: Path, command: tuple[str, ...]
) -> None:
    loaded = _modules_loaded(plain_practice, *command)
    assert {m.split(".")[0] for m in loaded} & NEVER_ON_THE_READ_PATH == set()
    assert len(loaded) <= BUDGETS[command], sorted(loaded)


def test_version_loads_its_budget_and_none_of_the_read_path(plain_practice: Path) -> None:
    loaded = _modules_loaded(plain_practice, "--version")
    assert "desktop.cli" in loaded  # the count is of the real run
    assert {"shutil", "logging", "storage.file", "platformdirs"} & loaded == set()
    assert len(loaded) <= VERSION_BUDGET, sorted(loaded)
