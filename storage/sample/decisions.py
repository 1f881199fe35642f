"""Sample decisions data for the sample practice."""

from __future__ import annotations

import datetime as dt
import random

from sqlite_utils import Database

from storage.engagements import Engagement


def populate(
    db: Database, rng: random.Random, engagements: list[Engagement], *, as_of: dt.date, **_: object
) -> None:
    """Filled in by the decisions feature."""
