"""The README's table of commands is the one the parser and the contracts generate, and every
JSON shape is a type whose keys the README documents and the command prints."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import build_parser
from desktop.commands.command_table import README, in_readme, markdown, rows
from tests.cli.walk import run_cli
from tests.storage.file.test_tolerant_reads import plant, plant_entry

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"

ROWS = {row.words: row for row in rows(build_parser())}
DOCUMENTED = {
    match[1]: tuple(re.findall(r"`([a-z_]+)`", match[2]))
    for match in re.finditer(
        r"^\| `([^`]+)` \|[^|]*\|[^|]*\| (.*) \|$",
        in_readme(README.read_text(encoding="utf-8")),
        re.M,
    )
}  # the generated table's rows only, not other tables that quote a command


def test_the_readme_table_is_the_generated_one() -> None:
    assert in_readme(README.read_text(encoding="utf-8")) == markdown(build_parser()), (
        "run: python -m desktop.commands.command_table"
    )


def test_every_command_is_in_the_table() -> None:
    assert set(DOCUMENTED) == set(ROWS)
    for needed in ("clients add", "engagements edit", "decisions supersede", "exit milestone done",
                   "exit successor add", "prefs set", "log edit", "log delete", "log list", "init"):  # fmt: skip
        assert needed in ROWS


MAP = "{map}"  # replaced by the map file `filled` writes beside the data folder
# What each command with a contract is run with, on the practice `filled` makes; a new command
# with a contract is added here, or the coverage test below fails.
ARGV = {
    "clients list": ["clients", "list"],
    "clients show": ["clients", "show", "1"],
    "clients add": ["clients", "add", "--name", "Brightwave"],
    "clients edit": ["clients", "edit", "1", "--notes", "Board meets monthly"],
    "clients archive": ["clients", "archive", "1"],
    "engagements list": ["engagements", "list"],
    "engagements show": ["engagements", "show", "1"],
    "engagements add": ["engagements", "add", "--client", "1", "--title", "Second"],
    "engagements edit": ["engagements", "edit", "1", "--notice-days", "30"],
    "engagements commit": ["engagements", "commit", "--engagement", "1", "--from", "2026-06-01",
                           "--days-per-week", "1"],
    "log": ["log", "--engagement", "1", "--date", "2026-03-04", "--bucket", "team", "--minutes", "30"],
    "log list": ["log", "list", "--week", "2026-W10"],
    "log edit": ["log", "edit", "1", "--minutes", "90"],
    "log delete": ["log", "delete", "1"],
    "decisions list": ["decisions", "list"],
    "decisions show": ["decisions", "show", "1"],
    "decisions add": ["decisions", "add", "--engagement", "1", "--title", "Buy, not build"],
    "decisions edit": ["decisions", "edit", "1", "--owner", "Maya"],
    "decisions supersede": ["decisions", "supersede", "1", "--title", "Aurora instead"],
    "exit review": ["exit", "review", "--engagement", "1"],
    "exit plan": ["exit", "plan", "--engagement", "1"],
    "exit milestone add": ["exit", "milestone", "add", "--engagement", "1", "--title", "Hire"],
    "exit milestone edit": ["exit", "milestone", "edit", "1", "--weight", "5"],
    "exit milestone done": ["exit", "milestone", "done", "1"],
    "exit successor add": ["exit", "successor", "add", "--engagement", "1", "--duty", "On-call"],
    "exit successor edit": ["exit", "successor", "edit", "1", "--stage", "owns"],
    "exit risk add": ["exit", "risk", "add", "--engagement", "1", "--risk", "Bus factor"],
    "exit risk edit": ["exit", "risk", "edit", "1", "--impact", "high"],
    "exit recommendation add": ["exit", "recommendation", "add", "--engagement", "1", "--text", "SRE"],
    "exit recommendation edit": ["exit", "recommendation", "edit", "1", "--horizon-days", "30"],
    "exit access add": ["exit", "access", "add", "--engagement", "1", "--system", "AWS"],
    "exit access edit": ["exit", "access", "edit", "1", "--done"],
    "prefs get": ["prefs", "get"],
    "prefs set": ["prefs", "set", "--capacity-days-per-week", "4.5"],
    "report week": ["report", "week", "--week", "2026-W10"],
    "report month": ["report", "month", "--month", "2026-03"],
    "portfolio": ["portfolio", "--from", "2026-03-02", "--weeks", "2"],
    "documents list": ["documents", "list", "--engagement", "1"],
    "backup": ["backup", "--list"],
    "encryption status": ["encryption", "status"],
    "check": ["check"],
    "import list": ["import", "list"],
    "invoice list": ["invoice", "list"],
    "invoice credit": ["invoice", "credit", "--number", "2026-0001", "--date", "2026-04-10"],
    "invoice pay": ["invoice", "pay", "--number", "2026-0001", "--amount", "100",
                    "--date", "2026-04-10"],
    "changes list": ["changes", "list"],
    "changes show": ["changes", "show", "1"],
    "update week": ["update", "week", "--engagement", "1", "--date", "2026-03-04"],
    "import time": ["import", "time", str(FIXTURES / "harvest-detailed.csv"), "--map", MAP,
                    "--dry-run"],
    "sync": ["sync"],
    "sync run": ["sync", "run"],
    "sync status": ["sync", "status"],
    "sync devices": ["sync", "devices"],
    "sync conflicts": ["sync", "conflicts", "--all"],
}  # fmt: skip
FORMAT_OPTION = {"import time": "--format-out"}  # its --format names the source's format
EXIT = {"check": 1}  # check exits 1 when it finds a problem, and `filled` plants one
TYPED = sorted(words for words, row in ROWS.items() if row.keys)


def test_every_typed_command_is_run_by_the_schema_test() -> None:
    assert sorted(ARGV) == TYPED


def test_every_command_that_prints_json_has_a_type() -> None:
    assert [words for words, row in ROWS.items() if row.untyped] == []


@pytest.fixture
def filled(sample_dir: Path, db: Database, tmp_path: Path) -> Path:
    """One of each record, each with id 1, made through the command line itself; a backup, a
    scope of work, an import, and one row `check` names."""
    mapping = _map_of(sample_dir)
    (tmp_path / "shared").mkdir()  # the folder a sync service keeps
    mapping.write_text(json.dumps({"engagements": {"Acme Robotics / Fractional CTO": 1},
                                   "default_bucket": "team"}))  # fmt: skip
    for argv in (
        ["backup"],
        ["sync", "setup", str(tmp_path / "shared")],
        ["export", "sow", "--engagement", "1", "--out", str(tmp_path / "sow.docx")],
        ["import", "time", str(FIXTURES / "harvest-detailed.csv"), "--map", str(mapping)],
        ["log", "--engagement", "1", "--date", "2026-03-02", "--bucket", "strategy", "--minutes", "60"],
        ["decisions", "add", "--engagement", "1", "--title", "Postgres", "--status", "accepted"],
        ["exit", "milestone", "add", "--engagement", "1", "--title", "Roadmap handed over"],
        ["exit", "successor", "add", "--engagement", "1", "--duty", "Architecture"],
        ["exit", "risk", "add", "--engagement", "1", "--risk", "Key person"],
        ["exit", "recommendation", "add", "--engagement", "1", "--text", "Hire a lead"],
        ["exit", "access", "add", "--engagement", "1", "--system", "GitHub"],
        ["engagements", "edit", "1", "--billing-model", "daily", "--fee-minor", "100000"],
        ["invoice", "create", "--client", "1", "--month", "2026-03", "--date", "2026-04-01"],
        ["invoice", "mark", "--number", "2026-0001", "--status", "sent", "--date", "2026-04-02"],
        ["changes", "add", "--engagement", "1", "--title", "Hiring loop", "--extra-days", "1",
         "--from", "2026-03-09", "--to", "2026-03-29"],
    ):  # fmt: skip
        code, _, err = run_cli(sample_dir, *argv)
        assert code == 0, err
    plant_entry(db, 1, "2026-04-01", "xyz", 60)  # a bucket no rule allows
    plant(db, "INSERT INTO sync_conflict (tbl, pk, col, kept, other, kind, hlc) "
              "VALUES ('client', '[1]', 'notes', '\"Board\"', '\"Monthly\"', 'field', 1)")  # fmt: skip
    return sample_dir


def _map_of(data_dir: Path) -> Path:
    return data_dir.parent / "map.json"


def _argv(data_dir: Path, words: str) -> list[str]:
    return [w.replace(MAP, str(_map_of(data_dir))) for w in ARGV[words]]


@pytest.mark.parametrize("words", TYPED)
def test_json_keys_are_the_type_and_the_readme(filled: Path, words: str) -> None:
    contract_keys = ROWS[words].keys
    assert DOCUMENTED[words] == contract_keys
    code, out, err = run_cli(
        filled, *_argv(filled, words), FORMAT_OPTION.get(words, "--format"), "json"
    )
    assert code == EXIT.get(words, 0), err
    printed = json.loads(out)
    for record in printed if isinstance(printed, list) else [printed]:
        assert tuple(record) == contract_keys
    assert printed, "an empty list proves nothing about the keys"


@pytest.mark.parametrize("words", [w for w in TYPED if w != "exit plan"])
def test_csv_has_the_same_keys(filled: Path, words: str) -> None:
    code, out, err = run_cli(
        filled, *_argv(filled, words), FORMAT_OPTION.get(words, "--format"), "csv"
    )
    assert code == EXIT.get(words, 0), err
    assert tuple(out.splitlines()[0].split(",")) == ROWS[words].keys


def test_the_plan_as_csv_is_one_row_per_record_with_its_kind(filled: Path) -> None:
    code, out, _ = run_cli(filled, "exit", "plan", "--engagement", "1", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "kind,id,record"
    kinds = [line.split(",")[0] for line in lines[1:]]
    assert kinds == ["milestones", "successors", "risks", "recommendations", "access"]
