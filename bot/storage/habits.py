"""Habits and their entries: SQL in, domain objects out."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date, datetime

from bot.domain.habit_standing import Mark
from bot.domain.habits import (
    Amount,
    Day,
    Direction,
    Frequency,
    Habit,
    HabitGoal,
    HabitStatus,
    Per,
)
from bot.domain.models import Member
from bot.storage.codec import day, from_day, from_ts, ts
from bot.storage.connection import Connection, Row
from bot.storage.goals import next_goal_number
from bot.storage.rows import marks

# Ids per query: well under SQLite's limit on bound parameters.
_CHUNK = 300
_SELECT = """SELECT h.*, m.first_name AS owner_first_name, m.username AS owner_username,
                    m.timezone AS owner_timezone
             FROM habits h JOIN members m ON m.user_id = h.owner_id"""


_PER = {p.value: p for p in Per}
_DIRECTION = {d.value: d for d in Direction}
_STATUS = {s.value: s for s in HabitStatus}


@functools.lru_cache(maxsize=256)
def _frequency(times: int, per: str, weekdays: str) -> Frequency:
    """A frequency as stored; the few there are are shared (they are immutable)."""
    return Frequency(int(times), _PER[per], frozenset(int(d) for d in weekdays))


def _habit(row: Row) -> HabitGoal:
    amount = None
    if row["direction"] is not None:
        amount = Amount(_DIRECTION[row["direction"]], float(row["amount"]), row["unit"])
    frequency = _frequency(row["times"], row["per"], row["weekdays"])
    rules = Habit(
        frequency,
        from_day(row["starts_on"]),
        amount,
        from_day(row["until"]) if row["until"] else None,
    )
    created = from_ts(row["created_at"])
    assert created is not None
    return HabitGoal(
        id=int(row["id"]),
        chat_id=int(row["chat_id"]),
        number=int(row["number"]),
        owner=Member(
            int(row["owner_id"]),
            row["owner_first_name"],
            row["owner_username"],
            row["owner_timezone"],
        ),
        title=row["title"],
        rules=rules,
        status=_STATUS[row["status"]],
        created_at=created,
        ended_at=from_ts(row["ended_at"]),
    )


async def insert_habit(
    conn: Connection,
    *,
    chat_id: int,
    owner_id: int,
    title: str,
    rules: Habit,
    now: datetime,
) -> HabitGoal:
    """Create a habit with the chat's next goal number."""
    number = await next_goal_number(conn, chat_id)
    amount = rules.amount
    row = await conn.fetch_one(
        """INSERT INTO habits (chat_id, number, owner_id, title, times, per, weekdays,
                               direction, amount, unit, starts_on, until, created_at)
           VALUES (:chat, :number, :owner, :title, :times, :per, :weekdays, :direction,
                   :amount, :unit, :starts, :until, :now)
           RETURNING id""",
        {"chat": chat_id, "number": number, "owner": owner_id, "title": title,
         "times": rules.frequency.times, "per": rules.frequency.per.value,
         "weekdays": "".join(str(d) for d in sorted(rules.frequency.weekdays)),
         "direction": amount.direction.value if amount else None,
         "amount": amount.value if amount else None, "unit": amount.unit if amount else "",
         "starts": day(rules.starts), "until": day(rules.until) if rules.until else None,
         "now": ts(now)},
    )  # fmt: skip
    assert row is not None
    found = await habit_by_id(conn, int(row[0]))
    assert found is not None
    return found


async def habit_by_id(conn: Connection, habit_id: int) -> HabitGoal | None:
    """One habit by its id."""
    row = await conn.fetch_one(f"{_SELECT} WHERE h.id = ?", (habit_id,))
    return _habit(row) if row else None


async def habit_by_number(conn: Connection, chat_id: int, number: int) -> HabitGoal | None:
    """The chat's habit with this number, if that number is a habit's."""
    row = await conn.fetch_one(f"{_SELECT} WHERE h.chat_id = ? AND h.number = ?", (chat_id, number))
    return _habit(row) if row else None


async def habits_in_chat(
    conn: Connection, chat_id: int, statuses: Sequence[HabitStatus] = (HabitStatus.ACTIVE,)
) -> list[HabitGoal]:
    """The chat's habits with these statuses, by number."""
    rows = await conn.fetch_all(
        f"{_SELECT} WHERE h.chat_id = ? AND h.status IN ({marks(statuses)}) ORDER BY h.number",
        (chat_id, *(s.value for s in statuses)),
    )
    return [_habit(r) for r in rows]


async def set_status(
    conn: Connection, habit: HabitGoal, status: HabitStatus, now: datetime
) -> HabitGoal:
    """End or stop a habit."""
    await conn.execute(
        "UPDATE habits SET status = ?, ended_at = ? WHERE id = ?",
        (status.value, ts(now), habit.id),
    )
    found = await habit_by_id(conn, habit.id)
    assert found is not None
    return found


async def log_entry(
    conn: Connection,
    habit_id: int,
    on: date,
    amount: float | None,
    note: str | None,
    now: datetime,
) -> None:
    """Record that the habit was done on a day."""
    await conn.execute(
        """INSERT INTO habit_entries (habit_id, day, amount, note, logged_at)
           VALUES (?, ?, ?, ?, ?)""",
        (habit_id, day(on), amount, note, ts(now)),
    )


async def entries(conn: Connection, habit_id: int, since: date | None = None) -> dict[date, Day]:
    """The habit's entries by day (from a day on, or all of them)."""
    rows = await conn.fetch_all(
        "SELECT day, amount FROM habit_entries WHERE habit_id = ? AND day >= ? ORDER BY id",
        (habit_id, day(since) if since else ""),
    )
    found: dict[date, list[float | None]] = {}
    for row in rows:
        found.setdefault(from_day(row["day"]), []).append(
            None if row["amount"] is None else float(row["amount"])
        )
    return {d: Day(tuple(amounts)) for d, amounts in found.items()}


