"""Fixtures for the tests of the product tried the way an adversary would: killed writers, a full
disk, processes at the same moment, damaged files and hostile input; those shared with other folders
are in tests/conftest.py."""
