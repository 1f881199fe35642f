"""A client's tax details as typed: its country, the treatment chosen by hand, its own rate, and
a VAT number that fits its country's pattern.

Only the shape is checked (the pattern the EU's VIES and HMRC publish), never a registry: the
app works offline. A number from a country outside the EU and the UK is kept as typed.
"""

from __future__ import annotations

import re
from typing import Any

from storage.rules import validation as v
from storage.rules.errors import ValidationError

EU = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
UK = frozenset({"GB"})
TAX_KINDS = ("domestic", "reverse_charge", "outside_scope", "not_registered")
# The number after its country prefix, spaces, dots and dashes removed.
VAT_PATTERNS = {
    "AT": r"U\d{8}", "BE": r"[01]\d{9}", "BG": r"\d{9,10}", "CY": r"\d{8}[A-Z]",
    "CZ": r"\d{8,10}", "DE": r"\d{9}", "DK": r"\d{8}", "EE": r"\d{9}", "GR": r"\d{9}",
    "ES": r"[0-9A-Z]\d{7}[0-9A-Z]", "FI": r"\d{8}", "FR": r"[0-9A-Z]{2}\d{9}", "HR": r"\d{11}",
    "HU": r"\d{8}", "IE": r"\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W]", "IT": r"\d{11}",
    "LT": r"\d{9}|\d{12}", "LU": r"\d{8}", "LV": r"\d{11}", "MT": r"\d{8}", "NL": r"\d{9}B\d{2}",
    "PL": r"\d{10}", "PT": r"\d{9}", "RO": r"\d{2,10}", "SE": r"\d{10}01", "SI": r"\d{8}",
    "SK": r"\d{10}", "GB": r"\d{9}|\d{12}|GD\d{3}|HA\d{3}",
}  # fmt: skip
PREFIXES = {"GR": ("EL", "GR")}
EXAMPLES = {"GB": "GB 123 4567 89", "DE": "DE 123456789", "FR": "FR 12 345678901"}


def country(field: str, value: object) -> str:
    """An ISO 3166 alpha-2 code ("GB", "FR"), upper case, or empty when not given."""
    text = v.line_text(field, value, max_len=100).upper()
    if text and not re.fullmatch(r"[A-Z]{2}", text):
        raise ValidationError(field, "use the two-letter country code, such as GB, FR or DE")
    return "GR" if text == "EL" else text


def in_vat_area(code: str) -> bool:
    """The EU or the UK: where business-to-business services across a border are reverse
    charged."""
    return code in EU or code in UK


def vat_number(code: str, text: str) -> str:
    """The VAT number as its country writes it without spaces ("DE318472905"); refused when it
    does not fit the country's pattern. Outside the EU and the UK it is kept as typed."""
    pattern = VAT_PATTERNS.get(code)
    if pattern is None or not text:
        return text
    squeezed = re.sub(r"[\s.\-]", "", text).upper()
    for prefix in PREFIXES.get(code, (code,)):
        if squeezed.startswith(prefix):
            squeezed = squeezed[len(prefix) :]
            break
    if not re.fullmatch(pattern, squeezed):
        example = EXAMPLES.get(code, f"{code} followed by the number")
        raise ValidationError("tax_id", f"is not a {code} VAT number (such as {example})")
    return squeezed


def validate(
    country_code: object, tax_id: object, treatment: object, rate_bp: object
) -> dict[str, Any]:
    """The client's tax columns to store, or ValidationError naming the first bad field."""
    code = country("country", country_code)
    vat_number(code, str(tax_id or "").strip())
    kind = v.one_of("tax_treatment", treatment, ("", *TAX_KINDS))
    rate = None if rate_bp is None else v.int_between("tax_rate_bp", rate_bp, 0, 10_000)
    return {"country": code, "tax_treatment": kind, "tax_rate_bp": rate}
