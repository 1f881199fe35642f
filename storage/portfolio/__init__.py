"""Across clients: capacity and the portfolio's weeks.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

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
