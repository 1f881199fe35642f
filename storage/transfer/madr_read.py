"""Reading decision records written as Markdown: MADR 2, 3 and 4, adr-tools (Nygard),
log4brains and Backstage files.

Pure parsing, no database: `madr_import` writes what is read. What has a field goes to it;
everything else (the text before the first section, sections such as Confirmation or
Rationale, option descriptions) is kept as written, and the file's layout (its headings' words
and their order) is remembered, so that an export gives back the file's lines.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from storage.decisions.records import DecisionOption
from storage.rules.errors import ValidationError
from storage.transfer import madr_names as n
from storage.transfer.import_values import BadValueError, parse_date
from storage.transfer.madr_links import Link, links_in, map_status, status_kept
from storage.transfer.madr_markdown import Section, list_items, outside_fences, parse, subsections

KNOWN = {
    "context and problem statement": "context", "context": "context",
    "problem statement": "context", "context and problem": "context",
    "decision drivers": "drivers", "drivers": "drivers",
    "considered options": "options", "options": "options", "options considered": "options",
    "decision outcome": "outcome", "decision": "outcome", "outcome": "outcome",
    "consequences": "consequences",
    "pros and cons of the options": "pros", "pros and cons": "pros",
    "more information": "more", "links": "more",
    "status": "status",
}  # fmt: skip
META_KEYS = {"status", "date", "deciders", "decision-makers", "decision makers", "consulted",
             "informed"}  # fmt: skip
APP_KEYS = {"category", "reversibility", "cost-if-wrong-minor", "review-by", "title"}
_META_LINE = re.compile(r"^\s*(?:[*-]\s*)?(Status|Deciders|Decision[- ]Makers|Date|Consulted|"
                        r"Informed)\s*:\s*(.*?)\s*(?:<!--.*-->)?\s*$", re.I)  # fmt: skip
_ISO_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_GOOD_BAD = re.compile(r"^\s*([*+-])\s+(Good|Bad), because\s?(.*)$", re.I)
_WORDS = re.compile(r"\[([^\]]*)\]\([^)]*\)|[^\w\s]", re.U)


@dataclass
class ReadDecision:
    """One file as read."""

    file_number: int | None
    title: str
    decided_on: dt.date | None = None
    status: str = "proposed"
    status_text: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    options: tuple[DecisionOption, ...] = ()
    links: list[Link] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    form: dict[str, Any] = field(default_factory=dict)

    @property
    def supersedes(self) -> str:
        return next((x.target_file for x in self.links if x.supersedes and x.target_file), "")

    @property
    def superseded_by(self) -> str:
        return next((x.target_file for x in self.links if x.superseded_by and x.target_file), "")

    @property
    def date_text(self) -> str:
        return str(self.form.get("date_text", ""))


def read(name: str, text: str, date_order: str = "ymd") -> ReadDecision:
    """The decision in `text` (the file called `name`); ValidationError naming the file."""
    doc = parse(name, text)
    preamble, meta_lines = _preamble(doc.sections[0])
    meta = {**meta_lines, **doc.meta}
    numbered = n.number_in(name)
    found = ReadDecision(numbered[0] if numbered else None, _plain_title(doc.title))
    found.form = {"title_line": doc.title_line, "headings": {}, "order": []}
    if numbered:
        found.form["number_text"] = numbered[1]
    if doc.before_title:
        found.form["before_title"] = doc.before_title
    if preamble.strip():
        _keep(found, preamble.strip("\n"))
    sections = _sections(found, doc.sections[1:])
    _date(found, name, meta.get("date", ""), date_order)
    _status(found, meta.get("status", ""), sections.get("status"))
    found.fields = _fields(meta, sections)
    found.options = _options(found, sections.get("options"), sections.get("pros"))
    _outcome(found, sections.get("outcome"), sections.get("consequences"))
    _more(found, sections.get("more"))
    found.form["meta"] = {k: v for k, v in meta.items() if k not in APP_KEYS | {"status", "date"}}
    return found


def _plain_title(title: str) -> str:
    """adr-tools titles read `1. Record architecture decisions`."""
    return re.sub(r"^\d+\.\s+", "", title).strip()


def _keep(found: ReadDecision, text: str) -> None:
    found.form["order"].append(f"kept:{len(found.kept)}")
    found.kept.append(text)


def _preamble(section: Section) -> tuple[str, dict[str, str]]:
    """MADR 2 and log4brains list status, deciders and date as bullets under the title, and
    adr-tools writes `Date: …`: those are read as front matter; the rest is kept."""
    meta: dict[str, str] = {}
    kept = []
    for line in section.lines:
        match = _META_LINE.match(line)
        if match and match[1].casefold().replace(" ", "-") not in meta:
            key = match[1].casefold().replace(" ", "-")
            meta["decision-makers" if key == "deciders" else key] = match[2]
        else:
            kept.append(line)
    return "\n".join(kept), meta


def _sections(found: ReadDecision, sections: list[Section]) -> dict[str, Section]:
    """Each known section by its key (the first of each); the others kept as written."""
    known: dict[str, Section] = {}
    for section in sections:
        key = KNOWN.get(section.key)
        if key is None or key in known or section.level != 2:
            _keep(found, section.raw())
            continue
        known[key] = section
        found.form["headings"][key] = "\n".join(section.heading_lines)
        found.form["order"].append(key)
    return known


def _date(found: ReadDecision, name: str, value: str, order: str) -> None:
    text = value.strip()
    if not text:
        found.decided_on = n.date_in(name)
        return
    if _ISO_LIKE.match(text):
        try:
            found.decided_on = dt.date.fromisoformat(text[:10])
            return
        except ValueError:
            raise ValidationError(
                "file", f"{name} has a date {text!r} that is not a day of the calendar"
            ) from None
    found.decided_on = None
    if "/" not in text or order in {"dmy", "mdy"}:  # a slashed date needs its order known
        with contextlib.suppress(BadValueError):
            found.decided_on = parse_date(text, order)
    found.form["date_text"] = text  # as written: an export writes it back
    found.form["date_read"] = found.decided_on.isoformat() if found.decided_on else ""


def _status(found: ReadDecision, value: str, section: Section | None) -> None:
    text = section.text() if section is not None else value
    first = text.split("\n\n", 1)[0]
    found.status = map_status(first)
    found.status_text = status_kept(text, found.status)
    lines = [value] if section is None else outside_fences(section.text())
    found.links += links_in(lines)


def _text(section: Section | None) -> str:
    return n.unescape(section.text()) if section is not None else ""


def _fields(meta: dict[str, str], sections: dict[str, Section]) -> dict[str, str]:
    return {
        "owner": meta.get("decision-makers", meta.get("deciders", "")),
        "consulted": meta.get("consulted", ""),
        "category": meta.get("category", ""),
        "reversibility": meta.get("reversibility", ""),
        "cost_if_wrong_minor": meta.get("cost-if-wrong-minor", ""),
        "review_by": meta.get("review-by", ""),
        "context": _text(sections.get("context")),
        "drivers": _text(sections.get("drivers")),
        "outcome": "",
        "consequences": "",
        "links": "",
    }


def _outcome(found: ReadDecision, outcome: Section | None, top: Section | None) -> None:
    """MADR keeps consequences under the outcome (`### Consequences`, or MADR 2's positive and
    negative ones, read together with their headings); adr-tools has `## Consequences`.
    Other subsections (Confirmation) are kept where they were."""
    if top is not None:
        found.fields["consequences"] = _text(top)
    if outcome is None:
        return
    parts = subsections(outcome.lines)
    found.fields["outcome"] = n.unescape("\n".join(parts[0].lines).strip("\n"))
    place = found.form["order"].index("outcome") + 1
    group: list[str] = []
    ended = False
    for part in parts[1:]:
        if top is None and "consequence" in part.key and not ended:
            if not group:
                found.form["headings"]["outcome_consequences"] = "\n".join(part.heading_lines)
                found.form["order"].insert(place, "consequences")
                place += 1
            group.append("\n".join(part.lines).strip("\n") if not group else part.raw())
            continue
        ended = bool(group)
        found.form["order"].insert(place, f"kept:{len(found.kept)}")
        found.kept.append(part.raw())
        place += 1
    if group:
        found.fields["consequences"] = n.unescape("\n\n".join(group).strip("\n"))


def _folded(name: str) -> str:
    return " ".join(_WORDS.sub(lambda m: m[1] or " ", name).casefold().split())


def _options(
    found: ReadDecision, section: Section | None, pros: Section | None
) -> tuple[DecisionOption, ...]:
    names: list[tuple[str, str]] = []
    if section is not None:
        items, outside = list_items(section.lines)
        if items:
            found.form["bullet"] = items[0][0]
        names = [(words, rest) for _marker, words, rest in items if words]
        if any(line.strip() for line in outside):
            found.form["options_text"] = "\n".join(outside).strip("\n")
    said = _pros_and_cons(found, pros, [name for name, _ in names])
    return tuple(
        DecisionOption(name, *said.get(i, ("", "", "")))
        if not about
        else _with_about(DecisionOption(name, *said.get(i, ("", "", ""))), about)
        for i, (name, about) in enumerate(names)
    )


def _with_about(option: DecisionOption, about: str) -> DecisionOption:
    joined = "\n\n".join(part for part in (about, option.description) if part)
    return DecisionOption(option.name, option.pros, option.cons, joined)


def _pros_and_cons(
    found: ReadDecision, section: Section | None, names: list[str]
) -> dict[int, tuple[str, str, str]]:
    """Pros, cons and the rest of the text under each option's heading, by the option's
    place; a heading that names no option (by its words, or by its place) is kept."""
    if section is None:
        return {}
    parts = subsections(section.lines)
    said: dict[int, tuple[str, str, str]] = {}
    folded = [_folded(name) for name in names]
    place = found.form["order"].index("pros") + 1
    if "\n".join(parts[0].lines).strip():
        found.form["pros_text"] = "\n".join(parts[0].lines).strip("\n")
    for index, part in enumerate(parts[1:]):
        which = _match(_folded(part.heading), folded, index, len(parts) - 1)
        if which is None or which in said:
            found.form["order"].insert(place, f"kept:{len(found.kept)}")
            found.kept.append(part.raw())
            place += 1
            continue
        said[which] = _said(part.lines, found.form)
        if _folded(part.heading) != folded[which]:
            found.form["headings"][f"option:{which}"] = "\n".join(part.heading_lines)
    return said


def _match(heading: str, names: list[str], index: int, count: int) -> int | None:
    for i, name in enumerate(names):
        if heading == name:
            return i
    for i, name in enumerate(names):
        if heading and name and (heading.startswith(name) or name.startswith(heading)):
            return i
    return index if count == len(names) and index < len(names) else None


def _said(lines: list[str], form: dict[str, Any]) -> tuple[str, str, str]:
    pros: list[str] = []
    cons: list[str] = []
    rest: list[str] = []
    for line in lines:
        match = _GOOD_BAD.match(line)
        if match:
            form.setdefault("pros_bullet", match[1])
            (pros if match[2].casefold() == "good" else cons).append(match[3])
        else:
            rest.append(line)
    return "\n".join(pros), "\n".join(cons), "\n".join(rest).strip("\n")


def _more(found: ReadDecision, section: Section | None) -> None:
    if section is None:
        return
    text = _text(section)
    found.links += links_in(outside_fences(text))
    found.fields["links"] = _without_made_links(text)


def _without_made_links(text: str) -> str:
    """The text less the supersede lines the export makes from the chain (`Supersedes
    [0001-x](0001-x.md)`): those come back from the chain; any other wording is kept."""
    made = re.compile(rf"^({n.SUPERSEDES}|{n.SUPERSEDED_BY}) \[([^\]]+)\]\(\2\.md\)$")
    kept = [block for block in text.split("\n\n") if not made.match(block.strip())]
    return "\n\n".join(kept).strip("\n")


def form_json(found: ReadDecision) -> str:
    """The layout and the kept text as stored with the decision."""
    return json.dumps({**found.form, "kept": found.kept}, ensure_ascii=False)
