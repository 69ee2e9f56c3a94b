"""A chat's time zone and schedules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from bot.domain.dates import find_timezone, local_today
from bot.domain.errors import NoTopics, UnknownTimezone
from bot.domain.models import Chat
from bot.domain.schedules import (
    Kind,
    Schedule,
    ScheduleChange,
    TopicChange,
    apply,
    first_due,
    next_occurrence,
)
from bot.services.common import Actor, register_chat
from bot.storage import chats, schedules
from bot.storage.connection import Connection
from bot.storage.work import UnitOfWork


@dataclass(frozen=True)
class ScheduleView:
    """The chat's schedules and when each fires next."""

    chat: Chat
    schedules: dict[Kind, Schedule]
    next_at: dict[Kind, datetime | None]
    today: date


def _view(chat: Chat, found: dict[Kind, Schedule], now: datetime) -> ScheduleView:
    upcoming = {k: next_occurrence(s, now, chat.timezone) for k, s in found.items()}
    return ScheduleView(chat, found, upcoming, local_today(now, chat.timezone))


async def show(work: UnitOfWork, actor: Actor, now: datetime) -> ScheduleView:
    """The chat's schedules with their next firing."""
    async with work.transaction() as conn:
        chat = await register_chat(conn, actor, now)
        found = await schedules.for_chat(conn, chat.chat_id)
    return _view(chat, found, now)


async def set_timezone(work: UnitOfWork, actor: Actor, name: str, now: datetime) -> ScheduleView:
    """Change the chat's time zone; every schedule follows it."""
    zone, suggestions = find_timezone(name)
    if zone is None:
        raise UnknownTimezone(name, suggestions)
    async with work.transaction() as conn:
        chat = await follow_zone(conn, await register_chat(conn, actor, now), zone, now)
        return _view(chat, await schedules.for_chat(conn, chat.chat_id), now)


async def follow_zone(conn: Connection, chat: Chat, zone: str, now: datetime) -> Chat:
    """Move the chat to a time zone; its schedules' times now mean that zone's clock, owed
    from now on, so nothing fires at once."""
    await chats.set_timezone(conn, chat.chat_id, zone)
    for schedule in (await schedules.for_chat(conn, chat.chat_id)).values():
        moved = replace(schedule, effective_from=now)
        await schedules.save(conn, moved, first_due(moved, zone))
    return replace(chat, timezone=zone)


async def change(
    work: UnitOfWork, actor: Actor, wanted: ScheduleChange, now: datetime
) -> ScheduleView:
    """Apply a /schedule change to one or more of the chat's schedules."""
    async with work.transaction() as conn:
        chat = await register_chat(conn, actor, now)
        found = await schedules.for_chat(conn, chat.chat_id)
        for kind in wanted.kinds:
            updated = apply(found[kind], wanted, now)
            await schedules.save(conn, updated, first_due(updated, chat.timezone))
            found[kind] = updated
    return _view(chat, found, now)


@dataclass(frozen=True)
class Where:
    """Where a /schedule here was sent: in a forum or not, and in which topic (None: General),
    with the topic's name when Telegram showed it."""

    forum: bool
    topic_id: int | None
    topic_name: str | None = None


async def set_topic(
    work: UnitOfWork, actor: Actor, wanted: TopicChange, where: Where, now: datetime
) -> ScheduleView:
    """/schedule here: these kinds' posts go to the topic the command came from (or General)."""
    if not where.forum:
        raise NoTopics()
    async with work.transaction() as conn:
        chat = await register_chat(conn, actor, now)
        await schedules.set_topic(
            conn, chat.chat_id, wanted.kinds, where.topic_id, where.topic_name
        )
        found = await schedules.for_chat(conn, chat.chat_id)
    return _view(chat, found, now)


async def topic_for(work: UnitOfWork, chat_id: int, kind: Kind) -> int | None:
    """The forum topic this kind of the chat's posts goes to now (None: General)."""
    async with work.reading() as conn:
        return await schedules.topic_of(conn, chat_id, kind)


@dataclass(frozen=True)
class TopicLost:
    """A topic that refused a post: the kinds that went there (now General), and its name."""

    kinds: tuple[Kind, ...]
    name: str | None


async def topic_lost(work: UnitOfWork, chat_id: int, topic_id: int) -> TopicLost:
    """The topic refused a post (closed or deleted): whatever went there goes to General from
    now on."""
    async with work.transaction() as conn:
        kinds, name = await schedules.forget_topic(conn, chat_id, topic_id)
    return TopicLost(kinds, name)
