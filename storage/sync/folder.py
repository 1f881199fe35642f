"""The sync folder: the files each device shares with the others, through a folder the user
already syncs (Dropbox, iCloud Drive, OneDrive, Syncthing, a network share).

    <folder>/fractional-desk-sync/devices/<device-id>/device.fdsync
                                                      changes/<seq:012d>.fdchange
                                                      snapshots/<seq:012d>.fdsnap

Each device writes only its own subfolder, so the folder service never sees two writers on one
file. Every file is sealed (`storage.sync.sealed`) and written under a temporary name, fsync'd,
renamed and its folder fsync'd, so a reader sees a whole file or none. Readers take only names
that match these patterns exactly: partial temporaries and the services' own copies
("conflicted copy", "(1)", ".sync-conflict-", ".syncthing.*.tmp", "(Case Conflict)") are listed
as ignored, never read. A file whose seal fails is listed as refused, with the reason in plain
words, and nothing from it, nor anything after it from that device, is returned.

Listing never opens a file: one `os.scandir` per folder, names parsed, so a device with ten
thousand change files costs one directory read.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import struct
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from storage.rules.errors import StorageWriteError
from storage.sync.sealed import (
    BAD_CONTENT,
    CHUNK,
    INCOMPLETE,
    TOO_LARGE,
    UNREADABLE,
    Header,
    Kind,
    SealRefusedError,
    SyncKeys,
    is_device_id,
    open_sealed,
    open_stream,
    seal,
    seal_stream,
    sync_keys,
)

FOLDER_NAME = "fractional-desk-sync"
DEVICES = "devices"
DEVICE_FILE = "device.fdsync"
CHANGES = "changes"
SNAPSHOTS = "snapshots"
_CHANGE_NAME = re.compile(r"([0-9]{12})\.fdchange")
_SNAPSHOT_NAME = re.compile(r"([0-9]{12})\.fdsnap")
_TEMPORARY = re.compile(r"\..+\.tmp-[0-9a-f]{12}")
_EXPECTED_IN_DEVICE = frozenset({DEVICE_FILE, CHANGES, SNAPSHOTS})

MAX_SEQ = 10**12 - 1  # twelve digits in a file name
DEVICE_LIMIT = 1 << 20
CHANGE_LIMIT = 64 << 20
SNAPSHOT_LIMIT = 2 << 30
UNPACKED_CHANGE_LIMIT = 1 << 30  # a change file's container, once decompressed
META_LIMIT = 16 << 20
STALE_TEMPORARY_SECONDS = 3600

_FILE_MODE = 0o600
_FOLDER_MODE = 0o700
_LENGTH = struct.Struct(">I")


class SyncFolderError(StorageWriteError):
    """The sync folder cannot be reached, read or written (a drive not connected, a share gone,
    a full disk, no permission). Nothing local is lost: the next sync tries again."""


class SeqTakenError(SyncFolderError):
    """A device's change file with this number is already in the folder. A number is never
    reused: the others may have applied the file under it already."""


@dataclass(frozen=True)
class DeviceInfo:
    """What a device tells the others about itself (its `device.fdsync`)."""

    device_id: str
    name: str
    number: int
    series_code: str
    applied: dict[str, int]
    removed: frozenset[str]
    hlc: int
    schema: str


@dataclass(frozen=True)
class Change:
    """One change file: the engine's meta (clocks, applied vector, schema) and the changeset."""

    device_id: str
    seq: int
    meta: dict[str, Any]
    changeset: bytes


@dataclass(frozen=True)
class Snapshot:
    """A snapshot whose seal held when it was found; `unpack_snapshot` checks it again."""

    device_id: str
    seq: int
    meta: dict[str, Any]
    path: Path


@dataclass(frozen=True)
class Refusal:
    """A file that was not used, and why, in plain words."""

    path: Path
    reason: str


