"""The keyring backend is the platform's own, named: looking the key up starts no other program
(keyring's own detection ran `ldconfig -p` and `gcc -lSecurity` on Linux for its macOS backend);
a backend chosen through PYTHON_KEYRING_BACKEND, keyring's config file or `set_keyring` stays."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from keyring.backends import fail

from storage.file import keyring_choice, keys

ROOT = Path(__file__).parents[3]

# A child Python that records every program started while the keyring is asked for a key.
PROBE = """
import json, subprocess
started = []
real_init = subprocess.Popen.__init__
def recording_init(self, args, *rest, **options):
    started.append([str(a) for a in args] if isinstance(args, (list, tuple)) else [str(args)])
    real_init(self, args, *rest, **options)
subprocess.Popen.__init__ = recording_init

import keyring
from storage.file import keys
works = keys.keyring_works()
keys.load_key(keys.Marker("no-such-entry", "0" * 16))
backend = type(keyring.get_keyring())
print(json.dumps({"started": started, "works": works,
                  "backend": f"{backend.__module__}.{backend.__qualname__}"}))
"""


def _probe(tmp_path: Path, **env: str) -> dict[str, object]:
    """Run PROBE with no backend chosen (no PYTHON_KEYRING_BACKEND, an empty config folder),
    plus `env`."""
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    clean = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**clean, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(config), **env},
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return found


@pytest.mark.skipif(sys.platform not in keyring_choice.PLATFORM_BACKENDS, reason="no named one")
def test_the_key_lookup_starts_no_program_and_uses_the_platforms_backend(tmp_path: Path) -> None:
    found = _probe(tmp_path)
    assert found["started"] == []
    platform = keyring_choice.PLATFORM_BACKENDS[sys.platform]
    assert found["backend"] in {platform, "keyring.backends.fail.Keyring"}
    assert found["works"] is (found["backend"] == platform)


def test_python_keyring_backend_still_chooses_the_backend(tmp_path: Path) -> None:
    found = _probe(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    assert (found["backend"], found["started"]) == ("keyring.backends.null.Keyring", [])


def test_keyrings_config_file_still_chooses_the_backend(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "python_keyring"
    folder.mkdir(parents=True)
    (folder / "keyringrc.cfg").write_text(
        "[backend]\ndefault-keyring=tests.file_keyring.FileKeyring\n"
    )
    found = _probe(tmp_path, FRACTIONAL_DESK_TEST_KEYRING=str(tmp_path / "keyring.json"))
    assert (found["backend"], found["works"]) == ("tests.file_keyring.FileKeyring", True)


def test_a_backend_already_set_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    keyring_choice.choose()
    assert isinstance(keyring.get_keyring(), fail.Keyring)
    assert keys.keyring_works() is False


def test_a_platform_without_a_named_backend_is_left_to_keyring() -> None:
    assert keyring_choice.platform_backend("plan9") is None
