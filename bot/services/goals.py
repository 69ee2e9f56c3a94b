"""Setting goals, saying why, adding targets, listing, rescheduling and abandoning."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from bot.domain import smart
from bot.domain.calendar_events import Changes
from bot.domain.choices import goal_question, target_reading
from bot.domain.commands import GoalSpec, Ref, RenameSpec, RescheduleSpec, TargetSpec
from bot.domain.dates import LocalClock, local_today, parse_date
from bot.domain.errors import (
    AlreadyDue,
    AlreadyNamed,
    AlreadySet,
    DateTooSoon,
    GoalBeforeMilestones,
    MilestoneAfterGoal,
    MilestoneAlreadyDone,
    UnitMismatch,
    Usage,
    UsageProblem,
)
from bot.domain.languages import Lang
from bot.domain.models import AbandonResult, Chat, Goal, GoalStatus, Milestone
from bot.domain.numbers import same_unit
from bot.domain.summary import clocks_of
from bot.services.common import Actor, acting_zone, find_milestone, owned_goal, register
from bot.services.habits import HabitView, habits_everywhere, habits_here
from bot.storage import chats, drafts, goals
from bot.storage.work import UnitOfWork


@dataclass(frozen=True)
class GoalView:
    """A goal with what is needed to show it: its chat and the chat's today."""

    goal: Goal
    chat: Chat
    today: date
    draft_dropped: bool = False  # a guided /goal was open and this one-line /goal ended it

    @property
    def smart(self) -> smart.SmartCheck:
        """The goal's SMART check today."""
        return smart.check(self.goal, self.today, lang=self.chat.language)


def resolve_goal_deadline(text: str, now: datetime, tz: str, lang: Lang = Lang.EN) -> date:
    """A goal deadline: readable (in the chat's language or English), and no sooner than
    tomorrow in the zone."""
    today = local_today(now, tz)
    deadline = parse_date(text, now, tz, lang=lang)
    if deadline <= today:
        raise DateTooSoon(deadline, today + timedelta(days=1), today)
    return deadline


async def create_goal(
    work: UnitOfWork,
    actor: Actor,
    spec: GoalSpec,
    now: datetime,
    why: str | None = None,
    *,
    ends_draft: bool = False,
) -> GoalView:
    """Register a goal for the actor in their chat; ends_draft: a one-line /goal typed now,
    which replaces a guided /goal the actor had open here."""
    question = goal_question(spec)
    if question is not None:  # a target that reads two ways: nothing is stored until chosen
        raise question
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        zone = await acting_zone(conn, actor, chat)
        deadline = resolve_goal_deadline(spec.date_text, now, zone, chat.language)
        twin = await goals.same_active_goal(conn, chat.chat_id, actor.user_id, spec.title, deadline)
        if twin is not None:  # sent twice, or typed again after a reply was missed
            today = local_today(now, zone)
            raise AlreadySet(
                Ref(twin[0]), twin[1], deadline, today, spec.target, spec.unit, spec.baseline
            )
        goal = await goals.insert_goal(
            conn,
            chat_id=chat.chat_id,
            owner_id=actor.user_id,
            title=spec.title,
            deadline=deadline,
            target=spec.target,
            unit=spec.unit,
            why=why or spec.why,
            now=now,
            baseline=spec.baseline,
        )
        dropped = ends_draft and await drafts.drop(conn, chat.chat_id, actor.user_id)
    return GoalView(goal, chat, local_today(now, zone), dropped)


