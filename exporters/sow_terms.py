"""The scope of work's terms in plain words, read once: what the sections print and what a
version keeps in its snapshot, so a change list compares exactly what the client read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from exporters import fees, scope_roles, vat_wording
from exporters.formatting import TO_BE_AGREED, long_date, money, money_whole, number
from storage.billing import Instalment, instalments
from storage.exit_plan import Milestone, milestones
from storage.practice import (
    Client,
    Deliverable,
    Engagement,
    Phase,
    Profile,
    clients,
    deliverables,
    engagements,
    phases,
    settings,
)
from storage.rules import BILLING_MODELS, INVOICING_CADENCES

DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class SowData:
    """Everything a scope of work prints, read in one place."""

    engagement: Engagement
    client: Client
    profile: Profile
    deliverables: list[Deliverable]
    phases: list[Phase]
    exit_criteria: list[Milestone]
    day: dt.date  # the date the document is issued
    instalments: list[Instalment]  # a fixed fee's payment schedule


def load(db: Database, engagement_id: int, day: dt.date) -> SowData:
    e = engagements.get(db, engagement_id)
    criteria = [m for m in milestones.list_for(db, engagement_id) if m.status != "dropped"]
    return SowData(
        engagement=e,
        client=clients.get(db, e.client_id),
        profile=settings.load_profile(db),
        deliverables=deliverables.list_for(db, engagement_id),
        phases=phases.list_for(db, engagement_id),
        exit_criteria=criteria,
        day=day,
        instalments=instalments.list_for(db, engagement_id),
    )


def payment_schedule(data: SowData) -> list[tuple[str, str, str]]:
    """A fixed fee's instalments as the document prints them: label, due date, amount."""
    currency = data.engagement.currency
    return [
        (i.label or f"Instalment {n}", long_date(i.due_on), money(i.amount_minor, currency))
        for n, i in enumerate(data.instalments, start=1)
    ]


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def notice(days: int | None) -> str:
    """ "4 weeks" for a whole number of weeks, else "30 days"; "None" for no notice."""
    if days is None:
        return TO_BE_AGREED
    if days == 0:
        return "None: either party may end the engagement at once"
    if days % DAYS_PER_WEEK == 0:
        return plural(days // DAYS_PER_WEEK, "week")
    return plural(days, "day")


def payment_terms(data: SowData) -> str:
    """The engagement's own terms, else the consultant's standard from Preferences."""
    days = data.engagement.payment_terms_days
    days = data.profile.payment_terms_days if days is None else days
    if days == 0:
        return "On receipt of the invoice"
    return f"{plural(days, 'day')} from the invoice date"


def cadence(e: Engagement) -> str:
    return INVOICING_CADENCES.get(e.invoicing_cadence, TO_BE_AGREED)


def minimum_term(e: Engagement) -> str:
    if e.minimum_term_months is None:
        return TO_BE_AGREED
    if e.minimum_term_months == 0:
        return "None"
    return plural(e.minimum_term_months, "calendar month")


def heavy_rate(e: Engagement) -> str:
    """The day rate for days beyond the commitment in heavy periods (a launch, a fundraise)."""
    if e.heavy_rate_minor is None:
        return TO_BE_AGREED
    return (
        f"{money_whole(e.heavy_rate_minor, e.currency)} a day, for each day beyond the commitment"
    )


def term_words(e: Engagement) -> str:
    months = fees.term_months(e)
    if months is None:
        return "Open-ended: month to month until either party ends it"
    return plural(months, "calendar month")


def fee_basis(e: Engagement) -> str:
    found = fees.basis(e)
    return found.sentence if found else TO_BE_AGREED


def confidentiality(data: SowData) -> str:
    return data.engagement.confidentiality.strip() or data.profile.confidentiality_text.strip()


def ip_terms(data: SowData) -> str:
    return data.engagement.ip_terms.strip() or data.profile.ip_text.strip()


def clause(data: SowData, name: str) -> str:
    """A standard clause (`liability_text`, ...): the engagement's own text, else the
    consultant's standard from Preferences."""
    own = str(getattr(data.engagement, name, "")).strip()
    return own or str(getattr(data.profile, name, "")).strip()


def governing_law(data: SowData) -> str:
    """The law the engagement names, else the consultant's standard ("England and Wales")."""
    found = data.engagement.governing_law.strip() or data.profile.governing_law.strip()
    return found or TO_BE_AGREED


def legal_name(client: Client) -> str:
    return client.legal_name.strip() or client.name


def terms(data: SowData) -> dict[str, str]:
    """The engagement's terms as printed, by the label a change list names them with."""
    e = data.engagement
    return {
        "Role": scope_roles.label(e.role),
        "Start": long_date(e.start_date),
        "Planned end": long_date(e.planned_end_date),
        "Planned term": term_words(e),
        "Time commitment": f"{number(e.days_per_week)} days a week, "
        f"{number(e.hours_per_day)} hours a day",
        "Target split": f"strategy {e.split_strategy}%, team {e.split_team}%, "
        f"leadership {e.split_leadership}%",
        "Billing model": BILLING_MODELS.get(e.billing_model, e.billing_model),
        "Fee basis": fee_basis(e),
        "Payment terms": payment_terms(data),
        "Invoicing": cadence(e),
        "Heavy-period rate": heavy_rate(e),
        "Expenses": e.expenses_policy.strip() or TO_BE_AGREED,
        "Minimum term": minimum_term(e),
        "Notice period": notice(e.notice_days),
        "Confidentiality": confidentiality(data) or TO_BE_AGREED,
        "Intellectual property": ip_terms(data) or TO_BE_AGREED,
        "Disclosures": e.disclosures.strip() or "None declared",
        "VAT": vat_wording.for_profile(data.profile),
        "Limitation of liability": clause(data, "liability_text") or TO_BE_AGREED,
        "Data protection": clause(data, "data_protection_text") or TO_BE_AGREED,
        "Personal data processed": "Yes" if e.personal_data else "No",
        "Insurance": clause(data, "insurance_text") or TO_BE_AGREED,
        "Status": clause(data, "status_text") or TO_BE_AGREED,
        "Non-solicitation": clause(data, "non_solicitation_text") or TO_BE_AGREED,
        "Entire agreement": clause(data, "entire_agreement_text") or TO_BE_AGREED,
        "Governing law": governing_law(data),
    }


def client_details(client: Client) -> dict[str, str]:
    return {
        "Client's legal name": legal_name(client),
        "Client's address": client.address.strip() or TO_BE_AGREED,
        "Client's tax id": client.tax_id.strip() or TO_BE_AGREED,
        "Client's signatory": client.signatory_name.strip() or TO_BE_AGREED,
        "Signatory's title": client.signatory_title.strip() or TO_BE_AGREED,
    }
