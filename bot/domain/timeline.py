"""What the pictures show: the group's goals on a timeline, and one goal's progress over time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.models import Goal, GoalStatus, Member
from bot.domain.pace import PaceStatus, pace

MAX_ROWS = 40


class MarkerState(StrEnum):
    """A milestone on the timeline: told apart by shape, not only colour."""

    DONE = "done"
    UPCOMING = "upcoming"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Marker:
    """A milestone at its due date, or at the day it was done."""

    when: date
    state: MarkerState
    label: str


@dataclass(frozen=True)
class TimelineRow:
    """One goal: a bar from the day it was set to its deadline, with its milestones."""

    goal_number: int
    title: str
    member: Member
    start: date
    end: date
    status: PaceStatus
    percent: int
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class Timeline:
    """The chat's active goals grouped by member, and how many did not fit."""

    rows: tuple[TimelineRow, ...]
    today: date
    left_out: int


def _local(moment: datetime, tz: str) -> date:
    return moment.astimezone(ZoneInfo(tz)).date()


def build_timeline(
    goals: list[Goal], today: date, tz: str, member_id: int | None = None
) -> Timeline:
    """Rows for active goals (one member's, or everyone's), grouped by member, at most 40."""
    active = [g for g in goals if g.status is GoalStatus.ACTIVE]
    if member_id is not None:
        active = [g for g in active if g.owner.user_id == member_id]
    order = {uid: n for n, uid in enumerate(dict.fromkeys(g.owner.user_id for g in active))}
    active.sort(key=lambda g: (order[g.owner.user_id], g.deadline, g.number))
    rows = []
    for goal in active[:MAX_ROWS]:
        markers = []
        for m in goal.milestones:
            when = m.due_date
            if m.completed_at is not None:  # a done milestone sits on the day it was done
                state, when = MarkerState.DONE, _local(m.completed_at, tz)
            elif m.due_date < today:
                state = MarkerState.OVERDUE
            else:
                state = MarkerState.UPCOMING
            markers.append(Marker(when, state, f"{goal.number}.{m.number}"))
        p = pace(goal, today)
        rows.append(
            TimelineRow(
                goal.number,
                goal.title,
                goal.owner,
                _local(goal.created_at, tz),
                goal.deadline,
                p.status,
                p.percent,
                tuple(markers),
            )
        )
    return Timeline(tuple(rows), today, max(0, len(active) - MAX_ROWS))


@dataclass(frozen=True)
class ProgressSeries:
    """A goal's progress over time against the straight line it needs."""

    goal: Goal
    points: tuple[tuple[date, float], ...]  # actual, as amounts (or completed milestones)
    # Where pace says the goal should be: a straight line from (start, baseline or 0) to
    # (deadline, target); for milestones, a step the day after each one is due (as pace counts them).
    expected: tuple[tuple[date, float], ...]
    target: float
    unit: str
    today: date
    stepped: bool = False


def build_progress(
    goal: Goal, history: list[tuple[datetime, float]], today: date, tz: str
) -> ProgressSeries:
    """The goal's progress steps: logged values for a target, completed milestones otherwise."""
    start = goal.start_day
    expected: list[tuple[date, float]] = [(start, 0.0)]
    if goal.target is not None:
        target, unit = goal.target, goal.unit
        base = goal.start_value
        expected = [(start, base), (goal.deadline, target)]
        points = [(start, base)] + [(_local(at, tz), value) for at, value in history]
    else:
        target, unit = float(max(len(goal.milestones), 1)), "milestones"
        done = sorted(_local(m.completed_at, tz) for m in goal.milestones if m.completed_at)
        points = [(start, 0.0)] + [(day, float(n)) for n, day in enumerate(done, start=1)]
        dues = sorted(m.due_date + timedelta(days=1) for m in goal.milestones)
        expected += [(day, float(n)) for n, day in enumerate(dues, start=1)]
        expected.append((max(goal.deadline, expected[-1][0]), expected[-1][1]))
    end = min(today, goal.deadline) if goal.is_active else points[-1][0]
    if points[-1][0] < end:
        points.append((end, points[-1][1]))
    return ProgressSeries(
        goal,
        tuple(points),
        tuple(expected),
        target,
        unit,
        today,
        stepped=goal.target is None,
    )
