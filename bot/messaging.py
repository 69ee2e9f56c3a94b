"""Sending that handlers and jobs share: partner notices, and sends that follow a chat that
became a supergroup."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from datetime import datetime

from telegram import InlineKeyboardMarkup, Message
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.context import BotContext
from bot.domain.models import Member
from bot.domain.people import NoticeKind
from bot.render.people import partner_notice
from bot.services import membership, partners

log = logging.getLogger(__name__)


@contextlib.contextmanager
def already_shown_is_fine() -> Iterator[None]:
    """An edit that finds the message already showing this text (a second tap on a button
    before the first edit arrived) is not an error."""
    try:
        yield
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise


async def send(
    context: BotContext, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> Message:
    """Send to a chat; if it became a supergroup, move its data there and send again."""
    try:
        return await context.bot.send_message(chat_id, text, reply_markup=keyboard)
    except ChatMigrated as moved:
        new_id = int(moved.new_chat_id)
        await membership.chat_migrated(context.work, chat_id, new_id)
        return await context.bot.send_message(new_id, text, reply_markup=keyboard)


async def tell_partner(
    context: BotContext,
    chat_id: int,
    chat_title: str | None,
    about: Member,
    kind: NoticeKind,
    subject: str,
    detail: str,
    now: datetime,
) -> None:
    """Tell the member's partner once: by direct message when they opened one, else in the group."""
    notice = await partners.notice_for(context.work, chat_id, about, kind, subject, now)
    if notice is None:
        return
    if notice.direct:
        text = partner_notice(kind, about, detail, chat_title, notice.partner, direct=True)
        try:
            await context.bot.send_message(notice.partner.user_id, text)
            return
        except (Forbidden, BadRequest) as error:
            if not closed_to_us(error):
                raise
            log.info(
                "partner %s blocked direct messages; telling the group", notice.partner.user_id
            )
            await partners.direct_messages_closed(context.work, notice.partner.user_id)
    text = partner_notice(kind, about, detail, None, notice.partner, direct=False)
    await send(context, chat_id, text)


def closed_to_us(error: TelegramError) -> bool:
    """A direct message Telegram refused for good: the member blocked the bot, or the chat is
    gone ("chat not found": the account was deleted, or the chat was never opened)."""
    return isinstance(error, Forbidden) or (
        isinstance(error, BadRequest) and "chat not found" in str(error).lower()
    )
