"""Signals of scope creep as the Time, Portfolio and Clients tabs show them: each signal's
summary with its evidence (the weeks, entries and words), suggestions told apart from flags.
Plain text only: notes are the user's words and are never read as markup."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from storage.scope import Signal
from widgets.common.palette import Tint

EVIDENCE_SHOWN = 4  # lines of evidence under each signal in the tooltip; the rest are counted
SIGNALS_SHOWN = (
    3  # summaries shown on the tab; the rest are counted (the tab's own work comes first)
)


def signal_lines(found: Sequence[Signal], names: Mapping[int, str]) -> list[str]:
    """Every signal with its evidence indented: the tooltip and what a screen reader says."""
    lines: list[str] = []
    for s in found:
        lines.append(_summary(s, names))
        lines += [f"    {line}" for line in s.evidence[:EVIDENCE_SHOWN]]
        if len(s.evidence) > EVIDENCE_SHOWN:
            lines.append(f"    … and {len(s.evidence) - EVIDENCE_SHOWN} more")
    return lines


def summary_lines(found: Sequence[Signal], names: Mapping[int, str]) -> list[str]:
    """What the tab shows: one line per signal, at most SIGNALS_SHOWN, so that the week, the
    portfolio or the client stays in view at 1024x640; the evidence is in the tooltip."""
    lines = [_summary(s, names) for s in found[:SIGNALS_SHOWN]]
    if len(found) > SIGNALS_SHOWN:
        lines.append(f"… and {len(found) - SIGNALS_SHOWN} more (hover for all, with the evidence)")
    return lines


def _summary(s: Signal, names: Mapping[int, str]) -> str:
    kind = "Suggestion" if s.suggestion else "Signal"
    name = names.get(s.engagement_id, "")
    return f"{kind}{f' · {name}' if name else ''}: {s.summary}"


class SignalsView(QLabel):
    """One line per signal, the evidence in the tooltip; hidden while there is no signal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)  # never wider than the window
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.tint = Tint(self)
        self.signals: list[Signal] = []
        self.hide()

    def show_signals(self, found: Sequence[Signal], names: Mapping[int, str] | None = None) -> None:
        self.signals = list(found)
        named = names or {}
        self.setText("\n".join(summary_lines(found, named)))
        everything = "\n".join(signal_lines(found, named))
        self.setToolTip(everything)
        self.setAccessibleDescription(everything)
        self.tint.set(None if any(not s.suggestion for s in found) else "muted")
        self.setVisible(bool(found))
