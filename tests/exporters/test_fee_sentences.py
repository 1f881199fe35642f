"""Every sentence about invoicing follows the terms: each billing model with each cadence is
printed, and none says what its terms contradict; the fees section states each figure once."""

from __future__ import annotations

import dataclasses

from sqlite_utils import Database

from exporters import fee_sentences, scope_of_work
from storage.practice import engagements
from tests.export_support import body_text
from tests.sow_sample import agreed_engagement

# What a sentence must not say under a billing model or a cadence.
CONTRADICTS_MODEL = {
    "hourly": ("whatever time", "monthly fee", "payment schedule", "days worked", "committed days"),
    "daily": (
        "whatever time",
        "monthly fee",
        "payment schedule",
        "hours worked",
        "committed hours",
    ),
    "monthly_retainer": ("actually worked", "rate agreed", "payment schedule"),
    "fixed_fee": ("actually worked", "rate agreed", "monthly fee"),
}
CONTRADICTS_CADENCE = {
    "monthly_in_advance": ("end of each month", "actually worked", "instalment date"),
    "monthly_in_arrears": ("start of each month", "instalment date"),
    "per_instalment": ("start of each month", "end of each month"),
    "": ("start of each month", "end of each month"),
}


def test_no_sentence_contradicts_its_terms() -> None:
    for model, cadence in fee_sentences.combinations():
        for has_term in (True, False):
            text = " ".join(fee_sentences.sentences(model, cadence, has_term=has_term))
            print(f"{model} / {cadence or 'to be agreed'}: {text}")
            for phrase in CONTRADICTS_MODEL[model] + CONTRADICTS_CADENCE[cadence]:
                assert phrase not in text, (model, cadence, phrase)


def test_only_the_fixed_fee_without_monthly_parts_shares_a_sentence() -> None:
    """A fixed fee with no cadence agreed is invoiced as its schedule says, as per instalment."""
    found: dict[str, list[tuple[str, str]]] = {}
    for model, cadence in fee_sentences.combinations():
        found.setdefault(fee_sentences.invoicing(model, cadence), []).append((model, cadence))
    shared = [pairs for pairs in found.values() if len(pairs) > 1]
    assert shared == [[("fixed_fee", ""), ("fixed_fee", "per_instalment")]]


def test_the_fees_section_states_each_figure_once(db: Database) -> None:
    e = agreed_engagement(db)
    for model in ("monthly_retainer", "hourly", "daily", "fixed_fee"):
        engagements.update(db, dataclasses.replace(e, billing_model=model, fee_minor=900_000))
        text = body_text(scope_of_work.build(db, e.id or 0))
        assert text.count("£9,000") == 1, model
        assert "Invoices follow the time actually worked" not in text, model
        assert "Total over the term" not in text, model
