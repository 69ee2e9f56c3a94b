"""A group's data as plain rows, for its CSV export."""

from __future__ import annotations

from typing import Any

from bot.storage.connection import Connection

QUERIES = {
    "goals": """SELECT g.number, m.first_name AS owner, g.title, g.why, g.target, g.baseline,
                       g.unit, g.current, g.deadline, g.status, g.created_at, g.completed_at
                FROM goals g JOIN members m ON m.user_id = g.owner_id
                WHERE g.chat_id = ? ORDER BY g.number""",
    "milestones": """SELECT g.number AS goal, x.number, x.title, x.due_date, x.completed_at,
                            x.removed_at
                     FROM milestones x JOIN goals g ON g.id = x.goal_id
                     WHERE g.chat_id = ? ORDER BY g.number, x.number""",
    "progress": """SELECT g.number AS goal, p.value, p.delta, p.logged_at, p.note
                   FROM progress_log p JOIN goals g ON g.id = p.goal_id
                   WHERE g.chat_id = ? ORDER BY p.id""",
    "checkins": """SELECT c.period, m.first_name AS member, c.status, c.note, c.created_at
                   FROM checkins c JOIN members m ON m.user_id = c.user_id
                   WHERE c.chat_id = ? ORDER BY c.period, c.created_at""",
    # The story around the numbers: what /journal shows everyone in the chat, why dates moved,
    # and who was away when.
    "journal": """SELECT g.number AS goal, m.first_name AS member, a.first_name AS author,
                         j.kind, j.text, j.created_at
                  FROM journal j JOIN members m ON m.user_id = j.member_id
                  JOIN members a ON a.user_id = j.author_id
                  LEFT JOIN goals g ON g.id = j.goal_id
                  WHERE j.chat_id = ? ORDER BY j.id""",
    "reflections": """SELECT m.first_name AS member, r.text, r.created_at
                      FROM reflections r JOIN members m ON m.user_id = r.user_id
                      WHERE r.chat_id = ? ORDER BY r.id""",
    "deadline_changes": """SELECT g.number AS goal, x.number AS milestone, d.old_date,
                                  d.new_date, d.reason, d.changed_at
                           FROM deadline_changes d JOIN goals g ON g.id = d.goal_id
                           LEFT JOIN milestones x ON x.id = d.milestone_id
                           WHERE g.chat_id = ? ORDER BY d.id""",
    "title_changes": """SELECT g.number AS goal, x.number AS milestone, t.old_title,
                               t.new_title, t.changed_at
                        FROM title_changes t JOIN goals g ON g.id = t.goal_id
                        LEFT JOIN milestones x ON x.id = t.milestone_id
                        WHERE g.chat_id = ? ORDER BY t.id""",
    "habits": """SELECT h.number, m.first_name AS owner, h.title, h.times, h.per, h.weekdays,
                        h.direction, h.amount, h.unit, h.starts_on, h.until, h.status,
                        h.created_at, h.ended_at
                 FROM habits h JOIN members m ON m.user_id = h.owner_id
                 WHERE h.chat_id = ? ORDER BY h.number""",
    # Every occurrence: the local day it was done on, how much, and the note with it.
    "habit_entries": """SELECT h.number AS habit, m.first_name AS owner, e.day, e.amount,
                               e.note, e.logged_at
                        FROM habit_entries e JOIN habits h ON h.id = e.habit_id
                        JOIN members m ON m.user_id = h.owner_id
                        WHERE h.chat_id = ? ORDER BY e.day, e.id""",
    "pauses": """SELECT m.first_name AS member, p.starts_at, p.ends_on, p.resumed_at, p.reason
                 FROM pauses p JOIN members m ON m.user_id = p.user_id
                 WHERE p.chat_id = ? ORDER BY p.id""",
}


Table = tuple[list[str], list[tuple[Any, ...]]]


async def chat_tables(conn: Connection, chat_id: int) -> dict[str, Table]:
    """Each exported table's column names and rows for the chat."""
    tables = {}
    for name, sql in QUERIES.items():
        tables[name] = await conn.fetch_table(sql, (chat_id,))
    return tables
