"""Sample decisions: the calls a fractional CTO makes, in every status and category.

About three a month of each engagement (≈37 for a typical one), with supersede chains, missing
owners, overdue reviews and stale proposals. Thousands of rows are written in one transaction with
executemany, each row passing `decisions.validate` first, so a ten-year practice takes a second.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage.clock import now_iso
from storage.decisions import Decision, DecisionOption, validate
from storage.engagements import Engagement

PER_MONTH = 3.1
Opt = DecisionOption


@dataclass(frozen=True)
class Template:
    title: str
    category: str
    context: str
    options: tuple[DecisionOption, ...]
    outcome: str
    consequences: str
    reversibility: str = "two_way"
    successor: int | None = None  # index of the template that later supersedes this one


DRIVERS = (
    "- Time to a first customer-facing release\n- Cost at ten times today's volume\n"
    "- What the current team can run without the consultant"
)
T = Template
TEMPLATES: list[Template] = [
    T("Buy a feature-flag service instead of building one", "build_vs_buy",
      "Releases are blocked behind long-lived branches; the team wants gradual rollouts.",
      (Opt("Build in-house", "- Full control\n- No vendor bill", "- Weeks of work\n- Nobody owns it"),
       Opt("LaunchDarkly", "- Mature SDKs", "- Price per seat grows fast"),
       Opt("Unleash (self-hosted)", "- Open source", "- Another service to run")),
      "Buy: the team's time is better spent on the product.",
      "- Good: rollouts this month\n- Bad: a new vendor to review every year"),
    T("Retrieval (RAG) over fine-tuning for the support assistant", "model_provider",
      "Answers must cite the knowledge base, which changes daily.",
      (Opt("RAG over the help centre", "- Fresh content\n- Citations", "- Retrieval quality to tune"),
       Opt("Fine-tune a model", "- Tone and format", "- Retrain on every change\n- No citations")),
      "RAG: the content changes too often for fine-tuning.",
      "- Good: answers show their sources\n- Bad: we must evaluate retrieval", successor=2),
    T("Fine-tune a small model for ticket triage, keep RAG for answers", "model_provider",
      "Six months of RAG in production: triage is slow and costly with a large model.",
      (Opt("Keep one large model", "- Simple", "- Cost per ticket"),
       Opt("Fine-tuned small model for triage", "- 10x cheaper\n- Faster", "- A training pipeline")),
      "Split the work: a fine-tuned small model triages, RAG still answers.",
      "- Good: triage cost down\n- Bad: two systems to evaluate"),
    T("Self-host the vector database or use a SaaS", "architecture",
      "Embeddings for 40M documents; the platform team is two people.",
      (Opt("Pinecone (SaaS)", "- No operations", "- Data leaves our cloud\n- Price at scale"),
       Opt("Qdrant self-hosted", "- Cost\n- Data stays with us", "- On-call for a new system"),
       Opt("pgvector in the existing Postgres", "- Nothing new to run", "- Recall at this size?")),
      "Qdrant self-hosted, with a review once volumes are known.",
      "- Good: data stays in the EU account\n- Bad: one more system on call",
      "one_way", successor=4),
    T("Move vectors into pgvector and retire Qdrant", "architecture",
      "Volumes stayed at 3M documents; Qdrant costs on-call time for little gain.",
      (Opt("Stay on Qdrant", "- Works today", "- On-call load"),
       Opt("pgvector", "- One database\n- Backups already solved", "- Migration work")),
      "pgvector: simpler operations at today's scale.",
      "- Good: one database fewer\n- Bad: revisit if volumes grow tenfold"),
    T("Keep European customers' data in the EU (data residency)", "data_privacy",
      "Three enterprise prospects in Germany and France ask where data is stored and processed. "
      "Données clients hébergées et traitées dans l'UE.",
      (Opt("EU region for everyone", "- One setup", "- Latency for US users"),
       Opt("Per-customer region", "- Flexible", "- Two stacks to run"),
       Opt("Do nothing yet", "- No cost now", "- Lost deals")),
      "An EU region for EU customers; model calls through an EU endpoint.",
      "- Good: the sales blocker is gone\n- Bad: two regions to deploy", "one_way"),
    T("Which model provider for the assistant", "model_provider",
      "We need a hosted LLM with an EU endpoint, a data-processing agreement and good tool use.",
      (Opt("OpenAI via Azure EU", "- Quality\n- EU endpoint", "- Quotas"),
       Opt("Anthropic", "- Long context\n- Quality", "- Fewer regions"),
       Opt("Mistral", "- European company", "- Smaller ecosystem")),
      "Start with one provider behind a thin interface; evaluate a second quarterly.",
      "- Good: no lock-in in the code\n- Bad: evaluation work every quarter", successor=7),
    T("Route requests across two model providers", "model_provider",
      "An outage of the single provider stopped the assistant for four hours.",
      (Opt("Stay with one provider", "- Simple", "- Outages"),
       Opt("Fallback provider", "- Resilience", "- Two prompt sets to test")),
      "Fallback to a second provider behind the same interface.",
      "- Good: no single point of failure\n- Bad: evaluation suite must cover both"),
    T("Hire a staff engineer before a second team lead", "hiring_team",
      "The platform has no senior owner; two teams wait on the same three people.",
      (Opt("Staff engineer", "- Technical depth\n- Owns the platform", "- Hard to hire"),
       Opt("Second team lead", "- Management capacity", "- Does not fix the platform"),
       Opt("Contractors", "- Fast", "- Knowledge leaves")),
      "Hire a staff engineer; the consultant writes the job description and the rubric.",
      "- Good: a technical owner after the exit\n- Bad: 3-4 months to hire", "one_way"),
    T("Interview loop for senior engineers", "hiring_team",
      "Offers were declined after a six-round process.",
      (Opt("Take-home plus three interviews", "- Signal", "- Candidate time"),
       Opt("Pairing session plus two interviews", "- Realistic", "- Interviewer training")),
      "Pairing session, system design and a values interview, done within one week.",
      "- Good: faster offers\n- Bad: interviewers need training"),
    T("Postgres as the system of record, not MongoDB", "architecture",
      "The data is relational (accounts, invoices, permissions) and reports need joins.",
      (Opt("Postgres", "- Joins\n- Team knows it", "- Schema migrations"),
       Opt("MongoDB", "- Flexible documents", "- Reporting is hard")),
      "Postgres, with JSONB for the few flexible parts.",
      "- Good: reporting in SQL\n- Bad: migrations need discipline", "one_way"),
    T("A modular monolith before microservices", "architecture",
      "Eight engineers, one product, deployments take an hour.",
      (Opt("Split into services now", "- Independent deploys", "- Operations cost"),
       Opt("Modular monolith", "- One deploy\n- Clear module boundaries", "- Discipline needed")),
      "Modular monolith with enforced module boundaries.",
      "- Good: fast to change\n- Bad: revisit at three teams"),
    T("Evaluate answer quality with a fixed test set before each release", "process",
      "Prompt changes broke answers twice in production without anyone noticing.",
      (Opt("Manual spot checks", "- Cheap", "- Misses regressions"),
       Opt("Fixed evaluation set in CI", "- Catches regressions", "- Needs curation")),
      "200 curated questions scored in CI; a drop of 3 points blocks the release.",
      "- Good: regressions caught\n- Bad: the set must be refreshed monthly"),
    T("When good enough means ship: the beta quality bar", "process",
      "The team polishes the assistant for weeks; customers wait.",
      (Opt("Ship at 80% on the evaluation set", "- Feedback sooner", "- Some wrong answers"),
       Opt("Wait for 95%", "- Fewer complaints", "- Months of delay")),
      "Ship to design partners at 80% with a visible feedback button.",
      "- Good: real feedback\n- Bad: support load for a month"),
    T("Reserved cloud instances for the steady workload", "cost",
      "The cloud bill grew 40% in a quarter; half is steady compute.",
      (Opt("On-demand", "- Flexible", "- Expensive"),
       Opt("One-year reservations", "- 35% cheaper", "- Commitment")),
      "Reserve the steady half for one year; keep the rest on demand.",
      "- Good: the bill drops\n- Bad: locked in for a year", "one_way"),
    T("Cap monthly spend on model calls per customer", "cost",
      "One customer's batch job cost more than their subscription.",
      (Opt("No cap", "- Simple", "- Margin risk"),
       Opt("Per-customer budget with alerts", "- Predictable margin", "- Support questions")),
      "A monthly budget per customer with an alert at 80%.",
      "- Good: margins protected\n- Bad: some customers will hit it"),
    T("Review the analytics vendor's contract before renewal", "vendor",
      "The renewal doubles the price and adds a data-sharing clause.",
      (Opt("Renew", "- No migration", "- Price, data clause"),
       Opt("Negotiate with an alternative quote", "- Leverage", "- Time"),
       Opt("Move to an open-source stack", "- Cost", "- Migration")),
      "Negotiate with an alternative quote in hand; remove the data-sharing clause.",
      "- Good: price held\n- Bad: two weeks of the founder's time"),
    T("Single sign-on through one identity provider", "vendor",
      "Enterprise customers require SAML; staff accounts are scattered.",
      (Opt("Auth0", "- Fast to integrate", "- Price per user"),
       Opt("Keycloak", "- Open source", "- Operations")),
      "Auth0 for customers; Google Workspace for staff.",
      "- Good: enterprise deals unblocked\n- Bad: per-user pricing"),
    T("Log personal data only in pseudonymised form", "data_privacy",
      "Logs hold e-mail addresses and prompts with personal data; GDPR requests are slow.",
      (Opt("Keep raw logs 30 days", "- Debugging", "- Exposure"),
       Opt("Pseudonymise at the source", "- Privacy by design", "- Harder debugging")),
      "Pseudonymise at the source; a break-glass path for incidents.",
      "- Good: smaller exposure\n- Bad: debugging takes longer"),
    T("Weekly architecture review with the senior engineers", "process",
      "Decisions were made in private messages and forgotten.",
      (Opt("Ad hoc", "- No meeting", "- No record"),
       Opt("Weekly 45-minute review", "- Shared context\n- A decision log", "- Calendar time")),
      "A weekly review; every outcome goes into this decision log with an owner.",
      "- Good: decisions recorded\n- Bad: one more meeting"),
    T("Deprecate the legacy reporting service", "architecture",
      "The old reporting service is used by two customers and breaks monthly.",
      (Opt("Keep patching", "- No migration", "- Monthly incidents"),
       Opt("Migrate the two customers", "- One reporting path", "- Customer work")),
      "Migrate both customers, then switch the service off.",
      "- Good: fewer incidents\n- Bad: a month of migration work"),
    T("日本語の全文検索: 形態素解析を導入する (Japanese search)", "architecture",
      "日本の顧客が増え、検索の品質が問題になっている。Search in Japanese misses words.",
      (Opt("N-gram index", "- 簡単\n- No dictionary", "- Index size"),
       Opt("Morphological analyser (Sudachi)", "- 高品質", "- Another dependency")),
      "Sudachi for Japanese documents, n-grams as a fallback.",
      "- Good: better Japanese results\n- Bad: a dictionary to update"),
    T("Выбор облачного провайдера для восточноевропейских клиентов", "vendor",
      "Two customers in Eastern Europe need local hosting; решение нужно до конца квартала.",
      (Opt("Hetzner", "- Цена", "- Fewer managed services"),
       Opt("AWS Frankfurt", "- Managed services", "- Cost")),
      "AWS Frankfurt for now; revisit when the second customer signs.",
      "- Good: same tooling\n- Bad: higher cost"),
    T("Outsource the mobile app to an agency", "build_vs_buy",
      "The web team has no mobile skills; customers ask for an app.",
      (Opt("Agency", "- Fast", "- Knowledge leaves"),
       Opt("Hire two mobile engineers", "- Ownership", "- Six months")),
      "Not now: a responsive web app first, mobile in a year.",
      "- Good: focus\n- Bad: sales objections"),
    T("Replace the technology slides in the board pack with a one-page memo", "other",
      "The board spends twenty minutes on slides nobody reads beforehand.",
      (Opt("Keep the slides", "- Familiar", "- Little discussion"),
       Opt("One-page memo sent ahead", "- Better questions", "- Writing time")),
      "A one-page memo sent two days before each board meeting.",
      "- Good: decisions in the meeting\n- Bad: an hour of writing each month"),
]  # fmt: skip
OWNERS = [
    "Maya Okafor", "Sam Patel", "Ingrid Solberg", "José Álvarez", "Zoë Laurent",
    "Dmitri Orlov", "Sato Haruto", "Priya Raman", "Lead engineer", "Head of data",
]  # fmt: skip
CONSULTED = "Engineering leads; the CEO; the head of customer success"
LINKS = "https://wiki.example/adr\n- Board pack, technology section"
REJECTED_SHARE, DEPRECATED_SHARE = 0.1, 0.06


@dataclass
class _Planned:
    template: Template
    decided_on: dt.date
    status: str = "accepted"
    supersedes: int | None = None  # index within the engagement's plan
    superseded_by: int | None = None


def populate(
    db: Database, rng: random.Random, engagements: list[Engagement], *, as_of: dt.date, **_: object
) -> None:
    """Write every engagement's decisions in one transaction."""
    next_id = int(db.execute("SELECT coalesce(max(id), 0) FROM decision").fetchone()[0]) + 1
    rows: list[dict[str, Any]] = []
    history: list[tuple[int, str, str]] = []
    numbers: list[tuple[int, int]] = []
    for engagement in engagements:
        plan = _plan(rng, engagement, as_of)
        ids = list(range(next_id, next_id + len(plan)))
        for index, item in enumerate(plan):
            rows.append(_row(rng, engagement, item, index, ids, as_of))
            history.extend(_history(rng, ids[index], item, plan, as_of))
        numbers.append((len(plan) + 1, engagement.id or 0))
        next_id += len(plan)
    _write(db, rows, history, numbers)


