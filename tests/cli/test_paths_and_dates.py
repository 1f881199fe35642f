"""Dates with sense and path errors in one place: time far ahead asks for --future, a path
error names the path and its cause (never an errno or a temporary name), and every command
that writes into a folder refuses a missing one the same way, naming --make-dirs."""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.commands.refusals import plain_refusal
from storage.rules import today
from tests.cli.walk import run_cli

MISSING = "does not exist; create it first, or add --make-dirs"


def test_time_more_than_a_week_ahead_asks_for_future(sample_dir: Path) -> None:
    ahead = (today() + dt.timedelta(days=30)).isoformat()
    code, out, err = run_cli(sample_dir, "log", "--engagement", "1", "--bucket", "team",
                             "--minutes", "60", "--date", ahead)  # fmt: skip
    assert code == 1
    assert "--future" in err
    assert "30 days ahead" in err
    assert (
        run_cli(sample_dir, "log", "list", "--week", _week(ahead), "--format", "json")[1] == "[]\n"
    )
    code, out, _ = run_cli(sample_dir, "log", "--engagement", "1", "--bucket", "team",
                           "--minutes", "60", "--date", ahead, "--future")  # fmt: skip
    assert code == 0
    assert out.strip().isdigit()


def test_a_week_ahead_is_fine(sample_dir: Path) -> None:
    soon = (today() + dt.timedelta(days=7)).isoformat()
    code, _, err = run_cli(sample_dir, "log", "--engagement", "1", "--bucket", "team",
                           "--minutes", "30", "--date", soon)  # fmt: skip
    assert code == 0, err


def test_editing_an_entry_far_ahead_asks_for_future_too(sample_dir: Path) -> None:
    entry = run_cli(sample_dir, "log", "--engagement", "1", "--bucket", "team", "--minutes", "30")
    ahead = (today() + dt.timedelta(days=400)).isoformat()
    code, _, err = run_cli(sample_dir, "log", "edit", entry[1].strip(), "--date", ahead)
    assert code == 1
    assert "--future" in err


def _week(day: str) -> str:
    year, week, _ = dt.date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


@pytest.mark.parametrize(
    "argv",
    [
        ["backup", "--out", "{missing}/b.sqlite3"],
        ["export", "sow", "--engagement", "1", "--out", "{missing}/sow.docx"],
        ["decisions", "export-madr", "--engagement", "1", "--out", "{missing}"],
        ["invoice", "show", "--number", "X", "--out", "{missing}/i.docx"],
        ["encryption", "recovery-key", "--out", "{missing}/key.txt"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_every_command_that_writes_into_a_folder_refuses_a_missing_one_alike(
    sample_dir: Path, tmp_path: Path, argv: list[str]
) -> None:
    missing = tmp_path / "not-there"
    words = [w.replace("{missing}", str(missing)) for w in argv]
    code, _, err = run_cli(sample_dir, *words)
    assert code == 1
    assert f"“{missing}” {MISSING}" in err
    assert not missing.exists()


def test_make_dirs_makes_the_folder(sample_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    code, _, err = run_cli(sample_dir, "decisions", "export-madr", "--engagement", "1",
                           "--out", str(target), "--make-dirs")  # fmt: skip
    assert code == 0, err
    assert any(target.iterdir())
    code, out, err = run_cli(sample_dir, "backup", "--out", str(tmp_path / "c" / "b.sqlite3"),
                             "--make-dirs")  # fmt: skip
    assert code == 0, err
    assert Path(out.strip()).is_file()


def test_a_path_error_names_the_path_and_the_cause_never_an_errno_or_a_temporary_name() -> None:
    temporary = "/media/usb/.backup.sqlite3.k2j4h5g6.tmp"
    said = plain_refusal(OSError(errno.EROFS, "Read-only file system", temporary))
    assert said == "Cannot write into the folder /media/usb: the disk is read-only."
    said = plain_refusal(PermissionError(errno.EACCES, "Permission denied", "/srv/out.docx"))
    assert said == "Cannot use /srv/out.docx: permission denied."
    assert "Errno" not in (plain_refusal(OSError(errno.ENOSPC, "No space", "/x")) or "")


def test_a_read_only_backup_folder_is_said_in_plain_words(
    sample_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from storage.file import backups

    def read_only(*_args: object, **kwargs: object) -> Path:
        out = Path(str(kwargs["out"]))
        raise OSError(errno.EROFS, "Read-only file system", str(out.parent / f".{out.name}.x1.tmp"))

    monkeypatch.setattr(backups, "create_backup", read_only)
    code = main(["--data-dir", str(sample_dir), "backup", "--out", str(tmp_path / "b.sqlite3")])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        f"fractional-desk: The backup could not be written. Cannot write into the folder "
        f"{tmp_path}: the disk is read-only.\n"
    )


def test_a_new_practice_s_recovery_key_in_a_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "keys"
    new = tmp_path / "new"
    code, _, err = run_cli(new, "init", "--recovery-key-out", str(missing / "key.txt"))
    assert code == 1
    assert f"“{missing}” {MISSING}" in err
    assert not new.exists()
    code, out, err = run_cli(new, "init", "--recovery-key-out", str(missing / "key.txt"),
                             "--make-dirs")  # fmt: skip
    assert code == 0, err
    assert (missing / "key.txt").is_file()
    said = f"Created a new practice in {new}. The recovery key is in {missing / 'key.txt'}."
    assert out.startswith(said)
