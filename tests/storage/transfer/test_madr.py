"""Decisions as MADR files: export an engagement's log, import it back, read other tools' files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database

from exporters.madr import export_madr
from storage import sample
from storage.decisions import decision_chain
from storage.decisions import records as decisions
from storage.decisions.records import Decision, DecisionOption
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules.errors import ValidationError
from storage.transfer.madr_import import import_folder
from storage.transfer.madr_read import read

COMPARED = [f.name for f in dataclasses.fields(Decision)
            if f.name not in {"id", "engagement_id", "created_at", "supersedes_id",
                              "superseded_by_id", "source_file", "source_print",
                              "source_form"}]  # fmt: skip


def _engagement(db: Database, name: str) -> int:
    client = clients.add(db, Client(name))
    return (
        engagements.add(db, Engagement(client.id or 0, "Fractional CTO", dt.date(2026, 1, 5))).id
        or 0
    )


def _log(db: Database, engagement_id: int) -> list[dict[str, object]]:
    found = db.execute(
        "SELECT id FROM decision WHERE engagement_id = ? ORDER BY number", [engagement_id]
    )
    log = decisions.get_many(db, [r[0] for r in found])
    numbers = {d.id: d.number for d in log}
    return [
        {**{k: getattr(d, k) for k in COMPARED},
         "supersedes": numbers.get(d.supersedes_id), "superseded_by": numbers.get(d.superseded_by_id)}
        for d in log
    ]  # fmt: skip


@pytest.fixture
def logged(db: Database) -> int:
    acme = _engagement(db, "Acme")
    first = decisions.add(db, Decision(
        acme, "Use retrieval over fine-tuning", dt.date(2026, 2, 2), category="model_provider",
        status="accepted", context="Support answers must cite sources.\n\n## Not a heading\n- bullet",
        drivers="Cost\nFreshness", outcome="Chosen option: retrieval, because it cites sources.",
        consequences="- Good: answers cite\n- Bad: an index to run",
        options=(DecisionOption("Retrieval (RAG)", "Cites sources\nFresh", "An index to run"),
                 DecisionOption("Fine-tuning", "", "Stale quickly"), DecisionOption("3 replicas")),
        owner="Søren Ørsted", consulted="Team leads, «Legal»", reversibility="one_way",
        cost_if_wrong_minor=4_000_000, review_by=dt.date(2026, 6, 30),
        links="https://example.com/adr/1 | the spike",
    ))  # fmt: skip
    decision_chain.supersede(db, first.id or 0, Decision(
        acme, "Managed EU vector service (Frankfurt)", dt.date(2026, 3, 2), status="proposed",
        context="Data residency for EU customers"))  # fmt: skip
    decisions.add(
        db, Decision(acme, "日本語のタイトル: 評価", dt.date(2026, 3, 9), status="rejected")
    )
    return acme


def test_export_writes_madr_4_files_and_an_index(db: Database, logged: int, tmp_path: Path) -> None:
    written = export_madr(db, logged, tmp_path / "adr")
    names = [p.name for p in written]
    assert names[:2] == ["0001-use-retrieval-over-fine-tuning.md",
                         "0002-managed-eu-vector-service-frankfurt.md"]  # fmt: skip
    assert names[-1] == "README.md"
    text = (tmp_path / "adr" / names[0]).read_text()
    assert text.startswith(
        '---\nstatus: superseded\ndate: 2026-02-02\ndecision-makers: "Søren Ørsted"\n'
    )
    for heading in ("## Context and Problem Statement", "## Considered Options",
                    "## Decision Outcome", "### Consequences", "## Pros and Cons of the Options"):  # fmt: skip
        assert f"\n{heading}\n" in text
    assert "* Good, because Cites sources" in text
    assert (
        "Superseded by [0002-managed-eu-vector-service-frankfurt](0002-managed-eu-vector-service-frankfurt.md)"
        in text
    )
    assert (
        "[D-002](0002-managed-eu-vector-service-frankfurt.md)"
        in (tmp_path / "adr" / "README.md").read_text()
    )


def test_export_then_import_into_an_empty_engagement_gives_the_same_decisions(
    db: Database, data_dir: Path, logged: int, tmp_path: Path
) -> None:
    export_madr(db, logged, tmp_path / "adr")
    empty = _engagement(db, "Other")
    import_folder(db, data_dir, tmp_path / "adr", empty)
    assert _log(db, empty) == _log(db, logged)
    assert engagements.get(db, empty).next_decision_number == 4


def test_numbers_taken_already_move_to_the_next_free_one(
    db: Database, data_dir: Path, logged: int, tmp_path: Path
) -> None:
    export_madr(db, logged, tmp_path / "adr")
    ids = import_folder(db, data_dir, tmp_path / "adr", logged).ids
    added = decisions.get_many(db, ids)
    assert [d.number for d in added] == [4, 5, 6]
    assert added[0].superseded_by_id == added[1].id


ADR_TOOLS = """# 2. Use PostgreSQL

