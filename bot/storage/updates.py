"""The record of handled updates."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.storage.codec import ts


async def first_time(conn: aiosqlite.Connection, update_id: int, now: datetime) -> bool:
    """Record the update; False when it was seen before."""
    cursor = await conn.execute(
        "INSERT INTO updates_seen (update_id, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
        (update_id, ts(now)),
    )
    return cursor.rowcount == 1


async def forget_before(conn: aiosqlite.Connection, before: datetime) -> None:
    """Drop old records: Telegram keeps undelivered updates for 24 hours at most."""
    await conn.execute("DELETE FROM updates_seen WHERE seen_at < ?", (ts(before),))
