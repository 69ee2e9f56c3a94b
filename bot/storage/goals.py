"""Goals, their milestones, progress log and deadline history."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.calendar_events import Changes
from bot.domain.models import DeadlineChange, Goal, GoalStatus, Member, Milestone, TitleChange
from bot.storage.codec import day, from_day, from_ts, ts
from bot.storage.connection import Connection, Dialect, Row
from bot.storage.rows import marks

# A goal's milestones come in the same row, as a JSON list, so reading goals is one query
# (one trip to the database thread) however many goals and milestones there are.
_MILESTONE_FIELDS = """ms.id, ms.number, ms.title, ms.due_date, ms.created_at, ms.completed_at,
                       ms.status_changes, ms.status_changed_at, ms.removed_at"""
_MILESTONES_JSON = {
    Dialect.SQLITE: f"""
        (SELECT json_group_array(json_array({_MILESTONE_FIELDS}))
         FROM (SELECT * FROM milestones WHERE goal_id = g.id ORDER BY number) ms) AS milestones
    """,
    Dialect.POSTGRESQL: f"""
        (SELECT COALESCE(json_agg(json_build_array({_MILESTONE_FIELDS}) ORDER BY ms.number), '[]')
         FROM milestones ms WHERE ms.goal_id = g.id) AS milestones
    """,
}
_GOAL_SELECT = {
    dialect: f"""
    SELECT g.*, m.first_name AS owner_first_name, m.username AS owner_username,
           m.timezone AS owner_timezone,
           c.timezone AS chat_timezone, {milestones}
    FROM goals g JOIN members m ON m.user_id = g.owner_id JOIN chats c ON c.chat_id = g.chat_id
"""
    for dialect, milestones in _MILESTONES_JSON.items()
}


def _milestones(goal_id: int, text: str) -> tuple[tuple[Milestone, ...], tuple[Milestone, ...]]:
    """A goal's milestones from their JSON list, by number: (kept, removed)."""
    day_of, moment = date.fromisoformat, datetime.fromisoformat  # thousands per fan-out
    milestones = [
        Milestone(id_, goal_id, number, title, day_of(due), moment(created),
                  moment(completed) if completed else None,
                  changes, moment(changed) if changed else None,
                  moment(removed) if removed else None)
        for id_, number, title, due, created, completed, changes, changed, removed
        in json.loads(text)
    ]  # fmt: skip
    milestones.sort(key=lambda m: m.number)
    kept = tuple(m for m in milestones if m.removed_at is None)
    return kept, tuple(m for m in milestones if m.removed_at is not None)


def _goal(row: Row) -> Goal:
    """A goal from a row of _GOAL_SELECT (or of an INSERT .. RETURNING shaped like it)."""
    created = from_ts(row["created_at"])
    assert created is not None
    milestones, removed = _milestones(row["id"], row["milestones"])
    return Goal(
        id=row["id"],
        chat_id=row["chat_id"],
        number=row["number"],
        owner=Member(
            row["owner_id"], row["owner_first_name"], row["owner_username"], row["owner_timezone"]
        ),
        title=row["title"],
        deadline=from_day(row["deadline"]),
        status=GoalStatus(row["status"]),
        created_at=created,
        why=row["why"],
        # RETURNING gives values as inserted, before the REAL columns' conversion.
        target=None if row["target"] is None else float(row["target"]),
        unit=row["unit"],
        current=float(row["current"]),
        completed_at=from_ts(row["completed_at"]),
        abandoned_at=from_ts(row["abandoned_at"]),
        milestones=milestones,
        removed_milestones=removed,
        started_on=created.astimezone(ZoneInfo(row["chat_timezone"])).date(),
        status_changes=row["status_changes"],
        status_changed_at=from_ts(row["status_changed_at"]),
        baseline=None if row["baseline"] is None else float(row["baseline"]),
    )


