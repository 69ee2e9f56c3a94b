"""One SQLite connection per process, with transactions serialized across coroutines.

This is the aiosqlite driver's database: it hands out `Connection`s (bot/storage/connection.py)
inside transactions, and repositories never see aiosqlite itself."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import aiosqlite

from bot.storage.connection import Connection
from bot.storage.sqlite import SqliteConnection

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


def migration_scripts() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration file, in order."""
    folder = resources.files("bot.storage") / "migrations"
    scripts = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            scripts.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(scripts)


class Database:
    """The bot's SQLite database: open, migrate, and run one transaction at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._wrapped: SqliteConnection | None = None
        # Handlers and jobs share one connection; a lock keeps their transactions apart.
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        """Connect, set the pragmas every connection needs, and apply migrations."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA synchronous=NORMAL")
        # Deleted rows are overwritten, not left in free pages: /forgetme leaves nothing.
        await conn.execute("PRAGMA secure_delete=ON")
        self._conn, self._wrapped = conn, SqliteConnection(conn)
        await self.migrate()

    async def close(self) -> None:
        """Close the connection if open."""
        if self._conn is not None:
            await self._conn.close()
            self._conn = self._wrapped = None

    async def schema_version(self) -> int:
        """The last migration applied (PRAGMA user_version)."""
        async with self._lock:
            cursor = await self._connection.execute("PRAGMA user_version")
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self) -> None:
        """Apply every migration newer than user_version, each in its own transaction."""
        current = await self.schema_version()
        for version, name, sql in migration_scripts():
            if version <= current:
                continue
            async with self._lock:
                conn = self._connection
                try:
                    # executescript would commit first; run the script inside our own BEGIN.
                    await conn.executescript(
                        f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
                    )
                except Exception:
                    if conn.in_transaction:
                        await conn.rollback()
                    raise
            log.info("applied migration %s", name)

    async def checkpoint(self) -> None:
        """Copy the WAL into the database file and empty it (after a forget: the old pages
        must not stay readable in the WAL either)."""
        async with self._lock:
            await self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def trace(self, callback: Callable[[str], None] | None) -> None:
        """Call back with every SQL statement run (None stops it): for counting and debugging."""
        await self._connection.set_trace_callback(callback)  # type: ignore[arg-type]  # None stops it, as in sqlite3

    @property
    def _connection(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        """BEGIN IMMEDIATE .. COMMIT, rolled back on any exception."""
        async with self._lock:
            conn = self._connection
            assert self._wrapped is not None
            await conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._wrapped
                await conn.commit()
            except BaseException:
                if conn.in_transaction:
                    await conn.rollback()
                raise

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[Connection]:
        """A consistent read: a deferred transaction that is always rolled back."""
        async with self._lock:
            conn = self._connection
            assert self._wrapped is not None
            await conn.execute("BEGIN")
            try:
                yield self._wrapped
            finally:
                await conn.rollback()
