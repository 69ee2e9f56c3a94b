"""Breaking a goal into milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.commands import MilestoneSpec, Ref
from bot.domain.dates import local_today, parse_date
from bot.domain.errors import AlreadySet, DateTooSoon, MilestoneAfterGoal
from bot.domain.models import Goal, Milestone
from bot.services.common import Actor, owned_goal, register
from bot.storage import goals
from bot.storage.work import UnitOfWork


@dataclass(frozen=True)
class MilestoneAdded:
    """The new milestone and its goal."""

    goal: Goal
    milestone: Milestone
    today: date


async def add_milestone(
    work: UnitOfWork, actor: Actor, spec: MilestoneSpec, now: datetime
) -> MilestoneAdded:
    """Add a checkpoint to one of the actor's active goals."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        goal = await owned_goal(conn, actor, spec.goal_number)
        today = local_today(now, chat.timezone)
        due = parse_date(spec.date_text, now, chat.timezone)
        if due < today:
            raise DateTooSoon(due, today, today)
        if due > goal.deadline:
            raise MilestoneAfterGoal(due, goal.deadline, today)
        twin = goal.same_milestone(spec.title, due)
        if twin is not None:
            raise AlreadySet(Ref(goal.number, twin.number), twin.title, due, today)
        goal = await goals.insert_milestone(conn, goal, spec.title, due, now)
    return MilestoneAdded(goal, goal.milestones[-1], today)
