"""Handling each Telegram update once, even when it is delivered twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.storage import updates
from bot.storage.database import Database

KEEP = timedelta(days=2)


async def first_time(db: Database, update_id: int, now: datetime) -> bool:
    """True the first time an update is seen (recorded in its own transaction)."""
    async with db.transaction() as conn:
        fresh = await updates.first_time(conn, update_id, now)
        if update_id % 1000 == 0:  # now and then, forget what Telegram will never resend
            await updates.forget_before(conn, now - KEEP)
    return fresh
