"""Handling each Telegram update once, even when it is delivered twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.storage import updates
from bot.storage.database import Database

KEEP = timedelta(days=2)
RECENT = 10_000  # update ids remembered in memory


class UpdateLog:
    """Which updates were handled.

    Telegram numbers updates in increasing order, so an update numbered above everything the
    database held at start-up, and not handled since, is new: no query needed. Older numbers
    (a redelivery after a restart) are looked up. The record itself is written with the
    update's first transaction, so a command and "it was handled" commit together: a crash
    before the commit leaves neither, and Telegram's redelivery is then handled normally.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._recent: set[int] = set()
        self._floor: int | None = None  # ids at or below this are checked in the database

    async def load(self) -> None:
        """Read the highest update id handled before this start."""
        async with self._db.reading() as conn:
            self._floor = await updates.highest(conn)

    async def first_time(self, update_id: int, now: datetime) -> bool:
        """True the first time an update is seen; it is recorded with the next commit."""
        if update_id in self._recent:
            return False
        if self._floor is None or update_id <= self._floor:
            async with self._db.reading() as conn:
                if await updates.seen(conn, update_id):
                    return False
        self._remember(update_id)
        self._db.with_next_commit(*updates.record(update_id, now))
        if update_id % 1000 == 0:  # now and then, forget what Telegram will never resend
            self._db.with_next_commit(*updates.forget_before(now - KEEP))
        return True

    async def settle(self) -> None:
        """Commit the record now if nothing the update did opened a transaction."""
        if self._db.has_pending():
            async with self._db.transaction():
                pass

    def _remember(self, update_id: int) -> None:
        self._recent.add(update_id)
        if len(self._recent) > RECENT:
            oldest = sorted(self._recent)[: RECENT // 2]
            self._recent.difference_update(oldest)
            self._floor = max(self._floor or 0, oldest[-1])
