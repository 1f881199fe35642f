"""The mapping step of an import: each peer project to an engagement, each task or tag to a
bucket, and the default bucket. Starts from the rules remembered for the source."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from storage.engagements import BUCKET_LABELS, BUCKETS, Engagement
from storage.import_csv import SourceFile
from storage.import_map import NEW, ImportMap

SKIP = ""  # not imported: its rows are refused as not mapped
DEFAULT = ""  # the default bucket


def _projects(source: SourceFile) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in source.rows:
        counts[row.key] = counts.get(row.key, 0) + 1
    return counts


def _names(source: SourceFile) -> list[str]:
    """Every task and tag, in the order first seen."""
    return list(dict.fromkeys(n for row in source.rows for n in (row.task, *row.tags) if n))


class ImportRules(QWidget):
    def __init__(
        self, source: SourceFile, engagements: list[Engagement], start: ImportMap, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.targets: dict[str, QComboBox] = {}
        self.buckets: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._project_box(source, engagements, start))
        layout.addWidget(self._bucket_box(source, start))

    def _project_box(
        self, source: SourceFile, engagements: list[Engagement], start: ImportMap
    ) -> QGroupBox:
        box = QGroupBox("Projects → engagements", self)
        form = QFormLayout(box)
        for key, count in _projects(source).items():
            combo = QComboBox(box)
            combo.setObjectName("importTargetCombo")
            combo.addItem("Skip (not imported)", SKIP)
            combo.addItem("New engagement", NEW)
            for e in engagements:
                combo.addItem(e.label, e.id)
            found = combo.findData(start.engagements.get(key, SKIP))
            combo.setCurrentIndex(max(found, 0))
            self.targets[key] = combo
            form.addRow(QLabel(f"{key} ({count} rows)", box), combo)
        return box

    def _bucket_box(self, source: SourceFile, start: ImportMap) -> QGroupBox:
        box = QGroupBox("Tasks and tags → buckets", self)
        form = QFormLayout(box)
        self.default = _bucket_combo(box, None)
        self.default.setObjectName("importDefaultBucket")
        self.default.setCurrentIndex(self.default.findData(start.default_bucket))
        form.addRow("Default bucket:", self.default)
        rules = {k.casefold(): v for k, v in start.buckets.items()}
        for name in _names(source):
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
