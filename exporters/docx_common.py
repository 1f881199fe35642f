"""What every Word document shares: the template, page, header, footer, properties and blocks.

Documents use Word's built-in styles only (all present in the template), so the client can
restyle them; a style missing from the template would raise KeyError, which a test guards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import as_file
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from exporters import letterhead, safe_text, text_width
from exporters.atomic_write import write_atomic
from exporters.formatting import TO_BE_AGREED
from exporters.styles import STYLES, TABLE_STYLE
from resources import resource
from storage.practice import Client, Engagement, Profile, clients, engagements, settings
from storage.rules import clock

Document = Any  # python-docx has no type hints; the alias says what is meant
PAGE_SIZES = {"A4": (Mm(210), Mm(297)), "Letter": (Mm(215.9), Mm(279.4))}
HEADER_FILL = "E8EEF5"
MAX_PROPERTY = 255  # characters in a core property (title, subject, author)


@dataclass(frozen=True)
class DocumentInfo:
    """What the header, footer and core properties say about a document."""

    title: str
    subject: str
    client: str
    profile: Profile
    created: dt.datetime


class EngagementDocument(NamedTuple):
    """A new document about one engagement, with what its sections read (unpacks in order)."""

    document: Document
    engagement: Engagement
    client: Client
    profile: Profile
    day: dt.date  # the date the document is written for


def engagement_document(
    db: Any, engagement_id: int, title: str, on: dt.date | None = None
) -> EngagementDocument:
    """The scope of work and the handoff start alike: the engagement, its client, the profile."""
    e = engagements.get(db, engagement_id)
    client = clients.get(db, e.client_id)
    profile = settings.load_profile(db)
    day = on or clock.today()
    info = DocumentInfo(
        title=f"{title}: {client.name}",
        subject=e.title,
        client=client.name,
        profile=profile,
        created=dt.datetime.combine(day, dt.time(9)),
    )
    return EngagementDocument(new_document(info), e, client, profile, day)


def template_path() -> Any:
    return resource("templates", "fractional-desk.docx")


def new_document(info: DocumentInfo) -> Document:
    """A blank document with the page, header, footer and properties set: from the consultant's
    letterhead when Preferences name one (its page, headers and logo kept), else the template."""
    if info.profile.letterhead_path:
        document = letterhead.open_base(info.profile.letterhead_path, STYLES)
        if letterhead.footer_is_empty(document):
            _footer(document)
    else:
        with as_file(template_path()) as path:
            document = docx.Document(str(path))
        _page(document, info.profile.paper_size)
        _header(document, info)
        _footer(document)
    _properties(document, info)
    return document


def consultant(profile: Profile) -> str:
    """The consultant as documents name them: the business, else the person."""
    return profile.business_name or profile.name or TO_BE_AGREED


def _page(document: Document, paper_size: str) -> None:
    width, height = PAGE_SIZES.get(paper_size, PAGE_SIZES["A4"])
    section = document.sections[0]
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = Cm(2.3)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.1)


def _header(document: Document, info: DocumentInfo) -> None:
    paragraph = document.sections[0].header.paragraphs[0]
    paragraph.style = document.styles["Header"]
    left = safe_text.one_line(consultant(info.profile))
    paragraph.text = f"{left}  ·  {safe_text.one_line(info.client)}"


def header_mark(document: Document, word: str) -> None:
    """A bold word ("DRAFT") at the end of the header's first line, on every page."""
    paragraph = document.sections[0].header.paragraphs[0]
    paragraph.add_run("  ·  ")
    paragraph.add_run(word).bold = True


def _footer(document: Document) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Page ")
    add_field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES")


def add_field(paragraph: Any, instruction: str, *, result: str = "1", dirty: bool = False) -> None:
    """A real Word field (fldChar begin/instrText/separate/end), updated by Word and LibreOffice;
    `result` is shown until then, `dirty` asks Word to update it."""
    if not dirty:
        instruction = f"{instruction} \\* MERGEFORMAT"
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", result),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        elif kind == "text":
            run.text = text or ""
        else:
            run._r.append(_fld_char(kind, dirty=dirty and kind == "begin"))
    paragraph.add_run()._r.append(_fld_char("end"))


def _fld_char(kind: str, *, dirty: bool = False) -> Any:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if dirty:
        element.set(qn("w:dirty"), "true")
    return element


