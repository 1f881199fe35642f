"""Whether a window can be opened here, asked before Qt is: where it cannot, Qt aborts the
process with its own advice (install a package that is already installed), so the app says in
one line what is wrong and what works instead."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

QT_PLATFORM = "QT_QPA_PLATFORM"
NO_DISPLAY = (
    "no display can be opened here, so the window cannot start. Set "
    "QT_QPA_PLATFORM=offscreen to run it without one (as --self-test does), or use the command "
    "line (fractional-desk --help)."
)
CONNECT_SECONDS = 2.0  # a local X server answers at once; this only bounds a hung one
SCREENLESS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")


def display_problem() -> str | None:
    """The one line to print when no display can be opened, None when one can (or when this is
    not a system where Qt needs X11 or Wayland)."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get(QT_PLATFORM, "").split(":")[0].split(";")[0].strip()
    if platform in SCREENLESS:
        return None
    if platform.startswith("wayland"):
        return None if _wayland_socket() else NO_DISPLAY
    if platform in ("", "xcb") and (_x11_display() or _wayland_socket()):
        return None
    return NO_DISPLAY if platform in ("", "xcb") else None


def _x11_display() -> bool:
    """A DISPLAY whose local server answers, or a remote one (ssh -X), which Qt tries itself."""
    display = os.environ.get("DISPLAY", "")
    if not display:
        return False
    host, _, number = display.rpartition(":")
    if host not in ("", "unix"):
        return True
    return _answers(Path(f"/tmp/.X11-unix/X{number.split('.')[0]}"))


def _answers(path: Path) -> bool:
    """Whether a server listens on the socket (a socket left by a server that is gone does not)."""
    if not path.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(CONNECT_SECONDS)
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def _wayland_socket() -> bool:
    name = os.environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    if name.startswith("/"):
        return Path(name).exists()
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    return bool(runtime) and (Path(runtime) / name).exists()
