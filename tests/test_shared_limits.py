"""Flood control and Telegram's flood limits shared in Redis by the bot's processes: however
many replicas a member's commands reach, the same limit; however many replicas send to a
group, Telegram's 20 a minute.

These run when TEST_REDIS_URL names a Redis database the tests may empty (as .ci/run's
second pass does: database 15 of the machine's Redis); each test starts and ends with it
empty.
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from limits import RateLimitItemPerHour
from redis.asyncio import Redis

from bot.caches import COOLDOWN, Admission
from bot.config import load_config
from bot.delivery import PatientRateLimiter
from bot.delivery.shared import SharedBudget
from bot.emulator import BotApiEmulator
from bot.redis_state import RedisFloodGate
from tests.conftest import START, FakeClock, make_app, start_bot, stop_bot

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "").strip()
pytestmark = pytest.mark.skipif(not TEST_REDIS_URL, reason="TEST_REDIS_URL names no Redis")


@pytest.fixture
async def redis_url() -> AsyncIterator[str]:
    client = Redis.from_url(TEST_REDIS_URL)
    await client.flushdb()
    try:
        yield TEST_REDIS_URL
    finally:
        await client.flushdb()
        await client.aclose()


async def test_two_replicas_count_one_members_commands_in_one_window(redis_url: str) -> None:
    one, two = Redis.from_url(redis_url), Redis.from_url(redis_url)
    a, b = RedisFloodGate(one, limit=3), RedisFloodGate(two, limit=3)
    at = START
    # Bob's commands reach either replica: three are let in, the fourth gets the one notice.
    assert await a.admit(-100, 7, at) is Admission.HANDLE
    assert await b.admit(-100, 7, at + timedelta(seconds=1)) is Admission.HANDLE
    assert await a.admit(-100, 7, at + timedelta(seconds=2)) is Admission.HANDLE
    assert await b.admit(-100, 7, at + timedelta(seconds=3)) is Admission.NOTICE
    # The cooldown holds on the other replica too; Alice and Bob elsewhere are not touched.
    assert await a.admit(-100, 7, at + timedelta(seconds=4)) is Admission.IGNORE
    assert await a.admit(-100, 8, at + timedelta(seconds=4)) is Admission.HANDLE
    assert await b.admit(-200, 7, at + timedelta(seconds=4)) is Admission.HANDLE
    # By the injected clock: after the cooldown, an empty window again.
    later = at + timedelta(seconds=3) + COOLDOWN + timedelta(seconds=1)
    assert await a.admit(-100, 7, later) is Admission.HANDLE
    await one.aclose()
    await two.aclose()


async def test_replicas_counting_at_once_let_exactly_the_limit_through(redis_url: str) -> None:
    clients = [Redis.from_url(redis_url) for _ in range(3)]
    gates = [RedisFloodGate(c, limit=20) for c in clients]
    found = await asyncio.gather(
        *(gates[n % 3].admit(-100, 7, START + timedelta(milliseconds=n)) for n in range(50))
    )
    assert Counter(found) == {Admission.HANDLE: 20, Admission.NOTICE: 1, Admission.IGNORE: 29}
    for client in clients:
        await client.aclose()


async def test_telegrams_group_window_is_one_for_every_replica(redis_url: str) -> None:
    # Windows of an hour, so that nothing here frees a place while the test runs.
    few = {"overall": RateLimitItemPerHour(8), "group": RateLimitItemPerHour(5)}
    one, two = SharedBudget(redis_url, "123", **few), SharedBudget(redis_url, "123", **few)
    group_one, group_two = one.group(-100), two.group(-100)
    taken = [await (group_one if n % 2 else group_two).try_acquire() for n in range(5)]
    assert taken == [True] * 5
    assert not await group_one.try_acquire() and not await group_two.try_acquire()
    assert await one.group(-200).try_acquire()  # another group has its own window
    other_bot = SharedBudget(redis_url, "456", **few)
    assert await other_bot.group(-100).try_acquire()  # another bot on the same Redis too
    overall = [await (one if n % 2 else two).overall().try_acquire() for n in range(9)]
    assert overall == [True] * 8 + [False]


async def test_the_rate_limiter_sends_through_the_shared_window(redis_url: str) -> None:
    few = {"overall": RateLimitItemPerHour(100), "group": RateLimitItemPerHour(3)}
    limiter = PatientRateLimiter(shared=SharedBudget(redis_url, "123", **few))
    sent: list[str] = []

    async def send(text: str) -> bool:
        sent.append(text)
        return True

    for n in range(3):
        await limiter.process_request(send, (f"m{n}",), {}, "sendMessage", {"chat_id": -5}, None)
    assert sent == ["m0", "m1", "m2"]
    # The group's three places of the hour are taken, for the other replicas as well.
    assert not await SharedBudget(redis_url, "123", **few).group(-5).try_acquire()


async def test_the_bot_with_redis_counts_flood_control_there(
    emulator: BotApiEmulator, tmp_path: Path, clock: FakeClock, redis_url: str
) -> None:
    app = make_app(
        emulator, tmp_path / "bot.sqlite3", clock, flood_per_minute=3, redis_url=redis_url
    )
    await start_bot(app)
    try:
        bob = emulator.add_user("Bob", "bob")
        chat = emulator.add_group("Runners Club")
        person = emulator.person(bob, chat)
        for n in range(3):
            reply = await person.say(f"/goal Run {n + 5} km by 2027-03-01 target {n + 5} km")
            assert f"#{n + 1}" in reply.text
        notice = await person.say("/goals")
        assert "1-minute breather" in notice.text
        keys = [k.decode() async for k in Redis.from_url(redis_url).scan_iter("flood:*")]
        assert any(k.endswith(f":{bob.id}:cooldown") for k in keys)
    finally:
        await stop_bot(app)


def test_redis_url_is_read_and_checked() -> None:
    env = {"TELEGRAM_BOT_TOKEN": "123456:" + "A" * 35, "REDIS_URL": "redis://cache:6379/2"}
    config = load_config(env, dotenv=None)
    assert config.redis_url == "redis://cache:6379/2"
    from bot.app import build_application

    limiter = build_application(config).bot.rate_limiter
    assert isinstance(limiter, PatientRateLimiter) and limiter.shared is not None
    with pytest.raises(Exception, match="REDIS_URL must be a Redis address"):
        load_config({**env, "REDIS_URL": "memcached://x"}, dotenv=None)
