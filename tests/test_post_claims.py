"""Scheduled posts claimed across processes: several bots on one database, each post once.

Each process here is the real Application on the same database (SQLite file or PostgreSQL
schema), ticking on the fake clock; a process that "died" is one that claimed posts and
never came back.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.config import ConfigError, load_config
from bot.context import BotData
from bot.domain.schedules import Kind
from bot.emulator import BotApiEmulator, Chat
from bot.jobs.scheduled_posts import SUMMARY_BATCH
from bot.services import scheduled
from bot.services.scheduled import SENDING_LEASE, DuePost
from bot.storage import schedules
from bot.storage.work import UnitOfWork
from tests.conftest import ON_POSTGRESQL, FakeClock, make_app, run_tick

FRIDAY_17 = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)  # the weekly summaries are due
LEASE = timedelta(minutes=2)  # the default claim lease
GROUPS = SUMMARY_BATCH + 5  # more than one batch of summaries


async def started(app: Application) -> Application:  # type: ignore[type-arg]
    """A second process on the same database: opened and scheduled, not polling."""
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    return app


async def stopped(app: Application) -> None:  # type: ignore[type-arg]
    await app.shutdown()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)


@pytest.fixture
async def others(
    emulator: BotApiEmulator,
    db_path: Path,
    clock: FakeClock,
    bot: Application,  # type: ignore[type-arg]
) -> AsyncIterator[list[Application]]:  # type: ignore[type-arg]
    """Two more processes beside the polling one, on the same database."""
    apps = [await started(make_app(emulator, db_path, clock)) for _ in range(2)]
    yield apps
    for app in apps:
        await stopped(app)


async def clubs(emulator: BotApiEmulator, clock: FakeClock) -> list[Chat]:
    """GROUPS groups, each with one member and a goal; the clock then at their summaries."""
    chats = []
    for n in range(GROUPS):
        chat = emulator.add_group(f"Club {n}")
        person = emulator.person(emulator.add_user(f"Member{n}"), chat)
        await person.say(f"/goal Swim {n + 1} km by 2027-04-30 target {n + 1} km")
        chats.append(chat)
    clock.now = FRIDAY_17
    return chats


def summaries(emulator: BotApiEmulator, chat: Chat) -> int:
    return sum("Summary:" in m.text for m in emulator.bot_messages(chat))


def data(app: Application) -> BotData:  # type: ignore[type-arg]
    found: BotData = app.bot_data
    return found


async def due(app: Application, now: datetime) -> list[DuePost]:  # type: ignore[type-arg]
    """The summaries owed now."""
    owed = await scheduled.due_posts(UnitOfWork(data(app).db), now, timedelta(hours=6))
    return [p for p in owed if p.kind is Kind.SUMMARY]


async def due_in(app: Application, chat: Chat, now: datetime) -> DuePost:  # type: ignore[type-arg]
    """The summary owed to this chat now."""
    (post,) = [p for p in await due(app, now) if p.chat_id == chat.id]
    return post


async def ledger_of(app: Application, chat: Chat) -> tuple[str, str | None]:  # type: ignore[type-arg]
    """The summary's status and holder in the ledger."""
    async with data(app).db.reading() as conn:
        row = await conn.fetch_one(
            "SELECT status, claimed_by FROM deliveries WHERE chat_id = ? AND kind = ?",
            (chat.id, Kind.SUMMARY.value),
        )
    assert row is not None
    return row[0], row[1]


