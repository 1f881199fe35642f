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

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import apsw

from storage.sync import apsw_db, tables
from storage.sync.tables import Table, pk_json

OMIT = int(apsw.mapping_session_conflict_response["SQLITE_CHANGESET_OMIT"])
REPLACE = int(apsw.mapping_session_conflict_response["SQLITE_CHANGESET_REPLACE"])
DATA = int(apsw.mapping_session_conflict["SQLITE_CHANGESET_DATA"])
NOTFOUND = int(apsw.mapping_session_conflict["SQLITE_CHANGESET_NOTFOUND"])
CONFLICT = int(apsw.mapping_session_conflict["SQLITE_CHANGESET_CONFLICT"])
CONSTRAINT = int(apsw.mapping_session_conflict["SQLITE_CHANGESET_CONSTRAINT"])

BASE_STATE = "sync_base"  # base-only: own seq and the mark
TOMBSTONES = "sync_tombstone"  # base-only: the last full row of each row this device deleted

FINAL_PARENTS = {"invoice": "invoice", "credit_note": "credit_note"}
FINAL_LINES = {
    "invoice_line": ("invoice", "invoice_id"),
    "credit_note_line": ("credit_note", "credit_note_id"),
}

# A clash on these UNIQUE rules renumbers (or renames) the row with the higher id.
NUMBERED = {"decision": "number", "change_request": "number", "document_version": "version"}
NAMED = {"client": "name"}
NOTE_COLUMNS = {"decision": "consequences", "change_request": "notes"}
REFERENCE_FORMS = {"decision": ("D-{:03d}", "ADR-{:04d}"), "change_request": ("#{}",)}
# A counter that must stay past every number given: (table, its column, the owner row's key column).
COUNTERS = {"decision": ("engagement", "next_decision_number", "engagement_id")}
# Counters only ever go up: on merge the greater value wins, whatever the clocks say.
MAX_COLUMNS = frozenset({("engagement", "next_decision_number")})
TEXT_COLUMNS = {
    "decision": ("title", "context", "options_text", "outcome", "consequences"),
    "change_request": ("title", "request", "notes"),
}

# Kinds of conflicts listed
FIELD = "field"
EDIT_OVER_DELETE = "edit_over_delete"
RESTORED_PARENT = "restored_parent"
REFUSED_FINAL = "refused_final"
RENUMBERED = "renumbered"
RENAMED = "renamed"
REFUSED = "refused"
DUPLICATE = "duplicate"  # two rows under one UNIQUE key: the lower id stays


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


def encode(value: Any) -> Any:
    """A column value as JSON (bytes tagged, so a blob comes back a blob)."""
    if isinstance(value, bytes):
        return {"$hex": value.hex()}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict) and "$hex" in value:
        return bytes.fromhex(value["$hex"])
    return value


def _same(a: Any, b: Any) -> bool:
    return (type(a) is type(b) and a == b) or (
        isinstance(a, int | float) and isinstance(b, int | float) and a == b
    )


