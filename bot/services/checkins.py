"""Check-ins (by button or by /checkin), streaks, reflections and quarterly review answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.domain import checkins as rules
from bot.domain.checkins import CheckinStatus, ReviewChoice, ReviewResult
from bot.domain.dates import local_today
from bot.domain.models import Chat, Goal, GoalStatus, Member
from bot.domain.pauses import Pause, period_was_paused
from bot.domain.schedules import (
    Kind,
    PeriodDays,
    Schedule,
    checkin_period_days,
    checkin_prompt_for,
    default_schedules,
    period_key,
    previous_occurrences,
)
from bot.services.common import Actor, acting_zone, register
from bot.storage import chats, checkins, goals, journal, people, schedules
from bot.storage.connection import Connection
from bot.storage.work import UnitOfWork

STREAK_LOOKBACK = 104  # periods: two years of weekly check-ins


def checkin_schedule(found: dict[Kind, Schedule], chat_id: int) -> Schedule:
    """The chat's check-in schedule (the default one if it has none)."""
    return (
        found.get(Kind.CHECKIN) or default_schedules(chat_id, datetime.min.replace(tzinfo=UTC))[0]
    )


def current_period(
    schedule: Schedule, now: datetime, tz: str, member_tz: str | None = None
) -> tuple[str, datetime | None]:
    """The check-in period now belongs to (its prompt's local date), and when its prompt fires:
    the last prompt's, or today's while it is still to come (see checkin_prompt_for; today in
    the member's own zone when given)."""
    began = checkin_prompt_for(schedule, now, tz, member_tz)
    if began is None:
        return local_today(now, tz).isoformat(), None
    return period_key(Kind.CHECKIN, began, tz), began


@dataclass(frozen=True)
class CheckinState:
    """The current period, who checked in for it, streaks, and who is away now."""

    period: str
    checked_in: dict[int, CheckinStatus]
    streaks: dict[int, int]
    away: dict[int, Pause]


def checkin_state(
    chat: Chat,
    schedule: Schedule,
    now: datetime,
    history: list[checkins.CheckinRow],
    pauses: list[Pause],
    prompts: Mapping[str, datetime],
    found: Sequence[Goal],
) -> CheckinState:
    """Check-ins and streaks. A period a member was away for, or was not asked about (no
    prompt went out for it, or they had no active goal when it did), neither extends nor
    breaks a streak. prompts: the chat's prompts that went out (period to when it was due),
    from its oldest check-in on (see streak_prompts_since); found: its goals, of any status."""
    period, began = current_period(schedule, now, chat.timezone)
    by_member: dict[int, set[str]] = {}
    now_in: dict[int, CheckinStatus] = {}
    for user_id, key, status in history:
        by_member.setdefault(user_id, set()).add(key)
        if key == period:
            now_in[user_id] = status
    # A streak cannot reach back past the oldest check-in: walk back no further.
    since = streak_prompts_since(history)
    first = date.fromisoformat(since) if since else None
    moments = previous_occurrences(
        schedule, began or now, chat.timezone, STREAK_LOOKBACK if first else 0, first
    )
    earlier = [period_key(Kind.CHECKIN, moment, chat.timezone) for moment in moments]
    away_now: dict[int, Pause] = {}
    streaks = {}
    # Each period runs from its prompt to the next one (the current one, until now); today's
    # prompt may still be to come.
    ends = [min(began, now) if began else now, *moments[:-1]][: len(moments)]
    for uid, periods in by_member.items():
        mine = [p for p in pauses if p.user_id == uid]
        paused = frozenset(
            key
            for key, start, end in zip(earlier, moments, ends, strict=True)
            if period_was_paused(mine, start, end, key in periods, chat.timezone)
        )
        not_asked = rules.unasked(earlier, prompts, [g for g in found if g.owner.user_id == uid])
        streaks[uid] = rules.streak(period, earlier, periods, paused, not_asked)
    for pause in pauses:
        if pause.covers(now, chat.timezone):
            away_now[pause.user_id] = pause
    return CheckinState(period, now_in, streaks, away_now)


