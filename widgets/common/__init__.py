"""What every tab shares: the table model base, undo base, background runner, dialogs, settings.

The tab packages never import each other; they meet here and in storage.
"""
