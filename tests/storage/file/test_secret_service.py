"""The key is read from the Secret Service directly only when it is the platform's keyring and
no one chose another backend; anything it cannot simply read is left to keyring."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from storage.file import keyring_choice, secret_service
from tests.file_keyring import FileKeyring


@pytest.fixture
def nothing_chosen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No backend set, none named in the environment, no keyring config file."""
    monkeypatch.delenv(keyring_choice.ENV_BACKEND, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)


@pytest.mark.usefixtures("nothing_chosen")
def test_on_linux_with_nothing_chosen_the_secret_service_is_read_directly() -> None:
    assert keyring_choice.reads_secret_service_directly("linux") is True
    assert keyring_choice.reads_secret_service_directly("darwin") is False
    assert keyring_choice.reads_secret_service_directly("win32") is False


@pytest.mark.usefixtures("nothing_chosen")
def test_a_backend_named_in_the_environment_is_asked_instead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(keyring_choice.ENV_BACKEND, "keyring.backends.null.Keyring")
    assert keyring_choice.reads_secret_service_directly("linux") is False


@pytest.mark.usefixtures("nothing_chosen")
def test_a_backend_named_in_keyrings_config_file_is_asked_instead() -> None:
    config = keyring_choice.config_file()
    config.parent.mkdir(parents=True)
    config.write_text("[backend]\ndefault-keyring=keyring.backends.null.Keyring\n")
    assert keyring_choice.reads_secret_service_directly("linux") is False


@pytest.mark.usefixtures("nothing_chosen")
def test_a_backend_set_in_the_process_is_asked_instead() -> None:
    keyring.set_keyring(FileKeyring())
    assert keyring_choice.reads_secret_service_directly("linux") is False


def test_without_a_session_bus_the_lookup_leaves_it_to_keyring(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert secret_service.lookup("Fractional Desk", "any") is None
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    assert secret_service.lookup("Fractional Desk", "any") is None
