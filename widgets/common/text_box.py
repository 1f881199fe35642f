"""The one multi-line text box: the cursor goes to the end of what is there when Tab or a key
brings the keyboard in, and Enter follows one rule.

The rule: Ctrl+Enter adds or saves from any text box (the form's own action); in a note box
(`enter_submits`, a one-paragraph note such as a time entry's) Enter does the same and
Shift+Enter starts a new line; in the longer boxes (scope, context, terms) Enter starts a new
line. Either way Enter never reaches a dialog's default button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
ARRIVALS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)


class TextBox(QPlainTextEdit):
    submitted = Signal()  # Ctrl+Enter, or Enter in a note box

    def __init__(self, parent: QWidget | None = None, *, enter_submits: bool = False) -> None:
        super().__init__(parent)
        self.enter_submits = enter_submits
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() not in ENTER_KEYS:
            super().keyPressEvent(event)
            return
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier or (
            self.enter_submits and not modifiers & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
        else:
            self.insertPlainText("\n")
        event.accept()  # never the dialog's default button

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Tabbing into a pre-filled box puts the cursor after its text, not before it."""
        super().focusInEvent(event)
        if event.reason() in ARRIVALS:
            self.moveCursor(QTextCursor.MoveOperation.End)