async def insert_goal(
    conn: Connection,
    *,
    chat_id: int,
    owner_id: int,
    title: str,
    deadline: date,
    target: float | None,
    unit: str,
    why: str | None,
    now: datetime,
    baseline: float | None = None,
) -> Goal:
    """Create a goal with the chat's next number (from the chat's counter), and read it back
    in the same statement that stores it."""
    number = await next_goal_number(conn, chat_id)
    row = await conn.fetch_one(
        """INSERT INTO goals (chat_id, number, owner_id, title, why, target, unit, baseline,
                              current, deadline, created_at, updated_at)
           VALUES (:chat, :number, :owner, :title, :why, :target, :unit,
                   :baseline, COALESCE(CAST(:baseline AS DOUBLE PRECISION), 0), :deadline, :now, :now)
           RETURNING *,
               (SELECT first_name FROM members WHERE user_id = owner_id) AS owner_first_name,
               (SELECT username FROM members WHERE user_id = owner_id) AS owner_username,
               (SELECT timezone FROM members WHERE user_id = owner_id) AS owner_timezone,
               (SELECT timezone FROM chats WHERE chat_id = :chat) AS chat_timezone,
               '[]' AS milestones""",
        {"chat": chat_id, "number": number, "owner": owner_id, "title": title, "why": why,
         "target": target, "unit": unit, "baseline": baseline, "deadline": day(deadline),
         "now": ts(now)},
    )  # fmt: skip
    assert row is not None
    return _goal(row)


async def next_goal_number(conn: Connection, chat_id: int) -> int:
    """The chat's next number for a goal or a habit (they share one sequence)."""
    return await _next_number(conn, "chats", "goals_numbered", "chat_id", chat_id)


async def _next_number(conn: Connection, table: str, counter: str, key: str, value: int) -> int:
    """Advance the owning row's counter and return it: the row lock (SQLite's write lock, a
    PostgreSQL row lock) orders concurrent writers, so no two inserts get the same number."""
    row = await conn.fetch_one(
        f"UPDATE {table} SET {counter} = {counter} + 1 WHERE {key} = ? RETURNING {counter}",
        (value,),
    )
    assert row is not None, f"no {table} row {value} to number under"
    return int(row[0])


async def same_active_goal(
    conn: Connection, chat_id: int, owner_id: int, title: str, deadline: date
) -> tuple[int, str] | None:
    """The owner's active goal here with this title (any case) and deadline: (number, title)."""
    rows = await conn.fetch_all(
        """SELECT number, title FROM goals WHERE chat_id = ? AND owner_id = ?
           AND status = 'active' AND deadline = ?""",
        (chat_id, owner_id, day(deadline)),
    )
    wanted = title.casefold()
    return next(((r[0], r[1]) for r in rows if r[1].casefold() == wanted), None)


async def goal_by_number(conn: Connection, chat_id: int, number: int) -> Goal | None:
    """The chat's goal with this number, with its milestones."""
    row = await conn.fetch_one(
        _GOAL_SELECT[conn.dialect] + " WHERE g.chat_id = ? AND g.number = ?", (chat_id, number)
    )
    return _goal(row) if row else None


async def goal_by_id(conn: Connection, goal_id: int) -> Goal | None:
    """The goal with this row id, with its milestones."""
    row = await conn.fetch_one(_GOAL_SELECT[conn.dialect] + " WHERE g.id = ?", (goal_id,))
    return _goal(row) if row else None


async def goals_by_ids(conn: Connection, goal_ids: Sequence[int]) -> list[Goal]:
    """These goals, in the order asked for (missing ones left out)."""
    if not goal_ids:
        return []
    rows = await conn.fetch_all(
        _GOAL_SELECT[conn.dialect] + f" WHERE g.id IN ({marks(goal_ids)})", list(goal_ids)
    )
    found = {g.id: g for g in map(_goal, rows)}
    return [found[i] for i in goal_ids if i in found]


