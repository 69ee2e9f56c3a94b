"""Forum topics of scheduled posts: where a kind of post goes, and what a post does when its
topic refuses it (closed or deleted)."""

from __future__ import annotations

import logging

from bot.context import BotContext
from bot.delivery.outcome import Reason
from bot.delivery.posts import TopicLost
from bot.domain.languages import Lang
from bot.domain.schedules import Kind
from bot.render import schedules as render_schedules
from bot.render.i18n import Words
from bot.services import languages
from bot.services import schedules as schedule_service

log = logging.getLogger(__name__)


def topic_fallback(context: BotContext, chat_id: int, topic: int | None) -> TopicLost:
    """What a post does when its forum topic refuses it (closed or deleted): the chat's posts
    for that topic go to General from now on, and this one says so at the top, with how
    admins choose a topic again."""

    async def lost(reason: Reason) -> str:
        assert topic is not None
        found = await schedule_service.topic_lost(context.work, chat_id, topic)
        log.warning(
            "topic %s of chat %s refused a post (%s); %s go to General now",
            topic, chat_id, reason, ", ".join(found.kinds) or "nothing more",
        )  # fmt: skip
        closed = reason is Reason.TOPIC_CLOSED
        words = Words(await languages.stored(context.work, chat_id) or Lang.EN)
        return render_schedules.topic_lost(found.name, found.kinds, closed, words)

    return lost


async def in_topic(context: BotContext, chat_id: int, kind: Kind) -> tuple[int | None, TopicLost]:
    """The forum topic this kind of the chat's posts goes to now, and what a refusal does."""
    topic = await schedule_service.topic_for(context.work, chat_id, kind)
    return topic, topic_fallback(context, chat_id, topic)