async def test_three_processes_ticking_at_once_send_each_summary_once(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    others: list[Application],  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    chats = await clubs(emulator, clock)
    apps = [bot, *others]
    await asyncio.gather(*(run_tick(app) for app in apps))
    await asyncio.gather(*(run_tick(app) for app in apps))  # and again: nothing more
    assert [summaries(emulator, chat) for chat in chats] == [1] * GROUPS
    holders = {(await ledger_of(bot, chat)) for chat in chats}
    assert {status for status, _ in holders} == {"sent"}
    assert {holder for _, holder in holders} <= {data(app).replica for app in apps}


async def test_posts_a_dead_process_claimed_are_taken_over_when_its_lease_ends(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    chats = await clubs(emulator, clock)
    owed = await due(bot, clock.now)
    work = UnitOfWork(data(bot).db)
    got = await scheduled.claim_posts(work, owed, "died-after-claiming", clock.now, LEASE)
    assert len(got) == GROUPS  # then that process died

    await run_tick(bot)
    clock.advance(seconds=LEASE.total_seconds() - 1)
    await run_tick(bot)  # the lease still runs: the posts are left to their holder
    assert [summaries(emulator, chat) for chat in chats] == [0] * GROUPS

    clock.advance(seconds=1)
    await run_tick(bot)  # the lease ended: taken over, each sent once
    await run_tick(bot)
    assert [summaries(emulator, chat) for chat in chats] == [1] * GROUPS
    assert await ledger_of(bot, chats[0]) == ("sent", data(bot).replica)


async def test_a_process_that_lost_its_claim_does_not_send(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    others: list[Application],  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    """A process too slow to send within its lease (stalled): the post went to another, and
    the slow one, coming back, finds it gone and sends nothing."""
    chats = await clubs(emulator, clock)
    slow, fast = data(others[0]), data(others[1])
    post = await due_in(bot, chats[0], clock.now)
    assert await scheduled.claim_posts(UnitOfWork(slow.db), [post], slow.replica, clock.now, LEASE)
    clock.advance(seconds=LEASE.total_seconds())
    assert await scheduled.claim_posts(UnitOfWork(fast.db), [post], fast.replica, clock.now, LEASE)
    assert not await scheduled.going_out(UnitOfWork(slow.db), post, slow.replica, clock.now)
    assert await scheduled.going_out(UnitOfWork(fast.db), post, fast.replica, clock.now)
    # The fast one's tick owns it now; nobody else claims it while it is on the wire.
    assert not await scheduled.claim_posts(
        UnitOfWork(slow.db), [post], slow.replica, clock.now, LEASE
    )
    await run_tick(others[0])
    assert summaries(emulator, chats[0]) == 0


async def test_a_post_a_dead_process_left_on_the_wire_is_never_sent_again(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """It may have reached Telegram: when its lease ends it is recorded as unknown and logged,
    and the group is not sent a second copy."""
    chats = await clubs(emulator, clock)
    post = await due_in(bot, chats[0], clock.now)
    work = UnitOfWork(data(bot).db)
    assert await scheduled.claim_posts(work, [post], "died-on-the-wire", clock.now, LEASE)
    assert await scheduled.going_out(work, post, "died-on-the-wire", clock.now)

    clock.advance(seconds=SENDING_LEASE.total_seconds() - 1)
    await run_tick(bot)
    assert await ledger_of(bot, chats[0]) == ("sending", "died-on-the-wire")
    clock.advance(seconds=1)
    with caplog.at_level(logging.WARNING):
        await run_tick(bot)
    assert (await ledger_of(bot, chats[0]))[0] == "unknown"
    assert "was being sent by a process that stopped; not sent again" in caplog.text
    await run_tick(bot)
    assert summaries(emulator, chats[0]) == 0
    assert [summaries(emulator, chat) for chat in chats[1:]] == [1] * (GROUPS - 1)


async def test_a_restart_sends_what_its_predecessor_had_only_claimed(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    db_path: Path,
    clock: FakeClock,
) -> None:
    """On SQLite the restarted bot is the only process (the single-instance lock), so the
    claims left are its predecessor's: sent at start-up. On PostgreSQL other replicas may
    hold live claims, so a claim waits for its lease like any other."""
    chats = await clubs(emulator, clock)
    owed = await due(bot, clock.now)
    work = UnitOfWork(data(bot).db)
    assert await scheduled.claim_posts(work, owed, "crashed", clock.now, LEASE)
    clock.advance(seconds=30)
    restarted = await started(make_app(emulator, db_path, clock))  # its start-up tick ran
    try:
        sent_at_start = [summaries(emulator, chat) for chat in chats]
        clock.advance(seconds=LEASE.total_seconds())
        await run_tick(restarted)
    finally:
        await stopped(restarted)
    assert sent_at_start == [0 if ON_POSTGRESQL else 1] * GROUPS
    assert [summaries(emulator, chat) for chat in chats] == [1] * GROUPS


async def test_claims_past_the_grace_window_are_given_up(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    """A post claimed by a process that died, with nobody running until the catch-up grace
    window is over, is not sent hours late: recorded as failed, like a post owed too long."""
    chats = await clubs(emulator, clock)
    owed = await due(bot, clock.now)
    work = UnitOfWork(data(bot).db)
    assert await scheduled.claim_posts(work, owed, "crashed", clock.now, LEASE)
    clock.advance(hours=7)
    await run_tick(bot)
    assert [summaries(emulator, chat) for chat in chats] == [0] * GROUPS
    async with data(bot).db.reading() as conn:
        status = await schedules.status(conn, chats[0].id, Kind.SUMMARY, owed[0].period)
    assert status == "failed"


def test_the_claim_lease_is_read_and_checked() -> None:
    env = {"TELEGRAM_BOT_TOKEN": "123456:" + "A" * 35}
    assert load_config(env, dotenv=None).claim_lease == LEASE
    assert load_config({**env, "CLAIM_LEASE_SECONDS": "45"}, dotenv=None).claim_lease == (
        timedelta(seconds=45)
    )
    for bad in ("5", "two minutes", "7200"):
        with pytest.raises(ConfigError, match=r"CLAIM_LEASE_SECONDS .* from 10 to 3600"):
            load_config({**env, "CLAIM_LEASE_SECONDS": bad}, dotenv=None)


async def test_three_processes_ticking_at_once_send_each_reminder_once(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    others: list[Application],  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    """Deadline reminders and habit reminders are claimed in one transaction just before
    their message goes out: one message per group, whichever process got there first."""
    chats = []
    for n in range(GROUPS):
        chat = emulator.add_group(f"Club {n}")
        person = emulator.person(emulator.add_user(f"Member{n}"), chat)
        await person.say("/goal Run a marathon by 2026-12-10")
        await person.say("/milestone 1 Half marathon by 2026-12-02")
        chats.append(chat)
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    apps = [bot, *others]
    await asyncio.gather(*(run_tick(app) for app in apps))
    await asyncio.gather(*(run_tick(app) for app in apps))
    reminded = [
        sum("Half marathon is due Wed 2 Dec" in m.text for m in emulator.bot_messages(chat))
        for chat in chats
    ]
    assert reminded == [1] * GROUPS
