"""The asyncpg driver behind `Connection`, and the bot's PostgreSQL database.

Repositories write SQL with `?` or `:name` placeholders, as for SQLite; `placeholders` turns
them into PostgreSQL's `$1, $2, ...` once per statement text (the translations are kept).
Where the two databases need different SQL, a repository asks `conn.dialect`.

Migrations are the same numbered history as SQLite's (bot/storage/migrations/), each read
with SQLite's column types and its one function written as PostgreSQL's (`postgres_script`);
the rest of their SQL both databases take as it is. The version applied is kept in
schema_migrations; replicas starting together take turns on an advisory lock, so each
migration runs once.

Like the SQLite database, one process runs one transaction at a time (an asyncio lock over
one connection): handlers and jobs of one replica see the same order as on SQLite, and
replicas are kept apart by PostgreSQL itself (row locks, unique keys, ON CONFLICT).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import re
import socket
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from bot.domain.errors import DatabaseGone
from bot.storage.connection import Connection, Dialect, Params, Row
from bot.storage.database import migration_scripts as sqlite_scripts
from bot.storage.maintenance import STATS_QUERIES, Stats, stats_of

log = logging.getLogger(__name__)

# Replicas migrating at once take this advisory lock in turn (any constant of our own).
MIGRATION_LOCK = 7_130_401
# How long one try to connect may take, and how long a start waits for the server in all.
CONNECT_TIMEOUT = 10.0

# What connecting to a server that is down, unknown or refusing raises.
UNREACHABLE = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DIGITS = re.compile(r"[0-9]+")


@functools.lru_cache(maxsize=2048)
def placeholders(sql: str) -> tuple[str, tuple[str, ...] | None]:
    """The statement with `?`, `?N` and `:name` written as `$n`, and the names in the order of
    their numbers (None: the statement takes its parameters by position). Quoted text,
    quoted names, comments and `::` casts are left as they are."""
    out: list[str] = []
    names: list[str] = []
    count = 0
    numbered = False
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"":  # a literal or a quoted name, '' and "" escapes included
            end = i + 1
            while end < n:
                if sql[end] == ch:
                    if end + 1 < n and sql[end + 1] == ch:
                        end += 2
                        continue
                    break
                end += 1
            out.append(sql[i : end + 1])
            i = end + 1
        elif ch == "-" and sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(sql[i:end])
            i = end
        elif ch == "?" and (digits := _DIGITS.match(sql, i + 1)):  # ?3: SQLite's third
            numbered = True
            out.append(f"${digits.group()}")
            i = digits.end()
        elif ch == "?":
            count += 1
            out.append(f"${count}")
            i += 1
        elif ch == ":" and sql.startswith("::", i):
            out.append("::")
            i += 2
        elif ch == ":" and (match := _NAME.match(sql, i + 1)) and (i == 0 or sql[i - 1] != ":"):
            name = match.group()
            if name not in names:
                names.append(name)
            out.append(f"${names.index(name) + 1}")
            i = match.end()
        else:
            out.append(ch)
            i += 1
    if sum(map(bool, (names, count, numbered))) > 1:
        raise ValueError("a statement takes ?, ?N or :name placeholders, not two kinds")
    return "".join(out), (tuple(names) if names else None)


def bind(sql: str, params: Params) -> tuple[str, tuple[Any, ...]]:
    """The statement as PostgreSQL takes it, and its parameters in the order of its numbers."""
    text, names = placeholders(sql)
    if names is None:
        if isinstance(params, Mapping):
            raise TypeError("this statement takes ? placeholders: give a sequence")
        return text, tuple(params)
    if not isinstance(params, Mapping):
        raise TypeError("this statement takes :name placeholders: give a mapping")
    return text, tuple(params[name] for name in names)


def _count(status: str) -> int:
    """The rows a command changed, from its status ('UPDATE 3', 'INSERT 0 1')."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PostgresConnection:
    """An asyncpg connection seen through the `Connection` interface."""

    dialect = Dialect.POSTGRESQL

    def __init__(
        self,
        raw: asyncpg.Connection | PoolConnectionProxy,
        traced: Callable[[str], None] | None = None,
    ) -> None:
        self.raw = raw
        self._traced = traced

    def _bind(self, sql: str, params: Params) -> tuple[str, tuple[Any, ...]]:
        if self._traced is not None:
            self._traced(sql)
        return bind(sql, params)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; the number of rows it changed."""
        text, args = self._bind(sql, params)
        return _count(await self.raw.execute(text, *args))

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT of one row; the new row's id (the table's `id` column)."""
        text, args = self._bind(sql, params)
        value = await self.raw.fetchval(f"{text} RETURNING id", *args)
        assert value is not None, "not an INSERT"
        return int(value)

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        """Run a statement once for each set of parameters."""
        found = [self._bind(sql, row) for row in rows]
        if found:
            await self.raw.executemany(found[0][0], [args for _, args in found])

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row the query returns."""
        text, args = self._bind(sql, params)
        return list[Row](await self.raw.fetch(text, *args))

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The query's first row, or None."""
        text, args = self._bind(sql, params)
        row: Row | None = await self.raw.fetchrow(text, *args)
        return row

    async def fetch_table(
        self, sql: str, params: Params = ()
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The query's column names and its rows as plain tuples."""
        text, args = self._bind(sql, params)
        statement = await self.raw.prepare(text)
        rows = await statement.fetch(*args)
        return [a.name for a in statement.get_attributes()], [tuple(r) for r in rows]


# SQLite's column types as PostgreSQL writes them: Telegram's ids need 64 bits, and a
# table's own `id` is numbered by the database (given ones are kept, as a copy needs).
_IDENTITY = re.compile(r"^(\s*id\s+)INTEGER PRIMARY KEY\b", re.MULTILINE)
_INTEGER = re.compile(r"\bINTEGER\b")
_REAL = re.compile(r"\bREAL\b")
# The one SQLite function the migrations call: the time now, as the bot writes times.
_NOW_SQLITE = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"
_NOW = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')"""


def postgres_script(sql: str) -> str:
    """A SQLite migration as PostgreSQL runs it: its column types and its time now written
    as PostgreSQL's; everything else in the migrations is SQL both databases take."""
    sql = _IDENTITY.sub(r"\1BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql)
    sql = _REAL.sub("DOUBLE PRECISION", _INTEGER.sub("BIGINT", sql))
    return sql.replace(_NOW_SQLITE, _NOW)


def migration_scripts() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration as PostgreSQL runs it, in order: the same
    numbered history as SQLite's."""
    return [(version, name, postgres_script(sql)) for version, name, sql in sqlite_scripts()]


_SCHEMA_TABLE = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version    BIGINT PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)"""


class PostgresDatabase:
    """The bot's PostgreSQL database: connect, migrate, and run one transaction at a time
    in this process."""

    dialect = Dialect.POSTGRESQL

    def __init__(self, url: str) -> None:
        self.url = url
        self._pool: asyncpg.Pool | None = None
        self._lock = asyncio.Lock()
        self._traced: Callable[[str], None] | None = None
        # As on SQLite's database; a server never vanishes the way a file does.
        self.on_gone: Callable[[], None] | None = None
        self.gone: DatabaseGone | None = None
        self.rescued: Path | None = None

    async def open(self) -> None:
        """Connect (the pool reconnects after a lost connection) and apply migrations."""
        self._pool = await asyncpg.create_pool(
            self.url, min_size=1, max_size=1, timeout=CONNECT_TIMEOUT,
            server_settings={"application_name": application_name()},
        )  # fmt: skip
        await self.migrate()

    async def close(self) -> None:
        """Close the connection if open."""
        if self._pool is None:
            return
        async with self._lock:
            await self._pool.close()
            self._pool = None

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("database is not open")
        return self._pool

    async def schema_version(self) -> int:
        """The last migration applied (0 before any)."""
        async with self._lock, self.pool.acquire() as conn, conn.transaction():
            # Replicas starting at once on an empty database: one makes the table.
            await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
            await conn.execute(_SCHEMA_TABLE)
            value = await conn.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        return int(value)

    async def migrate(self) -> None:
        """Apply every migration not yet applied, each in its own transaction; replicas
        starting at once take turns (an advisory lock held to each one's commit)."""
        await self.schema_version()  # the table it is kept in
        for version, name, sql in migration_scripts():
            async with self._lock, self.pool.acquire() as conn, conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
                done = await conn.fetchval(
                    "SELECT 1 FROM schema_migrations WHERE version = $1", version
                )
                if done:
                    continue
                await conn.execute(sql)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", version, name
                )
            log.info("applied migration %s", name)

    async def trace(self, callback: Callable[[str], None] | None) -> None:
        """Call back with every statement run (None stops it): for counting and debugging."""
        self._traced = callback

    async def checkpoint(self) -> None:
        """Nothing to do: PostgreSQL keeps no WAL of ours beside a file (see Database)."""

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        """BEGIN .. COMMIT, rolled back on any exception."""
        async with self._lock, self.pool.acquire() as conn, conn.transaction():
            yield PostgresConnection(conn, self._traced)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[Connection]:
        """A consistent read (one snapshot) that writes nothing."""
        async with self._lock, self.pool.acquire() as conn:
            reading = conn.transaction(isolation="repeatable_read", readonly=True)
            await reading.start()
            try:
                yield PostgresConnection(conn, self._traced)
            finally:
                await reading.rollback()


APPLICATION = "accountability-bot"  # how a bot's connection names itself to the server


def application_name(host: str | None = None, pid: int | None = None) -> str:
    """The name a bot process's connection carries (pg_stat_activity shows it): the host and
    the process, so that `check --running` can tell whether a bot runs here."""
    return f"{APPLICATION} {host or socket.gethostname()} {pid or os.getpid()}"


async def bots_connected(url: str) -> tuple[int, int]:
    """(bots connected to this database from this host, bots connected in all): each bot
    process holds one connection while it runs; a killed one's goes with it."""
    conn = await asyncpg.connect(url, timeout=CONNECT_TIMEOUT)
    try:
        names = [
            str(r[0])
            for r in await conn.fetch(
                """SELECT application_name FROM pg_stat_activity
                   WHERE datname = current_database() AND application_name LIKE $1""",
                f"{APPLICATION} %",
            )
        ]
    finally:
        await conn.close()
    here = f"{APPLICATION} {socket.gethostname()} "
    return sum(n.startswith(here) for n in names), len(names)


async def schema_state(url: str) -> tuple[str, int, int]:
    """(the server's version, the database's schema version, the newest this code knows),
    for `python -m bot check`; asyncpg's errors (and OSError) when it cannot be reached."""
    conn = await asyncpg.connect(url, timeout=CONNECT_TIMEOUT)
    try:
        server = str(await conn.fetchval("SHOW server_version"))
        kept = await conn.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
        version = 0
        if kept:
            version = int(
                await conn.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            )
    finally:
        await conn.close()
    return server, version, migration_scripts()[-1][0]


async def stats(url: str) -> Stats:
    """Count what the PostgreSQL database holds (see maintenance.STATS_QUERIES)."""
    conn = await asyncpg.connect(url, timeout=CONNECT_TIMEOUT)
    try:
        return stats_of({name: await conn.fetchval(sql) for name, sql in STATS_QUERIES.items()})
    finally:
        await conn.close()
