"""Which keyring backend keeps the practice's key: the one built for this platform, named.

Left to itself, keyring imports and asks every backend it knows on first use; on Linux its macOS
backend looks for the Security framework by running `ldconfig -p` and `gcc -lSecurity` (with
temporary files in /tmp) before every command. Naming the platform's backend asks that one only.
A backend someone chose is kept: `PYTHON_KEYRING_BACKEND`, keyring's own config file
(`keyringrc.cfg`), or one already set with `keyring.set_keyring` (the tests' file keyring).
"""

from __future__ import annotations

import sys

import keyring
import keyring.core
from keyring.backend import KeyringBackend
from keyring.backends import fail

# sys.platform -> the backend of the platform's own secret store
PLATFORM_BACKENDS = {
    "linux": "keyring.backends.SecretService.Keyring",
    "darwin": "keyring.backends.macOS.Keyring",
    "win32": "keyring.backends.Windows.WinVaultKeyring",
}


def choose() -> None:
    """Set keyring's backend once per process, before its first use; a choice made stays."""
    if keyring.core._keyring_backend is not None:  # keyring 25 keeps the backend set here
        return
    chosen = keyring.core.load_env() or keyring.core.load_config() or platform_backend()
    if chosen is not None:
        keyring.set_keyring(chosen)


def platform_backend(platform: str = sys.platform) -> KeyringBackend | None:
    """The platform's backend; "fail" when it cannot work here (no Secret Service running, its
    library missing), None on a platform without one named (keyring then looks for itself)."""
    name = PLATFORM_BACKENDS.get(platform)
    if name is None:
        return None
    try:
        return keyring.core.load_keyring(name)  # asks its priority: raises when not viable
    except Exception:  # keyring raises RuntimeError, ImportError, and more
        return fail.Keyring()  # type: ignore[no-untyped-call]
