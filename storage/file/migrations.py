"""The ordered schema steps (sqlite-utils Migrations), each applied in its own transaction.

Never edit or reorder a released step; add a new one at the end, in `STEP_NAMES` and in
`_steps` (a test checks that the two agree).

Which steps a file has had is read here with the driver alone (`applied_names`,
`pending_names`): a practice opened to read, already at this version's schema, never loads
sqlite-utils. `migrations` (the sqlite-utils object that applies them) is made on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storage.sqlite import sqlite3

MIGRATION_SET = "fractional_desk"

# The steps' names, in order: what a file records for each step applied. Reading which steps a
# file has had needs only these, so the 18 step modules load when a step is applied (a test checks
# these names against the functions in `STEPS`).
STEP_NAMES = (
    "m001_core",
    "m002_time",
    "m003_decisions",
    "m004_exit_plan",
    "m005_decision_options_text",
    "m006_time_imports",
    "m007_client_status_by_hand",
    "m008_commitment_periods",
    "m009_terms_and_month_end",
    "m010_sealed_invoices",
    "m011_decision_sources",
    "m012_clauses_and_drafts",
    "m013_change_requests",
    "m014_weekly_update",
    "m015_money",
    "m016_unit_prices",
    "m017_sync_device",
    "m018_sync_local",
    "m019_decision_listing",
)
RECORD_TABLE = "_sqlite_migrations"  # where sqlite-utils records each step applied


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """The steps this file has had, in the order they were applied (`migrations.applied`)."""
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [RECORD_TABLE]
    ).fetchone():
        return []
    rows = conn.execute(
        f"SELECT name FROM {RECORD_TABLE} WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
    )
    return [str(row[0]) for row in rows]


def pending_names(conn: sqlite3.Connection) -> list[str]:
    """The steps this file has yet to have (`migrations.pending`), in order."""
    applied = set(applied_names(conn))
    return [name for name in STEP_NAMES if name not in applied]


def _steps() -> tuple[Callable[[Database], None], ...]:
    """The step functions, in order (their modules hold each step's SQL)."""
    from storage.file.schema.change_requests import m013_change_requests
    from storage.file.schema.clauses import m012_clauses_and_drafts
    from storage.file.schema.client_status import m007_client_status_by_hand
    from storage.file.schema.commitments import m008_commitment_periods
    from storage.file.schema.core import m001_core
    from storage.file.schema.decision_listing import m019_decision_listing
    from storage.file.schema.decision_options import m005_decision_options_text
    from storage.file.schema.decision_sources import m011_decision_sources
    from storage.file.schema.decisions import m003_decisions
    from storage.file.schema.exit_plan import m004_exit_plan
    from storage.file.schema.imports import m006_time_imports
    from storage.file.schema.money import m015_money
    from storage.file.schema.sealed import m010_sealed_invoices
    from storage.file.schema.sync_device import m017_sync_device
    from storage.file.schema.sync_local import m018_sync_local
    from storage.file.schema.terms import m009_terms_and_month_end
    from storage.file.schema.time import m002_time
    from storage.file.schema.unit_prices import m016_unit_prices
    from storage.file.schema.updates import m014_weekly_update

    return (
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
        m016_unit_prices,
        m017_sync_device,
        m018_sync_local,
        m019_decision_listing,
    )


def _build() -> Migrations:
    from sqlite_utils import Migrations

    built = Migrations(MIGRATION_SET)
    for step in _steps():
        built(name=step.__name__)(step)
    return built


if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database, Migrations

    migrations: Migrations
    STEPS: tuple[Callable[[Database], None], ...]
else:

    def __getattr__(name: str) -> Any:
        """`migrations`, made (with sqlite-utils) the first time it is asked for, and `STEPS`,
        the step functions, whose modules load the first time they are asked for."""
        if name == "STEPS":
            globals()["STEPS"] = steps = _steps()
            return steps
        if name != "migrations":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        globals()["migrations"] = built = _build()
        return built
