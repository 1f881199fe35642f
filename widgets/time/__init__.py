"""The Time tab: the weekly grid, the entries panel, the split bars and the timer."""