async def goals_of_owner(conn: Connection, owner_id: int) -> list[Goal]:
    """A member's active and achieved goals in every chat, by chat then number."""
    rows = await conn.fetch_all(
        _GOAL_SELECT[conn.dialect]
        + """ WHERE g.owner_id = ? AND g.status IN ('active', 'completed')
                           ORDER BY g.chat_id, g.number""",
        (owner_id,),
    )
    return list(map(_goal, rows))


async def chats_with_goal_number(
    conn: Connection, owner_id: int, number: int, other_than: int
) -> list[str | None]:
    """The titles of the other chats where a member has an active or achieved goal #number."""
    rows = await conn.fetch_all(
        """SELECT c.title FROM goals g JOIN chats c ON c.chat_id = g.chat_id
           WHERE g.owner_id = ? AND g.number = ? AND g.chat_id != ?
             AND g.status IN ('active', 'completed')
           ORDER BY c.title""",
        (owner_id, number, other_than),
    )
    return [row[0] for row in rows]


async def goals_in_chat(
    conn: Connection,
    chat_id: int,
    *,
    owner_id: int | None = None,
    statuses: Sequence[GoalStatus] = (GoalStatus.ACTIVE, GoalStatus.COMPLETED),
) -> list[Goal]:
    """The chat's goals (optionally one owner's), oldest first."""
    params: list[object] = [chat_id, *[s.value for s in statuses]]
    where = f"g.chat_id = ? AND g.status IN ({marks(statuses)})"
    if owner_id is not None:
        where += " AND g.owner_id = ?"
        params.append(owner_id)
    rows = await conn.fetch_all(
        _GOAL_SELECT[conn.dialect] + f" WHERE {where} ORDER BY g.number", params
    )
    return list(map(_goal, rows))


async def dropped_count(
    conn: Connection, *, owner_id: int | None = None, chat_id: int | None = None
) -> int:
    """How many abandoned goals an owner has, or a chat has (optionally one owner's)."""
    where = ["status = 'abandoned'"]
    params: list[object] = []
    if chat_id is not None:
        where.append("chat_id = ?")
        params.append(chat_id)
    if owner_id is not None:
        where.append("owner_id = ?")
        params.append(owner_id)
    row = await conn.fetch_one(f"SELECT COUNT(*) FROM goals WHERE {' AND '.join(where)}", params)
    return int(row[0]) if row else 0


async def goals_of_chats(
    conn: Connection,
    chat_ids: list[int],
    statuses: Sequence[GoalStatus] = (GoalStatus.ACTIVE, GoalStatus.COMPLETED),
) -> dict[int, list[Goal]]:
    """Several chats' goals by chat, oldest first, read in one query whatever their number."""
    if not chat_ids:
        return {}
    where = f"g.chat_id IN ({marks(chat_ids)}) AND g.status IN ({marks(statuses)})"
    params = [*chat_ids, *(s.value for s in statuses)]
    rows = await conn.fetch_all(
        _GOAL_SELECT[conn.dialect] + f" WHERE {where} ORDER BY g.chat_id, g.number", params
    )
    by_chat: dict[int, list[Goal]] = defaultdict(list)
    for goal in map(_goal, rows):
        by_chat[goal.chat_id].append(goal)
    return by_chat


async def active_goals_in_chats(conn: Connection, chat_ids: Sequence[int]) -> dict[int, list[Goal]]:
    """Active goals (with milestones) of several chats, by chat."""
    return await goals_of_chats(conn, list(chat_ids), (GoalStatus.ACTIVE,))


async def set_why(conn: Connection, goal: Goal, why: str, now: datetime) -> Goal:
    """Record why the goal matters."""
    await conn.execute(
        "UPDATE goals SET why = ?, updated_at = ? WHERE id = ?", (why, ts(now), goal.id)
    )
    return replace(goal, why=why)


