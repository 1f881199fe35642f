"""Rows brought back: the tombstones the base keeps of deleted rows (the last row, its stamps,
what the deleting device knew, whether this device deleted it), and parents restored for a child
whose parent was deleted on the other side."""

from __future__ import annotations

import json
from typing import Any

import apsw

from storage.sync import tables
from storage.sync.clashes import ProvisionalRules, _unplaceheld
from storage.sync.rulebook import (
    NUMBERED,
    RESTORED_PARENT,
    TOMBSTONES,
    _dump,
    _int,
    _old,
    _Pending,
    _savepoint,
    decode,
    encode,
)
from storage.sync.tables import pk_json


class RestoreRules(ProvisionalRules):
    """Tombstones and restored parents (part of `Engine`)."""

    def _keep_tombstones(
        self,
        base: apsw.Connection,
        changeset: bytes,
        row_clocks: list[list[Any]],
        *,
        own: bool = False,
    ) -> None:
        """Keep the last row of each row deleted: its values, their stamps, the stamps the
        delete was sent with (what the deleting device knew of each field), and whether this
        device made the delete (`own`)."""
        sent: dict[tuple[str, str], dict[str, int]] = {}
        for item in row_clocks:
            column = item[2] if len(item) == 4 else ""
            sent.setdefault((item[0], item[1]), {})[column] = _int(item[-1])
        for change in apsw.Changeset.iter(changeset):
            if change.op != "DELETE":
                continue
            table = self.synced[change.name]
            row = dict(zip(table.columns, _old(change), strict=False))
            key = pk_json([row[c] for c in table.pk])
            clocks = {
                str(c): _int(h)
                for c, h in base.execute(
                    "SELECT col, hlc FROM sync_row_clock WHERE tbl = ? AND pk = ?",
                    (table.name, key),
                ).fetchall()
            }  # the stamps of these values: the base's, before this capture's stamps merge in
            base.execute(
                f"INSERT OR REPLACE INTO {TOMBSTONES}(tbl, pk, row) VALUES (?, ?, ?)",
                (table.name, key, json.dumps({
                    "row": {k: encode(v) for k, v in row.items()},
                    "clocks": clocks,
                    "known": sent.get((table.name, key), clocks),
                    "own": own,
                })),
            )  # fmt: skip

    # -- parents deleted on the other side -----------------------------------------------------

    def _restore_parents(self, pending: _Pending) -> None:
        """A child that points at a parent deleted on the other side keeps its parent: the parent
        is restored from the delete itself, or from this device's record of what it deleted."""
        fks = tables.foreign_keys(self.main, self.synced)
        for _ in range(8):
            restored = 0
            for fk in fks:
                if fk.child not in pending.touched and fk.parent not in pending.touched:
                    continue
                missing = self.main.execute(
                    f"SELECT DISTINCT c.[{fk.column}] FROM main.[{fk.child}] AS c "
                    f"WHERE c.[{fk.column}] IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                    f"main.[{fk.parent}] AS p WHERE p.[{fk.parent_column}] = c.[{fk.column}])"
                ).fetchall()
                for (value,) in missing:
                    key = pk_json([value])
                    row = pending.deleted.get((fk.parent, key))
                    if row is not None:  # as it was here a moment ago: its stamps stay
                        pending.own_stamps.add((fk.parent, key))
                    else:
                        row = self._tombstone(fk.parent, key)
                        if row is None:
                            continue
                        row = self._revived(fk.parent, row)
                        if self._tombstone_record(fk.parent, key) is not None:
                            pending.resurrected.append((fk.parent, key))
                        pending.stamps[(fk.parent, key)] = self._tombstone_clocks(fk.parent, key)
                        pending.own_stamps.add((fk.parent, key))
                    try:
                        with _savepoint(self.main):
                            self._put(fk.parent, row)
                    except apsw.ConstraintError:  # its name or number was taken meanwhile
                        parent_key = tuple(row[c] for c in self.synced[fk.parent].pk)
                        self._settle(pending, "", fk.parent, parent_key, row)
                    pending.touched.add(fk.parent)
                    pending.listed.append(
                        (fk.parent, key, "", _dump(row), json.dumps(None), RESTORED_PARENT, 0, "")
                    )
                    restored += 1
            if not restored:
                return

    def _tombstone(self, table: str, key: str) -> dict[str, Any] | None:
        """The last row this device published for a row it deleted (or the base's row)."""
        kept = self._tombstone_record(table, key)
        if kept is None:
            row = self._row(self.main, "base", self.synced[table], tuple(json.loads(key)))
        else:
            row = {c: decode(v) for c, v in kept["row"].items()}
        return row

    def _revived(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        """A tombstone row made fit to live again: a placeholder number or name of the base
        (this device renumbered the row, then deleted it before publishing the new number)
        becomes the name it stands in for, or the next free number."""
        row = _unplaceheld(table, row)
        column = NUMBERED.get(table)
        if column is not None and row.get(column) is None:
            row[column] = self._next_number(self.synced[table], column, row)
        return row

    def _tombstone_clocks(self, table: str, key: str) -> dict[str, int]:
        """The stamps of the tombstone's values (of the base's row, when there is none)."""
        kept = self._tombstone_record(table, key)
        if kept is not None:
            return {str(c): int(h) for c, h in kept["clocks"].items()}
        rows = self.main.execute(
            "SELECT col, hlc FROM base.sync_row_clock WHERE tbl = ? AND pk = ?", (table, key)
        ).fetchall()
        return {str(c): _int(h) for c, h in rows}

    def _tombstone_record(self, table: str, key: str) -> dict[str, Any] | None:
        row = self.main.execute(
            f"SELECT row FROM base.{TOMBSTONES} WHERE tbl = ? AND pk = ?", (table, key)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))
