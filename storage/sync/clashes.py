"""Number and name clashes on merge: two rows made offline under one UNIQUE rule. The row with
the higher id takes the next free number (decisions, change requests, document versions) or
"Name (2)" (clients), with a note and its references rewritten; under any other UNIQUE rule the
lower id stays. The device holding the moved row publishes it; the base keeps a placeholder
(`_sentinel`) in its place until then, which must never come back as a value."""

from __future__ import annotations

import json
from typing import Any

import apsw

from storage.sync import tables
from storage.sync.rulebook import (
    COUNTERS,
    DUPLICATE,
    NAMED,
    NOTE_COLUMNS,
    NUMBERED,
    PROVISIONAL,
    REFERENCE_FORMS,
    REFUSED,
    RENAMED,
    RENUMBERED,
    TEXT_COLUMNS,
    EngineCore,
    _dump,
    _int,
    _Pending,
    _RollbackError,
    _same,
    _savepoint,
    _scalar,
    decode,
)
from storage.sync.tables import Table, pk_json


class ClashRules(EngineCore):
    """Settling UNIQUE clashes in the practice (part of `Engine`)."""

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
        holder_text = pk_json([holder[c] for c in table.pk])
        sent = self._set_aside(pending, name, holder_text) if device_id else None
        if sent is not None:
            # The holder is the other device's row, held here only under a provisional number:
            # on that device the two never clash, so the row as sent takes the number and the
            # provisional one moves on (silently, like its first setting aside).
            moved = self._moved(table, column, holder)
            self._put(name, moved)
            self._advance_counter(pending, name, moved)
            pending.provisional.append((name, holder_text, column, sent, moved))
            self._put(name, row)
            pending.listed.append(
                (name, holder_text, column, _dump(moved[column]), _dump(holder[column]), kind, 0,
                 device_id)
            )  # fmt: skip
            return False
        if row[table.pk[0]] > holder[table.pk[0]]:
            # The incoming row has the higher id: it takes the next free number here, until
            # the device that holds it publishes the number it chose (later stamps win).
            moved = self._moved(table, column, row)
            self._put(name, moved)
            self._advance_counter(pending, name, moved)
            if device_id:  # a row the other device sent (not one brought back here)
                pending.provisional.append((name, pk_json(key), column, row, moved))
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

    def _provisional_table(self) -> None:
        self.main.execute(
            f"CREATE TABLE IF NOT EXISTS base.{PROVISIONAL} (tbl TEXT NOT NULL, pk TEXT NOT NULL, "
            "col TEXT NOT NULL, sent TEXT NOT NULL, aside TEXT NOT NULL, "
            "PRIMARY KEY (tbl, pk)) WITHOUT ROWID"
        )

    def _set_aside(self, pending: _Pending, name: str, text: str) -> dict[str, Any] | None:
        """The row as its device sent it, when it is held here under a provisional number."""
        for entry in reversed(pending.provisional):
            if entry[0] == name and entry[1] == text:
                return dict(entry[3])
        self._provisional_table()
        found = self.main.execute(
            f"SELECT sent FROM base.{PROVISIONAL} WHERE tbl = ? AND pk = ?", (name, text)
        ).fetchone()
        if found is None:
            return None
        return {c: decode(v) for c, v in json.loads(str(found[0])).items()}

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


class ProvisionalRules(ClashRules):
    """Rows set aside here under a provisional number go back to the number their device gave
    them once it is free here: the row that held it was renumbered or deleted by its own device,
    which never saw a clash with this row, so it will never send this row a new number."""

    def _settle_provisional(self, pending: _Pending) -> None:
        """Record the rows set aside in this apply, follow the numbers their device sent since,
        and put back each one whose number is free here again (silently: the other device
        holds it so already). Runs inside the apply's transaction."""
        self._provisional_table()
        for name, text, column, sent, aside in pending.provisional:
            self.main.execute(
                f"INSERT OR REPLACE INTO base.{PROVISIONAL}(tbl, pk, col, sent, aside) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, text, column, _dump(sent), _dump(aside)),
            )
        for (name, text), number in pending.sent_numbers.items():
            found = self.main.execute(
                f"SELECT col, sent FROM base.{PROVISIONAL} WHERE tbl = ? AND pk = ?", (name, text)
            ).fetchone()
            if found is None or any(p[0] == name and p[1] == text for p in pending.provisional):
                continue
            sent = {c: decode(v) for c, v in json.loads(str(found[1])).items()}
            sent[str(found[0])] = number
            self.main.execute(
                f"UPDATE base.{PROVISIONAL} SET sent = ? WHERE tbl = ? AND pk = ?",
                (_dump(sent), name, text),
            )
        waiting = self.main.execute(f"SELECT tbl, pk, col, sent, aside FROM base.{PROVISIONAL}")
        for found_name, found_key, found_column, sent_text, aside_text in waiting.fetchall():
            name, text, column = str(found_name), str(found_key), str(found_column)
            table = self.synced.get(name)
            here = None
            if table is not None:
                here = self._row(self.main, "main", table, tuple(json.loads(text)))
            sent = {c: decode(v) for c, v in json.loads(str(sent_text)).items()}
            aside = {c: decode(v) for c, v in json.loads(str(aside_text)).items()}
            if table is None or here is None or _same(here[column], sent[column]):
                self._drop_provisional(name, text)
                continue
            back = {column: sent[column]}
            if self._holder(table, {**here, **back}) is not None:
                continue  # still taken here: it waits
            for c, value in aside.items():
                if c == column or c not in sent or _same(sent[c], value):
                    continue
                if _same(here.get(c), value):
                    back[c] = sent[c]  # a note or reference the setting aside wrote
            sets = ", ".join(f"[{c}] = ?" for c in back)
            where = " AND ".join(f"[{c}] = ?" for c in table.pk)
            try:
                with _savepoint(self.main):
                    self.main.execute(
                        f"UPDATE main.[{table.name}] SET {sets} WHERE {where}",
                        (*back.values(), *json.loads(text)),
                    )
            except apsw.ConstraintError:
                continue  # taken under another rule: it waits
            self._drop_provisional(name, text)

    def _counters_past_numbers(self, pending: _Pending) -> None:
        """Every number counter past the numbers given in its scope, whatever merged them
        (a row put back under its number, a provisional one moved on): the app gives the next
        record the counter's number. Raised here, the counter is published; counters merge by
        the greater value on every device."""
        for name, (owner, counter_column, link) in COUNTERS.items():
            if name not in pending.touched and owner not in pending.touched:
                continue
            column = NUMBERED[name]
            behind = self.main.execute(
                f"SELECT d.[{link}], max(d.[{column}]) FROM main.[{name}] AS d "
                f"JOIN main.[{owner}] AS o ON o.id = d.[{link}] "
                f"WHERE d.[{column}] < ? GROUP BY d.[{link}] "
                f"HAVING max(d.[{column}]) >= max(o.[{counter_column}])",
                (1 << 62,),
            ).fetchall()
            for owner_id, top in behind:
                self._advance_counter(pending, name, {link: owner_id, column: top})

    def _drop_provisional(self, name: str, text: str) -> None:
        self.main.execute(f"DELETE FROM base.{PROVISIONAL} WHERE tbl = ? AND pk = ?", (name, text))
