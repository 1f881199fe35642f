"""Fixtures for the tests of decision records, their chains, flags and full-text search; those
shared with other folders are in tests/conftest.py."""
