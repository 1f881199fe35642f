"""An engagement's decision log as Markdown files, one per decision, and an index README.md.

Two styles: MADR 4 (front matter, then the MADR sections), and Nygard, as adr-tools writes and
reads it (the title `# N. Title` on line 1, `Date:`, a `## Status` section). The client keeps
these in their own repository, where ADR tools read them. Every field the app keeps is written,
and a decision imported from a file is written back as that file was laid out (its file name,
its headings' words and order, the text the app has no field for), so importing a folder and
exporting it gives back its lines (`storage.transfer.madr_import`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from exporters.atomic_write import write_bytes
from exporters.errors import ExportError
from storage.decisions import Decision, DecisionFilter, decision_list
from storage.practice import engagements
from storage.transfer import madr_names as n

STYLES = ("madr4", "nygard")
DEFAULT_ORDER = ("status", "context", "drivers", "options", "outcome", "consequences", "pros",
                 "more")  # fmt: skip
HEADINGS = {
    "madr4": {"context": n.CONTEXT, "drivers": n.DRIVERS, "options": n.OPTIONS,
              "outcome": n.OUTCOME, "pros": n.PROS_AND_CONS, "more": n.MORE},
    "nygard": {"status": "Status", "context": "Context", "drivers": n.DRIVERS,
               "options": n.OPTIONS, "outcome": "Decision", "consequences": n.CONSEQUENCES,
               "pros": n.PROS_AND_CONS, "more": n.MORE},
}  # fmt: skip
_REFERENCE = re.compile(r"\b(ADR-?)(\d{1,6})\b", re.I)
Names = dict[int | None, str]


def export_madr(db: Database, engagement_id: int, folder: Path, style: str = "madr4") -> list[Path]:
    """Write every decision of the engagement into `folder`; the files written, index last."""
    if style not in STYLES:
        raise ExportError(f"The style must be one of {', '.join(STYLES)}.")
    engagement = engagements.get(db, engagement_id)
    log = decision_list.list_decisions(db, DecisionFilter(engagement_id=engagement_id))
    log.sort(key=lambda d: d.number)
    names = file_names(log)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"The folder {folder} cannot be made ({exc.strerror or exc}).") from exc
    written = [write_bytes(folder / names[d.id], render(d, names, style).encode()) for d in log]
    index = index_text(engagement.label, log, names)
    return [*written, write_bytes(folder / n.INDEX, index.encode())]


def file_names(log: list[Decision]) -> Names:
    """The file each decision is written to: the one it was imported from, else `NNNN-title`."""
    names: Names = {}
    taken = {n.INDEX.casefold()}
    for d in log:
        name = d.source_file or n.file_name(d.number, d.title)
        if name.casefold() in taken:
            name = n.file_name(d.number, d.title)
        taken.add(name.casefold())
        names[d.id] = name
    return names


def form_of(d: Decision) -> dict[str, Any]:
    """How the file it came from was laid out ({} for a decision made in the app)."""
    try:
        form = json.loads(d.source_form) if d.source_form else {}
    except ValueError:
        return {}
    return form if isinstance(form, dict) else {}


def _unshift(text: str, form: dict[str, Any]) -> str:
    """References moved up by an import of a folder numbered from 0000, moved back."""
    shift = int(form.get("number_shift", 0) or 0)
    if not shift:
        return text
    return _REFERENCE.sub(lambda m: f"{m[1]}{max(int(m[2]) - shift, 0):0{len(m[2])}d}", text)


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted scalar


def _date_text(d: Decision, form: dict[str, Any]) -> str:
    """The date as the file wrote it while it is the date read; else the stored one."""
    written = str(form.get("date_text", ""))
    if written and (d.date_unknown or form.get("date_read") == d.decided_on.isoformat()):
        return written
    return "" if d.date_unknown else d.decided_on.isoformat()


def front_matter(d: Decision, form: dict[str, Any] | None = None) -> list[str]:
    form = form if form is not None else form_of(d)
    meta = dict(form.get("meta", {}))
    status = _unshift(d.status_text, form) if d.status_text else d.status
    date = _date_text(d, form)
    lines = ["---", f"status: {_quoted(status) if d.status_text else status}"]
    lines += [f"date: {_quoted(date) if form.get('date_text') else date}"] if date else []
    lines += [
        f"decision-makers: {_quoted(d.owner)}",
        f"consulted: {_quoted(d.consulted)}",
        f"informed: {_quoted(str(meta.pop('informed', '')))}",
        f"category: {d.category}",
        f"reversibility: {d.reversibility}",
    ]
    if d.cost_if_wrong_minor is not None:
        lines.append(f"cost-if-wrong-minor: {d.cost_if_wrong_minor}")
    if d.review_by is not None:
        lines.append(f"review-by: {d.review_by.isoformat()}")
    skip = {"decision-makers", "deciders", "consulted"}
    lines += [f"{key}: {_quoted(str(v))}" for key, v in meta.items() if key not in skip]
    return [*lines, "---", ""]


def render(d: Decision, names: Names, style: str = "madr4") -> str:
    """One decision as a file in the style."""
    form = form_of(d)
    if style == "nygard":
        number = d.number - int(form.get("number_shift", 0) or 0)
        date = _date_text(d, form)
        lines = [f"# {number}. {d.title}", "", *([f"Date: {date}", ""] if date else [])]
    else:
        lines = [*front_matter(d, form), f"# {d.title}", ""]
    if form.get("before_title"):
        lines += [_unshift(form["before_title"], form), ""]
    for key in _order(d, form, style):
        lines += _part(key, d, form, names, style)
    return "\n".join(lines).rstrip("\n") + "\n"


def _order(d: Decision, form: dict[str, Any], style: str) -> list[str]:
    order = list(form.get("order", []))
    for key in DEFAULT_ORDER:
        if key not in order:
            order.append(key)
    if style == "madr4":
        order = [k for k in order if k != "status" or "status" in form.get("headings", {})]
    return order


def _heading(key: str, form: dict[str, Any], style: str, level: str = "##") -> str:
    written = form.get("headings", {}).get(key)
    if written:
        return str(written)
    return f"{level} {HEADINGS[style].get(key, key)}"


def _block(heading: str, text: str) -> list[str]:
    return [heading, "", *([text, ""] if text else [])]


def _part(key: str, d: Decision, form: dict[str, Any], names: Names, style: str) -> list[str]:
    if key.startswith("kept:"):
        kept = form.get("kept", [])
        index = int(key[5:])
        return [_unshift(kept[index], form), ""] if index < len(kept) else []
    shown = bool(form) or style == "nygard"  # an app-made MADR keeps its usual sections
    texts = {"context": d.context, "drivers": d.drivers, "outcome": d.outcome}
    if key in texts:
        text = n.escape(_unshift(texts[key], form))
        if not text and (shown or key == "drivers") and key not in form.get("headings", {}):
            return []
        return _block(_heading(key, form, style), text)
    if key == "consequences":
        return _consequences(d, form, style)
    if key == "options":
        return _options(d, form, style, shown)
    if key == "pros":
        return _pros_and_cons(d, form)
    if key == "status":
        return _status(d, form, names, style)
    if key == "more":
        links = _unshift(_more(d, names, style), form)
        return _block(_heading("more", form, style), links) if links else []
    return []


def _consequences(d: Decision, form: dict[str, Any], style: str) -> list[str]:
    headings = form.get("headings", {})
    if not d.consequences and "consequences" not in headings:
        return []
    if "consequences" in headings or ("outcome_consequences" not in headings and style == "nygard"):
        heading = _heading("consequences", form, style)
    else:
        heading = headings.get("outcome_consequences") or f"### {n.CONSEQUENCES}"
    return _block(heading, n.escape(_unshift(d.consequences, form)))


def _bullet(form: dict[str, Any], index: int) -> str:
    bullet = str(form.get("bullet", "*"))
    if bullet[:-1].isdigit():
        return f"{index + 1}{bullet[-1]}"
    return bullet


def _options(d: Decision, form: dict[str, Any], style: str, shown: bool) -> list[str]:
    extra = form.get("options_text", "")
    if not d.options and not extra and (shown and "options" not in form.get("headings", {})):
        return []
    items = [f"{_bullet(form, i)} {o.name}" for i, o in enumerate(d.options)]
    body = "\n".join(items) + (f"\n\n{extra}" if extra else "")
    return _block(_heading("options", form, style), body.strip("\n"))


def _pros_and_cons(d: Decision, form: dict[str, Any]) -> list[str]:
    headings = form.get("headings", {})
    said = [o for o in d.options if o.pros or o.cons or o.description]
    if not said and "pros" not in headings:
        return []
    lines = [_heading("pros", form, "madr4"), ""]
    if form.get("pros_text"):
        lines += [form["pros_text"], ""]
    for index, option in enumerate(d.options):
        if not (option.pros or option.cons or option.description):
            continue
        lines += [headings.get(f"option:{index}") or f"### {option.name}", ""]
        if option.description:
            lines += [n.escape(_unshift(option.description, form)), ""]
        bullet = form.get("pros_bullet", "*")
        good = [f"{bullet} {n.GOOD}{line}" for line in option.pros.split("\n") if line]
        bad = [f"{bullet} {n.BAD}{line}" for line in option.cons.split("\n") if line]
        lines += [*good, *bad, ""] if good or bad else []
    return lines


def _chain_lines(d: Decision, names: Names, said: str) -> list[str]:
    """The supersede links from the chain, unless the kept text already names the file."""
    links = []
    for words, other in ((n.SUPERSEDES, d.supersedes_id), (n.SUPERSEDED_BY, d.superseded_by_id)):
        if other in names and names[other] not in said:
            links.append(f"{words} [{names[other][:-3]}]({names[other]})")
    return links


def _status(d: Decision, form: dict[str, Any], names: Names, style: str) -> list[str]:
    said = _unshift(d.status_text, form) if d.status_text else d.status.capitalize()
    links = _chain_lines(d, names, said) if style == "nygard" else []
    return _block(_heading("status", form, style), "\n\n".join([said, *links]))


def _more(d: Decision, names: Names, style: str) -> str:
    said = f"{d.links}\n{d.status_text}" if style == "nygard" else d.links
    links = [] if style == "nygard" else _chain_lines(d, names, said)
    return "\n\n".join([*links, d.links] if d.links else links)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def index_text(label: str, log: list[Decision], names: Names) -> str:
    """The folder's README.md: every decision with its status and date, oldest first."""
    rows = [
        f"| [{d.number_label}]({names[d.id]}) | {_cell(d.title)} | {d.status} | {d.date_label} |"
        for d in sorted(log, key=lambda d: d.number)
    ]
    header = ["| Number | Decision | Status | Date |", "| --- | --- | --- | --- |"]
    return "\n".join([f"# Decision log: {label}", "", *header, *rows]) + "\n"
