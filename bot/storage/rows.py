"""Small helpers for writing SQL."""

from __future__ import annotations

from collections.abc import Iterable


def marks(values: Iterable[object]) -> str:
    """Placeholders for an IN (...) list of these values."""
    return ",".join("?" * len(list(values)))
