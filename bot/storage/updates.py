"""The record of handled updates, and the latest moment anything was recorded."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.storage.codec import from_ts, ts
from bot.storage.rows import fetch_one

# Run with the update's first transaction (Database.with_next_commit), so a command and the
# record that it was handled are committed together.
RECORD = "INSERT INTO updates_seen (update_id, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING"
FORGET_BEFORE = "DELETE FROM updates_seen WHERE seen_at < ?"


def record(update_id: int, now: datetime) -> tuple[str, tuple[object, ...]]:
    """The statement that records the update as handled."""
    return RECORD, (update_id, ts(now))


def forget_before(before: datetime) -> tuple[str, tuple[object, ...]]:
    """The statement that drops old records: Telegram keeps undelivered updates a day at most."""
    return FORGET_BEFORE, (ts(before),)


async def seen(conn: aiosqlite.Connection, update_id: int) -> bool:
    """True when the update was handled before."""
    sql = "SELECT 1 FROM updates_seen WHERE update_id = ?"
    return await fetch_one(conn, sql, (update_id,)) is not None


async def highest(conn: aiosqlite.Connection) -> int:
    """The highest update_id recorded (0 when none)."""
    row = await fetch_one(conn, "SELECT MAX(update_id) FROM updates_seen")
    return int(row[0] or 0) if row else 0


async def latest_moment(conn: aiosqlite.Connection) -> datetime | None:
    """The latest moment the bot recorded: an update handled, or a scheduled post, reminder or
    partner notice sent (None for an empty database). The sandbox resumes its clock there."""
    # Times are stored as sortable UTC text (codec.ts), so MAX over text is the latest.
    row = await fetch_one(
        conn,
        """SELECT MAX(moment) FROM (
               SELECT MAX(seen_at) AS moment FROM updates_seen
               UNION ALL SELECT MAX(updated_at) FROM deliveries
               UNION ALL SELECT MAX(sent_at) FROM reminders_sent
               UNION ALL SELECT MAX(sent_at) FROM partner_notices)""",
    )
    return from_ts(row[0]) if row else None
