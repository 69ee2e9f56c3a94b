"""The bot added to or removed from a chat, private chats opened or blocked, supergroup moves."""

from __future__ import annotations

from telegram import ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import Application, ChatMemberHandler, MessageHandler, TypeHandler, filters

from bot.context import BotContext
from bot.delivery import say
from bot.handlers.common import ANONYMOUS_ADMIN_ID, actor
from bot.render import start as render
from bot.render.i18n import Words
from bot.services import membership as service

PRESENT = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


def _joined(change: ChatMemberUpdated) -> bool | None:
    """True when the bot arrived, False when it left, None when nothing changed."""
    was = change.old_chat_member.status in PRESENT
    now = change.new_chat_member.status in PRESENT
    return None if was == now else now


async def bot_membership(update: Update, context: BotContext) -> None:
    """Introduce the bot in a new group; stop sending where it was removed or blocked."""
    change = update.my_chat_member
    assert change is not None
    joined = _joined(change)
    if joined is None:
        return
    chat = change.chat
    if chat.type == ChatType.PRIVATE:
        if joined:
            await service.private_chat_opened(context.work, actor(update, context), context.now())
        else:
            await service.private_chat_closed(context.work, chat.id, context.now())
        return
    if not joined:
        await service.bot_removed(context.work, chat.id, context.now())
        return
    added = await service.bot_added(context.work, actor(update, context), context.now())
    words = Words(added.language)
    text, keyboard = render.introduction(chat.title, context.bot.username, words)
    await say(context.bot, chat.id, text, keyboard)


async def migrated(update: Update, context: BotContext) -> None:
    """A group became a supergroup: move everything to the new chat id."""
    message = update.effective_message
    assert message is not None
    if message.migrate_to_chat_id:
        await service.chat_migrated(context.work, message.chat.id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        await service.chat_migrated(context.work, message.migrate_from_chat_id, message.chat.id)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the chat-life handlers; the private-chat marker runs before everything else."""
    app.add_handler(TypeHandler(Update, private_seen), group=-3)
    app.add_handler(ChatMemberHandler(bot_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated))


async def private_seen(update: Update, context: BotContext) -> None:
    """Anyone writing to the bot in private can get direct messages (partners, mentors)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or chat.type != ChatType.PRIVATE or update.message is None or user is None:
        return
    if user.id == ANONYMOUS_ADMIN_ID or context.user_data is None:
        return
    if not context.user_data.direct_messages_known:  # once per process and person
        await service.private_chat_opened(context.work, actor(update, context), context.now())
        context.user_data.direct_messages_known = True
