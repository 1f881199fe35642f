"""Fixtures for the tests of the tabs and dialogs, driven through qtbot, tab by tab; those shared
with other folders are in tests/conftest.py."""
