"""The command line at its edges: mistyped folders, weeks, dates, counts and paths each get one
line and nothing written; `--demo` cleans up after itself; tables never drive the terminal."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from desktop.commands import demo
from storage import sample
from storage.file.db import DB_FILENAME
from storage.practice import clients, engagements

READ_COMMANDS = [
    ["engagements", "list"],
    ["report", "week"],
    ["decisions", "list"],
    ["exit", "review", "--engagement", "1"],
    ["export", "sow", "--engagement", "1", "--out", "OUT/x.docx"],
    ["backup"],
    ["check"],
    ["log", "--engagement", "1", "--bucket", "team", "--minutes", "30"],
]


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert ".tmp" not in err
    assert ".partial-" not in err
    assert "Traceback" not in err
    return err


@pytest.fixture
def practice(db: Database) -> int:
    client = clients.add(db, clients.Client(name="Acme"))
    e = engagements.add(db, engagements.Engagement(
        client_id=client.id or 0, title="CTO", start_date=dt.date(2026, 1, 5), status="active"))  # fmt: skip
    return e.id or 0


# --- the data folder ----------------------------------------------------------------------------


@pytest.mark.parametrize("argv", READ_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_command_never_creates_a_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    typo = tmp_path / "typo" / "data"
    argv = [a.replace("OUT", str(tmp_path)) for a in argv]
    assert main([*argv, "--data-dir", str(typo)]) == 1
    err = one_line_error(capsys)
    assert f"no practice at {typo}; create one with `fractional-desk init`, by starting" in err
    assert "`fractional-desk demo` (a sample)" in err
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize("argv", [["engagements", "list"], ["check"], ["--self-test"]])
def test_a_file_given_as_data_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a folder")
    assert main([*argv, "--data-dir", str(notes)]) == 1
    assert "is a file, not a data folder" in one_line_error(capsys)
    assert notes.read_text() == "not a folder"


# --- weeks and dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--week", "9999-W52"], "--week: the year must be from 1 to 9998."),
        (["--week", "0000-W01"], "--week: the year must be from 1 to 9998."),
        (["--week", ""], "--week: is empty: give a week such as 2026-W14."),
        (["--week", "2025-W53"], "--week: 2025 has weeks 1 to 52."),
        (["--date", ""], "--date: is empty: give a date such as 2026-04-02."),
        (["--date", "9999-12-31"], "--date: the year must be from 1 to 9998."),
        (["--date", "2026-02-30"], "--date: “2026-02-30” is not a date such as 2026-04-02."),
    ],
)
def test_week_and_date_arguments_are_checked(
    practice: int, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["report", "week", *argv]) == 1
    assert one_line_error(capsys) == f"fractional-desk: {message}\n"


def test_the_first_week_of_year_one_is_labelled_with_four_digits(
    practice: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "week", "--week", "0001-W01"]) == 0
    assert "0001-W01" in capsys.readouterr().out


def test_log_refuses_an_empty_date(practice: int, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["log", "--engagement", str(practice), "--bucket", "team", "--minutes", "30"]
    assert main([*argv, "--date", ""]) == 1
    assert "--date: is empty" in one_line_error(capsys)


# --- demo ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["--years", "0"], ["--years", "-1"], ["--years", "1000"], ["--years", "x"],
     ["--entries", "0"], ["--entries", "-5"], ["--entries", "1000001"]],
)  # fmt: skip
def test_demo_refuses_counts_out_of_range_as_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    target = tmp_path / "demo"
    with pytest.raises(SystemExit) as exited:
        main(["demo", "--data-dir", str(target), *argv])
    assert exited.value.code == 2
    assert "must be a whole number from 1 to" in capsys.readouterr().err
    assert not target.exists()


def test_a_demo_that_fails_half_way_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Interrupted after the practice is written but before it is in place: nothing is left,
    and the next run writes a whole practice."""

    def interrupted(db: Database, options: sample.SampleOptions | None = None) -> None:
        sample.generate(db, options)
        raise OSError(28, "No space left on device")

    target = tmp_path / "demo"
    monkeypatch.setattr(demo, "generate", interrupted)
    assert main(["demo", "--data-dir", str(target)]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert main(["demo", "--data-dir", str(target), "--as-of", "2026-11-20"]) == 0
    assert (target / DB_FILENAME).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]


def test_the_app_on_a_demo_practice_removes_its_folder_when_it_quits(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    command = Path(sys.executable).with_name("fractional-desk")
    result = subprocess.run(
        [str(command), "--demo", "--self-test"], env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stdout.strip()) == (0, "OK"), result.stderr
    assert list(tmp_path.iterdir()) == []


# --- one check for every file a command writes --------------------------------------------------


def _out_cases(tmp_path: Path) -> dict[str, tuple[str, str]]:
    existing = tmp_path / "existing"
    existing.mkdir()
    return {
        "trailing slash": (f"{tmp_path}/new.docx/", "is a folder; give a file name inside it"),
        "existing folder": (str(existing), "is a folder; give a file name inside it"),
        "missing folder": (f"{tmp_path}/missing/x.docx", "does not exist; create it first"),
        "name too long": (f"{tmp_path}/{'n' * 300}.docx", "the file name is too long"),
    }


@pytest.mark.parametrize("case", ["trailing slash", "existing folder", "missing folder",
                                  "name too long"])  # fmt: skip
@pytest.mark.parametrize("command", ["export", "backup"])
def test_export_and_backup_share_one_path_check(
    practice: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, case: str
) -> None:
    out, message = _out_cases(tmp_path)[case]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    argv = ["export", "sow", "--engagement", str(practice)] if command == "export" else ["backup"]
    assert main([*argv, "--out", out]) == 1
    assert message in one_line_error(capsys)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not (tmp_path / "missing").exists()


# --- table output and exit statuses -------------------------------------------------------------


def test_table_output_shows_control_characters_as_escapes(
    db: Database, practice: int, capsys: pytest.CaptureFixture[str]
) -> None:
    db.execute("UPDATE client SET name = ?", ["Evil\x1b[2J\x1b[31mCorp"])
    db.execute("UPDATE engagement SET title = ?", ["CTO \u202eexe.txt"])
    db.conn.commit()
    assert main(["engagements", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "Evil\\x1b[2J\\x1b[31mCorp" in out
    assert "CTO \\u202eexe.txt" in out


def test_a_usage_error_exits_2_and_a_refusal_1(
    practice: int, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["report", "week", "--format", "xml"])
    assert exited.value.code == 2
    assert main(["report", "week", "--engagement", "999"]) == 1
