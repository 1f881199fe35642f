"""Committed against logged time, and the actual split beside the target, drawn as bars.

One block per engagement, two columns: the week shown and the last four weeks. The commitment bar
is flagged over 110% or under 50% of the commitment (the thresholds live in storage.week_report).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from storage.durations import format_hours
from storage.engagements import BUCKET_LABELS, BUCKETS
from storage.week_report import Commitment
from widgets.common import palette
from widgets.common.palette import Colours

FLAG_ACCENTS = {"over": "over", "under": "under", "": "on_track"}  # names in common.palette
FLAG_WORDS = {"over": "over commitment", "under": "under half the commitment", "": "on track"}
BLOCK_HEIGHT = 92
MARGIN = 10
BAR_HEIGHT = 10
SCALE = 1.5  # the commitment bar shows up to 150% of the commitment


def describe(c: Commitment) -> str:
    """The words a bar says, for the tooltip, screen readers and tests."""
    percent = round(c.ratio * 100)
    actual = "/".join(str(c.actual_split[b]) for b in BUCKETS)
    target = "/".join(str(c.engagement.target_split[b]) for b in BUCKETS)
    return (
        f"{format_hours(c.total_minutes)} of {format_hours(c.committed_minutes)} "
        f"({percent}%, {FLAG_WORDS[c.flag]}); split {actual} against {target}"
    )


class SplitBars(QWidget):
    """Paints one block per engagement; `set_commitments` replaces what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("splitBars")
        self.week: list[Commitment] = []
        self.recent: list[Commitment] = []
        self._colours: Colours = palette.colours()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_commitments(self, week: list[Commitment], recent: list[Commitment]) -> None:
        self.week, self.recent = week, recent
        lines = [
            f"{w.engagement.label}: this week {describe(w)}; last four weeks {describe(r)}"
            for w, r in zip(week, recent, strict=True)
        ]
        self.setToolTip("\n".join(lines))
        self.setAccessibleDescription("\n".join(lines))
        self.updateGeometry()
        self.update()

    def summary(self) -> list[tuple[str, str, str]]:
        """(engagement, this week's flag, the last four weeks' flag) per engagement."""
        return [
            (w.engagement.label, w.flag, r.flag)
            for w, r in zip(self.week, self.recent, strict=True)
        ]

    def sizeHint(self) -> QSize:
        return QSize(720, MARGIN * 2 + 22 + BLOCK_HEIGHT * max(1, len(self.week)))

    def minimumSizeHint(self) -> QSize:
        return QSize(420, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._colours = palette.colours(self.palette())  # this paint's, light or dark
        width = self.width() - 2 * MARGIN
        column = (width - MARGIN) / 2
        self._column_titles(painter, column)
        if not self.week:
            painter.setPen(self._colours.muted)
            painter.drawText(MARGIN, MARGIN + 44, "No engagements this week.")
        for number, (week, recent) in enumerate(zip(self.week, self.recent, strict=True)):
            top = MARGIN + 22 + number * BLOCK_HEIGHT
            self._title(painter, week, top)
            for offset, item in enumerate((week, recent)):
                left = MARGIN + offset * (column + MARGIN)
                self._block(painter, item, QRectF(left, top + 20, column, BLOCK_HEIGHT - 26))
        painter.end()

    def _column_titles(self, painter: QPainter, column: float) -> None:
        painter.setPen(self._colours.muted)
        painter.drawText(QRectF(MARGIN, MARGIN, column, 18), "This week")
        painter.drawText(QRectF(2 * MARGIN + column, MARGIN, column, 18), "Last four weeks")
        self._legend(painter)

    def _legend(self, painter: QPainter) -> None:
        """Which colour is which bucket, at the top right."""
        right = float(self.width() - MARGIN)
        for bucket in reversed(BUCKETS):
            name = BUCKET_LABELS[bucket]
            width = painter.fontMetrics().horizontalAdvance(name)
            right -= width
            painter.setPen(self._colours.muted)
            painter.drawText(QRectF(right, MARGIN, width + 2, 18), name)
            right -= 16
            painter.fillRect(QRectF(right, MARGIN + 4, 10, 10), self._colours.accent(bucket))
            right -= 14

    def _title(self, painter: QPainter, item: Commitment, top: float) -> None:
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self._colours.text)
        painter.drawText(QRectF(MARGIN, top, self.width() - 2 * MARGIN, 18), item.engagement.label)
        painter.setFont(self.font())

    def _block(self, painter: QPainter, item: Commitment, area: QRectF) -> None:
        colour = self._colours.accent(FLAG_ACCENTS[item.flag])
        label = f"{format_hours(item.total_minutes)} of {format_hours(item.committed_minutes)}"
        label += f" · {round(item.ratio * 100)}%" + (f" · {item.flag}" if item.flag else "")
        painter.setPen(colour if item.flag else self._colours.text)
        painter.drawText(QRectF(area.left(), area.top(), area.width(), 16), label)
        bar = QRectF(area.left(), area.top() + 18, area.width() - 4, BAR_HEIGHT)
        painter.fillRect(bar, self._colours.track)
        filled = min(item.ratio, SCALE) / SCALE * bar.width()
        painter.fillRect(QRectF(bar.left(), bar.top(), filled, bar.height()), colour)
        painter.setPen(QPen(self._colours.text, 1.5))
        tick = bar.left() + bar.width() / SCALE
        painter.drawLine(int(tick), int(bar.top() - 3), int(tick), int(bar.bottom() + 3))
        self._split(
            painter,
            item.actual_split,
            QRectF(bar.left(), bar.bottom() + 6, bar.width(), BAR_HEIGHT),
            "Actual",
        )
        target = QRectF(bar.left(), bar.bottom() + 8 + BAR_HEIGHT, bar.width(), BAR_HEIGHT)
        self._split(painter, item.engagement.target_split, target, "Target")

    def _split(self, painter: QPainter, split: dict[str, int], area: QRectF, name: str) -> None:
        """A stacked bar of the three buckets with its name and the percentages."""
        label_width = 150.0
        painter.setPen(self._colours.muted)
        numbers = " / ".join(str(split[b]) for b in BUCKETS)
        painter.drawText(
            QRectF(area.left(), area.top() - 3, label_width, area.height() + 6),
            Qt.AlignmentFlag.AlignVCenter,
            f"{name} {numbers} %",
        )
        bar = QRectF(
            area.left() + label_width, area.top(), area.width() - label_width, area.height()
        )
        painter.fillRect(bar, self._colours.track)
        left = bar.left()
        for bucket in BUCKETS:
            width = bar.width() * split[bucket] / 100
            painter.fillRect(
                QRectF(left, bar.top(), width, bar.height()), self._colours.accent(bucket)
            )
            left += width
