"""Fixtures for the tests of the weekly update's editor and nudge; those shared with other
folders are in tests/conftest.py."""