def _write(
    db: Database,
    rows: list[dict[str, Any]],
    history: list[tuple[int, str, str]],
    numbers: list[tuple[int, int]],
) -> None:
    if not rows:
        return
    columns = list(rows[0])
    insert = f"INSERT INTO decision ({', '.join(columns)}) VALUES ({_marks(len(columns))})"
    with db.atomic():
        db.execute("PRAGMA defer_foreign_keys = ON")  # links point forward to later rows
        db.conn.executemany(insert, [[r[c] for c in columns] for r in rows])
        db.conn.executemany(
            "INSERT INTO decision_status_change (decision_id, status, changed_on) VALUES (?, ?, ?)",
            history,
        )
        db.conn.executemany("UPDATE engagement SET next_decision_number = ? WHERE id = ?", numbers)


def _marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


def _plan(rng: random.Random, e: Engagement, as_of: dt.date) -> list[_Planned]:
    """Dates and templates in date order, with some later slots superseding earlier ones."""
    end = min(as_of, e.ended_on or e.planned_end_date or as_of)
    start = min(e.start_date, as_of - dt.timedelta(days=3))
    span = max((end - start).days, 1)
    count = max(2, round(span / 30.4 * PER_MONTH * rng.uniform(0.7, 1.3)))
    dates = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(count))
    plan: list[_Planned] = []
    claimed: dict[int, tuple[int, int]] = {}  # slot -> (template index, predecessor slot)
    for slot, day in enumerate(dates):
        index, before = claimed.get(slot) or (rng.randrange(len(TEMPLATES)), None)
        template = TEMPLATES[index]
        plan.append(_Planned(template, day, supersedes=before))
        if before is not None:
            plan[before].superseded_by = slot
        later = slot + rng.randint(2, 9)
        free = later < count and later not in claimed
        if template.successor is not None and free and rng.random() < 0.6:
            claimed[later] = (template.successor, slot)
    for item in plan:
        item.status = _status(rng, item, as_of)
        if item.status == "proposed" and e.status == "ended":
            item.status = rng.choice(("accepted", "accepted", "rejected"))
    return plan


