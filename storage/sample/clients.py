"""Sample clients and engagements: every engagement status, each client's status following them.

Each client has its own people, who own its decisions and exit milestones.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.practice.settings import Profile, save_profile
from storage.sample import terms

if TYPE_CHECKING:
    from sqlite_utils import Database

COMPANIES = [
    ("Acme Robotics", "Maya Okafor", "CEO", ("Sam Patel", "Lena Vogel", "Kofi Mensah")),
    ("Brightwave Health", "Jonas Müller", "Founder & CEO", ("Ines Duarte", "Mei Lin", "Raj Iyer")),
    ("Café Lumière", "Élodie Martin", "COO", ("Julien Moreau", "Claire Dubois", "Hugo Bernard")),
    ("Nordlys Energi", "Sigrid Åberg", "CEO", ("Oskar Nilsson", "Frida Lund", "Erik Dahl")),
    ("Kettle & Co", "Priya Raman", "Managing Director", ("Tom Hughes", "Aisha Khan", "Ben Carter")),
    ("Tessellate AI", "Daniel Cohen", "Co-founder", ("Noa Levi", "Marcus Reed", "Yuki Tanaka")),
    ("Ōkami Logistics", "Haruto Sato", "CEO", ("Kenji Mori", "Emma Clarke", "Ravi Shah")),
    ("Verde Fintech", "Lucía Fernández", "CFO", ("José Álvarez", "Marta Ruiz", "Pablo Ortega")),
    ("Quill Legal", "Tom Becker", "Founder", ("Hannah Wolf", "Felix Braun", "Zoë Laurent")),
    ("Zephyr Analytics", "Amara Nwosu", "CEO", ("Chidi Eze", "Grace Mensah", "Dmitri Orlov")),
]
TITLES = {  # each title with the role that does it
    "Fractional CTO": "fractional_cto",
    "AI strategy and platform": "fractional_ai_cto",
    "Technical due diligence and roadmap": "advisor",
    "Engineering leadership": "fractional_cto",
    "AI adoption and governance": "fractional_ai_officer",
}
OBJECTIVES = (
    "- A prioritised 60-90 day technical roadmap the team believes in\n"
    "- Key architecture decisions recorded with a named owner\n"
    "- A hiring plan for the next senior engineering roles"
)
SPLITS = [(50, 30, 20), (80, 20, 0), (20, 60, 20), (40, 30, 30), (60, 20, 20)]


def populate(
    db: Database, rng: random.Random, *, as_of: dt.date, years: int = 1
) -> list[Engagement]:
    """Clients and engagements spread over `years`; returns the engagements written."""
    save_profile(
        db,
        Profile(
            name="Alex Morgan",
            business_name="Morgan Technical Leadership Ltd",
            email="alex@morgan-leadership.example",
            phone="+44 20 7946 0000",
            default_currency="GBP",
            default_rate_minor=120_000,
        ),
    )
    count = max(len(COMPANIES), 4 * years)
    written: list[Engagement] = []
    for index in range(count):
        written.extend(_client_with_engagements(db, rng, index, as_of=as_of, years=years))
    return written


def people_of(client_name: str) -> tuple[str, ...]:
    """The client's own people (its contact first): who owns its decisions and milestones."""
    for company, contact, _, staff in COMPANIES:
        if client_name == company or client_name.startswith(f"{company} "):
            return (contact, *staff)
    return ("Head of engineering",)


def _client_with_engagements(
    db: Database, rng: random.Random, index: int, *, as_of: dt.date, years: int
) -> list[Engagement]:
    company, contact, role, _ = COMPANIES[index % len(COMPANIES)]
    if index >= len(COMPANIES):
        company = f"{company} {index // len(COMPANIES) + 1}"
    flags = [True] * 4  # each of them was a fit: at most one condition is missing
    flags[rng.randrange(5) % 4] = rng.random() < 0.5
    client = clients.add(
        db,
        terms.with_legal_details(
            Client(
                name=company,
                contact_name=contact,
                email=f"{contact.split()[0].lower()}@{company.split()[0].lower()}.example",
                role=role,
                notes="Met through a founder referral.\n- Board meets monthly\n- Series A closed",
                fit_critical=flags[0],
                fit_engineers_not_strategic=flags[1],
                fit_not_ready_full_time=flags[2],
                fit_decisions_blocking=flags[3],
            )
        ),
    )
    plans = _engagement_plans(index, as_of=as_of, years=years, rng=rng)
    return [_add_engagement(db, rng, client.id or 0, *plan) for plan in plans]


def _engagement_plans(
    index: int, *, as_of: dt.date, years: int, rng: random.Random
) -> list[tuple[dt.date, dt.date, str]]:
    """(start, planned end, status) for this client's engagements, one after another."""
    if index < 4:  # the current portfolio: active, exiting, just started, proposed
        status = ("active", "exiting", "active", "proposed")[index]
        start = as_of - dt.timedelta(days=(300, 390, 14, -21)[index])
        return [(start, start + dt.timedelta(days=(420, 450, 365, 365)[index]), status)]
    count = 1 if years < 5 else 2 + (index % 4 == 0)
    span = max(365 * years, 400)
    start = as_of - dt.timedelta(days=rng.randint(200, span))
    plans = []
    for _ in range(count):
        end = start + dt.timedelta(days=30 * rng.randint(6, 18))
        plans.append((start, end, "ended" if end < as_of else "active"))
        start = end + dt.timedelta(days=rng.randint(60, 400))
        if start >= as_of:
            break
    return plans


def _add_engagement(
    db: Database, rng: random.Random, client_id: int, start: dt.date, end: dt.date, status: str
) -> Engagement:
    split = rng.choice(SPLITS)
    title = rng.choice(list(TITLES))
    return engagements.add(
        db,
        Engagement(
            client_id=client_id,
            title=title,
            role=TITLES[title],
            start_date=start,
            planned_end_date=end,
            days_per_week=rng.choice([1.0, 1.5, 2.0, 2.0, 2.0, 3.0]),
            split_strategy=split[0],
            split_team=split[1],
            split_leadership=split[2],
            billing_model="monthly_retainer",
            fee_minor=rng.choice([600_000, 900_000, 1_200_000]),
            currency="GBP",
            objectives=OBJECTIVES,
            assumptions="- The client names an internal owner for each decision\n"
            "- Access to the code, the cloud accounts and the team's calendar",
            status=status,
            ended_on=end if status == "ended" else None,
        ),
    )
