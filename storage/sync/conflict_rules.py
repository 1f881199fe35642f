"""The filter and conflict handler of one apply: the same field edited on both sides (the later
stamp wins, the other value listed), an edit against a delete (the edit wins, the row restored
whole), a final invoice or credit note (a remote change refused and listed), a row deleted here
and sent back with nothing new (the delete stands). Every rule decides the same on both devices."""

from __future__ import annotations

import json
from typing import Any

import apsw

from storage.sync.clashes import _is_sentinel
from storage.sync.restores import RestoreRules
from storage.sync.rulebook import (
    CONFLICT,
    CONSTRAINT,
    DATA,
    EDIT_OVER_DELETE,
    FIELD,
    FINAL_LINES,
    FINAL_PARENTS,
    IMPORT_ROWS,
    MAX_COLUMNS,
    NAMED,
    NOTFOUND,
    NUMBERED,
    OMIT,
    REFUSED_FINAL,
    REPLACE,
    _current,
    _dump,
    _effective,
    _greater,
    _int,
    _new,
    _old,
    _Pending,
    _same,
    decode,
)
from storage.sync.tables import Table, pk_json


class ConflictRules:
    """The filter and conflict handler of one apply."""

    def __init__(
        self,
        engine: RestoreRules,
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
        numbered = NUMBERED.get(name) or NAMED.get(name)
        if numbered is not None and change.op != "DELETE":
            sent = _new(change)[table.columns.index(numbered)]
            if sent is not apsw.no_change:
                self.pending.sent_numbers[(name, pk_json(self._key(change)))] = sent
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
            if name == IMPORT_ROWS and change.op == "INSERT":
                local = self.engine._row(self.engine.main, "main", table, key) or {}
                remote = dict(zip(table.columns, _new(change), strict=False))
                self.pending.duplicate_imports.append((local, remote))
                return OMIT
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
            # Strictly later: a value set here by a rule (a provisional number and its note)
            # carries the stamp it had, equal to what the deleting device knew, not a new one.
            if self._local_clock(table.name, text, column) > self._remote(table.name, text, column):
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
            if self._remote(table.name, text, column) > _effective(known, column):
                return True  # strictly later, as `_edited_since` judges it on the other side
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
