"""One practice kept in step across machines through a folder the user already syncs.

`setup` makes this machine the practice's first device, `join` starts another machine from the
newest snapshot in the folder and the recovery key, and `sync_now` does one round: publish this
machine's changes since the last round as one change file, then apply every other device's
change files in order. A round holds the writers' gate exclusively only while it applies.

The database is opened here through APSW alone (see `apsw_db`): this module runs in the `sync`
command's own process, never in the app's, so two SQLite libraries never hold one file at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from storage.file import keys
from storage.file.db import database_file
from storage.file.file_swap import kill_point
from storage.file.private_files import private_folder
from storage.file.writers_gate import GateBusyError, WritersGate
from storage.rules import clock
from storage.rules.errors import ValidationError
from storage.sync import config as sync_config
from storage.sync import conflicts as conflict_list
from storage.sync import device_rows
from storage.sync.config import LastSync, SyncConfig
from storage.sync.engine import Engine
from storage.sync.folder import Change, DeviceInfo, Refusal, SyncFolder, SyncFolderError

log = logging.getLogger("fractional_desk")

SNAPSHOT_EVERY_CHANGES = 200
SNAPSHOT_EVERY_DAYS = 7
MAX_DEVICE_NUMBER = 2**20 - 1
APPLY_WAIT_SECONDS = 30.0
SNAPSHOT_NOW_ENV = "FRACTIONAL_DESK_SNAPSHOT_NOW"  # tests and support: a snapshot this round


REPLACED = (
    "the practice file here was replaced since this machine last synced (a restore, an import or "
    "an encryption change), so its differences are not edits to send: nothing was sent or taken. "
    "Stop syncing here (`fractional-desk sync leave --yes`) and join again into a new data folder "
    "(`fractional-desk sync join FOLDER`) to carry on from the other machines"
)


class SyncError(ValidationError):
    """Sync cannot start or go on, said in plain words; nothing was lost."""

    def __init__(self, message: str) -> None:
        super().__init__("sync", message)


@dataclass(frozen=True)
class Round:
    """What one round did (also kept in the sync file as `LastSync`)."""

    last: LastSync
    ignored: list[str]


def practice_key(data_dir: Path) -> bytes:
    """The practice's key; sync needs one (its files are sealed with keys derived from it)."""
    key = keys.key_for_folder(Path(data_dir))
    if key is None:
        raise SyncError(
            "sync needs an encrypted practice: run `fractional-desk encryption enable` first"
        )
    return key


def setup(data_dir: Path, folder: Path, name: str = "") -> SyncConfig:
    """Make this machine the first device of the practice in `folder`."""
    data_dir, folder = Path(data_dir), Path(folder).expanduser()
    if sync_config.load(data_dir) is not None:
        raise SyncError("this practice already syncs; `fractional-desk sync status` says where")
    _check_folder_apart(data_dir, folder)
    key = practice_key(data_dir)
    shared = SyncFolder.open(folder, key, create=True)
    if shared.devices():
        raise SyncError(
            f"{folder} already holds a practice's devices: join it with "
            "`fractional-desk sync join` instead"
        )
    device = _new_device(name, number=0, series_code="")
    engine = _engine(data_dir, key, device.device_id)
    try:
        _become(engine, device)
        engine.start_base()
        device = replace(device, schema=device_rows.schema(engine.main))
        shared.write_device(device)
        made = sync_config.SyncConfig(
            str(folder), device.device_id, device.name, practice_file=_file_identity(data_dir)
        )
        sync_config.save(data_dir, made)
        _snapshot(shared, engine, data_dir, made)
    finally:
        engine.close()
    return sync_config.load(data_dir) or made


