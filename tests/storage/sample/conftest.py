"""Fixtures for the tests of the sample practice; those shared with other folders are in
tests/conftest.py."""
