"""Build fractional-desk.docx, the template every exported document starts from.

Run it after changing a style: `.venv/bin/python resources/templates/make_template.py`.
It starts from python-docx's default document (which carries Word's built-in styles, so the client
can restyle the document in Word) and gives those styles one calm, professional look.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

TEMPLATE = Path(__file__).with_name("fractional-desk.docx")
BODY_FONT = "Calibri"
INK = RGBColor(0x26, 0x2B, 0x33)
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
BLUE = RGBColor(0x2E, 0x5C, 0x8A)
GREY = RGBColor(0x5A, 0x6B, 0x7D)
BORDER_HEX = "B8C4D1"

# name: (size pt, bold, italic, colour, space before pt, space after pt)
PARAGRAPH_STYLES: dict[str, tuple[float, bool, bool, RGBColor, float, float]] = {
    "Normal": (10.5, False, False, INK, 0, 6),
    "Title": (28, True, False, NAVY, 0, 4),
    "Subtitle": (14, False, False, GREY, 0, 18),
    "Heading 1": (15, True, False, NAVY, 18, 6),
    "Heading 2": (12.5, True, False, BLUE, 12, 4),
    "Heading 3": (11, True, False, BLUE, 10, 3),
    "Caption": (9, False, True, GREY, 3, 9),
    "List Bullet": (10.5, False, False, INK, 0, 3),
    "List Number": (10.5, False, False, INK, 0, 3),
    "Header": (8.5, False, False, GREY, 0, 0),
    "Footer": (8.5, False, False, GREY, 0, 0),
    "No Spacing": (10.5, False, False, INK, 0, 0),
}


def _plain_fonts(style: Any) -> None:
    """Drop theme-font references so the named font applies in Word and LibreOffice alike."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), BODY_FONT)


def _style_paragraphs(document: Any) -> None:
    for name, (size, bold, italic, colour, before, after) in PARAGRAPH_STYLES.items():
        style = document.styles[name]
        _plain_fonts(style)
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        style.font.color.rgb = colour
        fmt = style.paragraph_format
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
    document.styles["Normal"].paragraph_format.line_spacing = 1.15
    _title_rule(document.styles["Title"])


def _title_rule(style: Any) -> None:
    """A thin grey rule under the title instead of Word 2007's heavy blue bar."""
    bottom = style.element.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    bottom.attrib.pop(qn("w:themeColor"), None)
    for key, value in (("sz", "6"), ("space", "6"), ("color", BORDER_HEX)):
        bottom.set(qn(f"w:{key}"), value)


def _style_table_grid(document: Any) -> None:
    """Light grey hairlines and a little cell padding for Table Grid."""
    style = document.styles["Table Grid"]
    assert style.type == WD_STYLE_TYPE.TABLE
    borders = style.element.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    for edge in borders:
        edge.set(qn("w:color"), BORDER_HEX)
        edge.set(qn("w:sz"), "4")
    _plain_fonts(style)
    style.font.size = Pt(9.5)


def build() -> None:
    document = docx.Document()
    _style_paragraphs(document)
    _style_table_grid(document)
    props = document.core_properties
    props.author = props.last_modified_by = ""
    props.title = props.subject = props.comments = props.keywords = ""
    document.save(str(TEMPLATE))


if __name__ == "__main__":
    build()
    print(f"wrote {TEMPLATE}")
