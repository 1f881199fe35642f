"""Database text made safe for Word: no characters XML cannot hold; bullets and breaks kept."""

from __future__ import annotations

import io

import docx
from hypothesis import given
from hypothesis import strategies as st

from exporters.safe_text import Block, blocks, clean, one_line

RTL = "מסמך בעברית ونص عربي"
EMOJI = "Shipped 🚀 on time 👩🏽‍💻"


def test_control_characters_are_removed_but_tabs_and_newlines_stay() -> None:
    assert clean("a\x00b\x01c\x08d\x1fg\x7fh") == "abcdg\x7fh"


def test_word_soft_breaks_become_line_breaks() -> None:
    """A vertical tab is Word's soft line break, pasted with a name: a break, not a failure."""
    assert clean("Acme\x0bRobotics\x0cLtd") == "Acme\nRobotics\nLtd"
    assert one_line("Acme\x0bRobotics") == "Acme Robotics"
    assert clean("tab\there\nnext") == "tab\there\nnext"


def test_lone_surrogates_and_non_characters_are_removed() -> None:
    assert clean("a\ud800b\udfffc\ufffed\uffffe") == "abcde"


def test_windows_and_old_mac_line_endings_become_newlines() -> None:
    assert clean("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_right_to_left_text_and_emoji_survive() -> None:
    assert clean(RTL) == RTL
    assert clean(EMOJI) == EMOJI


def test_text_that_looks_like_xml_is_kept_as_text() -> None:
    assert clean("</w:t><w:p>&amp;") == "</w:t><w:p>&amp;"


def test_none_is_empty() -> None:
    assert clean(None) == ""
    assert blocks(None) == []
    assert blocks("  \n\n  ") == []


def test_dash_lines_become_bullets_and_blank_lines_split_paragraphs() -> None:
    text = "Intro line\nsecond line\n\n- first\n* second\n• third\nAfter"
    assert blocks(text) == [
        Block("text", ("Intro line", "second line")),
        Block("bullet", ("first",)),
        Block("bullet", ("second",)),
        Block("bullet", ("third",)),
        Block("text", ("After",)),
    ]


def test_a_dash_without_a_space_is_not_a_bullet() -> None:
    assert blocks("-5% cost") == [Block("text", ("-5% cost",))]


def test_one_line_joins_lines_and_spaces() -> None:
    assert one_line(" a\n\nb\t c\x00 ") == "a b c"


@given(st.text())
def test_any_text_can_be_written_to_a_word_document(text: str) -> None:
    document = docx.Document()
    for block in blocks(text):
        paragraph = document.add_paragraph()
        for line in block.lines:
            paragraph.add_run(line)
    document.add_paragraph(one_line(text))
    document.save(io.BytesIO())
