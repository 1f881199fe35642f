"""Fixtures for the tests of the window, its menus and keys, and the app's start; those shared with
other folders are in tests/conftest.py."""
