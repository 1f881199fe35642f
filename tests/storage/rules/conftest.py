"""Fixtures for the tests of the rules storage keeps in one place: durations, weeks, the text
policy; those shared with other folders are in tests/conftest.py."""
