"""Dialogs of the window itself (preferences, restoring a backup), not of any one tab."""
