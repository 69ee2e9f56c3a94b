"""Fixtures: a fake clock, the local Bot API emulator, and the real bot polling it."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

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


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bot.sqlite3"


def make_config(emulator: BotApiEmulator, db_path: Path, tz: str = "UTC") -> Config:
    return Config(
        token=emulator.token,
        database_path=db_path,
        base_url=emulator.base_url,
        default_timezone=tz,
    )


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
