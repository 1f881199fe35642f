"""Sync between devices through a shared folder (issue 35): APSW only, never sqlcipher3."""
