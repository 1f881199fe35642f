"""Fixtures for the tests of the Clients tab and the engagement editor; those shared with other
folders are in tests/conftest.py."""
