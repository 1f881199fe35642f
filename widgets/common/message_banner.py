"""A strip above the tabs that says what limits the app right now (read-only data, damage found,
a failed automatic backup), in plain words, with the one action that helps.

It takes its colours from the palette's tool-tip roles, so it stands out in light and dark
themes alike.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class MessageBanner(QFrame):
    """Hidden until `show_message`; one message at a time, the most important last shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.label = QLabel(self)
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("bannerAction")
        self.action_button.clicked.connect(self._on_action_button_clicked)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("bannerClose")
        self.close_button.setText("✕")
        self.close_button.setToolTip("Hide this message")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._action: Callable[[], None] | None = None
        self.kind = ""
        self.hide()

    def show_message(
        self,
        kind: str,
        text: str,
        *,
        action: str = "",
        on_action: Callable[[], None] | None = None,
        closable: bool = True,
    ) -> None:
        """Show `text`; `kind` names the situation ("read-only", "damaged", "backup-failed")."""
        self.kind = kind
        self.label.setText(text)
        self._action = on_action
        self.action_button.setText(action)
        self.action_button.setVisible(bool(action and on_action))
        self.close_button.setVisible(closable)
        self.show()

    def clear(self, kind: str = "") -> None:
        """Hide the banner (only if it shows `kind`, when one is given)."""
        if not kind or kind == self.kind:
            self.kind = ""
            self.hide()

    def _on_action_button_clicked(self) -> None:
        if self._action is not None:
            self._action()
