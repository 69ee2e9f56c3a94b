"""The few things a repository asks of a database connection.

Repositories in bot/storage/ and the services above them type against `Connection`, never
against a driver: aiosqlite is the first driver (bot/storage/sqlite.py); a second one is a new
module beside it, not an edit of every repository. SQL is written with `?` or `:name`
placeholders; a driver for another database translates them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from bot.domain.errors import DatabaseGone

Params = Sequence[object] | Mapping[str, object]


class Dialect(StrEnum):
    """Which SQL a connection speaks, for the few statements the two write differently."""

    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


class Row(Protocol):
    """One result row: by position (`row[0]`) or by column name (`row["title"]`)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...

    def keys(self) -> Iterable[str]: ...


class Connection(Protocol):
    """A connection inside a transaction (see Database.transaction and UnitOfWork)."""

    dialect: Dialect

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; the number of rows it changed."""
        ...

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT of one row; the new row's id."""
        ...

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        """Run a statement once for each set of parameters."""
        ...

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row the query returns."""
        ...

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The query's first row, or None."""
        ...

    async def fetch_table(
        self, sql: str, params: Params = ()
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The query's column names and its rows as plain tuples (for exports)."""
        ...


class Store(Protocol):
    """A database the bot runs on: SQLite's (bot/storage/database.py) or PostgreSQL's
    (bot/storage/postgres.py)."""

    dialect: Dialect
    # SQLite's file found deleted or replaced while running (see Database): who to tell,
    # what happened, where what it held was saved. PostgreSQL's stay None.
    on_gone: Callable[[], None] | None
    gone: DatabaseGone | None
    rescued: Path | None

    async def open(self) -> None:
        """Connect and apply migrations."""
        ...

    async def close(self) -> None:
        """Close the connection if open."""
        ...

    async def schema_version(self) -> int:
        """The last migration applied."""
        ...

    async def checkpoint(self) -> None:
        """Make what is committed durable where the database keeps more than one file."""
        ...

    def transaction(self) -> AbstractAsyncContextManager[Connection]:
        """A write transaction, committed on leaving, rolled back on any exception."""
        ...

    def reading(self) -> AbstractAsyncContextManager[Connection]:
        """A consistent read that writes nothing."""
        ...
