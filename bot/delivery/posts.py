"""Sends nobody is waiting on, for jobs and notices: each returns its Outcome, never raises
Telegram's errors, so the caller can record what became of it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from telegram import ForceReply, InlineKeyboardMarkup, Message
from telegram.ext import ExtBot

from bot.context import BotContext
from bot.delivery import policy
from bot.delivery.classify import attempt
from bot.delivery.outcome import Outcome, Reason
from bot.domain.languages import Lang
from bot.render.i18n import Words
from bot.render.text import split_message, split_smaller, units
from bot.services import languages, membership

log = logging.getLogger(__name__)

# One message to send: its text (split here when over Telegram's limit) and its buttons.
Part = tuple[str, InlineKeyboardMarkup | None]
Markup = InlineKeyboardMarkup | ForceReply


def parts_of(text: str) -> list[tuple[str, bool]]:
    """The messages a text goes out as, split at natural boundaries when over Telegram's
    limit; True marks the last (which carries any keyboard)."""
    chunks = split_message(text)
    return [(chunk, n == len(chunks)) for n, chunk in enumerate(chunks, 1)]


# A forum topic refused a post (closed, deleted): given why, the line that leads the post
# in General instead (the caller moves the chat's setting back to General).
TopicLost = Callable[[Reason], Awaitable[str]]


def topic_of(message: Message) -> int | None:
    """The forum topic a message is in, as a thread id; None for General or a chat without
    topics (a thread of replies in an ordinary group is no topic)."""
    return message.message_thread_id if message.is_topic_message else None


# Sends one message (text and keyboard) and tells what became of it.
SendOne = Callable[[str, Markup | None], Awaitable[Outcome]]


async def send_parts(send_one: SendOne, parts: Sequence[tuple[str, Markup | None]]) -> Outcome:
    """Send the parts in order (each split when over the limit); the first one not taken
    stops the rest. A part Telegram still finds too long is cut smaller and its pieces sent
    in its place (the keyboard with the last), up to policy.RESPLITS times."""
    done = Outcome(Reason.SENT)
    queue = [
        (chunk, keyboard if last else None, 0)
        for text, keyboard in parts
        for chunk, last in parts_of(text)
    ]
    while queue:
        text, keyboard, cuts = queue.pop(0)
        sent = await send_one(text, keyboard)
        if sent.reason is Reason.TOO_LONG and cuts < policy.RESPLITS:
            pieces = split_smaller(text)
            if len(pieces) > 1:
                log.warning(
                    "Telegram found a message of %d units too long; sending it as %d",
                    units(text), len(pieces),
                )  # fmt: skip
                last = len(pieces) - 1
                queue[0:0] = [
                    (piece, keyboard if n == last else None, cuts + 1)
                    for n, piece in enumerate(pieces)
                ]
                continue
        done = done.then(sent)
        if not done.taken:
            break
    return done


async def send(bot: ExtBot[None], chat_id: int, parts: Sequence[Part]) -> Outcome:
    """Send the parts in order; the first one not taken stops the rest."""

    async def one(text: str, keyboard: Markup | None) -> Outcome:
        return await attempt(bot.send_message(chat_id, text, reply_markup=keyboard))

    return await send_parts(one, parts)


async def post(
    context: BotContext,
    chat_id: int,
    parts: Sequence[Part],
    *,
    topic: int | None = None,
    topic_lost: TopicLost | None = None,
    already_there: Callable[[int], Awaitable[bool]] | None = None,
) -> Outcome:
    """Send the parts to a group in order, in its forum topic `topic` if given. A group that
    became a supergroup has its data moved there first, and the part goes there, unless
    `already_there(new_id)` says the supergroup has this already (then: ALREADY_THERE, nothing
    more sent). A topic that is closed or gone gets none of it: the parts go to General, the
    first led by the line `topic_lost` gives, once; nothing is tried in that topic again."""
    bot = context.bot

    async def to_chat(text: str, keyboard: Markup | None) -> Outcome:
        return await attempt(
            bot.send_message(chat_id, text, reply_markup=keyboard, message_thread_id=topic)
        )

    async def one(text: str, keyboard: Markup | None) -> Outcome:
        nonlocal chat_id, topic
        sent = await to_chat(text, keyboard)
        if sent.topic_lost and topic is not None:
            log.warning("topic %s of chat %s refused a post (%s)", topic, chat_id, sent.reason)
            topic = None
            if topic_lost is not None:
                text = f"{await topic_lost(sent.reason)}\n\n{text}"
            sent = await to_chat(text, keyboard)
        if sent.reason is Reason.MIGRATED and sent.migrate_to_chat_id is not None:
            old_id, chat_id = chat_id, sent.migrate_to_chat_id
            await membership.chat_migrated(context.work, old_id, chat_id)
            if already_there is not None and await already_there(chat_id):
                return Outcome(Reason.ALREADY_THERE, migrate_to_chat_id=chat_id, error=sent.error)
            sent = await to_chat(text, keyboard)
        if sent.first is not None:
            chat_id = sent.first.chat_id
        return sent

    return await send_parts(one, parts)


# A direct message, written once the language its reader speaks with the bot is known.
Letter = Callable[[Words], str]


async def direct(
    context: BotContext, user_id: int, letter: Letter, fallback: Lang = Lang.EN
) -> Outcome:
    """A direct message to a member (split when over the limit), in the language of their
    private chat with the bot (`fallback`, the group's, when it is not known); `closed` on the
    outcome when they blocked the bot or have no chat with it."""
    lang = await languages.private(context.work, user_id, fallback)
    return await send(context.bot, user_id, [(letter(Words(lang)), None)])
