"""Reading decision records written as Markdown: MADR 2, 3 and 4, and adr-tools (Nygard) files.

Pure parsing, no database: `madr_import` writes what is read. Fields a format has no place for
stay empty; a status no decision log knows (`draft`) is read as proposed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from storage.decisions.records import DecisionOption
from storage.file.schema.decisions import STATUSES
from storage.rules.errors import ValidationError
from storage.transfer import madr_names as n

_SUPERSEDES = re.compile(r"\bSupersedes\b[^\n]*?\]\(([^)\s]+\.md)\)", re.I)
_SUPERSEDED = re.compile(r"\bSuperseded by\b[^\n]*?\]\(([^)\s]+\.md)\)", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[*-]|\d+\.)\s+")
_BULLET_FIELD = re.compile(r"^\s*[*-]\s*(Status|Deciders|Date|Consulted|Informed):\s*(.*)$", re.I)
_DATE_LINE = re.compile(r"^Date:\s*(\S+)", re.I | re.M)


@dataclass
class ReadDecision:
    """One file as read; the links are other files' names in the same folder."""

    file_number: int
    title: str
    decided_on: dt.date | None = None
    status: str = "proposed"
    fields: dict[str, str] = field(default_factory=dict)
    options: tuple[DecisionOption, ...] = ()
    supersedes: str = ""
    superseded_by: str = ""


def read(name: str, text: str) -> ReadDecision:
    """The decision in `text` (the file called `name`); ValidationError naming the file."""
    meta, body = _front_matter(text.replace("\r\n", "\n").lstrip("\ufeff"))
    title, sections, preamble = _sections(body)
    if not title:
        raise ValidationError("file", f"{name} has no title (a line starting with '# ')")
    meta = {**_bullet_fields(preamble), **meta}
    numbered = n.FILE_NAME.match(name)
    found = ReadDecision(int(numbered[1]) if numbered else 0, title)
    found.decided_on = _date(name, meta.get("date") or _dated(preamble))
    found.status = _status(meta.get("status") or sections.get("status", ""))
    found.fields = _fields(meta, sections)
    found.options = _options(sections)
    _read_links(found, text)
    return found


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    meta = {}
    for line in text[4:end].split("\n"):
        key, _, value = line.partition(":")
        if key.strip() and not line.startswith((" ", "\t", "#")):
            meta[key.strip().casefold()] = _scalar(value.strip())
    return meta, text[end + 4 :].lstrip("-").lstrip("\n")


def _scalar(value: str) -> str:
    if value.startswith('"'):
        try:
            return str(json.loads(value))
        except json.JSONDecodeError:
            return value.strip('"')
    if value.startswith("'") and value.endswith("'") and len(value) > 1:
        return value[1:-1].replace("''", "'")
    return value


def _sections(body: str) -> tuple[str, dict[str, str], str]:
    """The title, each `## ` section's text by its folded heading, and the text before them."""
    title, current, preamble = "", "", []
    parts: dict[str, list[str]] = {}
    for line in body.split("\n"):
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        elif line.startswith("## "):
            current = line[3:].strip().casefold()
            parts[current] = []
        elif current:
            parts[current].append(line)
        else:
            preamble.append(line)
    texts = {k: "\n".join(v).strip("\n") for k, v in parts.items()}
    return _nygard_title(title), texts, "\n".join(preamble)


def _nygard_title(title: str) -> str:
    """adr-tools titles read `1. Record architecture decisions`."""
    return re.sub(r"^\d+\.\s+", "", title)


def _bullet_fields(preamble: str) -> dict[str, str]:
    """MADR 2 lists status, deciders and date as bullets under the title."""
    found = {}
    for line in preamble.split("\n"):
        if match := _BULLET_FIELD.match(line):
            key = match[1].casefold()
            found["decision-makers" if key == "deciders" else key] = match[2].strip()
    return found


