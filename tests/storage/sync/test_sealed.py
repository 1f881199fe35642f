"""The seal on every file of the sync folder: what the practice key derives, and that a file
changed by anyone, of another practice, or under another name, is refused with the reason."""

from __future__ import annotations

import io
import os
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.sync import sealed
from storage.sync.sealed import (
    CHANGED,
    INCOMPLETE,
    MOVED,
    NEWER,
    NOT_OURS,
    OTHER_PRACTICE,
    Header,
    SealRefusedError,
    open_sealed,
    open_stream,
    seal,
    seal_stream,
    sync_keys,
)

KEY = bytes(range(32))
KEYS = sync_keys(KEY)
DEVICE = uuid.UUID(int=1, version=4).hex


def _header(kind: sealed.Kind = "change", seq: int = 1, device: str = DEVICE) -> Header:
    return Header(kind, KEYS.sync_id, device, seq)


def _refused(data: bytes, expected: Header | None = None) -> str:
    with pytest.raises(SealRefusedError) as refused:
        open_sealed(KEYS, data, expected or _header())
    return refused.value.reason


def test_the_keys_come_from_the_practice_key_alone() -> None:
    again = sync_keys(bytes(range(32)))
    other = sync_keys(bytes(32))
    assert again == KEYS
    assert len(KEYS.files_key) == 32
    assert len(KEYS.sync_id) == 32
    assert int(KEYS.sync_id, 16) >= 0
    assert other.files_key != KEYS.files_key
    assert other.sync_id != KEYS.sync_id
    assert KEYS.files_key != KEY  # derived, never the practice key itself
    assert KEYS.files_key.hex() not in repr(KEYS)


def test_the_header_names_the_file_in_plain_text_before_its_ciphertext() -> None:
    data = seal(KEYS, _header(seq=42), b"payload")
    assert data.startswith(b"FDSYNC1\nchange " + KEYS.sync_id.encode() + b" " + DEVICE.encode())
    assert data.startswith(_header(seq=42).encode())
    assert b"payload" not in data
    assert open_sealed(KEYS, data, _header(seq=42)) == b"payload"


def test_two_seals_of_the_same_bytes_differ() -> None:
    """A fresh nonce each time: the folder service never sees two files as equal content."""
    assert seal(KEYS, _header(), b"x") != seal(KEYS, _header(), b"x")


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_byte_changed_anywhere_is_refused(data: st.DataObject) -> None:
    whole = seal(KEYS, _header(seq=7), b"the changeset" * 20)
    at = data.draw(st.integers(0, len(whole) - 1))
    flip = data.draw(st.integers(1, 255))
    changed = bytearray(whole)
    changed[at] ^= flip
    with pytest.raises(SealRefusedError):
        open_sealed(KEYS, bytes(changed), _header(seq=7))


def test_a_changed_ciphertext_is_changed_after_it_was_written() -> None:
    whole = bytearray(seal(KEYS, _header(), b"payload" * 10))
    whole[-20] ^= 1
    assert _refused(bytes(whole)) == CHANGED
    whole = bytearray(seal(KEYS, _header(), b"payload"))
    whole[-1] ^= 0x80  # the tag
    assert _refused(bytes(whole)) == CHANGED


def test_a_file_of_another_practice_says_so() -> None:
    theirs = sync_keys(os.urandom(32))
    data = seal(theirs, Header("change", theirs.sync_id, DEVICE, 1), b"payload")
    assert _refused(data) == OTHER_PRACTICE


def test_a_file_under_another_name_or_in_another_device_folder_is_refused() -> None:
    data = seal(KEYS, _header(seq=3), b"payload")
    assert _refused(data, _header(seq=4)) == MOVED
    assert _refused(data, _header(seq=3, device=uuid.uuid4().hex)) == MOVED
    assert _refused(data, _header(kind="snapshot", seq=3)) == MOVED


def test_a_file_cut_short_is_incomplete_or_changed() -> None:
    data = seal(KEYS, _header(), b"payload" * 10)
    assert _refused(b"") == INCOMPLETE
    assert _refused(data[:5]) == INCOMPLETE
    assert _refused(data[: len(_header().encode()) + 3]) == INCOMPLETE
    assert _refused(data[:-1]) == CHANGED


def test_a_newer_format_and_a_stranger_file_are_told_apart() -> None:
    assert _refused(b"FDSYNC2\nchange ...") == NEWER
    assert _refused(b"SQLite format 3\x00" + bytes(100)) == NOT_OURS
    assert _refused(b"PK\x03\x04" + bytes(200)) == NOT_OURS


def test_a_stream_is_the_same_file_as_one_sealed_whole() -> None:
    plain = os.urandom(3 * sealed.CHUNK + 17)
    out = io.BytesIO()
    seal_stream(KEYS, _header("snapshot", 5), [plain[:10], plain[10:], b""], out)
    assert open_sealed(KEYS, out.getvalue(), _header("snapshot", 5)) == plain
    whole = seal(KEYS, _header("snapshot", 5), plain)
    streamed = b"".join(open_stream(KEYS, io.BytesIO(whole), len(whole), _header("snapshot", 5)))
    assert streamed == plain


def test_a_stream_refuses_at_its_end_when_any_byte_changed() -> None:
    plain = os.urandom(2 * sealed.CHUNK)
    whole = bytearray(seal(KEYS, _header("snapshot", 1), plain))
    whole[len(whole) // 2] ^= 4
    stream = open_stream(KEYS, io.BytesIO(bytes(whole)), len(whole), _header("snapshot", 1))
    with pytest.raises(SealRefusedError) as refused:
        list(stream)
    assert refused.value.reason == CHANGED


def test_a_header_that_does_not_describe_a_file_is_a_mistake() -> None:
    with pytest.raises(ValueError, match="device id"):
        Header("change", KEYS.sync_id, "not-a-device", 1)
    with pytest.raises(ValueError, match="kind"):
        Header("backup", KEYS.sync_id, DEVICE, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="practice"):
        sync_keys(b"")
