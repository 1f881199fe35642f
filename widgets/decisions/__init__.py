"""The Decisions tab: the decision log, its filters and search, and the decision editor."""
