"""The Exit plan tab: milestones, responsibilities and the exit-readiness review."""
