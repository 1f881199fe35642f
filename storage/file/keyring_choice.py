"""Which keyring backend keeps the practice's key: the one built for this platform, named.

Left to itself, keyring imports and asks every backend it knows on first use; on Linux its macOS
backend looks for the Security framework by running `ldconfig -p` and `gcc -lSecurity` (with
temporary files in /tmp) before every command. Naming the platform's backend asks that one only.
A backend someone chose is kept: `PYTHON_KEYRING_BACKEND`, keyring's own config file
(`keyringrc.cfg`), or one already set with `keyring.set_keyring` (the tests' file keyring).

keyring itself is imported only when it is used: a plain practice never needs it, and reading a
key from the Secret Service goes straight to it (`reads_secret_service_directly`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# sys.platform -> the backend of the platform's own secret store
PLATFORM_BACKENDS = {
    "linux": "keyring.backends.SecretService.Keyring",
    "darwin": "keyring.backends.macOS.Keyring",
    "win32": "keyring.backends.Windows.WinVaultKeyring",
}
SECRET_SERVICE = PLATFORM_BACKENDS["linux"]
ENV_BACKEND = "PYTHON_KEYRING_BACKEND"

_chosen_here: list[KeyringBackend | None] = []  # what `choose` set, once it has run


def choose() -> None:
    """Set keyring's backend once per process, before its first use; a choice made stays."""
    import keyring
    import keyring.core

    if keyring.core._keyring_backend is not None:  # keyring 25 keeps the backend set here
        return
    chosen = keyring.core.load_env() or keyring.core.load_config() or platform_backend()
    if chosen is not None:
        keyring.set_keyring(chosen)
    _chosen_here[:] = [chosen]


def platform_backend(platform: str = sys.platform) -> KeyringBackend | None:
    """The platform's backend; "fail" when it cannot work here (no Secret Service running, its
    library missing), None on a platform without one named (keyring then looks for itself)."""
    import keyring.core
    from keyring.backends import fail

    name = PLATFORM_BACKENDS.get(platform)
    if name is None:
        return None
    try:
        return keyring.core.load_keyring(name)  # asks its priority: raises when not viable
    except Exception:  # keyring raises RuntimeError, ImportError, and more
        return fail.Keyring()  # type: ignore[no-untyped-call]


def reads_secret_service_directly(platform: str = sys.platform) -> bool:
    """True when the key may be read from the Secret Service itself, without keyring: the
    platform's backend is the Secret Service and no one chose another (not through the
    environment, keyring's config file or `keyring.set_keyring`)."""
    if PLATFORM_BACKENDS.get(platform) != SECRET_SERVICE:
        return False
    core = sys.modules.get("keyring.core")
    backend = getattr(core, "_keyring_backend", None)
    if backend is not None:  # set already: by `choose` (the platform's own) or by someone else
        return bool(_chosen_here) and _chosen_here[0] is backend and _is_secret_service(backend)
    return not os.environ.get(ENV_BACKEND) and not config_file().exists()


def config_file() -> Path:
    """keyring's own config file on Linux (`keyring.util.platform_.config_root`)."""
    root = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(root, "python_keyring", "keyringrc.cfg")


def _is_secret_service(backend: object) -> bool:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}" == SECRET_SERVICE
