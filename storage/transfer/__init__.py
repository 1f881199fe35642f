"""Files in and out: time imports from other tools, MADR decision folders, the practice as
JSON.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

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
]
