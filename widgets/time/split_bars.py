"""Committed against logged time, and the actual split beside the target, drawn as bars.

One line per engagement, so every engagement shows at once: its name, the week shown against its
(pro-rated) commitment with the week's full commitment beside it, the last four weeks, and the
actual split over the target. A commitment bar is flagged over 110% or under 50%, with words that
fit the day (the thresholds and the words live in storage.time.week_report: "ahead" and "behind"
while the week is under way, nothing on its first day).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from storage.rules import BUCKET_LABELS, BUCKETS, format_hours
from storage.time import Commitment
from widgets.common import palette
from widgets.common.palette import Colours

FLAG_ACCENTS = {"over": "over", "under": "under", "": "on_track"}  # names in common.palette
FLAG_WORDS = {
    "over": "over commitment", "under": "under half the commitment", "on track": "on track",
    "ahead": "ahead of the commitment so far", "behind": "under half the commitment so far",
    "": "too early in the week to judge",
}  # fmt: skip
LINE_HEIGHT = 26
HEADER_HEIGHT = 22
MARGIN = 8
BAR_HEIGHT = 8
SCALE = 1.5  # a commitment bar shows up to 150% of the commitment
SHARES = (0.30, 0.25, 0.25, 0.20)  # name, this week, last four weeks, split
TITLES = ("", "This week", "Last four weeks", "")  # the split column has the legend
TITLES_SO_FAR = ("", "This week so far", "Last four weeks to today", "")


def describe(c: Commitment, committed: str = "committed") -> str:
    """The words a bar says, for the tooltip, screen readers and tests; `committed` names the
    figure (`calendar.committed_words`: "committed so far" while the week is under way)."""
    percent = round(c.ratio * 100)
    actual = "/".join(str(c.actual_split[b]) for b in BUCKETS)
    target = "/".join(str(c.engagement.target_split[b]) for b in BUCKETS)
    whole = "" if c.complete else f" of {format_hours(c.range_minutes)} for the week"
    ahead = c.total_minutes - c.so_far_minutes
    later = f", and {format_hours(ahead)} logged on days still to come" if ahead else ""
    return (
        f"{format_hours(c.so_far_minutes)} of {format_hours(c.committed_minutes)} {committed}"
        f"{whole} ({percent}%, {FLAG_WORDS[c.standing]}){later}; split {actual} against {target}"
    )


def bar_label(c: Commitment) -> str:
    """`4:15 h of 6:52 h · 62% · on track`, with the week's full commitment while it is under
    way (`/ 16:00 h`); no percentage or verdict on the week's first day."""
    label = f"{format_hours(c.so_far_minutes)} of {format_hours(c.committed_minutes)}"
    if not c.complete:
        label += f" / {format_hours(c.range_minutes)}"
    if c.judged:
        label += f" · {round(c.ratio * 100)}% · {c.standing}"
    return label


def short_label(c: Commitment) -> str:
    """What a narrow column keeps of `bar_label`: the verdict, which is the point of the line
    (`103% · over`); the hours stay in the tooltip."""
    if c.judged:
        return f"{round(c.ratio * 100)}% · {c.standing}"
    return f"{format_hours(c.so_far_minutes)} of {format_hours(c.committed_minutes)}"


