"""The doors of the imports: only regular files, read up to a limit; JSON held to what a record
can keep; a dry run that says what the import does; supersede circles refused as the app does."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.rules.errors import ValidationError
from storage.transfer import practice_json
from storage.transfer.bounded_json import MAX_DEPTH
from storage.transfer.import_map import ImportMap, load_file
from storage.transfer.import_time import import_file, preview
from storage.transfer.madr_import import import_folder
from storage.transfer.regular_file import read_regular

HARVEST = "Date,Client,Project,Task,Notes,Hours\n"

# --- regular files only, read up to the limit --------------------------------------------------


def test_a_regular_file_is_read_whole_up_to_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "ten.csv"
    path.write_bytes(b"0123456789")
    assert read_regular(path, 10) == b"0123456789"
    with pytest.raises(ValidationError, match=r"ten\.csv is larger than 9 bytes"):
        read_regular(path, 9)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux's /proc")
def test_the_limit_is_checked_on_the_bytes_read_not_the_size_the_file_claims() -> None:
    claims = Path("/proc/self/status")
    assert claims.stat().st_size == 0  # a file that says it is empty and is not
    with pytest.raises(ValidationError, match="larger than 16 bytes"):
        read_regular(claims, 16)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_a_device_and_a_folder_are_refused_by_name(tmp_path: Path) -> None:
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError, match=r"export\.csv is a pipe \(FIFO\), not a regular"):
        read_regular(fifo, 100)
    with pytest.raises(ValidationError, match="is a folder, not a regular file"):
        read_regular(tmp_path, 100)
    if Path("/dev/zero").exists():
        with pytest.raises(ValidationError, match="is a device, not a regular file"):
            read_regular(Path("/dev/zero"), 100)


def test_a_missing_file_is_refused_on_the_field_given(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="cannot be read") as refused:
        read_regular(tmp_path / "gone.json", 100, "map")
    assert refused.value.field == "map"


# --- the practice JSON, bounded ----------------------------------------------------------------


def _practice(tmp_path: Path, rows: str) -> Path:
    """A practice file whose client table holds `rows` (JSON text, written as given)."""
    path = tmp_path / "practice.json"
    path.write_text(
        '{"format": "fractional-desk-practice", "version": 1, "schema": [], '
        f'"tables": {{"client": {rows}}}}}',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        ('[{"id": 9223372036854775808}]', "the number 9223372036854775808, too large"),
        ('[{"id": -9223372036854775809}]', "the number -9223372036854775809, too large"),
        ('[{"id": 1' + "0" * 5000 + "}]", "too large to keep"),
        ('[{"name": "\\ud800 broken"}]', "an unpaired surrogate"),
        ('[{"name": "' + "x" * 1_000_001 + '"}]', "a text of 1,000,001 characters"),
        ('[{"rate": NaN}]', "NaN, which is not a number"),
        ('[{"rate": 1e400}]', "a number too large to keep"),
        ("[" * 200_000 + "]" * 200_000, f"nests deeper than {MAX_DEPTH} levels"),
        ("[" * 40 + "]" * 40, f"nests deeper than {MAX_DEPTH} levels"),
    ],
    ids=[
        "2^63",
        "-2^63-1",
        "5000 digits",
        "surrogate",
        "long text",
        "NaN",
        "1e400",
        "200000 deep",
        "40 deep",
    ],
)
def test_values_no_record_can_keep_are_refused_in_one_line(
    tmp_path: Path, rows: str, said: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        practice_json.load(_practice(tmp_path, rows))
    assert said in refused.value.message
    assert "\n" not in refused.value.message


def test_the_largest_integer_sqlite_keeps_passes_the_bounds(tmp_path: Path) -> None:
    value = practice_json.load(_practice(tmp_path, '[{"id": 9223372036854775807}]'))
    assert value["tables"]["client"] == [{"id": 2**63 - 1}]


def test_a_row_value_that_is_not_a_scalar_is_refused_and_nothing_is_written(
    tmp_path: Path, db: Database
) -> None:
    value = practice_json.load(_practice(tmp_path, '[{"id": 1, "name": ["Acme"]}]'))
    with pytest.raises(ValidationError, match="client row 1 has a value that is not text"):
        practice_json.restore_practice(db, value)
    assert db.execute("SELECT count(*) FROM client").fetchone()[0] == 0


def test_a_map_file_is_read_through_the_same_doors(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text('{"buckets": {"\\udfff": "team"}}')
    with pytest.raises(ValidationError, match="unpaired surrogate") as refused:
        load_file(path)
    assert refused.value.field == "map"
    path.write_bytes(b'{"buckets": {"\xff": "team"}}')
    with pytest.raises(ValidationError, match="not UTF-8"):
        load_file(path)


# --- one plan for the dry run and the import ---------------------------------------------------


def test_a_row_out_of_the_date_range_is_refused_with_its_line_in_both_runs(
    db: Database, data_dir: Path, acme: int, tmp_path: Path
) -> None:
    path = tmp_path / "harvest.csv"
    path.write_text(
        HARVEST
        + "2026-03-02,Acme Robotics,Fractional CTO,Strategy,Fine,2\n"
        + "2201-01-05,Acme Robotics,Fractional CTO,Strategy,Far future,1\n"
        + "1969-12-31,Zoë Labs,Audit,Strategy,Before the calendar,1\n"
        + "2026-03-03,Zoë Labs,Audit,Strategy,"
        + "n" * 10_001
        + ",1\n"
        + "2026-03-04,Zoë Labs,Audit,Strategy,Fine too,1\n",
        encoding="utf-8",
    )
    mapping = ImportMap({"Acme Robotics / Fractional CTO": acme, "Zoë Labs / Audit": "new"})
    dry = preview(db, path, mapping)
    assert [(r.line, r.reason) for r in dry.refused] == [
        (3, "day must be between 1970 and 2200"),
        (4, "day must be between 1970 and 2200"),
        (5, "note is too long (at most 10,000 characters)"),
    ]
    assert dry.new_engagements == {"Zoë Labs / Audit": dt.date(2026, 3, 4)}
    done, import_id = import_file(db, data_dir, path, mapping)
    assert import_id is not None
    assert done.as_json() == {**dry.as_json(), "minutes": done.as_json()["minutes"]}
    assert (done.imported, [r.line for r in done.refused]) == (2, [3, 4, 5])
    days = [r[0] for r in db.execute("SELECT day FROM time_entry ORDER BY day")]
    assert days == ["2026-03-02", "2026-03-04"]
    started = db.execute("SELECT start_date FROM engagement WHERE title = 'Audit'").fetchone()
    assert started[0] == "2026-03-04"


# --- supersede circles -------------------------------------------------------------------------


def _madr(folder: Path, name: str, title: str, supersedes: str = "") -> None:
    link = (
        f"\n\n## More Information\n\n* Supersedes [{supersedes}]({supersedes})"
        if supersedes
        else ""
    )
    (folder / name).write_text(
        f"---\nstatus: accepted\ndate: 2026-02-02\n---\n# {title}{link}\n", encoding="utf-8"
    )


def test_files_that_supersede_each_other_in_a_circle_are_refused(
    db: Database, data_dir: Path, acme: int, tmp_path: Path
) -> None:
    _madr(tmp_path, "0001-a.md", "A", supersedes="0003-c.md")
    _madr(tmp_path, "0002-b.md", "B", supersedes="0001-a.md")
    _madr(tmp_path, "0003-c.md", "C", supersedes="0002-b.md")
    with pytest.raises(ValidationError, match=r"0003-c\.md cannot supersede 0002-b\.md: .*circle"):
        import_folder(db, data_dir, tmp_path, acme)
    assert db.execute("SELECT count(*) FROM decision").fetchone()[0] == 0


def test_two_files_superseding_one_are_refused_as_the_app_refuses_them(
    db: Database, data_dir: Path, acme: int, tmp_path: Path
) -> None:
    _madr(tmp_path, "0001-a.md", "A")
    _madr(tmp_path, "0002-b.md", "B", supersedes="0001-a.md")
    _madr(tmp_path, "0003-c.md", "C", supersedes="0001-a.md")
    with pytest.raises(ValidationError, match="is already superseded by D-002"):
        import_folder(db, data_dir, tmp_path, acme)
    assert db.execute("SELECT count(*) FROM decision").fetchone()[0] == 0


def test_a_chain_of_files_still_imports_with_its_links(
    db: Database, data_dir: Path, acme: int, tmp_path: Path
) -> None:
    _madr(tmp_path, "0001-a.md", "A")
    _madr(tmp_path, "0002-b.md", "B", supersedes="0001-a.md")
    _madr(tmp_path, "0003-c.md", "C", supersedes="0002-b.md")
    a, b, c = decisions.get_many(db, import_folder(db, data_dir, tmp_path, acme).ids)
    assert (a.superseded_by_id, b.supersedes_id, b.superseded_by_id) == (b.id, a.id, c.id)
    assert (a.status, b.status, c.status) == ("superseded", "superseded", "accepted")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_named_like_a_decision_file_is_refused_not_waited_on(
    db: Database, data_dir: Path, acme: int, tmp_path: Path
) -> None:
    _madr(tmp_path, "0001-a.md", "A")
    os.mkfifo(tmp_path / "0002-b.md")
    with pytest.raises(ValidationError, match=r"0002-b\.md is a pipe"):
        import_folder(db, data_dir, tmp_path, acme)
    assert db.execute("SELECT count(*) FROM decision").fetchone()[0] == 0
