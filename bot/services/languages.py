"""The language a chat's bot speaks."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.languages import Lang
from bot.domain.models import Chat
from bot.services.common import Actor, register
from bot.storage import chats
from bot.storage.work import UnitOfWork


async def current(work: UnitOfWork, actor: Actor, now: datetime) -> Chat:
    """The chat, with the language it speaks."""
    async with work.transaction() as conn:
        return await register(conn, actor, now)


async def stored(work: UnitOfWork, chat_id: int) -> Lang | None:
    """The language a chat speaks; None for a chat the bot has not met yet."""
    async with work.reading() as conn:
        chat = await chats.get_chat(conn, chat_id)
    return chat.language if chat is not None else None


async def private(work: UnitOfWork, user_id: int, fallback: Lang) -> Lang:
    """The language of the member's private chat with the bot (its id is theirs), which every
    direct message to them speaks; `fallback` when they never opened one."""
    found = await stored(work, user_id)
    return found if found is not None else fallback


async def set_language(work: UnitOfWork, actor: Actor, lang: Lang, now: datetime) -> Chat:
    """Speak this language in the actor's chat from the next message on; nothing stored
    changes but the setting."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        await chats.set_language(conn, chat.chat_id, lang)
        return replace(chat, language=lang)