def _dated(preamble: str) -> str:
    match = _DATE_LINE.search(preamble)
    return match[1] if match else ""


def _date(name: str, value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValidationError(
            "file", f"{name} has a date {value!r} that is not like 2026-04-02"
        ) from None


def _status(value: str) -> str:
    words = value.strip().split()
    first = words[0].casefold().strip(".,:*") if words else ""
    return first if first in STATUSES else "proposed"


def _text(sections: dict[str, str], *names: str) -> str:
    for name in names:
        if name.casefold() in sections:
            return n.unescape(sections[name.casefold()].strip("\n"))
    return ""


def _fields(meta: dict[str, str], sections: dict[str, str]) -> dict[str, str]:
    outcome, consequences = _outcome(sections)
    return {
        "owner": meta.get("decision-makers", meta.get("deciders", "")),
        "consulted": meta.get("consulted", ""),
        "category": meta.get("category", ""),
        "reversibility": meta.get("reversibility", ""),
        "cost_if_wrong_minor": meta.get("cost-if-wrong-minor", ""),
        "review_by": meta.get("review-by", ""),
        "context": _text(sections, n.CONTEXT, "Context"),
        "drivers": _text(sections, n.DRIVERS),
        "outcome": outcome,
        "consequences": consequences,
        "links": _links_text(_text(sections, n.MORE, "Links")),
    }


def _outcome(sections: dict[str, str]) -> tuple[str, str]:
    """MADR keeps consequences under the outcome (`### Consequences`, or MADR 2's positive
    and negative ones); adr-tools has `## Decision` and `## Consequences`."""
    if n.OUTCOME.casefold() not in sections:
        return _text(sections, "Decision"), _text(sections, "Consequences")
    text = sections[n.OUTCOME.casefold()]
    outcome = re.split(r"^### ", text, maxsplit=1, flags=re.M)[0]
    return n.unescape(outcome.strip("\n")), _consequences(text)


def _consequences(text: str) -> str:
    parts = re.split(r"^### (.*)$", text, flags=re.M)
    kept = [
        parts[i + 1].strip("\n")
        for i in range(1, len(parts) - 1, 2)
        if "consequence" in parts[i].casefold()
    ]
    return n.unescape("\n".join(k for k in kept if k))


def _options(sections: dict[str, str]) -> tuple[DecisionOption, ...]:
    names = [
        _LIST_ITEM.sub("", line).strip()
        for line in sections.get(n.OPTIONS.casefold(), "").split("\n")
        if _LIST_ITEM.match(line)
    ]
    pros_cons = _pros_and_cons(sections.get(n.PROS_AND_CONS.casefold(), ""))
    return tuple(DecisionOption(name, *pros_cons.get(name, ("", ""))) for name in names if name)


def _pros_and_cons(text: str) -> dict[str, tuple[str, str]]:
    parts = re.split(r"^### (.*)$", text, flags=re.M)
    found = {}
    for i in range(1, len(parts) - 1, 2):
        lines = [line.lstrip("*- ").rstrip() for line in parts[i + 1].split("\n")]
        pros = [line.removeprefix(n.GOOD) for line in lines if line.startswith(n.GOOD)]
        cons = [line.removeprefix(n.BAD) for line in lines if line.startswith(n.BAD)]
        found[parts[i].strip()] = ("\n".join(pros), "\n".join(cons))
    return found


def _links_text(text: str) -> str:
    kept = [
        block
        for block in text.split("\n\n")
        if not re.match(rf"^\s*[*-]?\s*({n.SUPERSEDES}|{n.SUPERSEDED_BY})\b", block, re.I)
    ]
    return "\n\n".join(kept).strip("\n")


def _read_links(found: ReadDecision, text: str) -> None:
    if match := _SUPERSEDED.search(text):
        found.superseded_by = match[1].split("/")[-1]
    if match := _SUPERSEDES.search(text):
        found.supersedes = match[1].split("/")[-1]
