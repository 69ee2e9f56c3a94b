"""Schedules and the record of scheduled posts (the exactly-once ledger)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time

from bot.domain.schedules import Kind, Schedule
from bot.storage.codec import from_ts, ts
from bot.storage.connection import Connection, Row
from bot.storage.rows import marks


def _schedule(row: Row) -> Schedule:
    effective = from_ts(row["effective_from"])
    assert effective is not None
    return Schedule(
        chat_id=row["chat_id"],
        kind=Kind(row["kind"]),
        enabled=bool(row["enabled"]),
        at=time.fromisoformat(row["at"]),
        days=tuple(d for d in row["days"].split(",") if d),
        day_of_month=row["day_of_month"],
        lead_days=row["lead_days"],
        effective_from=effective,
        topic_id=row["topic_id"],
        topic_name=row["topic_name"],
    )


async def save(conn: Connection, schedule: Schedule, next_due: datetime | None = None) -> None:
    """Insert or replace one schedule with when it first needs attention (None: work it out
    at the next tick)."""
    await conn.execute(
        """INSERT INTO schedules (chat_id, kind, enabled, at, days, day_of_month, lead_days,
                                  effective_from, next_due)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (chat_id, kind) DO UPDATE SET enabled = excluded.enabled,
               at = excluded.at, days = excluded.days, day_of_month = excluded.day_of_month,
               lead_days = excluded.lead_days, effective_from = excluded.effective_from,
               next_due = excluded.next_due""",
        (
            schedule.chat_id,
            schedule.kind.value,
            int(schedule.enabled),
            schedule.at.strftime("%H:%M"),
            ",".join(schedule.days),
            schedule.day_of_month,
            schedule.lead_days,
            ts(schedule.effective_from),
            ts(next_due) if next_due else None,
        ),
    )


async def set_topic(
    conn: Connection, chat_id: int, kinds: tuple[Kind, ...], topic_id: int | None, name: str | None
) -> None:
    """Where these kinds' posts go: a forum topic (its name kept when not given again), or
    General (None)."""
    wanted = {f"kind{n}": kind.value for n, kind in enumerate(kinds)}
    await conn.execute(
        f"""UPDATE schedules SET topic_name = CASE
                WHEN CAST(:topic AS BIGINT) IS NULL THEN NULL
                WHEN CAST(:name AS TEXT) IS NOT NULL THEN :name
                WHEN topic_id = :topic THEN topic_name END,
            topic_id = :topic
            WHERE chat_id = :chat AND kind IN ({", ".join(f":{key}" for key in wanted)})""",
        {"topic": topic_id, "name": name, "chat": chat_id, **wanted},
    )


async def topic_of(conn: Connection, chat_id: int, kind: Kind) -> int | None:
    """The forum topic this kind of the chat's posts goes to (None: General)."""
    row = await conn.fetch_one(
        "SELECT topic_id FROM schedules WHERE chat_id = ? AND kind = ?", (chat_id, kind.value)
    )
    return None if row is None or row[0] is None else int(row[0])


async def forget_topic(
    conn: Connection, chat_id: int, topic_id: int
) -> tuple[tuple[Kind, ...], str | None]:
    """A topic that refused a post: every kind that went there goes to General now. The kinds
    it had (none when an earlier post already found the topic gone) and its name, if known."""
    rows = await conn.fetch_all(
        "SELECT kind, topic_name FROM schedules WHERE chat_id = ? AND topic_id = ?",
        (chat_id, topic_id),
    )
    await conn.execute(
        "UPDATE schedules SET topic_id = NULL, topic_name = NULL WHERE chat_id = ? AND topic_id = ?",
        (chat_id, topic_id),
    )
    names = [row[1] for row in rows if row[1] is not None]
    return tuple(Kind(row[0]) for row in rows), (names[0] if names else None)


async def for_chat(conn: Connection, chat_id: int) -> dict[Kind, Schedule]:
    """The chat's schedules by kind."""
    return (await for_chats(conn, [chat_id])).get(chat_id, {})


async def for_chats(conn: Connection, chat_ids: list[int]) -> dict[int, dict[Kind, Schedule]]:
    """Several chats' schedules by chat, then kind."""
    sql = f"SELECT * FROM schedules WHERE chat_id IN ({marks(chat_ids)})"
    found: dict[int, dict[Kind, Schedule]] = defaultdict(dict)
    for schedule in map(_schedule, await conn.fetch_all(sql, chat_ids)):
        found[schedule.chat_id][schedule.kind] = schedule
    return found


