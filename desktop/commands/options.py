"""Options that more than one parser takes, defined without importing storage."""

from __future__ import annotations

import argparse


def add_require_encryption(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--require-encryption",
        action="store_true",
        help="refuse to create a practice that cannot be encrypted (no working keyring)",
    )
