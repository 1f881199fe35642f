"""Starting the window where no display can be opened: one line, exit 1, never Qt's advice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.display import NO_DISPLAY, display_problem

ROOT = Path(__file__).resolve().parents[2]
NOWHERE = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")
@pytest.mark.parametrize("argv", [[], ["--demo"], ["--self-test"]])
def test_no_display_is_one_line_naming_offscreen_and_the_command_line(
    argv: list[str], data_dir: Path
) -> None:
    env = {**os.environ, **NOWHERE}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *argv],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert "command line" in lines[0]
    assert "xcb" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")
def test_display_rules(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name, value in NOWHERE.items():
        monkeypatch.setenv(name, value)
    assert display_problem() == NO_DISPLAY
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert display_problem() is None
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":987")  # no such local server
    assert display_problem() == NO_DISPLAY
    monkeypatch.setenv("DISPLAY", "remote.example:10.0")  # ssh -X: Qt asks the server itself
    assert display_problem() is None
    monkeypatch.setenv("DISPLAY", "")
    (tmp_path / "wayland-0").touch()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert display_problem() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")
def test_a_socket_left_by_a_server_that_is_gone_is_no_display(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import socket

    from desktop import display

    for name, value in NOWHERE.items():
        monkeypatch.setenv(name, value)
    left = tmp_path / "X5"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(left))
        server.listen(1)
        assert display._answers(left)
    assert left.exists()  # the file stays after its server closed
    assert not display._answers(left)