def streak_prompts_since(history: list[checkins.CheckinRow]) -> str | None:
    """The oldest period a streak may reach back to, the chat's oldest check-in (None: none
    yet); only prompts from it on matter to streaks."""
    return min((key for _, key, _ in history), default=None)


async def streaks_for(
    conn: Connection, chat: Chat, schedule: Schedule, now: datetime
) -> CheckinState:
    """Check-ins and streaks of one chat (see checkin_state)."""
    history = (await checkins.history_of_chats(conn, [chat.chat_id])).get(chat.chat_id, [])
    since = streak_prompts_since(history)
    wanted = {chat.chat_id: since} if since else {}
    prompts = (await schedules.sent_since(conn, Kind.CHECKIN, wanted)).get(chat.chat_id, {})
    # Dropped goals too: one dropped after a prompt still asked for that period.
    found = await goals.goals_in_chat(conn, chat.chat_id, statuses=tuple(GoalStatus))
    pauses = await journal.pauses_in(conn, chat.chat_id)
    return checkin_state(chat, schedule, now, history, pauses, prompts, found)


@dataclass(frozen=True)
class CheckinResult:
    """A recorded check-in, the period's roll call, and the prompt message to update."""

    chat: Chat
    member: Member
    status: CheckinStatus
    period: str
    days: PeriodDays
    today: date
    streak: int
    roll: list[tuple[Member, CheckinStatus]]
    prompt_message_id: int | None


async def check_in(
    work: UnitOfWork,
    actor: Actor,
    status: CheckinStatus,
    note: str | None,
    now: datetime,
    period: str | None = None,
) -> CheckinResult:
    """Record the actor's check-in for the current period (or the prompt's, for a button)."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        found = await schedules.for_chat(conn, chat.chat_id)
        schedule = checkin_schedule(found, chat.chat_id)
        if period is None:  # the prompt's day is the member's own, where they set a zone
            zone = await acting_zone(conn, actor, chat)
            period, _ = current_period(schedule, now, chat.timezone, zone)
        await checkins.record(conn, chat.chat_id, actor.user_id, period, status, note, now)
        streaks = (await streaks_for(conn, chat, schedule, now)).streaks
        roll = await checkins.for_period(conn, chat.chat_id, period)
        prompt = await schedules.message_id(conn, chat.chat_id, Kind.CHECKIN, period)
    days = checkin_period_days(schedule, period)
    return CheckinResult(
        chat,
        actor.member,
        status,
        period,
        days,
        local_today(now, chat.timezone),
        streaks.get(actor.user_id, 0),
        roll,
        prompt,
    )


@dataclass(frozen=True)
class OpenPeriod:
    """The chat's check-in period now, and who has checked in for it."""

    chat: Chat
    period: str
    roll: list[tuple[Member, CheckinStatus]]


async def open_period(work: UnitOfWork, actor: Actor, now: datetime) -> OpenPeriod:
    """The current check-in period and its roll call (for /checkin with nothing after it)."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        found = await schedules.for_chat(conn, chat.chat_id)
        zone = await acting_zone(conn, actor, chat)
        period, _ = current_period(checkin_schedule(found, chat.chat_id), now, chat.timezone, zone)
        roll = await checkins.for_period(conn, chat.chat_id, period)
    return OpenPeriod(chat, period, roll)


async def roll_call(
    work: UnitOfWork, chat_id: int, period: str
) -> list[tuple[Member, CheckinStatus]]:
    """Who checked in for a period (for drawing the prompt)."""
    async with work.reading() as conn:
        return await checkins.for_period(conn, chat_id, period)


async def reflect(work: UnitOfWork, actor: Actor, text: str, now: datetime) -> Chat:
    """Store a member's reflection with today's date."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        await checkins.add_reflection(conn, chat.chat_id, actor.user_id, text, now)
    return chat


@dataclass(frozen=True)
class ReviewMessage:
    """A quarterly review message: where it is, and the goals its buttons ask about now."""

    chat_id: int
    message_id: int
    goal_ids: list[int]


