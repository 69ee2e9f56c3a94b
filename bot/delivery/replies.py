"""Sends that answer a person's command or press, for handlers.

Each returns the Outcome when Telegram took everything; otherwise it raises the error Telegram's
library raised, so the handler stops there and the error handler logs it (and apologises when
that is still possible), as python-telegram-bot handlers expect.

A send Telegram certainly did not take is tried again for a while first (policy.patiently): the
command it answers was applied, so its person should hear so. One that may have arrived is
never sent again (see policy.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    CallbackQuery,
    InlineKeyboardMarkup,
    InputFile,
    Message,
)
from telegram.ext import ExtBot

from bot.delivery.classify import attempt
from bot.delivery.outcome import Outcome, Reason
from bot.delivery.policy import patiently
from bot.delivery.posts import Markup, send_parts
from bot.delivery.ratelimit import stop_signal


def _checked(outcome: Outcome, *, already_shown_is_fine: bool = False) -> Outcome:
    # A second tap on a button before the first edit arrived finds the text already shown.
    if already_shown_is_fine and outcome.reason is Reason.NOT_MODIFIED:
        return outcome
    outcome.raise_unless_taken()
    return outcome


async def reply(message: Message, text: str, keyboard: Markup | None = None) -> Outcome:
    """Reply, split into several messages when over Telegram's limit (any keyboard goes
    with the last)."""
    what = f"reply in chat {message.chat_id}"

    async def one(chunk: str, markup: Markup | None) -> Outcome:
        call = lambda: message.reply_text(chunk, reply_markup=markup)  # noqa: E731
        return await patiently(call, what, stop_signal(message.get_bot()))

    return _checked(await send_parts(one, [(text, keyboard)]))


async def reply_photo(message: Message, photo: InputFile, caption: str) -> Outcome:
    """Reply with a picture and its caption."""
    what = f"picture in chat {message.chat_id}"
    call = lambda: message.reply_photo(photo, caption=caption)  # noqa: E731
    return _checked(await patiently(call, what, stop_signal(message.get_bot())))


async def reply_document(message: Message, document: InputFile, caption: str) -> Outcome:
    """Reply with a file and its caption."""
    what = f"file in chat {message.chat_id}"
    call = lambda: message.reply_document(document, caption=caption)  # noqa: E731
    return _checked(await patiently(call, what, stop_signal(message.get_bot())))


async def say(
    bot: ExtBot[None],
    chat_id: int,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    topic: int | None = None,
) -> Outcome:
    """Post in a chat (in its forum topic `topic`, if given), not as a reply (split when over
    the limit)."""
    what = f"message to chat {chat_id}"

    async def one(chunk: str, markup: Markup | None) -> Outcome:
        call = lambda: bot.send_message(  # noqa: E731
            chat_id, chunk, reply_markup=markup, message_thread_id=topic
        )
        return await patiently(call, what, stop_signal(bot))

    return _checked(await send_parts(one, [(text, keyboard)]))


async def answer(query: CallbackQuery, text: str, *, alert: bool = False) -> Outcome:
    """Answer a button press: a toast, or an alert the presser must close."""
    if alert:
        return _checked(await attempt(query.answer(text, show_alert=True)))
    return _checked(await attempt(query.answer(text)))


async def edit(
    query: CallbackQuery,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    already_shown_is_fine: bool = False,
) -> Outcome:
    """Show new text (and buttons) on the message whose button was pressed."""
    chat = query.message.chat.id if query.message is not None else None
    what = f"edit in chat {chat}"
    call = lambda: query.edit_message_text(text, reply_markup=keyboard)  # noqa: E731
    outcome = await patiently(call, what, stop_signal(query.get_bot()))
    return _checked(outcome, already_shown_is_fine=already_shown_is_fine)


async def edit_message(
    bot: ExtBot[None],
    chat_id: int,
    message_id: int,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    already_shown_is_fine: bool = False,
) -> Outcome:
    """Show new text (and buttons) on one of the bot's messages."""
    what = f"edit in chat {chat_id}"
    call = lambda: bot.edit_message_text(text, chat_id, message_id, reply_markup=keyboard)  # noqa: E731
    outcome = await patiently(call, what, stop_signal(bot))
    return _checked(outcome, already_shown_is_fine=already_shown_is_fine)


async def set_commands(
    bot: ExtBot[None],
    private: Sequence[BotCommand],
    groups: Sequence[BotCommand],
    language: str | None = None,
) -> None:
    """The command menus Telegram shows: one for private chats, one for groups; for users
    whose client is set to `language` (a two-letter code), or for everyone else (None)."""
    for commands, scope in (
        (private, BotCommandScopeAllPrivateChats()),
        (groups, BotCommandScopeAllGroupChats()),
    ):
        _checked(await attempt(bot.set_my_commands(commands, scope=scope, language_code=language)))


async def set_description(
    bot: ExtBot[None], description: str, short: str, language: str | None = None
) -> None:
    """What Telegram shows of the bot before a chat starts, and on its profile; per language
    as set_commands."""
    _checked(await attempt(bot.set_my_description(description, language_code=language)))
    _checked(await attempt(bot.set_my_short_description(short, language_code=language)))