def join(data_dir: Path, folder: Path, recovery_text: str, name: str = "") -> SyncConfig:
    """Start this machine's copy of the practice from the folder and its recovery key: the
    newest snapshot, then every change after it. The key goes into this machine's keyring."""
    from storage.file import recovery

    data_dir, folder = Path(data_dir), Path(folder).expanduser()
    target = database_file(data_dir)
    if target.exists():
        raise SyncError(f"{data_dir} already holds a practice: join into a new, empty data folder")
    key = keys.parse_recovery_key(recovery_text)
    try:
        shared = SyncFolder.open(folder, key)
    except SyncFolderError as exc:
        raise SyncError(str(exc)) from exc
    snapshot = shared.newest_snapshot()
    if snapshot is None:
        refused = "; ".join(f"{r.path.name}: {r.reason}" for r in shared.refused)
        raise SyncError(
            f"{folder} holds no snapshot this recovery key opens"
            + (f" ({refused})" if refused else ": run `fractional-desk sync` on the first machine")
        )
    private_folder(data_dir)
    partial = data_dir / f".join-{secrets.token_hex(4)}.partial"
    try:
        shared.unpack_snapshot(snapshot, partial)
        partial.chmod(0o600)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    recovery.recover(data_dir, recovery_text)  # checks the key opens it, keeps the key here
    taken = {str(d.number) for d in shared.devices()}
    codes = {d.series_code for d in shared.devices()}
    device = _new_device(name, number=_free_number(taken), series_code=_free_code(codes))
    engine = _engine(data_dir, key, device.device_id)
    try:
        _become(engine, device)
        vector = {str(k): int(v) for k, v in snapshot.meta.get("applied", {}).items()}
        vector[snapshot.device_id] = snapshot.seq
        device_rows.set_applied(engine.main, vector)
        engine.start_base()
        shared.write_device(replace(device, applied=vector, schema=device_rows.schema(engine.main)))
    finally:
        engine.close()
    joined = SyncConfig(
        str(folder), device.device_id, device.name, practice_file=_file_identity(data_dir)
    )
    sync_config.save(data_dir, joined)
    sync_now(data_dir)
    return sync_config.load(data_dir) or joined


def sync_now(data_dir: Path) -> Round:
    """One round. A folder that cannot be reached or written is reported in the result (and the
    sync file), never raised: the next round tries again. Nothing in the practice is lost."""
    data_dir = Path(data_dir)
    setup_here = sync_config.load(data_dir)
    if setup_here is None:
        raise SyncError("this practice does not sync yet: `fractional-desk sync setup FOLDER`")
    if setup_here.practice_file and setup_here.practice_file != _file_identity(data_dir):
        last = LastSync(at=clock.now_iso(), ok=False, problem=REPLACED)
        sync_config.record(data_dir, setup_here, last)
        return Round(last, [])
    key = practice_key(data_dir)
    engine = _engine(data_dir, key, setup_here.device_id)
    sent = taken = 0
    refused: list[str] = []
    ignored: list[str] = []
    problem = ""
    try:
        shared = SyncFolder.open(setup_here.root, key)
        sent = _publish(shared, engine, setup_here.device_id)
        devices = shared.devices()
        removed = _removed(devices)
        taken = _take_in(shared, engine, data_dir, devices, removed, setup_here.device_id)
        refused = [f"{r.path.name}: {r.reason}" for r in shared.refused]
        ignored = [p.name for p in shared.ignored]
        me = next((d for d in devices if d.device_id == setup_here.device_id), None)
        kill_point("sync-device")
        mine = _my_device(engine, setup_here, me)
        if me is None or _moved_on(me, mine):  # a round with nothing new writes nothing
            shared.write_device(mine)
        others = [d for d in devices if d.device_id != setup_here.device_id]
        shared.compact(setup_here.device_id, _covered(others, removed, setup_here, engine))
        setup_here = _snapshot_if_due(shared, engine, data_dir, setup_here)
    except (SyncFolderError, OSError) as exc:
        problem = _plain(exc)
    except GateBusyError as exc:
        problem = f"another command is using the practice ({exc}); trying again later"
    finally:
        conflicts = conflict_list.waiting(engine.main)
        engine.close()
    last = LastSync(
        at=clock.now_iso(), ok=not problem and not refused, problem=problem, sent=sent,
        taken=taken, conflicts=conflicts, refused=refused,
    )  # fmt: skip
    sync_config.record(data_dir, setup_here, last)
    return Round(last, ignored)


def devices(data_dir: Path) -> list[DeviceInfo]:
    setup_here = _required(data_dir)
    return SyncFolder.open(setup_here.root, practice_key(data_dir)).devices()


def remove_device(data_dir: Path, device_id: str) -> DeviceInfo:
    """Stop taking a device's changes (a lost or retired machine): every device ignores its
    files from its next round. This machine cannot remove itself (`sync leave` does that)."""
    setup_here = _required(data_dir)
    key = practice_key(data_dir)
    shared = SyncFolder.open(setup_here.root, key)
    found = [d for d in shared.devices() if d.device_id.startswith(device_id)]
    if len(found) != 1:
        raise SyncError(
            f"no single device starts with {device_id!r}: see `fractional-desk sync devices`"
        )
    gone = found[0]
    if gone.device_id == setup_here.device_id:
        raise SyncError(
            "this is this machine; to stop syncing here use `fractional-desk sync leave`"
        )
    me = next((d for d in shared.devices() if d.device_id == setup_here.device_id), None)
    engine = _engine(data_dir, key, setup_here.device_id)
    try:
        mine = _my_device(engine, setup_here, me)
        shared.write_device(replace(mine, removed=mine.removed | {gone.device_id}))
    finally:
        engine.close()
    return gone


