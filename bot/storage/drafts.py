"""Guided /goal drafts: one per member and chat."""

from __future__ import annotations

from datetime import datetime

from bot.domain.drafts import GoalDraft, Step
from bot.storage.codec import ts
from bot.storage.connection import Connection


async def get(conn: Connection, chat_id: int, user_id: int) -> GoalDraft | None:
    """The member's draft in this chat, if one is open."""
    row = await conn.fetch_one(
        """SELECT step, title, deadline, target_text, frequency_text FROM goal_drafts
           WHERE chat_id = ? AND user_id = ?""",
        (chat_id, user_id),
    )
    return None if row is None else GoalDraft(Step(row[0]), row[1], row[2], row[3], row[4])


async def save(
    conn: Connection, chat_id: int, user_id: int, draft: GoalDraft, now: datetime
) -> None:
    """Store the draft as it stands (a new one replaces an old one)."""
    await conn.execute(
        """INSERT INTO goal_drafts (chat_id, user_id, step, title, deadline, target_text,
                                    frequency_text, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (chat_id, user_id) DO UPDATE SET step = excluded.step,
               title = excluded.title, deadline = excluded.deadline,
               target_text = excluded.target_text, frequency_text = excluded.frequency_text,
               updated_at = excluded.updated_at""",
        (chat_id, user_id, draft.step.value, draft.title, draft.deadline, draft.target_text,
         draft.frequency_text, ts(now)),
    )  # fmt: skip


async def drop(conn: Connection, chat_id: int, user_id: int) -> bool:
    """Delete the member's draft here; False when there was none."""
    changed = await conn.execute(
        "DELETE FROM goal_drafts WHERE chat_id = ? AND user_id = ?", (chat_id, user_id)
    )
    return changed == 1
