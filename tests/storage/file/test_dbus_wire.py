"""The key is read from the Secret Service with a few lines of D-Bus of our own: what they write
is what jeepney (the D-Bus library keyring uses) reads back, what jeepney writes they read, and
the key check they spare OpenSSL for is the HMAC it has always been."""

from __future__ import annotations

import hashlib
import hmac
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, new_method_call
from jeepney.low_level import Endianness, HeaderFields, Parser

from storage.file import dbus_wire, keys
from storage.file.dbus_wire import Connection, WireError, split_signature

ROOT = Path(__file__).resolve().parents[3]
SECRET_SERVICE_TYPES: list[tuple[str, Any]] = [
    ("a{ss}", {"username": "9f2c", "service": "Fractional Desk"}),
    ("ao", ["/org/freedesktop/secrets/collection/login/1", "/org/x/2"]),
    ("sv", ("plain", ("s", ""))),
    ("aoo", (["/org/a/1"], "/org/freedesktop/secrets/session/s7")),
    ("a{o(oayays)}", {"/org/a/1": ("/org/s/1", b"", b"\x00key\xffbytes", "text/plain")}),
    ("yuiqntxb", (7, 2**32 - 1, -5, 65535, -2, 2**64 - 1, -(2**40), True)),
    ("a(yv)", [(1, ("o", "/p")), (5, ("u", 9)), (8, ("g", "a{sv}"))]),
]


def test_a_signature_splits_into_its_complete_types() -> None:
    assert split_signature("a{ss}sa(oayays)v") == ["a{ss}", "s", "a(oayays)", "v"]
    assert split_signature("") == []


@pytest.mark.parametrize(
    ("signature", "value"), SECRET_SERVICE_TYPES, ids=[s for s, _ in SECRET_SERVICE_TYPES]
)
def test_what_is_written_reads_back_and_as_jeepney_reads_it(signature: str, value: Any) -> None:
    body = value if len(split_signature(signature)) > 1 else (value,)
    connection = Connection.__new__(Connection)  # the message maker, without a bus
    connection._serial = 41
    raw = connection._message(
        "/org/p", "org.freedesktop.Secret.Service", "org.x", "M", signature, body
    )
    parser = Parser()
    parser.add_data(raw)
    message = parser.get_next_message()
    assert message is not None
    assert message.header.serial == 42
    assert message.header.fields[HeaderFields.signature] == signature
    assert message.header.fields[HeaderFields.member] == "M"
    assert message.body == body
    connection._buffer = raw
    assert connection._next_message() == (1, dict(_fields(raw)), body)


@pytest.mark.parametrize(
    ("signature", "value"), SECRET_SERVICE_TYPES, ids=[s for s, _ in SECRET_SERVICE_TYPES]
)
def test_what_jeepney_writes_is_read(signature: str, value: Any) -> None:
    body = value if len(split_signature(signature)) > 1 else (value,)
    for endian in (Endianness.little, Endianness.big):  # a bus may relay either
        message = new_method_call(DBusAddress("/org/p", "org.x", "org.x.I"), "M", signature, body)
        message.header.endianness = endian
        raw = message.serialise(serial=3)
        connection = Connection.__new__(Connection)
        connection._buffer = raw
        kind, fields, values = connection._next_message()
        assert kind == 1
        assert fields[dbus_wire._SIGNATURE] == signature
        assert values == body


def test_an_unknown_type_or_bus_address_is_refused_not_guessed() -> None:
    with pytest.raises(WireError):
        dbus_wire._Writer().write("d", 1.5)
    with pytest.raises(WireError):
        dbus_wire._socket_path("tcp:host=localhost,port=1")
    assert dbus_wire._socket_path("tcp:host=h;unix:abstract=/tmp/dbus-x,guid=1") == "\0/tmp/dbus-x"
    assert dbus_wire._socket_path("unix:path=/run/user/1000/b%2cus") == "/run/user/1000/b,us"


def test_a_bus_that_is_not_there_raises() -> None:
    with pytest.raises(FileNotFoundError):
        Connection("unix:path=/nonexistent/bus")


@pytest.mark.parametrize("key", [bytes(32), bytes(range(32)), os.urandom(32), b"k" * 100, b""])
def test_the_key_check_is_the_hmac_sha256_it_always_was(key: bytes) -> None:
    expected = hmac.new(key, b"fractional-desk key check", hashlib.sha256).hexdigest()[:16]
    assert keys.key_check(key) == expected
    assert keys._same(expected, keys.key_check(key))
    assert not keys._same(expected, "0" * 16)


def test_checking_a_key_loads_neither_openssl_nor_a_dbus_library() -> None:
    code = (
        "import sys; from storage.file import keys, secret_service;"
        "keys.key_check(bytes(32)); secret_service.lookup('Fractional Desk', 'none');"
        "print(sorted({'hashlib', 'hmac', '_hashlib', 'jeepney', 'socket'} & set(sys.modules)))"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
    }
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"


def _fields(raw: bytes) -> list[tuple[int, Any]]:
    return [
        (code, value) for code, (_, value) in dbus_wire._Reader(raw, "little", 12).read("a(yv)")
    ]
