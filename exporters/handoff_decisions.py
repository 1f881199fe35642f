"""The decision log of the handoff: a summary table in the body, every decision in full in an
appendix, in a compact layout so that the body stays short and each record stays whole."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from exporters import docx_common as common
from exporters import safe_text
from exporters.formatting import long_date, money, short_date
from storage.decisions import (
    CATEGORY_LABELS,
    REVERSIBILITY_LABELS,
    STATUS_LABELS,
    Decision,
    decision_chain,
    number_label,
)

SUMMARY_HEADERS = ("No.", "Decision", "Status", "Date", "Owner", "Review by")
APPENDIX_TITLE = "Appendix: decisions in full"
# What the decision's date means for its status: a proposed decision is not decided yet.
DATE_LABELS = {
    "proposed": "Proposed on",
    "accepted": "Decided on",
    "rejected": "Rejected on",
    "superseded": "Decided on (since superseded)",
    "deprecated": "Decided on (since deprecated)",
}


def date_label(status: str) -> str:
    return DATE_LABELS.get(status, "Dated")


def write(
    document: common.Document, db: Database, decisions: Sequence[Decision], currency: str
) -> None:
    common.heading(document, "Decision log")
    if not decisions:
        common.paragraph(document, "No decisions were recorded during this engagement.")
        return
    common.paragraph(
        document,
        "Every decision taken or proposed during the engagement, with its status and the person "
        "on the client side who owns it. The date is when it was proposed, or decided once "
        f"accepted. The full record of each decision is in the {APPENDIX_TITLE.lower()}.",
    )
    common.table(
        document,
        SUMMARY_HEADERS,
        [_summary_row(d) for d in decisions],
        widths=(1.6, 6.0, 2.4, 2.2, 2.2, 2.0),
    )


def write_appendix(
    document: common.Document, db: Database, decisions: Sequence[Decision], currency: str
) -> None:
    """Every decision in full, after the body: the successor reads the log, then looks one up."""
    if not decisions:
        return
    common.heading(document, APPENDIX_TITLE)  # no page break: a half-empty page adds nothing
    common.paragraph(
        document,
        "A supersede chain is shown where a decision replaced another or was replaced.",
        style="Caption",
    )
    labels = {d.id: number_label(d.number) for d in decisions}
    for decision in decisions:
        _full(document, db, decision, labels, currency)


def _summary_row(d: Decision) -> list[str]:
    return [
        number_label(d.number),
        d.title,
        STATUS_LABELS.get(d.status, d.status),
        "Date unknown" if d.date_unknown else short_date(d.decided_on),
        d.owner or "No owner",
        short_date(d.review_by),
    ]


def cost_words(minor: int | None, currency: str) -> str:
    """The cost of the decision going wrong, or "Not estimated" (a handoff agrees nothing)."""
    return "Not estimated" if minor is None else money(minor, currency)


def _full(
    document: common.Document,
    db: Database,
    d: Decision,
    labels: dict[int | None, str],
    currency: str,
) -> None:
    common.heading(document, f"{number_label(d.number)} {d.title}", level=2)
    pairs = [
        (
            "Status",
            STATUS_LABELS.get(d.status, d.status)
            + (f" (written: {d.status_text})" if d.status_text else ""),
        ),
        (date_label(d.status), "Date unknown" if d.date_unknown else long_date(d.decided_on)),
        ("Category", CATEGORY_LABELS.get(d.category, d.category)),
        ("Owner", d.owner or "No owner named"),
        ("Consulted", d.consulted or "Nobody recorded"),
        ("Reversibility", REVERSIBILITY_LABELS.get(d.reversibility, d.reversibility)),
        ("Cost if wrong", cost_words(d.cost_if_wrong_minor, currency)),
        ("Review by", long_date(d.review_by) if d.review_by else "No review planned"),
    ]
    if d.supersedes_id is not None or d.superseded_by_id is not None:
        pairs.append(("Supersede chain", _chain(db, d, labels)))
    common.key_values_compact(document, pairs)
    _section(document, "Context", d.context)
    if d.drivers.strip():
        _section(document, "Decision drivers", d.drivers)
    _options(document, d)
    _section(document, "Decision", d.outcome)
    _section(document, "Consequences", d.consequences)
    if d.links.strip():
        _section(document, "Links", d.links)


def _chain(db: Database, d: Decision, labels: dict[int | None, str]) -> str:
    """ "D-001 → D-004 (this one) → D-007" (only a decision in a chain has the row)."""
    names = []
    for link in decision_chain.chain(db, d.id or 0):
        label = labels.get(link.id, number_label(link.number))
        names.append(f"{label} (this one)" if link.id == d.id else label)
    return " → ".join(names)


def _section(document: common.Document, title: str, text: str) -> None:
    common.labelled(document, title, _inline(text) or "Not recorded")


def _inline(text: str) -> str:
    """A record's text on as few lines as reads well: paragraphs kept, a list joined by "; "."""
    parts: list[str] = []
    after_bullet = False
    for block in safe_text.blocks(text):
        bullet = block.kind == "bullet"
        line = " ".join(block.lines) if bullet else "\n".join(block.lines)
        if bullet and after_bullet:
            parts[-1] += f"; {line}"
        else:
            parts.append(line)
        after_bullet = bullet
    return "\n".join(parts)


def _options(document: common.Document, d: Decision) -> None:
    if not d.options:
        common.labelled(document, "Options considered", "Not recorded")
        return
    common.labelled(document, "Options considered", "").paragraph_format.keep_with_next = True
    for option in d.options:
        points = [
            f"{label}: {_points(text)}"
            for label, text in (("for", option.pros), ("against", option.cons))
            if _points(text)
        ]
        paragraph = common.paragraph(document, "", style="List Bullet")
        paragraph.add_run(safe_text.one_line(option.name or "Unnamed option")).bold = True
        if points:
            paragraph.add_run(f" ({safe_text.one_line('; '.join(points))})")


def _points(text: str) -> str:
    return "; ".join(" ".join(b.lines) for b in safe_text.blocks(text))
