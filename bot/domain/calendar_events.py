"""How far along its changes a goal's or milestone's calendar event is, so a re-imported file
updates the copy a calendar app already holds.

Calendar apps match an imported event to the one they hold by its UID, and tell which copy is
newer by SEQUENCE, then by DTSTAMP or LAST-MODIFIED. RFC 5545 wants SEQUENCE to start at 0 and
grow with every change of the date or the status (other changes may grow it too). It is summed
here from counts that can only grow, so it never goes back: the moves of the date in the
deadline history, the goal's status changes (achieved, dropped, reopened; a reopened goal must
not fall back to an old number, hence a count, not the status), and, for a milestone, its own
(done, reopened), and the renames (the SUMMARY shows the title). A milestone adds its goal's
status changes: one left open goes out cancelled when its goal ends, and comes back when the
goal is reopened. A removed milestone counts its removal once: it goes out cancelled for
good. The owner's first name in a SUMMARY follows Telegram and is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.habits import HabitGoal
from bot.domain.models import Goal, Milestone


@dataclass(frozen=True)
class Changes:
    """How many times one thing about a goal or a milestone (its date, its title) changed,
    and when it last did."""

    count: int
    last: datetime


@dataclass(frozen=True)
class Revision:
    """An event's SEQUENCE, and when what it shows last changed (its LAST-MODIFIED)."""

    sequence: int
    modified: datetime


def _count(changes: Changes | None) -> int:
    return changes.count if changes else 0


def _last(changes: Changes | None) -> datetime | None:
    return changes.last if changes else None


def goal_revision(goal: Goal, moves: Changes | None, renames: Changes | None = None) -> Revision:
    """The revision of a goal's deadline event."""
    times = [goal.created_at, goal.status_changed_at, _last(moves), _last(renames)]
    return Revision(
        _count(moves) + _count(renames) + goal.status_changes,
        max(t for t in times if t is not None),
    )


def milestone_revision(
    goal: Goal, milestone: Milestone, moves: Changes | None, renames: Changes | None = None
) -> Revision:
    """The revision of a milestone's event, which also shows whether its goal ended."""
    times = [
        milestone.created_at,
        milestone.status_changed_at,
        goal.status_changed_at,
        _last(moves),
        _last(renames),
        milestone.removed_at,
    ]
    removed = 1 if milestone.removed_at else 0
    return Revision(
        _count(moves) + _count(renames) + milestone.status_changes + goal.status_changes + removed,
        max(t for t in times if t is not None),
    )


def habit_revision(habit: HabitGoal) -> Revision:
    """The revision of a habit's recurring event: it changes once, when the habit is stopped
    or ends (its rule gains an end then)."""
    times = [habit.created_at, habit.ended_at]
    return Revision(0 if habit.is_active else 1, max(t for t in times if t is not None))
