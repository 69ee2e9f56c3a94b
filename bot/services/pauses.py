"""Pausing for a holiday: no reminders or nudges, a frozen streak, 'away' in summaries."""

from __future__ import annotations

from datetime import datetime

from bot.domain.dates import local_today, parse_date
from bot.domain.errors import DateTooSoon, NotPaused
from bot.domain.pauses import Pause, Paused, away
from bot.services.common import Actor, register
from bot.storage import journal
from bot.storage.database import Database


async def pause(
    db: Database, actor: Actor, until_text: str | None, reason: str | None, now: datetime
) -> Paused:
    """Start a pause now, until a date (inclusive) or until /resume. While away, a /pause
    with a date or reason replaces the running pause, and a bare /pause only shows it."""
    async with db.transaction() as conn:
        chat = await register(conn, actor, now)
        today = local_today(now, chat.timezone)
        ends_on = parse_date(until_text, now, chat.timezone) if until_text else None
        if ends_on is not None and ends_on < today:
            raise DateTooSoon(ends_on, today, today)
        mine = [
            p for p in await journal.pauses_in(conn, chat.chat_id) if p.user_id == actor.user_id
        ]
        current = away(mine, now, chat.timezone)
        if current is not None and until_text is None and reason is None:
            return Paused(current, today, unchanged=True)
        if current is not None:  # a new pause replaces the running one
            await journal.end_pause(conn, current.id, now)
        await journal.start_pause(conn, chat.chat_id, actor.user_id, ends_on, reason, now)
        mine = [
            p for p in await journal.pauses_in(conn, chat.chat_id) if p.user_id == actor.user_id
        ]
    return Paused(mine[-1], today, replaced=current is not None)


async def resume(db: Database, actor: Actor, now: datetime) -> Pause:
    """End the actor's pause early."""
    async with db.transaction() as conn:
        chat = await register(conn, actor, now)
        mine = [
            p for p in await journal.pauses_in(conn, chat.chat_id) if p.user_id == actor.user_id
        ]
        current = away(mine, now, chat.timezone)
        if current is None:
            raise NotPaused()
        await journal.end_pause(conn, current.id, now)
    return current
