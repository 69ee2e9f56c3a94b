"""Fixtures: a fake clock, the local Bot API emulator, and the real bot polling it."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import signal
import sqlite3
import sys
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.config import Config
from bot.delivery import PatientRateLimiter
from bot.delivery.policy import SEND_TIMEOUT
from bot.emulator import BotApiEmulator, Chat, Person, SentMessage, Topic
from bot.emulator.server import DEFAULT_TOKEN
from bot.jobs.scheduled_posts import JOB_NAME
from bot.storage.backend import database_for
from bot.storage.connection import Store

# A Saturday morning; every date in the tests is relative to it.
START = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
# Tests run the scheduler's tick themselves, at the fake clock's time.
TICK_NEVER = 86_400.0


async def run_tick(app: Application) -> None:  # type: ignore[type-arg]
    """Run the scheduler's job now, the way the JobQueue runs it."""
    assert app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(app)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move time forward."""
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    emu = BotApiEmulator()
    await emu.start()
    yield emu
    await emu.stop()


# TEST_DATABASE_URL=postgresql://... runs the suite on PostgreSQL: each test gets a schema of
# its own there, made before it and dropped after it. Without it, each test's SQLite file.
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
ON_POSTGRESQL = bool(TEST_DATABASE_URL)
# For a test about SQLite's file itself (its locks, its faults, its backups).
sqlite_only = pytest.mark.skipif(ON_POSTGRESQL, reason="about SQLite's database file")
# The database the running test's configurations name ("" on SQLite: its db_path).
_database_url = ""


def with_schema(url: str, schema: str) -> str:
    """The address with the schema first on the search path (asyncpg passes an unknown
    query parameter to the server as a setting)."""
    return f"{url}{'&' if '?' in url else '?'}search_path={schema}"


@pytest.fixture(autouse=True)
async def database_url() -> AsyncIterator[str]:
    """On PostgreSQL, a fresh schema for the test (dropped after it), and its address."""
    global _database_url
    if not ON_POSTGRESQL:
        yield ""
        return
    import asyncpg

    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = await asyncpg.connect(TEST_DATABASE_URL)
    try:
        await admin.execute(f"CREATE SCHEMA {schema}")
    finally:
        await admin.close()
    _database_url = with_schema(TEST_DATABASE_URL, schema)
    try:
        yield _database_url
    finally:
        _database_url = ""
        admin = await asyncpg.connect(TEST_DATABASE_URL)
        try:
            await admin.execute(f"DROP SCHEMA {schema} CASCADE")
        finally:
            await admin.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bot.sqlite3"


def make_config(emulator: BotApiEmulator, db_path: Path, tz: str = "UTC") -> Config:
    return Config(
        token=emulator.token,
        database_path=db_path,
        database_url=_database_url,
        base_url=emulator.base_url,
        default_timezone=tz,
    )


class _StoredRows:
    """What a query through `peek` found, read as from a sqlite3 cursor."""

    def __init__(self, rows: list[Any]) -> None:
        self.rows = rows

    def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[Any]:
        return self.rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)


class _PostgresPeek:
    """The test's PostgreSQL schema behind the few sqlite3 calls the tests use to look at
    (or set up) stored rows: each statement on a connection of its own, in a thread of its
    own (the test's event loop stays the bot's), committed at once."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.row_factory: object = None  # sqlite3.Row: rows by column name too

    def execute(
        self, sql: str, params: Sequence[object] | Mapping[str, object] = ()
    ) -> _StoredRows:
        import asyncpg

        from bot.storage.postgres import bind

        text, args = bind(sql, params)

        async def run() -> list[Any]:
            conn = await asyncpg.connect(self.url)
            try:
                return list(await conn.fetch(text, *args))
            finally:
                await conn.close()

        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            rows = pool.submit(asyncio.run, run()).result()
        return _StoredRows(rows if self.row_factory is not None else [tuple(r) for r in rows])

    def iterdump(self) -> Iterator[str]:
        """Every table's rows, a line each, in one order (what sqlite3's dump is compared for)."""
        for table in tables_of(self):
            rows = self.execute(f"SELECT * FROM {table}").fetchall()
            for row in sorted(rows, key=repr):
                yield f'INSERT INTO "{table}" VALUES{row!r};'  # as sqlite3 writes it

    def commit(self) -> None:
        pass  # each statement is committed as it runs

    def close(self) -> None:
        pass


