"""The mapping step of an import: each peer project to an engagement, each task or tag to a
bucket, and the default bucket. Starts from the rules remembered for the source."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from storage.practice import Engagement
from storage.practice import engagements as engagement_records
from storage.rules import BUCKET_LABELS, BUCKETS
from storage.transfer import NEW, ImportMap, SourceFile, import_map, import_time, read_file

if TYPE_CHECKING:
    from sqlite_utils import Database

SKIP = ""  # not imported: its rows are refused as not mapped
DEFAULT = ""  # the default bucket


@dataclass(frozen=True)
class ReadFile:
    """A file read on the pool thread, with what the mapping step lists worked out there too
    (walking 100,000 rows on the window's thread would stall it)."""

    source: SourceFile
    projects: dict[str, int]
    names: list[str]
    start: ImportMap
    engagements: list[Engagement]


class ImportRules(QWidget):
    def __init__(self, read: ReadFile, parent: QWidget) -> None:
        super().__init__(parent)
        self.targets: dict[str, QComboBox] = {}
        self.buckets: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._project_box(read))
        layout.addWidget(self._bucket_box(read.names, read.start))

    def _project_box(self, read: ReadFile) -> QGroupBox:
        box = QGroupBox("Projects → engagements", self)
        form = QFormLayout(box)
        for key, count in read.projects.items():
            combo = QComboBox(box)
            combo.setObjectName("importTargetCombo")
            combo.addItem("Skip (not imported)", SKIP)
            combo.addItem("New engagement", NEW)
            for e in read.engagements:
                combo.addItem(e.label, e.id)
            found = combo.findData(read.start.engagements.get(key, SKIP))
            combo.setCurrentIndex(max(found, 0))
            self.targets[key] = combo
            form.addRow(QLabel(f"{key} ({count} rows)", box), combo)
        return box

    def _bucket_box(self, names: list[str], start: ImportMap) -> QGroupBox:
        box = QGroupBox("Tasks and tags → buckets", self)
        form = QFormLayout(box)
        self.default = _bucket_combo(box, None)
        self.default.setObjectName("importDefaultBucket")
        self.default.setCurrentIndex(self.default.findData(start.default_bucket))
        form.addRow("Default bucket:", self.default)
        rules = {k.casefold(): v for k, v in start.buckets.items()}
        for name in names:
            combo = _bucket_combo(box, "Default")
            combo.setCurrentIndex(max(combo.findData(rules.get(name.casefold(), DEFAULT)), 0))
            self.buckets[name] = combo
            form.addRow(QLabel(name, box), combo)
        return box

    def mapping(self) -> ImportMap:
        """The rules as chosen: skipped projects and default buckets are left out."""
        targets = {k: c.currentData() for k, c in self.targets.items() if c.currentData() != SKIP}
        buckets = {k: c.currentData() for k, c in self.buckets.items() if c.currentData()}
        return ImportMap(targets, buckets, self.default.currentData())


def _bucket_combo(parent: QWidget, default_label: str | None) -> QComboBox:
    combo = QComboBox(parent)
    if default_label:
        combo.addItem(default_label, DEFAULT)
    for bucket in BUCKETS:
        combo.addItem(BUCKET_LABELS[bucket], bucket)
    return combo


def read_for_mapping(db: Database, path: Path, order: str | None = None) -> ReadFile:
    """On the pool thread: the file, its projects and names, and the rules to start from."""
    with import_time.calm_collector():
        source = read_file(path, order=order)
        start = import_map.suggest(db, source.rows, import_map.remembered(db, source.format))
        return ReadFile(source, source.projects(), source.names(), start,
                        engagement_records.list_all(db))  # fmt: skip
