"""Decision folders as other tools write them (tests/fixtures/decisions/): each test names the
variant. Every folder imports with nothing refused, nothing invented and nothing dropped; a
second import changes nothing; an export gives back every content line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlite_utils import Database

from exporters.madr import export_madr
from storage.decisions import records as decisions
from storage.decisions.records import Decision
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.transfer.madr_import import MadrImport, import_folder

FOLDERS = Path(__file__).parents[2] / "fixtures" / "decisions"
VARIANTS = sorted(p.name for p in FOLDERS.iterdir() if p.is_dir())
STYLE = {"nygard-adr-tools": "nygard"}  # the others go back out as MADR 4
_META = re.compile(r"^\s*(?:[*-]\s*)?(Status|Deciders|Date|Consulted|Informed)\s*:", re.I)


def _engagement(db: Database) -> int:
    client = clients.add(db, Client("Acme"))
    made = engagements.add(db, Engagement(client.id or 0, "Fractional CTO", dt.date(2026, 1, 5)))
    return made.id or 0


def _import(db: Database, data_dir: Path, variant: str) -> tuple[int, MadrImport, list[Decision]]:
    engagement = _engagement(db)
    result = import_folder(db, data_dir, FOLDERS / variant, engagement)
    return engagement, result, decisions.get_many(db, result.ids)


def _by_file(log: list[Decision]) -> dict[str, Decision]:
    return {d.source_file: d for d in log}


def content_lines(text: str) -> list[str]:
    """The lines of a record that carry content: not blank, not the front matter, and not the
    metadata lines MADR 2, log4brains and adr-tools write under the title (the front matter's
    other form: an export writes them into its front matter or its `Date:` line)."""
    lines = text.split("\n")
    if lines[0] == "---":
        end = lines.index("---", 1)
        lines = lines[end + 1 :]
    first_section = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
    return [
        line.strip()
        for i, line in enumerate(lines)
        if line.strip() and not (i < first_section and _META.match(line))
    ]


@pytest.mark.parametrize("variant", VARIANTS)
def test_import_then_export_gives_back_every_content_line(
    db: Database, data_dir: Path, tmp_path: Path, variant: str
) -> None:
    """Variant: each fixture folder; the adr-tools one goes back out in Nygard style."""
    engagement, result, _log = _import(db, data_dir, variant)
    out = tmp_path / "out"
    export_madr(db, engagement, out, STYLE.get(variant, "madr4"))
    skipped = {name for name, _reason in result.skipped}
    for source in sorted((FOLDERS / variant).glob("*.md")):
        if source.name in skipped:
            continue
        written = content_lines((out / source.name).read_text(encoding="utf-8"))
        missing = [
            line
            for line in content_lines(source.read_text(encoding="utf-8"))
            if line not in written
        ]
        assert missing == [], f"{variant}/{source.name} lost lines"


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_second_import_changes_nothing(db: Database, data_dir: Path, variant: str) -> None:
    """Variant: each fixture folder, imported twice into the same engagement."""
    engagement, first, log = _import(db, data_dir, variant)
    again = import_folder(db, data_dir, FOLDERS / variant, engagement)
    assert again.added == again.updated == []
    assert again.ids == first.ids
    assert decisions.get_many(db, again.ids) == log


def test_madr_2_keeps_the_technical_story_drivers_links_and_option_text(
    db: Database, data_dir: Path
) -> None:
    """Variant: MADR 2: metadata as bullets, text before the first section, headings with
    `<!-- optional -->`, positive and negative consequences, an option's description."""
    _e, result, log = _import(db, data_dir, "madr-2")
    first = _by_file(log)["0001-use-markdown-architectural-decision-records.md"]
    assert (first.number, first.status, first.owner) == (1, "accepted", "Ana Müller, Ben Okafor")
    assert first.decided_on == dt.date(2024, 5, 6)
    assert "Technical Story: [ISSUE-12]" in first.kept_text
    assert first.drivers.startswith("* Lean")
    assert "### Negative Consequences" in first.consequences
    madr = first.options[0]
    assert madr.description == "The latest version of MADR when this was decided."
    assert madr.pros == "it is lean\nit has a section for pros and cons"
    assert "Refined by [ADR-0002]" in first.links
    assert result.skipped == []


def test_madr_3_fences_statuses_and_unknown_sections(db: Database, data_dir: Path) -> None:
    """Variant: MADR 3: a heading inside a fenced code block, a Validation section, a
    Neutral argument, a status outside the five (`on hold`), a record without a date."""
    _e, _result, log = _import(db, data_dir, "madr-3")
    store, hold = log
    assert store.outcome.startswith('Chosen option: "PostgreSQL"')
    assert "## Validation" in store.kept_text
    assert "## not a section" in store.kept_text
    assert [o.name for o in store.options] == ["PostgreSQL", "Kafka as the store", "EventStoreDB"]
    assert "Neutral, because it needs a partitioning plan" in store.options[0].description
    assert (hold.status, hold.status_text) == ("proposed", "on hold")
    assert hold.date_unknown
    assert hold.date_label == "date unknown"