async def due(
    conn: Connection, kinds: tuple[Kind, ...], now: datetime
) -> list[tuple[Schedule, str]]:
    """Enabled schedules that need attention now (with the zone), in chats the bot can post
    in. A private chat gets posts only while it has an active goal or a running habit: someone
    who just asked for /help there is not sent weekly check-ins."""
    rows = await conn.fetch_all(
        f"""SELECT s.*, c.timezone FROM schedules s JOIN chats c ON c.chat_id = s.chat_id
            WHERE s.enabled = 1 AND c.active = 1 AND s.kind IN ({marks(kinds)})
            AND (s.next_due IS NULL OR s.next_due <= ?)
            AND (c.type != 'private' OR EXISTS (
                SELECT 1 FROM goals g WHERE g.chat_id = c.chat_id AND g.status = 'active')
                OR EXISTS (
                SELECT 1 FROM habits h WHERE h.chat_id = c.chat_id AND h.status = 'active'))
            ORDER BY s.chat_id, s.kind""",
        (*[k.value for k in kinds], ts(now)),
    )
    return [(_schedule(row), row["timezone"]) for row in rows]


async def set_next_due(conn: Connection, chat_id: int, kind: Kind, when: datetime | None) -> None:
    """When the schedule next needs attention (None: never, while it stays as it is)."""
    await conn.execute(
        "UPDATE schedules SET next_due = ? WHERE chat_id = ? AND kind = ?",
        (ts(when) if when else "9999-12-31T00:00:00+00:00", chat_id, kind.value),
    )


DeliveryKey = tuple[int, Kind, str]
_CHUNK = 300


async def recorded(conn: Connection, keys: list[DeliveryKey]) -> set[DeliveryKey]:
    """Which of these (chat, kind, period) posts already have a record that settles them:
    any status but 'retry' (owed again at the next tick) and 'claimed' (in a process's hand,
    or owed again when its lease ended)."""
    return {
        key
        for key, record in (await records(conn, keys)).items()
        if record.status not in ("retry", "claimed")
    }


@dataclass(frozen=True)
class Tries:
    """A post owed again: how often it was tried, why the last try failed, and whether that
    one may have arrived (the next goes out marked as sent again)."""

    tries: int
    last_reason: str | None
    resend: bool


@dataclass(frozen=True)
class Record:
    """A post's line in the ledger."""

    status: str
    tries: Tries
    lease_until: datetime | None


@dataclass(frozen=True)
class Ledger:
    """What the ledger says of a set of due posts at a moment."""

    done: set[DeliveryKey]  # settled: sent, skipped, failed, unknown, or on the wire
    again: dict[DeliveryKey, Tries]  # owed again: a failed try, or a claim whose lease ended
    held: set[DeliveryKey]  # claimed by a process whose lease still runs: left to it


async def ledger(conn: Connection, keys: list[DeliveryKey], now: datetime) -> Ledger:
    """Sort these posts by their records (a post with none is in no set: owed, first try)."""
    done: set[DeliveryKey] = set()
    again: dict[DeliveryKey, Tries] = {}
    held: set[DeliveryKey] = set()
    for key, record in (await records(conn, keys)).items():
        lapsed = record.lease_until is None or record.lease_until <= now
        if record.status == "retry" or (record.status == "claimed" and lapsed):
            again[key] = record.tries
        elif record.status == "claimed":
            held.add(key)
        else:
            done.add(key)
    return Ledger(done, again, held)


async def records(conn: Connection, keys: list[DeliveryKey]) -> dict[DeliveryKey, Record]:
    """The record of each of these posts that has one."""
    found: dict[DeliveryKey, Record] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        values = ",".join("(CAST(? AS BIGINT), ?, ?)" for _ in chunk)
        params = [v for chat_id, kind, period in chunk for v in (chat_id, kind.value, period)]
        rows = await conn.fetch_all(
            f"""SELECT chat_id, kind, period, status, tries, last_reason, resend, lease_until
                FROM deliveries WHERE (chat_id, kind, period) IN (VALUES {values})""",
            params,
        )
        for r in rows:
            tries = Tries(r[4], r[5], bool(r[6]))
            found[(r[0], Kind(r[1]), r[2])] = Record(r[3], tries, from_ts(r[7]))
    return found


