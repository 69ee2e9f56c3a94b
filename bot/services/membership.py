"""The bot joining and leaving chats, and groups that become supergroups."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.domain.models import Chat
from bot.services.common import Actor, register, register_chat
from bot.storage import chats, people, privacy
from bot.storage.work import UnitOfWork

log = logging.getLogger(__name__)


async def bot_added(work: UnitOfWork, actor: Actor, now: datetime) -> Chat:
    """Register the chat (with default schedules) and make it active again."""
    async with work.transaction() as conn:
        return await register_chat(conn, actor, now)


async def bot_removed(work: UnitOfWork, chat_id: int, now: datetime) -> None:
    """Removed from a group: stop sending there; keep everything."""
    async with work.transaction() as conn:
        await chats.deactivate(conn, chat_id, now)


async def private_chat_opened(work: UnitOfWork, actor: Actor, now: datetime) -> None:
    """A member writes to (or unblocks) the bot in private: direct messages can reach them."""
    async with work.transaction() as conn:
        await register(conn, actor, now)
        await people.set_private_chat(conn, actor.user_id, True)


async def private_chat_closed(work: UnitOfWork, user_id: int, now: datetime) -> None:
    """A member blocked the bot: no direct messages, nothing scheduled in that chat."""
    async with work.transaction() as conn:
        await people.set_private_chat(conn, user_id, False)
        await chats.deactivate(conn, user_id, now)


async def chat_migrated(work: UnitOfWork, old_id: int, new_id: int) -> bool:
    """Move everything from a group to the supergroup it became; False if there was nothing."""
    async with work.transaction() as conn:
        moved = await privacy.move_chat(conn, old_id, new_id, "supergroup")
    if moved:
        log.info("moved chat %s to its supergroup %s", old_id, new_id)
    return moved


async def row_counts(work: UnitOfWork, chat_id: int) -> dict[str, int]:
    """How many rows each table holds for a chat (for checking a migration)."""
    async with work.reading() as conn:
        return await privacy.count_rows(conn, chat_id)
