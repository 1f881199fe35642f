"""`fractional-desk export sow` records a version and warns about "To be agreed";
`fractional-desk documents list` prints the versions as JSON or a table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.rules import clock
from tests.export_support import make_engagement
from tests.sow_sample import agreed_engagement


def _run(data_dir: Path, *args: str) -> int:
    return main([*args, "--data-dir", str(data_dir)])


def test_export_sow_records_versions_that_documents_list_prints(
    db: Database, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    e = agreed_engagement(db)
    for name in ("v1.docx", "v2.docx"):
        out = tmp_path / name
        assert _run(data_dir, "export", "sow", "--engagement", str(e.id), "--out", str(out)) == 0
        captured = capsys.readouterr()
        assert captured.out.strip() == str(out)
        assert captured.err == ""  # nothing is to be agreed
    assert _run(data_dir, "documents", "list", "--engagement", str(e.id), "--format", "json") == 0
    found = json.loads(capsys.readouterr().out)
    assert [(v["kind"], v["version"], Path(v["path"]).name) for v in found] == [
        ("sow", 1, "v1.docx"),
        ("sow", 2, "v2.docx"),
    ]
    assert all(len(v["date"]) == 10 for v in found)
    assert _run(data_dir, "documents", "list", "--engagement", str(e.id)) == 0
    table = capsys.readouterr().out
    assert "Scope of work" in table
    assert "v2.docx" in table


def test_export_sow_warns_about_sections_to_be_agreed(
    db: Database, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    e = make_engagement(db)
    out = tmp_path / "sow.docx"
    assert _run(data_dir, "export", "sow", "--engagement", str(e.id), "--out", str(out)) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(out)
    (line,) = captured.err.splitlines()
    assert line.startswith("fractional-desk: warning: these sections say “To be agreed”: Parties,")
    assert "Term, notice and termination" in line


def test_documents_list_without_versions_and_for_a_missing_engagement(
    db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    e = make_engagement(db)
    assert _run(data_dir, "documents", "list", "--engagement", str(e.id), "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert _run(data_dir, "documents", "list", "--engagement", str(e.id)) == 0
    assert "No document has been exported" in capsys.readouterr().out
    assert _run(data_dir, "documents", "list", "--engagement", "999") == 1
    assert "There is no engagement 999" in capsys.readouterr().err


def test_documents_list_shows_draft_active_and_signed(
    db: Database, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = make_engagement(db, client_name="Beta Labs")
    agreed = agreed_engagement(db)
    for e in (draft, agreed):
        for name in ("v1.docx", "v2.docx"):
            out = tmp_path / f"{e.id}-{name}"
            assert (
                _run(data_dir, "export", "sow", "--engagement", str(e.id), "--out", str(out)) == 0
            )
    capsys.readouterr()
    day = clock.today().isoformat()
    assert _run(data_dir, "documents", "sign", "--engagement", str(agreed.id), "--version", "1",
                "--on", day) == 0  # fmt: skip
    assert f"signed on {day}" in capsys.readouterr().out
    assert _run(data_dir, "documents", "sign", "--engagement", str(draft.id), "--version", "1") == 1
    assert "Not signed: version 1 is a draft" in capsys.readouterr().err
    states = {}
    for e in (draft, agreed):
        assert (
            _run(data_dir, "documents", "list", "--engagement", str(e.id), "--format", "json") == 0
        )
        states[e.id] = [v["state"] for v in json.loads(capsys.readouterr().out)]
    assert states == {draft.id: ["draft", "draft"], agreed.id: ["active", "superseded"]}
    assert _run(data_dir, "documents", "list", "--engagement", str(agreed.id)) == 0
    table = capsys.readouterr().out
    assert f"signed {day}, active" in table
    assert "superseded" in table
