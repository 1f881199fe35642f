"""What the successor needs most, in the handoff: the access inventory to transfer, the risks,
and the recommendations with the roadmap for their first 90 days. Each table's rows never split
across pages, and each table keeps with its heading."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exporters import docx_common as common
from storage.exit_plan import LEVEL_LABELS, access_items, recommendations, risks

if TYPE_CHECKING:
    from sqlite_utils import Database

RISK_HEADERS = ("Risk", "Likelihood", "Impact", "Mitigation", "Owner")
ACCESS_HEADERS = ("System", "Access", "Holder", "Transferred to", "Done")
ROADMAP_HEADERS = ("When", "Recommendation")
ROADMAP_TITLE = "Roadmap for the first 90 days"
NO_OWNER = "No owner"


def _lead(document: common.Document, text: str) -> Any:
    """A sentence between a heading and its table, kept on the table's page."""
    found = common.paragraph(document, text)
    found.paragraph_format.keep_with_next = True
    return found


def write_access(document: common.Document, db: Database, engagement_id: int) -> None:
    common.heading(document, "Access inventory")
    items = access_items.list_for(db, engagement_id)
    if not items:
        common.paragraph(document, "No systems or accounts were recorded to transfer.")
        return
    _lead(
        document,
        "Systems and accounts to transfer, by name only: no password or key is written here. "
        f"{access_items.transferred(items)} of {len(items)} transferred.",
    )
    rows = [
        [a.system, a.access, a.holder, a.transferred_to or "Not named yet",
         "Yes" if a.done else "No"]
        for a in items
    ]  # fmt: skip
    common.table(document, ACCESS_HEADERS, rows, widths=(4.2, 4.4, 2.8, 3.2, 1.8))


def write_risks(document: common.Document, db: Database, engagement_id: int) -> None:
    common.heading(document, "Risks")
    found = risks.list_for(db, engagement_id)
    if not found:
        common.paragraph(document, "No risks were recorded.")
        return
    _lead(document, "What could go wrong after the handoff, and who on the team watches it.")
    rows = [
        [r.risk, LEVEL_LABELS[r.likelihood], LEVEL_LABELS[r.impact], r.mitigation,
         r.owner or NO_OWNER]
        for r in found
    ]  # fmt: skip
    common.table(document, RISK_HEADERS, rows, widths=(3.9, 2.7, 2.1, 5.1, 2.6))


def write_recommendations(document: common.Document, db: Database, engagement_id: int) -> None:
    """All the recommendations: those with a horizon as the roadmap, then the rest."""
    common.heading(document, "Recommendations")
    items = recommendations.list_for(db, engagement_id)
    if not items:
        common.paragraph(document, "No recommendations were recorded.")
        return
    common.paragraph(
        document,
        "What the team should do next. Those with a horizon make the successor's roadmap for "
        "their first 90 days; the rest are for later.",
    )
    common.heading(document, ROADMAP_TITLE, level=2)
    stretches = recommendations.roadmap(items)
    if stretches:
        rows = [[label, r.text] for label, found in stretches for r in found]
        common.table(document, ROADMAP_HEADERS, rows, widths=(2.8, 13.6))
    else:
        common.paragraph(document, "No recommendation has a horizon yet.")
    later = recommendations.later(items)
    if later:
        common.heading(document, "Later", level=2)
        common.bullets(document, [r.text for r in later])
