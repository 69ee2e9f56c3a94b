"""Flood control: one member cannot spend the group's message budget.

A person setting up goals sends maybe 30 commands a minute; a script sends far more. Past
the limit the member gets one "slow down" notice and is ignored for a cooldown.
"""

from __future__ import annotations

from limits import parse
from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.caches import COOLDOWN
from bot.context import BotContext
from bot.delivery import answer, reply
from bot.render.common import SLOW_DOWN_TOAST
from bot.render.start import slow_down


async def check(update: Update, context: BotContext) -> None:
    """Count commands and button presses per member and chat; stop them past the limit."""
    chat, user = update.effective_chat, update.effective_user
    is_command = update.message is not None and (update.message.text or "").startswith("/")
    if chat is None or user is None or not (is_command or update.callback_query is not None):
        return
    key = (chat.id, user.id)
    cooling = context.bot_data.cooldowns  # entries expire when the cooldown ends
    limiter = context.bot_data.flood_limiter
    rate = parse(f"{context.bot_data.config.flood_per_minute}/minute")
    if key in cooling:
        raise ApplicationHandlerStop
    if limiter.hit(rate, str(chat.id), str(user.id)):
        return
    # Nothing is counted while cooling down, so the member comes back to an empty window.
    limiter.clear(rate, str(chat.id), str(user.id))
    cooling[key] = context.now() + COOLDOWN
    if update.message is not None:
        await reply(update.message, slow_down(user.first_name, COOLDOWN))
    elif update.callback_query is not None:
        await answer(update.callback_query, SLOW_DOWN_TOAST)
    raise ApplicationHandlerStop


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Run before every other handler."""
    app.add_handler(TypeHandler(Update, check), group=-2)
