"""A unit of work: what one update (or one scheduled run) reads and writes, made explicit.

The update's first handler opens one (bot/handlers/audit.py) and notes on it that the update
was handled; services receive it as a parameter and open their transactions through it. The
note is written as the first statements of the first transaction the update commits, so "the
command happened" and "the update was handled" are stored together: a crash before the commit
leaves neither, and Telegram's redelivery is then handled normally. When the update commits
nothing at all, `finish` stores the note on its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

from bot.domain.errors import ChoiceAnswered, HandledElsewhere
from bot.storage import choices, updates
from bot.storage.connection import Connection, Store


@dataclass(frozen=True)
class HandledUpdate:
    """The note that an update was handled, and how far back to forget older notes (if now)."""

    update_id: int
    at: datetime
    forget_before: datetime | None = None


class UnitOfWork:
    """One update's (or one job run's) transactions, carrying its handled-update note."""

    def __init__(self, db: Store) -> None:
        self.db = db
        self._handled: HandledUpdate | None = None
        self._picked: tuple[int, datetime] | None = None  # a question answered by this update

    def note_picked(self, choice_id: int, at: datetime) -> None:
        """Mark this question answered with the next transaction: the pick and what it does
        commit together, so a crash between them leaves the question open, not lost."""
        self._picked = (choice_id, at)

    def note_handled(self, handled: HandledUpdate) -> None:
        """Store this note with the next transaction this unit commits."""
        self._handled = handled

    @property
    def unsaved(self) -> bool:
        """True while a note (update handled, question answered) waits for a commit."""
        return self._handled is not None or self._picked is not None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        """A write transaction; the first one also stores the handled-update note."""
        async with self.db.transaction() as conn:
            handled = self._handled
            if handled is not None:
                if not await updates.record(conn, handled.update_id, handled.at):
                    self._handled = self._picked = None  # nothing of it is ever stored here
                    raise HandledElsewhere(handled.update_id)
                if handled.forget_before is not None:
                    await updates.forget_before(conn, handled.forget_before)
            if self._picked is not None and not await choices.take(conn, *self._picked):
                raise ChoiceAnswered()  # answered meanwhile, elsewhere: do nothing twice
            yield conn
        self._handled = self._picked = None  # committed

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[Connection]:
        """A consistent read that writes nothing."""
        async with self.db.reading() as conn:
            yield conn

    async def checkpoint(self) -> None:
        """Empty the WAL into the database file (see Store.checkpoint)."""
        await self.db.checkpoint()

    async def finish(self) -> None:
        """Store the notes if nothing the update did committed them."""
        if self.unsaved:
            async with self.transaction():
                pass
