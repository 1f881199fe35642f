"""Scope creep seen and priced: signals read from the time against the scope, and change
requests that price an ask from the terms and, once accepted, change the engagement.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
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

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "change_accept": "storage.scope.change_accept",
        "Price": "storage.scope.change_price:Price",
        "change_price": "storage.scope.change_price",
        "ChangeRequest": "storage.scope.change_requests:ChangeRequest",
        "STATUS_LABELS": "storage.scope.change_requests:STATUS_LABELS",
        "change_requests": "storage.scope.change_requests",
        "scope_words": "storage.scope.scope_words",
        "Signal": "storage.scope.signals:Signal",
        "signals": "storage.scope.signals",
    },
)
