"""Questions waiting for a press: their options as JSON, answered once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.codec import ts
from bot.storage.connection import Connection


@dataclass(frozen=True)
class StoredChoice:
    """A question as stored: who was asked where, about which command, and its options."""

    chat_id: int
    user_id: int
    asked: str
    options: str  # JSON list
    taken: bool


async def offer(
    conn: Connection, chat_id: int, user_id: int, asked: str, options: str, now: datetime
) -> int:
    """Store a question; its id goes into the buttons."""
    return await conn.insert(
        """INSERT INTO choices (chat_id, user_id, asked, options, created_at)
           VALUES (?, ?, ?, ?, ?)""",
        (chat_id, user_id, asked, options, ts(now)),
    )


async def get(conn: Connection, choice_id: int) -> StoredChoice | None:
    """The question with this id, if it is still stored."""
    row = await conn.fetch_one(
        "SELECT chat_id, user_id, asked, options, taken_at FROM choices WHERE id = ?",
        (choice_id,),
    )
    if row is None:
        return None
    return StoredChoice(row[0], row[1], row[2], row[3], row[4] is not None)


async def take(conn: Connection, choice_id: int, now: datetime) -> bool:
    """Mark the question answered; False when it already was (a second press)."""
    changed = await conn.execute(
        "UPDATE choices SET taken_at = ? WHERE id = ? AND taken_at IS NULL", (ts(now), choice_id)
    )
    return changed == 1
