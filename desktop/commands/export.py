"""`fractional-desk export`: added by its feature."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Nothing yet."""
