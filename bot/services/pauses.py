"""Pausing for a holiday: no reminders or nudges, a frozen streak, 'away' in summaries."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.commands import PauseSpec
from bot.domain.dates import local_today, parse_date
from bot.domain.errors import DateTooSoon, NotPaused, PauseTooFarAhead
from bot.domain.pauses import PLAN_AHEAD, Pause, Paused, Resumed, away, starts_at, upcoming
from bot.services.common import Actor, acting_zone, register
from bot.storage import journal
from bot.storage.connection import Connection
from bot.storage.work import UnitOfWork


async def pause(work: UnitOfWork, actor: Actor, spec: PauseSpec, now: datetime) -> Paused:
    """Start a pause now or from a later day, until a date (inclusive), for some days, or
    until /resume. A /pause that says something replaces a running or planned pause; a bare
    /pause while away (or with one planned) only shows it."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        tz = await acting_zone(conn, actor, chat)  # the dates they type: their own days
        today = local_today(now, tz)
        lang = chat.language
        start = parse_date(spec.start_text, now, tz, lang=lang) if spec.start_text else today
        if start < today:
            raise DateTooSoon(start, today, today)
        if start > today + PLAN_AHEAD:
            raise PauseTooFarAhead(start, today + PLAN_AHEAD, today)
        ends_on = parse_date(spec.until_text, now, tz, lang=lang) if spec.until_text else None
        if spec.days is not None:
            ends_on = start + timedelta(days=spec.days - 1)
        if ends_on is not None and ends_on < start:
            raise DateTooSoon(ends_on, start, today)
        mine = await _pauses_of(conn, chat.chat_id, actor.user_id)
        current = away(mine, now, tz) or upcoming(mine, now)
        if current is not None and not spec.says_anything:
            return Paused(current, today, unchanged=True, starts_on=_day_of(current, tz))
        if current is not None:  # a new pause replaces the running or planned one
            await journal.end_pause(conn, current.id, now)
        begins = starts_at(start, today, now, tz)
        await journal.start_pause(
            conn, chat.chat_id, actor.user_id, ends_on, spec.reason, begins, now
        )
        mine = await _pauses_of(conn, chat.chat_id, actor.user_id)
    return Paused(mine[-1], today, replaced=current is not None, starts_on=start)


async def resume(work: UnitOfWork, actor: Actor, now: datetime) -> Resumed:
    """End the actor's pause early, or call off a planned one."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        mine = await _pauses_of(conn, chat.chat_id, actor.user_id)
        current = away(mine, now, chat.timezone)
        planned = upcoming(mine, now) if current is None else None
        ended = current or planned
        if ended is None:
            raise NotPaused()
        await journal.end_pause(conn, ended.id, now)
    tz = chat.timezone
    return Resumed(ended, planned is not None, local_today(now, tz), _day_of(ended, tz))


async def _pauses_of(conn: Connection, chat_id: int, user_id: int) -> list[Pause]:
    return [p for p in await journal.pauses_in(conn, chat_id) if p.user_id == user_id]


def _day_of(pause: Pause, tz: str) -> date:
    return pause.starts_at.astimezone(ZoneInfo(tz)).date()
