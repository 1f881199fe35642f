"""Fixtures for the tests of the documents, read back from real .docx files; those shared with other
folders are in tests/conftest.py."""
