"""Screenshots of the app on the sample practice, for the README: `python -m tools.screenshots OUTDIR`.

Not a test. Each tab adds a function `shoot_<name>(window, outdir) -> Path` to SHOTS; every shot
starts from the same freshly generated practice, offscreen, at a laptop size (1280 x 800). Each is
taken in the light palette and again in a dark one (`<name>-dark.png`), as a system in dark mode
gives it.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import datetime as dt
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop.app import create_application
from desktop.main_window import MainWindow
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import engagements
from storage.sample import SampleOptions, generate
from widgets.clients.client_model import RecordRole

LAPTOP_SIZE = (1280, 800)  # the README's main images; SCREENSHOT_SIZE=1024x640 the smallest
WINDOW_SIZE = tuple(int(n) for n in os.environ.get("SCREENSHOT_SIZE", "1280x800").split("x"))
AS_OF = dt.date(2026, 3, 16)  # a fixed "today", so every run draws the same practice
Shot = Callable[[MainWindow, Path], Path]


def shoot_main_window(window: MainWindow, outdir: Path) -> Path:
    """The Clients tab with the first active client selected."""
    window.tabs.setCurrentIndex(0)
    tab = window.pages[0]
    proxy = tab.list.proxy
    for row in range(proxy.rowCount()):
        client = proxy.index(row, 0).data(RecordRole)
        if client.status == "active":
            tab.list.select(client.id)
            break
    return _save(window, outdir / "main-window.png")


@contextmanager
def _as_of_the_sample() -> Iterator[None]:
    """Reviews and flags as of the sample's own day, so every run draws the same."""
    from storage.rules import clock

    real_today = clock.today
    clock.today = lambda: AS_OF
    try:
        yield
    finally:
        clock.today = real_today


def shoot_exit_tab(window: MainWindow, outdir: Path) -> Path:
    """The Exit plan tab on the exiting engagement, reviewed as of the sample's own day."""
    with _as_of_the_sample():
        window.tabs.setCurrentIndex(3)
        tab = window.pages[3]
        exiting = [e.id for e in engagements.list_all(window.db) if e.status == "exiting"]
        tab.show_engagement(exiting[0])
        tab.refresh()
        return _save(window, outdir / "exit-tab.png")


def shoot_time_tab(window: MainWindow, outdir: Path) -> Path:
    """The Time tab on the last full week, a timer running, a cell of several entries selected."""

    from storage.practice import engagements as engagement_records
    from storage.time import timer
    from widgets.time.time_grid_model import EntriesRole
    from widgets.time.time_tab import TimeTab

    tab = next(page for page in window.pages if isinstance(page, TimeTab))
    window.tabs.setCurrentWidget(tab)
    active = [e for e in engagement_records.list_all(window.db) if e.status == "active"]
    started = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=42)
    timer.start(window.db, active[0].id or 0, "strategy", "Architecture review", now=started)
    window.timer.control.show_current()
    tab.go_to(AS_OF - dt.timedelta(days=7))
    model = tab.model
    several = [
        model.index(row, column)
        for row in range(model.rowCount() - 1)
        for column in range(1, 8)
        if model.index(row, column).data(EntriesRole) > 1
    ]
    tab.grid.setCurrentIndex(several[0] if several else model.index(1, 1))
    return _save(window, outdir / "time-tab.png")


def shoot_decisions_tab(window: MainWindow, outdir: Path) -> Path:
    """The Decisions tab on the first active engagement, a superseded decision and its link."""
    from widgets.decisions.decisions_tab import DecisionsTab

    with _as_of_the_sample():
        tab = next(page for page in window.pages if isinstance(page, DecisionsTab))
        window.tabs.setCurrentWidget(tab)
        active = [e.id for e in engagements.list_all(window.db) if e.status == "active"]
        tab.engagement.setCurrentIndex(tab.engagement.findData(active[0]))
        chained = window.db.execute(
            "SELECT id FROM decision WHERE engagement_id = ? AND superseded_by_id IS NOT NULL "
            "ORDER BY decided_on DESC LIMIT 1",
            [active[0]],
        ).fetchone()
        tab.show_decision(chained[0] if chained else None)
        return _save(window, outdir / "decisions-tab.png")


