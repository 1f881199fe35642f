"""The practice's key read straight from the Secret Service (GNOME Keyring, KWallet) over D-Bus:
one connection, one search of the default collection, one read.

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
    from jeepney.io.blocking import DBusConnection

BUS_NAME = "org.freedesktop.secrets"
SERVICE_PATH = "/org/freedesktop/secrets"
DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default"  # where keyring stores entries
TIMEOUT_SECONDS = 5.0


def lookup(service: str, username: str) -> str | None:
    """The secret keyring keeps for (`service`, `username`), or None when it is not simply
    there to read (see the module's docstring)."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    try:
        return _lookup(service, username)
    except Exception:  # jeepney and the bus raise many kinds; keyring then asks in full
        return None


def _lookup(service: str, username: str) -> str | None:
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus="SESSION") as connection:
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
    connection: DBusConnection, path: str, interface: str, method: str, signature: str, *body: Any
) -> tuple[Any, ...]:
    """One method call and its reply's values (DBusErrorResponse for an error reply)."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.wrappers import unwrap_msg

    address = DBusAddress(path, bus_name=BUS_NAME, interface=f"org.freedesktop.Secret.{interface}")
    reply = connection.send_and_get_reply(
        new_method_call(address, method, signature, body), timeout=TIMEOUT_SECONDS
    )
    return tuple(unwrap_msg(reply))
