"""The aiosqlite driver behind `Connection`: one trip to aiosqlite's worker thread per call."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import aiosqlite

from bot.storage.connection import Dialect, Params, Row


class SqliteConnection:
    """An aiosqlite connection seen through the `Connection` interface."""

    dialect = Dialect.SQLITE

    def __init__(self, raw: aiosqlite.Connection) -> None:
        self.raw = raw

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; the number of rows it changed."""
        cursor = await self.raw.execute(sql, params)
        return cursor.rowcount

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT of one row; the new row's id."""
        cursor = await self.raw.execute(sql, params)
        assert cursor.lastrowid is not None, "not an INSERT"
        return cursor.lastrowid

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        """Run a statement once for each set of parameters."""
        await self.raw.executemany(sql, rows)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row the query returns (execute and fetch in one trip)."""
        return list(await self.raw.execute_fetchall(sql, params))

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The query's first row, or None."""
        return next(iter(await self.raw.execute_fetchall(sql, params)), None)

    async def fetch_table(
        self, sql: str, params: Params = ()
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The query's column names and its rows as plain tuples."""
        cursor = await self.raw.execute(sql, params)
        rows = [tuple(row) for row in await cursor.fetchall()]
        return [d[0] for d in cursor.description], rows
