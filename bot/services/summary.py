"""The group's progress: on demand with /summary, and as the scheduled summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.domain import summary
from bot.domain.dates import local_today
from bot.domain.models import Chat
from bot.domain.schedules import Kind, period_key
from bot.services.checkins import checkin_schedule, streaks_for
from bot.services.common import Actor, register
from bot.storage import chats, checkins, goals, schedules
from bot.storage.database import Database

SUMMARY_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class ChatSummary:
    """A chat and its group progress."""

    chat: Chat
    progress: summary.GroupProgress


async def _build(
    conn: aiosqlite.Connection, chat: Chat, since: datetime, now: datetime
) -> ChatSummary:
    found = await goals.goals_in_chat(conn, chat.chat_id)
    all_schedules = await schedules.for_chat(conn, chat.chat_id)
    checkin = checkin_schedule(all_schedules, chat.chat_id)
    state = await streaks_for(conn, chat, checkin, now)
    progress = summary.build(
        found,
        since,
        local_today(now, chat.timezone),
        checkins=state.checked_in,
        streaks=state.streaks,
        away={uid: p.ends_on for uid, p in state.away.items()},
        members=await checkins.members_of(conn, chat.chat_id),
        checkins_on=checkin.enabled,
    )
    return ChatSummary(chat, progress)


async def group_summary(db: Database, actor: Actor, now: datetime) -> ChatSummary:
    """/summary: everyone's goals and check-ins, and what was completed in the last 7 days."""
    async with db.transaction() as conn:
        chat = await register(conn, actor, now)
        return await _build(conn, chat, now - SUMMARY_WINDOW, now)


async def scheduled_summary(db: Database, chat_id: int, now: datetime) -> ChatSummary:
    """The scheduled summary: the same content, for the time since the last one."""
    async with db.reading() as conn:
        chat = await chats.get_chat(conn, chat_id)
        assert chat is not None
        this_period = period_key(Kind.SUMMARY, now, chat.timezone)
        last = await schedules.last_sent(conn, chat_id, Kind.SUMMARY, this_period)
        return await _build(conn, chat, last or now - SUMMARY_WINDOW, now)
