"""Scheduled work: asks services what is due at `now`, sends, records."""
