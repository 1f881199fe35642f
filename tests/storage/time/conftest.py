"""Fixtures for the tests of time entries, the timer and the week's commitment; those shared with
other folders are in tests/conftest.py."""
