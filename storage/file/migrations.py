"""The ordered schema steps (sqlite-utils Migrations), each applied in its own transaction.

Never edit or reorder a released step; add a new one at the end.
"""

from __future__ import annotations

from sqlite_utils import Migrations

from storage.file.schema.change_requests import m013_change_requests
from storage.file.schema.clauses import m012_clauses_and_drafts
from storage.file.schema.client_status import m007_client_status_by_hand
from storage.file.schema.commitments import m008_commitment_periods
from storage.file.schema.core import m001_core
from storage.file.schema.decision_options import m005_decision_options_text
from storage.file.schema.decision_sources import m011_decision_sources
from storage.file.schema.decisions import m003_decisions
from storage.file.schema.exit_plan import m004_exit_plan
from storage.file.schema.imports import m006_time_imports
from storage.file.schema.money import m015_money
from storage.file.schema.sealed import m010_sealed_invoices
from storage.file.schema.terms import m009_terms_and_month_end
from storage.file.schema.time import m002_time
from storage.file.schema.updates import m014_weekly_update

MIGRATION_SET = "fractional_desk"

migrations = Migrations(MIGRATION_SET)
STEPS = (
    m001_core,
    m002_time,
    m003_decisions,
    m004_exit_plan,
    m005_decision_options_text,
    m006_time_imports,
    m007_client_status_by_hand,
    m008_commitment_periods,
    m009_terms_and_month_end,
    m010_sealed_invoices,
    m011_decision_sources,
    m012_clauses_and_drafts,
    m013_change_requests,
    m014_weekly_update,
    m015_money,
)
for _step in STEPS:
    migrations(name=_step.__name__)(_step)