class SyncFolder:
    """The sync folder of one practice. `refused` and `ignored` collect what the reads of this
    object met (each file once): open one per sync and report them at its end."""

    def __init__(self, root: Path, keys: SyncKeys) -> None:
        self.root = root
        self.base = root / FOLDER_NAME
        self.keys = keys
        self.refused: list[Refusal] = []
        self.ignored: list[Path] = []
        self._noted: set[Refusal | Path] = set()  # each once, however many the folder holds

    def __repr__(self) -> str:
        return f"SyncFolder({str(self.root)!r})"

    @classmethod
    def open(cls, root: Path, practice_key: bytes, *, create: bool = False) -> SyncFolder:
        """The sync folder inside `root` (the folder the user chose). `create` makes its
        `fractional-desk-sync` subfolder; without it, a folder never set up is refused."""
        root = Path(root)
        try:
            is_folder = root.is_dir()
        except OSError as error:
            raise _error(root, error) from error
        if not is_folder:
            raise SyncFolderError(
                root,
                "is not there, so nothing was synced. Is the drive or the share connected? "
                "Everything on this machine is kept and syncs once the folder is back",
                errno.ENOENT,
            )
        folder = cls(root, sync_keys(practice_key))
        if create:
            folder._make_folder(folder.base / DEVICES)
        elif not (folder.base / DEVICES).is_dir():
            raise SyncFolderError(
                root,
                "holds no Fractional Desk sync folder: choose the folder sync was set up in "
                f"(the one that holds `{FOLDER_NAME}`)",
                errno.ENOENT,
            )
        return folder

    # Devices

    def device_folder(self, device_id: str) -> Path:
        _check_device_id(device_id)
        return self.base / DEVICES / device_id

    def device_ids(self) -> list[str]:
        """Every device folder present, in order (names only: nothing is opened)."""
        found = []
        for entry in self._scan(self.base / DEVICES):
            if is_device_id(entry.name) and entry.is_dir():
                found.append(entry.name)
            else:
                self._ignore(Path(entry.path))
        return sorted(found)

    def write_device(self, info: DeviceInfo) -> None:
        """Replace this device's `device.fdsync` with `info`."""
        folder = self.device_folder(info.device_id)
        body = _to_json(
            {
                "device_id": info.device_id,
                "name": info.name,
                "number": info.number,
                "series_code": info.series_code,
                "applied": dict(sorted(info.applied.items())),
                "removed": sorted(info.removed),
                "hlc": info.hlc,
                "schema": info.schema,
            }
        )
        sealed = seal(self.keys, self._header("device", info.device_id, 0), body)
        self._write(folder / DEVICE_FILE, lambda out: out.write(sealed))

    def devices(self) -> list[DeviceInfo]:
        """Every device whose `device.fdsync` is there and opens; the others are refused (a
        device folder whose file has not arrived yet is simply not listed)."""
        found = []
        for device_id in self.device_ids():
            folder = self.device_folder(device_id)
            for entry in self._scan(folder):
                if entry.name not in _EXPECTED_IN_DEVICE:
                    self._ignore(Path(entry.path))
            path = folder / DEVICE_FILE
            data = self._read(path, DEVICE_LIMIT)
            if data is None:
                continue
            try:
                body = open_sealed(self.keys, data, self._header("device", device_id, 0))
                found.append(_device_info(body, device_id))
            except SealRefusedError as refused:
                self._refuse(path, refused.reason)
        return found

    # Change files

    def change_path(self, device_id: str, seq: int) -> Path:
        _check_seq(seq, first=1)
        return self.device_folder(device_id) / CHANGES / f"{seq:012d}.fdchange"

    def write_change(
        self, device_id: str, seq: int, meta: dict[str, Any], changeset: bytes
    ) -> Path:
        """Write change `seq` of this device. A number is never written twice (SeqTakenError):
        after a crash, the next number is `last_seq(device_id) + 1`."""
        path = self.change_path(device_id, seq)
        if path.exists():
            raise SeqTakenError(
                path, f"change {seq} of this device is already in the sync folder", errno.EEXIST
            )
        metadata = _to_json(meta)
        plain = zlib.compress(_LENGTH.pack(len(metadata)) + metadata + bytes(changeset))
        sealed = seal(self.keys, self._header("change", device_id, seq), plain)
        if len(sealed) > CHANGE_LIMIT:
            raise SyncFolderError(
                path,
                "would be over 64 MiB, more than one change file may hold: "
                "a snapshot carries these changes instead",
                errno.EFBIG,
            )
        self._write(path, lambda out: out.write(sealed))
        return path

    def change_seqs(self, device_id: str) -> set[int]:
        """The numbers of the change files present for a device (names only)."""
        return self._seqs(device_id, CHANGES, _CHANGE_NAME)

    def last_seq(self, device_id: str) -> int:
        """The end of the unbroken run of change files: from 1, or from the lowest present
        once the device compacted its first files; 0 when there is none."""
        present = self.change_seqs(device_id)
        if not present:
            return 0
        seq = 1 if 1 in present else min(present)
        while seq + 1 in present:
            seq += 1
        return seq

    def changes_after(self, device_id: str, seq: int) -> Iterator[Change]:
        """A device's changes from `seq + 1` in order, up to the first number not delivered
        yet or the first refused file (which is named in `refused`)."""
        present = self.change_seqs(device_id)
        following = seq + 1
        while following in present:
            path = self.change_path(device_id, following)
            change = self._read_change(path, device_id, following)
            if change is None:
                return
            yield change
            following += 1

    def _read_change(self, path: Path, device_id: str, seq: int) -> Change | None:
        data = self._read(path, CHANGE_LIMIT)
        if data is None:
            return None
        try:
            plain = open_sealed(self.keys, data, self._header("change", device_id, seq))
            container = _decompress(plain, UNPACKED_CHANGE_LIMIT)
            meta, start = _meta_from(container)
        except SealRefusedError as refused:
            self._refuse(path, refused.reason)
            return None
        return Change(device_id, seq, meta, container[start:])

    # Snapshots

    def snapshot_path(self, device_id: str, seq: int) -> Path:
        _check_seq(seq, first=0)
        return self.device_folder(device_id) / SNAPSHOTS / f"{seq:012d}.fdsnap"

    def write_snapshot(
        self, device_id: str, seq: int, meta: dict[str, Any], database: Path
    ) -> Path:
        """Seal a copy of `database` (a plain SQLite file) as this device's snapshot at `seq`,
        compressed and streamed, never whole in memory."""
        path = self.snapshot_path(device_id, seq)
        metadata = _to_json(meta)
        header = self._header("snapshot", device_id, seq)
        with Path(database).open("rb") as source:  # a missing database fails here, plainly

            def chunks() -> Iterator[bytes]:
                yield _LENGTH.pack(len(metadata)) + metadata
                packer = zlib.compressobj(6)
                while block := source.read(CHUNK):
                    if packed := packer.compress(block):
                        yield packed
                yield packer.flush()

            self._write(
                path, lambda out: seal_stream(self.keys, header, chunks(), _Capped(out, path))
            )
        return path

    def snapshot_seqs(self, device_id: str) -> set[int]:
        return self._seqs(device_id, SNAPSHOTS, _SNAPSHOT_NAME)

    def newest_snapshot(self) -> Snapshot | None:
        """The newest snapshot whose seal holds, or None. Newest by the clock in its meta
        (`hlc`, read before the seal is checked, so used only to choose the order); a snapshot
        refused or deleted meanwhile gives way to the next."""
        candidates = []
        for device_id in self.device_ids():
            for seq in self.snapshot_seqs(device_id):
                path = self.snapshot_path(device_id, seq)
                peeked = self._peek_snapshot(path, device_id, seq)
                if peeked is not None:
                    candidates.append((peeked, device_id, seq, path))
        for _, device_id, seq, path in sorted(candidates, reverse=True):
            meta = self._verify_snapshot(path, device_id, seq)
            if meta is not None:
                return Snapshot(device_id, seq, meta, path)
        return None

    def unpack_snapshot(self, snapshot: Snapshot, target: Path) -> None:
        """Write the snapshot's SQLite database to `target`, a new file, only once the whole
        snapshot's seal has held; nothing is left at `target` otherwise."""
        target = Path(target)
        if target.exists():
            raise FileExistsError(errno.EEXIST, "the snapshot's target already exists", target)
        temp = target.with_name(f".{target.name}.tmp-{secrets.token_hex(6)}")
        header = self._header("snapshot", snapshot.device_id, snapshot.seq)
        try:
            with snapshot.path.open("rb") as source:
                size = _size_within(source, SNAPSHOT_LIMIT)
                fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, _FILE_MODE)
                with os.fdopen(fd, "wb") as out:
                    _unpack(open_stream(self.keys, source, size, header), out)
                    out.flush()
                    os.fsync(out.fileno())
            temp.replace(target)
        except SealRefusedError as refused:
            temp.unlink(missing_ok=True)
            self._refuse(snapshot.path, refused.reason)
            raise SyncFolderError(
                snapshot.path, f"cannot be used: it is {refused.reason}", errno.EIO
            ) from None
        except FileNotFoundError as error:
            temp.unlink(missing_ok=True)
            if error.filename is None or Path(error.filename) != snapshot.path:
                raise
            raise SyncFolderError(
                snapshot.path,
                "is gone from the sync folder (the folder service removed it): "
                "look for the newest snapshot again",
                errno.ENOENT,
            ) from None
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
            raise
        _fsync_folder(target.parent)

    # Compaction

    def compact(self, device_id: str, applied_by_others: Iterable[int]) -> int:
        """Delete this device's change files every other device has applied (seq up to the
        lowest of `applied_by_others`; nothing when it is empty), and the device's stale
        temporaries. The newest change file is always kept, so `last_seq` still knows the
        next number. Only a device's own folder is compacted, by that device. The caller
        includes the newest snapshot's applied[device] among `applied_by_others`, so a new
        device starting from that snapshot still finds every change after it."""
        covered = min(applied_by_others, default=0)
        present = sorted(self.change_seqs(device_id))
        if not present:
            return 0
        covered = min(covered, present[-1] - 1)
        removed = 0
        changes = self.device_folder(device_id) / CHANGES
        for seq in present:
            if seq > covered:
                break
            self._delete(self.change_path(device_id, seq))
            removed += 1
        self._delete_stale_temporaries(device_id)
        if removed:
            self._sync_folder(changes)
        return removed

    def prune_snapshots(self, device_id: str, keep: int = 2) -> int:
        """Delete this device's snapshots but its `keep` newest (two by default, so one the
        folder service loses still leaves one of this device's)."""
        present = sorted(self.snapshot_seqs(device_id), reverse=True)
        for seq in present[keep:]:
            self._delete(self.snapshot_path(device_id, seq))
        if present[keep:]:
            self._sync_folder(self.device_folder(device_id) / SNAPSHOTS)
        return len(present[keep:])

    # Reading

    def _header(self, kind: Kind, device_id: str, seq: int) -> Header:
        return Header(kind, self.keys.sync_id, device_id, seq)

    def _scan(self, folder: Path) -> list[os.DirEntry[str]]:
        """One directory read; a folder not there (yet) is empty."""
        try:
            with os.scandir(folder) as entries:
                return list(entries)
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as error:
            raise _error(folder, error) from error

    def _seqs(self, device_id: str, sub: str, pattern: re.Pattern[str]) -> set[int]:
        found = set()
        for entry in self._scan(self.device_folder(device_id) / sub):
            match = pattern.fullmatch(entry.name)
            if match:
                found.add(int(match[1]))
            else:
                self._ignore(Path(entry.path))
        return found

    def _read(self, path: Path, limit: int) -> bytes | None:
        """A whole file, or None when it is not there (not delivered yet, or removed)."""
        try:
            with path.open("rb") as source:
                _size_within(source, limit)
                data = source.read(limit + 1)
        except FileNotFoundError:
            return None
        except SealRefusedError as refused:
            self._refuse(path, refused.reason)
            return None
        except OSError:
            self._refuse(path, UNREADABLE)
            return None
        if len(data) > limit:  # grew while it was read
            self._refuse(path, TOO_LARGE)
            return None
        return data

    def _peek_snapshot(self, path: Path, device_id: str, seq: int) -> tuple[int, int] | None:
        """(clock, mtime) to order a snapshot by, from its first bytes, before its seal is
        checked; None when it is refused or gone."""
        try:
            with path.open("rb") as source:
                size = _size_within(source, SNAPSHOT_LIMIT)
                mtime = os.fstat(source.fileno()).st_mtime_ns
                stream = open_stream(
                    self.keys, source, size, self._header("snapshot", device_id, seq), verify=False
                )
                first = next(stream, b"")
        except FileNotFoundError:
            return None
        except SealRefusedError as refused:
            self._refuse(path, refused.reason)
            return None
        except OSError:
            self._refuse(path, UNREADABLE)
            return None
        try:
            meta, _ = _meta_from(first)
            clock = meta.get("hlc")
        except SealRefusedError:
            clock = 0  # not checked yet: it is refused in order, if it is the one tried
        return (clock if isinstance(clock, int) else 0, mtime)

    def _verify_snapshot(self, path: Path, device_id: str, seq: int) -> dict[str, Any] | None:
        """The meta of a snapshot whose whole seal holds, else None (refused or gone)."""
        try:
            with path.open("rb") as source:
                size = _size_within(source, SNAPSHOT_LIMIT)
                head = b""
                for chunk in open_stream(
                    self.keys, source, size, self._header("snapshot", device_id, seq)
                ):
                    if len(head) < META_LIMIT:
                        head += chunk[: META_LIMIT + _LENGTH.size - len(head)]
            meta, _ = _meta_from(head)
        except FileNotFoundError:
            return None
        except SealRefusedError as refused:
            self._refuse(path, refused.reason)
            return None
        except OSError:
            self._refuse(path, UNREADABLE)
            return None
        return meta

    def _refuse(self, path: Path, reason: str) -> None:
        refusal = Refusal(path, reason)
        if refusal not in self._noted:
            self._noted.add(refusal)
            self.refused.append(refusal)

    def _ignore(self, path: Path) -> None:
        if path not in self._noted:
            self._noted.add(path)
            self.ignored.append(path)

    # Writing

    def _make_folder(self, folder: Path) -> None:
        """Make `folder` and its missing parents (owner-only), each made durable."""
        missing = []
        probe = folder
        while not probe.is_dir() and probe != self.root:
            missing.append(probe)
            probe = probe.parent
        try:
            for made in reversed(missing):
                with contextlib.suppress(FileExistsError):
                    made.mkdir(mode=_FOLDER_MODE)
                _fsync_folder(made.parent)
        except OSError as error:
            raise _error(folder, error) from error

    def _write(self, target: Path, write: Callable[[BinaryIO], object]) -> None:
        """Write `target` whole or not at all: a temporary beside it, fsync'd, renamed over it,
        the folder fsync'd. A full disk or a folder that cannot be written raises
        SyncFolderError and leaves no file under a real name (nor the temporary)."""
        self._make_folder(target.parent)
        temp = target.with_name(f".{target.name}.tmp-{secrets.token_hex(6)}")
        try:
            fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, _FILE_MODE)
            with os.fdopen(fd, "wb") as out:
                write(out)
                out.flush()
                os.fsync(out.fileno())
            temp.replace(target)
            _fsync_folder(target.parent)
        except SyncFolderError:
            _discard(temp)
            raise
        except OSError as error:
            _discard(temp)
            raise _error(target, error) from error
        except BaseException:
            _discard(temp)
            raise

    def _delete(self, path: Path) -> None:
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            raise _error(path, error) from error

    def _sync_folder(self, folder: Path) -> None:
        try:
            _fsync_folder(folder)
        except OSError as error:
            raise _error(folder, error) from error

    def _delete_stale_temporaries(self, device_id: str) -> None:
        """Temporaries this device left when it stopped mid-write; an hour old, so never one
        being written (one sync at a time per device, and a write takes seconds)."""
        folder = self.device_folder(device_id)
        now = time.time()
        for sub in (folder, folder / CHANGES, folder / SNAPSHOTS):
            for entry in self._scan(sub):
                if not _TEMPORARY.fullmatch(entry.name):
                    continue
                with contextlib.suppress(OSError):
                    if now - entry.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                        Path(entry.path).unlink()


