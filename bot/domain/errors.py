"""Problems a user can fix: each carries what the reply needs to explain it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class UserError(Exception):
    """Base class for refusals a user can act on."""


@dataclass
class Usage(UserError):
    """The command's arguments do not have the right shape."""

    problem: str


@dataclass
class DateUnreadable(UserError):
    """A date phrase that could not be understood."""

    text: str


@dataclass
class DateTooSoon(UserError):
    """A date that is in the past (or today where tomorrow is the earliest allowed)."""

    when: date
    earliest: date
    today: date


@dataclass
class DateTooLate(UserError):
    """A milestone date past its goal's deadline, or a goal deadline before its milestones."""

    when: date
    limit: date
    what: str
    today: date
    milestone_number: int | None = None


@dataclass
class GoalNotFound(UserError):
    """No goal with that number in this chat."""

    number: int
    # In a private chat: whether it is one, and the groups where the member has a goal so numbered.
    private: bool = False
    elsewhere: tuple[str, ...] = ()


@dataclass
class MilestoneNotFound(UserError):
    """No milestone with that number on the goal."""

    goal_number: int
    number: int
    existing: tuple[int, ...]
    # In a private chat: the groups where the member has a goal with the same number.
    elsewhere: tuple[str, ...] = ()


@dataclass
class NotOwner(UserError):
    """Only the goal's owner may change it."""

    goal_number: int
    owner_name: str


@dataclass
class GoalNotActive(UserError):
    """The goal was already completed or abandoned."""

    goal_number: int
    status: str


@dataclass
class AlreadyDue(UserError):
    """/reschedule to the date it is already due: nothing to move."""

    ref: str  # "7" for a goal, "7.2" for a milestone
    when: date
    today: date


@dataclass
class GoalStillActive(UserError):
    """/reopen on a goal that was never achieved or dropped."""

    goal_number: int


@dataclass
class NoTarget(UserError):
    """Progress values need a numeric target."""

    goal_number: int


@dataclass
class AlreadySet(UserError):
    """The same goal or milestone again, with the same title and date: most likely sent twice."""

    ref: str  # "6" for a goal, "6.2" for a milestone
    title: str
    due: date
    today: date
    # The target this attempt gave, if any, so the reply can offer to set it on the goal.
    target: float | None = None
    unit: str = ""
    baseline: float | None = None


@dataclass
class PastTargetAtOnce(UserError):
    """A first value already past the target: maybe a target to get down to, without 'from'."""

    goal_number: int
    value: float
    target: float
    unit: str
    has_baseline: bool = False


@dataclass
class MilestoneStillOpen(UserError):
    """/reopen on a milestone that was never completed."""

    goal_number: int
    number: int


@dataclass
class UnitMismatch(UserError):
    """Progress given in another unit than the goal counts in ('+10 miles' on a km goal)."""

    goal_number: int
    unit: str
    given: str
    amount: float
    relative: bool


@dataclass
class MilestoneAlreadyDone(UserError):
    """The milestone was completed; its date no longer moves."""

    goal_number: int
    number: int


@dataclass
class UnknownTimezone(UserError):
    """Not an IANA time zone name."""

    name: str
    suggestions: tuple[str, ...] = ()


@dataclass
class NotAdmin(UserError):
    """Group settings are for the chat's administrators."""


@dataclass
class UnknownMember(UserError):
    """An @username the bot has not seen."""

    username: str


@dataclass
class PartnerProblem(UserError):
    """A partner request that cannot go ahead: 'self', 'you_have', 'they_have', 'none'."""

    problem: str
    other: str = ""


@dataclass
class NotMentor(UserError):
    """Only the chat's mentors give feedback."""


class NotMentoring(UserError):
    """/digest from someone who mentors no group."""


@dataclass
class AdminCheckFailed(UserError):
    """Telegram could not be asked who the admins are."""


@dataclass
class NotPaused(UserError):
    """/resume without a pause."""


@dataclass
class NothingToChart(UserError):
    """A goal with neither a target nor milestones has no progress to draw."""

    goal_number: int
