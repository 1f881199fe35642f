"""The one registry of the window's tabs, in order, each built by a factory that imports its
module on first use. The window, its View menu, the self-test and "Go to" all read this list.

Only the tab shown at start is built then, after the window's first paint; the others wait until
first shown, their modules loaded one per turn of the event loop after that (`preload`), so
start-up pays for one tab, not six, and a first switch to a tab pays only for reading its data.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from widgets.common.tab_page import TabPage

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class PageSpec:
    title: str
    object_name: str
    build: Callable[[Database, QWidget], TabPage]
    module: str  # the module `build` imports (its factory names it too, for the bundler)
    shows: tuple[str, ...] = ()  # the kinds of record a "Go to" finds on this tab


def _clients(db: Database, parent: QWidget) -> TabPage:
    from widgets.clients.clients_tab import ClientsTab

    return ClientsTab(db, parent)


def _time(db: Database, parent: QWidget) -> TabPage:
    from widgets.time.time_tab import TimeTab

    return TimeTab(db, parent)


def _decisions(db: Database, parent: QWidget) -> TabPage:
    from widgets.decisions.decisions_tab import DecisionsTab

    return DecisionsTab(db, parent, in_steps=True)  # its list fills on the next turn


def _exit_plan(db: Database, parent: QWidget) -> TabPage:
    from widgets.exit_plan.exit_tab import ExitPlanTab

    return ExitPlanTab(db, parent)


def _portfolio(db: Database, parent: QWidget) -> TabPage:
    from widgets.portfolio.portfolio_tab import PortfolioTab

    return PortfolioTab(db, parent)


def _month(db: Database, parent: QWidget) -> TabPage:
    from widgets.month.month_tab import MonthTab

    return MonthTab(db, parent)


CLIENTS = PageSpec(
    "Clients", "clientsTab", _clients, "widgets.clients.clients_tab", ("client", "engagement")
)
TIME = PageSpec("Time", "timeTab", _time, "widgets.time.time_tab", ("time", "day"))
DECISIONS = PageSpec(
    "Decisions", "decisionsTab", _decisions, "widgets.decisions.decisions_tab", ("decision",)
)
EXIT_PLAN = PageSpec(
    "Exit plan",
    "exitTab",
    _exit_plan,
    "widgets.exit_plan.exit_tab",
    ("milestone", "responsibility"),
)
PORTFOLIO = PageSpec("Portfolio", "portfolioTab", _portfolio, "widgets.portfolio.portfolio_tab")
MONTH = PageSpec("Month", "monthTab", _month, "widgets.month.month_tab")
PAGES = (CLIENTS, TIME, DECISIONS, EXIT_PLAN, PORTFOLIO, MONTH)  # in the order of the tabs


def preload_modules(spec: PageSpec) -> list[str]:
    """The modules to import, one per turn of the event loop, before the tab is first shown:
    those of its package (each a few milliseconds), then the tab's own."""
    package_name = spec.module.rpartition(".")[0]
    import pkgutil  # after the first paint, with the modules it lists

    package = importlib.import_module(package_name)
    inside = sorted(
        f"{package_name}.{found.name}" for found in pkgutil.iter_modules(package.__path__)
    )
    return [name for name in inside if name != spec.module] + [spec.module]


def page_showing(kind: str) -> int | None:
    """The index of the tab that holds records of `kind`, if one does."""
    return next((i for i, spec in enumerate(PAGES) if kind in spec.shows), None)
