"""When Telegram says no, or says nothing: retried only when it surely did not arrive."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from telegram.ext import Application

from bot.delivery import ratelimit
from bot.emulator import BotApiEmulator, Chat
from tests.conftest import FakeClock, Group, run_tick

MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def count(emulator: BotApiEmulator, chat: Chat, marker: str) -> int:
    return sum(marker in m.text for m in emulator.bot_messages(chat))


def gateway_down(emulator: BotApiEmulator, chat: Chat, monkeypatch: pytest.MonkeyPatch) -> None:
    """More 502s in a row than the rate limiter retries (quickly): the tick gives up on it."""
    monkeypatch.setattr(ratelimit, "FIRST_BACKOFF", 0.01)
    for _ in range(ratelimit.GATEWAY_RETRIES + 1):
        emulator.fail_next_send(chat, 502, "Bad Gateway")


async def test_a_refused_post_is_not_retried_and_others_still_go_out(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    admin = emulator.add_user("Alice")
    groups = [emulator.add_group(f"Group {n}", admins=(admin,)) for n in range(4)]
    for chat in groups:
        await emulator.person(admin, chat).say("/start")
    refused, busy = groups[1], groups[2]
    emulator.fail_next_send(refused, 400, "Bad Request: chat not found")
    gateway_down(emulator, busy, monkeypatch)
    clock.now = MONDAY_9
    await run_tick(bot)
    assert [count(emulator, c, "Check-in time") for c in groups] == [1, 0, 0, 1]
    clock.advance(seconds=30)
    await run_tick(bot)  # the 502 is retried; the 400 is not
    assert [count(emulator, c, "Check-in time") for c in groups] == [1, 0, 1, 1]
    attempts = [c for c in emulator.calls_to("sendMessage") if c.params["chat_id"] == refused.id]
    assert len([c for c in attempts if "Check-in time" in c.params["text"]]) == 1


async def test_a_post_whose_answer_was_lost_is_not_sent_blindly_again(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    await group.alice.say("/start")
    emulator.drop_reply_to_next_send(group.chat)
    clock.now = MONDAY_9
    await run_tick(bot)
    for _ in range(2):
        clock.advance(seconds=30)
        await run_tick(bot)
    # A check-in prompt is missed more than minded twice: sent once more, saying so, then no more.
    prompts = [m.text for m in emulator.bot_messages(group.chat) if "Check-in time" in m.text]
    assert len(prompts) == 2
    assert "Sent again" not in prompts[0] and "Sent again" in prompts[1]


async def test_a_later_part_failing_never_resends_the_first(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    people = [emulator.person(emulator.add_user(f"Member{n:02d}"), group.chat) for n in range(40)]
    for n, person in enumerate(people):
        title = f"Goal of member {n:02d} " + "with a long and detailed description " * 3
        await person.say(f"/goal {title.strip()} by 2027-06-01 target 10 pages")
    emulator.fail_next_send(group.chat, 400, "Bad Request: message is too long", after=1)
    clock.now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    for _ in range(3):
        await run_tick(bot)
        clock.advance(seconds=30)
    assert count(emulator, group.chat, "📊 Summary: Runners Club") == 1


async def test_a_quarterly_review_of_many_long_goals_fits_telegrams_limit(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    for n in range(20):
        await group.alice.say(f"/goal {chr(65 + n)}{'x' * 198} by 2027-06-01 target 5 km")
        await group.bob.say(f"/goal {chr(65 + n)}{'y' * 198} by 2027-06-01 target 5 km")
    clock.now = datetime(2027, 1, 1, 10, 0, tzinfo=UTC)
    await run_tick(bot)
    reviews = [m for m in emulator.bot_messages(group.chat) if "Quarterly review" in m.text]
    assert len(reviews) > 2
    assert sum(len(m.buttons()) for m in reviews) == 40 * 3
    assert all(len(m.text) <= 4096 for m in reviews)


async def test_firings_swallowed_by_an_outage_are_recorded_and_logged(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await group.alice.say("/schedule checkin daily 09:00")  # set on Saturday at 09:00
    clock.now = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)  # Wednesday: Sat to Tue were missed
    with caplog.at_level(logging.WARNING):
        await run_tick(bot)
    assert count(emulator, group.chat, "Check-in time") == 1
    skipped = [r.getMessage() for r in caplog.records if "skipped checkin" in r.getMessage()]
    assert len(skipped) == 4, skipped
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        await run_tick(bot)
    assert not [r for r in caplog.records if "skipped" in r.getMessage()]


async def test_after_an_outage_each_group_skips_only_what_it_missed_since_its_last_post(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    chess = emulator.add_group("Chess Club", admins=(group.bob.user,))
    bob_at_chess = emulator.person(group.bob.user, chess)
    for person in (group.alice, bob_at_chess):
        await person.say("/schedule checkin daily 09:00")  # set on Saturday at 09:00
    clock.now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)  # Sunday: both groups prompted
    await run_tick(bot)
    clock.now = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)  # Tuesday evening, bot still down
    choir = emulator.add_group("Choir", admins=(group.carol.user,))
    await emulator.person(group.carol.user, choir).say("/schedule checkin daily 09:00")
    clock.now = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)  # Wednesday: Mon and Tue missed
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        await run_tick(bot)
    skipped = [r.getMessage() for r in caplog.records if "skipped checkin" in r.getMessage()]
    for chat in (group.chat, chess):  # Monday and Tuesday each, not Sunday (it went out)
        mine = [m for m in skipped if f"chat {chat.id} " in m]
        assert len(mine) == 2, skipped
        assert count(emulator, chat, "Check-in time") == 2  # Sunday's and Wednesday's
    assert not [m for m in skipped if f"chat {choir.id} " in m]  # its first firing is today
    assert count(emulator, choir, "Check-in time") == 1


async def test_changing_the_time_zone_does_not_post_at_once(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    clock.now = datetime(2026, 11, 30, 8, 30, tzinfo=UTC)  # 09:30 in Berlin
    await group.alice.say("/start")
    await group.alice.say("/timezone Europe/Berlin")
    await run_tick(bot)
    assert count(emulator, group.chat, "Check-in time") == 0


async def test_reminder_failures_retry_only_when_safe(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await group.alice.say("/goal Run a marathon by 2026-12-20")
    await group.alice.say("/milestone 1 Half marathon by 2026-12-02")
    await group.alice.say("/schedule off checkin")
    gateway_down(emulator, group.chat, monkeypatch)
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    assert count(emulator, group.chat, "is due") == 0
    clock.advance(seconds=30)
    await run_tick(bot)
    assert count(emulator, group.chat, "is due") == 1

    emulator.kick_bot(group.chat)
    clock.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    await run_tick(bot)  # the nudge is refused: the chat is no longer scheduled
    emulator.readd_bot(group.chat)
    clock.advance(days=1)
    await run_tick(bot)
    assert count(emulator, group.chat, "was due") == 0