def conflicts(data_dir: Path, *, include_reviewed: bool = False) -> list[dict[str, object]]:
    """The conflicts rounds settled on this machine, oldest first, as plain values."""
    setup_here = _required(data_dir)
    engine = _engine(data_dir, practice_key(data_dir), setup_here.device_id)
    try:
        found = conflict_list.list_conflicts(engine.main, include_resolved=include_reviewed)
        return [_conflict_values(engine, c) for c in found]
    finally:
        engine.close()


def _conflict_values(engine: Engine, c: conflict_list.Conflict) -> dict[str, object]:
    return {
        "id": c.id,
        "table": c.table,
        "row": _shown(c.key),
        "record": conflict_list.record_label(engine.main, c.table, c.key),
        "column": c.column,
        "kind": c.kind,
        "what_happened": conflict_list.kind_words(c.kind),
        "kept": _shown(c.kept),
        "other": _shown(c.other),
        "resolved": c.resolved,
    }


def settle_conflict(data_dir: Path, conflict_id: int, *, flip: bool) -> str:
    """Flip a conflict (the other value replaces the kept one, as a new edit here that wins on
    every machine at the next round) or mark it reviewed; says which, in words."""
    setup_here = _required(data_dir)
    engine = _engine(data_dir, practice_key(data_dir), setup_here.device_id)
    try:
        if flip:
            done = conflict_list.flip(engine.main, conflict_id)
            return f"{done.column} of {done.table} {_shown(done.key)} is now {_shown(done.kept)}"
        conflict_list.resolve(engine.main, conflict_id)
        return "marked reviewed; the kept value stays"
    finally:
        engine.close()


