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
    draft: bool
    signed_on: str | None
    state: str


def document_json(v: DocumentVersion, state: str) -> DocumentJson:
    """`state` is the version's among its engagement's: draft, active, signed or superseded."""
    return DocumentJson(
        kind=v.kind,
        version=v.version,
        date=iso(v.date),
        path=v.path,
        draft=v.draft,
        signed_on=v.signed_on,
        state=state,
    )
