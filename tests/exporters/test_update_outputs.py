"""The weekly update's Markdown, rich text (HTML and plain) and Word document say the same
lines in the same order, in the practice's document style and letterhead."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from importlib.resources import as_file
from pathlib import Path

import docx
import pytest
from sqlite_utils import Database

from exporters import docx_common, update_docx
from exporters.update_text import html_text
from storage.decisions import Decision, add
from storage.practice import settings
from storage.rules import clock, week_of
from storage.time import TimeEntry, time_entries
from storage.updates import Line, Section, blocks, draft_for, markdown, plain
from tests.export_support import make_engagement, open_document

FRIDAY = dt.date(2026, 3, 13)


@pytest.fixture(autouse=True)
def _friday(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: FRIDAY)


def _update(db: Database):  # type: ignore[no-untyped-def]
    e = make_engagement(db, status="active")
    eid = e.id or 0
    for day, bucket, minutes, note, ask in [
        (9, "team", 90, "Reviewed *the* <auth> service & [its] tests", False),
        (10, "strategy", 120, "# Roadmap_v2 with the CEO", False),
        (11, "leadership", 30, "Budget for two hires", True),
    ]:
        time_entries.add(db, TimeEntry(eid, dt.date(2026, 3, day), bucket, minutes, note, ask=ask))
    add(db, Decision(eid, "Which cloud region", dt.date(2026, 3, 10), ask=True))
    update = draft_for(db, eid, week_of(FRIDAY))
    written = Section("written", "A word from me", (Line("Back on Tuesday"),))
    return update.with_sections((*update.sections, written))


def _markdown_lines(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        line = re.sub(r"^(#{1,2} |- )", "", line.rstrip())
        line = re.sub(r"^\*\*(.*)\*\*$|^\*(.*)\*$", lambda m: m.group(1) or m.group(2), line)
        found.append(re.sub(r"\\(.)", r"\1", line))
    return [line for line in found if line]


def _plain_lines(text: str) -> list[str]:
    lines = [re.sub(r"^- ", "", line).rstrip(":") for line in text.splitlines()]
    return [line for line in lines if line]


def _html_lines(text: str) -> list[str]:
    parts = re.split(r"<[^>]+>", text.replace("<br>", "\n"))
    return [html.unescape(p).strip() for chunk in parts for p in chunk.split("\n") if p.strip()]


def test_markdown_rich_text_and_word_say_the_same_lines(db: Database, tmp_path: Path) -> None:
    update = _update(db)
    expected = [b.text for b in blocks(update)]
    assert "Reviewed *the* <auth> service & [its] tests (1:30)" in expected
    assert expected[-3:] == ["Back on Tuesday", "Alex Morgan", "Morgan Technical Leadership Ltd"]
    assert _markdown_lines(markdown(update)) == expected
    assert [line.casefold() for line in _plain_lines(plain(update))] == [
        e.casefold() for e in expected
    ]
    assert _html_lines(html_text(update)) == expected
    document = open_document(update_docx.export(db, update, tmp_path / "update.docx"))
    assert [p.text for p in document.paragraphs if p.text] == expected
    styles = [p.style.name for p in document.paragraphs if p.text]
    assert styles[:3] == ["Title", "Subtitle", "Heading 1"]
    assert "List Bullet" in styles


def test_markdown_escapes_what_would_be_markup(db: Database) -> None:
    text = markdown(_update(db))
    assert "- Reviewed \\*the\\* \\<auth\\> service & \\[its\\] tests (1:30)" in text
    assert "- \\# Roadmap\\_v2 with the CEO (2:00)" in text


def test_the_word_update_uses_the_letterhead(db: Database, tmp_path: Path) -> None:
    update = _update(db)
    with as_file(docx_common.template_path()) as template:
        letter = docx.Document(str(template))
    letter.sections[0].header.paragraphs[0].text = "Morgan · Bristol"
    letter.add_paragraph("Letterhead body: never copied")
    letter.save(str(tmp_path / "letterhead.docx"))
    profile = settings.load_profile(db)
    path = str(tmp_path / "letterhead.docx")
    settings.save_profile(db, dataclasses.replace(profile, letterhead_path=path))
    document = open_document(update_docx.export(db, update, tmp_path / "update.docx"))
    assert document.sections[0].header.paragraphs[0].text == "Morgan · Bristol"
    assert "Letterhead body: never copied" not in [p.text for p in document.paragraphs]
