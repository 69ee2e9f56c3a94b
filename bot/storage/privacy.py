"""Moving a chat to a new id, forgetting a member, and exporting a member's data."""

from __future__ import annotations

from typing import Any

from bot.storage.connection import Connection

# Every table that belongs to a chat, and must move when Telegram gives the chat a new id.
CHAT_TABLES = (
    "chat_members", "goals", "schedules", "deliveries", "checkins", "reflections",
    "partnerships", "partner_invites", "partner_notices", "mentors", "journal", "pauses",
    "choices", "goal_drafts", "habits",
)  # fmt: skip


# What, besides the chat, makes a row of these tables unique.
_KEYED_BY = {
    "chat_members": ("user_id",),
    "deliveries": ("kind", "period"),
    "checkins": ("user_id", "period"),
    "partnerships": ("user_id",),
    "partner_notices": ("user_id", "kind", "subject"),
    "mentors": ("user_id",),
    "goal_drafts": ("user_id",),
}


async def move_chat(conn: Connection, old_id: int, new_id: int, new_type: str) -> bool:
    """Move everything of chat old_id to new_id (a group upgraded to a supergroup).

    When the bot already registered the new id (it saw the supergroup before the notice),
    that chat's rows are folded in: its goals are renumbered after the old ones, and its
    default schedules give way to the group's own, keeping the forum topics chosen there.
    Returns False when old_id is unknown.
    """
    if await conn.fetch_one("SELECT 1 FROM chats WHERE chat_id = ?", (old_id,)) is None:
        return False
    if await conn.fetch_one("SELECT 1 FROM chats WHERE chat_id = ?", (new_id,)) is not None:
        row = await conn.fetch_one("SELECT goals_numbered FROM chats WHERE chat_id = ?", (old_id,))
        offset = int(row[0]) if row else 0
        for numbered in ("goals", "habits"):  # one sequence of numbers for both
            await conn.execute(
                f"UPDATE {numbered} SET chat_id = ?, number = number + ? WHERE chat_id = ?",
                (old_id, offset, new_id),
            )
        await conn.execute(
            """UPDATE chats SET goals_numbered = goals_numbered
                   + (SELECT goals_numbered FROM chats WHERE chat_id = :new)
               WHERE chat_id = :old""",
            {"new": new_id, "old": old_id},
        )
        # Partners: the group's pairs win; a pair made in the supergroup with someone already
        # partnered in the group is dropped, both sides, so pairs stay symmetric.
        await conn.execute(
            """DELETE FROM partnerships WHERE chat_id = :new AND (
                   user_id IN (SELECT user_id FROM partnerships WHERE chat_id = :old)
                   OR partner_id IN (SELECT user_id FROM partnerships WHERE chat_id = :old))""",
            {"new": new_id, "old": old_id},
        )
        # Posts the supergroup already got stay recorded: the group's record of the same
        # period gives way, so nothing is sent twice.
        await conn.execute(
            """DELETE FROM deliveries WHERE chat_id = :old AND (kind, period) IN (
                   SELECT kind, period FROM deliveries WHERE chat_id = :new)""",
            {"new": new_id, "old": old_id},
        )
        # A group has no topics: the forum topics chosen in the supergroup (/schedule here)
        # stay, on the group's schedules that take its place.
        await conn.execute(
            """UPDATE schedules SET topic_id = chosen.topic_id, topic_name = chosen.topic_name
               FROM (SELECT kind, topic_id, topic_name FROM schedules
                     WHERE chat_id = :new AND topic_id IS NOT NULL) AS chosen
               WHERE schedules.chat_id = :old AND schedules.kind = chosen.kind""",
            {"new": new_id, "old": old_id},
        )
        for table in CHAT_TABLES:
            if table in ("goals", "habits", "schedules"):
                continue
            # A row the group already has (the same member, period...) is kept, not doubled.
            same = " AND ".join(f"kept.{c} = {table}.{c}" for c in _KEYED_BY.get(table, ()))
            apart = (
                f" AND NOT EXISTS (SELECT 1 FROM {table} kept WHERE kept.chat_id = :old AND {same})"
            )
            await conn.execute(
                f"UPDATE {table} SET chat_id = :old WHERE chat_id = :new{apart if same else ''}",
                {"old": old_id, "new": new_id},
            )
        # What is left under the new id (its default schedules, duplicates) goes with it.
        await conn.execute("DELETE FROM chats WHERE chat_id = ?", (new_id,))
    # ON UPDATE CASCADE carries every table along with the chat's id.
    await conn.execute(
        "UPDATE chats SET chat_id = ?, type = ?, active = 1, inactive_since = NULL WHERE chat_id = ?",
        (new_id, new_type, old_id),
    )
    return True


async def count_rows(conn: Connection, chat_id: int) -> dict[str, int]:
    """Rows each chat table holds for the chat (and the milestones of its goals)."""
    counts = {}
    for table in CHAT_TABLES:
        row = await conn.fetch_one(f"SELECT COUNT(*) FROM {table} WHERE chat_id = ?", (chat_id,))
        counts[table] = int(row[0]) if row else 0
    row = await conn.fetch_one(
        "SELECT COUNT(*) FROM milestones m JOIN goals g ON g.id = m.goal_id WHERE g.chat_id = ?",
        (chat_id,),
    )
    counts["milestones"] = int(row[0]) if row else 0
    return counts


