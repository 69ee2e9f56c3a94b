"""The disk under the bot: its database file deleted or replaced while it runs, a second bot
on the same file through a link, and another process holding the write lock for a long time."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.emulator import BotApiEmulator, Chat, Person
from bot.render.common import SORRY
from bot.storage import database, maintenance
from tests.conftest import BotProcess, FakeClock, Group, bot_env, run_tick, sqlite_only

# The file deleted, replaced, locked or full: SQLite's faults (PostgreSQL keeps no file here).
pytestmark = sqlite_only

MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # a weekly check-in is due
EXIT_DATABASE_GONE = 8


def bot_command(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=bot_env(tmp_path, **env),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def goal_titles(path: Path) -> list[str]:
    """The goals stored in a database file, read the way an operator would."""
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in conn.execute("SELECT title FROM goals ORDER BY number")]


def texts(emulator: BotApiEmulator, chat: Chat) -> list[str]:
    return [m.text for m in emulator.bot_messages(chat)]


# ---- the file deleted or replaced while the bot runs -------------------------------------


async def stopped_by(process: BotProcess, emulator: BotApiEmulator, me: Person) -> int:
    """Send a command after the fault; the exit code of the process, which stops on it."""
    await emulator.send(me.user, me.chat, "/goal Swim the channel by 2030-01-01")
    assert process.proc is not None
    return await asyncio.wait_for(process.proc.wait(), 30)


async def test_a_deleted_database_file_stops_the_bot_before_it_confirms_anything(
    process: BotProcess, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    me = emulator.person(alice, chat)
    db = tmp_path / "data" / "bot.sqlite3"
    await process.start()
    assert "Goal #1 for Alice" in (await me.say("/goal Run a marathon by 2030-01-01")).text

    db.unlink()
    assert await stopped_by(process, emulator, me) == EXIT_DATABASE_GONE
    assert not any("Swim the channel" in text for text in texts(emulator, chat))
    assert texts(emulator, chat)[-1] == SORRY  # told it did not happen
    log = process.log.read_text()
    assert (
        f"the database file {db} was deleted or moved away while the bot ran; "
        "stopping so nothing more is written to it" in log
    )
    assert f"error: the database file {db} was deleted or moved away" in log
    # What the bot held is saved, and its WAL does not stay to be read as a new file's.
    (rescued,) = db.parent.glob("bot.sqlite3.rescued-*")
    assert f"python -m bot restore {rescued}" in log
    assert sorted(p.name for p in db.parent.iterdir()) == [rescued.name]
    assert goal_titles(rescued) == ["Run a marathon"]

    # The operator puts it back, and the bot carries on from there.
    restored = await asyncio.to_thread(bot_command, tmp_path, "restore", str(rescued))
    assert restored.returncode == 0, restored.stderr
    await process.start()
    listing = await me.say("/goals")
    assert "Run a marathon" in listing.text and "Swim the channel" not in listing.text
    assert await process.stop() == 0


async def test_a_replaced_database_file_stops_the_bot_and_the_new_file_stays_whole(
    process: BotProcess, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    me = emulator.person(alice, chat)
    db = tmp_path / "data" / "bot.sqlite3"
    await process.start()
    await me.say("/goal Run a marathon by 2030-01-01")
    copy = tmp_path / "backups" / "bot.sqlite3"
    made = await asyncio.to_thread(bot_command, tmp_path, "backup", str(copy))
    assert made.returncode == 0, made.stderr
    assert "Goal #2" in (await me.say("/goal Read 12 books by 2030-01-01")).text

    os.replace(copy, db)  # the wrong way to restore: under the running bot
    assert await stopped_by(process, emulator, me) == EXIT_DATABASE_GONE
    assert not any("Swim the channel" in text for text in texts(emulator, chat))
    log = process.log.read_text()
    assert (
        f"the database file {db} was replaced by another file while the bot ran; "
        "stopping so nothing more is written to it" in log
    )
    # The old file's WAL is gone from beside the path: SQLite would have read it as the new
    # file's WAL and corrupted it. The file put there is whole, and untouched.
    assert not db.with_name("bot.sqlite3-wal").exists()
    assert goal_titles(db) == ["Run a marathon"]
    (rescued,) = db.parent.glob("bot.sqlite3.rescued-*")
    assert goal_titles(rescued) == ["Run a marathon", "Read 12 books"]


async def test_an_idle_bot_notices_at_its_next_tick_and_answers_nothing_from_the_lost_file(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    db_path: Path,
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    os.remove(db_path)
    clock.now = MONDAY_9
    await run_tick(bot)
    gone = bot.bot_data.db.gone
    assert gone is not None and gone.how == "deleted or moved away"
    assert not any("Check-in time" in text for text in texts(emulator, group.chat))
    # Reads are refused too: a listing from the lost file would be from nowhere.
    assert (await group.alice.say("/goals")).text == SORRY
    assert len(emulator.bot_messages(group.chat)) == 2  # one apology, not one per handler


# ---- one bot per database file, by whatever path -----------------------------------------


@pytest.mark.parametrize("link", ["symbolic", "hard"])
async def test_a_second_bot_through_a_link_to_the_same_file_is_refused(
    process: BotProcess, emulator: BotApiEmulator, tmp_path: Path, link: str
) -> None:
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    db = tmp_path / "data" / "bot.sqlite3"
    await process.start()
    copy = tmp_path / "backups" / "bot.sqlite3"
    made = await asyncio.to_thread(bot_command, tmp_path, "backup", str(copy))
    assert made.returncode == 0, made.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    alias = elsewhere / "alias.sqlite3"
    if link == "symbolic":
        alias.symlink_to(db)
    else:
        os.link(db, alias)

    second = await asyncio.to_thread(
        bot_command, tmp_path, "run", DATABASE_PATH=str(alias), TELEGRAM_BASE_URL=emulator.base_url
    )
    assert second.returncode == 6, second.stderr
    assert f"error: another bot is running on {alias}" in second.stderr
    restore = await asyncio.to_thread(
        bot_command, tmp_path, "restore", str(copy), DATABASE_PATH=str(alias)
    )
    assert restore.returncode == 6 and "a bot is running" in restore.stderr
    assert maintenance.is_running(alias)
    # Neither opened the database through the link (through a hard link SQLite would have
    # made a second WAL for the same file).
    assert sorted(p.name for p in elsewhere.iterdir()) == ["alias.sqlite3"]
    # The first bot never noticed.
    reply = await emulator.person(alice, chat).say("/goal Run a marathon by 2030-01-01")
    assert "Goal #1 for Alice" in reply.text
    assert await process.stop() == 0
    assert not maintenance.is_running(alias)


def test_the_run_lock_is_on_the_file_and_leaves_sqlite_alone(tmp_path: Path) -> None:
    db = tmp_path / "data" / "bot.sqlite3"
    alias = tmp_path / "alias.sqlite3"
    lock = maintenance.take_run_lock(db)  # makes the (empty) file
    try:
        alias.symlink_to(db)
        with pytest.raises(maintenance.Locked):
            maintenance.take_run_lock(alias)
        assert maintenance.is_running(db) and maintenance.is_running(alias)
        # SQLite's own locks on the same file are another kind, untouched by this one.
        with closing(sqlite3.connect(db, isolation_level=None)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("CREATE TABLE t (x)")
            conn.execute("COMMIT")
    finally:
        lock.close()
    assert not maintenance.is_running(alias)
    assert not (tmp_path / "data" / "bot.sqlite3.lock").exists()  # no file named after a path
    assert not maintenance.is_running(tmp_path / "none.sqlite3")
    assert not (tmp_path / "none.sqlite3").exists()  # asking makes no file


# ---- another process holding the write lock ------------------------------------------------


@pytest.fixture(autouse=True)
def quick_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite gives up one try at a lock after 50 ms (not 5 s) in this module's bots, so
    "held longer than the busy timeout" takes a fraction of a second."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)


@contextmanager
def write_lock_held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another connection holds the database's write lock (BEGIN IMMEDIATE) until the block
    ends, as a backup tool or a sqlite3 shell might."""
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        try:
            yield other
        finally:
            other.execute("ROLLBACK")