def _properties(document: Document, info: DocumentInfo) -> None:
    props = document.core_properties
    props.title = _property(info.title)
    props.subject = _property(info.subject)
    props.author = props.last_modified_by = _property(
        info.profile.name or info.profile.business_name
    )
    props.created = props.modified = info.created.replace(tzinfo=None, microsecond=0)
    props.revision = 1


def _property(value: str) -> str:
    """One line of at most 255 characters: python-docx refuses longer core properties."""
    text = safe_text.one_line(value)
    return text if len(text) <= MAX_PROPERTY else text[: MAX_PROPERTY - 1].rstrip() + "…"


def paragraph(document: Document, value: object, style: str | None = None) -> Any:
    """A paragraph of one text, cleaned: a title, a cover line or a sentence naming the client.
    Every paragraph a document writes comes through here or `text`, never raw database text."""
    return document.add_paragraph(safe_text.clean(value), style=style)


def heading(document: Document, text: str, level: int = 1) -> Any:
    """A heading that keeps with what follows, so it never ends a page alone."""
    found = document.add_heading(safe_text.one_line(text), level=level)
    found.paragraph_format.keep_with_next = True
    return found


TOC_HINT = "Right-click here and choose Update Field (F9) to fill the table of contents."
CONTENTS_LEVELS = ("Heading 1", "Heading 2")
CONTENTS_INDENT_CM = 0.6


def table_of_contents(document: Document) -> Any:
    """The place of a TOC field over the headings; `fill_contents` writes it once the headings
    are in, with them as its result, so every reader shows them (LibreOffice shows a field's
    result as written). The settings ask Word to update fields on opening, which adds the page
    numbers."""
    title = document.add_paragraph(style="Normal")
    title.add_run("Contents").bold = True
    title.paragraph_format.keep_with_next = True
    found = document.add_paragraph(style="Normal")
    _update_fields_on_open(document)
    return found


def fill_contents(document: Document, place: Any, depth: int = 1) -> None:
    """The TOC field at `place` over the headings down to `depth`, its result those headings,
    one a paragraph (a second level indented); the hint when there is none. The handoff lists
    its top-level headings: with the appendix's decision headings it would run to two pages."""
    instruction = f'TOC \\o "1-{depth}" \\h \\z \\u'
    entries = [(level, text) for level, text in _headings_after(document, place) if level <= depth]
    if not entries:
        add_field(place, instruction, result=TOC_HINT, dirty=True)
        return
    paragraphs = [place]
    for _ in entries[1:]:
        added = _paragraph_after(paragraphs[-1])
        paragraphs.append(added)
    for paragraph, (level, _text) in zip(paragraphs, entries, strict=True):
        paragraph.paragraph_format.space_after = Pt(2)
        if level > 1:
            paragraph.paragraph_format.left_indent = Cm(CONTENTS_INDENT_CM * (level - 1))
    first, last = paragraphs[0], paragraphs[-1]
    first.add_run()._r.append(_fld_char("begin", dirty=True))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    first.add_run()._r.append(instr)
    first.add_run()._r.append(_fld_char("separate"))
    for paragraph, (_level, text) in zip(paragraphs, entries, strict=True):
        paragraph.add_run(text)
    last.add_run()._r.append(_fld_char("end"))


def _headings_after(document: Document, place: Any) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    seen = False
    for paragraph in document.paragraphs:
        if paragraph._p is place._p:
            seen = True
        elif seen and paragraph.style is not None and paragraph.style.name in CONTENTS_LEVELS:
            found.append((CONTENTS_LEVELS.index(paragraph.style.name) + 1, paragraph.text))
    return found


def _paragraph_after(paragraph: Any) -> Any:
    element = OxmlElement("w:p")
    paragraph._p.addnext(element)
    added = Paragraph(element, paragraph._parent)
    added.style = paragraph.style
    return added


def _update_fields_on_open(document: Document) -> None:
    settings_element = document.settings.element
    if settings_element.xpath("./w:updateFields"):
        return
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    settings_element.append(flag)


def text(document: Document, value: object, *, empty: str = TO_BE_AGREED) -> None:
    """Database text as paragraphs and bullets; `empty` (e.g. "To be agreed") when there is none."""
    found = safe_text.blocks(value)
    if not found:
        document.add_paragraph(empty)
        return
    for block in found:
        style = "List Bullet" if block.kind == "bullet" else "Normal"
        paragraph = document.add_paragraph(style=style)
        _lines(paragraph, block.lines)


