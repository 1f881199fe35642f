"""Every QSettings key the UI keeps, with its default, declared once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings

WINDOW_GEOMETRY = ("window/geometry", QByteArray())
WINDOW_STATE = ("window/state", QByteArray())
LAST_TAB = ("window/lastTab", 0)
LAST_EXPORT_FOLDER = ("export/lastFolder", "")
CLIENTS_SPLITTER = ("clients/splitter", QByteArray())
MONTH_SHOWN = ("month/shown", "")  # `2026-11`; empty: this month
MONTH_SPLITTER = ("month/splitter", QByteArray())
INVOICE_FILTER = ("month/invoiceStatus", "")  # a status, or empty for all


def read(key: tuple[str, Any]) -> Any:
    name, default = key
    value = QSettings().value(name, default)
    if isinstance(default, int) and not isinstance(value, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            return default
    return value


def write(key: tuple[str, Any], value: Any) -> None:
    QSettings().setValue(key[0], value)
