"""Statuses and links as decision records write them: MADR's front matter, adr-tools' Status
section (with its spelling "Superceded"), log4brains' and Home Assistant's "Replaces".

A status outside the log's five is mapped to the nearest one and kept as written beside it.
Links of every kind are found with their words; supersede links, from either side, become the
log's chain, the others stay in the text they were written in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STATUS_WORDS = {
    "proposed": "proposed", "draft": "proposed", "open": "proposed", "pending": "proposed",
    "on hold": "proposed", "in progress": "proposed", "under review": "proposed",
    "accepted": "accepted", "approved": "accepted", "adopted": "accepted", "agreed": "accepted",
    "decided": "accepted", "done": "accepted", "implemented": "accepted",
    "rejected": "rejected", "declined": "rejected", "withdrawn": "rejected",
    "superseded": "superseded", "superceded": "superseded", "replaced": "superseded",
    "deprecated": "deprecated", "reverted": "deprecated", "obsolete": "deprecated",
    "retired": "deprecated",
}  # fmt: skip
_STATUS = re.compile(r"\b(" + "|".join(sorted(_STATUS_WORDS, key=len, reverse=True)) + r")\b", re.I)
# this record supersedes the target / the target supersedes this record
EARLIER = ("supersedes", "supercedes", "replaces")
LATER = ("superseded by", "superceded by", "replaced by")
OTHER = ("amends", "amended by", "clarifies", "clarified by", "reverts", "reverted by",
         "deprecates", "deprecated by", "extends", "extended by", "relates to", "related to",
         "depends on", "see also")  # fmt: skip
_KINDS = "|".join(k.replace(" ", r"\s+") for k in (*LATER, *EARLIER, *OTHER))
_LINK = re.compile(rf"\b({_KINDS})\b\s*:?\s*(.*)$", re.I)
_TARGET = re.compile(r"\]\(([^)\s]+?\.md)(?:#[^)]*)?\)|\b(?:ADR|RFC)[- ]?(\d{1,6})\b", re.I)


@dataclass(frozen=True)
class Link:
    """`words` as written (`Superceded by`), `kind` folded, and the target: a file name in the
    folder, or a number (`ADR-0042`)."""

    words: str
    kind: str
    target_file: str = ""
    target_number: int | None = None

    @property
    def supersedes(self) -> bool:
        return self.kind in EARLIER

    @property
    def superseded_by(self) -> bool:
        return self.kind in LATER


def map_status(text: str) -> str:
    """One of the five for the status as written: its first known word, else proposed."""
    match = _STATUS.search(text)
    return _STATUS_WORDS[" ".join(match[1].casefold().split())] if match else "proposed"


def status_kept(text: str, mapped: str) -> str:
    """The status as written when it says more than the mapped word ('' when it does not)."""
    plain = " ".join(text.split()).strip(" .*_`")
    return "" if plain.casefold() == mapped else text.strip("\n")


def links_in(lines: list[str]) -> list[Link]:
    """Every link sentence in these lines, with its words and target."""
    found = []
    for line in lines:
        for part in re.split(r"[;\n]", line):
            match = _LINK.search(part)
            if not match:
                continue
            target = _TARGET.search(match[2])
            if target is None:
                continue
            kind = " ".join(match[1].casefold().split())
            if target[1]:
                found.append(Link(match[1], kind, target[1].split("/")[-1]))
            else:
                found.append(Link(match[1], kind, target_number=int(target[2])))
    return found
