"""A goal's journal: its owner's dated entries, with their reflections and mentor feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.models import Goal, GoalHistory
from bot.domain.people import JournalKind, JournalLine
from bot.services.common import Actor, find_goal, owned_goal, register
from bot.storage import goals, journal
from bot.storage.work import UnitOfWork

SHOWN = 10


async def write(work: UnitOfWork, actor: Actor, number: int, text: str, now: datetime) -> Goal:
    """Add a dated entry to one of the actor's goals."""
    async with work.transaction() as conn:
        await register(conn, actor, now)
        goal = await owned_goal(conn, actor, number, active=False)
        await journal.add(
            conn, actor.chat_id, goal.id, actor.user_id, actor.user_id, JournalKind.ENTRY, text, now
        )
    return goal


@dataclass(frozen=True)
class JournalView:
    """The latest lines of a goal's journal and what changed about it, in the chat's time
    zone."""

    goal: Goal
    lines: list[JournalLine]
    timezone: str
    history: GoalHistory


async def read(work: UnitOfWork, actor: Actor, number: int, now: datetime) -> JournalView:
    """The latest entries, feedback and reflections for a goal; anyone in the chat may read."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        goal = await find_goal(conn, actor, number)
        lines = await journal.for_goal(conn, chat.chat_id, goal.id, goal.owner.user_id, SHOWN)
        renames = await goals.title_history(conn, goal.id)
        moves = await goals.deadline_history(conn, goal.id)
    history = GoalHistory(tuple(renames[-SHOWN:]), tuple(moves[-SHOWN:]))
    return JournalView(goal, lines, chat.timezone, history)
