"""The tabs, dialogs, item models and charts. Imports storage and exporters, never desktop."""