@dataclass
class _Pending:
    """What the conflict handler decided during one apply, done once the apply returns (a
    handler must not write)."""

    updates: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    restores: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    replace_rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    clashes: list[tuple[str, str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    deleted: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)
    listed: list[tuple[Any, ...]] = field(default_factory=list)
    refused: int = 0
    renumbered: int = 0
    republish: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    # Rows brought back here: the stamps that go with the values restored (replacing the
    # row's stamps), and the rows whose stamps the other device's must not raise.
    stamps: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    own_stamps: set[tuple[str, str]] = field(default_factory=set)
    # Rows brought back from this device's record of what it deleted and published: the others
    # hold (or will take) that delete, so the row goes out again as an insert.
    resurrected: list[tuple[str, str]] = field(default_factory=list)


class Engine:
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
        with _transaction(self.main, "DEFERRED"):
            now = self._max_clock()
            if not full and now <= mark:
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

    def published(self, captured: Captured, seq: int) -> None:
        """The captured changes are in change file `seq`: apply them to the base and store the
        seq, in one commit of the base."""
        base = self._base()
        with _transaction(base, "IMMEDIATE"):
            self._keep_tombstones(base, captured.changeset, captured.row_clocks, own=True)
            apsw.Changeset.apply(captured.changeset, base, conflict=_force)
            _merge_clocks(base, captured.row_clocks)
            self._set_state(base, "own_seq", seq)
            if self._state(base, "mark", 0) < captured.mark:
                self._set_state(base, "mark", captured.mark)

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
                rules = _Rules(self, device_id, clocks, images, pending)
                rules.note_prior(changeset)
                apsw.Changeset.apply(
                    changeset, self.main, filter_change=rules.filter, conflict=rules.conflict
                )
                self._finish(pending, images)
                republish = self._clashes(pending, device_id)
                self._restore_parents(pending)
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
            for name, row_key in pending.resurrected:
                # The base forgets a row brought back from this device's own delete, so the
                # next capture publishes it again: the other device took that delete already.
                table = self.synced[name]
                where = " AND ".join(f"[{c}] = ?" for c in table.pk)
                base.execute(f"DELETE FROM [{name}] WHERE {where}", tuple(json.loads(row_key)))
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

    def _put(self, name: str, row: dict[str, Any]) -> None:
        """Insert `row`, or overwrite the row with its key (never another row: a UNIQUE clash
        raises, where INSERT OR REPLACE would silently delete the other row)."""
        table = self.synced[name]
        cols = [c for c in table.columns if c in row]
        rest = [c for c in cols if c not in table.pk]
        action = (
            "DO UPDATE SET " + ", ".join(f"[{c}] = excluded.[{c}]" for c in rest)
            if rest
            else "DO NOTHING"
        )
        self.main.execute(
            f"INSERT INTO main.[{name}] ({', '.join(f'[{c}]' for c in cols)}) "
            f"VALUES ({', '.join('?' for _ in cols)}) "
            f"ON CONFLICT({', '.join(f'[{c}]' for c in table.pk)}) {action}",
            [row[c] for c in cols],
        )

    @staticmethod
    def _row(
        conn: apsw.Connection, schema: str, table: Table, key: tuple[Any, ...]
    ) -> dict[str, Any] | None:
        where = " AND ".join(f"[{c}] = ?" for c in table.pk)
        cursor = conn.execute(f"SELECT * FROM [{schema}].[{table.name}] WHERE {where}", key)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip(table.columns, row, strict=False))

    # -- number and name clashes ---------------------------------------------------------------

    def _clashes(self, pending: _Pending, device_id: str) -> bool:
        """Settle each UNIQUE clash: the row with the higher id gets the next free number (or
        "Name (2)"). Returns whether this device renumbered a row of its own: the base then
        takes a placeholder for it, so the next capture publishes the new number."""
        republish = False
        for name, _op, key, row in sorted(pending.clashes, key=lambda c: (c[0], c[2])):
            republish = self._settle(pending, device_id, name, key, row) or republish
        pending.clashes.clear()
        return republish

    def _settle(
        self,
        pending: _Pending,
        device_id: str,
        name: str,
        key: tuple[Any, ...],
        row: dict[str, Any],
    ) -> bool:
        """Settle one clash (see `_clashes`); True when this device renumbered its own row."""
        table = self.synced[name]
        column = NUMBERED.get(name) or NAMED.get(name)
        holder = self._holder(table, row) if column else None
        kind = RENAMED if name in NAMED else RENUMBERED
        if column is None:
            return self._settle_duplicate(pending, device_id, table, key, row)
        if holder is None:
            if not self._fits(table, row):
                pending.refused += 1
                pending.listed.append(
                    (name, pk_json(key), "", json.dumps(None), _dump(row), REFUSED, 0, device_id)
                )
                return False
            self._put(name, row)
            return False
        pending.renumbered += 1
        if row[table.pk[0]] > holder[table.pk[0]]:
            # The incoming row has the higher id: it takes the next free number here, until
            # the device that holds it publishes the number it chose (later stamps win).
            moved = self._moved(table, column, row)
            self._put(name, moved)
            self._advance_counter(pending, name, moved)
            pending.listed.append(
                (name, pk_json(key), column, _dump(moved[column]), _dump(row[column]), kind, 0,
                 device_id)
            )  # fmt: skip
            return False
        # This device's row has the higher id: renumber it, stamped, and publish that.
        moved = self._moved(table, column, holder)
        self.main.execute("DELETE FROM main.sync_applying")
        try:
            self._put(name, moved)
            self._advance_counter(pending, name, moved)
        finally:
            self.main.execute("INSERT OR REPLACE INTO main.sync_applying(id) VALUES (1)")
        holder_key = tuple(holder[c] for c in table.pk)
        pending.republish.append((name, holder_key, {**holder, column: _sentinel(name, holder)}))
        self._put(name, row)
        pending.listed.append(
            (name, pk_json(holder_key), column, _dump(moved[column]), _dump(holder[column]), kind,
             0, device_id)
        )  # fmt: skip
        return True

    def _settle_duplicate(
        self,
        pending: _Pending,
        device_id: str,
        table: Table,
        key: tuple[Any, ...],
        row: dict[str, Any],
    ) -> bool:
        """Two rows made offline under one UNIQUE key that carries no number or name (an
        engagement's commitment from one date, a week's sent update): the row with the lower id
        stays on every device, whichever applies first, and the other is listed, never dropped
        silently."""
        holder = self._holder(table, row)
        if holder is None:  # not a clash between two rows: the row breaks a rule here
            pending.refused += 1
            pending.listed.append(
                (table.name, pk_json(key), "", json.dumps(None), _dump(row), REFUSED, 0, device_id)
            )
            return False
        pk = table.pk[0]
        holder_key = tuple(holder[c] for c in table.pk)
        if row[pk] < holder[pk]:
            where = " AND ".join(f"[{c}] = ?" for c in table.pk)
            self.main.execute(f"DELETE FROM main.[{table.name}] WHERE {where}", holder_key)
            self._put(table.name, row)
            kept, other, listed_key = row, holder, holder_key
        else:
            kept, other, listed_key = holder, row, key
        pending.listed.append(
            (table.name, pk_json(listed_key), "", _dump(kept), _dump(other), DUPLICATE, 0,
             device_id)
        )  # fmt: skip
        return False

    def _advance_counter(self, pending: _Pending, name: str, row: dict[str, Any]) -> None:
        """Keep the number counter past a number the renumbering gave, so the next record made
        here does not take it again."""
        counter = COUNTERS.get(name)
        column = NUMBERED.get(name)
        if counter is None or column is None:
            return
        owner, counter_column, link = counter
        table = self.synced[owner]
        before = self._row(self.main, "main", table, (row[link],))
        if before is None or before[counter_column] > row[column]:
            return
        self.main.execute(
            f"UPDATE main.[{owner}] SET [{counter_column}] = ? WHERE id = ?",
            (row[column] + 1, row[link]),
        )
        pending.republish.append((owner, (row[link],), before))  # the other device takes the max

    def _fits(self, table: Table, row: dict[str, Any]) -> bool:
        try:
            with _savepoint(self.main):
                self._put(table.name, row)
                raise _RollbackError
        except _RollbackError:
            return True
        except apsw.ConstraintError:
            return False

    def _holder(self, table: Table, row: dict[str, Any]) -> dict[str, Any] | None:
        """The local row that holds the incoming row's number or name, if any."""
        for rule in tables.unique_rules(self.main, table.name):
            if any(c not in row for c in rule.columns):
                continue
            where = " AND ".join(f"[{c}] = ?" for c in rule.columns)
            found = self.main.execute(
                f"SELECT * FROM main.[{table.name}] WHERE {where} AND [{table.pk[0]}] IS NOT ?",
                (*[row[c] for c in rule.columns], row[table.pk[0]]),
            ).fetchone()
            if found is not None:
                return dict(zip(table.columns, found, strict=False))
        return None

    def _moved(self, table: Table, column: str, row: dict[str, Any]) -> dict[str, Any]:
        """`row` with the next free number (or the next free "Name (n)"), a note, and its
        references to its old number rewritten."""
        moved = dict(row)
        old = row[column]
        if table.name in NAMED:
            n = 2
            while self.main.execute(
                f"SELECT 1 FROM main.[{table.name}] WHERE [{column}] = ?", (f"{old} ({n})",)
            ).fetchone():
                n += 1
            moved[column] = f"{old} ({n})"
            return moved
        new = self._next_number(table, column, row)
        moved[column] = new
        for form in REFERENCE_FORMS.get(table.name, ()):
            for text_column in TEXT_COLUMNS.get(table.name, ()):
                if isinstance(moved.get(text_column), str):
                    moved[text_column] = moved[text_column].replace(
                        form.format(old), form.format(new)
                    )
        note_column = NOTE_COLUMNS.get(table.name)
        if note_column and isinstance(moved.get(note_column), str):
            note = f"Renumbered from {old} to {new} when two devices' records met."
            moved[note_column] = f"{moved[note_column]}\n\n{note}".strip()
        return moved

    def _next_number(self, table: Table, column: str, row: dict[str, Any]) -> int:
        """The next free number in the row's scope (its engagement, its kind), past its counter."""
        scope = [c for c in ("engagement_id", "kind") if c in table.columns]
        where = " AND ".join(f"[{c}] = ?" for c in scope) or "1"
        top = _scalar(
            self.main,
            f"SELECT max([{column}]) FROM main.[{table.name}] WHERE {where} AND [{column}] < ?",
            [*[row[c] for c in scope], 1 << 62],
        )
        new = _int(top) + 1
        counter = COUNTERS.get(table.name)
        if counter is not None:
            owner, counter_column, link = counter
            given = self.main.execute(
                f"SELECT [{counter_column}] FROM main.[{owner}] WHERE id = ?", (row[link],)
            ).fetchone()
            if given is not None and given[0] is not None:
                new = max(new, int(given[0]))
        return new

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

    def close(self) -> None:
        if self.base is not None:
            self.base.close()
            self.base = None
        self.main.close()


