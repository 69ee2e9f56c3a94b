"""Every button press passes one gate before any feature sees it.

A client can send any callback data for any message the bot sent, so the data alone proves
nothing. The message a callback query carries comes from Telegram, not from the client,
with the buttons the bot last gave it; a press counts only when its data is one of them.
That ties it to the message it was pressed on (its kind, its ids, its period) and so to
that message's chat, with nothing stored. Anything else (a forged press, a button since
taken off, a deleted message) gets one short answer and changes nothing.
"""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.context import BotContext
from bot.domain import callbacks
from bot.handlers.common import stale_button

GROUP = -1  # after flood control (a forger is throttled too), before every feature


def on_its_message(query: CallbackQuery, bot_id: int) -> bool:
    """True when the press's data is a button the bot put on the message it was pressed on,
    and of a kind the bot reads."""
    message = query.message
    if query.data is None or not isinstance(message, Message):
        return False  # an inaccessible (deleted) message carries no buttons to compare
    if message.from_user is None or message.from_user.id != bot_id:
        return False
    if message.reply_markup is None or callbacks.parse(query.data) is None:
        return False
    return any(
        button.callback_data == query.data
        for row in message.reply_markup.inline_keyboard
        for button in row
    )


async def check(update: Update, context: BotContext) -> None:
    """Let a press through to the features only when it is on its own message."""
    query = update.callback_query
    if query is None or on_its_message(query, context.bot.id):
        return
    await stale_button(update, context)
    raise ApplicationHandlerStop  # nothing runs, nothing is stored: not even who pressed


def register(app: Application) -> None:  # type: ignore[type-arg]
    """The gate, in a group of its own so no feature's handler can skip it."""
    app.add_handler(TypeHandler(Update, check), group=GROUP)
