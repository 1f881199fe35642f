"""The four tabs, in order, each built by a factory that imports its module on first use.

Only the tab shown at start is built then; the others (and their modules) wait until first shown,
so start-up pays for one tab, not four.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget
from sqlite_utils import Database

from widgets.common.tab_page import TabPage


@dataclass(frozen=True)
class PageSpec:
    title: str
    object_name: str
    build: Callable[[Database, QWidget], TabPage]


def _clients(db: Database, parent: QWidget) -> TabPage:
    from widgets.clients.clients_tab import ClientsTab

    return ClientsTab(db, parent)


def _time(db: Database, parent: QWidget) -> TabPage:
    from widgets.time.time_tab import TimeTab

    return TimeTab(db, parent)


def _decisions(db: Database, parent: QWidget) -> TabPage:
    from widgets.decisions.decisions_tab import DecisionsTab

    return DecisionsTab(db, parent)


def _exit_plan(db: Database, parent: QWidget) -> TabPage:
    from widgets.exit_plan.exit_tab import ExitPlanTab

    return ExitPlanTab(db, parent)


PAGES = (
    PageSpec("Clients", "clientsTab", _clients),
    PageSpec("Time", "timeTab", _time),
    PageSpec("Decisions", "decisionsTab", _decisions),
    PageSpec("Exit plan", "exitTab", _exit_plan),
)
