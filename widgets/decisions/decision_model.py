"""The decision list: a table over Decision records, fetched in batches as the view scrolls.

Filtering and search happen in SQL (storage.decisions.decision_list, storage.decisions.decision_search); the model holds
the ordered ids of the result and loads the records `BATCH` at a time through fetchMore, so a
ten-year log opens at once. A column sort reads every row and reorders the model itself: a sort
proxy in between would map every cell back to the model at every paint, a third of a paint's time.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from storage.decisions import (
    CATEGORY_LABELS,
    FLAG_LABELS,
    STATUS_LABELS,
    Decision,
    flags_of,
    from_values,
    read_rows,
)
from storage.rules import clock
from widgets.common import palette
from widgets.common.record_model import RecordRole, SortRole, TableModel

if TYPE_CHECKING:
    from sqlite_utils import Database

SnippetRole = Qt.ItemDataRole.UserRole + 2  # the search snippet as HTML, matches highlighted
FlagsRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
BATCH = 100  # rows read at a time: a few screens
SNIPPET_PAGE = 30  # search snippets made at a time, unless told the rows of the view's screen
COLUMNS = (
    "No.", "Date", "Title", "Category", "Status", "Owner", "Review by", "Flags", "Engagement",
    "Match",
)  # fmt: skip
NUMBER, DATE, TITLE, CATEGORY, STATUS, OWNER, REVIEW_BY, FLAGS, ENGAGEMENT, MATCH = range(
    len(COLUMNS)
)
OVERDUE_BACKGROUND = palette.OVERDUE_TINT
CLOSED_STATUSES = ("rejected", "superseded", "deprecated")
_TAG = re.compile(r"<[^>]+>")
FLAG_SHORT = {"overdue": "Overdue", "no_owner": "No owner", "stale": "Stale"}
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND, _FOREGROUND = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ForegroundRole)
_RECORD, _SORT, _SNIPPET, _FLAGS = int(RecordRole), int(SortRole), int(SnippetRole), int(FlagsRole)
# Overdue rows stand out (background) and closed decisions are dimmed (foreground); the other
# roles a view asks of every cell it paints (font, alignment, icon…) get None at once.
_ANSWERED = frozenset(
    (_DISPLAY, _TOOLTIP, _BACKGROUND, _FOREGROUND, _RECORD, _SORT, _SNIPPET, _FLAGS)
)


class DecisionTableModel(TableModel):
    """Every matching decision has a row from the start; its record is read a page at a time,
    when a view first asks for it. Opening a decision deep in a long list reads one page, not
    every page before it."""

    headers = COLUMNS
    header_tips = {FLAGS: "\n".join(FLAG_LABELS.values())}  # noqa: RUF012

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._ids: list[int] = []  # in the order shown
        self._query_ids: list[int] = []  # in the order of the query (or rank)
        self._sort_column = -1  # -1: the order of the query
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._rows: list[Decision | Sequence[Any] | None] = []  # a record, its stored row, unread
        self._row_by_id: dict[int, int] = {}
        self._snippets: dict[int, str] = {}
        self._texts: dict[int, tuple[str, ...]] = {}  # by decision id: the shown columns
        self._flags_by_id: dict[int, tuple[str, ...]] = {}
        self._engagements: dict[int, str] = {}
        self._prefixes: dict[int, str] = {}  # by engagement id: before the number
        self._snippet_loader: Callable[[list[int]], dict[int, str]] | None = None
        self.snippet_page = SNIPPET_PAGE  # a snippet costs a re-read of its text: a screen at most
        self._today = clock.today()

    # Loading

    def set_ids(
        self,
        ids: Sequence[int],
        snippets: dict[int, str] | None = None,
        engagements: dict[int, str] | None = None,
        snippet_loader: Callable[[list[int]], dict[int, str]] | None = None,
        prefixes: dict[int, str] | None = None,
    ) -> None:
        """Show these decisions in this order; the first page is read at once (every page when
        a column sort is on, which then applies to the new rows).

        `snippet_loader` makes the search snippets of the rows a view asks for, a screen at a time.
        `prefixes` (by engagement id) go before each number: the client's short name when the
        decisions of several clients are listed together ("Acme D-012").
        """
        self.beginResetModel()
        self._snippet_loader = snippet_loader
        self._query_ids = list(ids)
        self._ids = list(ids)
        self._rows = [None] * len(self._ids)
        self._index_rows()
        self._snippets = dict(snippets or {})
        if engagements is not None:
            self._engagements = dict(engagements)
        self._prefixes = dict(prefixes or {})
        self._today = clock.today()
        self._forget_shown()
        self._load_page(0)
        if self._sort_column >= 0:
            self._arrange()
        self.endResetModel()

    def _forget_shown(self, decision_id: int | None = None) -> None:
        """Drop the shown texts and flags made from older records (of one, or of all)."""
        if decision_id is None:
            self._texts.clear()
            self._flags_by_id.clear()
        else:
            self._texts.pop(decision_id, None)
            self._flags_by_id.pop(decision_id, None)

    def _index_rows(self) -> None:
        self._row_by_id = {decision_id: row for row, decision_id in enumerate(self._ids)}

    def _load_page(self, page: int) -> None:
        self._load_rows(range(page * BATCH, min((page + 1) * BATCH, len(self._ids))))

    def _load_rows(self, rows: Sequence[int]) -> None:
        """Read the stored rows (made records when first shown, a screen of the page; a
        decision deleted meanwhile stays an empty row until the next reload: a view may not
        lose rows while it asks for data)."""
        found = read_rows(self._db, [self._ids[row] for row in rows])
        for row in rows:
            self._rows[row] = found.get(self._ids[row])

    def _snippet(self, row: int) -> str:
        """The search snippet of a row, made with those of the next screenful when first asked."""
        if not 0 <= row < len(self._ids):
            return ""
        decision_id = self._ids[row]
        if decision_id not in self._snippets and self._snippet_loader is not None:
            page = self._ids[row : row + max(1, self.snippet_page)]
            wanted = [i for i in page if i not in self._snippets]
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
        return self._record(row)

    def _record(self, row: int) -> Decision | None:
        """The record of a row already read, made from its stored row when first asked."""
        found = self._rows[row]
        if found is None or isinstance(found, Decision):
            return found
        made = self._rows[row] = from_values(found)
        return made

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
        self._forget_shown(decision.id)
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(COLUMNS) - 1))

    def remove(self, decision_id: int) -> None:
        position = self.row_of(decision_id)
        if position is None:
            return
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._ids[position]
        del self._rows[position]
        self._query_ids.remove(decision_id)
        self._forget_shown(decision_id)
        self._index_rows()
        self.endRemoveRows()

    # Sorting

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column, reading every record first; -1 restores the query's order.

        Like a sort proxy without dynamic sorting: stable, and kept for the next `set_ids`
        but not redone when one record changes.
        """
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = list(self._ids)
        kept = self.persistentIndexList()
        self._arrange()
        moved = [self.index(self._row_by_id[before[i.row()]], i.column()) for i in kept]
        self.changePersistentIndexList(kept, moved)
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        """Put the rows in the order of the sort column (or of the query)."""
        if self._sort_column >= 0:
            self.fetch_all()
            column = self._sort_column
            keys = {
                i: self._sort_key(row, d, column) if (d := self._record(row)) else ""
                for row, i in enumerate(self._ids)
            }
            descending = self._sort_order == Qt.SortOrder.DescendingOrder
            ids = sorted(self._query_ids, key=keys.__getitem__, reverse=descending)
        else:
            ids = list(self._query_ids)
        records = dict(zip(self._ids, self._rows, strict=True))
        self._ids = ids
        self._rows = [records[i] for i in ids]
        self._index_rows()

    # Qt

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED:
            return None
        row = index.row()  # -1 for an invalid index
        decision = self._rows[row] if 0 <= row < len(self._rows) else None
        if not isinstance(decision, Decision) and (decision := self.decision_at(row)) is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._display(row, decision, column)
        if role == _BACKGROUND:
            return OVERDUE_BACKGROUND if "overdue" in self._flags(decision) else None
        if role == _FOREGROUND:
            return _closed_color() if decision.status in CLOSED_STATUSES else None
        if role == _RECORD:
            return decision
        if role == _SORT:
            return self._sort_key(row, decision, column)
        if role == _SNIPPET:
            return self._snippet(row) if column == MATCH else None
        if role == _FLAGS:
            return self._flags(decision)
        return self._tooltip(decision, column)

    def _display(self, row: int, d: Decision, column: int) -> str:
        if column == MATCH:
            return _plain(self._snippet(row))
        texts = self._texts.get(d.id or 0)
        if texts is None:
            texts = self._texts[d.id or 0] = self._row_texts(d)
        return texts[column] if 0 <= column < len(texts) else ""

    def _row_texts(self, d: Decision) -> tuple[str, ...]:
        """The shown text of every column but the match, made once per record: a paint asks
        for each visible cell, and scrolling asks again."""
        prefix = self._prefixes.get(d.engagement_id)
        return (
            f"{prefix} {d.number_label}" if prefix else d.number_label,
            d.date_label,
            d.title,
            CATEGORY_LABELS.get(d.category, d.category),
            STATUS_LABELS.get(d.status, d.status),
            d.owner or "—",
            d.review_by.isoformat() if d.review_by else "",
            ", ".join(FLAG_SHORT[f] for f in self._flags(d)),
            self._engagements.get(d.engagement_id, ""),
        )

    def _flags(self, d: Decision) -> tuple[str, ...]:
        found = self._flags_by_id.get(d.id or 0)
        if found is None:
            found = self._flags_by_id[d.id or 0] = flags_of(d, self._today)
        return found

    def _sort_key(self, row: int, d: Decision, column: int) -> str:
        """Text keys (Qt compares them natively): numbers padded, no review date last."""
        if column == NUMBER:
            return f"{self._engagements.get(d.engagement_id, '')}\x00{d.number:09d}"
        if column == REVIEW_BY:
            return (d.review_by or dt.date.max).isoformat()
        if column == DATE:
            return f"{d.decided_on.isoformat()}{d.id or 0:012d}"
        return self._display(row, d, column).casefold()

    def _tooltip(self, d: Decision, column: int) -> str | None:
        snippet = self._snippet(self._row_by_id.get(d.id or 0, -1))
        if column in (TITLE, MATCH) and snippet:
            return f"<b>{_escape(d.title)}</b><br>{snippet}"
        if column == FLAGS:
            return "\n".join(FLAG_LABELS[f] for f in self._flags(d)) or None
        if column == TITLE:  # the whole title, elided in the middle when the column is narrow
            engagement = self._engagements.get(d.engagement_id)
            return f"{d.title}\n{engagement}" if engagement else d.title
        return None


def _closed_color() -> QColor:
    """Closed decisions (rejected, superseded…) are dimmed, still readable in either theme."""
    return palette.colours().muted


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _plain(snippet_html: str) -> str:
    """The snippet without tags, for the display role (the delegate paints the HTML)."""
    return html.unescape(_TAG.sub("", snippet_html))


MATCH_OPEN = (
    f'<span style="background-color:{palette.MATCH_BACKGROUND.name()}; '
    f'color:{palette.MATCH_TEXT.name()}; font-weight:600">'
)
MATCH_CLOSE = "</span>"


def snippet_html(hit_html: str) -> str:
    """The storage snippet's <b>…</b> marks as a highlighter-yellow span."""
    return hit_html.replace("<b>", MATCH_OPEN).replace("</b>", MATCH_CLOSE)