def peek(db_path: Path) -> Any:
    """A look at the test's stored rows, as a sqlite3 connection gives it: the SQLite file
    itself, or the test's PostgreSQL schema (SQL written for SQLite, `?` placeholders)."""
    if _database_url:
        return _PostgresPeek(_database_url)
    return sqlite3.connect(db_path)


def tables_of(conn: Any) -> list[str]:
    """The tables of a database `peek` looks at."""
    if isinstance(conn, _PostgresPeek):
        sql = """SELECT table_name FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
                 ORDER BY table_name"""
    else:
        sql = "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
    return [r[0] for r in conn.execute(sql)]


def columns_of(conn: Any, table: str) -> list[str]:
    """A table's columns, in order."""
    if isinstance(conn, _PostgresPeek):
        return [
            r[0]
            for r in conn.execute(
                """SELECT column_name FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = ?
                   ORDER BY ordinal_position""",
                (table,),
            )
        ]
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def foreign_keys_of(conn: Any, table: str) -> list[tuple[str, str, str]]:
    """A table's foreign keys: (the table pointed at, this column, the column pointed at)."""
    if isinstance(conn, _PostgresPeek):
        return [
            (r[0], r[1], r[2])
            for r in conn.execute(
                """SELECT p.relname, a.attname, pa.attname FROM pg_constraint c
                   JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid
                   JOIN pg_namespace n ON n.oid = t.relnamespace
                   CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(child, parent)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.child
                   JOIN pg_attribute pa ON pa.attrelid = p.oid AND pa.attnum = k.parent
                   WHERE c.contype = 'f' AND n.nspname = current_schema() AND t.relname = ?""",
                (table,),
            )
        ]
    return [(r[2], r[3], r[4]) for r in conn.execute(f"PRAGMA foreign_key_list({table})")]


def row_key(conn: Any) -> str:
    """What names one row of any table: SQLite's rowid, PostgreSQL's ctid (as text)."""
    return "CAST(ctid AS TEXT)" if isinstance(conn, _PostgresPeek) else "rowid"


def make_store(db_path: Path) -> Store:
    """The test's database, not yet opened: its SQLite file, or its PostgreSQL schema."""
    return database_for(_database_url, db_path)


def make_app(
    emulator: BotApiEmulator,
    db_path: Path,
    clock: FakeClock,
    send_timeout: float = SEND_TIMEOUT,
    base_url: str | None = None,
    **settings: object,
) -> Application:  # type: ignore[type-arg]
    """The bot as `python -m bot run` builds it, but on the fake clock and with test settings
    (base_url: talk to Telegram through something else, such as a faulty proxy)."""
    config = replace(make_config(emulator, db_path), **settings)  # type: ignore[arg-type]
    if base_url is not None:
        config = replace(config, base_url=base_url)
    return build_application(
        config,
        clock=clock,
        rate_limiter=PatientRateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=2),
        tick_seconds=TICK_NEVER,
        send_timeout=send_timeout,
    )


async def start_bot(app: Application, poll_timeout: int = 5) -> None:  # type: ignore[type-arg]
    """What run_polling does, step by step, so the test keeps the event loop."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(
        poll_interval=0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
    )
    await app.start()


async def stop_bot(app: Application) -> None:  # type: ignore[type-arg]
    """The matching shutdown."""
    assert app.updater is not None
    if app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)


@pytest.fixture
async def bot(
    emulator: BotApiEmulator, db_path: Path, clock: FakeClock
) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The real Application, polling the emulator over HTTP, with the fake clock."""
    app = make_app(emulator, db_path, clock)
    await start_bot(app)
    yield app
    await stop_bot(app)


