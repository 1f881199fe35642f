"""Fixtures for the tests of the Portfolio tab; those shared with other folders are in
tests/conftest.py."""
