"""The decision log: records, their chain of supersession, the cost of a wrong decision, the
list and the search.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from storage.decisions import decision_chain, decision_changes, decision_cost, decision_list
from storage.decisions.decision_changes import Logged
from storage.decisions.decision_list import DecisionFilter
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
