"""Breaking a goal into milestones, and removing one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.commands import MilestoneSpec, Ref
from bot.domain.dates import local_today, parse_date
from bot.domain.errors import AlreadySet, DateTooSoon, MilestoneAfterGoal
from bot.domain.models import Goal, Milestone, RemoveResult
from bot.services.common import Actor, acting_zone, find_milestone, owned_goal, register
from bot.storage import chats, goals
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
        zone = await acting_zone(conn, actor, chat)
        today = local_today(now, zone)
        due = parse_date(spec.date_text, now, zone, lang=chat.language)
        if due < today:
            raise DateTooSoon(due, today, today)
        if due > goal.deadline:
            raise MilestoneAfterGoal(due, goal.deadline, today)
        twin = goal.same_milestone(spec.title, due)
        if twin is not None:
            raise AlreadySet(Ref(goal.number, twin.number), twin.title, due, today)
        goal = await goals.insert_milestone(conn, goal, spec.title, due, now)
    return MilestoneAdded(goal, goal.milestones[-1], today)


@dataclass(frozen=True)
class MilestoneOfGoal:
    """A milestone and its goal (None when the goal no longer exists)."""

    goal: Goal | None
    milestone: Milestone | None
    today: date


async def milestone_to_remove(
    work: UnitOfWork, actor: Actor, ref: Ref, now: datetime
) -> MilestoneOfGoal:
    """Check the actor may remove the milestone, before asking them to confirm."""
    assert ref.milestone_number is not None
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        goal = await owned_goal(conn, actor, ref.goal_number)
        milestone = await find_milestone(conn, actor, goal, ref.milestone_number)
    return MilestoneOfGoal(goal, milestone, local_today(now, chat.timezone))


@dataclass(frozen=True)
class RemoveOutcome:
    """What a press on the /delete confirmation did, and to which milestone."""

    found: MilestoneOfGoal
    result: RemoveResult


async def answer_remove(
    work: UnitOfWork, chat_id: int, user_id: int, milestone_id: int, confirm: bool, now: datetime
) -> RemoveOutcome:
    """Apply a press on the /delete confirmation, if it is the owner's; a second press on
    Remove finds it removed and changes nothing. Another chat's milestone is not found."""
    async with work.transaction() as conn:
        goal_id = await goals.goal_id_of_milestone(conn, milestone_id)
        goal = await goals.goal_by_id(conn, goal_id) if goal_id is not None else None
        if goal is None or goal.chat_id != chat_id:
            return RemoveOutcome(MilestoneOfGoal(None, None, now.date()), RemoveResult.GONE)
        chat = await chats.get_chat(conn, goal.chat_id)
        today = local_today(now, chat.timezone if chat else "UTC")
        kept = next((m for m in goal.milestones if m.id == milestone_id), None)
        removed = next((m for m in goal.removed_milestones if m.id == milestone_id), None)
        milestone = kept or removed
        if goal.owner.user_id != user_id:
            result = RemoveResult.NOT_OWNER
        elif kept is None:
            result = RemoveResult.ALREADY_REMOVED
        elif not confirm:
            result = RemoveResult.KEPT
        else:
            goal = await goals.remove_milestone(conn, goal, kept, now)
            result = RemoveResult.REMOVED
    return RemoveOutcome(MilestoneOfGoal(goal, milestone, today), result)
