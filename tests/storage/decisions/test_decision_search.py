"""Full-text search: ranking, accents, Cyrillic and Japanese, hostile input, fresh rows, snippets."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from storage.decisions import decision_chain
from storage.decisions import records as decisions
from storage.decisions.decision_list import DecisionFilter
from storage.decisions.decision_search import (
    MARK_END,
    MARK_START,
    fts_query,
    search,
    search_ids,
    snippets_for,
)
from storage.decisions.records import Decision, DecisionOption
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.sample import SampleOptions, generate

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def engagement_id(db: Database) -> int:
    client = clients.add(db, Client(name="Acme"))
    engagement = engagements.add(
        db, Engagement(client_id=client.id or 0, title="Fractional CTO", start_date=DAY)
    )
    return engagement.id or 0


def _add(db: Database, engagement_id: int, title: str, **fields: object) -> int:
    decision = decisions.with_changes(Decision(engagement_id, title, DAY), **fields)
    return decisions.add(db, decision).id or 0


def _ids(db: Database, text: str, f: DecisionFilter | None = None) -> list[int]:
    return [hit.decision_id for hit in search(db, text, f)]


def test_title_match_ranks_above_a_passing_mention(db: Database, engagement_id: int) -> None:
    mention = _add(db, engagement_id, "Hosting", context="We also looked at a vector store.")
    title = _add(db, engagement_id, "Choose a vector database", context="Embeddings at scale.")
    unrelated = _add(db, engagement_id, "Hire a staff engineer")
    assert _ids(db, "vector") == [title, mention]
    assert unrelated not in _ids(db, "vector")


def test_every_word_must_match_and_prefixes_count(db: Database, engagement_id: int) -> None:
    both = _add(db, engagement_id, "Self-host Qdrant", outcome="Cheaper at our volume")
    _add(db, engagement_id, "Self-host GitLab")
    assert _ids(db, "self qdrant") == [both]
    assert _ids(db, "qdr") == [both]


def test_options_and_consequences_are_searched(db: Database, engagement_id: int) -> None:
    found = _add(
        db,
        engagement_id,
        "Vector store",
        options=(DecisionOption("Pinecone", "managed", "data leaves the EU"),),
        consequences="- Bad: on-call for Kubernetes",
    )
    assert _ids(db, "pinecone") == [found]
    assert _ids(db, "kubernetes") == [found]
    assert "Pinecone" in search(db, "pinecone")[0].plain
    assert '"name"' not in search(db, "pinecone")[0].plain


@pytest.mark.parametrize("query", ["décision", "decision", "DÉCISION", "Decision"])
def test_accents_are_ignored_both_ways(db: Database, engagement_id: int, query: str) -> None:
    accented = _add(db, engagement_id, "Une décision sur l'hébergement")
    plain = _add(db, engagement_id, "A decision about hosting")
    assert sorted(_ids(db, query)) == sorted([accented, plain])


def test_cyrillic_and_japanese(db: Database, engagement_id: int) -> None:
    russian = _add(
        db, engagement_id, "Выбор облачного провайдера", context="Решение до конца квартала"
    )
    japanese = _add(db, engagement_id, "ベクトルデータベースの選択", context="日本語の全文検索")
    assert _ids(db, "решение") == [russian]
    assert _ids(db, "ПРОВАЙДЕРА") == [russian]
    assert _ids(db, "ベクトルデータベースの選択") == [japanese]
    assert _ids(db, "データベース") == [japanese]  # a word inside unspaced Japanese text
    assert _ids(db, "全文検索") == [japanese]
    hit = search(db, "データベース")[0]
    assert f"{MARK_START}データベース{MARK_END}" in hit.snippet


@pytest.mark.parametrize(
    "query",
    [
        '"AND" OR NEAR(',
        '"unbalanced',
        "*",
        "-",
        "-vector",
        "NOT",
        "a AND",
        "col:x",
        "^x",
        "((",
        '"',
    ],
)
def test_fts_syntax_is_plain_text(db: Database, engagement_id: int, query: str) -> None:
    _add(db, engagement_id, "Build AND buy, or near enough", context="col x vector")
    search(db, query)  # never raises


def test_operator_words_are_searched_as_words(db: Database, engagement_id: int) -> None:
    found = _add(db, engagement_id, "Build AND buy, or near enough")
    _add(db, engagement_id, "Something else")
    assert _ids(db, '"AND" OR NEAR(') == [found]
    assert fts_query('"AND" OR NEAR(') == '"""AND"""* "OR"* "NEAR("*'
    assert _ids(db, "* - ((") == []


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_any_text_is_safe(db: Database, engagement_id: int, text: str) -> None:
    if db["decision"].count == 0:
        _add(db, engagement_id, "Build or buy", context='Quotes " and stars * and (brackets)')
    search(db, text)


def test_rows_added_after_the_latest_migration_are_found(db: Database, engagement_id: int) -> None:
    """The FTS triggers survived every migration (table.transform() would drop them)."""
    triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"decision_ai", "decision_au", "decision_ad"} <= triggers
    added = _add(db, engagement_id, "Adopt zanzibar-style permissions")
    assert _ids(db, "zanzibar") == [added]
    stored = decisions.get(db, added)
    decisions.update(db, decisions.with_changes(stored, title="Adopt role-based permissions"))
    assert _ids(db, "zanzibar") == []
    assert _ids(db, "role") == [added]
    decisions.delete(db, added)
    assert _ids(db, "permissions") == []


def test_snippet_highlights_the_matching_words(db: Database, engagement_id: int) -> None:
    _add(db, engagement_id, "Hosting", context="Keep European customers' data in the EU region")
    hit = search(db, "european region")[0]
    assert f"{MARK_START}European{MARK_END}" in hit.snippet
    assert f"{MARK_START}region{MARK_END}" in hit.snippet
    assert "<b>European</b>" in hit.html
    assert hit.marked().count("[") == 2


def test_snippet_html_escapes_the_text(db: Database, engagement_id: int) -> None:
    _add(db, engagement_id, "Use <script> tags & vector search")
    assert "&lt;script&gt;" in search(db, "vector")[0].html


def test_search_respects_filters(db: Database, engagement_id: int) -> None:
    accepted = _add(db, engagement_id, "Vector database", status="accepted")
    _add(db, engagement_id, "Vector cache", status="rejected")
    assert _ids(db, "vector", DecisionFilter(status="accepted")) == [accepted]
    assert _ids(db, "vector", DecisionFilter(engagement_id=engagement_id + 1)) == []


def test_the_words_name_pros_and_cons_match_only_decisions_that_say_them(
    db: Database, engagement_id: int
) -> None:
    """The options are indexed as text, not JSON: its keys are in no decision's words."""
    with_options = _add(
        db, engagement_id, "Vector store", options=(DecisionOption("Pinecone", "managed", "cost"),)
    )
    listed = _add(db, engagement_id, "Pros and cons of a monorepo")
    in_options = _add(
        db,
        engagement_id,
        "Service naming",
        options=(DecisionOption("One name per team", "Pros: clear", "Cons: long names"),),
    )
    assert _ids(db, "pros") == [listed, in_options]
    assert _ids(db, "con") == [listed, in_options]
    assert _ids(db, "name") == [in_options]
    assert _ids(db, "pinecone") == [with_options]
    assert search(db, "name")[0].plain.startswith("One name per team Pros: clear")


