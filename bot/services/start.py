"""Registering a chat when someone starts the bot there."""

from __future__ import annotations

from datetime import datetime

from bot.domain.models import Chat
from bot.services.common import Actor, register
from bot.storage.work import UnitOfWork


async def start(work: UnitOfWork, actor: Actor, now: datetime) -> Chat:
    """Register the chat and the member; returns the chat."""
    async with work.transaction() as conn:
        return await register(conn, actor, now)
