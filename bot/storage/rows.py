"""Small helpers for writing SQL."""

from __future__ import annotations

from collections.abc import Iterable


def marks(values: Iterable[object]) -> str:
    """Placeholders for an IN (...) list of these values; for none, NULL, which matches
    nothing (PostgreSQL refuses an empty list, SQLite takes it)."""
    count = len(list(values))
    return ",".join("?" * count) if count else "NULL"
