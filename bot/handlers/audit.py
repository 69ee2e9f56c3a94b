"""Each update once, and one log line per update: which chat, who, which command or button.
Never what was typed."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.context import BotContext
from bot.domain import callbacks
from bot.handlers.common import ANONYMOUS_ADMIN_ID, actor
from bot.services import common as common_service

log = logging.getLogger("bot.updates")

LAST_GROUP = 100  # after every feature's handlers


async def record(update: Update, context: BotContext) -> None:
    """Log the update's kind and command word (arguments and messages stay out of the logs)."""
    chat, user = update.effective_chat, update.effective_user
    fields: dict[str, object] = {
        "update_id": update.update_id,
        "chat_id": chat.id if chat else None,
        "user_id": user.id if user else None,
    }
    if update.message is not None and (update.message.text or "").startswith("/"):
        fields["command"] = (update.message.text or "").split(maxsplit=1)[0].split("@")[0]
        log.info("command", extra=fields)
    elif update.callback_query is not None:
        data = update.callback_query.data or ""
        # The button's kind, e.g. "ci"; data no kind reads is a client's own, kept out.
        known = callbacks.parse(data) is not None
        fields["button"] = data.split(":")[1] if known else "unreadable"
        log.info("button", extra=fields)
    elif update.my_chat_member is not None:
        fields["status"] = update.my_chat_member.new_chat_member.status
        log.info("membership", extra=fields)
    else:
        log.debug("update", extra=fields)


async def once(update: Update, context: BotContext) -> None:
    """Stop an update delivered a second time (same update_id) before anything handles it.

    The update's unit of work (context.work, passed to every service) carries the record
    that it was handled, and commits it with the update's first transaction: a command and
    "it was handled" are stored together, so a command is never applied twice and never lost
    to a crash.
    """
    updates_handled = context.bot_data.update_log
    if not await updates_handled.first_time(update.update_id, context.now(), context.work):
        log.info("duplicate update dropped", extra={"update_id": update.update_id})
        raise ApplicationHandlerStop


async def settle(update: Update, context: BotContext) -> None:
    """After every handler: record the update if nothing it did committed a transaction, and
    with it who sent a command or pressed a button (most commands register them already)."""
    if context.work.unsaved and _from_a_person(update):
        await common_service.seen(context.work, actor(update, context), context.now())
    await context.work.finish()


def _from_a_person(update: Update) -> bool:
    """A command or a button press by someone (not a channel or an anonymous admin). A
    private chat registered so gets no scheduled posts until it has a goal."""
    if update.effective_chat is None or update.effective_user is None:
        return False
    if update.callback_query is not None:
        return True
    message = update.message
    return (
        message is not None
        and (message.text or "").startswith("/")
        and message.sender_chat is None
        and update.effective_user.id != ANONYMOUS_ADMIN_ID
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Before everything else: drop repeats, then log; after everything: record the update."""
    app.add_handler(TypeHandler(Update, once), group=-5)
    app.add_handler(TypeHandler(Update, record), group=-4)
    app.add_handler(TypeHandler(Update, settle), group=LAST_GROUP)
