"""Check-ins (by button or by /checkin), streaks, reflections and quarterly review answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import aiosqlite

from bot.domain import checkins as rules
from bot.domain.checkins import CheckinStatus
from bot.domain.dates import local_today
from bot.domain.models import Chat, Goal, GoalStatus, Member
from bot.domain.schedules import (
    Kind,
    Schedule,
    default_schedules,
    latest_occurrence,
    period_key,
    previous_occurrences,
)
from bot.services.common import Actor, register
from bot.storage import chats, checkins, goals, schedules
from bot.storage.database import Database

STREAK_LOOKBACK = 104  # periods: two years of weekly check-ins


def checkin_schedule(found: dict[Kind, Schedule], chat_id: int) -> Schedule:
    """The chat's check-in schedule (the default one if it has none)."""
    return (
        found.get(Kind.CHECKIN) or default_schedules(chat_id, datetime.min.replace(tzinfo=UTC))[0]
    )


def current_period(schedule: Schedule, now: datetime, tz: str) -> tuple[str, datetime | None]:
    """The check-in period now belongs to (the last prompt's date), and when it began."""
    began = latest_occurrence(schedule, now, tz, owed_only=False)
    if began is None:
        return local_today(now, tz).isoformat(), None
    return period_key(Kind.CHECKIN, began, tz), began


async def streaks_for(
    conn: aiosqlite.Connection, chat: Chat, schedule: Schedule, now: datetime
) -> tuple[str, dict[int, CheckinStatus], dict[int, int]]:
    """The current period, who checked in for it, and every member's streak."""
    period, began = current_period(schedule, now, chat.timezone)
    before = began or now
    earlier = [
        period_key(Kind.CHECKIN, moment, chat.timezone)
        for moment in previous_occurrences(schedule, before, chat.timezone, STREAK_LOOKBACK)
    ]
    oldest = earlier[-1] if earlier else period
    by_member = await checkins.periods_by_member(conn, chat.chat_id, oldest)
    now_in = {
        m.user_id: status for m, status in await checkins.for_period(conn, chat.chat_id, period)
    }
    streaks = {uid: rules.streak(period, earlier, periods) for uid, periods in by_member.items()}
    return period, now_in, streaks


@dataclass(frozen=True)
class CheckinResult:
    """A recorded check-in, the period's roll call, and the prompt message to update."""

    chat: Chat
    member: Member
    status: CheckinStatus
    period: str
    streak: int
    roll: list[tuple[Member, CheckinStatus]]
    prompt_message_id: int | None


async def check_in(
    db: Database,
    actor: Actor,
    status: CheckinStatus,
    note: str | None,
    now: datetime,
    period: str | None = None,
) -> CheckinResult:
    """Record the actor's check-in for the current period (or the prompt's, for a button)."""
    async with db.transaction() as conn:
        chat = await register(conn, actor, now)
        found = await schedules.for_chat(conn, chat.chat_id)
        schedule = checkin_schedule(found, chat.chat_id)
        if period is None:
            period, _ = current_period(schedule, now, chat.timezone)
        await checkins.record(conn, chat.chat_id, actor.user_id, period, status, note, now)
        _, _, streaks = await streaks_for(conn, chat, schedule, now)
        roll = await checkins.for_period(conn, chat.chat_id, period)
        prompt = await schedules.message_id(conn, chat.chat_id, Kind.CHECKIN, period)
    return CheckinResult(
        chat, actor.member, status, period, streaks.get(actor.user_id, 0), roll, prompt
    )


async def roll_call(db: Database, chat_id: int, period: str) -> list[tuple[Member, CheckinStatus]]:
    """Who checked in for a period (for drawing the prompt)."""
    async with db.reading() as conn:
        return await checkins.for_period(conn, chat_id, period)


async def reflect(db: Database, actor: Actor, text: str, now: datetime) -> Chat:
    """Store a member's reflection with today's date."""
    async with db.transaction() as conn:
        chat = await register(conn, actor, now)
        await checkins.add_reflection(conn, chat.chat_id, actor.user_id, text, now)
    return chat


@dataclass(frozen=True)
class ReviewState:
    """The goals in a quarterly review message and what their owners chose so far."""

    goals: list[Goal]
    answers: dict[int, str]
    result: str  # "recorded", "not_owner", "gone"
    today: date
    goal: Goal | None = None


async def answer_review(
    db: Database,
    user_id: int,
    goal_id: int,
    period: str,
    choice: str,
    goal_ids: list[int],
    now: datetime,
) -> ReviewState:
    """Keep, adjust or drop a goal in the quarterly review; only its owner decides."""
    async with db.transaction() as conn:
        goal = await goals.goal_by_id(conn, goal_id)
        result = "gone"
        if goal is not None and goal.owner.user_id != user_id:
            result = "not_owner"
        elif goal is not None:
            result = "recorded"
            await checkins.save_review_answer(conn, goal.id, period, choice, now)
            if choice == "drop" and goal.is_active:
                goal = await goals.set_status(conn, goal, GoalStatus.ABANDONED, now)
        shown = await goals.goals_by_ids(conn, goal_ids)
        answers = await checkins.review_answers(conn, period, goal_ids)
        chat = await chats.get_chat(conn, goal.chat_id) if goal else None
    today = local_today(now, chat.timezone if chat else "UTC")
    return ReviewState(shown, answers, result, today, goal)
