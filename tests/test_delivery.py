"""Delivery guarantees: once per period across restarts, catch-up within the grace window,
wall-clock time across DST, fan-out to many groups, refusals and retries."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.domain.schedules import Kind
from bot.emulator import BotApiEmulator, Chat
from bot.storage import schedules as schedule_store
from tests.conftest import FakeClock, Group, make_app, make_store, run_tick, start_bot, stop_bot

MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def prompts(emulator: BotApiEmulator, chat: Chat) -> int:
    return sum("Check-in time" in m.text for m in emulator.bot_messages(chat))


def prompt_attempts(emulator: BotApiEmulator, chat: Chat) -> list[object]:
    return [
        c
        for c in emulator.calls_to("sendMessage")
        if c.params["chat_id"] == chat.id and "Check-in time" in c.params["text"]
    ]


async def test_missed_post_is_sent_once_after_a_restart_within_the_grace_window(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    db_path: Path,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/start")
    await stop_bot(bot)  # down across Monday 09:00
    clock.now = MONDAY_9 + timedelta(hours=2)
    again = make_app(emulator, db_path, clock)
    await start_bot(again)  # catch-up runs at start-up, before polling
    assert prompts(emulator, group.chat) == 1
    await run_tick(again)
    await stop_bot(again)
    third = make_app(emulator, db_path, clock)
    await start_bot(third)
    await run_tick(third)
    assert prompts(emulator, group.chat) == 1
    await stop_bot(third)


async def test_posts_missed_beyond_the_grace_window_are_skipped_and_logged(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    db_path: Path,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await group.alice.say("/start")
    await stop_bot(bot)
    clock.now = MONDAY_9 + timedelta(hours=7)
    again = make_app(emulator, db_path, clock)
    with caplog.at_level(logging.WARNING):
        await start_bot(again)
    assert prompts(emulator, group.chat) == 0
    assert any("skipped checkin" in r.getMessage() for r in caplog.records)
    await run_tick(again)
    assert prompts(emulator, group.chat) == 0
    await stop_bot(again)


async def test_grace_window_is_configurable(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    db_path: Path,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/start")
    await stop_bot(bot)
    clock.now = MONDAY_9 + timedelta(hours=7)
    again = make_app(emulator, db_path, clock, catch_up_grace=timedelta(hours=8))
    await start_bot(again)
    assert prompts(emulator, group.chat) == 1
    await stop_bot(again)


async def test_a_claim_left_by_a_crash_is_never_resent(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    db_path: Path,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await group.alice.say("/start")
    await stop_bot(bot)
    # The bot claimed Monday's prompt, Telegram may have got it, and the process died
    # before recording it as sent.
    db = make_store(db_path)
    await db.open()
    async with db.transaction() as conn:
        await schedule_store.claim(
            conn, group.chat.id, Kind.CHECKIN, "2026-11-30", MONDAY_9, MONDAY_9
        )
    await db.close()
    clock.now = MONDAY_9 + timedelta(minutes=1)
    again = make_app(emulator, db_path, clock)
    with caplog.at_level(logging.WARNING):
        await start_bot(again)
    await run_tick(again)
    assert prompts(emulator, group.chat) == 0
    assert any("was being sent when the bot stopped" in r.getMessage() for r in caplog.records)
    await stop_bot(again)


async def ticks_until(bot: Application, clock: FakeClock, end: datetime, step: timedelta) -> None:  # type: ignore[type-arg]
    while clock.now < end:
        clock.advance(seconds=step.total_seconds())
        await run_tick(bot)


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected_utc"),
    [
        # Spring forward: 02:30 does not exist; it fires once at 03:00 local.
        ("Europe/Berlin", datetime(2026, 3, 29, tzinfo=UTC), "02:30", datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        ("America/New_York", datetime(2026, 3, 8, tzinfo=UTC), "02:30", datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),
        # Fall back: 02:30 (01:30) happens twice; it fires once, the first time.
        ("Europe/Berlin", datetime(2026, 10, 25, tzinfo=UTC), "02:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        ("America/New_York", datetime(2026, 11, 1, tzinfo=UTC), "01:30", datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
        # An ordinary day: local wall-clock time.
        ("Europe/Berlin", datetime(2026, 7, 1, tzinfo=UTC), "09:00", datetime(2026, 7, 1, 7, 0, tzinfo=UTC)),
    ],
)  # fmt: skip
async def test_posts_fire_once_at_local_wall_clock_time_across_dst(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    zone: str,
    day: datetime,
    at: str,
    expected_utc: datetime,
) -> None:
    clock.now = day - timedelta(days=1)
    await group.alice.say(f"/timezone {zone}")
    await group.alice.say(f"/schedule checkin daily {at}")
    clock.now = day - timedelta(hours=2)
    await run_tick(bot)
    before = prompts(emulator, group.chat)
    step = timedelta(minutes=5)
    while clock.now < day + timedelta(hours=12):
        clock.advance(minutes=5)
        await run_tick(bot)
        if prompts(emulator, group.chat) > before:
            break
    assert clock.now == expected_utc
    await ticks_until(bot, clock, day + timedelta(hours=12), step)
    assert prompts(emulator, group.chat) == before + 1


async def test_fan_out_to_many_groups_survives_one_that_removed_the_bot(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    admin = emulator.add_user("Alice")
    groups = [emulator.add_group(f"Group {n}", admins=(admin,)) for n in range(40)]
    for chat in groups:
        await emulator.person(admin, chat).say("/start")
    gone = groups[7]
    emulator.kick_bot(gone)
    emulator.fail_next_send(groups[3], 429, "Too Many Requests: retry after 1", retry_after=1)
    clock.now = MONDAY_9
    await run_tick(bot)
    for chat in groups:
        assert prompts(emulator, chat) == (0 if chat is gone else 1), chat.title
    assert len(prompt_attempts(emulator, gone)) == 1

    clock.now = MONDAY_9 + timedelta(days=7)
    await run_tick(bot)  # the removed group is no longer scheduled
    assert len(prompt_attempts(emulator, gone)) == 1
    assert prompts(emulator, groups[0]) == 2

    before = len(emulator.bot_messages(gone))
    await emulator.add_bot(gone, by=admin)  # added again: it introduces itself, and is scheduled
    hello = await emulator.next_bot_message(gone, before)
    assert "I'm your accountability bot" in hello.text
    clock.now = MONDAY_9 + timedelta(days=14)
    await run_tick(bot)
    assert prompts(emulator, gone) == 1
