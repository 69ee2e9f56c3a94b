"""`python -m bot copy --to postgresql://...`: a SQLite database moved into an empty PostgreSQL
database, every table and every id as they were, checked at the end.

The SQLite file is first brought to the newest schema (as a start of the bot would), and the
PostgreSQL database gets the same schema from its own migrations; then each table's rows go
over in one COPY, parents before children (the foreign keys hold all along), the numbering of
`id` columns moves past the ids copied, and each table is read back from both sides and
compared: its count of rows, and a checksum of every value, rows in one order.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import asyncpg

from bot.storage.database import Database
from bot.storage.postgres import PostgresDatabase

# Tables the migrations keep for themselves, not copied.
_OWN = {"schema_migrations"}


class CopyResult(StrEnum):
    """How a copy ended."""

    COPIED = "copied"
    NOT_EMPTY = "not_empty"  # the PostgreSQL database already holds the bot's data
    MISMATCH = "mismatch"  # a table read back differs: nothing is to be trusted


@dataclass(frozen=True)
class TableCopy:
    """One table's rows on each side, and whether their checksums agree."""

    name: str
    rows: int
    copied: int
    same: bool


@dataclass(frozen=True)
class Copied:
    """What a copy did: its result, the tables it checked, and the schema version."""

    result: CopyResult
    tables: tuple[TableCopy, ...] = ()
    schema: int = 0
    holding: tuple[str, ...] = ()  # NOT_EMPTY: the tables that have rows


def _tables_in_order(conn: sqlite3.Connection) -> list[str]:
    """The SQLite database's tables, each after the tables its foreign keys point to."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    parents = {
        name: {r[2] for r in conn.execute(f"PRAGMA foreign_key_list({name})") if r[2] != name}
        for name in names
    }
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
        if not ready:  # a cycle: cannot happen with this schema, said rather than looped
            raise ValueError(f"foreign keys form a cycle among {sorted(set(names) - set(ordered))}")
        ordered.extend(ready)
    return ordered


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _in_order(row: Sequence[Any]) -> tuple[tuple[int, Any], ...]:
    """A row's place in one order both sides share (NULLs first; a column holds one type)."""
    return tuple((0, 0) if value is None else (1, value) for value in row)


def _checksum(rows: Iterable[Sequence[Any]]) -> str:
    """A digest of rows in one order (see _in_order): each value by type and exact text (a float by
    its repr, which round-trips), so any change to any value shows."""
    digest = hashlib.sha256()
    for row in rows:
        for value in row:
            if value is None:
                digest.update(b"\x00N")
            elif isinstance(value, bool | int):
                digest.update(b"\x00I" + str(int(value)).encode())
            elif isinstance(value, float):
                digest.update(b"\x00F" + repr(value).encode())
            else:
                digest.update(b"\x00T" + str(value).encode())
        digest.update(b"\x01")
    return digest.hexdigest()


async def copy_to_postgresql(path: Path, url: str) -> Copied:
    """Copy the SQLite database at `path` into the empty PostgreSQL database at `url`."""
    sqlite_db = Database(path)  # brings the file to the newest schema, as a start would
    await sqlite_db.open()
    schema = await sqlite_db.schema_version()
    await sqlite_db.close()
    target = PostgresDatabase(url)
    await target.open()  # the same schema, from PostgreSQL's migrations
    await target.close()
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as src:
        tables = [t for t in _tables_in_order(src) if t not in _OWN]
        conn = await asyncpg.connect(url)
        try:
            holding = tuple(
                [t for t in tables if await conn.fetchval(f"SELECT EXISTS (SELECT 1 FROM {t})")]
            )
            if holding:
                return Copied(CopyResult.NOT_EMPTY, schema=schema, holding=holding)
            async with conn.transaction():
                for table in tables:
                    columns = _columns(src, table)
                    rows = src.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
                    if rows:
                        await conn.copy_records_to_table(table, records=rows, columns=columns)
                    if "id" in columns:  # numbering goes on after the ids copied
                        await conn.execute(
                            f"""SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                              COALESCE(MAX(id), 0) + 1, false) FROM {table}"""
                        )
            checked = []
            for table in tables:
                listed = ", ".join(_columns(src, table))
                # Sorted here, not by each database: their orders of text differ (collations).
                mine = sorted(src.execute(f"SELECT {listed} FROM {table}"), key=_in_order)
                read = await conn.fetch(f"SELECT {listed} FROM {table}")
                theirs = sorted((tuple(r) for r in read), key=_in_order)
                same = len(mine) == len(theirs) and _checksum(mine) == _checksum(theirs)
                checked.append(TableCopy(table, len(mine), len(theirs), same))
        finally:
            await conn.close()
    result = CopyResult.COPIED if all(t.same for t in checked) else CopyResult.MISMATCH
    return Copied(result, tuple(checked), schema)
