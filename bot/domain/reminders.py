"""Which deadline reminders and overdue nudges a goal is owed today."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.models import Goal, Milestone


class ReminderKind(StrEnum):
    """Before a deadline, or after it passed."""

    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Reminder:
    """One reminder for a milestone (or, for overdue nudges, a whole goal)."""

    chat_id: int
    goal: Goal
    milestone: Milestone | None
    kind: ReminderKind
    due: date

    @property
    def key(self) -> tuple[int, int, str, date]:
        """What makes it unique: goal, milestone (0 for the goal), kind and due date."""
        return (self.goal.id, self.milestone.id if self.milestone else 0, self.kind.value, self.due)


def owed(
    goal: Goal,
    today: date,
    lead_days: int,
    tz: str,
    moved: Mapping[tuple[int, int], datetime] | None = None,
) -> list[Reminder]:
    """Reminders for open milestones and the goal's deadline within the lead time; nudges for
    anything past due. Nothing is reminded on the day it was set or its date last moved (by
    goal and milestone id, 0 for the goal, in `moved`): the reply gave the date."""
    if not goal.is_active:
        return []
    zone = ZoneInfo(tz)
    moved = moved or {}

    def set_today(milestone: Milestone | None, created: datetime) -> bool:
        last = moved.get((goal.id, milestone.id if milestone else 0), created)
        return max(created, last).astimezone(zone).date() == today

    found = []
    for milestone in goal.milestones:
        if milestone.is_done:
            continue
        if today > milestone.due_date:
            kind = ReminderKind.OVERDUE
        elif today >= milestone.due_date - timedelta(days=lead_days):
            if set_today(milestone, milestone.created_at):
                continue
            kind = ReminderKind.DUE_SOON
        else:
            continue
        found.append(Reminder(goal.chat_id, goal, milestone, kind, milestone.due_date))
    # An open milestone due on the deadline has its own reminder: one is enough.
    milestone_then = any(not m.is_done and m.due_date == goal.deadline for m in goal.milestones)
    if today > goal.deadline:
        found.append(Reminder(goal.chat_id, goal, None, ReminderKind.OVERDUE, goal.deadline))
    elif (
        today >= goal.deadline - timedelta(days=lead_days)
        and not set_today(None, goal.created_at)
        and not milestone_then
    ):
        found.append(Reminder(goal.chat_id, goal, None, ReminderKind.DUE_SOON, goal.deadline))
    return found