@dataclass(frozen=True)
class ReviewState:
    """The goals in a quarterly review message and what their owners chose so far."""

    goals: list[Goal]
    answers: dict[int, ReviewChoice]
    result: ReviewResult
    today: date
    goal: Goal | None = None


async def answer_review(
    work: UnitOfWork,
    user_id: int,
    goal_id: int,
    period: str,
    choice: ReviewChoice,
    message: ReviewMessage,
    now: datetime,
    confirmed: bool = False,
) -> ReviewState:
    """Keep, adjust or drop a goal in the quarterly review; only its owner decides, and only
    while the goal is active. Drop abandons the goal on its confirming second tap; the first
    one only asks for it. Goals of another chat are not found, and not shown."""
    async with work.transaction() as conn:
        goal = await goals.goal_by_id(conn, goal_id)
        if goal is not None and goal.chat_id != message.chat_id:
            goal = None
        if goal is None:
            result = ReviewResult.GONE
        elif not goal.is_active:
            result = ReviewResult.FINISHED
        elif goal.owner.user_id != user_id:
            result = ReviewResult.NOT_OWNER
        elif choice is ReviewChoice.DROP and not confirmed:
            result = ReviewResult.DROP_ASKED
        else:
            result = ReviewResult.RECORDED
            await checkins.save_review_answer(conn, goal.id, period, choice, now)
            if choice is ReviewChoice.DROP:
                goal = await goals.set_status(conn, goal, GoalStatus.ABANDONED, now)
        # A finished goal loses its buttons, so the message's goals are noted at its first
        # press: its row stays when someone presses another goal's button later.
        noted = await checkins.review_rows(conn, message.chat_id, message.message_id)
        found = await goals.goals_by_ids(conn, noted or message.goal_ids)
        shown = [g for g in found if g.chat_id == message.chat_id]
        shown_ids = [g.id for g in shown]
        if not noted:
            await checkins.save_review_rows(conn, message.chat_id, message.message_id, shown_ids)
        answers = await checkins.review_answers(conn, period, shown_ids)
        chat = await chats.get_chat(conn, goal.chat_id) if goal else None
    today = local_today(now, chat.timezone if chat else "UTC")
    return ReviewState(shown, answers, result, today, goal)


async def missed_previous(
    work: UnitOfWork, chat_id: int, current_start: datetime
) -> list[tuple[Member, str, str | None]]:
    """Members with a partner who missed the period before this one (checkins.outcome), with
    the first missed period of that run of misses (since they last checked in, or since the
    partnership began) and the chat's title. The partner is told once per run."""
    async with work.reading() as conn:
        chat = await chats.get_chat(conn, chat_id)
        assert chat is not None
        schedule = checkin_schedule(await schedules.for_chat(conn, chat_id), chat_id)
        before = previous_occurrences(schedule, current_start, chat.timezone, 1)
        if not before:
            return []
        key = period_key(Kind.CHECKIN, before[0], chat.timezone)
        partnered = await people.partnered_members(conn, chat_id)
        if not partnered:
            return []
        earliest = min(since for _, since in partnered)
        prompts = await schedules.prompts_from(conn, chat_id, Kind.CHECKIN, earliest, current_start)
        if not prompts or prompts[-1][0] != key:
            return []  # no prompt went out for that period: nobody missed it
        answered = await checkins.periods_by_member(conn, chat_id, prompts[0][0])
        pauses = await journal.pauses_in(conn, chat_id)
        found = await goals.goals_in_chat(conn, chat_id, statuses=tuple(GoalStatus))
    current = period_key(Kind.CHECKIN, current_start, chat.timezone)
    periods = rules.prompted_periods(prompts, current, current_start)
    missed = []
    for member, since in partnered:
        uid = member.user_id
        first = rules.missed_run_start(
            periods,
            answered.get(uid, set()),
            [p for p in pauses if p.user_id == uid],
            [g for g in found if g.owner.user_id == uid],
            chat.timezone,
            since,
        )
        if first is not None:
            missed.append((member, first.key, chat.title))
    return missed
