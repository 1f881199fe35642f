"""`fractional-desk log --note -`: the note comes from standard input, so client text never shows
in the process list (`ps`) that other users of the machine can read."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.time import time_entries

ROOT = Path(__file__).parents[2]
CLI = "import sys; from desktop.cli import main; sys.exit(main())"
NOTE = "Board prep: the Frankfurt vendor's contract, clause 7 (confidential)"


def _log(acme: int, *extra: str) -> list[str]:
    return ["log", "--engagement", str(acme), "--date", "2026-03-02", "--bucket", "leadership",
            "--minutes", "45", "--note", "-", *extra]  # fmt: skip


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.timeout(120)
def test_a_note_piped_in_is_stored_and_never_in_the_command_line(
    db: Database, acme: int, data_dir: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FRACTIONAL_DESK_DATA_DIR": str(data_dir)}
    child = subprocess.Popen(
        [sys.executable, "-c", CLI, *_log(acme)], cwd=ROOT, env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    seen = Path(f"/proc/{child.pid}/cmdline")
    if seen.exists():  # what `ps` shows: the command line, while the child waits for the note
        assert b"Board prep" not in seen.read_bytes()
    out, err = child.communicate(f"{NOTE}\n".encode(), timeout=100)
    assert child.returncode == 0, err
    assert time_entries.get(db, int(out)).note == NOTE


def test_the_help_says_how_to_keep_the_note_out_of_the_process_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["log", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "`-` reads it from standard input" in text
    assert "process list" in text


def test_a_note_on_standard_input_keeps_its_lines_but_not_the_last_break(
    db: Database, acme: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"Hiring rubric\nsecond line\r\n")
    assert main(_log(acme)) == 0
    assert time_entries.get(db, int(capsys.readouterr().out)).note == "Hiring rubric\nsecond line"


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"x" * (64 * 1024 + 1), "longer than 64 KB"),
        (b"\xff\xfe not text", "not UTF-8 text"),
        (b"n" * 10_001, "note: is too long (at most 10,000 characters)"),
    ],
    ids=["endless", "not UTF-8", "too long"],
)
def test_a_note_on_standard_input_that_cannot_be_kept_is_refused_in_one_line(
    db: Database, acme: int, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], data: bytes, said: str,
) -> None:  # fmt: skip
    _stdin(monkeypatch, data)
    assert main(_log(acme)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert said in err
    assert db.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 0
