"""Paints the search snippet under each decision's title, the matching words highlighted, so
the reason a decision was found reads where the eye already is.

The snippet HTML the model gives has one kind of markup, the highlight span around each match, so
it is painted as runs of plain and highlighted text: a rich-text document per cell would be laid
out again on every paint, and a new search paints a whole screen of new snippets at once.
"""

from __future__ import annotations

import html
from functools import lru_cache

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from widgets.common.palette import MATCH_BACKGROUND, MATCH_TEXT
from widgets.decisions.decision_model import MATCH, MATCH_CLOSE, MATCH_OPEN, SnippetRole

MARGIN = 2  # around the text, as a rich-text document's margin
MATCH_WEIGHT = QFont.Weight.DemiBold  # font-weight 600


@lru_cache(maxsize=1024)  # a screen of rows, painted again as it scrolls or the selection moves
def runs(snippet_html: str) -> tuple[tuple[str, bool], ...] | None:
    """The snippet as (text, is a match) runs; None when it holds other markup."""
    found: list[tuple[str, bool]] = []
    for n, piece in enumerate(snippet_html.split(MATCH_OPEN)):
        if n == 0:
            plain, marked, after = piece, "", ""
        else:
            marked, closed, after = piece.partition(MATCH_CLOSE)
            if not closed:
                return None
            plain = ""
        for text, is_match in ((plain, False), (marked, True), (after, False)):
            if "<" in text or ">" in text:
                return None
            if text:
                found.append((html.unescape(text), is_match))
    return tuple(found)


class SnippetDelegate(QStyledItemDelegate):
    """For the title column: the title on the first line, the row's snippet on the second."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fonts: dict[str, _Fonts] = {}

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        snippet = index.siblingAtColumn(MATCH).data(SnippetRole)
        if not snippet:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = opt.palette.color(role)
        whole = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        half = whole.height() // 2
        title_rect, text_rect = whole.adjusted(0, 0, 0, -half), whole.adjusted(0, half, 0, 0)
        painter.save()
        painter.setPen(color)
        painter.setFont(opt.font)
        elided = opt.fontMetrics.elidedText(title, Qt.TextElideMode.ElideMiddle, title_rect.width())
        painter.drawText(
            title_rect.adjusted(MARGIN, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, elided
        )
        painter.setClipRect(text_rect)
        parts = runs(snippet)
        if parts is None:
            _paint_document(painter, snippet, opt.font, color, QRectF(text_rect))
        else:
            _paint_runs(painter, parts, self._fonts_for(opt.font), color, QRectF(text_rect))
        painter.restore()

    def _fonts_for(self, font: QFont) -> _Fonts:
        found = self._fonts.get(font.key())
        if found is None:
            found = self._fonts[font.key()] = _Fonts(font)
        return found


class _Fonts:
    """The cell's font and its bold twin for the matches, with their measures."""

    def __init__(self, font: QFont) -> None:
        self.plain = QFont(font)
        self.bold = QFont(font)
        self.bold.setWeight(MATCH_WEIGHT)
        self.plain_metrics, self.bold_metrics = QFontMetricsF(self.plain), QFontMetricsF(self.bold)
        self.line = max(self.plain_metrics.height(), self.bold_metrics.height())
        self.ascent = max(self.plain_metrics.ascent(), self.bold_metrics.ascent())


def _paint_runs(
    painter: QPainter,
    parts: tuple[tuple[str, bool], ...],
    fonts: _Fonts,
    color: QColor,
    rect: QRectF,
) -> None:
    """One line, left to right, matches bold on the highlight, centred like the other cells."""
    line = fonts.line
    top = rect.top() + max(0.0, (rect.height() - line - 2 * MARGIN) / 2) + MARGIN
    baseline = top + fonts.ascent
    x = rect.left() + MARGIN
    for text, is_match in parts:
        if x > rect.right():
            break
        metrics = fonts.bold_metrics if is_match else fonts.plain_metrics
        width = metrics.horizontalAdvance(text)
        if is_match:
            painter.fillRect(QRectF(x, top, width, line), MATCH_BACKGROUND)
        painter.setFont(fonts.bold if is_match else fonts.plain)
        painter.setPen(MATCH_TEXT if is_match else color)
        painter.drawText(QPointF(x, baseline), text)
        x += width


def _paint_document(
    painter: QPainter, snippet: str, font: QFont, color: QColor, rect: QRectF
) -> None:
    """Any other markup, as rich text."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(MARGIN)
    document.setHtml(snippet)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, color)
    top = rect.top() + max(0.0, (rect.height() - document.size().height()) / 2)
    painter.translate(rect.left(), top)
    context.clip = QRectF(0, 0, rect.width(), rect.height())
    document.documentLayout().draw(painter, context)
