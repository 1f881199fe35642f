"""Fixtures for the tests of storage, package by package as the product lays it out; those shared
with other folders are in tests/conftest.py."""
