"""Helpers the document tests share: a profile, a client and an engagement, and reading back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
from sqlite_utils import Database

from storage.practice import clients, deliverables, engagements, settings
from storage.practice.clients import Client
from storage.practice.deliverables import Deliverable
from storage.practice.engagements import Engagement
from storage.practice.settings import Profile

PROFILE = Profile(
    name="Alex Morgan",
    business_name="Morgan Technical Leadership Ltd",
    email="alex@example.com",
    phone="+44 20 7946 0000",
    paper_size="A4",
)


def make_engagement(db: Database, **changes: Any) -> Engagement:
    """Acme Robotics, two days a week on a £9,000 monthly retainer for a year; `deliverables`
    one a line, as deliverable rows."""
    settings.save_profile(db, PROFILE)
    client = clients.add(db, Client(name=changes.pop("client_name", "Acme Robotics"),
                                    contact_name="Maya Okafor"))  # fmt: skip
    values: dict[str, Any] = {
        "client_id": client.id or 0,
        "title": "Engineering leadership",
        "start_date": dt.date(2026, 1, 5),
        "planned_end_date": dt.date(2026, 12, 31),
        "days_per_week": 2.0,
        "split_strategy": 50,
        "split_team": 30,
        "split_leadership": 20,
        "billing_model": "monthly_retainer",
        "fee_minor": 900_000,
        "currency": "GBP",
        "objectives": "- A 90 day roadmap\n- A hiring plan",
        "assumptions": "The client names an owner for each decision.",
        "status": "active",
    }
    titles = changes.pop("deliverables", ["Architecture review", "Decision log"])
    values.update(changes)
    stored = engagements.add(db, Engagement(**values))
    deliverables.replace_for(db, stored.id or 0, [Deliverable(0, title) for title in titles])
    return stored


def open_document(path: Path) -> Any:
    return docx.Document(str(path))


def headings(document: Any) -> list[tuple[str, str]]:
    """(style, text) of every title and heading, in order."""
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name in ("Title", "Heading 1", "Heading 2", "Heading 3")
    ]


def body_text(document: Any) -> str:
    """Every paragraph and table cell, one per line."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def table_rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def footer_xml(document: Any) -> str:
    return str(document.sections[0].footer._element.xml)
