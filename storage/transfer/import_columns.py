"""The columns of the three peers' CSV exports, matched by meaning.

Each tracker names a column several ways (by version, by language of the report, by the columns
a person chose), so each meaning lists every header known for it; the first column of the file
that carries one of them is the one read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

MEANINGS: dict[str, tuple[str, ...]] = {
    "client": ("client", "client name", "customer"),
    "project": ("project", "project name"),
    "task": ("task", "task name"),
    "note": ("description", "notes", "note", "comment", "time entry"),
    "tags": ("tags", "tag"),
    "start date": ("start date", "start day", "started on"),
    "start time": ("start time", "started at"),
    "end date": ("end date", "end day"),
    "end time": ("end time", "ended at"),
    "date": ("date", "day", "spent date"),
    # a declared length, in the order preferred when a file has several
    "duration": (
        "duration (h)",
        "duration",
        "time (h)",
        "duration (decimal)",
        "time (decimal)",
        "hours",
        "duration (hh:mm:ss)",
    ),
    "email": ("email", "user email"),
    "user": ("user", "member", "username"),
    "first name": ("first name",),
    "last name": ("last name",),
}
# Headers only Clockify writes (its durations, rates, groups): they tell it from Toggl.
CLOCKIFY_MARKS = ("duration (h)", "duration (decimal)", "time (h)", "time (decimal)", "group",
                  "invoiced", "invoice id", "type")  # fmt: skip
CLOCKIFY_PREFIXES = ("billable rate (", "billable amount (")


def fold(name: str) -> str:
    """A column name as matched: no BOM, no surrounding space or quotes, any case."""
    return name.replace("\ufeff", "").strip().strip('"').strip().casefold()


def meanings(header: Iterable[str]) -> dict[str, list[int]]:
    """Each meaning the header carries: the positions of its columns, in preference order."""
    folded = [fold(h) for h in header]
    found: dict[str, list[int]] = {}
    for meaning, names in MEANINGS.items():
        places = [folded.index(name) for name in names if name in folded]
        if places:
            found[meaning] = places
    return found


def is_clockify(header: Iterable[str]) -> bool:
    names = {fold(h) for h in header}
    return bool(names & set(CLOCKIFY_MARKS)) or any(n.startswith(CLOCKIFY_PREFIXES) for n in names)


def cells_by_meaning(places: Mapping[str, list[int]], cells: list[str]) -> dict[str, str]:
    """The row's value for each meaning: the first of its columns that is not empty."""
    values = {}
    for meaning, positions in places.items():
        values[meaning] = next(
            (cells[p] for p in positions if p < len(cells) and cells[p].strip()), ""
        )
    return values
