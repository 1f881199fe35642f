"""Pages of the documents, rendered by LibreOffice, for the README:
`python -m tools.document_pages OUTDIR`.

Not a test. Each document is exported from a freshly generated sample practice, converted to PDF
with LibreOffice and the pages named in PAGES are saved as PNG (`pdftoppm`, poppler-utils), so
the README shows what a client opens rather than what the app meant to write.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from exporters import account_statement, documents, invoice, time_report
from storage.billing import invoices
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import engagements
from storage.practice.engagements import Engagement
from storage.rules.months import parse_month
from storage.sample import SampleOptions, generate

AS_OF = dt.date(2026, 11, 22)
RESOLUTION = 70  # dots per inch: a page about 580 px wide, readable in the README
Export = Callable[[Database, Path], Path]


def _engagement(db: Database, pick: Callable[[Engagement], bool]) -> Engagement:
    found = [e for e in engagements.list_all(db) if pick(e)]
    if not found:
        raise SystemExit("the sample practice has no engagement for a document page")
    return found[0]


def _sow(db: Database, target: Path) -> Path:
    e = _engagement(db, lambda e: e.role in ("fractional_ai_cto", "fractional_ai_officer"))
    return documents.export(db, "sow", e.id or 0, target)


def _handoff(db: Database, target: Path) -> Path:
    e = _engagement(db, lambda e: e.status == "exiting")
    return documents.export(db, "handoff", e.id or 0, target)


def _timesheet(db: Database, target: Path) -> Path:
    e = _engagement(db, lambda e: e.status == "active")
    last = AS_OF - dt.timedelta(days=AS_OF.weekday() + 1)
    first = last - dt.timedelta(days=27)
    return documents.export(db, "timesheet", e.id or 0, target, start=first, end=last)


def _sent_invoice(db: Database) -> invoices.Invoice:
    found = invoices.list_invoices(db, status="sent")
    if not found:
        raise SystemExit("the sample practice has no sent invoice for a document page")
    return found[-1]


def _invoice(db: Database, target: Path) -> Path:
    return invoice.export(db, _sent_invoice(db).number, target)


def _time_report(db: Database, target: Path) -> Path:
    sent = _sent_invoice(db)
    return time_report.export(db, sent.client_id, parse_month(sent.month), target)


def _statement_of_account(db: Database, target: Path) -> Path:
    return account_statement.export(db, _sent_invoice(db).client_id, target)


# name -> (export, the pages shown, 1-based)
PAGES: dict[str, tuple[Export, tuple[int, ...]]] = {
    "scope-of-work": (_sow, (1, 3)),
    "handoff": (_handoff, (1, 5)),
    "timesheet": (_timesheet, (1,)),
    "invoice": (_invoice, (1,)),
    "time-report": (_time_report, (1,)),
    "statement-of-account": (_statement_of_account, (1,)),
}


def render(outdir: Path, names: list[str] | None = None) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        raise SystemExit("needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fractional-desk-pages-"))
    db = open_database(database_file(work / "data"))
    from storage.rules import clock

    clock.today = lambda: AS_OF  # the same practice, and the same dates printed, every run
    generate(db, SampleOptions(as_of=AS_OF))
    chosen = names or list(PAGES)
    written = {name: PAGES[name][0](db, work / f"{name}.docx") for name in chosen}
    profile = work / f"lo-{uuid.uuid4().hex}"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(work), *map(str, written.values())],
        capture_output=True, timeout=600, check=True,
    )  # fmt: skip
    saved = []
    for name in chosen:
        pdf = work / f"{name}.pdf"
        for page in PAGES[name][1]:
            stem = outdir / (name if page == 1 else f"{name}-page-{page}")
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(page), "-l", str(page),
                 "-singlefile", str(pdf), str(stem)],
                check=True, timeout=120,
            )  # fmt: skip
            saved.append(stem.with_suffix(".png"))
    db.close()
    return saved


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m tools.document_pages OUTDIR [NAME ...]", file=sys.stderr)
        return 2
    for path in render(Path(argv[0]), argv[1:] or None):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
