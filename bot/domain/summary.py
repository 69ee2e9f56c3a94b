"""The group's progress over a period, built from its goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.models import Goal, GoalStatus, Member, Milestone


@dataclass(frozen=True)
class MemberProgress:
    """One member's goals and recent wins."""

    member: Member
    goals: tuple[Goal, ...]
    recent_milestones: tuple[tuple[Goal, Milestone], ...]
    next_milestone: tuple[Goal, Milestone] | None


@dataclass(frozen=True)
class GroupProgress:
    """Everyone's progress since a moment, and the group's wins in that time."""

    since: datetime
    today: date
    members: tuple[MemberProgress, ...]
    milestones_won: int
    goals_won: int


def build(goals: list[Goal], since: datetime, today: date) -> GroupProgress:
    """Group the chat's goals by member; count milestones and goals completed since `since`."""
    shown = [
        g
        for g in goals
        if g.status is GoalStatus.ACTIVE
        or (g.status is GoalStatus.COMPLETED and g.completed_at and g.completed_at >= since)
    ]
    owners: dict[int, Member] = {}
    for goal in shown:
        owners.setdefault(goal.owner.user_id, goal.owner)
    members = []
    milestones_won = 0
    for user_id, member in owners.items():
        own = tuple(g for g in shown if g.owner.user_id == user_id)
        recent = tuple(
            (g, m)
            for g in own
            for m in g.milestones
            if m.completed_at is not None and m.completed_at >= since
        )
        upcoming = [(g, m) for g in own if g.is_active and (m := g.next_milestone()) is not None]
        upcoming.sort(key=lambda gm: (gm[1].due_date, gm[0].number))
        milestones_won += len(recent)
        members.append(MemberProgress(member, own, recent, upcoming[0] if upcoming else None))
    goals_won = sum(1 for g in shown if g.status is GoalStatus.COMPLETED)
    return GroupProgress(since, today, tuple(members), milestones_won, goals_won)
