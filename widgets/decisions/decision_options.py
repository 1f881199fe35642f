"""The options considered, as an editable list: each a name with its pros and cons."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from storage.decisions import DecisionOption

TEXT_HEIGHT = 64


class OptionRow(QFrame):
    """One option: its name, and its pros and cons side by side (`- ` lines are bullets)."""

    changed = Signal()
    remove_requested = Signal(QWidget)

    def __init__(self, option: DecisionOption, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = QLineEdit(option.name, self)
        self.name.setPlaceholderText("Option name")
        self.pros = _text_box(option.pros, "Pros (one per line, - for bullets)", self)
        self.cons = _text_box(option.cons, "Cons", self)
        self.description = option.description  # read from a file; kept, shown as read
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.about.setToolTip("The text about this option in the file it was imported from")
        self._show_about()
        self.remove = QToolButton(self)
        self.remove.setText("Remove")
        self.remove.setToolTip("Remove this option")
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.addWidget(self.name, 0, 0, 1, 2)
        grid.addWidget(self.remove, 0, 2)
        grid.addWidget(QLabel("Pros", self), 1, 0)
        grid.addWidget(QLabel("Cons", self), 1, 1)
        grid.addWidget(self.pros, 2, 0)
        grid.addWidget(self.cons, 2, 1, 1, 2)
        grid.addWidget(self.about, 3, 0, 1, 3)
        self.name.editingFinished.connect(self.changed)
        self.pros.textChanged.connect(self.changed)
        self.cons.textChanged.connect(self.changed)
        self.remove.clicked.connect(self._on_remove_clicked)

    def option(self) -> DecisionOption:
        return DecisionOption(
            self.name.text(), self.pros.toPlainText(), self.cons.toPlainText(), self.description
        )

    def _show_about(self) -> None:
        self.about.setText(self.description)
        self.about.setVisible(bool(self.description))

    def set_option(self, option: DecisionOption) -> None:
        """Show another option in this row, quietly (as a new row would); a box whose text is
        unchanged is not laid out again, only its undo history is forgotten."""
        blocked = self.blockSignals(True)
        self.name.setText(option.name)
        self.name.setCursorPosition(0)
        for box, text in ((self.pros, option.pros), (self.cons, option.cons)):
            set_plain_text(box, text)
        self.description = option.description
        self._show_about()
        self.blockSignals(blocked)

    def _on_remove_clicked(self) -> None:
        self.remove_requested.emit(self)


def set_plain_text(box: QPlainTextEdit, text: str) -> None:
    """The text, as `setPlainText` leaves it (no undo history), without redoing the layout
    of a box that already shows it."""
    if box.toPlainText() == text:
        box.document().clearUndoRedoStacks()
        box.moveCursor(QTextCursor.MoveOperation.Start)
    else:
        box.setPlainText(text)


def _text_box(text: str, placeholder: str, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(text, parent)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(TEXT_HEIGHT)
    return box


class DecisionOptionsEditor(QWidget):
    """`changed` fires on every edit; blank options (no name, pros or cons) are left out."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionOptions")
        self.rows: list[OptionRow] = []
        self._spare: list[OptionRow] = []  # hidden, after the shown rows, for the next options
        self._list = QVBoxLayout()
        self._list.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton("Add option", self)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._list)
        layout.addLayout(buttons)

    def set_options(self, options: tuple[DecisionOption, ...]) -> None:
        """Show these options, refilling the rows already built: opening a decision then
        creates no widgets when it has no more options than the last one."""
        kept = min(len(options), len(self.rows))
        for row, option in zip(self.rows[:kept], options[:kept], strict=True):
            row.set_option(option)
        for row in reversed(self.rows[kept:]):
            row.hide()
            self._spare.insert(0, row)
        self.rows = self.rows[:kept]
        for option in options[kept:]:
            self._add_row(option)

    def options(self) -> tuple[DecisionOption, ...]:
        found = (row.option() for row in self.rows)
        return tuple(o for o in found if o.name.strip() or o.pros.strip() or o.cons.strip())

    def add_option(self, option: DecisionOption | None = None) -> OptionRow:
        row = self._add_row(option or DecisionOption(""))
        row.name.setFocus()
        return row

    def _add_row(self, option: DecisionOption) -> OptionRow:
        if self._spare:
            row = self._spare.pop(0)
            row.set_option(option)
            row.show()
        else:
            row = OptionRow(option, self)
            row.changed.connect(self.changed)
            row.remove_requested.connect(self._on_row_remove_requested)
            self._list.addWidget(row)
        self.rows.append(row)
        return row

    def _on_add_button_clicked(self) -> None:
        self.add_option()

    def _on_row_remove_requested(self, row: QWidget) -> None:
        if isinstance(row, OptionRow) and row in self.rows:
            self.rows.remove(row)
            self._drop(row)
            self.changed.emit()

    def _drop(self, row: OptionRow) -> None:
        """Out of the layout and hidden now; deleted when control returns to the event loop."""
        row.hide()
        self._list.removeWidget(row)
        row.deleteLater()
