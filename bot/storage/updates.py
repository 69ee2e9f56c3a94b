"""The record of handled updates, and the latest moment anything was recorded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.storage.codec import from_ts, ts
from bot.storage.connection import Connection


async def record(conn: Connection, update_id: int, now: datetime) -> bool:
    """Record the update as handled (written by UnitOfWork with the update's first commit);
    False when it already was: another process handled it first (on PostgreSQL the insert
    waits for that process's transaction, so of two at once exactly one records it)."""
    row = await conn.fetch_one(
        "INSERT INTO updates_seen (update_id, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING"
        " RETURNING update_id",
        (update_id, ts(now)),
    )
    return row is not None


async def forget_before(conn: Connection, before: datetime) -> None:
    """Drop old records: Telegram keeps undelivered updates a day at most."""
    await conn.execute("DELETE FROM updates_seen WHERE seen_at < ?", (ts(before),))


async def seen(conn: Connection, update_id: int) -> bool:
    """True when the update was handled before."""
    sql = "SELECT 1 FROM updates_seen WHERE update_id = ?"
    return await conn.fetch_one(sql, (update_id,)) is not None


async def highest(conn: Connection) -> int:
    """The highest update_id recorded (0 when none)."""
    row = await conn.fetch_one("SELECT MAX(update_id) FROM updates_seen")
    return int(row[0] or 0) if row else 0


async def hold(conn: Connection, held: Sequence[tuple[int, str]], now: datetime) -> None:
    """Keep updates a stop left unhandled, as (update_id, the update's JSON), for the next start."""
    await conn.execute_many(
        "INSERT INTO updates_held (update_id, body, held_at) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        [(update_id, body, ts(now)) for update_id, body in held],
    )


async def take_held(conn: Connection) -> list[str]:
    """The updates the last stop left unhandled (their JSON, oldest first), taken out."""
    rows = await conn.fetch_all("SELECT body FROM updates_held ORDER BY update_id")
    await conn.execute("DELETE FROM updates_held")
    return [str(row[0]) for row in rows]


async def latest_moment(conn: Connection) -> datetime | None:
    """The latest moment the bot recorded: an update handled, or a scheduled post, reminder or
    partner notice sent (None for an empty database). The sandbox resumes its clock there."""
    # Times are stored as sortable UTC text (codec.ts), so MAX over text is the latest.
    row = await conn.fetch_one(
        """SELECT MAX(moment) FROM (
               SELECT MAX(seen_at) AS moment FROM updates_seen
               UNION ALL SELECT MAX(updated_at) FROM deliveries
               UNION ALL SELECT MAX(sent_at) FROM reminders_sent
               UNION ALL SELECT MAX(sent_at) FROM partner_notices)""",
    )
    return from_ts(row[0]) if row else None
