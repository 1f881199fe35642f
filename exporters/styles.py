"""The Word styles every document names: the template holds each
(tests/exporters/test_template.py), and a letterhead must too. Kept apart from python-docx so
Preferences can list them cheaply."""

from __future__ import annotations

TABLE_STYLE = "Table Grid"
STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
    "List Number", "Caption", "Header", "Footer", "No Spacing", TABLE_STYLE,
)  # fmt: skip
