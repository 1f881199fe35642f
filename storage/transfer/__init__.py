"""Files in and out: time imports from other tools, MADR decision folders, the practice as
JSON.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
    from storage.transfer import (
        import_map,
        import_time,
        import_undo,
        madr_import,
        madr_names,
        practice_json,
    )
    from storage.transfer.import_csv import SourceFile, read_file
    from storage.transfer.import_formats import FORMAT_LABELS, FORMATS
    from storage.transfer.import_map import NEW, ImportMap
    from storage.transfer.import_plan import ImportPlan
    from storage.transfer.import_values import DATE_ORDER_LABELS, DATE_ORDERS
    from storage.transfer.practice_json import dump
    from storage.transfer.regular_file import read_regular

__all__ = [
    "DATE_ORDERS",
    "DATE_ORDER_LABELS",
    "FORMATS",
    "FORMAT_LABELS",
    "NEW",
    "ImportMap",
    "ImportPlan",
    "SourceFile",
    "dump",
    "import_map",
    "import_time",
    "import_undo",
    "madr_import",
    "madr_names",
    "practice_json",
    "read_file",
    "read_regular",
]

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "SourceFile": "storage.transfer.import_csv:SourceFile",
        "read_file": "storage.transfer.import_csv:read_file",
        "FORMATS": "storage.transfer.import_formats:FORMATS",
        "FORMAT_LABELS": "storage.transfer.import_formats:FORMAT_LABELS",
        "ImportMap": "storage.transfer.import_map:ImportMap",
        "NEW": "storage.transfer.import_map:NEW",
        "import_map": "storage.transfer.import_map",
        "ImportPlan": "storage.transfer.import_plan:ImportPlan",
        "import_time": "storage.transfer.import_time",
        "import_undo": "storage.transfer.import_undo",
        "DATE_ORDERS": "storage.transfer.import_values:DATE_ORDERS",
        "DATE_ORDER_LABELS": "storage.transfer.import_values:DATE_ORDER_LABELS",
        "madr_import": "storage.transfer.madr_import",
        "madr_names": "storage.transfer.madr_names",
        "dump": "storage.transfer.practice_json:dump",
        "practice_json": "storage.transfer.practice_json",
        "read_regular": "storage.transfer.regular_file:read_regular",
    },
)
