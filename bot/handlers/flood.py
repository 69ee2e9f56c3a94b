"""Flood control: one member cannot spend the group's message budget.

A person setting up goals sends maybe 30 commands a minute; a script sends far more. Past
the limit the member gets one "slow down" notice and is ignored for a cooldown.

The count is taken when a command arrives (the update processor asks `gate` before the update
waits for the chat's earlier ones), by the injected clock: a burst counts as a burst even while
the chat's replies wait for Telegram's send budget (20 a minute in a group). Commands past the
limit are dropped unread, so they queue no replies, and the notice is sent at once, beside that
queue rather than behind it: the member sees it after the reply in flight at most.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.caches import COOLDOWN, Admission
from bot.context import BotData
from bot.delivery import answer, reply
from bot.handlers.common import cached_words
from bot.render.common import SLOW_DOWN_TOAST
from bot.render.start import slow_down

log = logging.getLogger(__name__)


async def gate(app: Application, update: object) -> bool:  # type: ignore[type-arg]
    """Count commands and button presses per member and chat at arrival: True to handle the
    update; False past the limit (the first of those gets the notice here)."""
    if not isinstance(update, Update):
        return True
    chat, user = update.effective_chat, update.effective_user
    is_command = update.message is not None and (update.message.text or "").startswith("/")
    if chat is None or user is None or not (is_command or update.callback_query is not None):
        return True
    data: BotData = app.bot_data
    admission = await data.flood.admit(chat.id, user.id, data.clock())
    if admission is Admission.HANDLE:
        return True
    fields = {"update_id": update.update_id, "chat_id": chat.id, "user_id": user.id}
    if admission is Admission.IGNORE:
        log.debug("flood: ignored", extra=fields)
        return False
    log.info("flood limit reached: ignored for %ds", COOLDOWN.total_seconds(), extra=fields)
    try:
        words = cached_words(update, data)  # a burst costs no query
        if update.message is not None:
            await reply(update.message, slow_down(user.first_name, COOLDOWN, words))
        elif update.callback_query is not None:
            await answer(update.callback_query, words.gettext(SLOW_DOWN_TOAST))
    except TelegramError as error:
        log.warning("the slow-down notice was not sent: %s", error, extra=fields)
    return False
