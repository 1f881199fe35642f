"""Real clients open the documents: LibreOffice converts every export of the sample practice.

Under CI=true a missing LibreOffice fails the test (`.ci/run` installs it); elsewhere it skips
with the reason shown. Pages are counted with pypdf, so nothing else needs installing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sqlite_utils import Database

from exporters import account_statement, credit_note, documents, invoice, reminder
from exporters import time_report as statement
from storage.billing import credit_notes, invoices, receivables, reminders
from storage.practice import engagements
from storage.rules.months import parse_month
from storage.sample import SampleOptions, generate

AS_OF = dt.date(2026, 11, 22)
CONVERT_TIMEOUT_S = 600
# (fewest, most) pages a sane document of each kind has on the sample practice; the handoff of
# the largest engagement stays under 20 pages (each decision in full in a compact appendix), and
# a proposal's, with nothing recorded yet, fits on two (the hours appendix follows on)
PAGE_RANGES = {"sow": (2, 10), "handoff": (2, 19), "timesheet": (1, 60)}
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
MONTH_END_PAGES = {"invoice": (1, 1), "time report": (1, 6), "credit note": (1, 1),
                   "statement of account": (1, 3), "reminder": (1, 2)}  # fmt: skip


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it")
    pytest.skip(
        "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui "
        "to open every exported document in it"
    )


def _pages(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


@pytest.mark.slow
def test_libreoffice_opens_every_document_of_the_sample_practice(
    db: Database, tmp_path: Path
) -> None:
    soffice = _soffice()
    generate(db, SampleOptions(as_of=AS_OF))
    out = tmp_path / "docs"
    out.mkdir()
    written: dict[Path, str] = {}
    for e in engagements.list_all(db):
        for kind in PAGE_RANGES:
            path = out / f"{e.id:03d}-{kind}.docx"
            written[documents.export(db, kind, e.id or 0, path)] = kind
    written |= _month_end(db, out)
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *map(str, written)],
        capture_output=True, timeout=CONVERT_TIMEOUT_S, check=True,
    )  # fmt: skip
    for docx_path, kind in written.items():
        pdf = tmp_path / "pdf" / docx_path.with_suffix(".pdf").name
        assert pdf.exists(), f"LibreOffice could not convert {docx_path.name}"
        fewest, most = (PAGE_RANGES | MONTH_END_PAGES)[kind]
        assert fewest <= _pages(pdf) <= most, docx_path.name
        assert _split_words(docx_path, pdf) == set(), docx_path.name
        if kind == "handoff":
            _contents_on_page_one(docx_path, pdf)


def _pdf_text(pdf: Path, *pages: int) -> str:
    """The rendered text (poppler's pdftotext, or pypdf where it is missing)."""
    if shutil.which("pdftotext"):
        first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
        return subprocess.run(["pdftotext", *first_last, str(pdf), "-"], capture_output=True,
                              text=True, check=True, timeout=120).stdout  # fmt: skip
    chosen = PdfReader(pdf).pages
    return "\n".join(chosen[p - 1].extract_text() for p in (pages or range(1, len(chosen) + 1)))


def _written_words(docx_path: Path) -> set[str]:
    """Every word the document wrote: paragraphs, table cells, header and footer."""
    document = docx.Document(str(docx_path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    section = document.sections[0]
    parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    text = "\n".join(parts)
    # pdftotext joins a hyphenated word broken at the end of a line ("client-" "side")
    variants = (text, re.sub(r"[-\u2011](?=\w)", "", text))
    return {w.casefold() for variant in variants for w in WORD.findall(variant)}


def _split_words(docx_path: Path, pdf: Path) -> set[str]:
    """Words LibreOffice printed that the document never wrote: the pieces of a word split
    across lines in a table cell ("Deprecate" and "d"). Numbers are page numbers."""
    written = _written_words(docx_path)
    printed = {w.casefold() for w in WORD.findall(_pdf_text(pdf))}
    return {w for w in printed - written if not w.isdigit()}


def _contents_on_page_one(docx_path: Path, pdf: Path) -> None:
    """The handoff's first page shows its contents: every top-level heading, not a hint."""
    document = docx.Document(str(docx_path))
    top = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    page_one = " ".join(_pdf_text(pdf, 1).split())
    assert "Update Field" not in page_one, docx_path.name
    contents = page_one[page_one.index("Contents") :]
    for heading in top:
        assert " ".join(heading.split()) in contents, (docx_path.name, heading)


def _month_end(db: Database, out: Path) -> dict[Path, str]:
    """Every invoice and credit note of the sample practice, the time report behind each
    invoice, each client's statement of account and a reminder for each overdue invoice."""
    written: dict[Path, str] = {}
    found = invoices.list_invoices(db)
    assert {i.status_label for i in found} == {"Draft", "Sent", "Paid", "Credited"}
    for item in found:
        written[invoice.export(db, item.number, out / f"invoice-{item.number}.docx")] = "invoice"
        path = out / f"time-report-{item.client_id}-{item.month}.docx"
        month = parse_month(item.month)
        written[statement.export(db, item.client_id, month, path)] = "time report"
    for note in credit_notes.list_notes(db):
        path = out / f"credit-note-{note.number}.docx"
        written[credit_note.export(db, note.number, path)] = "credit note"
    for client_id in {i.client_id for i in found}:
        path = out / f"statement-of-account-{client_id}.docx"
        written[account_statement.export(db, client_id, path)] = "statement of account"
    for owed in receivables.unpaid(db, today=AS_OF):
        if invoices.is_overdue(owed.invoice, AS_OF):
            letter = reminders.draft(db, owed.invoice.number, today=AS_OF)
            path = out / f"reminder-{owed.invoice.number}.docx"
            written[reminder.export(db, letter, path)] = "reminder"
    assert set(written.values()) == set(MONTH_END_PAGES)
    return written