@dataclass
class Group:
    """A group chat with three members; Alice is its admin."""

    chat: Chat
    alice: Person
    bob: Person
    carol: Person


@pytest.fixture
def group(emulator: BotApiEmulator, bot: Application) -> Group:  # type: ignore[type-arg]
    alice = emulator.add_user("Alice", "alice")
    bob = emulator.add_user("Bob", "bob")
    carol = emulator.add_user("Carol", "carol")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    return Group(
        chat,
        emulator.person(alice, chat),
        emulator.person(bob, chat),
        emulator.person(carol, chat),
    )


@dataclass
class Forum:
    """A supergroup with topics: Alice (its admin) and Bob talk in the topic "Running"."""

    chat: Chat
    topic: Topic
    alice: Person
    bob: Person
    alice_in_general: Person
    bob_in_general: Person


@pytest.fixture
async def forum(emulator: BotApiEmulator, bot: Application) -> Forum:  # type: ignore[type-arg]
    alice = emulator.add_user("Alice", "alice")
    bob = emulator.add_user("Bob", "bob")
    chat = emulator.add_group("Runners Club", admins=(alice,), forum=True)
    topic = await emulator.create_topic(chat, "Running", alice)
    return Forum(
        chat,
        topic,
        emulator.person(alice, chat, topic),
        emulator.person(bob, chat, topic),
        emulator.person(alice, chat),
        emulator.person(bob, chat),
    )


def outside(emulator: BotApiEmulator, chat: Chat, topic: Topic | None) -> list[SentMessage]:
    """The bot's messages in the chat that are not in the topic (None: not in General)."""
    return [m for m in emulator.bot_messages(chat) if m.topic is not topic]


async def carol_mentors(group: Group, emulator: BotApiEmulator) -> Chat:
    """Alice makes Carol a mentor, and Carol opens a private chat with the bot, where her
    digests go; returns that chat."""
    await group.carol.say("/goals")  # the bot has seen @carol now
    await group.alice.say("/mentor @carol")
    private = emulator.private_chat(group.carol.user)
    await emulator.person(group.carol.user, private).say("/start")
    return private


def bot_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN,
        DATABASE_PATH=str(tmp_path / "data" / "bot.sqlite3"),
        **({"DATABASE_URL": _database_url} if _database_url else {}),
        DEFAULT_TIMEZONE="UTC",
        LOG_LEVEL="DEBUG",
    )
    env.update(overrides)
    return env


class BotProcess:
    """`python -m bot run` in a subprocess, logging to a file."""

    def __init__(self, tmp_path: Path, emulator: BotApiEmulator) -> None:
        self.tmp_path, self.emulator = tmp_path, emulator
        self.log = tmp_path / "bot.log"
        self.proc: asyncio.subprocess.Process | None = None

    async def start(
        self, ready: str = "getUpdates", python: tuple[str, ...] = ("-m", "bot", "run"), **env: str
    ) -> None:
        """Start the process; return once it called `ready` (it polls, or set its webhook).

        python: the interpreter's arguments (a test may wrap `python -m bot run`)."""
        ready_before = len(self.emulator.calls_to(ready))
        with self.log.open("a") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, *python,
                cwd=self.tmp_path,
                env=bot_env(self.tmp_path, TELEGRAM_BASE_URL=self.emulator.base_url, **env),
                stdout=log, stderr=log,
            )  # fmt: skip
        await self.emulator.wait_until(
            lambda: len(self.emulator.calls_to(ready)) > ready_before,
            timeout=60,
            what="the bot process to start polling",
        )

    async def stop(self) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.proc.wait(), 30)


@pytest.fixture
async def process(tmp_path: Path, emulator: BotApiEmulator) -> AsyncIterator[BotProcess]:
    bot = BotProcess(tmp_path, emulator)
    yield bot
    if bot.proc is not None and bot.proc.returncode is None:
        bot.proc.kill()
        await bot.proc.wait()
