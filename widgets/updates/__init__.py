"""The weekly client update: the editor (reorder, cut, write in sections; copy, save, mark as
sent) and the Friday nudge, "Updates to send"."""
