"""Fixtures for the tests of milestones, the readiness review, the lifecycle and the handoff's
records; those shared with other folders are in tests/conftest.py."""
