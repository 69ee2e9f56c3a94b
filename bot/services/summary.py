"""The group's progress on demand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain import summary
from bot.domain.dates import local_today
from bot.domain.models import Chat
from bot.services.common import Actor, register
from bot.storage import goals
from bot.storage.database import Database

SUMMARY_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class ChatSummary:
    """A chat and its group progress."""

    chat: Chat
    progress: summary.GroupProgress


async def group_summary(db: Database, actor: Actor, now: datetime) -> ChatSummary:
    """Everyone's goals in the chat and what was completed in the last 7 days."""
    async with db.transaction() as conn:
        chat = await register(conn, actor, now)
        found = await goals.goals_in_chat(conn, chat.chat_id)
    progress = summary.build(found, now - SUMMARY_WINDOW, local_today(now, chat.timezone))
    return ChatSummary(chat, progress)
