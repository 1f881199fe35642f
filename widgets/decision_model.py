"""The decision list: a table over Decision records, fetched in batches as the view scrolls.

Filtering and search happen in SQL (storage.decision_list, storage.decision_search); the model holds
the ordered ids of the result and loads the records `BATCH` at a time through fetchMore, so a
ten-year log opens at once. A proxy sorts by a column once every row is loaded.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from sqlite_utils import Database

from storage import clock
from storage.decisions import (
    CATEGORY_LABELS,
    FLAG_LABELS,
    STATUS_LABELS,
    Decision,
    flags_of,
    get_many,
)

RecordRole = Qt.ItemDataRole.UserRole
SortRole = Qt.ItemDataRole.UserRole + 1
SnippetRole = Qt.ItemDataRole.UserRole + 2  # the search snippet as HTML, matches highlighted
FlagsRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
BATCH = 100  # rows read at a time: a few screens
SNIPPET_PAGE = 30  # search snippets made at a time: about a screen
COLUMNS = (
    "No.", "Date", "Title", "Category", "Status", "Owner", "Review by", "Flags", "Engagement",
    "Match",
)  # fmt: skip
NUMBER, DATE, TITLE, CATEGORY, STATUS, OWNER, REVIEW_BY, FLAGS, ENGAGEMENT, MATCH = range(
    len(COLUMNS)
)
OVERDUE_BACKGROUND = QColor(230, 80, 60, 48)
CLOSED_STATUSES = ("rejected", "superseded", "deprecated")
_TAG = re.compile(r"<[^>]+>")
FLAG_SHORT = {"overdue": "Overdue", "no_owner": "No owner", "stale": "Stale"}


class DecisionTableModel(QAbstractTableModel):
    """Every matching decision has a row from the start; its record is read a page at a time,
    when a view first asks for it. Opening a decision deep in a long list reads one page, not
    every page before it."""

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._ids: list[int] = []
        self._rows: list[Decision | None] = []
        self._row_by_id: dict[int, int] = {}
        self._snippets: dict[int, str] = {}
        self._engagements: dict[int, str] = {}
        self._snippet_loader: Callable[[list[int]], dict[int, str]] | None = None
        self._today = clock.today()

    # Loading

    def set_ids(
        self,
        ids: Sequence[int],
        snippets: dict[int, str] | None = None,
        engagements: dict[int, str] | None = None,
        snippet_loader: Callable[[list[int]], dict[int, str]] | None = None,
    ) -> None:
        """Show these decisions in this order; the first page is read at once.

        `snippet_loader` makes the search snippets of the rows a view asks for, a screen at a time.
        """
        self.beginResetModel()
        self._snippet_loader = snippet_loader
        self._ids = list(ids)
        self._rows = [None] * len(self._ids)
        self._index_rows()
        self._snippets = dict(snippets or {})
        if engagements is not None:
            self._engagements = dict(engagements)
        self._today = clock.today()
        self._load_page(0)
        self.endResetModel()

    def _index_rows(self) -> None:
        self._row_by_id = {decision_id: row for row, decision_id in enumerate(self._ids)}

    def _load_page(self, page: int) -> None:
        self._load_rows(range(page * BATCH, min((page + 1) * BATCH, len(self._ids))))

    def _load_rows(self, rows: Sequence[int]) -> None:
        """Read the records of these rows (a decision deleted meanwhile stays an empty row
        until the next reload: a view may not lose rows while it asks for data)."""
        found = {d.id: d for d in get_many(self._db, [self._ids[row] for row in rows])}
        for row in rows:
            self._rows[row] = found.get(self._ids[row])

    def _snippet(self, row: int) -> str:
        """The search snippet of a row, made with those of the next screenful when first asked."""
        if not 0 <= row < len(self._ids):
            return ""
        decision_id = self._ids[row]
        if decision_id not in self._snippets and self._snippet_loader is not None:
            wanted = [i for i in self._ids[row : row + SNIPPET_PAGE] if i not in self._snippets]
            made = self._snippet_loader(wanted)
            self._snippets.update({i: made.get(i, "") for i in wanted})
        return self._snippets.get(decision_id, "")

    def loaded(self) -> int:
        """How many records have been read (the rest wait until shown)."""
        return sum(decision is not None for decision in self._rows)

    def fetch_all(self) -> None:
        """Read every record (a column sort must see every row)."""
        self._load_rows([row for row, decision in enumerate(self._rows) if decision is None])

    def total(self) -> int:
        """Every matching decision."""
        return len(self._ids)

    # Rows

    def decision_at(self, row: int) -> Decision | None:
        if not 0 <= row < len(self._rows):
            return None
        if self._rows[row] is None:
            self._load_page(row // BATCH)
        return self._rows[row]

    def row_of(self, decision_id: int | None, *, load: bool = False) -> int | None:
        """The row showing this decision; with `load`, its record is read too."""
        row = self._row_by_id.get(decision_id) if decision_id is not None else None
        if row is not None and load:
            self.decision_at(row)
        return row

    def replace(self, decision: Decision) -> None:
        """Show the stored version of one decision (after an edit) without a reset."""
        position = self.row_of(decision.id)
        if position is None:
            return
        self._rows[position] = decision
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(COLUMNS) - 1))

    def remove(self, decision_id: int) -> None:
        position = self.row_of(decision_id)
        if position is None:
            return
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._ids[position]
        del self._rows[position]
        self._index_rows()
        self.endRemoveRows()

    # Qt

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == FLAGS:
            return "\n".join(FLAG_LABELS.values())
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        decision = self.decision_at(index.row()) if index.isValid() else None
        if decision is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(decision, column)
        if role == RecordRole:
            return decision
        if role == SortRole:
            return self._sort_key(decision, column)
        if role == SnippetRole:
            return self._snippet(index.row()) if column == MATCH else None
        if role == FlagsRole:
            return flags_of(decision, self._today)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(decision, column)
        return self._look(decision, role)

    def _display(self, d: Decision, column: int) -> str:
        values = {
            NUMBER: d.number_label,
            DATE: d.decided_on.isoformat(),
            TITLE: d.title,
            CATEGORY: CATEGORY_LABELS.get(d.category, d.category),
            STATUS: STATUS_LABELS.get(d.status, d.status),
            OWNER: d.owner or "—",
            REVIEW_BY: d.review_by.isoformat() if d.review_by else "",
            FLAGS: ", ".join(FLAG_SHORT[f] for f in flags_of(d, self._today)),
            ENGAGEMENT: self._engagements.get(d.engagement_id, ""),
            MATCH: _plain(self._snippet(self._row_by_id.get(d.id or 0, -1))),
        }
        return values.get(column, "")

    def _sort_key(self, d: Decision, column: int) -> str:
        """Text keys (Qt compares them natively): numbers padded, no review date last."""
        if column == NUMBER:
            return f"{self._engagements.get(d.engagement_id, '')}\x00{d.number:09d}"
        if column == REVIEW_BY:
            return (d.review_by or dt.date.max).isoformat()
        if column == DATE:
            return f"{d.decided_on.isoformat()}{d.id or 0:012d}"
        return self._display(d, column).casefold()

    def _tooltip(self, d: Decision, column: int) -> str | None:
        snippet = self._snippet(self._row_by_id.get(d.id or 0, -1))
        if column in (TITLE, MATCH) and snippet:
            return f"<b>{_escape(d.title)}</b><br>{snippet}"
        if column == FLAGS:
            return "\n".join(FLAG_LABELS[f] for f in flags_of(d, self._today)) or None
        if column == TITLE:
            return self._engagements.get(d.engagement_id) or None
        return None

    def _look(self, d: Decision, role: int) -> Any:
        """Overdue rows stand out; closed decisions (rejected, superseded…) are dimmed."""
        if role == Qt.ItemDataRole.BackgroundRole and "overdue" in flags_of(d, self._today):
            return OVERDUE_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and d.status in CLOSED_STATUSES:
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _plain(snippet_html: str) -> str:
    """The snippet without tags, for the display role (the delegate paints the HTML)."""
    return html.unescape(_TAG.sub("", snippet_html))


MATCH_OPEN = '<span style="background-color:#ffe066; color:#000; font-weight:600">'
MATCH_CLOSE = "</span>"


def snippet_html(hit_html: str) -> str:
    """The storage snippet's <b>…</b> marks as a highlighter-yellow span."""
    return hit_html.replace("<b>", MATCH_OPEN).replace("</b>", MATCH_CLOSE)


class DecisionSortProxy(QSortFilterProxyModel):
    """Sorts by the clicked column; until then rows keep the order of the query (or rank)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)
