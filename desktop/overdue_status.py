"""The status bar's one line on what is overdue ("Overdue: £6,000.00 on 1 invoice"), shown
whenever anything is and re-read when invoices change; nothing when all is paid on time.

It is first read after the window's first paint (`refresh`, called by the window then): the
invoices' modules and the query wait for the window, not the other way round."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop.shell_context import ShellContext


class OverdueStatus:
    def __init__(self, context: ShellContext) -> None:
        self.context = context
        self.label = QLabel(context.parent)
        self.label.setObjectName("overdueStatus")
        self.label.setToolTip("Sent invoices past their due date: the Month tab lists them")
        context.status_bar.addPermanentWidget(self.label)
        context.bus.changed.connect(self._on_bus_changed)

    def refresh(self) -> None:
        from storage.billing import receivables  # after the first paint
        from widgets.common import palette

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
