"""Fixtures for the tests of File → Export and its options; those shared with other folders are in
tests/conftest.py."""
