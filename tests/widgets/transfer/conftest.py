"""Fixtures for the tests of File → Import; those shared with other folders are in
tests/conftest.py."""
