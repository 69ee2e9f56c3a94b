"""Sends nobody is waiting on, for jobs and notices: each returns its Outcome, never raises
Telegram's errors, so the caller can record what became of it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from telegram import InlineKeyboardMarkup
from telegram.ext import ExtBot

from bot.context import BotContext
from bot.delivery.classify import attempt
from bot.delivery.outcome import Outcome, Reason
from bot.render.text import split_message
from bot.services import membership

# One message to send: its text (split here when over Telegram's limit) and its buttons.
Part = tuple[str, InlineKeyboardMarkup | None]


def parts_of(text: str) -> list[tuple[str, bool]]:
    """The messages a text goes out as, split at natural boundaries when over Telegram's
    limit; True marks the last (which carries any keyboard)."""
    chunks = split_message(text)
    return [(chunk, n == len(chunks)) for n, chunk in enumerate(chunks, 1)]


def _split(parts: Sequence[Part]) -> list[Part]:
    return [
        (chunk, keyboard if last else None)
        for text, keyboard in parts
        for chunk, last in parts_of(text)
    ]


async def send(bot: ExtBot[None], chat_id: int, parts: Sequence[Part]) -> Outcome:
    """Send the parts in order; the first one not taken stops the rest."""
    done = Outcome(Reason.SENT)
    for text, keyboard in _split(parts):
        done = done.then(await attempt(bot.send_message(chat_id, text, reply_markup=keyboard)))
        if not done.taken:
            break
    return done


async def post(
    context: BotContext,
    chat_id: int,
    parts: Sequence[Part],
    *,
    already_there: Callable[[int], Awaitable[bool]] | None = None,
) -> Outcome:
    """Send the parts to a group in order. A group that became a supergroup has its data moved
    there first, and the part goes there, unless `already_there(new_id)` says the supergroup
    has this already (then: ALREADY_THERE, nothing more sent)."""
    done = Outcome(Reason.SENT)
    for text, keyboard in _split(parts):
        sent = await attempt(context.bot.send_message(chat_id, text, reply_markup=keyboard))
        if sent.reason is Reason.MIGRATED and sent.migrate_to_chat_id is not None:
            old_id, chat_id = chat_id, sent.migrate_to_chat_id
            await membership.chat_migrated(context.work, old_id, chat_id)
            if already_there is not None and await already_there(chat_id):
                moved = Outcome(Reason.ALREADY_THERE, migrate_to_chat_id=chat_id, error=sent.error)
                return done.then(moved)
            sent = await attempt(context.bot.send_message(chat_id, text, reply_markup=keyboard))
        done = done.then(sent)
        if not done.taken:
            break
        if sent.first is not None:
            chat_id = sent.first.chat_id
    return done


async def direct(bot: ExtBot[None], user_id: int, text: str) -> Outcome:
    """A direct message to a member (split when over the limit); `closed` on the outcome
    when they blocked the bot or have no chat with it."""
    return await send(bot, user_id, [(text, None)])
