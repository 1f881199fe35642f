"""The one text policy: what any text looks like once it has crossed the storage boundary.

Text is NFC-normalised (so `é` typed two ways is one name and sorts and matches as one), line
endings become `\\n`, Word's soft breaks (`\\x0b`, `\\x0c`) become line breaks, and every character
XML 1.0 cannot hold is removed, so whatever is stored can also be written into a Word document.
Validation refuses lone surrogates before this runs; `scrub` removes them, for text that reached
the database another way (the exporters clean every string they write with it).
"""

from __future__ import annotations

import functools

from storage.rules.lazy_pattern import lazy_compile

# What XML 1.0 does not allow, and the line endings that are made \n first: the complement of
# [\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff], written as the few ranges it is (the
# negated class took 5 ms to compile, at every start).
_NOT_XML = lazy_compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = lazy_compile("\r\n|[\r\x0b\x0c\u2028\u2029]")
_BLANKS = lazy_compile(r"\s+")

# The connections' text_factory: text that is not valid UTF-8 (written by another tool, a sync
# conflict, a disk error) is read with U+FFFD in place of the bad bytes instead of failing the
# whole query. A C-level callable, so reading stays as fast as with `str`.
read_text = functools.partial(str, encoding="utf-8", errors="replace")


def scrub(text: str) -> str:
    """The text as the policy keeps it: NFC, `\\n` line breaks, nothing XML cannot hold."""
    import unicodedata  # loaded by the first text written, not by every connection made

    text = _NOT_XML.sub("", _LINE_BREAKS.sub("\n", text))
    return unicodedata.normalize("NFC", text)


def one_line(text: str) -> str:
    """Scrubbed text on one line: runs of blanks and line breaks become one space, ends trimmed."""
    return _BLANKS.sub(" ", scrub(text)).strip()


def has_lone_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)
