"""The engagement editor, on four pages: the engagement (dates, commitment, split, fees), the
scope (objectives, deliverables, out of scope, assumptions), the terms and the plan (phases).

Save validates everything in storage and writes it in one transaction; a problem shows beside
its field, on its page, and the dialog stays open.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from storage.file import Change, ChangedElsewhereError
from storage.portfolio import capacity
from storage.practice import (
    Deliverable,
    Engagement,
    commitments,
    deliverables,
    engagement_changes,
    engagements,
    phases,
    presence,
    settings,
)
from storage.rules import (
    BILLING_MODELS,
    BUCKET_LABELS,
    DAYS_PER_WEEK,
    HOURS_PER_DAY,
    ROLES,
    ValidationError,
    clock,
)
from storage.rules import ENGAGEMENT_STATUS_LABELS as STATUS_LABELS
from widgets.clients.commitment_periods import TAPER_DAYS, PeriodDialog, PeriodsSection
from widgets.clients.engagement_fields import OptionalDateEdit, date_edit, to_date
from widgets.clients.engagement_rows import (
    DeliverablesModel,
    PhasesModel,
    RowsSection,
    next_phase,
)
from widgets.clients.engagement_terms import TermsFields, text_box
from widgets.clients.instalments_dialog import InstalmentsDialog
from widgets.common import dialogs, palette
from widgets.common.field_errors import FieldErrors, error_label
from widgets.common.money_edit import MoneyEdit

if TYPE_CHECKING:
    from sqlite_utils import Database

CHANGED_ELSEWHERE = (
    "this engagement was saved elsewhere (another window or the command line) since it was "
    "opened here: Save again to replace it with what is shown here, or Cancel to keep it"
)
SPLIT_FIELDS = ("split_strategy", "split_team", "split_leadership")
FEE_UNITS = {
    "hourly": "per hour",
    "daily": "per day",
    "monthly_retainer": "per month",
    "fixed_fee": "in total",
}
TEXT_FIELDS = {
    "objectives": "Objectives",
    "out_of_scope": "Out of scope",
    "assumptions": "Assumptions",
}
Rows = list[tuple[str, QWidget, tuple[str, ...]]]


class EngagementEditor(QDialog):
    """Edits a copy of `engagement`; after Save, `saved` holds the stored record."""

    def __init__(self, db: Database, engagement: Engagement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.original = engagement
        self.saved: Engagement | None = None
        self.change: Change[Any] | None = None  # what Save wrote
        self.errors = FieldErrors(error_label(self))
        self.setObjectName("engagementEditor")
        self.setWindowTitle("New engagement" if engagement.id is None else "Edit engagement")
        self.profile = settings.load_profile(db)
        stored = engagement.id is not None
        self.state_before = engagements.saved_state(db, engagement) if stored else None
        self._build_fields(engagement)
        self._build_rows(engagement)
        self._build_layout()
        self._on_commitment_changed()
        self._on_split_changed()

    # -- fields --------------------------------------------------------------------------------

    def _build_fields(self, e: Engagement) -> None:
        self.title_edit = QLineEdit(e.title)
        self.role = _combo(ROLES, e.role)
        self.status = _combo(STATUS_LABELS, e.status)
        self.start_date = date_edit(e.start_date)
        self.planned_end = OptionalDateEdit(e.planned_end_date, "Agreed")
        self.ended_on = OptionalDateEdit(e.ended_on, "Ended")
        self.days_per_week = _number(e.days_per_week, *DAYS_PER_WEEK, 0.5, " days")
        self.hours_per_day = _number(e.hours_per_day, *HOURS_PER_DAY, 0.5, " hours")
        self.committed = QLabel()
        stored = commitments.periods(self.db, e.id) if e.id is not None else []
        self.history_before = list(self.state_before.history) if self.state_before else []
        self.periods = PeriodsSection(stored)
        self.periods.add_button.clicked.connect(self._on_add_period_clicked)
        self.periods.taper_button.clicked.connect(self._on_taper_clicked)
        self.period_dialog: PeriodDialog | None = None
        self.splits = {field: _percent(getattr(e, field)) for field in SPLIT_FIELDS}
        self.split_note = QLabel()
        self.split_note_tint = palette.Tint(self.split_note)
        for field in SPLIT_FIELDS:  # the live note is where a split error shows too
            self.errors.add(field, self.split_note)
        self.billing_model = _combo(BILLING_MODELS, e.billing_model)
        self.amount = MoneyEdit(e.fee_minor, e.currency)
        self.currency = QLineEdit(e.currency)
        self.currency.setMaxLength(3)
        self.currency.setMaximumWidth(60)
        self.fee_unit = QLabel()
        self.instalments_button = QPushButton("Instalments…")
        self.instalments_button.clicked.connect(self._on_instalments_clicked)
        self.instalments_dialog: InstalmentsDialog | None = None
        self.billing_model.currentIndexChanged.connect(self._on_billing_model_changed)
        self._on_billing_model_changed()
        self.texts = {field: text_box(getattr(e, field), height=90) for field in TEXT_FIELDS}
        self.terms = TermsFields(e, self.profile)
        self.currency.textChanged.connect(self.terms.show_currency)
        self.currency.textChanged.connect(self.amount.set_currency)
        for box in (self.days_per_week, self.hours_per_day):
            box.valueChanged.connect(self._on_commitment_changed)
        for box in self.splits.values():
            box.valueChanged.connect(self._on_split_changed)

    def _build_rows(self, e: Engagement) -> None:
        """The deliverables and phases tables, as stored (none for a new engagement)."""
        own = e.id or 0
        model = DeliverablesModel(self)
        model.set_rows(deliverables.list_for(self.db, own) if e.id else [])
        self.deliverables = RowsSection(model, "deliverable", movable=True)
        self.deliverables.view.setObjectName("deliverables")
        self.deliverables.set_widths([300, 360])
        self.deliverables.add_button.clicked.connect(self._on_add_deliverable_clicked)
        model = PhasesModel(self)
        model.set_rows(phases.list_for(self.db, own) if e.id else [])
        self.phases = RowsSection(model, "phase", movable=False)
        self.phases.view.setObjectName("phases")
        self.phases.set_widths([200, 110, 110])
        self.phases.add_button.clicked.connect(self._on_add_phase_clicked)
        self.suggest_button = QPushButton("Su&ggest phases", self.phases)
        self.suggest_button.setAutoDefault(False)
        self.suggest_button.setToolTip(
            "The usual arc for the role, from the start date to the planned exit"
        )
        self.suggest_button.clicked.connect(self._on_suggest_clicked)
        self.phases.buttons.insertWidget(2, self.suggest_button)
        self.errors.add("deliverables", self.deliverables.error)
        self.errors.add("phases", self.phases.error)

    def _build_layout(self) -> None:
        self.pages = QTabWidget(self)
        self.pages.setObjectName("engagementPages")
        self.pages.addTab(self._engagement_page(), "&Engagement")
        self.pages.addTab(self._scope_page(), "&Scope")
        self.pages.addTab(self._terms_page(), "&Terms")
        self.pages.addTab(self._plan_page(), "&Plan")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button: QPushButton = self.buttons.button(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        assert self.errors.general is not None
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)
        self.resize(960, 590)
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)  # the first keys go to the title
        self.title_edit.selectAll()

    def _engagement_page(self) -> QWidget:
        page = QWidget()
        left = QVBoxLayout()
        left.addWidget(self._group("Engagement", self._engagement_rows()))
        left.addWidget(self._group("Fees", self._fee_rows()))
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._group("Commitment and target split", self._commitment_rows()))
        right.addStretch(1)
        columns = QHBoxLayout(page)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        return page

    def _scope_page(self) -> QWidget:
        page = QWidget()
        texts = QHBoxLayout()
        for field, label in TEXT_FIELDS.items():
            texts.addWidget(self._group(label, [("", self.texts[field], (field,))], above=True))
        deliverables_group = QGroupBox("Deliverables, each with how the client accepts it")
        QVBoxLayout(deliverables_group).addWidget(self.deliverables)
        layout = QVBoxLayout(page)
        layout.addLayout(texts)
        layout.addWidget(deliverables_group, 1)
        return page

    def _terms_page(self) -> QWidget:
        page = QWidget()
        columns = QHBoxLayout(page)
        columns.addWidget(self._group("Payment, term and notice", self.terms.rows()), 1)
        columns.addWidget(self._group("Clauses", self.terms.clause_rows()), 1)
        return page

    def _plan_page(self) -> QWidget:
        page = QWidget()
        group = QGroupBox("Phases: the arc of the engagement, each with its dates and goals")
        QVBoxLayout(group).addWidget(self.phases)
        QVBoxLayout(page).addWidget(group)
        return page

    def _engagement_rows(self) -> list[tuple[str, QWidget, tuple[str, ...]]]:
        return [
            ("Title", self.title_edit, ("title",)),
            ("Role", self.role, ("role",)),
            ("Status", self.status, ("status",)),
            ("Start date", self.start_date, ("start_date",)),
            ("Planned exit", self.planned_end, ("planned_end_date",)),
            ("Ended on", self.ended_on, ("ended_on",)),
        ]

    def _commitment_rows(self) -> list[tuple[str, QWidget, tuple[str, ...]]]:
        split = QWidget()
        row = QHBoxLayout(split)
        row.setContentsMargins(0, 0, 0, 0)
        for label, field in zip(BUCKET_LABELS.values(), SPLIT_FIELDS, strict=True):
            row.addWidget(QLabel(label))
            row.addWidget(self.splits[field])
        row.addStretch(1)
        return [
            ("Days per week", self.days_per_week, ("days_per_week",)),
            ("Hours per day", self.hours_per_day, ("hours_per_day",)),
            ("Committed", self.committed, ()),
            ("Periods", self.periods, ("starts_on",)),
            ("Target split", split, ()),
            ("", self.split_note, ()),
        ]

    def _fee_rows(self) -> list[tuple[str, QWidget, tuple[str, ...]]]:
        amount = QWidget()
        row = QHBoxLayout(amount)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount, 1)
        row.addWidget(self.currency)
        row.addWidget(self.fee_unit)
        return [
            ("Billing model", self.billing_model, ("billing_model",)),
            ("Amount", amount, ("fee_minor", "currency")),
            ("", self.instalments_button, ()),
        ]

    def _group(self, title: str, rows: Rows, *, above: bool = False) -> QGroupBox:
        """A titled form; each field gets a hidden error label right under it."""
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for label, widget, fields in rows:
            if above:
                form.addRow(widget)
            else:
                form.addRow(label, widget)
            if fields:
                message = error_label(self)
                for field in fields:
                    self.errors.add(field, message)
                form.addRow("", message)
        return group

    # -- live notes ----------------------------------------------------------------------------

    def _on_commitment_changed(self) -> None:
        hours = self.days_per_week.value() * self.hours_per_day.value()
        self.committed.setText(f"{hours:g} hours a week")
        self.periods.show_history(self._first_period())

    def _first_period(self) -> commitments.CommitmentPeriod:
        return commitments.own_period(self._record())

    # -- commitment periods --------------------------------------------------------------------

    def _on_add_period_clicked(self) -> None:
        last = self.periods.history(self._first_period())[-1]
        start = max(clock.today(), to_date(self.start_date) + dt.timedelta(days=1))
        self._open_period_dialog("Add a commitment period", start, last.days_per_week)

    def _on_taper_clicked(self) -> None:
        end = self.planned_end.value()
        start = (end - dt.timedelta(weeks=8)) if end else clock.today()
        start = max(start, to_date(self.start_date) + dt.timedelta(days=1))
        self._open_period_dialog("Taper before the exit", start, TAPER_DAYS)

    def _open_period_dialog(self, title: str, start: dt.date, days: float) -> None:
        hours = self.hours_per_day.value()
        self.period_dialog = PeriodDialog(self, title, start, days, hours)
        self.period_dialog.accepted.connect(self._on_period_dialog_accepted)
        self.period_dialog.open()

    def _on_period_dialog_accepted(self) -> None:
        dialog, self.period_dialog = self.period_dialog, None
        if dialog is None:
            return
        period = dialog.period(self.original.id or 0)
        dialog.deleteLater()
        try:
            commitments.check_after_start(to_date(self.start_date), period.starts_on)
        except ValidationError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        self.periods.add(period)
        self._on_commitment_changed()

    def _on_billing_model_changed(self) -> None:
        self.fee_unit.setText(FEE_UNITS.get(self.billing_model.currentData(), ""))
        self.instalments_button.setVisible(self.billing_model.currentData() == "fixed_fee")
        stored = self.original.id is not None
        self.instalments_button.setEnabled(stored)
        self.instalments_button.setToolTip(
            "When the fixed fee is billed" if stored else "Save the engagement first"
        )

    def _on_instalments_clicked(self) -> None:
        self.instalments_dialog = InstalmentsDialog(self.db, self.engagement(), self)
        self.instalments_dialog.open()

    def _on_split_changed(self) -> None:
        self.split_note.show()
        total = sum(box.value() for box in self.splits.values())
        if total == 100:
            self.split_note.setText("Adds up to 100%")
            self.split_note_tint.set(None)
        else:
            self.split_note.setText(f"Adds up to {total}% (it must be 100%)")
            self.split_note_tint.set("error")

    # -- saving --------------------------------------------------------------------------------

    def engagement(self) -> Engagement:
        """The record as the form shows it now; ValidationError for a number that cannot be
        read on the Terms page."""
        return engagements.with_changes(self._record(), **self.terms.values())

    def _record(self) -> Engagement:
        """The record from every page but the terms (which may not be readable yet)."""
        return engagements.with_changes(
            self.original,
            title=self.title_edit.text(),
            role=self.role.currentData(),
            status=self.status.currentData(),
            start_date=to_date(self.start_date),
            planned_end_date=self.planned_end.value(),
            ended_on=self.ended_on.value(),
            days_per_week=self.days_per_week.value(),
            hours_per_day=self.hours_per_day.value(),
            billing_model=self.billing_model.currentData(),
            fee_minor=self.amount.minor(),
            currency=self.currency.text(),
            **{field: box.value() for field, box in self.splits.items()},
            **{field: box.toPlainText() for field, box in self.texts.items()},
        )

    def accept(self) -> None:
        try:
            record = self.engagement()
            engagements.validate(record)  # a bad field is said before any question is asked
            if not self._capacity_confirmed(record):
                return
            self.change = self._write(record)
        except ChangedElsewhereError as moved:
            self.state_before = moved.stored  # Save again replaces it with what is shown here
            self._show_error(ValidationError("general", CHANGED_ELSEWHERE))
            return
        except ValidationError as error:
            self._show_error(error)
            return
        super().accept()

    def _write(self, record: Engagement) -> Change[Any]:
        """Add or update as one write, checked against what the editor loaded; `saved` is the
        stored engagement."""
        rows = {"deliverables": self.deliverables.model.rows(), "phases": self.phases.model.rows()}
        if record.id is None:
            change: Change[Any] = engagement_changes.add(
                self.db, record, self.periods.added, **rows
            )
            self.saved = engagements.get(self.db, presence.record_id(change))
        else:
            change = engagement_changes.save(
                self.db, record, self.periods.added, **rows, expected=self.state_before
            )
            self.saved = change.after.engagement
        return change

    def _show_error(self, error: ValidationError) -> None:
        """The message beside its field, on the page that holds it."""
        self.errors.show(error)
        if error.field not in SPLIT_FIELDS:
            self._on_split_changed()  # keep the live note in view
        label = self.errors.labels.get(error.field, self.errors.general)
        for index in range(self.pages.count()):
            if label is not None and self.pages.widget(index).isAncestorOf(label):
                self.pages.setCurrentIndex(index)

    # -- deliverables and phases ---------------------------------------------------------------

    def _on_add_deliverable_clicked(self) -> None:
        self.deliverables.add(Deliverable(self.original.id or 0, ""))

    def _on_add_phase_clicked(self) -> None:
        rows = self.phases.model.rows()
        self.phases.add(next_phase(rows, to_date(self.start_date), self.planned_end.value()))

    def _on_suggest_clicked(self) -> None:
        """Fill the usual arc for the role; asks first when it would replace phases."""
        suggested = phases.suggested(self._record())
        if self.phases.model.rowCount():
            question = (
                "Replace the phases with the usual arc for this role, from the start date to "
                "the planned exit?\n\nThe phases are kept as they are until you save."
            )
            if not dialogs.ask(self, "Suggest phases", question, yes="Replace", no="Keep mine"):
                return
        self.phases.model.set_rows(suggested)
        self.phases.view.setFocus()

    def _capacity_confirmed(self, record: Engagement) -> bool:
        """A week taken over capacity is named; saving goes on only if the user says so."""
        history = self.periods.history(commitments.own_period(record))
        over = capacity.weeks_over(self.db, record, history)
        if not over:
            return True
        limit = settings.load_profile(self.db).capacity_days_per_week
        text = f"{capacity.warning(over, limit)}\n\nSave the commitment anyway?"
        return dialogs.ask(self, "Over capacity", text, yes="Save anyway", no="Go back")


def _combo(choices: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for key, label in choices.items():
        combo.addItem(label, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def _number(value: float, low: float, high: float, step: float, suffix: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(1)
    box.setSuffix(suffix)
    box.setValue(value)
    return box


def _percent(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 100)
    box.setSuffix(" %")
    box.setValue(value)
    return box