class SplitBars(QWidget):
    """Paints one block per engagement; `set_commitments` replaces what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("splitBars")
        self.week: list[Commitment] = []
        self.recent: list[Commitment] = []
        self.committed = "committed"  # what the committed figures are called
        self._colours: Colours = palette.colours()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_commitments(
        self, week: list[Commitment], recent: list[Commitment], committed: str = "committed"
    ) -> None:
        """`committed` names both figures: the week's and the four weeks' end on the same day."""
        self.week, self.recent, self.committed = week, recent, committed
        lines = [
            f"{w.engagement.label}: this week {describe(w, committed)}; "
            f"last four weeks {describe(r, committed)}"
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
        return QSize(720, 2 * MARGIN + HEADER_HEIGHT + LINE_HEIGHT * max(1, len(self.week)))

    def minimumSizeHint(self) -> QSize:
        return QSize(420, self.sizeHint().height())

    def _columns(self) -> list[QRectF]:
        """Where each column of a line goes, left to right."""
        width, left, found = self.width() - 2 * MARGIN, float(MARGIN), []
        for share in SHARES:
            found.append(QRectF(left, 0, width * share - MARGIN, LINE_HEIGHT))
            left += width * share
        return found

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._colours = palette.colours(self.palette())  # this paint's, light or dark
        columns = self._columns()
        painter.setPen(self._colours.muted)
        for column, title in zip(columns, self._titles(), strict=True):
            painter.drawText(column.translated(0, MARGIN), Qt.AlignmentFlag.AlignVCenter, title)
        self._legend(painter)
        if not self.week:
            painter.drawText(MARGIN, MARGIN + HEADER_HEIGHT + 18, "No engagements this week.")
        for number, (week, recent) in enumerate(zip(self.week, self.recent, strict=True)):
            top = MARGIN + HEADER_HEIGHT + number * LINE_HEIGHT
            lines = [c.translated(0, top) for c in columns]
            self._name(painter, week, lines[0])
            self._commitment(painter, week, lines[1])
            self._commitment(painter, recent, lines[2])
            self._splits(painter, week, lines[3])
        painter.end()

    def _titles(self) -> tuple[str, ...]:
        """The column titles; while the week is under way they say its figures are "so far"."""
        return TITLES if self.committed == "committed" else TITLES_SO_FAR

    def _legend(self, painter: QPainter) -> None:
        """Which colour is which bucket, over the split column (actual above, target below)."""
        right = float(self.width() - MARGIN)
        for bucket in reversed(BUCKETS):
            name = BUCKET_LABELS[bucket]
            width = painter.fontMetrics().horizontalAdvance(name)
            right -= width
            painter.setPen(self._colours.muted)
            painter.drawText(QRectF(right, MARGIN, width + 2, 18), name)
            right -= 14
            painter.fillRect(QRectF(right, MARGIN + 4, 10, 10), self._colours.accent(bucket))
            right -= 12

    def _name(self, painter: QPainter, item: Commitment, area: QRectF) -> None:
        painter.setPen(self._colours.text)
        text = painter.fontMetrics().elidedText(
            item.engagement.label, Qt.TextElideMode.ElideRight, int(area.width())
        )
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter, text)

    def words(self) -> list[tuple[str, str, str]]:
        """(engagement, this week's words, the last four weeks' words) per engagement."""
        return [
            (w.engagement.label, w.standing, r.standing)
            for w, r in zip(self.week, self.recent, strict=True)
        ]

    def _commitment(self, painter: QPainter, item: Commitment, area: QRectF) -> None:
        """`bar_label` over a bar with a tick at 100%."""
        colour = self._colours.accent(FLAG_ACCENTS[item.flag])
        painter.setPen(colour if item.flag else self._colours.text)
        text_area = QRectF(area.left(), area.top(), area.width(), LINE_HEIGHT - BAR_HEIGHT - 2)
        metrics, room = painter.fontMetrics(), int(text_area.width())
        label = bar_label(item)
        if metrics.horizontalAdvance(label) > room:
            label = metrics.elidedText(short_label(item), Qt.TextElideMode.ElideRight, room)
        painter.drawText(text_area, Qt.AlignmentFlag.AlignBottom, label)
        bar = QRectF(area.left(), area.bottom() - BAR_HEIGHT - 1, area.width(), BAR_HEIGHT - 3)
        painter.fillRect(bar, self._colours.track)
        filled = min(item.ratio, SCALE) / SCALE * bar.width()
        painter.fillRect(QRectF(bar.left(), bar.top(), filled, bar.height()), colour)
        painter.setPen(QPen(self._colours.text, 1.5))
        tick = int(bar.left() + bar.width() / SCALE)
        painter.drawLine(tick, int(bar.top() - 2), tick, int(bar.bottom() + 2))

    def _splits(self, painter: QPainter, item: Commitment, area: QRectF) -> None:
        """Two thin stacked bars: the actual split this week over the target."""
        middle = area.top() + LINE_HEIGHT / 2
        actual = QRectF(area.left(), middle - BAR_HEIGHT, area.width(), BAR_HEIGHT - 1)
        target = QRectF(area.left(), middle + 1, area.width(), BAR_HEIGHT - 3)
        self._stack(painter, item.actual_split, actual)
        self._stack(painter, item.engagement.target_split, target)

    def _stack(self, painter: QPainter, split: dict[str, int], bar: QRectF) -> None:
        painter.fillRect(bar, self._colours.track)
        left = bar.left()
        for bucket in BUCKETS:
            width = bar.width() * split[bucket] / 100
            painter.fillRect(
                QRectF(left, bar.top(), width, bar.height()), self._colours.accent(bucket)
            )
            left += width
