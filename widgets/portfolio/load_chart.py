"""Committed days per week, stacked by engagement, against the capacity line.

Past weeks carry a mark at the days logged; a week's free days are written above its bar, so
the room that opens as planned exits land reads at a glance. Painted from palette colours only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from storage.portfolio import PortfolioWeek
from storage.practice import calendar
from storage.rules import clock
from widgets.common import palette
from widgets.common.palette import Colours

LEFT, TOP, BOTTOM, RIGHT = 34, 22, 22, 10
LEGEND = 18


def describe(week: PortfolioWeek) -> str:
    """What a week's bar says, for the tooltip, screen readers and tests: every day of the
    week counts, the week under way too ("committed for the week", not "so far")."""
    load = week.load
    return (
        f"{week.week.label}: {load.committed_days:g} of {load.capacity_days:g} days "
        f"{calendar.FOR_THE_WEEK}, "
        f"{load.free_days:g} free, {week.logged_days:g} days logged"
    )


class LoadChart(QWidget):
    """`set_weeks` replaces what is shown; `names` label the engagements in the legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioChart")
        self.weeks: list[PortfolioWeek] = []
        self.order: list[int] = []  # engagement ids, bottom of the stack first
        self.names: dict[int, str] = {}
        self.today = clock.today()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(180)

    def set_weeks(
        self, weeks: Sequence[PortfolioWeek], names: dict[int, str], today: dt.date
    ) -> None:
        self.weeks, self.names, self.today = list(weeks), names, today
        seen = {eid for w in weeks for eid in w.load.committed}
        self.order = [eid for eid in names if eid in seen]
        lines = [describe(w) for w in weeks]
        self.setToolTip("\n".join(lines[:12]))
        self.setAccessibleDescription("\n".join(lines))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(720, 240)

    def scale_days(self) -> float:
        tops = [max(w.load.committed_days, w.load.capacity_days, w.logged_days) for w in self.weeks]
        return max([5.0, *tops])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = palette.colours(self.palette())
        area = QRectF(self.rect()).adjusted(LEFT, TOP, -RIGHT, -(BOTTOM + LEGEND))
        if not self.weeks or area.width() <= 0 or area.height() <= 0:
            painter.setPen(colours.muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No weeks to show")
            return
        self._axis(painter, colours, area)
        step = area.width() / len(self.weeks)
        for i, week in enumerate(self.weeks):
            column = QRectF(area.left() + i * step, area.top(), step, area.height())
            self._week(painter, colours, column, week)
        self._capacity_line(painter, colours, area, step)
        self._legend(painter, colours)

    def _y(self, area: QRectF, days: float) -> float:
        return area.bottom() - area.height() * days / self.scale_days()

    def _axis(self, painter: QPainter, colours: Colours, area: QRectF) -> None:
        painter.setPen(QPen(colours.track, 1))
        for days in range(int(self.scale_days()) + 1):
            y = self._y(area, days)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(colours.muted)
            label = QRectF(0, y - 8, LEFT - 6, 16)
            painter.drawText(label, Qt.AlignmentFlag.AlignRight, f"{days}")
            painter.setPen(QPen(colours.track, 1))

    def _week(self, painter: QPainter, colours: Colours, column: QRectF, w: PortfolioWeek) -> None:
        bar = column.adjusted(column.width() * 0.18, 0, -column.width() * 0.18, 0)
        bottom = 0.0
        for index, eid in enumerate(self.order):
            days = w.load.committed.get(eid, 0.0)
            if days:
                top, base = self._y(column, bottom + days), self._y(column, bottom)
                painter.fillRect(
                    QRectF(bar.left(), top, bar.width(), base - top), colours.series(index)
                )
                bottom += days
        self._free_days(painter, colours, column, w)
        if w.week.start <= self.today:
            self._logged_mark(painter, colours, bar, w)
        self._week_label(painter, colours, column, w)

    def _free_days(
        self, painter: QPainter, colours: Colours, column: QRectF, w: PortfolioWeek
    ) -> None:
        free = w.load.free_days
        if w.week.end < self.today or column.width() < 18:
            return
        text = free_days_label(free)
        if painter.fontMetrics().horizontalAdvance(text) > column.width():
            return  # a narrow window: no label rather than labels run together
        painter.setPen(colours.accent("over" if free < 0 else "on_track"))
        y = self._y(column, max(w.load.committed_days, w.load.capacity_days))
        painter.drawText(QRectF(column.left(), y - 16, column.width(), 14),
                         Qt.AlignmentFlag.AlignCenter, text)  # fmt: skip

    def _logged_mark(
        self, painter: QPainter, colours: Colours, bar: QRectF, w: PortfolioWeek
    ) -> None:
        y = self._y(bar, w.logged_days)
        painter.setPen(QPen(colours.text, 2))
        painter.drawLine(QPointF(bar.left() - 2, y), QPointF(bar.right() + 2, y))

    def _week_label(
        self, painter: QPainter, colours: Colours, column: QRectF, w: PortfolioWeek
    ) -> None:
        if w.week.start <= self.today <= w.week.end:
            painter.setPen(colours.text)
        elif w.week.number % 4:
            return
        else:
            painter.setPen(colours.muted)
        text = f"W{w.week.number}"
        painter.drawText(QRectF(column.center().x() - 20, column.bottom() + 2, 40, BOTTOM - 4),
                         Qt.AlignmentFlag.AlignCenter, text)  # fmt: skip

    def _capacity_line(
        self, painter: QPainter, colours: Colours, area: QRectF, step: float
    ) -> None:
        pen = QPen(colours.accent("over"), 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        for i, w in enumerate(self.weeks):
            y = self._y(area, w.load.capacity_days)
            left = area.left() + i * step
            painter.drawLine(QPointF(left, y), QPointF(left + step, y))

    def _legend(self, painter: QPainter, colours: Colours) -> None:
        x, y = float(LEFT), float(self.height() - LEGEND + 2)
        for index, eid in enumerate(self.order):
            name = self.names.get(eid, f"#{eid}")
            painter.fillRect(QRectF(x, y + 3, 10, 10), colours.series(index))
            painter.setPen(colours.text)
            width = painter.fontMetrics().horizontalAdvance(name) + 24
            painter.drawText(QRectF(x + 14, y, width, 16), Qt.AlignmentFlag.AlignLeft, name)
            x += width


def free_days_label(free: float) -> str:
    """Free days over a bar, to a tenth of a day: "+0.14" and "+1.36" ran into their neighbours."""
    return f"{round(free, 1) + 0.0:+g}"  # + 0.0 turns -0.0 into 0.0
