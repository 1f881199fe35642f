"""How wide a word prints, in centimetres, so a table's columns are never narrower than the
longest word in them (a column too narrow splits "Deprecated" into "Deprecate" and "d").

The widths are DejaVu Sans's (what a Linux reader without Calibri substitutes, and wider than
Calibri), per character class, with a margin: an estimate on the generous side, never a
measurement of every font.
"""

from __future__ import annotations

import re

POINT_CM = 2.54 / 72
BODY_PT = 10.5  # the template's Normal size, which table cells use
BOLD = 1.12  # DejaVu Sans Bold against Book
MARGIN = 1.06
CELL_PADDING_CM = 0.5  # Table Grid's left and right cell margins (0.19 cm each) and a little
EM = {  # DejaVu Sans advance widths, in ems, by character
    **dict.fromkeys("ijl.,:;'!|\u2019", 0.28),
    **dict.fromkeys("ft()[]/-\u2010", 0.38),
    **dict.fromkeys('r"“”', 0.42),
    **dict.fromkeys("mw", 0.92),
    **dict.fromkeys("MW%—@", 1.0),
}
UPPER, LOWER, DIGIT, OTHER = 0.77, 0.63, 0.64, 0.64
# Where a line may break inside a cell: at spaces, and after a hyphen or a dash.
_PIECES = re.compile(r"[^\s\-\u2010\u2013\u2014]+[\-\u2010\u2013\u2014]?|[\-\u2010\u2013\u2014]")


def em(char: str) -> float:
    if char in EM:
        return EM[char]
    if char.isupper():
        return UPPER
    if char.isdigit():
        return DIGIT
    return LOWER if char.isalpha() else OTHER


def word_cm(word: str, *, bold: bool = False, size_pt: float = BODY_PT) -> float:
    """The printed width of one unbreakable piece of text."""
    width = sum(em(c) for c in word) * size_pt * POINT_CM * MARGIN
    return width * (BOLD if bold else 1.0)


def pieces(text: str) -> list[str]:
    """The pieces a line can break between: words, each keeping a hyphen that ends it."""
    return _PIECES.findall(text)


def longest_piece_cm(text: str, *, bold: bool = False) -> float:
    """The width the longest unbreakable piece of `text` needs, with the cell's padding."""
    found = [word_cm(p, bold=bold) for p in pieces(text)]
    return max(found, default=0.0) + CELL_PADDING_CM
