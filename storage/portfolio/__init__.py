"""Across clients: capacity and the portfolio's weeks.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
    from storage.portfolio import capacity, portfolio_rows
    from storage.portfolio.figures import WEEKS, PortfolioWeek, default_first, report, weeks
    from storage.portfolio.portfolio_rows import EngagementRow, ThisWeek

__all__ = [
    "WEEKS",
    "EngagementRow",
    "PortfolioWeek",
    "ThisWeek",
    "capacity",
    "default_first",
    "portfolio_rows",
    "report",
    "weeks",
]

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "capacity": "storage.portfolio.capacity",
        "PortfolioWeek": "storage.portfolio.figures:PortfolioWeek",
        "WEEKS": "storage.portfolio.figures:WEEKS",
        "default_first": "storage.portfolio.figures:default_first",
        "report": "storage.portfolio.figures:report",
        "weeks": "storage.portfolio.figures:weeks",
        "EngagementRow": "storage.portfolio.portfolio_rows:EngagementRow",
        "ThisWeek": "storage.portfolio.portfolio_rows:ThisWeek",
        "portfolio_rows": "storage.portfolio.portfolio_rows",
    },
)
