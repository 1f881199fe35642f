"""What a scope-of-work version keeps of its terms, and what changed since the previous one.

The snapshot holds the terms as the document printed them, so the change list reads in the
document's own words: "Notice period: 30 days → 4 weeks", "Deliverable added: Hiring plan".
"""

from __future__ import annotations

from typing import Any

from exporters import sow_terms
from exporters.formatting import TO_BE_AGREED, long_date
from exporters.sow_terms import SowData

FORMAT = 1
CHANGE_REQUEST = "change_request"  # the accepted change request a version records, in words
SHORT = 80  # characters: a longer value (a clause, an address) is said to have changed


def take(data: SowData) -> dict[str, Any]:
    """The JSON snapshot a version keeps: terms, fee basis, deliverables, phases, the client."""
    return {
        "format": FORMAT,
        "terms": sow_terms.terms(data),
        "client": sow_terms.client_details(data.client),
        "deliverables": [
            {
                "title": d.title,
                "acceptance": d.acceptance.strip(),
                "due": long_date(d.due_on) if d.due_on else TO_BE_AGREED,
            }
            for d in data.deliverables
        ],
        "phases": [
            {
                "name": p.name,
                "dates": f"{long_date(p.starts_on)} to {long_date(p.ends_on)}",
                "goals": p.goals.strip(),
            }
            for p in data.phases
        ],
        "instalments": [
            {"label": label, "due": due, "amount": amount}
            for label, due, amount in sow_terms.payment_schedule(data)
        ],
    }


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What changed from `before` to `after`, one plain sentence each, in document order."""
    found: list[str] = []
    if after.get(CHANGE_REQUEST):
        found.append(f"Agreed in {after[CHANGE_REQUEST]}")
    for part in ("terms", "client"):
        found += _values(_mapping(before, part), _mapping(after, part))
    found += _records(before, after, "deliverables", "Deliverable", "title", ("due", "acceptance"))
    found += _records(before, after, "phases", "Phase", "name", ("dates", "goals"))
    found += _records(before, after, "instalments", "Instalment", "label", ("due", "amount"))
    return found


def _mapping(snapshot: dict[str, Any], part: str) -> dict[str, str]:
    found = snapshot.get(part)
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def _values(before: dict[str, str], after: dict[str, str]) -> list[str]:
    said = []
    for label, new in after.items():
        old = before.get(label)
        if old is not None and old != new:
            said.append(_changed(label, old, new))
    return said


def _changed(label: str, old: str, new: str) -> str:
    if max(len(old), len(new)) > SHORT or "\n" in old + new:
        return f"{label}: reworded"
    return f"{label}: {old} → {new}"


def _list(snapshot: dict[str, Any], part: str, key: str) -> dict[str, dict[str, str]]:
    """Records by their name (the first of two with the same name is compared)."""
    found = snapshot.get(part)
    result: dict[str, dict[str, str]] = {}
    for item in found if isinstance(found, list) else []:
        if isinstance(item, dict) and item.get(key):
            result.setdefault(str(item[key]), {str(k): str(v) for k, v in item.items()})
    return result


def _records(
    before: dict[str, Any],
    after: dict[str, Any],
    part: str,
    noun: str,
    key: str,
    fields: tuple[str, ...],
) -> list[str]:
    old, new = _list(before, part, key), _list(after, part, key)
    said = [f"{noun} removed: {name}" for name in old if name not in new]
    for name, item in new.items():
        if name not in old:
            said.append(f"{noun} added: {name}")
            continue
        for field in fields:
            if old[name].get(field, "") != item.get(field, ""):
                said.append(_field_change(noun, name, field, old[name].get(field, ""), item))
    return said


FIELD_WORDS = {
    "due": "due",
    "acceptance": "acceptance criterion",
    "dates": "dates",
    "goals": "goals",
    "amount": "amount",
}


def _field_change(noun: str, name: str, field: str, old: str, item: dict[str, str]) -> str:
    words = FIELD_WORDS[field]
    new = item.get(field, "")
    if field in ("acceptance", "goals"):
        return (
            f"{noun} “{name}”: {words} {'reworded' if old and new else 'set' if new else 'removed'}"
        )
    return f"{noun} “{name}”: {words} {old} → {new}"
