"""The daily habit prompt: one message for the chat with what each member is asked for that
day, and a press on it that logs the habit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.domain.dates import local_today
from bot.domain.habit_days import Celebration, HabitPrompt, PromptLine, logged_on, open_on
from bot.domain.habits import HabitGoal, Streak, count_this_period, streak
from bot.domain.models import Chat
from bot.domain.schedules import Kind
from bot.services.common import Actor, register
from bot.services.habit_events import Tracked, celebrate, tracked
from bot.storage import chats, habits, schedules
from bot.storage.connection import Connection
from bot.storage.work import UnitOfWork


def prompt_lines(items: Sequence[Tracked], day: date) -> tuple[PromptLine, ...]:
    """The habits a day's prompt shows: those it asks for (not on a break that day), and those
    already logged that day. A weekly habit already met this week is not asked again."""
    lines = []
    for item in items:
        rules = item.rules
        if not rules.runs_on(day):
            continue
        away = any(b.covers(day) for b in rules.breaks)
        asked = open_on(rules, item.log, day) and not away
        logged = logged_on(item.log, day)
        if asked or logged:
            done, wanted = count_this_period(rules, item.log, day)
            lines.append(PromptLine(item.habit, done, wanted, logged, asked))
    return tuple(lines)


async def _prompt(conn: Connection, chat: Chat, day: date) -> HabitPrompt:
    found = await habits.habits_in_chat(conn, chat.chat_id)
    return HabitPrompt(chat, day, prompt_lines(await tracked(conn, found, chat.timezone), day))


async def prompt(work: UnitOfWork, chat_id: int, period: str) -> HabitPrompt:
    """The prompt for a day (the period of the scheduled post), as it stands now."""
    async with work.reading() as conn:
        chat = await chats.get_chat(conn, chat_id)
        assert chat is not None
        return await _prompt(conn, chat, date.fromisoformat(period))


async def posted_prompt(
    work: UnitOfWork, chat_id: int, day: date
) -> tuple[int, HabitPrompt] | None:
    """The day's prompt message, if it went out, and what it should show now."""
    async with work.reading() as conn:
        message_id = await schedules.message_id(conn, chat_id, Kind.HABITS, day.isoformat())
        chat = await chats.get_chat(conn, chat_id)
        if message_id is None or chat is None:
            return None
        return message_id, await _prompt(conn, chat, day)


class PressResult(StrEnum):
    """What a press on a prompt's button did."""

    LOGGED = "logged"
    NOT_YOURS = "not_yours"  # someone else's habit: only its owner logs it
    DONE_ALREADY = "done_already"  # the day (or the period) already counts in full
    TOO_OLD = "too_old"  # a prompt from before yesterday: nothing is logged that far back
    GONE = "gone"  # the habit ended, was stopped, or is not this chat's


@dataclass(frozen=True)
class Pressed:
    """A press's result, the prompt as it stands after it (None: nothing to show anew), and
    what the entry earned."""

    result: PressResult
    day: date
    today: date
    habit: HabitGoal | None = None
    prompt: HabitPrompt | None = None
    streak: Streak | None = None
    celebrations: tuple[Celebration, ...] = ()


async def press(work: UnitOfWork, actor: Actor, habit_id: int, day: date, now: datetime) -> Pressed:
    """Log the habit for the prompt's day (today's or yesterday's), when the presser owns it."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        today = local_today(now, chat.timezone)
        habit = await habits.habit_by_id(conn, habit_id)
        if habit is None or habit.chat_id != chat.chat_id or not habit.is_active:
            return Pressed(PressResult.GONE, day, today, habit, await _prompt(conn, chat, day))
        if habit.owner.user_id != actor.user_id:
            return Pressed(PressResult.NOT_YOURS, day, today, habit)
        today = local_today(now, habit.owner.zone_in(chat.timezone))  # the owner's days
        if not today - timedelta(days=1) <= day <= today:
            return Pressed(PressResult.TOO_OLD, day, today, habit)
        (item,) = await tracked(conn, [habit], chat.timezone)
        if not open_on(item.rules, item.log, day):
            shown = await _prompt(conn, chat, day)
            return Pressed(PressResult.DONE_ALREADY, day, today, item.habit, shown)
        await habits.log_entry(conn, habit.id, day, None, None, now)
        after = await habits.entries(conn, habit.id)
        cheers = await celebrate(conn, item.habit, item.log, after, today, now)
        return Pressed(
            PressResult.LOGGED,
            day,
            today,
            item.habit,
            await _prompt(conn, chat, day),
            streak(item.rules, after, today),
            cheers,
        )
