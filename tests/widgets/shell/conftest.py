"""Fixtures for the tests of Preferences, Security and the restore dialogs; those shared with other
folders are in tests/conftest.py."""
