"""A large Toggl Track export and the engagement its rows map to, shared by the import tests and
`make bench` (which measures how long the import takes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from storage.practice import clients, engagements

ROWS = 100_000
PROJECT = "Acme Robotics / Fractional CTO"
HEADER = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags"


def write_large_toggl(path: Path, rows: int = ROWS) -> Path:
    """Four 90-minute entries a day, from 3 January 2000, every note with a quoted comma."""
    first = dt.date(2000, 1, 3)
    lines = [HEADER]
    for i in range(rows):
        day, hour = first + dt.timedelta(days=i // 4), 8 + (i % 4) * 2
        lines.append(
            f'Ana,ana@example.com,Acme Robotics,Fractional CTO,Task {i % 7},"Note {i}, done",Yes,'
            f"{day},{hour:02d}:00:00,{day},{hour + 1:02d}:30:00,01:30:00,tag{i % 3}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def engagement_since_2000(db: Database) -> int:
    """The active engagement every row of the large file maps to."""
    client = clients.add(db, clients.Client("Acme Robotics", status="active"))
    made = engagements.add(
        db,
        engagements.Engagement(
            client.id or 0, "Fractional CTO", dt.date(2000, 1, 3), status="active"
        ),
    )
    return made.id or 0
