"""The practice's key read straight from the Secret Service (GNOME Keyring, KWallet) over D-Bus:
one connection, one search of the default collection, one read, spoken with the few lines of
the D-Bus protocol it needs (`dbus_wire`) rather than a D-Bus library's imports.

Through keyring, every command paid for importing keyring and what it pulls in (`urllib`,
`http.client`, `importlib_metadata`), a D-Bus connection to ask whether the service runs, then a
second connection that looks up the default collection, asks whether it is locked, searches it,
asks whether the item is locked and opens an encrypted session (a Diffie-Hellman exchange in
Python) to read the secret. Here: the same entry keyring wrote (the same attributes, the same
collection), read with the "plain" session algorithm, which the specification defines for a
local bus (any program of the same user may ask the service for the secret anyway).

Only the common case is answered here: an unlocked entry found. Anything else (no session bus,
no service, a locked collection, no entry, an error) answers None, and the caller asks keyring,
which prompts to unlock, raises its errors and says whether a keyring works at all.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.file.dbus_wire import Connection


BUS_NAME = "org.freedesktop.secrets"
SERVICE_PATH = "/org/freedesktop/secrets"
DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default"  # where keyring stores entries


def lookup(service: str, username: str) -> str | None:
    """The secret keyring keeps for (`service`, `username`), or None when it is not simply
    there to read (see the module's docstring)."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if not address:
        return None
    try:
        return _lookup(address, service, username)
    except Exception:  # the bus and the wire raise many kinds; keyring then asks in full
        return None


def _lookup(address: str, service: str, username: str) -> str | None:
    from storage.file.dbus_wire import Connection  # only an encrypted practice loads it

    with Connection(address) as connection:
        query = {"username": username, "service": service}  # keyring's own attributes
        (items,) = _call(
            connection, DEFAULT_COLLECTION, "Collection", "SearchItems", "a{ss}", query
        )
        if not items:
            return None
        _, session = _call(
            connection, SERVICE_PATH, "Service", "OpenSession", "sv", "plain", ("s", "")
        )
        (found,) = _call(connection, SERVICE_PATH, "Service", "GetSecrets", "aoo", items, session)
    first = items[0]  # keyring reads the first entry; a locked one is left out of `found`
    if first not in found:
        return None
    _, _, value, _ = found[first]
    return bytes(value).decode("utf-8")


def _call(
    connection: Connection, path: str, interface: str, method: str, signature: str, *body: Any
) -> tuple[Any, ...]:
    """One method call of the Secret Service and its reply's values."""
    return connection.call(
        BUS_NAME, path, f"org.freedesktop.Secret.{interface}", method, signature, *body
    )
