"""The Month tab says how a retainer's included hours were used: used, included, rolled over
and overage, with the flag's sentence naming the overage line."""

from __future__ import annotations

from sqlite_utils import Database

from storage.practice.engagements import Engagement
from tests.storage.billing.test_retainer import FEB, JAN, _line, retainer
from widgets.month import month_flags
from widgets.month.month_model import billing_text

__all__ = ["retainer"]


def test_the_billing_column_says_used_included_rolled_over_and_overage(
    db: Database, retainer: Engagement
) -> None:
    feb = _line(db, FEB)
    assert billing_text(feb) == "Monthly retainer · 16 h of 10 h + 4 h rolled over · 2 h overage"
    assert billing_text(_line(db, JAN)) == "Monthly retainer · 6 h of 10 h"
    assert "2 h overage, billed as its own invoice line" in month_flags.sentences(feb)
