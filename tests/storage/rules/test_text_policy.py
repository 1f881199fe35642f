"""One text policy at the storage boundary, and exporters that clean every string they write.

A vertical tab pasted from Word into a client name, or NUL, BEL and U+FFFE/U+FFFF written into a
name or title by another tool, used to make every document of that client fail with
"All strings must be XML compatible".
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from exporters import documents
from storage.decisions import records as decisions
from storage.practice import clients, engagements
from storage.rules import text_policy
from storage.rules.errors import ValidationError
from storage.time import time_entries
from tests.fixtures.hostile import SETTINGS, hostile_practice

KINDS = [("sow", ".docx"), ("handoff", ".docx"), ("timesheet", ".docx"), ("timesheet", ".csv")]
# Every column a person types free text into, by table (options hold text inside JSON).
FREE_TEXT = {
    "client": ("name", "contact_name", "email", "role", "notes", "legal_name", "address",
               "tax_id", "signatory_name", "signatory_title"),
    "engagement": ("title", "objectives", "out_of_scope", "assumptions", "expenses_policy",
                   "confidentiality", "ip_terms", "disclosures"),
    "time_entry": ("note",),
    "decision": ("title", "context", "drivers", "outcome", "consequences", "owner",
                 "consulted", "links", "options_text"),
    "milestone": ("title", "description", "owner"),
    "responsibility": ("duty", "successor"),
    "deliverable": ("title", "acceptance"),
    "phase": ("name", "goals"),
    "instalment": ("label",),
    "invoice": ("number", "tax_note"),
    "invoice_line": ("description", "quantity"),
    "document_version": ("path",),
    "risk": ("risk", "mitigation", "owner"),
    "recommendation": ("text",),
    "access_item": ("system", "access", "holder", "transferred_to"),
}  # fmt: skip
PROFILE_TEXT = ("name", "business_name", "email", "phone")


def export_everything(db: Database, engagement_id: int, folder: Path) -> list[Path]:
    written = []
    for kind, suffix in KINDS:
        target = folder / f"{kind}{suffix}"
        written.append(
            documents.export(
                db,
                kind,
                engagement_id,
                target,
                start=dt.date(2026, 1, 1),
                end=dt.date(2026, 12, 31),
            )
        )
    return written


def a_practice(db: Database, name: str = "Acme") -> int:
    client = clients.add(db, clients.Client(name=name))
    engagement = engagements.add(
        db,
        engagements.Engagement(
            client_id=int(client.id or 0), title="Fractional CTO",
            start_date=dt.date(2026, 1, 5), status="active",
        ),
    )  # fmt: skip
    eid = int(engagement.id or 0)
    time_entries.add(db, time_entries.TimeEntry(eid, dt.date(2026, 1, 6), "team", 90, "1:1s"))
    decisions.add(db, decisions.Decision(eid, "Vector store", dt.date(2026, 1, 7)))
    return eid


# --- the policy --------------------------------------------------------------------------------


def test_a_pasted_soft_break_in_a_client_name_is_stored_on_one_line(
    db: Database, tmp_path: Path
) -> None:
    eid = a_practice(db, name="Acme\x0bRobotics")
    assert clients.get(db, 1).name == "Acme Robotics"
    for path in export_everything(db, eid, tmp_path):
        assert path.stat().st_size > 0


def test_multi_line_text_keeps_a_soft_break_as_a_line_break(db: Database) -> None:
    client = clients.add(db, clients.Client(name="Acme", notes="one\x0btwo\x0cthree\r\nfour"))
    assert client.notes == "one\ntwo\nthree\nfour"


def test_text_is_stored_in_one_normal_form(db: Database) -> None:
    """`é` typed as one character or as `e` and a combining accent is one name."""
    clients.add(db, clients.Client(name="Caf\u00e9"))
    with pytest.raises(ValidationError, match="already exists"):
        clients.add(db, clients.Client(name="Cafe\u0301"))


def test_characters_xml_cannot_hold_are_removed_and_lone_surrogates_refused(db: Database) -> None:
    client = clients.add(db, clients.Client(name="A\x00c\x07me\ufffe\uffff", notes="n\x1bote"))
    assert (client.name, client.notes) == ("Acme", "note")
    with pytest.raises(ValidationError, match="surrogate"):
        clients.add(db, clients.Client(name="Broken \ud800"))


def test_single_line_fields_are_reduced_to_one_line(db: Database) -> None:
    eid = a_practice(db)
    decision = decisions.add(
        db, decisions.Decision(eid, "Build\nor\tbuy", dt.date(2026, 1, 7), owner=" Ana\n Ruiz ")
    )
    assert (decision.title, decision.owner) == ("Build or buy", "Ana Ruiz")


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\ufffe", "\uffff", "\x0b", "\x1b[31m"])
def test_text_written_by_another_tool_still_exports(db: Database, tmp_path: Path, bad: str) -> None:
    """The cover, header, properties and tables clean what they write, whatever is stored."""
    eid = a_practice(db)
    db.execute("UPDATE client SET name = ?", [f"Acme{bad}Robotics"])
    db.execute("UPDATE engagement SET title = ?", [f"CTO{bad}work"])
    for path in export_everything(db, eid, tmp_path):
        if path.suffix == ".docx":
            document = docx.Document(str(path))
            assert "Acme" in document.sections[0].header.paragraphs[0].text
            assert "CTO" in document.core_properties.subject


# --- any text in every text column, written with plain SQL, exports -----------------------------

sql_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


@SETTINGS
@given(texts=st.lists(sql_text, min_size=40, max_size=40))
def test_any_stored_text_exports_as_every_document(
    db: Database, tmp_path: Path, texts: list[str]
) -> None:
    eid = int(db.execute("SELECT id FROM engagement").fetchone()[0]) if _has_practice(db) else 0
    eid = eid or hostile_practice(db)
    pool = iter(texts * 2)
    db.execute("PRAGMA ignore_check_constraints = ON")  # a blank name, as another tool may write
    for table, columns in FREE_TEXT.items():
        assignments = ", ".join(f"[{c}] = ? || id" for c in columns)
        db.execute(f"UPDATE [{table}] SET {assignments}", [next(pool) for _ in columns])
    option = {"name": next(pool), "pros": next(pool), "cons": next(pool)}
    db.execute("UPDATE decision SET options = ?", [json.dumps([option])])
    profile = {key: next(pool) for key in PROFILE_TEXT}
    db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('profile', ?)",
               [json.dumps(profile)])  # fmt: skip
    db.execute("PRAGMA ignore_check_constraints = OFF")
    for path in export_everything(db, eid, tmp_path):
        assert path.stat().st_size > 0


def _has_practice(db: Database) -> bool:
    return db.execute("SELECT 1 FROM engagement").fetchone() is not None


def test_the_policy_is_idempotent() -> None:
    text = "Cafe\u0301\x0b\r\n\x00 x"
    assert text_policy.scrub(text_policy.scrub(text)) == text_policy.scrub(text)
    assert text_policy.one_line(text) == "Café x"