async def claim_for(
    conn: Connection,
    posts: list[tuple[DeliveryKey, datetime]],
    holder: str,
    now: datetime,
    until: datetime,
) -> set[DeliveryKey]:
    """Claim these (post, due at) for `holder` until `until`: the ones it got. A post is got
    when it has no record, is owed again ('retry'), or its last holder's lease ended; a post
    another process holds, or that is settled, is not."""
    got: set[DeliveryKey] = set()
    for start in range(0, len(posts), _CHUNK):
        chunk = posts[start : start + _CHUNK]
        values = ",".join("(CAST(? AS BIGINT), ?, ?, ?, 'claimed', ?, ?, ?)" for _ in chunk)
        params = [
            v
            for (chat_id, kind, period), due_at in chunk
            for v in (chat_id, kind.value, period, ts(due_at), ts(now), holder, ts(until))
        ]
        rows = await conn.fetch_all(
            f"""INSERT INTO deliveries (chat_id, kind, period, due_at, status, updated_at,
                                        claimed_by, lease_until)
                VALUES {values} ON CONFLICT (chat_id, kind, period) DO UPDATE
                SET status = 'claimed', updated_at = excluded.updated_at,
                    claimed_by = excluded.claimed_by, lease_until = excluded.lease_until
                WHERE deliveries.status = 'retry' OR (deliveries.status = 'claimed'
                      AND deliveries.lease_until <= excluded.updated_at)
                RETURNING chat_id, kind, period""",
            params,
        )
        got.update((r[0], Kind(r[1]), r[2]) for r in rows)
    return got


async def going_out(
    conn: Connection, key: DeliveryKey, holder: str, now: datetime, until: datetime
) -> bool:
    """The holder's claim becomes 'sending', just before the post goes to Telegram (its lease
    now says when it counts as lost in a dead process). False when the holder lost the
    claim (its lease ended and another process took the post over): it must not send."""
    chat_id, kind, period = key
    changed = await conn.execute(
        """UPDATE deliveries SET status = 'sending', updated_at = ?, lease_until = ?
           WHERE chat_id = ? AND kind = ? AND period = ? AND status = 'claimed'
             AND claimed_by = ?""",
        (ts(now), ts(until), chat_id, kind.value, period, holder),
    )
    return changed == 1


async def lapse_sends(conn: Connection, now: datetime) -> list[DeliveryKey]:
    """Posts left 'sending' past their lease (their process died on the wire), or without one
    (left by a version before leases): they may have reached Telegram, so they are recorded
    as unknown and never sent again. Which they were."""
    rows = await conn.fetch_all(
        """UPDATE deliveries SET status = 'unknown', last_reason = 'lapsed', updated_at = ?
           WHERE status = 'sending' AND (lease_until IS NULL OR lease_until <= ?)
           RETURNING chat_id, kind, period""",
        (ts(now), ts(now)),
    )
    return [(r[0], Kind(r[1]), r[2]) for r in rows]


async def release_claims(conn: Connection, now: datetime) -> int:
    """End every claim's lease now (at start-up, when this process is the only one: the
    claims are its predecessor's, and nobody else can finish them). How many."""
    return await conn.execute(
        "UPDATE deliveries SET lease_until = ? WHERE status = 'claimed'", (ts(now),)
    )


async def claim(
    conn: Connection,
    chat_id: int,
    kind: Kind,
    period: str,
    due_at: datetime,
    now: datetime,
    status: str = "sending",
) -> bool:
    """Record the post before it is sent ('sending') or as missed ('skipped').

    False when the post already has a record: it must not be sent again. A post owed again
    ('retry') can be claimed for sending once more.
    """
    again = "deliveries.status = 'retry'" if status == "sending" else "FALSE"
    changed = await conn.execute(
        f"""INSERT INTO deliveries (chat_id, kind, period, due_at, status, updated_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, kind, period) DO UPDATE
            SET status = excluded.status, updated_at = excluded.updated_at WHERE {again}""",
        (chat_id, kind.value, period, ts(due_at), status, ts(now)),
    )
    return changed == 1


async def finish(
    conn: Connection,
    chat_id: int,
    kind: Kind,
    period: str,
    status: str,
    message_id: int | None,
    now: datetime,
    reason: str | None = None,
) -> None:
    """Close a claim as sent (with the message id), failed (refused) or unknown (it may have
    arrived), counting the try and keeping the reason a failed one gave."""
    await conn.execute(
        """UPDATE deliveries SET status = ?, message_id = ?, updated_at = ?, tries = tries + 1,
               last_reason = COALESCE(?, last_reason)
           WHERE chat_id = ? AND kind = ? AND period = ?""",
        (status, message_id, ts(now), reason, chat_id, kind.value, period),
    )