class _RollbackError(Exception):
    pass


def _dump(value: Any) -> str:
    if isinstance(value, dict):
        return json.dumps({k: encode(v) for k, v in value.items()}, ensure_ascii=False)
    return json.dumps(encode(value), ensure_ascii=False)


class _Rules:
    """The filter and conflict handler of one apply."""

    def __init__(
        self,
        engine: Engine,
        device_id: str,
        clocks: dict[tuple[str, str, str], int],
        images: dict[tuple[str, str], dict[str, Any]],
        pending: _Pending,
    ) -> None:
        self.engine = engine
        self.device_id = device_id
        self.clocks = clocks
        self.images = images
        self.pending = pending
        self.prior: dict[tuple[str, Any], Any] = {}

    def _key(self, change: apsw.TableChange) -> tuple[Any, ...]:
        values = _old(change) if change.op == "DELETE" or change.op == "UPDATE" else _new(change)
        table = self.engine.synced[change.name]
        return tuple(values[table.columns.index(c)] for c in table.pk)

    def _local_clock(self, name: str, key: str, column: str, schema: str = "main") -> int:
        """This device's stamp of a field (of the row, for column ''): the field's own, or the
        row's insert stamp ('+') when the field has not changed since it was made."""
        rows = self.engine.main.execute(
            f"SELECT col, hlc FROM [{schema}].sync_row_clock WHERE tbl = ? AND pk = ? "
            "AND col IN (?, '+')",
            (name, key, column),
        ).fetchall()
        return _effective({str(c): _int(h) for c, h in rows}, column)

    def _remote(self, name: str, key: str, column: str) -> int:
        """The other device's stamp of a field, the same way."""
        found = self.clocks.get((name, key, column))
        if found is None and column:
            found = self.clocks.get((name, key, "+"))
        return found or 0

    def _remote_wins(
        self, name: str, key: str, column: str = "", *, published: bool = False
    ) -> bool:
        """The later stamp of this field (the row's, for column '') wins; a tie goes to the
        higher device id. The same comparison on both devices, so both keep the same value.
        When the field here still holds what this device last published (`published`), its
        stamp is the published one from the base: an edit here that came back to the same
        value was never sent, so it must not outvote the other device."""
        remote = (self._remote(name, key, column), self.device_id)
        schema = "base" if published else "main"
        local = (self._local_clock(name, key, column, schema), self.engine.device_id)
        return remote > local

    def _published(self, table: Table, key: tuple[Any, ...], column: str, here: Any) -> bool:
        base_row = self.engine._row(self.engine.main, "base", table, key)
        return base_row is not None and _same(base_row.get(column), here)

    def note_prior(self, changeset: bytes) -> None:
        """The status each invoice and credit note in the changeset has here before it applies:
        only one final BEFORE is refused changes (lines sent with their invoice are welcome)."""
        for change in apsw.Changeset.iter(changeset):
            if change.name in FINAL_PARENTS:
                key = self._key(change)
                row = self.engine.main.execute(
                    f"SELECT status FROM main.[{change.name}] WHERE id = ?", key
                ).fetchone()
                self.prior[(change.name, key[0])] = row[0] if row else None

    def _final(self, parent: str, parent_id: Any) -> bool:
        if (parent, parent_id) in self.prior:
            return self.prior[(parent, parent_id)] not in (None, "draft")
        row = self.engine.main.execute(
            f"SELECT status FROM main.[{parent}] WHERE id = ?", (parent_id,)
        ).fetchone()
        return row is not None and row[0] != "draft"

    def filter(self, change: apsw.TableChange) -> bool:
        name = change.name
        self.pending.touched.add(name)
        table = self.engine.synced.get(name)
        if table is None:
            return False
        if change.op == "DELETE":
            row = dict(zip(table.columns, _old(change), strict=False))
            self.pending.deleted[(name, pk_json([row[c] for c in table.pk]))] = row
        final = False
        if name in FINAL_PARENTS:
            final = self._final(name, self._key(change)[0])
        elif name in FINAL_LINES:
            parent, column = FINAL_LINES[name]
            index = table.columns.index(column)
            key = self._key(change)
            local = self.engine._row(self.engine.main, "main", table, key)
            ids = {local[column]} if local else set()
            for values in (_old(change), _new(change)):
                if values and values[index] is not apsw.no_change:
                    ids.add(values[index])
            final = any(self._final(parent, i) for i in ids if i is not None)
        if not final and change.op == "INSERT" and self._deleted_here_later(table, change):
            return False
        if not final or self._already_equal(table, change):
            return final or change.op != "UPDATE" or self._no_later_edit_here(table, change)
        self.pending.refused += 1
        self.pending.listed.append(
            (
                name,
                pk_json(self._key(change)),
                "",
                json.dumps(None),
                json.dumps(change.op),
                REFUSED_FINAL,
                self.clocks.get((name, pk_json(self._key(change)), ""), 0),
                self.device_id,
            )
        )
        return False

    def _deleted_here_later(self, table: Table, change: apsw.TableChange) -> bool:
        """An insert of a row this device deleted and published (the other device brought it
        back, as a parent of a row of its own, say) that carries no edit this device had not
        seen when it deleted it: the delete stands, as it does on the other device, which takes
        the delete cleanly (its row is the one deleted here)."""
        key = self._key(change)
        text = pk_json(key)
        kept = self.engine._tombstone_record(table.name, text)
        if kept is None or not kept.get("own"):
            return False
        if self.engine._row(self.engine.main, "main", table, key) is not None:
            return False
        return not self._edit_unseen(table, text, change, kept)

    def _no_later_edit_here(self, table: Table, change: apsw.TableChange) -> bool:
        """True when the update may apply as it is. SQLite sees a conflict only when the old
        values differ; a field changed here and back again (or to the same value the other side
        started from) matches, yet its later stamp must win: then the change is merged here
        field by field instead."""
        key = self._key(change)
        local = self.engine._row(self.engine.main, "main", table, key)
        if local is None:
            return True  # NOTFOUND: the conflict handler restores it
        text = pk_json(key)
        for index, column in enumerate(table.columns):
            new = _new(change)[index]
            if new is apsw.no_change or _same(local.get(column), new):
                continue
            if (table.name, column) in MAX_COLUMNS:
                wins = _greater(new, local.get(column))
            else:
                published = self._published(table, key, column, local.get(column))
                wins = self._remote_wins(table.name, text, column, published=published)
            if not wins:
                self._merge(table, key, text, change, local)
                return False
        return True

    def _already_equal(self, table: Table, change: apsw.TableChange) -> bool:
        local = self.engine._row(self.engine.main, "main", table, self._key(change))
        if change.op == "DELETE":
            return local is None
        if local is None:
            return False
        return all(
            v is apsw.no_change or _same(local[c], v)
            for c, v in zip(table.columns, _new(change), strict=False)
        )

    def conflict(self, reason: int, change: apsw.TableChange) -> int:
        name = change.name
        table = self.engine.synced[name]
        key = self._key(change)
        text = pk_json(key)
        if reason == DATA and change.op == "UPDATE":
            self._merge(table, key, text, change)
            return OMIT
        if reason == DATA and change.op == "DELETE":
            # Edited here, deleted there: the edit wins, if it is an edit the other device had
            # not seen (stamped here later than anything it knew of that field).
            if not self._edited_since(table, text, change):
                return REPLACE  # the delete stands
            self.pending.listed.append(
                (
                    name,
                    text,
                    "",
                    _dump(_current(table, change)),
                    json.dumps("deleted"),
                    EDIT_OVER_DELETE,
                    self.clocks.get((name, text, ""), 0),
                    self.device_id,
                )
            )
            return OMIT
        if reason == NOTFOUND and change.op == "UPDATE":
            # Deleted here, edited there: the edit wins, the row comes back whole.
            image = self.images.get((name, text))
            kept = self.engine._tombstone_record(name, text)
            if kept is not None and not self._edit_unseen(table, text, change, kept):
                return OMIT  # no edit this device had not seen when it deleted: the delete stands
            if image is not None:
                image = self._restored(table, text, image)
                self.pending.restores.append((name, image))
                self.pending.listed.append(
                    (
                        name,
                        text,
                        "",
                        _dump(image),
                        json.dumps("deleted"),
                        EDIT_OVER_DELETE,
                        self.clocks.get((name, text, ""), 0),
                        self.device_id,
                    )
                )
            return OMIT
        if reason == NOTFOUND:
            return OMIT  # a delete of a row already gone
        if reason == CONFLICT:
            # Made on both sides under one key (a setting, say): merged field by field.
            self._merge(table, key, text, change, _current(table, change))
            return OMIT
        if reason == CONSTRAINT:
            if change.op == "INSERT":
                row = dict(zip(table.columns, _new(change), strict=False))
            elif change.op == "UPDATE":
                local = self.engine._row(self.engine.main, "main", table, key) or {}
                row = dict(local)
                for c, v in zip(table.columns, _new(change), strict=False):
                    if v is not apsw.no_change:
                        row[c] = v
            else:
                return OMIT
            self.pending.clashes.append((name, change.op, key, row))
            return OMIT
        return OMIT

    def _edited_since(self, table: Table, text: str, change: apsw.TableChange) -> bool:
        """Does the row here hold a field changed after what the deleting device knew of it?
        (A value this device only took from the other side, or set by a rule such as a
        provisional number, carries no newer stamp of its own.)"""
        local = _current(table, change)
        for column, old in zip(table.columns, _old(change), strict=False):
            if column in table.pk or _same(local.get(column), old):
                continue
            here = self._local_clock(table.name, text, column)
            if (here, self.engine.device_id) > (
                self._remote(table.name, text, column),
                self.device_id,
            ):
                return True
        return False

    def _edit_unseen(
        self, table: Table, text: str, change: apsw.TableChange, kept: dict[str, Any]
    ) -> bool:
        """Does the other device's update change a field later than this device knew of it
        when it deleted the row? The same test the other device makes of this delete."""
        known = {str(c): _int(h) for c, h in kept.get("known", kept.get("clocks", {})).items()}
        last = {c: decode(v) for c, v in kept["row"].items()}
        for column, new in zip(table.columns, _new(change), strict=False):
            if new is apsw.no_change or column in table.pk or _same(last.get(column), new):
                continue
            remote = (self._remote(table.name, text, column), self.device_id)
            if remote > (_effective(known, column), self.engine.device_id):
                return True
        return False

    def _restored(self, table: Table, text: str, image: dict[str, Any]) -> dict[str, Any]:
        """The row to bring back when the other device edited a row deleted here: its full row,
        field by field against the last row this device had (its tombstone), the later stamp
        winning, as the other device's own copy (which kept its edit) merged it."""
        last = self.engine._tombstone(table.name, text)
        if last is None:
            return image
        stamps = self.engine._tombstone_clocks(table.name, text)
        merged = dict(image)
        chosen = {c: self._remote(table.name, text, c) for c in ("", "+")}
        for column in table.columns:
            if column in table.pk or column not in last:
                continue
            if _is_sentinel(table.name, column, last[column]):
                continue  # a placeholder of the base: the other device never held it
            if (table.name, column) in MAX_COLUMNS:
                if _greater(last[column], merged.get(column)):
                    merged[column] = last[column]
                continue
            remote = self._remote(table.name, text, column)
            local = _effective(stamps, column)
            # Strictly later only: at one stamp the values differ only where the editor set a
            # value by rule (a provisional number, its note), and the editor kept its row whole.
            if local > remote:
                merged[column] = last[column]
            chosen[column] = max(local, remote)
        self.pending.stamps[(table.name, text)] = chosen
        return merged

    def _merge(
        self,
        table: Table,
        key: tuple[Any, ...],
        text: str,
        change: apsw.TableChange,
        local: dict[str, Any] | None = None,
    ) -> None:
        """Same row changed on both sides: field by field, the later stamp of each field wins
        (values alone cannot tell "changed there only" from "changed back here")."""
        name = table.name
        if local is None:
            local = _current(table, change)
        take: dict[str, Any] = {}
        for index, column in enumerate(table.columns):
            new = _new(change)[index]
            if new is apsw.no_change:
                continue
            olds = _old(change)
            old = olds[index] if olds else apsw.no_change
            here = local.get(column)
            if _same(here, new):
                continue
            if (name, column) in MAX_COLUMNS:
                remote_wins = _greater(new, here)
            else:
                published = self._published(table, key, column, here)
                remote_wins = self._remote_wins(name, text, column, published=published)
            if remote_wins:
                take[column] = new
            both = old is apsw.no_change or not _same(here, old)
            if not both:
                continue  # changed there only: nothing to review
            stamp = self._remote(name, text, column)
            kept, other = (new, here) if remote_wins else (here, new)
            self.pending.listed.append(
                (name, text, column, _dump(kept), _dump(other), FIELD, stamp, self.device_id)
            )
        if take:
            self.pending.updates.append((name, key, take))


