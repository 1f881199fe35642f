"""The in-app figures, scripted in one offscreen process on a sample practice.

`python -m tests.benchmarks.interactions DATA_DIR DATASET` prints a JSON list of figures. A
heartbeat timer runs through the scripted interactions; its worst lateness is the longest stall
of the UI thread. Exports run after the heartbeat stops (the app runs them off the UI thread).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import create_application
from desktop.main_window import MainWindow
from desktop.tab_pages import PAGES
from exporters import documents
from storage.billing import month_report
from storage.decisions import decision_search
from storage.exit_plan import readiness
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.portfolio import figures as portfolio
from storage.portfolio import portfolio_rows
from tests.benchmarks.cold_start import _peak_rss_kb
from tests.benchmarks.measure import RUNS, Figure, repeat

HEARTBEAT_MS = 5
SEARCH_WORDS = ["vector", "residency", "hiring", "provider", "évaluation", "kubernetes", "cost"]


class Heartbeat:
    """Ticks every few milliseconds; remembers the longest gap beyond the interval, and during
    which step of the script it came."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.clock = QElapsedTimer()
        self.worst = 0.0
        self.step = "start"
        self.worst_step = ""
        self.by_step: dict[str, float] = {}  # each step's longest stall, said on stderr

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def _on_timer_timeout(self) -> None:
        lateness = float(self.clock.restart() - HEARTBEAT_MS)
        self.by_step[self.step] = max(self.by_step.get(self.step, 0.0), lateness)
        if lateness > self.worst:
            self.worst, self.worst_step = lateness, self.step


def _settle() -> None:
    QApplication.processEvents()


