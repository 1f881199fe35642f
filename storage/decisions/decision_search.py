"""Full-text search over the decision log (FTS5, bm25 ranking, highlighted snippets).

Whatever a person types is made safe: each word is quoted (so `AND`, `NEAR(`, `-` and quotes are
plain words) and matched as a prefix, so results appear while typing. Accents are ignored by the
index's tokenizer. Chinese and Japanese have no spaces between words, so a word in those scripts
is matched as a substring of the text instead.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.decisions.decision_list import DecisionFilter, where_clause
from storage.file.schema.decision_options import FTS_COLUMNS

if TYPE_CHECKING:
    from sqlite_utils import Database

MARK_START, MARK_END = "\x02", "\x03"  # around each matching word in a snippet
SNIPPET_TOKENS = 14
SEARCHED = FTS_COLUMNS  # the index's columns in its order (options as plain text, not JSON)
WEIGHTS = (10.0, 1.0, 2.0, 3.0, 1.0)  # title, context, options, outcome, consequences
_UNUSABLE = ("Cc", "Cs", "Co", "Cn")  # control, surrogate, private use, unassigned
_UNSPACED = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR")


@dataclass(frozen=True)
class SearchHit:
    decision_id: int
    snippet: str  # matching words between MARK_START and MARK_END
    score: float  # bm25: lower is better

    @property
    def plain(self) -> str:
        return self.snippet.replace(MARK_START, "").replace(MARK_END, "")

    @property
    def html(self) -> str:
        """The snippet as HTML, the matching words in bold."""
        return snippet_html(self.snippet)

    def marked(self, start: str = "[", end: str = "]") -> str:
        return self.snippet.replace(MARK_START, start).replace(MARK_END, end)


def snippet_html(snippet: str) -> str:
    """A snippet as HTML, the matching words in bold."""
    return html.escape(snippet).replace(MARK_START, "<b>").replace(MARK_END, "</b>")


def _is_unspaced(text: str) -> bool:
    """Writing without spaces between words (Chinese, Japanese, Thai…)."""
    return any(unicodedata.name(ch, "").startswith(_UNSPACED) for ch in text)


def _words(text: str) -> list[str]:
    """The user's words; control characters, broken ones and pieces without letters are dropped."""
    kept = "".join(ch if unicodedata.category(ch) not in _UNUSABLE else " " for ch in str(text))
    return [w for w in kept.split() if any(ch.isalnum() for ch in w)]


def fts_query(text: str) -> str:
    """A safe FTS5 expression: every word quoted, matched as a prefix, all required."""
    words = [w for w in _words(text) if not _is_unspaced(w)]
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def substring_words(text: str) -> list[str]:
    return [w for w in _words(text) if _is_unspaced(w)]


def search(
    db: Database,
    text: str,
    f: DecisionFilter | None = None,
    on: dt.date | None = None,
    *,
    with_snippets: bool = True,
) -> list[SearchHit]:
    """Matching decisions, best first, each with a snippet; no words: no results.

    Without snippets the ranking alone is fast on any log; `snippets_for` then makes the
    snippets of just the hits being shown.
    """
    where, params, query, unspaced = _prepared(text, f, on)
    if query:
        snippet = (
            f"snippet(decision_fts, -1, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_TOKENS})"
            if with_snippets
            else "''"
        )
        found = db.execute(_ranked_sql(snippet, where), params)
        return [SearchHit(int(i), _tidy(s) if s else "", float(score)) for i, score, s in found]
    if unspaced:
        return _substring_only(db, unspaced, where, params)
    return []


def search_ids(
    db: Database, text: str, f: DecisionFilter | None = None, on: dt.date | None = None
) -> list[int]:
    """The ids of `search`'s hits in the same order: all a list needs, without a record made
    for each of a thousand hits."""
    where, params, query, unspaced = _prepared(text, f, on)
    if query:
        return [int(r[0]) for r in db.execute(_ranked_sql("", where), params)]
    if unspaced:
        return [hit.decision_id for hit in _substring_only(db, unspaced, where, params)]
    return []


def _prepared(
    text: str, f: DecisionFilter | None, on: dt.date | None
) -> tuple[str, dict[str, Any], str, list[str]]:
    """The filter's SQL and parameters, the FTS5 expression and the unspaced words."""
    where, params = where_clause(f or DecisionFilter(), on)
    query, unspaced = fts_query(text), substring_words(text)
    for index, word in enumerate(unspaced):
        params[f"w{index}"] = word
        where += f" AND instr({_all_text()}, :w{index}) > 0"
    params["query"] = query
    return where, params, query, unspaced


_BM25 = f"bm25(decision_fts, {', '.join(str(w) for w in WEIGHTS)})"


def _ranked_sql(columns: str, where: str) -> str:
    """Id and score (then `columns`) of the matches, best first. Without a filter the index
    alone answers: joining every hit to its decision row costs more than the ranking."""
    extra = f", {columns}" if columns else ""
    if where == "1":
        return f"""
            SELECT rowid, {_BM25} AS score{extra} FROM decision_fts
            WHERE decision_fts MATCH :query ORDER BY score, rowid
        """
    return f"""
        SELECT d.id, {_BM25} AS score{extra}
        FROM decision_fts JOIN decision d ON d.id = decision_fts.rowid
        WHERE decision_fts MATCH :query AND {where}
        ORDER BY score, d.id
    """


def snippets_for(db: Database, text: str, ids: Sequence[int]) -> dict[int, str]:
    """The snippets of these decisions for this search (ids that do not match are left out)."""
    query, unspaced = fts_query(text), substring_words(text)
    if not ids or not (query or unspaced):
        return {}
    if not query:
        columns = ", ".join(c for c in SEARCHED)
        rows = db.execute(
            f"SELECT id, {columns} FROM decision WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(ids))],
        )
        return {int(r[0]): _substring_snippet(r[1:], unspaced) for r in rows}
    rows = db.execute(
        f"""
        SELECT rowid, snippet(decision_fts, -1, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_TOKENS})
        FROM decision_fts
        WHERE decision_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))
        """,
        [query, json.dumps(list(ids))],
    )
    return {int(i): _tidy(snippet) for i, snippet in rows}


def _all_text() -> str:
    return " || char(10) || ".join(f"d.{c}" for c in SEARCHED)


def _substring_only(
    db: Database, words: list[str], where: str, params: dict[str, Any]
) -> list[SearchHit]:
    columns = ", ".join(f"d.{c}" for c in SEARCHED)
    sql = f"SELECT d.id, {columns} FROM decision d WHERE {where} ORDER BY d.decided_on DESC, d.id"
    hits = []
    for row in db.execute(sql, params):
        in_title = all(w in row[1] for w in words)
        snippet = _substring_snippet(row[1:], words)
        hits.append(SearchHit(int(row[0]), snippet, -1.0 if in_title else 0.0))
    return sorted(hits, key=_score)


def _score(hit: SearchHit) -> float:
    return hit.score


def _substring_snippet(texts: tuple[str, ...], words: list[str], width: int = 30) -> str:
    for text in texts:
        at = text.find(words[0])
        if at < 0:
            continue
        start, end = max(at - width, 0), min(at + len(words[0]) + width, len(text))
        piece = text[start:end]
        for word in words:
            piece = piece.replace(word, f"{MARK_START}{word}{MARK_END}")
        return _tidy(("…" if start else "") + piece + ("…" if end < len(text) else ""))
    return ""


def _tidy(snippet: str) -> str:
    """One line: the text's line breaks and runs of spaces become single spaces."""
    return " ".join(snippet.split())
