"""The practice's encryption key: made at random, kept in the OS keyring, named by a small
plain-text file beside the database, and written out once as a recovery key a person can type.

The key is 32 random bytes used raw by SQLCipher (`x'…'`): no passphrase, so opening costs no
key derivation. The keyring entry is found through the id in `fractional-desk.key` (beside the
database), so a moved or renamed folder still finds its key. That file also holds a check value
of the key, so a wrong key is told apart from a damaged file without reading the database.
Nothing here ever writes the key itself to disk.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.file import keyring_choice, secret_service
from storage.file.private_files import write_private_json
from storage.rules.errors import (
    KeyMissingError,
    KeyringLockedError,
    NoKeyringError,
    ValidationError,
    WrongKeyError,
)
from storage.rules.record import Record

SERVICE = "Fractional Desk"
MARKER_FILENAME = "fractional-desk.key"
KEY_BYTES = 32
CIPHER = "SQLCipher 4 (AES-256, HMAC-SHA512)"
_CHECK_LABEL = b"fractional-desk key check"
_GROUPS, _GROUP = 8, 7
_TYPOS = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class Marker(Record):
    """What `fractional-desk.key` says: the keyring entry's id and the key's check value."""

    key_id: str
    key_check: str
    cipher: str = CIPHER


def new_key() -> bytes:
    import secrets  # here and below: only where a key is made or a recovery key read, so that
    # opening a practice does not load them (with `uuid`, which loads `platform`)

    return secrets.token_bytes(KEY_BYTES)


def key_check(key: bytes) -> str:
    """HMAC-SHA256 of a fixed label under the key, its first 16 hex digits (RFC 2104, written
    out over the interpreter's built-in SHA-256: `hmac` and `hashlib` load OpenSSL, which costs
    a command more than the check itself; `test_dbus_wire` holds it equal to `hmac`)."""
    sha256 = _sha256()
    block = key if len(key) <= _SHA256_BLOCK else sha256(key).digest()
    block = block.ljust(_SHA256_BLOCK, b"\0")
    inner = sha256(bytes(b ^ 0x36 for b in block) + _CHECK_LABEL).digest()
    return str(sha256(bytes(b ^ 0x5C for b in block) + inner).hexdigest()[:16])


_SHA256_BLOCK = 64


def _sha256() -> Callable[[bytes], Any]:
    """The built-in SHA-256 (`_sha2` from Python 3.12, `_sha256` before), else hashlib's."""
    try:
        from _sha2 import sha256
    except ImportError:
        try:
            from _sha256 import sha256
        except ImportError:
            from hashlib import sha256
    return sha256  # type: ignore[no-any-return]


def _same(check: str, expected: str) -> bool:
    """Compared in constant time (what `hmac.compare_digest` is, without importing hmac)."""
    from _operator import _compare_digest

    return bool(_compare_digest(check, expected))


def pragma_key(key: bytes) -> str:
    """The `PRAGMA key` statement for a raw key (hex digits only: nothing to escape)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


# The marker beside the database


def marker_file(folder: Path) -> Path:
    return Path(folder) / MARKER_FILENAME


def read_marker(folder: Path) -> Marker | None:
    """The marker of the practice in `folder`, or None when the practice is not encrypted."""
    try:
        data = json.loads(marker_file(folder).read_text(encoding="utf-8"))
        return Marker(str(data["key_id"]), str(data["key_check"]), str(data.get("cipher", CIPHER)))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WrongKeyError(
            marker_file(folder),
            f"cannot be read ({type(exc).__name__}); it names the practice's key in the keyring. "
            "Recover the practice with its recovery key (fractional-desk encryption recover)",
        ) from exc


def write_marker(folder: Path, marker: Marker) -> None:
    """Write the marker atomically (owner-only), so a crash never leaves half of it."""
    target = marker_file(folder)
    data = {"format": 1, "key_id": marker.key_id, "key_check": marker.key_check,
            "cipher": marker.cipher}  # fmt: skip
    write_private_json(target, data)


def remove_marker(folder: Path) -> None:
    marker_file(folder).unlink(missing_ok=True)


def marker_for(key: bytes) -> Marker:
    import uuid

    return Marker(key_id=str(uuid.uuid4()), key_check=key_check(key))


def folder_of(path: Path) -> Path:
    """The practice folder a database file belongs to: its own, or the one above `backups/`."""
    folder = Path(path).resolve().parent
    if folder.name == "backups" and not marker_file(folder).exists():
        return folder.parent
    return folder


# The OS keyring


def keyring_works() -> bool:
    """A real keyring backend is configured (not the "fail" placeholder of a headless machine)."""
    with contextlib.suppress(Exception):
        import keyring
        from keyring.backends import fail

        keyring_choice.choose()
        return not isinstance(keyring.get_keyring(), fail.Keyring)
    return False


def is_locked(error: Exception) -> bool:
    """The keyring refused because it is locked (keyring's KeyringLocked, or a Secret Service or
    KWallet error saying it failed to unlock), not because it is missing or the entry is."""
    import keyring.errors

    if isinstance(error, keyring.errors.KeyringLocked):
        return True
    text = str(error).lower()
    return "unlock" in text or "is locked" in text or "islocked" in text


def load_key(marker: Marker) -> bytes | None:
    """The key from this machine's keyring, or None if the entry is not there;
    KeyringLockedError when the keyring is locked (the key may well be there).

    With the Secret Service as the platform's keyring, the entry is read from it directly (one
    connection, one search); keyring is asked only when that does not simply find it."""
    stored = None
    if keyring_choice.reads_secret_service_directly():
        stored = secret_service.lookup(SERVICE, marker.key_id)
    if stored is None:
        stored = _keyring_lookup(marker)
    if stored is None:
        return None
    with contextlib.suppress(ValueError):
        key = bytes.fromhex(stored)
        if _same(key_check(key), marker.key_check):
            return key
    return None


def _keyring_lookup(marker: Marker) -> str | None:
    import keyring
    import keyring.errors

    keyring_choice.choose()
    try:
        return keyring.get_password(SERVICE, marker.key_id)
    except Exception as exc:  # a backend may raise its own (D-Bus) errors as well as keyring's
        if is_locked(exc):
            raise KeyringLockedError() from exc
        if isinstance(exc, keyring.errors.KeyringError):
            return None
        raise


def store_key(marker: Marker, key: bytes) -> None:
    """Keep the key in this machine's keyring under the marker's id."""
    if not keyring_works():
        raise NoKeyringError("no working keyring on this machine")
    import keyring
    import keyring.errors

    try:
        keyring.set_password(SERVICE, marker.key_id, key.hex())
    except Exception as exc:
        if is_locked(exc):
            raise KeyringLockedError() from exc
        if isinstance(exc, keyring.errors.KeyringError):
            raise NoKeyringError(f"the keyring refused to store the key ({exc})") from exc
        raise


def forget_key(marker: Marker) -> None:
    import keyring
    import keyring.errors

    keyring_choice.choose()
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, marker.key_id)


def key_for_folder(folder: Path) -> bytes | None:
    """The key of the practice in `folder`: None for a plain practice; KeyMissingError when it
    is encrypted and the key is not in this machine's keyring (nor remembered this session)."""
    return key_named_by(folder, read_marker(folder))