def _effective(stamps: dict[str, int], column: str) -> int:
    """A field's stamp from a row's stamps: its own, else the row's insert stamp ('+')."""
    if column in stamps or not column:
        return stamps.get(column, 0)
    return stamps.get("+", 0)


def _int(value: Any) -> int:
    return int(value or 0)


def _scalar(conn: apsw.Connection, sql: str, params: Any = ()) -> Any:
    """The first column of the first row, or None."""
    row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]


def _old(change: apsw.TableChange) -> tuple[Any, ...]:
    """The change's old values (none for an insert)."""
    return tuple(change.old or ())


def _new(change: apsw.TableChange) -> tuple[Any, ...]:
    """The change's new values (none for a delete)."""
    return tuple(change.new or ())


def _current(table: Table, change: apsw.TableChange) -> dict[str, Any]:
    """The local row a conflict is against (`change.conflict`)."""
    values = change.conflict or ()
    return dict(zip(table.columns, values, strict=False))


def _greater(a: Any, b: Any) -> bool:
    """a > b for a counter, a missing value counting as the least."""
    if a is None:
        return False
    return b is None or a > b


def _sentinel(name: str, row: dict[str, Any]) -> Any:
    """A value no record holds, unique per row: what the base keeps in place of a number or
    name renumbered here, so that it differs from the practice and is published."""
    if name in NAMED:
        return f"{row[NAMED[name]]} (sync placeholder {row['id']})"
    return (1 << 62) + int(row["id"])