def _vector_decisions(db: Database, engagement_id: int) -> None:
    """Six decisions ranked apart by how often they say "vector", every other one accepted."""
    for n in range(6):
        _add(
            db,
            engagement_id,
            f"Vector database {n}",
            context="vector " * n + f"ベクトル検索の選定 {n} vector store",
            status="accepted" if n % 2 else "proposed",
        )
    _add(db, engagement_id, "Hiring plan", context="Staff engineer")


@pytest.mark.parametrize("query", ["vector", "ベクトル"])
def test_snippets_made_later_match_the_ranked_ones(
    db: Database, engagement_id: int, query: str
) -> None:
    _vector_decisions(db, engagement_id)
    ranked = search(db, query)
    bare = search(db, query, with_snippets=False)
    assert [h.decision_id for h in bare] == [h.decision_id for h in ranked]
    assert all(h.snippet == "" for h in bare) or query == "ベクトル"
    later = snippets_for(db, query, [h.decision_id for h in bare[:3]])
    assert later == {h.decision_id: h.snippet for h in ranked[:3]}
    assert all(MARK_START in snippet for snippet in later.values())


@pytest.mark.parametrize("query", ["vector", "ベクトル", "vector ベクトル", "", "AND"])
def test_the_ids_alone_come_in_the_order_of_the_hits(
    db: Database, engagement_id: int, query: str
) -> None:
    """With or without a filter (without one, the index alone answers)."""
    _vector_decisions(db, engagement_id)
    deleted = _add(db, engagement_id, "Vector store to delete")
    decisions.delete(db, deleted)
    for f in (None, DecisionFilter(status="accepted")):
        assert search_ids(db, query, f) == _ids(db, query, f)
    assert deleted not in search_ids(db, "vector")


@pytest.mark.parametrize("separator", ["\n", "\t", "\r\n"])
def test_a_word_after_a_line_break_in_pros_or_cons_is_found(
    db: Database, engagement_id: int, separator: str
) -> None:
    found = _add(
        db,
        engagement_id,
        "Vector store",
        options=(DecisionOption("Qdrant", f"fast{separator}cheap", f"ops{separator}oncall"),),
    )
    assert _ids(db, "cheap") == [found]
    assert _ids(db, "oncall") == [found]
    assert f"{MARK_START}cheap{MARK_END}" in search(db, "cheap")[0].snippet


def _options_text_agrees(db: Database) -> None:
    rows = db.execute("SELECT options, options_text FROM decision").fetchall()
    assert rows
    for stored, text in rows:
        assert text == decisions.options_text(decisions.parse_options(stored))


def test_every_write_keeps_the_searched_text_of_the_options(
    db: Database, engagement_id: int
) -> None:
    """Add, update, supersede, undo of a delete and the sample practice write both forms."""
    first = _add(db, engagement_id, "Queue", options=(DecisionOption("SQS", "managed\nslow"),))
    stored = decisions.get(db, first)
    changed = (DecisionOption(" Kafka ", "fast\nreplay", "ops"), DecisionOption("NATS"))
    decisions.update(db, decisions.with_changes(stored, options=changed))
    assert _ids(db, "replay") == [first]
    assert _ids(db, "slow") == []
    later = decision_chain.supersede(
        db, first, Decision(engagement_id, "Queue again", DAY, options=(DecisionOption("Redis"),))
    )
    _options_text_agrees(db)
    gone = decisions.get(db, later.id or 0)
    history = decisions.status_history(db, gone.id or 0)
    decisions.delete(db, gone.id or 0)
    assert _ids(db, "redis") == []
    decisions.restore(db, gone, history)
    assert _ids(db, "redis") == [gone.id]
    _options_text_agrees(db)
    generate(db, SampleOptions(as_of=DAY))
    _options_text_agrees(db)
