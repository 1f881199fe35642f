"""Decisions whose supersede links run in a circle: the app never makes one, but plain SQL or an
old import can, and a circle has no newest decision for the handoff to show.

Read from the stored links alone (the file layer knows the table, not the decision log's code):
each circle once, as the decisions in link order, starting from the lowest id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


LINKS = ("supersedes_id", "superseded_by_id")


def circles(db: Database, column: str) -> list[list[tuple[int, int]]]:
    """Each circle of `column` links, as (id, number) pairs in link order."""
    if column not in LINKS:
        raise ValueError(f"not a supersede link: {column}")
    found = db.execute(f"SELECT id, number, [{column}] FROM decision ORDER BY id").fetchall()
    numbers = {row[0]: row[1] for row in found}
    following = {row[0]: row[2] for row in found if row[2] is not None}
    done: set[int] = set()
    result = []
    for start in following:
        path: list[int] = []
        on_path: set[int] = set()
        at: int | None = start
        while at is not None and at not in done and at not in on_path:
            path.append(at)
            on_path.add(at)
            at = following.get(at)
        if at is not None and at in on_path:  # the walk came back onto itself: a circle
            ring = path[path.index(at) :]
            first = ring.index(min(ring))
            result.append([(i, numbers[i]) for i in ring[first:] + ring[:first]])
        done.update(path)
    return result
