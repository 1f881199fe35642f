"""Fixtures for the tests of the Time tab and the timer's controls; those shared with other folders
are in tests/conftest.py."""
