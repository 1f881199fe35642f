"""Fixtures for the tests of what every tab shares: background work, the palette, first states;
those shared with other folders are in tests/conftest.py."""
