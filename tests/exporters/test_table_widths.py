"""No word splits across lines in a table cell: every column of every table in the sample's
documents is at least as wide as the longest word of each of its cells (bold counted as bold),
and the widths still add up to the width the table was given."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx.shared import Cm
from sqlite_utils import Database

from exporters import documents, docx_common, text_width
from storage.practice import engagements
from storage.sample import SampleOptions, generate
from tests.export_support import open_document

KINDS = ("sow", "handoff", "timesheet")


def _narrow_cells(document: object) -> list[tuple[str, float, float]]:
    """(word, its width, the column's width) wherever a column is narrower than a word."""
    found = []
    for table in document.tables:  # type: ignore[attr-defined]
        widths = [column.width / Cm(1) for column in table.columns]
        for row in table.rows:
            cells = row.cells
            for column, cell in enumerate(cells):
                if sum(1 for other in cells if other._tc is cell._tc) > 1:
                    continue  # a merged cell has its columns' width together
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        need = text_width.longest_piece_cm(run.text, bold=bool(run.bold))
                        if need > widths[column] + 0.01:  # EMU rounding
                            found.append((run.text, need, widths[column]))
    return found


def test_every_column_holds_its_longest_word(db: Database, tmp_path: Path) -> None:
    generate(db, SampleOptions(as_of=dt.date(2026, 11, 22)))
    for e in engagements.list_all(db):
        for kind in KINDS:
            path = documents.export(db, kind, e.id or 0, tmp_path / f"{e.id}-{kind}.docx")
            assert _narrow_cells(open_document(path)) == [], (e.label, kind)


def test_a_column_is_widened_from_the_ones_with_room() -> None:
    widths = docx_common.fit_widths([1.6, 6.0, 2.4], [1.0, 2.0, 3.0])
    assert widths[2] == pytest.approx(3.0)
    assert sum(widths) == pytest.approx(10.0)
    assert widths[0] >= 1.0
    assert widths[1] >= 2.0


def test_widths_that_fit_are_kept() -> None:
    assert docx_common.fit_widths([4.0, 4.0], [1.0, 2.0]) == [4.0, 4.0]


def test_a_hyphen_is_a_place_to_break() -> None:
    assert text_width.pieces("build-versus-buy call") == ["build-", "versus-", "buy", "call"]
    long = text_width.longest_piece_cm("Deprecated")
    assert long > text_width.longest_piece_cm("Deprecate")
    assert text_width.longest_piece_cm("Deprecated", bold=True) > long
