"""What a scope of work says about VAT, in one place: the fees are exclusive of VAT, and how VAT
then applies follows the client's tax treatment.

Today the practice knows only its own VAT rate (and an optional note, e.g. a reverse-charge
statement) from Preferences, so `practice_treatment` reads the treatment from those; a tax
treatment kept per client feeds `vat_clause` the same way.
"""

from __future__ import annotations

from storage.practice import Profile

DOMESTIC = "domestic"
REVERSE_CHARGE = "reverse_charge"
OUTSIDE_SCOPE = "outside_scope"
NOT_REGISTERED = "not_registered"
TREATMENTS = (DOMESTIC, REVERSE_CHARGE, OUTSIDE_SCOPE, NOT_REGISTERED)
EXCLUSIVE = "All fees in this document are exclusive of VAT."


def rate_words(rate_bp: int) -> str:
    """2000 -> "20%", 550 -> "5.5%"."""
    return f"{rate_bp / 100:g}%"


def practice_treatment(profile: Profile) -> str:
    """The treatment the practice's own settings imply: a VAT rate is charged at home; no rate
    with a note reads as reverse charge; no rate and no note, as not registered."""
    if profile.tax_rate_bp > 0:
        return DOMESTIC
    return REVERSE_CHARGE if profile.tax_note.strip() else NOT_REGISTERED


def vat_clause(treatment: str, rate_bp: int, note: str = "") -> str:
    """The VAT sentence for a treatment: the fees exclude VAT, then how it applies."""
    if treatment == DOMESTIC:
        after = f"VAT is added to each invoice at the rate in force, now {rate_words(rate_bp)}."
    elif treatment == REVERSE_CHARGE:
        after = (
            "No VAT is charged: the client accounts for it under the reverse charge, and each "
            "invoice shows the client's VAT number and says so."
        )
        if note.strip():
            after += f" {note.strip().rstrip('.')}."
    elif treatment == OUTSIDE_SCOPE:
        after = "The services are outside the scope of VAT, so none is charged."
    else:
        after = (
            "The consultant is not registered for VAT, so none is charged; if they register, "
            "VAT is added at the rate in force from then on."
        )
    return f"{EXCLUSIVE} {after}"


def for_profile(profile: Profile) -> str:
    return vat_clause(practice_treatment(profile), profile.tax_rate_bp, profile.tax_note)