def _status(rng: random.Random, item: _Planned, as_of: dt.date) -> str:
    if item.superseded_by is not None:
        return "superseded"
    age = (as_of - item.decided_on).days
    roll = rng.random()
    if (age < 40 and roll < 0.6) or roll < 0.04:
        return "proposed"
    if item.supersedes is not None:  # a replacement is not rejected after the fact
        return "accepted"
    if roll < 0.04 + REJECTED_SHARE:
        return "rejected"
    if roll < 0.04 + REJECTED_SHARE + DEPRECATED_SHARE and item.supersedes is None:
        return "deprecated"
    return "accepted"


def _row(
    rng: random.Random,
    e: Engagement,
    item: _Planned,
    index: int,
    ids: list[int],
    as_of: dt.date,
) -> dict[str, Any]:
    t = item.template
    review = None
    handed_over = e.status == "ended"  # reviews and owners went to the client at the exit
    if item.status in ("proposed", "accepted") and rng.random() < 0.8 and not handed_over:
        review = item.decided_on + dt.timedelta(days=rng.choice([45, 90, 120, 180, 365]))
        if review < as_of and rng.random() < 0.8:  # reviewed on time, the next review ahead
            review = as_of + dt.timedelta(days=rng.randint(7, 180))
    missing_owner = rng.random() < (0.02 if handed_over else 0.12)
    decision = Decision(
        engagement_id=e.id or 0,
        title=t.title,
        decided_on=item.decided_on,
        category=t.category,
        status=item.status,
        context=t.context,
        drivers=DRIVERS,
        options=t.options,
        outcome=t.outcome,
        consequences=t.consequences,
        owner="" if missing_owner else rng.choice(OWNERS),
        consulted=CONSULTED,
        reversibility=t.reversibility,
        cost_if_wrong_minor=rng.choice([None, 500_000, 2_000_000, 5_000_000, 15_000_000]),
        review_by=review,
        links=LINKS if rng.random() < 0.3 else "",
    )
    row = validate(decision)
    row.update(
        id=ids[index],
        number=index + 1,
        created_at=now_iso(),
        supersedes_id=None if item.supersedes is None else ids[item.supersedes],
        superseded_by_id=None if item.superseded_by is None else ids[item.superseded_by],
    )
    return row


def _history(
    rng: random.Random, decision_id: int, item: _Planned, plan: list[_Planned], as_of: dt.date
) -> list[tuple[int, str, str]]:
    """Proposed on the decision date, then the later status changes."""
    changes = [(decision_id, "proposed", item.decided_on.isoformat())]
    if item.status == "proposed":
        return changes
    settled = min(item.decided_on + dt.timedelta(days=rng.randint(0, 10)), as_of)
    if item.status == "superseded" and item.superseded_by is not None:
        changes.append((decision_id, "accepted", settled.isoformat()))
        replaced = plan[item.superseded_by].decided_on
        changes.append((decision_id, "superseded", max(replaced, settled).isoformat()))
    else:
        changes.append((decision_id, item.status, settled.isoformat()))
    return changes
