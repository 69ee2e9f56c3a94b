"""Reading rows in one trip to aiosqlite's worker thread (execute, then fetch, is two)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import aiosqlite


async def fetch_all(
    conn: aiosqlite.Connection, sql: str, params: Iterable[object] | Mapping[str, object] = ()
) -> list[aiosqlite.Row]:
    """Every row the query returns."""
    return list(await conn.execute_fetchall(sql, params))


async def fetch_one(
    conn: aiosqlite.Connection, sql: str, params: Iterable[object] | Mapping[str, object] = ()
) -> aiosqlite.Row | None:
    """The query's first row, or None."""
    return next(iter(await conn.execute_fetchall(sql, params)), None)


def marks(values: Iterable[object]) -> str:
    """Placeholders for an IN (...) list of these values."""
    return ",".join("?" * len(list(values)))
