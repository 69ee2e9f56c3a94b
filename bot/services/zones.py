"""A member's own time zone: set in their private chat, used for them in every chat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.dates import find_timezone
from bot.domain.errors import UnknownTimezone
from bot.domain.models import Chat
from bot.services.common import Actor, register
from bot.services.schedules import follow_zone
from bot.storage import people
from bot.storage.work import UnitOfWork


@dataclass(frozen=True)
class OwnZone:
    """The member's own zone (None: each chat's), and the chat they asked in."""

    zone: str | None
    chat: Chat


async def show(work: UnitOfWork, actor: Actor, now: datetime) -> OwnZone:
    """The member's own zone."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        return OwnZone(await people.own_zone(conn, actor.user_id), chat)


async def set_own(work: UnitOfWork, actor: Actor, name: str, now: datetime) -> OwnZone:
    """Set the member's own zone (their private chat's follows it); a near miss is refused
    with suggestions, as for a group."""
    zone, suggestions = find_timezone(name)
    if zone is None:
        raise UnknownTimezone(name, suggestions)
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        await people.set_own_zone(conn, actor.user_id, zone)
        if actor.is_private:  # the private chat's own posts follow the member's clock
            chat = await follow_zone(conn, chat, zone, now)
        return OwnZone(zone, chat)


async def clear_own(work: UnitOfWork, actor: Actor, now: datetime) -> OwnZone:
    """Go back to each chat's zone."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        await people.set_own_zone(conn, actor.user_id, None)
        return OwnZone(None, chat)
