"""The ledger of what was said about a habit (celebrations, its end, a day's reminder), and
which chats have habits the scheduler must look at."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from bot.domain.habits import HabitGoal, HabitStatus
from bot.domain.schedules import Kind, Schedule
from bot.storage import habits
from bot.storage.codec import ts
from bot.storage.connection import Connection, Dialect
from bot.storage.rows import marks
from bot.storage.schedules import for_chats


class EventKind(StrEnum):
    """What the ledger records; the values are the table's."""

    STREAK = "streak"
    FIRST_WEEK = "first_week"
    ENDED = "ended"
    REMINDER = "reminder"


async def claim(
    conn: Connection, habit_id: int, kind: EventKind, subject: str, now: datetime
) -> bool:
    """Record that this is being said; False when it was said already."""
    changed = await conn.execute(
        """INSERT INTO habit_events (habit_id, kind, subject, at) VALUES (?, ?, ?, ?)
           ON CONFLICT DO NOTHING""",
        (habit_id, kind.value, subject, ts(now)),
    )
    return changed == 1


async def release(conn: Connection, habit_id: int, kind: EventKind, subject: str) -> None:
    """Forget a claim whose message was certainly not taken, so it is said later."""
    await conn.execute(
        "DELETE FROM habit_events WHERE habit_id = ? AND kind = ? AND subject = ?",
        (habit_id, kind.value, subject),
    )


async def chats_with_running_habits(conn: Connection, chat_ids: Sequence[int]) -> set[int]:
    """Which of these chats have at least one running habit."""
    found: set[int] = set()
    ids = list(dict.fromkeys(chat_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = await conn.fetch_all(
            f"""SELECT DISTINCT chat_id FROM habits
                WHERE status = 'active' AND chat_id IN ({marks(chunk)})""",
            chunk,
        )
        found.update(int(r[0]) for r in rows)
    return found


# The distinct time zones of a set of rows, joined by commas.
_ZONES = {
    Dialect.SQLITE: "group_concat(DISTINCT m.timezone)",
    Dialect.POSTGRESQL: "string_agg(DISTINCT m.timezone, ',')",
}


async def rounds_due(
    conn: Connection, now: datetime
) -> list[tuple[Schedule, frozenset[str], bool]]:
    """Chats whose daily habit round has come (it keeps time on the chat's reminders schedule:
    its next_due), in chats the bot can post in; with each, its reminders schedule, the time
    zones it keeps (the chat's first, then its running habits' owners' own), and whether it
    has anything to look at (a running habit, or one that ended and was not yet announced)."""
    rows = await conn.fetch_all(
        f"""SELECT s.chat_id, c.timezone, EXISTS (
               SELECT 1 FROM habits h WHERE h.chat_id = s.chat_id AND (h.status = 'active'
                   OR (h.status = 'ended' AND NOT EXISTS (SELECT 1 FROM habit_events e
                       WHERE e.habit_id = h.id AND e.kind = 'ended')))) AS asking,
               (SELECT {_ZONES[conn.dialect]} FROM habits h
                JOIN members m ON m.user_id = h.owner_id
                WHERE h.chat_id = s.chat_id AND h.status = 'active'
                AND m.timezone IS NOT NULL) AS own_zones
           FROM (SELECT chat_id, kind FROM schedules WHERE next_due <= :now
                 UNION ALL SELECT chat_id, kind FROM schedules WHERE next_due IS NULL) s
           JOIN chats c ON c.chat_id = s.chat_id AND c.active = 1
           WHERE s.kind = 'reminders'""",
        {"now": ts(now)},
    )  # each half of the union reads the next_due index: an idle tick reads nothing
    found = await for_chats(conn, [int(r[0]) for r in rows])
    return [
        (
            found[int(r[0])][Kind.REMINDERS],
            frozenset({str(r[1]), *(r[3].split(",") if r[3] else ())}),
            bool(r[2]),
        )
        for r in rows
    ]


async def to_announce(conn: Connection, chat_id: int) -> list[HabitGoal]:
    """The chat's habits that reached their end and whose end was not yet announced."""
    ended = await habits.habits_in_chat(conn, chat_id, (HabitStatus.ENDED,))
    if not ended:
        return []
    ids = [h.id for h in ended]
    rows = await conn.fetch_all(
        f"""SELECT habit_id FROM habit_events WHERE kind = 'ended'
            AND habit_id IN ({marks(ids)})""",
        ids,
    )
    said = {int(r[0]) for r in rows}
    return [h for h in ended if h.id not in said]
