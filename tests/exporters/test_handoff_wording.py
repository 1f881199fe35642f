"""The handoff speaks to the client: the role once, no internal wording, every access not
handed over among the open items, and its contents written in at export."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlite_utils import Database

from exporters import handoff
from storage.exit_plan import access_items
from storage.exit_plan.access_items import AccessItem
from storage.practice import engagements
from tests.export_support import body_text, make_engagement

AS_OF = dt.date(2026, 6, 30)


def _items_after(texts: list[str], heading: str) -> list[str]:
    start = texts.index(heading) + 1
    found = []
    for text in texts[start:]:
        if text in ("Risks", "Contacts") or text.endswith("decisions"):
            break
        found.append(text)
    return found


def test_open_items_name_every_access_not_handed_over(db: Database) -> None:
    e = make_engagement(db, title="Fractional CTO")
    eid = e.id or 0
    for system, done in [("Cloud account", True), ("AI provider billing", False),
                         ("Sentry", False), ("Domain registrar", False)]:  # fmt: skip
        access_items.add(db, AccessItem(eid, system, "admin", "Alex Morgan", "", done))
    document = handoff.build(db, eid, on=AS_OF)
    texts = [p.text for p in document.paragraphs]
    found = _items_after(texts, "Access not handed over")
    assert [item.split(" (")[0] for item in found] == [
        "AI provider billing", "Sentry", "Domain registrar"
    ]  # fmt: skip
    assert found[0] == "AI provider billing (admin), held by Alex Morgan, no one named to take it"
    assert "3 accesses not handed over" in body_text(document)


def test_the_role_is_written_once_and_no_internal_wording(db: Database) -> None:
    e = make_engagement(db, title="Fractional CTO")
    text = body_text(handoff.build(db, e.id or 0, on=AS_OF))
    assert "Fractional CTO (Fractional CTO)" not in text
    for internal in ("To be agreed", "dropped left out", "Right-click here"):
        assert internal not in text
    titled = engagements.update(db, dataclasses.replace(e, title="Platform rebuild"))
    text = body_text(handoff.build(db, titled.id or 0, on=AS_OF))
    assert "Platform rebuild (Fractional CTO)" in text
