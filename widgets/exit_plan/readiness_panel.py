"""The exit-readiness review on screen: the score, the verdict and its thresholds, each check with
a "Go to" button for what fails, days left, the projected finish and the trend of recorded reviews.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.exit_plan import Check, Review, Snapshot, readiness
from widgets.common import palette
from widgets.common.record_model import day_text
from widgets.exit_plan.readiness_trend import VERDICT_ACCENTS, ReadinessTrend

PASS_MARK, FAIL_MARK = "✔", "✘"


class ReadinessPanel(QGroupBox):
    """Shows one Review; asks the tab to go to a failing item or to record the review."""

    go_to_requested = Signal(str, int)
    record_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Exit readiness", parent)
        self.setObjectName("readinessPanel")
        self.review: Review | None = None
        self.go_to_buttons: dict[str, QPushButton] = {}
        self.score = QLabel("–")
        self.score.setObjectName("readinessScore")
        self.score.setStyleSheet("font-size: 40px; font-weight: bold;")
        self.verdict = QLabel("")
        self.verdict_tint = palette.Tint(self.verdict)
        self.verdict.setObjectName("readinessVerdict")
        self.verdict.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.thresholds = _small(readiness.THRESHOLDS_TEXT)
        self.how = _small(readiness.SCORE_TEXT)
        self.timing = QLabel("")
        self.timing.setWordWrap(True)
        self.checks = QGridLayout()
        self.checks.setColumnStretch(1, 1)
        self.trend = ReadinessTrend(self)
        self.record_button = QPushButton("Record review")
        self.record_button.setShortcut(QKeySequence("Ctrl+R"))
        self.record_button.setToolTip(
            "Save today's score and failing checks for the trend (Ctrl+R)"
        )
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self._build_layout()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.score)
        top.addWidget(self.verdict, 1)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(
            QVBoxLayout.SizeConstraint.SetMinimumSize
        )  # a scroll area scrolls it
        layout.addLayout(top)
        layout.addWidget(self.thresholds)
        layout.addWidget(self.how)
        layout.addWidget(self.timing)
        layout.addLayout(self.checks)
        layout.addWidget(_small("Recorded reviews"))
        layout.addWidget(self.trend)
        layout.addWidget(self.record_button)
        layout.addStretch(1)

    def show_review(self, review: Review | None, snapshots: list[Snapshot]) -> None:
        self.review = review
        self.trend.set_snapshots(snapshots)
        self.record_button.setEnabled(review is not None)
        self._clear_checks()
        if review is None:
            self.score.setText("–")
            self.verdict.setText("Choose an engagement")
            self.verdict_tint.set(None)
            self.timing.clear()
            return
        self.score.setText(str(review.score))
        self.verdict.setText(review.verdict.capitalize())
        self.verdict_tint.set(VERDICT_ACCENTS[review.verdict])
        self.timing.setText(_timing_text(review))
        for row, check in enumerate(review.checks):
            self._add_check(row, check)

    def _clear_checks(self) -> None:
        self.go_to_buttons = {}
        while self.checks.count():
            item = self.checks.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:  # off screen at once: deleteLater waits for the event loop
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()

    def _add_check(self, row: int, check: Check) -> None:
        mark = QLabel(PASS_MARK if check.passed else FAIL_MARK)
        palette.Tint(mark, "success" if check.passed else "fail")
        critical = " (critical)" if check.critical and not check.passed else ""
        detail = (
            "" if check.detail == check.label else f"<br><small>{_escape(check.detail)}</small>"
        )
        text = QLabel(f"<b>{check.label}</b>{critical}{detail}")
        text.setWordWrap(True)
        text.setObjectName(f"check_{check.name}")
        text.setMinimumHeight(text.heightForWidth(CHECK_TEXT_WIDTH))  # scroll rather than squash
        text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.checks.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
        self.checks.addWidget(text, row, 1)
        if not check.passed and check.target_kind:
            button = QPushButton("Go to")
            button.setObjectName(f"goTo_{check.name}")
            button.setToolTip(f"Show what fails: {check.detail}")
            button.clicked.connect(partial(self._on_go_to_clicked, check))
            self.checks.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            self.go_to_buttons[check.name] = button

    def _on_go_to_clicked(self, check: Check) -> None:
        self.go_to_requested.emit(check.target_kind, check.target_id)

    def _on_record_button_clicked(self) -> None:
        self.record_requested.emit()


CHECK_TEXT_WIDTH = 210  # a narrow panel (a 1024-pixel window) wraps a check to this


def _timing_text(review: Review) -> str:
    if review.days_left is None:
        days = "No planned end date"
    elif review.days_left >= 0:
        days = f"<b>{review.days_left}</b> days left to the planned end"
    else:
        days = f"The planned end passed <b>{-review.days_left}</b> days ago"
    finish = (
        f"projected finish <b>{day_text(review.projected_finish)}</b> at the pace so far"
        if review.projected_finish
        else "no projected finish until a milestone is done"
    )
    done = f"{review.milestones_done} of {review.milestones_counted} milestones done"
    return f"{days}; {finish}. {done}."


def _small(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("font-size: 11px;")
    palette.Tint(label, "muted")
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
