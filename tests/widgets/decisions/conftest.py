"""Fixtures for the tests of the Decisions tab; those shared with other folders are in
tests/conftest.py."""
