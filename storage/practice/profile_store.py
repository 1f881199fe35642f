"""The consultant's profile as stored: one JSON value in the `setting` table.

Read here without building the profile's record (`settings.Profile`, 45 fields, made when its
module loads) where one setting of it is all that is needed: `report week` needs only the
day a week starts, and the window's first paint only how hours are written.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from sqlite_utils import Database

PROFILE_KEY = "profile"
DEFAULT_WEEK_START = "monday"
DEFAULT_HOURS_FORMAT = "h:mm"


def stored_profile(db: Database) -> dict[str, Any]:
    """The stored values by name ({} before the profile was first saved)."""
    row = db.execute("SELECT value FROM setting WHERE key = ?", [PROFILE_KEY]).fetchone()
    return cast(dict[str, Any], json.loads(row[0])) if row else {}


def stored_week_start(db: Database) -> str:
    """`load_profile(db).week_start`, read alone."""
    return cast(str, stored_profile(db).get("week_start", DEFAULT_WEEK_START))


def stored_hours_format(db: Database) -> str:
    """`load_profile(db).hours_format`, read alone."""
    return str(stored_profile(db).get("hours_format", DEFAULT_HOURS_FORMAT))