async def set_target(conn: Connection, goal: Goal, changed: Goal, now: datetime) -> Goal:
    """Store the goal's numeric target, its unit and baseline, and its current value."""
    await conn.execute(
        """UPDATE goals SET target = ?, unit = ?, baseline = ?, current = ?, updated_at = ?
           WHERE id = ?""",
        (changed.target, changed.unit, changed.baseline, changed.current, ts(now), goal.id),
    )
    return changed


async def log_progress(
    conn: Connection, goal: Goal, value: float, now: datetime, note: str | None = None
) -> Goal:
    """Set the goal's current value and log the change, with the member's note if any."""
    await conn.execute(
        "UPDATE goals SET current = ?, updated_at = ? WHERE id = ?", (value, ts(now), goal.id)
    )
    await conn.execute(
        "INSERT INTO progress_log (goal_id, value, delta, logged_at, note) VALUES (?, ?, ?, ?, ?)",
        (goal.id, value, round(value - goal.current, 6), ts(now), note),
    )
    return replace(goal, current=value)


@dataclass(frozen=True)
class ProgressEntry:
    """One logged progress value: what it set, what it changed, when."""

    id: int
    value: float
    delta: float
    logged_at: datetime


async def last_progress(conn: Connection, goal_id: int) -> ProgressEntry | None:
    """The goal's latest progress entry, if any."""
    row = await conn.fetch_one(
        """SELECT id, value, delta, logged_at FROM progress_log WHERE goal_id = ?
           ORDER BY id DESC LIMIT 1""",
        (goal_id,),
    )
    if row is None:
        return None
    logged = from_ts(row[3])
    assert logged is not None
    return ProgressEntry(row[0], float(row[1]), float(row[2]), logged)


async def take_back_progress(
    conn: Connection, goal: Goal, entry: ProgressEntry, now: datetime
) -> Goal:
    """Delete the entry and set the goal back to the value before it."""
    before = round(entry.value - entry.delta, 6)
    await conn.execute("DELETE FROM progress_log WHERE id = ?", (entry.id,))
    await conn.execute(
        "UPDATE goals SET current = ?, updated_at = ? WHERE id = ?", (before, ts(now), goal.id)
    )
    return replace(goal, current=before)


async def progress_history(conn: Connection, goal_id: int) -> list[tuple[datetime, float]]:
    """(when, value) of every progress change, oldest first."""
    rows = await conn.fetch_all(
        "SELECT logged_at, value FROM progress_log WHERE goal_id = ? ORDER BY id", (goal_id,)
    )
    history = []
    for row in rows:
        logged = from_ts(row["logged_at"])
        assert logged is not None
        history.append((logged, float(row["value"])))
    return history


async def set_status(conn: Connection, goal: Goal, status: GoalStatus, now: datetime) -> Goal:
    """Mark the goal completed or abandoned (or active again), counting the change."""
    completed = now if status is GoalStatus.COMPLETED else None
    abandoned = now if status is GoalStatus.ABANDONED else None
    await conn.execute(
        """UPDATE goals SET status = ?, completed_at = ?, abandoned_at = ?, updated_at = ?,
                            status_changes = status_changes + 1, status_changed_at = ?
           WHERE id = ?""",
        (
            status.value,
            ts(completed) if completed else None,
            ts(abandoned) if abandoned else None,
            ts(now),
            ts(now),
            goal.id,
        ),
    )
    return replace(
        goal,
        status=status,
        completed_at=completed,
        abandoned_at=abandoned,
        status_changes=goal.status_changes + 1,
        status_changed_at=now,
    )


async def insert_milestone(
    conn: Connection, goal: Goal, title: str, due: date, now: datetime
) -> Goal:
    """Add a milestone with the goal's next number (from the goal's counter); returns the
    goal with it."""
    number = await _next_number(conn, "goals", "milestones_numbered", "id", goal.id)
    milestone_id = await conn.insert(
        """INSERT INTO milestones (goal_id, number, title, due_date, created_at)
           VALUES (?, ?, ?, ?, ?)""",
        (goal.id, number, title, day(due), ts(now)),
    )
    milestone = Milestone(milestone_id, goal.id, number, title, due, now)
    return replace(goal, milestones=(*goal.milestones, milestone))


