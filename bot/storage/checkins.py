"""Check-ins, reflections and quarterly review answers."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from bot.domain.checkins import CheckinStatus, ReviewChoice
from bot.domain.models import Member
from bot.storage.codec import ts
from bot.storage.connection import Connection
from bot.storage.rows import marks


async def record(
    conn: Connection,
    chat_id: int,
    user_id: int,
    period: str,
    status: CheckinStatus,
    note: str | None,
    now: datetime,
) -> None:
    """A member's check-in for a period; a second one replaces the first."""
    await conn.execute(
        """INSERT INTO checkins (chat_id, user_id, period, status, note, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (chat_id, user_id, period) DO UPDATE SET status = excluded.status,
               note = COALESCE(excluded.note, checkins.note), updated_at = excluded.updated_at""",
        (chat_id, user_id, period, status.value, note, ts(now), ts(now)),
    )


async def for_period(
    conn: Connection, chat_id: int, period: str
) -> list[tuple[Member, CheckinStatus]]:
    """Who checked in for the period, in the order they first did."""
    rows = await conn.fetch_all(
        """SELECT m.user_id, m.first_name, m.username, c.status FROM checkins c
           JOIN members m ON m.user_id = c.user_id
           WHERE c.chat_id = ? AND c.period = ? ORDER BY c.created_at, m.user_id""",
        (chat_id, period),
    )
    return [
        (Member(r["user_id"], r["first_name"], r["username"]), CheckinStatus(r["status"]))
        for r in rows
    ]


async def periods_by_member(
    conn: Connection, chat_id: int, since_period: str
) -> dict[int, set[str]]:
    """For each member, the periods (from since_period on) they checked in."""
    rows = await conn.fetch_all(
        "SELECT user_id, period FROM checkins WHERE chat_id = ? AND period >= ?",
        (chat_id, since_period),
    )
    periods: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        periods[row[0]].add(row[1])
    return periods


CheckinRow = tuple[int, str, CheckinStatus]  # member, period, status


async def history_of_chats(conn: Connection, chat_ids: list[int]) -> dict[int, list[CheckinRow]]:
    """Every check-in in these chats, by chat, in the order they were made."""
    rows = await conn.fetch_all(
        f"""SELECT chat_id, user_id, period, status FROM checkins
            WHERE chat_id IN ({marks(chat_ids)}) ORDER BY created_at, user_id""",
        chat_ids,
    )
    found: dict[int, list[CheckinRow]] = defaultdict(list)
    for chat_id, user_id, period, status in rows:
        found[chat_id].append((user_id, period, CheckinStatus(status)))
    return found


async def members_of_chats(conn: Connection, chat_ids: list[int]) -> dict[int, list[Member]]:
    """Everyone the bot has seen in each of these chats, in the order they first appeared."""
    rows = await conn.fetch_all(
        f"""SELECT cm.chat_id, m.user_id, m.first_name, m.username, m.timezone FROM chat_members cm
            JOIN members m ON m.user_id = cm.user_id WHERE cm.chat_id IN ({marks(chat_ids)})
            ORDER BY cm.first_seen, m.user_id""",
        chat_ids,
    )
    found: dict[int, list[Member]] = defaultdict(list)
    for chat_id, user_id, first_name, username, zone in rows:
        found[chat_id].append(Member(user_id, first_name, username, zone))
    return found


async def members_of(conn: Connection, chat_id: int) -> list[Member]:
    """Everyone the bot has seen in the chat, in the order they first appeared."""
    return (await members_of_chats(conn, [chat_id])).get(chat_id, [])


async def add_reflection(
    conn: Connection, chat_id: int, user_id: int, text: str, now: datetime
) -> None:
    """Store a review answer with its date."""
    await conn.execute(
        "INSERT INTO reflections (chat_id, user_id, text, created_at) VALUES (?, ?, ?, ?)",
        (chat_id, user_id, text, ts(now)),
    )


async def reflections_of(conn: Connection, chat_id: int, user_id: int) -> list[str]:
    """A member's reflections in the chat, oldest first."""
    rows = await conn.fetch_all(
        "SELECT text FROM reflections WHERE chat_id = ? AND user_id = ? ORDER BY id",
        (chat_id, user_id),
    )
    return [r[0] for r in rows]


async def save_review_answer(
    conn: Connection, goal_id: int, period: str, choice: ReviewChoice, now: datetime
) -> None:
    """Keep, adjust or drop, for a goal in a quarterly review; a new press replaces it."""
    await conn.execute(
        """INSERT INTO review_answers (goal_id, period, choice, answered_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (goal_id, period) DO UPDATE SET choice = excluded.choice,
               answered_at = excluded.answered_at""",
        (goal_id, period, choice, ts(now)),
    )


async def forget_drops(conn: Connection, goal_id: int) -> None:
    """Remove a goal's "drop" answers in quarterly reviews: it was brought back."""
    await conn.execute(
        "DELETE FROM review_answers WHERE goal_id = ? AND choice = ?", (goal_id, ReviewChoice.DROP)
    )


async def review_answers(
    conn: Connection, period: str, goal_ids: list[int]
) -> dict[int, ReviewChoice]:
    """The answers given so far in a quarterly review, by goal."""
    if not goal_ids:
        return {}
    rows = await conn.fetch_all(
        f"SELECT goal_id, choice FROM review_answers WHERE period = ? AND goal_id IN ({marks(goal_ids)})",
        (period, *goal_ids),
    )
    return {r[0]: ReviewChoice(r[1]) for r in rows}


async def review_rows(conn: Connection, chat_id: int, message_id: int) -> list[int]:
    """The goals a quarterly review message asks about, in order ([] before its first press)."""
    rows = await conn.fetch_all(
        "SELECT goal_id FROM review_rows WHERE chat_id = ? AND message_id = ? ORDER BY position",
        (chat_id, message_id),
    )
    return [r[0] for r in rows]


async def save_review_rows(
    conn: Connection, chat_id: int, message_id: int, goal_ids: list[int]
) -> None:
    """Note which goals a quarterly review message asks about (kept if already noted)."""
    await conn.execute_many(
        """INSERT INTO review_rows (chat_id, message_id, position, goal_id)
           VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
        [(chat_id, message_id, i, goal_id) for i, goal_id in enumerate(goal_ids)],
    )
