"""The Clients tab: the client list, the client form, the engagements and their editor."""
