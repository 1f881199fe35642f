"""The Decisions tab: the decision log of one engagement or all, filters, search and the editor."""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from storage import decisions
from storage.decisions import (
    FLAG_LABELS,
    Decision,
    DecisionFilter,
    decision_chain,
    decision_changes,
    decision_list,
    search_ids,
    snippets_for,
)
from storage.decisions import snippet_html as storage_snippet_html
from storage.file import kinds
from storage.practice import clients, engagements
from storage.rules import NotFoundError, ValidationError, clock
from widgets.common import dialogs, palette
from widgets.common.keys import on_escape
from widgets.common.tab_page import TabPageBase
from widgets.common.table_view import TableView
from widgets.decisions.decision_commands import DecisionChange, DecisionCommand
from widgets.decisions.decision_delegate import SnippetDelegate
from widgets.decisions.decision_editor import DecisionEditor
from widgets.decisions.decision_filters import DecisionFilterBar
from widgets.decisions.decision_model import (
    CATEGORY,
    ENGAGEMENT,
    FLAG_SHORT,
    MATCH,
    TITLE,
    DecisionTableModel,
    RecordRole,
    snippet_html,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

NEW_TITLE = "New decision"
COLUMN_WIDTHS = (80, 84, 260, 100, 80, 100, 84, 70, 150, 320)  # as laid out with room to spare
TITLE_ROOM = 200  # the title column's least width before the others stop giving way
MIN_COLUMN = 56


def flags_legend() -> str:
    """What a tinted row and the Flags column mean, beside the counts."""
    tint = palette.OVERDUE_TINT.name(QColor.NameFormat.HexArgb)
    swatch = f'<span style="background-color:{tint}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
    return f"{swatch} review overdue"


class DecisionsTab(TabPageBase):
    title = "Decisions"
    shows_kinds = kinds("decision", "client", "engagement", "setting")

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, in_steps: bool = False
    ) -> None:
        """`in_steps`: the widgets now, the engagements and the list on the next turn of the
        event loop, so that the window's first show of the tab never holds the UI thread for
        both (the stress practice's list and editor took 144 ms in one go)."""
        super().__init__(db, parent)
        self.setObjectName("decisionsTab")
        self.model = DecisionTableModel(db, self)  # sorts itself: no proxy to map every cell
        self._flagged: tuple[tuple[object, ...], int] | None = None
        self._fresh: tuple[Decision, DecisionCommand] | None = None  # added by Ctrl+N, untouched
        self.editor = DecisionEditor(db, self)
        self.editor.saved.connect(self._on_editor_saved)
        self.editor.link_activated.connect(self._on_editor_link_activated)
        self.editor.move_requested.connect(self._on_editor_move_requested)
        on_escape(self, "Take back a new decision or clear the search", self._on_escape_triggered)
        self._build_filters()
        self._build_table()
        self._build_layout()
        if in_steps:
            QTimer.singleShot(0, self, self._fill)
        else:
            self._fill()

    def _fill(self) -> None:
        self._fill_engagements()
        self.reload()

    # Building

    def _build_filters(self) -> None:
        self.filters = DecisionFilterBar(self)
        self.filters.changed.connect(self._on_filters_changed)
        self.filters.search_changed.connect(self._on_filters_search_changed)
        bar = self.filters
        self.engagement, self.category, self.status = bar.engagement, bar.category, bar.status
        self.due, self.flagged, self.search = bar.due, bar.flagged, bar.search
        self.new_button = QPushButton("New decision", self)
        self.new_button.setToolTip("Add a decision (Ctrl+N)")
        self.supersede_button = QPushButton("Supersede…", self)
        self.supersede_button.setToolTip("Replace the selected decision with a new one")
        self.delete_button = QPushButton("Delete", self)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.supersede_button.clicked.connect(self._on_supersede_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)

    def _build_table(self) -> None:
        self.table = TableView(self)
        self.table.setObjectName("decisionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setItemDelegateForColumn(TITLE, SnippetDelegate(self.table))
        self.table.setColumnHidden(MATCH, True)  # the snippet is painted under the title
        self.table.setColumnHidden(CATEGORY, True)  # the filter above says it; room for the rest
        self._row_height = self.table.verticalHeader().defaultSectionSize()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the whole title in its tooltip
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # the model reads every row before a column sort
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)  # the rest stay whole
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.viewport().installEventFilter(self)  # narrow: the other columns give way
        header.moveSection(ENGAGEMENT, 1)  # beside the number, which is per engagement
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._on_delete_button_clicked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Keep at least `TITLE_ROOM` for the title: the other columns shrink in proportion
        (never below what a number or a date needs) before the title is cut."""
        shown = [
            c for c in range(len(COLUMN_WIDTHS)) if c != TITLE and not self.table.isColumnHidden(c)
        ]
        wanted = sum(COLUMN_WIDTHS[c] for c in shown)
        spare = self.table.viewport().width() - TITLE_ROOM
        factor = min(1.0, max(spare, 0) / wanted) if wanted else 1.0
        for column in shown:
            self.table.setColumnWidth(column, max(MIN_COLUMN, int(COLUMN_WIDTHS[column] * factor)))

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("decisionSummary")
        self.legend = QLabel(flags_legend(), self)
        self.legend.setObjectName("decisionFlagsLegend")
        self.legend.setToolTip(
            "A tinted row is past its review date. The Flags column says why a decision is "
            f"flagged ({', '.join(FLAG_SHORT.values())}):\n" + "\n".join(FLAG_LABELS.values())
        )
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        buttons.addWidget(self.summary)
        buttons.addWidget(self.legend, 1)
        for button in (self.new_button, self.supersede_button, self.delete_button):
            buttons.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([720, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)

    # Loading

    def _fill_engagements(self) -> None:
        self.filters.fill_engagements(self.db)

    def current_filter(self) -> DecisionFilter:
        return self.filters.current()

    def _client_prefixes(self) -> dict[int, str]:
        """Under "All engagements", each engagement's client short name, so that two clients'
        D-012s are told apart; none when every engagement is one client's."""
        every = engagements.list_all(self.db)
        short = clients.short_names(e.client_name for e in every)
        if len(short) < 2:
            return {}
        return {e.id or 0: short[e.client_name] for e in every}

    def reload(self, select_id: int | None = None) -> None:
        """Re-run the query; keep (or move to) the selected decision."""
        self.editor.flush()
        keep = select_id if select_id is not None else self._selected_id()
        f = self.current_filter()
        labels = self.filters.engagement_labels()
        text = self.filters.search_text()
        prefixes = None if f.engagement_id else self._client_prefixes()
        if text:
            self.model.snippet_page = self._rows_on_screen()
            loader = partial(self._snippets_html, text)
            ids = search_ids(self.db, text, f)
            self.model.set_ids(ids, {}, labels, snippet_loader=loader, prefixes=prefixes)
        else:
            self.model.set_ids(decision_list.list_ids(self.db, f), {}, labels, prefixes=prefixes)
        lines = 2 if text else 1  # the snippet under the title while searching
        self.table.verticalHeader().setDefaultSectionSize(
            self._row_height * lines - 6 * (lines - 1)
        )
        self.table.setColumnHidden(ENGAGEMENT, f.engagement_id is not None)
        self._update_summary(f)
        if not self._select(keep):
            self._select_row(0)

    def _rows_on_screen(self) -> int:
        """How many rows the table shows at once (a partly shown one included)."""
        height = max(1, self.table.verticalHeader().defaultSectionSize())
        return self.table.viewport().height() // height + 1

    def _update_summary(self, f: DecisionFilter) -> None:
        """Both counts over what the filters and the search show, so they agree."""
        total = self.model.total()
        if not total and f == DecisionFilter(f.engagement_id) and not self.search.text():
            self.summary.setText("No decisions yet: New decision (Ctrl+N) records the first.")
            return
        flagged = self._flagged_count(f, self.filters.search_text())
        text = f"{total:,} decision{'s' if total != 1 else ''}"
        self.summary.setText(text + (f" · {flagged:,} flagged for review" if flagged else ""))

    def _flagged_count(self, f: DecisionFilter, text: str) -> int:
        """The flagged ones among those shown, counted again only when the filters, the search,
        the day or the data change."""
        key = (f, text, clock.today(), self.db.conn.total_changes)
        if self._flagged is None or self._flagged[0] != key:
            only = dataclasses.replace(f, flagged=True)
            found = (
                len(search_ids(self.db, text, only)) if text else decision_list.count(self.db, only)
            )
            self._flagged = (key, found)
        return self._flagged[1]

    def _snippets_html(self, text: str, ids: list[int]) -> dict[int, str]:
        found = snippets_for(self.db, text, ids)
        return {i: snippet_html(storage_snippet_html(snippet)) for i, snippet in found.items()}

    # Selection

    def _selected_id(self) -> int | None:
        decision = self.selected()
        return decision.id if decision else None

    def selected(self) -> Decision | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        decision = rows[0].data(RecordRole)
        return decision if isinstance(decision, Decision) else None

    def _select(self, decision_id: int | None) -> bool:
        row = self.model.row_of(decision_id, load=True)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _select_row(self, row: int) -> None:
        if self.model.rowCount() > row:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
            self.editor.set_decision(None)
        self._update_buttons()

    def show_decision(self, decision_id: int | None) -> None:
        """Select this decision, widening the filters if they hide it (a followed link)."""
        if decision_id is None:
            self.reload()
            return
        listed = self.model.row_of(decision_id) is not None
        if listed and self._selected_id() != decision_id and self._select(decision_id):
            return  # another decision already listed: selecting it shows its stored record
        self.reload(decision_id)
        if self._selected_id() == decision_id:
            return
        try:
            decision = decisions.get(self.db, decision_id)
        except NotFoundError:
            return
        self.filters.show_only(decision.engagement_id)
        self.reload(decision_id)

    def _update_buttons(self) -> None:
        decision = self.selected()
        self.delete_button.setEnabled(decision is not None)
        self.supersede_button.setEnabled(decision is not None and decision.superseded_by_id is None)

    # TabPage

    def refresh(self) -> None:
        self._flagged = None  # another program may have written meanwhile
        self._fill_engagements()
        self.reload()

    def flush(self) -> None:
        self.editor.flush()

    def show_record(self, kind: str, record_id: int) -> None:
        """A "Go to" from the exit-readiness review."""
        if kind == "decision":
            self.show_decision(record_id)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def primary_widget(self) -> QWidget:
        return self.table

    def current_engagement(self) -> int | None:
        return self.engagement.currentData() or None

    def add_new(self) -> None:
        if not engagements.list_all(self.db):
            dialogs.inform(self, "New decision", "Add an engagement first, on the Clients tab.")
            return
        engagement_id = self._engagement_for_new()
        if engagement_id is None:
            return
        self.editor.flush()
        new = Decision(engagement_id, NEW_TITLE, clock.today(), status="proposed")
        change = decision_changes.add(self.db, new)
        assert change.after is not None
        added = change.after.decision
        command = DecisionCommand(self, f"Add {added.number_label}", change)
        self.undo_stack.push(command)
        self._fresh = (added, command)  # Esc before any edit takes it back
        self.show_decision(added.id)
        self.editor.tabs.setCurrentIndex(0)
        self.editor.title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.title.selectAll()

    def _engagement_for_new(self) -> int | None:
        """The filtered engagement; under "All engagements", the one the user picks (the
        selected decision's offered first), never silently the selected row's."""
        chosen = self.engagement.currentData()
        if chosen:
            return int(chosen)
        every = engagements.list_all(self.db)
        offered = [e for e in every if engagements.is_running(e)] or every
        if len(offered) < 2:
            return offered[0].id if offered else None
        selected = self.selected()
        ids = [e.id for e in offered]
        first = (
            ids.index(selected.engagement_id) if selected and selected.engagement_id in ids else 0
        )
        picked = dialogs.pick(
            self, "New decision", "Which engagement is the decision for?",
            [e.label for e in offered], first,
        )  # fmt: skip
        return None if picked is None else offered[picked].id

    def report_problem(self, message: str) -> None:
        dialogs.warn(self, "Decisions", message)

    # Actions

    def delete_selected(self) -> bool:
        decision = self.selected()
        if decision is None or decision.id is None:
            return False
        question = (
            f"Delete {decision.number_label} “{decision.title}”? Its status history goes too; "
            f"its number is not given again. Edit → Undo brings it back."
        )
        if not dialogs.confirm(self, "Delete decision", question):
            return False
        row = self.table.selectionModel().selectedRows()[0].row()
        self.editor.set_decision(None)
        try:
            change = decision_changes.delete(self.db, decision.id, expected=decision)
        except (ValidationError, NotFoundError) as error:
            self.report_problem(f"{decision.number_label} was not deleted: {error}")
            self.refresh()
            return False
        self.undo_stack.push(DecisionCommand(self, f"Delete {decision.number_label}", change))
        self.model.remove(decision.id)
        self._select_row(min(row, self.model.rowCount() - 1))
        self._update_summary(self.current_filter())
        return True

    def supersede_selected(self) -> Decision | None:
        old = self.selected()
        if old is None or old.id is None:
            return None
        self.editor.flush()
        question = (
            f"Create a new decision that supersedes {old.number_label} “{old.title}”? "
            f"{old.number_label} becomes superseded and both link to each other."
        )
        if not dialogs.ask(self, "Supersede decision", question, yes="Supersede", no="Cancel"):
            return None
        try:
            new = decision_chain.supersede(self.db, old.id, decision_chain.replacement(old))
        except ValidationError as error:
            self.report_problem(error.message[:1].upper() + error.message[1:])
            return None
        self.undo_stack.clear()  # earlier edits of the old record would undo its new status
        self.show_decision(new.id)
        return new

    # Slots

    def _on_filters_changed(self) -> None:
        self.reload()

    def _on_filters_search_changed(self) -> None:
        """Search results come in rank order: drop any column sort."""
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def _on_table_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self.editor.set_decision(self.selected())
        self._update_buttons()

    def _on_escape_triggered(self) -> None:
        """Esc: take back a new decision never edited, or clear the search; back to the list."""
        if self._take_back_fresh() or self.search.text():
            self.search.clear()
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _take_back_fresh(self) -> bool:
        """Undo the add of a decision made by Ctrl+N when nothing in it was changed since, so
        Esc leaves no "New decision" behind (a decision edited since is kept)."""
        fresh, self._fresh = self._fresh, None
        if fresh is None:
            return False
        added, command = fresh
        editor = self.editor
        shown = editor.decision
        untouched = shown == added and editor.edited() == added
        if not untouched or self.undo_stack.command(self.undo_stack.index() - 1) is not command:
            return False
        editor.discard_pending()
        self.undo_stack.undo()
        return True

    def _on_editor_move_requested(self, engagement_id: int) -> None:
        before = self.editor.decision
        if before is None or before.id is None:
            return
        try:
            change = decision_changes.move(self.db, before.id, engagement_id, expected=before)
        except ValidationError as error:
            self.editor.set_decision(before)
            self.editor.errors.show(error)
            return
        assert change.after is not None
        after = change.after.decision
        text = f"Move {before.number_label} to {after.number_label}"
        self.undo_stack.push(DecisionCommand(self, text, change))
        self.show_decision(after.id)

    def _on_editor_saved(self, change: DecisionChange) -> None:
        assert change.after is not None
        after = change.after.decision
        before = change.before.decision if change.before else after
        status = before.status != after.status
        text = f"{'Change the status of' if status else 'Edit'} {after.number_label}"
        self.undo_stack.push(DecisionCommand(self, text, change))
        self.model.replace(after)
        self._update_summary(self.current_filter())

    def _on_editor_link_activated(self, decision_id: int) -> None:
        self.show_decision(decision_id)

    def _on_new_button_clicked(self) -> None:
        self.add_new()

    def _on_supersede_button_clicked(self) -> None:
        self.supersede_selected()

    def _on_delete_button_clicked(self) -> None:
        self.delete_selected()
