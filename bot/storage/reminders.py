"""What deadline reminders are owed, and the record that each went out once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain.models import Goal
from bot.storage import goals
from bot.storage.codec import day, from_day, ts
from bot.storage.connection import Connection, Dialect
from bot.storage.rows import marks

ReminderKey = tuple[int, int, str, date]


@dataclass(frozen=True)
class ReminderScope:
    """A chat whose reminders are on: its active goals, zone and lead time."""

    chat_id: int
    timezone: str
    lead_days: int
    goals: list[Goal]


# The day :soon plus the reminders schedule's lead days, as an ISO date.
_LEAD = {
    Dialect.SQLITE: "date(:soon, '+' || s.lead_days || ' days')",
    Dialect.POSTGRESQL: "to_char(CAST(CAST(:soon AS text) AS date) + CAST(s.lead_days AS integer), 'YYYY-MM-DD')",
}


async def scopes(conn: Connection, utc_today: date) -> list[ReminderScope]:
    """Active goals that may be owed a reminder, in chats with reminders on.

    A coarse filter in SQL (a day of slack either side for time zones): goals with their
    deadline or an open milestone inside the lead time, or anything past due without its nudge.
    Goals whose nudges all went out are not loaded again, tick after tick.
    """
    rows = await conn.fetch_all(
        """SELECT g.id, c.chat_id, c.timezone, s.lead_days FROM goals g
           JOIN chats c ON c.chat_id = g.chat_id AND c.active = 1
           JOIN schedules s ON s.chat_id = c.chat_id AND s.kind = 'reminders' AND s.enabled = 1
           WHERE g.status = 'active' AND (
               (g.deadline <= {lead} AND NOT EXISTS (
                   SELECT 1 FROM reminders_sent r WHERE r.goal_id = g.id AND r.milestone_id = 0
                   AND r.kind = 'overdue' AND r.due_date = g.deadline))
               OR EXISTS (
                   SELECT 1 FROM milestones m WHERE m.goal_id = g.id AND m.completed_at IS NULL
                   AND m.removed_at IS NULL AND m.due_date <= {lead}
                   AND NOT EXISTS (
                       SELECT 1 FROM reminders_sent r WHERE r.goal_id = g.id
                       AND r.milestone_id = m.id AND r.kind = 'overdue'
                       AND r.due_date = m.due_date)))
           ORDER BY c.chat_id, g.number""".format(lead=_LEAD[conn.dialect]),
        {"soon": day(utc_today + timedelta(days=1))},
    )
    found = {g.id: g for g in await goals.goals_by_ids(conn, [r[0] for r in rows])}
    by_chat: dict[int, ReminderScope] = {}
    for row in rows:
        scope = by_chat.setdefault(row[1], ReminderScope(row[1], row[2], row[3], []))
        scope.goals.append(found[row[0]])
    return list(by_chat.values())


async def last_moves(conn: Connection, goal_ids: list[int]) -> dict[tuple[int, int], datetime]:
    """When each of these goals' deadlines and milestone dates last moved, by (goal id,
    milestone id or 0 for the goal)."""
    if not goal_ids:
        return {}
    rows = await conn.fetch_all(
        f"""SELECT goal_id, COALESCE(milestone_id, 0), MAX(changed_at) FROM deadline_changes
            WHERE goal_id IN ({marks(goal_ids)}) GROUP BY goal_id, milestone_id""",
        goal_ids,
    )
    return {(r[0], r[1]): datetime.fromisoformat(r[2]) for r in rows}


async def sent_keys(conn: Connection, goal_ids: list[int]) -> set[ReminderKey]:
    """Every reminder already sent for these goals."""
    if not goal_ids:
        return set()
    rows = await conn.fetch_all(
        f"""SELECT goal_id, milestone_id, kind, due_date FROM reminders_sent
            WHERE goal_id IN ({marks(goal_ids)})""",
        goal_ids,
    )
    return {(r[0], r[1], r[2], from_day(r[3])) for r in rows}


async def claim(conn: Connection, key: ReminderKey, now: datetime) -> bool:
    """Record a reminder before it goes out; False when it already went."""
    goal_id, milestone_id, kind, due = key
    changed = await conn.execute(
        """INSERT INTO reminders_sent (goal_id, milestone_id, kind, due_date, sent_at)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
        (goal_id, milestone_id, kind, day(due), ts(now)),
    )
    return changed == 1


async def release(conn: Connection, key: ReminderKey) -> None:
    """Forget a reminder whose send failed for a passing reason, so it is tried again."""
    goal_id, milestone_id, kind, due = key
    await conn.execute(
        """DELETE FROM reminders_sent
           WHERE goal_id = ? AND milestone_id = ? AND kind = ? AND due_date = ?""",
        (goal_id, milestone_id, kind, day(due)),
    )
