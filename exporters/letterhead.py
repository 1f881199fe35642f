"""The consultant's letterhead: their own .docx whose styles, headers, footers and first-page
logo every document uses in place of the built-in template.

The letterhead is opened as the starting document and its body cleared; the sections' headers
and footers (and the page set up in it) stay. It must hold every style the documents name, or
the export stops with a message naming the first one missing.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml.etree import XMLSyntaxError

from exporters.errors import ExportError
from exporters.styles import STYLES
from storage.rules import ValidationError

HOW_TO_FIX = (
    "Use that style once in the letterhead in Word and save it, or clear the letterhead in "
    "Preferences → Documents."
)


class LetterheadError(ExportError):
    """The letterhead cannot be used; `message` names the file and what is wrong with it."""


def open_base(path_text: str, styles: Sequence[str]) -> Any:
    """The letterhead as a document with an empty body, checked for `styles`."""
    document = _open(Path(path_text))
    missing = missing_styles(document, styles)
    if missing:
        raise LetterheadError(
            f"The letterhead “{Path(path_text).name}” has no “{missing[0]}” style, which the "
            f"documents use. {HOW_TO_FIX}"
        )
    clear_body(document)
    return document


def check(path_text: str, styles: Sequence[str]) -> None:
    """Raise LetterheadError if the file cannot serve as the letterhead (Preferences asks)."""
    open_base(path_text, styles)


def _open(path: Path) -> Any:
    if not path.is_file():
        raise LetterheadError(
            f"The letterhead “{path}” was not found. Choose it again in Preferences → Documents, "
            "or clear it there."
        )
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise LetterheadError(
            f"The letterhead “{path.name}” is not a Word document (.docx). Save it from Word as "
            "a .docx and choose it again in Preferences → Documents."
        ) from None
    except OSError as exc:
        raise LetterheadError(
            f"The letterhead “{path.name}” could not be read: {exc.strerror or exc}."
        ) from None


def missing_styles(document: Any, styles: Sequence[str]) -> list[str]:
    """The styles of `styles` the document does not hold, in the order given."""
    missing = []
    for name in styles:
        try:
            document.styles[name]
        except KeyError:
            missing.append(name)
    return missing


def clear_body(document: Any) -> None:
    """Remove the letterhead's own text and tables; the last section's properties (its page,
    headers and footers) stay, and a heading starts a fresh body."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def footer_is_empty(document: Any) -> bool:
    """Whether the letterhead leaves the footer to the documents (no text of its own)."""
    footer = document.sections[0].footer
    return footer.is_linked_to_previous or not "".join(p.text for p in footer.paragraphs).strip()


def check_letterhead(path_text: str) -> None:
    """ValidationError on the letterhead field when the file cannot serve as the letterhead:
    what Preferences and `prefs set --letterhead-path` both refuse, in the same words."""
    try:
        check(path_text, STYLES)
    except ExportError as error:
        raise ValidationError("letterhead_path", error.message) from None