async def forget_member(conn: Connection, user_id: int) -> None:
    """Delete everything stored about a member, in every chat."""
    # Goals do not cascade from members (a goal must always have an owner): delete them first;
    # their milestones, progress, history, reminders and journal go with them.
    await conn.execute("DELETE FROM goals WHERE owner_id = ?", (user_id,))
    await conn.execute("DELETE FROM habits WHERE owner_id = ?", (user_id,))  # entries cascade
    await conn.execute("UPDATE mentors SET added_by = NULL WHERE added_by = ?", (user_id,))
    # Their private chat with the bot has their id: it goes, with its schedules and records
    # (their mentor digests are recorded there too).
    await conn.execute("DELETE FROM chats WHERE chat_id = ? AND type = 'private'", (user_id,))
    # Everything else that names the member cascades from the member row.
    await conn.execute("DELETE FROM members WHERE user_id = ?", (user_id,))


# A member's rows, table by table, for their export: rows naming them, rows of their goals,
# and their private chat with the bot (its id is theirs). updates_seen names no one.
# tests/test_chat_life.py fails when a table is left out.
_THEIR_GOALS = "SELECT id FROM goals WHERE owner_id = :me"
MEMBER_QUERIES = {
    "members": "SELECT * FROM members WHERE user_id = :me",
    "chat_members": "SELECT * FROM chat_members WHERE user_id = :me",
    # Each chat they are in, with its time zone: their dates are read in it.
    "chats": """SELECT * FROM chats WHERE chat_id = :me
                OR chat_id IN (SELECT chat_id FROM chat_members WHERE user_id = :me)""",
    "schedules": "SELECT * FROM schedules WHERE chat_id = :me",
    "deliveries": "SELECT * FROM deliveries WHERE chat_id = :me",
    "goals": "SELECT * FROM goals WHERE owner_id = :me",
    "milestones": f"SELECT * FROM milestones WHERE goal_id IN ({_THEIR_GOALS})",
    "progress_log": f"SELECT * FROM progress_log WHERE goal_id IN ({_THEIR_GOALS})",
    "deadline_changes": f"SELECT * FROM deadline_changes WHERE goal_id IN ({_THEIR_GOALS})",
    "title_changes": f"SELECT * FROM title_changes WHERE goal_id IN ({_THEIR_GOALS})",
    "reminders_sent": f"SELECT * FROM reminders_sent WHERE goal_id IN ({_THEIR_GOALS})",
    "review_answers": f"SELECT * FROM review_answers WHERE goal_id IN ({_THEIR_GOALS})",
    "review_rows": f"SELECT * FROM review_rows WHERE goal_id IN ({_THEIR_GOALS})",
    "habits": "SELECT * FROM habits WHERE owner_id = :me",
    "habit_entries": """SELECT * FROM habit_entries
                        WHERE habit_id IN (SELECT id FROM habits WHERE owner_id = :me)""",
    "habit_marks": """SELECT * FROM habit_marks
                      WHERE habit_id IN (SELECT id FROM habits WHERE owner_id = :me)""",
    "habit_events": """SELECT * FROM habit_events
                       WHERE habit_id IN (SELECT id FROM habits WHERE owner_id = :me)""",
    "checkins": "SELECT * FROM checkins WHERE user_id = :me",
    "reflections": "SELECT * FROM reflections WHERE user_id = :me",
    "journal": f"""SELECT * FROM journal WHERE member_id = :me OR author_id = :me
                   OR goal_id IN ({_THEIR_GOALS})""",
    "pauses": "SELECT * FROM pauses WHERE user_id = :me",
    "partnerships": "SELECT * FROM partnerships WHERE user_id = :me OR partner_id = :me",
    "partner_invites": "SELECT * FROM partner_invites WHERE inviter_id = :me OR invitee_id = :me",
    "partner_notices": "SELECT * FROM partner_notices WHERE user_id = :me",
    "mentors": "SELECT * FROM mentors WHERE user_id = :me OR added_by = :me",
    "choices": "SELECT * FROM choices WHERE user_id = :me",
    "goal_drafts": "SELECT * FROM goal_drafts WHERE user_id = :me",
}


# Each table's rows in the order of its key (tables numbered by an `id` are left out).
_ORDER = {
    "members": "user_id",
    "chat_members": "chat_id, user_id",
    "chats": "chat_id",
    "schedules": "chat_id, kind",
    "deliveries": "chat_id, kind, period",
    "reminders_sent": "goal_id, milestone_id, kind, due_date",
    "review_answers": "goal_id, period",
    "review_rows": "chat_id, message_id, position",
    "habit_marks": "habit_id",
    "habit_events": "habit_id, kind, subject",
    "checkins": "chat_id, user_id, period",
    "partnerships": "chat_id, user_id",
    "partner_notices": "chat_id, user_id, kind, subject",
    "mentors": "chat_id, user_id",
    "goal_drafts": "chat_id, user_id",
}


async def export_member(conn: Connection, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows about a member, by table name."""
    found = {}
    for table, sql in MEMBER_QUERIES.items():
        rows = await conn.fetch_all(f"{sql} ORDER BY {_ORDER.get(table, 'id')}", {"me": user_id})
        found[table] = [dict(row) for row in rows]
    return found
