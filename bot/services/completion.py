"""Completing milestones and goals, and recording progress toward targets."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from bot.domain.choices import Asked, Doubt, Question, progress_doubt, progress_reading
from bot.domain.commands import ProgressSpec, Ref, parse_progress, unit_from_note
from bot.domain.dates import local_today
from bot.domain.errors import (
    GoalNotActive,
    GoalStillActive,
    MilestoneStillOpen,
    NoTarget,
    NothingToUndo,
    UnitMismatch,
    Usage,
    UsageProblem,
)
from bot.domain.languages import Lang
from bot.domain.models import Goal, GoalStatus, Milestone
from bot.domain.numbers import is_distance, same_unit
from bot.services.common import Actor, find_milestone, owned_goal, register
from bot.storage import checkins, goals
from bot.storage.connection import Connection
from bot.storage.work import UnitOfWork


@dataclass(frozen=True)
class Completion:
    """What /done or /progress changed: a milestone, the whole goal, or nothing new."""

    goal: Goal
    today: date
    timezone: str
    milestone: Milestone | None = None
    milestone_completed: bool = False
    goal_achieved: bool = False
    already_done: bool = False


async def _achieve(conn: Connection, goal: Goal, now: datetime) -> Goal:
    return await goals.set_status(conn, goal, GoalStatus.COMPLETED, now)


async def complete(work: UnitOfWork, actor: Actor, ref: Ref, now: datetime) -> Completion:
    """Complete a milestone (7.2) or a whole goal (7); doing it twice changes nothing."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        today = local_today(now, chat.timezone)
        goal = await owned_goal(conn, actor, ref.goal_number, active=False)
        if ref.milestone_number is None:
            if goal.status is GoalStatus.COMPLETED:
                return Completion(goal, today, chat.timezone, already_done=True)
            if goal.status is GoalStatus.ABANDONED:
                raise GoalNotActive(goal.number, goal.status)
            goal = await _achieve(conn, goal, now)
            return Completion(goal, today, chat.timezone, goal_achieved=True)
        milestone = await find_milestone(conn, actor, goal, ref.milestone_number)
        if milestone.is_done:
            return Completion(goal, today, chat.timezone, milestone=milestone, already_done=True)
        if not goal.is_active:
            raise GoalNotActive(goal.number, goal.status)
        # The last milestone does not achieve the goal: milestones are often added one at a
        # time, and the owner says when the destination is reached (/done <goal#>).
        goal = await goals.complete_milestone(conn, goal, milestone, now)
    done = goal.milestone(milestone.number)
    return Completion(goal, today, chat.timezone, milestone=done, milestone_completed=True)


@dataclass(frozen=True)
class ProgressUpdate:
    """A new current value, and whether it reached the target."""

    goal: Goal
    previous: float
    today: date
    goal_achieved: bool


