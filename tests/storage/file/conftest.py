"""Fixtures for the tests of the practice file: opening, migrations, encryption, keys, backups,
locks and tolerant reads; those shared with other folders are in tests/conftest.py."""
