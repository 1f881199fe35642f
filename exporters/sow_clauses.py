"""The clauses a client's lawyer asks for first: limitation of liability, insurance, data
protection (with a processing annex when the engagement processes personal data), the
consultant's status (with the IR35 line under UK law), non-solicitation, the entire agreement
and order of precedence, and governing law and jurisdiction.

Each prints the engagement's own text, else the consultant's standard from Preferences
(`sow_terms.clause`); the figures (insurance cover, months) come from Preferences.
"""

from __future__ import annotations

from exporters import docx_common as common
from exporters import scope_roles, sow_terms
from exporters.formatting import TO_BE_AGREED, long_date, money_whole
from exporters.sow_terms import SowData
from storage.practice import UK_LAWS

IR35 = (
    "Under the UK off-payroll working rules (IR35), a medium or large client decides whether "
    "the rules apply to this engagement and gives the consultant a status determination "
    "statement with its reasons before the work starts, answering any disagreement within 45 "
    "days; for a small client, the consultant's own company decides."
)
PERSONAL_DATA = (
    "The consultant will process personal data for the client in this engagement, so the data "
    "processing annex at the end of this document applies and forms part of this agreement."
)
NO_PERSONAL_DATA = (
    "The consultant is not expected to process personal data for the client. Before any is "
    "shared, the parties agree data processing terms in writing."
)
ANNEX_TITLE = "Annex: data processing"
ANNEX_FIXED = {
    "Nature and purpose": (
        "Reading, reviewing and advising on the client's systems, data and AI features, as the "
        "services above describe; never for the consultant's own purposes."
    ),
    "The client's instructions": (
        "This agreement and the client's written instructions (email is enough). The consultant "
        "tells the client at once if an instruction appears to break data protection law."
    ),
    "Security": (
        "Access only from the consultant's own encrypted devices, with multi-factor "
        "authentication on every account that holds the client's data; personal data is never "
        "put into an AI service the client has not approved. A personal data breach is reported "
        "to the client without undue delay, and within 48 hours of its discovery."
    ),
    "Transfers": (
        "Personal data stays in the UK or the European Economic Area unless the client agrees "
        "otherwise in writing, with the safeguards the law requires."
    ),
    "At the end": (
        "Within 30 days of the engagement ending, the consultant deletes or returns all "
        "personal data, as the client chooses, and confirms it in writing, unless the law "
        "requires them to keep it."
    ),
    "Evidence": (
        "The consultant gives the client the information needed to show these terms are met."
    ),
}
NO_SUB_PROCESSORS = (
    "None. The consultant engages a sub-processor (an AI provider, for example) only with the "
    "client's prior written consent, on terms that protect the data as these do."
)


def is_uk(data: SowData) -> bool:
    """Whether the engagement is under UK law, where the IR35 line applies."""
    return sow_terms.governing_law(data) in UK_LAWS


def liability(document: common.Document, data: SowData) -> None:
    common.heading(document, "Limitation of liability")
    common.text(document, sow_terms.clause(data, "liability_text"))


def insurance(document: common.Document, data: SowData) -> None:
    common.heading(document, "Insurance")
    common.text(document, sow_terms.clause(data, "insurance_text"))
    common.key_values(document, insurance_rows(data))


def insurance_rows(data: SowData) -> list[tuple[str, str]]:
    """The cover Preferences names: professional indemnity always (to be agreed when unset),
    public liability when held."""
    profile = data.profile
    code = profile.default_currency
    indemnity = profile.indemnity_cover_minor
    rows = [
        (
            "Professional indemnity",
            f"{money_whole(indemnity, code)} for each claim" if indemnity else TO_BE_AGREED,
        )
    ]
    if profile.public_liability_minor:
        rows.append(
            (
                "Public liability",
                f"{money_whole(profile.public_liability_minor, code)} for each claim",
            )
        )
    return rows


def data_protection(document: common.Document, data: SowData) -> None:
    common.heading(document, "Data protection")
    common.text(document, sow_terms.clause(data, "data_protection_text"))
    common.paragraph(document, PERSONAL_DATA if data.engagement.personal_data else NO_PERSONAL_DATA)


def status(document: common.Document, data: SowData) -> None:
    common.heading(document, "Status of the consultant")
    common.text(document, sow_terms.clause(data, "status_text"))
    if is_uk(data):
        common.paragraph(document, IR35)


def non_solicitation(document: common.Document, data: SowData) -> None:
    common.heading(document, "Non-solicitation")
    common.text(document, sow_terms.clause(data, "non_solicitation_text"))
    common.key_values(document, [("Period", non_solicitation_period(data))])


def non_solicitation_period(data: SowData) -> str:
    months = data.profile.non_solicitation_months
    if months == 0:
        return "None after the engagement ends"
    return f"{sow_terms.plural(months, 'month')} after the engagement ends"


def entire_agreement(document: common.Document, data: SowData) -> None:
    common.heading(document, "Entire agreement and order of precedence")
    common.text(document, sow_terms.clause(data, "entire_agreement_text"))


def governing_law(document: common.Document, data: SowData) -> None:
    common.heading(document, "Governing law and jurisdiction")
    common.paragraph(document, governing_law_text(data))


def governing_law_text(data: SowData) -> str:
    law = sow_terms.governing_law(data)
    if law == TO_BE_AGREED:
        return f"Governing law and jurisdiction: {TO_BE_AGREED}."
    return (
        f"This agreement, and any dispute or claim arising out of or in connection with it, is "
        f"governed by the law of {law}, and the courts of {law} have exclusive jurisdiction."
    )


def processing_annex(document: common.Document, data: SowData) -> None:
    """The annex Article 28 of the GDPR asks for, when the engagement processes personal data."""
    e = data.engagement
    if not e.personal_data:
        return
    common.page_break(document)
    common.heading(document, ANNEX_TITLE)
    end = "the end of the engagement"
    if e.planned_end_date:
        end = f"the planned end on {long_date(e.planned_end_date)}"
    rows = [
        (
            "Subject matter",
            f"The personal data the consultant sees as {e.client_name}'s "
            f"{scope_roles.label(e.role)} in “{e.title}”.",
        ),
        (
            "Duration",
            f"From {long_date(e.start_date)} to {end}, and until the data is deleted or "
            "returned as below.",
        ),
        ("Categories of data and of people", e.data_categories.strip() or TO_BE_AGREED),
        *ANNEX_FIXED.items(),
        ("Sub-processors", e.sub_processors.strip() or NO_SUB_PROCESSORS),
    ]
    order = ["Subject matter", "Duration", "Nature and purpose", "Categories of data and of people",
             "The client's instructions", "Sub-processors", "Security", "Transfers",
             "At the end", "Evidence"]  # fmt: skip
    found = dict(rows)
    common.key_values(document, [(label, found[label]) for label in order])