PLACEHOLDER = " (sync placeholder "


def _is_sentinel(name: str, column: str, value: Any) -> bool:
    """Is `value` a base placeholder (`_sentinel`), never a value any device published?"""
    if NUMBERED.get(name) == column:
        return isinstance(value, int) and value >= 1 << 62
    if NAMED.get(name) == column:
        return isinstance(value, str) and PLACEHOLDER in value
    return False


def _unplaceheld(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """A base row with its placeholder (if any) taken back to the value it stands in for: the
    name it was renamed from, or a number past every number in its scope (set on restore)."""
    column = NUMBERED.get(name) or NAMED.get(name)
    if column is None or not _is_sentinel(name, column, row.get(column)):
        return row
    if name in NAMED:
        return {**row, column: str(row[column]).split(PLACEHOLDER)[0]}
    return {**row, column: None}


def _merge_clocks(
    conn: apsw.Connection,
    row_clocks: list[list[Any]],
    schema: str = "main",
    skip: set[tuple[str, str]] | None = None,
) -> None:
    """Take in the stamps of another device's rows: each field keeps the later of its stamp
    here and there, a field's stamp being its own or else its row's insert stamp ('+')."""
    remote: dict[tuple[str, str], dict[str, int]] = {}
    for item in row_clocks:
        column = item[2] if len(item) == 4 else ""
        remote.setdefault((item[0], item[1]), {})[column] = _int(item[-1])
    for (name, key), theirs in remote.items():
        if skip and (name, key) in skip:
            continue
        ours = {
            str(c): _int(h)
            for c, h in conn.execute(
                f"SELECT col, hlc FROM [{schema}].sync_row_clock WHERE tbl = ? AND pk = ?",
                (name, key),
            ).fetchall()
        }
        for column in set(theirs) | set(ours):
            merged = max(_effective(ours, column), _effective(theirs, column))
            if ours.get(column) == merged:
                continue
            conn.execute(
                f"INSERT INTO [{schema}].sync_row_clock(tbl, pk, col, hlc) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(tbl, pk, col) DO UPDATE SET hlc = excluded.hlc",
                (name, key, column, merged),
            )


def _force(reason: int, change: apsw.TableChange) -> int:
    """For the base, which must end equal to what the practice has: take the change."""
    if reason in (DATA, CONFLICT):
        return REPLACE
    return OMIT


@contextlib.contextmanager
def _transaction(conn: apsw.Connection, mode: str) -> Iterator[None]:
    conn.execute(f"BEGIN {mode}")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def _savepoint(conn: apsw.Connection) -> Iterator[None]:
    conn.execute("SAVEPOINT sync_try")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK TO sync_try")
        conn.execute("RELEASE sync_try")
        raise
    conn.execute("RELEASE sync_try")
