"""A lazily compiled pattern answers as the compiled pattern does, and compiles only when used."""

from __future__ import annotations

import re

from storage.rules.lazy_pattern import LazyPattern, lazy_compile


def test_a_lazy_pattern_is_not_compiled_until_used_and_then_answers_as_re_does() -> None:
    lazy = lazy_compile(r"(\d{4})-?W(\d{1,2})", re.ASCII | re.IGNORECASE)
    assert isinstance(lazy, LazyPattern)
    assert "_compiled" not in vars(lazy)
    found = lazy.fullmatch("2026w05")
    assert found is not None
    assert found.groups() == ("2026", "05")
    assert lazy.compiled is re.compile(r"(\d{4})-?W(\d{1,2})", re.ASCII | re.IGNORECASE)
    assert lazy.sub("-", "2026-W05 and 2027W1") == "- and -"
    assert lazy.fullmatch("2026-W") is None
