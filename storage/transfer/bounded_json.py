"""JSON from a file someone handed over, held to what a record can store.

Python's parser takes integers of any size, lone surrogates (`"\\ud800"`), `NaN` and nesting as
deep as its stack; SQLite then refuses the first two halfway through a write, and deep nesting
ends the parse in a RecursionError. Each is refused here, in one line, before anything is
written.
"""

from __future__ import annotations

import json
import math
from typing import Any

from storage.rules.errors import ValidationError
from storage.rules.text_policy import has_lone_surrogate
from storage.rules.validation import MAX_TEXT

MAX_DEPTH = 32  # a practice file nests 4 deep, a map file 2
MIN_INTEGER, MAX_INTEGER = -(2**63), 2**63 - 1  # SQLite's INTEGER


def parse(data: bytes, field: str, name: str) -> Any:
    """The value the JSON text `data` holds; ValidationError (on `field`, naming the file
    `name`) when it is not UTF-8 JSON or holds a value no record can keep."""
    try:
        text = data.decode("utf-8-sig")
        value = json.loads(text, parse_int=_integer, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise ValidationError(field, f"{name} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValidationError(field, f"{name} is not JSON ({exc.msg}, line {exc.lineno})") from None
    except RecursionError:
        raise ValidationError(field, f"{name} nests deeper than {MAX_DEPTH} levels") from None
    except _OutOfBoundsError as exc:
        raise ValidationError(field, f"{name} holds {exc}") from None
    check_bounds(value, field, name)
    return value


class _OutOfBoundsError(ValueError):
    """Raised from inside the parser, so a huge number is never even converted."""


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > len(str(MAX_INTEGER)) or not (
        MIN_INTEGER <= (value := int(digits)) <= MAX_INTEGER
    ):
        raise _OutOfBoundsError(f"the number {_show(digits)}, too large to keep")
    return value


def _no_constant(word: str) -> float:
    raise _OutOfBoundsError(f"{word}, which is not a number")


def check_bounds(value: object, field: str, name: str) -> None:
    """Walk the value without recursion (any depth is walked safely) and refuse the first
    value out of bounds."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, dict | list):
            if depth > MAX_DEPTH:
                raise ValidationError(field, f"{name} nests deeper than {MAX_DEPTH} levels")
            items = current.items() if isinstance(current, dict) else enumerate(current)
            for key, item in items:
                if isinstance(key, str):
                    _check_scalar(key, field, name)
                stack.append((item, depth + 1))
        else:
            _check_scalar(current, field, name)


def _check_scalar(value: object, field: str, name: str) -> None:
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ValidationError(
                field, f"{name} holds a text of {len(value):,} characters (at most {MAX_TEXT:,})"
            )
        if not value.isascii() and has_lone_surrogate(value):
            raise ValidationError(
                field, f"{name} holds a broken character (an unpaired surrogate, {_show(value)})"
            )
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if not MIN_INTEGER <= value <= MAX_INTEGER:
            raise ValidationError(field, f"{name} holds a number too large to keep")
    elif isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(field, f"{name} holds a number too large to keep")


def _show(text: str) -> str:
    """A short, printable quote of a value (a lone surrogate cannot be printed as it is)."""
    shown = text.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
    return shown if len(shown) <= 40 else f"{shown[:37]}..."
