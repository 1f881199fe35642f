"""The decision log: records, their chain of supersession, the cost of a wrong decision, the
list and the search.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
    from storage.decisions import decision_chain, decision_changes, decision_cost, decision_list
    from storage.decisions.decision_changes import Logged
    from storage.decisions.decision_list import DecisionFilter, DecisionLine
    from storage.decisions.decision_search import search, search_ids, snippet_html, snippets_for
    from storage.decisions.records import (
        CATEGORY_LABELS,
        FLAG_LABELS,
        MAX_SHORT,
        REVERSIBILITY_LABELS,
        STATUS_LABELS,
        Decision,
        DecisionOption,
        StatusChange,
        add,
        delete,
        flags_of,
        from_values,
        get,
        get_many,
        move,
        number_label,
        read_rows,
        restore,
        status_history,
        update,
        with_changes,
    )
    from storage.file.schema.decisions import CATEGORIES, STATUSES

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "FLAG_LABELS",
    "MAX_SHORT",
    "REVERSIBILITY_LABELS",
    "STATUSES",
    "STATUS_LABELS",
    "Decision",
    "DecisionFilter",
    "DecisionLine",
    "DecisionOption",
    "Logged",
    "StatusChange",
    "add",
    "decision_chain",
    "decision_changes",
    "decision_cost",
    "decision_list",
    "delete",
    "flags_of",
    "from_values",
    "get",
    "get_many",
    "move",
    "number_label",
    "read_rows",
    "restore",
    "search",
    "search_ids",
    "snippet_html",
    "snippets_for",
    "status_history",
    "update",
    "with_changes",
]

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "decision_chain": "storage.decisions.decision_chain",
        "Logged": "storage.decisions.decision_changes:Logged",
        "decision_changes": "storage.decisions.decision_changes",
        "decision_cost": "storage.decisions.decision_cost",
        "DecisionFilter": "storage.decisions.decision_list:DecisionFilter",
        "DecisionLine": "storage.decisions.decision_list:DecisionLine",
        "decision_list": "storage.decisions.decision_list",
        "search": "storage.decisions.decision_search:search",
        "search_ids": "storage.decisions.decision_search:search_ids",
        "snippet_html": "storage.decisions.decision_search:snippet_html",
        "snippets_for": "storage.decisions.decision_search:snippets_for",
        "CATEGORY_LABELS": "storage.decisions.records:CATEGORY_LABELS",
        "Decision": "storage.decisions.records:Decision",
        "DecisionOption": "storage.decisions.records:DecisionOption",
        "FLAG_LABELS": "storage.decisions.records:FLAG_LABELS",
        "MAX_SHORT": "storage.decisions.records:MAX_SHORT",
        "REVERSIBILITY_LABELS": "storage.decisions.records:REVERSIBILITY_LABELS",
        "STATUS_LABELS": "storage.decisions.records:STATUS_LABELS",
        "StatusChange": "storage.decisions.records:StatusChange",
        "add": "storage.decisions.records:add",
        "delete": "storage.decisions.records:delete",
        "flags_of": "storage.decisions.records:flags_of",
        "from_values": "storage.decisions.records:from_values",
        "get": "storage.decisions.records:get",
        "get_many": "storage.decisions.records:get_many",
        "move": "storage.decisions.records:move",
        "number_label": "storage.decisions.records:number_label",
        "read_rows": "storage.decisions.records:read_rows",
        "restore": "storage.decisions.records:restore",
        "status_history": "storage.decisions.records:status_history",
        "update": "storage.decisions.records:update",
        "with_changes": "storage.decisions.records:with_changes",
        "CATEGORIES": "storage.file.schema.decisions:CATEGORIES",
        "STATUSES": "storage.file.schema.decisions:STATUSES",
    },
)
