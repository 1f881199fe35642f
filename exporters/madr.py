"""An engagement's decision log as MADR 4 files, one per decision, and an index README.md.

The client keeps these in their own repository, where ADR tools read them. Every field the
app keeps is written (the ones MADR has no place for in the front matter), so importing the
folder back gives the same decisions (`storage.transfer.madr_import`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from exporters.atomic_write import write_bytes
from exporters.errors import ExportError
from storage.decisions import Decision, DecisionFilter, decision_list
from storage.practice import engagements
from storage.transfer import madr_names as n

if TYPE_CHECKING:
    from sqlite_utils import Database


def export_madr(db: Database, engagement_id: int, folder: Path) -> list[Path]:
    """Write every decision of the engagement into `folder`; the files written, index last."""
    engagement = engagements.get(db, engagement_id)
    log = decision_list.list_decisions(db, DecisionFilter(engagement_id=engagement_id))
    log.sort(key=lambda d: d.number)
    names = {d.id: n.file_name(d.number, d.title) for d in log}
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"The folder {folder} cannot be made ({exc.strerror or exc}).") from exc
    written = [write_bytes(folder / names[d.id], render(d, names).encode()) for d in log]
    index = index_text(engagement.label, log, names)
    return [*written, write_bytes(folder / n.INDEX, index.encode())]


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted scalar


def front_matter(d: Decision) -> list[str]:
    lines = [
        "---",
        f"status: {d.status}",
        f"date: {d.decided_on.isoformat()}",
        f"decision-makers: {_quoted(d.owner)}",
        f"consulted: {_quoted(d.consulted)}",
        'informed: ""',
        f"category: {d.category}",
        f"reversibility: {d.reversibility}",
    ]
    if d.cost_if_wrong_minor is not None:
        lines.append(f"cost-if-wrong-minor: {d.cost_if_wrong_minor}")
    if d.review_by is not None:
        lines.append(f"review-by: {d.review_by.isoformat()}")
    return [*lines, "---", ""]


def render(d: Decision, names: dict[int | None, str]) -> str:
    """One decision as a MADR 4 file."""
    lines = [*front_matter(d), f"# {d.title}", ""]
    lines += _section(n.CONTEXT, d.context, always=True)
    lines += _section(n.DRIVERS, d.drivers)
    lines += _section(n.OPTIONS, "\n".join(f"* {o.name}" for o in d.options), always=True)
    lines += _section(n.OUTCOME, d.outcome, always=True)
    lines += _section(n.CONSEQUENCES, d.consequences, level="###")
    lines += _pros_and_cons(d)
    lines += _section(n.MORE, _more(d, names))
    return "\n".join(lines).rstrip("\n") + "\n"


def _section(title: str, text: str, *, always: bool = False, level: str = "##") -> list[str]:
    if not text and not always:
        return []
    return [f"{level} {title}", "", *([n.escape(text), ""] if text else [])]


def _pros_and_cons(d: Decision) -> list[str]:
    if not any(o.pros or o.cons for o in d.options):
        return []
    lines = [f"## {n.PROS_AND_CONS}", ""]
    for option in d.options:
        lines += [f"### {option.name}", ""]
        said = [f"* {n.GOOD}{line}" for line in option.pros.split("\n") if line]
        said += [f"* {n.BAD}{line}" for line in option.cons.split("\n") if line]
        lines += [*said, ""] if said else []
    return lines


def _more(d: Decision, names: dict[int | None, str]) -> str:
    links = []
    if d.supersedes_id in names:
        links.append(f"{n.SUPERSEDES} [{names[d.supersedes_id][:-3]}]({names[d.supersedes_id]})")
    if d.superseded_by_id in names:
        later = names[d.superseded_by_id]
        links.append(f"{n.SUPERSEDED_BY} [{later[:-3]}]({later})")
    return "\n\n".join([*links, d.links] if d.links else links)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def index_text(label: str, log: list[Decision], names: dict[int | None, str]) -> str:
    """The folder's README.md: every decision with its status and date, oldest first."""
    rows = [
        f"| [{d.number_label}]({names[d.id]}) | {_cell(d.title)} | {d.status} "
        f"| {d.decided_on.isoformat()} |"
        for d in sorted(log, key=lambda d: d.number)
    ]
    header = ["| Number | Decision | Status | Date |", "| --- | --- | --- | --- |"]
    return "\n".join([f"# Decision log: {label}", "", *header, *rows]) + "\n"
