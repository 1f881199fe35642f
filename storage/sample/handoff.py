"""What the sample's successors inherit: who owns production, the risks, the recommendations
with their horizons and the access inventory, in each client's own people's names.

The exiting engagement's story: the consultant has handed production to the senior engineer,
most access is transferred, and the roadmap for the next 90 days is written. Earlier in an
engagement less is handed over; an ended one has transferred everything. Written without the
random source, so the rest of the sample stays as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.exit_plan import access_items, recommendations, responsibilities, risks
from storage.exit_plan.access_items import AccessItem
from storage.exit_plan.recommendations import Recommendation
from storage.exit_plan.responsibilities import STAGES, Responsibility
from storage.exit_plan.risks import Risk
from storage.practice import settings
from storage.practice.engagements import Engagement
from storage.sample.clients import people_of

if TYPE_CHECKING:
    from sqlite_utils import Database

TECHNICAL_DUTY = "Technical ownership of production"
# (risk, likelihood, impact, mitigation, owner index in the client's staff)
RISKS = (
    ("Only {2} knows the deployment pipeline", "medium", "high",
     "{2} pairs with {1} on the next four releases; the runbook is in the wiki", 0),
    ("AI model costs grow faster than usage", "medium", "medium",
     "A monthly cost review against the routing and caching budget", 1),
    ("Customer data reaches a vendor outside the EU", "low", "high",
     "A data residency check before any new processor is signed", -1),
    ("The senior backend hire takes longer than planned", "high", "medium",
     "Keep the contractor until the hire starts; the interview rubric is handed over", 0),
)  # fmt: skip
RECOMMENDATIONS = (
    ("Run the incident review every fortnight, chaired by {0}", 30),
    ("Review AI infrastructure costs monthly against the budget", 30),
    ("Hire the senior backend engineer with the rubric handed over", 60),
    ("Move the evaluation suite into CI so no model change ships without it", 60),
    ("Retire the v1 API once the last two customers have moved", 90),
    ("Decide between hiring a full-time CTO and making {0} head of engineering", 90),
    ("Revisit the data warehouse once event volume doubles", None),
)
# (system, access, successor index in the client's staff, share of the plan done to transfer)
ACCESS = (
    ("AWS organisation", "Administrator", 2, 0.8),
    ("GitHub organisation", "Owner", 0, 0.8),
    ("Google Workspace", "Super admin", -1, 0.85),
    ("AI provider accounts", "Billing admin", 1, 0.95),
    ("Sentry", "Organisation admin", 2, 0.95),
    ("Domain registrar", "Account contact", -1, 1.0),
)


def insert(db: Database, e: Engagement, progress: float) -> None:
    """Every part of the handoff for one started engagement, as far as `progress` (0 to 1)."""
    contact, *staff = people_of(e.client_name)
    people = [*staff, *staff, *staff][:3]
    eid = e.id or 0

    def who(index: int) -> str:
        return contact if index < 0 else people[index]

    stage = STAGES[min(int(progress * len(STAGES)), len(STAGES) - 1)]
    responsibilities.add(db, Responsibility(eid, TECHNICAL_DUTY, people[0], stage))
    for text, likelihood, impact, mitigation, owner in RISKS:
        names = (contact, *people)
        risks.add(db, Risk(eid, text.format(*names[1:]), likelihood, impact,
                           mitigation.format(*names[1:]), who(owner)))  # fmt: skip
    for text, horizon in RECOMMENDATIONS[: 3 + round(progress * 4)]:
        recommendations.add(db, Recommendation(eid, text.format(*people), horizon))
    consultant = settings.load_profile(db).name
    for system, access, successor, done_at in ACCESS:
        item = AccessItem(eid, system, access, consultant, who(successor), progress >= done_at)
        access_items.add(db, item)
