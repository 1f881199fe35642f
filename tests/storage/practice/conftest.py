"""Fixtures for the tests of clients, engagements, commitments, terms and undo of a delete; those
shared with other folders are in tests/conftest.py."""
