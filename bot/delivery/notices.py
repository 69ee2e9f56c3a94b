"""Notices the bot sends on its own: a partner told of a milestone or a miss."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.context import BotContext
from bot.delivery.posts import TopicLost, direct, post
from bot.domain.languages import Lang
from bot.domain.models import Member
from bot.domain.people import NoticeKind
from bot.render.i18n import Words
from bot.render.people import Detail, partner_notice
from bot.services import languages, partners

log = logging.getLogger(__name__)


async def tell_partner(
    context: BotContext,
    chat_id: int,
    chat_title: str | None,
    about: Member,
    kind: NoticeKind,
    subject: str,
    detail: Detail,
    now: datetime,
    *,
    topic: int | None = None,
    topic_lost: TopicLost | None = None,
) -> None:
    """Tell the member's partner once: by direct message when they opened one (in the
    language of that private chat), else in the group, in its language (in its forum topic
    `topic`, if given: see post). A send that fails otherwise raises Telegram's error (logged
    by the caller)."""
    notice = await partners.notice_for(context.work, chat_id, about, kind, subject, now)
    if notice is None:
        return
    group = await languages.stored(context.work, chat_id) or Lang.EN
    if notice.direct:
        partner = notice.partner

        def letter(words: Words) -> str:
            return partner_notice(kind, about, detail, chat_title, partner, True, words)

        sent = await direct(context, partner.user_id, letter, fallback=group)
        if sent.taken:
            return
        if not sent.closed:
            sent.raise_unless_taken()
        log.info("partner %s blocked direct messages; telling the group", notice.partner.user_id)
        await partners.direct_messages_closed(context.work, notice.partner.user_id)
    text = partner_notice(kind, about, detail, None, notice.partner, False, Words(group))
    sent = await post(context, chat_id, [(text, None)], topic=topic, topic_lost=topic_lost)
    sent.raise_unless_taken()
