"""The group's progress: on demand with /summary, and as the scheduled summary."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain import summary
from bot.domain.dates import local_today
from bot.domain.habit_standing import Mark
from bot.domain.models import Chat, GoalStatus
from bot.domain.pauses import Pause
from bot.domain.schedules import Kind, period_key
from bot.services.checkins import (
    checkin_schedule,
    checkin_state,
    current_period,
    streak_prompts_since,
)
from bot.services.common import Actor, register
from bot.services.habits import records_of_chats
from bot.storage import chats, checkins, goals, habits, journal, schedules
from bot.storage.connection import Connection
from bot.storage.work import UnitOfWork

SUMMARY_WINDOW = timedelta(days=7)
YIELD_EVERY = 5


@dataclass(frozen=True)
class ChatSummary:
    """A chat and its group progress."""

    chat: Chat
    progress: summary.GroupProgress


async def _build(
    conn: Connection, found: list[Chat], since: dict[int, datetime], now: datetime
) -> tuple[list[ChatSummary], list[tuple[int, Mark, date]]]:
    """The summaries of several chats from a fixed handful of queries, whatever their size,
    and the habit marks that moved on (to be kept, so the next reading is short again)."""
    ids = [chat.chat_id for chat in found]
    # Dropped goals too: one dropped this period still asks its owner for a check-in.
    all_goals = await goals.goals_of_chats(conn, ids, statuses=tuple(GoalStatus))
    all_schedules = await schedules.for_chats(conn, ids)
    history = await checkins.history_of_chats(conn, ids)
    members = await checkins.members_of_chats(conn, ids)
    current = {
        chat.chat_id: current_period(
            checkin_schedule(all_schedules.get(chat.chat_id, {}), chat.chat_id), now, chat.timezone
        )[0]
        for chat in found
    }
    # Only a period whose prompt went out asks anyone for a check-in.
    prompted = await schedules.sent_for_periods(conn, Kind.CHECKIN, current)
    oldest = {
        chat_id: first
        for chat_id, rows in history.items()
        if (first := streak_prompts_since(rows)) is not None
    }
    streak_prompts = await schedules.sent_since(conn, Kind.CHECKIN, oldest)
    every_pause = await journal.pauses_of_chats(conn, ids)
    pauses: dict[int, list[Pause]] = {}
    for pause in every_pause:
        pauses.setdefault(pause.chat_id, []).append(pause)
    # Each habit from its mark: a few days walked and read, not its whole log.
    running = await records_of_chats(conn, found, pauses=every_pause, recent=True)
    moved: list[tuple[int, Mark, date]] = []
    built = []
    for n, chat in enumerate(found, 1):
        if n % YIELD_EVERY == 0:
            await asyncio.sleep(0)  # many chats at once: let replies to commands through
        checkin = checkin_schedule(all_schedules.get(chat.chat_id, {}), chat.chat_id)
        state = checkin_state(
            chat,
            checkin,
            now,
            history.get(chat.chat_id, []),
            pauses.get(chat.chat_id, []),
            streak_prompts.get(chat.chat_id, {}),
            all_goals.get(chat.chat_id, []),
        )
        today = local_today(now, chat.timezone)
        views = []
        for record in running.get(chat.chat_id, []):
            view, moved_on = record.view_and_mark(record.today(now))
            views.append(view)
            if moved_on is not None:
                moved.append(moved_on)
        progress = summary.build(
            all_goals.get(chat.chat_id, []),
            since[chat.chat_id],
            today,
            checkins=state.checked_in,
            streaks=state.streaks,
            away={uid: p.ends_on for uid, p in state.away.items()},
            members=members.get(chat.chat_id, []),
            checkins_on=checkin.enabled,
            period_start=prompted.get(chat.chat_id),
            habits=[(v.habit, v.stats) for v in views],
            now=now,
            zone=chat.timezone,
        )
        built.append(ChatSummary(chat, progress))
    return built, moved


async def group_summary(work: UnitOfWork, actor: Actor, now: datetime) -> ChatSummary:
    """/summary: everyone's goals and check-ins, and what was completed in the last 7 days."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        built, moved = await _build(conn, [chat], {chat.chat_id: now - SUMMARY_WINDOW}, now)
        await habits.save_marks(conn, moved)
        return built[0]


async def scheduled_summaries(
    work: UnitOfWork, chat_ids: list[int], now: datetime
) -> list[ChatSummary]:
    """The scheduled summaries of these chats (each for the time since its last one), read
    together: a minute with thousands of summaries due costs a few queries per batch."""
    async with work.reading() as conn:
        found = list((await chats.get_chats(conn, chat_ids)).values())
        periods = {c.chat_id: period_key(Kind.SUMMARY, now, c.timezone) for c in found}
        last = await schedules.last_sent_in_chats(conn, Kind.SUMMARY, periods)
        since = {c.chat_id: last.get(c.chat_id) or now - SUMMARY_WINDOW for c in found}
        built, moved = await _build(conn, found, since, now)
    if moved:  # derived data: kept in a short write of its own after the reading
        async with work.transaction() as conn:
            await habits.save_marks(conn, moved)
    return built


async def scheduled_summary(work: UnitOfWork, chat_id: int, now: datetime) -> ChatSummary:
    """The scheduled summary of one chat."""
    return (await scheduled_summaries(work, [chat_id], now))[0]