async def record_progress(
    work: UnitOfWork, actor: Actor, spec: ProgressSpec, now: datetime
) -> ProgressUpdate:
    """Set or add to a goal's current value; reaching the target achieves the goal."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        goal = await owned_goal(conn, actor, spec.goal_number)
        if goal.target is None:
            raise NoTarget(goal.number)
        if spec.bare_k and is_distance(goal.unit):  # '+10k' on a goal in km: a race?
            raise Usage(UsageProblem.BARE_K)
        others: set[str] = set()
        if spec.unit and not spec.note and not same_unit(spec.unit, goal.unit):
            # '5 books' on a goal in km, where someone counts books: a unit, not a note.
            others = {g.unit for g in await goals.goals_in_chat(conn, actor.chat_id)}
        spec = unit_from_note(spec, goal.unit, others)
        if spec.unit and goal.unit and not same_unit(spec.unit, goal.unit):
            raise UnitMismatch(goal.number, goal.unit, spec.unit, spec.amount, spec.relative)
        spec = progress_reading(spec, goal)  # '79,250 kg' on a goal near 80 kg is 79.25
        previous = goal.current
        # Rounded: 80.5 - 0.8 is 79.69999999999999 in floating point, not what was typed.
        value = round(previous + spec.amount if spec.relative else spec.amount, 6)
        if value < 0:
            raise Usage(UsageProblem.NEGATIVE_VALUE)
        doubt = progress_doubt(goal, value)
        if doubt is not None and not spec.confirmed:
            # Past the whole way in one step, or away by more than is left: a typo, or a
            # start ("target 75 kg" then "/progress 5 80")? Asked before anything is logged.
            confirmed = replace(spec, confirmed=True, unit=spec.unit or goal.unit)
            raise Question(Asked.PROGRESS, doubt, (confirmed,), goal.unit, goal, value)
        goal = await goals.log_progress(conn, goal, value, now, spec.note or None)
        achieved = goal.reaches_target(value)
        if achieved:
            goal = await _achieve(conn, goal, now)
    return ProgressUpdate(goal, previous, local_today(now, chat.timezone), achieved)


async def lone_value(
    work: UnitOfWork, actor: Actor, typed: str, now: datetime, lang: Lang = Lang.EN
) -> None:
    """'/progress 78' (or '78,5 kg', '-1') from a member whose one measured goal is not the
    number written first: ask whether it was that goal's value (raises the Question).
    Returns when there is nothing better to say than the refusal."""
    first = typed.split(maxsplit=1)[0] if typed.strip() else ""
    async with work.reading() as conn:
        if first.isdigit() and await goals.goal_by_number(conn, actor.chat_id, int(first)):
            return
        mine = await goals.goals_in_chat(
            conn, actor.chat_id, owner_id=actor.user_id, statuses=(GoalStatus.ACTIVE,)
        )
    measured = [g for g in mine if g.target is not None]
    if len(measured) != 1:
        return
    goal = measured[0]
    try:
        spec = parse_progress(f"{goal.number} {typed}", lang=lang)
    except Usage:
        return  # not a value either
    value = goal.current + spec.amount if spec.relative else spec.amount
    options = (replace(spec, unit=spec.unit or goal.unit),)
    raise Question(
        Asked.PROGRESS, Doubt.NO_SUCH_GOAL, options, goal.unit, goal, value, typed=typed.strip()
    )


@dataclass(frozen=True)
class Undone:
    """A progress entry taken back: the goal as it is again, and what the entry had set."""

    goal: Goal
    taken_back: float
    today: date
    achievement_taken_back: bool


async def undo(work: UnitOfWork, actor: Actor, number: int, now: datetime) -> Undone:
    """Take back the owner's last progress entry on a goal, and the achievement it caused."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        goal = await owned_goal(conn, actor, number, active=False)
        entry = await goals.last_progress(conn, goal.id)
        if entry is None:
            raise NothingToUndo(goal.number)
        if goal.status is GoalStatus.ABANDONED:
            raise GoalNotActive(goal.number, goal.status)
        # The entry achieved the goal when it reached the target (an achieved goal takes no
        # more entries); a /done short of the target is its own act, for /reopen to undo.
        caused = goal.status is GoalStatus.COMPLETED and goal.reaches_target(entry.value)
        goal = await goals.take_back_progress(conn, goal, entry, now)
        if caused:
            goal = await goals.set_status(conn, goal, GoalStatus.ACTIVE, now)
    return Undone(goal, entry.value, local_today(now, chat.timezone), caused)


@dataclass(frozen=True)
class Reopened:
    """A goal made active again and what it was before, or one of its milestones opened."""

    goal: Goal
    was: GoalStatus
    today: date
    milestone: Milestone | None = None


async def reopen(work: UnitOfWork, actor: Actor, ref: Ref, now: datetime) -> Reopened:
    """Make an achieved or dropped goal active again, or a done milestone open again (a
    /done or /progress by mistake)."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        today = local_today(now, chat.timezone)
        goal = await owned_goal(conn, actor, ref.goal_number, active=False)
        if ref.milestone_number is not None:
            milestone = await _done_milestone(conn, actor, goal, ref.milestone_number)
            goal = await goals.reopen_milestone(conn, goal, milestone, now)
            return Reopened(goal, goal.status, today, goal.milestone(milestone.number))
        if goal.is_active:
            raise GoalStillActive(goal.number)
        was = goal.status
        goal = await goals.set_status(conn, goal, GoalStatus.ACTIVE, now)
        if was is GoalStatus.ABANDONED:  # a review's "drop" no longer stands
            await checkins.forget_drops(conn, goal.id)
    return Reopened(goal, was, today)


async def _done_milestone(conn: Connection, actor: Actor, goal: Goal, number: int) -> Milestone:
    """The completed milestone of an active goal that /reopen <goal#>.<n> names."""
    milestone = await find_milestone(conn, actor, goal, number)
    if not goal.is_active:
        raise GoalNotActive(goal.number, goal.status)
    if not milestone.is_done:
        raise MilestoneStillOpen(goal.number, number)
    return milestone
