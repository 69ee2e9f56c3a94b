"""The group's progress over a period, built from its goals and check-ins."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.domain.checkins import CheckinStatus, expected
from bot.domain.dates import LocalClock, far_clock, local_today
from bot.domain.habits import HabitGoal, HabitStats
from bot.domain.models import Goal, GoalStatus, Member, Milestone

DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class MemberProgress:
    """One member's goals, recent wins and check-in."""

    member: Member
    goals: tuple[Goal, ...]
    recent_milestones: tuple[tuple[Goal, Milestone], ...]
    checkin: CheckinStatus | None = None
    streak: int = 0
    away: bool = False
    away_until: date | None = None
    asked: bool = False  # the current check-in is theirs to make (checkins.expected)
    habits: tuple[tuple[HabitGoal, HabitStats], ...] = ()  # running ones, as they stand today
    clock: LocalClock | None = None  # their own time, where it is far from the group's
    today: date | None = None  # their own today, where their zone is not the group's


@dataclass(frozen=True)
class DueItem:
    """A milestone (or a goal, when milestone is None) due soon."""

    goal: Goal
    milestone: Milestone | None
    due: date


@dataclass(frozen=True)
class GroupProgress:
    """Everyone's progress since a moment, and the group's wins in that time."""

    since: datetime
    today: date
    members: tuple[MemberProgress, ...]
    milestones_won: int
    goals_won: int
    due_soon: tuple[DueItem, ...] = ()
    checkins_on: bool = False
    checked_in: int = field(default=0)


def _due_soon(goals: list[Goal], today: date) -> tuple[DueItem, ...]:
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    items = []
    for goal in goals:
        if not goal.is_active:
            continue
        items += [
            DueItem(goal, m, m.due_date)
            for m in goal.milestones
            if not m.is_done and today <= m.due_date <= horizon
        ]
        if today <= goal.deadline <= horizon:
            items.append(DueItem(goal, None, goal.deadline))
    return tuple(sorted(items, key=lambda i: (i.due, i.goal.number)))


def clocks_of(found: Iterable[Member], group_zone: str, now: datetime) -> dict[int, LocalClock]:
    """The members' own clocks now, where they are far from the group's."""
    return {
        m.user_id: clock
        for m in found
        if (clock := far_clock(m.timezone, group_zone, now)) is not None
    }


def build(
    goals: list[Goal],
    since: datetime,
    today: date,
    *,
    checkins: Mapping[int, CheckinStatus] | None = None,
    streaks: Mapping[int, int] | None = None,
    members: list[Member] | None = None,
    checkins_on: bool = False,
    away: Mapping[int, date | None] | None = None,
    period_start: datetime | None = None,
    habits: Sequence[tuple[HabitGoal, HabitStats]] = (),
    now: datetime | None = None,
    zone: str = "UTC",
) -> GroupProgress:
    """Group the chat's goals by member; count milestones and goals completed since `since`.

    period_start is when the current check-in period's prompt went out: whoever had an active
    goal then is asked for a check-in (None: no prompt went out for it yet, so nobody is).
    now and zone (the group's): each member's own clock and today, where theirs differ.
    """
    checkins = checkins or {}
    streaks = streaks or {}
    away = away or {}
    shown = [
        g
        for g in goals
        if g.status is GoalStatus.ACTIVE
        or (g.status is GoalStatus.COMPLETED and g.completed_at and g.completed_at >= since)
    ]
    owners: dict[int, Member] = {}
    for goal in shown:
        owners.setdefault(goal.owner.user_id, goal.owner)
    for habit, _ in habits:
        owners.setdefault(habit.owner.user_id, habit.owner)
    for member in members or []:
        if member.user_id in checkins or member.user_id in away:
            owners.setdefault(member.user_id, member)
    entries = []
    milestones_won = 0
    for user_id, member in owners.items():
        own = tuple(g for g in shown if g.owner.user_id == user_id)
        recent = tuple(
            (g, m)
            for g in own
            for m in g.milestones
            if m.completed_at is not None and m.completed_at >= since
        )
        milestones_won += len(recent)
        entries.append(
            MemberProgress(
                member,
                own,
                recent,
                checkins.get(user_id),
                streaks.get(user_id, 0),
                user_id in away,
                away.get(user_id),
                period_start is not None
                and expected((g for g in goals if g.owner.user_id == user_id), period_start),
                tuple((h, st) for h, st in habits if h.owner.user_id == user_id),
                far_clock(member.timezone, zone, now) if now else None,
                local_today(now, member.timezone) if now and member.timezone else None,
            )
        )
    goals_won = sum(1 for g in shown if g.status is GoalStatus.COMPLETED)
    return GroupProgress(
        since,
        today,
        tuple(entries),
        milestones_won,
        goals_won,
        _due_soon(goals, today),
        checkins_on,
        len(checkins),
    )
