"""Handling each Telegram update once, even when it is delivered twice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.storage import updates
from bot.storage.connection import Store
from bot.storage.work import HandledUpdate, UnitOfWork

KEEP = timedelta(days=2)
RECENT = 10_000  # update ids remembered in memory


class UpdateLog:
    """Which updates were handled.

    Telegram numbers updates in increasing order, so an update numbered above everything the
    database held at start-up, and not handled since, is new: no query needed. Older numbers
    (a redelivery after a restart) are looked up. The record itself is written through the
    update's unit of work (bot/storage/work.py), with its first transaction.
    """

    def __init__(self, db: Store) -> None:
        self._db = db
        self._recent: set[int] = set()
        self._floor: int | None = None  # ids at or below this are checked in the database

    async def load(self) -> None:
        """Read the highest update id handled before this start."""
        async with self._db.reading() as conn:
            self._floor = await updates.highest(conn)

    async def hold(self, held: Sequence[tuple[int, str]], now: datetime) -> None:
        """Keep updates a stop left unhandled, as (update_id, JSON), for the next start."""
        async with self._db.transaction() as conn:
            await updates.hold(conn, held, now)

    async def take_held(self) -> list[str]:
        """The updates the last stop left unhandled (JSON, oldest first), taken out to be
        handled now. They were never handled, so first_time lets each in once."""
        async with self._db.transaction() as conn:
            return await updates.take_held(conn)

    async def first_time(self, update_id: int, now: datetime, work: UnitOfWork) -> bool:
        """True the first time an update is seen; the update's unit of work then carries the
        record that it was handled, to be committed with the update's first transaction."""
        if update_id in self._recent:
            return False
        if self._floor is None or update_id <= self._floor:
            async with self._db.reading() as conn:
                if await updates.seen(conn, update_id):
                    return False
        self._remember(update_id)
        # Now and then, forget what Telegram will never resend.
        forget = now - KEEP if update_id % 1000 == 0 else None
        work.note_handled(HandledUpdate(update_id, now, forget))
        return True

    def _remember(self, update_id: int) -> None:
        self._recent.add(update_id)
        if len(self._recent) > RECENT:
            oldest = sorted(self._recent)[: RECENT // 2]
            self._recent.difference_update(oldest)
            self._floor = max(self._floor or 0, oldest[-1])
