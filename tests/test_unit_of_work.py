"""The unit of work and per-chat numbering, on the test's database (a real SQLite file, or
its PostgreSQL schema)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.domain.errors import HandledElsewhere
from bot.domain.models import Member
from bot.storage import chats, goals, updates
from bot.storage.connection import Store
from bot.storage.database import migration_scripts
from bot.storage.work import HandledUpdate, UnitOfWork
from tests.conftest import START, make_store, sqlite_only

CHAT, USER = -100_200, 42


async def opened(path: Path) -> Store:
    db = make_store(path)
    await db.open()
    async with db.transaction() as conn:
        await chats.upsert_chat(conn, CHAT, "supergroup", "Runners", "Europe/Berlin", START)
        await chats.upsert_member(conn, CHAT, Member(USER, "Ana", None), None, START)
    return db


async def add_goal(work: UnitOfWork, title: str) -> int:
    async with work.transaction() as conn:
        goal = await goals.insert_goal(
            conn, chat_id=CHAT, owner_id=USER, title=title, deadline=date(2027, 4, 30),
            target=None, unit="", why=None, now=START,
        )  # fmt: skip
    return goal.number


async def handled(db: Store, update_id: int) -> bool:
    async with db.reading() as conn:
        return await updates.seen(conn, update_id)


async def test_the_handled_note_commits_with_the_first_transaction(tmp_path: Path) -> None:
    db = await opened(tmp_path / "bot.sqlite3")
    work = UnitOfWork(db)
    work.note_handled(HandledUpdate(7, START))
    async with work.reading():
        pass
    assert work.unsaved and not await handled(db, 7)  # reading stores nothing
    await add_goal(work, "Run")
    assert not work.unsaved and await handled(db, 7)
    await db.close()


async def test_a_failed_command_stores_neither_its_change_nor_the_note(tmp_path: Path) -> None:
    db = await opened(tmp_path / "bot.sqlite3")
    work = UnitOfWork(db)
    work.note_handled(HandledUpdate(8, START))
    with pytest.raises(RuntimeError):
        async with work.transaction() as conn:
            await goals.insert_goal(
                conn, chat_id=CHAT, owner_id=USER, title="Swim", deadline=date(2027, 4, 30),
                target=None, unit="", why=None, now=START,
            )  # fmt: skip
            raise RuntimeError("the command failed after writing")
    assert work.unsaved and not await handled(db, 8)
    async with db.reading() as conn:
        assert await goals.goal_by_number(conn, CHAT, 1) is None
    await work.finish()  # the update is still handled once: its note is stored alone
    assert not work.unsaved and await handled(db, 8)
    await db.close()


async def test_an_update_two_processes_handle_is_applied_by_the_first_only(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bot.sqlite3"
    one = await opened(path)
    two = make_store(path)  # another replica: Telegram gave it the update again
    await two.open()
    first, second = UnitOfWork(one), UnitOfWork(two)
    # Both found the update new (neither had committed yet), and both carry out the command.
    for work in (first, second):
        work.note_handled(HandledUpdate(77, START))
    assert await add_goal(first, "Run") == 1
    with pytest.raises(HandledElsewhere):
        await add_goal(second, "Run")
    assert not second.unsaved  # and its end stores nothing either
    await second.finish()
    async with one.reading() as conn:
        assert await goals.goal_by_number(conn, CHAT, 2) is None
        assert (await goals.goal_by_number(conn, CHAT, 1)) is not None
    assert await handled(two, 77)
    await one.close()
    await two.close()


async def test_of_two_processes_handling_an_update_at_once_exactly_one_applies_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bot.sqlite3"
    one = await opened(path)
    two = make_store(path)
    await two.open()
    works = [UnitOfWork(db) for db in (one, two) for _ in range(3)]
    for work in works:
        work.note_handled(HandledUpdate(78, START))
    found = await asyncio.gather(*(add_goal(w, "Swim") for w in works), return_exceptions=True)
    assert Counter(map(type, found)) == {int: 1, HandledElsewhere: 5}
    async with one.reading() as conn:
        assert [g.title for g in await goals.goals_in_chat(conn, CHAT)] == ["Swim"]
    await one.close()
    await two.close()


async def test_old_notes_are_forgotten_when_the_note_says_so(tmp_path: Path) -> None:
    db = await opened(tmp_path / "bot.sqlite3")
    first = UnitOfWork(db)
    first.note_handled(HandledUpdate(1, START))
    await first.finish()
    later = START + timedelta(days=3)
    second = UnitOfWork(db)
    second.note_handled(HandledUpdate(1000, later, forget_before=later - timedelta(days=2)))
    await second.finish()
    assert not await handled(db, 1) and await handled(db, 1000)
    await db.close()


async def test_a_goal_number_is_never_given_twice(tmp_path: Path) -> None:
    db = await opened(tmp_path / "bot.sqlite3")
    work = UnitOfWork(db)
    assert [await add_goal(work, t) for t in ("Run", "Swim")] == [1, 2]
    async with work.transaction() as conn:
        await conn.execute("DELETE FROM goals WHERE chat_id = ? AND number = 2", (CHAT,))
    # #2 may still be named in old messages and calendar files: the next goal is #3.
    assert await add_goal(work, "Ride") == 3
    await db.close()


async def test_two_connections_writing_at_once_number_every_goal_once(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    one = await opened(path)
    two = make_store(path)  # a second process on the same database
    await two.open()
    numbers = await asyncio.gather(
        *(add_goal(UnitOfWork(db), f"Goal {i}") for i in range(20) for db in (one, two))
    )
    assert sorted(numbers) == list(range(1, 41))
    await one.close()
    await two.close()


@sqlite_only
async def test_numbering_continues_from_a_database_made_before_the_counters(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bot.sqlite3"
    raw = sqlite3.connect(path, isolation_level=None)
    counters = next(v for v, name, _ in migration_scripts() if "counters" in name)
    before = [s for s in migration_scripts() if s[0] < counters]
    for version, _, sql in before:
        raw.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
    raw.execute(
        "INSERT INTO chats (chat_id, type, title, timezone, registered_at) "
        "VALUES (?, 'supergroup', 'Runners', 'Europe/Berlin', '2026-01-01')",
        (CHAT,),
    )
    raw.execute(
        "INSERT INTO members (user_id, first_name, updated_at) VALUES (?, 'Ana', '2026-01-01')",
        (USER,),
    )
    for number in (1, 2, 5):
        raw.execute(
            "INSERT INTO goals (chat_id, number, owner_id, title, deadline, created_at, "
            "updated_at) VALUES (?, ?, ?, 'Old', '2027-01-01', '2026-01-01', '2026-01-01')",
            (CHAT, number, USER),
        )
    raw.execute(
        "INSERT INTO milestones (goal_id, number, title, due_date, created_at) "
        "SELECT id, 3, 'Half', '2026-06-01', '2026-01-01' FROM goals WHERE number = 5"
    )
    raw.close()
    db = await opened(path)
    work = UnitOfWork(db)
    assert await add_goal(work, "New") == 6
    async with work.transaction() as conn:
        goal = await goals.goal_by_number(conn, CHAT, 5)
        assert goal is not None
        goal = await goals.insert_milestone(conn, goal, "Most", date(2026, 9, 1), START)
    assert [m.number for m in goal.milestones] == [3, 4]
    await db.close()
