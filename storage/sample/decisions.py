"""Sample decisions: the calls a fractional CTO makes, in every status and category.

About two a month of each engagement, each call at most once per engagement, owned by the
client's own people, with supersede chains, missing owners, overdue reviews and stale proposals. Thousands of rows are written in one transaction with
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
from storage.sample.clients import people_of

PER_MONTH = 2.0
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


DRIVERS = {
    "build_vs_buy": (
        "Time to a first customer-facing release",
        "Who maintains it in two years",
        "Total cost over three years",
        "Skills the team already has",
    ),
    "model_provider": (
        "Answer quality on our own evaluation set",
        "An EU endpoint and a DPA",
        "Cost per thousand requests",
        "Lock-in if the provider changes terms",
    ),
    "architecture": (
        "What the current team can run without the consultant",
        "Cost at ten times today's volume",
        "How hard it is to undo",
        "Time to ship the next quarter's roadmap",
    ),
    "data_privacy": (
        "GDPR and customer contracts",
        "What a security review will ask",
        "Debugging and support needs",
        "Sales blocked by the answer",
    ),
    "hiring_team": (
        "Who owns this after the exit",
        "Budget for the next twelve months",
        "Time to hire in this market",
        "The team's morale and workload",
    ),
    "process": (
        "Fewer incidents reaching customers",
        "Time the engineers lose to it",
        "Something the team keeps doing without the consultant",
        "Predictability for sales and customers",
    ),
    "cost": (
        "The gross margin target",
        "Cash runway",
        "Risk of outages from cutting too far",
        "Flexibility if usage changes",
    ),
    "vendor": (
        "Price over the contract's term",
        "Data protection terms",
        "The cost of leaving later",
        "Support when things break",
    ),
    "other": (
        "The board's time",
        "Decisions made in the meeting, not after",
        "Founders' writing time",
    ),
}

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
    T("Search in the product with Postgres full-text before a search engine", "architecture",
      "Customers ask for search across documents; the data is 2M rows in Postgres.",
      (Opt("Postgres full-text search", "- Nothing new to run", "- Ranking is basic"),
       Opt("OpenSearch", "- Relevance tuning\n- Facets", "- A cluster to run")),
      "Postgres full-text search now; revisit when relevance complaints appear.",
      "- Good: shipped in two weeks\n- Bad: ranking tweaks are limited"),
    T("Host Eastern European customers in AWS Frankfurt", "vendor",
      "Two customers in Poland and Romania need EU hosting with local support.",
      (Opt("Hetzner", "- Price", "- Fewer managed services"),
       Opt("AWS Frankfurt", "- Managed services\n- Same tooling", "- Cost")),
      "AWS Frankfurt for now; revisit when the second customer signs.",
      "- Good: same tooling\n- Bad: higher cost"),
    T("On-call rotation with paid standby", "hiring_team",
      "Two engineers answer every night-time alert; one has said she will leave over it.",
      (Opt("Best effort", "- No cost", "- Burn-out"),
       Opt("Weekly rotation across six engineers, paid standby", "- Fair\n- Predictable",
           "- Budget")),
      "A weekly rotation of six engineers with paid standby and a runbook per alert.",
      "- Good: load shared\n- Bad: standby pay in the budget"),
    T("Adopt infrastructure as code with Terraform", "process",
      "The production environment was built by hand; nobody can rebuild it.",
      (Opt("Keep the console", "- No work now", "- No record\n- No recovery"),
       Opt("Terraform", "- Reviewable changes\n- Rebuildable", "- Two weeks to import")),
      "Terraform for everything in production, changes through pull requests.",
      "- Good: the environment can be rebuilt\n- Bad: slower one-off changes"),
    T("Define the engineering career ladder", "hiring_team",
      "Promotions are decided case by case; two seniors asked what staff level means.",
      (Opt("Adopt a public ladder as is", "- Fast", "- Does not fit our size"),
       Opt("Write our own with four levels", "- Fits the team", "- A month of drafting")),
      "Four levels adapted from a public ladder, reviewed with the team leads.",
      "- Good: clear expectations\n- Bad: calibration meetings twice a year"),
    T("Buy an observability platform instead of running Prometheus", "build_vs_buy",
      "Incidents take hours to diagnose; the self-run metrics stack is half-maintained.",
      (Opt("Run Prometheus and Grafana", "- No licence", "- Nobody owns it"),
       Opt("Datadog", "- Tracing and logs together", "- Price grows with hosts"),
       Opt("Grafana Cloud", "- Familiar dashboards", "- Migration of alerts")),
      "Grafana Cloud: the team knows the dashboards and the price is predictable.",
      "- Good: traces in incidents\n- Bad: a bill that grows with usage"),
    T("Guardrails for customer data sent to language models", "data_privacy",
      "Sales promised that customer data never trains a model; prompts include customer text.",
      (Opt("Trust the provider's terms", "- No work", "- Nothing we can show"),
       Opt("Zero-retention endpoints and redaction", "- Provable", "- Some loss of context")),
      "Zero-retention endpoints only, names and e-mail addresses redacted before the call.",
      "- Good: a clear answer for security reviews\n- Bad: redaction to maintain"),
    T("Release weekly on a fixed day", "process",
      "Releases happen when someone feels brave; customers are surprised by changes.",
      (Opt("Continuous deployment", "- Small changes", "- Needs test coverage we lack"),
       Opt("Weekly release on Tuesday", "- Predictable\n- Release notes", "- Waiting")),
      "A weekly Tuesday release with notes, moving to continuous deployment once tests allow.",
      "- Good: customers know what changed\n- Bad: fixes wait up to a week"),
    T("Rewrite the billing module or refactor in place", "architecture",
      "The billing code has no tests and every pricing change takes a sprint.",
      (Opt("Rewrite", "- Clean design", "- Months without new pricing"),
       Opt("Refactor behind tests", "- Safe steps", "- Slower to look clean")),
      "Refactor in place: characterisation tests first, then one pricing path at a time.",
      "- Good: no big-bang risk\n- Bad: the old code stays for a while", "one_way"),
    T("Renegotiate the cloud support plan", "cost",
      "Enterprise support costs 10% of the bill; two tickets were opened last year.",
      (Opt("Keep enterprise support", "- Fast answers", "- Cost"),
       Opt("Business support plus a partner", "- Cheaper", "- Slower escalation")),
      "Business support with a partner on call for incidents.",
      "- Good: a fifth of the cost\n- Bad: escalations go through the partner"),
    T("Hire a head of engineering to take over from the fractional CTO", "hiring_team",
      "The engagement is meant to end; the team needs a permanent technical leader.",
      (Opt("Promote the lead engineer", "- Knows the code", "- No management experience"),
       Opt("Hire externally", "- Experience", "- Four months to hire")),
      "Hire externally with the lead engineer on the panel; promote within a year if ready.",
      "- Good: a leader in place before the exit\n- Bad: the search takes time", "one_way"),
    T("Pilot an AI coding assistant with a go/no-go gate", "process",
      "Engineers use personal AI tools on company code; nobody knows if it helps.",
      (Opt("Ban the tools", "- No risk", "- Used anyway"),
       Opt("A six-week pilot with measures", "- Evidence", "- Licences for the pilot")),
      "A six-week pilot for one team, measured on review time and defects, then go or no-go.",
      "- Good: a decision on evidence\n- Bad: six weeks of licences"),
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
LINKS = "https://wiki.example/adr\n- Board pack, technology section"
REJECTED_SHARE, DEPRECATED_SHARE = 0.1, 0.06


_SUCCESSORS = {t.successor for t in TEMPLATES if t.successor is not None}


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
        if engagement.status == "proposed":
            continue  # nothing decided before the engagement is agreed
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
    count = min(count, len(TEMPLATES) - len(_SUCCESSORS))
    dates = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(count))
    plan: list[_Planned] = []
    claimed: dict[int, tuple[int, int]] = {}  # slot -> (template index, predecessor slot)
    fresh = [i for i in range(len(TEMPLATES)) if i not in _SUCCESSORS]
    rng.shuffle(fresh)  # each call at most once per engagement
    for slot, day in enumerate(dates):
        index, before = claimed.get(slot) or (fresh.pop(), None)
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
        drivers=_drivers(rng, t.category),
        options=t.options,
        outcome=t.outcome,
        consequences=t.consequences,
        owner="" if missing_owner else rng.choice(people_of(e.client_name)),
        consulted=_consulted(rng, e.client_name),
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


def _drivers(rng: random.Random, category: str) -> str:
    """Two or three of the concerns such a decision weighs, as bullets."""
    pool = DRIVERS[category]
    return "\n".join(f"- {d}" for d in rng.sample(pool, min(len(pool), rng.choice((2, 3)))))


def _consulted(rng: random.Random, client_name: str) -> str:
    people = people_of(client_name)
    return "; ".join(rng.sample(people, 2)) + "; the engineering leads"


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