class _Capped:
    """A file being written that refuses to grow past the snapshot limit: a snapshot no reader
    would take is not written at all."""

    def __init__(self, out: BinaryIO, path: Path) -> None:
        self._out = out
        self._path = path
        self._written = 0

    def write(self, data: bytes) -> int:
        self._written += len(data)
        if self._written > SNAPSHOT_LIMIT:
            raise SyncFolderError(
                self._path,
                "would be over 2 GiB, more than a snapshot may hold, so it was not written",
                errno.EFBIG,
            )
        return self._out.write(data)


def _unpack(plain: Iterator[bytes], out: BinaryIO) -> None:
    """Skip the meta at the start of a snapshot's plaintext and decompress the database.

    The plaintext is not verified until the stream ends, so a part that does not decompress
    stops the writing but not the reading: a changed file is named as changed, not as
    malformed."""
    head = b""
    unpacker = zlib.decompressobj()
    started = broken = False
    for chunk in plain:
        if broken:
            continue
        if not started:
            head += chunk
            if len(head) < _LENGTH.size:
                continue
            (length,) = _LENGTH.unpack_from(head)
            broken = length > META_LIMIT
            if broken or len(head) < _LENGTH.size + length:
                continue
            chunk = head[_LENGTH.size + length :]
            started = True
        try:
            out.write(unpacker.decompress(chunk))
        except zlib.error:
            broken = True
    if broken or not started or not unpacker.eof or unpacker.unused_data:
        raise SealRefusedError(BAD_CONTENT)


