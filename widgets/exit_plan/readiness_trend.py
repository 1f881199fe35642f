"""A small bar chart of recorded reviews, oldest on the left, so the trend shows at a glance."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from storage.exit_plan import Snapshot
from widgets.common import palette
from widgets.common.palette import Colours
from widgets.common.record_model import day_text

VERDICT_ACCENTS = {"ready": "success", "nearly ready": "warning", "not ready": "fail"}
MAX_BARS = 12


class ReadinessTrend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readinessTrend")
        self.snapshots: list[Snapshot] = []
        self.setMinimumHeight(70)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(260, 80)

    def set_snapshots(self, snapshots: list[Snapshot]) -> None:
        self.snapshots = snapshots[-MAX_BARS:]
        lines = [f"{day_text(s.taken_on)}: {s.score} ({s.verdict})" for s in self.snapshots]
        self.setToolTip("\n".join(lines) or "No review recorded yet")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(2, 2, -2, -16)
        if not self.snapshots:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No review recorded yet")
            return
        width = min(area.width() / len(self.snapshots), area.width() / 6)
        font = painter.font()
        font.setPixelSize(10)
        painter.setFont(font)
        found = palette.colours(self.palette())
        for index, snapshot in enumerate(self.snapshots):
            height = max(area.height() * snapshot.score / 100, 2)
            left = area.left() + index * width + 3
            bar = QRectF(left, area.bottom() - height, width - 6, height)
            painter.fillRect(bar, _verdict_colour(found, snapshot.verdict))
            label = QRectF(left - 2, area.bottom() + 1, width + 2, 14)
            painter.setPen(self.palette().text().color())
            painter.drawText(
                label, Qt.AlignmentFlag.AlignCenter, _label(snapshot, index, self.snapshots)
            )


def _verdict_colour(found: Colours, verdict: str) -> QColor:
    accent = VERDICT_ACCENTS.get(verdict)
    return found.accent(accent) if accent else found.muted


def _label(snapshot: Snapshot, index: int, snapshots: list[Snapshot]) -> str:
    """The month under each bar, with the year when it changes (the tooltip has full dates)."""
    previous = snapshots[index - 1].taken_on.year if index else None
    day = snapshot.taken_on
    return (
        f"{day:%b} {day:%Y}" if day.year != previous else f"{day:%b}"
    )  # "Dec 2025", never "Dec 25"
