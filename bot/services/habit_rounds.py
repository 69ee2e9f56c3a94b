"""The daily habit round of a chat, at its reminder time: habits past their end date end, a
streak that broke is found for the owner's partner, and a habit that can still be met this
period only with an entry today is owed its reminder.

The round keeps time on the chat's reminders schedule (its next_due): once a day, re-read from
storage each time, so a restart loses nothing. What it finds is said once by the ledgers
(habit_events, partner_notices); a round done twice finds nothing new to say.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.dates import local_today
from bot.domain.habit_days import (
    Broken,
    RunSummary,
    broken_streak,
    has_ended,
    reminder_due,
    run_summary,
)
from bot.domain.habits import HabitGoal, HabitStatus, Safety
from bot.domain.models import Chat
from bot.domain.schedules import Kind, Schedule, next_occurrence
from bot.services.habit_events import tracked
from bot.storage import chats, habit_events, habits, schedules
from bot.storage.habit_events import EventKind
from bot.storage.work import UnitOfWork


@dataclass(frozen=True)
class HabitReminder:
    """Today is the last day a habit's period can wait: one reminder, mentioning its owner."""

    habit: HabitGoal
    safety: Safety
    day: date


@dataclass(frozen=True)
class HabitEnd:
    """A habit that reached its end date, with the summary of its run."""

    habit: HabitGoal
    summary: RunSummary


@dataclass(frozen=True)
class StreakBreak:
    """A habit whose streak broke, for the owner's partner."""

    habit: HabitGoal
    broken: Broken

    @property
    def subject(self) -> str:
        """What the partner notice is recorded under: once per break."""
        return f"habit:{self.habit.id}:{self.broken.missed.first.isoformat()}"


@dataclass(frozen=True)
class Round:
    """What one chat's habit round found today."""

    chat: Chat
    day: date
    ends: tuple[HabitEnd, ...] = ()
    breaks: tuple[StreakBreak, ...] = ()
    reminders: tuple[HabitReminder, ...] = ()


async def due_rounds(work: UnitOfWork, now: datetime) -> list[Round]:
    """The rounds owed now: chats with habits whose reminder time has come today on one of
    the clocks they keep (the chat's, and each habit owner's own). A chat with no habit to look
    at, or whose time today is still to come on every clock, only has its next round set."""
    async with work.reading() as conn:
        found = await habit_events.rounds_due(conn, now)
    waiting = []
    rounds = []
    for schedule, zones, asking in found:
        if not asking or not any(_time_came(schedule, zone, now) for zone in zones):
            waiting.append((schedule, zones))
            continue
        found_round = await _round(work, schedule, zones, now)
        if found_round is not None:
            rounds.append(found_round)
    if waiting:
        async with work.transaction() as conn:
            for schedule, zones in waiting:
                await schedules.set_next_due(
                    conn, schedule.chat_id, Kind.REMINDERS, _next_round(schedule, zones, now)
                )
    return rounds


def _clock(schedule: Schedule) -> Schedule:
    """The round's daily time: the reminders schedule's, even while reminders are off."""
    return replace(schedule, enabled=True)


def _time_came(schedule: Schedule, zone: str, now: datetime) -> bool:
    """True once the round's time of day has come today on this zone's clock."""
    return now.astimezone(ZoneInfo(zone)).time() >= schedule.at


def _next_round(schedule: Schedule, zones: frozenset[str], now: datetime) -> datetime | None:
    """The next time the round's time of day comes on any of these clocks."""
    found = [m for z in zones if (m := next_occurrence(_clock(schedule), now, z)) is not None]
    return min(found, default=None)


async def _round(
    work: UnitOfWork, schedule: Schedule, zones: frozenset[str], now: datetime
) -> Round | None:
    """One chat's round (its habits ended, what is owed, each reminder from its owner's time
    of day on), and its next one set."""
    async with work.transaction() as conn:
        await schedules.set_next_due(
            conn, schedule.chat_id, Kind.REMINDERS, _next_round(schedule, zones, now)
        )
        chat = await chats.get_chat(conn, schedule.chat_id)
        if chat is None:
            return None
        today = local_today(now, chat.timezone)
        running = []
        for habit in await habits.habits_in_chat(conn, chat.chat_id):
            if has_ended(habit.rules, _today(habit, chat, now)):
                await habits.set_status(conn, habit, HabitStatus.ENDED, now)
            else:
                running.append(habit)
        ended = await tracked(
            conn, await habit_events.to_announce(conn, chat.chat_id), chat.timezone
        )
        items = await tracked(conn, running, chat.timezone)
    ends = []
    for item in ended:
        last = item.rules.until or _today(item.habit, chat, now)
        ends.append(HabitEnd(item.habit, run_summary(item.rules, item.log, last)))
    breaks = []
    reminders = []
    for item in items:
        theirs = _today(item.habit, chat, now)  # a habit's days are its owner's
        broken = broken_streak(item.rules, item.log, theirs)
        if broken is not None:
            breaks.append(StreakBreak(item.habit, broken))
        if not schedule.enabled or any(b.covers(theirs) for b in item.rules.breaks):
            continue  # reminders are off here, or the owner is away: no reminder
        if not _time_came(schedule, item.habit.owner.zone_in(chat.timezone), now):
            continue  # their reminder time is still to come today: a later round has it
        tight = reminder_due(item.rules, item.log, theirs)
        if tight is not None:
            reminders.append(HabitReminder(item.habit, tight, theirs))
    return Round(chat, today, tuple(ends), tuple(breaks), tuple(reminders))


def _today(habit: HabitGoal, chat: Chat, now: datetime) -> date:
    """The habit owner's today (their own zone, else the chat's)."""
    return local_today(now, habit.owner.zone_in(chat.timezone))


async def claim_end(work: UnitOfWork, end: HabitEnd, now: datetime) -> bool:
    """Record the end's announcement before it goes out; False when it went already."""
    async with work.transaction() as conn:
        return await habit_events.claim(conn, end.habit.id, EventKind.ENDED, "", now)


async def retry_later(
    work: UnitOfWork,
    chat_id: int,
    now: datetime,
    ends: tuple[HabitEnd, ...] = (),
    reminders: tuple[HabitReminder, ...] = (),
) -> None:
    """A send certainly not taken: forget its claims and do the chat's round again next tick."""
    async with work.transaction() as conn:
        for end in ends:
            await habit_events.release(conn, end.habit.id, EventKind.ENDED, "")
        for reminder in reminders:
            await habit_events.release(
                conn, reminder.habit.id, EventKind.REMINDER, reminder.day.isoformat()
            )
        await schedules.set_next_due(conn, chat_id, Kind.REMINDERS, now)
