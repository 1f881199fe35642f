"""Fixtures for the tests of the command line, run as `fractional-desk` is; those shared with other
folders are in tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database


@pytest.fixture
def sample_dir(data_dir: Path, db: Database, acme: int) -> Path:
    """A data folder with one client and one active engagement (id 1), for the commands to use."""
    assert acme == 1
    return data_dir
