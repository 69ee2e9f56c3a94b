"""One SQLite connection per process, with transactions serialized across coroutines.

This is the aiosqlite driver's database: it hands out `Connection`s (bot/storage/connection.py)
inside transactions, and repositories never see aiosqlite itself.

Two faults of the disk are handled here. The file deleted or replaced while the bot runs:
SQLite would carry on with the file it holds open, which nobody opens again, so every read
and transaction first checks (one stat) that the path still names that file, and refuses
once it does not (see DatabaseGone). Another process holding the write lock (a backup, a
sqlite3 shell): a transaction waits for it up to BUSY_WAIT_SECONDS.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import aiosqlite

from bot.domain.errors import DatabaseGone
from bot.storage.connection import Connection, Dialect
from bot.storage.sqlite import SqliteConnection

log = logging.getLogger(__name__)

# How long SQLite itself waits for a lock before one try gives up.
BUSY_TIMEOUT_MS = 5000
# How long a transaction waits in all while another process holds the write lock; then it
# fails (the user gets the apology) with nothing of it written. The bot's own transactions
# never wait on each other here: they take turns on an asyncio lock first.
BUSY_WAIT_SECONDS = 60.0
# The pause between tries, growing to at most a second.
BUSY_PAUSE = 0.05

FileId = tuple[int, int]  # (device, inode): which file a path names


def file_id(path: Path) -> FileId | None:
    """The file the path names now, or None when it names none."""
    try:
        found = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return found.st_dev, found.st_ino


def _busy(exc: sqlite3.OperationalError) -> bool:
    """SQLITE_BUSY or one of its extended codes: another connection holds the lock."""
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_BUSY


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

    dialect = Dialect.SQLITE

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._wrapped: SqliteConnection | None = None
        # Handlers and jobs share one connection; a lock keeps their transactions apart.
        self._lock = asyncio.Lock()
        # The file opened, and its WAL and shared-memory files; set by open.
        self._file: FileId | None = None
        self._companions: dict[Path, FileId] = {}
        # Called once when the file is found gone (`run` stops the bot with it).
        self.on_gone: Callable[[], None] | None = None
        self.gone: DatabaseGone | None = None  # why nothing more is read or written
        self.rescued: Path | None = None  # where what the lost file held was saved

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
        self._file = file_id(self.path)
        self._conn, self._wrapped = conn, SqliteConnection(conn)
        await self.migrate()
        # They stay the same files while a connection is open (SQLite empties them in place).
        for suffix in ("-wal", "-shm"):
            companion = self.path.with_name(self.path.name + suffix)
            if (found := file_id(companion)) is not None:
                self._companions[companion] = found

    async def close(self) -> None:
        """Close the connection if open (first saving what a lost file held)."""
        if self._conn is None:
            return
        async with self._lock:
            if self.gone is not None:
                await self._rescue(self._conn)
            await self._conn.close()
            self._conn = self._wrapped = None

    def _check_file(self) -> None:
        """DatabaseGone unless the path still names the file opened: the first time, the
        bot is told to stop, and the old file's WAL is taken away from beside the path."""
        if self.gone is not None:
            raise DatabaseGone(self.gone.path, self.gone.how)
        now = file_id(self.path)
        if now == self._file:
            return
        how = "deleted or moved away" if now is None else "replaced by another file"
        self.gone = DatabaseGone(str(self.path), how)
        log.critical("%s; stopping so nothing more is written to it", self.gone)
        self._remove_companions()
        if self.on_gone is not None:
            self.on_gone()
        raise DatabaseGone(self.gone.path, self.gone.how)

    def _remove_companions(self) -> None:
        """Delete the lost file's WAL and shared memory: SQLite would read them as the WAL of
        whatever file is put at the path (and corrupt it), or of the new one made there. This
        connection keeps reading them through its open descriptors."""
        for companion, known in self._companions.items():
            if file_id(companion) == known:
                companion.unlink(missing_ok=True)

    async def _rescue(self, conn: aiosqlite.Connection) -> None:
        """Save what the lost file holds beside the path, for the operator to restore."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.rescued-{stamp}")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            copy = sqlite3.connect(target, check_same_thread=False)
            try:
                await conn.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # one file, like `backup` makes
            finally:
                copy.close()
        except (OSError, sqlite3.Error) as exc:
            log.error("could not save what the lost database file held to %s: %s", target, exc)
            return
        self.rescued = target
        log.warning("what the lost database file held is saved in %s", target)

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
            conn = self._connection
            self._check_file()
            await conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

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
        deadline = asyncio.get_running_loop().time() + BUSY_WAIT_SECONDS
        async with self._lock:
            conn = self._connection
            assert self._wrapped is not None
            self._check_file()
            await self._begin_writing(conn, deadline)
            try:
                yield self._wrapped
                self._check_file()  # never commit to a file nobody will open again
                await conn.commit()
            except BaseException:
                if conn.in_transaction:
                    await conn.rollback()
                raise

    async def _begin_writing(self, conn: aiosqlite.Connection, deadline: float) -> None:
        """BEGIN IMMEDIATE, trying again while another process holds the write lock, until the
        deadline; then SQLite's 'database is locked' error, with nothing begun."""
        loop = asyncio.get_running_loop()
        since: float | None = None  # when the wait began (the first try's timeout ago)
        pause = BUSY_PAUSE
        while True:
            try:
                await conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                now = loop.time()
                if since is None:
                    since = now - BUSY_TIMEOUT_MS / 1000
                    log.warning(
                        "the database is locked by another process (a backup? a sqlite3 "
                        "shell?); waiting for it, up to %.0f s",
                        BUSY_WAIT_SECONDS,
                    )
                if now >= deadline:
                    log.error(
                        "the database stayed locked by another process for %.0f s; "
                        "giving up on this change (nothing of it was written)",
                        now - since,
                    )
                    raise
                await asyncio.sleep(pause)
                pause = min(pause * 2, 1.0)
                continue
            if since is not None:
                log.info("the database is free again after %.1f s", loop.time() - since)
            return

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[Connection]:
        """A consistent read: a deferred transaction that is always rolled back."""
        async with self._lock:
            conn = self._connection
            assert self._wrapped is not None
            self._check_file()
            await conn.execute("BEGIN")
            try:
                yield self._wrapped
            finally:
                await conn.rollback()