def test_madr_4_superseded_in_front_matter_links_both_ways(db: Database, data_dir: Path) -> None:
    """Variant: MADR 4: `status: superseded by [ADR-0002](…)` on one side, `Supersedes` in
    More Information on the other, a Confirmation section."""
    _e, _result, log = _import(db, data_dir, "madr-4")
    old, new = log
    assert (old.status, old.superseded_by_id, new.supersedes_id) == ("superseded", new.id, old.id)
    assert old.status_text == "superseded by [ADR-0002](0002-use-pgvector.md)"
    assert "### Confirmation" in new.kept_text


def test_adr_tools_superceded_amends_and_an_old_date(db: Database, data_dir: Path) -> None:
    """Variant: adr-tools (Nygard): "Superceded by" and "Supercedes", Amends, Amended by and
    Clarifies kept with their words, `Date: 12/01/1992` (read both ways: kept, date unknown)."""
    _e, _result, log = _import(db, data_dir, "nygard-adr-tools")
    files = _by_file(log)
    mysql, postgres = files["0002-use-mysql.md"], files["0003-use-postgresql.md"]
    assert (mysql.status, mysql.superseded_by_id) == ("superseded", postgres.id)
    assert postgres.supersedes_id == mysql.id
    assert "Amended by [4. Use managed PostgreSQL]" in postgres.status_text
    assert "Clarifies [1. Record" in files["0004-use-managed-postgresql.md"].status_text
    assert all(d.date_unknown for d in log)
    assert files["0001-record-architecture-decisions.md"].options == ()


def test_nygard_export_starts_with_the_title_for_adr_tools(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    """Variant: adr-tools reads the title from line 1 (`adr list`, `generate toc`)."""
    engagement, _result, _log = _import(db, data_dir, "nygard-adr-tools")
    export_madr(db, engagement, tmp_path, "nygard")
    text = (tmp_path / "0002-use-mysql.md").read_text(encoding="utf-8")
    assert text.startswith("# 2. Use MySQL\n\nDate: 12/01/1992\n\n## Status\n\nSuperceded by")
    assert "## Considered Options" not in text


def test_log4brains_dated_names_and_the_index_and_template_skipped(
    db: Database, data_dir: Path
) -> None:
    """Variant: log4brains: `YYYYMMDD-slug.md` names (a date, not a number), a Tags line,
    README.md and template.md in the folder."""
    _e, result, log = _import(db, data_dir, "log4brains")
    assert [d.number for d in log] == [1, 2]
    assert log[1].decided_on == dt.date(2024, 2, 12)  # from its name: the file has no Date
    assert not log[1].date_unknown
    assert "- Tags: ci" in log[1].kept_text
    assert dict(result.skipped) == {"README.md": "the folder's index", "template.md": "a template"}


def test_backstage_prefixed_numbers_and_titles_in_front_matter(
    db: Database, data_dir: Path
) -> None:
    """Variant: Backstage: `adrNNN-slug.md`, the title in front matter, a decision under
    `## Proposal` (kept, never an empty record) and no date."""
    _e, _result, log = _import(db, data_dir, "backstage")
    assert [(d.number, d.title) for d in log] == [
        (1, "Use ADRs for decisions"), (2, "Host the catalog on Kubernetes"),
    ]  # fmt: skip
    assert "## Proposal\n\nRun the catalog as a Deployment" in log[1].kept_text
    assert log[1].date_unknown


def test_unnumbered_files_are_all_imported_and_skips_are_named(
    db: Database, data_dir: Path
) -> None:
    """Variant: unnumbered `slug.md` files, an Exceptions section, `Status: Reverted by …`,
    and a file that is not Markdown."""
    _e, result, log = _import(db, data_dir, "unnumbered")
    assert [d.title for d in log] == ["Choose an LLM provider", "Evaluate answers weekly"]
    assert "## Exceptions" in log[0].kept_text
    assert (log[1].status, log[1].status_text) == (
        "deprecated", "Reverted by [Choose an LLM provider](choose-an-llm-provider.md)",
    )  # fmt: skip
    assert result.skipped == [("notes.txt", "not a Markdown file")]


def test_a_folder_numbered_from_0000_moves_up_with_its_references(
    db: Database, data_dir: Path
) -> None:
    """Variant: numbered from 0000 (MADR's own folder): numbers move up by one and the
    `ADR-NNNN` references in the text move with them; `supersedes ADR-0000` in a status and
    Home Assistant's `Replaces` both make supersede links."""
    _e, _result, log = _import(db, data_dir, "zero-numbered")
    first, second, third = log
    assert [d.number for d in log] == [1, 2, 3]
    assert "ADR-0002 builds on this." in first.context
    assert (first.superseded_by_id, second.supersedes_id) == (second.id, first.id)
    assert (second.superseded_by_id, third.supersedes_id) == (third.id, second.id)
    assert second.status_text == "accepted; supersedes ADR-0001"
