"""Problems a user can fix: each carries what the reply needs to explain it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.domain.models import GoalStatus

if TYPE_CHECKING:  # commands raises these errors, so it is imported only for the types
    from bot.domain.commands import Ref


class UserError(Exception):
    """Base class for refusals a user can act on."""


class UsageProblem(StrEnum):
    """What is wrong with the shape of a command's arguments."""

    NO_DEADLINE = "no_deadline"
    EMPTY_TITLE = "empty_title"
    LONG_TITLE = "long_title"
    BAD_TARGET = "bad_target"
    TWO_TARGETS = "two_targets"
    BAD_BASELINE = "bad_baseline"
    BASELINE_IS_TARGET = "baseline_is_target"
    NO_GOAL_NUMBER = "no_goal_number"
    BAD_REF = "bad_ref"
    GOAL_NOT_MILESTONE = "goal_not_milestone"
    NO_REF = "no_ref"
    EXTRA = "extra"
    NO_VALUE = "no_value"
    NEGATIVE_VALUE = "negative_value"
    BAD_VALUE = "bad_value"
    BARE_K = "bare_k"
    EMPTY_WHY = "empty_why"
    LONG_WHY = "long_why"
    NO_DATE = "no_date"
    LONG_REASON = "long_reason"
    BAD_ARGS = "bad_args"
    BAD_TIME = "bad_time"
    BAD_DAYS = "bad_days"
    BAD_SCHEDULE = "bad_schedule"
    BAD_SCHEDULE_OFF = "bad_schedule_off"
    BAD_SCHEDULE_CHECKIN = "bad_schedule_checkin"
    BAD_SCHEDULE_SUMMARY = "bad_schedule_summary"
    BAD_DAY_OF_MONTH = "bad_day_of_month"
    BAD_SCHEDULE_REVIEW = "bad_schedule_review"
    BAD_LEAD_DAYS = "bad_lead_days"
    BAD_SCHEDULE_REMINDERS = "bad_schedule_reminders"
    REMINDER_TIME_FIXED = "reminder_time_fixed"
    BAD_SCHEDULE_HABITS = "bad_schedule_habits"
    BAD_SCHEDULE_HERE = "bad_schedule_here"
    BAD_CHECKIN = "bad_checkin"
    LONG_NOTE = "long_note"
    EMPTY_REFLECTION = "empty_reflection"
    LONG_REFLECTION = "long_reflection"
    BAD_PARTNER = "bad_partner"
    BAD_MENTOR = "bad_mentor"
    BAD_UNMENTOR = "bad_unmentor"
    BAD_FEEDBACK = "bad_feedback"
    EMPTY_FEEDBACK = "empty_feedback"
    EMPTY_JOURNAL = "empty_journal"
    LONG_JOURNAL = "long_journal"
    BAD_PAUSE = "bad_pause"
    BAD_PERIOD = "bad_period"
    BAD_TIMELINE = "bad_timeline"
    BAD_CALENDAR = "bad_calendar"
    NO_NEW_TITLE = "no_new_title"
    DELETE_GOAL = "delete_goal"
    NO_FREQUENCY = "no_frequency"
    BAD_HABIT_AMOUNT = "bad_habit_amount"
    DID_TOO_FAR_BACK = "did_too_far_back"
    NEGATIVE_DID = "negative_did"


@dataclass
class Usage(UserError):
    """The command's arguments do not have the right shape."""

    problem: UsageProblem


@dataclass
class DateUnreadable(UserError):
    """A date phrase that could not be understood."""

    text: str
    no_such_day: bool = False  # written as a date ('31.02.'), but no day on the calendar


@dataclass
class DateTooSoon(UserError):
    """A date that is in the past (or today where tomorrow is the earliest allowed)."""

    when: date
    earliest: date
    today: date


@dataclass
class DateTooLate(UserError):
    """A date past the latest one allowed; each case below says which limit it broke."""

    when: date
    limit: date
    today: date


@dataclass
class MilestoneAfterGoal(DateTooLate):
    """A milestone date past its goal's deadline (limit)."""


@dataclass
class GoalBeforeMilestones(DateTooLate):
    """A goal deadline (limit) before one of its milestones, due `when`."""

    milestone_number: int


@dataclass
class BeyondHorizon(DateTooLate):
    """A date further ahead than the bot plans (limit: the last day it accepts)."""


@dataclass
class PauseTooFarAhead(DateTooLate):
    """A break starting later than can be planned (limit)."""


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
    # An achieved or dropped goal takes no new milestone until it is reopened.
    goal_active: bool = True


