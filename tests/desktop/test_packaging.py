"""What a new machine and the bundle rely on: the README's one install line, the Linux menu
entry and its icons, the window's icon, and the parts `--self-test` asks a bundle for."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop import parts_check
from desktop.app import create_application
from desktop.app_icon import DESKTOP_FILE_NAME, PNG_SIZES, app_icon
from desktop.main_window import MainWindow
from storage.sqlite import cipher_version

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
ENTRY = ROOT / "resources" / "linux" / f"{DESKTOP_FILE_NAME}.desktop"


def _makefile_packages(variable: str) -> list[str]:
    text = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    line = next(x for x in text.splitlines() if x.startswith(f"{variable} :="))
    return line.split(":=", 1)[1].split()


def test_the_readme_install_line_is_the_makefile_s() -> None:
    """`make deps` installs exactly what the README tells a newcomer to install."""
    readme = (ROOT / "README.md").read_text()
    lines = [x for x in readme.splitlines() if x.startswith("sudo apt-get install")]
    assert len(lines) == 1, "the README has one apt-get install line"
    words = shlex.split(lines[0])
    packages = [w for w in words[3:] if not w.startswith("-")]
    assert packages == _makefile_packages("SYSTEM_PACKAGES")


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign] # keys are case-sensitive
    parser.read(ENTRY, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_menu_entry_names_the_app_and_its_icon() -> None:
    entry = _entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Fractional Desk"
    assert entry["Exec"] == entry["TryExec"] == "fractional-desk"
    assert entry["Icon"] == entry["StartupWMClass"] == DESKTOP_FILE_NAME
    assert entry["Categories"].endswith(";")
    assert entry["Terminal"] == "false"


@pytest.mark.parametrize("size", PNG_SIZES)
def test_each_png_icon_has_its_size(size: int) -> None:
    image = QImage(str(ICONS / f"app-{size}.png"))
    assert image.size() == QSize(size, size)
    assert image.hasAlphaChannel()


def test_the_windows_and_macos_icons_hold_images() -> None:
    ico, icns = (ICONS / "app.ico").read_bytes(), (ICONS / "app.icns").read_bytes()
    assert ico[:4] == b"\0\0\1\0"
    assert int.from_bytes(ico[4:6], "little") >= 5
    assert icns[:4] == b"icns"
    assert int.from_bytes(icns[4:8], "big") == len(icns)


def test_the_app_and_its_window_carry_the_icon(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    app = create_application()
    assert not app.windowIcon().isNull()
    assert app.desktopFileName() == DESKTOP_FILE_NAME
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    assert not window.windowIcon().isNull()
    assert window.windowIcon().pixmap(QSize(48, 48)).width() == 48
    icon = app_icon()
    assert all(icon.pixmap(QSize(s, s)).width() == s for s in PNG_SIZES)
    assert icon.pixmap(QSize(1024, 1024)).width() == max(PNG_SIZES)  # the largest, never blank


def _install_desktop(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"XDG_DATA_HOME": str(tmp_path / "share")}
    script = ROOT / "resources" / "linux" / "install-desktop"
    return subprocess.run(
        ["bash", str(script), *args], env=env, capture_output=True, text=True, check=False
    )


def test_install_desktop_adds_the_entry_and_icons_then_removes_them(tmp_path: Path) -> None:
    app_folder = tmp_path / "My Apps"
    app_folder.mkdir()
    executable = app_folder / "fractional-desk"
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)

    assert _install_desktop(tmp_path, str(executable)).returncode == 0

    share = tmp_path / "share"
    entry = (share / "applications" / "fractional-desk.desktop").read_text()
    assert f'Exec="{executable}"' in entry.splitlines()
    assert f"TryExec={executable}" in entry.splitlines()
    icons = share / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "fractional-desk.svg").exists()
    assert all((icons / f"{s}x{s}" / "apps" / "fractional-desk.png").exists() for s in PNG_SIZES)

    assert _install_desktop(tmp_path, "--uninstall").returncode == 0
    assert not list(share.rglob("fractional-desk*"))


def test_install_desktop_refuses_what_is_not_an_executable(tmp_path: Path) -> None:
    result = _install_desktop(tmp_path, str(tmp_path / "nothing-here"))
    assert result.returncode == 1
    assert re.search(r"is not an executable; build the app first", result.stderr)
    assert not (tmp_path / "share").exists()


def test_sqlcipher_is_the_driver() -> None:
    assert cipher_version().startswith("4.")


def test_the_installed_app_lacks_no_part() -> None:
    assert parts_check.missing_parts() == []


def test_a_missing_keyring_module_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        parts_check.KEYRING_BACKENDS, "linux", ("SecretService", ("no_such_module_here",))
    )
    monkeypatch.setitem(parts_check.KEYRING_BACKENDS, "darwin", ("NoSuchBackend", ()))
    assert parts_check.missing_parts("linux") == ["no_such_module_here"]
    assert parts_check.missing_parts("darwin") == ["keyring's NoSuchBackend entry point"]


def test_a_bundle_lacking_a_part_fails_its_self_test(
    qapp: object,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.app import run_app

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(parts_check, "missing_parts", lambda: ["secretstorage"])
    assert run_app(data_dir, self_test=True) == 1
    captured = capsys.readouterr()
    assert "OK" not in captured.out
    assert "the app lacks secretstorage" in captured.err
