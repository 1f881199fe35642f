"""Signals of scope creep as the Time, Portfolio and Clients tabs show them: each signal's
summary with its evidence (the weeks, entries and words), suggestions told apart from flags.
Plain text only: notes are the user's words and are never read as markup."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from storage.scope import Signal
from widgets.common.palette import Tint

EVIDENCE_SHOWN = 4  # lines of evidence under each signal; the rest are counted


def signal_lines(found: Sequence[Signal], names: Mapping[int, str]) -> list[str]:
    """The text shown: one line per signal, then its evidence indented."""
    lines: list[str] = []
    for s in found:
        kind = "Suggestion" if s.suggestion else "Signal"
        name = names.get(s.engagement_id, "")
        lines.append(f"{kind}{f' · {name}' if name else ''}: {s.summary}")
        lines += [f"    {line}" for line in s.evidence[:EVIDENCE_SHOWN]]
        if len(s.evidence) > EVIDENCE_SHOWN:
            lines.append(f"    … and {len(s.evidence) - EVIDENCE_SHOWN} more")
    return lines


class SignalsView(QLabel):
    """Hidden while there is no signal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.tint = Tint(self)
        self.signals: list[Signal] = []
        self.hide()

    def show_signals(self, found: Sequence[Signal], names: Mapping[int, str] | None = None) -> None:
        self.signals = list(found)
        self.setText("\n".join(signal_lines(found, names or {})))
        self.tint.set(None if any(not s.suggestion for s in found) else "muted")
        self.setVisible(bool(found))
