"""The keys of a practice's sync folder, and the seal on each of its files.

Every file in the sync folder is a plain header, then a 12-byte nonce, then AES-256-GCM
ciphertext with its 16-byte tag. The header is the GCM associated data: it names the file's
kind, the practice (the sync-folder id), the device that wrote it and its number, so a file
copied under another name, or into another device's folder, is refused even though its seal
is intact. The key is derived from the practice's key, so nothing in the folder is readable,
or can be forged, without it; the sync-folder id (an HMAC of the practice key, not the key)
tells a file of another practice apart from a file someone changed.

Small files are sealed in one piece; a snapshot (up to 2 GiB) is sealed and opened as a
stream, and its plaintext counts only once the tag at its end has been checked.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, Literal, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"FDSYNC1\n"
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER_LIMIT = 128  # the longest header is under 100 bytes
CHUNK = 1 << 20

_SALT = b"fractional-desk sync"
_FILES_INFO = b"files v1"
_SYNC_ID_LABEL = b"fractional-desk sync folder"

Kind = Literal["device", "change", "snapshot"]
KINDS: tuple[Kind, ...] = ("device", "change", "snapshot")

# Why a file is refused, in the words the app shows beside its name.
CHANGED = "changed after it was written"
OTHER_PRACTICE = "from another practice"
MOVED = "renamed or moved after it was written"
NEWER = "written by a newer version of Fractional Desk"
NOT_OURS = "not a Fractional Desk sync file"
INCOMPLETE = "incomplete (not fully delivered yet, or cut short)"
TOO_LARGE = "too large to be a Fractional Desk sync file"
UNREADABLE = "cannot be read (the folder service may still be delivering it)"
BAD_CONTENT = "sealed correctly but not in the form this version reads"

_DEVICE_ID = re.compile(r"[0-9a-f]{32}")
_SYNC_ID = re.compile(r"[0-9a-f]{32}")
_SEQ = re.compile(r"0|[1-9][0-9]{0,17}")
_NEWER_MAGIC = re.compile(rb"FDSYNC[2-9][0-9]*\n")


class Sink(Protocol):
    """Where a sealed stream is written: a binary file, or one wrapped to cap its size."""

    def write(self, data: bytes, /) -> object: ...


class SealRefusedError(Exception):
    """A file whose header or seal does not hold; `reason` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SyncKeys:
    """The key that seals the folder's files, and the folder's id (which names the practice
    without revealing anything of its key)."""

    files_key: bytes
    sync_id: str

    def __repr__(self) -> str:  # never print a key in a log or a traceback
        return f"SyncKeys(sync_id={self.sync_id!r})"


def sync_keys(practice_key: bytes) -> SyncKeys:
    """The sync keys of a practice: HKDF-SHA256 for the files' key, an HMAC for the folder id."""
    if not practice_key:
        raise ValueError("sync needs the practice's key")
    files_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=_FILES_INFO).derive(
        practice_key
    )
    sync_id = hmac.new(practice_key, _SYNC_ID_LABEL, hashlib.sha256).digest()[:16].hex()
    return SyncKeys(files_key=files_key, sync_id=sync_id)


def is_device_id(text: str) -> bool:
    """A device id as the folder names it: uuid4 hex, lower case."""
    return _DEVICE_ID.fullmatch(text) is not None


@dataclass(frozen=True)
class Header:
    """What a file says it is: bound to its ciphertext as associated data."""

    kind: Kind
    sync_id: str
    device_id: str
    seq: int

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind of sync file: {self.kind!r}")
        if not _SYNC_ID.fullmatch(self.sync_id):
            raise ValueError(f"not a sync-folder id: {self.sync_id!r}")
        if not is_device_id(self.device_id):
            raise ValueError(f"not a device id: {self.device_id!r}")
        if not 0 <= self.seq < 10**18:
            raise ValueError(f"not a file number: {self.seq!r}")

    def encode(self) -> bytes:
        return MAGIC + f"{self.kind} {self.sync_id} {self.device_id} {self.seq}\n".encode("ascii")


