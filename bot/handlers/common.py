"""What every command handler shares: who is acting, the arguments, replies and refusals."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.context import BotContext, BotData
from bot.delivery import answer, reply
from bot.domain.choices import Question
from bot.domain.errors import AdminCheckFailed, UserError
from bot.domain.languages import Lang, from_telegram
from bot.render import choices as choice_text
from bot.render import common as common_text
from bot.render.errors import explain
from bot.render.i18n import Words
from bot.services import choices, languages
from bot.services.common import Actor

log = logging.getLogger(__name__)

# Telegram's account for anonymous group admins posting as the group.
ANONYMOUS_ADMIN_ID = 1087968824

Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


def actor(update: Update, context: BotContext) -> Actor:
    """The acting user in the chat the update came from."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    return Actor(
        chat_id=chat.id,
        chat_type=chat.type,
        chat_title=chat.title,
        user_id=user.id,
        first_name=user.first_name,
        last_name=user.last_name,
        username=user.username,
        default_timezone=context.bot_data.config.default_timezone,
        language_code=user.language_code,
    )


def args_text(message: Message) -> str:
    """Everything after the command word, as typed."""
    text = message.text or ""
    parts = text.split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


def is_private(update: Update) -> bool:
    """True in a one-to-one chat with the bot."""
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


ADMIN_STATUSES = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def is_admin(update: Update, context: BotContext) -> bool:
    """May this sender change group settings? Private chats: yes. Groups: ask Telegram.

    Answers are cached for a few minutes; when Telegram cannot be asked, the answer is no.
    """
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or user is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    if (
        message is not None
        and message.sender_chat is not None
        and message.sender_chat.id == chat.id
    ):
        return True  # an anonymous admin posting as the group
    cache = context.bot_data.admin_cache  # caches.ADMIN_ANSWERS: kept five minutes
    cached = cache.get((chat.id, user.id))
    if cached is not None:
        return cached
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as error:
        log.warning("could not ask Telegram about admins of %s: %s", chat.id, error)
        raise AdminCheckFailed() from error
    answer = member.status in ADMIN_STATUSES
    cache[(chat.id, user.id)] = answer
    return answer


async def refuse(
    update: Update,
    context: BotContext,
    message: Message,
    error: UserError,
    name: str,
    args: str = "",
) -> None:
    """Reply to a refusal: explain it, or, for a question, ask it with a button per option
    (stored until the member picks one)."""
    if isinstance(error, Question):
        choice_id = await choices.offer(context.work, actor(update, context), error, context.now())
        words = Words(await spoken(update, context))
        keyboard = choice_text.question_keyboard(error, choice_id, words)
        await reply(message, choice_text.question_text(error, words), keyboard)
        return
    words = Words(await spoken(update, context))
    await reply(message, explain(error, name, args, words))


async def refused_stand_in(
    update: Update, context: BotContext, *, anonymous_ok: bool = False
) -> bool:
    """Answer a message sent as a channel, or as the group by an anonymous admin (unless the
    command allows that), with why it can't be acted on, in the chat's words; True when it
    was answered so."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    sender_chat = message.sender_chat
    refusal = None
    if sender_chat is not None and sender_chat.type == ChatType.CHANNEL:
        refusal = common_text.AS_CHANNEL  # nobody to act for, even in settings
    elif (user.id == ANONYMOUS_ADMIN_ID or sender_chat is not None) and not anonymous_ok:
        refusal = common_text.ANONYMOUS
    if refusal is None:
        return False
    await reply(message, Words(await spoken(update, context)).gettext(refusal))
    return True


def command(name: str, *, anonymous_ok: bool = False) -> Callable[[Handler], Handler]:
    """Wrap a command handler: refuse anonymous senders; turn UserError into a helpful reply."""

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def run(update: Update, context: BotContext) -> None:
            message = update.effective_message
            user = update.effective_user
            if message is None or user is None:
                return
            if await refused_stand_in(update, context, anonymous_ok=anonymous_ok):
                return
            try:
                await handler(update, context)
            except UserError as error:
                await refuse(update, context, message, error, name, args_text(message))

        return run

    return wrap


def cached_words(update: Update, data: BotData) -> Words:
    """The chat's words from the cache alone, else the sender's app language, else English:
    for what is said without reading anything (a stale or forged button, a flood, an
    apology after an error), so it costs no query and works with the database gone."""
    chat, user = update.effective_chat, update.effective_user
    lang = data.language_cache.get(chat.id) if chat is not None else None
    return Words(lang or from_telegram(user.language_code if user else None) or Lang.EN)


async def stale_button(update: Update, context: BotContext) -> None:
    """Answer a press that names nothing there is (an old or forged button), in the chat's
    words, with nothing read or stored."""
    query = update.callback_query
    assert query is not None
    await answer(query, cached_words(update, context.bot_data).gettext(common_text.STALE_BUTTON))


async def spoken(update: Update, context: BotContext) -> Lang:
    """The language the chat speaks, and reads beside English (one not met yet: the sender's);
    kept a few minutes (caches.CHAT_LANGUAGES), so a command costs no extra query."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    cache = context.bot_data.language_cache
    known = cache.get(chat.id)
    if known is None:
        known = await languages.stored(context.work, chat.id)
        if known is None:  # a new chat speaks the sender's language once registered
            return from_telegram(user.language_code if user else None) or Lang.EN
        cache[chat.id] = known
    return known
