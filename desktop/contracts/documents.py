"""`documents list`: the versions of the documents a client signs, as JSON."""

from __future__ import annotations

from typing import TypedDict

from desktop.contracts.dates import iso
from storage.practice import DocumentVersion


class DocumentJson(TypedDict):
    kind: str
    version: int
    date: str | None
    path: str


def document_json(v: DocumentVersion) -> DocumentJson:
    return DocumentJson(kind=v.kind, version=v.version, date=iso(v.date), path=v.path)
