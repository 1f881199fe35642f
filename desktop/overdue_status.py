"""The status bar's one line on what is overdue ("Overdue: £6,000.00 on 1 invoice"), shown
whenever anything is and re-read when invoices change; nothing when all is paid on time."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop.shell_context import ShellContext
from storage.billing import receivables
from widgets.common import palette


class OverdueStatus:
    def __init__(self, context: ShellContext) -> None:
        self.context = context
        self.label = QLabel(context.parent)
        self.label.setObjectName("overdueStatus")
        self.label.setToolTip("Sent invoices past their due date: the Month tab lists them")
        context.status_bar.addPermanentWidget(self.label)
        context.bus.changed.connect(self._on_bus_changed)
        self.refresh()

    def refresh(self) -> None:
        text = receivables.overdue_summary(self.context.db)
        self.label.setText(text)
        colour = palette.colours().accent("error").name()
        self.label.setStyleSheet(f"color: {colour};" if text else "")
        self.label.setVisible(bool(text))

    def _on_bus_changed(self, kinds: frozenset[str], _source: object) -> None:
        if "invoice" in kinds or "setting" in kinds:
            self.refresh()


def install(context: ShellContext) -> OverdueStatus:
    return OverdueStatus(context)