def _replace_milestone(goal: Goal, updated: Milestone) -> Goal:
    milestones = tuple(updated if m.id == updated.id else m for m in goal.milestones)
    return replace(goal, milestones=milestones)


async def complete_milestone(
    conn: Connection, goal: Goal, milestone: Milestone, now: datetime
) -> Goal:
    """Mark a milestone completed; returns the goal with it done."""
    return await _set_milestone_done(conn, goal, milestone, now, now)


async def reopen_milestone(
    conn: Connection, goal: Goal, milestone: Milestone, now: datetime
) -> Goal:
    """Mark a completed milestone open again; returns the goal with it open."""
    await conn.execute("UPDATE goals SET updated_at = ? WHERE id = ?", (ts(now), goal.id))
    return await _set_milestone_done(conn, goal, milestone, None, now)


async def _set_milestone_done(
    conn: Connection,
    goal: Goal,
    milestone: Milestone,
    done_at: datetime | None,
    now: datetime,
) -> Goal:
    """Done at a moment, or open again (None); either way a status change, counted. The row
    changes only from open to done or from done to open, never twice the same way."""
    await conn.execute(
        """UPDATE milestones SET completed_at = ?, status_changes = status_changes + 1,
                                 status_changed_at = ?
           WHERE id = ? AND (completed_at IS NULL) = (CAST(? AS TEXT) IS NOT NULL)""",
        (ts(done_at) if done_at else None, ts(now), milestone.id, ts(done_at) if done_at else None),
    )
    changed = replace(
        milestone,
        completed_at=done_at,
        status_changes=milestone.status_changes + 1,
        status_changed_at=now,
    )
    return _replace_milestone(goal, changed)


async def goal_id_of_milestone(conn: Connection, milestone_id: int) -> int | None:
    """The row id of the goal this milestone belongs to, if it still exists."""
    row = await conn.fetch_one("SELECT goal_id FROM milestones WHERE id = ?", (milestone_id,))
    return int(row[0]) if row else None


async def remove_milestone(
    conn: Connection, goal: Goal, milestone: Milestone, now: datetime
) -> Goal:
    """Mark a milestone removed; returns the goal with it among the removed ones."""
    await conn.execute(
        "UPDATE milestones SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
        (ts(now), milestone.id),
    )
    await conn.execute("UPDATE goals SET updated_at = ? WHERE id = ?", (ts(now), goal.id))
    gone = replace(milestone, removed_at=now)
    return replace(
        goal,
        milestones=tuple(m for m in goal.milestones if m.id != milestone.id),
        removed_milestones=tuple(sorted((*goal.removed_milestones, gone), key=lambda m: m.number)),
    )