async def set_why(work: UnitOfWork, actor: Actor, number: int, why: str, now: datetime) -> GoalView:
    """Record why a goal matters to its owner."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        goal = await owned_goal(conn, actor, number)
        goal = await goals.set_why(conn, goal, why, now)
    return GoalView(goal, chat, local_today(now, chat.timezone))


async def set_target(
    work: UnitOfWork, actor: Actor, number: int, spec: TargetSpec, now: datetime
) -> GoalView:
    """Give a goal a numeric target so progress can be measured (or change it).

    A new baseline ("from 80") also becomes the current value while nothing has moved from
    the old starting point; without one, the goal keeps the baseline it had.
    """
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        goal = await owned_goal(conn, actor, number)
        spec = target_reading(spec, goal)  # '1.500 €' is asked about unless the goal tells
        baseline = goal.baseline if spec.baseline is None else spec.baseline
        if baseline is None and spec.value == 0:
            raise Usage(
                UsageProblem.BAD_TARGET
            )  # 0 is a target only to get down to, from somewhere
        if baseline == spec.value:
            raise Usage(UsageProblem.BASELINE_IS_TARGET)
        untouched = goal.target is None or goal.current == goal.start_value
        unit = spec.unit or goal.unit  # "/target 3 24" keeps "min"
        moved = goal.target is not None and not untouched
        if moved and spec.baseline is None and not same_unit(unit, goal.unit):
            # 28 min would become 28 km: counting in another unit needs a new start
            raise UnitMismatch(goal.number, goal.unit, unit, spec.value, False)
        current = spec.baseline if spec.baseline is not None and untouched else goal.current
        if spec.baseline is not None and not same_unit(unit, goal.unit):
            current = spec.baseline  # counted afresh in the new unit
        changed = replace(goal, target=spec.value, unit=unit, baseline=baseline, current=current)
        goal = await goals.set_target(conn, goal, changed, now)
        if goal.reaches_target(goal.current):  # already there: the goal is achieved
            goal = await goals.set_status(conn, goal, GoalStatus.COMPLETED, now)
    return GoalView(goal, chat, local_today(now, chat.timezone))


@dataclass(frozen=True)
class GoalList:
    """Goals in a chat for /goals."""

    chat: Chat
    goals: list[Goal]
    today: date
    everyone: bool
    # In a private chat: the member's goals from every chat, with those chats' titles.
    elsewhere: dict[int, str | None] = field(default_factory=dict)
    # Abandoned goals in the same scope: not listed, but the reply must not say there are none.
    dropped: int = 0
    # How often each goal's (milestone None) and milestone's date moved, by (goal id, milestone id).
    moves: dict[tuple[int, int | None], Changes] = field(default_factory=dict)
    # The running habits in the same scope (in private: the member's from every chat).
    habits: list[HabitView] = field(default_factory=list)
    # Everyone's: each owner's own clock, where it is far from the chat's.
    clocks: dict[int, LocalClock] = field(default_factory=dict)
    # Each owner's own today, where they set their own zone: their dates count on their days.
    todays: dict[int, date] = field(default_factory=dict)


async def list_goals(work: UnitOfWork, actor: Actor, everyone: bool, now: datetime) -> GoalList:
    """The actor's goals in this chat, or everyone's; in private, theirs from every chat.

    A member's goals from one group are never shown in another group. Dropped (abandoned)
    goals leave the list; only their number is given.
    """
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        if chat.is_private:
            found = await goals.goals_of_owner(conn, actor.user_id)
            titles = await chats.titles(conn, {g.chat_id for g in found})
            dropped = await goals.dropped_count(conn, owner_id=actor.user_id)
            moves = await goals.date_moves(conn, [g.id for g in found])
            today = local_today(now, chat.timezone)
            mine = await habits_everywhere(conn, actor.user_id, now)
            return GoalList(chat, found, today, False, titles, dropped, moves, mine)
        owner_id = None if everyone else actor.user_id
        found = await goals.goals_in_chat(conn, chat.chat_id, owner_id=owner_id)
        dropped = await goals.dropped_count(conn, chat_id=chat.chat_id, owner_id=owner_id)
        moves = await goals.date_moves(conn, [g.id for g in found])
        running = await habits_here(conn, chat, now, owner_id)
    today = local_today(now, chat.timezone)
    owners = {g.owner.user_id: g.owner for g in found}.values()
    clocks = clocks_of(owners, chat.timezone, now) if everyone else {}
    todays = {m.user_id: local_today(now, m.timezone) for m in owners if m.timezone}
    return GoalList(
        chat, found, today, everyone, dropped=dropped, moves=moves, habits=running,
        clocks=clocks, todays=todays,
    )  # fmt: skip


@dataclass(frozen=True)
class Rescheduled:
    """A moved deadline: the goal after the move, which milestone (if any), and the old date."""

    goal: Goal
    milestone: Milestone | None
    old_date: date
    reason: str | None
    today: date


async def reschedule(
    work: UnitOfWork, actor: Actor, spec: RescheduleSpec, now: datetime
) -> Rescheduled:
    """Move a goal's or milestone's deadline, keeping the history."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        goal = await owned_goal(conn, actor, spec.ref.goal_number)
        zone = await acting_zone(conn, actor, chat)
        today = local_today(now, zone)
        milestone: Milestone | None = None
        if spec.ref.milestone_number is None:
            new_date = resolve_goal_deadline(spec.date_text, now, zone, chat.language)
            blocking = [m for m in goal.milestones if not m.is_done and m.due_date > new_date]
            if blocking:
                last = max(blocking, key=lambda m: m.due_date)
                raise GoalBeforeMilestones(last.due_date, new_date, today, last.number)
            old = goal.deadline
        else:
            milestone = await find_milestone(conn, actor, goal, spec.ref.milestone_number)
            if milestone.is_done:
                raise MilestoneAlreadyDone(goal.number, milestone.number)
            new_date = parse_date(spec.date_text, now, zone, lang=chat.language)
            if new_date < today:
                raise DateTooSoon(new_date, today, today)
            if new_date > goal.deadline:
                raise MilestoneAfterGoal(new_date, goal.deadline, today)
            old = milestone.due_date
        if new_date == old:
            raise AlreadyDue(spec.ref, old, today)
        goal = await goals.move_deadline(conn, goal, milestone, new_date, spec.reason, now)
    moved = goal.milestone(milestone.number) if milestone else None
    return Rescheduled(goal, moved, old, spec.reason, today)


