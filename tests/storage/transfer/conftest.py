"""Fixtures for the tests of imports of time and MADR decision files; those shared with other
folders are in tests/conftest.py."""
