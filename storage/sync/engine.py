"""The sync engine: a device's changes as a SQLite changeset, and other devices' changesets
applied by the practice's business rules (issue 35).

The app writes through sqlcipher3, so a session cannot record its writes as they happen. At sync
time the engine diffs the practice against a BASE (`Session.diff`): a device-local encrypted copy
of the state this device last published or absorbed. Diffing costs a scan of every synced
table, so a cheap check comes first: the row-clock triggers stamp every local write, and the base
remembers the greatest stamp it has covered (the "mark"); no stamp above it, nothing to send.

Remote changes are applied in one transaction on the practice, with a session recording what
they actually changed there; that recorded changeset is then applied to the base, so the base
keeps tracking "what the others already hold". A fix-up that the OTHER device must learn about
(this device renumbering its own row on a number clash) is made with the session paused: the
base does not get it, so the next capture publishes it.

Every rule gives the same result whichever device applies it (convergence):
- same field edited on both sides: the later stamp of that field wins (tie: the higher device
  id), the other value is listed; a field edited on one side only is merged in. Stamps are per
  field (`sync_row_clock`, column '+' = the row's insert stamp for fields unchanged since);
  a field that still holds what this device published is judged by the published stamp;
- edit against delete: the edit wins; the row is restored (the full row the editor sent) and
  listed;
- a final invoice or credit note, or a line of one: a remote change is refused and listed;
- a number clash (decision / change request number, document version) or a client name clash:
  the row with the higher id is renumbered (renamed "Name (2)") and listed; the device holding
  it publishes the new number, the other device sets the same row aside with a provisional
  number until that arrives;
- a child whose parent was deleted on the other side: the parent is restored (from the delete
  itself, or from this device's record of the rows it deleted);
- a change already present ("already equal") is a no-op, and applying one change file twice
  does nothing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import apsw

from storage.sync import apsw_db, tables
from storage.sync.conflict_rules import ConflictRules
from storage.sync.restores import RestoreRules
from storage.sync.rulebook import (
    BASE_STATE,
    DUPLICATE_IMPORT,
    EDIT_OVER_DELETE,
    FIELD,
    FINAL_LINES,
    FINAL_PARENTS,
    REFUSED_FINAL,
    RESTORED_PARENT,
    RESURRECTED,
    TOMBSTONES,
    _dump,
    _force,
    _int,
    _merge_clocks,
    _new,
    _old,
    _Pending,
    _same,
    _savepoint,
    _scalar,
    _transaction,
    decode,
    encode,
)
from storage.sync.tables import Table, pk_json


@dataclass(frozen=True)
class Captured:
    """This device's changes since it last published: the changeset, the row clocks of its
    rows, the greatest clock, the full rows of updated rows (so a device that deleted one can
    restore it whole), and the mark the base takes once published."""

    changeset: bytes
    row_clocks: list[list[Any]]
    hlc: int
    images: list[list[Any]] = field(default_factory=list)
    mark: int = 0
    finals: list[list[Any]] = field(default_factory=list)

    def meta(self) -> dict[str, Any]:
        """What the change file's meta must carry for `Engine.apply` on the other side:
        row_clocks as [table, pk-json, column, hlc] (column '' = the row, '+' = its making),
        images (full rows of updated rows) and finals (lines of invoices leaving draft)."""
        return {
            "hlc": self.hlc,
            "row_clocks": self.row_clocks,
            "images": self.images,
            "finals": self.finals,
        }


@dataclass(frozen=True)
class Applied:
    """What one applied change file did here: conflicts listed (fields merged, edits kept over
    deletes, parents restored), changes refused (final invoices), rows renumbered or renamed."""

    conflicts: int = 0
    refused: int = 0
    renumbered: int = 0


class Engine(RestoreRules):
    """Capture, publish and apply for one device's practice (`db_file`) and its base."""

    def __init__(
        self, db_file: Path, base_file: Path, key: bytes | None, *, device_id: str
    ) -> None:
        self.db_file = Path(db_file)
        self.base_file = Path(base_file)
        self.key = key
        self.device_id = device_id
        self.main = apsw_db.connect(self.db_file, key)
        self.base: apsw.Connection | None = None
        self._tables: dict[str, Table] | None = None
        if self.base_file.exists():
            self._open_base()

    # -- the base ---------------------------------------------------------------------------

    def _open_base(self) -> None:
        self.base = apsw_db.connect(self.base_file, self.key)
        self.base.execute(
            f"CREATE TABLE IF NOT EXISTS {RESURRECTED} (tbl TEXT NOT NULL, pk TEXT NOT NULL, "
            "row TEXT NOT NULL, PRIMARY KEY (tbl, pk)) WITHOUT ROWID"
        )
        apsw_db.attach(self.main, self.base_file, self.key, "base")

    def _base(self) -> apsw.Connection:
        if self.base is None:
            raise RuntimeError("no sync base: run start_base first")
        return self.base

    @property
    def synced(self) -> dict[str, Table]:
        """The synced tables, lines of invoices and credit notes first: a changeset applies
        table by table in this order, and a line must land while its invoice is still a draft
        (or not there yet), before the change that makes the invoice final."""
        if self._tables is None:
            found = tables.synced_tables(self.main)
            order = sorted(found, key=lambda name: (name not in FINAL_LINES, name))
            self._tables = {name: found[name] for name in order}
        return self._tables

    def start_base(self) -> None:
        """base := a copy of the practice as it is now (sync setup, join), with the row-clock
        triggers installed on the practice first, so no write falls between the two."""
        with _transaction(self.main, "IMMEDIATE"):
            tables.install_row_clocks(self.main)
        if self.base is not None:
            self.main.execute("DETACH DATABASE base")
            self.base.close()
            self.base = None
        temporary = self.base_file.with_name(f".{self.base_file.name}.tmp-{os.getpid()}")
        temporary.unlink(missing_ok=True)
        self.main.execute("VACUUM INTO ?", (str(temporary),))
        temporary.replace(self.base_file)
        self._open_base()
        base = self._base()
        with _transaction(base, "IMMEDIATE"):
            tables.drop_row_clocks(base)
            base.execute(f"CREATE TABLE IF NOT EXISTS {BASE_STATE} (key TEXT PRIMARY KEY, value)")
            base.execute(
                f"CREATE TABLE IF NOT EXISTS {TOMBSTONES} (tbl TEXT NOT NULL, pk TEXT NOT NULL, "
                "row TEXT NOT NULL, PRIMARY KEY (tbl, pk)) WITHOUT ROWID"
            )
            for name in ("sync_applied", "sync_row_clock", "sync_conflict", "sync_applying"):
                base.execute(f"DELETE FROM [{name}]")
            own = self._state(base, "own_seq", 0)
            self._set_state(base, "own_seq", own)
            self._set_state(base, "mark", self._max_clock())
        self._tables = None

    @staticmethod
    def _state(conn: apsw.Connection, key: str, default: int) -> int:
        row = conn.execute(f"SELECT value FROM {BASE_STATE} WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row and row[0] is not None else default

    @staticmethod
    def _set_state(conn: apsw.Connection, key: str, value: int) -> None:
        conn.execute(
            f"INSERT INTO {BASE_STATE}(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _max_clock(self) -> int:
        return _int(_scalar(self.main, "SELECT max(hlc) FROM main.sync_row_clock"))

    def own_seq(self) -> int:
        return self._state(self._base(), "own_seq", 0)

    def applied(self) -> dict[str, int]:
        return {
            str(d): int(s)
            for d, s in self.main.execute("SELECT device_id, seq FROM main.sync_applied")
        }

    # -- capture and publish -----------------------------------------------------------------

    def changed_since_published(self) -> bool:
        """The cheap check: has any local write been stamped above the base's mark?"""
        return self._max_clock() > self._state(self._base(), "mark", 0)

    def capture(self, *, full: bool = False) -> Captured | None:
        """This device's changes since it last published, or None when there are none.
        `full` skips the cheap check (a write made with the triggers missing)."""
        base = self._base()
        mark = self._state(base, "mark", 0)
        owed = self._owed_deletes(base)
        with _transaction(self.main, "DEFERRED"):
            now = self._max_clock()
            if not full and not owed and now <= mark:
                return None
            session = apsw.Session(self.main, "main")
            try:
                for name in self.synced:
                    session.attach(name)
                    session.diff("base", name)
                changeset = session.changeset() if not session.is_empty else b""
            finally:
                session.close()
            captured = None if not changeset else self._describe(changeset, now)
        if captured is None:
            with _transaction(base, "IMMEDIATE"):
                if self._state(base, "mark", 0) < now:
                    self._set_state(base, "mark", now)
        return captured

    def _describe(self, changeset: bytes, now: int) -> Captured:
        clocks: list[list[Any]] = []
        images: list[list[Any]] = []
        finals: list[list[Any]] = []
        latest = 0
        for change in apsw.Changeset.iter(changeset):
            table = self.synced[change.name]
            values = _old(change) if change.op != "INSERT" else _new(change)
            key = tuple(values[table.columns.index(c)] for c in table.pk)
            text = pk_json(key)
            # A deleted row goes with the stamps of what was published of it (an edit made
            # here and deleted before it was sent never existed for the others) and the stamp
            # of the delete itself.
            sql = (
                "SELECT col, hlc FROM base.sync_row_clock WHERE tbl = ?1 AND pk = ?2 AND col <> '' "
                "UNION ALL SELECT col, hlc FROM main.sync_row_clock WHERE tbl = ?1 AND pk = ?2 "
                "AND col = ''"
                if change.op == "DELETE"
                else "SELECT col, hlc FROM main.sync_row_clock WHERE tbl = ?1 AND pk = ?2"
            )
            for column, stamp in self.main.execute(sql, (table.name, text)).fetchall():
                latest = max(latest, _int(stamp))
                clocks.append([table.name, text, column, _int(stamp)])
            if change.op == "UPDATE":
                full_row = self._row(self.main, "main", table, key)
                if full_row is not None:
                    images.append([table.name, text, {k: encode(v) for k, v in full_row.items()}])
                status = table.columns.index("status") if "status" in table.columns else -1
                if (
                    table.name in FINAL_PARENTS
                    and status >= 0
                    and _old(change)[status] == "draft"
                    and _new(change)[status] not in (apsw.no_change, "draft")
                ):
                    finals.append([table.name, key[0], self._lines(table.name, key[0])])
        return Captured(changeset, clocks, latest or now, images, now, finals)

    def _lines(self, parent: str, parent_id: Any) -> list[dict[str, Any]]:
        """The lines of an invoice or credit note, as sent with its move out of draft."""
        name = next(line for line, (p, _) in FINAL_LINES.items() if p == parent)
        link = FINAL_LINES[name][1]
        table = self.synced[name]
        rows = self.main.execute(f"SELECT * FROM main.[{name}] WHERE [{link}] = ?", (parent_id,))
        return [{c: encode(v) for c, v in zip(table.columns, row, strict=False)} for row in rows]

    def _owed_deletes(self, base: apsw.Connection) -> bool:
        """Rows brought back here from this device's own delete are owed to the others (the
        base forgot them, so the diff sends them as inserts). One deleted again here before
        that went out must go as a delete: the base takes back the row as it was brought back,
        and the diff then sends its delete. True when any such row waits."""
        owed = base.execute(f"SELECT tbl, pk, row FROM {RESURRECTED}").fetchall()
        if not owed:
            return False
        with _transaction(base, "IMMEDIATE"):
            for name, text, row in owed:
                table = self.synced.get(str(name))
                if table is None:
                    continue
                key = tuple(json.loads(str(text)))
                if self._row(self.main, "main", table, key) is not None:
                    continue
                if self._row(base, "main", table, key) is not None:
                    continue
                values = {c: decode(v) for c, v in json.loads(str(row)).items()}
                cols = [c for c in table.columns if c in values]
                base.execute(
                    f"INSERT INTO [{table.name}] ({', '.join(f'[{c}]' for c in cols)}) "
                    f"VALUES ({', '.join('?' for _ in cols)})",
                    [values[c] for c in cols],
                )
        return True

    def published(self, captured: Captured, seq: int) -> None:
        """The captured changes are in change file `seq`: apply them to the base and store the
        seq, in one commit of the base."""
        base = self._base()
        with _transaction(base, "IMMEDIATE"):
            self._keep_tombstones(base, captured.changeset, captured.row_clocks, own=True)
            apsw.Changeset.apply(captured.changeset, base, conflict=_force)
            _merge_clocks(base, captured.row_clocks)
            base.execute(f"DELETE FROM {RESURRECTED}")  # sent, as an insert or a delete
            self._set_state(base, "own_seq", seq)
            if self._state(base, "mark", 0) < captured.mark:
                self._set_state(base, "mark", captured.mark)

    # -- apply -------------------------------------------------------------------------------

    def apply(self, device_id: str, seq: int, meta: dict[str, Any], changeset: bytes) -> Applied:
        """Apply another device's change file `seq` to the practice (the caller holds the
        writers' gate exclusively), then what it changed to the base. Twice is a no-op."""
        if self.applied().get(device_id, 0) >= seq:
            return Applied()
        clocks = {
            (item[0], item[1], item[2] if len(item) == 4 else ""): int(item[-1])
            for item in meta.get("row_clocks", [])
        }
        images = {
            (t, k): {c: decode(v) for c, v in row.items()} for t, k, row in meta.get("images", [])
        }
        pending = _Pending()
        pending_local = self._max_clock() > self._state(self._base(), "mark", 0)
        session = apsw.Session(self.main, "main")
        try:
            for name in self.synced:
                session.attach(name)
            with _transaction(self.main, "IMMEDIATE"):
                self.main.execute("INSERT OR REPLACE INTO main.sync_applying(id) VALUES (1)")
                self._take_finals(meta.get("finals", []), images, pending, device_id)
                rules = ConflictRules(self, device_id, clocks, images, pending)
                rules.note_prior(changeset)
                apsw.Changeset.apply(
                    changeset, self.main, filter_change=rules.filter, conflict=rules.conflict
                )
                self._finish(pending, images)
                self._settle_duplicate_imports(pending, device_id)
                republish = self._clashes(pending, device_id)
                self._restore_parents(pending)
                self._settle_provisional(pending)
                self._counters_past_numbers(pending)
                _merge_clocks(self.main, meta.get("row_clocks", []), "main", pending.own_stamps)
                for (table_name, key), stamps in pending.stamps.items():
                    self.main.execute(
                        "DELETE FROM main.sync_row_clock WHERE tbl = ? AND pk = ?",
                        (table_name, key),
                    )
                    for column, stamp in stamps.items():
                        self.main.execute(
                            "INSERT INTO main.sync_row_clock(tbl, pk, col, hlc) VALUES (?, ?, ?, ?)",
                            (table_name, key, column, stamp),
                        )
                for listed in pending.listed:
                    self.main.execute(
                        "INSERT INTO main.sync_conflict(tbl, pk, col, kept, other, kind, hlc, "
                        "device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        listed,
                    )
                self.main.execute(
                    "INSERT INTO main.sync_applied(device_id, seq) VALUES (?, ?) "
                    "ON CONFLICT(device_id) DO UPDATE SET seq = excluded.seq",
                    (device_id, seq),
                )
                self.main.execute("DELETE FROM main.sync_applying")
                recorded = session.changeset() if not session.is_empty else b""
                after = self._max_clock()
        finally:
            session.close()
        base = self._base()
        with _transaction(base, "IMMEDIATE"):
            if recorded:
                # Rows the other device deleted are kept too: a later edit from it, or a child
                # from this device's own past, may bring one back.
                self._keep_tombstones(base, recorded, meta.get("row_clocks", []))
                apsw.Changeset.apply(recorded, base, conflict=_force)
            _merge_clocks(base, meta.get("row_clocks", []), "main", pending.own_stamps)
            for brought_back in set(pending.stamps) | pending.own_stamps:
                # A row brought back: the base takes the stamps the practice has for it.
                base.execute("DELETE FROM sync_row_clock WHERE tbl = ? AND pk = ?", brought_back)
                for found in self.main.execute(
                    "SELECT col, hlc FROM main.sync_row_clock WHERE tbl = ? AND pk = ?",
                    brought_back,
                ).fetchall():
                    base.execute(
                        "INSERT INTO sync_row_clock(tbl, pk, col, hlc) VALUES (?, ?, ?, ?)",
                        (*brought_back, *found),
                    )
            for name, row_key, before in pending.republish:
                # The base keeps the row as it was before this device renumbered it on a clash,
                # with a placeholder number: the next capture then publishes the new number, its
                # note and rewritten references, with their later stamps.
                table = self.synced[name]
                where = " AND ".join(f"[{c}] = ?" for c in table.pk)
                rest = [c for c in table.columns if c not in table.pk]
                base.execute(
                    f"UPDATE [{name}] SET {', '.join(f'[{c}] = ?' for c in rest)} WHERE {where}",
                    (*[before[c] for c in rest], *row_key),
                )
            for name, text in pending.resurrected:
                # The base forgets a row brought back from this device's own delete, so the
                # next capture publishes it again: the other device took that delete already.
                table = self.synced[name]
                row_key = tuple(json.loads(text))
                where = " AND ".join(f"[{c}] = ?" for c in table.pk)
                base.execute(f"DELETE FROM [{name}] WHERE {where}", row_key)
                row = self._row(self.main, "main", table, row_key) or {}
                base.execute(
                    f"INSERT OR REPLACE INTO {RESURRECTED}(tbl, pk, row) VALUES (?, ?, ?)",
                    (name, text, _dump(row)),
                )
            if republish or pending.republish or pending.resurrected:
                # Something to publish that no new stamp shows: the next capture diffs in full.
                self._set_state(base, "mark", 0)
            elif not pending_local and self._state(base, "mark", 0) < after:
                self._set_state(base, "mark", after)
        conflicts = sum(
            1 for item in pending.listed if item[5] in (FIELD, EDIT_OVER_DELETE, RESTORED_PARENT)
        )
        return Applied(conflicts, pending.refused, pending.renumbered)

    def _take_finals(
        self,
        finals: list[list[Any]],
        images: dict[tuple[str, str], dict[str, Any]],
        pending: _Pending,
        device_id: str,
    ) -> None:
        """An invoice or credit note the other device sent while it was a draft here: before its
        move out of draft is applied, its fields and lines become exactly what was sent, and
        what was edited here meanwhile is refused and listed (what was sent is final)."""
        for parent, parent_id, lines in finals:
            table = self.synced[parent]
            local = self._row(self.main, "main", table, (parent_id,))
            if local is None or local.get("status") != "draft":
                continue
            image = images.get((parent, pk_json([parent_id])))
            if image is not None:
                kept = {c: v for c, v in image.items() if c not in ("status", "content_sha256")}
                if any(not _same(local.get(c), v) for c, v in kept.items()):
                    pending.listed.append(
                        (
                            parent,
                            pk_json([parent_id]),
                            "",
                            _dump(image),
                            _dump(local),
                            REFUSED_FINAL,
                            0,
                            device_id,
                        )
                    )
                    pending.refused += 1
                self._put(parent, {**local, **kept})
            line_name = next(n for n, (p, _) in FINAL_LINES.items() if p == parent)
            line_table = self.synced[line_name]
            link = FINAL_LINES[line_name][1]
            sent = {row["id"]: {c: decode(v) for c, v in row.items()} for row in lines}
            for found in self.main.execute(
                f"SELECT * FROM main.[{line_name}] WHERE [{link}] = ?", (parent_id,)
            ).fetchall():
                here = dict(zip(line_table.columns, found, strict=False))
                other = sent.get(here["id"])
                if other is not None and all(_same(here.get(c), v) for c, v in other.items()):
                    continue
                pending.refused += 1
                pending.listed.append(
                    (
                        line_name,
                        pk_json([here["id"]]),
                        "",
                        _dump(other),
                        _dump(here),
                        REFUSED_FINAL,
                        0,
                        device_id,
                    )
                )
                if other is None:
                    self.main.execute(f"DELETE FROM main.[{line_name}] WHERE id = ?", (here["id"],))
            for row in sent.values():
                self._put(line_name, row)

    def _settle_duplicate_imports(self, pending: _Pending, device_id: str) -> None:
        """One row of one file imported on both devices (the same fingerprint): its time entry
        with the lower id stays on both, the import row names it, and the other entry goes,
        listed, so the time is counted once."""
        for local, remote in pending.duplicate_imports:
            if not local:
                continue
            keep, drop = (
                (local, remote) if local["entry_id"] <= remote["entry_id"] else (remote, local)
            )
            if keep is remote:
                self.main.execute(
                    "UPDATE main.time_import_row SET import_id = ?, entry_id = ? "
                    "WHERE fingerprint = ?",
                    (remote["import_id"], remote["entry_id"], remote["fingerprint"]),
                )
            self.main.execute("DELETE FROM main.time_entry WHERE id = ?", (drop["entry_id"],))
            pending.listed.append(
                ("time_entry", pk_json([drop["entry_id"]]), "", _dump(keep), _dump(drop),
                 DUPLICATE_IMPORT, 0, device_id)
            )  # fmt: skip
        pending.duplicate_imports.clear()

    def _finish(self, pending: _Pending, images: dict[tuple[str, str], dict[str, Any]]) -> None:
        """The merges and restores the conflict handler decided, now that the apply is done."""
        for name, key, values in pending.updates:
            table = self.synced[name]
            sets = ", ".join(f"[{c}] = ?" for c in values)
            where = " AND ".join(f"[{c}] = ?" for c in table.pk)
            try:
                with _savepoint(self.main):
                    self.main.execute(
                        f"UPDATE main.[{name}] SET {sets} WHERE {where}", (*values.values(), *key)
                    )
            except apsw.ConstraintError:  # the merged number or name is taken here
                row = {**(self._row(self.main, "main", table, key) or {}), **values}
                pending.clashes.append((name, "UPDATE", key, row))
        for name, row in pending.restores + pending.replace_rows:
            try:
                with _savepoint(self.main):
                    self._put(name, row)
            except apsw.ConstraintError:
                table = self.synced[name]
                pending.clashes.append((name, "INSERT", tuple(row[c] for c in table.pk), row))

    def close(self) -> None:
        if self.base is not None:
            self.base.close()
            self.base = None
        self.main.close()
