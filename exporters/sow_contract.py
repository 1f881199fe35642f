"""The scope of work's contract terms: term, notice and termination, fees and payment, expenses,
confidentiality, intellectual property, and conflict of interest with vendor neutrality."""

from __future__ import annotations

from exporters import docx_common as common
from exporters import fee_sentences, fees, sow_terms, vat_wording
from exporters.formatting import TO_BE_AGREED, long_date, money
from exporters.sow_terms import SowData
from storage.rules import BILLING_MODELS

TERMINATION = (
    "Either party may end the engagement by giving the notice period above in writing (email "
    "is enough); it cannot end before the minimum term, except as the next point says.",
    "Either party may end it at once in writing if the other materially breaches these terms "
    "and does not remedy the breach within 14 days of being told of it.",
    "On ending, the client pays for work done up to the end date, the consultant hands over the "
    "work product and returns the client's access and material, and the exit criteria still "
    "open are handed over as they stand.",
)
VENDOR_NEUTRALITY = (
    "The consultant recommends no vendor, product or service from which they profit: they take "
    "no commission, referral fee or other payment from a vendor for a recommendation or a "
    "purchase, and recommend on the client's interest alone. Any interest that could be seen to "
    "affect their advice is declared below and in writing before the advice is given."
)


def term(document: common.Document, data: SowData) -> None:
    e = data.engagement
    common.heading(document, "Term, notice and termination")
    common.key_values(
        document,
        [
            ("Start", long_date(e.start_date)),
            ("Planned end", long_date(e.planned_end_date)),
            ("Planned term", sow_terms.term_words(e)),
            ("Minimum term", sow_terms.minimum_term(e)),
            ("Notice period", sow_terms.notice(e.notice_days)),
        ],
    )
    common.paragraph(
        document,
        "The engagement is designed to end. It is complete when the exit criteria below are met; "
        "the end date, or a reduced cadence after it, is agreed in writing.",
    )
    common.heading(document, "Termination", level=2)
    common.bullets(document, TERMINATION)
    common.heading(document, "Exit criteria", level=2)
    if not data.exit_criteria:
        common.paragraph(document, TO_BE_AGREED)
    for m in data.exit_criteria:
        due = f" (by {long_date(m.due_date)})" if m.due_date else ""
        common.bullets(document, [f"{m.title}{due}"])


def fee_terms(document: common.Document, data: SowData) -> None:
    """The fee once (its basis carries the amount, the month and the total), then invoicing,
    payment and VAT, and the sentences the billing model and the cadence call for."""
    e = data.engagement
    common.heading(document, "Fees and payment terms")
    common.key_values(
        document,
        [
            ("Billing model", BILLING_MODELS.get(e.billing_model, e.billing_model)),
            ("Fee", sow_terms.fee_basis(e)),
            ("Heavy periods", sow_terms.heavy_rate(e)),
            ("Invoicing", sow_terms.cadence(e)),
            ("Payment terms", sow_terms.payment_terms(data)),
            ("VAT", vat_wording.for_profile(data.profile)),
        ],
    )
    if e.billing_model == "fixed_fee":
        _payment_schedule(document, data)
    has_term = fees.term_months(e) is not None
    for sentence in fee_sentences.sentences(
        e.billing_model, e.invoicing_cadence, has_term=has_term
    ):
        common.paragraph(document, sentence, style="Caption")
    common.heading(document, "Expenses", level=2)
    common.text(document, e.expenses_policy)


def _payment_schedule(document: common.Document, data: SowData) -> None:
    """A fixed fee's instalments, with their total; a schedule that does not add up to the fee
    says so rather than print a total the client would find wrong."""
    e = data.engagement
    common.heading(document, "Payment schedule", level=2)
    shown = sow_terms.payment_schedule(data)
    if not shown:
        common.paragraph(document, TO_BE_AGREED)
        return
    paid = sum(i.amount_minor for i in data.instalments)
    total = ("Total", "", money(paid, e.currency))
    common.table(document, ("Instalment", "Due", "Amount"), [*shown, total],
                 widths=(7.4, 5.0, 4.0), numeric=(2,), bold_last=True)  # fmt: skip
    if paid != e.fee_minor:
        common.paragraph(
            document,
            f"The instalments add up to {money(paid, e.currency)}, not the fee of "
            f"{money(e.fee_minor, e.currency)}. {TO_BE_AGREED}.",
        )


def confidentiality(document: common.Document, data: SowData) -> None:
    common.heading(document, "Confidentiality")
    common.text(document, sow_terms.confidentiality(data))


def intellectual_property(document: common.Document, data: SowData) -> None:
    common.heading(document, "Intellectual property")
    common.text(document, sow_terms.ip_terms(data))


def conflict_of_interest(document: common.Document, data: SowData) -> None:
    common.heading(document, "Conflict of interest and vendor neutrality")
    common.paragraph(document, VENDOR_NEUTRALITY)
    common.heading(document, "Disclosures", level=2)
    common.text(document, data.engagement.disclosures, empty="None declared.")
