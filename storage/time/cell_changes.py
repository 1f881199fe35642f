"""The timesheet's writes, each returning the `Change` it made to the cells it touched.

A change is recorded as the cells' entries before and after, read under the write lock of the
write itself: undo puts one side back with `restore`, which applies the same rules as typing to
all the cells at once. `set_cells` may be given what the grid showed (`expected`): when another
process (the command line, a second window) saved into one of those cells since, it raises
`ChangedElsewhereError` carrying the cells as stored now, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from storage.file.changes import TIME_ENTRY, Change, ChangedElsewhereError, kinds
from storage.time import time_entries
from storage.time.time_entries import Cell, CellKey, TimeEntry

if TYPE_CHECKING:
    from sqlite_utils import Database

Cells = dict[CellKey, tuple[TimeEntry, ...]]
CellsChange = Change[Cells]


def set_cells(
    db: Database,
    changes: Sequence[tuple[CellKey, int]],
    *,
    expected: Mapping[CellKey, Cell] | None = None,
) -> CellsChange:
    """Replace each cell with one entry of its minutes (0 clears it), all or nothing.

    Raises ChangedElsewhereError (its `stored` maps each moved cell to its Cell now) when a cell
    no longer holds what `expected` says it held; ValidationError when a rule refuses a cell.
    """
    keys = [key for key, _minutes in changes]
    return _recorded(db, keys, lambda: time_entries.set_cells(db, changes), expected)


def add(db: Database, entry: TimeEntry) -> CellsChange:
    return _recorded(db, [_key(entry)], lambda: time_entries.add(db, entry))


def update(db: Database, entry: TimeEntry) -> CellsChange:
    """Update a stored entry; its old cell and its new one are both recorded when it moved."""
    if entry.id is None:
        raise ValueError("update needs a stored time entry")
    entry_id = entry.id
    old = time_entries.get(db, entry_id)
    keys = list(dict.fromkeys([_key(old), _key(entry)]))
    return _recorded(db, keys, lambda: time_entries.update(db, entry))


def delete(db: Database, entry: TimeEntry) -> CellsChange:
    entry_id = entry.id or 0
    return _recorded(db, [_key(entry)], lambda: time_entries.delete(db, entry_id))


def restore(db: Database, cells: Mapping[CellKey, Sequence[TimeEntry]]) -> CellsChange:
    """Undo and redo: make the cells hold these entries again, all or none."""
    return _recorded(db, list(cells), lambda: time_entries.replace_cells(db, cells))


def _recorded(
    db: Database,
    keys: Iterable[CellKey],
    write: Callable[[], object],
    expected: Mapping[CellKey, Cell] | None = None,
) -> CellsChange:
    """Read the cells, check them against `expected`, write, read them again: one transaction."""
    keys = list(dict.fromkeys(keys))
    with db.atomic():
        before = _read(db, keys)
        if expected is not None:
            _check_expected(before, expected)
        write()
        after = _read(db, keys)
    return Change(before, after, kinds(TIME_ENTRY))


def _check_expected(before: Cells, expected: Mapping[CellKey, Cell]) -> None:
    stored = {key: _cell(entries) for key, entries in before.items()}
    moved = {key: stored[key] for key in stored if key in expected and stored[key] != expected[key]}
    if moved:
        raise ChangedElsewhereError("minutes", moved)


def _read(db: Database, keys: Iterable[CellKey]) -> Cells:
    return {key: tuple(time_entries.list_cell(db, *key)) for key in keys}


def _cell(entries: Sequence[TimeEntry]) -> Cell:
    return Cell(sum(e.minutes for e in entries), len(entries))


def _key(entry: TimeEntry) -> CellKey:
    return (entry.engagement_id, entry.bucket, entry.day)
