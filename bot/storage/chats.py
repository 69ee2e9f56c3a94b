"""Chats and members: who and where the bot works."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.languages import Lang
from bot.domain.models import Chat, Member
from bot.storage.codec import from_ts, ts
from bot.storage.connection import Connection, Row
from bot.storage.rows import marks


def _chat(row: Row) -> Chat:
    registered = from_ts(row["registered_at"])
    assert registered is not None
    return Chat(
        row["chat_id"], row["type"], row["title"], row["timezone"], registered,
        Lang(row["language"]),
    )  # fmt: skip


async def upsert_chat(
    conn: Connection,
    chat_id: int,
    chat_type: str,
    title: str | None,
    timezone: str,
    now: datetime,
    language: Lang = Lang.EN,
) -> Chat:
    """Register the chat on first sight (with the default zone, and the language of whoever
    brought it); keep its title current."""
    await conn.execute(
        """INSERT INTO chats (chat_id, type, title, timezone, registered_at, language)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title, type = excluded.type,
               active = 1, inactive_since = NULL""",
        (chat_id, chat_type, title, timezone, ts(now), language.value),
    )
    chat = await get_chat(conn, chat_id)
    assert chat is not None
    return chat


async def set_language(conn: Connection, chat_id: int, language: Lang) -> None:
    """Change the language the chat's bot speaks."""
    await conn.execute("UPDATE chats SET language = ? WHERE chat_id = ?", (language.value, chat_id))


async def set_timezone(conn: Connection, chat_id: int, timezone: str) -> None:
    """Change the chat's time zone."""
    await conn.execute("UPDATE chats SET timezone = ? WHERE chat_id = ?", (timezone, chat_id))


async def deactivate(conn: Connection, chat_id: int, now: datetime) -> None:
    """The bot can no longer post here (removed or blocked): stop scheduling, keep the data."""
    await conn.execute(
        "UPDATE chats SET active = 0, inactive_since = ? WHERE chat_id = ? AND active = 1",
        (ts(now), chat_id),
    )


async def is_active(conn: Connection, chat_id: int) -> bool:
    """False once the bot was removed from or blocked in the chat."""
    row = await conn.fetch_one("SELECT active FROM chats WHERE chat_id = ?", (chat_id,))
    return bool(row and row[0])


async def titles(conn: Connection, chat_ids: set[int]) -> dict[int, str | None]:
    """The titles of these chats (None for private chats)."""
    if not chat_ids:
        return {}
    rows = await conn.fetch_all(
        f"SELECT chat_id, title FROM chats WHERE chat_id IN ({marks(chat_ids)})",
        list(chat_ids),
    )
    return {row[0]: row[1] for row in rows}


async def get_chat(conn: Connection, chat_id: int) -> Chat | None:
    """The chat, if registered."""
    row = await conn.fetch_one("SELECT * FROM chats WHERE chat_id = ?", (chat_id,))
    return _chat(row) if row else None


async def get_chats(conn: Connection, chat_ids: list[int]) -> dict[int, Chat]:
    """The registered chats among these, by id."""
    sql = f"SELECT * FROM chats WHERE chat_id IN ({marks(chat_ids)})"
    return {chat.chat_id: chat for chat in map(_chat, await conn.fetch_all(sql, chat_ids))}


@dataclass(frozen=True)
class Presence:
    """What the database holds about a chat and one person in it, read in one query."""

    chat: Chat | None
    chat_active: bool
    member: tuple[str, str | None, str | None] | None  # first name, last name, username
    last_seen: datetime | None  # in this chat


async def presence(conn: Connection, chat_id: int, user_id: int | None) -> Presence:
    """The chat's row, the person's names and when they were last seen in the chat (no
    person: user_id None)."""
    row = await conn.fetch_one(
        """SELECT c.*, m.first_name AS m_first, m.last_name AS m_last, m.username AS m_username,
                  cm.last_seen AS m_seen
           FROM (SELECT CAST(? AS BIGINT) AS chat_id, CAST(? AS BIGINT) AS user_id) want
           LEFT JOIN chats c ON c.chat_id = want.chat_id
           LEFT JOIN members m ON m.user_id = want.user_id
           LEFT JOIN chat_members cm ON cm.chat_id = want.chat_id AND cm.user_id = want.user_id""",
        (chat_id, user_id),
    )
    assert row is not None  # the LEFT JOINs always give one row
    return Presence(
        _chat(row) if row["registered_at"] is not None else None,
        bool(row["active"]),
        (row["m_first"], row["m_last"], row["m_username"]) if row["m_first"] is not None else None,
        from_ts(row["m_seen"]),
    )


async def upsert_member(
    conn: Connection,
    chat_id: int,
    member: Member,
    last_name: str | None,
    now: datetime,
) -> None:
    """Remember the member's current name and that they are in this chat."""
    await conn.execute(
        """INSERT INTO members (user_id, first_name, last_name, username, updated_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET first_name = excluded.first_name,
               last_name = excluded.last_name, username = excluded.username,
               updated_at = excluded.updated_at""",
        (member.user_id, member.first_name, last_name, member.username, ts(now)),
    )
    await conn.execute(
        """INSERT INTO chat_members (chat_id, user_id, first_seen, last_seen)
           VALUES (?, ?, ?, ?)
           ON CONFLICT (chat_id, user_id) DO UPDATE SET last_seen = excluded.last_seen""",
        (chat_id, member.user_id, ts(now), ts(now)),
    )
