"""Scope creep seen and priced: signals read from the time against the scope, and change
requests that price an ask from the terms and, once accepted, change the engagement.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from storage.scope import change_accept, change_price, change_requests, scope_words, signals
from storage.scope.change_price import Price
from storage.scope.change_requests import STATUS_LABELS, ChangeRequest
from storage.scope.signals import Signal

__all__ = [
    "STATUS_LABELS",
    "ChangeRequest",
    "Price",
    "Signal",
    "change_accept",
    "change_price",
    "change_requests",
    "scope_words",
    "signals",
]