def _lines(paragraph: Any, lines: Sequence[str], *, bold: bool = False) -> None:
    """Lines joined by line breaks (w:br inside the run), so one paragraph keeps its shape."""
    for index, line in enumerate(lines):
        run = paragraph.add_run()
        if index:
            run.add_break()
        run.add_text(line)
        if bold:
            run.bold = True


def bullets(document: Document, items: Sequence[str], *, style: str = "List Bullet") -> None:
    for item in items:
        document.add_paragraph(safe_text.one_line(item), style=style)


def numbered(document: Document, items: Sequence[str]) -> None:
    """A "List Number" list that starts at 1: each list gets its own numbering instance, so a
    second list in a document does not go on from the first (5, 6, 7...)."""
    paragraphs = [document.add_paragraph(safe_text.one_line(i), style="List Number") for i in items]
    num_id = _style_num_id(document.styles["List Number"])
    if not paragraphs or num_id is None:
        return
    numbering = document.part.numbering_part.element
    try:
        abstract = numbering.num_having_numId(num_id).abstractNumId.val
    except KeyError:  # a style naming numbering the document lacks: Word numbers it as it can
        return
    fresh = numbering.add_num(abstract)
    fresh.add_lvlOverride(ilvl=0).add_startOverride(1)
    for found in paragraphs:
        num_pr = found._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = fresh.numId


def _style_num_id(style: Any) -> int | None:
    """The numbering a list style uses, or None for a style without one (a letterhead's)."""
    found = style.element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    return int(found[0]) if found else None


def bullet_with_lines(document: Document, value: object, *, bold_first: bool = False) -> None:
    """One bullet holding a multi-line text, its lines kept as line breaks."""
    lines = [line for line in safe_text.clean(value).split("\n") if line.strip()] or [""]
    paragraph = document.add_paragraph(style="List Bullet")
    _lines(paragraph, lines[:1], bold=bold_first)
    if len(lines) > 1:
        paragraph.add_run().add_break()
        _lines(paragraph, lines[1:])


