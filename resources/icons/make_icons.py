"""Render app.svg into the icon files the platforms ask for: PNGs for Linux menus and docks
(app-16.png … app-512.png), app.ico for the Windows executable and app.icns for the macOS app.

Run it after changing app.svg: `QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py`.
ICO and ICNS files hold PNG images, written here so that no image plugin is needed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).parent
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}
ICNS_TYPES_2X = {1024: b"ic10"}


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO of PNG images (Windows Vista and later read them); 0 in a size byte means 256."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in pngs.items():
        side = size % 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        images += png
    return header + entries + images


def icns(pngs: dict[bytes, bytes]) -> bytes:
    """An ICNS of PNG images, one per type code."""
    body = b"".join(kind + struct.pack(">I", len(png) + 8) + png for kind, png in pngs.items())
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - painting needs an application
    renderer = QSvgRenderer(str(HERE / "app.svg"))
    pngs = {size: render_png(renderer, size) for size in (*PNG_SIZES, 1024)}
    for size in PNG_SIZES:
        (HERE / f"app-{size}.png").write_bytes(pngs[size])
    (HERE / "app.ico").write_bytes(ico({size: pngs[size] for size in ICO_SIZES}))
    kinds = ICNS_TYPES | ICNS_TYPES_2X
    (HERE / "app.icns").write_bytes(icns({kind: pngs[size] for size, kind in kinds.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