class WriteTries:
    """Counts the bot's tries at the write lock (BEGIN IMMEDIATE statements)."""

    def __init__(self) -> None:
        self.count = 0
        self._loop = asyncio.get_running_loop()
        self._wanted = 0
        self._reached = asyncio.Event()

    def __call__(self, statement: str) -> None:  # SQLite calls it in aiosqlite's thread
        if statement.strip().upper() == "BEGIN IMMEDIATE":
            self.count += 1
            if self.count >= self._wanted:
                self._loop.call_soon_threadsafe(self._reached.set)

    async def reach(self, wanted: int) -> None:
        """Wait until the bot has tried this many times."""
        self._wanted, self._reached = wanted, asyncio.Event()
        if self.count >= wanted:
            return
        await asyncio.wait_for(self._reached.wait(), 10)


@pytest.fixture
async def tries(bot: Application) -> AsyncIterator[WriteTries]:  # type: ignore[type-arg]
    counter = WriteTries()
    await bot.bot_data.db.trace(counter)
    yield counter
    await bot.bot_data.db.trace(None)


async def test_a_command_waits_for_a_locked_database_and_is_answered_when_it_frees(
    group: Group, emulator: BotApiEmulator, db_path: Path, tries: WriteTries
) -> None:
    await group.alice.say("/goals")  # the chat is registered
    with write_lock_held(db_path):
        before = tries.count
        await emulator.send(group.alice.user, group.chat, "/goal Run a marathon by 2030-01-01")
        # Three tries: held well past SQLite's timeout, where it used to fail.
        await tries.reach(before + 3)
        assert len(emulator.bot_messages(group.chat)) == 1  # no reply, no apology yet
    reply = await emulator.next_bot_message(group.chat, 1)
    assert "Goal #1 for Alice: Run a marathon" in reply.text
    assert goal_titles(db_path) == ["Run a marathon"]  # committed once


async def test_the_scheduler_waits_too_and_posts_once(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    db_path: Path,
    tries: WriteTries,
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    clock.now = MONDAY_9
    with write_lock_held(db_path):
        before = tries.count
        ticking = asyncio.create_task(run_tick(bot))
        await tries.reach(before + 3)
        assert not ticking.done()
        assert not any("Check-in time" in text for text in texts(emulator, group.chat))
    await ticking
    await run_tick(bot)
    prompts = [text for text in texts(emulator, group.chat) if "Check-in time" in text]
    assert len(prompts) == 1


async def test_past_the_wait_the_command_is_refused_with_nothing_half_written(
    group: Group,
    emulator: BotApiEmulator,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await group.alice.say("/goals")
    monkeypatch.setattr(database, "BUSY_WAIT_SECONDS", 0.3, raising=False)
    with write_lock_held(db_path):
        refused = await group.alice.say("/goal Run a marathon by 2030-01-01")
    assert refused.text == SORRY
    assert "giving up on this change (nothing of it was written)" in caplog.text
    assert goal_titles(db_path) == []
    # Nothing of the first try is left over: the next one is goal #1.
    reply = await group.alice.say("/goal Run a marathon by 2030-01-01")
    assert "Goal #1 for Alice: Run a marathon" in reply.text
    assert goal_titles(db_path) == ["Run a marathon"]