def _largest(db, by: str) -> int:  # type: ignore[no-untyped-def]
    row = db.execute(
        f"SELECT engagement_id FROM {by} GROUP BY engagement_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    return int(row[0])


class Script:
    def __init__(self, window: MainWindow, dataset: str) -> None:
        self.window = window
        self.dataset = dataset
        self.db = window.db
        self.figures: list[Figure] = []

    def figure(self, name: str, work: Callable[[], object], target: float | None) -> None:
        def settled() -> None:
            work()
            _settle()

        self.figures.append(Figure(name, self.dataset, repeat(settled), target=target))

    def time_tab(self) -> None:
        tabs = self.window.tabs
        clients, time_tab = 0, 1

        def open_time_tab() -> None:
            tabs.setCurrentIndex(clients)
            _settle()
            tabs.setCurrentIndex(time_tab)

        self.figure("open the Time tab on a week", open_time_tab, None)
        tab = self.window.page(time_tab)  # not `pages`, which builds every tab
        step = iter([1, -1] * RUNS)
        self.figure(
            "switch to the next week", lambda: tab.show_week(tab.week.shifted(next(step))), 30
        )
        key = next(
            k for r in range(tab.model.rowCount()) for c in range(1, 8)
            if tab.model.is_open(tab.model.index(r, c)) and (k := tab.model.cell_key(tab.model.index(r, c)))
            and tab.model.cells.get(k, None) is None
        )  # fmt: skip
        minutes = iter([45, 90] * RUNS)
        self.figure(
            "edit one cell until the totals show it",
            lambda: tab.write_cells([(key, next(minutes))]),
            30,
        )
        tab.write_cells([(key, 0)])  # leave the practice as it was

    def decisions(self) -> None:
        self.window.tabs.setCurrentIndex(2)
        _settle()
        tab = self.window.page(2)
        words = iter(SEARCH_WORDS * 2)

        def search() -> None:
            tab.filters.search.blockSignals(True)
            tab.filters.search.setText(next(words))
            tab.filters.search.blockSignals(False)
            tab.reload()

        self.figure("decision full-text search, results shown", search, 20)
        query_words = iter(SEARCH_WORDS * 2)

        def query() -> None:
            word = next(query_words)
            hits = decision_search.search(self.db, word, with_snippets=False)
            decision_search.snippets_for(self.db, word, [h.decision_id for h in hits[:30]])

        self.figure("decision full-text search, the query alone", query, 20)
        tab.filters.search.clear()
        ids = iter(
            [r[0] for r in self.db.execute("SELECT id FROM decision ORDER BY random() LIMIT 20")]
        )
        self.figure("open a decision", lambda: tab.show_decision(next(ids)), 20)

    def first_shows(self) -> list[Callable[[], None]]:
        """A step per tab not shown yet: each tab's first show is in the stall figure."""
        return [
            (lambda index=index: self.window.tabs.setCurrentIndex(index))
            for index in range(len(PAGES))
        ]

    def review(self) -> None:
        engagement = _largest(self.db, "milestone")
        self.figure(
            "exit-readiness review (largest engagement)",
            lambda: readiness.review(self.db, engagement),
            50,
        )

    def portfolio(self) -> None:
        """The Portfolio tab's 30 weeks and rows, read and painted (its data alone, too)."""
        index = next(i for i, spec in enumerate(PAGES) if spec.object_name == "portfolioTab")
        self.window.tabs.setCurrentIndex(index)
        _settle()
        tab = self.window.page(index)

        def data() -> None:
            portfolio.weeks(self.db, portfolio.default_first(self.db), portfolio.WEEKS)
            portfolio_rows.this_week(self.db, portfolio_rows.rows(self.db))

        self.figure("Portfolio tab: the data of 30 weeks", data, 50)
        self.figure("Portfolio tab: read and shown", tab.refresh, 50)

    def month(self) -> None:
        """The Month tab on this month: every client's lines and amounts, read and shown with the
        invoice list below (the data alone, too)."""
        index = next(i for i, spec in enumerate(PAGES) if spec.object_name == "monthTab")
        self.window.tabs.setCurrentIndex(index)
        _settle()
        tab = self.window.page(index)
        self.figure(
            "Month tab: the data of a month", lambda: month_report.report(self.db, tab.month), 50
        )
        self.figure("Month tab: read and shown", tab.refresh, 100)

    def exports(self, folder: Path) -> None:
        sow = _largest(self.db, "time_entry")
        handoff = _largest(self.db, "decision")
        self.figure(
            "export the scope of work",
            lambda: documents.export(self.db, "sow", sow, folder / "sow.docx"),
            500,
        )
        self.figure(
            "export the handoff (most decisions)",
            lambda: documents.export(self.db, "handoff", handoff, folder / "handoff.docx"),
            3000,
        )


def main(data_dir: str, dataset: str) -> int:
    app = create_application()
    window = MainWindow(open_database(database_file(Path(data_dir))), Path(data_dir))
    script = Script(window, dataset)
    heartbeat = Heartbeat()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("window shown, its tab filled after", window.show),
        *[
            (f"first show of tab {PAGES[i].title}", show)
            for i, show in enumerate(script.first_shows())
        ],
        ("Time tab", script.time_tab),
        ("Decisions tab", script.decisions),
        ("exit review", script.review),
        ("Portfolio tab", script.portfolio),
        ("Month tab", script.month),
    ]
    results: dict[str, float] = {}

    def run_next() -> None:
        if steps:
            heartbeat.step, step = steps.pop(0)
            step()
            QTimer.singleShot(20, run_next)
            return
        heartbeat.timer.stop()
        for step, worst in heartbeat.by_step.items():
            print(f"longest stall {worst:6.1f} ms during: {step}", file=sys.stderr)
        results["stall"] = heartbeat.worst
        results["rss"] = _peak_rss_kb() / 1024
        app.quit()

    heartbeat.start()
    QTimer.singleShot(20, run_next)
    app.exec()
    with tempfile.TemporaryDirectory() as folder:
        script.exports(Path(folder))
    script.figures += [
        Figure(
            f"longest UI-thread stall (heartbeat; at: {heartbeat.worst_step})",
            dataset,
            (results["stall"],),
            target=100,
        ),
        Figure(
            "peak RSS with the practice open", dataset, (results["rss"],), unit="MB", target=250
        ),
    ]
    window.close()
    print(json.dumps([dataclasses.asdict(f) for f in script.figures]))
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    sys.exit(main(sys.argv[1], sys.argv[2]))
