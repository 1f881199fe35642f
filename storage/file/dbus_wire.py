"""Just enough of the D-Bus wire protocol to ask the Secret Service for one key: a connection to
the session bus (a Unix socket, the EXTERNAL login), method calls and their replies.

A read command that needs its key would otherwise import jeepney, and with it `socket`,
`selectors`, `struct` and the rest of a general D-Bus library, which costs more than the three
calls it makes. Only the C socket module is used here, and only the types the Secret Service's
replies carry (strings, object paths, signatures, integers, byte arrays, arrays, structs, dict
entries, variants). Anything this does not understand raises `WireError`, and the caller leaves
the question to keyring.
"""

from __future__ import annotations

import os
from typing import Any, Literal

Order = Literal["little", "big"]

TIMEOUT_SECONDS = 5.0
_BUS = ("/org/freedesktop/DBus", "org.freedesktop.DBus", "org.freedesktop.DBus")
_METHOD_CALL, _METHOD_RETURN, _ERROR = 1, 2, 3
_PATH, _INTERFACE, _MEMBER, _ERROR_NAME, _REPLY_SERIAL, _DESTINATION, _SIGNATURE = (
    1,
    2,
    3,
    4,
    5,
    6,
    8,
)
_ALIGN = {"y": 1, "g": 1, "v": 1, "n": 2, "q": 2, "(": 8, "{": 8, "x": 8, "t": 8}  # others: 4
_INTS = {"y": (1, False), "n": (2, True), "q": (2, False), "i": (4, True), "u": (4, False),
         "b": (4, False), "h": (4, False), "x": (8, True), "t": (8, False)}  # fmt: skip


class WireError(Exception):
    """The bus or the service answered something this client does not handle."""


def _end_of_type(signature: str, start: int) -> int:
    """Where the complete type that begins at `start` ends."""
    kind = signature[start]
    if kind == "a":
        return _end_of_type(signature, start + 1)
    if kind in "({":
        close = ")" if kind == "(" else "}"
        at = start + 1
        while signature[at] != close:
            at = _end_of_type(signature, at)
        return at + 1
    return start + 1


def split_signature(signature: str) -> list[str]:
    """`a{ss}s` -> [`a{ss}`, `s`]."""
    types, at = [], 0
    while at < len(signature):
        end = _end_of_type(signature, at)
        types.append(signature[at:end])
        at = end
    return types


class _Writer:
    """Marshals values, little-endian, aligned from the start of the buffer."""

    def __init__(self) -> None:
        self.data = bytearray()

    def _pad(self, kind: str) -> None:
        self.data += bytes(-len(self.data) % _ALIGN.get(kind, 4))

    def write(self, kind: str, value: Any) -> None:
        self._pad(kind[0])
        head = kind[0]
        if head in _INTS:
            size, signed = _INTS[head]
            self.data += int(value).to_bytes(size, "little", signed=signed)
        elif head in "so":
            raw = value.encode("utf-8")
            self.data += len(raw).to_bytes(4, "little") + raw + b"\0"
        elif head == "g":
            raw = value.encode("ascii")
            self.data += bytes((len(raw),)) + raw + b"\0"
        elif head == "v":
            inner, item = value
            self.write("g", inner)
            self.write(inner, item)
        elif head == "a":
            self._write_array(kind[1:], value)
        elif head in "({":
            for part, item in zip(split_signature(kind[1:-1]), value, strict=True):
                self.write(part, item)
        else:
            raise WireError(f"cannot write D-Bus type {kind!r}")

    def _write_array(self, element: str, value: Any) -> None:
        at = len(self.data)
        self.data += bytes(4)  # the length, once known
        self._pad(element[0])  # not counted in the length
        start = len(self.data)
        if element == "y":
            self.data += bytes(value)
        else:
            for item in value.items() if element[0] == "{" else value:
                self.write(element, item)
        self.data[at : at + 4] = (len(self.data) - start).to_bytes(4, "little")


class _Reader:
    """Unmarshals values from one message, aligned from its start."""

    def __init__(self, data: bytes, order: Order, at: int = 0) -> None:
        self.data, self.order, self.at = data, order, at

    def _int(self, size: int, signed: bool = False) -> int:
        self.at += -self.at % size
        value = int.from_bytes(self.data[self.at : self.at + size], self.order, signed=signed)
        self.at += size
        return value

    def read(self, kind: str) -> Any:
        head = kind[0]
        if head in _INTS:
            value = self._int(*_INTS[head])
            return bool(value) if head == "b" else value
        if head in "sog":
            size = self.data[self.at] if head == "g" else self._int(4)
            start = self.at + (1 if head == "g" else 0)
            self.at = start + size + 1
            return self.data[start : start + size].decode("utf-8")
        if head == "v":
            inner = self.read("g")
            return inner, self.read(inner)
        if head == "a":
            return self._read_array(kind[1:])
        if head in "({":
            self.at += -self.at % 8
            return tuple(self.read(part) for part in split_signature(kind[1:-1]))
        raise WireError(f"cannot read D-Bus type {kind!r}")

    def _read_array(self, element: str) -> Any:
        size = self._int(4)
        self.at += -self.at % _ALIGN.get(element[0], 4)
        end = self.at + size
        if element == "y":
            self.at = end
            return bytes(self.data[end - size : end])
        items = []
        while self.at < end:
            items.append(self.read(element))
        return dict(items) if element[0] == "{" else items


