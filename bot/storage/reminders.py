"""What deadline reminders are owed, and the record that each went out once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.domain.models import Goal
from bot.storage import goals
from bot.storage.codec import day, from_day, ts

ReminderKey = tuple[int, int, str, date]


@dataclass(frozen=True)
class ReminderScope:
    """A chat whose reminders are on: its active goals, zone and lead time."""

    chat_id: int
    timezone: str
    lead_days: int
    goals: list[Goal]


async def scopes(conn: aiosqlite.Connection) -> list[ReminderScope]:
    """Active goals in chats the bot can post in and that have reminders switched on."""
    cursor = await conn.execute(
        """SELECT c.chat_id, c.timezone, s.lead_days FROM chats c
           JOIN schedules s ON s.chat_id = c.chat_id AND s.kind = 'reminders' AND s.enabled = 1
           WHERE c.active = 1 ORDER BY c.chat_id"""
    )
    rows = await cursor.fetchall()
    by_chat = await goals.active_goals_in_chats(conn, [r[0] for r in rows])
    return [ReminderScope(r[0], r[1], r[2], by_chat[r[0]]) for r in rows if by_chat.get(r[0])]


async def sent_keys(conn: aiosqlite.Connection, goal_ids: list[int]) -> set[ReminderKey]:
    """Every reminder already sent for these goals."""
    if not goal_ids:
        return set()
    marks = ",".join("?" * len(goal_ids))
    cursor = await conn.execute(
        f"""SELECT goal_id, milestone_id, kind, due_date FROM reminders_sent
            WHERE goal_id IN ({marks})""",
        goal_ids,
    )
    return {(r[0], r[1], r[2], from_day(r[3])) for r in await cursor.fetchall()}


async def claim(conn: aiosqlite.Connection, key: ReminderKey, now: datetime) -> bool:
    """Record a reminder before it goes out; False when it already went."""
    goal_id, milestone_id, kind, due = key
    cursor = await conn.execute(
        """INSERT INTO reminders_sent (goal_id, milestone_id, kind, due_date, sent_at)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
        (goal_id, milestone_id, kind, day(due), ts(now)),
    )
    return cursor.rowcount == 1


async def release(conn: aiosqlite.Connection, key: ReminderKey) -> None:
    """Forget a reminder whose send failed for a passing reason, so it is tried again."""
    goal_id, milestone_id, kind, due = key
    await conn.execute(
        """DELETE FROM reminders_sent
           WHERE goal_id = ? AND milestone_id = ? AND kind = ? AND due_date = ?""",
        (goal_id, milestone_id, kind, day(due)),
    )
