"""The sentences a scope of work prints about invoicing, chosen by the billing model and the
invoicing cadence, so a fixed fee never reads "invoices follow the time worked" and a month
invoiced in advance never reads as billed at its end."""

from __future__ import annotations

from storage.rules import BILLING_MODELS, INVOICING_CADENCES

TIME_BASED = ("hourly", "daily")
HEAVY_DAYS = (
    "Days beyond the commitment in a heavy period (a launch, a fundraise, a hiring round) are "
    "agreed in writing before they are worked."
)
CALENDAR_MONTHS = (
    "The term is counted in calendar months from the start date (a part month of 15 days or "
    "more counts as a month)."
)


def invoicing(model: str, cadence: str) -> str:
    """How and when invoices are raised, in one sentence true to both terms."""
    if model in TIME_BASED:
        unit = "hours" if model == "hourly" else "days"
        if cadence == "monthly_in_advance":
            return (
                f"Each month's committed {unit} are invoiced at the start of the month at the "
                f"rate agreed here; {unit} worked above or below them are adjusted on the next "
                "invoice."
            )
        if cadence == "per_instalment":
            return (
                f"The {unit} worked up to each agreed instalment date are invoiced on that date "
                "at the rate agreed here."
            )
        when = "at the end of each month" if cadence == "monthly_in_arrears" else "each month"
        return (
            f"Invoices follow the {unit} actually worked, {when}, at the rate agreed here; the "
            "monthly figure assumes the committed time each week."
        )
    if model == "monthly_retainer":
        if cadence == "per_instalment":
            return (
                "The monthly fee is invoiced on the instalment dates agreed in writing, whatever "
                "time is worked in each month."
            )
        when = {
            "monthly_in_advance": "at the start of each month",
            "monthly_in_arrears": "at the end of each month",
        }.get(cadence, "each month")
        return (
            f"The monthly fee is invoiced {when}, whatever time is worked in it; a first or "
            "last part month is invoiced in proportion to its days."
        )
    if cadence in ("monthly_in_advance", "monthly_in_arrears"):
        when = "start" if cadence == "monthly_in_advance" else "end"
        return (
            f"The fee is invoiced in equal monthly parts at the {when} of each month of the "
            "term, whatever time the work takes."
        )
    return (
        "The fee is invoiced in the instalments of the payment schedule, whatever time the work "
        "takes."
    )


def sentences(model: str, cadence: str, *, has_term: bool) -> list[str]:
    """Every sentence the fees section prints below its figures, for these terms."""
    found = [invoicing(model, cadence)]
    if has_term and model != "fixed_fee":
        found.append(CALENDAR_MONTHS)
    found.append(HEAVY_DAYS)
    return found


def combinations() -> list[tuple[str, str]]:
    """Every billing model with every cadence, as a test prints them."""
    return [(m, c) for m in BILLING_MODELS for c in INVOICING_CADENCES]
