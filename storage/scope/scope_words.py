"""Simple word matching between a time entry's note and the engagement's "out of scope" list.

A match is only a suggestion shown beside the entry: the consultant confirms it by marking the
entry out of scope. An item is matched by its significant words (four letters or more, not a
common word): two of them found in a note, or its one word when it has only one. Words are
compared by their first five letters, so "interviews" meets "interview" and "migrations"
meets "migration".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from types import MappingProxyType

from storage.rules.record import Record

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_LETTERS = 4
STEM = 5
COMMON = frozenset(
    ["about", "also", "and", "any", "are", "being", "but", "can", "could", "does", "done", "each", "else", "even", "every", "for", "from", "have", "into", "just", "like", "more", "most", "much", "must", "need", "only", "other", "over", "same", "should", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "through", "under", "very", "want", "were", "what", "when", "where", "which", "while", "with", "without", "would", "your", "team", "work", "member", "role", "the", "consultant", "client", "engagement", "will", "help", "one"]
)  # fmt: skip


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class Match(Record):
    """An out-of-scope item a note seems to fall under, with the words they share."""

    item: str
    words: tuple[str, ...]


def items(out_of_scope: str) -> list[str]:
    """The listed items: one a line, without their bullet; blank lines left out."""
    found = (line.strip().lstrip("-*•").strip() for line in out_of_scope.splitlines())
    return [line for line in found if line]


# A week's signals match every note against the same list and the same deliverable titles, and
# notes repeat ("Weekly 1:1s"): each text is read into its stems once per process.
@functools.lru_cache(maxsize=4096)
def _stems(text: str) -> MappingProxyType[str, str]:
    """Each significant word's stem, with the word as written (its first occurrence)."""
    found: dict[str, str] = {}
    for word in _WORD.findall(text):
        folded = word.casefold()
        if len(folded) >= MIN_LETTERS and folded not in COMMON:
            found.setdefault(folded[:STEM], word)
    return MappingProxyType(found)


@functools.lru_cache(maxsize=256)
def _item_stems(out_of_scope: str) -> tuple[tuple[str, MappingProxyType[str, str]], ...]:
    return tuple((item, _stems(item)) for item in items(out_of_scope))


def matches(note: str, out_of_scope: str) -> list[Match]:
    """The out-of-scope items `note` falls under, in list order."""
    said = _stems(note)
    if not said:
        return []
    found = []
    for item, wanted in _item_stems(out_of_scope):
        shared = [said[stem] for stem in wanted if stem in said]
        if len(shared) >= min(2, len(wanted)) and shared:
            found.append(Match(item, tuple(shared)))
    return found
