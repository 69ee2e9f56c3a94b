"""Partners, partner invitations and notices, mentors, and who can get direct messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.models import Member
from bot.domain.people import InviteStatus, NoticeKind
from bot.domain.schedules import Kind
from bot.storage.codec import from_ts, ts
from bot.storage.connection import Connection
from bot.storage.rows import marks


async def member_by_username(conn: Connection, chat_id: int, username: str) -> Member | None:
    """A member seen in this chat with this @username (case-insensitive).

    Only this chat's members: a name seen in another group never reaches into this one.
    """
    row = await conn.fetch_one(
        """SELECT m.user_id, m.first_name, m.username FROM members m
           JOIN chat_members cm ON cm.user_id = m.user_id AND cm.chat_id = ?
           WHERE lower(m.username) = lower(?) ORDER BY cm.last_seen DESC LIMIT 1""",
        (chat_id, username.lstrip("@")),
    )
    return Member(row[0], row[1], row[2]) if row else None


async def member(conn: Connection, user_id: int) -> Member | None:
    """The member with this id, if the bot has seen them."""
    row = await conn.fetch_one(
        "SELECT user_id, first_name, username FROM members WHERE user_id = ?", (user_id,)
    )
    return Member(row[0], row[1], row[2]) if row else None


async def upsert_seen(conn: Connection, chat_id: int, member: Member, now: datetime) -> None:
    """Remember someone the bot only saw as the author of a replied-to message."""
    await conn.execute(
        """INSERT INTO members (user_id, first_name, username, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET first_name = excluded.first_name,
               username = COALESCE(excluded.username, members.username)""",
        (member.user_id, member.first_name, member.username, ts(now)),
    )
    await conn.execute(
        """INSERT INTO chat_members (chat_id, user_id, first_seen, last_seen) VALUES (?, ?, ?, ?)
           ON CONFLICT (chat_id, user_id) DO NOTHING""",
        (chat_id, member.user_id, ts(now), ts(now)),
    )


async def set_private_chat(conn: Connection, user_id: int, open_: bool) -> None:
    """Remember whether the member has a private chat with the bot (for direct messages)."""
    await conn.execute(
        "UPDATE members SET private_chat = ? WHERE user_id = ?", (int(open_), user_id)
    )


async def has_private_chat(conn: Connection, user_id: int) -> bool:
    """True when the bot can send the member a direct message."""
    row = await conn.fetch_one("SELECT private_chat FROM members WHERE user_id = ?", (user_id,))
    return bool(row and row[0])


async def partner_of(conn: Connection, chat_id: int, user_id: int) -> Member | None:
    """The member's accountability partner in this chat."""
    row = await conn.fetch_one(
        """SELECT m.user_id, m.first_name, m.username FROM partnerships p
           JOIN members m ON m.user_id = p.partner_id WHERE p.chat_id = ? AND p.user_id = ?""",
        (chat_id, user_id),
    )
    return Member(row[0], row[1], row[2]) if row else None


async def open_invites(
    conn: Connection, chat_id: int, user_id: int
) -> tuple[list[Member], list[Member]]:
    """Partner invitations still waiting in this chat: (whom the member invited, who invited
    the member)."""
    rows = await conn.fetch_all(
        """SELECT i.inviter_id = :me, m.user_id, m.first_name, m.username FROM partner_invites i
           JOIN members m ON m.user_id = CASE WHEN i.inviter_id = :me THEN i.invitee_id
                                              ELSE i.inviter_id END
           WHERE i.chat_id = :chat AND i.status = 'pending'
             AND (i.inviter_id = :me OR i.invitee_id = :me)
           ORDER BY i.created_at""",
        {"chat": chat_id, "me": user_id},
    )
    sent = [Member(r[1], r[2], r[3]) for r in rows if r[0]]
    received = [Member(r[1], r[2], r[3]) for r in rows if not r[0]]
    return sent, received


async def partnered_members(conn: Connection, chat_id: int) -> list[tuple[Member, datetime]]:
    """Everyone in the chat who has a partner, and since when."""
    rows = await conn.fetch_all(
        """SELECT m.user_id, m.first_name, m.username, p.since FROM partnerships p
           JOIN members m ON m.user_id = p.user_id WHERE p.chat_id = ? ORDER BY m.user_id""",
        (chat_id,),
    )
    found = []
    for user_id, first_name, username, since in rows:
        began = from_ts(since)
        assert began is not None
        found.append((Member(user_id, first_name, username), began))
    return found


async def pair(conn: Connection, chat_id: int, a: int, b: int, now: datetime) -> None:
    """Make two members partners (both directions)."""
    await conn.execute_many(
        "INSERT INTO partnerships (chat_id, user_id, partner_id, since) VALUES (?, ?, ?, ?)",
        [(chat_id, a, b, ts(now)), (chat_id, b, a, ts(now))],
    )


async def unpair(conn: Connection, chat_id: int, user_id: int) -> Member | None:
    """End the member's partnership; returns the former partner."""
    partner = await partner_of(conn, chat_id, user_id)
    if partner is not None:
        await conn.execute(
            "DELETE FROM partnerships WHERE chat_id = ? AND user_id IN (?, ?)",
            (chat_id, user_id, partner.user_id),
        )
    return partner


async def invite(
    conn: Connection, chat_id: int, inviter_id: int, invitee_id: int, now: datetime
) -> int:
    """Record a partner invitation; returns its id."""
    return await conn.insert(
        """INSERT INTO partner_invites (chat_id, inviter_id, invitee_id, created_at)
           VALUES (?, ?, ?, ?)""",
        (chat_id, inviter_id, invitee_id, ts(now)),
    )


async def get_invite(conn: Connection, invite_id: int) -> tuple[int, int, int, InviteStatus] | None:
    """(chat, inviter, invitee, status) of an invitation."""
    row = await conn.fetch_one(
        "SELECT chat_id, inviter_id, invitee_id, status FROM partner_invites WHERE id = ?",
        (invite_id,),
    )
    return (row[0], row[1], row[2], InviteStatus(row[3])) if row else None


async def answer_invite(
    conn: Connection, invite_id: int, status: InviteStatus, now: datetime
) -> None:
    """Accept, decline or withdraw an invitation."""
    await conn.execute(
        "UPDATE partner_invites SET status = ?, answered_at = ? WHERE id = ?",
        (status, ts(now), invite_id),
    )


async def claim_notice(
    conn: Connection,
    chat_id: int,
    user_id: int,
    kind: NoticeKind,
    subject: str,
    now: datetime,
) -> bool:
    """Record a partner notice before sending it; False when it already went."""
    changed = await conn.execute(
        """INSERT INTO partner_notices (chat_id, user_id, kind, subject, sent_at)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
        (chat_id, user_id, kind, subject, ts(now)),
    )
    return changed == 1


async def mentors(conn: Connection, chat_id: int) -> list[Member]:
    """The chat's mentors."""
    rows = await conn.fetch_all(
        """SELECT m.user_id, m.first_name, m.username FROM mentors x
           JOIN members m ON m.user_id = x.user_id WHERE x.chat_id = ? ORDER BY x.added_at""",
        (chat_id,),
    )
    return [Member(r[0], r[1], r[2]) for r in rows]


async def add_mentor(
    conn: Connection, chat_id: int, user_id: int, added_by: int | None, now: datetime
) -> bool:
    """Make a member a mentor of the chat; False when they already are."""
    changed = await conn.execute(
        """INSERT INTO mentors (chat_id, user_id, added_by, added_at) VALUES (?, ?, ?, ?)
           ON CONFLICT DO NOTHING""",
        (chat_id, user_id, added_by, ts(now)),
    )
    return changed == 1


async def remove_mentor(conn: Connection, chat_id: int, user_id: int) -> bool:
    """Remove a mentor; False when they were not one."""
    changed = await conn.execute(
        "DELETE FROM mentors WHERE chat_id = ? AND user_id = ?", (chat_id, user_id)
    )
    return changed == 1


async def mentors_to_brief(
    conn: Connection,
) -> list[tuple[int, str, Member, datetime]]:
    """(chat, its time zone, mentor, since) for mentors of active chats who can get DMs."""
    rows = await conn.fetch_all(
        """SELECT x.chat_id, c.timezone, m.user_id, m.first_name, m.username, x.added_at
           FROM mentors x JOIN chats c ON c.chat_id = x.chat_id AND c.active = 1
           JOIN members m ON m.user_id = x.user_id AND m.private_chat = 1
           JOIN chats p ON p.chat_id = m.user_id AND p.type = 'private'
           ORDER BY x.chat_id, x.user_id""",
    )
    found = []
    for row in rows:
        since = from_ts(row[5])
        assert since is not None
        found.append((row[0], row[1], Member(row[2], row[3], row[4]), since))
    return found


async def is_mentor(conn: Connection, chat_id: int, user_id: int) -> bool:
    """True for the chat's mentors."""
    sql = "SELECT 1 FROM mentors WHERE chat_id = ? AND user_id = ?"
    return await conn.fetch_one(sql, (chat_id, user_id)) is not None


async def mentored_chats(conn: Connection, user_id: int) -> list[int]:
    """The chats (still with the bot) this member mentors."""
    rows = await conn.fetch_all(
        """SELECT x.chat_id FROM mentors x JOIN chats c ON c.chat_id = x.chat_id AND c.active = 1
           WHERE x.user_id = ? ORDER BY x.added_at""",
        (user_id,),
    )
    return [row[0] for row in rows]


async def last_digest(
    conn: Connection, chat_id: int, mentor_ids: Sequence[int], before: datetime
) -> datetime | None:
    """When the chat's last mentor digest before a moment went out (to any of its mentors;
    each is recorded under the mentor's private chat, as '<chat>:<week>')."""
    if not mentor_ids:
        return None
    prefix = f"{chat_id}:"
    row = await conn.fetch_one(
        f"""SELECT MAX(due_at) FROM deliveries
            WHERE chat_id IN ({marks(mentor_ids)}) AND kind = ?
            AND status = 'sent' AND substr(period, 1, ?) = ? AND due_at < ?""",
        (*mentor_ids, Kind.MENTOR_DIGEST.value, len(prefix), prefix, ts(before)),
    )
    return from_ts(row[0]) if row and row[0] else None


async def own_zone(conn: Connection, user_id: int) -> str | None:
    """The member's own time zone (None: not set, each chat's applies)."""
    row = await conn.fetch_one("SELECT timezone FROM members WHERE user_id = ?", (user_id,))
    return row[0] if row else None


async def set_own_zone(conn: Connection, user_id: int, zone: str | None) -> None:
    """Set (or, with None, clear) the member's own time zone."""
    await conn.execute("UPDATE members SET timezone = ? WHERE user_id = ?", (zone, user_id))
