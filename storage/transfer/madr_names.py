"""What MADR files share between writing and reading: file names, headings, escaping.

ADR tools name one Markdown file per decision in several ways: `NNNN-title.md` (adr-tools,
MADR), `adrNNN-title.md` (Backstage), `YYYYMMDD-title.md` (log4brains: a date, not a number), or
just `title.md`. The number, when there is one, is the decision's number in the log.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

CONTEXT = "Context and Problem Statement"
DRIVERS = "Decision Drivers"
OPTIONS = "Considered Options"
OUTCOME = "Decision Outcome"
CONSEQUENCES = "Consequences"
PROS_AND_CONS = "Pros and Cons of the Options"
MORE = "More Information"
GOOD, BAD = "Good, because ", "Bad, because "
SUPERSEDES, SUPERSEDED_BY = "Supersedes", "Superseded by"
INDEX = "README.md"
FILE_NAME = re.compile(r"^(\d{1,6})-.+\.md$")
_PREFIXED = re.compile(r"^adr[-_]?(\d{1,6})[-_].+\.md$", re.I)
_DATED = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})-.+\.md$")
NOT_DECISIONS = {"readme.md": "the folder's index", "index.md": "the folder's index",
                 "template.md": "a template", "adr-template.md": "a template",
                 "_template.md": "a template"}  # fmt: skip
_HEADING = re.compile(r"^ {0,3}(?:#{1,2}(?:\s|$)|-{3,}\s*$|={3,}\s*$)")
_ESCAPED = re.compile(r"^\\(?= {0,3}(?:#{1,2}(?:\s|$)|-{3,}\s*$|={3,}\s*$))")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def number_in(name: str) -> tuple[int, str] | None:
    """The number in the file name and its digits as written (`0005`), or None."""
    match = FILE_NAME.match(name) or _PREFIXED.match(name)
    if match is None or _DATED.match(name):
        return None
    return int(match[1]), match[1]


def date_in(name: str) -> dt.date | None:
    """The day a log4brains file name starts with."""
    match = _DATED.match(name)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def slug(title: str) -> str:
    """`Use retrieval over fine-tuning` -> `use-retrieval-over-fine-tuning` (letters of any
    script kept, accents folded, 60 characters at most)."""
    folded = unicodedata.normalize("NFKD", title.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    dashed = re.sub(r"[\W_]+", "-", plain).strip("-")
    return dashed[:60].rstrip("-") or "decision"


def file_name(number: int, title: str) -> str:
    return f"{number:04d}-{slug(title)}.md"


def _outside_fences(text: str, change: re.Pattern[str], into: str) -> str:
    lines, fence = [], ""
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence:
            fence = "" if match and match[1][0] == fence[0] else fence
        elif match:
            fence = match[1]
        else:
            line = change.sub(into, line, count=1)
        lines.append(line)
    return "\n".join(lines)


def escape(text: str) -> str:
    """Field text whose lines would be read as a section heading or a front-matter fence,
    escaped (code in fences is left as it is)."""
    return _outside_fences(text, _HEADING, "\\\\\\g<0>")


def unescape(text: str) -> str:
    return _outside_fences(text, _ESCAPED, "")