async def retry(
    conn: Connection,
    chat_id: int,
    kind: Kind,
    period: str,
    reason: str,
    now: datetime,
    *,
    resend: bool = False,
) -> int:
    """A claim whose send failed for a passing reason: owed again at the next tick ('retry'),
    with the try counted; resend: the next one goes out marked as sent again. The tries."""
    await conn.execute(
        """UPDATE deliveries SET status = 'retry', tries = tries + 1, last_reason = ?,
               resend = ?, updated_at = ?
           WHERE chat_id = ? AND kind = ? AND period = ? AND status = 'sending'""",
        (reason, int(resend), ts(now), chat_id, kind.value, period),
    )
    row = await conn.fetch_one(
        "SELECT tries FROM deliveries WHERE chat_id = ? AND kind = ? AND period = ?",
        (chat_id, kind.value, period),
    )
    return int(row[0]) if row else 0


async def forget(conn: Connection, chat_id: int, kind: Kind, period: str) -> None:
    """Drop a post's record (a digest Telegram did not take: a later tick sends it again)."""
    await conn.execute(
        "DELETE FROM deliveries WHERE chat_id = ? AND kind = ? AND period = ?",
        (chat_id, kind.value, period),
    )


async def give_up(conn: Connection, chat_id: int, kind: Kind, period: str, now: datetime) -> bool:
    """A post owed again whose time ran out: recorded as failed. False if it was not owed."""
    changed = await conn.execute(
        """UPDATE deliveries SET status = 'failed', updated_at = ?
           WHERE chat_id = ? AND kind = ? AND period = ? AND (status = 'retry'
                 OR (status = 'claimed' AND lease_until <= ?))""",
        (ts(now), chat_id, kind.value, period, ts(now)),
    )
    return changed == 1


async def status(conn: Connection, chat_id: int, kind: Kind, period: str) -> str | None:
    """What became of a post: claimed, sending, sent, skipped, failed, retry or unknown (None: no
    record)."""
    row = await conn.fetch_one(
        "SELECT status FROM deliveries WHERE chat_id = ? AND kind = ? AND period = ?",
        (chat_id, kind.value, period),
    )
    return str(row[0]) if row else None


async def message_id(conn: Connection, chat_id: int, kind: Kind, period: str) -> int | None:
    """The message a sent post became, if any."""
    row = await conn.fetch_one(
        "SELECT message_id FROM deliveries WHERE chat_id = ? AND kind = ? AND period = ?",
        (chat_id, kind.value, period),
    )
    return int(row[0]) if row and row[0] is not None else None


async def last_sent(conn: Connection, chat_id: int, kind: Kind, before: str) -> datetime | None:
    """When the last post of this kind before `before` (a period) was due."""
    return (await last_sent_in_chats(conn, kind, {chat_id: before})).get(chat_id)


async def last_sent_in_chats(
    conn: Connection, kind: Kind, before: dict[int, str]
) -> dict[int, datetime | None]:
    """For each chat, when its last post of this kind before the given period was due."""
    if not before:
        return {}
    wanted = ",".join("(CAST(? AS BIGINT), ?)" for _ in before)
    rows = await conn.fetch_all(
        f"""WITH want (chat_id, before) AS (VALUES {wanted})
            SELECT want.chat_id, (SELECT d.due_at FROM deliveries d
                WHERE d.chat_id = want.chat_id AND d.kind = ? AND d.status = 'sent'
                AND d.period < want.before ORDER BY d.period DESC LIMIT 1)
            FROM want""",
        [*(x for pair in before.items() for x in pair), kind.value],
    )
    return {row[0]: from_ts(row[1]) for row in rows}


async def sent_for_periods(
    conn: Connection, kind: Kind, periods: dict[int, str]
) -> dict[int, datetime]:
    """For each chat whose post of this kind for the given period went out, when it was due."""
    if not periods:
        return {}
    wanted = ",".join("(CAST(? AS BIGINT), ?)" for _ in periods)
    rows = await conn.fetch_all(
        f"""WITH want (chat_id, period) AS (VALUES {wanted})
            SELECT d.chat_id, d.due_at FROM want JOIN deliveries d
                ON d.chat_id = want.chat_id AND d.period = want.period
            WHERE d.kind = ? AND d.status = 'sent'""",
        [*(x for pair in periods.items() for x in pair), kind.value],
    )
    return {row[0]: moment for row in rows if (moment := from_ts(row[1])) is not None}


