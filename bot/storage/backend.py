"""The database the settings name: PostgreSQL when DATABASE_URL is set, else SQLite."""

from __future__ import annotations

from pathlib import Path

from bot.storage.connection import Store
from bot.storage.database import Database


def database_for(url: str, path: Path) -> Store:
    """The database at `url` (postgresql://...), or without one the SQLite file at `path`;
    not yet opened."""
    if url:
        from bot.storage.postgres import PostgresDatabase  # asyncpg only where it is used

        return PostgresDatabase(url)
    return Database(path)
