"""What the scheduled check-in prompt and the monthly and quarterly reviews show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.checkins import CheckinStatus
from bot.domain.dates import local_today
from bot.domain.models import Chat, Goal, GoalStatus, Member
from bot.domain.pace import PaceStatus, pace
from bot.storage import chats, checkins, goals
from bot.storage.work import UnitOfWork

NEEDS_ATTENTION = (PaceStatus.BEHIND, PaceStatus.AT_RISK, PaceStatus.OVERDUE)


@dataclass(frozen=True)
class PromptContent:
    """A check-in prompt: the chat and who already checked in for the period."""

    chat: Chat
    roll: list[tuple[Member, CheckinStatus]]


async def checkin_prompt(work: UnitOfWork, chat_id: int, period: str) -> PromptContent:
    """Content for a check-in prompt."""
    async with work.reading() as conn:
        chat = await chats.get_chat(conn, chat_id)
        assert chat is not None
        return PromptContent(chat, await checkins.for_period(conn, chat_id, period))


@dataclass(frozen=True)
class ReviewContent:
    """A review: the chat's active goals, and which of them need attention."""

    chat: Chat
    today: date
    goals: list[Goal]
    behind: list[Goal]


async def review(work: UnitOfWork, chat_id: int, now: datetime) -> ReviewContent:
    """Content for the monthly or quarterly review."""
    async with work.reading() as conn:
        chat = await chats.get_chat(conn, chat_id)
        assert chat is not None
        active = await goals.goals_in_chat(conn, chat_id, statuses=(GoalStatus.ACTIVE,))
    today = local_today(now, chat.timezone)
    behind = [g for g in active if pace(g, today).status in NEEDS_ATTENTION]
    return ReviewContent(chat, today, active, behind)