async def take_back_last(conn: Connection, habit_id: int, since: date) -> date | None:
    """Remove the latest entry from a day on; the day it was on, or None if there was none."""
    row = await conn.fetch_one(
        """DELETE FROM habit_entries WHERE id = (
               SELECT id FROM habit_entries WHERE habit_id = ? AND day >= ?
               ORDER BY logged_at DESC, id DESC LIMIT 1)
           RETURNING day""",
        (habit_id, day(since)),
    )
    return from_day(row[0]) if row else None


async def habits_of_chats(
    conn: Connection,
    chat_ids: Sequence[int],
    statuses: Sequence[HabitStatus] = (HabitStatus.ACTIVE,),
) -> dict[int, list[HabitGoal]]:
    """The habits of several chats with these statuses, by chat, each chat's by number."""
    found: dict[int, list[HabitGoal]] = {}
    for start in range(0, len(chat_ids), _CHUNK):
        chunk = list(chat_ids[start : start + _CHUNK])
        rows = await conn.fetch_all(
            f"""{_SELECT} WHERE h.chat_id IN ({marks(chunk)})
                AND h.status IN ({marks(statuses)}) ORDER BY h.chat_id, h.number""",
            (*chunk, *(s.value for s in statuses)),
        )
        for row in rows:
            habit = _habit(row)
            found.setdefault(habit.chat_id, []).append(habit)
    return found


async def habits_of_owner(
    conn: Connection, owner_id: int, statuses: Sequence[HabitStatus] = (HabitStatus.ACTIVE,)
) -> list[HabitGoal]:
    """A member's habits in every chat, by chat and number."""
    rows = await conn.fetch_all(
        f"""{_SELECT} WHERE h.owner_id = ? AND h.status IN ({marks(statuses)})
            ORDER BY h.chat_id, h.number""",
        (owner_id, *(s.value for s in statuses)),
    )
    return [_habit(r) for r in rows]


async def entries_of_habits(
    conn: Connection, habit_ids: Sequence[int], *, recent: bool = False
) -> dict[int, dict[date, Day]]:
    """The entries of several habits, by habit and day (every habit asked for is there), read
    together for summaries of many chats; recent: only from each habit's mark's reads_from
    day on (all of them for a habit without a mark)."""
    by_habit: dict[int, dict[str, list[float | None]]] = {h: {} for h in habit_ids}
    # Recent: each habit's mark read first (CROSS JOIN keeps it the outer loop), so the index
    # on (habit_id, day) reads only the days from reads_from, in the order the query asks.
    query = (
        """SELECT e.habit_id, e.day, e.amount FROM habits h
           LEFT JOIN habit_marks m ON m.habit_id = h.id
           CROSS JOIN habit_entries e
           WHERE h.id IN ({ids}) AND e.habit_id = h.id AND e.day >= COALESCE(m.reads_from, '')
           ORDER BY h.id, e.day, e.id"""
        if recent
        else """SELECT e.habit_id, e.day, e.amount FROM habit_entries e
                WHERE e.habit_id IN ({ids}) ORDER BY e.habit_id, e.day, e.id"""
    )
    for start in range(0, len(habit_ids), _CHUNK):
        chunk = list(habit_ids[start : start + _CHUNK])
        rows = await conn.fetch_all(query.format(ids=marks(chunk)), chunk)
        for habit_id, on, amount in rows:  # by position: millions of rows at 10,000 groups
            by_habit[habit_id].setdefault(on, []).append(None if amount is None else float(amount))
    # Thousands of habits share a few hundred days and a few ways a day was logged: each
    # date and each Day is made once (both are immutable, so sharing them is safe).
    dates: dict[str, date] = {}
    logged: dict[tuple[float | None, ...], Day] = {}
    found: dict[int, dict[date, Day]] = {}
    for habit_id, days in by_habit.items():
        log = found[habit_id] = {}
        for on, amounts in days.items():
            key = tuple(amounts)
            when = dates.get(on) or dates.setdefault(on, from_day(on))
            log[when] = logged.get(key) or logged.setdefault(key, Day(key))
    return found


async def marks_of(conn: Connection, habit_ids: Sequence[int]) -> dict[int, Mark]:
    """The habits' marks, where they have one."""
    found: dict[int, Mark] = {}
    for start in range(0, len(habit_ids), _CHUNK):
        chunk = list(habit_ids[start : start + _CHUNK])
        rows = await conn.fetch_all(
            f"""SELECT habit_id, day, score, run, best, window_credits FROM habit_marks
                WHERE habit_id IN ({marks(chunk)})""",
            chunk,
        )
        for habit_id, on, score, run, best, window in rows:
            credits = tuple(map(float, window.split(","))) if window else ()
            found[int(habit_id)] = Mark(from_day(on), float(score), int(run), int(best), credits)
    return found


async def save_marks(conn: Connection, found: Sequence[tuple[int, Mark, date]]) -> None:
    """Keep these marks (habit id, mark, the first day a standing from it reads)."""
    await conn.execute_many(
        """INSERT INTO habit_marks (habit_id, day, score, run, best, reads_from, window_credits)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (habit_id) DO UPDATE SET day = excluded.day, score = excluded.score,
               run = excluded.run, best = excluded.best, reads_from = excluded.reads_from,
               window_credits = excluded.window_credits""",
        [
            (h, day(m.day), m.score, m.run, m.best, day(since), ",".join(map(repr, m.window)))
            for h, m, since in found
        ],
    )