def _socket_path(address: str) -> str:
    """The Unix socket of the first address this client can use (`unix:path=` or
    `unix:abstract=`, as a desktop session gives them)."""
    for one in address.split(";"):
        transport, _, params = one.partition(":")
        if transport != "unix":
            continue
        values = dict(p.split("=", 1) for p in params.split(",") if "=" in p)
        if "%" in "".join(values.values()):
            from urllib.parse import unquote

            values = {k: unquote(v) for k, v in values.items()}
        if "path" in values:
            return values["path"]
        if "abstract" in values:
            return "\0" + values["abstract"]
    raise WireError(f"no Unix socket in the bus address {address!r}")


class Connection:
    """One connection to the session bus; `call` sends a method call and waits for its reply."""

    def __init__(self, address: str) -> None:
        import _socket  # the C module: `socket` adds enums and `selectors`, unused here

        self._sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        self._buffer = b""
        self._serial = 0
        try:
            self._sock.settimeout(TIMEOUT_SECONDS)
            self._sock.connect(_socket_path(address))
            uid = str(os.getuid()).encode("ascii").hex().encode("ascii")
            self._sock.sendall(b"\0AUTH EXTERNAL " + uid + b"\r\n")
            if not self._line().startswith(b"OK "):
                raise WireError("the session bus refused the login")
            # BEGIN, then the bus's Hello: its reply is read with the first call's
            self._sock.sendall(b"BEGIN\r\n" + self._message(*_BUS, "Hello", "", ()))
        except BaseException:
            self._sock.close()
            raise

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self._sock.close()

    def call(
        self, destination: str, path: str, interface: str, method: str, signature: str, *body: Any
    ) -> tuple[Any, ...]:
        """The reply's values; WireError for an error reply."""
        self._sock.sendall(self._message(path, interface, destination, method, signature, body))
        serial = self._serial
        while True:
            kind, fields, values = self._next_message()
            if fields.get(_REPLY_SERIAL) != serial:
                continue  # the Hello's reply, a signal
            if kind == _ERROR:
                raise WireError(f"{fields.get(_ERROR_NAME)}: {values[:1]}")
            if kind != _METHOD_RETURN:
                raise WireError(f"unexpected D-Bus message of type {kind}")
            return values

    def _message(
        self, path: str, interface: str, destination: str, method: str, signature: str,
        body: tuple[Any, ...],
    ) -> bytes:  # fmt: skip
        self._serial += 1
        payload = _Writer()
        for kind, value in zip(split_signature(signature), body, strict=True):
            payload.write(kind, value)
        fields = [(_PATH, ("o", path)), (_INTERFACE, ("s", interface)),
                  (_MEMBER, ("s", method)), (_DESTINATION, ("s", destination))]  # fmt: skip
        if signature:
            fields.append((_SIGNATURE, ("g", signature)))
        header = _Writer()
        header.data += b"l" + bytes((_METHOD_CALL, 0, 1))
        header.write("u", len(payload.data))
        header.write("u", self._serial)
        header.write("a(yv)", fields)
        header.data += bytes(-len(header.data) % 8)
        return bytes(header.data + payload.data)

    def _line(self) -> bytes:
        while b"\r\n" not in self._buffer:
            self._receive()
        line, _, self._buffer = self._buffer.partition(b"\r\n")
        return line

    def _receive(self) -> None:
        chunk = self._sock.recv(65536)
        if not chunk:
            raise WireError("the session bus closed the connection")
        self._buffer += chunk

    def _take(self, size: int) -> bytes:
        while len(self._buffer) < size:
            self._receive()
        taken, self._buffer = self._buffer[:size], self._buffer[size:]
        return taken

    def _next_message(self) -> tuple[int, dict[int, Any], tuple[Any, ...]]:
        """The next message's type, header fields and body values."""
        start = self._take(16)
        if start[0] not in b"lB":
            raise WireError("not a D-Bus message")
        order: Order = "little" if start[0] == ord("l") else "big"
        body_size = int.from_bytes(start[4:8], order)
        fields_size = int.from_bytes(start[12:16], order)
        header_size = 16 + fields_size + (-(16 + fields_size) % 8)
        message = start + self._take(header_size - 16 + body_size)
        fields = {code: value for code, (_, value) in _Reader(message, order, 12).read("a(yv)")}
        body = _Reader(message[header_size:], order)
        values = tuple(body.read(kind) for kind in split_signature(fields.get(_SIGNATURE, "")))
        return start[1], fields, values
