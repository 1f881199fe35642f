"""A decision as read-only HTML: line breaks kept, `- ` lines as bullets, the chain as links.

Links use the `decision:<id>` scheme; the editor turns a click into selecting that decision.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from storage.decisions import (
    CATEGORY_LABELS,
    REVERSIBILITY_LABELS,
    STATUS_LABELS,
    Decision,
    StatusChange,
)

LINK_SCHEME = "decision"


def decision_link(d: Decision, text: str | None = None) -> str:
    label = html.escape(text if text is not None else f"{d.number_label} {d.title}")
    return f'<a href="{LINK_SCHEME}:{d.id}">{label}</a>'


def link_target(url: str) -> int | None:
    """The decision id of a `decision:<id>` link, or None for anything else."""
    scheme, _, rest = url.partition(":")
    return int(rest) if scheme == LINK_SCHEME and rest.isdigit() else None


def text_html(text: str) -> str:
    """Paragraph lines with their breaks; runs of `- ` lines as a bulleted list."""
    parts: list[str] = []
    bullets: list[str] = []
    for line in text.splitlines():
        if line.lstrip().startswith("- "):
            bullets.append(f"<li>{html.escape(line.lstrip()[2:])}</li>")
            continue
        if bullets:
            parts.append("<ul>" + "".join(bullets) + "</ul>")
            bullets = []
        parts.append(html.escape(line) + "<br>")
    if bullets:
        parts.append("<ul>" + "".join(bullets) + "</ul>")
    return "".join(parts)


def chain_html(decision: Decision, chain: Sequence[Decision]) -> str:
    """`D-001 → D-004 (this) → D-007`, every other member a link; '' for a lone decision."""
    if len(chain) < 2:
        return ""
    shown = [
        f"<b>{html.escape(d.number_label)} (this)</b>"
        if d.id == decision.id
        else decision_link(d, d.number_label)
        for d in chain
    ]
    return " → ".join(shown)


def record_html(
    d: Decision, chain: Sequence[Decision], history: Sequence[StatusChange], cost: str
) -> str:
    """The whole record, in the order of an architecture decision record."""
    facts = [
        ("Status", STATUS_LABELS.get(d.status, d.status)),
        ("Date", d.date_label),
        ("Category", CATEGORY_LABELS.get(d.category, d.category)),
        ("Owner", d.owner or "no owner yet"),
        ("Consulted", d.consulted),
        ("Reversibility", REVERSIBILITY_LABELS.get(d.reversibility, d.reversibility)),
        ("Cost if wrong", cost),
        ("Review by", d.review_by.isoformat() if d.review_by else ""),
    ]
    out = [f"<h2>{html.escape(d.number_label)} · {html.escape(d.title)}</h2>"]
    if chain_html(d, chain):
        out.append(f"<p>Chain: {chain_html(d, chain)}</p>")
    out.append("<table>")
    out += [
        f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>" for k, v in facts if v
    ]
    out.append("</table>")
    for heading, body in (("Context", d.context), ("Decision drivers", d.drivers)):
        out += _section(heading, body)
    if d.options:
        out.append("<h3>Options considered</h3>")
        for option in d.options:
            out.append(f"<h4>{html.escape(option.name)}</h4>")
            out += _section("Pros", option.pros, level="p") + _section(
                "Cons", option.cons, level="p"
            )
    for heading, body in (("Decision", d.outcome), ("Consequences", d.consequences)):
        out += _section(heading, body)
    out += _section("Links", d.links)
    if history:
        changes = ", ".join(f"{c.status} {c.changed_on.isoformat()}" for c in history)
        out.append(f"<p><i>Status history: {html.escape(changes)}</i></p>")
    return "".join(out)


def _section(heading: str, body: str, level: str = "h3") -> list[str]:
    if not body.strip():
        return []
    title = f"<{level}><b>{heading}</b></{level}>" if level == "p" else f"<h3>{heading}</h3>"
    return [title, text_html(body)]