def _shown(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def leave(data_dir: Path) -> None:
    """This machine stops syncing; its practice stays as it is, and the others keep theirs."""
    _required(data_dir)
    sync_config.forget(data_dir)


# --- a round's steps --------------------------------------------------------------------------


def _publish(shared: SyncFolder, engine: Engine, device_id: str) -> int:
    captured = engine.capture()
    if captured is None:
        return 0
    # a file written by a round killed before the base took it keeps its number: never reuse one
    seq = max(engine.own_seq(), shared.last_seq(device_id)) + 1
    meta = {**captured.meta(), "seq": seq, "schema": device_rows.schema(engine.main),
            "applied": engine.applied()}  # fmt: skip
    shared.write_change(device_id, seq, meta, captured.changeset)
    kill_point("sync-written")
    engine.published(captured, seq)
    return 1


def _take_in(
    shared: SyncFolder,
    engine: Engine,
    data_dir: Path,
    devices: list[DeviceInfo],
    removed: set[str],
    me: str,
) -> int:
    """Apply every other device's new change files, in order, under the exclusive gate."""
    waiting = [d for d in devices if d.device_id != me and d.device_id not in removed]
    applied = engine.applied()
    if not any(shared.last_seq(d.device_id) > applied.get(d.device_id, 0) for d in waiting):
        return 0
    gate = WritersGate(data_dir, exclusive=True)
    gate.acquire(APPLY_WAIT_SECONDS)
    taken = 0
    try:
        for device in waiting:
            for change in shared.changes_after(device.device_id, applied.get(device.device_id, 0)):
                if not device_rows.knows_schema(engine.main, str(change.meta.get("schema", ""))):
                    shared.refused.append(_newer(change, shared))
                    break
                engine.apply(change.device_id, change.seq, change.meta, change.changeset)
                kill_point("sync-applied")
                taken += 1
    finally:
        gate.release()
    return taken


def _snapshot_if_due(
    shared: SyncFolder, engine: Engine, data_dir: Path, setup_here: SyncConfig
) -> SyncConfig:
    last_seq = setup_here.snapshot_seq
    due_by_count = engine.own_seq() - last_seq >= SNAPSHOT_EVERY_CHANGES
    due_by_age = _days_since(setup_here.snapshot_at) >= SNAPSHOT_EVERY_DAYS
    forced = bool(os.environ.get(SNAPSHOT_NOW_ENV))
    if last_seq >= 0 and not due_by_count and not due_by_age and not forced:
        return setup_here
    return _snapshot(shared, engine, data_dir, setup_here)


def _snapshot(
    shared: SyncFolder, engine: Engine, data_dir: Path, setup_here: SyncConfig
) -> SyncConfig:
    """A copy of this practice for a new device to start from, without this machine's own rows."""
    copy = data_dir / f".sync-snapshot-{secrets.token_hex(4)}.tmp"
    try:
        device_rows.copy_for_snapshot(engine.main, copy, engine.key)
        kill_point("sync-snapshot")
        seq = engine.own_seq()
        meta = {"seq": seq, "hlc": device_rows.hlc_now(engine.main), "applied": engine.applied(),
                "schema": device_rows.schema(engine.main)}  # fmt: skip
        shared.write_snapshot(setup_here.device_id, seq, meta, copy)
    finally:
        for leftover in (
            copy,
            copy.with_name(copy.name + "-wal"),
            copy.with_name(copy.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)
    updated = replace(setup_here, snapshot_seq=engine.own_seq(), snapshot_at=clock.now_iso())
    sync_config.save(data_dir, updated)
    return updated


def _my_device(engine: Engine, setup_here: SyncConfig, known: DeviceInfo | None) -> DeviceInfo:
    number, series_code = device_rows.device_number(engine.main)
    return DeviceInfo(
        device_id=setup_here.device_id, name=setup_here.name, number=number,
        series_code=series_code, applied=engine.applied(),
        removed=known.removed if known is not None else frozenset(),
        hlc=device_rows.hlc_now(engine.main), schema=device_rows.schema(engine.main),
    )  # fmt: skip


def _moved_on(before: DeviceInfo, now: DeviceInfo) -> bool:
    """Whether this device's file says something new: what it took in, its name, its schema."""
    return replace(before, hlc=0) != replace(now, hlc=0)


def _removed(devices: Iterable[DeviceInfo]) -> set[str]:
    return {gone for device in devices for gone in device.removed}


def _covered(
    others: list[DeviceInfo], removed: set[str], setup_here: SyncConfig, engine: Engine
) -> list[int]:
    """How far every other device has taken this one's changes, and the newest snapshot's seq:
    change files up to the smallest are no longer needed by anyone."""
    seen = [d.applied.get(setup_here.device_id, 0) for d in others if d.device_id not in removed]
    return [*seen, max(setup_here.snapshot_seq, 0)]


def _newer(change: Change, shared: SyncFolder) -> Refusal:
    return Refusal(
        shared.change_path(change.device_id, change.seq),
        "written by a newer Fractional Desk: update this machine to take its changes",
    )


def _new_device(name: str, *, number: int, series_code: str) -> DeviceInfo:
    return DeviceInfo(
        device_id=uuid.uuid4().hex, name=name or _machine_name(), number=number,
        series_code=series_code, applied={}, removed=frozenset(), hlc=0, schema="",
    )  # fmt: skip


def _become(engine: Engine, device: DeviceInfo) -> None:
    """This practice's file says which device it is (its id range and number series)."""
    device_rows.become_device(
        engine.main, device.device_id, device.number, device.series_code, device.name
    )


def _engine(data_dir: Path, key: bytes, device_id: str) -> Engine:
    return Engine(
        database_file(data_dir), sync_config.base_file(data_dir), key, device_id=device_id
    )


def _required(data_dir: Path) -> SyncConfig:
    found = sync_config.load(Path(data_dir))
    if found is None:
        raise SyncError("this practice does not sync yet: `fractional-desk sync setup FOLDER`")
    return found


def _check_folder_apart(data_dir: Path, folder: Path) -> None:
    """The live database never goes in the synced folder (nor the folder in the data folder)."""
    data, shared = data_dir.resolve(), folder.resolve()
    if shared == data or data in shared.parents or shared in data.parents:
        raise SyncError(
            "choose a sync folder apart from the data folder: the live database never goes in it"
        )


def _free_number(taken: set[str]) -> int:
    while True:
        number = secrets.randbelow(MAX_DEVICE_NUMBER) + 1
        if str(number) not in taken:
            return number


def _free_code(codes: set[str]) -> str:
    letters = [chr(c) for c in range(ord("B"), ord("Z") + 1)]
    for code in [*letters, *(a + b for a in letters for b in letters)]:
        if code not in codes:
            return code
    raise SyncError("this practice has too many devices: remove one first")


def _file_identity(data_dir: Path) -> int:
    """The database file's inode: another file renamed into its place has another one."""
    return database_file(data_dir).stat().st_ino


def _days_since(iso: str) -> float:
    try:
        then = dt.datetime.fromisoformat(iso)
    except ValueError:
        return float("inf")
    now = dt.datetime.fromisoformat(clock.now_iso())
    if (then.tzinfo is None) != (now.tzinfo is None):
        then = then.replace(tzinfo=now.tzinfo)
    return (now - then).total_seconds() / 86400


def _machine_name() -> str:
    return os.uname().nodename if hasattr(os, "uname") else "this machine"


def _plain(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"the sync folder cannot be used: {exc.strerror}"
    return str(exc)
