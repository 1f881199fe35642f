"""What the packaged app must carry to keep its promises: SQLCipher as the SQLite driver, and this
platform's keyring backend with the modules it needs. `--self-test` asks in a bundle, which leaves
out whatever `build.spec` does not collect; an install from source gets them all from pip."""

from __future__ import annotations

import importlib
import sys
from importlib import metadata

from storage import cipher_version

# platform: (keyring's entry point for it, the modules that backend imports to work)
KEYRING_BACKENDS = {
    "linux": ("SecretService", ("keyring.backends.SecretService", "secretstorage", "jeepney")),
    "darwin": ("macOS", ("keyring.backends.macOS",)),
    "win32": ("Windows", ("keyring.backends.Windows", "win32ctypes.pywin32.win32cred")),
}


def missing_parts(platform: str = sys.platform) -> list[str]:
    """One line per part the app cannot find; empty when it carries everything."""
    missing = [] if cipher_version() else ["SQLCipher (the SQLite driver has no cipher_version)"]
    return missing + _missing_keyring_parts(platform)


def _missing_keyring_parts(platform: str) -> list[str]:
    entry_point, modules = KEYRING_BACKENDS.get(platform, KEYRING_BACKENDS["linux"])
    found = {point.name for point in metadata.entry_points(group="keyring.backends")}
    missing = [] if entry_point in found else [f"keyring's {entry_point} entry point"]
    return missing + [name for name in modules if not _imports(name)]


def _imports(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True
