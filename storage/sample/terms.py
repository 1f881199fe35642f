"""The sample practice's contract terms: each client's legal details, and each engagement's
payment terms, notice, deliverables (with acceptance criteria and due dates) and phases.

Nothing here draws from the random generator, so the rest of the sample is unchanged by it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlite_utils import Database

from storage.practice import engagements, phases
from storage.practice.clients import Client
from storage.practice.deliverables import Deliverable
from storage.practice.engagements import Engagement

# company: (legal name suffix, address, tax id)
LEGAL = {
    "Acme Robotics": ("Ltd", "12 Hatton Garden\nLondon EC1N 8AN\nUnited Kingdom", "GB 284 1937 56"),
    "Brightwave Health": (
        "GmbH", "Torstraße 140\n10119 Berlin\nGermany", "DE 318 472 905",
    ),
    "Café Lumière": ("SAS", "18 rue des Martyrs\n75009 Paris\nFrance", "FR 47 852 963 741"),
    "Nordlys Energi": ("AS", "Karl Johans gate 25\n0159 Oslo\nNorway", "NO 921 345 678 MVA"),
    "Kettle & Co": ("Ltd", "4 Queen Street\nEdinburgh EH2 1JE\nUnited Kingdom", "GB 301 5526 12"),
    "Tessellate AI": ("Ltd", "Rothschild Blvd 22\nTel Aviv 6688218\nIsrael", "IL 516 203 948"),
    "Ōkami Logistics": (
        "K.K.", "2-11-3 Meguro\nMeguro-ku, Tokyo 153-0063\nJapan", "T4011001234567",
    ),
    "Verde Fintech": ("S.L.", "Calle de Alcalá 48\n28014 Madrid\nSpain", "ES B87654321"),
    "Quill Legal": ("LLP", "30 St Mary Axe\nLondon EC3A 8BF\nUnited Kingdom", "GB 412 8870 03"),
    "Zephyr Analytics": (
        "Ltd", "9 Broad Street\nLagos Island, Lagos\nNigeria", "NG 20194857-0001",
    ),
}  # fmt: skip
COUNTRIES = {  # the tax follows it: GB at the practice's rate, FR and DE reverse charged
    "Acme Robotics": "GB", "Brightwave Health": "DE", "Café Lumière": "FR", "Nordlys Energi": "NO",
    "Kettle & Co": "GB", "Tessellate AI": "IL", "Ōkami Logistics": "JP", "Verde Fintech": "ES",
    "Quill Legal": "GB", "Zephyr Analytics": "NG",
}  # fmt: skip
NOTICE_DAYS = 30
MINIMUM_TERM_MONTHS = 3
EXPENSES = (
    "Travel outside the consultant's home city and any software bought for the engagement, at "
    "cost with receipts and agreed in writing beforehand. No mark-up; no other expenses."
)
DISCLOSURES = (
    "None: the consultant takes no commission, referral fee or equity from any vendor they "
    "may recommend, and will declare any such interest in writing before recommending it."
)


def with_legal_details(client: Client) -> Client:
    """The client with its legal details; its contact signs ("Acme Robotics 2" as Acme)."""
    base = next((name for name in LEGAL if client.name.startswith(name)), "Acme Robotics")
    suffix, address, tax_id = LEGAL[base]
    return dataclasses.replace(
        client,
        legal_name=f"{client.name} {suffix}",
        address=address,
        tax_id=tax_id,
        country=COUNTRIES[base],
        signatory_name=client.contact_name,
        signatory_title=client.role,
    )


def populate(db: Database, written: list[Engagement]) -> list[Engagement]:
    """Terms, deliverables and phases for every engagement (each has a written scope)."""
    saved = []
    for index, e in enumerate(written):
        with_terms = engagements.with_changes(e, **_terms(e, index))
        saved.append(
            engagements.save(
                db, with_terms, deliverables=deliverables_for(e), phases=phases.suggested(e)
            )
        )
    return saved


def _terms(e: Engagement, index: int) -> dict[str, object]:
    """Month-to-month retainers invoiced in advance; every third client on 14 days' payment
    terms, the rest on the consultant's standard (Preferences). A heavy day costs what a
    committed day does (the month's fee over its committed days), rounded up to 50."""
    days_a_month = e.days_per_week * 52 / 12
    day_rate = -(-e.fee_minor // round(days_a_month * 5_000)) * 5_000
    return {
        "payment_terms_days": 14 if index % 3 == 2 else None,
        "invoicing_cadence": "monthly_in_advance",
        "expenses_policy": EXPENSES,
        "notice_days": NOTICE_DAYS,
        "minimum_term_months": MINIMUM_TERM_MONTHS,
        "heavy_rate_minor": day_rate,
        "disclosures": DISCLOSURES,
        **_personal_data(e),
    }


AI_DATA = (
    "Customer records and support conversations the client's AI features read (names, contact "
    "details, messages), and the client's staff directory (names, roles, work email)."
)
AI_SUB_PROCESSORS = (
    "The AI model providers the client already uses under its own accounts, named in its AI "
    "inventory; no other without the client's written consent."
)


def _personal_data(e: Engagement) -> dict[str, object]:
    """The AI roles see the data their features read; the others only the team's names."""
    if e.role in ("fractional_ai_cto", "fractional_ai_officer"):
        return {"personal_data": True, "data_categories": AI_DATA,
                "sub_processors": AI_SUB_PROCESSORS}  # fmt: skip
    return {}


def deliverables_for(e: Engagement) -> list[Deliverable]:
    """What the role hands over, each with how the client accepts it and when."""
    start = e.start_date
    end = e.planned_end_date or start + dt.timedelta(days=364)

    def due(days: int) -> dt.date:
        return min(start + dt.timedelta(days=days), end)

    items = ROLE_DELIVERABLES.get(e.role, ROLE_DELIVERABLES["fractional_cto"])
    found = [
        Deliverable(e.id or 0, title, acceptance, due(days)) for title, acceptance, days in items
    ]
    handoff = "Handoff document"
    found.append(
        Deliverable(e.id or 0, handoff, "Delivered and walked through with the successor", end)
    )
    return found


UNTIL_THE_END = 100 * 365  # days: due on the engagement's end date (a due date is never past it)
_CTO = (
    (
        "Architecture review and a prioritised 60-90 day roadmap",
        "Walked through with the CEO and the senior engineers; the roadmap's first items are "
        "scheduled",
        14,
    ),
    (
        "Decision log with a client-side owner for each key decision",
        "Every accepted decision names its owner on the client side",
        90,
    ),
    (
        "Job descriptions and interview rubrics for the next senior roles",
        "Used in the first interview loop",
        60,
    ),
)
_AI = (
    (
        "AI opportunity assessment and evaluation plan",
        "Use cases ranked by business outcome, each with an agreed quality measure",
        28,
    ),
    ("AI governance and acceptable-use policy", "Approved by the leadership team", 60),
    (
        "Go/no-go review of each pilot",
        "A written go or no-go decision for each pilot against its gate",
        150,
    ),
    (
        "Monitoring and cost controls for AI services",
        "Dashboards and alerts live, owned by a named engineer",
        240,
    ),
)
_ADVISOR = (
    (
        "Technical due diligence report",
        "Read and discussed with the founders before the board meeting",
        30,
    ),
    (
        "Written recommendations after each advisory call, and a closing summary",
        "Each sent within two working days of its call; the summary by the end date",
        UNTIL_THE_END,
    ),
)
ROLE_DELIVERABLES: dict[str, tuple[tuple[str, str, int], ...]] = {
    "fractional_cto": _CTO,
    "fractional_ai_cto": _AI,
    "fractional_ai_officer": _AI,
    "advisor": _ADVISOR,
}  # fmt: skip
