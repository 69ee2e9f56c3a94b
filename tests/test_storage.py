"""Storage on a real SQLite file: migrations from zero, round trips, transactions."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.domain.models import Goal, GoalStatus, Member
from bot.domain.schedules import Kind
from bot.storage import chats, goals, schedules, updates
from bot.storage.connection import Connection
from bot.storage.database import Database, migration_scripts
from tests.conftest import START

BIG_CHAT = -1_009_876_543_210_987  # supergroup ids need 64 bits
BIG_USER = 7_123_456_789


async def open_db(path: Path) -> Database:
    db = Database(path)
    await db.open()
    return db


async def test_migrations_from_zero_and_rerun_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "bot.sqlite3"
    db = await open_db(path)
    latest = migration_scripts()[-1][0]
    assert await db.schema_version() == latest
    await db.migrate()
    assert await db.schema_version() == latest
    await db.close()
    raw = sqlite3.connect(path)
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"chats", "members", "goals", "milestones", "progress_log", "deadline_changes"} <= tables
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()
    db = await open_db(path)  # reopening applies nothing twice
    assert await db.schema_version() == latest
    await db.close()


async def test_pragmas_on_every_connection(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "bot.sqlite3")
    async with db.reading() as conn:
        fk = await conn.fetch_one("PRAGMA foreign_keys")
        busy = await conn.fetch_one("PRAGMA busy_timeout")
    assert fk is not None and fk[0] == 1
    assert busy is not None and busy[0] > 0
    await db.close()


async def seed(db: Database) -> None:
    async with db.transaction() as conn:
        await chats.upsert_chat(conn, BIG_CHAT, "supergroup", "Runners", "Europe/Berlin", START)
        await chats.upsert_member(conn, BIG_CHAT, Member(BIG_USER, "Alice", "alice"), None, START)


async def new_goal(
    conn: Connection, title: str = "Run", chat_id: int = BIG_CHAT, **measure: Any
) -> Goal:
    """Alice's goal due 2027-04-30, set at START; measure: target, unit, why."""
    return await goals.insert_goal(
        conn, chat_id=chat_id, owner_id=BIG_USER, title=title, deadline=date(2027, 4, 30),
        target=measure.get("target"), unit=measure.get("unit", ""), why=measure.get("why"),
        now=START,
    )  # fmt: skip


async def test_goal_round_trip_with_64_bit_ids(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "bot.sqlite3")
    await seed(db)
    title = "Read 📚 '; DROP TABLE goals; --"
    async with db.transaction() as conn:
        goal = await new_goal(conn, title, target=12, unit="books")
        goal = await goals.insert_milestone(conn, goal, "First 3", date(2027, 1, 31), START)
        goal = await goals.log_progress(conn, goal, 3, START)
    await db.close()

    db = await open_db(tmp_path / "bot.sqlite3")
    async with db.reading() as conn:
        loaded = await goals.goal_by_number(conn, BIG_CHAT, 1)
        history = await goals.progress_history(conn, goal.id)
    await db.close()
    assert loaded is not None
    assert loaded.chat_id == BIG_CHAT and loaded.owner == Member(BIG_USER, "Alice", "alice")
    assert loaded.title == title
    assert loaded.deadline == date(2027, 4, 30) and loaded.created_at == START
    assert (loaded.target, loaded.unit, loaded.current) == (12, "books", 3)
    assert [m.title for m in loaded.milestones] == ["First 3"]
    assert history == [(START, 3.0)]


async def test_a_new_goal_is_exactly_what_a_later_read_gives(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "bot.sqlite3")
    await seed(db)
    async with db.transaction() as conn:
        created = await new_goal(conn, "Swim", target=20, unit="km", why="fitness")
    async with db.reading() as conn:
        loaded = await goals.goal_by_number(conn, BIG_CHAT, created.number)
    await db.close()
    assert repr(created) == repr(loaded)  # same values and types (20.0 km, not 20)


async def test_deadline_history_is_kept(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "bot.sqlite3")
    await seed(db)
    async with db.transaction() as conn:
        goal = await new_goal(conn)
        goal = await goals.move_deadline(conn, goal, None, date(2027, 5, 30), "injury", START)
        goal = await goals.move_deadline(conn, goal, None, date(2027, 6, 30), None, START)
        changes = await goals.deadline_history(conn, goal.id)
    assert [(c.old_date, c.new_date, c.reason) for c in changes] == [
        (date(2027, 4, 30), date(2027, 5, 30), "injury"),
        (date(2027, 5, 30), date(2027, 6, 30), None),
    ]
    await db.close()


async def test_status_changes_are_counted(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "bot.sqlite3")
    await seed(db)
    later = START + timedelta(days=1)
    async with db.transaction() as conn:
        goal = await new_goal(conn)
        goal = await goals.set_status(conn, goal, GoalStatus.COMPLETED, START)
        goal = await goals.set_status(conn, goal, GoalStatus.ACTIVE, later)
    async with db.reading() as conn:
        loaded = await goals.goal_by_number(conn, BIG_CHAT, goal.number)
    await db.close()
    assert (goal.status_changes, goal.status_changed_at) == (2, later)
    assert repr(loaded) == repr(goal)


