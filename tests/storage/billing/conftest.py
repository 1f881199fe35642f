"""Fixtures for the tests of the month report, instalments and invoices; those shared with other
folders are in tests/conftest.py."""
