"""What every use case needs: who is acting where, and finding the goal they mean."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.errors import (
    GoalNotActive,
    GoalNotFound,
    IsAHabit,
    MilestoneNotFound,
    MilestoneRemoved,
    NotOwner,
)
from bot.domain.languages import Lang, from_telegram
from bot.domain.models import Chat, Goal, GoalStatus, Member, Milestone
from bot.domain.schedules import default_schedules, first_due
from bot.storage import chats, goals, habits, people, schedules
from bot.storage.connection import Connection
from bot.storage.work import UnitOfWork


@dataclass(frozen=True)
class Actor:
    """The person acting and the chat they act in, as Telegram described them."""

    chat_id: int
    chat_type: str
    chat_title: str | None
    user_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    default_timezone: str = "UTC"
    # The language the person's Telegram client names (an IETF tag), if any.
    language_code: str | None = None

    @property
    def member(self) -> Member:
        """The acting person as a member."""
        return Member(self.user_id, self.first_name, self.username)

    @property
    def is_private(self) -> bool:
        """True when acting in a one-to-one chat with the bot."""
        return self.chat_type == "private"


async def _ensure_chat(conn: Connection, actor: Actor, now: datetime, seen: chats.Presence) -> Chat:
    known = seen.chat
    if (
        known
        and seen.chat_active
        and (known.type, known.title) == (actor.chat_type, actor.chat_title)
    ):
        return known  # the usual case: nothing to write
    # A new chat speaks the language of whoever brought it (added the bot, or first used
    # it), when the bot speaks that language; English otherwise.
    language = from_telegram(actor.language_code) or Lang.EN
    chat = await chats.upsert_chat(
        conn, actor.chat_id, actor.chat_type, actor.chat_title, actor.default_timezone, now,
        language,
    )  # fmt: skip
    if seen.chat is None:
        for schedule in default_schedules(chat.chat_id, now):
            await schedules.save(conn, schedule, first_due(schedule, chat.timezone))
    return chat


async def register_chat(conn: Connection, actor: Actor, now: datetime) -> Chat:
    """Make sure the chat is known; a new chat gets the default schedules."""
    return await _ensure_chat(conn, actor, now, await chats.presence(conn, actor.chat_id, None))


async def register(conn: Connection, actor: Actor, now: datetime) -> Chat:
    """Make sure the chat and the member are known; returns the chat.

    One read in the usual case: names are written when they change, and when the member was
    last seen in the chat at most once a day.
    """
    seen = await chats.presence(conn, actor.chat_id, actor.user_id)
    chat = await _ensure_chat(conn, actor, now, seen)
    names = (actor.first_name, actor.last_name, actor.username)
    if seen.member != names or seen.last_seen is None or seen.last_seen.date() != now.date():
        await chats.upsert_member(conn, actor.chat_id, actor.member, actor.last_name, now)
    return chat


async def seen(work: UnitOfWork, actor: Actor, now: datetime) -> None:
    """Remember who wrote, where, with their name and @username, for an update that stored
    nothing else (/help, a refusal, an unknown command, a button press that changed nothing),
    so that /partner @them and /mentor @them know them."""
    async with work.transaction() as conn:
        await register(conn, actor, now)


async def groups_with_goal(conn: Connection, actor: Actor, number: int) -> tuple[str, ...]:
    """In a private chat: the groups where the actor has a goal with this number.

    Private /goals lists those goals too, so a refusal about the number says where they are.
    """
    if not actor.is_private:
        return ()
    titles = await goals.chats_with_goal_number(conn, actor.user_id, number, actor.chat_id)
    return tuple(title or "a group" for title in titles)


async def find_goal(conn: Connection, actor: Actor, number: int) -> Goal:
    """The goal with this number in the actor's chat, or GoalNotFound."""
    goal = await goals.goal_by_number(conn, actor.chat_id, number)
    if goal is None:
        habit = await habits.habit_by_number(conn, actor.chat_id, number)
        if habit is not None:
            raise IsAHabit(number, habit.title)
        raise GoalNotFound(number, actor.is_private, await groups_with_goal(conn, actor, number))
    return goal


async def find_milestone(conn: Connection, actor: Actor, goal: Goal, number: int) -> Milestone:
    """The goal's milestone with this number, or MilestoneNotFound naming the ones it has
    (MilestoneRemoved when its owner removed it)."""
    milestone = goal.milestone(number)
    removed = goal.removed_milestone(number)
    if milestone is None and removed is not None:
        raise MilestoneRemoved(goal.number, number, removed.title)
    if milestone is None:
        raise MilestoneNotFound(
            goal.number,
            number,
            tuple(m.number for m in goal.milestones),
            await groups_with_goal(conn, actor, goal.number),
            goal.status is GoalStatus.ACTIVE,
        )
    return milestone


async def owned_goal(conn: Connection, actor: Actor, number: int, *, active: bool = True) -> Goal:
    """The goal, refused unless the actor owns it (and, by default, it is still active)."""
    goal = await find_goal(conn, actor, number)
    if goal.owner.user_id != actor.user_id:
        raise NotOwner(number, goal.owner.first_name)
    if active and not goal.is_active:
        raise GoalNotActive(number, goal.status)
    return goal


async def acting_zone(conn: Connection, actor: Actor, chat: Chat) -> str:
    """The zone the acting member's typed dates and their days are read in: their own, set in
    their private chat, else the chat's."""
    return await people.own_zone(conn, actor.user_id) or chat.timezone
