"""What MADR files share between writing and reading: file names, headings, escaping.

ADR tools (adr-tools, MADR, log4brains) expect one Markdown file per decision named
`NNNN-title-with-dashes.md`; the number is the decision's number in its engagement's log.
"""

from __future__ import annotations

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


def slug(title: str) -> str:
    """`Use retrieval over fine-tuning` -> `use-retrieval-over-fine-tuning` (letters of any
    script kept, accents folded, 60 characters at most)."""
    folded = unicodedata.normalize("NFKD", title.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    dashed = re.sub(r"[\W_]+", "-", plain).strip("-")
    return dashed[:60].rstrip("-") or "decision"


def file_name(number: int, title: str) -> str:
    return f"{number:04d}-{slug(title)}.md"


def escape(text: str) -> str:
    """Body text whose lines could be read as a heading or a front-matter fence, escaped."""
    return "\n".join(
        f"\\{line}" if line.startswith(("#", "\\#", "---")) else line for line in text.split("\n")
    )


def unescape(text: str) -> str:
    return "\n".join(
        line[1:] if line.startswith(("\\#", "\\\\#", "\\---")) else line
        for line in text.split("\n")
    )
