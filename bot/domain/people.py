"""What mentors and journals show: plain data built by the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from bot.domain.habit_history import StrengthChange
from bot.domain.models import Chat, Goal, Member
from bot.domain.pace import Pace


class JournalKind(StrEnum):
    """Who wrote a journal line, and why; the value is what the journal table keeps."""

    ENTRY = "entry"  # the goal's owner, with /journal
    FEEDBACK = "feedback"  # a mentor, with /feedback
    REFLECTION = "reflection"  # the owner, with /reflect (kept with the check-ins)
    PROGRESS = "progress"  # the owner's note on a progress entry (kept with the entry)


@dataclass(frozen=True)
class JournalLine:
    """One dated line in a goal's journal: an entry, feedback, or a reflection."""

    kind: JournalKind
    text: str
    author: str
    at: datetime
    value: float | None = None  # the progress entry a note was written with


@dataclass(frozen=True)
class MemberDigest:
    """One member, as a mentor sees them."""

    member: Member
    goals: list[tuple[Goal, Pace]]
    missed_checkins: int
    overdue: list[str]
    away_until: date | None
    away: bool
    recent_checkins: int  # how many of the last few ended check-ins count for them
    # Goals whose dates (its own or its milestones') moved twice or more in the last 30 days.
    moved_lately: dict[int, int] = field(default_factory=dict)
    # Running habits: strength now, and at the last digest (or a week ago, with none before).
    habits: list[StrengthChange] = field(default_factory=list)


@dataclass(frozen=True)
class Digest:
    """The weekly digest for a chat's mentors."""

    chat: Chat
    today: date
    mentors: list[tuple[Member, bool]]  # (mentor, can get a direct message)
    members: list[MemberDigest]
    last_digest: date | None = None  # the day the one before went out; None: this is the first


class InviteStatus(StrEnum):
    """Where a partner invitation stands, as the invitations table keeps it."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # one of the two found another partner first


class InviteResult(StrEnum):
    """What a press on a partner invitation's Accept / Decline did."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    NOT_INVITEE = "not_invitee"  # someone else pressed: only the invitee answers
    STALE = "stale"  # answered already, withdrawn, or one of them found another partner


class NoticeKind(StrEnum):
    """What a partner is told about; the value is kept with each notice so it goes out once."""

    MISSED_CHECKIN = "missed_checkin"
    OVERDUE = "overdue"
    COMPLETED = "completed"
    STREAK_BROKEN = "streak_broken"


@dataclass(frozen=True)
class PartnerStatus:
    """The member's partner here, and partner invitations still waiting either way."""

    partner: Member | None
    invited: tuple[Member, ...] = ()  # whom the member invited
    invited_by: tuple[Member, ...] = ()  # who invited the member
