"""/language: show or (admins in groups) change the language the bot speaks in a chat."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import answer, edit, reply
from bot.domain import callbacks
from bot.domain.errors import NotAdmin
from bot.domain.languages import from_command
from bot.handlers.common import actor, args_text, command, is_admin, spoken, stale_button
from bot.render import languages as render
from bot.services import languages as service


@command("language", anonymous_ok=True)
async def language(update: Update, context: BotContext) -> None:
    """Show the chat's language with a button for each, or set it: /language de."""
    assert update.message is not None
    typed = args_text(update.message).strip()
    now, who = context.now(), actor(update, context)
    chat = await service.current(context.work, who, now)
    if not typed:
        text, keyboard = render.choices(chat.language)
        await reply(update.message, text, keyboard)
        return
    lang = from_command(typed)
    if lang is None:
        await reply(update.message, render.unknown(typed, chat.language))
        return
    if not await is_admin(update, context):
        raise NotAdmin()
    chat = await service.set_language(context.work, who, lang, now)
    context.bot_data.language_cache[chat.chat_id] = chat.language
    await reply(update.message, render.changed(chat.language, chat.is_private))


async def pressed(update: Update, context: BotContext) -> None:
    """A language button: the chat speaks it from now on (admins only, in groups)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    lang = callbacks.parse_language(query.data)
    if lang is None:
        await stale_button(update, context)
        return
    now, who = context.now(), actor(update, context)
    if not await is_admin(update, context):
        await answer(query, render.only_admins(await spoken(update, context)))
        return
    chat = await service.set_language(context.work, who, lang, now)
    context.bot_data.language_cache[chat.chat_id] = chat.language
    await answer(query, render.NAMES[lang])
    await edit(query, render.changed(chat.language, chat.is_private))


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /language and its buttons."""
    app.add_handler(CommandHandler("language", language, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CallbackQueryHandler(pressed, pattern=callbacks.LANGUAGE_PATTERN))