async def sent_since(
    conn: Connection, kind: Kind, since: dict[int, str]
) -> dict[int, dict[str, datetime]]:
    """For each chat, the posts of this kind that went out for periods from the given one on:
    period to when it was due. One query however many chats."""
    if not since:
        return {}
    wanted = ",".join("(CAST(? AS BIGINT), ?)" for _ in since)
    rows = await conn.fetch_all(
        f"""WITH want (chat_id, since) AS (VALUES {wanted})
            SELECT d.chat_id, d.period, d.due_at FROM want JOIN deliveries d
                ON d.chat_id = want.chat_id AND d.period >= want.since
            WHERE d.kind = ? AND d.status = 'sent'""",
        [*(x for pair in since.items() for x in pair), kind.value],
    )
    found: dict[int, dict[str, datetime]] = defaultdict(dict)
    for row in rows:
        if (moment := from_ts(row[2])) is not None:
            found[row[0]][row[1]] = moment
    return found


async def prompts_between(
    conn: Connection, chat_id: int, kind: Kind, start: datetime, end: datetime
) -> list[tuple[str, datetime]]:
    """The period and due time of each post of this kind that went out, due in [start, end)."""
    rows = await conn.fetch_all(
        """SELECT period, due_at FROM deliveries WHERE chat_id = ? AND kind = ? AND status = 'sent'
           AND due_at >= ? AND due_at < ? ORDER BY due_at""",
        (chat_id, kind.value, ts(start), ts(end)),
    )
    return [_prompt(row) for row in rows]


async def latest_prompts(
    conn: Connection, chat_id: int, kind: Kind, before: datetime, count: int
) -> list[tuple[str, datetime]]:
    """The period and due time of the last `count` posts of this kind that went out before a
    moment, newest first."""
    rows = await conn.fetch_all(
        """SELECT period, due_at FROM deliveries WHERE chat_id = ? AND kind = ? AND status = 'sent'
           AND due_at < ? ORDER BY due_at DESC LIMIT ?""",
        (chat_id, kind.value, ts(before), count),
    )
    return [_prompt(row) for row in rows]


async def prompts_from(
    conn: Connection, chat_id: int, kind: Kind, moment: datetime, end: datetime
) -> list[tuple[str, datetime]]:
    """The period and due time of each post of this kind that went out from the one whose
    period a moment fell in (the last due at or before it) until `end` (not included)."""
    rows = await conn.fetch_all(
        """SELECT period, due_at FROM deliveries WHERE chat_id = :chat AND kind = :kind
           AND status = 'sent' AND due_at < :end AND due_at >= COALESCE(
               (SELECT MAX(due_at) FROM deliveries WHERE chat_id = :chat AND kind = :kind
                AND status = 'sent' AND due_at <= :moment), :moment)
           ORDER BY due_at""",
        {"chat": chat_id, "kind": kind.value, "moment": ts(moment), "end": ts(end)},
    )
    return [_prompt(row) for row in rows]


def _prompt(row: Row) -> tuple[str, datetime]:
    due_at = from_ts(row[1])
    assert due_at is not None
    return row[0], due_at


async def last_due(
    conn: Connection, keys: list[tuple[int, Kind]]
) -> dict[tuple[int, Kind], datetime]:
    """For each (chat, kind), when its latest recorded post was due (whatever became of it);
    pairs with no record are left out. A few queries however many pairs."""
    found: dict[tuple[int, Kind], datetime] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        values = ",".join("(CAST(? AS BIGINT), ?)" for _ in chunk)
        rows = await conn.fetch_all(
            f"""WITH want (chat_id, kind) AS (VALUES {values})
                SELECT want.chat_id, want.kind, (SELECT MAX(d.due_at) FROM deliveries d
                    WHERE d.chat_id = want.chat_id AND d.kind = want.kind)
                FROM want""",
            [v for chat_id, kind in chunk for v in (chat_id, kind.value)],
        )
        found.update(
            ((r[0], Kind(r[1])), moment) for r in rows if (moment := from_ts(r[2])) is not None
        )
    return found


async def unfinished(conn: Connection) -> list[tuple[int, str, str]]:
    """Claims left 'sending' by a crash: (chat, kind, period)."""
    rows = await conn.fetch_all(
        "SELECT chat_id, kind, period FROM deliveries WHERE status = 'sending'"
    )
    return [(r[0], r[1], r[2]) for r in rows]


async def mark_unfinished_unknown(conn: Connection, now: datetime) -> None:
    """After a crash, a claim still 'sending' may or may not have reached Telegram: recorded as
    unknown, never sent again."""
    await conn.execute(
        """UPDATE deliveries SET status = 'unknown', last_reason = 'crashed', updated_at = ?
           WHERE status = 'sending'""",
        (ts(now),),
    )