def labelled(document: Document, label: str, value: str) -> Any:
    """ "Label: value" on one line, the label in bold."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{safe_text.one_line(label)}: ").bold = True
    paragraph.add_run(safe_text.clean(value))
    return paragraph


def table(
    document: Document,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    widths: Sequence[float] | None = None,
    numeric: Sequence[int] = (),
    bold_last: bool = False,
) -> Any:
    """A Table Grid table whose shaded header row repeats on every page (w:tblHeader)."""
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = document.styles[TABLE_STYLE]
    for cell, title in zip(grid.rows[0].cells, headers, strict=True):
        _cell_text(cell, title, bold=True)
        _shade(cell, HEADER_FILL)
    repeat_header(grid.rows[0])
    for index, values in enumerate(rows, start=1):
        bold = bold_last and index == len(rows)
        row = grid.add_row()
        keep_row_whole(row)
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            _cell_text(cell, value, bold=bold, right=column in numeric)
    for column in numeric:
        grid.rows[0].cells[column].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    set_widths(grid, widths or _shares(grid, len(headers), _usable_cm(document)))
    document.add_paragraph(style="No Spacing")
    return grid


def key_values(
    document: Document,
    pairs: Sequence[tuple[str, str]],
    *,
    widths: Sequence[float] = (4.5, 11.9),
) -> Any:
    """A two-column table of labels and values (cover blocks, fee summaries), kept on one page
    when it fits: every row but the last keeps with the next, and no row splits."""
    grid = document.add_table(rows=0, cols=2)
    grid.style = document.styles[TABLE_STYLE]
    for index, (label, value) in enumerate(pairs, start=1):
        row = grid.add_row()
        keep_row_whole(row, with_next=index < len(pairs))
        cells = row.cells
        _cell_text(cells[0], label, bold=True)
        _shade(cells[0], HEADER_FILL)
        _cell_text(cells[1], value)
    set_widths(grid, widths)
    document.add_paragraph(style="No Spacing")
    return grid


def key_values_compact(document: Document, pairs: Sequence[tuple[str, str]]) -> Any:
    """Labels and values two pairs a row (half the rows of `key_values`), kept on one page; an
    odd last pair spans the row, for a long value such as a supersede chain."""
    grid = document.add_table(rows=0, cols=4)
    grid.style = document.styles[TABLE_STYLE]
    chunks = [pairs[i : i + 2] for i in range(0, len(pairs), 2)]
    for index, chunk in enumerate(chunks, start=1):
        row = grid.add_row()
        cells = row.cells
        if len(chunk) == 1:
            cells[1].merge(cells[3])
        for (label, value), column in zip(chunk, (0, 2), strict=False):
            _cell_text(cells[column], label, bold=True)
            _shade(cells[column], HEADER_FILL)
            _cell_text(cells[column + 1], value)
        keep_row_whole(row, with_next=index < len(chunks))
    set_widths(grid, (3.9, 4.3, 3.2, 5.0))
    document.add_paragraph(style="No Spacing")
    return grid


def labelled_text(document: Document, label: str, value: object, *, empty: str) -> None:
    """Database text under a bold inline label ("Context: ..."), lighter than a heading each;
    `empty` when there is none. Bullets start on the line after the label."""
    found = safe_text.blocks(value)
    first = document.add_paragraph()
    first.add_run(f"{safe_text.one_line(label)}: ").bold = True
    if not found:
        first.add_run(empty)
        return
    if found[0].kind != "bullet":
        _lines(first, found[0].lines)
        found = found[1:]
    else:
        first.paragraph_format.keep_with_next = True
    for block in found:
        style = "List Bullet" if block.kind == "bullet" else "Normal"
        _lines(document.add_paragraph(style=style), block.lines)


def repeat_header(row: Any) -> None:
    """Mark a table row as the header that Word and LibreOffice repeat at the top of each page."""
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)
    keep_row_whole(row, with_next=True)


def keep_row_whole(row: Any, *, with_next: bool = False) -> None:
    """A row never splits across pages (w:cantSplit): half a decision's owner on one page and
    the rest on the next is unreadable. `with_next` keeps it on the page of the row below."""
    tr_pr = row._tr.get_or_add_trPr()
    if not tr_pr.xpath("./w:cantSplit"):
        tr_pr.insert(0, OxmlElement("w:cantSplit"))
    if with_next:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def row_height(row: Any, height_cm: float) -> None:
    row.height = Cm(height_cm)


def set_widths(grid: Any, widths_cm: Sequence[float]) -> None:
    """Column widths in the grid (LibreOffice reads these) and in every cell (Word reads these),
    widened from `widths_cm` where the longest word of a column needs more, taken from the
    columns with room to spare, so no word splits across lines in a cell."""
    widths = fit_widths(list(widths_cm), column_minimums(grid, len(widths_cm)))
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=False):
        column.width = Cm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def _usable_cm(document: Document) -> float:
    section = document.sections[0]
    return float((section.page_width - section.left_margin - section.right_margin) / Cm(1))


def _shares(grid: Any, columns: int, total: float) -> list[float]:
    """Widths for a table given none: equal shares (`set_widths` then widens for long words)."""
    return [total / columns] * columns


def column_minimums(grid: Any, columns: int) -> list[float]:
    """Per column, the width in cm its longest word needs (bold runs counted as bold); a cell
    merged over several columns is left out, as it has their width together."""
    found = [0.0] * columns
    for row in grid.rows:
        cells = row.cells
        for column, cell in enumerate(cells[:columns]):
            if sum(1 for other in cells if other._tc is cell._tc) > 1:
                continue
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    need = text_width.longest_piece_cm(run.text, bold=bool(run.bold))
                    found[column] = max(found[column], need)
    return found


def fit_widths(widths: list[float], minimums: Sequence[float]) -> list[float]:
    """`widths`, each raised to its minimum, the total kept by narrowing the columns with room
    (in proportion to their room); when even the minimums do not fit, the minimums scaled."""
    total = sum(widths)
    raised = [max(w, m) for w, m in zip(widths, minimums, strict=True)]
    excess = sum(raised) - total
    if excess <= 1e-9:
        return raised
    room = [w - m for w, m in zip(raised, minimums, strict=True)]
    spare = sum(room)
    if spare >= excess:
        return [w - excess * r / spare for w, r in zip(raised, room, strict=True)]
    scale = total / sum(minimums)
    return [m * scale for m in minimums]


def _cell_text(cell: Any, value: object, *, bold: bool = False, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    _lines(paragraph, safe_text.clean(value).split("\n"), bold=bold)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.space_after = Pt(0)


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def page_break(document: Document) -> None:
    document.add_page_break()


def save(document: Document, target: Path) -> Path:
    """Write the document atomically: complete at `target`, or not there at all."""

    def write(stream: BinaryIO) -> None:
        document.save(stream)

    return write_atomic(target, write)
