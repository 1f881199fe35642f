"""Small checks shared by every record's validation. Each raises ValidationError."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from storage.rules import text_policy
from storage.rules.errors import ValidationError
from storage.rules.lazy_pattern import lazy_compile

MAX_TEXT = 1_000_000  # characters; a long note is fine, a runaway paste is not
MIN_DATE = dt.date(1970, 1, 1)
MAX_DATE = dt.date(2200, 12, 31)
_EMAIL = lazy_compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_text(
    field: str, value: object, *, required: bool = False, max_len: int = MAX_TEXT
) -> str:
    """Return the text as it will be stored (the text policy applied: NFC, `\\n` line breaks,
    nothing XML cannot hold); refuse non-text, lone surrogates and empty required text."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
    if text_policy.has_lone_surrogate(value):
        raise ValidationError(field, "contains a broken character (an unpaired surrogate)")
    value = text_policy.scrub(value)
    if required and not value.strip():
        raise ValidationError(field, "is required")
    if len(value) > max_len:
        raise ValidationError(field, f"is too long (at most {max_len:,} characters)")
    return value


def note_text(field: str, value: object, *, max_len: int = MAX_TEXT) -> str:
    """A note (a time entry's, a timer's, a client's): the text policy, ends trimmed, so the
    blank line an Enter left at its end is never stored or printed."""
    return clean_text(field, value, max_len=max_len).strip()


def line_text(field: str, value: object, *, required: bool = False, max_len: int = MAX_TEXT) -> str:
    """A single-line field (a name, a title): the text policy, then one line, ends trimmed.
    A name pasted from Word with a soft break is stored as the words it shows."""
    text = clean_text(field, value, max_len=MAX_TEXT)
    return clean_text(field, text_policy.one_line(text), required=required, max_len=max_len)


def one_of(field: str, value: object, allowed: Iterable[str]) -> str:
    choices = tuple(allowed)
    if value not in choices:
        raise ValidationError(field, f"must be one of: {', '.join(choices)}")
    return str(value)


def number_between(field: str, value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(field, "must be a number")
    if value != value or not low <= value <= high:  # NaN fails too
        raise ValidationError(field, f"must be between {low:g} and {high:g}")
    return float(value)


def int_between(field: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, "must be a whole number")
    if not low <= value <= high:
        raise ValidationError(field, f"must be between {low:,} and {high:,}")
    return value


def iso_date(field: str, value: object, *, required: bool = True) -> str | None:
    """Accept a date (or an ISO string) within a sane range; return the ISO text stored."""
    if value is None or value == "":
        if required:
            raise ValidationError(field, "is required")
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationError(field, "must be a date like 2026-04-02") from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValidationError(field, "must be a date")
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValidationError(field, f"must be between {MIN_DATE.year} and {MAX_DATE.year}")
    return value.isoformat()


def email(field: str, value: object) -> str:
    text = line_text(field, value, max_len=320)
    if text and not _EMAIL.match(text):
        raise ValidationError(field, "is not an email address like name@example.com")
    return text


def currency(field: str, value: object) -> str:
    text = line_text(field, value, required=True).upper()
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise ValidationError(field, "must be a three-letter currency code such as EUR or USD")
    return text


# What a password, key or token looks like when pasted where a name belongs.
_SECRET_PATTERNS = (
    lazy_compile(r"\b(pass(word|wd|phrase)?|pwd|secret|token|api[ _-]?key|pin)\s*[:=]\s*\S", re.I),
    lazy_compile(r"://[^/\s:@]+:[^/\s@]+@"),  # a URL with its credentials in it
    lazy_compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    lazy_compile(r"\b(AKIA[0-9A-Z]{16}|gh[pousr]_\w{20,}|glpat-[\w-]{20,}|xox[abpr]-[\w-]{10,})"),
    lazy_compile(r"\bsk-[A-Za-z0-9_-]{20,}"),
)
_LONG_WORD = lazy_compile(r"\S{24,}")


def looks_secret(text: str) -> bool:
    """Text that holds a password, key or token: a labelled one ("password: …"), a known key
    shape, or one long run of mixed letters and digits that no name or URL looks like."""
    if any(p.search(text) for p in _SECRET_PATTERNS):
        return True
    for word in _LONG_WORD.findall(text):
        if "://" in word or "@" in word or "." in word.strip("."):
            continue  # a URL, an address or a domain
        if re.search(r"\d", word) and re.search(r"[A-Za-z]", word):
            return True
    return False


def names_only(field: str, value: object, *, required: bool = False, max_len: int = 300) -> str:
    """A one-line name of a system, an access or a person, refused when it holds a secret."""
    text = line_text(field, value, required=required, max_len=max_len)
    if looks_secret(text):
        raise ValidationError(
            field, "looks like a password, key or token: record names only, never secrets"
        )
    return text


def flag(field: str, value: object) -> bool:
    """A yes/no field: a bool (0 and 1 as stored are read back as such), nothing else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise ValidationError(field, "must be yes or no")
