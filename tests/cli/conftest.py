"""Fixtures for the tests of the command line, run as `fractional-desk` is; those shared with other
folders are in tests/conftest.py."""