def _meta_from(container: bytes) -> tuple[dict[str, Any], int]:
    """The JSON meta at the start of a container, and where the rest starts."""
    if len(container) < _LENGTH.size:
        raise SealRefusedError(BAD_CONTENT)
    (length,) = _LENGTH.unpack_from(container)
    end = _LENGTH.size + length
    if length > META_LIMIT or len(container) < end:
        raise SealRefusedError(BAD_CONTENT)
    try:
        meta = json.loads(container[_LENGTH.size : end])
    except ValueError:
        raise SealRefusedError(BAD_CONTENT) from None
    if not isinstance(meta, dict):
        raise SealRefusedError(BAD_CONTENT)
    return meta, end


def _decompress(data: bytes, limit: int) -> bytes:
    unpacker = zlib.decompressobj()
    try:
        plain = unpacker.decompress(data, limit)
    except zlib.error:
        raise SealRefusedError(BAD_CONTENT) from None
    if unpacker.unconsumed_tail or not unpacker.eof or unpacker.unused_data:
        raise SealRefusedError(BAD_CONTENT)
    return plain


def _device_info(body: bytes, device_id: str) -> DeviceInfo:
    try:
        data = json.loads(body)
        applied = data["applied"]
        removed = data["removed"]
        info = DeviceInfo(
            device_id=data["device_id"],
            name=data["name"],
            number=data["number"],
            series_code=data["series_code"],
            applied=dict(applied),
            removed=frozenset(removed),
            hlc=data["hlc"],
            schema=data["schema"],
        )
    except (ValueError, KeyError, TypeError):
        raise SealRefusedError(BAD_CONTENT) from None
    well_formed = (
        info.device_id == device_id
        and all(isinstance(v, str) for v in (info.name, info.series_code, info.schema))
        and all(_is_int(v) for v in (info.number, info.hlc))
        and isinstance(applied, dict)
        and all(isinstance(k, str) and _is_int(v) for k, v in applied.items())
        and isinstance(removed, list)
        and all(isinstance(r, str) for r in removed)
    )
    if not well_formed:
        raise SealRefusedError(BAD_CONTENT)
    return info


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _to_json(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True, allow_nan=False).encode()


