"""The Clients tab: the clients table, the selected client's details, fit check and engagements.

Edits save as they are made (each one undoable); a validation error shows beside its field and
nothing is written, leaving the typed text in place to fix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from storage.file import Change, ChangedElsewhereError, kinds
from storage.practice import (
    FIT_QUESTIONS,
    Client,
    Snapshot,
    client_changes,
    clients,
    engagement_changes,
    engagements,
    presence,
    running_counts,
    snapshots,
)
from storage.rules import NotFoundError, ValidationError
from widgets.clients.change_requests_panel import ChangeRequestsPanel
from widgets.clients.client_commands import (
    EditClientCommand,
    EditEngagementCommand,
    PresenceCommand,
)
from widgets.clients.client_engagements import EngagementsPanel
from widgets.clients.client_form import LEGAL_FIELDS, LINE_FIELDS, ClientForm
from widgets.clients.client_list import ClientList
from widgets.clients.client_model import ClientRow
from widgets.clients.engagement_editor import EngagementEditor
from widgets.common import dialogs, ui_settings
from widgets.common.keys import on_escape
from widgets.common.tab_page import TabPageBase

if TYPE_CHECKING:
    from sqlite_utils import Database

FIELD_LABELS = {
    **LINE_FIELDS,
    **LEGAL_FIELDS,
    "notes": "notes",
    "address": "address",
    "tax_treatment": "tax",
    "tax_rate_bp": "VAT rate",
    "status": "status",
} | dict.fromkeys(FIT_QUESTIONS, "fit check")
EMPTY_HINT = "Select a client on the left, or add one with Ctrl+N."
NO_CLIENTS = (
    "No clients yet. Add client (Ctrl+N), type its name and press Enter; then add its "
    "engagement (Ctrl+Shift+N)."
)
CHANGED_ELSEWHERE = (
    "this client was saved elsewhere (another window or the command line) since it was shown; "
    "the form now shows what is stored, so make the change again"
)
DRAFT_HINT = "New client: type a name and press Enter. Nothing is saved until it has a name."


class ClientsTab(TabPageBase):
    title = "Clients"
    shows_kinds = kinds("client", "engagement", "commitment", "decision", "milestone", "setting")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("clientsTab")
        self.current: Client | None = None
        self.draft = False
        self.editor: EngagementEditor | None = None
        self.list = ClientList(self)
        self.form = ClientForm(self)
        self.engagements = EngagementsPanel(self)
        self.changes = ChangeRequestsPanel(db, self)
        self.hint = QLabel(EMPTY_HINT, self)
        self.hint.setObjectName("clientHint")
        self.hint.setMargin(4)
        self._build_layout()
        self._connect()
        self.reload()

    # -- layout --------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        details = QWidget(self)
        column = QVBoxLayout(details)
        column.addWidget(self.hint)
        column.addWidget(self.form)
        column.addWidget(self.engagements, 1)
        column.addWidget(self.changes, 1)
        column.addStretch(0)  # takes the room while the engagements are hidden (a new client)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(details)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("clientsSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([600, 660])
        state = ui_settings.read(ui_settings.CLIENTS_SPLITTER)
        if state and not state.isEmpty():
            self.splitter.restoreState(state)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _connect(self) -> None:
        self.list.view.selectionModel().selectionChanged.connect(self._on_list_selection_changed)
        self.list.add_button.clicked.connect(self.add_new)
        self.list.archive_button.clicked.connect(self._on_archive_clicked)
        self.list.delete_button.clicked.connect(self._on_delete_clicked)
        self.form.edited.connect(self._on_form_edited)
        self.engagements.add_requested.connect(self._on_engagements_add_requested)
        self.engagements.edit_requested.connect(self._on_engagements_edit_requested)
        self.engagements.delete_requested.connect(self._on_engagements_delete_requested)
        self.engagements.view.selectionModel().selectionChanged.connect(
            self._on_engagement_selection_changed
        )
        self.changes.document_requested.connect(self.document_requested)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        _delete_key(self.list.view, self._on_delete_clicked)
        on_escape(self, "Cancel the new client or clear the filter", self._on_cancel_triggered)
        _delete_key(self.engagements.view, self._on_engagements_delete_requested)

    # -- what the shell calls ------------------------------------------------------------------

    def refresh(self) -> None:
        self.reload(self.current.id if self.current else None)

    def focus_search(self) -> None:
        self.list.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.list.filter.selectAll()

    def _on_cancel_triggered(self) -> None:
        """Esc: drop a new client not saved yet, or clear the filter; back to the list."""
        if self.draft:
            self.draft = False
            self.reload()
        elif self.list.filter.text():
            self.list.filter.clear()
        else:
            return
        self.list.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_new(self) -> None:
        """Start a new client in the form; it is stored once it has a name."""
        self.list.clear_filters()
        self.list.select(None)
        self._show(Client(name=""), draft=True)
        self.form.name.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- what the undo commands call -----------------------------------------------------------

    def reload(self, select_id: int | None = None, engagement_id: int | None = None) -> None:
        counts = running_counts(self.db)
        rows = [ClientRow(c, counts.get(c.id or 0, 0)) for c in clients.list_all(self.db)]
        self.list.set_rows(rows)
        if select_id is None and not self.draft:
            select_id = self.list.first_id()  # the first state: a client, not half a window of hint
        if not self.list.select(select_id):
            self._show(None)
        elif engagement_id is not None:
            self._load_engagements(engagement_id)

    def show_client(self, client_id: int | None, engagement_id: int | None = None) -> None:
        self.reload(client_id, engagement_id)
        if client_id is not None and (self.current is None or self.current.id != client_id):
            self._reveal(client_id)
            self.reload(client_id, engagement_id)

    def show_record(self, kind: str, record_id: int) -> None:
        """A "Go to" from another tab: a client, or an engagement under its client."""
        if kind == "client":
            self.show_client(record_id or None)  # 0: no client in particular (the first)
        elif kind == "engagement":
            self.show_client(engagements.get(self.db, record_id).client_id, record_id)

    def primary_widget(self) -> QWidget:
        return self.list.view

    def current_engagement(self) -> int | None:
        selected = self.engagements.selected()
        return selected.id if selected is not None else None

    def export_buttons(self) -> dict[str, QAbstractButton]:
        return {"sow": self.engagements.sow_button}

    def report_problem(self, message: str) -> None:
        dialogs.warn(self, "Cannot undo", message)

    def _reveal(self, client_id: int) -> None:
        """Make sure the filters do not hide a client that an undo brings back."""
        try:
            archived = clients.get(self.db, client_id).archived
        except NotFoundError:
            return
        if archived:
            self.list.show_archived.setChecked(True)
        self.list.clear_filters()

    # -- showing a client ----------------------------------------------------------------------

    def _on_list_selection_changed(self) -> None:
        self._show(self.list.selected())

    def _show(self, client: Client | None, *, draft: bool = False) -> None:
        if client is not None:
            self.form.load(client)  # before `current` changes: a late edit belongs to the old one
            self.list.archive_button.setText("Unarchive" if client.archived else "Archive")
        self.current = None if draft else client
        self.draft = draft
        self.form.setVisible(client is not None)
        self.engagements.setVisible(client is not None and not draft)
        self.changes.setVisible(client is not None and not draft)
        no_clients = self.list.model.rowCount() == 0
        self.hint.setText(DRAFT_HINT if draft else (NO_CLIENTS if no_clients else EMPTY_HINT))
        self.hint.setVisible(client is None or draft)
        stored = client is not None and not draft
        self.list.archive_button.setEnabled(stored)
        self.list.delete_button.setEnabled(stored)
        self._load_engagements()

    def _load_engagements(self, select_id: int | None = None) -> None:
        rows = engagements.list_all(self.db, client_id=self.current.id) if self.current else []
        self.engagements.set_rows(rows, select_id)
        self._on_engagement_selection_changed()

    def _on_engagement_selection_changed(self, *_: object) -> None:
        """The selected engagement's signals and change requests."""
        self.changes.show_engagement(self.engagements.selected())

    # -- client edits --------------------------------------------------------------------------

    def _on_form_edited(self, field: str, value: object) -> None:
        if self.draft:
            self._create_from_form(field)
        elif self.current is not None:
            self._save_field(field, value)

    def _save_field(self, field: str, value: object) -> None:
        before = self.current
        assert before is not None
        after = clients.with_changes(before, **{field: value})
        try:
            if clients.validate(after) == clients.validate(before):
                self.form.errors.clear()
                return
            change = client_changes.update(self.db, after, expected=before)
        except ChangedElsewhereError as moved:
            self._show_changed_elsewhere(moved.stored, field)
            return
        except ValidationError as error:
            self.form.show_error(error)
            return
        except NotFoundError:  # deleted meanwhile (another window, the command line)
            self.reload()
            return
        self.form.errors.clear()
        self._push_edit(change, f"Edit {FIELD_LABELS.get(field, field).lower()}")

    def _show_changed_elsewhere(self, stored: Client, field: str) -> None:
        """The client was saved elsewhere since the form showed it: show what is stored now and
        say so beside the field, writing nothing (the edit can then be made again)."""
        self.current = stored
        self.form.load(stored)
        self.form.show_error(ValidationError(field, CHANGED_ELSEWHERE))
        count = running_counts(self.db).get(stored.id or 0, 0)
        self.list.model.replace(ClientRow(stored, count))

    def _push_edit(self, change: Change[Client], text: str) -> None:
        after = change.after
        assert after is not None
        self.current = after
        self.undo_stack.push(EditClientCommand(self, change, text))
        count = running_counts(self.db).get(after.id or 0, 0)
        self.list.model.replace(ClientRow(after, count))
        self.list.archive_button.setText("Unarchive" if after.archived else "Archive")

    def _create_from_form(self, field: str) -> None:
        values = self.form.values()
        if not str(values["name"]).strip() and field != "name":
            return  # other fields wait for the name
        try:
            change = client_changes.add(self.db, Client(**values))  # type: ignore[arg-type]
        except ValidationError as error:
            self.form.show_error(error)
            return
        client_id = presence.record_id(change)
        name = str(values["name"]).strip()
        command = PresenceCommand(
            self, f"Add client “{name}”", change, table="client", record_id=client_id,
            client_id=client_id,
        )  # fmt: skip
        self.undo_stack.push(command)
        self.show_client(client_id)

    def _on_archive_clicked(self) -> None:
        before = self.current
        if before is None:
            return
        wanted = clients.with_changes(before, archived=not before.archived)
        try:
            change = client_changes.update(self.db, wanted, expected=before)
        except ChangedElsewhereError as moved:
            self._show_changed_elsewhere(moved.stored, "archived")
            return
        except NotFoundError:
            self.reload()
            return
        verb = "Unarchive" if before.archived else "Archive"
        self._push_edit(change, f"{verb} client “{before.name}”")
        self.reload(before.id)  # an archived client leaves the list unless "Show archived" is on

    def _on_delete_clicked(self) -> None:
        client = self.current
        if client is None or client.id is None:
            return
        found = clients.delete_impact(self.db, client.id)
        if found.refusal:
            dialogs.warn(self, "Delete client", f"“{client.name}” is kept.\n\n{found.refusal}")
            return
        impact = found.describe()
        question = (
            f"Delete “{client.name}” and everything recorded for it?\n\n"
            f"This deletes {impact}.\n\nEdit → Undo (Ctrl+Z) brings it all back while the app "
            "is open. To keep the history but hide the client, archive it instead."
        )
        if not dialogs.confirm(self, "Delete client", question):
            return
        change = client_changes.delete(self.db, client.id)
        command = PresenceCommand(
            self, f"Delete client “{client.name}”", change, table="client", record_id=client.id,
            client_id=client.id,
        )  # fmt: skip
        self.undo_stack.push(command)
        self.reload()

    # -- engagements ---------------------------------------------------------------------------

    def _on_engagements_add_requested(self) -> None:
        if self.current is not None and self.current.id is not None:
            self.open_engagement_editor(self._new_engagement(self.current.id))

    def _new_engagement(self, client_id: int) -> engagements.Engagement:
        return engagements.new_with_profile(self.db, client_id)

    def _on_engagements_edit_requested(self) -> None:
        chosen = self.engagements.selected()
        if chosen is not None:
            self.open_engagement_editor(chosen)

    def open_engagement_editor(self, engagement: engagements.Engagement) -> EngagementEditor:
        """Open the editor (window-modal); Save writes and adds one undo step."""
        self.editor = EngagementEditor(self.db, engagement, self)
        self.editor.accepted.connect(self._on_editor_accepted)
        self.editor.open()
        return self.editor

    def _on_editor_accepted(self) -> None:
        editor, self.editor = self.editor, None
        if editor is None or editor.saved is None or editor.change is None:
            return
        saved, change = editor.saved, editor.change
        editor.deleteLater()
        if isinstance(change.after, Snapshot):
            command: PresenceCommand | EditEngagementCommand = PresenceCommand(
                self, f"Add engagement “{saved.title}”", change, table="engagement",
                record_id=saved.id or 0, client_id=saved.client_id,
            )  # fmt: skip
        else:
            command = EditEngagementCommand(self, change)
        self.undo_stack.push(command)
        self.show_client(saved.client_id, saved.id)

    def _on_engagements_delete_requested(self) -> None:
        chosen = self.engagements.selected()
        if chosen is None or chosen.id is None:
            return
        snapshot = snapshots.capture_engagement(self.db, chosen.id)
        impact = ", ".join(
            f"{snapshot.count(table):,} {label}"
            for table, label in (("time_entry", "time entries"), ("decision", "decisions"),
                                 ("milestone", "milestones"))
        )  # fmt: skip
        question = f"Delete the engagement “{chosen.title}”?\n\nThis deletes {impact}."
        if not dialogs.confirm(self, "Delete engagement", question):
            return
        try:
            change = engagement_changes.delete(self.db, chosen.id)
        except NotFoundError:  # deleted meanwhile (another window, the command line)
            self.show_client(chosen.client_id)
            return
        command = PresenceCommand(
            self, f"Delete engagement “{chosen.title}”", change, table="engagement",
            record_id=chosen.id, client_id=chosen.client_id,
        )  # fmt: skip
        self.undo_stack.push(command)
        self.show_client(chosen.client_id)

    def _on_splitter_moved(self) -> None:
        ui_settings.write(ui_settings.CLIENTS_SPLITTER, self.splitter.saveState())


def _delete_key(view: QWidget, slot: Callable[[], None]) -> None:
    """The Delete key in a table does what its Delete… button does (and asks the same way)."""
    action = QAction("Delete…", view)
    action.setShortcuts(QKeySequence.StandardKey.Delete)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    view.addAction(action)
