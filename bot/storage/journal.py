"""Journal entries, mentor feedback, and pauses."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.pauses import Pause
from bot.domain.people import JournalKind, JournalLine
from bot.storage.codec import day, from_day, from_ts, ts
from bot.storage.connection import Connection, Row
from bot.storage.rows import marks


async def add(
    conn: Connection,
    chat_id: int,
    goal_id: int | None,
    member_id: int,
    author_id: int,
    kind: JournalKind,
    text: str,
    now: datetime,
) -> None:
    """Add an entry (by the goal's owner) or feedback (by a mentor)."""
    await conn.execute(
        """INSERT INTO journal (chat_id, goal_id, member_id, author_id, kind, text, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (chat_id, goal_id, member_id, author_id, kind, text, ts(now)),
    )


async def for_goal(
    conn: Connection, chat_id: int, goal_id: int, owner_id: int, limit: int
) -> list[JournalLine]:
    """The goal's entries, with the owner's feedback and reflections in the chat; newest first."""
    rows = await conn.fetch_all(
        """SELECT j.kind, j.text, m.first_name, j.created_at, CAST(NULL AS DOUBLE PRECISION)
           FROM journal j
           JOIN members m ON m.user_id = j.author_id
           WHERE j.chat_id = ? AND (j.goal_id = ? OR (j.goal_id IS NULL AND j.member_id = ?))
           UNION ALL
           SELECT CAST(? AS TEXT), r.text, m.first_name, r.created_at, NULL FROM reflections r
           JOIN members m ON m.user_id = r.user_id
           WHERE r.chat_id = ? AND r.user_id = ?
           UNION ALL
           SELECT CAST(? AS TEXT), p.note, m.first_name, p.logged_at, p.value FROM progress_log p
           JOIN members m ON m.user_id = ?
           WHERE p.goal_id = ? AND p.note IS NOT NULL
           ORDER BY 4 DESC LIMIT ?""",
        (chat_id, goal_id, owner_id, JournalKind.REFLECTION, chat_id, owner_id,
         JournalKind.PROGRESS, owner_id, goal_id, limit),
    )  # fmt: skip
    lines = []
    for row in rows:
        at = from_ts(row[3])
        assert at is not None
        lines.append(JournalLine(JournalKind(row[0]), row[1], row[2], at, row[4]))
    return lines


def _pause(row: Row) -> Pause:
    starts = from_ts(row["starts_at"])
    assert starts is not None
    return Pause(
        row["id"],
        row["chat_id"],
        row["user_id"],
        starts,
        from_day(row["ends_on"]) if row["ends_on"] else None,
        from_ts(row["resumed_at"]),
        row["reason"],
        from_ts(row["created_at"]) or starts,
    )


async def pauses_in(conn: Connection, chat_id: int) -> list[Pause]:
    """Every pause in the chat (for streaks, summaries and reminders)."""
    rows = await conn.fetch_all("SELECT * FROM pauses WHERE chat_id = ? ORDER BY id", (chat_id,))
    return [_pause(r) for r in rows]


async def pauses_of_chats(conn: Connection, chat_ids: list[int]) -> list[Pause]:
    """Pauses in several chats at once."""
    if not chat_ids:
        return []
    rows = await conn.fetch_all(
        f"SELECT * FROM pauses WHERE chat_id IN ({marks(chat_ids)})", chat_ids
    )
    return [_pause(r) for r in rows]


async def start_pause(
    conn: Connection,
    chat_id: int,
    user_id: int,
    ends_on: date | None,
    reason: str | None,
    starts_at: datetime,
    now: datetime,
) -> None:
    """Start a pause at this moment (now, or the start of a later day), planned now."""
    await conn.execute(
        """INSERT INTO pauses (chat_id, user_id, starts_at, ends_on, reason, created_at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        (chat_id, user_id, ts(starts_at), day(ends_on) if ends_on else None, reason, ts(now)),
    )


async def end_pause(conn: Connection, pause_id: int, now: datetime) -> None:
    """End a pause early."""
    await conn.execute("UPDATE pauses SET resumed_at = ? WHERE id = ?", (ts(now), pause_id))
