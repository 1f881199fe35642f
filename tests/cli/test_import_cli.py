"""`fractional-desk import …`, `export practice` and `decisions export-madr|import-madr`."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage import sample
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.transfer import practice_json

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"


def _map(tmp_path: Path, acme: int) -> Path:
    path = tmp_path / "map.json"
    path.write_text(json.dumps({
        "engagements": {"Acme Robotics / Fractional CTO": acme, "Zoë Labs / AI evaluation": "new"},
        "buckets": {"Strategy": "strategy", "Hiring": "leadership"}, "default_bucket": "team",
    }))  # fmt: skip
    return path


def _import_argv(fixture: str, mapping: Path, *extra: str) -> list[str]:
    return ["import", "time", str(FIXTURES / fixture), "--map", str(mapping),
            "--format-out", "json", *extra]  # fmt: skip


def _json_out(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    value: dict[str, object] = json.loads(capsys.readouterr().out)
    return value


def test_dry_run_prints_the_preview_and_writes_nothing(
    db: Database, acme: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _import_argv("harvest-detailed.csv", _map(tmp_path, acme), "--dry-run")
    assert main(argv) == 0
    out = _json_out(capsys)
    assert out["format"] == "harvest"
    assert (out["rows"], out["imported"], out["duplicates"], out["refused"]) == (4, 4, 0, [])
    assert out["minutes"] == {
        str(acme): {"strategy": 150, "team": 45, "leadership": 75},
        "new: Zoë Labs / AI evaluation": {"strategy": 90, "team": 0, "leadership": 0},
    }
    assert db.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 0


def test_import_then_again_then_undo(
    db: Database, acme: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*_import_argv("clockify-detailed.csv", _map(tmp_path, acme)), "--date-order", "mdy"]
    assert main(argv) == 0
    first = _json_out(capsys)
    assert (first["imported"], first["duplicates"]) == (4, 0)
    assert main([*argv[:3], "--date-order", "mdy"]) == 0  # the remembered map: nothing new
    assert "0 imported, 4 already imported" in capsys.readouterr().out
    assert main(["import", "undo", str(first["import_id"])]) == 0
    assert "Deleted the 5 time entries" in capsys.readouterr().out


def test_a_file_that_is_not_an_export_is_refused_in_one_line(
    tmp_path: Path, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n")
    assert main(["import", "time", str(junk)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Nothing was imported" in err


def test_the_practice_round_trips_through_json(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample.generate(db, sample.SampleOptions(as_of=dt.date(2026, 11, 20)))
    db.execute("INSERT INTO setting (key, value) VALUES ('smtp_password', '\"x\"')")
    db.conn.commit()
    out = tmp_path / "practice.json"
    assert main(["export", "practice", "--out", str(out)]) == 0
    written = json.loads(out.read_text())
    assert written["format"] == "fractional-desk-practice"
    assert written["version"] == 1
    assert "smtp_password" not in {s["key"] for s in written["tables"]["setting"]}
    target = tmp_path / "restored"
    assert main(["import", "practice", str(out), "--data-dir", str(target)]) == 0
    with open_database(database_file(target)) as restored:
        again = practice_json.dump(restored)
        assert restored.execute("PRAGMA foreign_key_check").fetchall() == []
        hits = restored.execute(
            "SELECT count(*) FROM decision_fts WHERE decision_fts MATCH 'vendor'"
        )
        assert hits.fetchone()[0] > 0  # the search index is rebuilt from the rows
    assert again["tables"] == written["tables"]
    assert again["schema"] == written["schema"]


def test_a_practice_is_imported_only_into_an_empty_folder(
    db: Database, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clients.add(db, Client("Acme"))
    out = tmp_path / "practice.json"
    assert main(["export", "practice", "--out", str(out)]) == 0
    assert main(["import", "practice", str(out), "--data-dir", str(data_dir)]) == 1
    assert "already holds clients" in capsys.readouterr().err
    newer = json.loads(out.read_text())
    newer["schema"].append("m999_from_the_future")
    out.write_text(json.dumps(newer))
    assert main(["import", "practice", str(out), "--data-dir", str(tmp_path / "new")]) == 1
    assert "newer Fractional Desk" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_decisions_round_trip_through_madr_on_the_command_line(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample.generate(db, sample.SampleOptions(as_of=dt.date(2026, 11, 20)))
    source = max(engagements.list_all(db), key=lambda e: e.next_decision_number)
    empty = engagements.add(db, Engagement(source.client_id, "Next phase", dt.date(2026, 1, 5)))
    folder = tmp_path / "adr"
    words = ["decisions", "export-madr", "--engagement", str(source.id), "--out", str(folder)]
    assert main(words) == 1  # a missing folder is refused, as every command that writes one does
    assert "--make-dirs" in capsys.readouterr().err
    assert main([*words, "--make-dirs"]) == 0
    assert (folder / "README.md").is_file()
    capsys.readouterr()
    assert main(["decisions", "import-madr", str(folder), "--engagement", str(empty.id)]) == 0
    assert capsys.readouterr().out.startswith(
        f"Imported {source.next_decision_number - 1} decisions"
    )
    assert main(["decisions", "import-madr", str(tmp_path), "--engagement", "999"]) == 1


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_practice_file_is_owner_only(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "practice.json"
    assert main(["export", "practice", "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_result_names_a_new_engagement_by_its_id(
    db: Database, acme: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _import_argv("harvest-detailed.csv", _map(tmp_path, acme))
    assert main(argv) == 0
    made = next(e for e in engagements.list_all(db) if e.title == "AI evaluation")
    minutes = _json_out(capsys)["minutes"]
    assert minutes == {
        str(acme): {"strategy": 150, "team": 45, "leadership": 75},
        str(made.id): {"strategy": 90, "team": 0, "leadership": 0},
    }


def test_a_document_still_needs_its_engagement(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "sow", "--out", str(tmp_path / "x.docx")]) == 1
    assert "export sow needs --engagement ID" in capsys.readouterr().err


def test_a_practice_file_breaking_a_rule_writes_nothing(
    db: Database, acme: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storage.time import time_entries

    time_entries.add(db, time_entries.TimeEntry(acme, dt.date(2026, 3, 2), "team", 600))
    out = tmp_path / "practice.json"
    assert main(["export", "practice", "--out", str(out)]) == 0
    edited = json.loads(out.read_text())
    edited["tables"]["time_entry"].append({**edited["tables"]["time_entry"][0], "id": 2})
    edited["tables"]["time_entry"].append({**edited["tables"]["time_entry"][0], "id": 3})
    out.write_text(json.dumps(edited))
    assert main(["import", "practice", str(out), "--data-dir", str(tmp_path / "new")]) == 1
    assert "more than 24 hours on 2026-03-02" in capsys.readouterr().err
    edited["tables"]["time_entry"] = edited["tables"]["time_entry"][:1]
    edited["tables"]["engagement"][0]["status"] = "paused"
    out.write_text(json.dumps(edited))
    assert main(["import", "practice", str(out), "--data-dir", str(tmp_path / "new")]) == 1
    assert "breaks a rule" in capsys.readouterr().err  # the schema's own check
    assert not (tmp_path / "new").exists()


def test_a_practice_file_from_before_deliverables_were_records_keeps_them(
    db: Database, tmp_path: Path
) -> None:
    """A file written before schema step 9 has deliverables as lines of text on the engagement;
    they come in as deliverable rows, in order, list marks dropped."""
    sample.generate(db, sample.SampleOptions(as_of=dt.date(2026, 11, 20)))
    written = practice_json.dump(db)
    written["schema"] = [s for s in written["schema"] if not s.startswith("m009")]
    tables = written["tables"]
    for table in ("deliverable", "phase", "instalment", "invoice", "invoice_line", "risk",
                  "recommendation", "access_item", "document_version", "payment",
                  "credit_note", "credit_note_line"):  # fmt: skip
        tables.pop(table, None)
    first = tables["engagement"][0]
    for row in tables["engagement"]:
        for key in [k for k in row if k not in OLD_ENGAGEMENT_COLUMNS]:
            del row[key]
        row["deliverables"] = ""
    first["deliverables"] = "- Architecture review\r\n\n* Hiring plan ✓\n"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(written))
    target = tmp_path / "restored"
    assert main(["import", "practice", str(old), "--data-dir", str(target)]) == 0
    with open_database(database_file(target)) as restored:
        titles = restored.execute(
            "SELECT title FROM deliverable WHERE engagement_id = ? ORDER BY position",
            [first["id"]],
        ).fetchall()
        assert [t for (t,) in titles] == ["Architecture review", "Hiring plan ✓"]
        assert restored.execute("SELECT count(*) FROM deliverable").fetchone()[0] == 2


OLD_ENGAGEMENT_COLUMNS = {
    "id", "client_id", "title", "role", "start_date", "planned_end_date", "days_per_week",
    "hours_per_day", "split_strategy", "split_team", "split_leadership", "billing_model",
    "fee_minor", "currency", "objectives", "out_of_scope", "assumptions", "status", "ended_on",
    "next_decision_number", "created_at",
}  # fmt: skip


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (2**63, "the number 9223372036854775808, too large to keep"),
        ("\ud800", "a broken character (an unpaired surrogate"),
        ("x" * 1_000_001, "a text of 1,000,001 characters"),
    ],
    ids=["2^63", "lone surrogate", "long text"],
)
def test_a_practice_value_no_record_can_keep_is_refused_in_one_line(
    db: Database, acme: int, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    value: object, said: str,
) -> None:  # fmt: skip
    out = tmp_path / "practice.json"
    assert main(["export", "practice", "--out", str(out)]) == 0
    edited = json.loads(out.read_text())
    edited["tables"]["client"][0]["notes"] = value
    out.write_text(json.dumps(edited))  # ensure_ascii: the surrogate is written as \ud800
    assert main(["import", "practice", str(out), "--data-dir", str(tmp_path / "new")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert said in err
    assert "unexpected" not in err
    assert not (tmp_path / "new").exists()


def test_a_practice_nested_200000_deep_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    assert main(["import", "practice", str(deep), "--data-dir", str(tmp_path / "new")]) == 1
    err = capsys.readouterr().err
    assert err == "fractional-desk: Nothing was imported: deep.json nests deeper than 32 levels.\n"
    assert not (tmp_path / "new").exists()


def test_the_dry_run_and_the_import_refuse_the_same_out_of_range_row(
    db: Database, acme: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "harvest.csv"
    export.write_text(
        "Date,Client,Project,Task,Notes,Hours\n"
        "2026-03-02,Acme Robotics,Fractional CTO,Strategy,Fine,2\n"
        "2201-01-05,Acme Robotics,Fractional CTO,Strategy,Far future,1\n"
    )
    argv = _import_argv("harvest-detailed.csv", _map(tmp_path, acme))
    argv[2] = str(export)
    assert main([*argv, "--dry-run"]) == 0
    dry = _json_out(capsys)
    assert main(argv) == 0
    done = _json_out(capsys)
    expected = [{"line": 3, "reason": "day must be between 1970 and 2200"}]
    assert dry["refused"] == done["refused"] == expected
    assert dry["imported"] == done["imported"] == 1
    assert db.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 1


def test_madr_files_in_a_supersede_circle_are_refused_in_one_line(
    db: Database, acme: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    for name, other in (("0001-a.md", "0002-b.md"), ("0002-b.md", "0001-a.md")):
        (folder / name).write_text(
            f"# {name}\n\n## More Information\n\n* Supersedes [{other}]({other})\n"
        )
    argv = ["decisions", "import-madr", str(folder), "--engagement", str(acme)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "0002-b.md cannot supersede 0001-a.md" in err
    assert "circle" in err
    assert db.execute("SELECT count(*) FROM decision").fetchone()[0] == 0


@pytest.mark.parametrize("own_files", [(), ("fractional-desk.lock", "logs/fractional-desk.log")])
def test_import_practice_into_an_existing_folder_empty_but_for_the_apps_own_files(
    db: Database, acme: int, tmp_path: Path, own_files: tuple[str, ...]
) -> None:
    """How a user makes a folder for it: an empty one, or one where a first command left only
    its lock and log."""
    out = tmp_path / "practice.json"
    assert main(["export", "practice", "--out", str(out)]) == 0
    target = tmp_path / "made-by-hand"
    target.mkdir()
    for name in own_files:
        (target / name).parent.mkdir(exist_ok=True)
        (target / name).write_text("")
    assert main(["import", "practice", str(out), "--data-dir", str(target)]) == 0
    with open_database(database_file(target)) as imported:
        assert [c.name for c in clients.list_all(imported)] == ["Acme Robotics"]
    assert not [p for p in target.iterdir() if p.name.startswith(".")]
