"""Progress and pace: how far a goal is, how far it should be, and what that means."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.models import Goal, GoalStatus

BEHIND_TOLERANCE = 0.05
AT_RISK_FACTOR = 2.0


class PaceStatus(StrEnum):
    """How a goal is doing against its deadline."""

    DONE = "done"
    ON_TRACK = "on track"
    BEHIND = "behind pace"
    AT_RISK = "at risk"
    OVERDUE = "overdue"
    ABANDONED = "abandoned"
    UNMEASURED = "unmeasured"


@dataclass(frozen=True)
class Pace:
    """Actual against expected progress, both as fractions from 0 to 1."""

    actual: float
    expected: float
    status: PaceStatus

    @property
    def percent(self) -> int:
        """Actual progress as a whole percentage."""
        return round(self.actual * 100)


def actual_fraction(goal: Goal) -> float:
    """Progress so far: the target when there is one, else the milestones."""
    if goal.status is GoalStatus.COMPLETED:
        return 1.0
    if goal.target is not None:
        return goal.target_fraction
    if goal.milestones:
        return goal.done_milestones / len(goal.milestones)
    return 0.0


def expected_fraction(goal: Goal, today: date) -> float:
    """Where the goal should be today: milestone-weighted, or linear for targets."""
    if goal.milestones and goal.target is None:
        # A milestone counts as expected once its day is over.
        due = sum(1 for m in goal.milestones if m.due_date < today)
        return due / len(goal.milestones)
    start = goal.start_day
    window = (goal.deadline - start).days
    if window <= 0:
        return 1.0
    return max(0.0, min((today - start).days / window, 1.0))


def pace(goal: Goal, today: date) -> Pace:
    """The goal's pace status today."""
    actual = actual_fraction(goal)
    expected = expected_fraction(goal, today)
    if goal.status is GoalStatus.COMPLETED:
        return Pace(1.0, expected, PaceStatus.DONE)
    if goal.status is GoalStatus.ABANDONED:
        return Pace(actual, expected, PaceStatus.ABANDONED)
    if today > goal.deadline:
        return Pace(actual, expected, PaceStatus.OVERDUE)
    if goal.target is None and not goal.milestones:
        return Pace(actual, expected, PaceStatus.UNMEASURED)
    if actual + BEHIND_TOLERANCE >= expected:
        return Pace(actual, expected, PaceStatus.ON_TRACK)
    days_left = (goal.deadline - today).days + 1
    window = max((goal.deadline - goal.start_day).days, 1)
    needed_rate = (1.0 - actual) / days_left
    planned_rate = 1.0 / window
    if needed_rate > AT_RISK_FACTOR * planned_rate:
        return Pace(actual, expected, PaceStatus.AT_RISK)
    return Pace(actual, expected, PaceStatus.BEHIND)