@dataclass
class MilestoneRemoved(UserError):
    """The milestone with that number was removed (/delete): nothing brings it back."""

    goal_number: int
    number: int
    title: str


@dataclass
class NotOwner(UserError):
    """Only the goal's owner may change it."""

    goal_number: int
    owner_name: str


@dataclass
class GoalNotActive(UserError):
    """The goal was already completed or abandoned."""

    goal_number: int
    status: GoalStatus


@dataclass
class AlreadyDue(UserError):
    """/reschedule to the date it is already due: nothing to move."""

    ref: Ref
    when: date
    today: date


@dataclass
class AlreadyNamed(UserError):
    """/rename to the title it already has: nothing to change."""

    ref: Ref
    title: str


@dataclass
class GoalStillActive(UserError):
    """/reopen on a goal that was never achieved or dropped."""

    goal_number: int


@dataclass
class NothingToUndo(UserError):
    """/undo on a goal with no progress entry to take back."""

    goal_number: int


@dataclass
class NoTarget(UserError):
    """Progress values need a numeric target."""

    goal_number: int


@dataclass
class AlreadySet(UserError):
    """The same goal or milestone again, with the same title and date: most likely sent twice."""

    ref: Ref
    title: str
    due: date
    today: date
    # The target this attempt gave, if any, so the reply can offer to set it on the goal.
    target: float | None = None
    unit: str = ""
    baseline: float | None = None


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
class NoTopics(UserError):
    """/schedule here in a chat without forum topics: there is no topic to choose."""


@dataclass
class UnknownMember(UserError):
    """An @username the bot has not seen."""

    username: str


class PartnerProblem(UserError):
    """A partner request that cannot go ahead; each case below says why."""


@dataclass
class PartnerIsSelf(PartnerProblem):
    """/partner naming the sender."""


@dataclass
class AlreadyPartnered(PartnerProblem):
    """The sender has a partner here already."""

    partner_name: str


@dataclass
class PartnerTaken(PartnerProblem):
    """The invitee has a partner here already."""

    invitee_name: str


@dataclass
class NoPartner(PartnerProblem):
    """/unpartner without a partner."""


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


class ChoiceAnswered(UserError):
    """A press on a question that was answered already."""


@dataclass
class ReadsTwoWays(UserError):
    """A number typed where no buttons can be offered that reads two ways ('1.500 €')."""

    typed: str
    readings: tuple[float, ...]
    unit: str


@dataclass
class AmountReadsTwoWays(UserError):
    """A habit's amount written with one separator that may group thousands ("1,500")."""

    text: str
    readings: tuple[float, ...]


@dataclass
class IsAHabit(UserError):
    """A number that names a habit where a goal was meant (or /did on a habit's number)."""

    number: int
    title: str


@dataclass
class NotAHabit(UserError):
    """/did on a number that names a goal, not a habit."""

    number: int


@dataclass
class HabitNotFound(UserError):
    """No habit with this number in the chat."""

    number: int


@dataclass
class HabitNotActive(UserError):
    """The habit has ended or was stopped."""

    number: int
    title: str


@dataclass
class NotHabitOwner(UserError):
    """Someone else's habit."""

    number: int
    owner_name: str


@dataclass
class AlreadyDoneToday(UserError):
    """The day already counts as much as it can for this habit."""

    number: int
    title: str
    yesterday: bool
    times: int


@dataclass
class HabitNotStarted(UserError):
    """/did yesterday on a habit set today: it was not running yet."""

    number: int


@dataclass
class NothingToTakeBack(UserError):
    """/undo on a habit with no entry today or yesterday."""

    number: int


class DatabaseGone(Exception):
    """Not a user's problem: the database file was deleted or replaced while the bot ran, so
    nothing more is read from or written to the file the bot still holds (the bot stops)."""

    def __init__(self, path: str, how: str) -> None:
        super().__init__(f"the database file {path} was {how} while the bot ran")
        self.path, self.how = path, how


class HandledElsewhere(Exception):
    """Not a user's problem: another process of the bot handled this update first (Telegram
    delivered it again, to another replica, after a timeout). Nothing of it is done twice:
    what this process did is rolled back, and it says nothing."""

    def __init__(self, update_id: int) -> None:
        super().__init__(f"update {update_id} was handled by another process of the bot")
        self.update_id = update_id


@dataclass
class HabitUnitMismatch(UserError):
    """/did with an amount in another unit than the habit's ("3 miles" on a habit in km)."""

    number: int
    typed: str
    unit: str


@dataclass
class HabitAlreadySet(UserError):
    """The same habit (title and how often) is already running for this member here."""

    number: int
    title: str