@dataclass(frozen=True)
class Renamed:
    """A renamed goal or milestone (None: the goal itself) and the title it had."""

    goal: Goal
    milestone: Milestone | None
    old_title: str


async def rename(work: UnitOfWork, actor: Actor, spec: RenameSpec, now: datetime) -> Renamed:
    """Give one of the actor's goals, or one of its milestones, a new title; the history
    keeps the old one. Achieved and dropped goals may be renamed too: a typo stays a typo."""
    async with work.transaction() as conn:
        await register(conn, actor, now)
        goal = await owned_goal(conn, actor, spec.ref.goal_number, active=False)
        milestone: Milestone | None = None
        if spec.ref.milestone_number is not None:
            milestone = await find_milestone(conn, actor, goal, spec.ref.milestone_number)
        old = milestone.title if milestone else goal.title
        if old == spec.title:
            raise AlreadyNamed(spec.ref, old)
        goal = await goals.rename(conn, goal, milestone, spec.title, now)
    renamed = goal.milestone(milestone.number) if milestone else None
    return Renamed(goal, renamed, old)


async def goal_to_abandon(work: UnitOfWork, actor: Actor, number: int, now: datetime) -> Goal:
    """Check the actor may abandon the goal, before asking them to confirm."""
    async with work.transaction() as conn:
        await register(conn, actor, now)
        return await owned_goal(conn, actor, number)


@dataclass(frozen=True)
class AbandonOutcome:
    """What a press on the abandon confirmation did."""

    goal: Goal | None
    result: AbandonResult


async def answer_abandon(
    work: UnitOfWork, chat_id: int, user_id: int, goal_id: int, confirm: bool, now: datetime
) -> AbandonOutcome:
    """Apply a press on the abandon confirmation, if it is the owner's; a goal of another
    chat is not found (never named)."""
    async with work.transaction() as conn:
        goal = await goals.goal_by_id(conn, goal_id)
        if goal is None or goal.chat_id != chat_id:
            return AbandonOutcome(None, AbandonResult.GONE)
        if goal.owner.user_id != user_id:
            return AbandonOutcome(goal, AbandonResult.NOT_OWNER)
        if not goal.is_active:
            return AbandonOutcome(goal, AbandonResult.NOT_ACTIVE)
        if not confirm:
            return AbandonOutcome(goal, AbandonResult.KEPT)
        goal = await goals.set_status(conn, goal, GoalStatus.ABANDONED, now)
    return AbandonOutcome(goal, AbandonResult.ABANDONED)


async def check_deadline(work: UnitOfWork, actor: Actor, text: str, now: datetime) -> date:
    """Read a deadline the way /goal would, in the actor's chat (for the guided /goal)."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        zone = await acting_zone(conn, actor, chat)
    return resolve_goal_deadline(text, now, zone, chat.language)