def key_named_by(folder: Path, marker: Marker | None) -> bytes | None:
    """`key_for_folder` with the marker already read (a practice reads it once)."""
    if marker is None:
        return None
    key = known_key(marker)
    if key is None:
        raise KeyMissingError(Path(folder), _missing_key_problem())
    return key


RECOVER_COMMAND = "fractional-desk encryption recover --recovery-key-file PATH"


def _missing_key_problem() -> str:
    """Why the key is not at hand: the keyring lacks the entry, or there is no keyring at all."""
    if keyring_works():
        return (
            "holds an encrypted practice whose key is not in this machine's keyring. Bring the "
            f"key back with the recovery key: {RECOVER_COMMAND}"
        )
    return (
        "holds an encrypted practice, and no keyring works on this machine to keep its key in. "
        "Start one (on Linux, the Secret Service of GNOME Keyring or KWallet), then bring the "
        f"key back with the recovery key: {RECOVER_COMMAND}"
    )


_session_keys: dict[str, bytes] = {}


def known_key(marker: Marker) -> bytes | None:
    """The key named by `marker`, from memory or else the keyring (asked once per process)."""
    key = _session_keys.get(marker.key_id) or load_key(marker)
    if key is not None:
        _session_keys[marker.key_id] = key
    return key


def forget_session_keys() -> None:
    """Drop the keys held in memory (the keyring is asked again on the next open)."""
    _session_keys.clear()


def remember_for_session(marker: Marker, key: bytes) -> None:
    """Hold a key typed in this session (no keyring to keep it in): memory only, never disk."""
    _session_keys[marker.key_id] = key


# The recovery key a person can type


def recovery_key(key: bytes) -> str:
    """8 groups of 7 letters and digits (base32): the 32 key bytes and 3 check bytes."""
    import base64
    import hashlib

    text = base64.b32encode(key + hashlib.sha256(key).digest()[:3]).decode("ascii")
    return "-".join(text[i : i + _GROUP] for i in range(0, _GROUPS * _GROUP, _GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The key from a typed or saved recovery key; spaces, dashes and case do not matter."""
    import base64

    text = text.split("recovery key", 1)[-1]  # a saved file starts with a title line
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_TYPOS)
    if len(cleaned) != _GROUPS * _GROUP:
        raise ValidationError(
            "recovery_key",
            f"a recovery key has {_GROUPS * _GROUP} letters and digits; this has {len(cleaned)}",
        )
    try:
        raw = base64.b32decode(cleaned)
    except ValueError as exc:
        raise ValidationError(
            "recovery_key", "it holds characters a recovery key cannot have"
        ) from exc
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    import hashlib

    if hashlib.sha256(key).digest()[:3] != check:
        raise ValidationError("recovery_key", "it has a typo (its check letters do not match)")
    return key


def check_against(folder: Path, marker: Marker, key: bytes) -> None:
    """Refuse a key that is not the one the practice in `folder` was encrypted with."""
    if not _same(key_check(key), marker.key_check):
        raise WrongKeyError(
            Path(folder),
            "holds a practice encrypted with another key: that recovery key does not open it",
        )