Date: 2025-11-03

## Status

Accepted

Supersedes [1. Use MySQL](0001-use-mysql.md)

## Context

We need transactions.

## Decision

We will use PostgreSQL.

## Consequences

Someone runs it.
"""
MADR_2 = """# Use Markdown Architectural Decision Records

* Status: accepted
* Deciders: Ana, Ben
* Date: 2024-05-06

## Context and Problem Statement

Which format?

## Considered Options

* MADR 2.1.2
* Michael Nygard's template

## Decision Outcome

Chosen option: "MADR 2.1.2", because it is lean.

### Positive Consequences

* Structured

### Negative Consequences

* Yet another format

## Pros and Cons of the Options

### MADR 2.1.2

* Good, because lean
* Bad, because new
"""


def test_adr_tools_and_madr_2_files_are_read() -> None:
    nygard = read("0002-use-postgresql.md", ADR_TOOLS)
    assert (nygard.file_number, nygard.title, nygard.status) == (2, "Use PostgreSQL", "accepted")
    assert nygard.decided_on == dt.date(2025, 11, 3)
    assert nygard.fields["outcome"] == "We will use PostgreSQL."
    assert nygard.fields["consequences"] == "Someone runs it."
    assert nygard.supersedes == "0001-use-mysql.md"
    madr = read("0000-use-markdown.md", MADR_2)
    assert madr.fields["owner"] == "Ana, Ben"
    assert madr.decided_on == dt.date(2024, 5, 6)
    assert madr.fields["outcome"] == 'Chosen option: "MADR 2.1.2", because it is lean.'
    assert madr.fields["consequences"] == (  # MADR 2's two headings read together
        "* Structured\n\n### Negative Consequences\n\n* Yet another format"
    )
    assert madr.options == (DecisionOption("MADR 2.1.2", "lean", "new"),
                            DecisionOption("Michael Nygard's template"))  # fmt: skip


def test_a_folder_of_adr_tools_files_imports_with_its_links(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-use-mysql.md").write_text(
        "# 1. Use MySQL\n\nDate: 2025-01-02\n\n## Status\n\nSuperseded by "
        "[2. Use PostgreSQL](0002-use-postgresql.md)\n\n## Context\n\nA database.\n"
    )
    (folder / "0002-use-postgresql.md").write_text(ADR_TOOLS)
    acme = _engagement(db, "Acme")
    first, second = decisions.get_many(db, import_folder(db, data_dir, folder, acme).ids)
    assert (first.number, first.status, first.superseded_by_id) == (1, "superseded", second.id)
    assert second.supersedes_id == first.id


def test_a_bad_file_stops_the_import_before_anything_is_written(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "0001-fine.md").write_text("# Fine\n")
    (tmp_path / "0002-bad.md").write_text("---\ndate: 2026-02-30\n---\n# Bad\n")
    acme = _engagement(db, "Acme")
    with pytest.raises(ValidationError, match=r"0002-bad\.md"):
        import_folder(db, data_dir, tmp_path, acme)
    assert db.execute("SELECT count(*) FROM decision").fetchone()[0] == 0


def test_the_sample_practice_round_trips_through_madr(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    sample.generate(db, sample.SampleOptions(as_of=dt.date(2026, 11, 20)))
    source = max(engagements.list_all(db), key=lambda e: e.next_decision_number)
    export_madr(db, source.id or 0, tmp_path / "adr")
    empty = _engagement(db, "Empty")
    import_folder(db, data_dir, tmp_path / "adr", empty)
    assert _log(db, empty) == _log(db, source.id or 0)
