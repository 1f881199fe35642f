"""The detail editor of one decision: every field, saved as you go, errors beside the field.

Line edits and lists save when you leave them; long text saves shortly after you stop typing (and
before another decision is shown). A value that cannot be stored is left on screen with the
reason beside it, and nothing is written until it is fixed. A decision saved elsewhere since it was
shown is never overwritten silently: the form says so, and Save again replaces it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from storage import decisions
from storage.decisions import (
    CATEGORY_LABELS,
    REVERSIBILITY_LABELS,
    STATUS_LABELS,
    Decision,
    Logged,
    decision_chain,
    decision_changes,
    decision_cost,
)
from storage.file import Change, ChangedElsewhereError
from storage.practice import Engagement, engagements
from storage.rules import Money, NotFoundError, ValidationError
from storage.rules import validation as v
from widgets.common.field_errors import FieldErrors, error_label
from widgets.common.text_box import TextBox
from widgets.decisions.decision_options import DecisionOptionsEditor, set_plain_text
from widgets.decisions.decision_text import chain_html, decision_link, link_target, record_html

if TYPE_CHECKING:
    from sqlite_utils import Database

SAVE_DELAY_MS = 700
CHANGED_ELSEWHERE = (
    "this decision was saved elsewhere (another window or the command line) since it was shown "
    "here, so this edit was not saved: Save again to replace it with what is shown here, or Keep "
    "stored to show what is stored"
)
LONG_TEXT = {
    "context": ("Context", "What is going on, and why a decision is needed"),
    "drivers": ("Drivers", "What matters most in this choice (- for bullets)"),
    "outcome": ("Decision", "The chosen option, and why"),
    "consequences": ("Consequences", "Good and bad (- for bullets)"),
    "links": ("Links", "Documents, tickets, the board pack"),
}


class DecisionEditor(QWidget):
    """Shows one decision; `saved(change)` after each stored change (a `Change[Logged]`)."""

    saved = Signal(object)
    link_activated = Signal(int)
    move_requested = Signal(int)  # another engagement of the same client, chosen in the editor

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionEditor")
        self.db = db
        self.decision: Decision | None = None
        self.engagement: Engagement | None = None
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.errors = FieldErrors(error_label(self))
        self._build()
        self.set_decision(None)

    # Building

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)  # a long engagement name wraps, not widens the window
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.chain = QLabel(self)
        self.chain.setObjectName("decisionChain")
        self.chain.setTextFormat(Qt.TextFormat.RichText)
        self.chain.setWordWrap(True)
        self.chain.linkActivated.connect(self._on_chain_link_activated)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._edit_page(), "Edit")
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("decisionPreview")
        self.preview.setOpenLinks(False)
        self.preview.anchorClicked.connect(self._on_preview_anchor_clicked)
        self.tabs.addTab(self.preview, "Read")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.chain)
        layout.addWidget(self.errors.general)  # type: ignore[arg-type]
        layout.addLayout(self._conflict_buttons())
        layout.addWidget(self.tabs, 1)
        layout.addStretch(0)  # keeps the heading at the top when no decision is shown

    def _conflict_buttons(self) -> QHBoxLayout:
        """Shown when the decision was saved elsewhere since it was shown here."""
        self.save_again = QPushButton("Save again", self)
        self.save_again.setObjectName("decisionSaveAgain")
        self.save_again.setToolTip("Replace the stored decision with what is shown here")
        self.save_again.clicked.connect(self._on_save_again_clicked)
        self.keep_stored = QPushButton("Keep stored", self)
        self.keep_stored.setObjectName("decisionKeepStored")
        self.keep_stored.setToolTip("Drop this edit and show the decision as stored")
        self.keep_stored.clicked.connect(self._on_keep_stored_clicked)
        row = QHBoxLayout()
        row.addWidget(self.save_again)
        row.addWidget(self.keep_stored)
        row.addStretch(1)
        self._show_conflict(False)
        return row

    def _show_conflict(self, shown: bool) -> None:
        self.save_again.setVisible(shown)
        self.keep_stored.setVisible(shown)

    def _edit_page(self) -> QScrollArea:
        page = QWidget()
        self.form = QFormLayout(page)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.title = self._line("title", "Title", "A short statement of the decision")
        self.engagement_choice = QComboBox(page)
        self.engagement_choice.setObjectName("decision_engagement")
        self.engagement_choice.setToolTip("Move the decision to another engagement of this client")
        self.engagement_choice.activated.connect(self._on_engagement_choice_activated)
        self._field("engagement_id", "Engagement", self.engagement_choice)
        self.decided_on = QDateEdit(page)
        self.decided_on.setCalendarPopup(True)
        self.decided_on.setDisplayFormat("yyyy-MM-dd")
        self.decided_on.setSpecialValueText("Date unknown")  # shown at the minimum date
        self.decided_on.dateChanged.connect(self._on_decided_on_date_changed)
        self._field("decided_on", "Date", self.decided_on)
        self.category = self._combo("category", "Category", CATEGORY_LABELS)
        self.status = self._combo("status", "Status", STATUS_LABELS)
        self.status_text = QLabel(page)
        self.status_text.setObjectName("statusAsWritten")
        self.status_text.setWordWrap(True)
        self.status_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow("Status as written", self.status_text)
        self.owner = self._line("owner", "Owner", "Who owns it on the client side")
        self.consulted = self._line("consulted", "Consulted", "Who was asked")
        self.reversibility = self._combo("reversibility", "Reversibility", REVERSIBILITY_LABELS)
        self.cost = QLineEdit(page)
        self.cost.setPlaceholderText("e.g. 25,000 or 25k")
        self.cost.editingFinished.connect(self._on_field_edited)
        self.cost_ratio = QLabel(page)
        self.cost_ratio.setObjectName("costRatio")
        self.cost_ratio.setToolTip("The rule of thumb: compare with three months of fees")
        self.currency = QLabel(page)
        cost_row = QHBoxLayout()
        cost_row.addWidget(self.currency)
        cost_row.addWidget(self.cost, 2)
        cost_row.addWidget(self.cost_ratio, 3)
        self._field("cost_if_wrong_minor", "Cost if wrong", cost_row)
        self.review_by = self._line("review_by", "Review by", "YYYY-MM-DD, or empty")
        self.ask = QCheckBox("An ask: the client's decision is needed", page)
        self.ask.setToolTip('The weekly update lists it under "Needs from you" while proposed')
        self.ask.clicked.connect(self._on_ask_clicked)
        self._field("ask", "Ask", self.ask)
        self.texts: dict[str, QPlainTextEdit] = {}
        for name, (label, hint) in LONG_TEXT.items():
            if name == "outcome":
                self.options = DecisionOptionsEditor(page)
                self.options.changed.connect(self._on_options_changed)
                self._field("options", "Options", self.options)
            self.texts[name] = self._text(name, label, hint)
        self.kept_text = QPlainTextEdit(page)
        self.kept_text.setObjectName("keptText")
        self.kept_text.setReadOnly(True)
        self.kept_text.setToolTip(
            "Text of the file this decision was imported from that has no field here; "
            "an export writes it back"
        )
        self.form.addRow("Kept from the file", self.kept_text)
        self.history = QLabel(page)
        self.history.setObjectName("statusHistory")
        self.history.setWordWrap(True)
        self.form.addRow("Status history", self.history)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _field(self, name: str, label: str, field: QWidget | QHBoxLayout) -> None:
        """The field with its error label underneath, in one form row."""
        box = QVBoxLayout()
        box.setSpacing(2)
        if isinstance(field, QWidget):
            box.addWidget(field)
        else:
            box.addLayout(field)
        box.addWidget(self.errors.add(name, error_label(self)))
        self.form.addRow(label, box)

    def _line(self, name: str, label: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(f"decision_{name}")
        edit.setPlaceholderText(placeholder)
        edit.editingFinished.connect(self._on_field_edited)
        self._field(name, label, edit)
        return edit

    def _combo(self, name: str, label: str, choices: dict[str, str]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(f"decision_{name}")
        for key, text in choices.items():
            combo.addItem(text, key)
        combo.activated.connect(self._on_field_edited)
        self._field(name, label, combo)
        return combo

    def _text(self, name: str, label: str, hint: str) -> QPlainTextEdit:
        edit = TextBox(self)
        edit.setObjectName(f"decision_{name}")
        edit.submitted.connect(self._on_field_edited)  # Ctrl+Enter saves now
        edit.setPlaceholderText(hint)
        edit.setMinimumHeight(64)
        edit.setMaximumHeight(120)
        edit.textChanged.connect(self._on_text_changed)
        self._field(name, label, edit)
        return edit

    # Showing

    def set_decision(self, decision: Decision | None) -> None:
        """Show another decision (pending edits of the current one are saved first)."""
        self.flush()
        self.decision = decision
        self.errors.clear()
        self._show_conflict(False)
        self.tabs.setVisible(decision is not None)
        if decision is None:
            self.heading.setText("No decision selected")
            self.chain.clear()
            self.chain.hide()
            return
        self.engagement = _engagement(self.db, decision.engagement_id)
        self._loading = True
        try:
            self._fill(decision)
        finally:
            self._loading = False
        self._show_derived(decision)

    def _fill_engagements(self, d: Decision) -> None:
        """The client's engagements: a decision can move between them."""
        self.engagement_choice.clear()
        client_id = self.engagement.client_id if self.engagement else None
        for e in engagements.list_all(self.db, client_id=client_id) if client_id else []:
            self.engagement_choice.addItem(e.title, e.id)
        self.engagement_choice.setCurrentIndex(self.engagement_choice.findData(d.engagement_id))
        self.engagement_choice.setEnabled(self.engagement_choice.count() > 1)

    def _on_engagement_choice_activated(self, _index: int) -> None:
        chosen = self.engagement_choice.currentData()
        if self.decision is not None and chosen and chosen != self.decision.engagement_id:
            self.flush()
            self.move_requested.emit(int(chosen))

    def _fill(self, d: Decision) -> None:
        self._fill_engagements(d)
        self.title.setText(d.title)
        self.title.setCursorPosition(0)
        if d.date_unknown:
            self.decided_on.setDate(self.decided_on.minimumDate())
        else:
            self.decided_on.setDate(QDate(d.decided_on.year, d.decided_on.month, d.decided_on.day))
        self.status_text.setText(d.status_text)
        self.kept_text.setPlainText(d.kept_text)
        for shown, widget in ((bool(d.status_text), self.status_text),
                              (bool(d.kept_text), self.kept_text)):  # fmt: skip
            widget.setVisible(shown)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(shown)
        for combo, value in (
            (self.category, d.category),
            (self.status, d.status),
            (self.reversibility, d.reversibility),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.owner.setText(d.owner)
        self.consulted.setText(d.consulted)
        self.consulted.setCursorPosition(0)
        self.cost.setText(decision_cost.format_amount(d.cost_if_wrong_minor, self._currency()))
        self.review_by.setText(d.review_by.isoformat() if d.review_by else "")
        self.ask.setChecked(d.ask)
        for name, edit in self.texts.items():
            set_plain_text(edit, getattr(d, name))
        self.options.set_options(d.options)
        self.currency.setText(self.engagement.currency if self.engagement else "")

    def _show_derived(self, d: Decision) -> None:
        """What follows from the stored record: heading, chain, cost ratio, history, preview."""
        where = f" · {self.engagement.label}" if self.engagement else ""
        self.heading.setText(f"{d.number_label}{where}")
        chain = decision_chain.chain(self.db, d.id or 0)
        self.chain.setText(_chain_text(d, chain))
        self.chain.setVisible(bool(self.chain.text()))
        ratio = (
            decision_cost.describe(d.cost_if_wrong_minor, self.engagement)
            if self.engagement
            else ""
        )
        self.cost_ratio.setText(ratio)
        history = decisions.status_history(self.db, d.id or 0)
        self.history.setText(
            " → ".join(f"{STATUS_LABELS.get(c.status, c.status)} {c.changed_on}" for c in history)
        )
        if self.tabs.currentIndex() == 1:
            self._render_preview()

    def _render_preview(self) -> None:
        d = self.decision
        if d is None:
            self.preview.clear()
            return
        chain = decision_chain.chain(self.db, d.id or 0)
        history = decisions.status_history(self.db, d.id or 0)
        cost = ""
        if d.cost_if_wrong_minor is not None and self.engagement:
            ratio = decision_cost.describe(d.cost_if_wrong_minor, self.engagement)
            amount = Money(d.cost_if_wrong_minor, self.engagement.currency).format(whole=True)
            cost = amount + (f" ({ratio})" if ratio else "")
        self.preview.setHtml(record_html(d, chain, history, cost))

    def _currency(self) -> str:
        """The engagement's currency: the cost is typed and shown in it."""
        return self.engagement.currency if self.engagement else ""

    def hideEvent(self, event: QHideEvent) -> None:
        """Closing the window or switching tabs saves what is still waiting."""
        self.flush()
        super().hideEvent(event)

    # Saving

    def flush(self) -> bool:
        """Save what is pending now; False when a field is not valid."""
        if self._timer.isActive():
            self._timer.stop()
            return self.save()
        return True

    def discard_pending(self) -> None:
        """Forget an edit waiting for its save delay (the record is being taken back)."""
        self._timer.stop()

    def edited(self) -> Decision:
        """The record as the fields show it (may not be valid)."""
        assert self.decision is not None
        return decisions.with_changes(
            self.decision,
            title=self.title.text(),
            **self._date(),
            category=self.category.currentData(),
            status=self.status.currentData(),
            owner=self.owner.text(),
            consulted=self.consulted.text(),
            reversibility=self.reversibility.currentData(),
            cost_if_wrong_minor=decision_cost.parse_amount(self.cost.text(), self._currency()),
            review_by=_date_or_none(self.review_by.text()),
            ask=self.ask.isChecked(),
            options=self.options.options(),
            **{name: edit.toPlainText() for name, edit in self.texts.items()},
        )

    def _date(self) -> dict[str, object]:
        """The date shown; "Date unknown" (the minimum) keeps the record's unknown date."""
        assert self.decision is not None
        unknown = self.decided_on.date() == self.decided_on.minimumDate()
        if unknown and self.decision.date_unknown:
            return {"decided_on": self.decision.decided_on, "date_unknown": True}
        return {"decided_on": self.decided_on.date().toPython(), "date_unknown": False}

    def save(self) -> bool:
        """Store the fields; show the first problem beside its field instead."""
        if self.decision is None or self._loading:
            return True
        try:
            change = decision_changes.update(self.db, self.edited(), expected=self.decision)
        except ChangedElsewhereError as moved:
            self.decision = moved.stored  # Save again replaces it with what is shown here
            self.errors.show(ValidationError("general", CHANGED_ELSEWHERE))
            self._show_conflict(True)
            return False
        except ValidationError as error:
            self.errors.show(error)
            return False
        except NotFoundError:
            self.errors.show(ValidationError("title", "this decision was deleted meanwhile"))
            return False
        self._saved(change)
        return True

    def _saved(self, change: Change[Logged]) -> None:
        assert change.after is not None
        self.errors.clear()
        self._show_conflict(False)
        self.decision = change.after.decision
        self._show_derived(self.decision)
        if change.after != change.before:
            self.saved.emit(change)

    # Slots

    def _on_field_edited(self) -> None:
        if not self._loading:
            self._timer.stop()
            self.save()

    def _on_ask_clicked(self, _checked: bool) -> None:
        self._on_field_edited()

    def _on_decided_on_date_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    def _on_text_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    def _on_options_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    def _on_save_again_clicked(self) -> None:
        self._timer.stop()
        self.save()

    def _on_keep_stored_clicked(self) -> None:
        self._timer.stop()
        self.set_decision(self.decision)

    def _on_timer_timeout(self) -> None:
        self.save()

    def _on_tabs_current_changed(self, index: int) -> None:
        if index == 1:
            self.flush()
            self._render_preview()

    def _on_chain_link_activated(self, url: str) -> None:
        target = link_target(url)
        if target is not None:
            self.link_activated.emit(target)

    def _on_preview_anchor_clicked(self, url: QUrl) -> None:
        self._on_chain_link_activated(url.toString())


def _chain_text(d: Decision, chain: list[Decision]) -> str:
    parts = []
    by_id = {c.id: c for c in chain}
    if d.supersedes_id in by_id:
        parts.append("Supersedes " + decision_link(by_id[d.supersedes_id]))
    if d.superseded_by_id in by_id:
        parts.append("Superseded by " + decision_link(by_id[d.superseded_by_id]))
    if len(chain) > 2:
        parts.append("Chain: " + chain_html(d, chain))
    return "<br>".join(parts)


def _date_or_none(text: str) -> dt.date | None:
    value = v.iso_date("review_by", text.strip(), required=False)
    return dt.date.fromisoformat(value) if value else None


def _engagement(db: Database, engagement_id: int) -> Engagement | None:
    try:
        return engagements.get(db, engagement_id)
    except NotFoundError:
        return None
