"""A fully agreed AI-CTO engagement for the scope-of-work tests: every term, the client's legal
details, deliverables with acceptance and dates, and the three usual phases."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlite_utils import Database

from storage.exit_plan import milestones
from storage.exit_plan.milestones import Milestone
from storage.practice import clients, deliverables, engagements, phases, settings
from storage.practice.deliverables import Deliverable
from storage.practice.engagements import Engagement
from storage.practice.phases import Phase
from tests.export_support import PROFILE, make_engagement

START = dt.date(2026, 1, 5)
CONSULTANT = dataclasses.replace(
    PROFILE,
    business_address="1 Harbour Street\nBristol BS1 4AA",
    tax_id="GB 123 4567 89",
    indemnity_cover_minor=100_000_000,
)
DELIVERABLES = [
    ("Architecture review", "Reviewed with the CTO and the two senior engineers", START + dt.timedelta(days=20)),
    ("AI evaluation suite", "Runs on every model change with 200 of the client's cases", START + dt.timedelta(days=55)),
    ("Hiring plan", "Job description and interview rubric signed off by the CEO", START + dt.timedelta(days=85)),
]  # fmt: skip
PHASES = [
    ("Audit and architecture", 0, 13, "Audit the platform; a prioritised 60-90 day roadmap"),
    ("Build and ship", 14, 69, "The evaluation suite and the first pilot through its gate"),
    ("Transition", 70, 360, "Hire the lead; hand over"),
]


def agreed_engagement(db: Database, **changes: object) -> Engagement:
    """An AI-CTO engagement with nothing left to be agreed."""
    e = make_engagement(db, role="fractional_ai_cto", deliverables=[], **changes)
    settings.save_profile(db, CONSULTANT)
    client = clients.get(db, e.client_id)
    clients.update(
        db,
        dataclasses.replace(
            client,
            legal_name="Acme Robotics Limited",
            address="20 Dock Road\nLondon E16 1AA",
            tax_id="GB 987 6543 21",
            signatory_name="Maya Okafor",
            signatory_title="Chief Executive Officer",
        ),
    )
    e = engagements.update(db, dataclasses.replace(e, **TERMS))
    eid = e.id or 0
    deliverables.replace_for(db, eid, [Deliverable(eid, t, a, d) for t, a, d in DELIVERABLES])
    phases.replace_for(
        db,
        eid,
        [
            Phase(eid, name, START + dt.timedelta(days=a), START + dt.timedelta(days=b), goals)
            for name, a, b, goals in PHASES
        ],
    )
    milestones.add(db, Milestone(eid, "Internal lead designated", due_date=dt.date(2026, 11, 30)))
    return engagements.get(db, eid)


TERMS = {
    "payment_terms_days": 14,
    "invoicing_cadence": "monthly_in_advance",
    "expenses_policy": "Travel outside London at cost, agreed in advance.",
    "notice_days": 30,
    "minimum_term_months": 3,
    "heavy_rate_minor": 150_000,
    "disclosures": "- The consultant holds shares worth under £5,000 in a cloud provider.",
}
