"""The clauses a lawyer asks for first, and drafts that stay drafts: the tenth schema step.

- An engagement's own text for each standard clause (governing law, liability, data protection,
  insurance, status, non-solicitation, entire agreement); empty prints the consultant's
  standard from Preferences.
- Whether the engagement processes personal data for the client, and the processing annex's
  own facts (the categories of data and of people, the sub-processors).
- A scope-of-work version is a draft (exported with a section still to be agreed) or complete,
  and a complete one may be marked signed on a date.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.file.schema import run_statements

ENGAGEMENT_TEXTS = (
    "governing_law", "liability_text", "data_protection_text", "insurance_text", "status_text",
    "non_solicitation_text", "entire_agreement_text", "data_categories", "sub_processors",
)  # fmt: skip

STATEMENTS = [
    *(
        f"ALTER TABLE engagement ADD COLUMN {col} TEXT NOT NULL DEFAULT ''"
        for col in ENGAGEMENT_TEXTS
    ),
    """ALTER TABLE engagement ADD COLUMN personal_data INTEGER NOT NULL DEFAULT 0
       CHECK (personal_data IN (0, 1))""",
    """ALTER TABLE document_version ADD COLUMN draft INTEGER NOT NULL DEFAULT 0
       CHECK (draft IN (0, 1))""",
    """ALTER TABLE document_version ADD COLUMN signed_on TEXT
       CHECK (signed_on IS NULL OR (date(signed_on) IS signed_on AND draft = 0))""",
]


def m012_clauses_and_drafts(db: Database) -> None:
    run_statements(db, STATEMENTS)
