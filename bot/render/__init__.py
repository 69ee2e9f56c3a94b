"""Every user-facing string, keyboard and picture."""
