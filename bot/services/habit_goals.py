"""/goal that names a habit: deciding between a goal reached once and a habit, and setting it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.frequencies import HabitSpec
from bot.domain.habit_goals import GoalLine
from bot.services.common import Actor, register
from bot.services.goals import GoalView, create_goal
from bot.services.habits import HabitView, start_habit
from bot.storage import drafts
from bot.storage.work import UnitOfWork


@dataclass(frozen=True)
class HabitFromGoal:
    """A /goal whose title said how often, set as a habit; `one_off` is its title as a goal
    reached once, and `date_text` the date as typed (None: none was given)."""

    view: HabitView
    one_off: str
    date_text: str | None
    draft_dropped: bool = False


@dataclass(frozen=True)
class GoalWithFrequency:
    """A /goal whose title says how often but whose target is a total to reach once: set as a
    goal, with the habit it could also be."""

    view: GoalView
    habit: HabitSpec


async def set_goal(
    work: UnitOfWork, actor: Actor, line: GoalLine, now: datetime, *, ends_draft: bool = False
) -> GoalView | GoalWithFrequency | HabitFromGoal:
    """Set what a one-line /goal asks for. A title that says how often is a habit ("Read 20
    pages a day": counted each day, never achieved by one entry), unless the goal names a
    total to reach by its date ("… target 600 pages"): then it stays a goal."""
    if line.habit is None:
        assert line.goal is not None
        return await create_goal(work, actor, line.goal, now, ends_draft=ends_draft)
    if line.total_target and line.goal is not None:
        view = await create_goal(work, actor, line.goal, now, ends_draft=ends_draft)
        return GoalWithFrequency(view, line.habit)
    return await set_habit(work, actor, line.habit, line.date_text, now, ends_draft=ends_draft)


async def set_habit(
    work: UnitOfWork,
    actor: Actor,
    spec: HabitSpec,
    date_text: str | None,
    now: datetime,
    *,
    ends_draft: bool = False,
) -> HabitFromGoal:
    """Set a habit asked for as a goal (typed on one line, or through the guided /goal)."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        view = await start_habit(conn, chat, actor, spec, now)
        dropped = ends_draft and await drafts.drop(conn, chat.chat_id, actor.user_id)
    return HabitFromGoal(view, spec.title, date_text, dropped)
