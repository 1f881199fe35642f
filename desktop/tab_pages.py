"""The one registry of the window's tabs, in order, each built by a factory that imports its
module on first use. The window, its View menu, the self-test and "Go to" all read this list.

Only the tab shown at start is built then; the others (and their modules) wait until first shown,
so start-up pays for one tab, not six.
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
    shows: tuple[str, ...] = ()  # the kinds of record a "Go to" finds on this tab


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


def _portfolio(db: Database, parent: QWidget) -> TabPage:
    from widgets.portfolio.portfolio_tab import PortfolioTab

    return PortfolioTab(db, parent)


def _month(db: Database, parent: QWidget) -> TabPage:
    from widgets.month.month_tab import MonthTab

    return MonthTab(db, parent)


CLIENTS = PageSpec("Clients", "clientsTab", _clients, ("client", "engagement"))
TIME = PageSpec("Time", "timeTab", _time, ("time", "day"))
DECISIONS = PageSpec("Decisions", "decisionsTab", _decisions, ("decision",))
EXIT_PLAN = PageSpec("Exit plan", "exitTab", _exit_plan, ("milestone", "responsibility"))
PORTFOLIO = PageSpec("Portfolio", "portfolioTab", _portfolio)
MONTH = PageSpec("Month", "monthTab", _month)
PAGES = (CLIENTS, TIME, DECISIONS, EXIT_PLAN, PORTFOLIO, MONTH)  # in the order of the tabs


def page_showing(kind: str) -> int | None:
    """The index of the tab that holds records of `kind`, if one does."""
    return next((i for i, spec in enumerate(PAGES) if kind in spec.shows), None)
