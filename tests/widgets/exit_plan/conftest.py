"""Fixtures for the tests of the Exit plan tab; those shared with other folders are in
tests/conftest.py."""