def shoot_portfolio_tab(window: MainWindow, outdir: Path) -> Path:
    """The Portfolio tab as of the sample's own day: the weeks ahead and the engagements."""
    from widgets.portfolio.portfolio_tab import PortfolioTab

    with _as_of_the_sample():
        tab = next(page for page in window.pages if isinstance(page, PortfolioTab))
        window.tabs.setCurrentWidget(tab)
        tab.reset_range()
        tab.refresh()
        return _save(window, outdir / "portfolio-tab.png")


def shoot_month_tab(window: MainWindow, outdir: Path) -> Path:
    """The Month tab on the sample's last full month, its first engagement's days below and the
    sample's invoices."""
    from storage.rules.months import Month
    from widgets.month.month_tab import MonthTab

    with _as_of_the_sample():
        tab = next(page for page in window.pages if isinstance(page, MonthTab))
        window.tabs.setCurrentWidget(tab)
        tab.picker.go_to(Month(AS_OF.year, AS_OF.month - 1))
        tab.select_engagement(tab.model.record(0).id)
        return _save(window, outdir / "month-tab.png")


SHOTS: dict[str, Shot] = {"main-window": shoot_main_window}
SHOTS["time-tab"] = shoot_time_tab
SHOTS["exit-tab"] = shoot_exit_tab
SHOTS["decisions-tab"] = shoot_decisions_tab
SHOTS["portfolio-tab"] = shoot_portfolio_tab
SHOTS["month-tab"] = shoot_month_tab


def dark_palette() -> QPalette:
    """A dark palette as a system in dark mode gives one (Fusion's dark colours)."""
    role = QPalette.ColorRole
    dark = QPalette()
    for which, colour in (
        (role.Window, "#353535"), (role.WindowText, "#ffffff"), (role.Base, "#2a2a2a"),
        (role.AlternateBase, "#424242"), (role.Text, "#ffffff"), (role.Button, "#353535"),
        (role.ButtonText, "#ffffff"), (role.Highlight, "#2a82da"),
        (role.HighlightedText, "#ffffff"), (role.ToolTipBase, "#353535"),
        (role.ToolTipText, "#ffffff"), (role.PlaceholderText, "#a0a0a0"), (role.Link, "#8ab4f8"),
    ):  # fmt: skip
        dark.setColor(which, QColor(colour))
    for which in (role.WindowText, role.Text, role.ButtonText):  # greyed, as the app greys them
        dark.setColor(QPalette.ColorGroup.Disabled, which, QColor("#a0a0a0"))
    dark.setColor(QPalette.ColorGroup.Disabled, role.Button, QColor("#2f2f2f"))
    return dark


def _save(window: MainWindow, path: Path) -> Path:
    """`name.png` at the laptop size, `name-1024x640.png` at another; `-dark` in a dark palette."""
    QApplication.processEvents()
    if WINDOW_SIZE != LAPTOP_SIZE:
        path = path.with_name(f"{path.stem}-{WINDOW_SIZE[0]}x{WINDOW_SIZE[1]}{path.suffix}")
    if QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128:
        path = path.with_name(f"{path.stem}-dark{path.suffix}")
    window.grab().save(str(path))
    return path


def _isolated_settings(folder: Path) -> None:
    """Never read or write the user's own window state."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def take(outdir: Path, names: list[str] | None = None) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fractional-desk-shots-"))
    _isolated_settings(work / "settings")
    app = create_application()
    light = app.palette()
    saved = []
    for theme, colours in (("light", light), ("dark", dark_palette())):
        app.setPalette(colours)
        QApplication.processEvents()
        saved += _take_all(outdir, work / theme, names)
    app.setPalette(light)
    return saved


def _take_all(outdir: Path, work: Path, names: list[str] | None) -> list[Path]:
    saved = []
    for name in names or list(SHOTS):
        data_dir = work / name
        db = open_database(database_file(data_dir))
        generate(db, SampleOptions(as_of=AS_OF))
        window = MainWindow(db, data_dir)
        window.showNormal()  # not maximized on a small screen
        window.resize(*WINDOW_SIZE)  # after the first show, which fits the offscreen screen
        window.finish_start()  # the status bar's overdue line and the rest, as a user sees them
        saved.append(SHOTS[name](window, outdir))
        window.close()
        db.close()
    return saved


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m tools.screenshots OUTDIR [NAME ...]", file=sys.stderr)
        return 2
    for path in take(Path(argv[0]), argv[1:] or None):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
