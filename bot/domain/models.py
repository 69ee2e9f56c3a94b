"""Data classes for the things the product talks about."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from bot.domain.languages import Lang


class GoalStatus(StrEnum):
    """Where a goal stands."""

    ACTIVE = "active"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class AbandonResult(StrEnum):
    """What a press on the abandon confirmation did."""

    ABANDONED = "abandoned"
    KEPT = "kept"
    NOT_OWNER = "not_owner"
    NOT_ACTIVE = "not_active"
    GONE = "gone"  # the goal was deleted


class RemoveResult(StrEnum):
    """What a press on the /delete confirmation did."""

    REMOVED = "removed"
    KEPT = "kept"
    NOT_OWNER = "not_owner"
    ALREADY_REMOVED = "already_removed"
    GONE = "gone"  # the goal was deleted


@dataclass(frozen=True)
class Chat:
    """A Telegram chat the bot works in: a group, or a private chat for personal goals."""

    chat_id: int
    type: str
    title: str | None
    timezone: str
    registered_at: datetime
    language: Lang = Lang.EN

    @property
    def is_private(self) -> bool:
        """True for a one-to-one chat with the bot."""
        return self.type == "private"


@dataclass(frozen=True)
class Member:
    """A Telegram user the bot has seen; with their own time zone where it was read along
    (None: not set, or not read: each chat's zone applies)."""

    user_id: int
    first_name: str
    username: str | None = None
    timezone: str | None = field(default=None, compare=False)

    def zone_in(self, chat_zone: str) -> str:
        """The zone this member's days and typed dates are read in, in a chat with this zone."""
        return self.timezone or chat_zone


@dataclass(frozen=True)
class Milestone:
    """A checkpoint on the way to a goal, measured by completion."""

    id: int
    goal_id: int
    number: int
    title: str
    due_date: date
    created_at: datetime
    completed_at: datetime | None = None
    # How many times it was done or reopened, and when it last was.
    status_changes: int = 0
    status_changed_at: datetime | None = None
    # When its owner removed it (/delete); a removed milestone is kept apart from the goal's.
    removed_at: datetime | None = None

    @property
    def is_done(self) -> bool:
        """True once the milestone was completed."""
        return self.completed_at is not None


@dataclass(frozen=True)
class Goal:
    """A destination with a deadline, optionally a numeric target, and milestones."""

    id: int
    chat_id: int
    number: int
    owner: Member
    title: str
    deadline: date
    status: GoalStatus
    created_at: datetime
    why: str | None = None
    target: float | None = None
    unit: str = ""
    current: float = 0.0
    completed_at: datetime | None = None
    abandoned_at: datetime | None = None
    milestones: tuple[Milestone, ...] = field(default=())
    # Milestones its owner removed: they count for nothing, only history and calendars show them.
    removed_milestones: tuple[Milestone, ...] = field(default=())
    # The day it was set in the chat's time zone (storage knows the zone); None: the UTC day.
    started_on: date | None = None
    # How many times it was achieved, dropped or reopened, and when it last was.
    status_changes: int = 0
    status_changed_at: datetime | None = None
    # Where a target is measured from ("target 75 kg from 80"); None: from 0. A baseline
    # above the target makes a goal that goes down, reached at or below the target.
    baseline: float | None = None

    @property
    def start_day(self) -> date:
        """The calendar day the goal was set, where its chat is."""
        return self.started_on or self.created_at.date()

    @property
    def is_active(self) -> bool:
        """True while the goal can still be worked on."""
        return self.status is GoalStatus.ACTIVE

    def same_milestone(self, title: str, due: date) -> Milestone | None:
        """A milestone with this title (any case) and date already, if there is one."""
        wanted = title.casefold()
        return next(
            (m for m in self.milestones if m.due_date == due and m.title.casefold() == wanted),
            None,
        )

    def milestone(self, number: int) -> Milestone | None:
        """The milestone with this number, if there is one (and it was not removed)."""
        return next((m for m in self.milestones if m.number == number), None)

    def removed_milestone(self, number: int) -> Milestone | None:
        """The removed milestone with this number, if that is what became of it."""
        return next((m for m in self.removed_milestones if m.number == number), None)

    @property
    def done_milestones(self) -> int:
        """How many milestones are completed."""
        return sum(1 for m in self.milestones if m.is_done)

    @property
    def start_value(self) -> float:
        """Where the target is measured from: the baseline, or 0."""
        return self.baseline or 0.0

    @property
    def goes_down(self) -> bool:
        """True for a target below where it started: a weight to lose, a time to cut."""
        return self.target is not None and self.start_value > self.target

    def reaches_target(self, value: float) -> bool:
        """Would this value reach the target (at or past it, in the goal's direction)?"""
        if self.target is None:
            return False
        return value <= self.target if self.goes_down else value >= self.target

    @property
    def target_fraction(self) -> float:
        """How far the current value is from the baseline to the target, from 0 to 1."""
        if self.target is None:
            return 0.0
        start = self.start_value
        if self.target == start:
            return 1.0
        return max(0.0, min((self.current - start) / (self.target - start), 1.0))

    @property
    def has_work_left(self) -> bool:
        """True while a milestone is open or a numeric target is not reached yet."""
        target_left = self.target is not None and not self.reaches_target(self.current)
        return target_left or self.done_milestones < len(self.milestones)

    def next_milestone(self) -> Milestone | None:
        """The open milestone due soonest."""
        open_ones = [m for m in self.milestones if not m.is_done]
        return min(open_ones, key=lambda m: (m.due_date, m.number)) if open_ones else None


@dataclass(frozen=True)
class DeadlineChange:
    """One move of a goal's or milestone's deadline."""

    goal_id: int
    milestone_id: int | None
    old_date: date
    new_date: date
    reason: str | None
    changed_at: datetime


@dataclass(frozen=True)
class TitleChange:
    """One rename of a goal or a milestone (milestone_id None: the goal itself)."""

    goal_id: int
    milestone_id: int | None
    old_title: str
    new_title: str
    changed_at: datetime


@dataclass(frozen=True)
class GoalHistory:
    """What changed about a goal and its milestones after they were set, oldest first."""

    renames: tuple[TitleChange, ...] = ()
    moves: tuple[DeadlineChange, ...] = ()