def read_header(data: bytes) -> tuple[Header, int]:
    """The header at the start of `data` and its length; refused when it is not one this
    version writes (a newer version's file says so rather than "damaged")."""
    if not data.startswith(MAGIC):
        if _NEWER_MAGIC.match(data):
            raise SealRefusedError(NEWER)
        if MAGIC.startswith(data[: len(MAGIC)]):
            raise SealRefusedError(INCOMPLETE)
        raise SealRefusedError(NOT_OURS)
    end = data.find(b"\n", len(MAGIC), HEADER_LIMIT)
    if end < 0:
        raise SealRefusedError(INCOMPLETE if len(data) < HEADER_LIMIT else NOT_OURS)
    try:
        kind, sync_id, device_id, seq = data[len(MAGIC) : end].decode("ascii").split(" ")
    except (UnicodeDecodeError, ValueError):
        raise SealRefusedError(CHANGED) from None
    if kind not in KINDS or not _SEQ.fullmatch(seq):
        raise SealRefusedError(CHANGED)
    if not _SYNC_ID.fullmatch(sync_id) or not is_device_id(device_id):
        raise SealRefusedError(CHANGED)
    return Header(kind, sync_id, device_id, int(seq)), end + 1


def check_header(keys: SyncKeys, found: Header, expected: Header) -> None:
    """Refuse a header of another practice, or one that does not match where the file lies."""
    if found.sync_id != keys.sync_id:
        raise SealRefusedError(OTHER_PRACTICE)
    if found != expected:
        raise SealRefusedError(MOVED)


def seal(keys: SyncKeys, header: Header, plaintext: bytes) -> bytes:
    """The whole file: header, nonce, ciphertext and tag."""
    associated = header.encode()
    nonce = os.urandom(NONCE_BYTES)
    return associated + nonce + AESGCM(keys.files_key).encrypt(nonce, plaintext, associated)


def open_sealed(keys: SyncKeys, data: bytes, expected: Header) -> bytes:
    """The plaintext of a whole file, or SealRefusedError naming why it cannot be trusted."""
    header, start = read_header(data)
    check_header(keys, header, expected)
    if len(data) < start + NONCE_BYTES + TAG_BYTES:
        raise SealRefusedError(INCOMPLETE)
    nonce = data[start : start + NONCE_BYTES]
    try:
        return AESGCM(keys.files_key).decrypt(nonce, data[start + NONCE_BYTES :], data[:start])
    except InvalidTag:
        raise SealRefusedError(CHANGED) from None


def seal_stream(keys: SyncKeys, header: Header, chunks: Iterable[bytes], out: Sink) -> None:
    """Write a sealed file to `out` chunk by chunk (the same layout `seal` makes)."""
    associated = header.encode()
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.AES(keys.files_key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(associated)
    out.write(associated + nonce)
    for chunk in chunks:
        out.write(encryptor.update(chunk))
    out.write(encryptor.finalize())
    out.write(encryptor.tag)


def open_stream(
    keys: SyncKeys, source: BinaryIO, size: int, expected: Header, *, verify: bool = True
) -> Iterator[bytes]:
    """The plaintext of a sealed file of `size` bytes, chunk by chunk.

    Chunks come BEFORE the tag is checked: a caller uses them only once the iteration has ended
    without SealRefusedError (writing them to a temporary file meanwhile). With `verify=False`
    the tag is never checked: only for peeking at a file's first bytes to order candidates,
    never for using them.
    """
    head = source.read(min(size, HEADER_LIMIT))
    header, start = read_header(head)
    check_header(keys, header, expected)
    if size < start + NONCE_BYTES + TAG_BYTES:
        raise SealRefusedError(INCOMPLETE)
    source.seek(start)
    nonce = source.read(NONCE_BYTES)
    source.seek(size - TAG_BYTES)
    tag = source.read(TAG_BYTES)
    if len(nonce) != NONCE_BYTES or len(tag) != TAG_BYTES:
        raise SealRefusedError(INCOMPLETE)  # shortened while it was read
    source.seek(start + NONCE_BYTES)
    decryptor = Cipher(algorithms.AES(keys.files_key), modes.GCM(nonce)).decryptor()
    decryptor.authenticate_additional_data(head[:start])
    left = size - start - NONCE_BYTES - TAG_BYTES
    while left:
        chunk = source.read(min(CHUNK, left))
        if not chunk:
            raise SealRefusedError(INCOMPLETE)
        left -= len(chunk)
        yield decryptor.update(chunk)
    if not verify:
        return
    try:
        decryptor.finalize_with_tag(tag)
    except InvalidTag:
        raise SealRefusedError(CHANGED) from None
