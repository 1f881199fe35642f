"""The consultant's letterhead: its header and styles are used, its body is not; a letterhead
missing a style, or not a Word document at all, is refused with a message naming the problem."""

from __future__ import annotations

import dataclasses
from importlib.resources import as_file
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from sqlite_utils import Database

from exporters import documents, docx_common, letterhead
from exporters.errors import ExportError
from exporters.letterhead import LetterheadError
from storage.practice import document_versions, settings
from tests.export_support import headings, make_engagement, open_document

HEADER = "Morgan Technical Leadership · 1 Harbour Street, Bristol"


def _letterhead(tmp_path: Path, *, without: str = "") -> Path:
    """A letterhead made from the documents' own template: a header, a first-page header with
    the "logo" text, and body text that must not reach the documents."""
    with as_file(docx_common.template_path()) as template:
        document = docx.Document(str(template))
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "LOGO Morgan"
    document.add_paragraph("Letterhead sample body: delete me")
    if without:
        style = document.styles[without].element
        style.getparent().remove(style)
    path = tmp_path / "letterhead.docx"
    document.save(str(path))
    return path


def _use(db: Database, path: Path | str) -> None:
    profile = settings.load_profile(db)
    settings.save_profile(db, dataclasses.replace(profile, letterhead_path=str(path)))


@pytest.mark.parametrize("kind", ["sow", "handoff", "timesheet"])
def test_documents_use_the_letterhead(db: Database, tmp_path: Path, kind: str) -> None:
    e = make_engagement(db)
    _use(db, _letterhead(tmp_path))
    document = open_document(documents.export(db, kind, e.id or 0, tmp_path / f"{kind}.docx"))
    section = document.sections[0]
    draft = "  ·  DRAFT" if kind == "sow" else ""  # its terms are still to be agreed
    assert section.header.paragraphs[0].text == HEADER + draft
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == "LOGO Morgan"
    texts = [p.text for p in document.paragraphs]
    assert "Letterhead sample body: delete me" not in texts
    assert headings(document)[0][0] == "Title"
    assert "PAGE" in section.footer._element.xml  # the letterhead's footer was empty


def test_a_letterhead_missing_a_style_is_refused_by_name(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    _use(db, _letterhead(tmp_path, without="List Number"))
    target = tmp_path / "sow.docx"
    with pytest.raises(LetterheadError) as caught:
        documents.export(db, "sow", e.id or 0, target)
    assert "has no “List Number” style" in caught.value.message
    assert "letterhead.docx" in caught.value.message
    assert not target.exists()
    assert document_versions.list_for(db, e.id or 0) == []


def test_missing_styles_are_listed_in_order(tmp_path: Path) -> None:
    document = docx.Document(str(_letterhead(tmp_path, without="Caption")))
    assert letterhead.missing_styles(document, docx_common.STYLES) == ["Caption"]


@pytest.mark.parametrize(
    ("content", "says"),
    [(None, "was not found"), (b"not a zip", "is not a Word document"),
     (b"PK\x03\x04broken", "is not a Word document")],
)  # fmt: skip
def test_a_letterhead_that_cannot_be_read_is_said_plainly(
    db: Database, tmp_path: Path, content: bytes | None, says: str
) -> None:
    path = tmp_path / "mine.docx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ExportError, match=says):
        letterhead.check(str(path), docx_common.STYLES)


def test_the_letterhead_body_is_cleared_but_the_section_kept(tmp_path: Path) -> None:
    document = letterhead.open_base(str(_letterhead(tmp_path)), docx_common.STYLES)
    body = list(document.element.body)
    assert [child.tag for child in body] == [qn("w:sectPr")]