def _size_within(source: BinaryIO, limit: int) -> int:
    size = os.fstat(source.fileno()).st_size
    if size > limit:
        raise SealRefusedError(TOO_LARGE)
    if size == 0:
        raise SealRefusedError(INCOMPLETE)
    return size


def _check_device_id(device_id: str) -> None:
    if not is_device_id(device_id):
        raise ValueError(f"not a device id (32 lower-case hex digits): {device_id!r}")


def _check_seq(seq: int, *, first: int) -> None:
    if not (isinstance(seq, int) and first <= seq <= MAX_SEQ):
        raise ValueError(f"not a file number from {first}: {seq!r}")


def _discard(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    """Make a rename or a new file durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:  # some network shares cannot sync a folder: the rename stands
        if error.errno not in _NO_FOLDER_SYNC:
            raise
    finally:
        os.close(fd)


_NO_FOLDER_SYNC = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF})


_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_DENIED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
_IN_THE_WAY = frozenset({errno.ENOTDIR, errno.EISDIR, errno.EEXIST})


def _error(path: Path, error: OSError) -> SyncFolderError:
    """A failure of the sync folder in plain words: full, not writable, or not reachable."""
    keep = "Nothing on this machine is lost; the next sync tries again"
    if error.errno in _FULL:
        problem = f"could not be written because the sync folder's disk is full. {keep}"
    elif error.errno in _DENIED:
        problem = (
            "cannot be written or read (the sync folder's permissions, or a read-only drive). "
            f"{keep}"
        )
    elif error.errno in _IN_THE_WAY:
        problem = (
            "cannot be written: a file stands where the sync folder needs a folder, or the "
            f"reverse (moved in by hand or by the folder service?). {keep}"
        )
    else:
        problem = f"cannot be reached (is the drive or the share connected?). {keep}"
    return SyncFolderError(path, problem, error.errno or errno.EIO)