async def move_deadline(
    conn: Connection,
    goal: Goal,
    milestone: Milestone | None,
    new_date: date,
    reason: str | None,
    now: datetime,
) -> Goal:
    """Move a goal's or milestone's date and keep the old one in the history."""
    if milestone is None:
        old = goal.deadline
        await conn.execute(
            "UPDATE goals SET deadline = ?, updated_at = ? WHERE id = ?",
            (day(new_date), ts(now), goal.id),
        )
        updated = replace(goal, deadline=new_date)
    else:
        old = milestone.due_date
        await conn.execute(
            "UPDATE milestones SET due_date = ? WHERE id = ?", (day(new_date), milestone.id)
        )
        updated = _replace_milestone(goal, replace(milestone, due_date=new_date))
    await conn.execute(
        """INSERT INTO deadline_changes (goal_id, milestone_id, old_date, new_date, reason,
                                         changed_at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        (goal.id, milestone.id if milestone else None, day(old), day(new_date), reason, ts(now)),
    )
    return updated


async def deadline_history(conn: Connection, goal_id: int) -> list[DeadlineChange]:
    """Every deadline move of the goal and its milestones, oldest first."""
    rows = await conn.fetch_all(
        "SELECT * FROM deadline_changes WHERE goal_id = ? ORDER BY id", (goal_id,)
    )
    changes = []
    for row in rows:
        changed = from_ts(row["changed_at"])
        assert changed is not None
        changes.append(
            DeadlineChange(
                row["goal_id"],
                row["milestone_id"],
                from_day(row["old_date"]),
                from_day(row["new_date"]),
                row["reason"],
                changed,
            )
        )
    return changes


async def date_moves(
    conn: Connection, goal_ids: Sequence[int]
) -> dict[tuple[int, int | None], Changes]:
    """How often each of these goals' and their milestones' dates moved, by (goal id,
    milestone id or None for the goal itself), in one query."""
    return await _changes(conn, "deadline_changes", goal_ids)


async def moves_since(conn: Connection, goal_ids: Sequence[int], since: datetime) -> dict[int, int]:
    """How many times each of these goals' dates (its own or a milestone's) moved since then."""
    if not goal_ids:
        return {}
    rows = await conn.fetch_all(
        f"""SELECT goal_id, COUNT(*) FROM deadline_changes
            WHERE goal_id IN ({marks(goal_ids)}) AND changed_at >= ? GROUP BY goal_id""",
        [*goal_ids, ts(since)],
    )
    return {int(row[0]): int(row[1]) for row in rows}


async def renames(
    conn: Connection, goal_ids: Sequence[int]
) -> dict[tuple[int, int | None], Changes]:
    """How often each of these goals and their milestones were renamed, keyed like
    date_moves, in one query."""
    return await _changes(conn, "title_changes", goal_ids)


async def _changes(
    conn: Connection, table: str, goal_ids: Sequence[int]
) -> dict[tuple[int, int | None], Changes]:
    if not goal_ids:
        return {}
    rows = await conn.fetch_all(
        f"""SELECT goal_id, milestone_id, COUNT(*) AS changes, MAX(changed_at) AS last
            FROM {table} WHERE goal_id IN ({marks(goal_ids)})
            GROUP BY goal_id, milestone_id""",
        list(goal_ids),
    )
    found = {}
    for row in rows:
        last = from_ts(row["last"])
        assert last is not None
        found[(row["goal_id"], row["milestone_id"])] = Changes(row["changes"], last)
    return found


async def rename(
    conn: Connection, goal: Goal, milestone: Milestone | None, title: str, now: datetime
) -> Goal:
    """Give a goal or a milestone a new title and keep the old one in the history."""
    if milestone is None:
        old = goal.title
        await conn.execute(
            "UPDATE goals SET title = ?, updated_at = ? WHERE id = ?", (title, ts(now), goal.id)
        )
        updated = replace(goal, title=title)
    else:
        old = milestone.title
        await conn.execute("UPDATE milestones SET title = ? WHERE id = ?", (title, milestone.id))
        updated = _replace_milestone(goal, replace(milestone, title=title))
    await conn.execute(
        """INSERT INTO title_changes (goal_id, milestone_id, old_title, new_title, changed_at)
           VALUES (?, ?, ?, ?, ?)""",
        (goal.id, milestone.id if milestone else None, old, title, ts(now)),
    )
    return updated


async def title_history(conn: Connection, goal_id: int) -> list[TitleChange]:
    """Every rename of the goal and its milestones, oldest first."""
    rows = await conn.fetch_all(
        "SELECT * FROM title_changes WHERE goal_id = ? ORDER BY id", (goal_id,)
    )
    changes = []
    for row in rows:
        changed = from_ts(row["changed_at"])
        assert changed is not None
        changes.append(
            TitleChange(
                row["goal_id"], row["milestone_id"], row["old_title"], row["new_title"], changed
            )
        )
    return changes
