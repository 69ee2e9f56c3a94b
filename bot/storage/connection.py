"""The few things a repository asks of a database connection.

Repositories in bot/storage/ and the services above them type against `Connection`, never
against a driver: aiosqlite is the first driver (bot/storage/sqlite.py); a second one is a new
module beside it, not an edit of every repository. SQL is written with `?` or `:name`
placeholders; a driver for another database translates them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

Params = Sequence[object] | Mapping[str, object]


class Row(Protocol):
    """One result row: by position (`row[0]`) or by column name (`row["title"]`)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...

    def keys(self) -> list[str]: ...


class Connection(Protocol):
    """A connection inside a transaction (see Database.transaction and UnitOfWork)."""

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
