"""Fixtures for the tests of capacity and the portfolio's figures; those shared with other folders
are in tests/conftest.py."""
