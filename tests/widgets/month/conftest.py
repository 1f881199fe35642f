"""Fixtures for the tests of the Month tab and its invoices; those shared with other folders are in
tests/conftest.py."""
