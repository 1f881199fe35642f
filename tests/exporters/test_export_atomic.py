"""A document is either written completely or not at all, and failures say why in plain words."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

import pytest

from exporters.atomic_write import write_atomic, write_bytes
from exporters.errors import ExportError


def test_writes_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    write_bytes(target, b"content")
    assert target.read_bytes() == b"content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


def test_failure_midway_keeps_the_old_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")

    def half_then_fail(stream: BinaryIO) -> None:
        stream.write(b"half a docu")
        raise RuntimeError("the document builder failed")

    with pytest.raises(RuntimeError, match="builder failed"):
        write_atomic(target, half_then_fail)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


def test_disk_error_midway_becomes_an_export_error_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new.docx"

    def disk_full(stream: BinaryIO) -> None:
        stream.write(b"partial")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="full"):
        write_atomic(target, disk_full)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_bytes(tmp_path / "nowhere" / "report.docx", b"x")


def test_a_folder_as_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        write_bytes(tmp_path, b"x")


def test_read_only_folder_is_a_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root): chmod has no effect")
        with pytest.raises(ExportError, match="cannot be written") as caught:
            write_bytes(folder / "report.docx", b"x")
        assert "report.docx" in caught.value.message
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_file_held_open_elsewhere_is_a_clear_error_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows, replacing a document Word has open fails with a permission error."""
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="open in another program"):
        write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
