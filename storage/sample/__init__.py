"""A deterministic sample practice: the same seed always writes the same clients and history.

Each area fills its own part (clients and engagements first, then their terms, time, decisions,
the exit plan, then month-end's business details and invoices), all through the storage API so the
sample passes the same validation as user input.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlite_utils import Database

from storage.rules.clock import today
from storage.sample import (
    clients,
    commitments,
    decisions,
    exit_plan,
    invoices,
    scope,
    terms,
    time,
    updates,
)


@dataclass(frozen=True)
class SampleOptions:
    seed: int = 1
    years: int = 1
    entries: int | None = None  # None: about two days a week per active engagement
    as_of: dt.date | None = None
    keep_version: scope.KeepVersion | None = None  # keeps a scope-of-work version (exporters)


def generate(db: Database, options: SampleOptions | None = None) -> None:
    """Write the sample practice into an empty database."""
    options = options or SampleOptions()
    as_of = options.as_of or today()
    rng = random.Random(options.seed)
    engagements = clients.populate(db, rng, as_of=as_of, years=options.years)
    engagements = commitments.populate(db, engagements, as_of=as_of)
    engagements = terms.populate(db, engagements)
    time.populate(db, rng, engagements, as_of=as_of, entries=options.entries)
    decisions.populate(db, rng, engagements, as_of=as_of)
    exit_plan.populate(db, rng, engagements, as_of=as_of)
    engagements = invoices.populate(db, engagements, as_of=as_of)
    scope.populate(db, engagements, as_of=as_of, keep_version=options.keep_version)
    updates.populate(db, engagements, as_of=as_of)
