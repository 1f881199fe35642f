"""The weekly update's editor: the draft's sections in a list to reorder, cut or add to, the
selected section's lines to edit, and a preview of what the client reads.

Out as the consultant sends it: Markdown or rich text (HTML with plain text beside it) on the
clipboard, a Word document through the window's export flow, and "Mark as sent", which keeps
this version with today's date so next week's draft can refer to its asks.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from exporters.documents import suggested_name
from exporters.update_text import DOCUMENT_TITLE, html_text
from storage.practice import engagements
from storage.rules import ValidationError, Week, clock
from storage.updates import Update, editing, for_editing, markdown, plain, sent
from widgets.common.clipboard import copy_rich
from widgets.common.documents import DocumentRequest

if TYPE_CHECKING:
    from sqlite_utils import Database


def _write_word(update: Update, path: Path, db: Database) -> Path:
    """python-docx is imported here, on the first document written, never at start."""
    from exporters import update_docx

    return update_docx.export(db, update, path)


class UpdateEditor(QDialog):
    """One engagement's update for one week."""

    document_requested = Signal(object)  # a DocumentRequest: the window's export flow saves it
    marked_sent = Signal(int)  # the engagement whose update was kept as sent

    def __init__(
        self, db: Database, engagement_id: int, week: Week, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.week = week
        self.update_shown, kept = for_editing(db, engagement_id, week)
        self.setWindowTitle(f"{self.update_shown.title} · {self.update_shown.week_words}")
        self.resize(1100, 720)
        self._build(kept)
        self._show_sections(0)

    # Building

    def _build(self, kept: sent.SentUpdate | None) -> None:
        self.state = QLabel(self._state_words(kept))
        self.sections = QListWidget()
        self.sections.setToolTip("The sections in the order the client reads them")
        self.up_button = QPushButton("Move up")
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.down_button = QPushButton("Move down")
        self.down_button.setShortcut(QKeySequence("Alt+Down"))
        self.cut_button = QPushButton("Cut section")
        self.add_button = QPushButton("Add section…")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Section title")
        self.lines_edit = QPlainTextEdit()
        self.lines_edit.setToolTip(
            "One line a line. A line left as drafted keeps the record it came from; "
            "change it or add one and it is yours."
        )
        self.preview = QTextBrowser()
        self.markdown_button = QPushButton("Copy as Markdown")
        self.rich_button = QPushButton("Copy as rich text")
        self.word_button = QPushButton("Save as Word…")
        self.sent_button = QPushButton("Mark as sent")
        self.sent_button.setDefault(False)
        self.close_button = QPushButton("Close")
        self.close_button.setAutoDefault(False)
        for button in (
            self.up_button,
            self.down_button,
            self.cut_button,
            self.add_button,
            self.markdown_button,
            self.rich_button,
            self.word_button,
            self.sent_button,
        ):
            button.setAutoDefault(False)  # fmt: skip
        moves = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.cut_button, self.add_button):
            moves.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Sections"))
        left_layout.addWidget(self.sections, 1)
        left_layout.addLayout(moves)
        left_layout.addWidget(self.title_edit)
        left_layout.addWidget(self.lines_edit, 2)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("What the client reads"))
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        outs = QHBoxLayout()
        outs.addWidget(self.state, 1)
        for button in (
            self.markdown_button,
            self.rich_button,
            self.word_button,
            self.sent_button,
            self.close_button,
        ):
            outs.addWidget(button)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(outs)
        self.sections.currentRowChanged.connect(self._on_sections_current_row_changed)
        self.title_edit.textEdited.connect(self._on_section_edited)
        self.lines_edit.textChanged.connect(self._on_section_edited)
        self.up_button.clicked.connect(self._on_up_button_clicked)
        self.down_button.clicked.connect(self._on_down_button_clicked)
        self.cut_button.clicked.connect(self._on_cut_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.markdown_button.clicked.connect(self.copy_markdown)
        self.rich_button.clicked.connect(self.copy_rich_text)
        self.word_button.clicked.connect(self._on_word_button_clicked)
        self.sent_button.clicked.connect(self.mark_sent)
        self.close_button.clicked.connect(self.reject)

    def _state_words(self, kept: sent.SentUpdate | None) -> str:
        if kept is None:
            return "Not sent yet"
        return (
            f"Sent on {kept.sent_on:%a} {kept.sent_on.day} {kept.sent_on:%b}: this is that version"
        )

    # Showing

    def _show_sections(self, row: int) -> None:
        self.sections.blockSignals(True)
        self.sections.clear()
        for section in self.update_shown.sections:
            self.sections.addItem(section.title)
        self.sections.blockSignals(False)
        count = len(self.update_shown.sections)
        self.sections.setCurrentRow(min(max(row, 0), count - 1) if count else -1)
        self._show_current()
        self._show_preview()

    def _show_current(self) -> None:
        row = self.sections.currentRow()
        has = 0 <= row < len(self.update_shown.sections)
        section = self.update_shown.sections[row] if has else None
        for widget in (self.title_edit, self.lines_edit, self.cut_button):
            widget.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self.update_shown.sections) - 1)
        for widget in (self.title_edit, self.lines_edit):
            widget.blockSignals(True)
        self.title_edit.setText(section.title if section else "")
        self.lines_edit.setPlainText(
            "\n".join(line.text for line in section.lines) if section else ""
        )
        for widget in (self.title_edit, self.lines_edit):
            widget.blockSignals(False)

    def _show_preview(self) -> None:
        self.preview.setHtml(html_text(self.update_shown))

    # Editing

    def _on_sections_current_row_changed(self, _row: int) -> None:
        self._show_current()

    def _on_section_edited(self, *_: object) -> None:
        row = self.sections.currentRow()
        if not 0 <= row < len(self.update_shown.sections):
            return
        section = editing.rewrite(
            self.update_shown.sections[row],
            self.lines_edit.toPlainText().split("\n"),
            self.title_edit.text(),
        )
        self.update_shown = editing.replaced(self.update_shown, row, section)
        self.sections.item(row).setText(section.title)
        self._show_preview()

    def move_section(self, step: int) -> None:
        row = self.sections.currentRow()
        self.update_shown = editing.moved(self.update_shown, row, step)
        self._show_sections(row + step)

    def _on_up_button_clicked(self) -> None:
        self.move_section(-1)

    def _on_down_button_clicked(self) -> None:
        self.move_section(1)

    def _on_cut_button_clicked(self) -> None:
        row = self.sections.currentRow()
        self.update_shown = editing.cut(self.update_shown, row)
        self._show_sections(row)

    def _on_add_button_clicked(self) -> None:
        title, ok = QInputDialog.getText(self, "Add section", "Title of the new section:")
        if ok:
            self.add_section(title)

    def add_section(self, title: str) -> None:
        row = self.sections.currentRow()
        self.update_shown = editing.added(self.update_shown, title, row if row >= 0 else None)
        self._show_sections(row + 1)
        self.lines_edit.setFocus()

    # Out

    def copy_markdown(self) -> None:
        QGuiApplication.clipboard().setText(markdown(self.update_shown))

    def copy_rich_text(self) -> None:
        """HTML for an email client, with the plain text beside it for one that takes no HTML."""
        copy_rich(html_text(self.update_shown), plain(self.update_shown))

    def word_request(self) -> DocumentRequest:
        update: Update = self.update_shown
        engagement = engagements.get(self.db, update.engagement_id)
        name = suggested_name("", engagement, update.week_end, label=DOCUMENT_TITLE)
        return DocumentRequest(f"Weekly update: {update.client}", name, (".docx",),
                               partial(_write_word, update))  # fmt: skip

    def _on_word_button_clicked(self) -> None:
        self.document_requested.emit(self.word_request())

    def mark_sent(self) -> None:
        """Keep this version as sent today; sending the week again replaces it."""
        try:
            kept = sent.keep(self.db, self.update_shown, markdown(self.update_shown), clock.today())
        except ValidationError as exc:
            self.state.setText(exc.message)
            return
        self.state.setText(self._state_words(kept))
        self.marked_sent.emit(self.update_shown.engagement_id)
