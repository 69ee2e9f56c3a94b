"""The last line of defence: log what broke and tell the user something went wrong."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import NetworkError, TelegramError
from telegram.ext import Application, ApplicationHandlerStop

from bot.context import BotContext
from bot.delivery import StoppedWaiting, answer, reply, say
from bot.domain.errors import DatabaseGone, HandledElsewhere
from bot.handlers.common import cached_words
from bot.render.common import SORRY

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Log the exception with the update; apologise in the chat when there is one."""
    error = context.error
    # Ids only: what people typed stays out of the logs, even when something breaks.
    fields: dict[str, object] = {}
    if isinstance(update, Update):
        chat, user = update.effective_chat, update.effective_user
        fields = {
            "update_id": update.update_id,
            "chat_id": chat.id if chat else None,
            "user_id": user.id if user else None,
        }
    if isinstance(error, DatabaseGone):
        # Logged where it was found, once; the bot is stopping. Nothing of it was stored.
        log.warning("update %s not handled: %s", fields.get("update_id"), error, extra=fields)
        await _apologise(update, context)
        if isinstance(update, Update):
            raise ApplicationHandlerStop  # the later handlers would only fail the same way
        return
    if isinstance(error, HandledElsewhere):
        # Another replica handled it first and answered it; nothing here was stored.
        log.info("update %s was handled by another process; not done twice", error.update_id,
                 extra=fields)  # fmt: skip
        if isinstance(update, Update):
            raise ApplicationHandlerStop
        return
    if isinstance(error, StoppedWaiting):
        # The answer did not get a turn before the stop; what the command did is kept.
        log.warning("reply not sent: the bot was stopping", extra=fields)
        return
    if isinstance(error, NetworkError):
        log.warning("network trouble talking to Telegram: %s", error)
        return
    log.error(
        "unhandled error for update %s", fields.get("update_id"), extra=fields, exc_info=error
    )
    await _apologise(update, context)


async def _apologise(update: object, context: BotContext) -> None:
    """The short apology, in the chat the update came from (if any)."""
    if isinstance(update, Update) and update.effective_chat is not None:
        sorry = cached_words(update, context.bot_data).gettext(SORRY)  # the database may be gone
        if update.callback_query is not None:
            try:
                await answer(update.callback_query, sorry, alert=True)
            except TelegramError:
                log.warning("could not answer the callback after an error", exc_info=True)
            return
        try:
            if update.effective_message is not None:
                await reply(update.effective_message, sorry)
            else:
                await say(context.bot, update.effective_chat.id, sorry)
        except TelegramError:
            log.warning("could not send the apology", exc_info=True)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Install the error handler."""
    app.add_error_handler(on_error)