async def test_goals_ended_before_status_changes_were_counted_count_one(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    raw = sqlite3.connect(path)
    for version, _, sql in migration_scripts():
        if version <= 6:
            raw.executescript(sql)
    made, dropped = "2026-11-01T09:00:00+00:00", "2026-11-20T09:00:00+00:00"
    raw.execute(
        "INSERT INTO chats VALUES (?, 'supergroup', 'Runners', 'UTC', ?, 1, NULL)", (BIG_CHAT, made)
    )
    raw.execute("INSERT INTO members VALUES (?, 'Alice', NULL, NULL, ?, 0)", (BIG_USER, made))
    for number, status, abandoned in ((1, "active", None), (2, "abandoned", dropped)):
        raw.execute(
            """INSERT INTO goals (chat_id, number, owner_id, title, deadline, status, created_at,
                                  updated_at, abandoned_at)
               VALUES (?, ?, ?, 'Run', '2027-04-30', ?, ?, ?, ?)""",
            (BIG_CHAT, number, BIG_USER, status, made, made, abandoned),
        )
    raw.execute("PRAGMA user_version = 6")
    raw.commit()
    raw.close()
    db = await open_db(path)
    async with db.reading() as conn:
        kept, ended = await goals.goals_in_chat(conn, BIG_CHAT, statuses=tuple(GoalStatus))
    await db.close()
    assert (kept.status_changes, kept.status_changed_at) == (0, None)
    assert (ended.status_changes, ended.status_changed_at) == (1, ended.abandoned_at)
    assert ended.abandoned_at is not None


async def test_a_failed_action_rolls_back_every_write(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "bot.sqlite3")
    await seed(db)
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            goal = await new_goal(conn)
            await goals.set_status(conn, goal, GoalStatus.COMPLETED, START)
            raise RuntimeError("boom")
    async with db.reading() as conn:
        assert await goals.goals_in_chat(conn, BIG_CHAT) == []
    await db.close()


async def test_goal_numbers_are_unique_per_chat(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "bot.sqlite3")
    await seed(db)
    async with db.transaction() as conn:
        await chats.upsert_chat(conn, -5, "group", "Other", "UTC", START)
        for chat_id in (BIG_CHAT, BIG_CHAT, -5):
            await new_goal(conn, chat_id=chat_id)
        numbers = [(g.chat_id, g.number) for g in await goals.goals_in_chat(conn, BIG_CHAT)]
        other = [(g.chat_id, g.number) for g in await goals.goals_in_chat(conn, -5)]
    assert numbers == [(BIG_CHAT, 1), (BIG_CHAT, 2)] and other == [(-5, 1)]
    await db.close()


async def test_the_latest_moment_is_the_newest_of_updates_and_posts(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "bot.sqlite3")
    async with db.reading() as conn:
        assert await updates.latest_moment(conn) is None
    await seed(db)
    monday = START + timedelta(days=2)
    async with db.transaction() as conn:
        await updates.record(conn, 1, START + timedelta(hours=1))
        await schedules.claim(conn, BIG_CHAT, Kind.CHECKIN, "2026-W49", monday, monday)
    async with db.reading() as conn:
        assert await updates.latest_moment(conn) == monday
    await db.close()


async def test_prompts_sent_since_a_period_leave_out_skipped_and_failed(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "bot.sqlite3")
    await seed(db)
    other = BIG_CHAT + 1
    mondays = [START + timedelta(days=2, weeks=n) for n in range(4)]
    async with db.transaction() as conn:
        await chats.upsert_chat(conn, other, "supergroup", "Readers", "UTC", START)
        for chat_id in (BIG_CHAT, other):
            for n, (status, moment) in enumerate(
                zip(("sent", "skipped", "failed", "sent"), mondays, strict=True)
            ):
                period = f"2026-12-0{n}"
                await schedules.claim(conn, chat_id, Kind.CHECKIN, period, moment, moment)
                await schedules.finish(conn, chat_id, Kind.CHECKIN, period, status, None, moment)
        await schedules.claim(conn, BIG_CHAT, Kind.SUMMARY, "2026-12-03", START, START)
        await schedules.finish(conn, BIG_CHAT, Kind.SUMMARY, "2026-12-03", "sent", None, START)
    async with db.reading() as conn:
        found = await schedules.sent_since(
            conn, Kind.CHECKIN, {BIG_CHAT: "2026-12-00", other: "2026-12-01"}
        )
        assert await schedules.sent_since(conn, Kind.CHECKIN, {}) == {}
    assert found == {
        BIG_CHAT: {"2026-12-00": mondays[0], "2026-12-03": mondays[3]},
        other: {"2026-12-03": mondays[3]},
    }
    await db.close()
